"""Write a file completely or not at all: temp file in the same folder, then rename."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

_SUFFIX = ".tmp"


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", *, encoding: str | None = "utf-8",
                durable: bool = True) -> Iterator[IO]:
    """Open a temporary sibling of ``path``; on success it replaces ``path``, on error it vanishes.

    ``durable``: the data reach the disk before the rename (``fsync``), so a crash
    leaves the old file or the new one; a cache that is checked when read can skip it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_SUFFIX, dir=path.parent)
    try:
        kwargs = {"encoding": encoding, "newline": ""} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def temporaries(folder: str | os.PathLike, names: Iterable[str]) -> list[Path]:
    """The temporary files :func:`atomic_open` left in ``folder`` for files named ``names``.

    Only a process killed while writing leaves one: a caller that knows no such
    write is under way (it holds the folder) may remove them.
    """
    folder = Path(folder)
    found = []
    for name in names:
        prefix = f".{name}."
        found += [p for p in folder.glob(f".{glob.escape(name)}.*{_SUFFIX}")
                  if p.name.startswith(prefix) and "." not in p.name[len(prefix):-len(_SUFFIX)]]
    return found

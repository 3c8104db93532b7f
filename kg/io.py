"""Stage 1, read: turn paths into :class:`~kg.schema.Document` objects, one at a time.

Documents are yielded lazily so memory grows with the graph, not the corpus.
Problems with single files are reported through ``on_problem`` and the file is
skipped; the caller decides whether that is fatal (``--strict``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.schema import Document

logger = logging.getLogger(__name__)

SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Problem:
    """A file (or line of a file) that could not be read."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


ProblemHandler = Callable[[Problem], None]


def iter_files(paths: Iterable[str | os.PathLike], on_problem: ProblemHandler) -> Iterator[tuple[Path, Path]]:
    """Yield ``(file, root)`` for every readable input file, folders recursively, sorted."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith("."):
                    if f.suffix.lower() in SUFFIXES:
                        yield f, p
                    else:
                        on_problem(Problem(str(f), f"unknown extension {f.suffix!r}: skipped"))
        elif p.is_file():
            yield p, p.parent
        else:
            on_problem(Problem(str(p), "no such file or folder"))


def doc_id_for(path: Path, root: Path) -> str:
    """A document id that is stable across runs: the path relative to its input root."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def read_documents(paths: Iterable[str | os.PathLike], *, encoding: str | None = None,
                   on_problem: ProblemHandler | None = None) -> Iterator[Document]:
    """Read every document under ``paths``.

    Args:
        paths: files and folders (searched recursively).
        encoding: force this encoding instead of UTF-8.
        on_problem: called for each file that is skipped; by default a warning is logged.

    Yields:
        One :class:`Document` per readable file, in sorted path order.
    """
    handler = on_problem or (lambda pr: logger.warning("%s", pr))
    for f, root in iter_files(paths, handler):
        try:
            data = f.read_bytes()
        except OSError as err:
            handler(Problem(str(f), f"cannot read: {err.strerror or err}"))
            continue
        try:
            text = data.decode(encoding or "utf-8-sig")
        except (UnicodeDecodeError, LookupError) as err:
            handler(Problem(str(f), f"cannot decode as {encoding or 'UTF-8'}: {err}; "
                                    "pass --encoding"))
            continue
        if not text.strip():
            handler(Problem(str(f), "empty file: skipped"))
            continue
        yield Document(id=doc_id_for(f, root), text=text, path=str(f))


def require_inputs(paths: Iterable[str]) -> list[str]:
    """Fail early, with the path, when none of the inputs exists."""
    paths = list(paths)
    missing = [p for p in paths if p != "-" and not os.path.exists(p)]
    if missing and len(missing) == len(paths):
        raise InputError(f"no such file or folder: {', '.join(missing)} "
                         "(give .txt files or folders that hold them)")
    return paths

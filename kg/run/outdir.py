"""The output folder: one build at a time, nothing left of killed builds, the files of a build as one set.

A build holds the folder (:func:`output_folder`): a second build into it waits,
and says which process it waits for; the lock goes with its holder, however
that one ends. Holding it, a build removes what killed builds left: their
temporary folders (``.kg-build-*``) and half-written files (``.graph.json.*.tmp``).

Each file is written under a temporary name and renamed into place, so no
file is ever seen half-written. A set of files cannot be renamed at once;
instead every file of a build is written first, then they are renamed into
place, then ``manifest.json`` is (:func:`swap_in`): it names the build and
each file it wrote, with the size and modification time the file has. A
reader that wants files of one build checks them against the manifest
(:func:`stale_files`): while files are swapped in, and after a build killed
then, the manifest still names the last complete set, and the files that
differ from it show.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import __version__
from kg.export import FORMATS, export
from kg.export._atomic import atomic_open, temporaries
from kg.run.cache import CACHE_DIR

if TYPE_CHECKING:
    import networkx as nx

logger = logging.getLogger(__name__)

try:
    import fcntl
except ImportError:         # Windows: builds are not kept apart there
    fcntl = None

LOCK_NAME = ".kg-lock"
MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
TMP_PREFIX = ".kg-build-"


@contextlib.contextmanager
def output_folder(out_dir: str | os.PathLike, *, cache_files: Iterable[str] = ()) -> Iterator[Path]:
    """Hold ``out_dir`` (created if missing) for one build, then remove what killed builds left in it.

    Args:
        out_dir: the output folder.
        cache_files: names of files in ``.kg-cache/`` written with
            :func:`kg.export._atomic.atomic_open`, whose stale temporaries to remove too.
    """
    out = Path(out_dir)
    with _locked(out / LOCK_NAME):
        _remove_stale(out, cache_files)
        yield out


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path``, which names its holder; waits (saying for whom) while another holds it."""
    while True:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    logger.warning("waiting for %s to finish its build in %s", _holder(path), path.parent)
                    fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:    # not a file its last holder removed (with its folder) while we waited
                os.ftruncate(fd, 0)
                command = " ".join(sys.argv)
                os.write(fd, json.dumps({"pid": os.getpid(), "since": _now(), "command": command[:200]},
                                        ensure_ascii=False).encode())
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        os.close(fd)            # releases the lock


def _holder(path: Path) -> str:
    """Who holds the lock, as its file says."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"process {info['pid']} ({info['command']}, since {info['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another process"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def _remove_stale(out: Path, cache_files: Iterable[str]) -> None:
    """Remove the temporary folders and files of builds that were killed (none runs: we hold the folder)."""
    names = [name for _, _, name in FORMATS.values()] + [MANIFEST_NAME]
    stale = [*out.glob(f"{TMP_PREFIX}*"), *temporaries(out, names), *temporaries(out / CACHE_DIR, cache_files)]
    for path in stale:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    if stale:
        logger.info("removed %d temporary files and folders of interrupted builds in %s", len(stale), out)


def write_outputs(G: nx.MultiDiGraph, out_dir: str | os.PathLike, formats: Iterable[str], *,
                  options: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, os.stat_result]:
    """Export ``G`` into a temporary folder inside ``out_dir``, then swap the files in (:func:`swap_in`).

    An exporter that fails (or Ctrl-C) leaves every file of the previous build as it was.
    Returns each file's name and status, as the manifest records it.
    """
    tmp = tempfile.mkdtemp(prefix=TMP_PREFIX, dir=out_dir)
    try:
        return swap_in(export(G, tmp, formats, options=options), out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def swap_in(written: Iterable[str | os.PathLike], out_dir: str | os.PathLike) -> dict[str, os.stat_result]:
    """Rename files written elsewhere in ``out_dir``'s file system into it, then write the manifest.

    Returns each file's name and status, as the manifest records it.
    """
    files = {}
    for path in map(Path, written):
        files[path.name] = path.stat()
        os.replace(path, Path(out_dir) / path.name)
    write_manifest(out_dir, files)
    return files


def write_manifest(out_dir: str | os.PathLike, files: dict[str, os.stat_result]) -> None:
    """Name a new build and the files it wrote (by their status as written) in ``manifest.json``, last."""
    manifest = {"format": MANIFEST_FORMAT, "build": uuid.uuid4().hex, "kg": __version__, "finished": _now(),
                "files": {name: {"bytes": st.st_size, "mtime_ns": st.st_mtime_ns} for name, st in files.items()}}
    with atomic_open(Path(out_dir) / MANIFEST_NAME) as fh:
        json.dump(manifest, fh, indent=1)
        fh.write("\n")


def read_manifest(out_dir: str | os.PathLike) -> dict | None:
    """The manifest of the last complete build in ``out_dir``, or ``None`` if there is none."""
    try:
        return json.loads((Path(out_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def stale_files(out_dir: str | os.PathLike) -> list[str] | None:
    """The files the manifest names whose size or modification time is not what the build wrote.

    An empty list: every file the last complete build wrote is there as it wrote it.
    ``None``: no manifest (no build finished, or one by a kg that wrote none).
    """
    manifest = read_manifest(out_dir)
    if manifest is None:
        return None
    out = []
    for name, want in manifest["files"].items():
        try:
            st = os.stat(Path(out_dir) / name)
        except FileNotFoundError:
            out.append(name)
            continue
        if (st.st_size, st.st_mtime_ns) != (want["bytes"], want["mtime_ns"]):
            out.append(name)
    return out

"""Part of stage 1, read: which files to read, from the paths given on the command line.

Folders are searched recursively for the suffixes kg reads, leaving out hidden
files, what is no regular file (a FIFO would block), and kg's own output
folders; the result is sorted by document id (the path relative to the input
root), so that it does not depend on the order the inputs were listed in.
:mod:`kg.read.documents` reads them.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.schema import ANNOTATION_SUFFIX, CORRECTIONS_NAME

logger = logging.getLogger(__name__)

__all__ = ["Problem", "ProblemHandler", "Source", "collect_sources", "count_documents", "require_inputs",
           "SUFFIXES", "SIDECAR", "STDIN", "OUTPUT_MARKERS"]

#: file suffix -> format
SUFFIXES: dict[str, str] = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html",
                            ".jsonl": "jsonl"}
SIDECAR = ".meta.json"
STDIN = "-"


@dataclass(frozen=True)
class Problem:
    """A file (or line of a file) that could not be read, or, ``skipped=False``, was read with damage."""

    path: str
    message: str
    line: int | None = None
    skipped: bool = True

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


ProblemHandler = Callable[[Problem], None]


@dataclass(frozen=True, order=True)
class Source:
    """One input to read: its document id, the path as given and its format."""

    doc_id: str
    path: str
    format: str


def _walk(folder: Path, on_problem: ProblemHandler) -> Iterator[tuple[str, list[str]]]:
    """``(folder, names)`` for each folder under ``folder``, sorted, with the regular files in it.

    Hidden files and folders are left out, and so are kg's own output folders
    (:func:`_is_output`) below ``folder``: a build into ``corpus/output`` must not
    read its ``graph.html`` back as a document next time. A FIFO, socket or device
    is reported and skipped: opening a FIFO blocks until someone writes to it.
    """
    pending = [str(folder)]
    while pending:
        top = pending.pop()
        try:
            with os.scandir(top) as it:
                entries = list(it)
        except OSError as err:
            on_problem(Problem(str(err.filename or top), f"cannot list folder: {err.strerror or err}"))
            continue
        dirs, files = [], []
        for e in entries:
            if e.name.startswith("."):
                continue
            if e.is_dir():
                if not e.is_symlink():      # links to folders are not followed, as in os.walk
                    dirs.append(e.name)
            elif e.is_file():               # a file or a link to one: no stat for most entries
                files.append(e.name)
            else:
                path = e.name if top == "." else e.path
                on_problem(Problem(path, _not_regular(path)))
        yield top, sorted(files)
        for d in sorted(dirs, reverse=True):      # depth first, in name order
            path = os.path.join(top, d)
            if _is_output(path):
                logger.info("%s: not read, it is a folder kg wrote its output into", path)
            else:
                pending.append(path)


#: what marks a folder as kg's output: its cache, or the graph a build writes first
OUTPUT_MARKERS = (".kg-cache", "graph.json")


def _is_output(folder: str) -> bool:
    """A folder kg built into (it holds ``.kg-cache/`` or ``graph.json``)."""
    return any(os.path.exists(os.path.join(folder, m)) for m in OUTPUT_MARKERS)


def _not_regular(path: str) -> str:
    """Why a path that exists is no file to read (a FIFO would block ``open`` forever)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        return f"cannot read: {err.strerror or err}"
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"{kind}, not a regular file: skipped"


def _suffix(name: str) -> str:
    """``Path(name).suffix``, without making a path."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _rel_id(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def collect_sources(paths: Iterable[str | os.PathLike], on_problem: ProblemHandler) -> list[Source]:
    """Every input file under ``paths``, deduplicated and sorted by document id.

    Files found in folders must have a known suffix; a file named explicitly
    with another suffix is read as plain text. Sidecars (``*.meta.json``), the
    corrections file (``kg-corrections.csv``), annotations (``*.gold.json``) and
    hidden files are not documents.
    """
    found: dict[str, tuple[str, str, str]] = {}   # real path -> (doc id, path, format)
    for raw in paths:
        if str(raw) == STDIN:
            found.setdefault(STDIN, ("stdin", STDIN, "stdin"))
            continue
        p = Path(raw)
        if p.is_dir():
            for dirpath, names in _walk(p, on_problem):
                # Per folder what pathlib and realpath would work out per file (the same strings).
                folder = Path(dirpath)
                rel = _rel_id(folder, p)
                prefix = str(folder)
                prefix = "" if prefix == "." else prefix if prefix.endswith("/") else prefix + "/"
                real = os.path.realpath(dirpath)
                for name in names:
                    if name.endswith((SIDECAR, ANNOTATION_SUFFIX)) or name == CORRECTIONS_NAME:
                        continue
                    suffix = _suffix(name)
                    fmt = SUFFIXES.get(suffix.lower())
                    if fmt is None:
                        on_problem(Problem(prefix + name, f"unknown extension {suffix or '(none)'!r} "
                                                          f"(kg reads {', '.join(SUFFIXES)})"))
                        continue
                    path = prefix + name
                    key = os.path.realpath(path) if os.path.islink(path) else os.path.join(real, name)
                    cand = (name if rel == "." else f"{rel}/{name}", path, fmt)
                    found[key] = min(found.get(key, cand), cand)
        elif p.exists() and not p.is_file():
            on_problem(Problem(str(p), _not_regular(str(p))))
        elif p.exists():
            key = os.path.realpath(p)
            cand = (p.name, str(p), SUFFIXES.get(p.suffix.lower(), "text"))
            found[key] = min(found.get(key, cand), cand)
        else:
            on_problem(Problem(str(p), "no such file or folder"))
    by_id: dict[str, int] = {}
    for doc_id, _, _ in found.values():
        by_id[doc_id] = by_id.get(doc_id, 0) + 1
    # Two different files with one id (a/x.txt, b/x.txt given as files): use the paths.
    return sorted(Source(i if by_id[i] == 1 else Path(p).as_posix(), p, fmt)
                  for i, p, fmt in found.values())


def count_documents(paths: Iterable[str | os.PathLike]) -> int | None:
    """About how many documents :func:`read_documents` will yield, cheaply: for a progress bar's total.

    One per file, one per non-blank line of a ``.jsonl`` file (counted, not parsed);
    files that turn out unreadable are counted too. ``None`` for standard input,
    whose length is unknown until it is read.
    """
    total = 0
    for src in collect_sources(paths, lambda pr: None):
        if src.path == STDIN:
            return None
        if src.format != "jsonl":
            total += 1
            continue
        try:
            with open(src.path, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            total += 1
    return total


def require_inputs(paths: Iterable[str]) -> list[str]:
    """Fail early, with the path, when none of the inputs exists."""
    paths = list(paths)
    missing = [p for p in paths if p != STDIN and not os.path.exists(p)]
    if missing and len(missing) == len(paths):
        raise InputError(f"no such file or folder: {', '.join(missing)} "
                         "(give .txt, .md, .html or .jsonl files, folders that hold them, or - for stdin)")
    return paths

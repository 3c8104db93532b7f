"""The extraction cache: one stored result per document text and pipeline version.

``extract`` is a pure function of a document's text (and title), so its result
can be kept between builds. The cache lives in the output folder
(``OUTPUT/.kg-cache/results.sqlite``); an entry is found by the hash of the text
and title under the current :func:`pipeline_version`, which changes whenever
kg's extraction code or data files change. Document id and date are not part of
the key: the builder re-applies them from the current :class:`Document`, so a
renamed or re-dated file reuses its entry.

The cache also lists the input files of the last build (:meth:`ResultCache.inputs`):
a file whose size and modification time have not changed since is not read
again, and its documents' results are taken as they are.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import logging
import os
import sqlite3
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import kg
from kg.errors import KGError
from kg.rows import ROWS_FORMAT
from kg.schema import Document

logger = logging.getLogger(__name__)

CACHE_DIR = ".kg-cache"
DB_NAME = "results.sqlite"
COMMIT_EVERY = 500
LOOKUP_BATCH = 64      # keys per query: far cheaper than one query per document
PAGE_SIZE = 16384
MMAP_SIZE = 1 << 30

_loads = json.JSONDecoder().decode
T = TypeVar("T")

# What extraction depends on, relative to the kg package folder (kg/nlp/extract.py is in the nlp tree).
_CODE_FILES = ("schema.py",)
_CODE_TREES = (("nlp", "*.py"), ("data", "*"))
_NOT_READ_BY_EXTRACTION = ("rule_confidence.csv",)     # read when edges are made: measuring rules keeps the cache
_DEPENDENCIES = ("spacy", "jieba")


@functools.lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A short hash of everything extraction depends on, computed once per process.

    It covers ``kg.__version__``, the installed spaCy and jieba versions, the
    format results are cached and sent in (``ROWS_FORMAT``: a kg that reads
    another format finds no entry, and a worker that writes one is refused), and
    the bytes of ``kg/schema.py``, ``kg/nlp/**/*.py`` and ``kg/data/**``.
    """
    root = Path(kg.__file__).parent
    files = [root / name for name in _CODE_FILES]
    for folder, pattern in _CODE_TREES:
        files += sorted(f for f in (root / folder).rglob(pattern)
                        if f.is_file() and "__pycache__" not in f.parts and f.name not in _NOT_READ_BY_EXTRACTION)
    h = hashlib.sha256(f"kg {kg.__version__}\nrows {ROWS_FORMAT}\n".encode())
    for dist in _DEPENDENCIES:
        try:
            h.update(f"{dist} {importlib.metadata.version(dist)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{dist} ?\n".encode())
    for f in files:
        h.update(f.relative_to(root).as_posix().encode() + b"\0")
        h.update(f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def text_key(document: Document) -> str:
    """The cache key of a document: a hash of what extraction reads (title and text)."""
    h = hashlib.sha256(document.title.encode("utf-8", "surrogatepass") + b"\0")
    h.update(document.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class ResultCache:
    """Extraction results stored in one SQLite file, for one pipeline version.

    Use as a context manager; :meth:`close` commits and drops the entries of
    other pipeline versions, so the file holds one version's results.

    Args:
        folder: the output folder; the cache goes into ``folder/.kg-cache/``.
        version: the pipeline version entries are stored under (default:
            :func:`pipeline_version`).
    """

    def __init__(self, folder: str | os.PathLike, *, version: str | None = None) -> None:
        self.path = Path(folder) / CACHE_DIR / DB_NAME
        self.version = version or pipeline_version()
        self.hits = self.misses = 0
        self.damaged = False        # found damaged, and started over: results it had are gone
        self._uncommitted = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as err:
            self._db = self._start_over(err, None)

    def _start_over(self, err: sqlite3.DatabaseError, db: sqlite3.Connection | None) -> sqlite3.Connection:
        """Move a damaged database aside (for whoever wants to look at it) and start a new, empty one."""
        aside = self.path.with_name(self.path.name + ".damaged")
        warnings.warn(f"unreadable extraction cache {self.path} ({err}): moved to {aside.name}, "
                      "starting a new one (the documents it held are extracted again)", stacklevel=3)
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()
        os.replace(self.path, aside)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{self.path}-journal")       # a journal of the damaged file is not this one's
        self.damaged = True
        self._uncommitted = 0
        return self._open()

    def _safely(self, action: Callable[[sqlite3.Connection], T], *, retry: bool = False, default: T = None) -> T:
        """``action(db)``; on a damaged database, start over and give ``default`` (or, to write, do it again)."""
        try:
            return action(self._db)
        except sqlite3.DatabaseError as err:
            if _is_full(err):
                raise KGError(f"cannot write the extraction cache {self.path} ({err}): is the disk full? "
                              "Free some space, or build with --no-cache") from err
            if not _is_damage(err):
                raise
            self._db = self._start_over(err, self._db)
        return action(self._db) if retry else default

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60)
        # A row whose text is not UTF-8 (damage) reads as None, as a missing one; not as an error for all.
        db.text_factory = _text
        try:
            # A result takes ~16 KB: bigger pages mean fewer overflow pages per read (for a new
            # file only), and reading through a memory map saves a system call and a copy per page.
            db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            db.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
            db.execute("CREATE TABLE IF NOT EXISTS results (version TEXT NOT NULL, key TEXT NOT NULL, "
                       "result TEXT NOT NULL, PRIMARY KEY (version, key)) WITHOUT ROWID")
            db.execute("DROP TABLE IF EXISTS files")      # an earlier kg kept stamps only, as a hint
            db.execute("CREATE TABLE IF NOT EXISTS inputs (path TEXT PRIMARY KEY, version TEXT NOT NULL, "
                       "stamp TEXT NOT NULL, context TEXT NOT NULL, docs TEXT NOT NULL)")
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get(self, key: str) -> str | None:
        """The stored result (JSON text) for a key, or ``None``."""
        row = self._safely(lambda db: db.execute("SELECT result FROM results WHERE version = ? AND key = ?",
                                                 (self.version, key)).fetchone())
        if row is None or row[0] is None:
            self.misses += 1
            return None
        self.hits += 1
        return row[0]

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        """The stored results (JSON text) of several keys, found in one query each ``LOOKUP_BATCH``.

        Returns only the keys found; hits and misses are counted per key given.
        """
        found = {k: r for k, r in self._safely(lambda db: list(self._select(db, "key, result", keys)), default=[])
                 if r is not None}
        hits = sum(k in found for k in keys)
        self.hits += hits
        self.misses += len(keys) - hits
        return found

    def present(self, keys: Sequence[str]) -> set[str]:
        """The keys this cache holds a result for, found without reading the results."""
        return {k for k, in self._safely(lambda db: list(self._select(db, "key", keys)), default=[])}

    def drop(self, key: str) -> None:
        """Forget a result just found damaged (not a result's JSON): a miss, the document is extracted again."""
        self.hits -= 1
        self.misses += 1
        self._safely(lambda db: db.execute("DELETE FROM results WHERE version = ? AND key = ?", (self.version, key)),
                     retry=True)

    def _select(self, db: sqlite3.Connection, columns: str, keys: Sequence[str]) -> Iterator[tuple]:
        """``SELECT columns`` of the results of ``keys``, one query each ``LOOKUP_BATCH`` keys."""
        for i in range(0, len(keys), LOOKUP_BATCH):
            part = keys[i:i + LOOKUP_BATCH]
            yield from db.execute(
                f"SELECT {columns} FROM results WHERE version = ? AND key IN ({','.join('?' * len(part))})",
                (self.version, *part))

    def inputs(self) -> dict[str, tuple[str, str, list[list]]]:
        """The input files of the last build under this version: ``path -> (stamp, context, documents)``.

        See :meth:`set_inputs`; files a build with another pipeline version read are left out,
        and so are entries found damaged (those files are read again).
        """
        rows = self._safely(lambda db: db.execute("SELECT path, stamp, context, docs FROM inputs WHERE version = ?",
                                                  (self.version,)).fetchall(), default=[])
        out = {}
        for path, stamp, context, docs in rows:
            with contextlib.suppress(TypeError, ValueError):
                out[path] = (stamp, context, _loads(docs))
        return out

    def set_inputs(self, entries: dict[str, tuple[str, str, list[list]]], *, keep: Iterable[str] = ()) -> None:
        """Remember this build's input files, to trust the unchanged ones next time without reading them.

        Args:
            entries: ``path -> (stamp, context, documents)``: the file's absolute path;
                its size and modification time; how it was read (the options and the path
                as given, which document ids and dates depend on); and its documents as
                ``[id, date, title, key, characters]``, whose results this cache holds.
            keep: files of this build whose entries :meth:`inputs` gave are still true
                (an unchanged corpus of many files need not be written again).
        """
        keep = set(keep) - set(entries)

        def write(db: sqlite3.Connection) -> None:
            if keep and not self.damaged:
                gone = [(path,) for path, in db.execute("SELECT path FROM inputs") if path not in keep]
                db.executemany("DELETE FROM inputs WHERE path = ?", gone)
            else:
                db.execute("DELETE FROM inputs")
            db.executemany("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?)",
                           ((path, self.version, stamp, context, json.dumps(docs, ensure_ascii=False))
                            for path, (stamp, context, docs) in entries.items()))
            db.commit()

        self._safely(write, retry=True)
        self._uncommitted = 0

    def put(self, key: str, payload: str) -> None:
        """Store a result (JSON text from :func:`encode_result`); committed in batches."""
        self._safely(lambda db: db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                                           (self.version, key, payload)), retry=True)
        self._uncommitted += 1
        if self._uncommitted >= COMMIT_EVERY:
            self.flush()

    def flush(self) -> None:
        """Commit what was stored, so an interrupted build keeps it."""
        self._safely(lambda db: db.commit())
        self._uncommitted = 0

    def close(self, *, prune: bool = True) -> None:
        """Commit, drop other versions' entries (unless ``prune=False``) and close."""
        try:
            self.flush()
            if prune:
                deleted = self._safely(self._prune, default=0)
                if deleted:
                    logger.info("cache: dropped %d results of other pipeline versions", deleted)
        finally:
            self._db.close()

    def _prune(self, db: sqlite3.Connection) -> int:
        """Drop other versions' results with two range deletes on the primary key: no scan of this version's rows."""
        n = sum(db.execute(f"DELETE FROM results WHERE version {op} ?", (self.version,)).rowcount for op in ("<", ">"))
        db.commit()
        return n

    def __enter__(self) -> "ResultCache":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        # After a failed build keep other versions' entries: the next run may need them.
        self.close(prune=exc_type is None)


def _text(data: bytes) -> str | None:
    """A TEXT value of the database: ``None`` when it is not UTF-8 (a damaged page)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _is_full(err: sqlite3.DatabaseError) -> bool:
    """Whether an error says the database could not be written: a full disk, a file size limit."""
    name = getattr(err, "sqlite_errorname", None)       # Python 3.11+
    if name is not None:
        return name == "SQLITE_FULL" or name.startswith("SQLITE_IOERR")
    return str(err) in ("database or disk is full", "disk I/O error")


def _is_damage(err: sqlite3.DatabaseError) -> bool:
    """Whether an error says the database file is damaged (and not, say, locked or out of disk)."""
    name = getattr(err, "sqlite_errorname", None)       # Python 3.11+
    if name is not None:
        return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB")
    return type(err) is sqlite3.DatabaseError

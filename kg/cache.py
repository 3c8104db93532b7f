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
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import kg
from kg.schema import DocResult, Document, EntityRecord, RelationRecord

logger = logging.getLogger(__name__)

CACHE_DIR = ".kg-cache"
DB_NAME = "results.sqlite"
COMMIT_EVERY = 500
LOOKUP_BATCH = 64      # keys per query: far cheaper than one query per document
PAGE_SIZE = 16384
MMAP_SIZE = 1 << 30

# What extraction depends on, relative to the kg package folder.
_CODE_FILES = ("extract.py", "schema.py")
_CODE_TREES = (("nlp", "*.py"), ("data", "*"))
_DEPENDENCIES = ("spacy", "jieba")


@functools.lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A short hash of everything extraction depends on, computed once per process.

    It covers ``kg.__version__``, the installed spaCy and jieba versions, the
    format results are cached and sent in (``ROWS_FORMAT``: a kg that reads
    another format finds no entry, and a worker that writes one is refused), and
    the bytes of ``kg/extract.py``, ``kg/schema.py``, ``kg/nlp/**/*.py`` and ``kg/data/**``.
    """
    root = Path(kg.__file__).parent
    files = [root / name for name in _CODE_FILES]
    for folder, pattern in _CODE_TREES:
        files += sorted(f for f in (root / folder).rglob(pattern)
                        if f.is_file() and "__pycache__" not in f.parts)
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


# A result as rows of plain JSON values: cheaper to parse and to merge than one object per record.
#   [FORMAT, doc_id, date, title,
#    [[type, name, [alias, ...], mentions, {attrs}], ...],
#    [[head type, head name, relation, tail type, tail name, rule, evidence], ...]]
# Payloads of one object per record (``{"doc_id": ...}``, DocResult.to_dict), which kg wrote
# before rows, are still read.
ROWS_FORMAT = 1
R_DOC, R_DATE, R_TITLE, R_ENTITIES, R_RELATIONS = 1, 2, 3, 4, 5
E_TYPE, E_NAME, E_ALIASES, E_MENTIONS, E_ATTRS = 0, 1, 2, 3, 4
L_HEAD_TYPE, L_HEAD_NAME, L_RELATION, L_TAIL_TYPE, L_TAIL_NAME, L_RULE, L_EVIDENCE = 0, 1, 2, 3, 4, 5, 6

_loads = json.JSONDecoder().decode


def encode_result(result: DocResult) -> str:
    """The JSON text of a result; every result goes through it so cached and fresh ones agree."""
    rows = [ROWS_FORMAT, result.doc_id, result.date, result.title,
            [[e.type, e.name, list(e.aliases), e.mentions, e.attrs] for e in result.entities],
            [[*r.head, r.relation, *r.tail, r.rule, r.evidence] for r in result.relations]]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def decode_rows(payload: str, strings: dict[str, str] | None = None) -> list:
    """A payload as rows (see ``ROWS_FORMAT``), the form the builder merges, without record objects.

    Args:
        payload: JSON text from :func:`encode_result` (or from an older kg).
        strings: a table shared by all the results of a build. Types, names,
            relations and rules recur across documents (and evidence within
            one); keeping one copy of each halves the memory results take.
    """
    rows = _loads(payload)
    if type(rows) is not list:
        # A payload of an older kg: one object per record.
        rows = [ROWS_FORMAT, rows["doc_id"], rows.get("date"), rows.get("title", ""),
                [[e["type"], e["name"], list(e.get("aliases", ())), e.get("mentions", 1), dict(e.get("attrs", {}))]
                 for e in rows["entities"]],
                [[*r["head"], r["relation"], *r["tail"], r["rule"], r["evidence"]] for r in rows["relations"]]]
    if strings is not None:
        _share_strings(rows, strings)
    return rows


def _share_strings(rows: list, strings: dict[str, str]) -> None:
    one = strings.setdefault
    for e in rows[R_ENTITIES]:
        e[0] = one(e[0], e[0])
        e[1] = one(e[1], e[1])
        if e[2]:
            e[2] = [one(a, a) for a in e[2]]
    evidence: dict[str, str] = {}
    same = evidence.setdefault
    for r in rows[R_RELATIONS]:
        r[0] = one(r[0], r[0])
        r[1] = one(r[1], r[1])
        r[2] = one(r[2], r[2])
        r[3] = one(r[3], r[3])
        r[4] = one(r[4], r[4])
        r[5] = one(r[5], r[5])
        r[6] = same(r[6], r[6])


def rows_to_result(rows: list) -> DocResult:
    """The :class:`DocResult` of rows from :func:`decode_rows`."""
    return DocResult(rows[R_DOC], rows[R_DATE],
                     tuple(EntityRecord(t, n, tuple(a), m, dict(attrs)) for t, n, a, m, attrs in rows[R_ENTITIES]),
                     tuple(RelationRecord((ht, hn), rel, (tt, tn), rule, ev)
                           for ht, hn, rel, tt, tn, rule, ev in rows[R_RELATIONS]),
                     rows[R_TITLE])


def result_to_rows(result: DocResult) -> list:
    """The rows of a :class:`DocResult`, as :func:`decode_rows` gives them (values shared, not copied)."""
    return [ROWS_FORMAT, result.doc_id, result.date, result.title,
            [[e.type, e.name, e.aliases, e.mentions, e.attrs] for e in result.entities],
            [[*r.head, r.relation, *r.tail, r.rule, r.evidence] for r in result.relations]]


def decode_result(payload: str) -> DocResult:
    """The inverse of :func:`encode_result`."""
    return rows_to_result(decode_rows(payload))


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
        self._uncommitted = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as err:
            warnings.warn(f"unreadable extraction cache {self.path} ({err}): starting a new one",
                          stacklevel=2)
            self.path.unlink()
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60)
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
        row = self._db.execute("SELECT result FROM results WHERE version = ? AND key = ?",
                               (self.version, key)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return row[0]

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        """The stored results (JSON text) of several keys, found in one query each ``LOOKUP_BATCH``.

        Returns only the keys found; hits and misses are counted per key given.
        """
        found = dict(self._select("key, result", keys))
        hits = sum(k in found for k in keys)
        self.hits += hits
        self.misses += len(keys) - hits
        return found

    def present(self, keys: Sequence[str]) -> set[str]:
        """The keys this cache holds a result for, found without reading the results."""
        return {k for k, in self._select("key", keys)}

    def _select(self, columns: str, keys: Sequence[str]) -> Iterator[tuple]:
        """``SELECT columns`` of the results of ``keys``, one query each ``LOOKUP_BATCH`` keys."""
        for i in range(0, len(keys), LOOKUP_BATCH):
            part = keys[i:i + LOOKUP_BATCH]
            yield from self._db.execute(
                f"SELECT {columns} FROM results WHERE version = ? AND key IN ({','.join('?' * len(part))})",
                (self.version, *part))

    def inputs(self) -> dict[str, tuple[str, str, list[list]]]:
        """The input files of the last build under this version: ``path -> (stamp, context, documents)``.

        See :meth:`set_inputs`; files a build with another pipeline version read are left out.
        """
        return {path: (stamp, context, _loads(docs)) for path, stamp, context, docs in self._db.execute(
            "SELECT path, stamp, context, docs FROM inputs WHERE version = ?", (self.version,))}

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
        if keep:
            gone = [(path,) for path, in self._db.execute("SELECT path FROM inputs") if path not in keep]
            self._db.executemany("DELETE FROM inputs WHERE path = ?", gone)
        else:
            self._db.execute("DELETE FROM inputs")
        self._db.executemany("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?)",
                             ((path, self.version, stamp, context, json.dumps(docs, ensure_ascii=False))
                              for path, (stamp, context, docs) in entries.items()))
        self.flush()

    def put(self, key: str, payload: str) -> None:
        """Store a result (JSON text from :func:`encode_result`); committed in batches."""
        self._db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (self.version, key, payload))
        self._uncommitted += 1
        if self._uncommitted >= COMMIT_EVERY:
            self.flush()

    def flush(self) -> None:
        """Commit what was stored, so an interrupted build keeps it."""
        self._db.commit()
        self._uncommitted = 0

    def close(self, *, prune: bool = True) -> None:
        """Commit, drop other versions' entries (unless ``prune=False``) and close."""
        with contextlib.closing(self._db):
            self.flush()
            if prune:
                # Two range deletes on the primary key: no scan of this version's rows.
                deleted = sum(self._db.execute(f"DELETE FROM results WHERE version {op} ?", (self.version,)).rowcount
                              for op in ("<", ">"))
                self._db.commit()
                if deleted:
                    logger.info("cache: dropped %d results of other pipeline versions", deleted)

    def __enter__(self) -> "ResultCache":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        # After a failed build keep other versions' entries: the next run may need them.
        self.close(prune=exc_type is None)

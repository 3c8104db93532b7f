"""Which input files a build reads: those changed since the last build; the cache vouches for the rest.

A file with the size and modification time it had, read with the same options
and under the same path and id, is not read again: its documents come back as
:class:`CachedDocument`, whose results the cache holds (:class:`KnownInputs`).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass

from kg.read.documents import STDIN, Problem, Source, may_have_sidecars
from kg.run.cache import ResultCache
from kg.schema import Document

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CachedDocument:
    """A document of an input file unchanged since the last build, as the cache knows it; its text is not read."""

    id: str
    date: str | None
    title: str
    key: str          # :func:`kg.run.cache.text_key` of the document
    chars: int
    url: str = ""


class KnownInputs:
    """Which input files to read: the cache vouches for those unchanged since the last build.

    A file with the size and modification time it had, read with the same options
    and under the same path and id, is not read again: its documents come back as
    :class:`CachedDocument` (``cached``). This is how make and rsync tell changed
    files apart; a file rewritten with the same size inside the same clock tick
    would be missed. Files in folders that hold sidecars (whose change does not
    show on the file), files that had problems (to report them again) and
    standard input are always read. The files read are the changed ones, read first,
    so that their extraction starts while the cached rest is loaded.
    """

    def __init__(self, cache: ResultCache, *, encoding: str | None, date: str | None,
                 merged: set[str] | None = None, trust: bool = True) -> None:
        self.cache = cache
        self.options = (encoding, date)
        self.merged = merged or set()                   # keys whose results are needed no more (merged)
        self.stamps: dict[str, tuple[str, str]] = {}    # absolute path -> stamp, context
        self.docs: dict[str, list[list]] = {}           # absolute path -> its documents, as cache.inputs has them
        self.cached: list[CachedDocument] = []
        self.known: dict[str, tuple[str, str, list[list]]] = {}
        self.trust = trust      # False: read every file (the cache lost a result it vouched for)

    def __call__(self, sources: list[Source]) -> list[Source]:
        self.known = known = self.cache.inputs() if self.trust else {}
        keys = [d[3] for _, _, docs in known.values() for d in docs]
        keep = self.cache.present([k for k in keys if k not in self.merged]) | self.merged if known else set()
        changed: list[Source] = []
        sidecars: dict[str, bool] = {}
        for src in sources:
            path = os.path.abspath(src.path) if src.path != STDIN else None
            try:
                st = os.stat(path) if path else None
            except OSError:
                st = None
            if st is None:
                changed.append(src)
                continue
            stamp = f"{st.st_size}:{st.st_mtime_ns}"
            context = json.dumps([src.doc_id, src.path, src.format, *self.options], ensure_ascii=False)
            self.stamps[path] = (stamp, context)
            entry = known.get(path)
            if entry is not None and entry[:2] == (stamp, context) and all(d[3] in keep for d in entry[2]) \
                    and not may_have_sidecars(os.path.dirname(src.path), sidecars):
                self.docs[path] = entry[2]
                self.cached += [CachedDocument(*d) for d in entry[2]]
            else:
                changed.append(src)
        if self.cached:
            logger.info("%d input files unchanged since the last build, %d to read",
                        len(sources) - len(changed), len(changed))
        return changed

    def read(self, doc: Document, key: str) -> None:
        """Note a document read from a file, and its cache key, for :meth:`save`."""
        if doc.path and doc.path != STDIN:
            entry = [doc.id, doc.date, doc.title, key, len(doc.text)]
            self.docs.setdefault(os.path.abspath(doc.path), []).append(entry + [doc.url] if doc.url else entry)

    def save(self, problems: list[Problem]) -> None:
        """Remember the files of this build, except those that had problems."""
        bad = {os.path.abspath(p.path) for p in problems if p.path != STDIN}
        entries = {path: (*self.stamps[path], docs) for path, docs in self.docs.items()
                   if path in self.stamps and path not in bad}
        self.cache.set_inputs({path: e for path, e in entries.items() if self.known.get(path) != e},
                              keep=[path for path in entries if path in self.known])

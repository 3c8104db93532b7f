"""The workflow: read -> extract (segment, recognize, relate) -> resolve -> graph.

``extract`` is a pure function of a document, so documents can be processed in
any order, in worker processes, on a dask cluster, or not at all when the
extraction cache already holds their result. Documents stream through: each is
read, extracted (or found in the cache) and dropped, and only its small
:class:`DocResult` is kept; files unchanged since the last build are not even
read (:class:`KnownInputs`). Results are merged in document id order so the
graph does not depend on how the work was scheduled.

:func:`update_graph` is the shortcut for a corpus that grew: only the new
documents are extracted, and :mod:`kg.run.incremental` merges them onto the last
build's graph.json.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.graph import PlainGraph, document_table, graph_from_rows
from kg.read.documents import Problem, read_documents
from kg.resolve import ResolveState, resolve_rows
from kg.resolve.corrections import Corrections
from kg.rows import R_DATE, R_DOC, R_TITLE, decode_rows, encode_rows, rebind, row_url, rows_to_result, share_rows
from kg.run.cache import LOOKUP_BATCH, ResultCache, pipeline_version, text_key
from kg.run.incremental import Declined, DocKey, GraphFile, Update, base_path, load_base, merge
from kg.run.inputs import CachedDocument, KnownInputs
from kg.run.workers import DEFAULT_EXTRACTOR, Extractor, Runner, extractor_name, make_runner
from kg.schema import DocResult, Document

if TYPE_CHECKING:
    import networkx as nx

logger = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did, for the CLI summary and exit code."""

    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    characters: int = 0
    cached: int = 0          # documents whose result came from the cache (or, merged, from the last graph)
    # With build_graph(remember=True) and a cache: the documents merged (id, date, title, cache key)
    # and what resolve knew at the end, to keep as the base later builds merge onto (kg.run.incremental).
    resolved: tuple[list[DocKey], ResolveState] | None = None

    def restart(self) -> None:
        """Count anew: the documents are read again."""
        self.documents = self.characters = self.cached = 0
        self.problems.clear()


class CacheLost(KGError):
    """A result the cache vouched for is gone or damaged, and its document was not read."""


@contextlib.contextmanager
def gc_paused(pause: bool = True) -> Iterator[None]:
    """No cyclic garbage collection inside: a build allocates millions of long-lived records.

    Each full collection walks every live object, and building the graph of a
    large corpus triggers many of them, for nothing: records, rows and graph
    hold no reference cycles (neither do spaCy's documents), so reference
    counting frees all there is to free. The collector is restored on exit.
    ``pause=False`` leaves it alone (a dask client's event loop makes cycles).
    """
    was_enabled = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if pause and gc.get_freeze_count() == 0:
                # Everything made inside counts as young: the first allocation after ``enable``
                # would sweep it all (0.16 s after 1,000 documents). Frozen and thawed, it joins
                # the oldest generation instead, as if it had lived through the collections.
                # (Not where someone froze objects before: thawing would undo that.)
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _rebind(rows: list, doc: Document | CachedDocument) -> list:
    """A result (rows) as this run sees its document (:func:`kg.rows.rebind`)."""
    return rebind(rows, doc.id, doc.date, doc.title, doc.url)


def extract_all(docs: Iterable[Document], *, runner: Runner | None = None, cache: ResultCache | None = None,
                progress: Callable[[Document], None] | None = None) -> list[DocResult]:
    """Extract every document, streaming; the results are sorted by document id (then input order).

    Args:
        docs: the documents, consumed one at a time.
        runner: where extraction runs (default: this process, :func:`kg.nlp.extract.extract`).
        cache: results found here are reused, new ones are stored.
        progress: called once per document, when its result is in.
    """
    return [rows_to_result(r) for r in extract_rows(docs, runner=runner, cache=cache, progress=progress)]


def extract_rows(docs: Iterable[Document | CachedDocument], *, runner: Runner | None = None,
                 cache: ResultCache | None = None, progress: Callable[[Document], None] | None = None,
                 keyed: Callable[[Document, str], None] | None = None,
                 keys_out: list[str | None] | None = None) -> list[list]:
    """:func:`extract_all`, with each result as rows (:func:`kg.rows.decode_rows`), the form resolve merges.

    With a cache, documents are looked up ``LOOKUP_BATCH`` at a time; the ones
    it lacks go to the runner at once, and between batches the runner hands
    back what its workers have finished. A :class:`CachedDocument` carries its
    key; ``keyed`` is called with every other document and the key it got.
    ``keys_out``, if given, gets each result's cache key (``None`` without a cache), in the results' order.
    """
    runner = runner if runner is not None else Runner()
    results: list[tuple[str, int, list, str | None]] = []
    waiting: dict[int, tuple[Document, str | None]] = {}
    strings: dict[str, str] = {}

    def take(done: Iterable[tuple[int, str]]) -> None:
        for seq, payload in done:
            doc, key = waiting.pop(seq)
            fresh = type(payload) is list     # rows from this process (Runner.submit), not JSON text
            if cache is not None and key is not None:
                cache.put(key, encode_rows(payload) if fresh else payload)
            rows = share_rows(payload, strings) if fresh else decode_rows(payload, strings)
            results.append((doc.id, seq, _rebind(rows, doc), key))
            if progress:
                progress(doc)

    def extract(seq: int, doc: Document, key: str | None) -> None:
        waiting[seq] = (doc, key)
        take(runner.submit(seq, doc))

    with runner:
        if cache is None:
            for seq, doc in enumerate(docs):
                extract(seq, doc, None)
        else:
            numbered = enumerate(docs)
            while batch := list(itertools.islice(numbered, LOOKUP_BATCH)):
                keys = [doc.key if type(doc) is CachedDocument else text_key(doc) for _, doc in batch]
                found = cache.get_many(keys)
                for (seq, doc), key in zip(batch, keys):
                    rows = _cached_rows(cache, key, found.get(key), doc, strings)
                    if type(doc) is not CachedDocument and keyed is not None:
                        keyed(doc, key)
                    if rows is None:
                        if type(doc) is CachedDocument:
                            raise CacheLost(f"the extraction cache {cache.path} lost the result of {doc.id!r} "
                                            "during the build (damaged, or another kg writing it?)")
                        extract(seq, doc, key)
                        continue
                    results.append((doc.id, seq, _rebind(rows, doc), key))
                    if progress:
                        progress(doc)
                del batch
                take(runner.poll())
        take(runner.finish())
    results.sort(key=lambda t: t[:2])
    if keys_out is not None:
        keys_out += [t[3] for t in results]
    return [t[2] for t in results]


def _cached_rows(cache: ResultCache, key: str, payload: str | None, doc: Document | CachedDocument,
                 strings: dict[str, str]) -> list | None:
    """A cached result as rows; ``None`` when there is none, or when it is damaged (then it is dropped)."""
    if payload is None:
        return None
    try:
        return decode_rows(payload, strings)
    except (ValueError, KeyError, TypeError) as err:
        warnings.warn(f"damaged result of {doc.id!r} in the extraction cache {cache.path} ({err}): "
                      "extracting it again", stacklevel=4)
        cache.drop(key)
        return None


def _documents(inputs: Iterable[str | os.PathLike] | Iterable[Document], *, encoding: str | None, date: str | None = None,
               report: BuildReport, known: KnownInputs | None = None) -> Iterator[Document | CachedDocument]:
    """The documents of ``inputs``, lazily, counted into ``report``.

    With ``known``, the files it vouches for are not read: their documents come
    last, as :class:`CachedDocument`.
    """
    it = iter(inputs)
    first = next(it, None)
    if first is None:
        return
    if isinstance(first, Document):
        docs: Iterable[Document | CachedDocument] = itertools.chain([first], it)
    else:
        docs = read_documents([first, *it], encoding=encoding, date=date, on_problem=report.problems.append,
                              order=known)
        if known is not None:
            docs = _then_cached(docs, known)
    for d in docs:
        report.documents += 1
        report.characters += d.chars if type(d) is CachedDocument else len(d.text)
        yield d


def _replayable(inputs: Iterable[str | os.PathLike] | Iterable[Document]) -> Iterable:
    """Paths as a list, to read them again should the cache fail (:class:`CacheLost`); documents as they come."""
    it = iter(inputs)
    first = next(it, None)
    if first is None:
        return []
    return itertools.chain([first], it) if isinstance(first, Document) else [first, *it]


def _then_cached(docs: Iterable[Document], known: KnownInputs) -> Iterator[Document | CachedDocument]:
    yield from docs
    yield from known.cached          # filled in when reading started


def build_graph(inputs: Iterable[str | os.PathLike] | Iterable[Document], *,
                encoding: str | None = None, date: str | None = None,
                report: BuildReport | None = None,
                progress: Callable[[Document], None] | None = None,
                workers: int = 1, engine: str = "local", scheduler: str | None = None,
                cache_dir: str | os.PathLike | None = None,
                extractor: Extractor | None = None, remember: bool = False,
                corrections: Corrections | None = None, plain: bool = False) -> nx.MultiDiGraph | PlainGraph:
    """Build the knowledge graph of documents or of the files under paths.

    The graph is the same whatever ``workers``, ``engine`` and cache say.

    Args:
        inputs: paths (files, folders) or :class:`Document` objects (consumed lazily).
        encoding: force an input encoding.
        date: the date of documents that state none (ISO ``YYYY-MM-DD``).
        report: filled in with counts and skipped files.
        progress: called once per processed document.
        workers: extraction processes on this machine; 1 runs in this process.
        engine: ``"local"`` or ``"dask"`` (extraction on a ``dask.distributed`` cluster).
        scheduler: the dask scheduler address; ``None`` starts a local dask cluster.
        cache_dir: keep extraction results in ``cache_dir/.kg-cache/`` and reuse them;
            ``None``: no cache.
        extractor: a module-level ``Document -> DocResult`` function to use instead of
            :func:`kg.nlp.extract.extract` (its name becomes part of the cache version).
        remember: with ``cache_dir``, note in ``report.resolved`` what a later build
            needs to merge new documents onto this one (:func:`update_graph`).
        corrections: applied while resolving (:mod:`kg.resolve.fixes`); the rows that
            name nothing are added to its ``problems``. Nothing is remembered then.
        plain: return the graph as a :class:`kg.graph.PlainGraph` (enough to write graph.json),
            without importing networkx.

    Returns:
        A ``MultiDiGraph`` following ``shared/eval/SCHEMA.md``.

    Raises:
        KGError: an unknown engine, fewer than one worker, a failed extraction.
    """
    name = extractor_name(extractor) if extractor is not None else DEFAULT_EXTRACTOR
    report = report if report is not None else BuildReport()
    t0 = time.perf_counter()
    with gc_paused(engine == "local"):
        runner = make_runner(name, engine=engine, workers=workers, scheduler=scheduler)
        if cache_dir is None:
            docs = _documents(inputs, encoding=encoding, date=date, report=report)
            results = extract_rows(docs, runner=runner, progress=progress)
        else:
            # Only a cache needs the version (it hashes every source and data file extraction reads:
            # about 12 ms, for nothing in a build without a cache).
            version = pipeline_version() if name == DEFAULT_EXTRACTOR else f"{pipeline_version()}:{name}"
            inputs = _replayable(inputs)
            trust = True        # the cache's word on unchanged files, until it loses a result it vouched for
            while True:
                try:
                    with ResultCache(cache_dir, version=version) as cache:
                        known = KnownInputs(cache, encoding=encoding, date=date, trust=trust)
                        docs = _documents(inputs, encoding=encoding, date=date, report=report, known=known)
                        keys: list[str | None] = []
                        results = extract_rows(docs, runner=runner, cache=cache, progress=progress,
                                               keyed=known.read, keys_out=keys)
                        known.save(report.problems)
                    break
                except CacheLost as lost:
                    if not trust:
                        raise
                    logger.info("%s; reading every input file again", lost)
                    report.restart()
                    trust = False
                    runner = make_runner(name, engine=engine, workers=workers, scheduler=scheduler)
            report.cached = cache.hits
            logger.info("cache: %d of %d documents reused", cache.hits, cache.hits + cache.misses)
        state = ResolveState() if remember and cache_dir is not None and not corrections else None
        docs = _doc_keys(results, keys if cache_dir is not None else [None] * len(results))
        if state is not None:
            report.resolved = (docs, state)
        entities, relations = resolve_rows(results, state=state, corrections=corrections or None)
        del results
        documents = document_table(docs)
        for doc, path in (corrections.sources.items() if corrections else ()):
            documents.setdefault(doc, {"title": f"corrections ({path})", "date": ""})
        G = graph_from_rows(entities, relations, documents=documents, plain=plain)
    report.seconds = time.perf_counter() - t0
    return G


def _doc_keys(results: list[list], keys: list[str | None]) -> list[DocKey]:
    """The documents of results (rows) as a merge base knows them, with their cache keys."""
    return [(r[R_DOC], r[R_DATE], r[R_TITLE], k, row_url(r)) for r, k in zip(results, keys)]


def update_graph(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike, *,
                 encoding: str | None = None, date: str | None = None, report: BuildReport | None = None,
                 progress: Callable[[Document], None] | None = None, workers: int = 1, engine: str = "local",
                 scheduler: str | None = None) -> Update | None:
    """The graph of the files under ``inputs`` as new documents merged onto the last build in ``out_dir``.

    Only documents the last build did not merge are extracted (or looked up in
    the cache); the others are not read when their files are unchanged, and
    their results are not decoded: :func:`kg.run.incremental.merge` adds the new
    records to the last build's resolved state and graph.json. Returns ``None``
    when that is impossible (no base, a document changed or gone, a merge that
    declines); the new documents' results are in the cache by then, so
    :func:`build_graph` with the same cache finishes the job.
    """
    if not base_path(out_dir).exists():
        return None
    report = report if report is not None else BuildReport()
    t0 = time.perf_counter()
    with gc_paused(engine == "local"), \
            make_runner(DEFAULT_EXTRACTOR, engine=engine, workers=workers, scheduler=scheduler) as runner:
        if engine == "local":
            # A rebuild is run for new documents: a worker loads its pipeline while the base is read
            # and the files are checked.
            runner.start()
        base = load_base(out_dir)
        if base is None:
            return None
        known_docs = set(base.docs)
        merged: set[DocKey] = set()
        with ResultCache(out_dir) as cache:
            known = KnownInputs(cache, encoding=encoding, date=date, merged={d[3] for d in base.docs})

            def new_documents() -> Iterator[Document | CachedDocument]:
                for doc in _documents(inputs, encoding=encoding, date=date, report=report, known=known):
                    key = doc.key if type(doc) is CachedDocument else text_key(doc)
                    if type(doc) is not CachedDocument:
                        known.read(doc, key)
                    sig = (doc.id, doc.date, doc.title, key, doc.url)
                    if sig in known_docs and sig not in merged:
                        merged.add(sig)
                        if progress:
                            progress(doc)
                    else:
                        yield doc
                known.save(report.problems)      # every file is read: while the workers finish

            keys: list[str | None] = []
            try:
                results = extract_rows(new_documents(), runner=runner, cache=cache, progress=progress, keys_out=keys)
            except CacheLost as lost:
                logger.info("full merge: %s", lost)
                return None
        if len(merged) != len(base.docs):
            logger.info("%d documents of the last build changed or are gone: full merge",
                        len(base.docs) - len(merged))
            return None
        docs = _doc_keys(results, keys)
        try:
            old = GraphFile(Path(out_dir) / "graph.json")
        except (OSError, ValueError) as why:
            logger.info("full merge: graph.json unreadable (%s)", why)
            return None
        try:
            update = merge(base, results, docs, old)
        except Declined as why:
            old.close()
            logger.info("full merge: %s", why)
            return None
    report.cached = len(merged) + cache.hits
    report.seconds = time.perf_counter() - t0
    logger.info("merged %d new documents onto the last build's %d", len(results), len(merged))
    return update

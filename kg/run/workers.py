"""Where extraction runs: in this process, in worker processes, or on a dask cluster.

Every runner takes documents one at a time (:meth:`Runner.submit`) and hands back
``(ticket, payload)`` pairs as they finish, where ``payload`` is the result's JSON
text (:func:`kg.rows.encode_result`), or, from kg's extractor in this process, its
rows (:func:`kg.rows.plain_rows`). Pool runners send documents in small
chunks and keep only a few chunks in flight, so the texts held in memory stay
bounded however large the corpus is. The order results come back in depends on
scheduling; the builder sorts them, so the graph does not.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import gc
import importlib
import logging
import multiprocessing
import multiprocessing.context
import sys
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from kg.errors import KGError
from kg.rows import encode_result, plain_rows
from kg.run.cache import pipeline_version
from kg.run.processes import end_with_parent, shadowed_here, start_forkserver, stop_pool
from kg.schema import DocResult, Document

logger = logging.getLogger(__name__)

ENGINES = ("local", "dask")
CHUNK_DOCS = 16          # documents per task at most
CHUNK_CHARS = 60_000     # characters per task at most (one long document is one task)
IN_FLIGHT_PER_WORKER = 2  # tasks queued per worker, so no worker waits for the next one
# A second worker starts when more chunks than this wait for the first: 4 chunks of 16
# documents of 3,000 characters keep a worker busy for about 1.1 s, about what a spawned
# worker takes to load its pipeline (1.2-1.5 s; one forked from the fork server starts with
# it). Fewer are done sooner by the running worker.
WORKER_RAMP_CHUNKS = 4
DEFAULT_EXTRACTOR = "kg.nlp.extract:extract"


class Extractor(Protocol):
    """A picklable, module-level function ``Document -> DocResult`` (default: :func:`kg.nlp.extract.extract`)."""

    def __call__(self, document: Document, /) -> DocResult: ...


def extractor_name(fn: Callable[[Document], DocResult]) -> str:
    """``module:qualname`` of an extractor: how workers import it, and part of the cache version."""
    return f"{fn.__module__}:{fn.__qualname__}"


@functools.lru_cache(maxsize=8)
def load_extractor(name: str) -> Callable[[Document], DocResult]:
    """The extractor named ``module:qualname``, imported on first use (importing spaCy is slow)."""
    module, _, qualname = name.partition(":")
    obj: Any = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def extract_chunk(documents: list[Document], extractor: str) -> tuple[str, list[str]]:
    """Extract a chunk of documents in a worker; returns its pipeline version and the JSON results.

    The version lets the client refuse results of a worker that runs other kg code
    (a cluster with a stale install), which would otherwise poison the cache.
    """
    fn = load_extractor(extractor)
    return pipeline_version(), [_extracted(fn, doc, encode_result) for doc in documents]


def _extracted(fn: Callable[[Document], DocResult], doc: Document, form: Callable[[DocResult], Any]) -> Any:
    """``form(fn(doc))``; any failure becomes a :class:`KGError` that names the document."""
    try:
        return form(fn(doc))
    except Exception as err:
        raise KGError(f"extraction failed on document {doc.id!r}: {type(err).__name__}: {err}") from err


def _rows_or_text(result: DocResult) -> list | str:
    return plain_rows(result) or encode_result(result)


def warm_up(extractor: str) -> None:
    """Build the worker's pipeline once, before the first chunk arrives.

    Then, in a worker process, its objects, alive until the worker exits, are put
    out of the garbage collector's reach (``gc.freeze``): collections during
    extraction skip them, and the worker exits in 0.05 s instead of 0.25 s,
    which a rebuild spends merging while its workers exit. (Not in a process
    that runs it on a thread: there it would freeze everything else too.)
    """
    load_extractor(extractor)
    if extractor == DEFAULT_EXTRACTOR:
        from kg.nlp.pipeline import shared_nlp

        shared_nlp()
    if multiprocessing.parent_process() is not None:
        gc.freeze()


def start_worker(extractor: str) -> None:
    """What a worker process runs first: it will end with the process that started it, then warms up."""
    end_with_parent()
    warm_up(extractor)


class Runner:
    """Runs extraction in this process, one document at a time.

    Args:
        extractor: ``module:qualname`` of a ``Document -> DocResult`` function,
            imported when the first document needs it.
    """

    def __init__(self, extractor: str = DEFAULT_EXTRACTOR) -> None:
        self.name = extractor

    def submit(self, ticket: Any, document: Document) -> Iterator[tuple[Any, str | list]]:
        """Queue one document; yields the results that are ready (possibly none, possibly others').

        In this process a result is handed over as its rows (:func:`kg.rows.plain_rows`) where they
        are what its JSON text would give back: the text is written only for a cache, never parsed.
        """
        # Only kg's extractor is known to build every result afresh: another's results may be
        # its own to keep, and rows are changed in place as they are merged.
        form = _rows_or_text if self.name == DEFAULT_EXTRACTOR else encode_result
        yield ticket, _extracted(load_extractor(self.name), document, form)

    def poll(self) -> Iterator[tuple[Any, str]]:
        """Yield the results that are ready, without waiting; the builder calls it between cache hits."""
        return iter(())

    def start(self) -> None:
        """Get ready for documents before the first one comes (a worker loads its pipeline meanwhile)."""

    def finish(self) -> Iterator[tuple[Any, str]]:
        """Yield every result still outstanding."""
        return iter(())

    def close(self, *, abort: bool = False) -> None:
        """Release workers and connections; ``abort``: stop workers at once, their work is not wanted."""

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(abort=exc_type is not None)


class PoolRunner(Runner):
    """Runs extraction on ``concurrent.futures`` executors, in chunks, started on first use.

    The first document to extract starts one executor at once, so its pipeline
    loads while this process reads on; a build that finds everything in the
    cache starts none. A second executor starts only when more chunks wait than
    the first gets through while it would load (``WORKER_RAMP_CHUNKS``): a
    rebuild with a few new documents pays for one pipeline, not one per core.
    Then the pool grows whenever its workers each have their chunks in flight.

    Args:
        extractor: ``module:qualname`` of the extraction function, imported by the workers.
        make_executor: creates an executor; returns it and how many chunks it runs at
            once (which sizes the in-flight window).
        close_executor: releases what ``make_executor`` created.
        max_executors: how many executors to start at most.
        prepare: what :meth:`start` does instead of starting an executor (which may block).
    """

    def __init__(self, extractor: str, *, make_executor: Callable[[], tuple[cf.Executor, int]],
                 close_executor: Callable[[cf.Executor], None] | None = None, max_executors: int = 1,
                 prepare: Callable[[], None] | None = None) -> None:
        super().__init__(extractor)
        self._prepare = prepare
        self.slots = 0
        self.max_executors = max(1, max_executors)
        self._make_executor = make_executor
        self._close_executor = close_executor or _let_go
        self._executors: list[cf.Executor] = []
        self._used: list[bool] = []            # whether each executor got any chunk
        self._slots: list[int] = []           # chunks each executor runs at once
        self._load: list[int] = []            # chunks in flight per executor
        self._chunk: list[tuple[Any, Document]] = []
        self._chunk_chars = 0
        self._pending: dict[cf.Future, tuple[int, list[Any]]] = {}   # -> executor, tickets

    def submit(self, ticket: Any, document: Document) -> Iterator[tuple[Any, str]]:
        if not self._executors:
            self._grow()
        self._chunk.append((ticket, document))
        self._chunk_chars += len(document.text)
        if len(self._chunk) >= CHUNK_DOCS or self._chunk_chars >= CHUNK_CHARS:
            self._send()
            # Keep a bounded window of chunks in flight: read on while some executor has room
            # (not the pool as a whole: the first one's ramp backlog would keep the next one idle).
            while len(self._executors) >= self.max_executors and self._room() <= 0:
                yield from self._collect(cf.FIRST_COMPLETED)
            yield from self._collect(None)

    def poll(self) -> Iterator[tuple[Any, str]]:
        # Workers with nothing to do get the documents gathered so far.
        if self._chunk and self._executors and not self._pending:
            self._send()
        return self._collect(None)

    def start(self) -> None:
        if self._executors:
            return
        if self._prepare is not None:
            self._prepare()
        else:
            self._grow()

    def finish(self) -> Iterator[tuple[Any, str]]:
        if self._chunk:
            self._send()
        while self._pending:
            yield from self._collect(cf.FIRST_COMPLETED)

    def _grow(self) -> None:
        executor, slots = self._make_executor()
        self._executors.append(executor)
        self._used.append(False)
        self._load.append(0)
        self.slots += slots
        self._slots.append(max(slots, 1))
        # Start loading the pipeline now (a process pool starts a worker on its first task).
        executor.submit(warm_up, self.name)

    def _room(self) -> int:
        """How many more chunks the least loaded executor takes before its window is full."""
        return max(IN_FLIGHT_PER_WORKER * slots - load for slots, load in zip(self._slots, self._load))

    def _send(self) -> None:
        n = len(self._executors)
        # The second worker waits for a backlog; then the pool grows as soon as its workers are busy.
        if n < self.max_executors and len(self._pending) + 1 > (WORKER_RAMP_CHUNKS if n == 1 else
                                                                 IN_FLIGHT_PER_WORKER * self.slots):
            self._grow()
        i = min(range(len(self._executors)), key=lambda k: self._load[k] / self._slots[k])
        tickets = [t for t, _ in self._chunk]
        docs = [d for _, d in self._chunk]
        self._pending[self._executors[i].submit(extract_chunk, docs, self.name)] = (i, tickets)
        self._load[i] += 1
        self._used[i] = True
        self._chunk, self._chunk_chars = [], 0

    def _collect(self, when: str | None) -> Iterator[tuple[Any, str]]:
        """Yield the results of finished chunks; with ``when`` set, first wait as ``cf.wait`` does."""
        if when is not None:
            done, _ = cf.wait(self._pending, return_when=when)
        else:
            done = [f for f in self._pending if f.done()]
        for fut in done:
            i, tickets = self._pending.pop(fut)
            self._load[i] -= 1
            try:
                version, payloads = fut.result()
            except cf.BrokenExecutor as err:
                raise KGError("a worker process died (out of memory, or killed): "
                              "run again with fewer --workers") from err
            if version != pipeline_version():
                raise KGError(f"a worker runs kg pipeline version {version}, this process {pipeline_version()}: "
                              "install the same kg (code and data files) on every worker")
            yield from zip(tickets, payloads)

    def close(self, *, abort: bool = False) -> None:
        while self._executors:
            executor, used = self._executors.pop(), self._used.pop()
            if (abort or not used) and isinstance(executor, cf.ProcessPoolExecutor):
                stop_pool(executor)
            else:
                self._close_executor(executor)


def _let_go(executor: cf.Executor) -> None:
    """Shut an executor down without waiting for its workers to exit (~0.3 s for a spaCy process).

    The builder has merging and writing left to do meanwhile; concurrent.futures
    still joins the workers before the interpreter exits.
    """
    executor.shutdown(wait=False, cancel_futures=True)


def _worker_context(extractor: str) -> multiprocessing.context.BaseContext:
    """Where worker processes come from: never a fork of this process, whatever threads it runs.

    On Linux, kg's own extractor: a fork server, a fresh interpreter that loads
    the pipeline once (:mod:`kg.run._forkserver`) and forks each worker with it
    ready. Elsewhere, or for another extractor: "spawn", a fresh interpreter
    per worker that loads its own (and on Python 3.10, where the server would
    import a folder named kg in the current folder: :func:`kg.run.processes.start_forkserver`).
    """
    if extractor != DEFAULT_EXTRACTOR or sys.platform != "linux" or \
            (sys.version_info < (3, 11) and shadowed_here()):
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["kg.run._forkserver"])     # a server started before keeps its own: still correct
    return ctx


def local_runner(extractor: str, *, workers: int) -> Runner:
    """In-process extraction for one worker; for more, worker processes (:func:`_worker_context`)."""
    if workers <= 1:
        return Runner(extractor)

    def make() -> tuple[cf.Executor, int]:
        logger.info("starting a worker process")
        # One pool per worker, so that queued chunks never start a worker the work does not need.
        if context.get_start_method() == "forkserver":
            start_forkserver()
        pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=start_worker,
                                      initargs=(extractor,))
        return pool, 1

    context = _worker_context(extractor)
    # With a fork server, starting a worker waits for the server to load the pipeline: start()
    # only starts the server, which loads while this process goes on.
    prepare = start_forkserver if context.get_start_method() == "forkserver" else None
    return PoolRunner(extractor, make_executor=make, max_executors=workers, prepare=prepare)


def dask_runner(extractor: str, *, scheduler: str | None, workers: int) -> Runner:
    """Extraction mapped over a ``dask.distributed`` cluster; results are merged here, on the client.

    Args:
        scheduler: the scheduler address (``tcp://host:8786``); ``None`` starts
            dask's own local cluster with ``workers`` single-threaded workers.
    """
    try:
        from distributed import Client
    except ImportError as err:
        raise KGError("engine 'dask' needs dask.distributed: pip install 'kg[dask]'") from err
    clients: list[Client] = []

    def make() -> tuple[cf.Executor, int]:
        if scheduler:
            logger.info("connecting to the dask scheduler at %s", scheduler)
            client = Client(scheduler)
        else:
            logger.info("starting a local dask cluster of %d workers", workers)
            client = Client(n_workers=workers, threads_per_worker=1)
        clients.append(client)
        threads = sum(client.nthreads().values())
        logger.info("dask cluster: %d threads", threads)
        return client.get_executor(pure=False), max(threads, 1)

    def close(executor: cf.Executor) -> None:
        executor.shutdown(wait=False)
        for client in clients:
            client.close()
        clients.clear()

    return PoolRunner(extractor, make_executor=make, close_executor=close)


def make_runner(extractor: str = DEFAULT_EXTRACTOR, *, engine: str = "local", workers: int = 1,
                scheduler: str | None = None) -> Runner:
    """The runner for an engine name; raises with the valid choices otherwise."""
    if engine not in ENGINES:
        raise KGError(f"unknown engine {engine!r}: choose from {', '.join(ENGINES)}")
    if workers < 1:
        raise KGError(f"workers must be at least 1, not {workers}")
    if engine == "dask":
        return dask_runner(extractor, scheduler=scheduler, workers=workers)
    if scheduler:
        raise KGError(f"a scheduler ({scheduler}) is only used with engine 'dask': add --engine dask")
    return local_runner(extractor, workers=workers)

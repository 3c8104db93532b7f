"""build_graph: the graph does not depend on workers, input order or streaming."""

from __future__ import annotations

import random
import weakref

import pytest

from kg.errors import KGError
from kg.export.json import graph_to_json
from kg.run.build import BuildReport, build_graph
from kg.run.workers import CHUNK_DOCS, IN_FLIGHT_PER_WORKER, WORKER_RAMP_CHUNKS
from kg.schema import Document
from test_build_fakes import fake_extract, make_docs, make_text

DOCS = make_docs(60)


def _json(docs, **kw) -> str:
    return graph_to_json(build_graph(docs, extractor=fake_extract, **kw))


@pytest.fixture(scope="module")
def serial_json() -> str:
    return _json(DOCS, workers=1)


def test_build_fake_corpus_has_merges_and_relations(serial_json):
    G = build_graph(DOCS, extractor=fake_extract)
    assert G.number_of_nodes() > 20
    assert G.number_of_edges() > 20
    assert max(len(d["docs"]) for _, d in G.nodes(data=True)) > 5


def test_build_two_workers_same_bytes_as_one(serial_json):
    report = BuildReport()
    assert _json(DOCS, workers=2, report=report) == serial_json
    assert report.documents == len(DOCS)


def test_build_input_order_does_not_matter(serial_json):
    shuffled = DOCS[:]
    random.Random(7).shuffle(shuffled)
    assert _json(shuffled) == serial_json


def test_build_duplicate_ids_keep_input_order():
    a = Document(id="same.txt", text=make_text(1), date="2023-01-01")
    b = Document(id="same.txt", text=make_text(2), date="2023-02-01")
    assert _json([a, b], workers=2) == _json([a, b], workers=1)


def test_build_progress_once_per_document():
    seen = []
    build_graph(DOCS[:10], extractor=fake_extract, progress=lambda d: seen.append(d.id))
    assert sorted(seen) == [d.id for d in DOCS[:10]]


# Two workers: the first one's ramp backlog, the second one's window, the chunk being filled.
@pytest.mark.parametrize("workers, bound", [(1, 3), (2, (WORKER_RAMP_CHUNKS + IN_FLIGHT_PER_WORKER + 1) * CHUNK_DOCS)])
def test_build_streams_documents(workers, bound):
    """Only a bounded window of documents is alive at a time, however many there are.

    Documents hold no reference cycles, so reference counting frees them at once.
    """
    alive: list[weakref.ref] = []
    most = 0

    def stream():
        nonlocal most
        for doc in make_docs(400):
            alive[:] = [r for r in alive if r() is not None]
            most = max(most, len(alive))
            doc = Document(id=doc.id, text=doc.text, date=doc.date)
            alive.append(weakref.ref(doc))
            yield doc
            del doc

    G = build_graph(stream(), extractor=fake_extract, workers=workers)
    assert G.number_of_nodes() > 0
    assert most <= bound


def test_build_reads_paths_lazily(tmp_path):
    for d in DOCS[:5]:
        (tmp_path / d.id).write_text(d.text, encoding="utf-8")
    report = BuildReport()
    G = build_graph([tmp_path], extractor=fake_extract, report=report)
    assert report.documents == 5
    assert report.characters == sum(len(d.text) for d in DOCS[:5])
    assert sorted(G.nodes["region:江北区"]["docs"]) == ["doc0000.txt"]


# fmt: off
@pytest.mark.parametrize("kwargs, message", [
    ({"engine": "spark"}, "unknown engine 'spark'"),
    ({"workers": 0}, "at least 1"),
    ({"scheduler": "tcp://127.0.0.1:8786"}, "--engine dask"),
])
# fmt: on
def test_build_rejects_bad_options(kwargs, message):
    with pytest.raises(KGError, match=message):
        build_graph(DOCS[:1], extractor=fake_extract, **kwargs)


@pytest.mark.parametrize("workers", [1, 2])
def test_build_extraction_error_names_document(workers):
    docs = DOCS[:3] + [Document(id="bad.txt", text="BOOM")]
    with pytest.raises(KGError, match="'bad.txt'"):
        build_graph(docs, extractor=fake_extract, workers=workers)


def test_build_real_pipeline_same_with_two_workers():
    """The shipped extractor, whatever it finds today, gives the same bytes in workers."""
    docs = make_docs(12)
    one = graph_to_json(build_graph(docs, workers=1))
    assert graph_to_json(build_graph(docs, workers=2)) == one


def test_build_resolve_and_to_graph_match_the_row_path():
    """resolve()/to_graph() on DocResults and the builder's row path give one graph."""
    from kg.graph import document_table, graph_from_rows, to_graph
    from kg.resolve import resolve, resolve_rows
    from kg.rows import result_to_rows

    results = [fake_extract(d) for d in DOCS]
    documents = document_table((r.doc_id, r.date, r.title) for r in results)
    G = to_graph(*resolve(results), documents=documents)
    H = graph_from_rows(*resolve_rows(result_to_rows(r) for r in results), documents=documents)
    assert graph_to_json(G) == graph_to_json(H) == _json(DOCS)


@pytest.mark.parametrize("enabled", [True, False])
def test_build_restores_the_garbage_collector(enabled):
    import gc

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        build_graph(DOCS[:3], extractor=fake_extract)
        assert gc.isenabled() is enabled
        with pytest.raises(KGError):
            build_graph(DOCS[:1] + [Document(id="bad.txt", text="BOOM")], extractor=fake_extract)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("n, started", [(0, 0), (3, 1), (WORKER_RAMP_CHUNKS * CHUNK_DOCS, 1), (400, 3)])
def test_build_starts_workers_as_the_work_needs(n, started):
    """No document to extract starts no worker, a few start one, a backlog starts the rest."""
    import concurrent.futures as cf

    from kg.run.build import extract_rows
    from kg.run.workers import PoolRunner, extractor_name

    pools: list[cf.Executor] = []

    def make() -> tuple[cf.Executor, int]:
        pools.append(cf.ThreadPoolExecutor(max_workers=1))
        return pools[-1], 1

    runner = PoolRunner(extractor_name(fake_extract), make_executor=make, max_executors=3)
    docs = make_docs(n)
    rows = extract_rows(docs, runner=runner)
    assert [r[1] for r in rows] == [d.id for d in docs]
    assert len(pools) == started


def test_build_feeds_the_second_worker_while_the_first_has_its_backlog():
    """The second worker gets chunk after chunk while the first still works through its ramp backlog.

    Here the first worker is stuck until the second has done three chunks; a window
    counted over the whole pool would wait for the first instead, until the timeout.
    """
    import concurrent.futures as cf
    import threading

    from kg.run.build import extract_rows
    from kg.run.workers import PoolRunner, extractor_name, warm_up

    released = threading.Event()
    done_by_second: list[int] = []
    who: list[str] = []           # what released the first worker

    def release(by: str) -> None:
        who.append(by)
        released.set()

    class Pool(cf.ThreadPoolExecutor):
        def __init__(self, first: bool) -> None:
            super().__init__(max_workers=1)
            self.first = first

        def submit(self, fn, /, *args, **kwargs):
            def run():
                if self.first:
                    released.wait(timeout=30)
                    return fn(*args, **kwargs)
                out = fn(*args, **kwargs)
                if fn is not warm_up:
                    done_by_second.append(1)
                if len(done_by_second) == 3:
                    release("second worker")
                return out
            return super().submit(run)

    pools: list[Pool] = []

    def make() -> tuple[cf.Executor, int]:
        pools.append(Pool(first=not pools))
        return pools[-1], 1

    docs = make_docs((WORKER_RAMP_CHUNKS + 6) * CHUNK_DOCS)
    runner = PoolRunner(extractor_name(fake_extract), make_executor=make, max_executors=2)
    timer = threading.Timer(10, release, ("timeout",))
    timer.start()
    try:
        rows = extract_rows(docs, runner=runner)
    finally:
        timer.cancel()
    assert [r[1] for r in rows] == [d.id for d in docs]
    assert len(pools) == 2
    assert who[0] == "second worker"


def test_build_graph_edges_as_add_edges_from_adds_them():
    """The builder writes edges into networkx's adjacency dicts itself; the graph must be the same."""
    import networkx as nx

    from kg.graph import _add_new_edges

    G = build_graph(DOCS[:20], extractor=fake_extract)
    edges = [(u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True)]
    A, B = nx.MultiDiGraph(), nx.MultiDiGraph()
    for H in (A, B):
        H.graph.update(G.graph)
        H.add_nodes_from(G.nodes(data=True))
    A.add_edges_from(edges)
    _add_new_edges(B, edges)
    assert graph_to_json(A) == graph_to_json(B) == graph_to_json(G)
    assert list(A.pred["region:江北区"]) == list(B.pred["region:江北区"])
    assert nx.utils.graphs_equal(A, B) and B.number_of_edges() == len(edges)
    assert B.has_edge(edges[0][0], edges[0][1], edges[0][2]) and list(B.in_edges(edges[0][1]))


def test_build_graph_supports_of_keys_with_one_node_id_share_an_edge():
    """("a:b", "c") and ("a", "b:c") are both node a:b:c: their relations to one node make one edge."""
    from kg.graph import confidence, to_graph
    from kg.resolve import Entity
    from kg.schema import RelationRecord

    ents = [Entity("a:b", "c", mentions=1, docs=["d1"]), Entity("a", "b:c", mentions=1, docs=["d2"]),
            Entity("x", "y", mentions=2, docs=["d1", "d2"])]
    rels = [(RelationRecord(("a", "b:c"), "hosts", ("x", "y"), "r2", "乙"), "d2", "2024-01-02"),
            (RelationRecord(("a:b", "c"), "hosts", ("x", "y"), "r1", "甲"), "d1", None),
            (RelationRecord(("x", "y"), "hosts", ("nowhere", "z"), "r3", "丙"), "d1", None)]
    G = to_graph(ents, rels)
    assert list(G.edges(keys=True, data=True)) == [
        ("a:b:c", "x:y", "hosts", {"relation": "hosts", "rule": "r2", "confidence": confidence("r2", "hosts"),
                                   "doc": "d2", "evidence": "乙", "weight": 2,
                                   "docs": ["d2", "d1"], "evidences": ["乙", "甲"], "start": "2024-01-02"})]


def test_build_pauses_the_collector_and_leaves_what_it_made_old():
    """Inside, no collection; after, the collector is on again and the build's objects are in the
    oldest generation (no sweep of them all at the next allocation), and nothing stays frozen."""
    import gc

    from kg.run.build import gc_paused

    gc.unfreeze()                   # (an earlier test may have frozen objects: they only grow old)
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        made = [[i] for i in range(5000)]
        assert gc.get_count()[0] >= 5000
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 5000 and gc.is_tracked(made[0])
    kept = [made]                   # someone froze objects before: their freeze is left alone
    gc.freeze()
    try:
        with gc_paused():
            pass
        # (the frozen count itself may fall meanwhile: frozen objects still die of their refcount)
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for g in range(3) for o in gc.get_objects(generation=g))
    finally:
        gc.unfreeze()
    assert any(o is kept for o in gc.get_objects(generation=2))

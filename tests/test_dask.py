"""Extraction on a dask.distributed cluster gives the graph of a local build."""

from __future__ import annotations

import pytest

distributed = pytest.importorskip("distributed")

from kg.cli import main  # noqa: E402
from kg.export.json import graph_to_json  # noqa: E402
from kg.run.build import build_graph  # noqa: E402
from test_build_fakes import fake_extract, make_docs  # noqa: E402

DOCS = make_docs(50)


@pytest.fixture(scope="module")
def scheduler():
    """A small in-process cluster: one single-threaded worker, no dashboard."""
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_dask_same_bytes_as_local(scheduler):
    local = graph_to_json(build_graph(DOCS, extractor=fake_extract, workers=1))
    remote = build_graph(DOCS, extractor=fake_extract, engine="dask", scheduler=scheduler)
    assert graph_to_json(remote) == local


def test_dask_with_cache_same_bytes(scheduler, tmp_path):
    local = graph_to_json(build_graph(DOCS, extractor=fake_extract))
    half = build_graph(DOCS[:25], extractor=fake_extract, engine="dask", scheduler=scheduler,
                       cache_dir=tmp_path)
    assert graph_to_json(half) == graph_to_json(build_graph(DOCS[:25], extractor=fake_extract))
    full = build_graph(DOCS, extractor=fake_extract, engine="dask", scheduler=scheduler, cache_dir=tmp_path)
    assert graph_to_json(full) == local


def test_dask_cli_real_pipeline(scheduler, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for d in DOCS[:6]:
        (src / d.id).write_text(d.text, encoding="utf-8")
    common = ["build", str(src), "--format", "json", "--no-progress", "--no-cache"]
    assert main([*common, "-o", str(tmp_path / "local"), "--workers", "1"]) == 0
    assert main([*common, "-o", str(tmp_path / "dask"), "--engine", "dask", "--scheduler", scheduler]) == 0
    assert (tmp_path / "dask" / "graph.json").read_bytes() == (tmp_path / "local" / "graph.json").read_bytes()

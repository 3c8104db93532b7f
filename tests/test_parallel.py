"""Where workers come from, and what a runner started for nothing leaves behind."""

from __future__ import annotations

import sys

import pytest

from kg.parallel import DEFAULT_EXTRACTOR, _worker_context, extractor_name, local_runner
from test_build_fakes import fake_extract


@pytest.mark.skipif(sys.platform != "linux", reason="the fork server is used on Linux only")
def test_kg_workers_fork_from_a_server_with_the_pipeline():
    assert _worker_context(DEFAULT_EXTRACTOR).get_start_method() == "forkserver"


def test_other_extractors_get_fresh_interpreters():
    assert _worker_context(extractor_name(fake_extract)).get_start_method() == "spawn"


def test_runner_started_for_documents_that_never_come_stops_its_worker():
    runner = local_runner(extractor_name(fake_extract), workers=2)
    runner.start()
    (executor,) = runner._executors
    processes = list(executor._processes.values())
    assert processes
    runner.close()
    for proc in processes:
        proc.join(timeout=10)
        assert not proc.is_alive()

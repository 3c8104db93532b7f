"""Where workers come from, and what a runner started for nothing leaves behind."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from kg.run.workers import DEFAULT_EXTRACTOR, _worker_context, extractor_name, local_runner
from test_build_fakes import fake_extract


@pytest.mark.skipif(sys.platform != "linux", reason="the fork server is used on Linux only")
def test_kg_workers_fork_from_a_server_with_the_pipeline():
    assert _worker_context(DEFAULT_EXTRACTOR).get_start_method() == "forkserver"


def test_other_extractors_get_fresh_interpreters():
    assert _worker_context(extractor_name(fake_extract)).get_start_method() == "spawn"


def _gone(pid: int, timeout: float = 10.0) -> bool:
    """Whether process ``pid`` ends within ``timeout`` (a zombie counts: it has exited).

    Not ``Process.is_alive()``: the pool's own thread reaps its workers too, and
    the two waits race for the exit status.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        stat = Path(f"/proc/{pid}/stat")
        try:
            if stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return True
        except OSError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(sys.platform == "win32", reason="os.kill(pid, 0) tests a pid on POSIX only")
def test_runner_started_for_documents_that_never_come_stops_its_worker():
    runner = local_runner(extractor_name(fake_extract), workers=2)
    runner.start()
    (executor,) = runner._executors
    pids = list(executor._processes)
    assert pids
    runner.close()
    assert all(_gone(pid) for pid in pids)

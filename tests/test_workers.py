"""Where workers come from, and what a runner started for nothing leaves behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg
from kg.run.processes import descendants
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


# -- worker processes of a build run as a command ------------------------------------------------------

# `kg` as its console script runs it: kg imported from the install, the current folder not on sys.path.
KG_COMMAND = [sys.executable, "-c", "import sys; del sys.path[0]; from kg.cli import run; run()"]


@pytest.mark.skipif(sys.platform != "linux", reason="the fork server is used on Linux only")
def test_workers_import_kg_whatever_the_current_folder_holds(tmp_path, examples_dir):
    """A corpus folder named kg in the current folder is not imported as kg by the fork server."""
    (tmp_path / "kg").mkdir()
    for path in examples_dir.glob("*.txt"):
        (tmp_path / "kg" / path.name).write_bytes(path.read_bytes())
    built = subprocess.run([*KG_COMMAND, "build", "kg", "-o", "out", "--workers", "2", "--no-progress"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "graph.json").stat().st_size > 1000


@pytest.mark.skipif(sys.platform != "linux", reason="the fork server is used on Linux only")
def test_workers_run_the_kg_of_python_dash_m(tmp_path, examples_dir):
    """``python -m kg`` in a source folder other than the installed kg: its workers run that folder's kg."""
    src = tmp_path / "src"
    shutil.copytree(Path(kg.__file__).parent, src / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    with open(src / "kg" / "nlp" / "lexicon.py", "a", encoding="utf-8") as fh:
        fh.write("\n# another kg: another pipeline version, which the workers' results must carry\n")
    built = subprocess.run([sys.executable, "-m", "kg", "build", str(examples_dir), "-o", str(tmp_path / "out"),
                            "--workers", "2", "--no-cache", "--no-progress"],
                           cwd=src, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr


def _slow_corpus(folder: Path, examples_dir: Path, n: int = 120) -> Path:
    """Enough documents that two workers are busy for a while."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    for i in range(n):
        (folder / f"doc{i:03d}.txt").write_text(texts[i % len(texts)] * 3 + f"\n第{i}期。\n", encoding="utf-8")
    return folder


@pytest.mark.skipif(sys.platform != "linux", reason="reads the process tree from /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "kill-TERM"])
def test_workers_end_with_their_build_however_it_is_killed(tmp_path, examples_dir, how):
    corpus_dir = _slow_corpus(tmp_path / "in", examples_dir)
    out = tmp_path / "out"
    log = tmp_path / "err.txt"
    with open(log, "w") as err:
        build = subprocess.Popen([*KG_COMMAND, "build", str(corpus_dir), "-o", str(out), "--workers", "2",
                                  "--no-progress", "--no-cache"], stderr=err)
    seen: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and build.poll() is None:
            # the resource tracker, the fork server, and a worker forked from it
            seen = descendants(build.pid)
            if any(descendants(p) for p in seen):
                break
            time.sleep(0.05)
        assert build.poll() is None, "the build ended before its workers were seen"
        os.kill(build.pid, how)
        code = build.wait(timeout=60)
        assert all(_gone(pid, timeout=20) for pid in seen), "a worker process outlived its build"
    finally:
        for pid in [build.pid, *seen]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    if how == signal.SIGTERM:       # as Ctrl-C: one line, the code of the signal, nothing half-written
        assert code == 128 + signal.SIGTERM and "kg: terminated" in log.read_text()
        assert not out.exists() or not [p for p in out.iterdir() if p.name.startswith(".kg-build-")]

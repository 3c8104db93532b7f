"""Worker processes on this machine: that they import this kg, and that they end with the build.

:mod:`kg.run.workers` starts them (from a fork server on Linux, see
:func:`kg.run.workers.local_runner`); the helpers here are about their life:
the fork server started so that no folder named ``kg`` can stand in for kg
(:func:`start_forkserver`), a worker that ends when its build does, however the
build ended (:func:`end_with_parent`), a pool stopped at once (:func:`stop_pool`).
"""

from __future__ import annotations

import concurrent.futures as cf
import importlib.machinery
import multiprocessing
import os
import sys
import threading
from pathlib import Path


def start_forkserver() -> None:
    """Start the fork server, unless it runs, so that it imports the kg this process runs.

    The server is a fresh interpreter run with ``-c``: its ``sys.path`` starts
    with the current folder, where a corpus folder named ``kg`` would be
    imported instead of kg, and lacks this process's first entry (the folder of
    the script, or of ``python -m kg``), where this process may have found kg.
    It gets this process's ``sys.path`` instead, as a spawned process does:
    ``PYTHONSAFEPATH`` (Python 3.11+) leaves the current folder out and
    ``PYTHONPATH`` puts this process's entries first. (On 3.10 the workers are
    spawned instead when the current folder holds a ``kg``: :func:`shadowed_here`.)
    """
    from multiprocessing import forkserver

    env = {"PYTHONSAFEPATH": "1",
           "PYTHONPATH": os.pathsep.join(os.path.abspath(p) for p in sys.path if isinstance(p, str))}
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        forkserver.ensure_running()
    finally:
        for name, value in saved.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


def shadowed_here() -> bool:
    """Whether the current folder holds something importable as ``kg`` other than this kg."""
    import kg

    spec = importlib.machinery.PathFinder.find_spec("kg", [os.getcwd()])
    return spec is not None and spec.origin != kg.__file__


def end_with_parent() -> None:
    """End this worker as soon as the process that started it ends, however it ended.

    A pool's worker waits for its next chunk on a pipe the worker itself holds
    both ends of, so it never sees its parent go: after ``kill -9`` of a build,
    its workers (and the fork server, which lives as long as some worker does)
    would stay forever. ``parent_process()`` watches a pipe whose other end only
    the parent holds: when it closes, the parent has exited.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def stop_pool(executor: cf.ProcessPoolExecutor) -> None:
    """Stop a pool now: one started for documents that never came, or one of a build that failed.

    Its worker is still loading its pipeline or extracting, for nothing; the
    interpreter would wait for that (about a second) before exiting.
    ``_processes`` is the pool's own table of its worker processes (Python 3.14
    adds ``terminate_workers()``).
    """
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        proc.terminate()


def descendants(pid: int) -> list[int]:
    """The processes under ``pid``: its children, theirs, and so on (Linux: read from /proc).

    What a build started, to see that it ends with the build (the tests, ``scripts/probe.py``).
    """
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found

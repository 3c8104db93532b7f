"""The output folder: one build at a time, nothing left of killed builds, a manifest naming one build's files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.run.outdir
from kg.cli import main
from kg.run.outdir import MANIFEST_NAME, output_folder, read_manifest, stale_files

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="builds are kept apart by flock, on POSIX")

GRAPH_FILES = ["graph.graphml", "graph.html", "graph.json"]


def _build(inputs: Path, out: Path, *extra: str) -> int:
    return main(["build", str(inputs), "-o", str(out), "--no-progress", *extra])


def test_outdir_second_build_waits_for_the_first_and_names_it(tmp_path, examples_dir):
    out = tmp_path / "out"
    log = tmp_path / "err.txt"
    with output_folder(out):            # a build of this process holds the folder
        with open(log, "w") as err:
            second = subprocess.Popen([sys.executable, "-m", "kg", "build", str(examples_dir), "-o", str(out),
                                       "--no-progress", "--workers", "1"], stderr=err)
        try:
            deadline = time.monotonic() + 120
            while f"waiting for process {os.getpid()}" not in log.read_text() and time.monotonic() < deadline:
                assert second.poll() is None, log.read_text()
                time.sleep(0.05)
            assert f"waiting for process {os.getpid()}" in log.read_text()
            time.sleep(0.5)
            assert second.poll() is None and not (out / "graph.json").exists()
        except BaseException:
            second.kill()
            raise
    assert second.wait(timeout=240) == 0, log.read_text()
    assert stale_files(out) == [] and sorted(read_manifest(out)["files"]) == GRAPH_FILES


def test_outdir_build_removes_what_killed_builds_left(tmp_path, examples_dir):
    out = tmp_path / "out"
    (out / ".kg-cache").mkdir(parents=True)
    left = [out / ".kg-build-k1ll3d00" / "graph.json", out / ".graph.json.a1b2c3d4.tmp",
            out / ".graph.html.zz9_x8y7.tmp", out / ".manifest.json.q1w2e3r4.tmp",
            out / ".kg-cache" / ".graph-base.marshal.m4n5b6v7.tmp"]
    others = [out / "notes.tmp", out / ".graph.json.bak", out / ".mine.json.a1b2c3d4.tmp",
              out / ".kg-cache" / ".other.a1b2c3d4.tmp"]
    for path in left + others:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    assert _build(examples_dir, out) == 0
    assert [p for p in left if p.exists()] == [] and not (out / ".kg-build-k1ll3d00").exists()
    assert all(p.exists() for p in others)          # not kg's: left alone
    assert [p.name for p in out.iterdir() if p.name.startswith(".kg-build-")] == []


def test_outdir_manifest_names_the_files_of_the_last_build(tmp_path, examples_dir):
    out = tmp_path / "out"
    assert _build(examples_dir, out, "--format", "json,csv") == 0
    first = read_manifest(out)
    assert sorted(first["files"]) == ["edges.csv", "graph.json", "nodes.csv"]
    assert first["files"]["graph.json"]["bytes"] == (out / "graph.json").stat().st_size
    assert stale_files(out) == []
    assert _build(examples_dir, out) == 0
    second = read_manifest(out)
    assert sorted(second["files"]) == GRAPH_FILES and second["build"] != first["build"]
    assert stale_files(out) == []


def test_outdir_a_swap_cut_short_shows_against_the_manifest(tmp_path, examples_dir, monkeypatch):
    """Killed after graph.json is renamed into place: the manifest still names the last complete set."""
    out = tmp_path / "out"
    assert _build(examples_dir, out) == 0
    before = (out / MANIFEST_NAME).read_bytes()
    (examples_dir_copy := tmp_path / "in").mkdir()
    for path in examples_dir.glob("*.txt"):
        shutil.copy(path, examples_dir_copy)
    (examples_dir_copy / "2025-01-01-new.txt").write_text("重庆市万州区委书记 张伟\n\n万州区推进一号工程。\n",
                                                          encoding="utf-8")
    renamed: list[str] = []
    replace = os.replace

    def killed_after_one(src, dst):
        if Path(dst).parent == out:         # a file of the new set renamed into place
            if renamed:
                raise KeyboardInterrupt
            renamed.append(Path(dst).name)
        replace(src, dst)

    monkeypatch.setattr(kg.run.outdir.os, "replace", killed_after_one)
    assert _build(examples_dir_copy, out) == 130
    monkeypatch.undo()
    assert (out / MANIFEST_NAME).read_bytes() == before
    assert stale_files(out) == renamed
    assert _build(examples_dir_copy, out) == 0
    assert stale_files(out) == []


def test_outdir_merge_build_names_only_graph_json(tmp_path, examples_dir):
    corpus_dir = tmp_path / "in"
    shutil.copytree(examples_dir, corpus_dir)
    out = tmp_path / "out"
    assert _build(corpus_dir, out) == 0
    (corpus_dir / "2025-01-01-new.txt").write_text("重庆市万州区委书记 张伟\n\n万州区推进一号工程。\n", encoding="utf-8")
    assert _build(corpus_dir, out, "--format", "json") == 0
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert list(manifest["files"]) == ["graph.json"]        # graph.html and graph.graphml are of the build before
    assert stale_files(out) == []

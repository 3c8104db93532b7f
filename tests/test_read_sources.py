"""kg.read.sources: which files a build reads; not kg's own output, not what is no regular file."""

from __future__ import annotations

import json
import os
import threading

import pytest

from kg.read.documents import Problem, read_documents
from kg.read.sources import collect_sources, count_documents

TEXT = "重庆市北碚区委书记 陈立出席缙云山生态保护座谈会。\n"


def read(paths, **kwargs):
    problems: list[Problem] = []
    docs = list(read_documents([str(p) for p in paths], on_problem=problems.append, **kwargs))
    return docs, problems


def kg_output(folder, *, cache: bool) -> None:
    """What `kg build -o folder` leaves there."""
    folder.mkdir(parents=True)
    (folder / "graph.json").write_text('{"directed": true, "multigraph": true, "nodes": [], "edges": []}')
    (folder / "graph.html").write_text("<html><body><p>重庆市北碚区 知识图谱</p></body></html>", encoding="utf-8")
    (folder / "graph.graphml").write_text("<graphml/>")
    if cache:
        (folder / ".kg-cache").mkdir()


# fmt: off
@pytest.mark.parametrize("where, cache", [
    ("output", False),          # cd corpus && kg build .   (the default output/ lands inside)
    ("out", True),              # kg build nest -o nest/out
    ("deep/er/out", True),
])
# fmt: on
def test_read_sources_skip_kg_output_folders(tmp_path, where, cache):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    kg_output(tmp_path / where, cache=cache)
    docs, problems = read([tmp_path])
    assert [d.id for d in docs] == ["a.txt"] and problems == []


def test_read_sources_skip_output_inside_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    kg_output(tmp_path / "output", cache=True)
    monkeypatch.chdir(tmp_path)
    docs, problems = read(["."])
    assert [d.id for d in docs] == ["a.txt"] and problems == []


def test_read_sources_a_graph_html_named_by_hand_is_read(tmp_path):
    kg_output(tmp_path / "out", cache=False)
    docs, problems = read([tmp_path / "out" / "graph.html"])
    assert [d.id for d in docs] == ["graph.html"] and problems == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("given", ["folder", "file"])
def test_read_sources_fifo_is_skipped_not_opened(tmp_path, given):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "x.txt")
    paths = [tmp_path] if given == "folder" else [tmp_path / "a.txt", tmp_path / "x.txt"]
    result: list = []
    reader = threading.Thread(target=lambda: result.append(read(paths)), daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():                       # blocked in open(): unblock it, then fail
        with open(tmp_path / "x.txt", "w"):
            pass
        pytest.fail("reading blocked on a FIFO")
    docs, problems = result[0]
    assert [d.id for d in docs] == ["a.txt"]
    (pr,) = problems
    assert pr.path == str(tmp_path / "x.txt") and "FIFO" in pr.message and "not a regular file" in pr.message


def test_read_sources_count_documents(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(TEXT, encoding="utf-8")
    lines = [json.dumps({"id": str(i), "text": TEXT}, ensure_ascii=False) for i in range(5)]
    (tmp_path / "sub" / "c.jsonl").write_text("\n".join(lines[:3]) + "\n\n" + "\n".join(lines[3:]) + "\n",
                                              encoding="utf-8")
    kg_output(tmp_path / "output", cache=True)
    docs, _ = read([tmp_path])
    assert count_documents([tmp_path]) == len(docs) == 7
    assert count_documents(["-"]) is None       # standard input: unknown until read


def test_read_sources_sorted_ids_as_before(tmp_path, monkeypatch):
    for name in ("b.txt", "a/z.txt", "a/b/c.txt", "A.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ids = [s.doc_id for s in collect_sources(["."], lambda pr: None)]
    assert ids == ["A.txt", "a/b/c.txt", "a/z.txt", "b.txt"]
    assert [s.path for s in collect_sources(["."], lambda pr: None)] == ["A.txt", "a/b/c.txt", "a/z.txt", "b.txt"]

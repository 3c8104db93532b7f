"""kg.read.documents: bad input gives one clear line (path, line, what is wrong) and reading goes on."""

from __future__ import annotations

import io
import os
import sys

import pytest

from kg.errors import InputError
from kg.read.documents import Problem, read_documents, require_inputs

GOOD = "重庆市江北区委书记 张三出席开工仪式。\n"


def read(paths, **kwargs):
    problems: list[Problem] = []
    docs = list(read_documents([str(p) for p in paths], on_problem=problems.append, **kwargs))
    return docs, problems


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "z_good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def only_problem(folder, name):
    docs, problems = read([folder])
    assert [d.id for d in docs] == ["a_good.txt", "z_good.txt"]     # the rest is still read
    (pr,) = problems
    assert pr.path == str(folder / name)
    return pr


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t", "\u3000\n".encode(), b"\xef\xbb\xbf"])
def test_read_problems_empty_file(folder, content):
    (folder / "m_empty.txt").write_bytes(content)
    assert only_problem(folder, "m_empty.txt").message in ("empty file", "no text in the file")


def test_read_problems_empty_html(folder):
    (folder / "m.html").write_text("<html><script>var a = 1;</script></html>", encoding="utf-8")
    assert "no text in the HTML page" in only_problem(folder, "m.html").message


def test_read_problems_empty_jsonl(folder):
    (folder / "m.jsonl").write_bytes(b"\n\n")
    assert only_problem(folder, "m.jsonl").message == "empty file"


def test_read_problems_binary_file(folder):
    (folder / "m_photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    assert "binary" in only_problem(folder, "m_photo.txt").message


def test_read_problems_large_file(folder):
    with open(folder / "m_huge.txt", "wb") as fh:      # 50 MB, sparse: nothing is written
        fh.truncate(50 * 2**20)
    pr = only_problem(folder, "m_huge.txt")
    assert pr.message.startswith("file is 50.0 MB, over the 20 MB limit") and "split" in pr.message


def test_read_problems_large_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode() * 100)))
    docs, (pr,) = read(["-"], max_bytes=1000)
    assert docs == [] and pr.path == "-" and "more than" in pr.message


def test_read_problems_large_jsonl_line(tmp_path):
    f = tmp_path / "n.jsonl"
    f.write_text('{"text": "%s"}\n{"text": "短"}\n' % ("长" * 2000), encoding="utf-8")
    docs, (pr,) = read([f], max_bytes=1000)
    assert [d.text for d in docs] == ["短"] and pr.line == 1


def test_read_problems_unreadable_path(folder):
    os.symlink(folder / "gone.txt", folder / "m_link.txt")     # dangling: listed, cannot be opened
    pr = only_problem(folder, "m_link.txt")
    assert pr.message.startswith("cannot read: ")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_read_problems_permission_denied(folder):
    f = folder / "m_secret.txt"
    f.write_text(GOOD, encoding="utf-8")
    f.chmod(0)
    try:
        assert "Permission denied" in only_problem(folder, "m_secret.txt").message
    finally:
        f.chmod(0o644)


def test_read_problems_missing_path(folder):
    docs, problems = read([folder, folder / "nope.txt"])
    assert len(docs) == 2
    assert [str(p) for p in problems] == [f"{folder / 'nope.txt'}: no such file or folder"]


def test_read_problems_require_inputs_names_paths():
    with pytest.raises(InputError, match="no such file or folder: nope.txt"):
        require_inputs(["nope.txt"])
    assert require_inputs(["-"]) == ["-"]


def test_read_problems_bad_default_date():
    with pytest.raises(InputError, match="'2023-02-30'.*YYYY-MM-DD"):
        read([], date="2023-02-30")


def test_read_problems_default_handler_logs(folder, caplog):
    (folder / "m_empty.txt").write_bytes(b"")
    docs = list(read_documents([folder]))
    assert len(docs) == 2
    assert f"{folder / 'm_empty.txt'}: empty file" in caplog.text


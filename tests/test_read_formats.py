"""kg.read.documents: .txt, .md, .html, .jsonl, folders, standard input, sidecars and ids."""

from __future__ import annotations

import io
import json
import sys

import pytest

from kg.read.documents import Problem, read_documents
from kg.read.formats import html_to_text, split_front_matter

TEXT = "重庆市2023年第二季度重点项目集中开工\n7月27日，重庆市江北区委书记 张三出席开工仪式。\n"

PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8"><meta name="PubDate" content="2023-07-28 09:30">
<title> 江北区 项目开工 </title>
<style>p { color: red; } .秘密 { }</style>
<script>var leader = "王五"; document.write("<p>李六</p>");</script>
</head>
<body>
<div class="nav">首页 &gt; 要闻</div>
<h1>江北区重点项目开工</h1>
<p>重庆市江北区委书记&nbsp;张三出席仪式。<br>区长 李四主持。</p>
<noscript>请开启脚本</noscript>
<p>项目总投资<b>80亿元</b>。</p>
<script type="text/javascript">
  // 赵七
</script>
</body></html>
"""


def read(paths, **kwargs):
    problems: list[Problem] = []
    docs = list(read_documents([str(p) for p in paths], on_problem=problems.append, **kwargs))
    return docs, problems


def test_read_formats_html_text_title_and_date():
    text, title, date = html_to_text(PAGE)
    assert title == "江北区 项目开工"
    assert date == "2023-07-28"
    assert text.splitlines() == ["首页 > 要闻", "江北区重点项目开工", "重庆市江北区委书记 张三出席仪式。",
                                 "区长 李四主持。", "项目总投资80亿元。"]
    for dropped in ("王五", "李六", "赵七", "color", "请开启脚本"):
        assert dropped not in text


def test_read_formats_html_unclosed_head_and_broken_markup():
    text, title, _ = html_to_text("<head><title>标题<body><p>正文一<p>正文二</div></span><br/>")
    assert title == "标题"
    assert text.splitlines() == ["正文一", "正文二"]


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_read_formats_html_file(tmp_path, suffix):
    f = tmp_path / f"page{suffix}"
    f.write_bytes(PAGE.encode("gbk", errors="strict").replace(b"utf-8", b"gbk"))
    docs, problems = read([tmp_path])
    assert problems == []
    (doc,) = docs
    assert doc.title == "江北区 项目开工"
    assert doc.date == "2023-07-28"
    assert "重庆市江北区委书记 张三出席仪式。" in doc.text and "<p>" not in doc.text
    assert doc.meta["format"] == "html"


def test_read_formats_txt_and_md(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text("# 江北区重点项目开工\n\n" + TEXT, encoding="utf-8")
    docs, problems = read([tmp_path])
    assert problems == []
    assert [(d.id, d.title) for d in docs] == [("a.txt", ""), ("b.md", "江北区重点项目开工")]
    assert docs[0].text == TEXT


def test_read_formats_front_matter_gives_date_and_title(tmp_path):
    f = tmp_path / "2020-01-01-开工.md"
    f.write_text("---\ndate: 2023-07-28\ntitle: \"项目开工\"\nsource: 江北区政府网\ntags: 开工\n---\n" + TEXT,
                 encoding="utf-8")
    (doc,), problems = read([f])
    assert problems == []
    assert (doc.date, doc.title, doc.source) == ("2023-07-28", "项目开工", "江北区政府网")
    assert doc.text == TEXT
    assert doc.meta["tags"] == "开工"


@pytest.mark.parametrize("text", ["---\n正文没有结束\n", "--- 不是 ---\n正文", "正文\n---\ndate: 2023-07-28\n---\n"])
def test_read_formats_no_front_matter(text):
    assert split_front_matter(text) == ({}, text)


def test_read_formats_sidecar_meta_json(tmp_path):
    (tmp_path / "a.txt").write_text("江北区委书记 张三出席。", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"date": "2023-07-28", "title": "开工"}), encoding="utf-8")
    (tmp_path / "b.txt").write_text("江北区委书记 张三出席。", encoding="utf-8")
    (tmp_path / "b.txt.meta.json").write_text('{"date": "2023/7/29", "source": "区政府"}', encoding="utf-8")
    docs, problems = read([tmp_path])
    assert problems == []            # sidecars are not documents
    assert [(d.id, d.date, d.title, d.source) for d in docs] == [
        ("a.txt", "2023-07-28", "开工", ""), ("b.txt", "2023-07-29", "", "区政府")]


def test_read_formats_broken_sidecar_warns_and_reads_the_document(tmp_path):
    (tmp_path / "a.txt").write_text("江北区委书记 张三出席。", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{date:", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"a\.meta\.json.*not readable JSON"):
        docs, problems = read([tmp_path])
    assert [d.id for d in docs] == ["a.txt"] and problems == []


def test_read_formats_jsonl(tmp_path):
    lines = [
        {"id": "n1", "text": TEXT, "title": "开工", "date": "2023-07-28", "source": "江北区", "author": "记者"},
        {"text": "江北区委书记 张三出席。"},
        {"id": 7, "text": "区长 李四主持。", "date": None},
    ]
    f = tmp_path / "news.jsonl"
    f.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    docs, problems = read([f])
    assert problems == []
    assert [(d.id, d.date, d.title, d.source) for d in docs] == [
        ("news.jsonl#n1", "2023-07-28", "开工", "江北区"),
        ("news.jsonl#2", None, "", ""),
        ("news.jsonl#7", None, "", ""),
    ]
    assert docs[0].meta == {"author": "记者", "format": "jsonl", "encoding": "utf-8", "line": 1}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "utf-16"])
def test_read_formats_jsonl_encodings(tmp_path, encoding):
    f = tmp_path / "news.jsonl"
    f.write_bytes((json.dumps({"text": TEXT}, ensure_ascii=False) + "\n").encode(encoding))
    docs, problems = read([f])
    assert problems == [] and [d.text for d in docs] == [TEXT]


def test_read_formats_jsonl_bad_lines_name_the_line(tmp_path):
    f = tmp_path / "news.jsonl"
    f.write_text('{"text": "江北区委书记 张三出席。"}\n'
                 '{"text": "没有结束\n'
                 '["不是", "对象"]\n'
                 '{"title": "没有正文"}\n'
                 '{"text": "   "}\n'
                 '{"id": "x", "text": "第一次"}\n'
                 '{"id": "x", "text": "第二次"}\n'
                 '{"text": "区长 李四主持。"}\n', encoding="utf-8")
    docs, problems = read([f])
    assert [d.id for d in docs] == ["news.jsonl#1", "news.jsonl#x", "news.jsonl#8"]
    assert [(p.path, p.line) for p in problems] == [(str(f), n) for n in (2, 3, 4, 5, 7)]
    messages = [p.message for p in problems]
    assert "broken JSON" in messages[0]
    assert "got list" in messages[1]
    assert "got text of type NoneType" in messages[2]
    assert "empty" in messages[3]
    assert "duplicate id 'x' (first at line 6)" in messages[4]
    assert str(problems[0]).startswith(f"{f}:2: broken JSON")


# fmt: off
@pytest.mark.parametrize("line, doc_id, title", [
    (r'{"id": "x\ud800y", "text": "江北区委书记 张三出席。"}', "news.jsonl#xy", ""),
    (r'{"title": "t\udc00itle", "source": "\ud83d", "text": "江北区委书记 张三出席。"}', "news.jsonl#1", "title"),
    (r'{"id": "\ud800", "text": "江北区委书记 张三出席。"}', "news.jsonl#1", ""),    # nothing left: the line
])
# fmt: on
def test_read_formats_jsonl_lone_surrogates_in_metadata_are_dropped(tmp_path, line, doc_id, title):
    f = tmp_path / "news.jsonl"
    f.write_text(line + "\n", encoding="utf-8")
    (doc,), problems = read([f])
    assert problems == [] and (doc.id, doc.title, doc.source) == (doc_id, title, "")
    for value in (doc.id, doc.title, doc.source):
        value.encode("utf-8")           # no UnicodeEncodeError when written


def test_read_formats_jsonl_bad_date_field_warns(tmp_path):
    f = tmp_path / "news.jsonl"
    f.write_text('{"text": "2023年7月28日，江北区开工。", "date": "上周"}\n', encoding="utf-8")
    with pytest.warns(UserWarning, match=r"news\.jsonl:1: date '上周' is not a date"):
        (doc,), _ = read([f])
    assert doc.date == "2023-07-28"


def test_read_formats_folders_recursive_ids_relative_to_root(tmp_path):
    (tmp_path / "c" / "d").mkdir(parents=True)
    (tmp_path / "c" / "d" / "x.txt").write_text("江北区", encoding="utf-8")
    (tmp_path / "c" / "y.htm").write_text("<p>渝北区</p>", encoding="utf-8")
    (tmp_path / "c" / ".hidden.txt").write_text("隐藏", encoding="utf-8")
    (tmp_path / "c" / ".git").mkdir()
    (tmp_path / "c" / ".git" / "z.txt").write_text("隐藏", encoding="utf-8")
    (tmp_path / "c" / "notes.docx").write_bytes(b"PK\x03\x04")
    docs, problems = read([tmp_path / "c"])
    assert [d.id for d in docs] == ["d/x.txt", "y.htm"]
    (pr,) = problems
    assert pr.path == str(tmp_path / "c" / "notes.docx") and "unknown extension '.docx'" in pr.message


def test_read_formats_order_of_inputs_does_not_matter(tmp_path):
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text(f"{name} 江北区", encoding="utf-8")
    names = [tmp_path / "c.md", tmp_path / "a.txt", tmp_path / "b.txt"]
    first, _ = read(names)
    second, _ = read(list(reversed(names)))
    assert [d.id for d in first] == [d.id for d in second] == ["a.txt", "b.txt", "c.md"]


def test_read_formats_same_file_twice_read_once(tmp_path):
    (tmp_path / "a.txt").write_text("江北区", encoding="utf-8")
    docs, _ = read([tmp_path, tmp_path / "a.txt", tmp_path])
    assert [d.id for d in docs] == ["a.txt"]


def test_read_formats_same_name_in_two_folders_gets_distinct_ids(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text(sub, encoding="utf-8")
    one, _ = read([tmp_path / "y" / "a.txt", tmp_path / "x" / "a.txt"])
    two, _ = read([tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt"])
    assert [d.id for d in one] == [d.id for d in two]
    assert len({d.id for d in one}) == 2


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_read_formats_stdin_text(monkeypatch):
    _stdin(monkeypatch, TEXT.encode("gbk"))
    (doc,), problems = read(["-"])
    assert problems == [] and doc.id == "stdin" and doc.text == TEXT and doc.date == "2023-07-27"


def test_read_formats_stdin_jsonl(monkeypatch):
    _stdin(monkeypatch, '{"id": "a", "text": "江北区"}\n{"id": "b", "text": "渝北区"}\n'.encode())
    docs, problems = read(["-"])
    assert [d.id for d in docs] == ["stdin#a", "stdin#b"]


def test_read_formats_stdin_html(monkeypatch):
    _stdin(monkeypatch, PAGE.encode())
    (doc,), _ = read(["-"])
    assert doc.title == "江北区 项目开工" and "<p>" not in doc.text


def test_read_formats_default_date(tmp_path):
    (tmp_path / "a.txt").write_text("江北区委书记 张三出席。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("2023年7月28日，江北区开工。", encoding="utf-8")
    docs, _ = read([tmp_path], date="2020-05-04")
    assert [d.date for d in docs] == ["2020-05-04", "2023-07-28"]


def test_read_formats_undated_document_still_read(tmp_path):
    (tmp_path / "a.txt").write_text("江北区委书记 张三出席。", encoding="utf-8")
    (doc,), _ = read([tmp_path])
    assert doc.date is None

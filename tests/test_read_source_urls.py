"""Where each document came from: its source address (JSONL url, HTML canonical link), title and date, in the graph."""

from __future__ import annotations

import json

import pytest

from kg.read.documents import read_documents
from kg.read.formats import html_page, source_url
from kg.run.build import build_graph

TEXT = "江北区委书记 王建国\n\n江北区建设数字经济产业园。"

# fmt: off
URLS = [
    ("https://www.cq.gov.cn/a/1.html",   "https://www.cq.gov.cn/a/1.html"),
    (" http://example.cn/x ",            "http://example.cn/x"),
    ("javascript:alert(1)",              ""),
    ("/relative/path.html",              ""),
    ("https://a.cn/有 空格",              ""),
    (None,                               ""),
]
PAGES = [
    ('<link rel="canonical" href="https://a.cn/c"><meta property="og:url" content="https://a.cn/o">', "https://a.cn/c"),
    ('<meta property="og:url" content="https://a.cn/o">',                                             "https://a.cn/o"),
    ('<link rel="Canonical Alternate" href="https://a.cn/c">',                                        "https://a.cn/c"),
    ('<link rel="stylesheet" href="https://a.cn/s.css">',                                             ""),
]
# fmt: on


@pytest.mark.parametrize("value, url", URLS)
def test_source_url_keeps_only_http_addresses(value, url):
    assert source_url(value) == url


@pytest.mark.parametrize("head, url", PAGES)
def test_html_page_gives_its_address(head, url):
    text, fields = html_page(f"<html><head><title>标题</title>{head}</head><body><p>{TEXT}</p></body></html>")
    assert fields["url"] == url and fields["title"] == "标题" and "王建国" in text


def _corpus(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    lines = [{"id": "n1", "text": TEXT, "title": "江北区项目开工", "date": "2024-03-01", "url": "https://a.cn/n1"},
             {"id": "n2", "text": TEXT, "url": "javascript:void(0)"}]
    (src / "news.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    (src / "page.html").write_text(f'<html><head><title>开工</title><link rel="canonical" href="https://b.cn/p">'
                                   f"</head><body><p>{TEXT}</p></body></html>", encoding="utf-8")
    (src / "2024-05-06-plain.txt").write_text(TEXT, encoding="utf-8")
    (src / "2024-05-06-plain.txt.meta.json").write_text('{"url": "https://c.cn/plain"}', encoding="utf-8")
    return src


def test_documents_carry_their_address(tmp_path):
    docs = {d.id: d.url for d in read_documents([_corpus(tmp_path)])}
    assert docs == {"news.jsonl#n1": "https://a.cn/n1", "news.jsonl#n2": "", "page.html": "https://b.cn/p",
                    "2024-05-06-plain.txt": "https://c.cn/plain"}


def test_graph_lists_every_document_with_title_date_and_address(tmp_path):
    src = _corpus(tmp_path)
    expected = {
        "2024-05-06-plain.txt": {"title": "", "date": "2024-05-06", "url": "https://c.cn/plain"},
        "news.jsonl#n1": {"title": "江北区项目开工", "date": "2024-03-01", "url": "https://a.cn/n1"},
        "news.jsonl#n2": {"title": "", "date": ""},
        "page.html": {"title": "开工", "date": "", "url": "https://b.cn/p"},
    }
    assert build_graph([src]).graph["documents"] == expected
    (tmp_path / "in" / "2024-05-06-plain.txt.meta.json").unlink()      # files unchanged since: not read again
    cached = build_graph([src], cache_dir=tmp_path / "out")
    again = build_graph([src], cache_dir=tmp_path / "out")
    assert cached.graph["documents"] == again.graph["documents"]
    assert again.graph["documents"]["news.jsonl#n1"]["url"] == "https://a.cn/n1"
    edge = next(d for *_, d in again.edges(data=True) if "page.html" in d["docs"])      # its evidence, checkable
    assert {again.graph["documents"][doc].get("url") for doc in edge["docs"]} >= {"https://b.cn/p"}

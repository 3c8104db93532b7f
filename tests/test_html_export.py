"""The HTML explorer page, without a browser: self-contained, escaped, G left alone."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.export import export
from kg.export.html import PHYSICS_MAX_NODES, graph_payload, render_html, script_json, write_html
from kg.export.json import read_json

DATA = Path(__file__).parent / "data"
HOSTILE_NAME = "<img src=x onerror=alert(1)>王五"
HOSTILE_SENTENCE = "</script><script>alert(2)</script>王五\u2028考察&调研<b>园区</b>"


@pytest.fixture
def demo() -> nx.MultiDiGraph:
    return read_json(DATA / "demo_graph.json")


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node(f"official:{HOSTILE_NAME}", label=HOSTILE_NAME, type="official",
               aliases=[HOSTILE_NAME, "老王<script>"], docs=["d<1>"], positions=["<i>县长</i>"])
    G.add_node("region:东山县", label="东山县", type="region", aliases=["东山县", "href"], docs=["d1"])
    G.add_edge(f"official:{HOSTILE_NAME}", "region:东山县", key="governs", relation="governs", rule="r",
               doc="d1", evidence=HOSTILE_SENTENCE, weight=1, docs=["d1"], evidences=[HOSTILE_SENTENCE])
    return G


def embedded_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "no embedded data block"
    return json.loads(m.group(1))


def test_html_page_is_self_contained(demo):
    page = render_html(demo)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "<link" not in page
    assert "sourceMappingURL" not in page
    assert "default-src 'none'" in page          # the page's CSP forbids any fetch
    assert "vis-network" in page and "new vis.Network" in page
    assert page.count("<script") == 4             # CSP log, vis-network, data, app


def test_html_hostile_strings_are_escaped():
    page = render_html(hostile_graph())
    for raw in ("<img src=x", "</script><script>alert(2)", "<b>园区", "老王<script>", "\u2028"):
        assert raw not in page
    data = embedded_data(page)
    labels = {n["label"] for n in data["nodes"]}
    assert HOSTILE_NAME in labels                 # the JSON decodes back to the literal text
    assert data["edges"][0]["evidences"] == [HOSTILE_SENTENCE]


def test_html_title_is_escaped():
    page = render_html(hostile_graph(), title="<svg onload=alert(3)>")
    assert "<svg" not in page
    assert "&lt;svg onload=alert(3)&gt;" in page


# fmt: off
@pytest.mark.parametrize("value, expected", [
    ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),
    ("中文", "中文"),
])
# fmt: on
def test_html_script_json_escapes(value, expected):
    text = script_json({"k": value})
    assert text == '{"k":"%s"}' % expected
    assert json.loads(text) == {"k": value}


def test_html_script_json_shows_non_finite_numbers_as_missing():
    """JSON has no NaN or infinity: the page gets null, wherever the number sits."""
    data = {"a": float("nan"), "b": [1.5, float("inf"), ("x", -float("inf"))], "c": {"d": 2}}
    assert json.loads(script_json(data)) == {"a": None, "b": [1.5, None, ["x", None]], "c": {"d": 2}}
    assert script_json({"a": [1.5, ("x",)]}) == '{"a":[1.5,["x"]]}'


def test_html_does_not_mutate_graph(demo):
    before = copy.deepcopy(nx.node_link_data(demo, edges="edges"))
    render_html(demo)
    graph_payload(demo, max_nodes=3)
    assert nx.node_link_data(demo, edges="edges") == before


def test_html_projection_has_ascii_ids_and_chinese_labels(demo):
    data = graph_payload(demo)
    assert [n["id"] for n in data["nodes"]] == list(range(demo.number_of_nodes()))
    assert {n["key"] for n in data["nodes"]} == set(demo.nodes)
    assert "林晓峰" in {n["label"] for n in data["nodes"]}
    assert len(data["edges"]) == demo.number_of_edges()   # parallel edges survive
    assert set(data["types"]) == {"official", "region", "enterprise", "organization", "project", "program"}
    shapes = {(s["color"], s["shape"]) for s in data["types"].values()}
    assert len(shapes) == len(data["types"])            # one colour and shape per type
    assert "Noto Sans CJK SC" in data["font"] and "WenQuanYi Micro Hei" in data["font"]
    parallel = [e for e in data["edges"] if e["parallel"]]
    assert parallel, "林晓峰 -> 青川市 has two relations, drawn as separate curves"


def test_html_node_size_grows_with_degree(demo):
    data = graph_payload(demo)
    by_label = {n["label"]: n for n in data["nodes"]}
    assert by_label["青川市"]["size"] > by_label["周明远"]["size"]


def test_html_small_graph_uses_physics(demo):
    data = graph_payload(demo)
    assert data["physics"] is True
    assert all("x" not in n for n in data["nodes"])


def random_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    import random

    rng = random.Random(seed)
    types = ["official", "region", "enterprise", "organization", "project", "program"]
    G = nx.MultiDiGraph()
    for i in range(n):
        t = types[i % len(types)]
        G.add_node(f"{t}:实体{i}", label=f"实体{i}", type=t, aliases=[f"实体{i}"], docs=["d1"])
    ids = list(G.nodes)
    for i in range(1, n):
        G.add_edge(ids[i], ids[rng.randrange(i)], key="part_of", relation="part_of", evidence="句子。",
                   evidences=["句子。"], weight=1, docs=["d1"], doc="d1", rule="r")
    return G


def test_html_large_graph_is_laid_out_in_python():
    G = random_graph(PHYSICS_MAX_NODES + 50)
    data = graph_payload(G, max_nodes=100)
    assert data["physics"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    xs = [n["x"] for n in data["nodes"]]
    assert max(xs) - min(xs) > 500                     # spread out, not a pile
    assert graph_payload(G, max_nodes=100) == data      # deterministic


def test_html_large_graph_opens_on_officials_and_regions():
    G = random_graph(PHYSICS_MAX_NODES + 50)
    data = graph_payload(G, max_nodes=100)
    ranks = sorted(n["rank"] for n in data["nodes"])
    assert ranks == list(range(len(data["nodes"])))
    first = min(data["nodes"], key=lambda n: n["rank"])
    assert first["type"] in ("official", "region")
    assert data["maxNodes"] == 100


def test_html_rejects_bad_max_nodes(demo):
    with pytest.raises(ValueError, match="max_nodes"):
        render_html(demo, max_nodes=0)


def test_html_write_is_utf8_and_export_passes_options(demo, tmp_path):
    write_html(demo, tmp_path / "a.html", title="演示")
    text = (tmp_path / "a.html").read_bytes().decode("utf-8")
    assert "<title>演示</title>" in text
    export(demo, tmp_path / "out", ["html"], options={"html": {"max_nodes": 7}})
    assert embedded_data((tmp_path / "out" / "graph.html").read_text(encoding="utf-8"))["maxNodes"] == 7


def test_html_empty_graph():
    data = embedded_data(render_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == []


def test_html_layout_without_igraph(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "igraph", None)      # import igraph -> ImportError
    data = graph_payload(random_graph(PHYSICS_MAX_NODES + 10))
    assert data["physics"] is False and all("x" in n for n in data["nodes"])


# ---- what the side panel and the filters read (issue: careers, sources, confidence) ----

CAREERS = DATA / "careers_graph.json"
D1, D2, D3 = "2022-05-10-jiangbei.txt", "2024-03-02-jiangbei.txt", "2024-08-15-yunyang.txt"


@pytest.fixture
def careers() -> nx.MultiDiGraph:
    return read_json(CAREERS)


def by_key(data: dict) -> dict[str, dict]:
    return {n["key"]: n for n in data["nodes"]}


def edge_of(data: dict, head: str, relation: str, tail: str) -> dict:
    nodes = by_key(data)
    return next(e for e in data["edges"] if e["relation"] == relation
                and (e["from"], e["to"]) == (nodes[head]["id"], nodes[tail]["id"]))


def test_html_documents_table_has_titles_dates_and_web_links_only(careers):
    data = graph_payload(careers)
    docs = data["documents"]
    assert [d["id"] for d in docs] == [D1, D2, D3]          # by date
    assert docs[0] == {"id": D1, "title": "江北区召开数字经济推进会", "date": "2022-05-10",
                       "url": "https://news.example.cn/jiangbei/2022/0510.html"}
    assert docs[1]["url"] == ""                               # none given
    assert docs[2]["url"] == ""                               # javascript: is no source address
    governs = edge_of(data, "official:王建国", "governs", "region:江北区")
    assert [docs[i]["id"] for i in governs["docs"]] == [D1, D2]
    assert (governs["start"], governs["end"]) == ("2022-05-10", "2024-03-02") and "dates" not in governs


# fmt: off
@pytest.mark.parametrize("attrs, expected", [
    ({"docs": ["a", "b", "c"], "start": "2024-01-01"}, {"start": "2024-01-01", "dates": ["2024-01-01", "2024-02-01", "2024-03-01"]}),
    ({"docs": ["a", "c"], "start": "2024-01-01", "end": "2024-03-01"}, {"start": "2024-01-01", "end": "2024-03-01"}),
    ({"docs": ["a"], "start": "2024-01-01", "confidence": 0.5}, {"start": "2024-01-01", "confidence": 0.5}),
    ({"docs": ["x"]}, {}),                                          # an undated document, no confidence
])
# fmt: on
def test_html_edge_leaves_out_what_the_page_derives(attrs, expected):
    """start, end, dates and confidence are there only when they say something (explorer.js fills them in)."""
    G = nx.MultiDiGraph()
    G.graph["documents"] = {"a": {"date": "2024-01-01"}, "b": {"date": "2024-02-01"}, "c": {"date": "2024-03-01"}}
    G.add_edge("region:甲", "region:乙", key="part_of", relation="part_of", **attrs)
    edge = graph_payload(G)["edges"][0]
    assert {k: edge[k] for k in ("start", "end", "dates", "confidence") if k in edge} == expected


def test_html_career_table_rows_in_time_order_with_unit_nodes(careers):
    data = graph_payload(careers)
    nodes = by_key(data)
    career = nodes["official:王建国"]["career"]
    assert [(r["title"], r["start"], r["end"]) for r in career] == [
        ("江北区区长", "2022-05-10", "2022-05-10"), ("江北区委书记", "2024-03-02", "2024-03-02"),
        ("重庆市委常委", "2024-03-02", "2024-03-02")]
    assert [r["unit"] for r in career] == [nodes[k]["id"] for k in ("region:江北区", "region:江北区", "region:重庆市")]
    assert career[1]["evidence"] == "江北区委书记王建国作工作报告。" and career[1]["top"] is True
    assert "career" not in nodes["official:王建国"]["extra"]
    assert nodes["official:王建国（云阳县）"]["namesake"].startswith("与江北区的王建国同名")


def test_html_career_falls_back_to_position_details(careers):
    """A build before careers: one row per unit and title, from its first to its last document."""
    nodes = by_key(graph_payload(careers))
    li = nodes["official:李红梅"]
    assert li["career"] == [{"unitName": "江北区", "unit": nodes["region:江北区"]["id"], "role": "副区长",
                             "title": "江北区副区长", "top": False, "start": "2022-05-10", "end": "2024-03-02",
                             "docs": [1, 0], "evidence": ""}]
    assert "position_details" not in li["fields"] and "position_details" not in li["extra"]


def test_html_confidence_rules_and_spans(careers, demo):
    data = graph_payload(careers)
    assert data["confidences"] is True
    assert data["rules"] == ["hosts_speaker", "implements_speaker", "part_of_prefix", "title_governs",
                             "title_serves_in"]
    serves = edge_of(data, "official:李红梅", "serves_in", "region:江北区")
    assert (serves["start"], serves["end"], serves["confidence"]) == ("2022-05-10", "2024-03-02", 0.9)
    old = graph_payload(demo)                                  # no confidence anywhere: 1, and no slider
    assert old["confidences"] is False and not any("confidence" in e for e in old["edges"])


# fmt: off
@pytest.mark.parametrize("attrs, sources", [
    ({"doc": "a", "docs": ["a"], "evidences": ["x", "y"], "weight": 3}, ["a", "a"]),        # one document
    ({"doc": "a", "docs": ["a", "b"], "evidences": ["x", "y"], "weight": 2}, ["a", "b"]),   # one each
    ({"doc": "a", "docs": ["a", "b"], "evidence": "x", "evidences": ["x", "y"], "weight": 3}, ["a", None]),
    ({"doc": "a", "evidence": "x", "weight": 1}, ["a"]),                                      # an old edge
    ({"docs": ["a", "b"], "evidences": ["x"], "weight": 2}, [None]),
])
# fmt: on
def test_html_evidence_sources_only_where_the_graph_says(attrs, sources):
    G = nx.MultiDiGraph()
    G.add_edge("region:甲", "region:乙", key="part_of", relation="part_of", **attrs)
    data = graph_payload(G)
    docs = [d["id"] for d in data["documents"]]
    assert [docs[i] if i is not None else None for i in data["edges"][0]["sources"]] == sources


def test_html_document_dates_inferred_without_documents_table(careers):
    """An older graph.json has no ``documents``: a document's date comes from what it alone attests."""
    del careers.graph["documents"]
    docs = graph_payload(careers)["documents"]
    assert [(d["id"], d["date"], d["title"]) for d in docs] == [
        (D1, "2022-05-10", ""), (D2, "2024-03-02", ""), (D3, "2024-08-15", "")]


def test_html_hostile_document_metadata_stays_data():
    G = hostile_graph()
    G.graph["documents"] = {"d1": {"title": "</script><svg onload=alert(1)>", "date": "<b>2024</b>",
                                   "url": "javascript:alert(2)//https://x"}}
    page = render_html(G)
    assert "<svg" not in page and "</script><svg" not in page
    doc = embedded_data(page)["documents"][0]
    assert doc == {"id": "d1", "title": "</script><svg onload=alert(1)>", "date": "", "url": ""}


def test_html_large_layout_puts_lone_nodes_beside_the_graph():
    """Nodes with no edge stand in a grid to the right, not in a ring that would shrink the opening view."""
    G = random_graph(PHYSICS_MAX_NODES + 50)
    for i in range(40):
        G.add_node(f"program:孤立{i}", label=f"孤立{i}", type="program")
    data = graph_payload(G)
    alone = [n for n in data["nodes"] if n["degree"] == 0]
    joined = [n for n in data["nodes"] if n["degree"] > 0]
    assert len(alone) == 40
    assert min(n["x"] for n in alone) > max(n["x"] for n in joined)
    xs = [n["x"] for n in joined]
    ys = [n["y"] for n in joined]
    assert (max(xs) - min(xs)) > 1.3 * (max(ys) - min(ys))      # wider than high, like a screen

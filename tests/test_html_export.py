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

"""graph.graphml and graph.gexf as independent readers see them: every node, edge and value.

Readers: networkx, python-igraph (GraphML) and graphology (GraphML and GEXF, run
by Node.js from ``tests/js``; skipped when node or ``npm ci --prefix tests/js``
is missing), plus ``xmllint`` against the GraphML schema in ``tests/data``.
The graph is built by hand, with Chinese labels and hostile values, so the
tests do not depend on what extraction finds.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from kg.export._flat import ExportWarning
from kg.export.gexf import write_gexf, write_gexf_timeline
from kg.export.graphml import write_graphml
from kg.schema import (
    A_ALIASES, A_DATES, A_DOCS, A_LABEL, A_MENTIONS, A_POSITION_DETAILS, A_POSITIONS, A_START,
    A_TYPE, E_DOC, E_DOCS, E_EVIDENCE, E_EVIDENCES, E_RELATION, E_RULE, E_START, E_WEIGHT,
    GOVERNS, LEADS, PARTNERS_WITH, SERVES_IN, node_id,
)

DATA = Path(__file__).parent / "data"
JS = Path(__file__).parent / "js"
XSD = DATA / "graphml" / "graphml.xsd"

LI = node_id("official", "李明")
WANG = node_id("official", "王芳")
JB = node_id("region", "江北区")
GOV = node_id("organization", "江北区人民政府")
ENT = node_id("enterprise", "重庆山城 智能科技有限公司")  # a space: not an XML name token
ENT_GRAPHML_ID = "enterprise:重庆山城_x0020_智能科技有限公司"
CONTROL = "李明同志\x07主持会议\x00。"


def _node(G, n, label, etype, **attrs):
    G.add_node(n, **{A_LABEL: label, A_TYPE: etype, **attrs})


def _edge(G, u, v, rel, weight, docs, evidence, start=None, **attrs):
    d = {E_RELATION: rel, E_RULE: f"{rel}.v1", E_DOC: docs[0], E_EVIDENCE: evidence,
         E_WEIGHT: weight, E_DOCS: list(docs), E_EVIDENCES: [evidence], **attrs}
    if start:
        d[E_START] = start
    G.add_edge(u, v, key=rel, **d)


def hostile_graph() -> nx.MultiDiGraph:
    """A graph with lists, dicts, None, a nested list and control characters in its values."""
    G = nx.MultiDiGraph()
    _node(G, LI, "李明", "official", **{
        A_ALIASES: ["李明", "李明同志"], A_MENTIONS: 4, A_DOCS: ["d1", "d2"],
        A_DATES: ["2023-03-01", "2024-06-15"], A_START: "2023-03-01",
        A_POSITIONS: ["江北区区长", "江北区委书记"],
        A_POSITION_DETAILS: [{"unit": "江北区", "title": "区长"}, {"unit": "江北区委", "title": "书记"}],
        "note": CONTROL, "missing": None, "nested": [["甲", "乙"], "丙"], "meta": {"级别": "正厅", "n": 2}})
    _node(G, WANG, "王芳", "official", **{A_ALIASES: [], A_MENTIONS: 1, A_DOCS: ["d2"],
                                         A_DATES: ["2024-06-15"], A_START: "2024-06-15", "score": 0.25})
    _node(G, JB, "江北区", "region", **{A_ALIASES: ["江北"], A_MENTIONS: 5, A_DOCS: ["d1", "d2"],
                                       "adcode": 500105, "level": "county", "verified": True})
    _node(G, GOV, "江北区人民政府", "organization", **{A_MENTIONS: 2, A_DOCS: ["d1"]})
    _node(G, ENT, "重庆山城 智能科技有限公司", "enterprise", **{A_MENTIONS: 1, A_DOCS: []})
    _edge(G, LI, JB, SERVES_IN, 2, ["d1", "d2"], "李明任江北区区长。", "2023-03-01")
    _edge(G, LI, JB, LEADS, 1, ["d2"], "江北区委书记李明\r\n主持会议。", "2024-06-15")  # parallel edge
    _edge(G, LI, GOV, GOVERNS, 1, ["d1"], "李\x01明", None, note=None)
    _edge(G, WANG, GOV, SERVES_IN, 1, ["d2"], "王芳任副区长。", "2024-06-15")
    _edge(G, ENT, JB, PARTNERS_WITH, 3, ["d1"], "签约", "2023-03-01", meta={"金额": "80亿元"})
    return G


def _expected(value):
    """What a list, dict or text value is written as (the documented flattening)."""
    if isinstance(value, list):
        return "|".join(_expected(v) if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True)
                        for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str):
        return value.replace("\x07", "").replace("\x00", "").replace("\x01", "")
    return value


def expected_nodes(G) -> dict[str, dict]:
    out = {}
    for n, d in G.nodes(data=True):
        out[n] = {k: _expected(v) for k, v in d.items() if v is not None}
    return out


def expected_edges(G) -> dict[tuple[str, str, str], dict]:
    return {(u, v, d[E_RELATION]): {k: _expected(x) for k, x in d.items() if x is not None}
            for u, v, d in G.edges(data=True)}


def _same(got, want) -> bool:
    if isinstance(want, bool) or isinstance(got, bool):
        return bool(got) == want if isinstance(got, (bool, int, float)) else str(got).lower() == str(want).lower()
    if isinstance(want, (int, float)):
        return isinstance(got, (int, float)) and math.isclose(float(got), float(want))
    return got == want


def _check(got_attrs: dict, want: dict, what: str, ignore=()) -> None:
    for k, v in want.items():
        if k in ignore:
            continue
        assert k in got_attrs, f"{what}: attribute {k!r} missing"
        assert _same(got_attrs[k], v), f"{what}: {k}={got_attrs[k]!r}, expected {v!r}"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    G = hostile_graph()
    out = tmp_path_factory.mktemp("readers")
    with pytest.warns(ExportWarning):
        write_graphml(G, out / "graph.graphml")
    with pytest.warns(ExportWarning):
        write_gexf(G, out / "graph.gexf")
    with pytest.warns(ExportWarning):
        write_gexf_timeline(G, out / "graph-timeline.gexf")
    return G, out


def test_export_readers_graphml_validates_against_schema(written):
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint not installed (apt-get install libxml2-utils)")
    _, out = written
    r = subprocess.run(["xmllint", "--nonet", "--noout", "--schema", str(XSD), str(out / "graph.graphml")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_export_readers_graphml_networkx(written):
    G, out = written
    H = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    ids = {n: (ENT_GRAPHML_ID if n == ENT else n) for n in G}
    assert set(H.nodes) == set(ids.values())
    for n, want in expected_nodes(G).items():
        got = H.nodes[ids[n]]
        _check(got, want, n)
        assert got["kg_id"] == n            # the graph.json id, to join on, even where the XML id is escaped
        assert got["degree"] == G.degree(n)
        assert {"r", "g", "b", "size"} <= set(got)
        assert "missing" not in got
    got_edges = {(u, v, d["relation"]): d for u, v, d in H.edges(data=True)}
    assert len(got_edges) == H.number_of_edges() == G.number_of_edges()
    for (u, v, rel), want in expected_edges(G).items():
        _check(got_edges[(ids[u], ids[v], rel)], want, f"{u}-{rel}->{v}")


def test_export_readers_graphml_igraph(written):
    igraph = pytest.importorskip("igraph")
    G, out = written
    H = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    assert H.is_directed()
    ids = {n: (ENT_GRAPHML_ID if n == ENT else n) for n in G}
    by_id = {v["id"]: v for v in H.vs}
    assert set(by_id) == set(ids.values())
    for n, want in expected_nodes(G).items():
        attrs = by_id[ids[n]].attributes()
        _check(attrs, want, n)
        assert attrs["kg_id"] == n
        for k, v in attrs.items():  # what the graph lacks, igraph fills with "" or NaN
            if k not in want and k not in ("id", "kg_id", "degree", "r", "g", "b", "size"):  # booleans: False
                assert v in ("", None, False) or (isinstance(v, float) and math.isnan(v)), (n, k, v)
    got_edges = {(H.vs[e.source]["id"], H.vs[e.target]["id"], e["relation"]): e.attributes() for e in H.es}
    assert len(got_edges) == H.ecount() == G.number_of_edges()
    for (u, v, rel), want in expected_edges(G).items():
        _check(got_edges[(ids[u], ids[v], rel)], want, f"{u}-{rel}->{v}")


def _graphology(path: Path) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js not installed")
    if not (JS / "node_modules" / "graphology").is_dir():
        pytest.skip("graphology not installed: run `npm ci --prefix tests/js`")
    r = subprocess.run([node, str(JS / "read_graph.js"), str(path)], capture_output=True, text=True,
                       encoding="utf-8", check=False)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_export_readers_graphml_graphology(written):
    G, out = written
    data = _graphology(out / "graph.graphml")
    ids = {n: (ENT_GRAPHML_ID if n == ENT else n) for n in G}
    nodes = {x["id"]: x["attributes"] for x in data["nodes"]}
    assert set(nodes) == set(ids.values())
    for n, want in expected_nodes(G).items():
        got = nodes[ids[n]]
        _check(got, want, n)
        assert got["kg_id"] == n
        assert got["degree"] == G.degree(n)
        assert got["color"].startswith("#")  # graphology turns r, g, b into a colour
    assert data["multi"] is True and data["type"] == "directed"
    edges = {(e["source"], e["target"], e["attributes"]["relation"]): e["attributes"] for e in data["edges"]}
    assert len(edges) == len(data["edges"]) == G.number_of_edges()
    for (u, v, rel), want in expected_edges(G).items():
        _check(edges[(ids[u], ids[v], rel)], want, f"{u}-{rel}->{v}")


def test_export_readers_gexf_networkx(written):
    G, out = written
    H = nx.read_gexf(out / "graph.gexf")
    assert set(H.nodes) == set(G.nodes)
    for n, want in expected_nodes(G).items():
        got = H.nodes[n]
        _check(got, want, n)
        viz = got["viz"]
        assert {"r", "g", "b"} <= set(viz["color"]) and viz["size"] > 0
    got_edges = {(u, v, d["relation"]): d for u, v, d in H.edges(data=True)}
    assert len(got_edges) == H.number_of_edges() == G.number_of_edges()
    for (u, v, rel), want in expected_edges(G).items():
        got = got_edges[(u, v, rel)]
        _check(got, want, f"{u}-{rel}->{v}")
        assert got["label"] == rel


def test_export_readers_gexf_graphology(written):
    G, out = written
    data = _graphology(out / "graph.gexf")
    nodes = {x["id"]: x["attributes"] for x in data["nodes"]}
    assert set(nodes) == set(G.nodes)
    for n, want in expected_nodes(G).items():
        got = nodes[n]
        _check(got, want, n)
        assert got["color"].startswith("rgb(") and got["size"] > 0
    edges = {(e["source"], e["target"], e["attributes"]["relation"]): e["attributes"] for e in data["edges"]}
    assert len(edges) == len(data["edges"]) == G.number_of_edges()
    for (u, v, rel), want in expected_edges(G).items():
        got = edges[(u, v, rel)]
        _check(got, want, f"{u}-{rel}->{v}")
        assert got["label"] == rel


def test_export_readers_gexf_timeline_networkx_start_dates(written):
    G, out = written
    H = nx.read_gexf(out / "graph-timeline.gexf")
    assert H.graph["mode"] == "dynamic"
    for n, d in G.nodes(data=True):
        assert H.nodes[n].get("start") == d.get(A_START), n
    got = {(u, v, d["relation"]): d.get("start") for u, v, d in H.edges(data=True)}
    assert got == {(u, v, d[E_RELATION]): d.get(E_START) for u, v, d in G.edges(data=True)}

"""kg.explore.query and `kg query`: names, neighbours, paths with evidence, stats, errors."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import main
from kg.errors import KGError, NotFoundError
from kg.explore.query import find_node, neighbors, shortest_paths, stats
from kg.export.json import read_json

GRAPH = Path(__file__).parent / "data" / "demo_graph.json"


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return read_json(GRAPH)


# fmt: off
@pytest.mark.parametrize("name, expected", [
    ("林晓峰", "official:林晓峰"),
    ("林书记", "official:林晓峰"),
    (" 云帆科技 ", "enterprise:青川云帆智能科技有限公司"),
    ("region:青川市", "region:青川市"),
    ("青川", "region:青川市"),
    ("市发改委", "organization:青川市发展和改革委员会"),
])
# fmt: on
def test_query_find_node_by_any_name(G, name, expected):
    assert find_node(G, name) == expected


def test_query_unknown_name_lists_close_matches(G):
    with pytest.raises(NotFoundError, match="no entity named '林晓'.*close matches: 林晓峰"):
        find_node(G, "林晓")


def test_query_ambiguous_name_lists_ids():
    H = nx.MultiDiGraph()
    H.add_node("region:长河", label="长河", type="region", aliases=["长河"])
    H.add_node("enterprise:长河", label="长河", type="enterprise", aliases=["长河"])
    with pytest.raises(KGError, match="enterprise:长河, region:长河"):
        find_node(H, "长河")


def test_query_neighbors_grouped_and_filtered(G):
    rows = neighbors(G, "official:林晓峰")
    assert {(r["relation"], r["direction"], r["label"]) for r in rows} == {
        ("governs", "out", "青川市"), ("serves_in", "out", "青川市"), ("leads", "out", "青川数字经济三年行动计划")}
    only = neighbors(G, "region:青川市", relation="part_of")
    assert {(r["direction"], r["label"]) for r in only} == {
        ("out", "云岭省"), ("in", "临江区"), ("in", "白石县"), ("in", "青川高新区"), ("in", "青川市发展和改革委员会")}
    assert all(r["evidence"] for r in only)
    with pytest.raises(KGError, match="unknown relation 'likes'"):
        neighbors(G, "region:青川市", relation="likes")


def test_query_path_has_evidence_per_hop(G):
    paths = shortest_paths(G, "official:孙雅婷", "official:林晓峰")
    assert len(paths) == 1
    hops = paths[0]
    assert [h["to"]["label"] for h in hops] == ["白石县", "青川市", "林晓峰"]
    assert {e["relation"] for e in hops[-1]["edges"]} == {"governs", "serves_in"}   # both edges of the hop
    assert all(e["evidence"] for h in hops for e in h["edges"])


def test_query_path_none():
    H = nx.MultiDiGraph()
    H.add_node("region:甲", label="甲", type="region")
    H.add_node("region:乙", label="乙", type="region")
    assert shortest_paths(H, "region:甲", "region:乙") == []


def test_query_stats(G):
    st = stats(G, top=3)
    assert st["nodes"] == 19 and st["edges"] == 23 and st["documents"] == 4
    assert st["types"]["official"] == 5
    assert st["relations"]["governs"] == 5
    assert st["top_officials"][0]["label"] == "林晓峰"
    assert [r["label"] for r in st["top_regions"]][:1] == ["青川市"]
    assert len(st["top_regions"]) == 3


def test_query_cli_text_and_json(capsys):
    assert main(["query", "neighbors", "陈市长", "--graph", str(GRAPH)]) == 0
    assert "青川市" in capsys.readouterr().out
    assert main(["query", "path", "孙雅婷", "云帆", "--graph", str(GRAPH), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["target"] == "enterprise:青川云帆智能科技有限公司" and result["paths"]
    assert main(["query", "stats", "--graph", str(GRAPH), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["nodes"] == 19
    assert main(["query", "neighbors", "临江区", "--relation", "hosts", "--graph", str(GRAPH), "--json"]) == 0
    assert [r["relation"] for r in json.loads(capsys.readouterr().out)] == ["hosts"]


def test_query_cli_unknown_name_is_one_line_exit_1(capsys):
    assert main(["query", "path", "林晓", "青川市", "--graph", str(GRAPH)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "close matches: 林晓峰" in err


def test_query_cli_missing_graph(tmp_path, capsys):
    assert main(["query", "stats", "--graph", str(tmp_path / "none.json")]) == 1
    assert "kg build" in capsys.readouterr().err

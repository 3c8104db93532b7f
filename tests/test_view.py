"""kg.explore.view and `kg view`: the ego network of one entity as its own page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import NotFoundError
from kg.explore.view import default_view_path, ego_graph, write_view
from kg.export.json import read_json

GRAPH = Path(__file__).parent / "data" / "demo_graph.json"


def page_data(path: Path) -> dict:
    page = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))


def test_view_ego_graph_depth():
    G = read_json(GRAPH)
    one = ego_graph(G, "official:林晓峰", depth=1)
    assert set(one) == {"official:林晓峰", "region:青川市", "program:青川数字经济三年行动计划"}
    assert one.number_of_edges() == 4   # parallel governs + serves_in kept, and 青川市 implements
    two = ego_graph(G, "official:林晓峰", depth=2)
    assert "region:云岭省" in two and "official:孙雅婷" not in two
    assert G.number_of_nodes() == 19                        # G unchanged


def test_view_write_view_focuses_entity(tmp_path):
    G = read_json(GRAPH)
    ego = write_view(G, "林书记", tmp_path / "v.html", depth=1)
    data = page_data(tmp_path / "v.html")
    assert data["nodes"][data["focus"]]["label"] == "林晓峰"
    assert len(data["nodes"]) == ego.number_of_nodes() == 3
    assert "林晓峰 的关系网络" in data["title"]
    with pytest.raises(NotFoundError):
        write_view(G, "无名氏", tmp_path / "x.html")


def test_view_default_path_is_safe():
    assert default_view_path("out/graph.json", "a/b c") == Path("out/view-a_b_c.html")


def test_view_cli(tmp_path, capsys):
    out = tmp_path / "lin.html"
    assert main(["view", "林晓峰", "--depth", "1", "-o", str(out), "--graph", str(GRAPH)]) == 0
    assert page_data(out)["nodes"][0]["label"]
    assert main(["view", "林晓", "--graph", str(GRAPH), "-o", str(out)]) == 1
    assert "close matches: 林晓峰" in capsys.readouterr().err

"""kg query career / holders / namesakes / within, the filters every query and view takes, and kg view's formats."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.cli import main
from kg.explore.careers import holders
from kg.explore.filters import Filter, filter_graph
from kg.export.json import read_json, write_json
from kg.run.build import build_graph


@pytest.fixture(scope="module")
def graph_json(tmp_path_factory, examples_dir) -> str:
    path = tmp_path_factory.mktemp("g") / "graph.json"
    write_json(build_graph([examples_dir]), path)
    return str(path)


def _query(capsys, graph_json: str, *args: str, as_json: bool = True):
    code = main(["query", *args, "--graph", graph_json, *(["--json"] if as_json else [])])
    out = capsys.readouterr().out
    return code, json.loads(out) if as_json else out


def test_query_career_in_time_order(capsys, graph_json):
    code, c = _query(capsys, graph_json, "career", "王建国")
    assert code == 0
    assert [(p["unit"], p["role"], p["start"]) for p in c["career"]] == [
        ("江北区", "区长", "2022-05-12"), ("江北区", "书记", "2024-01-18"), ("云阳县", "书记", "2024-09-05")]
    assert c["namesake"].startswith("joined:")
    _, text = _query(capsys, graph_json, "career", "王建国", as_json=False)
    assert text.splitlines()[0] == "王建国 (official): 3 post(s)" and "江北区区长 王建国" in text


@pytest.mark.parametrize("on, expected", [
    (None, [("王建国", "区长", None), ("陈晓东", "副区长", None), ("王建国", "书记", None), ("李明华", "区长", None)]),
    ("2022-05-12", [("王建国", "区长", "attested"), ("陈晓东", "副区长", "attested")]),        # top posts first
    ("2023-06-01", [("王建国", "区长", "last attested"), ("陈晓东", "副区长", "last attested")]),
    ("2024-03-01", [("王建国", "书记", "last attested"), ("李明华", "区长", "last attested"),
                    ("陈晓东", "副区长", "last attested")]),
    ("2021-01-01", []),
])
def test_query_holders_on_a_date(capsys, graph_json, on, expected):
    code, h = _query(capsys, graph_json, "holders", "江北区", *(["--on", on] if on else []))
    assert code == 0
    assert [(r["label"], r["role"], r.get("status")) for r in h["holders"]] == expected


def test_query_namesakes_lists_them_for_review(capsys, graph_json):
    _, rows = _query(capsys, graph_json, "namesakes")
    assert [(r["label"], r["kind"]) for r in rows] == [("王建国", "joined")]


def test_query_within_a_region_by_code_and_parent(capsys, graph_json):
    _, w = _query(capsys, graph_json, "within", "成都市")
    found = {r["label"]: r["via"] for r in w["regions"]}
    assert found == {"武侯区": "adcode", "双流区": "adcode", "郫都区": "adcode", "简阳市": "adcode",
                     "九江街道": "adcode", "东部新区": "parent"}       # 成都东部新区: a zone, no code
    assert all(r["adcode"].startswith("5101") for r in w["regions"] if r["via"] == "adcode")
    _, w = _query(capsys, graph_json, "within", "重庆市")
    assert {"江北区", "云阳县", "万州区", "万州经开区"} <= {r["label"] for r in w["regions"]}
    assert {r["label"]: r["via"] for r in w["regions"]}["万州经开区"] == "parent"       # a zone: no code


def test_query_filters_by_document_date_and_rule(capsys, graph_json):
    _, all_ = _query(capsys, graph_json, "stats")
    _, doc = _query(capsys, graph_json, "stats", "--doc", "2024-09-05-yunyang-nongye.txt")
    assert doc["documents"] == 1 and 0 < doc["edges"] < all_["edges"]
    _, dated = _query(capsys, graph_json, "stats", "--since", "2024-01-01", "--until", "2024-06-30")
    assert dated["documents"] == 3                           # 2024-01-18, 2024-03-15, 2024-06-20
    _, rule = _query(capsys, graph_json, "stats", "--rule", "title_governs")
    assert rule["relations"] == {"governs": all_["relations"]["governs"]} and rule["nodes"] == all_["nodes"]
    _, posts = _query(capsys, graph_json, "career", "王建国", "--until", "2023-12-31")
    assert [p["start"] for p in posts["career"]] == ["2022-05-12"]
    code = main(["query", "stats", "--graph", graph_json, "--doc", "nope.txt"])
    assert code == 1 and "no document nope.txt" in capsys.readouterr().err
    _, text = _query(capsys, graph_json, "stats", "--rule", "title_governs", as_json=False)
    assert text.startswith("(filtered: rules title_governs)")
    _, text = _query(capsys, graph_json, "neighbors", "李明华", "--doc", "2024-01-18-jiangbei-liangui.txt", as_json=False)
    assert text.rstrip().endswith("江北区区长 李明华  (2024-01-18-jiangbei-liangui.txt)")      # whose sentence it is


def test_filter_keeps_the_documents_table_and_leaves_the_graph_alone(graph_json):
    G = read_json(graph_json)
    before = nx.node_link_data(G, edges="edges")
    H = filter_graph(G, Filter(since="2024-09-01"))
    assert set(H.graph["documents"]) == {"2024-09-05-yunyang-nongye.txt", "2024-09-10-hubei-forum.txt"}
    assert nx.node_link_data(G, edges="edges") == before
    assert all(d["docs"] and set(d["docs"]) & set(H.graph["documents"]) for _, d in H.nodes(data=True))
    assert all(d["docs"] and set(d["docs"]) <= set(H.graph["documents"]) for *_, d in H.edges(data=True))
    weak = filter_graph(G, Filter(min_confidence=0.9))
    assert 0 < weak.number_of_edges() < G.number_of_edges()
    assert all(d["confidence"] >= 0.9 for *_, d in weak.edges(data=True))
    assert holders(G, "region:江北区", on="2024-01-18")["holders"][0]["status"] == "attested"


def test_view_writes_the_ego_network_in_every_format(tmp_path, capsys, graph_json):
    page = tmp_path / "wang.html"
    assert main(["view", "王建国", "--graph", graph_json, "-o", str(page), "--depth", "1",
                 "--format", "html,json,graphml,gexf,csv"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["wang-edges.csv", "wang-nodes.csv", "wang-timeline.gexf", "wang.gexf", "wang.graphml",
                     "wang.html", "wang.json"]
    ego = read_json(tmp_path / "wang.json")
    assert set(ego) == {"official:王建国", "region:江北区", "region:云阳县"}
    assert set(ego.graph["documents"]) == {"2022-05-12-jiangbei-jingji.txt", "2024-01-18-jiangbei-liangui.txt",
                                           "2024-09-05-yunyang-nongye.txt"}
    assert nx.read_graphml(tmp_path / "wang.graphml").number_of_nodes() == 3
    assert "wang.html" in capsys.readouterr().err
    assert main(["view", "王建国", "--graph", graph_json, "-o", str(page), "--format", "pdf"]) == 1

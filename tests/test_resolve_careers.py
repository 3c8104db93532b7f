"""Careers over time: each post's first and last dates, on the official and on his edges; namesakes said out loud."""

from __future__ import annotations

import logging
import os
import shutil

import networkx as nx

from kg.cli import main
from kg.export import export
from kg.resolve.people import career, joined_namesake
from kg.run.build import build_graph
from kg.schema import Document

# One person in three posts over two years, and the district's next head.
DOCS = [
    Document(id="2022-05-12.txt", date="2022-05-12",
             text="江北区区长 王建国\n\n江北区加快建设鱼嘴智能网联汽车零部件产业园。"),
    Document(id="2023-03-02.txt", date="2023-03-02",
             text="江北区区长 王建国\n\n江北区推进观音桥商圈提档升级。"),
    Document(id="2024-01-18.txt", date="2024-01-18",
             text="江北区委书记 王建国\n\n江北区实施商圈焕新行动。\n\n江北区区长 李明华\n\n江北区建设江北国际物流枢纽。"),
    Document(id="2024-09-05.txt", date="2024-09-05",
             text="云阳县委书记 王建国\n\n云阳县建成云阳柑橘产业示范园。"),
]


def test_career_lists_posts_in_time_order_with_first_and_last_dates():
    G = build_graph(DOCS)
    posts = G.nodes["official:王建国"]["career"]
    assert [(p["unit"], p["role"], p["start"], p["end"], p["docs"]) for p in posts] == [
        ("江北区", "区长", "2022-05-12", "2023-03-02", ["2022-05-12.txt", "2023-03-02.txt"]),
        ("江北区", "书记", "2024-01-18", "2024-01-18", ["2024-01-18.txt"]),
        ("云阳县", "书记", "2024-09-05", "2024-09-05", ["2024-09-05.txt"]),
    ]
    assert [p["unit_id"] for p in posts] == ["region:江北区", "region:江北区", "region:云阳县"]
    assert all(p["top"] for p in posts) and posts[0]["title"] == "江北区区长"
    assert "江北区区长 王建国" in posts[0]["evidence"]
    assert G.nodes["official:王建国"]["position_details"]          # kept for what reads them


def test_post_edges_carry_start_and_end_other_edges_start():
    G = build_graph(DOCS)
    governs = G.edges["official:王建国", "region:江北区", "governs"]
    assert (governs["start"], governs["end"]) == ("2022-05-12", "2024-01-18")
    hosts = next(d for u, v, k, d in G.edges(keys=True, data=True) if k == "hosts")
    assert "start" in hosts and "end" not in hosts


def test_timeline_gexf_ends_posts_on_their_last_date(tmp_path):
    export(build_graph(DOCS), tmp_path, ["gexf"])
    H = nx.read_gexf(tmp_path / "graph-timeline.gexf")
    spans = {(u, v): (d.get("start"), d.get("end")) for u, v, d in H.edges(data=True) if d["relation"] == "governs"}
    assert spans[("official:王建国", "region:江北区")] == ("2022-05-12", "2024-01-18")
    assert spans[("official:王建国", "region:云阳县")] == ("2024-09-05", "2024-09-05")


def test_namesake_joined_across_far_posts_is_noted():
    G = build_graph(DOCS)
    note = G.nodes["official:王建国"]["namesake"]
    assert note.startswith("joined: 江北区区长 (2022-05-12) and 云阳县委书记 (2024-09-05)")
    assert "namesake" not in G.nodes["official:李明华"]


def test_namesakes_split_on_one_date_say_from_whom_and_why():
    docs = [Document(id="a.txt", date="2024-05-01", text="江北区委书记 王建国\n\n江北区建设数字经济产业园。"),
            Document(id="b.txt", date="2024-05-01", text="云阳县委书记 王建国\n\n云阳县建成柑橘产业示范园。")]
    G = build_graph(docs)
    assert G.nodes["official:王建国（云阳县）"]["namesake"] == \
        "split from 王建国 (another person: 云阳县委书记 vs 江北区委书记 at the same date 2024-05-01)"
    assert G.nodes["official:王建国"]["namesake"] == \
        "split: 王建国（云阳县） is another person (江北区委书记 vs 云阳县委书记 at the same date 2024-05-01)"


# fmt: off
JOINED = [
    # posts of one person (unit, doc, top) -> joined?
    ([("江北区", "a", True), ("江北区", "b", True)],                            False),   # one unit
    ([("江北区", "a", True), ("云阳县", "b", True)],                            True),
    ([("江北区", "a", True), ("管委会", "a", True), ("管委会", "b", True)],      False),   # one document names both
    ([("江北区", "a", True), ("云阳县", "b", False)],                           False),   # a deputy post
]
# fmt: on


def test_joined_namesake_table():
    for posts, joined in JOINED:
        details = [{"unit": u, "doc": d, "top": t, "title": u + "书记"} for u, d, t in posts]
        assert bool(joined_namesake(details)) is joined, posts


def test_career_groups_by_unit_and_role_and_sorts_undated_last():
    details = [{"unit": "江北区", "role": "书记", "doc": "b", "date": None, "title": "区委书记"},
               {"unit": "江北区", "role": "区长", "doc": "a", "date": "2022-01-01", "title": "区长"},
               {"unit": "江北区", "role": "区长", "doc": "c", "date": "2021-01-01", "title": "代区长"}]
    assert [(p["role"], p["start"], p["end"], p["title"]) for p in career(details)] == [
        ("区长", "2021-01-01", "2022-01-01", "代区长"), ("书记", "", "", "区委书记")]


def test_cached_result_of_a_redated_file_gives_the_new_dates(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "2022-05-12-a.txt").write_text("江北区区长 王建国\n\n江北区建设数字经济产业园。\n", encoding="utf-8")
    build_graph([src], cache_dir=tmp_path / "out")
    os.rename(src / "2022-05-12-a.txt", src / "2023-06-30-a.txt")
    G = build_graph([src], cache_dir=tmp_path / "out")
    post, = G.nodes["official:王建国"]["career"]
    assert (post["start"], post["docs"]) == ("2023-06-30", ["2023-06-30-a.txt"])


def test_cli_merge_onto_the_last_build_extends_careers_as_a_full_build(tmp_path, examples_dir, caplog):
    corpus = tmp_path / "in"
    corpus.mkdir()
    names = ["2022-05-12-jiangbei-jingji.txt", "2024-01-18-jiangbei-liangui.txt", "2024-09-05-yunyang-nongye.txt"]
    for name in names[:2]:
        shutil.copy(examples_dir / name, corpus / name)
    out = tmp_path / "out"
    args = ["build", str(corpus), "--no-progress", "--format", "json"]
    assert main([*args, "-o", str(out)]) == 0
    shutil.copy(examples_dir / names[2], corpus / names[2])
    with caplog.at_level(logging.INFO, logger="kg"):
        assert main([*args, "-o", str(out)]) == 0
    assert any("merged 1 new documents" in r.getMessage() for r in caplog.records)
    assert main([*args, "-o", str(tmp_path / "full"), "--no-cache"]) == 0
    merged = (out / "graph.json").read_bytes()
    assert merged == (tmp_path / "full" / "graph.json").read_bytes()
    assert "云阳县委书记" in merged.decode() and '"namesake": "joined:' in merged.decode()

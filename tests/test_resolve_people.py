"""Officials across documents: one person carries every dated position; namesakes split on conflict."""

from kg.run.build import build_graph
from kg.schema import Document


def _officials(G) -> dict[str, dict]:
    return {d["label"]: d for _, d in G.nodes(data=True) if d["type"] == "official"}


def test_one_official_two_dated_positions():
    docs = [
        Document(id="2021.txt", date="2021-03-02", text="丰都县委书记 王海峰\n\n丰都县建成龙河工业园。"),
        Document(id="2023.txt", date="2023-05-10", text="涪陵区委书记 王海峰\n\n涪陵区建成白涛化工园区。"),
    ]
    people = _officials(build_graph(docs))
    assert list(people) == ["王海峰"]
    details = sorted((p["date"], p["title"]) for p in people["王海峰"]["position_details"])
    assert details == [("2021-03-02", "丰都县委书记"), ("2023-05-10", "涪陵区委书记")]


def test_namesakes_with_different_top_posts_on_one_date_are_two_people():
    docs = [
        Document(id="a.txt", date="2023-05-10", text="丰都县委书记 张伟\n\n丰都县建成龙河工业园。"),
        Document(id="b.txt", date="2023-05-10", text="涪陵区委书记 张伟\n\n涪陵区建成白涛化工园区。"),
        Document(id="c.txt", date="2022-01-05", text="丰都县委书记 张伟\n\n丰都县推进乡村振兴。"),
    ]
    G = build_graph(docs)
    people = _officials(G)
    assert len(people) == 2, sorted(people)
    units = sorted(sorted({p["unit"] for p in d["position_details"]}) for d in people.values())
    assert units == [["丰都县"], ["涪陵区"]]
    governs = sorted((G.nodes[u]["label"], G.nodes[v]["label"]) for u, v, k in G.edges(keys=True) if k == "governs")
    assert len({u for u, _ in governs}) == 2

"""graph: edges from resolved relations; supports of keys that share a node id add up."""

from __future__ import annotations

from kg.graph import _merged_edges


def test_keys_sharing_a_node_id_make_one_edge_of_all_their_supports():
    a, b, t = ("enterprise", "甲"), ("enterprise", "甲 "), ("project", "园")
    supports = {
        (a, "develops", t): [(a, "develops", t, "r1", "二。", "d2.txt", "2024-02-01"),
                             (a, "develops", t, "r1", "一。", "d1.txt", None)],
        (b, "develops", t): [(b, "develops", t, "r2", "三。", "d0.txt", "2023-12-01"),
                             (b, "develops", t, "r2", "一。", "d1.txt", None)],
    }
    ordered = [(key, "enterprise:甲", "project:园") for key in sorted(supports)]
    ((u, v, rel, d),) = _merged_edges(supports, ordered)
    assert (u, v, rel) == ("enterprise:甲", "project:园", "develops")
    # the first key names the edge by its first support in document order; the second key's add up
    assert (d["rule"], d["doc"], d["evidence"]) == ("r1", "d1.txt", "一。")
    assert d["weight"] == 4
    assert d["docs"] == ["d1.txt", "d2.txt", "d0.txt"]
    assert d["evidences"] == ["一。", "二。", "三。"]
    assert d["start"] == "2023-12-01" and list(d)[-1] == "start"

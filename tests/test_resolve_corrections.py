"""Corrections: the file read row by row, each action applied at resolve time, and nothing else changed."""

from __future__ import annotations

import copy
import json
import shutil

import pytest

from kg.cli import main
from kg.errors import InputError
from kg.graph import graph_from_rows
from kg.resolve import resolve_rows
from kg.resolve.corrections import Correction, read_corrections
from kg.run.build import BuildReport, build_graph


def _post(unit: str, title: str, role: str, doc: str, date: str | None) -> dict:
    return {"title": title, "role": role, "top": True, "governs": True, "unit": unit, "unit_type": "region",
            "doc": doc, "date": date, "evidence": f"{title} 张伟"}


# Three documents as resolve receives them (kg.rows): 张伟 in two posts, 万州区 with a wrong alias "区",
# and a record named "区" that the alias joined to it.
ROWS = [
    [1, "a.txt", "2023-03-01", "", [
        ["official", "张伟", [], 1, {"position_details": [_post("万州区", "万州区委书记", "书记", "a.txt", "2023-03-01")]}],
        ["region", "万州区", ["万州", "区"], 3, {"adcode": "500101", "level": "county"}],
        ["region", "重庆市", ["重庆"], 1, {"adcode": "50", "level": "province"}],
        ["enterprise", "华光科技有限公司", ["华光"], 2, {}],
        ["project", "华光数据中心", [], 1, {}],
        ["program", "链长制", [], 1, {}],
    ], [
        ["official", "张伟", "governs", "region", "万州区", "title_governs", "万州区委书记 张伟"],
        ["region", "万州区", "hosts", "project", "华光数据中心", "hosts_speaker", "万州区建设华光数据中心。"],
        ["enterprise", "华光", "develops", "project", "华光数据中心", "develops_cobuild", "华光建设华光数据中心。"],
        ["region", "万州区", "part_of", "region", "重庆市", "part_of_prefix", "重庆市万州区"],
        ["region", "万州区", "implements", "program", "链长制", "implements_speaker", "万州区推行链长制。"],
        ["region", "万州区", "partners_with", "enterprise", "华光", "partners_cue", "万州区与华光合作。"],
    ]],
    [1, "b.txt", "2023-06-01", "", [
        ["region", "区", [], 1, {}],
        ["project", "滨江公园", [], 1, {}],
    ], [
        ["region", "区", "hosts", "project", "滨江公园", "hosts_speaker", "区里建成滨江公园。"],
    ]],
    [1, "c.txt", "2024-02-01", "", [
        ["official", "张伟", [], 1, {"position_details": [_post("云阳县", "云阳县委书记", "书记", "c.txt", "2024-02-01")]}],
        ["region", "云阳县", ["云阳"], 1, {"adcode": "500235", "level": "county"}],
    ], [
        ["official", "张伟", "governs", "region", "云阳县", "title_governs", "云阳县委书记 张伟"],
    ]],
]


def _graph(tmp_path, text: str | None):
    """The graph of ROWS, with the corrections file ``text`` applied; and the corrections."""
    found = None
    if text is not None:
        path = tmp_path / "kg-corrections.csv"
        path.write_text(text, encoding="utf-8")
        found = read_corrections([path])
    entities, relations = resolve_rows(copy.deepcopy(ROWS), corrections=found)
    return graph_from_rows(entities, relations), found


def _items(G) -> tuple[dict, dict]:
    nodes = {n: json.dumps(d, ensure_ascii=False, sort_keys=True) for n, d in G.nodes(data=True)}
    edges = {(u, k, v): json.dumps(d, ensure_ascii=False, sort_keys=True) for u, v, k, d in G.edges(keys=True, data=True)}
    return nodes, edges


def _changes(tmp_path, text: str):
    """What the corrections changed: nodes gone, nodes new or changed, edges gone, edges new or changed."""
    before, _ = _graph(tmp_path, None)
    after, found = _graph(tmp_path, text)
    assert found.problems == [], [str(p) for p in found.problems]
    (n0, e0), (n1, e1) = _items(before), _items(after)
    return (sorted(set(n0) - set(n1)), sorted(n for n in n1 if n0.get(n) != n1[n]),
            sorted(set(e0) - set(e1)), sorted(e for e in e1 if e0.get(e) != e1[e]), after)


# fmt: off
ROWS_READ = [
    ("merge,region:万州区,,region:云阳县,one place",  Correction("merge", "region:万州区", "", "region:云阳县", "one place")),
    (" Drop , region:区 ",                          Correction("drop", "region:区")),
    ('add-edge,张伟,leads,"org:a,b","他说：""好"""', Correction("add-edge", "张伟", "leads", "org:a,b", "他说：\"好\"")),
    ("retype,program:链长制,,Project",               Correction("retype", "program:链长制", "", "project")),
    ("drop_edge,a,HOSTS,b",                         Correction("drop-edge", "a", "hosts", "b")),
]
ROWS_BAD = [
    ("bogus,x",                        "unknown action 'bogus'"),
    ("drop,a,,,note,extra",            "6 fields, at most 5"),
    ("drop,,,,",                       "the subject (column 2) is empty"),
    ("drop-edge,a,owns,b",             "'owns' is not a relation"),
    ("add-edge,a,hosts,b",             "the note (column 5) is empty"),
    ("retype,a,,person",               "'person' is not an entity type"),
    ("rename,a,hosts,b",               "leave it empty for rename"),
    ("merge,a",                        "give the entity to merge into the subject"),
    ("drop,a,,b",                      "column 4 should be empty"),
]
# fmt: on


@pytest.mark.parametrize("row, expected", ROWS_READ)
def test_corrections_rows_read(tmp_path, row, expected):
    path = tmp_path / "c.csv"
    path.write_text(f"action,subject,relation,object,note\n# a comment\n\n{row}\n", encoding="utf-8")
    found = read_corrections([path])
    assert found.problems == []
    assert [(c.action, c.subject, c.relation, c.object, c.note, c.line) for c in found.items] == \
        [(expected.action, expected.subject, expected.relation, expected.object, expected.note, 4)]


@pytest.mark.parametrize("row, message", ROWS_BAD)
def test_corrections_bad_rows_reported_with_their_line(tmp_path, row, message):
    path = tmp_path / "c.csv"
    path.write_text(f'add-edge,a,hosts,b,"a note\nover two lines"\n{row}\ndrop,a\n', encoding="utf-8")
    found = read_corrections([path])
    assert [c.line for c in found.items] == [1, 4]
    assert [(p.line, message in p.message) for p in found.problems] == [(3, True)], found.problems
    assert str(found.problems[0]).startswith(f"{path}:3: ")


def test_corrections_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no corrections file"):
        read_corrections([tmp_path / "nope.csv"])


def test_corrections_merge_joins_names_documents_and_edges(tmp_path):
    gone, changed, edges_gone, edges_new, G = _changes(tmp_path, "merge,region:万州区,,region:云阳县,\n")
    assert gone == ["region:云阳县"]
    assert changed == ["official:张伟", "region:万州区"]
    d = G.nodes["region:万州区"]
    assert {"云阳县", "云阳"} <= set(d["aliases"]) and d["docs"] == ["a.txt", "b.txt", "c.txt"]
    assert edges_gone == [("official:张伟", "governs", "region:云阳县")]
    assert edges_new == [("official:张伟", "governs", "region:万州区")]      # one edge, two documents now
    assert G.edges["official:张伟", "region:万州区", "governs"]["docs"] == ["a.txt", "c.txt"]
    post, = G.nodes["official:张伟"]["career"]          # one post now: person x unit x role
    assert (post["unit_id"], post["start"], post["end"], post["docs"]) == \
        ("region:万州区", "2023-03-01", "2024-02-01", ["a.txt", "c.txt"])


def test_corrections_split_alias_gives_its_records_back(tmp_path):
    gone, changed, edges_gone, edges_new, G = _changes(tmp_path, "split,region:万州区,,区,\n")
    assert gone == [] and changed == ["region:万州区", "region:区"]
    assert "区" not in G.nodes["region:万州区"]["aliases"] and G.nodes["region:区"]["docs"] == ["b.txt"]
    assert edges_gone == [("region:万州区", "hosts", "project:滨江公园")]
    assert edges_new == [("region:区", "hosts", "project:滨江公园")]


@pytest.mark.parametrize("text, old, new", [
    ("rename,enterprise:华光科技有限公司,,重庆华光科技有限公司,\n", "enterprise:华光科技有限公司", "enterprise:重庆华光科技有限公司"),
    ("retype,program:链长制,,project,\n", "program:链长制", "project:链长制"),
])
def test_corrections_rename_and_retype_move_the_edges(tmp_path, text, old, new):
    gone, changed, edges_gone, edges_new, G = _changes(tmp_path, text)
    assert gone == [old] and changed == [new]
    assert {e for e in edges_gone} == {(u, k, v) for u, k, v in edges_gone if old in (u, v)}
    assert sorted((new if u == old else u, k, new if v == old else v) for u, k, v in edges_gone) == edges_new
    if "rename" in text:
        assert "华光科技有限公司" in G.nodes[new]["aliases"]


def test_corrections_drop_and_drop_edge(tmp_path):
    gone, changed, edges_gone, edges_new, _ = _changes(
        tmp_path, "drop,project:华光数据中心\ndrop-edge,enterprise:华光科技有限公司,partners_with,region:万州区,either way\n")
    assert gone == ["project:华光数据中心"] and changed == [] and edges_new == []
    assert edges_gone == [("enterprise:华光科技有限公司", "develops", "project:华光数据中心"),
                          ("region:万州区", "hosts", "project:华光数据中心"),
                          ("region:万州区", "partners_with", "enterprise:华光科技有限公司")]


def test_corrections_add_alias_and_add_edge(tmp_path):
    gone, changed, edges_gone, edges_new, G = _changes(
        tmp_path, "add-alias,华光,,华光科技,\nadd-edge,official:张伟,serves_in,region:重庆市,市委常委（任命公告）\n")
    assert gone == [] and edges_gone == [] and changed == ["enterprise:华光科技有限公司"]
    assert "华光科技" in G.nodes["enterprise:华光科技有限公司"]["aliases"]
    assert edges_new == [("official:张伟", "serves_in", "region:重庆市")]
    d = G.edges["official:张伟", "region:重庆市", "serves_in"]
    assert (d["rule"], d["confidence"], d["evidence"], d["doc"]) == \
        ("correction", 1.0, "市委常委（任命公告）", "kg-corrections.csv")


def test_corrections_split_one_official_into_two_people(tmp_path):
    gone, changed, edges_gone, edges_new, G = _changes(tmp_path, "split,official:张伟,,region:云阳县,two people\n")
    assert gone == [] and changed == ["official:张伟", "official:张伟（云阳县）"]
    assert [p["unit"] for p in G.nodes["official:张伟"]["career"]] == ["万州区"]
    assert [p["unit"] for p in G.nodes["official:张伟（云阳县）"]["career"]] == ["云阳县"]
    assert G.nodes["official:张伟（云阳县）"]["namesake"].startswith("split from 张伟 by a correction")
    assert edges_gone == [("official:张伟", "governs", "region:云阳县")]
    assert edges_new == [("official:张伟（云阳县）", "governs", "region:云阳县")]


def test_corrections_apply_in_order_and_report_what_names_nothing(tmp_path):
    text = ("rename,official:张伟,,张伟（万州）,\n"
            "drop-edge,official:张伟（万州）,governs,region:云阳县,\n"       # the new name, from the row before
            "drop,official:张伟,,,\n"                                      # the old one is gone
            "drop,华光数据,,,\n"
            "drop,云阳,,,\n"                                              # an alias: fine
            "rename,region:万州区,,重庆市,\n")                              # taken
    G, found = _graph(tmp_path, text)
    assert "official:张伟（万州）" in G and "region:云阳县" not in G
    assert not G.has_edge("official:张伟（万州）", "region:云阳县")
    problems = {p.line: p.message for p in found.problems}
    assert sorted(problems) == [3, 4, 6]
    assert "no entity named 'official:张伟'" in problems[3]
    assert "close matches: 华光数据中心" in problems[4]
    assert "region:重庆市 already exists" in problems[6] and "merge,region:重庆市,,region:万州区" in problems[6]


def test_corrections_ambiguous_name_lists_the_ids(tmp_path):
    _, found = _graph(tmp_path, "rename,project:华光数据中心,,链长制,\ndrop,华光,,,\ndrop,链长制,,,\n")
    assert [p.line for p in found.problems] == [3]         # 华光: an alias, and no label: one entity
    assert "names 2 entities (program:链长制, project:链长制)" in found.problems[0].message


# -- the command line: build, correct, rebuild ------------------------------------------------------

def test_cli_corrections_change_only_what_they_name_and_extract_nothing(tmp_path, examples_dir):
    corpus = tmp_path / "in"
    shutil.copytree(examples_dir, corpus)
    out = tmp_path / "out"
    assert main(["build", str(corpus), "-o", str(out), "--no-progress", "--format", "json"]) == 0
    before = json.loads((out / "graph.json").read_text("utf-8"))
    (out / "kg-corrections.csv").write_text(
        "action,subject,relation,object,note\n"
        "drop-edge,official:罗启航,serves_in,region:成都市,\n"
        "retype,program:链长制,,project,\n", encoding="utf-8")
    report = BuildReport()
    from kg.resolve.corrections import default_corrections

    assert default_corrections([corpus], out) == [str(out / "kg-corrections.csv")]
    build_graph([corpus], cache_dir=out, report=report, corrections=read_corrections(default_corrections([corpus], out)))
    assert report.cached == report.documents       # corrections need no extraction
    assert main(["build", str(corpus), "-o", str(out), "--no-progress", "--format", "json"]) == 0
    after = json.loads((out / "graph.json").read_text("utf-8"))

    def rest(data: dict, nodes: set, edges: set) -> str:
        data = copy.deepcopy(data)
        data["nodes"] = [n for n in data["nodes"] if n["id"] not in nodes]
        data["edges"] = [e for e in data["edges"] if (e["source"], e["key"], e["target"]) not in edges]
        return json.dumps(data, ensure_ascii=False, indent=1)

    old_edges = {e for e in ((e["source"], e["key"], e["target"]) for e in before["edges"])
                 if "program:链长制" in e or e == ("official:罗启航", "serves_in", "region:成都市")}
    new_edges = {e for e in ((e["source"], e["key"], e["target"]) for e in after["edges"]) if "project:链长制" in e}
    assert len(old_edges) == len(new_edges) + 1
    assert rest(before, {"program:链长制"}, old_edges) == rest(after, {"project:链长制"}, new_edges)
    assert "project:链长制" in {n["id"] for n in after["nodes"]}


def test_cli_corrections_beside_the_inputs_are_no_document(tmp_path, examples_dir, capsys):
    corpus = tmp_path / "in"
    shutil.copytree(examples_dir, corpus)
    (corpus / "kg-corrections.csv").write_text("drop,official:罗启航\n", encoding="utf-8")
    assert main(["build", str(corpus), "-o", str(tmp_path / "out"), "--no-progress", "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert "skipped" not in err and "1 correction(s) from" in err
    ids = {n["id"] for n in json.loads((tmp_path / "out" / "graph.json").read_text("utf-8"))["nodes"]}
    assert "official:罗启航" not in ids and "official:林书远" in ids
    assert main(["build", str(corpus), "-o", str(tmp_path / "none"), "--no-progress", "--format", "json",
                 "--no-corrections"]) == 0
    assert "official:罗启航" in (tmp_path / "none" / "graph.json").read_text("utf-8")


@pytest.mark.parametrize("row", ["drop,official:没有这个人\n", "explode,x\n"])
def test_cli_strict_makes_a_skipped_correction_an_error(tmp_path, examples_dir, capsys, row):
    fix = tmp_path / "fix.csv"
    fix.write_text("drop,official:罗启航\n" + row, encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(examples_dir), "-o", str(out), "--no-progress", "--format", "json", "--corrections", str(fix)]
    assert main(args + ["--strict"]) == 1
    err = capsys.readouterr().err
    assert f"kg: error: {fix}:2: " in err and "nothing written" in err
    assert not out.exists()
    assert main(args) == 0
    assert f"kg: warning: {fix}:2: " in capsys.readouterr().err
    assert (out / "graph.json").exists()

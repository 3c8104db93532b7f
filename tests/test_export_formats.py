"""The exporters' contract: golden files, timeline dates, formats, CLI, never broken, never mutating."""

from __future__ import annotations

import copy
import csv
import io
import os
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import main
from kg.errors import KGError
from kg.export import CHOICES, FORMATS, convert, export, parse_formats
from kg.export._flat import ExportWarning
from kg.export.csv import edges_csv, nodes_csv
from kg.export.gexf import generate_gexf
from kg.export.graphml import generate_graphml
from kg.export.json import write_json
from kg.graph import to_graph
from kg.resolve import Entity
from kg.schema import LEADS, SERVES_IN, RelationRecord

GOLDEN = Path(__file__).parent / "data" / "export"
UPDATE = os.environ.get("KG_UPDATE_GOLDEN") == "1"  # KG_UPDATE_GOLDEN=1 pytest tests/test_export_formats.py


@pytest.fixture(autouse=True)
def _pinned_confidence(monkeypatch):
    """The golden files hold edges' confidence: pinned, so that measuring the rules again changes no golden file."""
    import kg.graph

    monkeypatch.setattr(kg.graph, "_confidence_table", lambda: {"*": (0.5, 0)})


def timeline_graph() -> nx.MultiDiGraph:
    """Two dated documents; 张伟 holds one post in the first and a second one in the second."""
    ents = [
        Entity("official", "张伟", {"张伟"}, 3, ["d1", "d2"], {"2022-05-10", "2024-01-08"},
               {"positions": ["渝中区区长", "渝中区委书记"]}),
        Entity("organization", "渝中区人民政府", {"区政府"}, 1, ["d1"], {"2022-05-10"}),
        Entity("organization", "中共渝中区委", {"区委"}, 1, ["d2"], {"2024-01-08"}),
        Entity("region", "渝中区", {"渝中"}, 2, ["d1", "d2"], {"2022-05-10", "2024-01-08"},
               {"adcode": 500103, "level": "county"}),
    ]
    z = ("official", "张伟")
    rels = [
        (RelationRecord(z, SERVES_IN, ("organization", "渝中区人民政府"), "title.v1", "渝中区区长张伟"),
         "d1", "2022-05-10"),
        (RelationRecord(z, LEADS, ("organization", "中共渝中区委"), "title.v1", "渝中区委书记张伟"),
         "d2", "2024-01-08"),
        (RelationRecord(z, SERVES_IN, ("region", "渝中区"), "title.v1", "张伟在渝中区调研"), "d2", "2024-01-08"),
        (RelationRecord(z, SERVES_IN, ("region", "渝中区"), "title.v1", "渝中区区长张伟"), "d1", "2022-05-10"),
    ]
    return to_graph(ents, rels)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == text, f"{name} differs from its golden file"


@pytest.mark.parametrize("name, render", [
    ("graph.graphml", generate_graphml),
    ("graph.gexf", generate_gexf),
    ("graph-timeline.gexf", lambda G: generate_gexf(G, dynamic=True)),
    ("nodes.csv", nodes_csv),
    ("edges.csv", edges_csv),
])
def test_export_formats_golden(name, render):
    _golden(name, render(timeline_graph()))


def test_export_formats_timeline_gives_each_position_its_start(tmp_path):
    G = timeline_graph()
    export(G, tmp_path, ["gexf"])
    H = nx.read_gexf(tmp_path / "graph-timeline.gexf")
    assert H.graph["mode"] == "dynamic"
    starts = {(u, v, d["relation"]): d["start"] for u, v, d in H.edges(data=True)}
    assert starts == {
        ("official:张伟", "organization:渝中区人民政府", SERVES_IN): "2022-05-10",
        ("official:张伟", "organization:中共渝中区委", LEADS): "2024-01-08",
        ("official:张伟", "region:渝中区", SERVES_IN): "2022-05-10",
    }
    assert H.nodes["organization:中共渝中区委"]["start"] == "2024-01-08"
    assert H.nodes["official:张伟"]["start"] == "2022-05-10"
    text = (tmp_path / "graph-timeline.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic" timeformat="date"' in text
    assert "<spells" not in text and "endopen" not in text  # no time-varying attribute values
    assert 'mode="dynamic"' not in (tmp_path / "graph.gexf").read_text(encoding="utf-8")


def test_export_formats_graphml_keys_are_named_typed_and_unique():
    text = generate_graphml(timeline_graph())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    keys = re.findall(r'<key id="([^"]+)" for="(\w+)" attr.name="([^"]+)" attr.type="(\w+)"/>', text)
    ids = [k[0] for k in keys]
    assert len(ids) == len(set(ids)) and not any(re.fullmatch(r"d\d+", i) for i in ids)
    types: dict[str, set[str]] = {}
    for _, _, name, typ in keys:
        types.setdefault(name, set()).add(typ)
    assert all(len(t) == 1 for t in types.values()), types
    for name, typ in [("r", "int"), ("g", "int"), ("b", "int"), ("size", "double"), ("degree", "int"),
                      ("mentions", "int"), ("weight", "int"), ("label", "string")]:
        assert types[name] == {typ}
    edge_ids = re.findall(r'<edge id="([^"]+)"', text)
    assert len(edge_ids) == len(set(edge_ids)) == 3


def test_export_formats_csv_layout_for_gephi():
    G = timeline_graph()
    nodes = list(csv.reader(io.StringIO(nodes_csv(G))))
    edges = list(csv.reader(io.StringIO(edges_csv(G))))
    assert nodes[0][:2] == ["Id", "Label"] and "type" in nodes[0] and "aliases" in nodes[0]
    assert edges[0][:5] == ["Source", "Target", "Type", "Label", "Weight"]
    assert len(nodes) == 1 + G.number_of_nodes() and len(edges) == 1 + G.number_of_edges()
    row = dict(zip(edges[0], edges[-1]))
    assert row["Type"] == "Directed" and row["Label"] == row["relation"] and int(row["Weight"]) >= 1
    assert dict(zip(nodes[0], nodes[1]))["Label"] in {"张伟", "渝中区人民政府", "中共渝中区委", "渝中区"}
    assert not nodes_csv(G).startswith("\ufeff")


# fmt: off
@pytest.mark.parametrize("label, cell", [
    ("=HYPERLINK(\"http://example.com\")行动计划", "'=HYPERLINK(\"http://example.com\")行动计划"),
    ("+86 热线", "'+86 热线"),
    ("-1+2 工程", "'-1+2 工程"),
    ("@SUM(A1) 专项", "'@SUM(A1) 专项"),
    ("\t=1", "'\t=1"),
    ("两江新区", "两江新区"),
    ("数字经济=未来", "数字经济=未来"),
])
# fmt: on
def test_export_formats_csv_cells_never_formulas(label, cell):
    """OWASP on CSV injection: a text cell a spreadsheet would run as a formula starts with ``'``."""
    G = nx.MultiDiGraph()
    G.add_node("program:x", label=label, type="program", aliases=[label], note=label, mentions=-3)
    G.add_node("region:两江新区", label="两江新区", type="region")
    G.add_edge("program:x", "region:两江新区", key="part_of", relation="part_of", weight=1, evidence=label)
    header, row, _ = list(csv.reader(io.StringIO(nodes_csv(G))))        # program:x sorts first
    eheader, erow = list(csv.reader(io.StringIO(edges_csv(G))))
    node = dict(zip(header, row))
    assert node["Label"] == node["note"] == node["aliases"] == cell
    assert node["mentions"] == "-3"                     # numbers stay numbers
    assert dict(zip(eheader, erow))["evidence"] == cell


def test_export_formats_graphml_keeps_every_id_in_kg_id():
    """GraphML ids must be name tokens; kg_id holds the graph.json id to join on, whatever its characters."""
    G = nx.MultiDiGraph()
    names = ["program:网格+基层治理模式", "program:企业吹哨、部门报到", "enterprise:Acme Ltd", "region:渝中区"]
    for n in names:
        G.add_node(n, label=n.split(":")[1], type=n.split(":")[0])
    H = nx.read_graphml(io.StringIO(generate_graphml(G)))
    assert sorted(d["kg_id"] for _, d in H.nodes(data=True)) == sorted(names)
    assert "region:渝中区" in H                           # ids kept as they are where XML allows


class _Opaque:
    def __repr__(self) -> str:
        return "<不透明对象>"


def test_export_formats_never_broken_and_never_mutating(tmp_path):
    G = timeline_graph()
    G.nodes["official:张伟"].update(obj=_Opaque(), blob=b"\xe6\x96\x87", nan=float("nan"), none=None,
                                   mixed="文本", deep=[{"a": [1, {"b": None}]}, [1, [2]]])
    G.nodes["region:渝中区"]["mixed"] = 3
    G.edges["official:张伟", "region:渝中区", SERVES_IN]["weight"] = -2
    before = copy.deepcopy(G)
    with pytest.warns(ExportWarning):
        written = export(G, tmp_path, CHOICES)
    assert sorted(Path(p).name for p in written) == sorted(f[2] for f in FORMATS.values())
    assert repr(list(G.nodes(data=True))) == repr(list(before.nodes(data=True)))  # NaN != NaN: compare reprs
    assert repr(list(G.edges(keys=True, data=True))) == repr(list(before.edges(keys=True, data=True)))
    H = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    assert H.nodes["official:张伟"]["mixed"] == "文本" and H.nodes["region:渝中区"]["mixed"] == "3"
    assert "nan" not in H.nodes["official:张伟"] and "none" not in H.nodes["official:张伟"]
    assert H.nodes["official:张伟"]["blob"] == "文"
    assert all(d["weight"] > 0 for _, _, d in H.edges(data=True))
    assert not list(tmp_path.glob(".*.tmp"))


PLAIN = ["渝中区", "", "a|b", "tab\tand\nnewline", 0, -3, 2**40, True, False, 1.5, ["江北", "渝北"], ("x", "y"), []]
NOT_PLAIN = ["bell\x07", "surrogate\ud800", float("nan"), float("inf"), ["ok", "bad\x01"], ["text", 1],
             [["nested"]], {"b", "a"}, {"k": 1}, None, b"bytes"]


@pytest.mark.parametrize("value, plain", [(v, True) for v in PLAIN] + [(v, False) for v in NOT_PLAIN])
def test_export_formats_plain_values_take_the_fast_path_to_the_same_scalar(value, plain):
    """The writers' fast path for plain values gives what to_scalar gives; other values are left to it."""
    import warnings

    from kg.export._flat import _SLOW, _plain_scalar, to_scalar

    fast = _plain_scalar(value)
    assert (fast is not _SLOW) == plain
    if plain:
        with warnings.catch_warnings():
            warnings.simplefilter("error", ExportWarning)
            full = to_scalar(value)
        assert (fast, type(fast)) == (full, type(full))


def test_export_formats_json_text_is_the_standard_librarys():
    """graph.json is written by a faster writer; its text must stay json.dumps(indent=1)'s, byte for byte."""
    import json
    import math

    from kg.export.json import _default, graph_to_json

    G = timeline_graph()
    G.graph.update(name="g", nodes=[1, 2.5, None])
    G.nodes["official:张伟"].update(obj=_Opaque(), nan=float("nan"), inf=math.inf, ninf=-math.inf, t=("x", 1),
                                   s={"b", "a"}, keys={1: "一", 2.5: "f", True: "t", None: "n"}, empty={},
                                   flag=True, none=None, quote='say "hi"\n\t', deep=[{"a": [1, [2, []]]}, [], "s"])
    G.add_node(7, id="clash")           # an attribute named like node-link's own "id" key
    G.add_edge(7, 7, key=3, source="clash", docs=[])
    with pytest.warns(ExportWarning):
        expected = json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False, indent=1,
                              default=_default) + "\n"
    with pytest.warns(ExportWarning):
        assert graph_to_json(G) == expected
    assert graph_to_json(nx.MultiDiGraph()) == json.dumps(nx.node_link_data(nx.MultiDiGraph(), edges="edges"),
                                                          ensure_ascii=False, indent=1) + "\n"
    del G.nodes["official:张伟"]["obj"]
    loop: list = []
    loop.append(loop)
    G.nodes[7]["loop"] = loop
    with pytest.raises(ValueError, match="Circular"):
        graph_to_json(G)


def test_export_formats_failed_write_leaves_old_file(tmp_path, monkeypatch):
    G = timeline_graph()
    export(G, tmp_path, ["graphml"])
    old = (tmp_path / "graph.graphml").read_bytes()
    import kg.export.graphml as gm

    def boom(_G):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(gm, "generate_graphml", boom)
    with pytest.raises(RuntimeError):
        export(G, tmp_path, ["graphml"])
    assert (tmp_path / "graph.graphml").read_bytes() == old


def test_export_formats_deterministic_whatever_the_insertion_order():
    G = timeline_graph()
    R = nx.MultiDiGraph()
    R.add_nodes_from(reversed(list(G.nodes(data=True))))
    R.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    assert generate_graphml(R) == generate_graphml(G)
    assert generate_gexf(R, dynamic=True) == generate_gexf(G, dynamic=True)
    assert nodes_csv(R) == nodes_csv(G) and edges_csv(R) == edges_csv(G)


def test_export_formats_gexf_position_when_computed():
    G = timeline_graph()
    assert "viz:position" not in generate_gexf(G)
    pos = {n: (float(i), -2.5 * i) for i, n in enumerate(sorted(G))}
    text = generate_gexf(G, pos=pos)
    assert text.count("<viz:position") == G.number_of_nodes()
    H = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert all(H.nodes[n]["viz"]["position"] == {"x": x, "y": y, "z": 0.0} for n, (x, y) in pos.items())


@pytest.mark.parametrize("spec, expected", [
    ("json,graphml,html", ["json", "graphml", "html"]),
    ("GEXF, csv,gexf", ["gexf", "csv"]),
])
def test_export_formats_parse(spec, expected):
    assert parse_formats(spec) == expected


@pytest.mark.parametrize("spec", ["pdf", "", " , "])
def test_export_formats_parse_rejects(spec):
    with pytest.raises(KGError, match="choose from"):
        parse_formats(spec)


def test_export_formats_convert_and_cli(tmp_path, capsys):
    G = timeline_graph()
    write_json(G, tmp_path / "graph.json")
    written = convert(tmp_path / "graph.json", formats=["gexf"])
    assert sorted(Path(p).name for p in written) == ["graph-timeline.gexf", "graph.gexf"]
    out = tmp_path / "out"
    assert main(["export", str(tmp_path / "graph.json"), "--format", "graphml,csv", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["edges.csv", "graph.graphml", "nodes.csv"]
    assert (out / "graph.graphml").read_text(encoding="utf-8") == generate_graphml(G)
    assert main(["export", str(tmp_path / "missing.json")]) == 1
    assert "kg build" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "graph.json"), "--format", "xls"]) == 1

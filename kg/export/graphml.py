"""GraphML for Gephi, yEd, igraph, networkx and graphology (stage 7, export).

What the file holds, so that every reader takes it whole:

* an XML declaration with UTF-8, the GraphML namespace and schema location;
* one typed ``<key>`` per attribute, its id the attribute's name (Gephi takes
  networkx's default ids ``d3``/``d7`` for labels), one type per name across
  nodes and edges; an edge key whose name a node key already has gets the id
  ``edge.NAME``;
* node attributes ``label``, ``type``, ``aliases``, ``mentions``, ``kg_id``, ``degree``,
  Gephi's integer ``r``/``g``/``b`` (the type's colour) and ``size``, then every
  other attribute of the graph;
* edge attributes ``relation``, ``weight`` (supporting mentions, always
  positive), ``evidence``, ``doc``, ``rule``, then the rest; one ``<edge>`` per
  (head, relation, tail), ids ``e0``, ``e1`` ... so parallel edges survive;
* scalar values only (see :mod:`kg.export._flat`), nodes, edges and keys in a
  fixed order, so the same graph always gives the same bytes.

Node ids are the graph's ids where they are XML name tokens (``official:李明``),
as the GraphML schema wants them; characters that are not (spaces, ASCII
punctuation, ``、``) are escaped as ``_xHHHH_``. Every node also carries its
graph.json id as it is, in ``kg_id``: that is the column to join GraphML with
graph.json or nodes.csv on.
"""

from __future__ import annotations

import os

import networkx as nx

from kg.export import _xml
from kg.export._atomic import atomic_open
from kg.export._flat import Table, clean_text, edge_table, node_color, node_size, node_table, unify

__all__ = ["write_graphml", "generate_graphml", "gephi_attributes", "KG_ID"]

NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"


#: the node attribute holding the node's id as graph.json has it (the XML id may be escaped)
KG_ID = "kg_id"


def gephi_attributes(G: nx.MultiDiGraph) -> dict:
    """Per node: its id (``kg_id``), ``degree`` and Gephi's display attributes ``r``, ``g``, ``b``, ``size``."""
    out = {}
    for n, d in G.nodes(data=True):
        deg = G.degree(n)
        r, g, b = node_color(d)
        out[n] = {KG_ID: clean_text(str(n)), "degree": deg, "r": r, "g": g, "b": b, "size": node_size(deg)}
    return out


def _keys(nodes: Table, edges: Table) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """The ``<key>`` lines, and the key id of each node and edge attribute name."""
    lines: list[str] = []
    used: set[str] = set()
    ids: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for table in (nodes, edges):
        for col in table.columns:
            name = _xml.nmtoken(col.name)
            key_id = name if name not in used else f"{table.what}.{name}"
            while key_id in used:
                key_id += "_"
            used.add(key_id)
            ids[table.what][col.name] = key_id
            pairs = [("id", key_id), ("for", table.what), ("attr.name", name), ("attr.type", col.kind)]
            lines.append(f"  <key{_xml.attrs(pairs)}/>")
    return lines, ids["node"], ids["edge"]


def _data(values: dict, opens: dict[str, str]) -> str:
    """The ``<data>`` elements of one row; ``opens`` maps each column to its ``<data key=...>`` tag."""
    out = []
    for name, open_tag in opens.items():
        v = values.get(name)
        if v is None:
            continue
        t = type(v)
        if t is str:
            s = _xml.text(v)
        elif t is bool:
            s = "true" if v else "false"
        else:
            s = _xml.number(v)
        out.append(f"{open_tag}{s}</data>")
    return "".join(out)


def generate_graphml(G: nx.MultiDiGraph) -> str:
    """The GraphML document of ``G`` as text; ``G`` is not modified.

    Values that cannot be written as they are get converted with a warning
    (:class:`kg.export._flat.ExportWarning`), never an exception.
    """
    nodes = node_table(G, gephi_attributes(G))
    edges = edge_table(G)
    unify(nodes, edges)
    key_lines, node_keys, edge_keys = _keys(nodes, edges)
    ids = _xml.NameTokens()
    node_id = {n: ids(clean_text(str(n))) for n, _ in nodes.rows}

    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<graphml xmlns="{NS}" xmlns:xsi="{XSI}" xsi:schemaLocation="{NS} {SCHEMA}">']
    lines += key_lines
    lines.append('  <graph edgedefault="directed">')
    node_tags = {name: f'<data key="{_xml.attr(key_id)}">' for name, key_id in node_keys.items()}
    edge_tags = {name: f'<data key="{_xml.attr(key_id)}">' for name, key_id in edge_keys.items()}
    for n, values in nodes.rows:
        lines.append(f'    <node id="{_xml.attr(node_id[n])}">' + _data(values, node_tags) + "</node>")
    for i, ((u, v, _k), values) in enumerate(edges.rows):
        head = _xml.attrs([("id", f"e{i}"), ("source", node_id[u]), ("target", node_id[v])])
        lines.append(f"    <edge{head}>" + _data(values, edge_tags) + "</edge>")
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write ``G`` as GraphML to ``path``, atomically (the old file stays on any error).

    Args:
        G: the knowledge graph; not modified.
        path: the file to write, usually ``graph.graphml``.
    """
    text = generate_graphml(G)
    with atomic_open(path) as fh:
        fh.write(text)

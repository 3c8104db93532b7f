"""GEXF 1.2 for Gephi and Gephi Lite: a static graph and a timeline (stage 7, export).

``graph.gexf`` is static: each node has its label, its type's colour
(``viz:color``), a size that grows with its degree (``viz:size``) and, when a
layout was computed, its position (``viz:position``); each edge has its
relation as label and its supporting mentions as weight. Every other attribute
is a typed, static ``<attvalue>`` (values flattened as in
:mod:`kg.export._flat`).

``graph-timeline.gexf`` is the same graph in dynamic mode for Gephi's timeline:
a node or edge exists from the ISO date (``timeformat="date"``) of the first
document that supports it, its ``start`` attribute; one without a dated document
exists throughout. A post (``governs``, ``serves_in``, ``leads``) also ends, on
the last date a document attests it (its ``end``): the timeline shows who held
which post when. Attribute values stay static: no spells, no time-varying values.

Node ids are the graph's ids (GEXF ids are free text); edge ids are ``e0``,
``e1`` ... in sorted order, so parallel edges of different relations survive.
"""

from __future__ import annotations

import numbers
import os
import re
import warnings
from collections.abc import Mapping
from typing import Any

import networkx as nx

from kg import __version__
from kg.export import _xml
from kg.export._atomic import atomic_open
from kg.export._flat import (
    ExportWarning, Table, clean_text, edge_table, node_color, node_size, node_table, unify,
)
from kg.schema import A_LABEL, A_START, E_END, E_RELATION, E_START, E_WEIGHT

__all__ = ["write_gexf", "write_gexf_timeline", "generate_gexf"]

NS = "http://www.gexf.net/1.2draft"
NS_VIZ = "http://www.gexf.net/1.2draft/viz"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"

# GraphML type names (kg.export._flat) -> GEXF attribute types.
_TYPES = {"boolean": "boolean", "int": "integer", "long": "long", "double": "double", "string": "string"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Attributes a GEXF element carries itself rather than as <attvalue>.
_NODE_OWN = (A_LABEL,)
_EDGE_OWN = (E_WEIGHT,)


def _start(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and _DATE.fullmatch(value):
        return value
    warnings.warn(f"{where}: start {value!r} is not an ISO date (YYYY-MM-DD); left out of the timeline",
                  ExportWarning, stacklevel=4)
    return None


def _position(G: nx.MultiDiGraph, n: Any, pos: Mapping[Any, Any] | None) -> tuple[float, float] | None:
    xy = pos.get(n) if pos is not None else (G.nodes[n].get("x"), G.nodes[n].get("y"))
    if xy is None or len(xy) < 2:
        return None
    x, y = xy[0], xy[1]
    ok = all(isinstance(c, numbers.Real) and not isinstance(c, bool) and float(c) == float(c)
             and abs(float(c)) != float("inf") for c in (x, y))
    return (float(x), float(y)) if ok else None


def _attributes(table: Table, own: tuple[str, ...]) -> list[str]:
    cols = [c for c in table.columns if c.name not in own]
    if not cols:
        return []
    lines = [f'    <attributes class="{table.what}" mode="static">']
    for c in cols:
        pairs = [("id", c.name), ("title", c.name), ("type", _TYPES[c.kind])]
        lines.append(f"      <attribute{_xml.attrs(pairs)}/>")
    lines.append("    </attributes>")
    return lines


def _attvalue_tags(table: Table, own: tuple[str, ...]) -> dict[str, str]:
    """Each column written as an ``<attvalue>``, and the start of its tag up to the value."""
    return {c.name: f'<attvalue for="{_xml.attr(c.name)}" value="' for c in table.columns if c.name not in own}


def _attvalues(values: dict, tags: dict[str, str]) -> str:
    parts = []
    for name, tag in tags.items():
        v = values.get(name)
        if v is None:
            continue
        t = type(v)
        s = _xml.attr(v) if t is str else ("true" if v else "false") if t is bool else _xml.number(v)
        parts.append(f'{tag}{s}"/>')
    return f"<attvalues>{''.join(parts)}</attvalues>" if parts else ""


def generate_gexf(G: nx.MultiDiGraph, *, dynamic: bool = False,
                  pos: Mapping[Any, Any] | None = None) -> str:
    """The GEXF document of ``G`` as text; ``G`` is not modified.

    Args:
        G: the knowledge graph.
        dynamic: write the timeline: ``start`` dates as node and edge lifetimes.
        pos: node -> (x, y) of a computed layout; by default the nodes' numeric
            ``x`` and ``y`` attributes, where present.

    Returns:
        The document, ending with a newline.
    """
    nodes = node_table(G)
    edges = edge_table(G)
    unify(nodes, edges)
    node_own = _NODE_OWN + (("x", "y") if pos is None else ()) + ((A_START,) if dynamic else ())
    edge_own = _EDGE_OWN + ((E_START, E_END) if dynamic else ())

    mode = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<gexf xmlns="{NS}" xmlns:viz="{NS_VIZ}" xmlns:xsi="{XSI}" '
             f'xsi:schemaLocation="{SCHEMA}" version="1.2">',
             f"  <meta><creator>kg {_xml.text(__version__)}</creator>"
             f"<description>{'timeline of ' if dynamic else ''}knowledge graph</description></meta>",
             f'  <graph defaultedgetype="directed"{mode}>']
    lines += _attributes(nodes, node_own)
    lines += _attributes(edges, edge_own)

    node_tags, edge_tags = _attvalue_tags(nodes, node_own), _attvalue_tags(edges, edge_own)
    lines.append("    <nodes>")
    for n, values in nodes.rows:
        d = G.nodes[n]
        label = values.get(A_LABEL)
        start = _start(d.get(A_START), f"node {n!r}") if dynamic else None
        head = _xml.attrs([("id", clean_text(str(n))), ("label", str(label) if label is not None else clean_text(str(n))),
                           ("start", start)])
        r, g, b = node_color(d)
        viz = f'<viz:color r="{r}" g="{g}" b="{b}"/><viz:size value="{_xml.number(node_size(G.degree(n)))}"/>'
        xy = _position(G, n, pos)
        if xy is not None:
            viz += f'<viz:position x="{_xml.number(xy[0])}" y="{_xml.number(xy[1])}" z="0.0"/>'
        lines.append(f"      <node{head}>{_attvalues(values, node_tags)}{viz}</node>")
    lines.append("    </nodes>")

    lines.append("    <edges>")
    for i, ((u, v, k), values) in enumerate(edges.rows):
        start = end = None
        if dynamic:
            d = G.edges[u, v, k]
            start = _start(d.get(E_START), f"edge {u!r} -[{k}]-> {v!r}")
            end = _start(d.get(E_END), f"edge {u!r} -[{k}]-> {v!r} end") if start else None
        head = _xml.attrs([("id", f"e{i}"), ("source", clean_text(str(u))), ("target", clean_text(str(v))),
                           ("label", values.get(E_RELATION)), ("weight", _xml.number(values[E_WEIGHT])),
                           ("start", start), ("end", end)])
        lines.append(f"      <edge{head}>{_attvalues(values, edge_tags)}</edge>")
    lines.append("    </edges>")
    lines += ["  </graph>", "</gexf>", ""]
    return "\n".join(lines)


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike, *,
               pos: Mapping[Any, Any] | None = None) -> None:
    """Write the static GEXF of ``G`` (``graph.gexf``) atomically.

    Args:
        G: the knowledge graph; not modified.
        path: the file to write.
        pos: node -> (x, y) of a computed layout, written as ``viz:position``.
    """
    text = generate_gexf(G, pos=pos)
    with atomic_open(path) as fh:
        fh.write(text)


def write_gexf_timeline(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write the dynamic GEXF of ``G`` (``graph-timeline.gexf``) for Gephi's timeline, atomically.

    Args:
        G: the knowledge graph; not modified.
        path: the file to write.
    """
    text = generate_gexf(G, dynamic=True)
    with atomic_open(path) as fh:
        fh.write(text)

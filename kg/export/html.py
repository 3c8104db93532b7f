"""Stage 7, export: an offline, self-contained HTML explorer of the graph.

The page is one file that makes no network request: the vis-network library
that pyvis ships in its package is inlined, and so are our own template, style
and script (``kg/export/assets/``). pyvis never sees the caller's graph; the page
is built from a *projection*: integer node ids, Chinese labels, and only plain
JSON data, embedded in a ``<script type="application/json">`` block with ``<``,
``>``, ``&`` and U+2028/U+2029 escaped. The script inserts every string with
``textContent`` so that names and sentences are always shown, never run.

Small graphs are laid out by vis-network's physics in the browser, which is
switched off before the page says it is ready; large ones are laid out here
(``_layout.py``) and drawn with physics off, and above ``max_nodes`` the page
opens on a filtered view with a control to show more. What the side panel and
the filters read (careers, documents with their titles, dates and addresses,
each evidence's source, confidence) is put in one shape by ``_panel.py``,
whatever age of build the graph comes from.
"""

from __future__ import annotations

import functools
import html
import json
import math
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from typing import Any

import networkx as nx

from kg.export._atomic import atomic_open
from kg.export._layout import layout, reveal_order
from kg.export._panel import DocumentTable, career_rows, confidence, edge_docs, evidences, iso_date
from kg.schema import (
    A_ADCODE, A_ALIASES, A_CAREER, A_DATES, A_DOCS, A_INVESTMENT, A_LABEL, A_LEVEL, A_MENTIONS, A_NAMESAKE,
    A_PARENT, A_POSITION_DETAILS, A_POSITIONS, A_STAGES, A_START, A_TYPE, E_CONFIDENCE, E_END, E_RELATION,
    E_RULE, E_START, E_WEIGHT, UNDIRECTED_RELATIONS,
)

__all__ = ["write_html", "render_html", "DEFAULT_MAX_NODES", "PHYSICS_MAX_NODES"]

DEFAULT_MAX_NODES = 2000   # above this many nodes the page opens on a filtered view
PHYSICS_MAX_NODES = 300    # up to this many nodes vis-network lays the graph out itself
FONT_FAMILY = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"

# One colour and shape per entity type; shapes with the label below them, so size shows degree.
TYPE_STYLES: dict[str, dict[str, str]] = {
    "official": {"name": "官员", "color": "#e15759", "shape": "dot"},
    "region": {"name": "地区", "color": "#4e79a7", "shape": "square"},
    "enterprise": {"name": "企业", "color": "#f28e2b", "shape": "diamond"},
    "organization": {"name": "机构", "color": "#59a14f", "shape": "triangle"},
    "project": {"name": "项目", "color": "#b07aa1", "shape": "hexagon"},
    "program": {"name": "政策规划", "color": "#9c755f", "shape": "star"},
}
OTHER_TYPE = {"name": "其他", "color": "#9e9e9e", "shape": "dot"}
# The same colours for Gephi's r, g, b in GraphML/GEXF.
COLORS: dict[str, str] = {t: s["color"] for t, s in TYPE_STYLES.items()}

# One colour and dash pattern per relation.
RELATION_STYLES: dict[str, dict[str, Any]] = {
    "governs": {"name": "主政", "color": "#c0392b", "dashes": False},
    "serves_in": {"name": "任职于", "color": "#e67e22", "dashes": False},
    "leads": {"name": "领导", "color": "#8e44ad", "dashes": [8, 4]},
    "part_of": {"name": "隶属于", "color": "#2c7fb8", "dashes": [2, 4]},
    "hosts": {"name": "承载", "color": "#16a085", "dashes": False},
    "develops": {"name": "建设", "color": "#d35400", "dashes": [8, 4]},
    "implements": {"name": "实施", "color": "#7f8c8d", "dashes": [2, 4]},
    "partners_with": {"name": "合作", "color": "#27ae60", "dashes": [12, 4, 2, 4]},
}
OTHER_RELATION = {"name": "其他关系", "color": "#999999", "dashes": [4, 4]}

# Node attributes the side panel shows by name; any other attribute is listed as it is.
_NODE_FIELDS = (A_POSITIONS, A_ADCODE, A_LEVEL, A_PARENT, A_INVESTMENT, A_STAGES, A_MENTIONS, A_START)
_SKIP_NODE_ATTRS = {A_LABEL, A_TYPE, A_ALIASES, A_DATES, A_DOCS, A_POSITION_DETAILS, A_CAREER, A_NAMESAKE,
                    *_NODE_FIELDS}
# The page's own script, in this order: helpers, filters, side panel, then the page that uses them.
APP_SCRIPTS = ("explorer-lib.js", "explorer-filters.js", "explorer-panel.js", "explorer.js")
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PLACEHOLDER = re.compile(r"/\*__KG_(\w+)__\*/")


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike, *, max_nodes: int = DEFAULT_MAX_NODES,
               title: str | None = None, focus: str | None = None) -> None:
    """Write the explorer page of ``G``, atomically, as UTF-8.

    Args:
        G: the knowledge graph; it is read, never changed.
        path: the ``.html`` file to write.
        max_nodes: above this many nodes the page opens on officials, regions and
            their neighbours, at most ``max_nodes`` of them, with "show more".
        title: the page title (default: counts of the graph).
        focus: a node id of ``G`` to select and centre when the page opens.
    """
    page = render_html(G, max_nodes=max_nodes, title=title, focus=focus)
    with atomic_open(path, encoding="utf-8") as fh:
        fh.write(page)


def render_html(G: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES, title: str | None = None,
                focus: str | None = None) -> str:
    """The explorer page of ``G`` as a string (see :func:`write_html`)."""
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    if title is None:
        title = f"知识图谱 · {G.number_of_nodes()} 个实体 · {G.number_of_edges()} 条关系"
    data = graph_payload(G, max_nodes=max_nodes, title=title, focus=focus)
    parts = {
        "TITLE": html.escape(title),
        "CSS": _asset("explorer.css"),
        "VIS": _vis_network_js(),
        "DATA": script_json(data),
        "APP": "\n".join(_asset(name) for name in APP_SCRIPTS),
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("explorer.html"))


def _finite(obj: Any) -> Any:
    """NaN and infinities have no JSON form: the page shows them as missing."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def script_json(obj: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028/9."""
    dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                              default=_jsonable)
    try:
        text = dumps(obj)
    except ValueError:      # a NaN or an infinity somewhere: walk the data once more, without them
        text = dumps(_finite(obj))
    return re.sub("[<>&\u2028\u2029]", lambda m: _ESCAPES[m.group(0)], text)


def graph_payload(G: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES, title: str = "",
                  focus: str | None = None) -> dict[str, Any]:
    """The projection of ``G`` the page draws: plain data, integer ids, no HTML anywhere.

    An edge's ``start``, ``end`` and ``dates`` (its documents' dates) are left out when
    empty, ``dates`` also when it is the span ``[start, end]``, and ``confidence`` when 1.
    """
    keys = list(G.nodes)
    index = {n: i for i, n in enumerate(keys)}
    simple = nx.Graph()
    simple.add_nodes_from(range(len(keys)))
    simple.add_edges_from((index[u], index[v]) for u, v in G.edges() if u != v)
    degree = dict(simple.degree())
    physics = len(keys) <= PHYSICS_MAX_NODES
    positions = {} if physics else layout(simple)
    rank = reveal_order(G, keys, degree, simple)
    table = DocumentTable(G)
    nodes = [_node_item(G, n, i, index, table, degree[i], rank[i], positions.get(i)) for i, n in enumerate(keys)]

    edges = []
    pair_seen: dict[tuple[int, int], int] = {}
    for j, (u, v, k, d) in enumerate(G.edges(keys=True, data=True)):
        a, b = index[u], index[v]
        pair = (min(a, b), max(a, b))
        parallel = pair_seen.get(pair, 0)
        pair_seen[pair] = parallel + 1
        relation = str(d.get(E_RELATION) or k)
        texts, sources = evidences(d, table)
        docs = edge_docs(d, table)
        item = {"id": j, "from": a, "to": b, "relation": relation, "parallel": parallel,
                "directed": relation not in UNDIRECTED_RELATIONS, "weight": d.get(E_WEIGHT, 1),
                "evidences": texts, "sources": sources, "docs": docs, "rule": str(d.get(E_RULE) or "")}
        edges.append(item)
        # Left out where the page knows them anyway (see explorer.js), a fifth of a large page.
        start, end = iso_date(d.get(E_START)), iso_date(d.get(E_END))
        if start:
            item["start"] = start
        if end:
            item["end"] = end
        span = sorted({start, end} - {""})
        dates = table.dates(docs)
        if dates and dates != span:
            item["dates"] = dates
        if confidence(d) != 1.0:
            item["confidence"] = confidence(d)

    present_types = sorted({n["type"] for n in nodes}, key=_type_order)
    present_relations = sorted({e["relation"] for e in edges}, key=_relation_order)
    return {
        "title": title,
        "font": FONT_FAMILY,
        "physics": physics,
        "maxNodes": max_nodes,
        "focus": index.get(focus) if focus is not None else None,
        "types": {t: TYPE_STYLES.get(t, OTHER_TYPE) for t in present_types},
        "relations": {r: RELATION_STYLES.get(r, OTHER_RELATION) for r in present_relations},
        "rules": sorted({e["rule"] for e in edges} - {""}),
        "confidences": any(E_CONFIDENCE in d for _, _, d in G.edges(data=True)),
        "documents": table.rows,
        "nodes": nodes,
        "edges": edges,
    }


def _node_item(G: nx.MultiDiGraph, n: Any, i: int, index: dict, table: DocumentTable, degree: int, rank: int,
               position: tuple[float, float] | None) -> dict[str, Any]:
    """One node as the page reads it: its names, documents, dates, career and other fields."""
    d = G.nodes[n]
    label = str(d.get(A_LABEL) or n)
    docs = table.refs(d.get(A_DOCS))
    item: dict[str, Any] = {
        "id": i, "key": str(n), "label": label, "type": str(d.get(A_TYPE) or ""),
        "aliases": [str(a) for a in d.get(A_ALIASES) or () if str(a) != label],
        "degree": degree, "size": round(10 + 5 * math.sqrt(degree), 1), "rank": rank,
        "docs": docs, "dates": sorted({iso_date(x) for x in d.get(A_DATES) or ()} - {""}) or table.dates(docs),
        "fields": {k: d[k] for k in _NODE_FIELDS if d.get(k) not in (None, "", [], {})},
        "extra": {str(k): v for k, v in d.items() if k not in _SKIP_NODE_ATTRS and v not in (None, "", [])},
    }
    career = career_rows(G, d, index, table)
    if career:
        item["career"] = career
    if d.get(A_NAMESAKE):
        item["namesake"] = str(d[A_NAMESAKE])
    if position is not None:
        item["x"], item["y"] = position
    return item


def _type_order(t: str) -> tuple[int, str]:
    names = list(TYPE_STYLES)
    return (names.index(t) if t in names else len(names), t)


def _relation_order(r: str) -> tuple[int, str]:
    names = list(RELATION_STYLES)
    return (names.index(r) if r in names else len(names), r)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return list(value)
    return str(value)


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return files("kg.export").joinpath("assets", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _vis_network_js() -> str:
    """The vis-network build that pyvis ships, made safe to inline in a ``<script>``."""
    js = files("pyvis").joinpath("templates", "lib", "vis-9.1.2", "vis-network.min.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)   # devtools would fetch it
    if "<!--" in js:
        raise RuntimeError("pyvis's vis-network.min.js contains '<!--': it cannot be inlined safely")
    # Its only "<script>" is inside a string literal, where \x3C means the same.
    return re.sub(r"<(/?script)", r"\\x3C\1", js, flags=re.IGNORECASE)

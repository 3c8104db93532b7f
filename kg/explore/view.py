"""Focused views: the ego network of one entity, written as its own explorer page and in any export format."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.explore.query import find_node
from kg.export import CHOICES, GROUPS, get_writer
from kg.export.html import DEFAULT_MAX_NODES, write_html
from kg.schema import A_DOCS, A_LABEL, E_DOCS

__all__ = ["ego_graph", "write_view", "default_view_path", "view_files"]

# A format's files, named after the view's base name: (format part, suffix added to it).
_FILES = {"json": ".json", "graphml": ".graphml", "gexf": ".gexf", "gexf-timeline": "-timeline.gexf",
          "csv-nodes": "-nodes.csv", "csv-edges": "-edges.csv", "html": ".html"}


def ego_graph(G: nx.MultiDiGraph, node: str, *, depth: int = 2) -> nx.MultiDiGraph:
    """The entities within ``depth`` hops of ``node`` (edges followed either way), and
    every edge among them; a new graph, ``G`` is not changed. Its documents are those they name."""
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    ego = nx.ego_graph(G, node, radius=depth, undirected=True)
    table = G.graph.get("documents")
    if table is not None:
        used = {doc for _, d in ego.nodes(data=True) for doc in d.get(A_DOCS) or ()}
        used.update(doc for *_, d in ego.edges(data=True) for doc in d.get(E_DOCS) or ())
        ego.graph = {**G.graph, "documents": {k: v for k, v in table.items() if k in used}}
    return ego


def default_view_path(graph_path: str | os.PathLike, label: str) -> Path:
    """``view-<label>.html`` next to the graph file, with path-unsafe characters replaced."""
    safe = re.sub(r'[\\/:*?"<>|\s\x00-\x1f]+', "_", label).strip("._") or "entity"
    return Path(graph_path).parent / f"view-{safe[:80]}.html"


def view_files(path: str | os.PathLike, formats: Iterable[str] = ("html",)) -> dict[str, Path]:
    """Format part -> file of a view whose page is ``path``: ``luo.html`` gives ``luo.json``,
    ``luo.graphml``, ``luo.gexf`` and ``luo-timeline.gexf``, ``luo-nodes.csv`` and ``luo-edges.csv``."""
    path = Path(path)
    base = path.with_suffix("") if path.suffix.lower() in (".html", ".htm", ".json") else path
    out: dict[str, Path] = {}
    for fmt in formats:
        for part in GROUPS.get(fmt, (fmt,)):
            out[part] = path if part == "html" and path.suffix.lower() in (".html", ".htm") else \
                base.with_name(base.name + _FILES[part])
    return out


def write_view(G: nx.MultiDiGraph, name: str, path: str | os.PathLike, *, depth: int = 2,
               max_nodes: int = DEFAULT_MAX_NODES, formats: Iterable[str] = ("html",)) -> nx.MultiDiGraph:
    """Write the ego network of the entity called ``name``: its explorer page, and other formats.

    Args:
        G: the knowledge graph.
        name: the entity's id, label or any alias (see :func:`kg.explore.query.find_node`).
        path: the ``.html`` page; other formats are written beside it (:func:`view_files`).
        depth: how many hops around the entity to include.
        max_nodes: passed to :func:`kg.export.html.write_html`.
        formats: names from :data:`kg.export.CHOICES`.

    Returns:
        The ego network that was written.

    Raises:
        NotFoundError: no entity has that name (the message lists close matches).
        KGError: an unknown format.
    """
    from kg.errors import KGError

    unknown = [f for f in formats if f not in GROUPS]
    if unknown:
        raise KGError(f"unknown format {unknown[0]!r} in --format: choose from {', '.join(CHOICES)}")
    node = find_node(G, name)
    ego = ego_graph(G, node, depth=depth)
    label = G.nodes[node].get(A_LABEL, node)
    for part, file in view_files(path, formats).items():
        if part == "html":
            title = f"{label} 的关系网络 · {depth} 度 · {ego.number_of_nodes()} 个实体"
            write_html(ego, file, title=title, focus=node, max_nodes=max_nodes)
        else:
            get_writer(part)(ego, file)
    return ego

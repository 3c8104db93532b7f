"""Focused views: the ego network of one entity, written as its own explorer page."""

from __future__ import annotations

import os
import re
from pathlib import Path

import networkx as nx

from kg.explore.query import find_node
from kg.export.html import DEFAULT_MAX_NODES, write_html
from kg.schema import A_LABEL

__all__ = ["ego_graph", "write_view", "default_view_path"]


def ego_graph(G: nx.MultiDiGraph, node: str, *, depth: int = 2) -> nx.MultiDiGraph:
    """The entities within ``depth`` hops of ``node`` (edges followed either way), and
    every edge among them; a new graph, ``G`` is not changed."""
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    return nx.ego_graph(G, node, radius=depth, undirected=True)


def default_view_path(graph_path: str | os.PathLike, label: str) -> Path:
    """``view-<label>.html`` next to the graph file, with path-unsafe characters replaced."""
    safe = re.sub(r'[\\/:*?"<>|\s\x00-\x1f]+', "_", label).strip("._") or "entity"
    return Path(graph_path).parent / f"view-{safe[:80]}.html"


def write_view(G: nx.MultiDiGraph, name: str, path: str | os.PathLike, *, depth: int = 2,
               max_nodes: int = DEFAULT_MAX_NODES) -> nx.MultiDiGraph:
    """Write the explorer page of the ego network of the entity called ``name``.

    Args:
        G: the knowledge graph.
        name: the entity's id, label or any alias (see :func:`kg.explore.query.find_node`).
        path: the ``.html`` file to write.
        depth: how many hops around the entity to include.
        max_nodes: passed to :func:`kg.export.html.write_html`.

    Returns:
        The ego network that was drawn.

    Raises:
        NotFoundError: no entity has that name (the message lists close matches).
    """
    node = find_node(G, name)
    ego = ego_graph(G, node, depth=depth)
    label = G.nodes[node].get(A_LABEL, node)
    title = f"{label} 的关系网络 · {depth} 度 · {ego.number_of_nodes()} 个实体"
    write_html(ego, path, title=title, focus=node, max_nodes=max_nodes)
    return ego

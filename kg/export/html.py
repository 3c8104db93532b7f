"""Interactive HTML page (pyvis / vis-network), one self-contained file."""

from __future__ import annotations

import html
import os
import re

import networkx as nx

from kg.export._atomic import atomic_open

__all__ = ["write_html"]

COLORS = {"official": "#e15759", "region": "#4e79a7", "enterprise": "#f28e2b",
          "organization": "#76b7b2", "project": "#59a14f", "program": "#b07aa1"}


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write a pyvis page of a projection of ``G`` (pyvis never sees ``G`` itself)."""
    from pyvis.network import Network

    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    ids = {n: i for i, n in enumerate(G.nodes)}
    for n, d in G.nodes(data=True):
        net.add_node(ids[n], label=str(d.get("label", n)), title=f"{d.get('type')}: {d.get('label')}",
                     color=COLORS.get(d.get("type"), "#999999"))
    for u, v, k, d in G.edges(keys=True, data=True):
        net.add_edge(ids[u], ids[v], title=str(d.get("relation", k)))
    page = net.generate_html()
    page = re.sub(r"<(link|script)[^>]+(https?:)?//[^>]+>(\s*</script>)?", "", page)
    with atomic_open(path) as fh:
        fh.write(page)

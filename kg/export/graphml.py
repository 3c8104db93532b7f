"""GraphML for Gephi: scalar attributes only, named keys, unique edge ids."""

from __future__ import annotations

import os
import re

import networkx as nx

from kg.export._atomic import atomic_open

__all__ = ["write_graphml", "flatten"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _scalar(value):
    if isinstance(value, (list, tuple, set)):
        return "|".join(_scalar(v) if not isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    return value


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attribute values are all scalars GraphML can type."""
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in d.items() if v is not None})
    for i, (u, v, k, d) in enumerate(G.edges(keys=True, data=True)):
        H.add_edge(u, v, key=f"e{i}", **{a: _scalar(b) for a, b in d.items() if b is not None})
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write ``G`` as GraphML, atomically."""
    H = flatten(G)
    text = "\n".join(nx.generate_graphml(H, named_key_ids=True, edge_id_from_attribute=None))
    with atomic_open(path) as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        fh.write(text)
        fh.write("\n")

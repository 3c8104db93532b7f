"""Node-link JSON (``networkx.node_link_data``), the format ``score.py`` reads."""

from __future__ import annotations

import json
import os
import warnings
from typing import Any

import networkx as nx

from kg.export._atomic import atomic_open

__all__ = ["write_json", "read_json", "graph_to_json"]


def _default(value: Any) -> Any:
    """JSON for values ``json`` cannot write: sets sorted, dates ISO, the rest as text, with a warning."""
    import datetime as dt

    from kg.export._flat import ExportWarning

    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        warnings.warn(f"bytes value {bytes(value)[:40]!r} written as UTF-8 text", ExportWarning, stacklevel=2)
        return bytes(value).decode("utf-8", "replace")
    warnings.warn(f"unsupported {type(value).__name__} value {value!r:.60} written as text",
                  ExportWarning, stacklevel=2)
    return str(value)


def graph_to_json(G: nx.MultiDiGraph) -> str:
    """Serialize deterministically: lists stay lists, Chinese stays readable.

    A value JSON has no type for is converted with a warning, never an exception.
    """
    data = nx.node_link_data(G, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False, default=_default) + "\n"


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write ``G`` as node-link JSON, atomically."""
    text = graph_to_json(G)
    with atomic_open(path) as fh:
        fh.write(text)


def read_json(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_json`."""
    from kg.errors import GraphFileError

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        edges = "edges" if "edges" in data else "links"
        return nx.node_link_graph(data, directed=True, multigraph=True, edges=edges)
    except FileNotFoundError as err:
        raise GraphFileError(f"no graph at {path}: run `kg build` first or pass the path to graph.json") from err
    except (ValueError, KeyError, TypeError) as err:
        raise GraphFileError(f"{path} is not a kg node-link graph: {err}") from err

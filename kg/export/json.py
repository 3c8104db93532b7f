"""Node-link JSON (``networkx.node_link_data``), the format ``score.py`` reads."""

from __future__ import annotations

import functools
import io
import json
import operator
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from kg.export._atomic import atomic_open
from kg.export._indented import INDENT, _Indented

if TYPE_CHECKING:       # imported where used: kg.run.incremental writes graph.json without networkx
    import networkx as nx

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


# The frame of a list of items at level 1 (the items at level 2), and what separates two items in it.
LIST_OPEN, ITEM_SEP, LIST_CLOSE = "[\n" + INDENT * 2, ",\n" + INDENT * 2, "\n" + INDENT + "]"


@dataclass
class Layout:
    """Where the nodes and edges of a written graph.json lie, for :mod:`kg.run.incremental`.

    Each list holds its items' sort keys, in the file's order (ascending), and
    their sizes in bytes; items are separated by :data:`ITEM_SEP`, and where
    each list starts follows from the frame of a kg graph (:func:`kg_frame`)
    and the sizes. A node's key is ``type NUL name``; an edge's is
    ``head NUL first relation NUL tail NUL relation`` (head and tail as node
    keys; the first relation is the smallest between the two nodes), which is
    the order :func:`kg.graph.graph_from_rows` adds edges in.
    """

    nodes: list[str]
    node_sizes: list[int]
    edges: list[str]
    edge_sizes: list[int]
    head: int           # the size of the frame before the list of nodes (it holds the graph's documents)

    @property
    def node_start(self) -> int:
        """Where the first node starts, as :func:`write_parts` writes it."""
        return self.head + len(LIST_OPEN)

    @property
    def edge_start(self) -> int:
        """Where the first edge starts: after the frame, the list of nodes and the frame between."""
        sizes = self.node_sizes
        nodes = sum(sizes) + len(ITEM_SEP) * (len(sizes) - 1) + len(LIST_CLOSE) if sizes else len("[]") - len(LIST_OPEN)
        return self.node_start + nodes + _between() + len(LIST_OPEN)


def _frame(G: nx.MultiDiGraph | None, w: _Indented, graph: dict | None = None) -> tuple[str, str, str]:
    """The text before the list of nodes, between the two lists, and after the list of edges.

    ``None`` stands for a graph kg builds: a MultiDiGraph whose graph attributes are ``graph``.
    """
    head = ({"directed": True, "multigraph": True, "graph": graph or {}} if G is None else
            {"directed": G.is_directed(), "multigraph": G.is_multigraph(), "graph": G.graph})
    text = w.dumps({**head, "nodes": [], "edges": []})
    before, _, rest = text.rpartition('"nodes": []')
    return before + '"nodes": ', rest.partition('"edges": []')[0] + '"edges": ', w.newline(0) + "}\n"


def _node_parts(G: nx.MultiDiGraph, w: _Indented, keys: list | None, sizes: list[int]) -> Iterator[bytes]:
    """Each node's text as UTF-8, in the graph's order; sizes (and sort keys, unless ``keys`` is None) noted."""
    item, size, key = w.item, sizes.append, None if keys is None else keys.append
    for n, d in G._node.items():        # G.nodes(data=True), from the dict networkx documents under it
        data = item(d, 2, ("id",), (n,)).encode()
        size(len(data))
        if key is not None:
            key(_node_key(n))
        yield data


def _edge_parts(G: nx.MultiDiGraph, w: _Indented, keys: list | None, sizes: list[int]) -> Iterator[bytes]:
    """Each edge's text as UTF-8, in the graph's order; sizes (and sort keys, unless ``keys`` is None) noted."""
    item, size = w.item, sizes.append
    if not G.is_multigraph():
        for u, v, d in G.edges(data=True):
            data = item(d, 2, ("source", "target"), (u, v)).encode()
            size(len(data))
            yield data
    elif not G.is_directed():
        for u, v, k, d in G.edges(keys=True, data=True):
            data = item(d, 2, ("source", "target", "key"), (u, v, k)).encode()
            size(len(data))
            yield data
    else:       # G.edges(keys=True, data=True), knowing each pair's first key
        # Read from the adjacency dicts networkx documents (``G._adj[u][v][key]`` the attributes,
        # as kg.graph writes them), not through views that wrap each level in Python.
        names = ("source", "target", "key")
        key = None if keys is None else keys.append
        for u, nbrs in G._adj.items():
            ku = None if key is None else _node_key(u)
            for v, keydict in nbrs.items():
                # An edge's key (see Layout) but its relation, made once per pair of nodes; none when
                # a node or the relation is not of a kg graph (or no keys are asked for).
                pair = None
                if ku is not None and (kv := _node_key(v)) is not None:
                    pair = f"{ku}\0{next(iter(keydict))}\0{kv}\0"
                for k, d in keydict.items():
                    data = item(d, 2, names, (u, v, k)).encode()
                    size(len(data))
                    if key is not None:
                        key(None if pair is None or type(k) is not str or "\0" in k else pair + k)
                    yield data


def _write_list(fh: IO[bytes], parts: Iterable[bytes | slice], copy: Callable[[slice], None] | None) -> None:
    """A list at level 1 from its parts: each one item, or a run of items already separated."""
    it = iter(parts)
    first = next(it, None)
    if first is None:
        fh.write(b"[]")
        return
    sep = ITEM_SEP.encode()
    fh.write(LIST_OPEN.encode())
    part = first
    while True:
        if type(part) is slice:
            copy(part)
        else:
            fh.write(part)
        part = next(it, None)
        if part is None:
            break
        fh.write(sep)
    fh.write(LIST_CLOSE.encode())


def write_parts(fh: IO[bytes], frame: tuple[str, str, str], nodes: Iterable[bytes | slice],
                edges: Iterable[bytes | slice], copy: Callable[[slice], None] | None = None) -> tuple[int, int]:
    """Write graph.json from its frame and the parts of its two lists; returns where each list's first item starts.

    A part is the text of one item, or of a run of items already separated; or a
    ``slice`` of another file, which ``copy`` writes (:mod:`kg.run.incremental`).
    """
    fh.write(frame[0].encode())
    node_start = fh.tell() + len(LIST_OPEN)
    _write_list(fh, nodes, copy)
    fh.write(frame[1].encode())
    edge_start = fh.tell() + len(LIST_OPEN)
    _write_list(fh, edges, copy)
    fh.write(frame[2].encode())
    return node_start, edge_start


def kg_frame(documents: dict[str, Any] | None = None) -> tuple[str, str, str]:
    """The frame of a graph kg builds: a MultiDiGraph whose graph attributes are its ``documents``
    (:func:`kg.graph.document_table`), or none."""
    return _frame(None, _Indented(_default), None if documents is None else {"documents": documents})


@functools.lru_cache(maxsize=1)
def _between() -> int:
    """The size of the frame between the two lists: the same in every kg graph."""
    return len(_frame(None, _Indented(_default))[1].encode())


def _node_key(n: Any) -> str | None:
    """A node id's sort key, ``None`` if it is not a kg node id (``type:name``)."""
    if type(n) is not str or "\0" in n:
        return None
    etype, sep, name = n.partition(":")
    return etype + "\0" + name if sep else None


def _write_graph(G: nx.MultiDiGraph, fh: IO[bytes], with_layout: bool) -> Layout | None:
    """Write ``G``'s node-link JSON to ``fh``; with ``with_layout``, its :class:`Layout` if it has one."""
    w = _Indented(_default)
    kg_graph = with_layout and G.is_directed() and G.is_multigraph() and set(G.graph) <= {"documents"}
    nodes: list[str | None] | None = [] if kg_graph else None
    edges: list[str | None] | None = [] if kg_graph else None
    node_sizes: list[int] = []
    edge_sizes: list[int] = []
    frame = _frame(G, w)
    starts = write_parts(fh, frame, _node_parts(G, w, nodes, node_sizes), _edge_parts(G, w, edges, edge_sizes))
    if nodes is None or edges is None or None in nodes or None in edges \
            or not all(all(map(operator.lt, keys, keys[1:])) for keys in (nodes, edges)):
        return None     # not a kg graph, or not in key order: nothing can be merged onto it
    layout = Layout(nodes, node_sizes, edges, edge_sizes, len(frame[0].encode()))
    return layout if starts == (layout.node_start, layout.edge_start) else None


def graph_to_json(G: nx.MultiDiGraph) -> str:
    """Serialize deterministically: lists stay lists, Chinese stays readable.

    The text is that of ``json.dumps(nx.node_link_data(G, edges="edges"),
    ensure_ascii=False, indent=1)``. A value JSON has no type for is converted
    with a warning, never an exception.
    """
    buf = io.BytesIO()
    _write_graph(G, buf, False)
    return buf.getvalue().decode()


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike, *, layout: list | None = None) -> None:
    """Write ``G`` as node-link JSON (the text of :func:`graph_to_json`), atomically.

    Args:
        layout: if given, the file's :class:`Layout` is appended to it (``None``
            when ``G`` is not a graph kg builds).
    """
    with atomic_open(path, "wb") as fh:   # streamed: an error midway leaves the old file, not half a new one
        found = _write_graph(G, fh, layout is not None)
    if layout is not None:
        layout.append(found)


def read_json(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_json`."""
    import networkx as nx

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

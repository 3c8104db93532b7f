"""Node-link JSON (``networkx.node_link_data``), the format ``score.py`` reads."""

from __future__ import annotations

import functools
import io
import json
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import IO, TYPE_CHECKING, Any

from kg.export._atomic import atomic_open

if TYPE_CHECKING:       # imported where used: kg.run.incremental writes graph.json without networkx
    import networkx as nx

__all__ = ["write_json", "read_json", "graph_to_json"]

INDENT = " "


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


def _float(value: float) -> str:
    """A float as ``json`` writes it (``allow_nan``: NaN and Infinity spelled as JavaScript does)."""
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A dict key as ``json`` writes it (keys that are not text become text)."""
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return encode_basestring(_float(key))
    if key is True or key is False or key is None:
        return encode_basestring({True: "true", False: "false", None: "null"}[key])
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


class _Indented:
    """``json.dumps(obj, ensure_ascii=False, indent=1, default=...)``, text for text, but faster.

    With ``indent`` set, the standard library leaves its C encoder for a
    generator-based pure-Python one, the slowest step of writing a large graph.
    This writer gives the very same text building one string per container;
    lists of strings (aliases, docs, evidences) are escaped and joined in C.
    """

    def __init__(self, default: Callable[[Any], Any]) -> None:
        self.default = default
        self.markers: set[int] = set()
        self.indents: list[str] = ["\n"]
        self.keys: dict[str, str] = {}    # key -> its text and ": "

    def newline(self, level: int) -> str:
        """A line break and the indentation of ``level``."""
        while len(self.indents) <= level:
            self.indents.append("\n" + INDENT * len(self.indents))
        return self.indents[level]

    def dumps(self, o: Any, level: int = 0) -> str:
        """The text of ``o`` as it appears after a key or a separator at ``level``."""
        t = type(o)
        if t is str:
            return encode_basestring(o)
        if t is dict:
            return self.dict(o, level)
        if t is list:
            return self.list(o, level)
        if isinstance(o, str):
            return encode_basestring(o)
        if o is None:
            return "null"
        if o is True:
            return "true"
        if o is False:
            return "false"
        if isinstance(o, int):
            return int.__repr__(o)
        if isinstance(o, float):
            return _float(o)
        if isinstance(o, (list, tuple)):
            return self.list(o, level)
        if isinstance(o, dict):
            return self.dict(o, level)
        self._enter(o)
        text = self.dumps(self.default(o), level)
        self.markers.discard(id(o))
        return text

    def _enter(self, o: Any) -> None:
        if id(o) in self.markers:
            raise ValueError("Circular reference detected")
        self.markers.add(id(o))

    def list(self, lst: list | tuple, level: int) -> str:
        if not lst:
            return "[]"
        inner, outer = self.newline(level + 1), self.newline(level)
        try:
            # The common case, a list of strings: escaped and joined in C, no cycle possible.
            return "[" + inner + ("," + inner).join(map(encode_basestring, lst)) + outer + "]"
        except TypeError:
            pass
        self._enter(lst)
        dumps, deeper = self.dumps, level + 1
        text = "[" + inner + ("," + inner).join([dumps(item, deeper) for item in lst]) + outer + "]"
        self.markers.discard(id(lst))
        return text

    def dict(self, dct: dict, level: int, extra: tuple[tuple[str, Any], ...] = ()) -> str:
        """The text of ``dct``, or of ``{**dct, **dict(extra)}`` without building that dict."""
        for k, _ in extra:
            if k in dct:
                return self.dict({**dct, **dict(extra)}, level)
        if not dct and not extra:
            return "{}"
        inner, inner2, close = self.newline(level + 1), self.newline(level + 2), self.newline(level)
        sep2, deeper = "," + inner2, level + 1
        keys, enc = self.keys, encode_basestring
        entered = False     # marked only before a value that may hold ``dct`` again (a container)
        parts = []
        append = parts.append
        for k, v in (*dct.items(), *extra) if extra else dct.items():
            head = keys.get(k) if type(k) is str else None
            if head is None:
                head = _key(k) + ": "
                if type(k) is str:
                    keys[k] = head
            t = type(v)
            if t is str:
                append(head + enc(v))
            elif t is int:
                append(head + int.__repr__(v))
            elif t is float:
                append(head + _float(v))
            elif t is list and v:
                try:    # a list of strings, escaped and joined in C
                    append(head + "[" + inner2 + sep2.join(map(enc, v)) + inner + "]")
                    continue
                except TypeError:
                    pass
                if not entered:
                    self._enter(dct)
                    entered = True
                append(head + self.dumps(v, deeper))
            else:
                if not entered:
                    self._enter(dct)
                    entered = True
                append(head + self.dumps(v, deeper))
        if entered:
            self.markers.discard(id(dct))
        return "{" + inner + ("," + inner).join(parts) + close + "}"


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


def _node_items(G: nx.MultiDiGraph, w: _Indented) -> Iterator[tuple[Any, str]]:
    """``(node, text)`` of each node, in the graph's order."""
    for n, d in G.nodes(data=True):
        yield n, w.dict(d, 2, (("id", n),))


def _edge_items(G: nx.MultiDiGraph, w: _Indented) -> Iterator[tuple[tuple, str]]:
    """``((u, v, key, first key of u->v), text)`` of each edge, in the graph's order."""
    if not G.is_multigraph():
        for u, v, d in G.edges(data=True):
            yield (u, v, None, None), w.dict(d, 2, (("source", u), ("target", v)))
    elif not G.is_directed():
        for u, v, k, d in G.edges(keys=True, data=True):
            yield (u, v, k, None), w.dict(d, 2, (("source", u), ("target", v), ("key", k)))
    else:       # G.edges(keys=True, data=True), knowing each pair's first key
        for u, nbrs in G.adj.items():
            for v, keydict in nbrs.items():
                first = next(iter(keydict))
                for k, d in keydict.items():
                    yield (u, v, k, first), w.dict(d, 2, (("source", u), ("target", v), ("key", k)))


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


def _edge_key(item: tuple) -> str | None:
    """An edge's sort key (see :class:`Layout`), ``None`` if it is not an edge of a kg graph."""
    u, v, k, first = item
    u, v = _node_key(u), _node_key(v)
    if u is None or v is None or type(k) is not str or "\0" in k:
        return None
    return f"{u}\0{first}\0{v}\0{k}"


def _sized(items: Iterator[tuple[Any, str]], keys: list | None, sizes: list[int],
           key: Callable[[Any], str | None]) -> Iterator[bytes]:
    """The items' texts as UTF-8; their sizes (and keys, unless ``keys`` is None) noted."""
    for item, text in items:
        data = text.encode()
        sizes.append(len(data))
        if keys is not None:
            keys.append(key(item))
        yield data


def _write_graph(G: nx.MultiDiGraph, fh: IO[bytes], with_layout: bool) -> Layout | None:
    """Write ``G``'s node-link JSON to ``fh``; with ``with_layout``, its :class:`Layout` if it has one."""
    w = _Indented(_default)
    kg_graph = with_layout and G.is_directed() and G.is_multigraph() and set(G.graph) <= {"documents"}
    nodes: list[str | None] | None = [] if kg_graph else None
    edges: list[str | None] | None = [] if kg_graph else None
    node_sizes: list[int] = []
    edge_sizes: list[int] = []
    frame = _frame(G, w)
    starts = write_parts(fh, frame, _sized(_node_items(G, w), nodes, node_sizes, _node_key),
                         _sized(_edge_items(G, w), edges, edge_sizes, _edge_key))
    if nodes is None or edges is None or None in nodes or None in edges \
            or any(a >= b for keys in (nodes, edges) for a, b in zip(keys, keys[1:])):
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

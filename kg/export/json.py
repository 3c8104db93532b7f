"""Node-link JSON (``networkx.node_link_data``), the format ``score.py`` reads."""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring
from typing import Any

import networkx as nx

from kg.export._atomic import atomic_open

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
        if extra and any(k in dct for k, _ in extra):
            return self.dict({**dct, **dict(extra)}, level)
        if not dct and not extra:
            return "{}"
        self._enter(dct)
        inner, deeper = self.newline(level + 1), level + 1
        inner2 = self.newline(level + 2)
        sep2 = "," + inner2
        keys, enc = self.keys, encode_basestring
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
            elif t is list and v:
                try:    # a list of strings, escaped and joined in C
                    append(head + "[" + inner2 + sep2.join(map(enc, v)) + inner + "]")
                except TypeError:
                    append(head + self.dumps(v, deeper))
            else:
                append(head + self.dumps(v, deeper))
        self.markers.discard(id(dct))
        return "{" + inner + ("," + inner).join(parts) + self.newline(level) + "}"


def _node_link_chunks(G: nx.MultiDiGraph) -> Iterator[str]:
    """The text of ``nx.node_link_data(G, edges="edges")``, in pieces, without copying each node and edge."""
    w = _Indented(_default)
    multigraph = G.is_multigraph()
    head = {"directed": G.is_directed(), "multigraph": multigraph, "graph": G.graph}
    text = w.dumps({**head, "nodes": [], "edges": []})
    # The frame, with the two lists cut out: '{ ... "nodes": [], "edges": [] }'.
    before, _, rest = text.rpartition('"nodes": []')
    yield before + '"nodes": '
    yield from _items((w.dict(d, 2, (("id", n),)) for n, d in G.nodes(data=True)), w)
    yield rest.partition('"edges": []')[0] + '"edges": '
    if multigraph:
        edges = (w.dict(d, 2, (("source", u), ("target", v), ("key", k)))
                 for u, v, k, d in G.edges(keys=True, data=True))
    else:
        edges = (w.dict(d, 2, (("source", u), ("target", v))) for u, v, d in G.edges(data=True))
    yield from _items(edges, w)
    yield w.newline(0) + "}\n"


def _items(texts: Iterator[str], w: _Indented) -> Iterator[str]:
    """A list at level 1 from the texts of its items."""
    first = next(texts, None)
    if first is None:
        yield "[]"
        return
    inner = w.newline(2)
    yield "[" + inner + first
    sep = "," + inner
    for t in texts:
        yield sep + t
    yield w.newline(1) + "]"


def graph_to_json(G: nx.MultiDiGraph) -> str:
    """Serialize deterministically: lists stay lists, Chinese stays readable.

    The text is that of ``json.dumps(nx.node_link_data(G, edges="edges"),
    ensure_ascii=False, indent=1)``. A value JSON has no type for is converted
    with a warning, never an exception.
    """
    return "".join(_node_link_chunks(G))


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write ``G`` as node-link JSON (the text of :func:`graph_to_json`), atomically."""
    with atomic_open(path) as fh:   # streamed: an error midway leaves the old file, not half a new one
        fh.writelines(_node_link_chunks(G))


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

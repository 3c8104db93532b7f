"""Typed scalar tables of a graph's attributes, shared by the GraphML, GEXF and CSV writers.

Those formats hold one scalar per attribute and one type per attribute name, while
kg's graph keeps lists (aliases, docs), dicts (position details) and whatever a
caller put there. This module turns every value into a scalar, once, the same way
for every format:

* ``None`` is a missing value: it is omitted;
* ``bool``, integers and finite floats stay what they are;
* text loses the characters XML 1.0 cannot carry (control characters);
* lists, tuples and sets are joined with ``|`` (sets sorted first); their
  dicts and nested lists become compact JSON;
* a dict becomes compact JSON; a date becomes its ISO string;
* anything else, and any value that had to be cleaned, is converted with a
  :func:`warnings.warn` that names the attribute, never an exception.

An attribute name whose values have different types across rows gets the type
that holds them all (``int`` and ``float`` -> ``double``, otherwise ``string``).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import numbers
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

import networkx as nx

from kg.schema import A_LABEL, A_TYPE, E_RELATION, E_WEIGHT

__all__ = ["Scalar", "Column", "Table", "ExportWarning", "clean_text", "to_scalar",
           "node_table", "edge_table", "unify", "node_color", "node_size", "SEP"]

Scalar = Union[bool, int, float, str]

SEP = "|"
INT32 = (-(2**31), 2**31 - 1)
# Everything XML 1.0 cannot carry: C0 controls but tab/newline/return, surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DEFAULT_COLOR = "#999999"


class ExportWarning(UserWarning):
    """A value was converted or dropped so that the file could be written."""


def _warn(msg: str) -> None:
    warnings.warn(msg, ExportWarning, stacklevel=4)


def clean_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (C0 controls, surrogates)."""
    return _NOT_XML.sub("", text)


def _json(value: Any, where: str) -> str:
    def default(o: Any) -> Any:
        if isinstance(o, (set, frozenset)):
            return sorted(o, key=str)
        if isinstance(o, (_dt.date, _dt.datetime)):
            return o.isoformat()
        _warn(f"{where}: unsupported {type(o).__name__} value {o!r:.60} written as text")
        return str(o)

    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=default, allow_nan=False)
    except (TypeError, ValueError) as err:  # unsortable keys, circular, NaN
        _warn(f"{where}: value {value!r:.60} cannot be written as JSON ({err}); written as text")
        return str(value)


def _text(value: str, where: str) -> str:
    cleaned = clean_text(value)
    if cleaned != value:
        _warn(f"{where}: removed {len(value) - len(cleaned)} control character(s) XML cannot carry")
    return cleaned


def _item(value: Any, where: str) -> str | None:
    """One element of a list, as text: containers as JSON, scalars as text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set, frozenset, Mapping)):
        return _text(_json(value, where), where)
    s = to_scalar(value, where)
    return None if s is None else str(s)


def to_scalar(value: Any, where: str = "value") -> Scalar | None:
    """The scalar a value is written as, or ``None`` when it is missing or unwritable.

    Args:
        value: an attribute value of any type.
        where: names the value in warnings, e.g. ``"node 'official:李明' attribute 'aliases'"``.

    Returns:
        A ``bool``, ``int``, finite ``float`` or XML-safe ``str``; ``None`` to omit it.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        f = float(value)
        if math.isfinite(f):
            return f
        _warn(f"{where}: non-finite number {value!r} dropped")
        return None
    if isinstance(value, str):
        return _text(value, where)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        parts = (_item(v, where) for v in items)
        return SEP.join(p for p in parts if p is not None)
    if isinstance(value, Mapping):
        return _text(_json(value, where), where)
    if isinstance(value, (bytes, bytearray)):
        _warn(f"{where}: bytes value decoded as UTF-8 text")
        return _text(bytes(value).decode("utf-8", "replace"), where)
    try:
        text = str(value)
    except Exception as err:  # noqa: BLE001 - a value's __str__ may do anything
        _warn(f"{where}: unsupported {type(value).__name__} value dropped ({err})")
        return None
    _warn(f"{where}: unsupported {type(value).__name__} value {text:.60} written as text")
    return _text(text, where)


_SLOW = object()


def _plain_scalar(value: Any) -> Any:
    """:func:`to_scalar` of the values a kg graph holds, or ``_SLOW`` when it needs the full rules.

    Text free of forbidden characters, integers, finite floats and lists of such text
    are nearly every value of a large graph; they need no type dispatch, no
    warning context and, for a list, one character check over the joined text.
    """
    t = type(value)
    if t is str:
        return value if _NOT_XML.search(value) is None else _SLOW
    if t is int or t is bool:
        return value
    if t is float:
        return value if math.isfinite(value) else _SLOW
    if t is list or t is tuple:
        if all(type(v) is str for v in value):
            joined = SEP.join(value)
            return joined if _NOT_XML.search(joined) is None else _SLOW
    return _SLOW


@dataclass(frozen=True)
class Column:
    """An attribute name and the one type all its values are written as.

    ``kind`` is one of ``boolean``, ``int``, ``long``, ``double``, ``string``
    (GraphML's names; GEXF and CSV map them).
    """

    name: str
    kind: str


def _kind(values: Iterable[Scalar], types: set[type]) -> str:
    """The column type of ``values``, whose Python types are ``types``."""
    if types == {bool}:
        return "boolean"
    if types and types <= {int}:
        lo, hi = INT32
        return "int" if all(lo <= v <= hi for v in values) else "long"
    if types and types <= {int, float}:
        return "double"
    return "string"


def _cast(value: Scalar, kind: str) -> Scalar:
    if kind == "double":
        return float(value)
    if kind == "string" and not isinstance(value, str):
        if isinstance(value, bool):
            return "true" if value else "false"
        return repr(value) if isinstance(value, float) else str(value)
    return value


@dataclass
class Table:
    """Rows of scalar attribute values with one typed column per attribute name.

    ``rows`` are ``(ident, values)``: a node id, or ``(u, v, key)`` for an edge.
    """

    what: str
    columns: list[Column] = field(default_factory=list)
    rows: list[tuple[Any, dict[str, Scalar]]] = field(default_factory=list)

    @property
    def kinds(self) -> dict[str, str]:
        return {c.name: c.kind for c in self.columns}

    def retype(self, name: str, kind: str) -> None:
        """Write column ``name`` as ``kind`` (a type that holds all its values)."""
        self.columns = [Column(c.name, kind) if c.name == name else c for c in self.columns]
        for _, values in self.rows:
            if name in values:
                values[name] = _cast(values[name], kind)


def _table(what: str, items: Iterable[tuple[Any, Mapping[Any, Any]]], first: tuple[str, ...]) -> Table:
    table = Table(what)
    seen: dict[str, list[Scalar]] = {}
    keys: dict[Any, str] = {}                # attribute name -> its cleaned text
    for ident, attrs in items:
        values: dict[str, Scalar] = {}
        for name, value in attrs.items():
            key = keys.get(name) if type(name) is str else None
            if key is None:
                key = clean_text(str(name))
                if type(name) is str:
                    keys[name] = key
            if not key:
                _warn(f"{what} {ident!r}: attribute with an empty name dropped")
                continue
            s = _plain_scalar(value)
            if s is _SLOW:
                s = to_scalar(value, f"{what} {ident!r} attribute {key!r}")
            if s is not None:
                values[key] = s
                column = seen.get(key)
                if column is None:
                    column = seen[key] = []
                column.append(s)
        table.rows.append((ident, values))
    names = [n for n in first if n in seen] + sorted(n for n in seen if n not in first)
    for name in names:
        types = {type(v) for v in seen[name]}
        kind = _kind(seen[name], types)
        if kind == "string" and types != {str}:
            kinds = sorted(t.__name__ for t in types)
            _warn(f"{what} attribute {name!r} has values of types {', '.join(kinds)}; written as text")
        table.columns.append(Column(name, kind))
        # Values already of the column's type stay as they are.
        if (kind == "double" and types != {float}) or (kind == "string" and types != {str}):
            for _, values in table.rows:
                if name in values:
                    values[name] = _cast(values[name], kind)
    return table


NODE_FIRST = (A_LABEL, A_TYPE, "aliases", "mentions", "kg_id", "degree", "r", "g", "b", "size")
EDGE_FIRST = (E_RELATION, E_WEIGHT, "evidence", "doc", "rule")


def node_table(G: nx.MultiDiGraph, extra: Mapping[Any, Mapping[str, Any]] | None = None) -> Table:
    """The node attributes of ``G`` (plus ``extra[n]``, which wins), nodes sorted by id."""
    nodes = sorted(G.nodes, key=str)
    items = ((n, {**G.nodes[n], **(extra or {}).get(n, {})}) for n in nodes)
    return _table("node", items, NODE_FIRST)


def _weight(value: Any, where: str) -> int | float:
    w = value if isinstance(value, numbers.Real) and not isinstance(value, bool) else None
    if w is None or not math.isfinite(w) or w <= 0:
        if value is not None:
            _warn(f"{where}: weight {value!r} is not a positive number; written as 1")
        return 1
    return int(w) if float(w).is_integer() else float(w)


def sorted_edges(G: nx.MultiDiGraph) -> list[tuple[Any, Any, Any, dict]]:
    """The edges of ``G`` as ``(u, v, key, data)``, sorted by ids and key."""
    return sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def edge_table(G: nx.MultiDiGraph) -> Table:
    """The edge attributes of ``G``, edges sorted; ``relation`` defaults to the key,
    ``weight`` is always a positive number."""
    def items():
        for u, v, k, d in sorted_edges(G):
            where = f"edge {u!r} -[{k}]-> {v!r}"
            attrs = dict(d)
            if attrs.get(E_RELATION) is None:
                attrs[E_RELATION] = str(k)
            attrs[E_WEIGHT] = _weight(attrs.get(E_WEIGHT), where)
            yield (u, v, k), attrs

    table = _table("edge", items(), EDGE_FIRST)
    return table


def unify(a: Table, b: Table) -> None:
    """Give an attribute name the same type in both tables (e.g. node and edge ``start``)."""
    kb = b.kinds
    for col in list(a.columns):
        other = kb.get(col.name)
        if other is None or other == col.kind:
            continue
        numeric = {"int", "long", "double"}
        if {col.kind, other} <= {"int", "long"}:
            kind = "long"
        elif {col.kind, other} <= numeric:
            kind = "double"
        else:
            kind = "string"
        a.retype(col.name, kind)
        b.retype(col.name, kind)


def node_color(data: Mapping[str, Any]) -> tuple[int, int, int]:
    """The RGB colour of a node: its type's colour in the HTML view, grey otherwise."""
    from kg.export.html import COLORS

    h = COLORS.get(data.get(A_TYPE), _DEFAULT_COLOR) if isinstance(data.get(A_TYPE), str) else _DEFAULT_COLOR
    return int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)


def node_size(degree: int) -> float:
    """A display size that grows with the square root of the degree (10 for an isolated node)."""
    return round(10.0 + 4.0 * math.sqrt(degree), 2)

"""Node and edge tables for Gephi's spreadsheet import, Excel and pandas (stage 7, export).

``nodes.csv`` has ``Id``, ``Label``, then one column per node attribute;
``edges.csv`` has ``Source``, ``Target``, ``Type`` (``Directed``), ``Label``
(the relation), ``Weight`` (supporting mentions), then one column per edge
attribute. Values are flattened as for GraphML (lists joined with ``|``), text
is UTF-8 without a byte-order mark, rows are sorted, line ends are ``\\r\\n``
(RFC 4180). A text cell that starts like a formula (``=``, ``+``, ``-``, ``@``)
gets a leading ``'``, so that a spreadsheet shows it instead of running it.
"""

from __future__ import annotations

import csv
import io
import os

import networkx as nx

from kg.export._atomic import atomic_open
from kg.export._flat import Table, clean_text, edge_table, node_table
from kg.schema import A_LABEL, E_RELATION, E_WEIGHT

__all__ = ["write_nodes_csv", "write_edges_csv", "nodes_csv", "edges_csv"]


#: what a spreadsheet takes a cell starting with for a formula (OWASP, "CSV Injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return _text(str(value))


def _text(text: str) -> str:
    """Text as a cell Excel shows as text: ``=HYPERLINK(…)`` gets a leading ``'``, as OWASP advises."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _render(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _rest(table: Table, own: tuple[str, ...]) -> list[str]:
    return [c.name for c in table.columns if c.name not in own]


def nodes_csv(G: nx.MultiDiGraph) -> str:
    """``nodes.csv`` of ``G`` as text: ``Id``, ``Label``, then every node attribute."""
    table = node_table(G)
    rest = _rest(table, (A_LABEL,))
    rows = []
    for n, values in table.rows:
        label = values.get(A_LABEL, clean_text(str(n)))
        rows.append([_text(clean_text(str(n))), _cell(label)]
                    + [_cell(values[c]) if c in values else "" for c in rest])
    return _render(["Id", "Label"] + rest, rows)


def edges_csv(G: nx.MultiDiGraph) -> str:
    """``edges.csv`` of ``G`` as text: ``Source``, ``Target``, ``Type``, ``Label``, ``Weight``, then every
    edge attribute (``relation`` included)."""
    table = edge_table(G)
    rest = _rest(table, (E_WEIGHT,))
    rows = []
    for (u, v, _k), values in table.rows:
        rows.append([_text(clean_text(str(u))), _text(clean_text(str(v))), "Directed", _cell(values[E_RELATION]),
                     _cell(values[E_WEIGHT])] + [_cell(values[c]) if c in values else "" for c in rest])
    return _render(["Source", "Target", "Type", "Label", "Weight"] + rest, rows)


def write_nodes_csv(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write ``nodes.csv`` of ``G`` to ``path``, atomically; ``G`` is not modified."""
    text = nodes_csv(G)
    with atomic_open(path) as fh:
        fh.write(text)


def write_edges_csv(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write ``edges.csv`` of ``G`` to ``path``, atomically; ``G`` is not modified."""
    text = edges_csv(G)
    with atomic_open(path) as fh:
        fh.write(text)

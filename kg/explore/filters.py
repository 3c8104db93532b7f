"""The part of a graph that some documents, a date range, rules or a confidence support.

``kg query`` and ``kg view`` answer on this part (``--doc``, ``--since``,
``--until``, ``--rule``, ``--min-confidence``), and ``kg build --min-confidence``
writes it. An edge stays when one of its documents is among those asked for and
dated in the range, when its rule is one of those asked for and its confidence
high enough; an entity stays when one of its documents passes the same tests.
Dates are those of the documents (``G.graph["documents"]``), or, in a graph
without that table, the edge's own ``start``/``end`` and the entity's ``dates``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.schema import A_DATES, A_DOCS, E_CONFIDENCE, E_DOC, E_DOCS, E_END, E_RULE, E_START

__all__ = ["Filter", "FilterTests", "filter_graph"]


@dataclass(frozen=True)
class Filter:
    """What to keep; an empty field keeps everything."""

    docs: tuple[str, ...] = ()
    since: str | None = None          # ISO dates, both ends included
    until: str | None = None
    rules: tuple[str, ...] = ()
    min_confidence: float | None = None

    def __bool__(self) -> bool:
        return bool(self.docs or self.since or self.until or self.rules or self.min_confidence is not None)

    def describe(self) -> str:
        """The filter in words, for the command line's output."""
        parts = []
        if self.docs:
            parts.append("documents " + ", ".join(self.docs))
        if self.since or self.until:
            parts.append(f"dated {self.since or '…'} to {self.until or '…'}")
        if self.rules:
            parts.append("rules " + ", ".join(self.rules))
        if self.min_confidence is not None:
            parts.append(f"confidence ≥ {self.min_confidence:g}")
        return "; ".join(parts)


def _doc_matches(doc: str, wanted: tuple[str, ...]) -> bool:
    """A document id is asked for by its id or its file name."""
    name = doc.replace("\\", "/").rsplit("/", 1)[-1]
    return doc in wanted or name in wanted or name.rsplit("#", 1)[0] in wanted


class FilterTests:
    """The tests of a filter, on one graph: its documents' dates are looked up once."""

    def __init__(self, G: nx.MultiDiGraph, f: Filter) -> None:
        self.f = f
        self.table: dict[str, Any] = G.graph.get("documents") or {}
        known = set(self.table)
        if f.docs and known and not any(_doc_matches(d, f.docs) for d in known):
            raise KGError(f"no document {', '.join(f.docs)} in the graph: `kg query stats` counts them; "
                          f"documents are named by id, e.g. {sorted(known)[0]}")

    def doc_ok(self, doc: str) -> bool:
        f = self.f
        if f.docs and not _doc_matches(doc, f.docs):
            return False
        if f.since or f.until:
            date = (self.table.get(doc) or {}).get("date") or ""
            return bool(date) and (not f.since or date >= f.since) and (not f.until or date <= f.until)
        return True

    def in_range(self, first: str | None, last: str | None) -> bool:
        f = self.f
        if not first:
            return False
        return (not f.since or (last or first) >= f.since) and (not f.until or first <= f.until)

    def edge_ok(self, d: dict[str, Any]) -> bool:
        f = self.f
        if f.rules and d.get(E_RULE) not in f.rules:
            return False
        if f.min_confidence is not None and float(d.get(E_CONFIDENCE, 0.0)) < f.min_confidence:
            return False
        docs = d.get(E_DOCS) or ([d[E_DOC]] if d.get(E_DOC) else [])
        return self._dated_docs_ok(docs, lambda: self.in_range(d.get(E_START), d.get(E_END)))

    def node_ok(self, d: dict[str, Any]) -> bool:
        return self._dated_docs_ok(d.get(A_DOCS) or (),
                                   lambda: any(self.in_range(x, x) for x in d.get(A_DATES) or ()))

    def _dated_docs_ok(self, docs: Iterable[str], dated_ok) -> bool:
        """One of ``docs`` passes; without a documents table, ``dated_ok()`` says whether the dates do."""
        f = self.f
        if not (f.docs or f.since or f.until):
            return True
        if self.table:
            return any(self.doc_ok(doc) for doc in docs)
        if f.docs and not any(_doc_matches(doc, f.docs) for doc in docs):
            return False
        return not (f.since or f.until) or dated_ok()


def filter_graph(G: nx.MultiDiGraph, f: Filter) -> nx.MultiDiGraph:
    """The entities and edges of ``G`` that ``f`` keeps, as a new graph (``G`` is not changed).

    Rules and confidence select edges only; documents and dates select both.
    ``G.graph["documents"]`` and each edge's ``docs`` keep the documents asked
    for; an edge's ``doc`` and ``evidence`` stay those of its first support.
    """
    if not f:
        return G
    tests = FilterTests(G, f)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    if tests.table:
        H.graph["documents"] = {k: v for k, v in tests.table.items() if tests.doc_ok(k)}
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if tests.node_ok(d))
    for u, v, k, d in G.edges(keys=True, data=True):
        if u in H and v in H and tests.edge_ok(d):
            if tests.table and (f.docs or f.since or f.until) and d.get(E_DOCS):
                d = {**d, E_DOCS: [doc for doc in d[E_DOCS] if tests.doc_ok(doc)]}     # the documents kept
            H.add_edge(u, v, k, **d)
    return H

"""Stage 6, graph: resolved entities and relations become a ``networkx.MultiDiGraph``.

One node per entity (id ``type:name``), one edge per (head, relation, tail),
keyed by the relation so that parallel edges of different relations survive.
Repeated support for an edge raises its ``weight`` and adds to ``docs`` and
``evidences``; ``doc``/``evidence``/``rule`` keep the first support, in document
order, so the graph is the same whatever order the documents were processed in.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg.resolve import Entity
from kg.schema import (
    A_ALIASES, A_DATES, A_DOCS, A_LABEL, A_MENTIONS, A_START, A_TYPE, E_DOC, E_DOCS,
    E_EVIDENCE, E_EVIDENCES, E_RELATION, E_RULE, E_START, E_WEIGHT, RelationRecord, node_id,
)

MAX_EVIDENCES = 5


def to_graph(entities: Iterable[Entity],
             relations: Iterable[tuple[RelationRecord, str, str | None]]) -> nx.MultiDiGraph:
    """Build the graph; node and edge insertion order is sorted, hence deterministic."""
    G = nx.MultiDiGraph()
    for e in sorted(entities, key=lambda e: (e.type, e.name)):
        dates = sorted(e.dates)
        attrs = {
            A_LABEL: e.name,
            A_TYPE: e.type,
            A_ALIASES: sorted(e.aliases),
            A_MENTIONS: e.mentions,
            A_DOCS: sorted(e.docs),
            A_DATES: dates,
        }
        if dates:
            attrs[A_START] = dates[0]
        for k in sorted(e.attrs):
            attrs[k] = e.attrs[k]
        G.add_node(node_id(e.type, e.name), **attrs)

    ordered = sorted(relations, key=lambda t: (t[0].head, t[0].relation, t[0].tail, t[1], t[0].evidence))
    for rec, doc, date in ordered:
        u, v = node_id(*rec.head), node_id(*rec.tail)
        if u not in G or v not in G:
            continue
        key = rec.relation
        if G.has_edge(u, v, key):
            d = G.edges[u, v, key]
            d[E_WEIGHT] += 1
            if doc not in d[E_DOCS]:
                d[E_DOCS].append(doc)
            if rec.evidence not in d[E_EVIDENCES] and len(d[E_EVIDENCES]) < MAX_EVIDENCES:
                d[E_EVIDENCES].append(rec.evidence)
            if date and (not d.get(E_START) or date < d[E_START]):
                d[E_START] = date
        else:
            attrs = {E_RELATION: rec.relation, E_RULE: rec.rule, E_DOC: doc,
                     E_EVIDENCE: rec.evidence, E_WEIGHT: 1, E_DOCS: [doc],
                     E_EVIDENCES: [rec.evidence]}
            if date:
                attrs[E_START] = date
            G.add_edge(u, v, key=key, **attrs)
    return G

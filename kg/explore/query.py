"""Explore a built graph: find an entity by any name, its neighbours, paths, and counts.

Pure functions of a ``MultiDiGraph`` (as written to ``graph.json``) that return plain
data, so ``kg query ... --json`` can print them as they are; ``format_*`` turn the same
data into the text the command line prints.
"""

from __future__ import annotations

import difflib
from collections import Counter
from itertools import islice
from typing import Any

import networkx as nx

from kg.errors import KGError, NotFoundError
from kg.schema import (
    A_ALIASES, A_DOCS, A_LABEL, A_TYPE, E_DOC, E_EVIDENCE, E_EVIDENCES, E_RELATION, E_WEIGHT, OFFICIAL,
    REGION, RELATION_TYPES,
)

__all__ = ["find_node", "neighbors", "shortest_paths", "stats", "format_neighbors", "format_paths",
           "format_stats"]

MAX_PATHS = 5


def find_node(G: nx.MultiDiGraph, name: str) -> str:
    """The node id of the entity called ``name``: its id (``type:name``), label or any alias.

    A label match wins over an alias match; case and surrounding spaces are ignored.

    Raises:
        NotFoundError: no entity has that name; the message lists close matches.
        KGError: several entities have that name; the message lists their ids.
    """
    if name in G:
        return name
    wanted = name.strip().casefold()
    by_label = [n for n, d in G.nodes(data=True) if str(d.get(A_LABEL, n)).casefold() == wanted]
    candidates = by_label or [n for n, d in G.nodes(data=True)
                              if any(str(a).casefold() == wanted for a in d.get(A_ALIASES) or ())]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        ids = ", ".join(sorted(map(str, candidates)))
        raise KGError(f"{name!r} names {len(candidates)} entities: {ids}; pass one of these ids instead")
    close = close_matches(G, name)
    hint = f"; close matches: {', '.join(close)}" if close else "; `kg query stats` lists the main entities"
    raise NotFoundError(f"no entity named {name!r} in the graph{hint}")


def close_matches(G: nx.MultiDiGraph, name: str, *, n: int = 5) -> list[str]:
    """Labels of entities whose label or an alias looks like ``name``."""
    names: dict[str, str] = {}
    for node, d in G.nodes(data=True):
        label = str(d.get(A_LABEL, node))
        for alias in [label, *map(str, d.get(A_ALIASES) or ())]:
            names.setdefault(alias, label)
    wanted = name.strip()
    found = [names[m] for m in difflib.get_close_matches(wanted, list(names), n=n, cutoff=0.5)]
    if wanted:
        found += [names[a] for a in sorted(names) if wanted in a or (len(a) > 1 and a in wanted)]
    return list(dict.fromkeys(found))[:n]


def neighbors(G: nx.MultiDiGraph, node: str, *, relation: str | None = None) -> list[dict[str, Any]]:
    """The entities linked to ``node``, one row per edge, optionally of one relation only.

    Each row: ``relation``, ``direction`` (``out``: node is the head; ``in``: the tail),
    the neighbour's ``id``, ``label`` and ``type``, the edge ``weight`` and first ``evidence``.
    """
    if relation is not None and relation not in RELATION_TYPES:
        raise KGError(f"unknown relation {relation!r}: choose from {', '.join(RELATION_TYPES)}")
    rows = []
    for direction, edges in (("out", G.out_edges(node, keys=True, data=True)),
                             ("in", G.in_edges(node, keys=True, data=True))):
        for u, v, k, d in edges:
            rel = d.get(E_RELATION, k)
            if relation is not None and rel != relation:
                continue
            other = v if direction == "out" else u
            rows.append({"relation": rel, "direction": direction, **_entity(G, other),
                         "weight": d.get(E_WEIGHT, 1), "evidence": _evidence(d), "doc": d.get(E_DOC)})
    rows.sort(key=lambda r: (r["relation"], r["direction"], r["type"], r["label"]))
    return rows


def shortest_paths(G: nx.MultiDiGraph, source: str, target: str, *, limit: int = MAX_PATHS) -> list[list[dict]]:
    """Up to ``limit`` shortest paths from ``source`` to ``target``, edges followed either way.

    A path is a list of hops; a hop names its two ends and every edge between them
    (``head``, ``relation``, ``tail``, ``evidence``, ``doc``). Empty when no path exists.
    """
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    try:
        paths = list(islice(nx.all_shortest_paths(simple, source, target), limit))
    except nx.NetworkXNoPath:
        return []
    result = []
    for path in sorted(paths, key=lambda p: [str(n) for n in p]):
        hops = []
        for a, b in zip(path, path[1:]):
            edges = [{"head": u, "relation": d.get(E_RELATION, k), "tail": v, "evidence": _evidence(d),
                      "doc": d.get(E_DOC)}
                     for x, y in ((a, b), (b, a)) if G.has_edge(x, y)
                     for u, v, k, d in G.edges(x, keys=True, data=True) if v == y]
            hops.append({"from": _entity(G, a), "to": _entity(G, b), "edges": edges})
        result.append(hops)
    return result


def stats(G: nx.MultiDiGraph, *, top: int = 10) -> dict[str, Any]:
    """Counts by entity type and relation, documents, components, and the best-connected
    officials and regions (degree = number of distinct neighbours)."""
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    docs = {doc for _, d in G.nodes(data=True) for doc in d.get(A_DOCS) or ()}
    if "documents" in G.graph:          # those a filter kept (kg.explore.filters)
        docs &= set(G.graph["documents"])

    def ranked(etype: str) -> list[dict[str, Any]]:
        nodes = [n for n, d in G.nodes(data=True) if d.get(A_TYPE) == etype]
        nodes.sort(key=lambda n: (-simple.degree(n), str(n)))
        return [{**_entity(G, n), "degree": simple.degree(n)} for n in nodes[:top]]

    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "documents": len(docs),
        "components": nx.number_connected_components(simple) if len(simple) else 0,
        "types": dict(sorted(Counter(str(d.get(A_TYPE)) for _, d in G.nodes(data=True)).items())),
        "relations": dict(sorted(Counter(str(d.get(E_RELATION, k)) for *_, k, d in G.edges(keys=True, data=True)).items())),
        "top_officials": ranked(OFFICIAL),
        "top_regions": ranked(REGION),
    }


def format_neighbors(G: nx.MultiDiGraph, node: str, rows: list[dict[str, Any]], *, sources: bool = False) -> str:
    """Text for ``kg query neighbors``: one line per edge, grouped by relation; with ``sources``, each
    evidence's document (a filtered graph keeps an edge for any of its documents, not only the evidence's)."""
    head = _entity(G, node)
    lines = [f"{head['label']} ({head['type']}): {len(rows)} neighbour(s)"]
    current = None
    for r in rows:
        if r["relation"] != current:
            current = r["relation"]
            lines.append(f"  {current}:")
        arrow = "->" if r["direction"] == "out" else "<-"
        source = f"  ({r['doc']})" if sources and r.get("evidence") and r.get("doc") else ""
        lines.append(f"    {arrow} {r['label']} ({r['type']})  x{r['weight']}  {r['evidence'] or ''}".rstrip() + source)
    return "\n".join(lines)


def format_paths(G: nx.MultiDiGraph, source: str, target: str, paths: list[list[dict]]) -> str:
    """Text for ``kg query path``: each hop with its relation(s) and evidence."""
    a, b = _entity(G, source)["label"], _entity(G, target)["label"]
    if not paths:
        return f"no path between {a} and {b}"
    lines = [f"{len(paths)} shortest path(s) of {len(paths[0])} hop(s) between {a} and {b}"]
    for i, hops in enumerate(paths, 1):
        names = [hops[0]["from"]["label"], *(h["to"]["label"] for h in hops)]
        lines.append(f"path {i}: {' - '.join(names)}")
        for h in hops:
            for e in h["edges"]:
                lines.append(f"  {_entity(G, e['head'])['label']} -[{e['relation']}]-> "
                             f"{_entity(G, e['tail'])['label']}")
                if e["evidence"]:
                    lines.append(f"      {e['evidence']}" + (f"  ({e['doc']})" if e["doc"] else ""))
    return "\n".join(lines)


def format_stats(st: dict[str, Any]) -> str:
    """Text for ``kg query stats``."""
    lines = [f"{st['nodes']} entities, {st['edges']} relations, {st['documents']} documents, "
             f"{st['components']} connected component(s)",
             "entities: " + (", ".join(f"{k} {v}" for k, v in st["types"].items()) or "none"),
             "relations: " + (", ".join(f"{k} {v}" for k, v in st["relations"].items()) or "none")]
    for key, title in (("top_officials", "top officials by degree"), ("top_regions", "top regions by degree")):
        lines.append(f"{title}:")
        lines += [f"  {i:>2}. {e['label']}  {e['degree']}" for i, e in enumerate(st[key], 1)] or ["  (none)"]
    return "\n".join(lines)


def _entity(G: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    d = G.nodes[node]
    return {"id": node, "label": str(d.get(A_LABEL, node)), "type": str(d.get(A_TYPE, ""))}


def _evidence(d: dict[str, Any]) -> str | None:
    evidences = d.get(E_EVIDENCES) or ()
    return d.get(E_EVIDENCE) or (evidences[0] if evidences else None)

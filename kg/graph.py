"""Stage 6, graph: resolved entities and relations become a ``networkx.MultiDiGraph``.

One node per entity (id ``type:name``), one edge per (head, relation, tail),
keyed by the relation so that parallel edges of different relations survive.
Repeated support for an edge raises its ``weight`` and adds to ``docs`` and
``evidences``; ``doc``/``evidence``/``rule`` keep the first support, in document
order, so the graph is the same whatever order the documents were processed in.
Every edge carries the ``confidence`` of its rule (``kg/data/rule_confidence.csv``);
a post (``governs``, ``serves_in``, ``leads``) also its ``end``, the last date that
attests it. Officials get their ``career`` (:func:`kg.resolve.people.career`), and the graph the
title, date and address of each document (``G.graph["documents"]``).
"""

from __future__ import annotations

import csv
import functools
import operator
from collections.abc import Iterable
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from kg.errors import DataFileError
from kg.resolve import Entity, ResolvedRelation
from kg.resolve.people import career, joined_namesake
from kg.schema import (
    A_ALIASES, A_CAREER, A_DATES, A_DOCS, A_LABEL, A_MENTIONS, A_NAMESAKE, A_POSITION_DETAILS, A_START,
    A_TYPE, CORRECTION_RULE, E_CONFIDENCE, E_DOC, E_DOCS, E_END, E_EVIDENCE, E_EVIDENCES, E_RELATION, E_RULE, E_START,
    E_WEIGHT, POSITION_RELATIONS, RelationRecord, node_id,
)

if TYPE_CHECKING:
    import networkx as nx

MAX_EVIDENCES = 5
CONFIDENCE_FILE = "rule_confidence.csv"
DEFAULT_CONFIDENCE = 0.5     # a rule, and a relation, that the dev gold never scored
MIN_SUPPORT = 3              # a rule scored on fewer edges takes its relation's precision

# The order of an edge's supports: by document, then evidence (sorting in C, no Python call per item).
_doc_evidence = operator.itemgetter(5, 4)


def to_graph(entities: Iterable[Entity],
             relations: Iterable[tuple[RelationRecord, str, str | None]], *,
             documents: dict[str, dict[str, str]] | None = None) -> nx.MultiDiGraph:
    """Build the graph; node and edge insertion order is sorted, hence deterministic."""
    return graph_from_rows(entities, ((r.head, r.relation, r.tail, r.rule, r.evidence, doc, date)
                                      for r, doc, date in relations), documents=documents)


def document_table(docs: Iterable[tuple]) -> dict[str, dict[str, str]]:
    """``G.graph["documents"]``: doc id -> its ``title``, ``date`` (``""`` if unknown) and ``url`` (if given).

    Args:
        docs: ``(id, date, title, cache key, url)`` of each document, in document
            order (a :data:`kg.run.incremental.DocKey`); the first of an id wins.
    """
    table: dict[str, dict[str, str]] = {}
    for doc in docs:
        if doc[0] not in table:
            entry = {"title": doc[2] or "", "date": doc[1] or ""}
            if len(doc) > 4 and doc[4]:
                entry["url"] = doc[4]
            table[doc[0]] = entry
    return table


class PlainGraph:
    """A graph in the dicts a ``networkx.MultiDiGraph`` keeps, without networkx.

    ``graph`` holds the graph's attributes, ``_node[n]`` a node's, ``_succ[u][v][key]``
    (also ``_adj``) an edge's, and ``_pred[v][u]`` is the same key dict: all that writing
    graph.json (:mod:`kg.export.json`) and counting (:func:`kg.cli.build.graph_counts`) read.
    A build that writes graph.json alone need not import networkx (about 0.1 s);
    :meth:`to_networkx` gives the graph itself.
    """

    def __init__(self) -> None:
        self.graph: dict[str, Any] = {}
        self._node: dict[str, dict] = {}
        self._succ: dict[str, dict] = {}
        self._adj = self._succ
        self._pred: dict[str, dict] = {}

    def __len__(self) -> int:
        return len(self._node)

    def __contains__(self, n: object) -> bool:
        return n in self._node

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def to_networkx(self) -> nx.MultiDiGraph:
        """The ``MultiDiGraph`` of these dicts (they are taken, not copied)."""
        import networkx as nx

        G = nx.MultiDiGraph()
        G.graph.update(self.graph)
        G._node.update(self._node)
        G._succ.update(self._succ)
        G._pred.update(self._pred)
        clear = getattr(nx, "_clear_cache", None)     # networkx >= 3.3 caches views and results
        if clear is not None:
            clear(G)
        return G


def graph_from_rows(entities: Iterable[Entity], relations: Iterable[ResolvedRelation], *,
                    documents: dict[str, dict[str, str]] | None = None,
                    plain: bool = False) -> nx.MultiDiGraph | PlainGraph:
    """:func:`to_graph` on relations as :func:`kg.resolve.resolve_rows` gives them.

    Edges are gathered in plain dicts and added to the graph once each, in the
    order of their first support, which is the graph :func:`to_graph` always built.

    Args:
        documents: :func:`document_table` of the documents, kept as ``G.graph["documents"]``.
        plain: return the :class:`PlainGraph`, without importing networkx.
    """
    G = PlainGraph()
    if documents is not None:
        G.graph["documents"] = documents
    ents = sorted(entities, key=lambda e: (e.type, e.name))
    nodes = [node_id(e.type, e.name) for e in ents]
    _add_nodes(G, zip(nodes, map(node_attrs, ents)))
    relations = relations if type(relations) is list else list(relations)
    edges = _edges_by_rank(ents, nodes, relations) if len(G) == len(nodes) else None
    _add_new_edges(G, edges if edges is not None else _edges_by_key(G, relations))
    return G if plain else G.to_networkx()


def _edges_by_rank(ents: list[Entity], nodes: list[str], relations: list[ResolvedRelation]) \
        -> list[tuple[str, str, str, dict]] | None:
    """The edges when each entity has a node of its own and every relation joins two of them (the usual
    case), else ``None``.

    Supports are grouped under one number per (head, relation, tail) made of the ends' places among the
    sorted entities and the relation's among the sorted relations: the numbers sort as those keys
    do, without comparing their text.
    """
    rank = {(e.type, e.name): i for i, e in enumerate(ents)}
    names = sorted({rel[1] for rel in relations})
    relation_rank = {r: i for i, r in enumerate(names)}
    n, m = len(nodes), len(names)
    supports: dict[int, list[ResolvedRelation]] = {}
    for rel in relations:
        h = rank.get(rel[0])
        t = rank.get(rel[2])
        if h is None or t is None:
            return None
        key = (h * m + relation_rank[rel[1]]) * n + t
        group = supports.get(key)
        if group is None:
            supports[key] = [rel]
        else:
            group.append(rel)
    known = _known_confidences()
    edges = []
    for key in sorted(supports):
        head_relation, t = divmod(key, n)
        h, r = divmod(head_relation, m)
        edges.append((nodes[h], nodes[t], names[r], _edge(supports[key], known)))
    return edges


def _edges_by_key(G: PlainGraph, relations: list[ResolvedRelation]) -> list[tuple[str, str, str, dict]]:
    """The edges of relations between the nodes of ``G``, in the order of their (head, relation, tail)."""
    # Supports of one (head, relation, tail), in the order of a stable sort by
    # (head, relation, tail, doc, evidence): grouped first, each group then sorted.
    supports: dict[tuple, list[ResolvedRelation]] = {}
    for rel in relations:
        key = (rel[0], rel[1], rel[2])
        group = supports.get(key)
        if group is None:
            supports[key] = [rel]
        else:
            group.append(rel)
    ids: dict[tuple[str, str], str | None] = {}

    def nid(key: tuple[str, str]) -> str | None:
        """The node id of an entity key, None when no such node."""
        if key not in ids:
            n = node_id(*key)
            ids[key] = n if n in G else None
        return ids[key]

    # Sorted as the keys (head, relation, tail) are, heads and tails being (type, name): flat tuples compare faster.
    ordered = [(key, nid(key[0]), nid(key[2])) for key in sorted(supports, key=lambda k: (*k[0], k[1], *k[2]))]
    found = [n for n in ids.values() if n is not None]
    if len(set(found)) == len(found):
        # One edge per (head, relation, tail): no two entity keys share a node id.
        known = _known_confidences()
        return [(u, v, key[1], _edge(supports[key], known)) for key, u, v in ordered
                if u is not None and v is not None]
    return _merged_edges(supports, ordered)


def node_attrs(e: Entity) -> dict[str, Any]:
    """The attributes of an entity's node, in the order graph.json lists them."""
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
    more = e.attrs
    details = more.get(A_POSITION_DETAILS)
    if details is not None:       # an official: the career, and a note when posts far apart were joined
        more = {**more, A_CAREER: career(details)}
        if not more.get(A_NAMESAKE):
            note = joined_namesake(details)
            if note:
                more[A_NAMESAKE] = note
    for k in sorted(more):
        attrs[k] = more[k]
    return attrs


@functools.lru_cache(maxsize=1)
def _confidence_table() -> dict[str, tuple[float, int]]:
    return read_confidence(files("kg") / "data" / CONFIDENCE_FILE)


def read_confidence(path) -> dict[str, tuple[float, int]]:
    """A rule confidence file (``kg/data/rule_confidence.csv``): rule -> (precision, support),
    with its ``*:relation`` and ``*`` rows.

    Raises:
        DataFileError: a row that is not ``rule,precision,support`` with a precision from 0 to 1.
    """
    table: dict[str, tuple[float, int]] = {}
    header = None
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            row = next(csv.reader([line]))
            if header is None:
                header = row
                continue
            try:
                rule, precision, support = row[0].strip(), float(row[1]), int(row[2])
                if header[:3] != ["rule", "precision", "support"] or len(row) != 3 or not rule:
                    raise ValueError(f"the columns are rule,precision,support, not {','.join(header)}")
                if not 0 <= precision <= 1 or support < 0:
                    raise ValueError("precision is 0 to 1, support 0 or more")
            except (IndexError, ValueError) as err:
                raise DataFileError(str(path), n, line.strip(), f"{err}; run scripts/rule_confidence.py "
                                                                 "to write the file again") from None
            table[rule] = (precision, support)
    return table


def confidence(rule: str, relation: str) -> float:
    """How far an edge of ``rule`` can be trusted: the rule's precision on the dev gold.

    A rule scored on fewer than ``MIN_SUPPORT`` edges, or never (a rule newer
    than the data file), takes its relation's precision (row ``*:relation``),
    else the precision of all rules (row ``*``), else ``DEFAULT_CONFIDENCE``.
    An edge of a corrections file (rule ``correction``) has 1.0.
    """
    if rule == CORRECTION_RULE:     # a person vouches for it
        return 1.0
    known = _known_confidences()
    value = known.get((rule, relation))
    if value is None:
        table = known[None]
        value = known[(rule, relation)] = next(
            (round(found[0], 3) for key in (rule, f"*:{relation}", "*")
             if (found := table.get(key)) is not None and (found[1] >= MIN_SUPPORT or key == "*")),
            DEFAULT_CONFIDENCE)
    return value


def _known_confidences() -> dict:
    """``(rule, relation) -> confidence`` found so far (not for ``correction``), for the current table
    (under key ``None``): a build looks each one up once, not its table for each edge."""
    table = _confidence_table()
    if _known.get(None) is not table:
        _known.clear()
        _known[None] = table
    return _known


_known: dict = {}


def _edge(group: list[ResolvedRelation], known: dict | None = None) -> dict[str, Any]:
    """The attributes of the edge its supports (all of one head, relation and tail) make.

    ``known``: :func:`_known_confidences`, looked up before calling :func:`confidence` (a Python call per edge).
    """
    if len(group) > 1:
        group.sort(key=_doc_evidence)
    _, relation, _, rule, evidence, doc, date = group[0]
    c = None if known is None else known.get((rule, relation))
    d = {E_RELATION: relation, E_RULE: rule, E_CONFIDENCE: confidence(rule, relation) if c is None else c, E_DOC: doc,
         E_EVIDENCE: evidence, E_WEIGHT: 1, E_DOCS: [doc], E_EVIDENCES: [evidence]}
    if date:
        d[E_START] = date
        if relation in POSITION_RELATIONS:
            d[E_END] = date
    if len(group) > 1:
        extend_edge(d, group[1:])
    return d


def extend_edge(d: dict[str, Any], later: list[ResolvedRelation]) -> None:
    """Add supports to an edge's attributes ``d``; they come after its own in (document, evidence) order.

    The first support names the edge (rule, doc, evidence); the others add to
    its weight, documents, evidences (at most ``MAX_EVIDENCES``), start date and,
    for a post, its end date.
    :mod:`kg.run.incremental` extends the edges of the last build with this.
    """
    d[E_WEIGHT] += len(later)
    docs = d[E_DOCS]
    seen = set(docs)
    docs += [doc for doc in dict.fromkeys([r[5] for r in later]) if doc not in seen]
    evidences = d[E_EVIDENCES]
    if len(evidences) < MAX_EVIDENCES:
        for r in later:
            if r[4] not in evidences:
                evidences.append(r[4])
                if len(evidences) == MAX_EVIDENCES:
                    break
    dates = [r[6] for r in later if r[6]]
    if dates:
        first = min(dates)
        if not d.get(E_START) or first < d[E_START]:
            d[E_START] = first
        if d[E_RELATION] in POSITION_RELATIONS:
            last = max(dates)
            if not d.get(E_END) or last > d[E_END]:
                d[E_END] = last


def _merged_edges(supports: dict[tuple, list[ResolvedRelation]],
                  ordered: list[tuple[tuple, str | None, str | None]]) -> list[tuple[str, str, str, dict]]:
    """Edges when some entity keys share a node id: the later keys' supports extend the first one's edge."""
    edges: dict[tuple[str, str, str], dict] = {}
    for key, u, v in ordered:
        if u is None or v is None:
            continue
        group = supports[key]
        d = edges.get((u, v, key[1]))
        if d is None:
            edges[(u, v, key[1])] = _edge(group)
        else:
            group.sort(key=_doc_evidence)
            extend_edge(d, group)
    return [(u, v, key, d) for (u, v, key), d in edges.items()]


def _add_nodes(G: PlainGraph, nodes: Iterable[tuple[str, dict]]) -> None:
    """``G.add_node(n, **attrs)`` for each node, through the adjacency dicts as :func:`_add_new_edges` does
    (``_node[n]`` the attribute dict, ``_succ[n]`` and ``_pred[n]`` its neighbours); the attribute dicts
    are taken, not copied."""
    node, succ, pred = G._node, G._succ, G._pred
    for n, attrs in nodes:
        found = node.get(n)
        if found is None:
            node[n] = attrs
            succ[n] = {}
            pred[n] = {}
        else:
            found.update(attrs)


def _add_new_edges(G: PlainGraph, edges: Iterable[tuple[str, str, str, dict]]) -> None:
    """``G.add_edges_from(edges)`` for edges between existing nodes, each (u, v, key) new.

    Written into the adjacency dicts directly (the structure networkx documents
    for ``MultiDiGraph``: ``_succ[u][v][key]`` is the attribute dict, and
    ``_pred[v][u]`` the same key dict): add_edges_from costs ~10 us an edge,
    most of a large graph's build. The attribute dicts are taken, not copied.
    """
    succ, pred = G._succ, G._pred
    for u, v, key, attrs in edges:
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        keys[key] = attrs

"""The relations of a merge: the new documents' relations, re-pointed at the merged entities, joined
to the edges of the last build (those of renamed entities move, with their new keys)."""

from __future__ import annotations

import bisect
import json
from collections import Counter
from typing import Any

from kg.graph import _doc_evidence, _edge, extend_edge
from kg.resolve import local_names
from kg.rows import R_DATE, R_DOC, R_ENTITIES, R_RELATIONS
from kg.run.incremental.base import Base
from kg.run.incremental.nodes import NodeMerge


class EdgeMerge:
    """The edges of one merge, among the entities ``nodes`` (a :class:`NodeMerge`, done) merged.

    The other arguments are those of :class:`NodeMerge`, with ``edge_at`` (where each
    old edge's text starts in graph.json) for its ``node_at``.
    """

    def __init__(self, base: Base, results: list[list], old: Any, edge_at: list[int], text, nodes: NodeMerge) -> None:
        self.base, self.results, self.old, self.edge_at, self._text, self.nodes = base, results, old, edge_at, text, nodes
        self.relations = sorted(base.relations)       # the first relation of an old pair is one of them

    def _supports(self) -> dict[tuple[str, str, str], list[tuple]]:
        """The new documents' relations, re-pointed as :func:`kg.resolve.resolve_rows` does, by (head, relation, tail)."""
        supports: dict[tuple[str, str, str], list[tuple]] = {}
        nodes = self.nodes
        i = nodes.n
        for res in self.results:
            recs = res[R_ENTITIES]
            local = local_names((rec, nodes.root[i + j]) for j, rec in enumerate(recs))
            i += len(recs)
            doc, date = res[R_DOC], res[R_DATE]
            for rel in res[R_RELATIONS]:
                h, t = local.get((rel[0], rel[1])), local.get((rel[3], rel[4]))
                if h is None or t is None:
                    continue
                head, tail = nodes.keys[h], nodes.keys[t]
                if head != tail:
                    u, v = f"{head[0]}\0{head[1]}", f"{tail[0]}\0{tail[1]}"
                    supports.setdefault((u, rel[2], v), []).append((head, rel[2], tail, rel[5], rel[6], doc, date))
        return supports

    def _pair(self, u: str, v: str) -> dict[str, int]:
        """The old edges from node key ``u`` to ``v``: relation -> position (they lie together, see Layout)."""
        keys = self.base.layout.edges
        for first in self.relations:
            prefix = f"{u}\0{first}\0{v}\0"
            p = bisect.bisect_left(keys, prefix)
            if p < len(keys) and keys[p].startswith(prefix):
                found = {}
                while p < len(keys) and keys[p].startswith(prefix):
                    found[keys[p][len(prefix):]] = p
                    p += 1
                return found
        return {}

    def edges(self, renamed: dict[str, str]) -> tuple[dict[str, bytes], set[int], Counter]:
        """Edges with new supports, new edges, and old edges that move: texts by key, old positions to drop."""
        layout = self.base.layout
        pairs: dict[tuple[str, str], dict[str, int]] = {}     # (u, v) -> old edges: relation -> position
        moved: set[tuple[str, str]] = set()                    # pairs with a renamed end
        if renamed:
            few = len(renamed) <= 8     # a substring test per rename is cheaper than splitting every key
            for p, key in enumerate(layout.edges):
                if few and not any(old in key for old in renamed):
                    continue
                ut, un, _, vt, vn, rel = key.split("\0")
                u, v = f"{ut}\0{un}", f"{vt}\0{vn}"
                if u in renamed or v in renamed:
                    pair = (renamed.get(u, u), renamed.get(v, v))
                    pairs.setdefault(pair, {})[rel] = p
                    moved.add(pair)
        new: dict[tuple[str, str], dict[str, list[tuple]]] = {}
        for (u, rel, v), group in self._supports().items():
            new.setdefault((u, v), {})[rel] = group
            if (u, v) not in pairs:
                pairs[(u, v)] = self._pair(u, v)
        put: dict[str, bytes] = {}
        drop: set[int] = set()
        relations: Counter = Counter()
        for (u, v), old in pairs.items():
            added = new.get((u, v), {})
            first_before = min(old) if old else None
            first = min([*old, *added])
            ends = (("source", u.replace("\0", ":", 1)), ("target", v.replace("\0", ":", 1)))
            for rel in sorted({*old, *added}):
                key = f"{u}\0{first}\0{v}\0{rel}"
                p = old.get(rel)
                group = added.get(rel)
                if p is None:
                    put[key] = self._text(_edge(group), (*ends, ("key", rel)))
                    relations[rel] += 1
                    continue
                if group is None and (u, v) not in moved and first == first_before:
                    continue        # the same text in the same place
                drop.add(p)
                at, size = self.edge_at[p], layout.edge_sizes[p]
                if group is None and (u, v) not in moved:
                    put[key] = slice(at, at + size)       # the same text, elsewhere
                    continue
                d = json.loads(self.old[at:at + size])
                for k in ("source", "target", "key"):
                    del d[k]
                if group is not None:
                    group.sort(key=_doc_evidence)
                    extend_edge(d, group)
                put[key] = self._text(d, (*ends, ("key", rel)))
        return put, drop, relations

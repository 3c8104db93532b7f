"""The entities of a merge: the union-find of :func:`kg.resolve.resolve_rows`, continued with the new records.

Old entities that new records join are read back from graph.json and extended;
new ones are grouped as a full build groups them. A new name that would join
two old entities, or a new official with a namesake, declines the merge.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from typing import Any

from kg.graph import node_attrs
from kg.resolve import Entity, extend_entity, group_entity, local_names, namesakes, person_info, with_unit_ids
from kg.rows import R_DOC, R_ENTITIES
from kg.run.incremental.base import Base, Declined
from kg.schema import (
    A_ADCODE, A_ALIASES, A_CAREER, A_DATES, A_DOCS, A_LABEL, A_MENTIONS, A_NAMESAKE, A_POSITION_DETAILS, A_START,
    A_TYPE, OFFICIAL, ORGANIZATION, REGION, node_id,
)

# What graph.json holds that is not an entity's attribute: made by node_attrs from the rest. (A split
# namesake's note is an attribute, but a merge that touches a namesake declines.)
_NODE_KEYS = frozenset((A_LABEL, A_TYPE, A_ALIASES, A_MENTIONS, A_DOCS, A_DATES, A_START, A_CAREER, A_NAMESAKE,
                        "id"))
_UNITS = (REGION, ORGANIZATION)      # what officials' posts are in: their node ids are in the posts


class NodeMerge:
    """The entities of one merge; works on copies of the base's resolve state until :meth:`update_resolve`.

    Args:
        base: the base merged onto.
        results: the new documents' rows, in document order.
        old: the old graph.json (bytes, or a :class:`~kg.run.incremental.write.GraphFile`).
        node_at: where each old node's text starts in it.
        text: writes a node as graph.json does (its attributes and extra pairs -> bytes).
    """

    def __init__(self, base: Base, results: list[list], old: Any, node_at: list[int], text) -> None:
        self.base, self.results, self.old, self.node_at, self._text = base, results, old, node_at, text
        self.keys = dict(base.resolve.keys)
        self.counts: dict[int, dict[str, int]] = {}
        self.first: dict[str, dict[str, int]] = {}
        self.people: dict[int, list[tuple]] = {}      # root of a person -> records' (doc, date, tops) added

    def _info(self, i: int) -> tuple:
        return person_info(self.results[self.owner[i - self.n]], self.recs[i - self.n])

    def _find(self, i: int) -> int:
        parent, n = self.parent, self.n
        while i >= n and parent[i - n] != i:
            i = parent[i - n]
        return i

    def _union(self, i: int, j: int) -> None:
        ri, rj = self._find(i), self._find(j)
        if ri == rj:
            return
        if ri < self.n and rj < self.n:
            raise Declined("a new name joins two entities of the last build")
        lo, hi = min(ri, rj), max(ri, rj)
        self.parent[hi - self.n] = lo

    def records(self) -> None:
        """The union-find of :func:`kg.resolve.resolve_rows`, continued with the new records."""
        rs = self.base.resolve
        self.n = n = rs.records
        self.recs: list[list] = []
        self.owner: list[int] = []
        for k, res in enumerate(self.results):
            self.recs += res[R_ENTITIES]
            self.owner += [k] * len(res[R_ENTITIES])
        self.parent = list(range(n, n + len(self.recs)))
        self.new_people: dict[str, list[int]] = {}
        for i, (etype, name, aliases, _, attrs) in enumerate(self.recs, start=n):
            if etype == OFFICIAL:
                self._person(i, name)
                continue
            old = rs.first.get(etype, {})
            seen = self.first.setdefault(etype, {})
            keys = {name, *aliases}
            if etype == REGION and attrs.get(A_ADCODE):
                keys.add("#" + str(attrs[A_ADCODE]))
            for key in keys:
                j = old.get(key)
                if j is None:
                    j = seen.setdefault(key, i)
                if j != i:
                    self._union(i, j)

    def _person(self, i: int, name: str) -> None:
        """:func:`kg.resolve._person_of`, where a name has at most one person (namesakes: declined)."""
        old = self.base.resolve.people.get(name)
        mine = self._info(i)
        if old:
            if len(old) > 1:
                raise Declined(f"namesakes: {name}")
            root, infos = old[0]
            added = self.people.setdefault(root, [])
            if any(namesakes(info, mine) for info in (*infos, *added)):
                raise Declined(f"namesakes: {name}")
            added.append(mine)
            self._union(i, root)
        elif name in self.new_people:
            person = self.new_people[name]
            if any(namesakes(self._info(j), mine) for j in person):
                raise Declined(f"namesakes: {name}")
            person.append(i)
            self._union(i, person[0])
        else:
            self.new_people[name] = [i]

    def entities(self) -> tuple[dict[str, bytes], set[int], dict[str, str], Counter]:
        """New nodes, and old ones with new records: their texts by key, old positions to drop, renames."""
        n, recs, owner, results = self.n, self.recs, self.owner, self.results
        groups: dict[int, list[int]] = {}
        for i in range(n, n + len(recs)):
            groups.setdefault(self._find(i), []).append(i)
        self.root = {i: r for r, idxs in groups.items() for i in idxs}
        officials = {name for etype, name in self.base.resolve.keys.values() if etype == OFFICIAL}
        for name in self.new_people:
            if name in officials:       # a namesake's name (张伟（涪陵区）) taken by a new person
                raise Declined(f"namesakes: {name}")
        layout = self.base.layout
        put: dict[str, bytes] = {}
        drop: set[int] = set()
        renamed: dict[str, str] = {}
        types: Counter = Counter()
        ents: list[tuple[int, Entity]] = []
        for r, idxs in groups.items():
            group = [recs[i - n] for i in idxs]
            in_docs = [results[k] for k in dict.fromkeys([owner[i - n] for i in idxs])]
            if r < n:
                etype, name = self.keys[r]
                key = f"{etype}\0{name}"
                pos = _index(layout.nodes, key)
                if pos is None:
                    raise Declined(f"graph.json has no node {etype}:{name}")
                d = json.loads(self.old[self.node_at[pos]:self.node_at[pos] + layout.node_sizes[pos]])
                ent = Entity(d[A_TYPE], d[A_LABEL], set(d[A_ALIASES]), d[A_MENTIONS], d[A_DOCS], set(d[A_DATES]),
                             {k: v for k, v in d.items() if k not in _NODE_KEYS})
                counts = dict(self.base.resolve.counts.get(r) or {name: ent.mentions})
                extend_entity(ent, counts, group, in_docs)
                drop.add(pos)
                if ent.name != name:
                    if etype in _UNITS:
                        raise Declined(f"{etype}:{name} renamed {ent.name}: officials' posts name it")
                    renamed[key] = f"{etype}\0{ent.name}"
            else:
                ent, counts = group_entity(group, in_docs)
                types[ent.type] += 1
            if len(counts) > 1:
                self.counts[r] = counts
            self.keys[r] = (ent.type, ent.name)
            ents.append((r, ent))
        units = self._units()
        for r, ent in ents:
            if ent.type == OFFICIAL and ent.attrs.get(A_POSITION_DETAILS):
                ent.attrs[A_POSITION_DETAILS] = with_unit_ids(
                    ent.attrs[A_POSITION_DETAILS], lambda p: units.get((p.get("doc"), p.get("unit_type", ""),
                                                                         p.get("unit", "")), ""))
            put[f"{ent.type}\0{ent.name}"] = self._text(node_attrs(ent), (("id", f"{ent.type}:{ent.name}"),))
        return put, drop, renamed, types

    def _units(self) -> dict[tuple[str, str, str], str]:
        """(doc, unit type, unit as written) -> node id, for the posts of the new documents' officials,
        found as :func:`kg.resolve.resolve_rows` finds them."""
        units: dict[tuple[str, str, str], str] = {}
        i = self.n
        for res in self.results:
            recs = res[R_ENTITIES]
            local = local_names((rec, self.root[i + j]) for j, rec in enumerate(recs))
            i += len(recs)
            for rec in recs:
                if rec[0] == OFFICIAL and rec[4]:
                    for p in rec[4].get(A_POSITION_DETAILS) or ():
                        r = local.get((p.get("unit_type", ""), p.get("unit", "")))
                        if r is not None:
                            units[(res[R_DOC], p.get("unit_type", ""), p.get("unit", ""))] = node_id(*self.keys[r])
        return units

    def update_resolve(self) -> None:
        """Nothing declined: what this merge knows becomes the base's resolve state."""
        rs = self.base.resolve
        rs.records += len(self.recs)
        rs.keys = self.keys
        rs.counts.update(self.counts)
        for etype, seen in self.first.items():
            rs.first.setdefault(etype, {}).update({key: self.root[i] for key, i in seen.items()})
        for name, person in self.new_people.items():
            rs.people[name] = [(person[0], list(dict.fromkeys(self._info(i) for i in person)))]
        for root, infos in self.people.items():
            name = self.keys[root][1]
            old_root, old_infos = rs.people[name][0]
            rs.people[name] = [(old_root, list(dict.fromkeys([*old_infos, *infos])))]


def _index(keys: list[str], key: str) -> int | None:
    p = bisect.bisect_left(keys, key)
    return p if p < len(keys) and keys[p] == key else None

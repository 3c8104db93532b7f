"""Stage 5, resolve: merge per-document entities into one entity per real thing.

Within a type, two records are the same entity when they share a name or alias
(``江北`` / ``江北区``; ``新视通`` / ``重庆新视通智能科技有限公司``), or, for
regions, the same administrative code. Officials are the exception: a shared
name is one person unless two documents of the same date give that name two
different top posts (namesakes). The canonical name of a merged entity is the
fullest name any document used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.schema import (
    A_ADCODE, A_POSITION_DETAILS, OFFICIAL, REGION, DocResult, EntityRecord, RelationRecord,
)


@dataclass
class Entity:
    """A resolved entity: the union of the records that refer to it."""

    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    docs: list[str] = field(default_factory=list)
    dates: set[str] = field(default_factory=set)
    attrs: dict[str, Any] = field(default_factory=dict)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _names(rec: EntityRecord) -> set[str]:
    return {rec.name, *rec.aliases}


def _top_posts(rec: EntityRecord) -> set[str]:
    return {p.get("unit", "") for p in rec.attrs.get(A_POSITION_DETAILS, []) if p.get("top")}


def _merge_attrs(into: dict[str, Any], new: dict[str, Any]) -> None:
    for k, v in new.items():
        if isinstance(v, list):
            seen = into.setdefault(k, [])
            for item in v:
                if item not in seen:
                    seen.append(item)
        elif k not in into or into[k] in (None, ""):
            into[k] = v


def resolve(results: Iterable[DocResult]) -> tuple[list[Entity], list[tuple[RelationRecord, str, str | None]]]:
    """Merge the entities of many documents and re-point their relations.

    Returns:
        The resolved entities (sorted by type and name) and the relations as
        ``(record, doc_id, date)`` with head and tail rewritten to canonical keys.
    """
    records: list[tuple[EntityRecord, str, str | None]] = []
    relations: list[tuple[RelationRecord, str, str | None]] = []
    for res in results:
        for e in res.entities:
            records.append((e, res.doc_id, res.date))
        for r in res.relations:
            relations.append((r, res.doc_id, res.date))

    uf = _UnionFind()
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (rec, doc, date) in enumerate(records):
        keys = {(rec.type, n) for n in _names(rec)}
        if rec.type == REGION and rec.attrs.get(A_ADCODE):
            keys.add((REGION, "#" + str(rec.attrs[A_ADCODE])))
        for key in keys:
            by_name[key].append(i)
    for key, idxs in sorted(by_name.items()):
        first = idxs[0]
        for j in idxs[1:]:
            if key[0] == OFFICIAL and _conflict(records[first], records[j]):
                continue
            uf.union(first, j)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        groups[uf.find(i)].append(i)

    entities: list[Entity] = []
    canon: dict[tuple[str, str, str], tuple[str, str]] = {}  # (doc, type, name) -> key
    for idxs in groups.values():
        recs = [records[i] for i in idxs]
        name = _canonical(r for r, _, _ in recs)
        ent = Entity(type=recs[0][0].type, name=name)
        for rec, doc, date in recs:
            ent.aliases |= _names(rec)
            ent.mentions += rec.mentions
            if doc not in ent.docs:
                ent.docs.append(doc)
            if date:
                ent.dates.add(date)
            _merge_attrs(ent.attrs, rec.attrs)
            for n in _names(rec):
                canon[(doc, rec.type, n)] = (ent.type, name)
        ent.aliases.discard(name)
        ent.docs.sort()
        entities.append(ent)

    fixed = []
    for rec, doc, date in relations:
        head = canon.get((doc, *rec.head))
        tail = canon.get((doc, *rec.tail))
        if head and tail and head != tail:
            fixed.append((RelationRecord(head, rec.relation, tail, rec.rule, rec.evidence), doc, date))
    entities.sort(key=lambda e: (e.type, e.name))
    return entities, fixed


def _conflict(a: tuple[EntityRecord, str, str | None], b: tuple[EntityRecord, str, str | None]) -> bool:
    """Namesakes: same date, both with top posts, and the posts differ."""
    (ra, da, ta), (rb, db, tb) = a, b
    if da == db or not ta or ta != tb:
        return False
    pa, pb = _top_posts(ra), _top_posts(rb)
    return bool(pa and pb and not (pa & pb))


def _canonical(recs: Iterable[EntityRecord]) -> str:
    """The fullest canonical name used; ties go to the most frequent, then sorted order."""
    counts: dict[str, int] = defaultdict(int)
    for r in recs:
        counts[r.name] += r.mentions
    return max(sorted(counts), key=lambda n: (len(n), counts[n]))

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
    A_ADCODE, A_POSITION_DETAILS, OFFICIAL, REGION, DocResult, RelationRecord,
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


# A relation after resolving: head and tail are canonical (type, name) keys.
#   (head, relation, tail, rule, evidence, doc_id, date)
ResolvedRelation = tuple[tuple[str, str], str, tuple[str, str], str, str, str, "str | None"]


def _top_posts(attrs: dict[str, Any]) -> set[str]:
    return {p.get("unit", "") for p in attrs.get(A_POSITION_DETAILS, []) if p.get("top")}


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
    from kg.cache import result_to_rows

    entities, relations = resolve_rows(result_to_rows(r) for r in results)
    return entities, [(RelationRecord(h, rel, t, rule, ev), doc, date) for h, rel, t, rule, ev, doc, date in relations]


def resolve_rows(results: Iterable[list]) -> tuple[list[Entity], list[ResolvedRelation]]:
    """:func:`resolve` on results as rows (:func:`kg.cache.decode_rows`), without record objects.

    The builder merges every record of the corpus here, so this is written for
    speed: records are plain lists, the union-find is a list of parents.

    Returns:
        The resolved entities (sorted by type and name) and the relations as
        :data:`ResolvedRelation` tuples, in document order.
    """
    from kg.cache import (
        E_ALIASES, E_ATTRS, E_MENTIONS, E_NAME, E_TYPE, R_DATE, R_DOC, R_ENTITIES, R_RELATIONS,
    )

    # Every entity record of every document, in document order, with its document and date.
    records: list[list] = []
    rec_doc: list[str] = []
    rec_date: list[str | None] = []
    relations: list[tuple[list, str, str | None]] = []
    for res in results:
        doc, date, ents = res[R_DOC], res[R_DATE], res[R_ENTITIES]
        records += ents
        rec_doc += [doc] * len(ents)
        rec_date += [date] * len(ents)
        relations += [(r, doc, date) for r in res[R_RELATIONS]]

    # Records sharing a name (or a region code) with an earlier record join that record's set,
    # except namesake officials. The sets are the same whatever order the names are visited in,
    # and each set's root is its first record: a parent always comes before its child.
    parent = list(range(len(records)))
    first: dict[str, dict[str, int]] = defaultdict(dict)
    names_of: list[set[str]] = []
    for i, rec in enumerate(records):
        etype = rec[E_TYPE]
        names = {rec[E_NAME], *rec[E_ALIASES]}
        names_of.append(names)
        keys = names
        if etype == REGION and rec[E_ATTRS].get(A_ADCODE):
            keys = names | {"#" + str(rec[E_ATTRS][A_ADCODE])}
        seen = first[etype]
        for key in keys:
            j = seen.setdefault(key, i)
            if j == i:
                continue
            if etype == OFFICIAL and _conflict(records[j], rec_doc[j], rec_date[j], rec, rec_doc[i], rec_date[i]):
                continue
            while parent[j] != j:           # find, halving the path
                parent[j] = j = parent[parent[j]]
            r = i
            while parent[r] != r:
                parent[r] = r = parent[parent[r]]
            if r != j:
                parent[max(r, j)] = min(r, j)

    groups: dict[int, list[int]] = {}
    root = parent              # parent[i] < i for any non-root: roots are known in one pass
    for i, p in enumerate(parent):
        r = root[i] = i if p == i else root[p]
        if r == i:
            groups[i] = [i]
        else:
            groups[r].append(i)

    entities: list[Entity] = []
    canon: dict[tuple[str, str, str], tuple[str, str]] = {}  # (doc, type, name) -> key
    for idxs in groups.values():
        etype = records[idxs[0]][E_TYPE]
        if len(idxs) == 1:
            name = records[idxs[0]][E_NAME]
        else:
            counts: dict[str, int] = defaultdict(int)
            for i in idxs:
                counts[records[i][E_NAME]] += records[i][E_MENTIONS]
            name = _best_name(counts)
        ent = Entity(type=etype, name=name)
        key = (etype, name)
        aliases, docs, dates, attrs = ent.aliases, ent.docs, ent.dates, ent.attrs
        seen_docs: set[str] = set()
        for i in idxs:
            rec, doc, date, names = records[i], rec_doc[i], rec_date[i], names_of[i]
            aliases |= names
            ent.mentions += rec[E_MENTIONS]
            if doc not in seen_docs:
                seen_docs.add(doc)
                docs.append(doc)
            if date:
                dates.add(date)
            if rec[E_ATTRS]:
                _merge_attrs(attrs, rec[E_ATTRS])
            for n in names:
                canon[(doc, etype, n)] = key
        aliases.discard(name)
        docs.sort()
        entities.append(ent)

    fixed: list[ResolvedRelation] = []
    for r, doc, date in relations:
        head = canon.get((doc, r[0], r[1]))
        tail = canon.get((doc, r[3], r[4]))
        if head and tail and head != tail:
            fixed.append((head, r[2], tail, r[5], r[6], doc, date))
    entities.sort(key=lambda e: (e.type, e.name))
    return entities, fixed


def _conflict(ra: list, da: str, ta: str | None, rb: list, db: str, tb: str | None) -> bool:
    """Namesakes: same date, both with top posts, and the posts differ."""
    if da == db or not ta or ta != tb:
        return False
    from kg.cache import E_ATTRS

    pa, pb = _top_posts(ra[E_ATTRS]), _top_posts(rb[E_ATTRS])
    return bool(pa and pb and not (pa & pb))


def _best_name(counts: dict[str, int]) -> str:
    """The fullest canonical name used; ties go to the most frequent, then sorted order."""
    return max(sorted(counts), key=lambda n: (len(n), counts[n]))

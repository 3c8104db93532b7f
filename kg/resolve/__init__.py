"""Stage 5, resolve: merge per-document entities into one entity per real thing.

Within a type, two records are the same entity when they share a name or alias
(``江北`` / ``江北区``; ``新视通`` / ``重庆新视通智能科技有限公司``), or, for
regions, the same administrative code. Officials are the exception: a shared
name is one person unless two documents of the same date give that name two
different top posts (namesakes). The canonical name of a merged entity is the
fullest name any document used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.resolve.corrections import Corrections
from kg.resolve.people import namesakes, person_info, person_of, tell_namesakes_apart
from kg.rows import R_DATE, R_DOC, R_ENTITIES, R_RELATIONS, result_to_rows
from kg.schema import A_ADCODE, A_POSITION_DETAILS, OFFICIAL, REGION, DocResult, RelationRecord, node_id

__all__ = ["Entity", "ResolveState", "ResolvedRelation", "resolve", "resolve_rows", "group_entity",
           "extend_entity", "namesakes", "person_info"]


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


@dataclass
class ResolveState:
    """What :func:`resolve_rows` knew at its end, so that later documents can be merged onto it.

    :mod:`kg.run.incremental` adds the records of new documents to a built graph with
    this instead of merging every record again. Entities are named by their root,
    the index of their first record.
    """

    records: int = 0                                                   # records merged
    first: dict[str, dict[str, int]] = field(default_factory=dict)     # type -> name, alias or "#adcode" -> root
    people: dict[str, list[tuple[int, list[tuple[str, str | None, tuple[str, ...]]]]]] = \
        field(default_factory=dict)      # official name -> its people: (root, [(doc, date, top posts), ...])
    keys: dict[int, tuple[str, str]] = field(default_factory=dict)     # root -> (type, canonical name)
    counts: dict[int, dict[str, int]] = field(default_factory=dict)    # root -> mentions by name, if several names


# A relation after resolving: head and tail are canonical (type, name) keys.
#   (head, relation, tail, rule, evidence, doc_id, date)
ResolvedRelation = tuple[tuple[str, str], str, tuple[str, str], str, str, str, "str | None"]


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
    entities, relations = resolve_rows(result_to_rows(r) for r in results)
    return entities, [(RelationRecord(h, rel, t, rule, ev), doc, date) for h, rel, t, rule, ev, doc, date in relations]


def resolve_rows(results: Iterable[list], *, state: ResolveState | None = None,
                 corrections: Corrections | None = None) -> tuple[list[Entity], list[ResolvedRelation]]:
    """:func:`resolve` on results as rows (:func:`kg.rows.decode_rows`), without record objects.

    The builder merges every record of the corpus here, so this is written for
    speed and memory: records stay the rows they came as, the union-find is a
    list of parents, and relations are re-pointed one document at a time.

    Args:
        results: documents' rows, in document order.
        state: filled in with what later documents need to be merged onto the result.
        corrections: applied to the entities, then to the relations (:mod:`kg.resolve.fixes`);
            rows that name nothing are added to its ``problems``. Not with ``state``.

    Returns:
        The resolved entities (sorted by type and name) and the relations as
        :data:`ResolvedRelation` tuples, in document order.
    """
    # Every entity record of every document, in document order, and the document of each.
    docs = list(results)
    records: list[list] = []
    owner: list[int] = []
    starts: list[int] = []
    for k, res in enumerate(docs):
        ents = res[R_ENTITIES]
        starts.append(len(records))
        records += ents
        owner += [k] * len(ents)
    starts.append(len(records))

    # Records sharing a name (or a region code) with an earlier record join that record's set,
    # except namesake officials. The sets are the same whatever order the names are visited in,
    # and each set's root is its first record: a parent always comes before its child.
    parent = list(range(len(records)))
    first: dict[str, dict[str, int]] = {}
    people: dict[str, list[list[int]]] = {}     # official name -> its people (lists of records)
    for i, (etype, name, aliases, _, attrs) in enumerate(records):
        if etype == OFFICIAL:
            j = person_of(i, name, people, records, docs, owner)
            if j is not None:
                _union(parent, i, j)
            continue
        seen = first.get(etype)
        if seen is None:
            seen = first[etype] = {}
        keys: Iterable[str] = (name,)
        if aliases or (etype == REGION and attrs.get(A_ADCODE)):
            keys = {name, *aliases}
            if etype == REGION and attrs.get(A_ADCODE):
                keys.add("#" + str(attrs[A_ADCODE]))
        for key in keys:
            j = seen.setdefault(key, i)
            if j != i:
                if parent[i] == i and parent[j] == j:
                    parent[i] = j       # what _union does when both are roots (j < i), without the call
                else:
                    _union(parent, i, j)

    groups: dict[int, list[int]] = {}
    root = parent              # parent[i] < i for any non-root: roots are known in one pass
    for i, p in enumerate(parent):
        r = root[i] = i if p == i else root[p]
        if r == i:
            groups[i] = [i]
        else:
            groups[r].append(i)

    key_of: dict[int, tuple[str, str]] = {}      # root -> (type, canonical name)
    ent_of: dict[int, Entity] = {}
    for r, idxs in groups.items():
        if len(idxs) == 1:
            ent, counts = group_entity([records[r]], [docs[owner[r]]])
        else:
            ent, counts = group_entity([records[i] for i in idxs],
                                       [docs[k] for k in dict.fromkeys([owner[i] for i in idxs])])
            if state is not None and len(counts) > 1:
                state.counts[r] = counts
        key_of[r] = (ent.type, ent.name)
        ent_of[r] = ent

    tell_namesakes_apart(ent_of, key_of, people, records, docs, owner)
    fixer = None
    if corrections:
        from kg.resolve.fixes import Fixer

        fixer = Fixer(records, root, groups, ent_of, key_of, docs, owner, group_entity)
        fixer.apply(corrections)
    if state is not None:
        state.records = len(records)
        state.keys = key_of
        state.first = {etype: {key: root[i] for key, i in seen.items()} for etype, seen in first.items()}
        state.people = {name: [(person[0], list(dict.fromkeys(person_info(docs[owner[j]], records[j])
                                                            for j in person))) for person in persons]
                        for name, persons in people.items()}

    # A relation names its ends as its document does; they become the keys of the entities that
    # the document's records of those names went into (the later entity when there are two).
    # Documents that share an id share their names. The units of officials' posts are found the same way.
    by_id: dict[str, list[int]] = {}
    for k, res in enumerate(docs):
        by_id.setdefault(res[R_DOC], []).append(k)
    shared: dict[str, dict[tuple[str, str], int]] = {}
    fixed: list[ResolvedRelation] = []
    units: dict[tuple[str, str, str], str] = {}      # (doc, unit type, unit as written) -> node id
    for k, res in enumerate(docs):
        rels = res[R_RELATIONS]
        posts = [rec for rec in records[starts[k]:starts[k + 1]] if rec[0] == OFFICIAL and rec[4].get(A_POSITION_DETAILS)]
        if not rels and not posts:
            continue
        doc, date = res[R_DOC], res[R_DATE]
        local = shared.get(doc)
        if local is None:
            local = local_names(zip(records[starts[k]:starts[k + 1]], root[starts[k]:starts[k + 1]])
                                if len(by_id[doc]) == 1 else      # paired in C: the usual case, one document of an id
                                ((records[i], root[i]) for kk in by_id[doc] for i in range(starts[kk], starts[kk + 1])))
            if len(by_id[doc]) > 1:
                shared[doc] = local
        for rel in rels:
            h = local.get((rel[0], rel[1]))
            t = local.get((rel[3], rel[4]))
            if h is not None and t is not None:
                head, tail = key_of[h], key_of[t]
                if head != tail and head is not None and tail is not None:
                    fixed.append((head, rel[2], tail, rel[5], rel[6], doc, date))
        for rec in posts:
            for p in rec[4][A_POSITION_DETAILS]:
                r = local.get((p.get("unit_type", ""), p.get("unit", "")))
                if r is not None and key_of[r] is not None:
                    units[(doc, p.get("unit_type", ""), p.get("unit", ""))] = node_id(*key_of[r])
    if fixer is not None:
        fixed = fixer.edges(fixed, corrections)
    entities = list(ent_of.values())
    for ent in entities:
        if ent.type == OFFICIAL and ent.attrs.get(A_POSITION_DETAILS):
            ent.attrs[A_POSITION_DETAILS] = with_unit_ids(
                ent.attrs[A_POSITION_DETAILS], lambda p: units.get((p.get("doc"), p.get("unit_type", ""),
                                                                     p.get("unit", "")), ""))
    entities.sort(key=lambda e: (e.type, e.name))
    return entities, fixed


def local_names(records: Iterable[tuple[list, int]]) -> dict[tuple[str, str], int]:
    """(type, name or alias) -> entity root of a document's records given with their roots.

    A name that two of them have goes to the later entity (the greater root).
    """
    local: dict[tuple[str, str], int] = {}
    for rec, r in records:
        etype = rec[0]
        for n in (rec[1], *rec[2]) if rec[2] else (rec[1],):
            if local.get((etype, n), -1) < r:
                local[(etype, n)] = r
    return local


def with_unit_ids(details: list[dict[str, Any]], unit_id) -> list[dict[str, Any]]:
    """An official's posts, each with ``unit_id``: the node id of its unit (``unit_id(post)``), ``""`` unknown.

    Posts that have one already keep it: a merge onto the last build resolves only
    the new ones, and drops those that then equal an old one, as a full build would.
    """
    out: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    for p in details:
        if "unit_id" not in p:
            p = {**p, "unit_id": unit_id(p)}
        key = tuple(sorted(p.items()))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def group_entity(recs: list[list], in_docs: list[list]) -> tuple[Entity, dict[str, int]]:
    """The entity of records that refer to one thing, and its mentions by name.

    Args:
        recs: the entity rows, in document order.
        in_docs: the results they come from, in document order, each once.
    """
    etype = recs[0][0]
    if len(recs) == 1:
        _, name, aliases, mentions, attrs = recs[0]
        res = in_docs[0]
        date = res[R_DATE]
        ent = Entity(etype, name, set(aliases), mentions, [res[R_DOC]], {date} if date else set(),
                     _merged([attrs]) if attrs else {})
        ent.aliases.discard(name)
        return ent, {name: mentions}
    # Column by column: a region or a big company has thousands of records.
    names = [rec[1] for rec in recs]
    counts: dict[str, int] = {}
    if names.count(names[0]) == len(names):      # one name, the usual case
        mentions = counts[names[0]] = sum([rec[3] for rec in recs])
    else:
        for n, m in zip(names, [rec[3] for rec in recs]):
            counts[n] = counts.get(n, 0) + m
        mentions = sum(counts.values())
    name = _best_name(counts) if len(counts) > 1 else names[0]
    aliases = set(counts)
    aliases.update(*[rec[2] for rec in recs if rec[2]])
    aliases.discard(name)
    ent = Entity(etype, name, aliases, mentions, sorted({res[R_DOC] for res in in_docs}),
                 {res[R_DATE] for res in in_docs if res[R_DATE]},
                 _merged([rec[4] for rec in recs if rec[4]]))
    return ent, counts


def extend_entity(ent: Entity, counts: dict[str, int], recs: list[list], in_docs: list[list]) -> None:
    """Add later records to an entity (:func:`group_entity`); ``counts``, its mentions by name, is updated.

    The result is the entity of all its records at once: names are counted, and
    attributes are merged in document order after those it has.
    """
    for rec in recs:
        counts[rec[1]] = counts.get(rec[1], 0) + rec[3]
        if rec[2]:
            ent.aliases.update(rec[2])
        if rec[4]:
            _merge_attrs(ent.attrs, rec[4])
    ent.aliases.update(counts)
    ent.name = _best_name(counts) if len(counts) > 1 else next(iter(counts))
    ent.aliases.discard(ent.name)
    ent.mentions = sum(counts.values())
    new = sorted({res[R_DOC] for res in in_docs}.difference(ent.docs))
    # Later documents usually sort after all of the entity's (a region's are thousands): no sort then.
    ent.docs = ent.docs + new if not ent.docs or not new or new[0] > ent.docs[-1] else sorted(ent.docs + new)
    ent.dates.update(res[R_DATE] for res in in_docs if res[R_DATE])


def _merged(attrs: list[dict[str, Any]]) -> dict[str, Any]:
    """The attributes of records, merged in order (:func:`_merge_attrs`)."""
    into: dict[str, Any] = {}
    last = None
    for a in attrs:
        if a != last:        # attributes equal to the last ones merged would change nothing
            _merge_attrs(into, a)
            last = a
    return into


def _union(parent: list[int], i: int, j: int) -> None:
    """Join the sets of records ``i`` and ``j``; the smaller root becomes the root."""
    while parent[j] != j:           # find, halving the path
        parent[j] = j = parent[parent[j]]
    r = i
    while parent[r] != r:
        parent[r] = r = parent[parent[r]]
    if r != j:
        parent[max(r, j)] = min(r, j)


def _best_name(counts: dict[str, int]) -> str:
    """The fullest canonical name used; ties go to the most frequent, then sorted order."""
    return max(sorted(counts), key=lambda n: (len(n), counts[n]))

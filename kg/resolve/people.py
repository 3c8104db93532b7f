"""Part of stage 5, resolve: people, the one type not merged by name alone.

A shared name is one person unless two documents of the same date give that
name two different top posts (namesakes). Both outcomes are said out loud: a
person told apart gets a ``namesake`` note saying from whom and why, and a
person whose top posts in different documents are in different units (taken
as one person because no two documents of one date disagree) gets a
``joined`` note, so that a reader can check either. An official's ``career``
is his posts (person × unit × role) in time order, with the first and last
document dates that attest each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.rows import E_ATTRS, R_DATE, R_DOC
from kg.schema import A_NAMESAKE, A_POSITION_DETAILS, OFFICIAL


def top_posts(attrs: dict[str, Any]) -> set[str]:
    """The units of the top posts of an official's record."""
    return {p.get("unit", "") for p in attrs.get(A_POSITION_DETAILS, []) if p.get("top")}


def person_info(res: list, rec: list) -> tuple[str, str | None, tuple[str, ...]]:
    """What telling namesakes apart needs of an official's record: (doc, date, top posts)."""
    return res[R_DOC], res[R_DATE], tuple(sorted(top_posts(rec[E_ATTRS])))


def namesakes(a: tuple, b: tuple) -> bool:
    """Two records of one name (:func:`person_info`) are two people: documents of the same date
    whose top posts differ."""
    return a[0] != b[0] and bool(a[1]) and a[1] == b[1] and bool(a[2] and b[2]) and not set(a[2]) & set(b[2])


def conflict(ra: list, da: str, ta: str | None, rb: list, db: str, tb: str | None) -> bool:
    """:func:`namesakes`, with the top posts found only for records of the same date (most are not)."""
    if da == db or not ta or ta != tb:
        return False
    return namesakes((da, ta, top_posts(ra[E_ATTRS])), (db, tb, top_posts(rb[E_ATTRS])))


def person_of(i: int, name: str, people: dict[str, list[list[int]]], records: list[list],
              docs: list[list], owner: list[int]) -> int | None:
    """The first record of the person named ``name`` that record ``i`` can be, or ``None``.

    A record joins the first person with that name none of whose records conflicts
    with it (:func:`conflict`); otherwise it starts a new person, a namesake.
    """
    b = docs[owner[i]]
    candidates = people.setdefault(name, [])
    for person in candidates:
        if not any(conflict(records[j], docs[owner[j]][R_DOC], docs[owner[j]][R_DATE],
                            records[i], b[R_DOC], b[R_DATE]) for j in person):
            person.append(i)
            return person[0]
    candidates.append([i])
    return None


def tell_namesakes_apart(ent_of: dict[int, Any], key_of: dict[int, tuple[str, str]],
                         people: dict[str, list[list[int]]], records: list[list], docs: list[list],
                         owner: list[int]) -> None:
    """Namesakes get distinct names and a note: the first keeps the name, the others add their first top post's unit.

    ``张伟`` and ``张伟（涪陵区）``; the plain name stays an alias of each. Each
    one's ``namesake`` note names the other and the two posts of one date that
    told them apart.
    """
    taken: set[tuple[str, str]] = set()
    for root in sorted(ent_of):            # the person met first in document order keeps the name
        ent = ent_of[root]
        if ent.type != OFFICIAL:
            continue
        if (ent.type, ent.name) in taken:
            posts = ent.attrs.get(A_POSITION_DETAILS) or [{}]
            unit = next((p.get("unit") for p in posts if p.get("top") and p.get("unit")), None) \
                or posts[0].get("unit") or str(root)
            ent.aliases.add(ent.name)
            ent.name = f"{ent.name}（{unit}）"
            key_of[root] = (ent.type, ent.name)
        taken.add((ent.type, ent.name))
    for name, persons in people.items():
        for k in range(1, len(persons)):
            why = _told_apart(persons[:k], persons[k], records, docs, owner)
            if why is None:
                continue
            j, own, other, date = why
            mine, theirs = ent_of[persons[k][0]], ent_of[j]
            mine.attrs[A_NAMESAKE] = f"split from {theirs.name} (another person: {own} vs {other} at the same date {date})"
            theirs.attrs.setdefault(A_NAMESAKE, f"split: {mine.name} is another person ({other} vs {own} "
                                                f"at the same date {date})")


def _told_apart(before: list[list[int]], person: list[int], records: list[list], docs: list[list],
                owner: list[int]) -> tuple[int, str, str, str] | None:
    """The first earlier person whose records conflict with ``person``'s: (its root, the two titles, the date)."""
    for earlier in before:
        by_date: dict[str, list[int]] = {}
        for j in earlier:
            date = docs[owner[j]][R_DATE]
            if date:
                by_date.setdefault(date, []).append(j)
        for i in person:
            res = docs[owner[i]]
            for j in by_date.get(res[R_DATE] or "", ()):
                other = docs[owner[j]]
                if conflict(records[j], other[R_DOC], other[R_DATE], records[i], res[R_DOC], res[R_DATE]):
                    return earlier[0], _top_title(records[i]), _top_title(records[j]), res[R_DATE]
    return None


def _top_title(rec: list) -> str:
    posts = rec[E_ATTRS].get(A_POSITION_DETAILS) or []
    return next((p.get("title") or p.get("unit", "") for p in posts if p.get("top")), "")


def joined_namesake(details: Iterable[dict[str, Any]]) -> str:
    """A note when one person's top posts are in units that no document names together.

    The namesake rule keeps them one person, since no two documents of one date
    disagree; a transfer looks the same as two people, so a reader should check.
    Units of top posts one document gives together (区委书记、管委会主任) are
    linked. ``""`` when every top post is linked to the others.
    """
    parent: dict[str, str] = {}
    first: dict[str, dict[str, Any]] = {}        # unit -> its first top post

    def find(u: str) -> str:
        while parent[u] != u:
            u = parent[u] = parent[parent[u]]
        return u

    by_doc: dict[str, list[str]] = {}
    for p in details:
        unit = p.get("unit_id") or p.get("unit", "")
        if p.get("top") and unit:
            parent.setdefault(unit, unit)
            first.setdefault(unit, p)
            by_doc.setdefault(p.get("doc") or "", []).append(unit)
    for units in by_doc.values():
        for u in units[1:]:
            a, b = find(units[0]), find(u)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups = list(dict.fromkeys(find(u) for u in first))
    if len(groups) < 2:
        return ""
    pa, pb = (next(first[u] for u in first if find(u) == g) for g in groups[:2])
    return (f"joined: {_when(pa)} and {_when(pb)} are taken as one person's posts "
            "(no two documents of one date give different top posts)")


def _when(p: dict[str, Any]) -> str:
    return f"{p.get('title') or p.get('unit', '')} ({p.get('date') or p.get('doc', '')})"


def career(details: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """An official's posts, one per unit and role, in time order.

    Each: ``unit`` (the unit's name in the graph), ``unit_id`` (its node id, ``""``
    when unknown), ``role``, ``title`` (as first written), ``top``, ``start`` and
    ``end`` (the first and last document dates attesting it, ``""`` undated),
    ``docs`` and ``evidence`` (the sentence of its first attestation).
    """
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in details:
        unit = p.get("unit_id") or p.get("unit", "")
        groups.setdefault((unit, p.get("role", "")), []).append(p)
    posts = []
    for (_, role), ps in groups.items():
        ps = sorted(ps, key=lambda p: (p.get("date") or "9999-99-99", p.get("doc") or ""))
        dates = [p["date"] for p in ps if p.get("date")]
        first = ps[0]
        uid = first.get("unit_id") or ""
        posts.append({"unit": uid.partition(":")[2] if uid else first.get("unit", ""), "unit_id": uid,
                      "role": role, "title": first.get("title", ""), "top": any(p.get("top") for p in ps),
                      "start": dates[0] if dates else "", "end": dates[-1] if dates else "",
                      "docs": sorted({p["doc"] for p in ps if p.get("doc")}),
                      "evidence": first.get("evidence", "")})
    posts.sort(key=lambda c: (c["start"] or "9999", c["end"] or "9999", c["unit"], c["role"]))
    return posts

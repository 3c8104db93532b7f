"""Part of stage 5, resolve: corrections applied to the entities and relations being resolved.

Resolve has put every record of every document into groups, one per entity;
corrections (:mod:`kg.resolve.corrections`) change those groups in file order:
merge two, carve an alias's records out of one, rename, retype, drop, add an
alias. Relations are re-pointed afterwards through the same groups, so an edge
follows its entities wherever they went; edge corrections (drop, add) apply to
the relations re-pointed. Nothing is extracted again, and the same corrections
give the same graph.
"""

from __future__ import annotations

import difflib
from typing import Any

from kg.resolve.corrections import Correction, Corrections
from kg.schema import (
    A_ADCODE, A_NAMESAKE, A_POSITION_DETAILS, CORRECTION_RULE, OFFICIAL, REGION, UNDIRECTED_RELATIONS,
)


class Fixer:
    """The groups of a resolve, changed by corrections.

    Args:
        records: every entity record (rows), in document order.
        root: record -> its group; changed in place.
        groups: group -> its records, ascending; changed in place.
        ent_of: group -> its entity; changed in place (a dropped group leaves it).
        key_of: group -> (type, canonical name); changed in place.
        docs, owner: the documents' rows, and the document of each record.
        build: the records of a group -> its entity (:func:`kg.resolve.group_entity`).
    """

    def __init__(self, records: list[list], root: list[int], groups: dict[int, list[int]],
                 ent_of: dict[int, Any], key_of: dict[int, tuple[str, str]], docs: list[list],
                 owner: list[int], build) -> None:
        self.records, self.root, self.groups = records, root, groups
        self.ent_of, self.key_of, self.docs, self.owner, self.build = ent_of, key_of, docs, owner, build
        self.extra_aliases: dict[int, set[str]] = {}
        self.extra_attrs: dict[int, dict[str, Any]] = {}
        self.moved: dict[int, int] = {}                  # merged group -> the group it went into
        self.next_id = len(records)
        self.by_key: dict[tuple[str, str], int] = {}
        self.by_name: dict[str, set[int]] = {}
        for r in ent_of:
            self._index(r)
        self.edge_ops: list[tuple[Correction, int, int]] = []

    # -- finding entities ----------------------------------------------------------------

    def _names(self, r: int) -> list[str]:
        ent = self.ent_of[r]
        return [ent.name, *ent.aliases]

    def _index(self, r: int) -> None:
        self.by_key[self.key_of[r]] = r
        for n in self._names(r):
            self.by_name.setdefault(n, set()).add(r)

    def _unindex(self, r: int) -> None:
        if self.by_key.get(self.key_of[r]) == r:
            del self.by_key[self.key_of[r]]
        for n in self._names(r):
            self.by_name.get(n, set()).discard(r)

    def find(self, ref: str) -> int | str:
        """The group an entity reference names (``type:name``, or a name of exactly one entity), or why none."""
        etype, sep, name = ref.partition(":")
        if sep and (etype, name) in self.by_key:
            return self.by_key[(etype, name)]
        named = sorted(self.by_name.get(ref, ()))
        if len(named) > 1:
            labels = [r for r in named if self.ent_of[r].name == ref]
            named = labels if len(labels) == 1 else named
        if len(named) == 1:
            return named[0]
        if named:
            ids = ", ".join(sorted(f"{t}:{n}" for t, n in (self.key_of[r] for r in named)))
            return f"{ref!r} names {len(named)} entities ({ids}): write one of these ids instead"
        close = difflib.get_close_matches(ref, sorted({f"{t}:{n}" for t, n in self.by_key} | set(self.by_name)),
                                          n=3, cutoff=0.6)
        hint = f" (close matches: {', '.join(close)})" if close else ""
        return f"no entity named {ref!r}{hint}; fix the name or delete the row"

    # -- entity corrections ----------------------------------------------------------------

    def apply(self, corrections: Corrections) -> None:
        """Apply every correction, in order; rows that name nothing are reported in ``corrections.problems``."""
        for c in corrections.items:
            subject = self.find(c.subject)
            if isinstance(subject, str):
                corrections.skip(c, subject)
                continue
            why = getattr(self, "_" + c.action.replace("-", "_"))(c, subject)
            if why:
                corrections.skip(c, why)

    def _touch(self, r: int) -> None:
        """Keep what resolve gave a group beyond its records (a namesake's note) before rebuilding it."""
        if r not in self.extra_attrs:
            ent = self.ent_of[r]
            self.extra_attrs[r] = {A_NAMESAKE: ent.attrs[A_NAMESAKE]} if A_NAMESAKE in ent.attrs else {}

    def _rebuild(self, r: int) -> None:
        """The entity of group ``r`` made again from its records, with the name and type the group has."""
        idxs = self.groups[r]
        etype, name = self.key_of[r]
        ent, _ = self.build([self.records[i] for i in idxs],
                            [self.docs[k] for k in dict.fromkeys(self.owner[i] for i in idxs)])
        if ent.name != name:
            ent.aliases.add(ent.name)
        ent.type, ent.name = etype, name
        ent.aliases.update(self.extra_aliases.get(r, ()))
        ent.aliases.discard(name)
        ent.attrs.update(self.extra_attrs.get(r, {}))
        self.ent_of[r] = ent

    def _rekey(self, r: int, key: tuple[str, str]) -> str:
        other = self.by_key.get(key)
        if other is not None and other != r:
            return (f"{key[0]}:{key[1]} already exists: to make them one, write "
                    f"merge,{key[0]}:{key[1]},,{':'.join(self.key_of[r])}")
        self._unindex(r)
        old = self.ent_of[r].name
        self.key_of[r] = key
        ent = self.ent_of[r]
        ent.type, ent.name = key
        if old != key[1]:
            ent.aliases.add(old)
            self.extra_aliases.setdefault(r, set()).add(old)
        ent.aliases.discard(key[1])
        self._index(r)
        return ""

    def _rename(self, c: Correction, r: int) -> str:
        return self._rekey(r, (self.key_of[r][0], c.object))

    def _retype(self, c: Correction, r: int) -> str:
        return self._rekey(r, (c.object, self.key_of[r][1]))

    def _add_alias(self, c: Correction, r: int) -> str:
        if c.object == self.key_of[r][1]:
            return f"{c.object!r} is the entity's name already"
        self._unindex(r)
        self.extra_aliases.setdefault(r, set()).add(c.object)
        self.ent_of[r].aliases.add(c.object)
        self._index(r)
        return ""

    def _drop(self, c: Correction, r: int) -> str:
        self._unindex(r)
        del self.ent_of[r]
        self.key_of[r] = None          # type: ignore[assignment]   (relations to it are dropped)
        return ""

    def _merge(self, c: Correction, r: int) -> str:
        other = self.find(c.object)
        if isinstance(other, str):
            return other
        if other == r:
            return f"{c.subject} and {c.object} are one entity already"
        self._join(r, other)
        return ""

    def _join(self, r: int, other: int) -> None:
        """Group ``other`` goes into ``r``: its records, names and edges; ``r`` keeps its name and type."""
        for g in (r, other):
            self._touch(g)
            self._unindex(g)
        gone = self.ent_of.pop(other)
        self.extra_aliases.setdefault(r, set()).update({gone.name, *self.extra_aliases.pop(other, ())})
        self.extra_attrs[r].pop(A_NAMESAKE, None)      # a person decided: no namesakes to read about
        for i in self.groups[other]:
            self.root[i] = r
        self.groups[r] = sorted(self.groups[r] + self.groups.pop(other))
        self.key_of[other] = None       # type: ignore[assignment]
        self.moved[other] = r
        self._rebuild(r)
        self._index(r)

    def _split(self, c: Correction, r: int) -> str:
        alias = c.object
        if alias == self.key_of[r][1]:
            return f"{alias!r} is the entity's name: rename the entity first, or drop it"
        if alias not in self.ent_of[r].aliases:
            if self.key_of[r][0] == OFFICIAL:
                return self._split_person(c, r)
            return f"{alias!r} is not an alias of {':'.join(self.key_of[r])}; its aliases: " \
                   f"{', '.join(sorted(self.ent_of[r].aliases)) or 'none'}"
        self._touch(r)
        self._unindex(r)
        self.extra_aliases.get(r, set()).discard(alias)
        idxs = self.groups[r]
        for i in idxs:
            rec = self.records[i]
            if alias in rec[2]:
                rec[2] = [a for a in rec[2] if a != alias]
        parts = _components([self.records[i] for i in idxs]) if self.key_of[r][0] != OFFICIAL else [list(range(len(idxs)))]
        main = next((p for p in parts if any(self.records[idxs[j]][1] != alias for j in p)), parts[0])
        self.groups[r] = [idxs[j] for j in main]
        self._rebuild(r)
        self.ent_of[r].aliases.discard(alias)
        self._index(r)
        for part in parts:
            if part is not main:
                self._new_group([idxs[j] for j in part])
        return ""

    def _split_person(self, c: Correction, r: int) -> str:
        """An official's records with a post in unit ``c.object`` become another person, ``name（unit）``."""
        unit = self.find(c.object)
        if isinstance(unit, str):
            return f"{c.object!r} is neither an alias of {c.subject} nor a unit of his posts ({unit})"
        names = set(self._names(unit))
        label = self.ent_of[unit].name
        idxs = self.groups[r]
        out = [i for i in idxs if any(p.get("unit") in names for p in self.records[i][4].get(A_POSITION_DETAILS) or ())]
        if not out or len(out) == len(idxs):
            return (f"{'no' if not out else 'every'} document gives {c.subject} a post in {label}: "
                    "nothing to split (see `kg query career`)")
        etype, name = self.key_of[r]
        new = (etype, f"{name}（{label}）")
        if new in self.by_key:
            return f"{new[0]}:{new[1]} exists already: merge into it instead"
        self._touch(r)
        self._unindex(r)
        self.groups[r] = [i for i in idxs if i not in set(out)]
        g = self.next_id
        self.next_id += 1
        for i in out:
            self.root[i] = g
        self.groups[g], self.key_of[g] = out, new
        self.extra_attrs[g] = {A_NAMESAKE: f"split from {name} by a correction ({c.where}): the posts in {label}"}
        self.extra_attrs[r][A_NAMESAKE] = f"split: {new[1]} is another person (a correction, {c.where})"
        for k in (r, g):
            self._rebuild(k)
            self._index(k)
        return ""

    def _new_group(self, idxs: list[int]) -> None:
        """Records carved out of a group become an entity, or join the entity of their name."""
        g = self.next_id
        self.next_id += 1
        for i in idxs:
            self.root[i] = g
        self.groups[g] = idxs
        ent, _ = self.build([self.records[i] for i in idxs],
                            [self.docs[k] for k in dict.fromkeys(self.owner[i] for i in idxs)])
        self.ent_of[g], self.key_of[g] = ent, (ent.type, ent.name)
        other = self.by_key.get((ent.type, ent.name))
        self._index(g)
        if other is not None:           # an entity of that name (made by a correction): they are one
            self.by_key[(ent.type, ent.name)] = other
            self._join(other, g)

    # -- edge corrections -------------------------------------------------------------------

    def _drop_edge(self, c: Correction, r: int) -> str:
        return self._edge(c, r)

    def _add_edge(self, c: Correction, r: int) -> str:
        return self._edge(c, r)

    def _edge(self, c: Correction, r: int) -> str:
        tail = self.find(c.object)
        if isinstance(tail, str):
            return tail
        self.edge_ops.append((c, r, tail))
        return ""

    def _now(self, g: int) -> int:
        while g in self.moved:
            g = self.moved[g]
        return g

    def edges(self, relations: list[tuple], corrections: Corrections) -> list[tuple]:
        """The relations (:data:`kg.resolve.ResolvedRelation`) with the edge corrections applied, in order."""
        for c, h, t in self.edge_ops:
            head, tail = self.key_of.get(self._now(h)), self.key_of.get(self._now(t))
            if head is None or tail is None:
                continue        # a later row dropped an end: the edge is gone with it

            if c.action == "add-edge":
                doc = c.path.replace("\\", "/").rsplit("/", 1)[-1]
                corrections.sources.setdefault(doc, c.path)
                relations.append((head, c.relation, tail, CORRECTION_RULE, c.note, doc, None))
                continue
            ends = {(head, tail), (tail, head)} if c.relation in UNDIRECTED_RELATIONS else {(head, tail)}
            kept = [rel for rel in relations if rel[1] != c.relation or (rel[0], rel[2]) not in ends]
            if len(kept) == len(relations):
                corrections.skip(c, f"no {c.relation} edge from {':'.join(head)} to {':'.join(tail)}; "
                                    "check the ends and the relation, or delete the row")
            relations[:] = kept
        return relations


def _components(recs: list[list]) -> list[list[int]]:
    """The records that share a name, an alias or a region code, as resolve joins them: lists of positions."""
    parent = list(range(len(recs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = i = parent[parent[i]]
        return i

    first: dict[str, int] = {}
    for i, (etype, name, aliases, _, attrs) in enumerate(recs):
        keys = {name, *aliases}
        if etype == REGION and attrs.get(A_ADCODE):
            keys.add("#" + str(attrs[A_ADCODE]))
        for key in sorted(keys):
            j = find(first.setdefault(key, i))
            a = find(i)
            if a != j:
                parent[max(a, j)] = min(a, j)
    out: dict[int, list[int]] = {}
    for i in range(len(recs)):
        out.setdefault(find(i), []).append(i)
    return list(out.values())

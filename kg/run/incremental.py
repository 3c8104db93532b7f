"""Stage 6b, merge onto the last build: new documents join a built graph without merging the rest again.

Adding a few documents to a corpus of thousands used to cost a full merge:
every cached result decoded, every record resolved, every node and edge
written again. Beside the extraction cache, a build now keeps its
:class:`Base`: what resolve knew at the end (:class:`kg.resolve.ResolveState`),
the documents it merged, and where each node and edge lies in the graph.json it
wrote (:class:`kg.export.json.Layout`). When the only change is documents that
sort after all the others, :func:`merge` adds their records to that state and
:meth:`Update.write` writes graph.json again by copying the runs of the old
file that did not change, around the few items that did.

The result is byte for byte the graph.json of a full build. Whenever that is
not certain without a full merge, :func:`merge` declines (and says why in the
log): a document of the last build changed or is gone, a new document sorts
before an old one, a new name joins two entities of the last build, or a new
record of an official has a namesake. A graph.json changed since (by hand or by
another build) has another stamp, and a kg whose merging code differs has
another :func:`merge_version`; either way the base is not used.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import logging
import mmap
import marshal
import os
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kg
from kg.export._atomic import atomic_open
from kg.export.json import ITEM_SEP, Layout, _default, _Indented, kg_frame, write_parts
from kg.graph import _doc_evidence, _edge, extend_edge, node_attrs
from kg.resolve import Entity, ResolveState, extend_entity, group_entity, namesakes, person_info
from kg.rows import R_DATE, R_DOC, R_ENTITIES, R_RELATIONS
from kg.run.cache import CACHE_DIR, pipeline_version
from kg.schema import (
    A_ADCODE, A_ALIASES, A_DATES, A_DOCS, A_LABEL, A_MENTIONS, A_START, A_TYPE, OFFICIAL,
    REGION,
)

logger = logging.getLogger(__name__)

BASE_NAME = "graph-base.marshal"
GRAPH_NAME = "graph.json"
BASE_FORMAT = 2
# The modules whose code decides what a merge gives, besides extraction's (pipeline_version).
_MERGE_CODE = ("resolve.py", "graph.py", "run/incremental.py", "export/json.py")     # relative to kg/
_NODE_KEYS = frozenset((A_LABEL, A_TYPE, A_ALIASES, A_MENTIONS, A_DOCS, A_DATES, A_START, "id"))
_SEP = ITEM_SEP.encode()

# A document as the base knows it: (id, date, title, cache key).
DocKey = tuple[str, "str | None", str, str]


def merge_version() -> str:
    """A hash of what a merge depends on: extraction's version and the code that resolves and writes."""
    root = Path(kg.__file__).parent
    h = hashlib.sha256(f"base {BASE_FORMAT}\n{pipeline_version()}\n".encode())
    for name in _MERGE_CODE:
        h.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return h.hexdigest()[:16]


@dataclass
class Base:
    """The last build's graph.json and what it was made of: what new documents are merged onto."""

    version: str                    # merge_version() of the kg that wrote it
    docs: list[DocKey]              # the documents merged, in document order
    resolve: ResolveState
    layout: Layout
    types: dict[str, int]           # nodes by entity type
    relations: dict[str, int]       # edges by relation


def _stamp(path: Path) -> bytes:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}".encode()


def base_path(out_dir: str | os.PathLike) -> Path:
    return Path(out_dir) / CACHE_DIR / BASE_NAME


# The base file: one line saying which graph.json it is for (its stamp: size and modification
# time), then the Base as plain values in marshal's format: fast to read and write, and unlike
# a pickle, a file that is not kg's cannot run code when read. A stale base is told from its
# first line, without reading the rest.
_MAGIC = b"kg-base "


def _plain(base: Base) -> tuple:
    rs, lay = base.resolve, base.layout
    return (BASE_FORMAT, base.version, base.docs, (rs.records, rs.first, rs.people, rs.keys, rs.counts),
            (lay.nodes, lay.node_sizes, lay.edges, lay.edge_sizes),
            base.types, base.relations)


def _from_plain(data: Any) -> Base | None:
    if type(data) is not tuple or len(data) != 7 or data[0] != BASE_FORMAT:
        return None
    _, version, docs, resolve, layout, types, relations = data
    return Base(version, docs, ResolveState(*resolve), Layout(*layout), types, relations)


def load_base(out_dir: str | os.PathLike) -> Base | None:
    """The base of the graph.json in ``out_dir``, or ``None`` when there is none it can be trusted for."""
    path = base_path(out_dir)
    if not path.exists():
        return None
    try:
        with open(path, "rb") as fh:
            if fh.readline() != _MAGIC + _stamp(Path(out_dir) / GRAPH_NAME) + b"\n":
                logger.info("graph.json changed since its merge base was kept: full merge")
                return None
            base = _from_plain(marshal.loads(fh.read()))    # load(fh) reads in small pieces: 4x slower
        if base is None or base.version != merge_version():
            logger.info("merge base %s is of another kg version: full merge", path)
            return None
    except Exception as err:        # unreadable, truncated, from an older kg: it is only a shortcut
        logger.info("merge base %s unreadable (%s): full merge", path, err)
        return None
    return base


def save_base(out_dir: str | os.PathLike, base: Base | bytes) -> None:
    """Keep ``base`` (or :func:`dump_base` of it) for the graph.json just written into ``out_dir``, atomically."""
    data = base if isinstance(base, bytes) else dump_base(base)
    # No fsync: a base a crash truncated fails to load, and the next build merges in full.
    with atomic_open(base_path(out_dir), "wb", durable=False) as fh:
        fh.write(_MAGIC + _stamp(Path(out_dir) / GRAPH_NAME) + b"\n")
        fh.write(data)


def dump_base(base: Base) -> bytes:
    """The bytes a base is kept as, after its first line."""
    return marshal.dumps(_plain(base))


def base_of_build(docs: list[DocKey], state: ResolveState, layout: Layout, types: dict[str, int],
                  relations: dict[str, int]) -> Base:
    """The base of a full build, from what its resolve and its JSON writer noted."""
    return Base(merge_version(), docs, state, layout, dict(types), dict(relations))


class Declined(Exception):
    """A merge that cannot be sure to give the full build's graph; the message says why."""


@dataclass
class Update:
    """A merged graph, ready to be written: the parts of its two lists, and the base it makes.

    A part is the text of a changed item, or a ``slice`` of the old graph.json:
    a run of items that did not change, copied from file to file by the kernel.
    """

    base: Base
    old: bytes | GraphFile          # the old graph.json
    node_parts: list[Any]
    edge_parts: list[Any]
    base_changed: bool = True       # False: no new documents, graph.json and base stay as they are

    @property
    def counts(self) -> tuple[Counter, Counter]:
        """Nodes by entity type and edges by relation (as :func:`kg.cli.graph_counts` gives them)."""
        return Counter(self.base.types), Counter(self.base.relations)

    def write(self, out_dir: str | os.PathLike) -> None:
        """Write graph.json into ``out_dir`` (atomically), then the new base; nothing when nothing is new."""
        if not self.base_changed:
            if isinstance(self.old, GraphFile):
                self.old.close()
            return
        with ThreadPoolExecutor(1) as pool:
            # The base is serialized while graph.json is written: most of that is waiting for the disk.
            written = pool.submit(self._write_graph, Path(out_dir) / GRAPH_NAME)
            data = dump_base(self.base)
            try:
                written.result()
            finally:
                if isinstance(self.old, GraphFile):
                    self.old.close()
        save_base(out_dir, data)

    def _write_graph(self, path: Path) -> None:
        layout = self.base.layout
        with atomic_open(path, "wb") as fh:
            copy = _Copier(self.old, fh)
            starts = write_parts(fh, kg_frame(), self.node_parts, self.edge_parts, copy)
            fh.flush()
            if starts != (layout.node_start, layout.edge_start) or fh.tell() != os.fstat(fh.fileno()).st_size:
                raise AssertionError(f"graph.json written with lists at {starts}, not where its base says")


class _Copier:
    """Copies byte ranges of the old graph.json into the new one: in the kernel where it can."""

    def __init__(self, old: Any, fh: Any) -> None:
        self.old, self.fh = old, fh
        self.src = old.fileno() if hasattr(old, "fileno") else None
        self.fast = self.src is not None and hasattr(os, "copy_file_range")

    def __call__(self, part: slice) -> None:
        start, stop = part.start, part.stop
        if self.fast:
            self.fh.flush()
            dst = self.fh.fileno()
            try:
                while start < stop:
                    n = os.copy_file_range(self.src, dst, stop - start, start)
                    if n <= 0:
                        break
                    start += n
            except OSError:          # another file system, an old kernel: copy through memory
                self.fast = False
        if start < stop:
            self.fh.write(self.old[start:stop])


class GraphFile:
    """The old graph.json, mapped into memory: items are read where needed, runs copied by the kernel."""

    def __init__(self, path: str | os.PathLike) -> None:
        self._fh = open(path, "rb")
        try:
            self._map = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):
            self._fh.close()
            raise

    def fileno(self) -> int:
        return self._fh.fileno()

    def __getitem__(self, part: slice) -> bytes:
        return self._map[part]

    def close(self) -> None:
        self._map.close()
        self._fh.close()


def merge(base: Base, results: list[list], docs: list[DocKey], old: bytes | GraphFile) -> Update:
    """Merge the results of new documents onto ``base``, whose graph.json holds ``old``.

    Args:
        base: the base of the last build; it becomes the new one.
        results: the new documents' rows (:func:`kg.rows.decode_rows`), in document order.
        docs: those documents, as the base will know them.
        old: the last build's graph.json: its bytes, or a :class:`GraphFile`.

    Raises:
        Declined: the merge might differ from a full build's; ``base`` is left as it was.
    """
    return _Merge(base, results, docs, old).run()


class _Merge:
    """One merge: :func:`kg.resolve.resolve_rows` and :func:`kg.graph.graph_from_rows` for the new records only."""

    def __init__(self, base: Base, results: list[list], docs: list[DocKey], old: bytes | GraphFile) -> None:
        self.base, self.results, self.docs, self.old = base, results, docs, old
        self.w = _Indented(_default)
        layout = base.layout
        self.relations = sorted(base.relations)       # the first relation of an old pair is one of them
        self.node_at = _offsets(layout.node_sizes, layout.node_start)
        self.edge_at = _offsets(layout.edge_sizes, layout.edge_start)

    def run(self) -> Update:
        base, results = self.base, self.results
        ids = [res[R_DOC] for res in results]
        if base.docs and ids and ids[0] <= base.docs[-1][0]:
            raise Declined(f"new document {ids[0]!r} sorts before {base.docs[-1][0]!r} of the last build")
        if len(set(ids)) != len(ids):
            raise Declined("two new documents share an id")
        # Work on copies: a merge that declines halfway leaves the base as it was.
        rs = base.resolve
        self.keys = dict(rs.keys)
        self.counts: dict[int, dict[str, int]] = {}
        self.first: dict[str, dict[str, int]] = {}
        self.people: dict[int, list[tuple]] = {}      # root of a person -> records' (doc, date, tops) added
        self._records()
        node_put, node_drop, renamed, new_types = self._entities()
        edge_put, edge_drop, new_relations = self._edges(renamed)
        layout = base.layout
        node_parts, nodes, node_sizes = self._splice(layout.nodes, layout.node_sizes, self.node_at,
                                                     node_drop, node_put)
        edge_parts, edges, edge_sizes = self._splice(layout.edges, layout.edge_sizes, self.edge_at,
                                                     edge_drop, edge_put)

        # Nothing declined: the base becomes the new one.
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
        base.docs += self.docs
        base.layout = Layout(nodes, node_sizes, edges, edge_sizes)
        for counts, new in ((base.types, new_types), (base.relations, new_relations)):
            for k, n in new.items():
                counts[k] = counts.get(k, 0) + n
        return Update(base, self.old, node_parts, edge_parts, base_changed=bool(results))

    # -- resolve ------------------------------------------------------------------------------

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

    def _records(self) -> None:
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

    def _entities(self) -> tuple[dict[str, bytes], set[int], dict[str, str], Counter]:
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
                    renamed[key] = f"{etype}\0{ent.name}"
            else:
                ent, counts = group_entity(group, in_docs)
                types[ent.type] += 1
            if len(counts) > 1:
                self.counts[r] = counts
            self.keys[r] = (ent.type, ent.name)
            put[f"{ent.type}\0{ent.name}"] = self._text(node_attrs(ent), (("id", f"{ent.type}:{ent.name}"),))
        return put, drop, renamed, types

    def _text(self, d: dict, extra: tuple) -> bytes:
        return self.w.dict(d, 2, extra).encode()

    # -- graph --------------------------------------------------------------------------------

    def _supports(self) -> dict[tuple[str, str, str], list[tuple]]:
        """The new documents' relations, re-pointed as :func:`kg.resolve.resolve_rows` does, by (head, relation, tail)."""
        supports: dict[tuple[str, str, str], list[tuple]] = {}
        i = self.n
        for res in self.results:
            local: dict[tuple[str, str], int] = {}
            for rec in res[R_ENTITIES]:
                r = self.root[i]
                i += 1
                for name in (rec[1], *rec[2]):
                    if local.get((rec[0], name), -1) < r:
                        local[(rec[0], name)] = r
            doc, date = res[R_DOC], res[R_DATE]
            for rel in res[R_RELATIONS]:
                h, t = local.get((rel[0], rel[1])), local.get((rel[3], rel[4]))
                if h is None or t is None:
                    continue
                head, tail = self.keys[h], self.keys[t]
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

    def _edges(self, renamed: dict[str, str]) -> tuple[dict[str, bytes], set[int], Counter]:
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

    def _splice(self, keys: list[str], sizes: list[int], at: list[int], drop: set[int],
                put: dict[str, Any]) -> tuple[list[Any], list[str], list[int]]:
        """A list's new parts (runs of old items, new items), keys and sizes: old items minus ``drop``, plus ``put``."""
        parts: list[Any] = []
        new_keys: list[str] = []
        new_sizes: list[int] = []
        cuts = sorted(drop)
        c = 0

        def run(a: int, b: int) -> None:
            """Old items a..b-1 that stay, as few slices as there are cuts among them."""
            nonlocal c
            while a < b:
                while c < len(cuts) and cuts[c] < a:
                    c += 1
                end = min(b, cuts[c]) if c < len(cuts) else b
                if a < end:
                    parts.append(slice(at[a], at[end - 1] + sizes[end - 1]))
                    new_keys.extend(keys[a:end])
                    new_sizes.extend(sizes[a:end])
                a = end + 1 if end < b else b

        i = 0
        for key in sorted(put):
            p = bisect.bisect_left(keys, key)
            if p > i:
                run(i, p)
                i = p
            if p < len(keys) and keys[p] == key and p not in drop:
                raise Declined(f"{key!r} is both kept and written")     # a bug, not a corpus
            data = put[key]
            parts.append(data)
            new_keys.append(key)
            new_sizes.append(data.stop - data.start if type(data) is slice else len(data))
        run(i, len(keys))
        return parts, new_keys, new_sizes


def _offsets(sizes: list[int], start: int) -> list[int]:
    """Where each item of a list starts: after the one before it and a separator."""
    return list(itertools.accumulate(map(len(_SEP).__add__, sizes[:-1]), initial=start)) if sizes else []


def _index(keys: list[str], key: str) -> int | None:
    p = bisect.bisect_left(keys, key)
    return p if p < len(keys) and keys[p] == key else None

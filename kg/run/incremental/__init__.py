"""Merge onto the last build: new documents join a built graph without merging the rest again.

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

The package, by what it merges: :mod:`.base` (what a build keeps, and when it
can be trusted), :mod:`.nodes` (the entities: resolve's union-find,
continued), :mod:`.edges` (the relations among them), :mod:`.write` (graph.json
written again by copying what did not change); :func:`merge` here runs one
merge: its checks, the entities, the relations, then the two lists spliced.
"""

from __future__ import annotations

import bisect
import itertools
from typing import Any

from kg.export.json import ITEM_SEP, Layout, _default, _Indented, kg_frame
from kg.graph import document_table
from kg.rows import R_DOC
from kg.run.incremental.base import (
    BASE_NAME, Base, Declined, DocKey, base_of_build, base_path, dump_base, load_base, merge_version, save_base,
)
from kg.run.incremental.edges import EdgeMerge
from kg.run.incremental.nodes import NodeMerge
from kg.run.incremental.write import GraphFile, Update

__all__ = ["BASE_NAME", "Base", "Declined", "DocKey", "GraphFile", "Update", "base_of_build", "base_path",
           "dump_base", "load_base", "merge", "merge_version", "save_base"]

_SEP = ITEM_SEP.encode()


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
        self.node_at = _offsets(layout.node_sizes, layout.node_start)
        self.edge_at = _offsets(layout.edge_sizes, layout.edge_start)

    def run(self) -> Update:
        base, results = self.base, self.results
        ids = [res[R_DOC] for res in results]
        if base.docs and ids and ids[0] <= base.docs[-1][0]:
            raise Declined(f"new document {ids[0]!r} sorts before {base.docs[-1][0]!r} of the last build")
        if len(set(ids)) != len(ids):
            raise Declined("two new documents share an id")
        # Entities first (they may decline), then the relations among them.
        entities = NodeMerge(base, results, self.old, self.node_at, self._text)
        entities.records()
        node_put, node_drop, renamed, new_types = entities.entities()
        edge_put, edge_drop, new_relations = EdgeMerge(base, results, self.old, self.edge_at, self._text,
                                                       entities).edges(renamed)
        layout = base.layout
        node_parts, nodes, node_sizes = self._splice(layout.nodes, layout.node_sizes, self.node_at,
                                                     node_drop, node_put)
        edge_parts, edges, edge_sizes = self._splice(layout.edges, layout.edge_sizes, self.edge_at,
                                                     edge_drop, edge_put)

        # Nothing declined: the base becomes the new one.
        entities.update_resolve()
        base.docs += self.docs
        frame = kg_frame(document_table(base.docs))
        base.layout = Layout(nodes, node_sizes, edges, edge_sizes, len(frame[0].encode()))
        for counts, new in ((base.types, new_types), (base.relations, new_relations)):
            for k, n in new.items():
                counts[k] = counts.get(k, 0) + n
        return Update(base, self.old, node_parts, edge_parts, frame, base_changed=bool(results))

    def _text(self, d: dict, extra: tuple) -> bytes:
        return self.w.dict(d, 2, extra).encode()

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

"""The merged graph.json, written by copying the runs of the old file that did not change."""

from __future__ import annotations

import mmap
import os
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.export._atomic import atomic_open
from kg.export.json import write_parts
from kg.run.incremental.base import GRAPH_NAME, Base, dump_base, save_base
from kg.run.outdir import write_manifest


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
    frame: tuple[str, str, str]     # the text around the two lists (kg.export.json.kg_frame)
    base_changed: bool = True       # False: no new documents, graph.json and base stay as they are

    @property
    def counts(self) -> tuple[Counter, Counter]:
        """Nodes by entity type and edges by relation (as :func:`kg.cli.graph_counts` gives them)."""
        return Counter(self.base.types), Counter(self.base.relations)

    def write(self, out_dir: str | os.PathLike) -> None:
        """Write graph.json into ``out_dir`` (atomically), the manifest naming it, then the new base.

        Nothing when nothing is new.
        """
        if not self.base_changed:
            if isinstance(self.old, GraphFile):
                self.old.close()
            return
        with ThreadPoolExecutor(1) as pool:
            # The base is serialized while graph.json is written: most of that is waiting for the disk.
            written = pool.submit(self._write_graph, Path(out_dir) / GRAPH_NAME)
            data = dump_base(self.base)
            try:
                graph = written.result()
            finally:
                if isinstance(self.old, GraphFile):
                    self.old.close()
        write_manifest(out_dir, {GRAPH_NAME: graph})
        save_base(out_dir, data, graph)

    def _write_graph(self, path: Path) -> os.stat_result:
        """Write graph.json; returns its status as written."""
        layout = self.base.layout
        with atomic_open(path, "wb") as fh:
            copy = _Copier(self.old, fh)
            starts = write_parts(fh, self.frame, self.node_parts, self.edge_parts, copy)
            fh.flush()
            st = os.fstat(fh.fileno())
            if starts != (layout.node_start, layout.edge_start) or fh.tell() != st.st_size:
                raise AssertionError(f"graph.json written with lists at {starts}, not where its base says")
        return st


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

"""What a build keeps to merge onto: the :class:`Base` and its file, and when it can be trusted."""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kg
from kg.export._atomic import atomic_open
from kg.export.json import Layout
from kg.resolve import ResolveState
from kg.run.cache import CACHE_DIR, pipeline_version

logger = logging.getLogger(__name__)

BASE_NAME = "graph-base.marshal"
GRAPH_NAME = "graph.json"
BASE_FORMAT = 3
# The files whose contents decide what a merge gives, besides extraction's (pipeline_version),
# relative to kg/: these, and every module of these packages.
_MERGE_CODE = ("graph.py", "export/json.py", "data/rule_confidence.csv")
_MERGE_PACKAGES = ("resolve", "run/incremental")

# A document as the base knows it: (id, date, title, cache key, source address or "").
DocKey = tuple[str, "str | None", str, str, str]


def merge_version() -> str:
    """A hash of what a merge depends on: extraction's version and the code that resolves and writes."""
    root = Path(kg.__file__).parent
    h = hashlib.sha256(f"base {BASE_FORMAT}\n{pipeline_version()}\n".encode())
    package = sorted(p.relative_to(root).as_posix() for folder in _MERGE_PACKAGES for p in (root / folder).glob("*.py"))
    for name in (*_MERGE_CODE, *package):
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


def _stamp(st: os.stat_result) -> bytes:
    """Which graph.json a base is for: its size and modification time."""
    return f"{st.st_size}:{st.st_mtime_ns}".encode()


def base_path(out_dir: str | os.PathLike) -> Path:
    return Path(out_dir) / CACHE_DIR / BASE_NAME


# The base file: one line saying which graph.json it is for (its stamp: size and modification
# time, as the build wrote it) and the CRC-32 of the rest, then the Base as plain values in
# marshal's format: fast to read and write, and unlike a pickle, a file that is not kg's cannot
# run code when read. A stale base is told from its first line, without reading the rest; a
# damaged one from its checksum (marshal reads most damage as other values, not as an error).
_MAGIC = b"kg-base "


def _plain(base: Base) -> tuple:
    rs, lay = base.resolve, base.layout
    return (BASE_FORMAT, base.version, base.docs, (rs.records, rs.first, rs.people, rs.keys, rs.counts),
            (lay.nodes, lay.node_sizes, lay.edges, lay.edge_sizes, lay.head),
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
            stamp, _, crc = fh.readline().rstrip(b"\n").rpartition(b" ")
            if stamp != _MAGIC + _stamp(os.stat(Path(out_dir) / GRAPH_NAME)):
                logger.info("graph.json changed since its merge base was kept: full merge")
                return None
            data = fh.read()
        if crc != b"%08x" % zlib.crc32(data):
            logger.info("merge base %s is damaged (its checksum differs): full merge", path)
            return None
        base = _from_plain(marshal.loads(data))    # load(fh) reads in small pieces: 4x slower
        if base is None or base.version != merge_version():
            logger.info("merge base %s is of another kg version: full merge", path)
            return None
    except Exception as err:        # unreadable, truncated, from an older kg: it is only a shortcut
        logger.info("merge base %s unreadable (%s): full merge", path, err)
        return None
    return base


def save_base(out_dir: str | os.PathLike, base: Base | bytes, graph: os.stat_result) -> None:
    """Keep ``base`` (or :func:`dump_base` of it) for the graph.json just written into ``out_dir``, atomically.

    Args:
        graph: the status of that graph.json as this build wrote it (not as it is on disk
            now: another writer may have replaced it since, and the base must not vouch for that one).
    """
    data = base if isinstance(base, bytes) else dump_base(base)
    # No fsync: a base a crash truncated fails its checksum, and the next build merges in full.
    with atomic_open(base_path(out_dir), "wb", durable=False) as fh:
        fh.write(_MAGIC + _stamp(graph) + b" %08x\n" % zlib.crc32(data))
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

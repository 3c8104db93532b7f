"""Stage 7, export: one module per format, and a name -> writer registry.

Writers take ``(G, path)``, never mutate ``G`` and write atomically. A format
the user names may write several files: ``gexf`` writes ``graph.gexf`` and
``graph-timeline.gexf``, ``csv`` writes ``nodes.csv`` and ``edges.csv``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KGError

if TYPE_CHECKING:       # not needed to import kg.export.json (kg.run.incremental writes graph.json without it)
    import networkx as nx

__all__ = ["FORMATS", "GROUPS", "CHOICES", "DEFAULT_FORMATS", "CONVERT_FORMATS",
           "get_writer", "parse_formats", "export", "convert"]

Writer = Callable[["nx.MultiDiGraph", "str | os.PathLike"], None]

# one file each: name -> (module, function, file name)
FORMATS: dict[str, tuple[str, str, str]] = {
    "json": ("kg.export.json", "write_json", "graph.json"),
    "graphml": ("kg.export.graphml", "write_graphml", "graph.graphml"),
    "gexf": ("kg.export.gexf", "write_gexf", "graph.gexf"),
    "gexf-timeline": ("kg.export.gexf", "write_gexf_timeline", "graph-timeline.gexf"),
    "csv-nodes": ("kg.export.csv", "write_nodes_csv", "nodes.csv"),
    "csv-edges": ("kg.export.csv", "write_edges_csv", "edges.csv"),
    "html": ("kg.export.html", "write_html", "graph.html"),
}
# a name the user gives -> the FORMATS it writes
GROUPS: dict[str, tuple[str, ...]] = {
    "json": ("json",),
    "graphml": ("graphml",),
    "gexf": ("gexf", "gexf-timeline"),
    "csv": ("csv-nodes", "csv-edges"),
    "html": ("html",),
}
CHOICES = tuple(GROUPS)
DEFAULT_FORMATS = ("json", "graphml", "html")
CONVERT_FORMATS = ("graphml", "gexf", "csv")


def get_writer(fmt: str) -> Writer:
    """The writer of a format name; raises with the valid names otherwise."""
    import importlib

    try:
        module, func, _ = FORMATS[fmt]
    except KeyError:
        raise KGError(f"unknown format {fmt!r}: choose from {', '.join(sorted(FORMATS))}") from None
    return getattr(importlib.import_module(module), func)


def parse_formats(spec: str) -> list[str]:
    """``"json,gexf"`` -> ``["json", "gexf"]``, checking every name; duplicates dropped."""
    names: list[str] = []
    for n in (s.strip().lower() for s in spec.split(",")):
        if not n:
            continue
        if n not in GROUPS and n not in FORMATS:
            raise KGError(f"unknown format {n!r} in --format: choose from {', '.join(CHOICES)}")
        if n not in names:
            names.append(n)
    if not names:
        raise KGError(f"--format names no format: choose from {', '.join(CHOICES)}")
    return names


def _files(formats: Iterable[str]) -> list[str]:
    out: list[str] = []
    for fmt in formats:
        for part in GROUPS.get(fmt, (fmt,)):
            if part not in out:
                out.append(part)
    return out


def export(G: nx.MultiDiGraph, out_dir: str | os.PathLike, formats: Iterable[str] = DEFAULT_FORMATS, *,
           options: Mapping[str, Mapping[str, Any]] | None = None) -> list[str]:
    """Write ``G`` in each format into ``out_dir``; returns the paths written.

    Args:
        G: the knowledge graph; not modified.
        out_dir: the folder to write into (created if missing).
        formats: names from :data:`CHOICES` (or single-file names from :data:`FORMATS`).
        options: format name -> keyword arguments of its writer, e.g. ``{"html": {"max_nodes": 500}}``.
    """
    written = []
    options = options or {}
    for part in _files(formats):
        if part not in FORMATS:
            raise KGError(f"unknown format {part!r}: choose from {', '.join(CHOICES)}")
        path = os.path.join(out_dir, FORMATS[part][2])
        get_writer(part)(G, path, **options.get(part, {}))
        written.append(path)
    return written


def convert(graph_json: str | os.PathLike, out_dir: str | os.PathLike | None = None,
            formats: Iterable[str] = CONVERT_FORMATS) -> list[str]:
    """Export an existing ``graph.json`` in other formats without rebuilding it.

    Args:
        graph_json: a file written by :func:`kg.export.json.write_json`.
        out_dir: where to write; by default the folder of ``graph_json``.
        formats: names from :data:`CHOICES`.

    Returns:
        The paths written.

    Raises:
        GraphFileError: ``graph_json`` is missing or is not a kg graph.
    """
    from kg.export.json import read_json

    src = Path(graph_json)
    G = read_json(src)
    target = Path(out_dir) if out_dir is not None else src.parent
    parts = _files(formats)
    if "json" in parts and (target / FORMATS["json"][2]).resolve() == src.resolve():
        parts.remove("json")  # already there: it is the input
    return export(G, target, parts)

"""Stage 7, export: one module per format, and a name -> writer registry.

Writers take ``(G, path)``, never mutate ``G`` and write atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from kg.errors import KGError

Writer = Callable[[nx.MultiDiGraph, "str | os.PathLike"], None]

# format name -> (module, function, file name)
FORMATS: dict[str, tuple[str, str, str]] = {
    "json": ("kg.export.json", "write_json", "graph.json"),
    "graphml": ("kg.export.graphml", "write_graphml", "graph.graphml"),
    "html": ("kg.export.html", "write_html", "graph.html"),
}
DEFAULT_FORMATS = ("json", "graphml", "html")


def get_writer(fmt: str) -> Writer:
    """The writer of a format name; raises with the valid names otherwise."""
    import importlib

    try:
        module, func, _ = FORMATS[fmt]
    except KeyError:
        raise KGError(f"unknown format {fmt!r}: choose from {', '.join(sorted(FORMATS))}") from None
    return getattr(importlib.import_module(module), func)


def parse_formats(spec: str) -> list[str]:
    """``"json,graphml"`` -> ``["json", "graphml"]``, checking every name."""
    names = [s.strip().lower() for s in spec.split(",") if s.strip()]
    for n in names:
        if n not in FORMATS:
            raise KGError(f"unknown format {n!r} in --format: choose from {', '.join(sorted(FORMATS))}")
    return names


def export(G: nx.MultiDiGraph, out_dir: str | os.PathLike, formats=DEFAULT_FORMATS, *,
           options: Mapping[str, Mapping[str, Any]] | None = None) -> list[str]:
    """Write ``G`` in each format into ``out_dir``; returns the paths written.

    ``options`` maps a format name to keyword arguments of its writer,
    e.g. ``{"html": {"max_nodes": 500}}``.
    """
    written = []
    options = options or {}
    for fmt in formats:
        path = os.path.join(out_dir, FORMATS[fmt][2])
        get_writer(fmt)(G, path, **options.get(fmt, {}))
        written.append(path)
    return written

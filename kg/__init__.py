"""kg: knowledge graphs of who governs where, and what is tied to them, from Chinese news.

Public API: :func:`build_graph`, :func:`make_nlp`, :func:`extract`.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["build_graph", "make_nlp", "extract", "__version__"]


def __getattr__(name: str):
    # Lazy: importing kg must stay cheap (the CLI imports it for --help).
    if name == "make_nlp":
        from kg.nlp.pipeline import make_nlp
        return make_nlp
    if name == "build_graph":
        from kg.run.build import build_graph
        return build_graph
    if name == "extract":
        from kg.nlp.extract import extract
        return extract
    raise AttributeError(name)

"""The workflow: read -> extract (segment, recognize, relate) -> resolve -> graph.

``extract`` is a pure function of a document, so documents can be processed in
any order, in worker processes, or from a cache; results are merged in document
id order so the graph does not depend on how the work was scheduled.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.graph import to_graph
from kg.io import Problem, read_documents
from kg.resolve import resolve
from kg.schema import DocResult, Document

logger = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did, for the CLI summary and exit code."""

    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    characters: int = 0


def extract_all(docs: Iterable[Document], *, progress: Callable[[Document], None] | None = None) -> list[DocResult]:
    """Run extraction on each document in this process."""
    from kg.extract import extract

    results = []
    for doc in docs:
        results.append(extract(doc))
        if progress:
            progress(doc)
    return results


def build_graph(inputs: Iterable[str | os.PathLike] | Iterable[Document], *,
                encoding: str | None = None, date: str | None = None,
                report: BuildReport | None = None,
                progress: Callable[[Document], None] | None = None) -> nx.MultiDiGraph:
    """Build the knowledge graph of documents or of the files under paths.

    Args:
        inputs: paths (files, folders) or :class:`Document` objects.
        encoding: force an input encoding.
        date: the date of documents that state none (ISO ``YYYY-MM-DD``).
        report: filled in with counts and skipped files.
        progress: called once per processed document.

    Returns:
        A ``MultiDiGraph`` following ``shared/eval/SCHEMA.md``.
    """
    import time

    report = report if report is not None else BuildReport()
    t0 = time.perf_counter()
    items = list(inputs)
    if items and all(isinstance(i, Document) for i in items):
        docs: Iterable[Document] = items
    else:
        docs = read_documents(items, encoding=encoding, date=date, on_problem=report.problems.append)

    def counted(ds: Iterable[Document]):
        for d in ds:
            report.documents += 1
            report.characters += len(d.text)
            yield d

    results = extract_all(counted(docs), progress=progress)
    results.sort(key=lambda r: r.doc_id)
    entities, relations = resolve(results)
    G = to_graph(entities, relations)
    report.seconds = time.perf_counter() - t0
    return G

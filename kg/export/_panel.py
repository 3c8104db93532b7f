"""Stage 7, export: what the explorer's side panel and filters read, in plain, checked data.

The graph's attributes come from builds of several ages: careers may be a
``career`` list or only the older ``position_details``, documents may be
described in ``G.graph["documents"]`` or known by id alone, edges may lack
``confidence``. The page gets one shape whatever the graph had, so its script
never guesses. Nothing here is HTML: the script inserts every string as text.
"""

from __future__ import annotations

import math
import re
from typing import Any

import networkx as nx

from kg.schema import (
    A_CAREER, A_DOCS, A_POSITION_DETAILS, A_START, E_CONFIDENCE, E_DOC, E_DOCS, E_EVIDENCE, E_EVIDENCES, E_WEIGHT,
)

__all__ = ["G_DOCUMENTS", "DocumentTable", "career_rows", "confidence", "edge_docs", "evidences", "iso_date",
           "web_url"]

G_DOCUMENTS = "documents"    # the graph's table of documents: id -> {"title", "date", "url"} (kg.graph)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def iso_date(value: Any) -> str:
    """``value`` if it is an ISO date (``YYYY-MM-DD``, a time after it dropped), else ``""``."""
    text = str(value or "")[:10]
    return text if _ISO_DATE.fullmatch(text) else ""


def web_url(value: Any) -> str:
    """``value`` if it is an http(s) address, else ``""``: the page links to nothing else
    (no ``javascript:``, ``data:`` or ``file:`` link can come in through a document's url)."""
    text = str(value or "").strip()
    return text if _WEB_URL.fullmatch(text) else ""


class DocumentTable:
    """The documents a page refers to, by integer index, each with its title, date and address.

    Indices keep a large page small (a document id is written once, not on every
    edge) and give the document filter its order: by date, undated last, then id.
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        described = G.graph.get(G_DOCUMENTS)
        described = described if isinstance(described, dict) else {}
        ids = {str(k) for k in described}
        for _, d in G.nodes(data=True):
            ids.update(str(x) for x in d.get(A_DOCS) or ())
        for _, _, d in G.edges(data=True):
            ids.update(str(x) for x in _edge_docs(d))
        rows = []
        for doc in ids:
            meta = described.get(doc)
            meta = meta if isinstance(meta, dict) else {}
            rows.append({"id": doc, "title": str(meta.get("title") or ""), "date": iso_date(meta.get("date")),
                         "url": web_url(meta.get("url"))})
        _infer_dates(G, rows)
        rows.sort(key=lambda r: (r["date"] == "", r["date"], r["id"]))
        self.rows = rows
        self.index = {r["id"]: i for i, r in enumerate(rows)}

    def refs(self, docs: Any) -> list[int]:
        """The indices of document ids, in their order, unknown ones skipped."""
        return [self.index[str(x)] for x in docs or () if str(x) in self.index]

    def dates(self, refs: list[int]) -> list[str]:
        """The distinct dates of documents, sorted."""
        return sorted({self.rows[i]["date"] for i in refs} - {""})


def _infer_dates(G: nx.MultiDiGraph, rows: list[dict]) -> None:
    """Dates of documents the graph does not describe (a build before ``documents``): an edge
    or a node known from that one document carries its date as ``start``."""
    undated = {r["id"]: r for r in rows if not r["date"]}
    if not undated:
        return
    for d in (*(d for _, d in G.nodes(data=True)), *(d for _, _, d in G.edges(data=True))):
        docs = _edge_docs(d)
        if len(docs) == 1 and str(docs[0]) in undated and iso_date(d.get(A_START)):
            undated.pop(str(docs[0]))["date"] = iso_date(d.get(A_START))
            if not undated:
                return


def _edge_docs(d: dict) -> list:
    return list(d.get(E_DOCS) or ()) or ([d[E_DOC]] if d.get(E_DOC) else [])


def edge_docs(d: dict, table: DocumentTable) -> list[int]:
    """An edge's documents as table indices (``docs``, else its one ``doc``)."""
    return table.refs(_edge_docs(d))


def evidences(d: dict, table: DocumentTable) -> tuple[list[str], list[int | None]]:
    """An edge's evidence sentences, and the document of each where the graph says which.

    The graph keeps distinct documents and distinct sentences in (document,
    sentence) order, not which sentence came from which document. That is known
    for the first sentence (``doc``), for all of them when the edge has one
    document, and when every support has its own document and its own sentence
    (weight = documents = sentences); elsewhere the panel lists the edge's documents.
    """
    texts = [str(e) for e in d.get(E_EVIDENCES) or ()] or ([str(d[E_EVIDENCE])] if d.get(E_EVIDENCE) else [])
    docs = _edge_docs(d)
    sources: list[Any] = [None] * len(texts)
    if len(docs) == 1:
        sources = [docs[0]] * len(texts)
    elif docs and len(docs) == len(texts) == d.get(E_WEIGHT):
        sources = list(docs)
    elif texts and d.get(E_DOC) and str(d.get(E_EVIDENCE) or texts[0]) == texts[0]:
        sources[0] = d[E_DOC]
    index = table.index
    return texts, [index.get(str(s)) if s is not None else None for s in sources]


def confidence(d: dict) -> float:
    """An edge's confidence, 1 where the graph has none (a build before confidences)."""
    value = d.get(E_CONFIDENCE)
    try:
        value = float(value)
    except (TypeError, ValueError):
        return 1.0
    return min(1.0, max(0.0, value)) if math.isfinite(value) else 1.0


def career_rows(G: nx.MultiDiGraph, attrs: dict, index: dict, table: DocumentTable) -> list[dict[str, Any]]:
    """An official's positions in time order, one row per unit and title, for the career table.

    Reads ``career`` where the build wrote it, else gathers ``position_details``
    (one entry per document) into rows with their first and last dates.
    ``unit`` is the unit's node as a page index (None when not in this graph).
    """
    career = attrs.get(A_CAREER)
    if isinstance(career, list) and career:
        rows = [_row(G, p, index, table) for p in career if isinstance(p, dict)]
    else:
        rows = _rows_from_details(G, attrs, index, table)
    return sorted(rows, key=lambda r: (r["start"] == "", r["start"], r["end"] == "", r["end"]))


def _row(G: nx.MultiDiGraph, p: dict, index: dict, table: DocumentTable) -> dict[str, Any]:
    unit_id = p.get("unit_id") or ""
    if unit_id not in index:
        unit_id = _unit_node(G, p)
    return {"unitName": str(p.get("unit") or ""), "unit": index.get(unit_id), "role": str(p.get("role") or ""),
            "title": str(p.get("title") or ""), "top": bool(p.get("top")), "start": iso_date(p.get("start")),
            "end": iso_date(p.get("end")), "docs": table.refs(p.get("docs")),
            "evidence": str(p.get("evidence") or "")}


def _unit_node(G: nx.MultiDiGraph, p: dict) -> str:
    """The node of a position's unit: ``unit_type:unit`` when that is a node of ``G``."""
    name, kind = str(p.get("unit") or ""), str(p.get("unit_type") or "")
    for candidate in ([f"{kind}:{name}"] if kind else [f"region:{name}", f"organization:{name}"]):
        if name and candidate in G:
            return candidate
    return ""


def _rows_from_details(G: nx.MultiDiGraph, attrs: dict, index: dict, table: DocumentTable) -> list[dict]:
    details = attrs.get(A_POSITION_DETAILS)
    if not isinstance(details, list):
        return []
    merged: dict[tuple[str, str], dict] = {}
    for p in details:
        if not isinstance(p, dict):
            continue
        key = (str(p.get("unit") or p.get("region") or p.get("org") or ""), str(p.get("title") or ""))
        docs = [p["doc"]] if p.get("doc") else []
        date = iso_date(p.get("date")) or "".join(table.dates(table.refs(docs))[:1])
        row = merged.get(key)
        if row is None:
            merged[key] = _row(G, {**p, "unit": key[0], "start": date, "end": date, "docs": docs}, index, table)
            continue
        if date:
            row["start"] = min(row["start"] or date, date)
            row["end"] = max(row["end"], date)
        row["docs"] += [i for i in table.refs(docs) if i not in row["docs"]]
        row["top"] = row["top"] or bool(p.get("top"))
    return list(merged.values())

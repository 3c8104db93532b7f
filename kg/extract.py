"""Extraction of one document: a pure function of its text, date and id."""

from __future__ import annotations

from kg.nlp.pipeline import shared_nlp
from kg.schema import DocResult, Document, EntityRecord


def extract(document: Document) -> DocResult:
    """Run the pipeline on one document and return its entities and relations."""
    doc = shared_nlp()(document.text)
    ents: dict[tuple[str, str], EntityRecord] = {}
    for span in doc.ents:
        key = (span.label_.lower(), span.kb_id_ or span.text)
        ents[key] = EntityRecord(key[0], key[1], (span.text,))
    return DocResult(document.id, document.date, tuple(ents.values()),
                     tuple(doc._.kg_relations or ()), document.title)

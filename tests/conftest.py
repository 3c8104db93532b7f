"""Shared fixtures: one spaCy pipeline per session, and where the dev corpus lives."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import make_nlp

    return make_nlp()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return ROOT / "examples"


def relations_of(text: str) -> set[tuple[str, str, str]]:
    """(head name, relation, tail name) of one text, through the public extract()."""
    from kg.nlp.extract import extract
    from kg.schema import Document

    res = extract(Document(id="t.txt", text=text))
    return {(r.head[1], r.relation, r.tail[1]) for r in res.relations}


def entities_of(text: str) -> set[tuple[str, str]]:
    from kg.nlp.extract import extract
    from kg.schema import Document

    res = extract(Document(id="t.txt", text=text))
    return {(e.type, e.name) for e in res.entities}

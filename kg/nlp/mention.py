"""Character-level mentions and positions shared by the kg components.

kg recognizes on characters, not jieba tokens, so that an entity boundary never
depends on where jieba cut; the entity component aligns tokens to these spans
at the end.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from spacy.attrs import IDX
from spacy.tokens import Doc

from kg.nlp.gazetteer import Region
from kg.nlp.layout import sentences


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity in the text (slots: a few hundred are made per document, and
    building one without an instance dict costs half as much)."""

    start: int
    end: int
    label: str                 # entity type (kg.schema)
    name: str                  # canonical name
    rule: str                  # the rule that found it
    aliases: tuple[str, ...] = ()
    region: Region | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    # attrs["nested"], copied by the entity component once overlaps are settled: later stages ask
    # about ~1,000 times per document, and a slot is read without a dict method call.
    nested: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.label, self.name)


@dataclass
class Position:
    """One post of an official, parsed from a title chain."""

    official: str
    title: str                 # the segment as written: 江北区委书记
    role: str                  # 书记, 副区长, 主任 ...
    rank: str                  # top, deputy, member
    body: str                  # 委, 党工委, 政府, 党组 ... ("" when none)
    unit: Mention | None       # the region or organization the post belongs to
    governs: bool              # top post of a governing body of a region
    start: int
    end: int
    evidence: str
    line: bool                 # from a speaker's title line (vs running text)


@dataclass
class Section:
    """A stretch of text about one subject: a speech, or an article about a region."""

    start: int
    end: int
    subject: Mention | None
    speaker: str = ""
    title_start: int = -1
    title_end: int = -1
    visit: bool = False        # a report of an official's visit (某某到X调研): its places hold the paragraphs
    stop: Mention | None = None     # the one place a visit goes to (某某到永胜县调研), if one


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, read once per Doc.

    ``Doc.text`` joins every token on each access; splitting tokens at mention
    boundaries never changes the text, so one copy serves every component.
    """
    cached = doc.user_data.get("kg_text")
    if cached is None:
        cached = doc.user_data["kg_text"] = doc.text
    return cached


def word_starts(doc: Doc) -> tuple[list[int], frozenset[int]]:
    """Where jieba's words start, in order, and those starts with the text's end as a set: read
    once per Doc for the components that ask (the titles, then the entities), until the tokens
    change (their count is the key)."""
    cached = doc.user_data.get("kg_word_starts")
    if cached is None or cached[0] != len(doc):
        starts = doc.to_array([IDX]).tolist()
        cached = doc.user_data["kg_word_starts"] = (len(doc), starts, frozenset(starts) | {len(doc_text(doc))})
    return cached[1], cached[2]


def doc_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans of ``doc`` (:func:`kg.nlp.layout.sentences`), computed once per Doc."""
    cached = doc.user_data.get("kg_sentences")
    if cached is None:
        cached = doc.user_data["kg_sentences"] = sentences(doc_text(doc))
    return cached


_first = itemgetter(0)          # a sort key: a tuple's first item


def containers(tops: dict[tuple[int, int], Mention]) -> tuple[list[int], list[tuple[int, int, Mention]], int]:
    """``tops`` (mentions by span) sorted by start, each with its place among them, and the
    longest span: an index for :func:`outer_of`."""
    order = [(t.start, i, t) for i, t in enumerate(tops.values())]
    # By start alone: the sort is stable, so mentions starting together keep their places (i), and
    # mentions settled in text order (most) cost one pass; no generator asks first whether to sort.
    order.sort(key=_first)
    return [x[0] for x in order], order, max([t.end - t.start for t in tops.values()], default=0)


def outer_of(index: tuple[list[int], list[tuple[int, int, Mention]], int], m: Mention) -> Mention | None:
    """The first of the indexed mentions (in their order) whose span holds ``m``'s, as a scan of
    them all finds it: only those that start within the longest span's length before ``m``
    ends can hold it, so only those are looked at."""
    starts, order, longest = index
    found = None
    for _, i, t in order[bisect_left(starts, m.end - longest):bisect_right(starts, m.start)]:
        if m.end <= t.end and t is not m and (found is None or i < found[0]):
            found = (i, t)
    return found[1] if found is not None else None


def _register() -> None:
    for name, default in (("kg_mentions", None), ("kg_positions", None), ("kg_sections", None),
                          ("kg_relations", None), ("kg_context", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


_register()

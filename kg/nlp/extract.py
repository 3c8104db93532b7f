"""Extraction of one document: a pure function of its text, id and date.

Layout is normalized first (paragraphs cut by the newspaper are joined), then
the spaCy pipeline recognizes and relates; the mentions are folded into one
:class:`~kg.schema.EntityRecord` per entity of the document, with the other
names that name it on their own as aliases (:mod:`kg.nlp.aliases`).
A document longer than one spaCy call takes is read in pieces cut at paragraph
ends (:func:`pieces`), whose results are folded into one (:func:`join_pieces`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from kg.nlp.aliases import is_alias
from kg.nlp.components.entities import MENTIONS_ONLY
from kg.nlp.gazetteer import gazetteer
from kg.nlp.layout import normalize
from kg.nlp.mention import Mention, Position, doc_text
from kg.nlp.names import unquote
from kg.nlp.pipeline import shared_nlp
from kg.schema import (
    A_ADCODE, A_INVESTMENT, A_LEVEL, A_PARENT, A_POSITION_DETAILS, A_POSITIONS, A_STAGES,
    OFFICIAL, ORGANIZATION, REGION, DocResult, Document, EntityRecord,
    RelationRecord,
)


# Characters one spaCy call reads at most: spaCy refuses texts over 1,000,000 (``nlp.max_length``),
# and a speech or an article is far shorter; a longer document (a whole year of a gazette in one
# file) is read in pieces of at most this size.
PIECE_CHARS = 200_000
# Where a piece may end, best first: a paragraph, a line, a sentence.
_PIECE_ENDS = (("\n\n",), ("\n",), ("。", "！", "？", "；"))


def extract(document: Document) -> DocResult:
    """Run the pipeline on one document and return its entities and relations.

    A traditional text is simplified for recognition (綦江區 and 綦江区 are one
    region); the conversion keeps offsets, so evidence is cut from the original.
    """
    from kg.read.textnorm import for_recognition

    original = normalize(document.text)
    text = for_recognition(original)
    results = []
    for start, end in pieces(text):
        piece, piece_original = text[start:end], original[start:end]
        nlp = shared_nlp()
        doc = nlp.make_doc(piece)
        doc.user_data[MENTIONS_ONLY] = True       # no doc.ents: the result is made of the mentions
        result = from_doc(nlp(doc), document)
        if piece != piece_original:
            result = _with_original_evidence(result, piece, piece_original)
        results.append(result)
    return results[0] if len(results) == 1 else join_pieces(results)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces a text is read in: one, unless it is longer than ``limit``.

    Each piece but the last ends a paragraph, else a line, else a sentence, in
    its second half (so no piece is needlessly short); a text with none of them
    there is cut at ``limit``. A speech's heading and its body are in one piece
    unless the speech itself is longer than a piece.
    """
    spans = []
    start = 0
    while len(text) - start > limit:
        cut = start + limit
        for ends in _PIECE_ENDS:
            end = max(text.rfind(e, start + limit // 2, start + limit) + len(e) for e in ends)
            if end > start + limit // 2:
                cut = end
                break
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def join_pieces(results: list[DocResult]) -> DocResult:
    """The result of a document read in pieces: as one piece would give it.

    Entities are folded by (type, name): forms and list attributes joined, mentions
    added up, other attributes as the first piece has them. A relation is kept once,
    with the evidence of the first piece that states it (as within one piece).
    """
    entities: dict[tuple[str, str], EntityRecord] = {}
    for e in (e for r in results for e in r.entities):
        seen = entities.get(e.key)
        if seen is None:
            entities[e.key] = replace(e, attrs=dict(e.attrs))
            continue
        attrs = seen.attrs
        for k, v in e.attrs.items():
            if k not in attrs:
                attrs[k] = v
            elif isinstance(v, list):
                attrs[k] = attrs[k] + [x for x in v if x not in attrs[k]]
        entities[e.key] = replace(seen, aliases=tuple(sorted({*seen.aliases, *e.aliases})),
                                  mentions=seen.mentions + e.mentions)
    relations: dict[tuple, RelationRecord] = {}
    for r in (r for res in results for r in res.relations):
        relations.setdefault((r.head, r.relation, r.tail), r)
    return replace(results[0], entities=tuple(entities[k] for k in sorted(entities)),
                   relations=tuple(relations.values()))


def _with_original_evidence(result: DocResult, text: str, original: str) -> DocResult:
    def back(evidence: str) -> str:
        i = text.find(evidence)
        return original[i:i + len(evidence)] if i >= 0 else evidence

    rels = tuple(replace(r, evidence=back(r.evidence)) for r in result.relations)
    ents = tuple(replace(e, attrs={**e.attrs, A_POSITION_DETAILS: [{**p, "evidence": back(p["evidence"])}
                                                                   for p in e.attrs[A_POSITION_DETAILS]]})
                 if e.attrs.get(A_POSITION_DETAILS) else e for e in result.entities)
    return replace(result, entities=ents, relations=rels)


def from_doc(doc, document: Document) -> DocResult:
    """Fold a processed ``Doc`` into a :class:`DocResult`."""
    ext = doc._                      # one accessor for the four extensions
    mentions: list[Mention] = ext.kg_mentions or []
    found_relations = ext.kg_relations or ()
    found_positions = ext.kg_positions or ()
    used = {k for r in found_relations for k in (r.head, r.tail)}
    confirmed_regions = {(m.label, m.name) for m in mentions if m.label == REGION and not m.nested}
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        key = (m.label, m.name)          # m.key, without a property call per mention
        # A nested mention counts when a relation names it, or (a region) when the text names it alone:
        # not 浙江 inside 浙江海港集团, nor 浙江中医药大学 inside 浙江中医药大学松阳研究院.
        if m.nested and key not in used and (m.label != REGION or key not in confirmed_regions):
            continue
        groups[key].append(m)
    for p in found_positions:
        if p.unit is not None and p.unit.key not in groups:
            groups[p.unit.key].append(p.unit)
    renamed = _merge_implicit_prefix(groups)
    positions: dict[str, list[Position]] = defaultdict(list)
    for p in found_positions:
        positions[p.official].append(p)
    records = []
    text = doc_text(doc)
    year = _year(document.date)
    for (etype, name), ms in sorted(groups.items()):
        if len(ms) == 1 and not ms[0].aliases and not ms[0].attrs.get("not_alias"):
            # Most entities: one mention without aliases of its own, so one form, its text unquoted.
            form = unquote(text[ms[0].start:ms[0].end])
            aliases = (form,) if form and form != name and is_alias(form, name, etype) else ()
        else:
            forms: set[str] = set()
            surfaces: set[str] = set()        # each distinct stretch of text unquoted once
            for m in ms:
                if not m.attrs.get("not_alias"):
                    forms.update(m.aliases)
                    surfaces.add(text[m.start:m.end])
            forms.update(map(unquote, surfaces))
            forms.discard(name)           # often written as named only: nothing left to test
            forms.discard("")
            aliases = sorted(a for a in forms if is_alias(a, name, etype)) if forms else ()
        attrs: dict = {}
        if etype == REGION:
            # (most regions are named once: no generator to find the first with a gazetteer entry)
            r = ms[0].region if len(ms) == 1 else next((m.region for m in ms if m.region is not None), None)
            if r is not None:
                attrs[A_LEVEL] = r.level
                if r.adcode.isdigit():         # not a zone's or village's made-up code
                    attrs[A_ADCODE] = r.adcode
                par = gazetteer().named_at(r.parent, year)
                if par is not None:
                    attrs[A_PARENT] = par.name
        if etype == OFFICIAL:
            ps = positions.get(name, [])
            attrs[A_POSITIONS] = list(dict.fromkeys(p.title for p in ps))
            attrs[A_POSITION_DETAILS] = [
                {"title": p.title, "role": p.role, "top": p.rank == "top", "governs": p.governs,
                 "unit": p.unit.name if p.unit else "", "unit_type": p.unit.label if p.unit else "",
                 "doc": document.id, "date": document.date, "evidence": p.evidence} for p in ps]
        for m in ms:
            found = m.attrs
            if not found:
                continue
            if found.get(A_INVESTMENT) and A_INVESTMENT not in attrs:
                attrs[A_INVESTMENT] = found[A_INVESTMENT]
            if found.get(A_STAGES):
                stages = attrs.setdefault(A_STAGES, [])
                for st in found[A_STAGES]:
                    if st not in stages:
                        stages.append(st)
        records.append(EntityRecord.make(etype, name, tuple(aliases), len(ms), attrs))
    relations = tuple(found_relations)
    if renamed:         # relations name 市商务委 as the text did: it is 重庆市商务委 now, not an alias
        relations = tuple(replace(r, head=renamed.get(r.head, r.head), tail=renamed.get(r.tail, r.tail))
                          for r in relations)
    return DocResult(document.id, document.date, tuple(records), relations, document.title)


def _year(date: str | None) -> int | None:
    """The year of an ISO date, if any."""
    return int(date[:4]) if date and date[:4].isdigit() else None


def _merge_implicit_prefix(groups: dict[tuple[str, str], list[Mention]]) -> dict[tuple[str, str], tuple[str, str]]:
    """市商务委 and 重庆市商务委 in one text are one organization, named in full; so are 组织部
    (named in a title chain after 和平区委常委) and 和平区委组织部. Returns the renames."""
    renamed: dict[tuple[str, str], tuple[str, str]] = {}
    orgs = [k for k in groups if k[0] == ORGANIZATION]
    for key in orgs:
        name = key[1]
        if len(name) < 3:
            continue
        if name[0] in "省市区县":
            full = [k for k in orgs if k != key and k[1].endswith(name[1:]) and len(k[1]) > len(name)
                    and k[1][: -len(name) + 1].endswith(name[0])]
        elif any(m.rule == "title_department" for m in groups[key]):
            full = [k for k in orgs if k != key and k[1].endswith("委" + name)]
        else:
            continue
        if len(full) == 1:
            for m in groups.pop(key):
                m.aliases = (*m.aliases, name)
                m.name = full[0][1]
                groups[full[0]].append(m)
            renamed[key] = full[0]
    return renamed

"""Relate entities: every relation is made by a named rule and carries its evidence.

The rules (the ``rule`` attribute of each edge) are grouped by what they relate,
one module each, where a new rule goes:

- :mod:`.people`: ``governs``, ``serves_in``, ``leads`` (``title_*``: from a parsed title chain);
- :mod:`.places`: ``part_of`` (``part_of_*``);
- :mod:`.things`: ``hosts``, ``develops``, ``implements``, ``partners_with``;
- :mod:`.items`: ``develops`` and ``hosts`` read off the items of a list of signed projects;
- :mod:`.where`: where a thing or a department is, read off names (used by :mod:`.things`).

Who a sentence speaks for (a speech's speaker, an article's region, a region or
organization the sentence opens with) is the discourse stage's (:mod:`kg.nlp.discourse`).
The cue words of the rules are in ``kg/data/triggers.csv``.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.relations import items, people, places, things
from kg.nlp.discourse import article_section, bodiless_speakers
from kg.nlp.report_sections import investor_region, preface_section, visit_section
from kg.nlp.gazetteer import gazetteer
from kg.nlp.mention import Mention, doc_sentences, doc_text
from kg.schema import HOSTS, ORGANIZATION, PART_OF, REGION, RelationRecord


class RelationExtractor:
    """Applies the relation rules to a document's mentions, positions and sections."""

    def __init__(self) -> None:
        # Built with the pipeline (in a fork server, once for all workers).
        gazetteer()
        things.cues()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ext = doc._                 # one accessor: each ``doc._`` builds a new one
        mentions: list[Mention] = list(ext.kg_mentions or [])
        positions = ext.kg_positions or []        # read once: each doc._ access costs a lookup chain
        sents = doc_sentences(doc)
        starts = [s for s, _ in sents]
        # (head, relation, tail, rule, evidence) of each relation found: a record is made only of
        # those that survive :func:`_dedupe` (a frozen dataclass costs more to build than a tuple).
        rels: list[tuple[tuple[str, str], str, tuple[str, str], str, str]] = []

        def sentence(m_start: int) -> tuple[int, int]:
            i = bisect.bisect_right(starts, m_start) - 1
            return sents[i] if i >= 0 else (0, len(text))

        def add(h: Mention, rel: str, t: Mention, rule: str, ev: str) -> None:
            head, tail = h.key, t.key       # each key once: a property that builds a tuple
            if head != tail:
                rels.append((head, rel, tail, rule, ev))

        for p in positions:      # a post: who holds it, and the places its chain names
            if p.unit is None:
                continue
            people.post_relations(p, add)
            places.part_of_title_chain(p, mentions, add)
        places.part_of(text, mentions, doc, sentence, add)
        places.part_of_located(text, mentions, sentence, add)
        sections = list(ext.kg_sections or [])
        if not sections:
            visit = visit_section(text, positions, mentions)      # 省长某某到X、Y两市调研: the visitor's region's
            sections = [visit] if visit is not None else article_section(text, mentions)
            ext.kg_sections = sections
        elif any(sec.subject is None for sec in sections):
            # A speech by someone without office (a company's chairman) is the article's, not the
            # previous official's: its region is the one the whole text is most about.
            whole = article_section(text, mentions)
            # …or the region inside it that the speech names most (阳新 in an investor's speech at 黄石's meeting).
            if whole:
                sections = [replace(sec, subject=investor_region(sec, mentions, whole[0].subject), speaker="")
                            if sec.subject is None else sec for sec in sections]
        if sections and sections[0].speaker and sections[0].start > 0 \
                and (lead := preface_section(text, mentions, sections[0].start)) is not None:
            sections.insert(0, lead)        # 编者按：…英德市召开…推进会 before the first speech
        # Departments in titles (区发展改革委主任 X 介绍…) are not the subjects of their sentences.
        titled = {p.unit.start for p in positions if p.unit is not None and p.unit.label == ORGANIZATION}
        units = bodiless_speakers(text, sections)
        # The region of a speaker's other post (武汉市委常委、政法委书记): a department's region if it names none.
        posts = {}
        for p in positions:
            if p.unit is not None and p.unit.label == REGION:
                posts.setdefault(p.official, p.unit)
        for sec in sections:
            things.section_relations(text, sec, mentions, sents, titled, sentence, add, units, posts.get(sec.speaker))
        things.name_relations(mentions, text, sentence, add)
        things.located_relations(text, mentions, sentence, add)
        things.address_relations(text, mentions, sentence, add)
        items.signed_items(text, mentions, sentence, add)
        ext.kg_relations = _dedupe(rels)
        return doc


# hosts rules that read the place off the sentence (Y落户R, 在R建设Y, an item's 落户R), and those that
# give the speech's or article's region: a thing the text places is not the context's as well.
PLACING_RULES = frozenset({"hosts_located", "hosts_address", "hosts_signed_item"})
CONTEXT_HOSTS = frozenset({"hosts_speaker", "hosts_article", "hosts_report"})


def _dedupe(rels: list[tuple[tuple[str, str], str, tuple[str, str], str, str]]) -> list[RelationRecord]:
    """Each (head, relation, tail) once; no part_of from the speech's context for a region whose
    place the text states.

    Each post of a title chain keeps its relation: ``武义县委副书记、县长 陈晓峰`` serves in
    武义县 as deputy secretary and governs it as county head (SCHEMA: serves_in is any other
    office tied to a region, and the deputy secretary's is one).
    """
    placed = {head for head, rel, _, rule, _ in rels if rel == PART_OF and rule != "part_of_section"}
    located: dict[tuple[str, str], set] = {}
    for head, rel, tail, rule, _ in rels:
        if rel == HOSTS and rule in PLACING_RULES:
            located.setdefault(tail, set()).add(head)
    seen, out = set(), []
    for head, rel, tail, rule, ev in rels:
        if rule == "part_of_section" and head in placed:
            continue          # 包河区大圩镇 said where 大圩镇 is; the article's city is no better
        if rel == HOSTS and tail in located and rule in CONTEXT_HOSTS and head not in located[tail]:
            continue          # Y落户叙州区: the place named, not the speech's city (SCHEMA: "without naming another place")
        k = (head, rel, tail)
        if k not in seen:
            seen.add(k)
            out.append(RelationRecord.make(head, rel, tail, rule, ev.strip()))
    return out


@Language.factory("kg_relations", requires=["doc._.kg_mentions", "doc._.kg_positions"],
                  assigns=["doc._.kg_relations"])
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor()

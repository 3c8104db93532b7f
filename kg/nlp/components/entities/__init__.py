"""Recognize enterprises, organizations, projects and programs; set ``doc.ents``.

One module per entity family finds its mentions on characters (see
:mod:`kg.nlp.names`): :mod:`.organizations`, :mod:`.enterprises`,
:mod:`.trade_names`, :mod:`.projects` (and programs named by a kind word), :mod:`.programs`, and
:mod:`.short_forms` for names declared again in brackets. This component runs
them in order, settles overlaps, and at the end splits the tokens where an
entity boundary falls inside a jieba token, so ``doc.ents`` carries exactly the
recognized spans whatever jieba did. (Regions and officials come before, from
``kg_regions`` and ``kg_titles``.)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.components.entities.enterprises import brands, enterprise_patterns, find_enterprises, listed_companies
from kg.nlp.components.entities.kinds import kind_patterns
from kg.nlp.components.entities.organizations import (
    department_regex, find_organizations, institution_endings, known_organizations,
)
from kg.nlp.components.entities.programs import (
    find_listed_programs, find_quoted, find_strategies, initiative_regex, named_again, strategy_regex,
)
from kg.nlp.components.entities.projects import find_kind_names, find_listed_applications
from kg.nlp.components.entities.short_forms import declared_short_forms
from kg.nlp.components.entities.trade_names import (
    find_trade_names, known_company_mates, trade_name_lists, trade_names_in_context, with_project_owners,
)
from kg.nlp.mention import Mention, doc_text, word_starts
from kg.schema import ENTERPRISE, OFFICIAL, ORGANIZATION, PROGRAM, PROJECT, REGION


class EntityRecognizer:
    """Finds the non-region, non-official entities and writes ``doc.ents``."""

    def __init__(self) -> None:
        # The families' patterns are built with the pipeline (in a fork server, once for all workers).
        for patterns in (kind_patterns, enterprise_patterns, brands, listed_companies, initiative_regex, strategy_regex, department_regex,
                         known_organizations, institution_endings):
            patterns()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        bounds = word_starts(doc)[1]      # jieba's word starts in the text, and its end
        found: list[Mention] = list(doc._.kg_mentions or [])
        found += find_strategies(text)
        found += find_organizations(text, found, bounds)
        found += find_enterprises(text, [m for m in found if m.label == REGION], bounds)
        found += find_listed_programs(text, bounds)      # before kind names: a listed pilot is no project
        found += trade_name_lists(text, bounds)
        found += trade_names_in_context(text, found, bounds)
        found += known_company_mates(text, found, bounds)
        found += find_kind_names(text, bounds, found)
        found += find_listed_applications(text, bounds)
        found += find_quoted(text, found)
        found += named_again(text, found, bounds)
        short, declared = declared_short_forms(text, found)
        if declared:     # （以下简称“小商品城”）: the bracket names no entity of its own
            found = [m for m in found if not any(a <= m.start and m.end <= b for a, b in declared)]
        found += short
        found += find_trade_names(text, found)
        found = with_project_owners(text, found, bounds)
        found = [m for m in found if not (m.label == ORGANIZATION and text[m.end:m.end + 1] == "门")]
        mentions = _settle(found)
        doc._.kg_mentions = mentions
        if not doc.user_data.get(MENTIONS_ONLY):
            set_ents(doc, [m for m in mentions if not m.nested and not m.attrs.get("twin")])
        return doc


# Set in ``doc.user_data`` by a caller that reads the mentions only (kg.nlp.extract): the tokens
# are not split and ``doc.ents`` stays empty; no later component reads either.
MENTIONS_ONLY = "kg_mentions_only"


PRIORITY = {OFFICIAL: 7, REGION: 3, ORGANIZATION: 6, ENTERPRISE: 4, PROJECT: 5, PROGRAM: 5}


def _settle(found: list[Mention]) -> list[Mention]:
    """Resolve overlaps: the longer span wins; nested mentions are kept but marked."""
    # Longest first, then by priority, then by start: two stable sorts on ints, in the order of a
    # sort by ``(-length, -PRIORITY, start)`` (priorities are below 8), without a tuple per mention.
    order = sorted(found, key=attrgetter("start"))
    order.sort(key=lambda m: (m.end - m.start) * 8 + PRIORITY[m.label], reverse=True)
    starts: list[int] = []          # the kept spans, which never overlap, sorted by start
    top: list[Mention] = []
    out: list[Mention] = []
    for m in order:
        k = bisect_left(starts, m.end)
        # The kept spans that overlap m are the last ones starting before its end: none, when the
        # last of those ends by m's start (most mentions), else m is kept only inside exactly one.
        if k == 0 or (c := top[k - 1]).end <= m.start:
            k = bisect_left(starts, m.start)
            starts.insert(k, m.start)
            top.insert(k, m)
            out.append(m)
        elif c.start <= m.start and m.end <= c.end and (k == 1 or top[k - 2].end <= m.start):
            if c.start == m.start and c.end == m.end:
                if m.label == REGION and c.rule == "project_place_list":
                    m.attrs["twin"] = True    # 济南|、青岛算力枢纽: the place names itself and its project
                    out.append(m)
                continue                      # same span found twice
            m.attrs["nested"] = True
            m.attrs["inside"] = c.key
            out.append(m)
        # partial overlaps of a shorter span are dropped
    out.sort(key=attrgetter("start", "end"))
    for m in out:       # the flag as the later stages read it (attrs may be shared between mentions)
        if m.attrs.get("nested"):
            m.nested = True
    return out


def set_ents(doc: Doc, mentions: list[Mention]) -> None:
    """Split tokens at mention boundaries, then set ``doc.ents`` to exactly those spans.

    Only the tokens a boundary falls inside are visited: walking every token
    (each a new Python object) cost more than the whole recognizer.
    """
    cuts = sorted({b for m in mentions for b in (m.start, m.end)})
    if cuts:
        text = doc_text(doc)
        starts = word_starts(doc)[0]
        inner_cuts: dict[int, list[int]] = {}
        for c in cuts:
            i = bisect_right(starts, c) - 1
            if i >= 0 and starts[i] != c:
                inner_cuts.setdefault(i, []).append(c)
        if inner_cuts:
            with doc.retokenize() as retok:
                for i, inner in inner_cuts.items():
                    tok = doc[i]
                    end = tok.idx + len(tok)
                    inner = [c for c in inner if c < end]
                    if not inner:
                        continue
                    bounds = [tok.idx, *inner, end]
                    orths = [text[a:b] for a, b in zip(bounds, bounds[1:])]
                    retok.split(tok, orths, [(tok, 0)] * len(orths))
    # Every mention boundary is now a token boundary: map characters to tokens.
    starts = [*word_starts(doc)[0], len(doc_text(doc))]

    def token_at(c: int) -> int | None:
        k = bisect_left(starts, c)
        return k if k < len(starts) and starts[k] == c else None

    spans = []
    for m in mentions:          # non-overlapping (see _settle), so no filtering is needed
        i, j = token_at(m.start), token_at(m.end)
        if i is not None and j is not None and i < j:
            spans.append(Span(doc, i, j, label=m.label.upper(), kb_id=m.name))
    doc.set_ents(spans, default="outside")


@Language.factory("kg_entities", requires=["doc._.kg_mentions"], assigns=["doc.ents", "doc._.kg_mentions"])
def make_entity_recognizer(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer()

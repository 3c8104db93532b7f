"""Whose a report is, where no speaker's line says: an official's inspection tour (the visitor's
region), a page of speeches' preface (the convening region), an investor's speech (the region it
names most). The relations stage asks here before :func:`kg.nlp.discourse.article_section`.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.nlp.discourse import CONVENES, holds, most_named
from kg.nlp.mention import Mention, Section
from kg.schema import REGION


def preface_section(text: str, mentions: list[Mention], end: int) -> Section | None:
    """The preface of a page of speeches (编者按, the meeting's report), up to the first speech: about
    the region that convened the meeting, else the county, city or province it names most."""
    regions = [m for m in mentions if m.label == REGION and m.region is not None and not m.nested
               and m.end <= end and m.region.level in ("province", "city", "county", "zone")]
    subject = next((m for m in regions if CONVENES.match(text, m.end)), None) \
        or most_named(Counter(m.key for m in regions), regions, 0, end)
    return Section(0, end, subject) if subject is not None else None


def investor_region(sec: Section, mentions: list[Mention], article: Mention) -> Mention:
    """The region a speech by someone without office (a company's chairman) is about: the one
    inside the article's region it names most, at least twice (娲石集团's chairman at 黄石's
    meeting speaks of its lines in 阳新), else the article's region."""
    if article.region is None:
        return article
    counts = Counter(m.key for m in mentions if sec.start <= m.start < sec.end and m.label == REGION
                     and m.region is not None and not m.nested and m.key != article.key
                     and holds(article.region, m.region))
    if not counts or counts.most_common(1)[0][1] < 2:
        return article
    key = counts.most_common(1)[0][0]
    return next(m for m in mentions if m.key == key)


# What a visiting official does, after the name in the headline or the lead: 到X、Y两市调研, 在X考察时强调.
VISIT = re.compile(r"(?:一行|带队|率队)?(?:先后|近日|日前)?(?:(?:到|赴|在|深入|前往|来到)[^。；;！\n]{1,30}?)?"
                   r"(?:调研|考察|视察|走访|督导|检查指导)")
VISIT_LEAD = 400         # how far into the text (headline and lead) a visit is looked for


def visit_section(text: str, positions, mentions: list[Mention] = ()) -> Section | None:
    """Rule visit_report: a report of an official's inspection tour (省长赵明远到郑州、新乡两市调研)
    is about the visitor's region, not about the places visited: the companies and projects of a
    paragraph set in a place (在X经开区，… / 21日，某某来到Y市。) are that place's
    (:func:`local_subjects`), what the visitor calls for (他强调，要深入实施…) the visitor's region's."""
    head = text[:VISIT_LEAD]
    for p in positions:
        u = p.unit
        if u is None or u.label != REGION or u.region is None or u.region.level in ("township", "village") \
                or len(p.official) < 2:
            continue
        i = head.find(p.official)
        while i >= 0:
            if (v := VISIT.match(head, i + len(p.official))) is not None:
                # The one place the visit goes to (市委书记某某到永胜县调研) holds what its paragraphs name.
                stops = {m.key: m for m in mentions if v.start() <= m.start < v.end() and m.label == REGION
                         and not m.nested and m.region is not None and m.key != u.key and holds(u.region, m.region)}
                stop = next(iter(stops.values())) if len(stops) == 1 else None
                return Section(0, len(text), u, visit=True, stop=stop)
            i = head.find(p.official, i + 1)
    return None



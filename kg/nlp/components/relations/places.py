"""Relations of places: part_of.

- ``part_of_prefix``: 杭州市滨江区 → 滨江区 part_of 杭州市; 永川区发展改革委 part_of 永川区.
- ``part_of_zone_name``: 永川综保区 → part_of 永川区 (a zone named after its region).
- ``part_of_title_chain``: 宁波市委常委、鄞州区委书记 → 鄞州区 part_of 宁波市.
- ``part_of_region_list``: the districts a city's meeting lists in its introduction.
- ``part_of_section``: a division named in a speech about its ancestor, or the speech's
  region named with its own ancestor (以桥头镇为例 in 石柱's speech).
- ``part_of_report``: a town whose report is printed in a sibling town's speech, part of their parent.
- ``part_of_ranking``: a section's region ranked within the division above (居全市第二).
- ``part_of_located``: an organization the text places in a region (中国医科大学就在沈阳沈北新区).
- ``part_of_copula``: a region said to be a place of the one above it (锡林郭勒盟是内蒙古自治区重要的…).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from kg.nlp.discourse import CONVENES, holds, within_prefix
from kg.nlp.gazetteer import gazetteer, short_forms
from kg.nlp.lexicon import alternation, grouped
from kg.nlp.mention import Mention, Position
from kg.schema import ORGANIZATION, PART_OF, REGION


def part_of_title_chain(p: Position, mentions: list[Mention] | None, add) -> None:
    """A post's unit is part of the higher regions its title chain names before it."""
    for outer in p.unit.attrs.get("within", []):
        hi = _by_name(mentions, REGION, outer)
        if hi is not None:
            add(p.unit, PART_OF, hi, "part_of_title_chain", p.evidence)


def part_of(text: str, mentions: list[Mention], doc: Doc, sentence, add) -> None:
    """part_of_zone_name, part_of_prefix and part_of_region_list (see the module's docstring)."""
    g = gazetteer()
    regions = [m for m in mentions if m.label == REGION and m.region is not None]
    confirmed = {m.key for m in regions if not m.nested}
    confirmed |= {p.unit.key for p in doc._.kg_positions or [] if p.unit is not None}
    by_end = {m.end: m for m in regions}
    # The regions' starts, to look up those inside an organization's name by bisection where the
    # regions are in text order (the pipeline's are); else each organization scans them all.
    starts: list[int] | None = None         # made at the first organization (many texts have none)
    ordered = False
    for m in mentions:
        if m.label not in (REGION, ORGANIZATION):
            continue
        prev = by_end.get(m.start)
        if m.region is not None and m.region.level == "zone" and (
                m.rule == "region_zone_grammar"
                or m.rule in ("region_gazetteer", "region_local_zone") and _named_after_parent(m, g)):
            base = next((r for r in regions if r.region.adcode == m.region.parent and r.key != m.key
                         and not (r.nested and m.rule == "region_local_zone")), None)
            if base is not None:       # 永川综保区 is 永川区's zone (凭祥综合保税区 of 凭祥市, where the text names it)
                s, e = sentence(m.start)
                add(m, PART_OF, base, "part_of_zone_name", text[s:e])
        if prev is not None and m.label == REGION and within_prefix(m, prev):
            s, e = sentence(m.start)
            add(m, PART_OF, prev, "part_of_prefix", text[s:e])
        elif m.rule in ("region_village_residents", "region_village_listed", "region_village_linked"):
            holder = [r for r in regions if r.end <= m.start and r.region.adcode == m.region.parent]
            if holder:          # 鹤峰乡…。“…”莲花社区村民X说: the township the paragraph is about; 茅台镇A村、B村
                s, e = sentence(m.start)
                rule = {"region_village_residents": "part_of_residents",
                        "region_village_linked": "part_of_village_linked"}.get(m.rule, "part_of_village_list")
                add(m, PART_OF, holder[-1], rule, text[s:e])
        if m.label == ORGANIZATION:
            # An organization named with its region: only a region the text also
            # names on its own (丽水 inside 丽水农林技师学院 alone is not enough), or a
            # division written after its country (泰国尖竹汶府农业商会), which is one by its place.
            if starts is None:
                starts = [r.start for r in regions]
                ordered = all(a <= b for a, b in zip(starts, starts[1:]))
            near = regions[bisect_left(starts, m.start):bisect_right(starts, m.end)] if ordered else regions
            inner = [r for r in near if m.start <= r.start and r.end <= m.end
                     and (r.key in confirmed or r.rule == "region_foreign_division")
                     and r.region.level != "country"]   # 广西越南商会
            if inner and not _opens_with_other_place(text, m, inner[-1], g):
                s, e = sentence(m.start)
                add(m, PART_OF, inner[-1], "part_of_prefix", text[s:e])
    # The districts listed in a meeting's introduction are part of its city.
    ctx = doc._.kg_context or {}
    # The province the text names, else its city (广元市召开…: the province goes unnamed).
    codes = [c for c in (ctx.get("province"), ctx.get("city")) if c]
    anchor = next((a for c in codes if (a := [m for m in regions if m.region.adcode == c
                                               and not m.nested])), [])
    city = _dominant_city(ctx)
    host_city = next((m for m in regions if m.region.adcode == city and not m.nested), None) if city else None
    if host_city is not None:
        # part_of_text_city: a county of the one city the text is about, named beside it (黄石市's
        # meeting names 大冶市's mayor): the text's city is where it belongs, as the division data has it.
        for m in regions:
            if m.region.level == "county" and m.region.parent == city and not m.nested \
                    and m.rule in ("region_gazetteer", "region_short_form"):
                s, e = sentence(m.start)
                add(m, PART_OF, host_city, "part_of_text_city", text[s:e])
    if anchor:
        for m in regions:
            if m.rule in ("region_short_form", "region_gazetteer", "region_zone_grammar") and _in_list(text, m) \
                    and (m.region.level == "city" or not _list_of_cities(text, m.start)):
                near = _nearest_named(g, m, regions)
                host = _convener(text, m, regions) or near or anchor[0]
                if near is not None and near.key != host.key and g.is_within(near.region, host.region):
                    host = near     # 如东县 at the province's meeting, its city 南通市 named too: the city's
                if m.region.adcode != host.region.adcode and (
                        g.is_within(m.region, host.region) or m.region.parent == host.region.adcode):
                    s, e = sentence(m.start)
                    add(m, PART_OF, host, "part_of_region_list", text[s:e])
    if "是" in text or "为" in text or "地处" in text or "位于" in text:
        part_of_copula(text, mentions, sentence, add)


def _opens_with_other_place(text: str, org: Mention, inner: Mention, g) -> bool:
    """Does an organization's name open with a province or city that does not hold the region named
    later in it (广州中医药大学…重庆医院: a Guangzhou body's branch, not one of 重庆's own)?"""
    if inner.start == org.start:
        return False            # most names: the region opens the name
    for n in (2, 3, 4):
        head = text[org.start:org.start + n]
        for c in g.candidates(head):
            if c.level in ("province", "city") and c.adcode != inner.region.adcode \
                    and not g.is_within(inner.region, c):
                return True
    return False


def _dominant_city(ctx: dict) -> str | None:
    """The city a text is about, where it outweighs every other city at least twice (a report on
    one city, not a province's meeting of many)."""
    city = ctx.get("city")
    if not city:
        return None
    g = gazetteer()
    weights = ctx.get("weights", {})
    rest = max((w for c, w in weights.items() if c != city and (r := g.by_code.get(c)) is not None
                and r.level == "city"), default=0.0)
    return city if weights.get(city, 0.0) >= 2 * rest else None


def _named_after_parent(m: Mention, g) -> bool:
    """Is a listed zone named after the division that holds it (合肥高新区 of 合肥市)?"""
    parent = g.by_code.get(m.region.parent)
    return parent is not None and any(m.name.startswith(f) for f in (parent.name, *short_forms(
        parent.name, parent.level)) if len(f) >= 2)


def _nearest_named(g, m: Mention, regions: list[Mention]) -> Mention | None:
    """The nearest division above ``m`` that the text names on its own (钦南区 in a list of 钦州市's
    meeting: 钦州市, not the province its text also names)."""
    named = {r.region.adcode: r for r in regions if not r.nested}
    return next((named[a.adcode] for a in g.ancestors(m.region) if a.adcode in named), None)




def _convener(text: str, m: Mention, regions: list[Mention]) -> Mention | None:
    """The region before ``m`` in its paragraph said to convene the meeting (永川区召开…), if any:
    its units are the participants, so the list is part of it rather than of the text's province."""
    para = text.rfind("\n", 0, m.start) + 1
    found = [r for r in regions if para <= r.start and r.end <= m.start and not r.nested
             and CONVENES.match(text, r.end)]
    return found[-1] if found else None


def part_of_section(m: Mention, speaker: Mention, chain_start: dict[int, int | None], ev: str, add,
                    mentions: list[Mention] | None = None) -> None:
    """A township named in a speech about the region holding it, a division named in an article about
    its parent (宜阳县 in an article about 洛阳市), or a city holding the speech's region.

    part_of_nearest: a township of a county the text names too, in its city's article, is part of
    that county (麻城市委书记…福田河镇 in an article about 黄冈市), not of the city."""
    if m.label == REGION and m.region and speaker.region and m.key != speaker.key:
        if (holds(speaker.region, m.region) and m.region.level == "township"
                or m.region.parent == speaker.region.adcode) \
                and chain_start.get(id(m)) is None:     # 包河区大圩镇: part of 包河区 only
            if m.region.level == "township" and m.region.parent != speaker.region.adcode and mentions:
                near = next((r for r in mentions if r.label == REGION and r.region is not None
                             and not r.nested and r.region.adcode == m.region.parent), None)
                if near is not None and near.key != speaker.key:
                    add(m, PART_OF, near, "part_of_nearest", ev)
                    return
            add(m, PART_OF, speaker, "part_of_section", ev)     # …, or a county in its city's article
        elif gazetteer().is_within(speaker.region, m.region) and m.region.level in ("city",):
            add(speaker, PART_OF, m, "part_of_section", ev)


def part_of_peer(m: Mention, speaker: Mention, mentions: list[Mention], ev: str, add) -> None:
    """part_of_report: a town whose report a page prints in a sibling town's speech (朱沱镇 in
    南大街街道's) is part of the region the two share, where the text names it."""
    if m.region is None or speaker.label != REGION or speaker.region is None \
            or m.region.parent != speaker.region.parent:
        return
    parent = next((r for r in mentions if r.label == REGION and r.region is not None
                   and r.region.adcode == m.region.parent and not r.nested), None)
    if parent is not None:
        add(m, PART_OF, parent, "part_of_report", ev)


# A rank within the division above: 上榜数量居全市第二, 综合得分排全县第一, 位居全市前列.
RANKING = re.compile(r"(?:居|排|位居|位列|列|排名|排在)(?:全|本)(?P<level>市|州|盟|县|区|旗)"
                     r"(?:第[一二三四五六七八九十\d]+|首位|前列|前茅)")


def part_of_ranking(text: str, start: int, end: int, home: Mention, mentions: list[Mention], sentence,
                    add) -> None:
    """part_of_ranking: a section's region ranked within the division above it (居全市第二 in a county's
    section) is part of that division, where the text names it on its own."""
    if home.label != REGION or home.region is None or home.region.level not in ("county", "township"):
        return
    if (rank := RANKING.search(text, start, end)) is None:
        return
    parent = gazetteer().by_code.get(home.region.parent)
    if parent is None or not parent.name.endswith(rank.group("level")):
        return
    tail = next((r for r in mentions if r.label == REGION and r.region is not None and not r.nested
                 and r.region.adcode == parent.adcode), None)
    if tail is not None:
        s, e = sentence(rank.start())
        add(home, PART_OF, tail, "part_of_ranking", text[s:e])


# The end of a list of prefectures (6个州市, 等市州, 16个地市): a county read in it is a misreading.
CITY_LIST_END = re.compile(r"(?:等?\d*个?|[一二三四五六七八九十]+个)(?:州市|市州|地市)")


def _list_of_cities(text: str, s: int) -> bool:
    tail = text[s:s + 120]
    cut = next((i for i, ch in enumerate(tail) if ch in "。；;\n"), len(tail))
    return CITY_LIST_END.search(tail, 0, cut) is not None


# A list of cities closed by their kind, read from one of its items on (苏州、常州、南通等市; 郑州、新乡两市).
CITIES_FROM = re.compile(r"(?:[\u4e00-\u9fff]{2,3}?市?[、和与及]){0,8}[\u4e00-\u9fff]{2,3}?市?"
                         r"(?:等(?:[\d一二三四五六七八九十两]+个)?|[两二三四五六七八九十\d]+个?)(?:市|城市|地市)(?![场民长委])")


def _in_list(text: str, m: Mention) -> bool:
    from kg.nlp.components.regions import _in_region_list

    before = text[max(0, m.start - 1):m.start]
    # One look at the clause, whichever side of the name the list mark is on (A、B、C: both).
    # A city may also be in a list closed by its kind (苏州、常州、南通等市).
    return (before in ("、", "，", ",", "：", ":", " ") or text[m.end:m.end + 1] == "、") \
        and (_in_region_list(text, m.start)
             or m.region.level == "city" and CITIES_FROM.match(text, m.start) is not None)


def _by_name(mentions, label: str, name: str) -> Mention | None:
    for m in mentions or []:
        if m.label == label and m.name == name:
            return m
    return None


@functools.lru_cache(maxsize=1)
def _located() -> re.Pattern:
    """A cue of ``part_of_located`` (位于, 地处, 就在), right after a name."""
    return re.compile(alternation(grouped("triggers.csv", "rule", "word")["part_of_located"]))


# A region said to be a place of the one after it: 锡林郭勒盟是内蒙古自治区重要的…, 丰满区是吉林市…最集中的区域,
# 如东县地处南通市东部.
COPULA = re.compile(r"(?:是|为|作为|地处|位于)(?:我国|全国)?")


def part_of_copula(text: str, mentions: list[Mention], sentence, add) -> None:
    """part_of_copula: ``X是Y…`` / ``X地处Y…`` with Y a division above X, both named on their own."""
    tops = [m for m in mentions if not m.nested and m.label == REGION and m.region is not None]
    at = {m.start: m for m in tops}
    g = None
    for m in tops:
        cue = COPULA.match(text, m.end)
        outer = at.get(cue.end()) if cue else None
        if outer is None or outer.key == m.key:
            continue
        g = g or gazetteer()
        if outer.region.adcode == m.region.parent or g.is_within(m.region, outer.region):
            s, e = sentence(m.start)
            add(m, PART_OF, outer, "part_of_copula", text[s:e])


def part_of_located(text: str, mentions: list[Mention], sentence, add) -> None:
    """An organization right before 位于/地处/就在 and a region is part of that region (the last
    of the prefix chain written there: 沈阳|沈北新区)."""
    tops = [m for m in mentions if not m.nested]
    regions_at = {m.start: m for m in tops if m.label == REGION and m.region is not None}
    for m in tops:
        if m.label != ORGANIZATION:
            continue
        cue = _located().match(text, m.end)
        place = regions_at.get(cue.end()) if cue else None
        if place is None:
            continue
        while (nxt := regions_at.get(place.end)) is not None and within_prefix(nxt, place):
            place = nxt
        s, e = sentence(m.start)
        add(m, PART_OF, place, "part_of_located", text[s:e])

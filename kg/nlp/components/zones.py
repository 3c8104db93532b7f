"""Zones that the gazetteer does not list: named after a local place (合肥新站高新区), of a kind that
needs its governing body (郑州航空港经济综合实验区党工委), listed next to another zone
(赣州经开区、蓉江新区), and the areas of a pilot free trade zone (…自由贸易试验区钦州港片区).
"""

from __future__ import annotations

import re

from kg.nlp.gazetteer import Gazetteer, Region
from kg.nlp.lexicon import alternation
from kg.nlp.mention import Mention
from kg.nlp.names import generic_heads, is_kind_word, occurrences, stops
from kg.schema import REGION

# The short suffix a zone is usually named with (合肥经济技术开发区 = 合肥经开区): the canonical name.
ZONE_SHORT = {"经济技术开发区": "经开区", "高新技术产业开发区": "高新区", "综合保税区": "综保区"}
# A zone named after a local place, not a division (合肥新站高新区): its two-character name and
# suffix. It is a region where its city is written before it, where its governing body is named,
# or where it is listed next to another zone (赣州经开区、蓉江新区).
# A zone named after its port (洋口港经济开发区, 航空港经济综合实验区) is one by that name alone.
LOCAL_ZONE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2}港|[\u4e00-\u9fff]{2})"
                        r"(?P<suffix>高新技术产业开发区|经济技术开发区|经济开发区|经济综合实验区|高新区|经开区|综合保税区|综保区"
                        r"|开发区|保税区|新区|边境经济合作区|跨境经济合作区)")
ZONE_BODY = re.compile(r"管委会|党工委|管理委员会")
# Kinds of zone that are regions only where their governing body is named (郑州航空港经济综合实验区
# 党工委, 中新天津生态城管委会): a 示范区 or 新城 without one is a project or a plan.
GOVERNED_END = re.compile("(?:" + alternation(("重点开发开放试验区", "经济综合实验区", "综合实验区", "实验区", "示范区", "合作区", "生态城",
                                               "新城", "保税港区", "综合保税区", "保税区", "港区", "试验区")) + ")$")
# Characters that make two characters before a zone suffix a description, not a name (省级, 两个, 各类).
NOT_ZONE_NAME = set("级个类各该这那本全每两几多些")
# An area of a pilot free trade zone: 中国（广西）自由贸易试验区钦州港片区, named 钦州港片区.
FTZ_AREA = re.compile(r"(?:中国[（(][\u4e00-\u9fff]{2,8}[)）])?(?:自由贸易试验区|自贸试验区)(?P<name>[\u4e00-\u9fff]{2,8}?片区)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def local_zones(text: str, mentions: list[Mention], context: dict, g: Gazetteer, zone_re: re.Pattern) -> list[Mention]:
    """Zones named after a local place (新站高新区): after their city, or with their governing body;
    and the areas of a free trade zone (…自由贸易试验区钦州港片区).

    ``合肥新站高新区`` names its city; ``新站高新区管委会`` shows a governed zone,
    placed in the document's city. Every mention of a zone so found is taken,
    and replaces the regions inside it (钦州 of 钦州港片区).
    """
    zoned = zone_re.search(text) is not None or "片区" in text
    body = ZONE_BODY.search(text)
    if not zoned and body is None:
        return []
    taken = [(m.start, m.end) for m in mentions]
    by_end = {m.end: m for m in mentions if m.region is not None and m.region.level in ("city", "county")}
    zones: dict[str, str] = {}              # zone name -> parent code
    prefixed: dict[str, set[str]] = {}      # zone name -> its forms with its city before it
    for z in LOCAL_ZONE.finditer(text) if zoned else ():
        s, e = z.span()
        name = z.group("name") + z.group("suffix")
        core = z.group("name")
        if any(a < e and s < b for a, b in taken) and s not in by_end or stops().search(core) \
                or g.candidates(core) or set(core) & NOT_ZONE_NAME \
                or core in generic_heads() or is_kind_word(core):
            continue
        port = len(core) == 3
        if port and z.group("suffix") in ("新区", "开发区") or not port and z.group("suffix") == "经济综合实验区":
            continue          # 临港新区, 空港开发区: kinds of zone, not a port's name
        if s > 0 and _CJK.match(text[s - 1]) and s not in by_end and not _after_stop(text, s) and not port:
            continue          # 国家级高新区: the two characters end a longer word
        if s in by_end:
            zones.setdefault(name, by_end[s].region.adcode)
            prefixed.setdefault(name, set()).add(text[by_end[s].start:e])     # 郑州航空港经济综合实验区
        elif port and (home := _county_before(mentions, s) or context.get("city") or context.get("province")):
            zones.setdefault(name, home)      # region_port_zone: 如东's 洋口港经济开发区
        elif (ZONE_BODY.match(text, e) or _listed_with_zone(text, s, e, mentions)) \
                and (home := context.get("city") or context.get("province")):
            zones.setdefault(name, home)      # 新站高新区 of 合肥; 东疆综合保税区 of 天津, a municipality
    if body is not None:
        by_start = {m.start: m for m in mentions if m.region is not None and m.region.level in ("city", "county")}
        for name, parent in _governed_zones(text, by_start, context, g):
            zones.setdefault(name, parent)
    areas: dict[str, set[str]] = {}        # an area's name -> the longer forms it is written in
    for z in FTZ_AREA.finditer(text) if zoned else ():
        name = z.group("name")
        city = [c for c in g.candidates(name[:2]) if c.level == "city"]
        parent = city[0].adcode if len(city) == 1 else context.get("city") or context.get("province") or ""
        zones.setdefault(name, parent)
        if z.start("name") > z.start():
            areas.setdefault(name, set()).add(z.group())
    out = []
    for name, forms in areas.items():      # 中国（安徽）自由贸易试验区芜湖片区: one zone, 安徽 inside is none
        region = Region("Z" + name, name, "zone", zones[name])
        for written in sorted(forms, key=len, reverse=True):
            spans = free_spans(text, written, taken, may_cover=True)
            out += [Mention(s, e, REGION, name, "region_local_zone", tuple(sorted(forms)), region) for s, e in spans]
            taken += spans
    for written, parent in zones.items():
        name = _zone_short(written)         # 东疆综合保税区 is 东疆综保区, as the zone grammar writes it
        region = Region("Z" + name, name, "zone", parent)
        aliases = tuple(sorted({written} - {name} | prefixed.get(written, set())))
        out += [Mention(s, e, REGION, name, "region_local_zone", aliases, region)
                for s, e in free_spans(text, written, taken, may_cover=True)]
    return out


def _county_before(mentions: list[Mention], at: int) -> str | None:
    """The county named last before ``at``, within a few hundred characters (the speech's own)."""
    found = [m for m in mentions if m.region is not None and m.region.level == "county"
             and m.end <= at and at - m.end <= 300]
    return max(found, key=lambda m: m.end).region.adcode if found else None


def _zone_short(name: str) -> str:
    """A zone's name with the short suffix it is usually written with (…经济技术开发区 -> …经开区)."""
    for long, short in ZONE_SHORT.items():
        if name.endswith(long):
            return name[: -len(long)] + short
    return name


def _listed_with_zone(text: str, s: int, e: int, mentions: list[Mention]) -> bool:
    """Is the name at ``s``..``e`` listed right after or before a zone (赣州经开区、蓉江新区)?"""
    return any(m.region is not None and m.region.level == "zone"
               and (m.end == s - 1 and text[s - 1] in "、和" or m.start == e + 1 and text[e:e + 1] in ("、", "和"))
               for m in mentions)


def _governed_zones(text: str, by_start: dict[int, Mention], context: dict, g: Gazetteer) -> list[tuple[str, str]]:
    """region_local_zone: zones of a kind that needs its governing body, named before it
    (郑州航空港经济综合实验区党工委, 中新天津生态城管委会): (name, parent code).

    The name is the run of characters before the kind, back to a stop word or mark (six at most);
    a city written at its start is its parent and stays out of the name (郑州|航空港经济综合实验区); a name
    that is a county's or city's short form names the parent too (凭祥综合保税区).
    """
    out = []
    for b in ZONE_BODY.finditer(text):
        kind = GOVERNED_END.search(text, max(0, b.start() - 9), b.start())
        if kind is None:
            continue
        end = kind.start()
        i = end
        while i > 0 and end - i < 10 and _CJK.match(text[i - 1]):
            i -= 1
        run = text[i:end]
        cut = max((m.end() for m in stops().finditer(run)), default=0)
        i += cut
        city = by_start.get(i)
        parent = context.get("city") or context.get("province") or ""
        if city is not None and end - city.end >= 2:
            i, parent = city.end, city.region.adcode
        core = text[i:end]
        named = [c for c in g.candidates(core) if c.level in ("city", "county") and not c.until] if city is None else []
        if len(named) == 1:
            parent = named[0].adcode        # 凭祥综合保税区管委会: the zone of 凭祥市, not of the text's city
        if not 2 <= len(core) <= 6 or set(core) & NOT_ZONE_NAME or core in generic_heads() or is_kind_word(core):
            continue
        out.append((core + kind.group(), parent))
    return out


def _after_stop(text: str, pos: int) -> bool:
    """Does a stop word (推进, 在, 与…) end right at ``pos``?"""
    window = text[max(0, pos - 4):pos]
    return any(window.endswith(m.group()) for m in stops().finditer(window))


def free_spans(text: str, name: str, taken: list[tuple[int, int]], *,
                may_cover: bool = False) -> list[tuple[int, int]]:
    """Where ``name`` occurs in ``text`` without overlapping a ``taken`` span;
    with ``may_cover``, covering whole taken spans is allowed (钦州港片区 over 钦州)."""
    out = []
    for s in occurrences(text, name):
        e = s + len(name)
        if not any(a < e and s < b and not (may_cover and s <= a and b <= e) for a, b in taken):
            out.append((s, e))
    return out

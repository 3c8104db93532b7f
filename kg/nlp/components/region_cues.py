"""Cues that make a place a region of the text, or keep it from being one: far places named to compare
with or learn from (对标深圳, 学习浙江经验), places inside coined names (2021湖北…推介会,
“新加坡·重庆周”), and townships listed by their bare names (来苏、朱沱等镇).
"""

from __future__ import annotations

import functools
import re

from kg.nlp.gazetteer import Gazetteer
from kg.nlp.lexicon import alternation, read_lines
from kg.nlp.mention import Mention
from kg.schema import REGION

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Townships listed by their bare names, closed by their level (大安、来苏、朱沱等镇; 甲、乙两个乡;
# 东城、西城等街道): each item, with the level, names a township of one county.
TOWN_LIST = re.compile(r"[、和](?P<last>[\u4e00-\u9fff]{2})"
                       r"(?:等)?(?:[\d一二三四五六七八九十两]+个)?(?P<level>乡镇|镇|乡|街道)(?![长委政党])")


@functools.lru_cache(maxsize=1)
def _comparison_cues() -> tuple[re.Pattern, re.Pattern]:
    """(a cue ending right before a far place, a cue right after it): ``comparison_cues.txt``."""
    words = read_lines("comparison_cues.txt")
    before = [w for w in words if not w.startswith("+")]
    after = [w[1:] for w in words if w.startswith("+")]
    return re.compile("(?:" + alternation(before) + ")$"), re.compile(alternation(after))


# What joins the places of one enumeration or prefix chain (上海、广州; 江苏昆山: nothing), an
# area of the place before may end its item (深圳前海、上海浦东).
FAR_LINK = re.compile(r"(?:[\u4e00-\u9fff]{2,3}?)?[、和与及]|")


def far_place(text: str, chosen, i: int, g: Gazetteer) -> bool:
    """region_far_place: is ``chosen[i]`` a place the text names in its own right to compare with,
    learn from or travel to (对标深圳, 学习浙江经验, 与北京、上海相比), far from its own province?

    A cue before the first place of its run (an enumeration, or a prefix chain such as 江苏昆山)
    or after its last one makes every province and city of the run a region, and a county
    too where it is written in full (对标浦东新区) or the place before it holds it (浙江义乌: 义乌市).
    ``chosen`` holds (start, end, form, region, short, rule) in text order.
    """
    c = chosen[i]
    if c[4] and c[3].level not in ("province", "city") and (i == 0 or not _linked(text, chosen[i - 1], c)):
        return False            # most refused forms: a bare county no place before it holds
    first = last = i
    while first > 0 and _linked(text, chosen[first - 1], chosen[first]):
        first -= 1
    while last + 1 < len(chosen) and _linked(text, chosen[last], chosen[last + 1]):
        last += 1
    before, after = _comparison_cues()
    s, e = chosen[first][0], chosen[last][1]
    if not (before.search(text, max(0, s - 4), s) or after.match(text, e)):
        return False
    return c[3].level in ("province", "city") or not c[4] or i > first and g.is_within(c[3], chosen[i - 1][3])


def _linked(text: str, a, b) -> bool:
    """Are two places one run: listed together or written as a prefix chain?"""
    return b[0] >= a[1] and FAR_LINK.fullmatch(text, a[1], b[0]) is not None


# A year glued to a place, with no 年 (2021湖北…推介会, 2023成都…), opens the name of an event's edition.
EDITION_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d\d$")
# Places joined by a middle dot make a coined name (“新加坡·重庆周”, 《中国·成都》).
NAME_DOTS = "·•・"


# A street, square, park or port named after a place (中山路, 北京东路, 上海港): a bare place form
# right before one names the site, not the region (region_site_name); so does a border port (二连浩特口岸)
# or a community (中山社区).
SITE_AFTER = re.compile(r"[东西南北中]?(?:路|大道|大街|街(?!道)|巷)|广场|公园|码头|口岸|社区|港(?![区澳口])")


# A news outlet named after its place (湖北日报讯, 内蒙古卫视): the place names the outlet, not the story's
# region (region_outlet_name).
OUTLET = re.compile(r"日报|晚报|都市报|商报|电视台|卫视|新闻网|新闻客户端")


@functools.lru_cache(maxsize=1)
def _coined_after() -> re.Pattern:
    """An event's word (``event_words.txt``) or a news outlet right after a place: one regex, one
    match a place (the place before either is in a coined name)."""
    return re.compile(alternation(read_lines("event_words.txt")) + "|" + OUTLET.pattern)


def in_coined_name(text: str, s: int, e: int) -> bool:
    """region_in_coined_name: is the place at ``s``..``e`` part of a coined name rather than a region
    named in its own right: an event's edition after its year (2021湖北武黄同城…推介会), an event
    named by its place alone (香港招商会), a news outlet (湖北日报), or a quoted name whose places a middle dot joins (“新加坡·重庆周”)?"""
    if text[s - 1:s].isdigit() and EDITION_YEAR.search(text, s - 5 if s >= 5 else 0, s) \
            or _coined_after().match(text, e):
        return True
    if text[e:e + 1] not in NAME_DOTS and text[s - 1:s] not in NAME_DOTS or s == 0:
        return False
    left = max(text.rfind("“", 0, s), text.rfind("《", 0, s))
    return left >= 0 and s - left <= 12 and not any(q in text[left + 1:s] for q in "”》\n")


def township_list(text: str, weights: dict, g: Gazetteer) -> list[Mention]:
    """region_township_list: townships listed by their bare names before their level
    (大安、来苏、朱沱等镇), where every item is a township of the same county."""
    out: list[Mention] = []
    for m in TOWN_LIST.finditer(text):
        levels = ("镇", "乡") if m.group("level") == "乡镇" else (m.group("level"),)
        starts = [m.start("last")]          # back over the list: A、B、C
        while len(starts) < 10 and starts[-1] >= 3 and text[starts[-1] - 1] in "、和" \
                and _CJK.match(text, starts[-1] - 3) and _CJK.match(text, starts[-1] - 2):
            starts.append(starts[-1] - 3)
        found = []
        for start in reversed(starts):
            item = text[start:start + 2]
            cands = [c for lv in levels for c in g.full.get(item + lv, ()) if c.level == "township"]
            r = g.choose(cands, weights) if cands else None
            if r is None:
                break
            found.append((start, start + 2, item, r))
        if len(found) < 2 or len(found) != len(starts) \
                or len({r.parent for *_, r in found}) != 1 or not weights.get(found[0][3].parent):
            continue            # every item a township, all of one county the text names
        out += [Mention(s, e, REGION, r.name, "region_township_list", (item,), r) for s, e, item, r in found]
    return out

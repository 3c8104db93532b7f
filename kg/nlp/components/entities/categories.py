"""What names a category of things, not one undertaking: the project recognizer's last filter.

``打造国家级旅游度假区``, ``建设四大服务出口基地``, ``一批中试示范基地``, ``争创…示范基地``: a kind
word after a level, a count, an indefinite quantity or a designation striven for names no project.
"""

from __future__ import annotations

import functools
import re

from kg.nlp.names import distinctive, generic_heads, lead_strips
from kg.nlp.tokenizer import shared_cutter

# A project "name" that starts with a level or a count, or is followed by a count, names
# a category of things: 打造国家级旅游度假区, 建设四大服务出口基地, 建成康养景区12个.
# A size, rank or scope word opens a category too: 大型商业综合体, 现代化制造基地, 重大…攻关项目, 镇域…中心.
CATEGORY_LEAD = re.compile(r"国家级|省级|世界级|全球|[一二三四五六七八九十两]大|大型|中型|小型|现代化|高能级|重大|重点|"
                           r"镇域|县域|市域|区域")
# An indefinite quantity in or right before it (一批中试示范基地, 沈阳不少商场, 力争更多项目), or a pair
# (双枢纽), counts things; a designation the region strives for (争创…示范基地) is no undertaking yet.
QUANTITY = re.compile(r"一批|一些|不少|更多|许多|诸多|若干|多个|部分|[两二三四五六七八九十\d]+个")
STRIVES_FOR = re.compile(r"(?:争创|申创|申报)[^，。；;]*$")
# One indefinite thing is no name: 一条咖啡脱皮、脱胶生产线, 这座大桥.
# A superlative before common words describes (将成为西南地区最大的冷链物流中心): a kind of thing.
SUPERLATIVE = re.compile(r"最[\u4e00-\u9fff]{1,3}的$")
INDEFINITE = re.compile(r"[一两这那该每](?:条|座|处|片|家|个)(?:[\u4e00-\u9fff]{1,8}、)*$")
# (a count that goes on with a noun counts that noun: 平台|5项关键指标)
COUNT_AFTER = re.compile(r"[\d０-９.]+[万千]?余?(?:个|家|处|座|所|条|项|亩|平方米|公里)(?![\u4e00-\u9fff])")


def names_a_category(text: str, name: str, start: int, ks: int, ke: int, named: bool = False) -> bool:
    """Does the phrase ``name`` (``text[start:ke]``, kind word at ``ks``) name a category? (``named``: a
    region or company opens it, which a superlative only praises: 全国最大的宁德时代…基地)"""
    return bool(CATEGORY_LEAD.match(name) or COUNT_AFTER.match(text, ke)
                or QUANTITY.search(text, max(0, start - 2), ks) or text[ks - 1] == "双"
                or STRIVES_FOR.search(text, max(0, start - 24), start)
                or INDEFINITE.search(text, max(0, start - 16), start)
                or SUPERLATIVE.search(text, max(0, start - 5), start) and not named)


# Kinds of grounds: a trade before one (物流产业园) names a kind of park unless the clause names its place.
PARKS = ("园", "园区", "基地")


def place_in_clause(text: str, start: int, places: list[int]) -> bool:
    """Does a region open the clause before ``start`` (岷江村|建成葡萄产业园)? It makes a short name its own."""
    lo = max([text.rfind(c, max(0, start - 20), start) + 1 for c in "，。；：！？\n"] + [max(0, start - 20)])
    return any(lo <= r < start for r in places)


# Kinds of area named after the landmark at their heart: 春熙路商圈, 观音桥商圈, 动物园商圈.
LANDMARK_KINDS = ("商圈",)


def landmark(core: str) -> bool:
    """Is ``core`` a landmark's name, one word of the dictionary of three characters or more (春熙路, 观音桥)?

    Areas described by a quality (核心商圈, 智慧商圈) have short or several-word cores; an area word
    (核心区, 老城区) describes as well.
    """
    return len(core) >= 3 and not core.endswith("区") and list(shared_cutter()(core)) == [core]


def distinctive_or_landmark(core: str, kind: str) -> bool:
    """A proper core (:func:`distinctive`), or a landmark's name before a landmark kind (观音桥|商圈)."""
    return distinctive(core) or kind in LANDMARK_KINDS and landmark(core)


def landmark_before(text: str, ks: int, kind: str, bounds: frozenset[int]) -> bool:
    """Does a landmark's name (or a coined one, 江北|嘴) end right before the area word at ``ks``?
    Then 解放碑商圈|客流量 names the area whatever word follows it."""
    if kind not in LANDMARK_KINDS:
        return False
    k = ks - 1
    while k > 0 and (k not in bounds or ks - k < 2) and ks - k < 4:
        k -= 1
    return landmark(text[k:ks]) or distinctive(text[k:ks])


@functools.lru_cache(maxsize=1)
def generic_lasts() -> frozenset[str]:
    """The last characters of the generic heads: a core ending in none of them ends in no generic head."""
    return frozenset(g[-1] for g in generic_heads())


@functools.lru_cache(maxsize=1)
def lead_strip_set() -> frozenset[str]:
    """The lead strips as a set: one lookup per name instead of a scan of the list."""
    return frozenset(lead_strips())

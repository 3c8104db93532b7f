"""What names a category of things, not one undertaking: the project recognizer's last filter.

``打造国家级旅游度假区``, ``建设四大服务出口基地``, ``一批中试示范基地``, ``争创…示范基地``: a kind
word after a level, a count, an indefinite quantity or a designation striven for names no project.
"""

from __future__ import annotations

import functools
import re

from bisect import bisect_left

from kg.nlp.components.entities.kinds import infrastructure_regex, kind_patterns, kinds_of
from kg.nlp.gazetteer import gazetteer
from kg.nlp.mention import Mention
from kg.nlp.names import distinctive, generic_heads, lead_strips
from kg.nlp.tokenizer import shared_cutter
from kg.schema import PROJECT

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


# A size or generation that opens a name of works, its number written before the unit: 12英寸…, 8.6代….
SPEC_BEFORE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?[万千]?$")
SPEC_UNIT = re.compile(r"英寸|代(?!表|建)|纳米|万吨级|吨级|千伏")
# Water drawn from one river to another: 引江济淮, 引汉济渭, 引黄入冀, 南水北调 (works, not campaigns).
WATER_TRANSFER = re.compile(r"引[\u4e00-\u9fff](?:济|入|补)[\u4e00-\u9fff]|南水北调|北水南调")
# A five-year plan's period before a kind word: “十五五”重大项目, “十四五”规划重大工程.
FIVE_YEAR_PLAN = re.compile(r"“?十[一二三四五六七八九]五”?(?:规划|时期|期间|期)?")
# Kinds mostly written of as a class of things (燃煤电厂, 非法煤矿, 乡村振兴示范区, 干线公路): one is named
# by a place, an owner or a proper word (准东五彩湾电厂, 海南环岛旅游公路, 天府大道北延线).
PROPER_KINDS = {"电厂", "发电厂", "热电厂", "煤矿", "露天煤矿", "示范区", "延线", "延伸线", "支线", "公路", "储气库",
                "航站楼", "广场", "街区", "商业街区", "航电枢纽", "船闸", "科学园", "软件园"}
# Places of trade that open for business on a day: one of them opening (…城即将开业) is a named one.
SHOPPING_KINDS = {"城", "广场", "街区", "商业街区", "步行街", "商圈", "商场", "商城", "综合体"}
OPENS = re.compile(r"(?:即将|正式|已|盛大|试|顺利)?(?:开业|开街|开园|营业)")
# Macro areas a corridor strategy is named after: 东北海陆大通道, 西部陆海新通道.
MACRO_AREA = re.compile(r"[东西南北][北南部]|华[东南北中]|中部|长江|黄河|沿海|沿边|沿江|环渤海|北部湾")
# A designation's issuer: 国家…示范区, 省级…示范区.
DESIGNATION = re.compile(r"国家|全国|省级|市级|[省市]")
# What a demonstration zone tries out when it is a pilot, not a place: cooperation, reform, opening.
PILOT_WORDS = re.compile(r"合作|协同|协作|改革|开放|一体化|融合发展|先行")
# A count of a package alone: “七大”行动 (实施“十大工程” names one: see verb_before).
COUNTED_PACKAGE = re.compile(r"[一二三四五六七八九十两]+大")
# A quoted code of a count and its object: “三个一批”, “四个一”.
COUNTED_CODE = re.compile(r"^[一二三四五六七八九十两百千万\d]+(?:个|大|项|条)[\u4e00-\u9fff]{1,4}$")


def past_address(start: int, end: int, region_at: dict[int, Mention]) -> int:
    """After an address of two or more regions (天津市和平区新兴街道) that a name opens with, else ``start``.

    One region is the name's own prefix (临沂商城, 济南机器人产业基地); a chain of them
    down to a street or community says where the named thing is.
    """
    pos, n = start, 0
    while (r := region_at.get(pos)) is not None and r.end < end - 1:
        pos, n = r.end, n + 1
    return pos if n >= 2 else start


AND = re.compile(r"[和与及]")
# A place's word that ends the name of one thing (…示范区, …母港) before 和 and another name.
PLACE_END = re.compile(r"(?:区|港|园|城|场|站|馆)$")


def past_first_of_two(text: str, start: int, ks: int, named_starts: list[int]) -> int:
    """After ``A和``, where A is a thing of its own: one ending in a kind or place word
    (临空经济示范区和|东部新城, 南沙国际邮轮母港和|广州南站综合交通枢纽), or one that a name opens the
    second of (…和|广州南站…). Else ``start``: 渝自和渝毕城际 shares its kind words."""
    m = None
    for m in AND.finditer(text, start, ks):
        pass
    j = m.start() if m else -1
    if j - start < 3 or ks - j < 3:
        return start
    first = text[start:j]
    if kind_patterns()["kind_end"].search(first) or PLACE_END.search(first) \
            or (k := bisect_left(named_starts, j + 1)) < len(named_starts) and named_starts[k] == j + 1:
        return j + 1
    return start


def owned_trade(start: int, core: str, generic: tuple[str, ...], whole_end: dict[int, int]) -> int:
    """Where the company or place ends that opens the name (or follows a short word, an owner not yet
    known: 华能|山东莱州…), if the name goes on with words of its own before the generic one
    (中石化|新疆库车绿氢|示范项目): then it names an undertaking (not 重庆市|重大项目); else ``-1``."""
    end = next((whole_end[a] for a in range(start, start + 3) if a in whole_end), None)
    if end is None:
        return -1
    rest = min((core[: -len(g)] for g in generic if core.endswith(g)), key=len)
    return end if start + len(rest) - end >= 2 and not rest.endswith(generic) else -1


def generic_core(core: str, kind: str, generic: tuple[str, ...], weak: bool) -> bool:
    """Is a core that ends in a generic word (…产业, …重点) no name before this kind word?

    Before 项目 or 中心 it is (汽车产业项目); before a kind that names a place
    (基地, 产业园) only when little is left before the generic word: 芯视界光学膜产业基地 is
    a name, 新兴产业基地 is not.
    """
    if weak or kinds_of(kind) != PROJECT \
            and not (kind == "工程" and infrastructure_regex().search(core)):
        return True       # (成都北站扩能改造|工程 is built works: a name of a place's, as 基地 takes)
    rest = min((core[: -len(g)] for g in generic if core.endswith(g)), key=len)
    return len(rest) < 3 or rest.endswith(generic) or bool(CATEGORY_LEAD.match(rest))


# A package of policy measures named by its place and count: “綦江18条”, “深圳20条” (a topic and a
# count, “稳经济12条”, names a policy document: no program).
PLACE_PACKAGE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:\d+|[一二三四五六七八九十百]+)条$")


def place_package(inner: str) -> bool:
    m = PLACE_PACKAGE.fullmatch(inner)
    return m is not None and bool(gazetteer().candidates(m.group(1)))


# A five-year plan's period (“十四五”规划重大工程): it dates what follows, and names no program.
PLAN_PERIOD = re.compile(r"十[一二三四五六七八九]五")


def place_before(text: str, start: int) -> bool:
    """Is the word right before ``start`` a place's short form or a proper name (成渝|中部地区崛起)?"""
    words = list(shared_cutter()(text[max(0, start - 4):start]))
    return bool(words) and len(words[-1]) >= 2 and distinctive(words[-1]) and not words[-1].endswith(("进", "动", "入"))

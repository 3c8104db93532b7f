"""Projects named by the ends of a route, and projects listed before a head they share.

Government reports name road and rail works by the places they join
(``新开工晏城至表白寺等2个项目``, ``大足、铜梁至永川高速项目``), and list places before a
facility's head that each of them gets (``建好济南、青岛、枣庄算力枢纽``,
``建成十里荷香和梨香湾研学基地``), or join lines by short forms (``渝自和渝毕城际``). The
kind-word rules of :mod:`.projects` see one name there, or none.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from kg.nlp.components.attributes import stage_regex
from kg.nlp.mention import Mention
from kg.nlp.components.entities.kinds import infrastructure_regex, kind_patterns
from kg.nlp.components.entities.programs import PROGRAM_AFTER
from kg.nlp.names import CLOSE_QUOTES, SINGLE_LEADS, cjk, distinctive, left_extent, stops, word_end
from kg.nlp.wordclass import word_classes
from kg.schema import PROGRAM, PROJECT

# 晏城至表白寺|等2个项目, 庆云至章丘|等23个续建项目: a route counted among projects.
ROUTE_COUNTED = re.compile(r"至([\u4e00-\u9fff]{2,4}?)(?=等(?:\d+|[一二三四五六七八九十两]+)[多余]?个"
                           r"[\u4e00-\u9fff]{0,4}项目)")
# A route written as a project's name: 铜梁至永川|高速.
ROUTE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}至[\u4e00-\u9fff]{2,4}")
# Works started or continued this year (新开工, 续建) are reported like stages, before the name.
ONGOING = re.compile(r"新开工|续建|在建|新建成|新建")
# Verbs a route's first place may follow besides the stage words: 提速|庆云至章丘.
ROUTE_LEAD = re.compile(r"新开工|续建|提速|推进|加快|实施|启动")
# A count between the listed places and the head they share: 济南、青岛、淄博、济宁|4大|机器人产业基地.
LIST_COUNT = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)大")
AND = "和与及"
# A title a place wins opens with its rank: “全市首批首发中心”.
# Lines named by short forms share their kind words when coordinated: 渝自和渝毕城际, 渝西和成达万高铁.
LINE_KINDS = {"城际", "铁路", "高铁", "高速", "高速公路", "公路", "轨道交通", "快速路"}
COORDINATED = re.compile(r"([\u4e00-\u9fff]{2,4})[和及与]([\u4e00-\u9fff]{4,})")
RANKED = re.compile(r"全(?:市|省|区|县|国|球)|首批|首个|首家")


# A verb whose object is what follows it, never inside a name: 签约项目包括|顺丰…项目, 重点项目主要有|X,
# 宁波设有|基地, 全县拥有|数据中心; and a building verb with more after it (临港建设|新工厂; 滨江路建设工程 is one).
HAS_OBJECT = re.compile(r"包括|包含|涵盖|主要有|分别是|分别为|设有|拥有|建有|具有|现有")
BUILDS = re.compile(r"建设|新建|打造|建成了?")


def past_inner_verb(text: str, start: int, end: int) -> int:
    """After a verb inside a project's span whose object the name is (``end``: its kind word); what is
    left may be too short to be a name, and then it is none (拥有|数据中心)."""
    m = None
    for m in HAS_OBJECT.finditer(text, max(0, start - 3), end):
        pass
    if m is not None and m.end() > start:
        start = m.end()
    b = None
    for b in BUILDS.finditer(text, start + 1, end):
        pass
    return b.end() if b is not None and b.end() < end else start


# …a part or stage of the works (主线, 前期, 蓄水, 通车), or their effect (渝贵高铁|效应).
AFTER_NAME = re.compile(r"主线|全线|人气|客流|盛大|开街|开园|营业|吞吐量|客流量|货运量|发电量|交易额|营业额|销售额|相继|陆续|先后|即将|加快|加紧|稳步|有序|按期|如期|提前|进展|持续|满产|稳产|试产|运行|贯通|合龙|封顶|完工|试运行|交付|前期|年产能|产能|年产值|预研|量产|蓄水|通车|通水|效应|投入使用|投入运营|投用|开业|上线|主体|营收|竣工|投运|投产|完成|计划|预计|[一二三四]期|正式|顺利|成功|项目|建设|开工|运营|落地|启动|揭牌|"
                        r"纳入|获批|入选|获评|成为|基本|全面|累计|今年|上半年|年内|实现|等|已|正|将|于|内|成立|落户|和|并")


def may_follow(text: str, pos: int, kind: str, label: str) -> bool:
    """May this CJK text follow the end of a project name (a verb, a stage word…)? (``label``: the kind's)"""
    if kind == "制" and text[pos - 2:pos - 1] == "长" and text.startswith(("办公室", "工作"), pos):
        return True           # 链长制办公室: the office of a chief system names the system
    if kind in ("城", "谷", "制"):
        return bool(stops().match(text, pos)) or text.startswith(("建设", "等"), pos)
    if _stop_or_after_name().match(text, pos):
        return True
    return label == PROGRAM and (not cjk(text[pos:pos + 1]) or text[pos] in "为在和与及等的"
                                 or bool(PROGRAM_AFTER.match(text, pos)))


@functools.lru_cache(maxsize=1)
def _stop_or_after_name() -> re.Pattern:
    """A stop word or an :data:`AFTER_NAME` word: one match where :func:`may_follow` asked for each."""
    return re.compile(f"(?:{stops().pattern})|(?:{AFTER_NAME.pattern})")


def past_stage(text: str, start: int, end: int) -> int:
    """After the stage words a name's span opens with (建成通车|济南至宁津, 投产|大唐郓城), if
    two characters are left before ``end``; else ``start``. (新建|成|青山水库: the segmenter glues
    新建 and leaves 成 of 建成 to open the name.)"""
    if text.startswith("成", start) and text.startswith("新建", start - 2) and end - start >= 3:
        start += 1
    while (m := _stage_or_ongoing().match(text, start)) is not None and end - m.end() >= 2:
        start = m.end()
    return start


@functools.lru_cache(maxsize=1)
def _stage_or_ongoing() -> re.Pattern:
    """A stage word, else an :data:`ONGOING` word: one match where :func:`past_stage` asked each in turn."""
    return re.compile(f"(?:{stage_regex().pattern})|(?:{ONGOING.pattern})")


def find_routes(text: str, bounds: frozenset[int]) -> list[Mention]:
    """``晏城至表白寺等2个项目``: the route (from one place to another) names the project."""
    out = []
    for m in ROUTE_COUNTED.finditer(text):
        mid = m.start()
        if mid not in bounds:
            continue          # 甚至: 至 inside a word
        start = left_extent(text, mid, max_len=4, bounds=bounds)
        if start < 0:
            continue
        if (lead := ROUTE_LEAD.match(text, start)) and mid - lead.end() >= 2:
            start = lead.end()
        start = past_stage(text, start, mid)
        if mid - start < 2:
            continue
        name = text[start:m.end()]
        out.append(Mention(start, m.end(), PROJECT, name, "project_route", (name + "项目",)))
    return out


def widen_route(text: str, m: Mention) -> Mention:
    """``大足、铜梁至永川高速项目``: a second place of departure listed before the route joins its name.

    Only when the route ends the list (no 、 after it): in ``莱临、日照至五莲、聊邯长铁路`` the
    items before are names of their own.
    """
    if m.start < 3 or text[m.start - 1] != "、" or text[m.end:m.end + 1] == "、" or not ROUTE_NAME.match(m.name):
        return m
    s = m.start - 1
    while s > 0 and cjk(text[s - 1]) and m.start - 1 - s < 4:
        s -= 1
    if not 2 <= m.start - 1 - s <= 4 or text[s - 1:s] in ("、", "至") or cjk(text[s - 1:s]):
        return m
    name = text[s:m.end]
    aliases = tuple(a for a in (*m.aliases, name[:-2] if name.endswith("项目") else "") if a)
    return Mention(s, m.end, m.label, name, "project_route", aliases, m.region, dict(m.attrs))


def place_list_members(text: str, m: Mention, regions: dict[int, Mention]) -> list[Mention]:
    """``济南、青岛、枣庄算力枢纽``: places listed before a facility's head each name one.

    ``m`` is the project found by its kind word, opening with the last place
    (``枣庄算力枢纽``; ``regions`` maps a region's start to it); the places before it,
    joined by 、, 和 or 与, each get the head (``济南算力枢纽``). A count before the head
    (``4大``) is no part of the names.
    """
    last = regions.get(m.start)
    if last is None or last.end >= m.end:
        return []
    ends = {r.end: r for r in regions.values()}
    places = [last]
    while (sep := places[0].start - 1) > 0 and text[sep] in "、" + AND and (prev := ends.get(sep)) is not None:
        places.insert(0, prev)
    if len(places) < 2:
        return []
    head = text[last.end:m.end]
    if (count := LIST_COUNT.match(head)) is not None:
        head = head[count.end():]
    if len(head) < 2:
        return []
    # Each span is the place alone (济南|、青岛、枣庄|算力枢纽), which the text names as a place too
    # (a twin of the region there); it is no alias of the rebuilt name.
    return [Mention(p.start, p.end, PROJECT, text[p.start:p.end] + head, "project_place_list",
                    attrs={**(m.attrs if p is last else {}), "not_alias": True}) for p in places]


# The end of a list of undertakings: 山钢日照基地二期、永锋临港焦钢一体化|等重大项目.
LIST_CLOSE = re.compile(r"等(?:重大|重点|骨干|续建|在建)?(项目|工程)")
LIST_LONGEST = 14


# A section of a line named by the place it runs through: 渝昆高铁|云南段, 沪渝蓉高铁|武汉至宜昌段.
LINE_SECTION = re.compile(r"(?:" + "|".join(sorted(LINE_KINDS, key=len, reverse=True)) + r")([\u4e00-\u9fff]{2,8}段)$")


def list_neighbours(text: str, found: list[Mention], bounds: frozenset[int],
                    works: tuple[str, ...]) -> list[Mention]:
    """``A、B等重大项目`` where A is a project: B, written without a kind word, is one too.

    A lone item is taken when it names works (``位山灌区现代化改造等工程``: one of
    ``works``, the infrastructure words). Items that are already entities (a company
    counted among projects) are left as they are.
    """
    closes = list(LIST_CLOSE.finditer(text))
    spans = {(m.start, m.end): m for m in found} if closes else {}
    out = []
    for close in closes:
        items: list[tuple[int, int]] = []
        e = close.start()
        while e > 0:
            s = e
            while s > 0 and cjk(text[s - 1]) and e - s < LIST_LONGEST:
                s -= 1
            if s == e or cjk(text[s - 1:s]):
                break          # too long for an item, or not one
            if text[s - 1:s] != "、":
                lead = left_extent(text, e, max_len=LIST_LONGEST, bounds=bounds)
                s = past_stage(text, max(s, lead) if lead >= 0 else s, e)
            if e - s < 2:
                break
            items.insert(0, (s, e))
            if text[s - 1:s] != "、":
                break
            e = s - 1
        known = [spans.get(i) for i in items]
        if not items or any(k is not None and k.label != PROJECT for k in known):
            continue
        if len(items) == 1 and not (known[0] is None and any(w in text[items[0][0]:items[0][1]] for w in works)):
            continue
        if len(items) > 1 and not any(k is not None for k in known):
            continue
        for (s, e), k in zip(items, known):
            if k is None:
                if (section := LINE_SECTION.search(text, s, e)) is not None:
                    e = section.start(1)      # 渝昆高铁|云南段: the line is the project, the section a part of it
                name = text[s:e]
                out.append(Mention(s, e, PROJECT, name, "project_list_neighbour", (name + close.group(1),)))
    return out


def quoted_neighbours(text: str, found: list[Mention], taken: set[tuple[int, int]]) -> list[Mention]:
    """``“半岛小渡”“允丰黄酒文化体验馆”等特色场景``: a quoted name right before a quoted project is one.

    ``taken`` holds the spans of entities found so far, which stay as they are.
    """
    out = []
    for m in found:
        if m.label != PROJECT or m.start < 4 or text[m.start - 2:m.start] != "”“":
            continue
        s = text.rfind("“", max(0, m.start - 20), m.start - 2)
        if s < 0 or "”" in text[s + 1:m.start - 2] or (s + 1, m.start - 2) in taken or m.start - 3 - s < 2:
            continue
        out.append(Mention(s + 1, m.start - 2, PROJECT, text[s + 1:m.start - 2], "project_quoted_neighbour"))
    return out


# Works that join two things name both: 京杭运河与小清河航道连通工程.
LINK_WORDS = re.compile(r"连通|连接|互联|联网|贯通")


def widen_link(text: str, m: Mention, bounds: frozenset[int]) -> Mention:
    """``京杭运河与小清河航道连通工程``: the first of the two things a link joins opens its name."""
    if m.start < 3 or text[m.start - 1] not in "与和" or not LINK_WORDS.search(m.name):
        return m
    s = left_extent(text, m.start - 1, max_len=8, bounds=bounds)
    if s < 0 or m.start - 1 - s < 2:
        return m
    s = past_stage(text, s, m.start - 1)
    name = text[s:m.end]
    return Mention(s, m.end, m.label, name, m.rule, (*m.aliases, m.name), m.region, dict(m.attrs))


def drop_appositions(found: list[Mention], plain: Callable[[str, int, int], bool]) -> list[Mention]:
    """``世界文化遗产龙门石窟``, ``到洛邑古城`` where the text also names ``龙门石窟``: the name.

    A project whose name is another project's name of the same text behind a
    one-character verb (到, 去) or behind common words (``plain(head, start, end)``:
    a title, not part of the name, and no place or owner) is that project.
    """
    names = {m.name for m in found if m.label == PROJECT}
    out = []
    for m in found:
        k = next((k for k in range(1, len(m.name) - 1) if m.name[k:] in names), 0) if m.label == PROJECT else 0
        head = m.name[:k]
        if k and (k == 1 and head in SINGLE_LEADS or k >= 2 and plain(head, m.start, m.start + k)):
            m = Mention(m.start + k, m.end, m.label, m.name[k:], m.rule, (), m.region, dict(m.attrs))
        out.append(m)
    return out


def kind_end_of(name: str) -> str:
    """The kind word ``name`` ends with (体制|改革), or ``""``."""
    m = kind_patterns()["kind_end"].search(name)
    return m.group() if m else ""


def kind_chain(name: str, kind: str) -> str:
    """The kind words that end ``name`` (渝武|高速复线, 朝天门|商圈), leaving two characters of it."""
    kind_end = kind_patterns()["kind_end"]
    cut = len(name) - len(kind)
    while (k := kind_end.search(name, 2, cut)) is not None:
        cut = k.start()
    return name[cut:]


def last_word_on(text: str, start: int, end: int, bounds: frozenset[int]) -> str:
    """The last word of ``text[start:end]`` (``大型清洁高效|煤电``), or ``""`` when it is all one word."""
    b = max((i for i in range(start + 1, end - 1) if i in bounds), default=-1)
    return text[b:end] if b > 0 else ""


def past_time_lead(text: str, start: int, ks: int, bounds: frozenset[int]) -> int:
    """After a time word and the verbs that follow it (如今|搭|上|中欧班列), which open no name."""
    end = word_end(bounds, start, ks)
    if word_classes().get(text[start:end]) != "t":
        return start
    pos = end
    while pos < ks and (tag := word_classes().get(text[pos:(e := word_end(bounds, pos, ks))])) in ("v", "f", "d", "p"):
        pos = e
    return pos if ks - pos >= 2 else start


def quote_open(text: str, start: int, ks: int) -> int:
    """Where the quote a name ending at a closing quote opens, if the whole quote is one
    phrase (no punctuation in it) of at most 30 characters; else -1."""
    q = text.rfind("“", max(0, ks - 30), start)
    if q < 0 or any(ch in "”，。；;、：:！？+＋" for ch in text[q + 1:ks]) or RANKED.match(text, q + 1):
        return -1          # “苗圃+孵化器+…产业园”: a formula; “全市首批首发中心”: a title won
    return q


def by_end(spans: set[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The ends of ``spans`` in order and their starts alongside: :func:`straddled` bisects them
    instead of scanning every named span for every kind word."""
    ordered = sorted((b, a) for a, b in spans)
    return [b for b, _ in ordered], [a for _, a in ordered]


def straddled(start: int, end: int, spans: tuple[list[int], list[int]]) -> int:
    """``start``, or the start of a name found earlier that it would cut (顺|丰华中智慧物流枢纽: jieba tags
    顺 a preposition, but 顺丰 is a known company): a project's name never opens inside another name.

    ``spans`` (:func:`by_end`): only the names ending in ``start+1..end`` can be cut there."""
    ends, starts = spans
    lo = bisect_right(ends, start)
    hi = bisect_right(ends, end, lo)
    return start if lo == hi else min((a for a in starts[lo:hi] if a < start), default=start)


def coordinated_lines(name: str, kind: str) -> list[tuple[int, int, str]] | None:
    """Members of ``渝自和渝毕城际``: short names joined by 和 sharing the kind words at the end.

    Returns (start, end, name) of each member, offsets within ``name``; ``None`` when
    the name is not such a coordination (the first part must be a short name of its own).
    Lines are named by short forms (渝自); other kinds only share their head when one of
    the two is a proper or coined name (``十里荷香和梨香湾研学基地``), not a description.
    """
    m = COORDINATED.fullmatch(name)
    if not m:
        return None
    first, second = m.group(1), m.group(2)
    kind_end = kind_patterns()["kind_end"]
    cut = len(second)
    # The longest kind word ending second[:cut] that leaves two characters: 城际铁路 → 铁路, 城际.
    while (k := kind_end.search(second, 2, cut)) is not None:
        cut = k.start()
    proper, head = second[:cut], second[cut:]
    if not head or not 2 <= len(proper) <= 4 or kind_end.search(first):
        return None
    if kind not in LINE_KINDS and (len(proper) < 3 or not (distinctive(first) or distinctive(proper))):
        return None       # (老旧小区: a place's proper name is longer than a line's short form)
    return [(0, len(first), first + head), (m.start(2), len(name), second)]


# The longest item of a list of projects sharing one kind word (杨家坪、万象城、动物园商圈).
LIST_ITEM = 8


# A count and a few words before a kind word, after a list of the things counted: 渝黔、渝湘、渝昆|三条|高铁,
# 马道枢纽、企石枢纽、青年枢纽|三大船闸|工程.
COUNTED_HEAD = re.compile(r"(?:[一二三四五六七八九两]|\d)(?:大|座|条|处)[\u4e00-\u9fff]{0,4}?$")
# The last item of a list right before the count: 消防安全、食品安全|三大专项行动.
# (Not a verb's clause: 落实“两个先行”、推进经济稳进提质|八大攻坚行动 names the package.)
LISTED_BEFORE = re.compile(r"、(?!推进|实施|落实|开展|深化|推动|加快|打好|打赢|抓好|贯彻)[^，。；,;：:“”‘’]{1,6}$")
NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def counted_members(text: str, counted: re.Match, end: int, named_starts: list[int],
                     bounds: frozenset[int], whole: set[tuple[int, int]]) -> list[Mention]:
    """Projects listed before a count of them and the head they share: ``渝黔、渝湘、渝昆三条高铁``
    names 渝黔高铁, 渝湘高铁, 渝昆高铁; ``马道枢纽、企石枢纽、青年枢纽三大船闸工程`` the three 枢纽.

    The number of items must be the count, the items must not be quoted, and one of them
    must be distinctive; an item that ends with a kind word of its own is named as written.
    Only works (a project's head, or a 工程 of infrastructure) are taken: a counted list of
    programs (三大战略) is mostly a slogan's, and counted 项目 are mostly companies' (甲、乙两大项目).
    """
    n = NUMBERS.get(text[counted.start()]) or int(text[counted.start()])
    head = text[counted.start() + 2:end]
    kinds = kind_patterns()["kinds"]
    kind = kind_end_of(head)
    if n < 2 or not kind or kind == "项目" \
            or not (kinds[kind] == PROJECT or infrastructure_regex().search(head)):
        return []
    items: list[tuple[int, int]] = []
    e = counted.start()
    while len(items) < n and e > 1:
        s = left_extent(text, e, max_len=LIST_ITEM if text[e:e + 1] == "、" else 20, bounds=bounds)
        if s < 0 or e - s < 2 or text[s - 1:s] in CLOSE_QUOTES:
            return []
        items.insert(0, (past_stage(text, s, e), e))
        if text[s - 1:s] != "、":
            break
        e = s - 1
    if len(items) != n or (e > 0 and text[items[0][0] - 1] == "、") or any(i in whole for i in items) \
            or not any(distinctive(text[a:b]) or names_inside(named_starts, a, b) for a, b in items):
        return []
    out = []
    for a, b in items:
        item = text[a:b]
        own = kind_end_of(item)
        if own and kinds[own] != PROJECT:
            return []
        name = item if own else item + head
        out.append(Mention(a, b, PROJECT, name, "project_counted_member", (item,) if name != item else ()))
    return out


def names_inside(starts: list[int], start: int, end: int) -> bool:
    """Does a region, enterprise or organization mention start in ``start..end``?"""
    k = bisect_left(starts, start)
    return k < len(starts) and starts[k] < end

"""Recognize programs that no kind word names: provincial initiatives, strategies, quoted names.

``数字重庆建设``, ``平安浙江`` (an initiative prefix + a province), the national
strategies of ``strategies.txt``, and quoted names (“三服务”活动), which are
programs or projects by what surrounds the quotes. Programs named by a kind
word (…行动, …工程) are found with projects (:mod:`.projects`); what makes a
program kind weak (机制, 体系) and a coined system (河长制) is said here.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from kg.nlp.components.entities.categories import PLAN_PERIOD, place_before, place_package
from kg.nlp.components.entities.kinds import kind_patterns
from kg.nlp.gazetteer import gazetteer, short_forms
from kg.nlp.lexicon import alternation, read_lines
from kg.nlp.mention import Mention
from kg.nlp.names import (
    BOUNDARY, CLOSE_QUOTES, OPEN_QUOTES, cjk, generic_heads, lead_strips, left_extent, quote_nouns, quoted_spans,
    stops, unquote,
)
from kg.schema import ENTERPRISE, ORGANIZATION, PROGRAM, PROJECT, REGION

# Kinds that make a program only when the name is quoted or coined (机制, 体系…):
# unquoted they are mostly descriptions (招商引资评审机制).
WEAK_PROGRAM_KINDS = {"改革", "机制", "体制", "体系", "模式", "工作法", "战略", "活动", "大比武", "考评",
                      "对标分析", "制", "集成改革", "矩阵", "措施", "大讲堂"}
PROGRAM_VERBS = ("实施", "推进", "推行", "开展", "深化", "强化", "建立", "探索", "启动", "落实", "推广",
                 "抓实", "承接", "狠抓", "试点", "迭代实施", "大力实施", "创新实施", "率先实施", "全面推行",
                 "深入实施", "深入开展", "启动实施", "铺开", "推开")
PROJECT_VERBS = ("上线", "搭建", "研发", "开发", "建成", "投用", "上架")
# (…, or an age cohort: “85后”县管正职 are cadres born after 1985)
SLOGAN = re.compile(r"^[一二三四五六七八九十两百千万\d]+(?:个|大|项|条|号)[\u4e00-\u9fff]{0,4}$|第一$|^[^\u4e00-\u9fff]*$"
                    r"|^(?:\d0|\d5|[零〇][零〇五]|[一二三四五六七八九]零|[一二三四五六七八九]五)后$")
QUOTE_TAIL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9+·]{1,8}")
# Kind phrases a quoted coined name takes besides the kind words (“531”项目储备, “X”企业服务党建品牌);
# a brand of products or of an area (区域公用品牌, “X”品牌) is no program.
QUOTED_KIND = re.compile(r"(?:等)?(?:\d+个|[一二三四五六七八九十]个)?[\u4e00-\u9fff]{0,4}?"
                         r"(?:专项行动|行动|试点|机制|工程|改革|活动|模式|体系|工作法|制度|政策)"
                         r"|[\u4e00-\u9fff]{0,4}?(?:服务|党建)品牌|(?:区域)?发展布局|方式|政策|项目储备|(?:系列)?培训(?:班)?(?=[，。；,;])")
# What is set up or launched for a quoted campaign, and is no part of its name:
# “七清理六落实一兑现”工作专班, “双晒双比”启动大会.
FOR_CAMPAIGN = re.compile(r"(?:工作)?专班|(?:活动)?启动(?:大会|仪式|会)")
# A quoted name a clause takes as its lever is an initiative: 以打造“X”品牌为抓手, 以“X”建设为牵引.
LEVER = re.compile(r"为(?:抓手|牵引|突破口)")
CLAUSE_SPLIT = re.compile(r"[，。、；：,;:\n]")


@functools.lru_cache(maxsize=1)
def strategy_regex() -> re.Pattern:
    """The named strategies of ``strategies.txt``."""
    return re.compile(alternation(read_lines("strategies.txt")))


@functools.lru_cache(maxsize=1)
def initiative_regex() -> re.Pattern:
    """数字重庆建设, 平安浙江: an initiative prefix + 中国 or a province-level name."""
    names = {"中国"}
    for r in gazetteer().by_code.values():
        if r.level == "province" and not r.until:
            names.update(f for f in short_forms(r.name, r.level) if len(f) >= 2)
    prefixes = alternation(read_lines("initiative_prefixes.txt"))
    return re.compile(rf"(?P<base>(?:{prefixes})(?:{alternation(names)}))(?:建设)?"
                      r"(?![\u4e00-\u9fff]{0,6}(?:公司|集团|中心|大学|学院|医院))")


# A quote after these names an honour or a ranking (获评“美丽中国”典型案例), not an initiative.
HONOUR = re.compile(r"(?:获评|评为|入选|荣获)[^，。；,;“”]{0,8}[“「『]$")


def honour(text: str, start: int) -> bool:
    """Is the quoted stretch opening at ``start`` (its quote) an honour or a ranking?"""
    return bool(HONOUR.search(text, max(0, start - 12), start + 1))


def find_strategies(text: str) -> list[Mention]:
    """Provincial initiatives (数字重庆建设, 平安浙江) and national strategies (``strategies.txt``)."""
    out = []
    for m in initiative_regex().finditer(text):
        if m.start() > 0 and text[m.start() - 1] in OPEN_QUOTES and honour(text, m.start() - 1):
            continue          # 获评“美丽中国”典型案例
        aliases = (m.group("base"),) if m.group("base") != m.group() else ()
        out.append(Mention(m.start(), m.end(), PROGRAM, m.group(), "program_province_initiative", aliases))
    for m in strategy_regex().finditer(text):
        if m.start() >= 2 and cjk(text[m.start() - 1]) and place_before(text, m.start()):
            continue          # 成渝|中部地区崛起: the middle of another area, not the national strategy
        end = m.end() + 2 if text.startswith("建设", m.end()) and not m.group().endswith("建设") else m.end()
        aliases = (text[m.start():end],) if end != m.end() else ()
        out.append(Mention(m.start(), end, PROGRAM, m.group(), "program_strategy", aliases))
    return out


# -- quoted names without a kind word ---------------------------------
class _Spans:
    """Spans, asked whether one of them holds ``a..b``: a bisection, not a scan per quote."""

    def __init__(self, spans) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = list(accumulate((e for _, e in spans), max))     # the furthest end so far

    def holds(self, a: int, b: int) -> bool:
        k = bisect_right(self.starts, a)
        return k > 0 and self.reach[k - 1] >= b


def find_quoted(text: str, found: list[Mention]) -> list[Mention]:
    """Quoted names without a kind word: a program or a project by what follows or precedes the quotes
    (“三服务”活动, 上线“浙里办”); ``found`` are the mentions so far, whose spans are not named again."""
    covered = _Spans((m.start, m.end) for m in found if m.label in (PROJECT, PROGRAM, ENTERPRISE, ORGANIZATION))
    programs = [(m.start, m.end) for m in found if m.label == PROGRAM]
    spans = quoted_spans(text)
    out = []
    i = 0
    while i < len(spans):
        # group adjacent quotes: “A”“B”“C”
        group = [spans[i]]
        while i + 1 < len(spans) and spans[i + 1][0] == group[-1][1]:
            i += 1
            group.append(spans[i])
        i += 1
        gs, ge = group[0][0], group[-1][1]
        label = _quoted_label(text, gs, ge) if not honour(text, gs) else None
        if label is None and len(group) > 1 and any(cs <= s + 1 and e - 1 <= ce for s, e in group
                                                    for cs, ce in programs):
            label = PROGRAM       # “民宿大讲堂”“金牌导游说非遗”: quotes written side by side name one kind
        if label is None:
            if len(group) == 1 and not covered.holds(gs + 1, ge - 1) \
                    and (m := _topic_code(text, gs, ge)) is not None:
                out.append(m)
            continue
        for s, e in group:
            inner = text[s + 1:e - 1]
            if covered.holds(s + 1, e - 1) or len(inner) < 2 or PLAN_PERIOD.fullmatch(inner) \
                    or inner in kind_patterns()["kinds"] and not SLOGAN.search(inner) \
                    or SLOGAN.search(inner) and not (_code_acts(text, s, e, len(group))
                                                     or len(group) == 1 and QUOTED_KIND.match(text, e)):
                continue
            # “红黄绿蓝”四色督办: a short tail after the quote belongs to the name.
            tail = QUOTE_TAIL.match(text, e, e + 9) if len(group) == 1 and not ACTING.match(text, e) \
                and not FOR_CAMPAIGN.match(text, e) else None
            if tail and (lever := LEVER.search(tail.group())):      # “金龙人家”品牌为抓手
                tail = QUOTE_TAIL.match(text, e, e + lever.start()) if lever.start() else None
            name, end = inner, e
            if tail and (km := QUOTED_KIND.match(text, e)) and not km.group().startswith("等"):
                name, end = inner + km.group(), km.end()      # “…”区域发展布局|推进: up to the kind phrase
            elif tail and not stops().match(tail.group()) and (text[tail.end():tail.end() + 1] in BOUNDARY
                                                               or LEVER.match(text, tail.end())):
                name, end = inner + tail.group(), tail.end()
            if unquote(name).endswith(program_idioms()):
                continue      # 数字重庆建设“一把手”工程: the leaders' own priority, no name
            aliases = (inner,) if name != inner else ()
            if name != inner and counted_list(text, e - 1, tail.group()) >= 0:
                aliases += (tail.group().removesuffix("项目"),)   # “谋划、签约、投产”三个一批项目
            out.append(Mention(s, end, label, unquote(name), f"{label}_quoted", aliases))
    return out


def _quoted_label(text: str, gs: int, ge: int) -> str | None:
    after = text[ge:ge + 12]
    nouns = _long_quote_nouns()      # …式 ends 模式 and 方式 too
    if after.startswith(quote_nouns()) or text[gs + 1:ge - 1].endswith(nouns) \
            or (tail := QUOTE_TAIL.match(after)) and tail.group().endswith(nouns):
        return None           # 省委“…”要求, 探索“…”做法, “…”协同育人新路径: described, not named
    if QUOTED_KIND.match(after) or FOR_CAMPAIGN.match(after) or place_package(text[gs + 1:ge - 1]):
        return PROGRAM
    before = text[max(0, gs - 12):gs]
    clause = CLAUSE_SPLIT.split(before)[-1]
    while clause.endswith(lead_strips()):       # (one test in C for all of them first)
        adverb = next(a for a in lead_strips() if clause.endswith(a))
        clause = clause[: -len(adverb)]      # 抓实常态化“三服务”: the verb is before the adverb
    if clause.endswith(PROJECT_VERBS):       # (上线, 搭建 among them; a clause holds no newline)
        return PROJECT
    if clause.endswith(PROGRAM_VERBS):
        return PROGRAM if _object_ends(text, ge) else None
    if _acts(text, gs, ge, clause) or _lever(text, gs, ge, clause):
        return PROGRAM
    return None


@functools.lru_cache(maxsize=1)
def _long_quote_nouns() -> tuple[str, ...]:
    return tuple(n for n in quote_nouns() if len(n) > 1)


# What a named initiative does when it opens a clause: “瘦身健体”取得突破, “四个工厂化”促进….
ACTING = re.compile(r"(?:等)?(?:取得|促进|推动|带动|助力|惠及)")


def _topic_code(text: str, gs: int, ge: int) -> Mention | None:
    """``推进文旅“十大融合”``: a verb, a short topic and a quoted code name one program (topic + code)."""
    inner = text[gs + 1:ge - 1]
    if not SLOGAN.search(inner) or not _object_ends(text, ge) or cjk(text[ge:ge + 1]):
        return None
    for k in (2, 3, 4):
        topic = text[gs - k:gs]
        if len(topic) == k and all(cjk(c) for c in topic) and verb_before(text, gs - k) \
                and topic not in lead_strips() and not topic.endswith("委"):
            return Mention(gs - k, ge, PROGRAM, topic + inner, "program_quoted_topic", (inner,))
    return None


def _object_ends(text: str, ge: int) -> bool:
    """Does the verb's object end at the quote, or a short tail after it (推行“…”联合监管，)?

    ``实施“十万千万”领航和领军企业人才培养…``: a quote that a long noun phrase goes on from
    qualifies that phrase; the verb carries out the phrase, not the quote.
    """
    nxt = text[ge:ge + 1]
    if not nxt or not cjk(nxt) or nxt in "等和与及":
        return True
    tail = QUOTE_TAIL.match(text, ge, ge + 9)
    return bool(tail) and text[tail.end():tail.end() + 1] in BOUNDARY | set(OPEN_QUOTES)


def _code_acts(text: str, s: int, e: int, n: int) -> bool:
    """``“四个工厂化”促进…``: a quoted code that opens its clause and acts is an initiative's name."""
    return n == 1 and (s == 0 or text[s - 1] in BOUNDARY) and bool(ACTING.match(text, e))


def _lever(text: str, gs: int, ge: int, clause: str) -> bool:
    """``以打造“金龙人家”品牌为抓手``: the quote is inside ``以…为抓手`` (or 牵引, 突破口)."""
    return "以" in clause and bool(LEVER.search(text, ge, ge + 12)) \
        and not any(ch in "，。；,;" for ch in text[ge:LEVER.search(text, ge, ge + 12).start()])


def _acts(text: str, gs: int, ge: int, clause: str) -> bool:
    """Does a quoted name open its clause as the subject of what an initiative does?

    ``区县国企“瘦身健体”取得突破``, ``“一业一策”“一市一策”推动…``: a quote at the start of a
    clause (or after the unit that runs it) followed by such a verb names an initiative;
    quoted speech (with punctuation inside) does not.
    """
    inner = text[gs:ge]
    if not ACTING.match(text, ge) or any(ch in "，。！？；：,!?;:" for ch in inner):
        return False
    return not clause or len(clause) <= 6      # …，区县国企“瘦身健体”取得突破


NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
COUNT_LEAD = re.compile(r"([一二两三四五六七八九十]|\d{1,2})(?:个|大|项|条|位)")


# Pilots and mechanisms named before the kind word they share: A、B等国家试点, 揭榜挂帅等机制.
LISTED_KIND = re.compile(r"等(?:国家|省级|市级)?(?:创新)?(试点|机制)")
LISTED_ITEM = 12


def find_listed_programs(text: str, bounds: frozenset[int]) -> list[Mention]:
    """Unquoted items listed before ``等…试点`` or ``等…机制``: each is a program.

    ``争取现代商贸流通体系、国际消费环境提质等试点`` names two pilots (each with 试点, the
    bare item its alias); ``健全揭榜挂帅等机制`` one mechanism, named as written.
    """
    out = []
    for m in LISTED_KIND.finditer(text):
        kind, e = m.group(1), m.start()
        while e > 0 and text[e - 1] not in CLOSE_QUOTES:
            s = left_extent(text, e, max_len=LISTED_ITEM, bounds=bounds)
            item = text[s:e] if s >= 0 else ""
            if len(item) < 4 or not cjk(item[0]) or SLOGAN.search(item) or item.endswith(tuple(generic_heads())):
                break
            name, aliases = (item + kind, (item,)) if kind == "试点" else (item, (item + kind,))
            out.append(Mention(s, e, PROGRAM, name, "program_listed", aliases))
            if s < 1 or text[s - 1] != "、":
                break
            e = s - 1
    return out


@functools.lru_cache(maxsize=1)
def program_idioms() -> tuple[str, ...]:
    """Phrases that end in a kind word but name no program (``program_idioms.txt``)."""
    return read_lines("program_idioms.txt")


# Nouns a program's name may run into (推动提振消费专项行动机遇, 发挥…试点作用): what it brings or asks.
PROGRAM_AFTER = re.compile(r"机遇|作用|成效|任务")
# 计划 as a verb right after a name: 相关项目计划投资28亿元, 计划于年内开工.
PLAN_VERB = re.compile(r"计划(?:总?投资|于|在|年内|今年|明年|完成|开工|建成|新增|引进|实现)")


# A plan handled, not named: 下达计划, 完成计划, 编制计划 (发展改革委下达计划).
PLAN_HANDLED = re.compile(r"(?:下达|制定|制订|编制|完成|执行|调整|报送|上报|审定|印发)计划$")


def no_program(text: str, name: str, ke: int) -> bool:
    """Is a name ending in a program kind word an idiom, its 计划 a verb (``…计划投资``), or a plan
    that is handled (``下达计划``)?"""
    return name.endswith(program_idioms()) or bool(PLAN_VERB.match(text, ke - 2)) \
        or bool(PLAN_HANDLED.search(name))


def verb_before(text: str, pos: int) -> bool:
    """Does the clause before ``pos`` end with a program verb (推进“一号工程”), adverbs aside?"""
    clause = CLAUSE_SPLIT.split(text[max(0, pos - 12):pos])[-1]
    while (adverb := next((a for a in lead_strips() if clause.endswith(a)), None)) is not None:
        clause = clause[: -len(adverb)]
    return clause.endswith(PROGRAM_VERBS)


def counted_list(text: str, end: int, label: str) -> int:
    """Start of the list that a counted label after ``end`` sums up, else ``-1``.

    ``A、B、C、D、E“五大行动”``, ``“甲、乙、丙”三个一批``: a count that equals the number of
    items before it names the package those items make (one program).
    """
    m = COUNT_LEAD.match(label)
    if not m:
        return -1
    n = int(m.group(1)) if m.group(1).isdigit() else NUMERALS[m.group(1)]
    start = end
    while start > 0 and text[start - 1] not in "，。；：,;:!?！？\n“”" and end - start < 60:
        start -= 1
    start += next((len(v) for v in sorted(PROGRAM_VERBS, key=len, reverse=True) if text.startswith(v, start)), 0)
    items = text[start:end].split("、")
    if len(items) == n and n >= 2 and all(0 < len(i) <= 8 for i in items):
        return start
    return -1


def coined_system(text: str, start: int, core: str, kind: str) -> bool:
    """An unquoted …制 that is a named system: 河长制, or a long name a program verb introduces.

    ``建立重大项目专班攻坚制``: the verb and the length make it coined; 所有制 is not.
    """
    if kind != "制":
        return False
    return core.endswith("长") or (len(core) >= 6 and text[max(0, start - 4):start].endswith(PROGRAM_VERBS))


def verb_core(text: str, ks: int, bounds: frozenset[int]) -> int:
    """Start of a program name whose core ends in a verb (…转型升级试验区, 头雁孵化培育行动), else ``-1``.

    A program names what it does, so the word before its kind word may be a verb
    that the name grammar takes for the word that opens a name: the name runs on
    left of that verb, and needs a core of its own there.
    """
    w = ks - 1
    while w > 0 and w not in bounds:
        w -= 1
    if not 2 <= ks - w <= 3 or w < 2:
        return -1          # 提质|等|试点, 科学|与|工程: a function word is no verb of the name
    start = left_extent(text, w, max_len=24, bounds=bounds, verbs_lead=False)
    return start if 0 <= start and w - start >= 3 else -1


def quote_opening(text: str, start: int, end: int) -> int:
    """The open quote before ``start`` of a quote that closes right at ``end``, else ``-1``."""
    if text[end:end + 1] not in CLOSE_QUOTES or start < 1 or text[start - 1] in OPEN_QUOTES:
        return -1
    q = max(text.rfind(o, max(0, end - 30), start) for o in OPEN_QUOTES)
    return q if q >= 0 and not any(ch in CLOSE_QUOTES for ch in text[q + 1:end]) else -1


_OPENING = re.compile("[" + re.escape(OPEN_QUOTES + "‘") + "]")


def quote_inside(raw: str) -> int:
    """Where the first quote opens inside a program name, after a plain prefix; else ``-1``.

    ``培育发展新质生产力“2345”工作体系``, ``区领导“招引落服”“五个一”机制``: the words before a
    coined quoted name describe it (who runs it, what for); the name is the quote on.
    """
    q = o.start() if (o := _OPENING.search(raw)) else -1
    return q if q > 0 and cjk(raw[q - 1]) and not any(ch in CLOSE_QUOTES + "’" for ch in raw[:q]) else -1


# The shortest program name sought again unquoted: shorter codes (三服务) are common words too.
NAMED_AGAIN_MIN = 4


def named_again(text: str, found: list[Mention], bounds: frozenset[int]) -> list[Mention]:
    """A program the text has named (quoted, or with its kind word) is the same program where it is
    written again without the cue: “一县一策”机制 in one speech, 落实一县一策 in another.

    Only whole words of the segmentation (``bounds``) count, outside every other name, so that a
    name inside a longer one (数字化改革 in 数字化改革办公室) is left to that one.
    """
    # The whole name anywhere; a shorter alias only as a program verb's object, since it may be a
    # plain phrase elsewhere (下大力气招大引强, beside 实施招大引强“一号工程”).
    names: dict[str, tuple[str, bool]] = {}
    for m in found:
        if m.label == PROGRAM and not m.attrs.get("nested"):
            for form in (m.name, *m.aliases):
                if len(form) >= NAMED_AGAIN_MIN and form not in names:
                    names[form] = (m.name, form != m.name)
    if not names:
        return []
    taken = sorted((m.start, m.end) for m in found if m.label != REGION or not m.attrs.get("nested"))
    # Overlap with a taken span in one bisection: the furthest end among the spans starting before.
    starts = [s for s, _ in taken]
    reach = list(accumulate((e for _, e in taken), max))
    added: list[tuple[int, int]] = []
    out = []
    for form, (name, alias) in names.items():
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            if at in bounds and end in bounds and not ((k := bisect_left(starts, end)) and reach[k - 1] > at) \
                    and not any(s < end and at < e for s, e in added) \
                    and (not alias or text.endswith(PROGRAM_VERBS, max(0, at - 4), at)):
                out.append(Mention(at, end, PROGRAM, name, "program_named_again", (form,) if alias else ()))
                added.append((at, end))
            at = text.find(form, end)
    return out

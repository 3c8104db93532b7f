"""Recognize enterprises: registered names, brands, listed and signed companies, trade names.

A registered name is region + trade name + industry + form (…有限公司, …集团,
``enterprise_suffixes.txt``); brands (``brands.txt``) are names of their own.
Companies also come listed before a cue (X、Y等头部企业), signed (签约X、Y等项目),
or after 企业 (企业X共建…). Trade names without such a cue are in
:mod:`.trade_names`.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left

from kg.nlp.components.entities.company_lists import counted_lists, list_mate, listed_before
from kg.nlp.components.entities.company_starts import (
    LATIN_LEAD, SUPPORTED, after_quoted_class, branch_after, classifier_lead, enterprise_patterns, known_short_name,
    parent_start, past_role_noun, past_verb_before_place, supported_frame, supported_name, verb_before,
    whole_word_start,
)
from kg.nlp.components.entities.kinds import kind_patterns
from kg.nlp.gazetteer import gazetteer
from kg.nlp.lexicon import Trie, read_lines
from kg.nlp.mention import Mention
from kg.nlp.names import (
    BOUNDARY, CLOSE_QUOTES, cjk, distinctive, generic_heads, inner_verbs, is_kind_word, left_extent,
    stops, unquote, word_end,
)
from kg.nlp.name_leads import RESULT_COMPLEMENTS, lead_verbs, protected
from kg.nlp.wordclass import is_proper, word_classes
from kg.schema import ENTERPRISE

# 等头部企业, 等一批核心零部件配套企业, 等云南本土咖啡品牌: what ends a list of companies.
ENTERPRISE_LIST_WIDE = re.compile(r"等(?:一批|多家|\d+家|知名|国内外|国际)?[\u4e00-\u9fff]{0,10}?"
                                  r"(?:企业|公司|品牌|厂商|[车药外乳酒房险央国民]企|巨头|龙头)(?![\u4e00-\u9fff]{0,2}(?:家|个))")
PLACE_IN_BRACKETS_ANY = re.compile(r"[（(][\u4e00-\u9fff]{2,6}[)）]")
PLACE_IN_BRACKETS = re.compile(PLACE_IN_BRACKETS_ANY.pattern + "$")   # ends where the company suffix starts
# A quoted sentence before 公司 (“…这就是高新区速度。”公司总经理) is no company name.
SENTENCE_PUNCT = re.compile(r"[。！？，；,;!?]")
# 区级强村公司, 省级平台公司: a level names a kind of company, not one.
LEVEL_LEAD = re.compile(r"(?:国家|省|市|区|县|镇|乡|村)级")
SIGNED_CUE = re.compile(r"(签约|引进|新引进|新增|落户|招引)")
# 等…项目, 3个…项目: what ends a list of projects. ``(?:等|N+个)`` written as one character class
# then a lookbehind for which it was, so that ``re`` skips to the positions that class lets through.
_NUMERALS = "两\\d一二三四五六七八九十"
LISTED_PROJECTS = re.compile(rf"[等{_NUMERALS}](?:(?<=等)|(?<=[{_NUMERALS}])[{_NUMERALS}]*个)[^，。；、\n]{{0,16}}?项目")


@functools.lru_cache(maxsize=1)
def brands() -> Trie:
    """Brands (``brands.txt``): leftmost-longest, like a longest-first alternation, faster."""
    return Trie(read_lines("brands.txt"))


# Conjunctions: one ending a core, or inside a bare X公司 (企业和外地公司), joins phrases, not a name.
CONJUNCTIONS = "和与及"


def find_enterprises(text: str, regions: list[Mention], bounds: frozenset[int]) -> list[Mention]:
    """Companies by their suffix (…有限公司, …集团) or brand, listed before a cue (X、Y等头部企业), signed
    (签约X、Y等项目) or named after 企业 (企业X共建…).

    ``regions`` are the region mentions (a registered name may start at one);
    ``bounds`` are the word starts of the segmenter (see :func:`kg.nlp.names.left_extent`).
    """
    out = []
    region_starts = sorted({r.start for r in regions})
    region_at = {r.start: r for r in regions if r.region is not None and not r.attrs.get("nested")}
    countries = {r.start: r.end for r in regions if r.region is not None and r.region.level == "country"}
    brand_starts = set()
    for s, e in brands().finditer(text):
        if _brand_word(text, s, e, bounds):
            out.append(Mention(s, e, ENTERPRISE, text[s:e], "enterprise_brand"))
            brand_starts.add(s)
    place_starts = set(region_starts)
    region_ends = {r.end for r in regions if r.region is not None}
    for s, e in listed_companies().finditer(text):
        if s in bounds and (s in brand_starts or e in place_starts) and not gazetteer().candidates(text[s:e]):
            # 隆基绿能|西咸…项目, 天合光能|淮安基地: a brand opens it (and is no name of its own), or its
            # plant's place follows
            out = [b for b in out if b.start != s or b.end >= e]
            out.append(Mention(s, e, ENTERPRISE, text[s:e], "enterprise_listed_company"))
            continue
        # 大洋电机、川渝时代建成投产: a listed company's short name, where it is a word of its own and
        # no place (鄂尔多斯 is a city before a company), nor a place's own part (北京|中关村)
        if (s in region_ends or any(text[s - n:s] in protected() for n in (2, 3, 4) if s >= n)) \
                and not COMPANY_POST_AT.match(text, e):
            continue
        if s in bounds and not gazetteer().candidates(text[s:e]) and (e == len(text) or not cjk(text[e]) or stops().match(text, e)
                            or text[e] in LIST_JOINERS or COMPANY_POST_AT.match(text, e)
                            or COMPANIES_COUNTED.match(text, e)):
            out.append(Mention(s, e, ENTERPRISE, text[s:e], "enterprise_listed_company"))
    company = enterprise_patterns()["company"]
    for m in company.finditer(text):
        s_start, s_end, suffix = m.start(), m.end(), m.group()      # the legal form's span (…有限公司)
        if company.match(text, s_end):
            continue        # 浙江吉利控股集团|有限公司: the name goes on to its legal form
        # 信达生物制药（苏州）有限公司: the place of a branch, in brackets before the suffix.
        place = PLACE_IN_BRACKETS.search(text, max(0, s_start - 8), s_start)
        before = place.start() if place else s_start
        start = left_extent(text, before, max_len=24, bounds=bounds)
        if start > 2 and text[start - 1] in ")）":
            # 彩虹（合肥）液晶玻璃有限公司: the place in brackets after the trade name
            inner = PLACE_IN_BRACKETS.search(text, max(0, start - 8), start)
            trade = left_extent(text, inner.start(), max_len=10, bounds=bounds) if inner else -1
            if trade >= 0 and inner.start() - trade >= 2:
                start = trade
        if start > 0 and start not in bounds:
            start = whole_word_start(text, start, before, bounds)
        if start > 2 and company.match(text, start, before):
            start = parent_start(text, start, bounds)      # 中国电力建设|集团湖南电力有限公司
        if start > 0:
            start = _registered_start(text, start, region_starts, bounds)
        start = _after_location(start, before, region_at)
        if start >= 0 and text.startswith(_LEAD_VERB_FIRSTS, start):
            start = _past_lead_verb(text, start, before, bounds)
        if start >= 0 and (q := after_quoted_class(text, start, before, bounds)) > start:
            start = q     # “小巨人”企业|江苏恒立…, “瞪羚企业”|南京…: a quoted class of firms before the name
        lead = classifier_lead().match(text, start, before)       # 外资企业|晓星集团
        if lead and before - lead.end() >= 2 and lead.end() in bounds:
            start = lead.end()
        if start >= 0:
            start = past_role_noun(text, start, before, bounds, region_at)
        if start >= 0 and before - start > 6:
            start = past_verb_before_place(text, start, before, bounds)
        name = unquote(text[start:s_end])
        core = name[: before - s_end]
        if SENTENCE_PUNCT.search(core) and (q := _after_quoted_sentence(text, start, before)) > start:
            start, name = q, text[q:s_end]      # “…成本高。”辽宁铁集国际物流有限公司: the name follows the quote
            core = name[: before - s_end]
        if before - 1 in bounds and before in bounds and word_classes().get(text[before - 1]) == "r":
            continue      # enterprise_pronoun: 到该公司, 我公司, 各集团 refer to a company, they name none
        if start > 0 and text[start - 1] == "等" and not distinctive(core):
            continue      # …等政策性银行: the kind the list's items are, no company
        if suffix in SHORT_SUFFIXES and verb_before(text, start, s_start, bounds):
            continue      # 为项目提供|保险, 发展|证券: the object of a verb, a trade, not a company
        if start < 0 or len(core) < 2 or not (cjk(name[0]) or LATIN_LEAD.match(name) and cjk(core[-1])) \
                or core in generic_heads() or LEVEL_LEAD.match(core) \
                or SENTENCE_PUNCT.search(core) or "+" in core \
                or suffix in SHORT_SUFFIXES and s_start not in bounds \
                and not (suffix == "银行" and s_end in bounds and _bank_word(text, start, s_start, bounds)) \
                or core[-1] in "的等" or core[-1] in CONJUNCTIONS and not suffix.endswith("有限公司") \
                or len(core) <= 2 and not distinctive(core) and not known_short_name(core) \
                and not (start in bounds and word_classes().get(text[start:word_end(bounds, start, s_end)]) == "nt") \
                and not (suffix != "公司" and core not in trade_endings() and BROUGHT_IN.search(text, max(0, start - 3), start)) \
                and not (suffix != "公司" and core not in trade_endings() and HEAD_AFTER.match(text, s_end)) \
                and not (suffix != "公司" and core not in trade_endings() and supported_frame(text, start, s_end)) \
                or suffix == "公司" and (not (distinctive(core) or known_short_name(core)) or any(c in CONJUNCTIONS for c in core)):
            continue      # 国有资源和证券 (新希望六和股份有限公司 is one); 科技公司, 宣告公司 (该公司…); 园区宣告公司, 企业和外地公司
        aliases = ()
        if name.startswith("国资"):
            aliases = (name[2:],)
        if suffix.endswith("公司") and (branch := branch_after(text, s_end)) > s_end:
            # 长沙银行股份有限公司|湘潭分行: a bank's branch named after its registered name, in full
            out.append(Mention(start, branch, ENTERPRISE, name + text[s_end:branch], "enterprise_branch", (name, *aliases)))
            continue
        out.append(Mention(start, s_end, ENTERPRISE, name, "enterprise_suffix", aliases))
    # X、Y等头部企业 / 签约X等项目 / 企业X
    # X、Y等头部企业 / 雀巢和星巴克等知名咖啡品牌: items that look like names (物流、电商等企业 lists trades)
    for m in (*ENTERPRISE_LIST_WIDE.finditer(text), *counted_lists(text)):
        items = [_past_country(e, countries) for e in
                 listed_before(text, m.start(), "enterprise_listed", bounds=bounds, split_and=True,
                               verbs_lead=True, alnum=True)]
        named = [e for e in items if not is_kind_word(e.name) and (distinctive(e.name) or trade_ending(e.name))]
        if text[m.start()] != "等" and (len(items) < 2 or len(named) < len(items)):
            continue        # a count ends a list of named companies only (…服务681家企业, 自贡市446家企业)
        if named and len(items) > len(named) and 2 * len(named) >= len(items):     # 安踏、特步、361度、恒安等:
            # the named vouch for their mates, where they are half the list at least
            named += [e for e in items if e not in named and list_mate(e.name)]
        out += named
    for m in LISTED_PROJECTS.finditer(text):
        listed = [e for e in listed_before(text, m.start(), "enterprise_signed", bounds=bounds)
                  if not kind_patterns()["kind"].search(e.name[-4:])]      # not 装备制造
        items = [e for e in listed if distinctive(e.name) or known_short_name(e.name)]
        if not items:
            continue
        if len(items) < len(listed) and any(known_short_name(e.name) for e in items):
            # 理想汽车、中创新航、蜂巢能源等项目: a known company vouches for the trade names beside it,
            # and, with them half the list, for the coined rest
            items += [e for e in listed if e not in items and trade_ending(e.name)]
            if 2 * len(items) >= len(listed):
                items += [e for e in listed if e not in items and list_mate(e.name)]
            items.sort(key=lambda e: -e.start)
        clause = _clause_start(text, items[-1].start)
        if SIGNED_CUE.search(text, clause, items[-1].start + 1):      # 签约X、Y等项目, 落户X、Z园等项目
            out += items
        elif any(trade_named(e.name) for e in items):             # 抓好X纤维等项目: a company's project
            for e in items:
                e.attrs["hosted"] = True         # counted among the region's projects: it is there
            out += items
    region_first = set(region_starts)
    for m in SUPPORTED.finditer(text):
        s, e = m.span(1)
        if supported_name(text, s, e, bounds) and (m.group(2) or e + 1 in region_first
                                                    or any(text[e + 1:e + 1 + n] in protected() for n in (2, 3, 4))):
            out.append(Mention(s, e, ENTERPRISE, text[s:e], "enterprise_supported"))
    for m in APPOSED.finditer(text):
        if m.start(1) not in bounds or m.end(1) not in bounds:
            continue          # 企业家|把…: 企业 is part of a longer word; a name ends where a word does
        if gazetteer().candidates(m.group(1)) or is_kind_word(m.group(1)) or m.group(1)[0] in "与和同及跟向在" \
                or word_classes().get(m.group(1)) in ("v", "vn"):     # 企业|开展|合作: a verb
            continue          # 医药企业|辽宁|投资合作对接会: a place; 等企业|数据中心|落户: a kind of thing
        out.append(Mention(m.start(1), m.end(1), ENTERPRISE, m.group(1), "enterprise_apposition"))
    return out


# 企业X共建…: a company named right after 企业 and before its action (not 合作社, a cooperative).
APPOSED = re.compile(r"(?:下属企业|企业)([\u4e00-\u9fff]{2,6}?)(?=共建|合作(?!社)|投资|建设|打造|签约|落户)")


def _past_country(e: Mention, countries: dict[int, int]) -> Mention:
    """An item without the country it opens with (德国|博世, 日本|电装): the country is no part of the name."""
    end = countries.get(e.start, e.start)
    if e.end - end < 2 or end == e.start:
        return e
    return Mention(end, e.end, e.label, e.name[end - e.start:], e.rule)


@functools.lru_cache(maxsize=1)
def listed_companies() -> Trie:
    """Short names of listed companies (``company_short_names.txt``, from a package's data; SOURCES.md)."""
    return Trie(read_lines("company_short_names.txt"))


# A company post right after a listed company's short name (格力电器|董事长) shows the company, as does
# its plant's phase (万华化学|二期).
COMPANY_POST_AT = re.compile(r"(?:党委书记|副?董事长|副?总经理|首席执行官|副?总裁|创始人|有关负责人|负责人|[一二三四五六]期)")


# 国轩高科、阳光电源|两家企业: the list's count of companies after its last item.
COMPANIES_COUNTED = re.compile(r"[两二三四五六七八九十几\d]+(?:家|大)(?:企业|公司|龙头|[车药乳酒房央国民]企)")


# One-word endings that a common word may hold (养老保险, 商业银行): they end a name only as a word of their own,
# or a bank's as the end of a word of the dictionary whose core is proper (中国工商银行; 城乡居民养老保险 is
# an insurance scheme).
SHORT_SUFFIXES = frozenset(("银行", "证券", "保险", "控股"))


def _bank_word(text: str, start: int, suffix: int, bounds: frozenset[int]) -> bool:
    """Is the word of the dictionary that holds 银行 (at ``suffix``) a bank's whole name, from ``start``
    or after a place (中国工商银行, 中国|农业发展银行), with a proper core (not 商业银行)?"""
    w = suffix
    while w > start and w not in bounds:
        w -= 1
    return w in bounds and (w == start or text[start:w] in protected() or word_classes().get(text[start:w]) == "ns") \
        and distinctive(text[start:suffix])


# A company's own head after its name (远景集团|高级副总裁): the name before is a company's, its core however common.
HEAD_AFTER = re.compile(r"(?:高级)?(?:副?董事长|副?总经理|首席执行官|副?总裁|创始人)")
# A company brought in: the registered name after one of these may have a common word for a core (引进正大集团).
BROUGHT_IN = re.compile(r"(?:引进|引入|招引|签约|携手)了?$")
# Verbs after which a word is a company (联合小米, 引进大众).
COMPANY_CUE = re.compile(r"(?:联合|携手|与|同|引进|引入|招引|签约)$")


def _brand_word(text: str, start: int, end: int, bounds: frozenset[int]) -> bool:
    """Is a brand's match a word of its own, and the company?

    Not inside a word (网|格力|量), and a brand that is also a common word (大众, 苹果)
    not where it modifies the common noun after it (大众|消费); a company or
    industry word after it (大众|汽车), a proper noun (百度|阿波罗) or a cue before (联合|小米) keeps it.
    """
    if start not in bounds:
        return False
    if end not in bounds:        # 海尔集团, 中国移动通信集团: a word of the dictionary that is the company's name
        word = text[start:word_end(bounds, start, min(len(text), start + 10))]
        return bool(enterprise_patterns()["company_end"].search(word)) or trade_ending(word)
    if is_proper(text[start:end]) or any(k in bounds for k in range(start + 1, end)) \
            or COMPANY_CUE.search(text, max(0, start - 2), start):
        return True               # a proper noun, no word of the dictionary (赛|力|斯), or after 联合, 引进…
    nxt = text[end:word_end(bounds, end, min(len(text), end + 4))]
    return not (len(nxt) >= 2 and all(cjk(c) for c in nxt) and word_classes().get(nxt) in (None, "vn")
                and nxt not in trade_endings() and not enterprise_patterns()["company"].match(nxt))


_LEAD_VERB_FIRSTS = tuple({w[0] for w in read_lines("lead_verbs.txt")})


def _past_lead_verb(text: str, start: int, end: int, bounds: frozenset[int]) -> int:
    """enterprise_lead_verb: past a verb that jieba files as a noun (``lead_verbs.txt``) opening a
    registered name, where a place or a proper noun follows it: 委托|广西投资集团有限公司. A
    company's name opens with its place or trade name, never with 委托, 服务 or 对接."""
    if start not in bounds:
        return start
    stop = word_end(bounds, start, end)
    if text[start:stop] not in lead_verbs() or end - stop < 2:
        return start
    nxt_end = word_end(bounds, stop, end)
    if text[stop:nxt_end] in RESULT_COMPLEMENTS and end - nxt_end >= 2:
        return nxt_end      # 服务|好|中国石化…: a complement makes the word a verb, whatever follows
    nxt = text[stop:nxt_end]
    return stop if nxt in protected() or is_proper(nxt) else start


def _after_quoted_sentence(text: str, start: int, end: int) -> int:
    """Where a name starts after a quoted sentence that closes right before it (“…。”X有限公司), or ``start``."""
    close = max(text.rfind(q, start, end) for q in CLOSE_QUOTES)
    return close + 1 if close >= start and end - close - 1 >= 2 else start


# After a name, these join it to the next item of a list or to what it owns (宁德时代、…; 京东方的…).
LIST_JOINERS = set("、和与及等的在")


@functools.lru_cache(maxsize=1)
def trade_endings() -> tuple[str, ...]:
    return read_lines("trade_name_endings.txt")


def trade_named(name: str) -> bool:
    """A trade name with its industry word (赛力纤维, 东明石化): a proper or coined core of two or three
    characters before the ending (a longer one describes: 川渝特色|食品)."""
    return name.endswith(trade_endings()) and any(      # (one test in C first: most names end otherwise)
        name.endswith(w) and 2 <= len(name) - len(w) <= 3 and distinctive(name[: -len(w)]) for w in trade_endings())


CLAUSE_MARKS = "，。；：！？,;:!?\n"


def _clause_start(text: str, pos: int, reach: int = 40) -> int:
    """Where the clause holding ``pos`` starts (after the last comma or stop, at most ``reach`` back)."""
    lo = max(0, pos - reach)
    return max([text.rfind(c, lo, pos) + 1 for c in CLAUSE_MARKS] + [lo])


def trade_ending(name: str) -> bool:
    """Does ``name`` end like a company's trade name (纵横股份, 大洋电机), with two characters before?"""
    return name[2:].endswith(trade_endings())     # (an ending with two characters before it)


def _after_location(start: int, end: int, region_at: dict[int, Mention]) -> int:
    """Skip a location written before a registered name: 襄阳高新区|湖北汉江智行汽车科技有限公司.

    A region followed by one that it does not contain starts the name anew; a
    region followed by its own part (金华市|金东…) is the name's own prefix.
    """
    r = region_at.get(start)
    while r is not None and r.end < end:
        nxt = region_at.get(r.end)
        if nxt is None:
            break
        if not gazetteer().is_within(nxt.region, r.region) and not _twin_places(r.region, nxt.region):
            return nxt.start
        r = nxt
    return start


def _twin_places(a, b) -> bool:
    """Two neighbouring places of one level and one parent, named together (宁波|舟山港集团, 川|渝…):
    a joint name's prefix, not a location before the name."""
    return a.level == b.level and a.parent == b.parent and a.adcode != b.adcode


def _registered_start(text: str, start: int, region_starts: list[int], bounds: frozenset[int] | None = None) -> int:
    """Where a company name cut at an industry word really starts: at its region.

    A registered company name is region + trade name + industry + form, and the
    industry may be a verb the name grammar stops at: 金华市金东城市|建设投资集团有限公司.
    When only such words (``name_inner_verbs.txt``) lie between a region mention
    and the cut, the name starts at the region.
    """
    inner = inner_verbs()
    if not text.endswith(tuple(inner), 0, start):      # (one test in C instead of one per verb)
        return start
    lo = bisect_left(region_starts, start - 14)
    starts = region_starts[lo:bisect_left(region_starts, start)]
    if bounds is not None:      # a place's name the region finder left (投资方|山西|建设投资集团): a word of places
        starts = sorted({*starts, *(k for k in range(max(0, start - 14), start) if k in bounds
                                   and text[k:word_end(bounds, k, start)] in protected())})
    for r in starts:
        span = text[r:start]
        if any(ch in BOUNDARY for ch in span):
            continue
        if all(m.group() in inner for m in stops().finditer(span)):
            return r
    return start

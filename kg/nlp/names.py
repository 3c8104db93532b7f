"""The name grammar shared by organizations, enterprises, projects and programs.

Chinese names of undertakings end with a kind word (…产业园, …行动计划,
…有限公司) and start after the verb or function word that introduces them
(打造, 实施, 与, 的…). :func:`left_extent` finds that start; quoted parts
(“一业一证”智慧审批改革) are taken whole, so a quote never cuts a name.
"""

from __future__ import annotations

import functools
import re
from typing import AbstractSet, Iterator

from kg.nlp.lexicon import alternation, read_lines
from kg.nlp.name_leads import (COUNTED_WORD, RESULT_COMPLEMENTS, after_example_marker, after_verb_before_proper, clause_openers,
                                complement_at, counted_in_words, lead_verbs, protected, word_end)
from kg.nlp.tokenizer import shared_cutter
from kg.nlp.wordclass import FUNCTION_TAGS, SINGLE_FUNCTION_TAGS, is_function_word, is_proper, word_classes

OPEN_QUOTES = "“「『\""
CLOSE_QUOTES = "”」』\""
QUOTE_PAIRS = {"”": "“", "」": "「", "』": "『"}
# (and the bullets of lists and headings, ■X有限公司, ▲X集团: no name runs across them)
BOUNDARY = set("，。、；：！？,;:!?（）()【】《》〈〉[]{}\n\t …—|/■□▲△▼▽●○◆◇★☆※→►▶•◎")
NUMERIC_LEAD = re.compile(r"(?:第?[\d.０-９]+[%％]?(?:余|多)?(?:万|亿)?(?:元|个|家|亩|平方米|项|条|期|年|月|日|名|人|户|列|场|座|所|支)?)+")
COUNTED = re.compile(r"[个家项条座所支]$")
_HAS_QUOTE = re.compile("[" + re.escape(OPEN_QUOTES + CLOSE_QUOTES) + "]")
_AND = re.compile(r"[和及与]")
# The characters that left_extent's scan stops at or treats apart: quotes, dashes, brackets, punctuation.
_SPECIAL = re.compile("[" + re.escape("".join(sorted(BOUNDARY | set(OPEN_QUOTES + CLOSE_QUOTES) | set(QUOTE_PAIRS)
                                                     | set("—)）")))) + "]")
# The last special character before a position: greedy ``.*`` backs off from the right in C.
_LAST_SPECIAL = re.compile("(?s:.*)" + _SPECIAL.pattern)
_QUOTE_MARKS = "“”「」『』\"‘’'《》"
STRIP_QUOTES = str.maketrans("", "", _QUOTE_MARKS)


@functools.lru_cache(maxsize=1)
def stops() -> re.Pattern:
    # (``re`` skips in C to where a stop word may start: each branch of the alternation opens with
    # its own character.)
    return re.compile(alternation(read_lines("name_stops.txt")))


_ANY_QUOTE = re.compile("[" + re.escape(_QUOTE_MARKS) + "]")


def unquote(s: str) -> str:
    # Most names hold no quote: a search in C is cheaper than translate's lookup per character.
    return s.translate(STRIP_QUOTES) if _ANY_QUOTE.search(s) else s


def left_extent(text: str, end: int, *, max_len: int = 24, min_core: int = 2,
                bounds: AbstractSet[int] | None = None, verbs_lead: bool = True) -> int:
    """Start of the name whose core ends at ``end`` (exclusive).

    Scans left over name characters and whole quoted stretches, stops at
    punctuation, then moves right past the last stop word that still leaves a
    core of ``min_core`` characters. Returns ``-1`` for counted things
    (``4个电商直播园区``), which are not names.

    ``bounds`` (word starts from the segmenter) keeps one-character stop words
    that sit inside a word from cutting a name: 向 in 双向流通体系; with them, the
    verbs and function words a candidate opens with are not part of it (see
    :func:`_after_leading_function_words`), unless ``verbs_lead`` is false: a
    program's name may well open with its verb (提振消费专项行动).
    """
    i = end
    budget = max_len
    while i > 0 and end - i < budget:
        # Ordinary characters are passed over at once: only the nearest special one matters.
        lo = end - budget if end > budget else 0
        last = _LAST_SPECIAL.match(text, lo, i)
        if last is None:
            i = lo
            if lo > 0 and bounds is not None and lo not in bounds and cjk(text[lo - 1]):
                i = word_end(bounds, lo, end)   # budget_word_start (below)
            break
        special = last.end() - 1
        i = last.end()
        ch = text[special]
        if ch in QUOTE_PAIRS:
            j = text.rfind(QUOTE_PAIRS[ch], max(0, i - 40), i - 1)
            if j < 0:
                break
            i = j
            continue
        if ch == "—" and _dash_joins(text, i - 1):
            i -= 1          # 中国—东盟跨境电商产业园: two places joined by a dash
            continue
        if ch in ")）" and (j := _bracketed_place(text, i)) >= 0:
            budget += i - j     # the bracket does not count towards the name's length
            i = j           # 中欧班列(沈阳)集结中心: a place in brackets inside the name
            continue
        if ch in BOUNDARY or ch in OPEN_QUOTES or ch in CLOSE_QUOTES:
            break
        i -= 1
    else:
        # budget_word_start: a scan that ran out of length stopped inside a word of the segmenter
        # (加快|埃夫特…产业园 cut at 快): the name starts at the next word, not inside one.
        if i > 0 and bounds is not None and i not in bounds and cjk(text[i - 1]):
            i = word_end(bounds, i, end)
    span = text[i:end]
    quoted = _quoted_mask(span) if _HAS_QUOTE.search(span) else None
    matches = list(stops().finditer(span))
    if quoted is None:
        found = matches     # only the last few are asked whether they cut (see below), right to left
    else:                   # (without a quote mark no stop word goes on a quoted name)
        found = _after_quote_kept(span, [m for m in matches if not any(quoted[m.start():m.end()])
                                         and _cuts(span, m, bounds, i)])
    cut = 0
    inner = inner_verbs()
    room = len(span) - min_core
    for m in reversed(found):
        a, b = m.span()
        # (inlined _cuts: a character inside a word of the segmenter, or of a place, cuts nothing)
        if quoted is None and b - a == 1 and (bounds is not None and not (i + a in bounds and i + b in bounds)
                                              or _inside_word(span, a, b)):
            continue
        if b <= room and not (m.group() in inner and span[b:] in _name_kinds()):
            cut = b
            break
        if m.group() not in inner:
            return -1      # 武侯区坚持|项目: the kind word ends no name here
        # 全球研发|中心项目: a kind word alone is no core either, the name reaches past 研发
    # ”的 between a quoted qualifier and the kind word belongs to the name:
    # “6个…指标”的分级评价体系.
    if cut >= 2 and span[cut - 1] == "的" and span[cut - 2] in QUOTE_PAIRS:
        j = span.rfind(QUOTE_PAIRS[span[cut - 2]], 0, cut - 2)
        if j >= 0:
            before = [m.end() for m in found if m.end() <= j]
            cut = max(before) if before else 0
    start = i + cut
    # A coordinated name: 白马湖实验室和智能感知技术创新中心 -> the part after 和.
    for m in _AND.finditer(text[start:end]) if _AND.search(text, start, end) else ():
        left = text[start:start + m.start()]
        if left and (ends_with_kind(left) or left.endswith(quote_nouns())):
            start = start + m.end()
    lead = _lead_strip().match(text, start)
    if lead and end - lead.end() >= min_core:
        start = lead.end()
    if bounds is not None and not (start > 0 and text[start - 1] in OPEN_QUOTES):
        start = _after_leading_function_words(text, start, end, bounds, min_core, verbs_lead)
        if text[start:start + 1] in RESULT_COMPLEMENTS and complement_at(text, start, end, bounds, min_core):
            start += 1          # 对接|好|国家电网有限公司, 帮助|好|…: the verb's complement opens no name
    # A count opens with a digit or a point (第 is a letter: a count after it is never dropped).
    c = text[start:start + 1]
    if (c == "." or c.isdecimal()) and (m := NUMERIC_LEAD.match(text, start, end)):
        if COUNTED.search(m.group()):
            return -1
        start = m.end()
    if bounds is not None and COUNTED_WORD.search(text, start, end) is not None \
            and counted_in_words(text, start, end, bounds):      # (most candidates hold no count: no call)
        return -1
    return start

def _after_leading_function_words(text: str, start: int, end: int, bounds: AbstractSet[int],
                                  min_core: int, verbs: bool = True) -> int:
    """Past the verbs and function words a candidate opens with (jieba's word classes).

    ``发挥|娲石集团光谷产业园``, ``要|发挥|青山集团…``, ``如|深圳市魔方…公司``,
    ``我|希望|和|中国医科大学``: the words before the name introduce it. Only whole
    words of the segmenter count, a core of ``min_core`` characters must remain,
    and quoted stretches are never cut. A lone character counts only where a
    longer function word or a place follows it: jieba splits unknown names into
    characters (松|溉储能电站), so a character alone proves nothing.
    """
    if text.find("如", start, end) >= 0:      # every example marker holds 如 (most candidates have none)
        start = after_example_marker(text, start, end, bounds, min_core)
    if verbs and start not in bounds:
        stop = word_end(bounds, start, end)     # a stop word cut 积极|争取 inside one word: the verb's rest
        if stop - start >= 2 and end - stop >= min_core and is_function_word(text[start:stop]):
            start = stop
    cut, k, opened = start, start, False
    classes, prot = word_classes(), protected()     # (the word classes are asked inline: a call per word less)
    while k < end and k in bounds and text[k] not in OPEN_QUOTES:
        stop = k + 1        # (word_end, inline)
        while stop < end and stop not in bounds:
            stop += 1
        word = text[k:stop]
        tag = classes.get(word, "")
        if stop - k == 1 and stop < end and tag in ("p", "c", "r"):     # is_connective
            cut = k = stop          # 这|条生产线, 和|…: whatever is left, the word is no part of a name
            continue
        if end - stop < min_core or word in prot:      # 开化 is a verb to jieba, and a county
            break
        if stop - k == 1:
            if not (tag in SINGLE_FUNCTION_TAGS and (verbs or tag not in ("v", "d"))):     # is_function_word
                break
            if word in SINGLE_LEADS and text[stop:word_end(bounds, stop, end)] in prot:
                cut = stop              # 如|杭州…, 到|洛阳… (not 应|天门遗址)
        elif tag in FUNCTION_TAGS and (verbs or tag != "v") or verbs and opened and word in lead_verbs() \
                or verbs and word[:2] in clause_openers() and is_function_word(word[2:]):
            cut = stop              # 积极争取|…: an adverb glued to its verb
        elif verbs and (word in clause_openers() or tag == "d"):
            opened = True           # 区里|主动|协调|…, 最终|促成|…: the subject and adverb before the verb
        else:
            break
        k = stop
    return after_verb_before_proper(text, cut, end, bounds, min_core) if verbs else cut


@functools.lru_cache(maxsize=8192)       # a text names the same things again and again
def distinctive(core: str) -> bool:
    """Does a name's core (before its kind word) hold something proper, not only common words?

    ``现代化咖啡鲜果处理``\|中心, ``交流合作``\|平台, ``人工智能基础数据``\|产业基地 are
    descriptions: every word is common vocabulary. A name has a proper noun
    (``太平``\|水库, ``杨家坪``\|商圈), an abbreviation (``渝``\|贵高铁), a word jieba does not know,
    which it cuts into characters (``赛|力|斯``\|超级工厂, ``丽|景``\|门), or quotes. Letters
    and digits alone are not enough: ``5G+``\|智能工厂 is a kind of plant.
    """
    if not core or any(ch in OPEN_QUOTES for ch in core):
        return bool(core)
    run, prev = 0, ""
    for word in shared_cutter()(core):
        if is_proper(word) and (len(word) == 1 or not word_classes()[word] == "j"):
            return True
        if word in _landforms() and len(prev) >= 2:
            return True           # 芙蓉|洞, 团结|湖: a place named after a landform
        prev = word
        if len(word) == 1 and cjk(word):
            run += 1
            if run >= 2:
                return True
        else:
            run = 0
    return False


# Verbs of one character that introduce a place name in running text (如杭州…, 到洛阳…).
SINGLE_LEADS = frozenset("如到赴去往来")


@functools.lru_cache(maxsize=1)
def _landforms() -> frozenset[str]:
    return frozenset(read_lines("landform_chars.txt"))


# What may stand in brackets inside a name besides a place: a direction (百度…(西南)…基地), a phase
# (綦江蟠龙(二期)抽水蓄能电站).
BRACKET_DIRECTIONS = frozenset(("西南", "西北", "东北", "华东", "华南", "华北", "华中", "中国", "全国", "国际",
                                "一期", "二期", "三期", "四期", "五期"))


def _bracketed_place(text: str, close: int) -> int:
    """Where ``(沈阳)`` ending at ``close`` (exclusive) opens, if it holds a place; else ``-1``."""
    for n in (2, 3, 4):
        o = close - n - 2
        if o >= 0 and text[o] in "(（":
            inner = text[o + 1:close - 1]
            if inner in BRACKET_DIRECTIONS or inner in protected():
                return o
    return -1


@functools.lru_cache(maxsize=1)
def generic_heads() -> frozenset[str]:
    """Generic modifiers that are no name on their own (重大, 产业, 上市): ``generic_heads.txt``."""
    return frozenset(read_lines("generic_heads.txt"))


@functools.lru_cache(maxsize=1)
def quote_nouns() -> tuple[str, ...]:
    """Nouns that make a quoted phrase before them a description: “…”要求, “…”做法."""
    return read_lines("quote_nouns.txt")


def _cuts(span: str, m: re.Match, bounds: AbstractSet[int] | None, offset: int) -> bool:
    """Does the stop word ``m`` (in ``span``, which starts at ``offset``) cut a name? Not a character
    of one inside a longer word of the segmenter (双|向|流通) or of a place name (成都)."""
    a, b = m.span()
    return b - a != 1 or not (_in_a_word(bounds, offset + a) or _inside_word(span, a, b))


def _in_a_word(bounds: AbstractSet[int] | None, pos: int) -> bool:
    """Does the segmenter put the character at ``pos`` inside a longer word?"""
    return bounds is not None and not (pos in bounds and pos + 1 in bounds)


@functools.lru_cache(maxsize=1)
def inner_verbs() -> frozenset[str]:
    return frozenset(read_lines("name_inner_verbs.txt"))


@functools.lru_cache(maxsize=1)
def _dash_places() -> frozenset[str]:
    return protected() | frozenset(read_lines("dash_places.txt"))


def _dash_joins(text: str, dash: int) -> bool:
    """Does the dash at ``dash`` join two places inside a name (中国—东盟, 开化—金东)?

    One side must be a known place; the other is often a zone or a short name.
    """
    if not "\u4e00" <= text[dash + 1:dash + 2] <= "\u9fff" or not (dash > 0 and cjk(text[dash - 1])):
        return False        # ——宜昌…有限公司: a dash opening a line joins nothing
    places = _dash_places()
    return any(text[dash - n:dash] in places for n in (2, 3, 4) if dash >= n) \
        or any(text[dash + 1:dash + 1 + n] in places for n in (2, 3, 4))     # 三江—叙州


def _inside_word(s: str, a: int, b: int) -> bool:
    """Is the one-character stop word s[a:b] part of a place name (成都, 于都)?"""
    if b - a != 1:
        return False
    prot = protected()
    for i in range(max(0, a - 3), a + 1):
        for j in range(b, min(len(s), i + 4) + 1):
            if j - i >= 2 and s[i:j] in prot:
                return True
    return False


@functools.lru_cache(maxsize=1)
def _name_kinds() -> frozenset[str]:
    """The kind words that end project, program and organization names (园区, 行动, 研究院…)."""
    return frozenset((*read_lines("project_kinds.txt"), *read_lines("program_kinds.txt"),
                      *read_lines("organization_suffixes.txt")))


@functools.lru_cache(maxsize=1)
def _kind_end() -> re.Pattern:
    return re.compile("(?:" + alternation((*_name_kinds(), *read_lines("enterprise_suffixes.txt"))) + ")$")


@functools.lru_cache(maxsize=1)
def _quote_continuations() -> frozenset[str]:
    return frozenset(read_lines("quote_continuations.txt"))


def _after_quote_kept(span: str, found: list[re.Match]) -> list[re.Match]:
    """Stop words that go on a quoted name are part of it: “昆山之路”再出发行动, “三服务”再深化行动.

    An adverb of ``quote_continuations.txt`` right after the closing quote (再)
    starts such a run, and the stop words that follow it without a gap belong to it too.
    """
    out: list[re.Match] = []
    run_end = -1
    for m in found:
        if m.start() == run_end or (m.start() > 0 and span[m.start() - 1] in CLOSE_QUOTES
                                    and m.group() in _quote_continuations()):
            run_end = m.end()
            continue
        out.append(m)
    return out


def ends_with_kind(s: str) -> bool:
    """Does ``s`` end like a complete name (…园区, …实验室, …公司)?"""
    return bool(_kind_end().search(s))


def is_kind_word(s: str) -> bool:
    """Is ``s`` a kind word alone (产业园, 研究院, 集团), no name?"""
    return bool(_kind_end().fullmatch(s))


@functools.lru_cache(maxsize=1)
def lead_strips() -> tuple[str, ...]:
    return read_lines("lead_strips.txt")


@functools.lru_cache(maxsize=1)
def lead_lasts() -> tuple[frozenset[str], int]:
    """The last characters of the lead strips, and the longest one's length: where none can end."""
    return frozenset(w[-1] for w in lead_strips()), max(map(len, lead_strips()), default=0)


@functools.lru_cache(maxsize=1)
def _lead_strip() -> re.Pattern:
    return re.compile(alternation(lead_strips()))


def _quoted_mask(s: str) -> list[bool]:
    mask, inside = [False] * len(s), False
    for k, ch in enumerate(s):
        if ch in OPEN_QUOTES and not inside:
            inside = True
            mask[k] = True
        elif ch in CLOSE_QUOTES and inside:
            mask[k] = True
            inside = False
        else:
            mask[k] = inside
    return mask


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each “…” stretch, quotes included."""
    out = []
    for m in re.finditer(r"“([^“”\n]{1,40})”|「([^「」\n]{1,40})」|『([^『』\n]{1,40})』", text):
        out.append((m.start(), m.end()))
    return out


def occurrences(text: str, word: str) -> Iterator[int]:
    """Starts of the non-overlapping occurrences of ``word`` (non-empty), left to right, as
    ``re.finditer(re.escape(word), text)`` finds them, without a pattern to escape and look up."""
    k = text.find(word)
    while k >= 0:
        yield k
        k = text.find(word, k + len(word))


def crosses_boundary(text: str, s: int, e: int) -> bool:
    """Does ``text[s:e]`` hold punctuation or another character no name runs across (``BOUNDARY``)?"""
    return any(ch in BOUNDARY for ch in text[s:e])


def cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def cjk_or_alnum(ch: str) -> bool:
    return cjk(ch) or ch.isalnum()

"""Where a company's registered name starts, and the word knowledge that decides it.

A registered name is place + trade name + industry + legal form (…有限公司). What stands
before it in running text is no part of it: a common noun of the company's role (投资方,
合作伙伴, 全资子公司), a verb or verbal noun before its place (县里奖励|贵州…), a quoted class of
firms (“小巨人”企业), the kind word 企业 and its classifiers. A stop word inside one word of
the segmenter that is a company's own name (中国建设银行) cuts nothing; a unit named after its
parent (…建设集团湖南电力有限公司) starts where the parent does. Coined short names in a
frame of support (推动X在某地扩建…) are companies too. :mod:`.enterprises` asks these.
"""

from __future__ import annotations

import functools
import re

from kg.nlp.gazetteer import gazetteer
from kg.nlp.lexicon import alternation, read_lines
from kg.nlp.mention import Mention
from kg.nlp.names import CLOSE_QUOTES, cjk, inner_verbs, is_kind_word, left_extent, word_end
from kg.nlp.name_leads import lead_verbs, protected
from kg.nlp.wordclass import is_proper, word_classes


@functools.lru_cache(maxsize=1)
def enterprise_patterns() -> dict[str, re.Pattern]:
    """``company`` and ``company_end`` (``enterprise_suffixes.txt``)."""
    return {
        "company": re.compile(alternation(read_lines("enterprise_suffixes.txt"))),
        "company_end": re.compile(f"(?:{alternation(read_lines('enterprise_suffixes.txt'))})$"),
    }


# enterprise_supported: a coined name that a government supports in a company's own action, 推动X在金坛区扩建…,
# 支持X扩产…: the verb of support, the name, then 在 and a place, or a company's growth verb.
SUPPORTED = re.compile(r"(?:支持|推动|鼓励|引导|帮助|协调|助力|服务)([\u4e00-\u9fff]{2,6}?)"
                       r"(?:在|(扩建|扩产|扩能|增资|拓展|新建|加大))")


# What such a stretch may end with and still be no name: the kind of body supported (企业, 高校, 项目).
SUPPORTED_KINDS = re.compile(r"(?:企业|[国民央外]企|高校|院校|院所|机构|项目|产业|园区|主体|集群|基地|工厂|品牌|平台|行业|群众|农户|人才|团队)$")


SUPPORT_BEFORE = re.compile(r"(?:支持|推动|鼓励|引导|帮助|协调|助力)$")


GROWTH_AFTER = re.compile(r"在|扩建|扩产|扩能|增资|拓展|新建|加大")


def supported_frame(text: str, start: int, end: int) -> bool:
    """Does a verb of support stand before ``start`` and a company's own growth after ``end`` (支持|海螺集团|拓展…)?
    Then a group whose core is a common word (海螺) is a company all the same."""
    return SUPPORT_BEFORE.search(text, max(0, start - 2), start) is not None and GROWTH_AFTER.match(text, end) is not None


def supported_name(text: str, s: int, e: int, bounds: frozenset[int]) -> bool:
    """Is ``text[s:e]`` (after a verb of support) a company's coined name: whole words, no place,
    kind or function word, and coined, a proper noun or an unknown word that jieba cuts into characters
    (中|创新|航), or proper nouns only (上汽|通用五菱)?"""
    if s not in bounds or e not in bounds or SUPPORTED_KINDS.search(text, s, e) or gazetteer().candidates(text[s:e]):
        return False
    words, k = [], s
    while k < e:
        stop = word_end(bounds, k, e)
        words.append(text[k:stop])
        k = stop
    classes = word_classes()
    if len(words) < 2 or any(classes.get(w) in ("p", "c", "r", "u", "d", "t") or w in protected() or is_kind_word(w)
                             for w in words) or classes.get(words[0]) == "v" or classes.get(words[-1]) == "v":
        return False        # 支持|企业|发展, 推动|宜宾|…: a function word, a place or a kind is no part of a
        # coined name, nor a verb at either end (中|创新|航 holds one inside)
    single = [w for w in words if len(w) == 1]
    return len(single) >= 2 or words[0] in single or words[-1] in single or all(is_proper(w) for w in words)


@functools.lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    return frozenset(read_lines("brands.txt")) | frozenset(read_lines("company_short_names.txt"))


def known_short_name(core: str) -> bool:
    """A brand or a listed company's short name (上汽, 东风): a company's core however common its words."""
    return core in _known_names()


def verb_before(text: str, start: int, pos: int, bounds: frozenset[int]) -> bool:
    """Is the word of the segmenter that ends at ``pos`` (after ``start``) a verb of two characters or more?"""
    if pos not in bounds:
        return False
    k = pos - 1
    while k > start and k not in bounds:
        k -= 1
    return pos - k >= 2 and word_classes().get(text[k:pos]) == "v"


# The heads of the common nouns that give a company's role before its name: 投资方, 牵头单位, 合作伙伴,
# 市场主体, 百强, 控股股东, 子公司.
ROLE_HEADS = ("方", "单位", "伙伴", "主体", "强", "股东", "公司")


def past_role_noun(text: str, start: int, end: int, bounds: frozenset[int], region_at: dict[int, Mention]) -> int:
    """enterprise_role_noun: past a common noun of a company's role that a registered name opening with its
    place follows: 投资方|山西…有限公司, 合作伙伴|江西…, 百强|湖北…. The noun must be a word of the dictionary
    and no proper noun nor a company's short name (中铁|北京…, 保利|重庆… open their names)."""
    if start not in bounds:
        return start
    k = start
    for _ in range(3):      # the role noun and its modifiers: 全资|子公司, 项目|业主|方, 牵头|单位
        stop = word_end(bounds, k, end)
        word = text[k:stop]
        if end - stop < 2 or _named_word(word) or not cjk(word[0]):
            return start
        if stop - start >= 2 and word.endswith(ROLE_HEADS) \
                and (stop in region_at or any(text[stop:stop + n] in protected() for n in (2, 3, 4))):
            return stop
        k = stop
    return start


def past_verb_before_place(text: str, start: int, end: int, bounds: frozenset[int]) -> int:
    """enterprise_verb_place: past the last verb or verbal noun of jieba's dictionary (奖励, 指导) that a place
    follows inside a candidate: 县里奖励|贵州盘江精煤…, 管委会指导|安徽海螺…. A registered name opens with its
    place; no verb stands before it within the name."""
    k = start if start in bounds else word_end(bounds, start, end)
    cut, classes = start, word_classes()
    while k < end - 2:
        stop = word_end(bounds, k, end)
        if stop - k >= 2 and (classes.get(text[k:stop]) in ("v", "vn") or text[k:stop] in lead_verbs()) \
                and any(text[stop:stop + n] in protected() and stop + n in bounds for n in (2, 3, 4)):
            cut = stop
        k = stop
    return cut


def _named_word(word: str) -> bool:
    """A proper noun, a place or a company's short name (中铁, 保利), not a common noun."""
    return is_proper(word) or known_short_name(word) or word in protected()


# A company name may open with its letters (TCL科技集团股份有限公司, vivo移动通信有限公司): two or more, then Chinese.
LATIN_LEAD = re.compile(r"[A-Za-z]{2,}[\u4e00-\u9fff]")


_CLOSE_QUOTE = re.compile(f"[{re.escape(CLOSE_QUOTES)}]")


def after_quoted_class(text: str, start: int, end: int, bounds: frozenset[int]) -> int:
    """enterprise_quoted_class: where a name starts after a quoted class of firms (“小巨人”企业, “瞪羚企业”,
    “专精特新”企业) inside its span, or ``start``."""
    if _CLOSE_QUOTE.search(text, start, end) is None:
        return start        # (most names hold no quote: one scan in C instead of one per quote mark)
    close = max(text.rfind(q, start, end) for q in CLOSE_QUOTES)
    if close < start or end - close - 1 < 2:
        return start
    if text.endswith(("企业", "公司"), start, close):
        return close + 1
    lead = classifier_lead().match(text, close + 1, end)
    return lead.end() if lead and lead.end() in bounds and end - lead.end() >= 2 else start


BRANCH = re.compile(r"([\u4e00-\u9fff]{2,4}?)[省市区县州]?(?:分行|支行)")


def branch_after(text: str, end: int) -> int:
    """enterprise_branch: where a bank's branch named right after a registered name ends (…有限公司|宜宾分行,
    …有限公司|湖南省分行): a place, then 分行 or 支行; else ``end``."""
    b = BRANCH.match(text, end)
    return b.end() if b and b.group(1) in protected() else end


def parent_start(text: str, start: int, bounds: frozenset[int]) -> int:
    """enterprise_parent_unit: a candidate cut right before a group's own form word (…建设|集团湖南电力有限公司)
    is a unit named after its parent: the name starts where the parent's does, past its inner verb (建设)."""
    verb = next((v for v in inner_verbs() if text.endswith(v, 0, start)), None)
    if verb is None:
        return start
    parent = left_extent(text, start - len(verb), max_len=12, bounds=bounds)
    return parent if 0 <= parent < start - len(verb) - 1 else start


def whole_word_start(text: str, start: int, end: int, bounds: frozenset[int]) -> int:
    """enterprise_whole_word: a stop word inside one word of the segmenter that runs to the legal form and is
    a company's own name cuts nothing (中国建设银行|股份有限公司: 建设 is no verb there)."""
    k = start
    while k > 0 and k not in bounds:
        k -= 1
    if word_end(bounds, k, end) != end:
        return start
    word = text[k:end]
    return k if enterprise_patterns()["company_end"].search(word) or known_short_name(word) else start


@functools.lru_cache(maxsize=1)
def classifier_lead() -> re.Pattern:
    # (several may stand together, 旗属|国有企业; the bare kind word too: 新引进企业|X有限公司, 支持企业|X…)
    return re.compile(f"(?:{alternation(read_lines('enterprise_classifiers.txt'))}|[省市区县旗州盟镇乡]属)*(?:企业|[国民]企)")


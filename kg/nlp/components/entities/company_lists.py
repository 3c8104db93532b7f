"""Lists of companies: the items of a 、-list before its cue (X、Y等头部企业, 签约X、Y等项目), and the counts
that end a list of named companies (甲、乙两家企业). Used by :mod:`.enterprises` (and :mod:`.projects`)."""

from __future__ import annotations

import re

from kg.nlp.gazetteer import gazetteer
from kg.nlp.mention import Mention
from kg.nlp.names import cjk, generic_heads, is_kind_word, left_extent, unquote, word_end
from kg.nlp.wordclass import word_classes
from kg.schema import ENTERPRISE

AND_ITEM = re.compile(r"[和及与]")
# Conjunctions inside an item join two names, not one (see ``CONJUNCTIONS`` of :mod:`.enterprises`).
CONJUNCTIONS = "和与及"

# 甲、乙两家企业, 甲、乙3家公司: a list of companies counted at its end (after a 、-list only).
# (It opens with 家, whose count :func:`counted_lists` reads back: ``re`` skips in C to each 家.)
COUNTED_LIST_END = re.compile(r"家[\u4e00-\u9fff]{0,6}?(?:企业|公司)(?![\u4e00-\u9fff]{0,2}(?:家|个))")
COUNT_BEFORE = re.compile(r"(?<=[\u4e00-\u9fff])(?:[两二三四五六七八九十]|\d+)$")


def counted_lists(text: str) -> list[re.Match]:
    """The counts that end a list of companies (甲、乙|两家企业), as matches starting at the count."""
    out = []
    for m in COUNTED_LIST_END.finditer(text):
        if (c := COUNT_BEFORE.search(text, max(0, m.start() - 6), m.start())) is not None:
            out.append(c)
    return out


def listed_before(text: str, end: int, rule: str, label: str = ENTERPRISE, *,
                  bounds: frozenset[int], split_and: bool = False, verbs_lead: bool = False,
                  alnum: bool = False) -> list[Mention]:
    """Items of a 、-list ending at ``end`` (with ``split_and``, 雀巢和星巴克 is two items; with ``alnum``,
    an item in digits or letters, 361度, is one too)."""
    # left_extent stops at 、; extend over list separators.
    items, s = [], end
    while True:
        prev = text.rfind("、", max(0, s - 8), s)
        if prev > 0 and ALNUM_ITEM.fullmatch(text, prev + 1, s):
            if alnum:
                items.append(Mention(prev + 1, s, label, text[prev + 1:s], rule))
            s = prev          # 安踏、特步、361度等: an item in digits or letters, the list goes on
            continue
        st = left_extent(text, s, max_len=12, bounds=bounds, verbs_lead=False)
        if verbs_lead and text[st - 1:st] != "、":
            # the list's first item only: a verb introduces the list (吸引|宁德时代、…), while an item
            # after 、 may open with a word jieba files as a verb (联创|光电)
            st = max(st, left_extent(text, s, max_len=12, bounds=bounds))
            if st >= 0 and st in bounds and word_classes().get(text[st:(w := word_end(bounds, st, s))]) == "vn" \
                    and s - w >= 2:
                st = w      # 积极发展|物流、电商等企业: a verbal noun leads the list as its verb
        if st < 0:
            break
        name = text[st:s]
        parts = [(st, s)]
        if split_and and (k := AND_ITEM.search(name)) is not None:
            parts = [(st, st + k.start()), (st + k.end(), s)]
        for a, b in parts:
            if 2 <= b - a <= 10 and cjk(text[a]):
                items.append(Mention(a, b, label, unquote(text[a:b]), rule))
        if st > 0 and text[st - 1] == "、":
            s = st - 1
            continue
        break
    return items


def list_mate(name: str) -> bool:
    """enterprise_list_mate_cue: an item of a list of companies before their cue (安踏、特步等一批知名品牌)
    whose fellows are named: a name of its own too, though its words be the dictionary's (安踏) or its
    characters digits (361度). Not a kind word, a generic modifier, a place or an industry (…产业)."""
    return 2 <= len(name) <= 8 and not is_kind_word(name) and name not in generic_heads() \
        and not gazetteer().candidates(name) and not INDUSTRY_WORD.search(name) \
        and not any(c in CONJUNCTIONS for c in name)


# An industry or field, not a company: 生物医药产业, 电子信息行业.
INDUSTRY_WORD = re.compile(r"(?:产业|行业|领域|板块|集群|业态|经济)$")


ALNUM_ITEM = re.compile(r"[0-9A-Za-z][0-9A-Za-z\u4e00-\u9fff]{1,6}")

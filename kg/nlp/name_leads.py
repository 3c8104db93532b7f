"""Where a name starts, by the words before it: the verbs, subjects, adverbs and counts that open
the clause a name stands in (:func:`kg.nlp.names.left_extent` asks these).

``区里主动协调|X公司``: a clause's subject and adverbs, then its verb; ``群众学习|浙江大学``: a verb
right before a proper noun; ``企业如|X公司``: an example marker; ``一家|新能源公司``: a count in
words, which names nothing. Only whole words of the segmenter count.
"""

from __future__ import annotations

import functools
import re
from itertools import chain
from typing import AbstractSet

from kg.nlp.lexicon import read_lines
from kg.nlp.wordclass import PROPER_TAGS, word_classes

COUNTED_WORD = re.compile(r"[一二两三四五六七八九十几多数]+[个家项条座所支批]")
# The example markers (企业如|X公司): a word jieba knows after them, not a character of a split name.
EXAMPLE_LEADS = frozenset(("如", "例如", "比如", "诸如"))


def word_end(bounds: AbstractSet[int], pos: int, limit: int) -> int:
    """Where the segmenter's word that starts at ``pos`` ends (at ``limit`` at the latest)."""
    stop = pos + 1
    while stop < limit and stop not in bounds:
        stop += 1
    return stop


@functools.lru_cache(maxsize=1)
def protected() -> frozenset[str]:
    """Names and short forms of places (2 to 4 characters): words a name may open with."""
    from kg.nlp.gazetteer import gazetteer

    g = gazetteer()     # (its name tables read in place: copying and joining them first took three times as long)
    return frozenset(f for f in chain(g.full, g.short) if 2 <= len(f) <= 4)


def counted_in_words(text: str, start: int, end: int, bounds: AbstractSet[int]) -> bool:
    """Does a candidate open with a count in words, after its place or not (一家|新能源公司,
    十堰市|一家|汽车零部件公司)? Then it counts things and names none."""
    if COUNTED_WORD.search(text, start, end) is None:
        return False        # no count anywhere in the candidate (most have none)
    stop = word_end(bounds, start, end)
    if text[start:stop] in protected():
        start, stop = stop, word_end(bounds, stop, end)
    return COUNTED_WORD.fullmatch(text, start, stop) is not None


def after_example_marker(text: str, start: int, end: int, bounds: AbstractSet[int], min_core: int) -> int:
    """Past an example marker inside a candidate: ``一批龙头企业如|金丰公司``. The marker must be a
    word of its own and a word jieba knows must follow it (如|皋… is a split name, not an example)."""
    if text.find("如", start, end) < 0:
        return start        # every example marker holds 如 (most candidates have none)
    k = start
    while k < end - min_core and k in bounds:
        stop = word_end(bounds, k, end)
        if text[k:stop] in EXAMPLE_LEADS and stop + 2 <= word_end(bounds, stop, end) and end - stop >= min_core:
            start = stop
        k = stop
    return start


# The endings of institutions that jieba knows whole (南京医科大学, 中国建设银行): such a word is a name.
INSTITUTION_WORDS = ("大学", "学院", "医院", "银行", "公司", "集团")


def after_verb_before_proper(text: str, start: int, end: int, bounds: AbstractSet[int], min_core: int) -> int:
    """Past the last verb that a proper noun follows: ``群众|学习|浙江大学``. A name holds no
    verb of jieba's dictionary right before a place or another proper noun, nor before an institution
    that jieba knows as one word (``…中心|加挂|南京医科大学…``)."""
    # Asked of every candidate: the words are walked by position, and a word is cut out of the
    # text and looked up only where it may be such a verb (two characters or more).
    k = start if start in bounds else word_end(bounds, start, end)     # from the first whole word
    last = end - min_core
    if k >= last:
        return start
    cut, prev_start, prev_end = start, 0, 0     # (no word before the first: prev is "")
    classes, leads = word_classes(), lead_verbs()      # (and the verbs jieba files as nouns: 主动|服务|西藏…)
    stop = k + 1
    while stop < end and stop not in bounds:
        stop += 1
    while k < last:       # (k is a word start: each stop is one, or the end)
        after = stop + 1      # the next word's end: each word is looked up once
        while after < end and after not in bounds:
            after += 1
        if stop - k >= 2 and end - stop >= min_core and (classes.get(text[k:stop]) == "v" or text[k:stop] in leads) \
                and prev_end - prev_start != 1 and classes.get(text[prev_start:prev_end], "") not in PROPER_TAGS:
            nxt = text[stop:after]
            if classes.get(nxt) in ("ns", "nt") and len(nxt) >= 2 or nxt in protected() \
                    or text.endswith(INSTITUTION_WORDS, stop, word_end(bounds, stop, len(text))) \
                    and word_end(bounds, stop, len(text)) - stop >= 4:     # (the word may run past the name's end)
                cut = stop      # not 新|希望|控股集团, 陆海|新|通道|江津班列: a name's own words
        prev_start, prev_end, k, stop = k, stop, stop, after
    return cut


@functools.lru_cache(maxsize=1)
def clause_openers() -> frozenset[str]:
    """Subjects and adverbs before a clause's verb: ``clause_openers.txt``."""
    return frozenset(read_lines("clause_openers.txt"))


@functools.lru_cache(maxsize=1)
def lead_verbs() -> frozenset[str]:
    """Verbs jieba files as nouns (委托, 服务): ``lead_verbs.txt``."""
    return frozenset(read_lines("lead_verbs.txt"))


# Result complements of one character (服务好, 落实好, 抓实, 做优): after a verb they end it, and no name
# opens with them.
RESULT_COMPLEMENTS = frozenset("好实优强细牢足")


def complement_at(text: str, pos: int, end: int, bounds: AbstractSet[int], min_core: int) -> bool:
    """complement_lead: is the character at ``pos`` a word of its own that completes the verb before it
    (对接|好|…, 服务|好|…), with ``min_core`` characters left after it?"""
    if pos == 0 or pos not in bounds or pos + 1 not in bounds or end - pos - 1 < min_core:
        return False
    k = pos - 1
    while k > 0 and k not in bounds:
        k -= 1
    verb = text[k:pos]
    return len(verb) >= 2 and (word_classes().get(verb) == "v" or verb in lead_verbs())

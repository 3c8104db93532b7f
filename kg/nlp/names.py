"""The name grammar shared by organizations, enterprises, projects and programs.

Chinese names of undertakings end with a kind word (…产业园, …行动计划,
…有限公司) and start after the verb or function word that introduces them
(打造, 实施, 与, 的…). :func:`left_extent` finds that start; quoted parts
(“一业一证”智慧审批改革) are taken whole, so a quote never cuts a name.
"""

from __future__ import annotations

import functools
import re

from kg.nlp.lexicon import alternation, read_lines

OPEN_QUOTES = "“「『\""
CLOSE_QUOTES = "”」』\""
QUOTE_PAIRS = {"”": "“", "」": "「", "』": "『"}
BOUNDARY = set("，。、；：！？,;:!?（）()【】《》〈〉[]{}\n\t …—|/")
NUMERIC_LEAD = re.compile(r"^(?:第?[\d.０-９]+[%％]?(?:万|亿)?(?:元|个|家|亩|平方米|项|条|期|年|月|日|名|人|户|列|场)?)+")
STRIP_QUOTES = str.maketrans("", "", "“”「」『』\"‘’'《》")


@functools.lru_cache(maxsize=1)
def stops() -> re.Pattern:
    return re.compile(alternation(read_lines("name_stops.txt")))


def unquote(s: str) -> str:
    return s.translate(STRIP_QUOTES)


def left_extent(text: str, end: int, *, max_len: int = 24) -> int:
    """Start of the name whose core ends at ``end`` (exclusive).

    Scans left over name characters and whole quoted stretches, stops at
    punctuation, then moves right past the last stop word of that stretch.
    """
    i = end
    while i > 0 and end - i < max_len:
        ch = text[i - 1]
        if ch in QUOTE_PAIRS:
            j = text.rfind(QUOTE_PAIRS[ch], max(0, i - 40), i - 1)
            if j < 0:
                break
            i = j
            continue
        if ch in BOUNDARY or ch in OPEN_QUOTES or ch in CLOSE_QUOTES:
            break
        i -= 1
    span = text[i:end]
    cut = 0
    depth = 0
    pos = 0
    # The last stop word outside quotes ends the introduction of the name.
    quoted = _quoted_mask(span)
    for m in stops().finditer(span):
        if not any(quoted[m.start():m.end()]):
            cut = max(cut, m.end())
    del depth, pos
    # ”的 between a quoted qualifier and the kind word belongs to the name:
    # “6个…指标”的分级评价体系.
    if cut and span[cut - 1] == "的" and cut >= 2 and span[cut - 2] in QUOTE_PAIRS:
        j = span.rfind(QUOTE_PAIRS[span[cut - 2]], 0, cut - 2)
        if j >= 0:
            before = [m.end() for m in stops().finditer(span[:j]) if not any(quoted[m.start():m.end()])]
            cut = max(before) if before else 0
    start = i + cut
    m = NUMERIC_LEAD.match(text, start, end)
    if m and m.end() > start and not text[start].isalpha():
        start = m.end()
    return start


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

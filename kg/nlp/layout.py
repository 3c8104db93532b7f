"""Page layout of a news text: lines, sentences, and paragraphs broken by the newspaper.

Newspaper layouts cut paragraphs mid-sentence (``…推动上市公司数量、市`` / ``值全市…``);
:func:`normalize` joins such pieces so names are not cut in two. Short lines
without final punctuation are headings and stay on their own line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kg.read.textnorm import without_controls
from kg.nlp.tokenizer import shared_cutter

FINAL = "。！？!?；;：:…”」』)）"
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
# A body line this long that does not end a sentence was cut by the layout.
MIN_BODY_LINE = 30
# …unless it ends with a space and a name: a long speaker line (…片区管委会主任 覃立新).
SPEAKER_END = re.compile(r"[^\s]\s+[\u4e00-\u9fff]{2,4}$")
# How far from its end a line is searched for SPEAKER_END: lines are joined one by one, and
# searching the whole of a line joined from thousands would take time quadratic in its length.
SPEAKER_END_REACH = 40


class Line(NamedTuple):
    """A non-empty line, stripped, and where it is in the text (a tuple: texts have many)."""

    start: int
    end: int
    text: str


def _is_heading_like(s: str) -> bool:
    return bool(_MD_HEADING.match(s)) or len(s.strip()) < MIN_BODY_LINE


def normalize(text: str) -> str:
    """Join paragraphs cut by the layout, unify white space; keeps everything else as is."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")
    text = without_controls(text)
    raw = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    i = 0
    while i < len(raw):
        cur = raw[i]
        i += 1
        if not cur:
            if out and out[-1] != "":
                out.append("")
            continue
        # Join while the current line is a long body line not ending a sentence.
        while (len(cur) >= MIN_BODY_LINE and cur[-1] not in FINAL and not _MD_HEADING.match(cur)
               and not SPEAKER_END.search(cur, max(0, len(cur) - SPEAKER_END_REACH))):
            j = i
            while j < len(raw) and not raw[j]:
                j += 1
            if j >= len(raw):
                break
            nxt = raw[j]
            if _MD_HEADING.match(nxt) or (len(nxt) < MIN_BODY_LINE and nxt[-1] not in FINAL) \
                    or HEADLINE.match(nxt):
                break
            cur += nxt
            i = j + 1
        out.append(cur)
    return "\n".join(_rejoin_jumps(out)).strip("\n") + "\n"


# A headline of spaced phrases without punctuation (突出发展所需 以改革为牵引推动…), however long.
HEADLINE = re.compile(r"^[^，。；：、,;:]+ [^，。；：、,;:]+$")
# A numbered point of a speech: 一、…, 2.…
POINT = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[、.．])")
# How far the pieces of a word cut by a jump may reach on each side of the cut.
JUMP_REACH = 3


def _rejoin_jumps(paras: list[str]) -> list[str]:
    """Put the rest of a speech that a newspaper page continues elsewhere back in its place.

    A page may stop a speech mid-sentence (``二、渝贵高铁效应推动文商旅高``) and print the rest
    after other speeches (``速增长。丰富文体旅活动…``). A paragraph that stops without final
    punctuation and is not continued by the next one is joined with the paragraph, anywhere
    in the text, whose first characters complete a word of its last ones (高|速 -> 高速, 自|驾
    -> 自驾), or, for a numbered point's heading, that opens with its short rest (``二、…推动产业集群``
    | ``迭代提升。…``), or, for one stopped after a clause (``…智管”场景，``), that opens with a
    quoted name (``“采煤沉陷区风险管控”…``): that paragraph and those after it, up to the next heading, move after it.
    """
    items = [p for p in paras if p]
    dangling = [i for i, p in enumerate(items) if _dangles(items, i)]
    if not dangling:
        return paras
    # A continuation follows a body paragraph; the first paragraph under a heading opens its section.
    cands = [c for c in range(1, len(items)) if c not in dangling and not _is_heading_like(items[c])
             and not POINT.match(items[c]) and (items[c][0] not in "“「『\"" or QUOTED_NAME.match(items[c]))
             and (not _is_heading_like(items[c - 1]) or POINT.match(items[c - 1]))]
    taken = _monotone_pairs(items, dangling, cands)
    if not taken:
        return paras
    blocks: dict[int, list[int]] = {}
    moved: set[int] = set()
    for c, d in taken.items():
        block, k, last = [c], c + 1, _point_number(items[d])
        while k < len(items) and k not in taken and k not in dangling and not _is_heading_like(items[k]) \
                and not SPEAKER_END.search(items[k]):
            n = _point_number(items[k])
            if n is not None and last is not None and n <= last:
                break          # 三、… after 二、…三、…: another speech's point
            last = n if n is not None else last
            block.append(k)
            k += 1
        blocks[d] = block
        moved.update(block)
    out: list[str] = []
    for i, p in enumerate(items):
        if i in moved:
            continue
        if i in blocks:
            first, *rest = blocks[i]
            out += [p + items[first], ""] + [x for k in rest for x in (items[k], "")]
        else:
            out += [p, ""]
    return out


def _monotone_pairs(items: list[str], dangling: list[int], cands: list[int]) -> dict[int, int]:
    """The most (dangling, continuation) pairs whose cut completes a word, in the same order on both
    sides: a page prints the rests of its speeches in the order it cut them."""
    m, n = len(dangling), len(cands)
    fits = [[cands[j] != dangling[i] + 1 and _fits(items[dangling[i]], items[cands[j]])
             for j in range(n)] for i in range(m)]
    best = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], (1 + best[i + 1][j + 1]) if fits[i][j] else 0)
    pairs: dict[int, int] = {}
    i = j = 0
    while i < m and j < n:
        if fits[i][j] and best[i][j] == 1 + best[i + 1][j + 1]:
            pairs[cands[j]] = dangling[i]
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _point_number(p: str) -> int | None:
    """The number of a numbered point (三、… -> 3), ``None`` for other paragraphs."""
    m = POINT.match(p)
    if m is None:
        return None
    head = m.group().rstrip("、.．")
    return int(head) if head.isdigit() else "一二三四五六七八九十".find(head[-1]) + 1


def _dangles(items: list[str], i: int) -> bool:
    """Does paragraph ``i`` stop mid-sentence, with nothing after it that goes on with it?"""
    p = items[i]
    return p[-1] not in FINAL and (POINT.match(p) is not None or len(p) >= MIN_BODY_LINE) \
        and not SPEAKER_END.search(p) and not _MD_HEADING.match(p) \
        and (i + 1 == len(items) or not _word_across(p, items[i + 1]))


# The end of a numbered point's heading, cut off by a jump: a short clause and its full stop (迭代提升。).
POINT_REST = re.compile(r"[\u4e00-\u9fff]{2,6}。")


# A paragraph opening with a quoted name, not a quoted speech: “采煤沉陷区风险管控”“水资源智管”入选…
QUOTED_NAME = re.compile(r"“[^“”，。！？,]{2,20}”(?:[“、和及]|[\u4e00-\u9fff])")


def _fits(left: str, right: str) -> bool:
    """Does ``right`` go on with ``left``: a word runs across the cut; ``left`` is a numbered point's
    heading cut off (二、强链条聚生态，推动产业集群) and ``right`` opens with the short rest of it; or
    ``left`` stops after a clause (…智管”场景，) and ``right`` goes on with a quoted name."""
    return _word_across(left, right) or bool(POINT.match(left) and POINT_REST.match(right)) \
        or (left[-1] in "，、" and QUOTED_NAME.match(right) is not None)


def _word_across(left: str, right: str) -> bool:
    """Does a dictionary word run across the end of ``left`` into ``right``?"""
    a, b = left[-JUMP_REACH:], right[:JUMP_REACH]
    if not a or not b or not ("\u4e00" <= a[-1] <= "\u9fff" and "\u4e00" <= b[0] <= "\u9fff"):
        return False
    pos = 0
    for word in shared_cutter()(a + b):
        if pos < len(a) < pos + len(word):
            return True
        pos += len(word)
    return False


def lines(text: str) -> list[Line]:
    """Non-empty lines, stripped, with their character offsets (split and strip: a regex over the
    text tested every character of it one by one)."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        if raw and (lead := raw.lstrip()):
            body = lead.rstrip()
            start = pos + len(raw) - len(lead)
            out.append(Line(start, start + len(body), body))
        pos += len(raw) + 1
    return out


# One sentence of :func:`sentences`: the white space before it, its text up to a break, and the
# break (a run of 。！？； and a closing quote if one follows, a run of line breaks, or the end of the text).
# One match per sentence keeps the work in C.
SENTENCE = re.compile(r"\s*([^。！？!?；;\n]*)([。！？!?；;]+[”」』]?|\n+|\Z)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at 。！？； and line breaks; a span leaves out the white space around it
    (at a line break, the spaces before it)."""
    spans = []
    for m in SENTENCE.finditer(text):
        body, brk = m.group(1), m.group(2)
        s = m.start(1)
        if brk[:1] == "\n":
            spans.append((s, s + len(body.rstrip(" "))))
        elif brk:
            spans.append((s, m.end()))
        elif body:                          # the text's last sentence, without a break
            spans.append((s, s + len(body.rstrip())))
    return spans


# Brackets around a whole heading line: 【江宁区委书记 赵明远】, 〔…〕, ［…］.
_BRACKETS = {"【": "】", "〔": "〕", "［": "］", "[": "]", "〖": "〗"}


def strip_heading_marks(s: str) -> str:
    """A heading line without its Markdown marks, or the brackets around it."""
    s = s.strip() if "#" not in s else _MD_HEADING.sub("", s).strip()
    if len(s) > 2 and _BRACKETS.get(s[0]) == s[-1] and s[-1] not in s[1:-1]:
        s = s[1:-1].strip()
    return s

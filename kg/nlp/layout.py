"""Page layout of a news text: lines, sentences, and paragraphs broken by the newspaper.

Newspaper layouts cut paragraphs mid-sentence (``…推动上市公司数量、市`` / ``值全市…``);
:func:`normalize` joins such pieces so names are not cut in two. Short lines
without final punctuation are headings and stay on their own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.read.textnorm import without_controls

FINAL = "。！？!?；;：:…”」』)）"
SENT_END = re.compile(r"[。！？!?；;]+[”」』]?|\n+")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
# A body line this long that does not end a sentence was cut by the layout.
MIN_BODY_LINE = 30
# …unless it ends with a space and a name: a long speaker line (…片区管委会主任 覃立新).
SPEAKER_END = re.compile(r"[^\s]\s+[\u4e00-\u9fff]{2,4}$")


@dataclass(frozen=True)
class Line:
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
               and not SPEAKER_END.search(cur)):
            j = i
            while j < len(raw) and not raw[j]:
                j += 1
            if j >= len(raw):
                break
            nxt = raw[j]
            if _MD_HEADING.match(nxt) or (len(nxt) < MIN_BODY_LINE and nxt[-1] not in FINAL):
                break
            cur += nxt
            i = j + 1
        out.append(cur)
    return "\n".join(out).strip("\n") + "\n"


def lines(text: str) -> list[Line]:
    """Non-empty lines with their character offsets."""
    out, pos = [], 0
    for raw in text.split("\n"):
        s = raw.strip()
        if s:
            start = pos + raw.index(s[0])
            out.append(Line(start, start + len(s), s))
        pos += len(raw) + 1
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at 。！？； and line breaks."""
    spans, start = [], 0
    for m in SENT_END.finditer(text):
        end = m.end()
        seg = text[start:end]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            stripped = seg.rstrip("\n ")
            spans.append((start + lead, start + len(stripped)))
        start = end
    if text[start:].strip():
        seg = text[start:]
        lead = len(seg) - len(seg.lstrip())
        spans.append((start + lead, start + len(seg.rstrip())))
    return spans


def strip_heading_marks(s: str) -> str:
    return _MD_HEADING.sub("", s).strip()

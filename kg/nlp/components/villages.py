"""Villages and communities named by the residents who speak for them: ``莲花社区胡家湾村村民X说``.

A feature article quotes villagers by their village (``…村村民``, ``…社区居民``) without
writing the township before it. The gazetteer lists no villages, so only this cue makes the
name a region: it must open a clause (after punctuation or a quote), and its parent is the
township, else the county, named last before it.
"""

from __future__ import annotations

import re
from typing import Callable

from kg.nlp.gazetteer import Region
from kg.nlp.mention import Mention
from kg.schema import REGION

# One or two units (莲花社区|胡家湾村) of two to four characters with no division's suffix inside,
# right before the residents who speak for them.
RESIDENTS = re.compile(r"(?P<units>(?:[^\W\d_a-zA-Z村镇乡区县市省州街]{2,4}(?:社区|村)){1,2})"
                       r"(?=村民|居民|群众)")
UNIT = re.compile(r"[^\W\d_a-zA-Z村镇乡区县市省州街]{2,4}(?:社区|村)")
OPENS = set("，。、；：！？,;:!?“”「」\n ")
PARENT_BACK = 600          # how far back the township or county that holds the village is looked for


def villages_of_residents(text: str, mentions: list[Mention], generic: Callable[[str], bool]) -> list[Mention]:
    """The villages (and the community holding one) named before 村民/居民 at a clause's start."""
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    for m in RESIDENTS.finditer(text):
        s = m.start()
        if s > 0 and text[s - 1] not in OPENS or any(a < m.end() and s < b for a, b in taken):
            continue
        parent = _holder(mentions, s)
        if parent is None:
            continue
        code = parent.adcode
        for u in UNIT.finditer(text, s, m.end()):
            name = u.group()
            if generic(name) or generic(name[-2:]) or generic(name[-3:]):
                break           # 当地农村群众, 广大社区居民: kinds, not names
            region = Region(f"V{code}:{name}", name, "village", code)
            out.append(Mention(u.start(), u.end(), REGION, name, "region_village_residents", (), region))
            code = region.adcode        # 胡家湾村 is a village of 莲花社区
    return out


def _holder(mentions: list[Mention], at: int) -> Region | None:
    """The township, else the county, named last before ``at``."""
    before = [m for m in mentions if m.region is not None and m.end <= at and at - m.end <= PARENT_BACK]
    for level in ("township", "county"):
        found = [m for m in before if m.region.level == level]
        if found:
            return max(found, key=lambda m: m.end).region
    return None

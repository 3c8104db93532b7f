"""Villages and communities, which the gazetteer does not list: named after their township
(``南口镇侨乡村``), or by the residents who speak for them (``莲花社区胡家湾村村民X说``).

A feature article quotes villagers by their village (``…村村民``, ``…社区居民``) without
writing the township before it. The gazetteer lists no villages, so only this cue makes the
name a region: it must open a clause (after punctuation or a quote), and its parent is the
township, else the county, named last before it.
"""

from __future__ import annotations

import functools
import re

from kg.nlp.gazetteer import Region
from kg.nlp.lexicon import read_lines
from kg.nlp.mention import Mention
from kg.nlp.tokenizer import shared_cutter
from kg.nlp.wordclass import is_function_word
from kg.schema import REGION

# One or two units (莲花社区|胡家湾村) of two to four characters with no division's suffix inside,
# right before the residents who speak for them.
RESIDENTS = re.compile(r"(?P<units>(?:[^\W\d_a-zA-Z村镇乡区县市省州街]{2,4}(?:社区|村)){1,2})"
                       r"(?=村民|居民|群众)")
# The residents' words alone: most texts have none, and then the scan above is not needed.
RESIDENT_WORDS = re.compile(r"村民|居民|群众")
UNIT = re.compile(r"[^\W\d_a-zA-Z村镇乡区县市省州街]{2,4}(?:社区|村)")
OPENS = set("，。、；：！？,;:!?“”「」\n ")
PARENT_BACK = 600          # how far back the township or county that holds the village is looked for
# A village name after its township: one to four Chinese characters, then 村. Not starting with a
# word that joins or points (南口镇和各村), and never another division's suffix inside.
_VILLAGE = re.compile(r"(?![和与及同在对把将向从为以等各全每本该个的])[\u4e00-\u9fff](?<![村镇乡区县市省州街])"
                      r"[^\W\d_a-zA-Z村镇区县市省州街]{0,3}(?:村|社区)(?![镇乡])")


def villages_of_residents(text: str, mentions: list[Mention]) -> list[Mention]:
    """The villages (and the community holding one) named before 村民/居民 at a clause's start."""
    out: list[Mention] = []
    if not RESIDENT_WORDS.search(text):
        return out
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
            if generic_village(name) or generic_village(name[-2:]) or generic_village(name[-3:]):
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


def village_after(text: str, end: int, town: Region) -> Mention | None:
    """A village or community named right after its township (南口镇侨乡村, 新兴街道卫津路社区),
    which the gazetteer does not list.

    Only with the township written before it: a bare ``侨乡村`` could be anything.
    Generic words (农村, 示范村, 行政村) are not names (``village_generic.txt``).
    """
    m = _VILLAGE.match(text, end)
    if m is None:
        return None
    name = m.group()
    words = list(shared_cutter()(name))
    first = words[0]
    if generic_village(name) or is_function_word(first, verbs=len(first) > 1):
        return None          # …, or a verb before 村(社区): 奉节县举行村(社区)党组织书记比武 (not 开|弦弓村)
    if len(words) > 1 and len(words[-2]) > 1 and words[-1] in ("农村", "乡村"):
        return None          # 孙村镇国家农村产业…: a word, then 农村 (国家|农村), opens a coined name; 黄家|山村 is a village
    return Mention(m.start(), m.end(), REGION, name, "region_village", (),
                   Region(f"V{town.adcode}:{name}", name, "village", town.adcode))


# Numbers and quantifiers that open a count of villages (、两村), not a village's name.
COUNTING = set("一二三四五六七八九十两几多各每全其另诸")


def villages_listed(text: str, end: int, town: Region) -> list[Mention]:
    """region_village_listed: the villages listed after the first one written after its township
    (茅台镇岩滩村、中华村), of the same township; none may open with a number (、两村) or hold a
    township of its own (…、古城乡新村 is another township's)."""
    out: list[Mention] = []
    while text[end:end + 1] == "、":
        m = _VILLAGE.match(text, end + 1)
        if m is None or "乡" in m.group() or m.group()[0] in COUNTING:
            break
        name = m.group()
        first = next(iter(shared_cutter()(name)))
        if generic_village(name) or is_function_word(first, verbs=len(first) > 1):
            break
        out.append(Mention(m.start(), m.end(), REGION, name, "region_village_listed", (),
                           Region(f"V{town.adcode}:{name}", name, "village", town.adcode)))
        end = m.end()
    return out


def generic_village(name: str) -> bool:
    """A kind of village (示范村), not a name: ``village_generic.txt``."""
    whole, tails = _village_generic()
    return name in whole or name.endswith(tails)


@functools.lru_cache(maxsize=1)
def _village_generic() -> tuple[frozenset[str], tuple[str, ...]]:
    """Generic words: two-character ones (农村, 乡村) as whole names only, since 侨乡村 is a
    village; longer ones (示范村) also as the end of a name (老区示范村)."""
    words = read_lines("village_generic.txt")
    return frozenset(words), tuple(w for w in words if len(w) >= 3)

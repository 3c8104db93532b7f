"""The unit of a post: the region or organization a title names before its body and role.

``宁波市|委|常委``: 宁波市; ``区发展改革委|主任``: a department; ``卫津路社区|党委|书记``:
a community, which the gazetteer does not list; ``区|政府|副区长`` after
``永川区委常委``: the region of the chain (or of the document, for ``市委常委`` at a
meeting of 重庆); ``村|党总支|书记`` with nothing before it: the village the text
named last. National bodies (中共中央, 国务院) are units with no entity: their
posts make an official, and no relation.
"""

from __future__ import annotations

import functools
import re

from kg.nlp.components.entities.organizations import (
    agency_regex, department_regex, known_organizations, party_department_regex,
)
from kg.nlp.components.regions import ZONE_SUFFIXES
from kg.nlp.components.villages import generic_village
from kg.nlp.gazetteer import Region, gazetteer, short_forms
from kg.nlp.lexicon import first_chars, read_lines
from kg.nlp.mention import Mention
from kg.nlp.tokenizer import shared_cutter
from kg.nlp.wordclass import is_function_word, word_classes
from kg.schema import ORGANIZATION, REGION

IMPLICIT = {"省": "province", "自治区": "province", "市": "city", "区": "county", "县": "county", "州": "city",
            "旗": "county", "盟": "city", "镇": "township", "乡": "township", "街道": "township", "村": "village", "社区": "village",
            "苏木": "township", "嘎查": "village"}      # a township and a village of Inner Mongolia's pastoral areas
# A village or community named before its post (卫津路社区党委书记): a name of one to five
# characters that holds no other division's suffix, then 村 or 社区.
VILLAGE_UNIT = re.compile(r"(?:^|(?<=[镇乡区县市])|(?<=街道))(?P<name>[^\W\d_a-zA-Z村镇乡区县市省州]{1,5}?(?:社区|村|嘎查))$")
# A department a region names with field words of its own (rule loose_department), and the word
# classes (time, pronoun, numeral, preposition, particle, adverb) no field name has.
LOOSE_DEPARTMENT = re.compile(r"(?P<region>[\u4e00-\u9fff]{0,8}?(?:省|市|区|县|州|旗|盟))"
                              r"(?P<core>[\u4e00-\u9fff]{2,12})(?P<ending>局|厅)")
LOOSE_NOT_FIELD = frozenset("t r m q p u d f".split())
# Level words a body may repeat after its region's name: 锡林郭勒盟|盟委, 正镶白旗|旗委.
DOUBLED_LEVEL = "盟旗"


def _league(form: str) -> list[Region]:
    """Rule league_short_form: a league (盟) is written as its name's first character and 盟
    (锡林郭勒盟 -> 锡盟, 阿拉善盟 -> 阿盟); the current league of that form, if one."""
    return _leagues().get(form, []) if len(form) == 2 and form[1] == "盟" else []


@functools.lru_cache(maxsize=1)
def _leagues() -> dict[str, list[Region]]:
    out: dict[str, list[Region]] = {}
    for r in gazetteer().by_code.values():
        if r.level == "city" and r.name.endswith("盟") and len(r.name) >= 4 and r.current:
            out.setdefault(r.name[0] + "盟", []).append(r)
    return {k: v for k, v in out.items() if len(v) == 1}


# How far back a bare 村, 社区, 镇 or 区 looks for the division it means.
NAMED_BACK = 400


@functools.lru_cache(maxsize=1)
def party_departments() -> frozenset[str]:
    """Departments of a party committee (组织部, 政法委): ``party_departments.txt``."""
    return frozenset(read_lines("party_departments.txt"))


@functools.lru_cache(maxsize=1)
def national_bodies() -> frozenset[str]:
    """The party's and the state's central bodies (中共中央, 国务院…): ``national_bodies.txt``."""
    return frozenset(read_lines("national_bodies.txt"))


def second_chars(roles: list[str], bodies: list[str]) -> str:
    """The characters that may follow a body's or post's first one, for a regex class (``[...]``):
    each word's second character, or after a body of one character (委), a post's first."""
    nexts = [w[1:] for w in (*roles, *bodies) if len(w) > 1]
    if any(len(r) == 1 for r in roles):
        return r"\s\S"         # a post of one character: anything may follow its first
    return first_chars(nexts + (roles if any(len(b) == 1 for b in bodies) else []))


def _clause_words(core: str) -> bool:
    """Rule village_not_a_clause: is the text before 村 words of a clause, not a name? A pronoun,
    preposition or conjunction, or a verb of two characters, among its words (记者|见到|村, 他|来到|村);
    a name of one word (胜利村, 前进村) or with a one-character verb in it (长|教村) stays."""
    words = list(shared_cutter()(core))
    return len(words) > 1 and any(is_function_word(w, verbs=len(w) > 1) if len(w) > 1 else
                                  word_classes().get(w, "") in ("r", "p", "c") for w in words)


class UnitResolver:
    """Turns the unit part of a title segment into region or organization mentions."""

    def __init__(self) -> None:
        self.g = gazetteer()
        self.dept = department_regex()
        self.party = party_department_regex()
        self.agency = agency_regex()
        self.known = known_organizations()
        # No name of the gazetteer (full or short, nor a league's 锡盟) is longer: a longer form is no region.
        self.longest = max(map(len, (*self.g.full, *self.g.short)), default=0)

    def resolve(self, pre: str, offset: int, context: dict, chain: list[Mention],
                region_at: dict[tuple[int, int], Mention], *, bounded: bool = True) -> list[Mention]:
        """Mentions for ``pre`` (outermost first); ``[]`` when it is not a unit.

        ``bounded``: ``pre`` starts where a word starts, so a village or community
        may start it (not so for the tail of a longer run of characters).
        """
        if not pre:
            return []
        if pre in IMPLICIT:
            r = self.implicit(pre, offset, context, region_at, chain)
            if r is None:
                return []
            return [Mention(offset, offset + len(pre), REGION, r.name, "title_implicit_region",
                            (), r, {"implicit": True})]
        if pre in ZONE_SUFFIXES:
            zone = self._zone_of(pre, chain, region_at) if chain else self._only_zone(pre, region_at)
            if zone is None:
                return []
            return [Mention(offset, offset + len(pre), REGION, zone.name, "title_implicit_zone", (pre,), zone)]
        if self.known.fullmatch(pre):          # 国家发展改革委
            return [Mention(offset, offset + len(pre), ORGANIZATION, pre, "title_department")]
        for grammar in (self.dept, self.party, self.agency):
            m = grammar.fullmatch(pre)
            if m:
                return self._department(pre, m, offset, context, chain, region_at)
        if pre in party_departments() and chain and chain[-1].label == REGION:
            # 区委常委、组织部部长: the department of the party committee named before it
            return [Mention(offset, offset + len(pre), ORGANIZATION, pre, "title_department")]
        if (loose := LOOSE_DEPARTMENT.fullmatch(pre)) is not None \
                and (found := self._loose_department(pre, loose, offset, context, chain, region_at)):
            return found
        if len(pre) >= 3 and pre[-1] in DOUBLED_LEVEL and pre[-2] == pre[-1]:
            # rule doubled_level_word: 锡林郭勒盟|盟委书记, 阿拉善左旗|旗委: the body repeats the level word
            return self._regions(pre[:-1], offset, context, region_at, bounded)
        return self._regions(pre, offset, context, region_at, bounded)

    def _department(self, pre: str, m: re.Match, offset: int, context: dict, chain: list[Mention],
                    region_at) -> list[Mention]:
        """A department (区发展改革委, 中共和平区委组织部), after the regions its name starts with."""
        prefix = m.group("region") or ""
        at = offset + m.start("region") if prefix else offset
        regions = self.resolve(prefix, at, context, chain, region_at) if prefix else []
        if prefix and not regions and prefix not in IMPLICIT or regions and regions[0].start > at:
            return []         # 据|广汉市市场监管局: the words before the region are no part of it
        # 区发展改革委 in 永川's speech stays as written; the region comes through part_of.
        org = Mention(offset, offset + len(pre), ORGANIZATION, pre, "title_department")
        return [*[r for r in regions if not r.attrs.get("implicit")], org]

    def _loose_department(self, pre: str, m: re.Match, offset: int, context: dict, chain: list[Mention],
                          region_at) -> list[Mention]:
        """Rule loose_department: a department of a region whose field words no list knows
        (宜宾市|经济合作和新兴产业|局, 市|文化广播电视和旅游|局): a region written in full (or a level
        word with two fields joined by 和), then nouns and verbs, then 局 or 厅."""
        prefix, core = m.group("region"), m.group("core")
        if prefix in IMPLICIT and "和" not in core or any(
                w == "的" or word_classes().get(w, "") in LOOSE_NOT_FIELD for w in shared_cutter()(core)):
            return []
        if prefix in IMPLICIT:
            regions = []
        else:
            regions = self._regions(prefix, offset, context, region_at, True)
            if not regions or regions[0].start != offset:
                return []
        return [*regions, Mention(offset, offset + len(pre), ORGANIZATION, pre, "title_department")]

    def _regions(self, pre: str, offset: int, context: dict, region_at, bounded: bool) -> list[Mention]:
        """The regions ``pre`` names, right to left: known spans first, then the gazetteer;
        a village or community at its end that the gazetteer does not list (卫津路社区)."""
        out: list[Mention] = []
        end = len(pre)
        village = self._village(pre, offset, region_at, bounded)
        if village is not None:
            out.append(village)
            end = village.start - offset
        while end > 0:
            found = None
            for start in range(0, end):
                span = (offset + start, offset + end)
                if span in region_at:
                    found = region_at[span]
                    break
                if end - start > self.longest:
                    continue
                form = pre[start:end]
                cands = self.g.candidates(form) or _league(form)
                if cands and len(form) >= 2:
                    r = self.g.choose(cands, context.get("weights", {}))
                    if r is not None:
                        found = Mention(offset + start, offset + end, REGION, r.name, "title_region",
                                        (form,) if form != r.name else (), r)
                        break
            if found is None:
                break
            out.insert(0, found)
            end = found.start - offset
        if village is not None and end > 0:
            return []                # 发展社区: the words before 社区 are no place
        return out

    def _village(self, pre: str, offset: int, region_at, bounded: bool) -> Mention | None:
        """A village or community that ends ``pre``: known, or named here for the first time
        (after a division, or at the start of ``pre`` where that starts a word)."""
        # (the regex tries its name at every character: most units end with no village's level word)
        m = VILLAGE_UNIT.search(pre) if pre.endswith(("社区", "村", "嘎查", "\n")) else None
        if m is None:
            return None
        s, e = offset + m.start("name"), offset + m.end("name")
        if (s, e) in region_at:
            return region_at[(s, e)]
        name = m.group("name")
        if generic_village(name) or len(name) < 3 or m.start() == 0 and not bounded or _clause_words(name[:-1]):
            return None
        if is_function_word(name[:-1]) and any(v.region is not None and v.region.level == "village"
                                               and e <= s and s - e <= NAMED_BACK for (_, e), v in region_at.items()):
            return None       # rule verb_before_bare_village: 见到|村支书 X, the village named before
        town = next((t for (ts, te), t in region_at.items() if te == s and t.region is not None
                     and t.region.level in ("township", "county")), None)
        parent = town.region.adcode if town is not None else ""
        return Mention(s, e, REGION, name, "title_village", (),
                       Region(f"V{parent}:{name}", name, "village", parent))

    def _zone_of(self, suffix: str, chain: list[Mention], region_at) -> Region | None:
        """The zone a bare zone word in a title chain names: 鄢陵县委常委、先进制造业开发区党工委书记.

        The zone of the chain's region that the document names, else one named
        after it (鄢陵县先进制造业开发区; 襄阳高新区 for a city).
        """
        region = next((m.region for m in reversed(chain) if m.region is not None
                       and m.region.level in ("city", "county")), None)
        if region is None:
            return None
        for m in region_at.values():
            if m.region is not None and m.region.level == "zone" and m.region.parent == region.adcode \
                    and m.name.endswith(suffix):
                return m.region
        short = short_forms(region.name, region.level)
        name = (short[0] if region.level == "city" and short else region.name) + suffix
        return Region("Z" + name, name, "zone", region.adcode)

    @staticmethod
    def _only_zone(suffix: str, region_at) -> Region | None:
        """The zone a bare zone word opening a title names where no chain does (经开区管委会主任X):
        the one zone of that kind the document names, if it names exactly one."""
        zones = {m.region.adcode: m.region for m in region_at.values()
                 if m.region is not None and m.region.level == "zone" and m.name.endswith(suffix)}
        return next(iter(zones.values())) if len(zones) == 1 else None

    def implicit(self, word: str, offset: int, context: dict, region_at,
                 chain: list[Mention] = ()) -> Region | None:
        """The region a bare level word (市, 区, 村…) names: the chain's, the document's city or
        province, or for a county, town or village the one of that level named last."""
        level = IMPLICIT[word]
        for m in reversed(chain):
            if m.region is not None and m.name.endswith(word):
                return m.region
        if level in ("county", "township", "village"):
            before = [m for (s, e), m in region_at.items() if e <= offset and offset - e <= NAMED_BACK
                      and m.region is not None and m.region.level == level and m.name.endswith(word)]
            if before:
                return max(before, key=lambda m: m.end).region
            if level == "village":
                return None
            # rule only_one_of_its_level: 我县…县委书记X, the text naming its county only later (剑阁县融媒体中心)
            named = {m.region.adcode: m.region for m in region_at.values()
                     if m.region is not None and m.region.level == level and m.name.endswith(word)}
            return next(iter(named.values())) if len(named) == 1 else None
        if level == "city":
            prov = context.get("province")
            pr = self.g.by_code.get(prov) if prov else None
            if pr is not None and pr.name.endswith("市"):
                return pr          # municipalities: 市 is the province-level city
            code = context.get("city")
        else:
            code = context.get("province")
        r = self.g.by_code.get(code) if code else None
        return r if r is None or word not in ("州", "盟") or r.name.endswith(word) else None

"""Recognize regions: administrative divisions and zones, resolved against the gazetteer.

Full names (江北区, 石柱土家族自治县), zone names (重庆高新区) and zone grammar
(``<region>`` + 高新区/经开区/综保区…) are taken everywhere; zones named after a
local place (新站高新区) where their city is written before them, their
governing body (管委会, 党工委) is named or another zone is listed beside them
(:mod:`.zones`); short forms (江北, 石柱) only where the text makes them regions:
in a list of districts, before a party or government body, when the full form is
used elsewhere in the document, or, for a far province or city, after a cue of
comparison (对标深圳, :mod:`.region_cues`). Townships listed by their bare names
(来苏、朱沱等镇) where all are of one county. A place inside a coined name
(2021湖北…推介会) is none. Villages, which the gazetteer does not list, only when
written after their township (天荒坪镇余村, and the villages listed after it), and
then their bare name too. Homonyms
are resolved with the document's own context: the divisions it names
unambiguously, and their ancestors.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.region_cues import SITE_AFTER, far_place, in_coined_name, township_list
from kg.nlp.components.villages import village_after, villages_listed, villages_of_residents
from kg.nlp.components.zones import ZONE_SHORT, free_spans, local_zones
from kg.nlp.gazetteer import Gazetteer, Region, gazetteer
from kg.nlp.lexicon import Trie, alternation, read_lines, read_table
from kg.nlp.mention import Mention, doc_text
from kg.nlp.names import stops
from kg.schema import REGION

ZONE_SUFFIXES = ("自由贸易试验区", "自贸试验区", "高新技术产业开发区", "经济技术开发区", "经济开发区", "先进制造业开发区",
                 "综合保税区", "经济综合实验区", "边境经济合作区", "跨境经济合作区", "临空经济示范区", "临空经济区", "空港经济区", "临港经济区", "高新区",
                 "经开区", "综保区", "开发区", "保税区", "新区", "工业园区")
# A division of a foreign country, written right after the country: 广宁省, 芒街市, 吴权郡, 大阪府.
FOREIGN_DIVISION = re.compile(r"(?:(?![等和与及的各])[\u4e00-\u9fff]){2,4}?(?:省|市|郡|州|县|府|道)(?![\u4e00-\u9fff]{0,1}(?:场|民|长|委|政府))")
LIST_END = re.compile(r"(?:等(?:兄弟|周边|其他|其余|各)?\d*个?|\d+个|[一二三四五六七八九十]+个)"
                      r"(?:区县|县[(（]市、区[)）]|县市区|市县|州市|市州|地市|区县[(（]开发区[)）])")
# The end of a list of a meeting's participants: …、市商务委负责人作现场交流发言, …主要负责同志先后作交流发言,
# …的党(工)委书记作典型发言, …负责人交流了经验, …主要负责人分别发言.
PARTICIPANTS_END = re.compile(r"(?:主要)?(?:负责人|负责同志|党[(（]?工?[)）]?委书记|书记|一把手|主要领导)"
                              r"(?:等|们)?(?:先后|分别|依次|相继)?(?:作|进行|在会上)?"
                              r"(?:了)?(?:现场|典型|表态|书面)?(?:交流)?(?:发言|交流了|介绍了)")
# The rest of an enumeration of places closed by 等地/等城市 (上海、广州等地).
# Also by their count: 合肥、芜湖两市, 西安、郑州、济南三市, 京津冀三省市.
PLACE_LIST = re.compile(r"(?:[、和与及][\u4e00-\u9fff]{2,3}){0,6}?"
                        r"(?:等(?:地|[\u4e00-\u9fff]{0,4}?(?:城市|地区|省份|省市))"
                        r"|等?[两二三四五六七八九十\d]+(?:市|地|城市|省|省市|座城市)(?![场民长委]))")
# The date of a dateline right after its place (本报北京2月17日电, 新华社武汉3月5日电).
DATELINE = re.compile(r"[\d０-９]{1,2}月[\d０-９]{1,2}日电")
# A word between a township and one of its villages (某镇把某村作为样板, 某镇在某村建成…); not 的 (某镇的小山村).
VILLAGE_LINK = "把在将"
# The end of a byline after its place: 本报锡林浩特讯, 本报凯里5月3日电.
BYLINE = re.compile(r"(?:[\d０-９]{1,2}月[\d０-９]{1,2}日)?(?:电|讯)")
LIST_MARKER = re.compile(r"^[、和及与]|^等(?:兄弟|周边|其他|其余|各)?\d*个?(?:区县|县(?:[(（]市、区[)）])?|市县|区|县)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@functools.lru_cache(maxsize=1)
def _scanner() -> tuple[Trie, re.Pattern, re.Pattern]:
    g = gazetteer()
    # Township names are left out, unless a division above them, a zone or a short form has the same name:
    # the full names of those (few) and the short forms, not every full name less the (many) townships'.
    names = Trie({f for f in g.wider if len(f) >= 2} | {f for f in g.short if len(f) >= 2})
    zone = re.compile(alternation(ZONE_SUFFIXES))
    town = re.compile(r"镇|乡|街道")
    return names, zone, town


@functools.lru_cache(maxsize=1)
def stopforms() -> frozenset[str]:
    return frozenset(w for w in read_lines("region_stopforms.txt") if not w.startswith("~"))


@functools.lru_cache(maxsize=1)
def common_forms() -> frozenset[str]:
    """Short forms of cities that are also common words (~朝阳: 朝阳产业, ~长治: 长治久安): regions only
    in a list of places or before a body of their own (太原、大同、长治等市; 大同市委 is written in full)."""
    return frozenset(w[1:] for w in read_lines("region_stopforms.txt") if w.startswith("~"))


def _bodies() -> tuple[str, ...]:
    return tuple(r["body"] for r in read_table("bodies.csv", ("body", "governs")))


class RegionRecognizer:
    """Finds region mentions and the document's regional context."""

    def __init__(self, *, context_region: str | None = None) -> None:
        self.context_region = context_region
        self.g = gazetteer()
        self.names, self.zone_re, self.town_re = _scanner()
        self.body_re = re.compile(alternation(_bodies()) + "|" + "|".join(("书记", "县长", "区长", "市长")))

    # ------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        raw = self._scan(text)
        context = self._context(raw)
        mentions = self._resolve(text, raw, context)
        ext = doc._                 # one accessor: each ``doc._`` builds a new one
        ext.kg_mentions = (ext.kg_mentions or []) + mentions
        ext.kg_context = context
        return doc

    # ------------------------------------------------------------------
    def _scan(self, text: str) -> list[tuple[int, int, str, list[Region], bool, str]]:
        """Candidates (start, end, form, regions, short, rule)."""
        out = []
        g, stop = self.g, stopforms()
        city_zones: dict[str, list[Region]] = {}    # 三江新区 -> the zone 宜宾三江新区, once so written
        for s, e in self.names.finditer(text):
            form = text[s:e]
            zm = self.zone_re.match(text, e)
            full_c = g.full.get(form, [])
            if zm and not any(c.level == "zone" for c in full_c):
                zname = form + zm.group()
                short = form + ZONE_SHORT.get(zm.group(), zm.group())     # one zone, however written
                cands = g.full.get(zname) or g.full.get(short)
                bases = [] if cands else [b for b in g.candidates(form) if b.level in ("province", "city", "county")]
                prev = out[-1] if out and out[-1][1] == s else None
                cities = [c for c in prev[3] if c.level == "city"] if prev is not None else []
                if bases and cities and not any(g.is_within(b, c) for b in bases for c in cities):
                    # region_city_zone: 宜宾三江新区 is 宜宾's zone named after a local place, not one of
                    # the far 三江侗族自治县: the city's name opens the zone's
                    out.pop()
                    tail = short
                    s, zname, short = prev[0], prev[2] + zname, prev[2] + short
                    bases = cities
                    city_zones[tail] = [Region("Z" + short, short, "zone", b.adcode) for b in bases]
                cands = cands or city_zones.get(short) or [Region("Z" + short, short, "zone", base.adcode)
                                                           for base in bases]
                if cands:
                    out.append((s, zm.end(), zname, cands, False, "region_zone_grammar"))
                continue
            if form in stop:
                continue
            alive = [c for c in g.short.get(form, []) if c.current] if full_c else []
            if alive and not any(c.current for c in full_c):
                full_c = alive      # 峨边县 (until 1983) is now written for 峨边彝族自治县
            if full_c:
                out.append((s, e, form, full_c, False, "region_gazetteer"))
            else:
                out.append((s, e, form, list(g.short.get(form, [])), True, "region_short_form"))
        for m in self.town_re.finditer(text):
            end = m.end()
            for ln in range(6, 1, -1):
                s = end - ln
                if s < 0:
                    continue
                form = text[s:end]
                if form not in g.full:
                    continue        # most of the six lengths name nothing (no empty entry made: a defaultdict)
                cands = [c for c in g.full[form] if c.level == "township"]
                if cands and _CJK.match(form[0]):
                    out.append((s, end, form, cands, False, "region_township"))
                    break
        out.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        # drop candidates nested in longer ones
        kept, last_end = [], -1
        for c in out:
            if c[0] >= last_end:
                kept.append(c)
                last_end = c[1]
            elif c[1] > last_end:
                continue
        return kept

    def _context(self, raw) -> dict:
        weights: Counter = Counter()
        for s, e, form, cands, short, rule in raw:
            if len(cands) == 1:         # most forms: one candidate, no set to build
                codes = () if cands[0].level == "township" else (cands[0].adcode,)
            else:
                codes = {c.adcode for c in cands if c.level != "township"}
            if len(codes) == 1 and (not short or len(form) >= 2):
                weights[next(iter(codes))] += 0.5 if short else 1.0
        # Ancestors of named divisions make a document's province and city.
        anc: Counter = Counter()
        for code, w in weights.items():
            r = self.g.by_code.get(code)
            if r:
                for a in self.g.ancestors(r):
                    anc[a.adcode] += w
        total = weights + anc
        context = {"weights": dict(total)}
        if self.context_region:
            fixed = self.g.candidates(self.context_region)
            if fixed:
                context["weights"][fixed[0].adcode] = context["weights"].get(fixed[0].adcode, 0) + 100
        prov = [(w, c) for c, w in context["weights"].items()
                if (r := self.g.by_code.get(c)) and r.level == "province"]
        city = [(w, c) for c, w in context["weights"].items()
                if (r := self.g.by_code.get(c)) and r.level == "city"]
        context["province"] = max(prov)[1] if prov else None
        context["city"] = max(city)[1] if city else None
        return context

    def _resolve(self, text: str, raw, context) -> list[Mention]:
        weights = context["weights"]
        chosen: list[tuple[int, int, str, Region, bool, str]] = []
        # The choice among the same candidates, by identity, made once: the weights do not change
        # within a document, and its ambiguous forms come back (16 choices a document, 6 distinct).
        # Every list in ``raw`` lives through the loop, so no id is reused for another Region.
        picked: dict[tuple[int, ...], Region | None] = {}
        for s, e, form, cands, short, rule in raw:
            if len(cands) == 1:
                r = cands[0]            # most forms: one candidate
            elif chosen and chosen[-1][1] == s and len(inner := [c for c in cands if self.g.is_within(
                    c, chosen[-1][3])]) == 1:
                r = inner[0]            # region_short_chain: 深圳南山 is the 南山区 of 深圳
            elif (k := tuple(map(id, cands))) in picked:
                r = picked[k]
            else:
                r = picked[k] = self.g.choose(cands, weights)
            if r is None and short:
                r = _city_over_district(cands)
            if r is None:
                continue
            chosen.append((s, e, form, r, short, rule))
        confirmed = {r.adcode for s, e, form, r, short, rule in chosen if not short}
        listed = _listed_regions(text, chosen)
        mentions = []
        province, commons = context.get("province"), common_forms()     # (looked up once, not per form)
        for i, (s, e, form, r, short, rule) in enumerate(chosen):
            if short and s not in listed and not self._short_ok(text, s, e, r, confirmed, province):
                if form in commons or not far_place(text, chosen, i, self.g):
                    continue
                rule = "region_far_place"
            if not short and r.level in ("county", "township") and _foreign(self.g, r, weights, context) \
                    and not far_place(text, chosen, i, self.g):
                continue
            if in_coined_name(text, s, e) or short and SITE_AFTER.match(text, e):
                continue
            name = canonical_name(r)
            aliases = (form,) if form != name else ()
            mentions.append(Mention(s, e, REGION, name, rule, aliases, r))
            if r.level in ("township", "county"):       # 南口镇侨乡村, 宜阳县福昌村
                village = village_after(text, e, r)
                if village is None and r.level == "township" and text[e:e + 1] in VILLAGE_LINK:
                    village = village_after(text, e + 1, r)     # 连江口镇把连樟村作为…: the township's own
                    if village is not None:
                        village.rule = "region_village_linked"
                if village is not None:
                    mentions.append(village)
                    mentions += villages_listed(text, village.end, r)
        if "、" in text and (towns := township_list(text, weights, self.g)):
            mentions = [m for m in mentions if not any(t.start < m.end and m.start < t.end for t in towns)]
            mentions = sorted(mentions + towns, key=lambda m: m.start)
        mentions += _foreign_divisions(text, mentions)
        mentions += villages_of_residents(text, mentions)
        zones = local_zones(text, mentions, context, self.g, self.zone_re)
        if zones:       # 钦州 inside 钦州港片区 is part of the zone's name
            mentions = [m for m in mentions if not any(z.start <= m.start and m.end <= z.end for z in zones)]
            mentions = sorted(mentions + zones, key=lambda m: m.start)
        return mentions + _named_again(text, mentions)

    def _short_ok(self, text: str, s: int, e: int, r: Region, confirmed: set[str],
                  province: str | None = None) -> bool:
        if r.adcode in confirmed:
            return True
        if text[max(0, s - 2):s] == "本报" and BYLINE.match(text, e):
            return True       # region_byline: 本报锡林浩特讯, 本报凯里5月3日电: where the report was filed
        if r.level in ("province", "city") and text[s:e] in common_forms():
            return bool(PLACE_LIST.match(text, e)) or bool(self.body_re.match(text, e)) \
                or bool(LIST_MARKER.match(text, e)) and _in_region_list(text, s)
        if r.level in ("province", "city"):
            # 钦州 in a text about 重庆 is a destination, not a region of the text; 上海、广州等地
            # names places in their own right.
            return province is None or r.adcode[:2] == province[:2] or bool(PLACE_LIST.match(text, e)) \
                or bool(DATELINE.match(text, e)) \
                or bool(self.body_re.match(text, e))     # 本报北京2月17日电: where the report was filed;
            # 临夏州委: a body of its own makes the place a region, whatever province the text weighs most
        after = text[e:e + 12]
        before = text[max(0, s - 1):s]
        if self.body_re.match(after):
            return True       # 江北区委 is caught as full form; 江北 + 委/书记...
        if LIST_MARKER.match(after) and (before in "、，,：: \n与和同及" or before == ""):
            return _in_region_list(text, s)
        return False


def _foreign_divisions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Divisions written after their country (越南广宁省芒街市, 日本大阪府): the gazetteer has none.

    Each is placed in the one before it, so 芒街市 is part of 广宁省, part of 越南.
    """
    out = []
    for m in mentions:
        if m.region is None or m.region.level != "country":
            continue
        pos, parent = m.end, m.region
        while (d := FOREIGN_DIVISION.match(text, pos)) is not None and not stops().match(text, pos):
            name = d.group()
            region = Region(f"F{parent.adcode}:{name}", name, "foreign", parent.adcode)
            out.append(Mention(pos, d.end(), REGION, name, "region_foreign_division", (), region))
            pos, parent = d.end(), region
    return out


# Regions found only next to the region that places them, and their rule for a later bare mention.
NAMED_AGAIN = {"region_village": "region_village_again", "region_village_listed": "region_village_again",
               "region_village_linked": "region_village_again",
               "region_foreign_division": "region_foreign_again"}


def _named_again(text: str, mentions: list[Mention]) -> list[Mention]:
    """The later, bare mentions of villages named after their township (余村 again) and of
    foreign divisions named after their country (芒街市 again)."""
    first = {m.name: m for m in mentions if m.rule in NAMED_AGAIN}
    if not first:
        return []
    taken = [(m.start, m.end) for m in mentions]
    return [Mention(s, e, REGION, name, NAMED_AGAIN[m.rule], (), m.region)
            for name, m in first.items() for s, e in free_spans(text, name, taken)]


def _foreign(g: Gazetteer, r: Region, weights: dict, context: dict) -> bool:
    """A county or township outside the document's province that nothing else supports (老城区)."""
    prov = context.get("province")
    if not prov or r.adcode.startswith("Z") or r.adcode[:2] == prov[:2]:
        return False
    # The ancestors' weight includes what this division's own mentions gave them.
    own = weights.get(r.adcode, 0)
    support = sum(weights.get(a.adcode, 0) - own for a in g.ancestors(r))
    return support < 1.0


def _city_over_district(cands: list[Region]) -> Region | None:
    """A bare short form the context does not settle: the one city or province among its
    candidates. 西安 alone is the city; its namesake districts are written with 区."""
    top = [c for c in cands if c.current and c.level in ("province", "city")]
    rest = [c for c in cands if c not in top]
    return top[0] if len(top) == 1 and all(c.name.endswith("区") for c in rest) else None   # not 大理州/大理市


def _listed_regions(text: str, chosen) -> set[int]:
    """Starts of region forms in a 、-list of three or more, every item a region of one province.

    ``与上城、桐乡、越城建立…`` names three districts even though none is written in full.
    """
    out: set[int] = set()
    if not any(text.startswith("、", c[1]) for c in chosen):
        return out          # most texts: no region form is followed by a list mark
    by_start = {c[0]: c for c in chosen}
    seen: set[int] = set()
    for c in chosen:
        if c[0] in seen:
            continue
        if text[c[1]:c[1] + 1] != "、":
            seen.add(c[0])
            continue            # most forms: no list goes on after them
        run = [c]
        while True:
            last = run[-1]
            nxt = by_start.get(last[1] + 1)
            if text[last[1]:last[1] + 1] == "、" and nxt is not None:
                run.append(nxt)
            else:
                break
        seen.update(x[0] for x in run)
        provinces = {x[3].adcode[:2] for x in run}
        if len(run) >= 3 and len(provinces) == 1 and all(x[3].level in ("county", "city", "zone") for x in run):
            out.update(x[0] for x in run)
    return out


def _in_region_list(text: str, s: int) -> bool:
    """Is position ``s`` inside an enumeration closed by 等…区县 / 县(市、区) / 6个州市, or inside
    the list of a meeting's participants (…、市商务委负责人作交流发言)?"""
    tail = text[s:s + 200]
    cut = next((i for i, ch in enumerate(tail) if ch in "。；;\n"), len(tail))
    clause = tail[:cut]
    return bool(LIST_END.search(clause) or PARTICIPANTS_END.search(clause))


def canonical_name(r: Region) -> str:
    """The canonical name of a region: its full official name (zones as usually written)."""
    return r.name


@Language.factory("kg_regions", default_config={"context_region": None},
                  assigns=["doc._.kg_mentions", "doc._.kg_context"])
def make_region_recognizer(nlp: Language, name: str, context_region: str | None) -> RegionRecognizer:
    return RegionRecognizer(context_region=context_region)

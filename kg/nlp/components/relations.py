"""Relate entities: every relation is made by a named rule and carries its evidence.

Rules (the ``rule`` attribute of each edge):

- ``title_governs`` / ``title_serves_in`` / ``title_leads``: from a parsed title chain.
- ``part_of_prefix``: 杭州市滨江区 → 滨江区 part_of 杭州市; 永川区发展改革委 part_of 永川区.
- ``part_of_zone_name``: 永川综保区 → part_of 永川区 (a zone named after its region).
- ``part_of_title_chain``: 宁波市委常委、鄞州区委书记 → 鄞州区 part_of 宁波市.
- ``part_of_region_list``: the districts a city's meeting lists in its introduction.
- ``part_of_section``: a division named in a speech about its ancestor, or the speech's
  region named with its own ancestor (以桥头镇为例 in 石柱's speech).
- ``hosts_speaker``: a project in a speech is hosted by the speaker's region;
  an enterprise too when the sentence says it was introduced, signed, supported….
- ``implements_speaker``: a program in a speech is implemented by the speaker's region.
- ``implements_named_body``: 中组部重点村分类管理试点 → 中组部 implements it.
- ``develops_owner_name``: 上汽云计算中心 → 上汽 develops it.
- ``develops_cobuild``: 与X共建Y / X投资…打造的Y / 联合X打造Y → X develops Y.
- ``develops_managing_body``: 成立Y管理局…建设XY → the managing body develops XY.
- ``partners_cue``: 联合X, 与X共建/合作, 携手X, 对接X → the speaker partners with X.
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.gazetteer import gazetteer
from kg.nlp.mention import Mention, Section, doc_sentences, doc_text
from kg.schema import (
    DEVELOPS, ENTERPRISE, GOVERNS, HOSTS, IMPLEMENTS, LEADS, ORGANIZATION, PART_OF, PARTNERS_WITH,
    PROGRAM, PROJECT, REGION, SERVES_IN, RelationRecord,
)

HOST_CUES = re.compile(r"引进|引入|签约|落户|入驻|支持|培育|集聚|招引|新增|扶持|打造|招商|引育|落地")
PARTNER_BEFORE = re.compile(r"(?:联合|携手|对接|与|同)$")
PARTNER_AFTER = re.compile(r"^(?:[、和及][\u4e00-\u9fffA-Za-z]{2,12})*(?:等[\u4e00-\u9fff]{0,6})?"
                           r"(?:共建|合作|建立|签署|携手|联合|战略合作|结对)")
COBUILD = re.compile(r"共建|合作建设|联合打造|合资")
BUILD = re.compile(r"(?:投资)?(?:打造|建设|建成|布局)")
MANAGING_BODY = re.compile(r"(?:管理局|管理委员会|管委会|建设指挥部|指挥部|运营公司|建设公司)$")


class RelationExtractor:
    """Applies the relation rules to a document's mentions, positions and sections."""

    def __init__(self) -> None:
        self.g = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        mentions: list[Mention] = [m for m in (doc._.kg_mentions or [])]
        sents = doc_sentences(doc)
        starts = [s for s, _ in sents]
        rels: list[RelationRecord] = []

        def sentence(m_start: int) -> tuple[int, int]:
            i = bisect.bisect_right(starts, m_start) - 1
            return sents[i] if i >= 0 else (0, len(text))

        def add(h: Mention, rel: str, t: Mention, rule: str, ev: str) -> None:
            if h.key != t.key:
                rels.append(RelationRecord(h.key, rel, t.key, rule, ev.strip()))

        self._titles(doc, add)
        self._part_of(text, mentions, doc, sentence, add)
        sections = list(doc._.kg_sections or [])
        if not sections:
            sections = self._article_section(text, mentions)
            doc._.kg_sections = sections
        for sec in sections:
            self._section(text, sec, mentions, sentence, add)
        self._names(mentions, text, sentence, add)
        doc._.kg_relations = _dedupe(rels)
        return doc

    # -- rules ------------------------------------------------------------
    def _titles(self, doc: Doc, add) -> None:
        for p in doc._.kg_positions or []:
            if p.unit is None:
                continue
            who = Mention(p.start, p.end, "official", p.official, "title")
            if p.unit.label == REGION:
                rel = GOVERNS if p.governs else SERVES_IN
                add(who, rel, p.unit, f"title_{rel}", p.evidence)
            elif p.unit.label == ORGANIZATION and p.rank == "top":
                add(who, LEADS, p.unit, "title_leads", p.evidence)
            for outer in p.unit.attrs.get("within", []):
                hi = _by_name(doc._.kg_mentions, REGION, outer)
                if hi is not None:
                    add(p.unit, PART_OF, hi, "part_of_title_chain", p.evidence)

    def _part_of(self, text: str, mentions: list[Mention], doc: Doc, sentence, add) -> None:
        regions = [m for m in mentions if m.label == REGION and m.region is not None]
        confirmed = {m.key for m in regions if not m.attrs.get("nested")}
        confirmed |= {p.unit.key for p in doc._.kg_positions or [] if p.unit is not None}
        by_end = {m.end: m for m in regions}
        for m in mentions:
            if m.label not in (REGION, ORGANIZATION):
                continue
            prev = by_end.get(m.start)
            if m.rule == "region_zone_grammar" and m.region is not None:
                base = next((r for r in regions if r.region.adcode == m.region.parent and r.key != m.key), None)
                if base is not None:       # 永川综保区 is 永川区's zone
                    s, e = sentence(m.start)
                    add(m, PART_OF, base, "part_of_zone_name", text[s:e])
            if m.label == REGION and self._inside(m, prev):
                s, e = sentence(m.start)
                add(m, PART_OF, prev, "part_of_prefix", text[s:e])
            if m.label == ORGANIZATION:
                # An organization named with its region: only a region the text also
                # names on its own (丽水 inside 丽水农林技师学院 alone is not enough).
                inner = [r for r in regions if m.start <= r.start and r.end <= m.end
                         and r.key in confirmed and not m.name.endswith("大学")]
                if inner:
                    s, e = sentence(m.start)
                    add(m, PART_OF, inner[-1], "part_of_prefix", text[s:e])
        # The districts listed in a meeting's introduction are part of its city.
        ctx = doc._.kg_context or {}
        anchor_code = ctx.get("province") or ctx.get("city")
        anchor = [m for m in regions if m.region.adcode == anchor_code and not m.attrs.get("nested")]
        if anchor:
            for m in regions:
                if m.rule in ("region_short_form", "region_gazetteer", "region_zone_grammar") and _in_list(text, m):
                    if m.region.adcode != anchor_code and (
                            self.g.is_within(m.region, anchor[0].region) or m.region.parent == anchor_code):
                        s, e = sentence(m.start)
                        add(m, PART_OF, anchor[0], "part_of_region_list", text[s:e])

    def _inside(self, m: Mention, prev: Mention | None) -> bool:
        """Is region ``m``, written right after region ``prev``, a part of it (杭州市|滨江区)?"""
        return prev is not None and m.region is not None and self.g.is_within(m.region, prev.region)

    def _region_chains(self, mentions: list[Mention]) -> dict[int, int | None]:
        """Regions written as a chain of prefixes (上海市嘉定区): ``id`` of the last -> where its chain
        starts; ``None`` for the others, which say where the last one is and are no party of their own."""
        regions = sorted((m for m in mentions if m.label == REGION and m.region is not None
                          and not m.attrs.get("nested")), key=lambda m: m.start)
        by_end: dict[int, Mention] = {}
        start_of: dict[int, int | None] = {}
        outer: set[int] = set()
        for m in regions:
            prev = by_end.get(m.start)
            if self._inside(m, prev):
                start_of[id(m)] = start_of.get(id(prev), prev.start)
                outer.add(id(prev))
            by_end[m.end] = m
        return {**start_of, **dict.fromkeys(outer)}

    def _section(self, text: str, sec: Section, mentions: list[Mention], sentence, add) -> None:
        subj = sec.subject
        if subj is None:
            return
        inside = [m for m in mentions if sec.start <= m.start < sec.end]
        chain_start = self._region_chains(inside)
        for m in inside:
            if m.attrs.get("nested") and m.label in (PROJECT, PROGRAM, REGION):
                continue
            s, e = sentence(m.start)
            ev = text[s:e]
            if sec.title_start <= m.start < sec.title_end:
                continue
            if m.label == PROJECT and subj.label == REGION:
                add(subj, HOSTS, m, "hosts_speaker", ev)
            elif m.label == PROGRAM:
                add(subj, IMPLEMENTS, m, "implements_speaker", ev)
            elif m.label == ENTERPRISE and subj.label == REGION:
                before = text[max(s, m.start - 3):m.start]
                after = text[m.end:e]
                if PARTNER_BEFORE.search(before) or PARTNER_AFTER.match(after):
                    add(subj, PARTNERS_WITH, m, "partners_cue", ev)
                elif m.attrs.get("nested"):
                    continue
                elif HOST_CUES.search(text[s:m.start]) or HOST_CUES.search(after[:12]):
                    add(subj, HOSTS, m, "hosts_speaker", ev)
            elif m.label in (ORGANIZATION, REGION) and not m.attrs.get("nested"):
                if m.label == REGION and m.region and subj.region and m.key != subj.key:
                    if self.g.is_within(m.region, subj.region) and m.region.level == "township":
                        add(m, PART_OF, subj, "part_of_section", ev)
                    elif self.g.is_within(subj.region, m.region) and m.region.level in ("city",):
                        add(subj, PART_OF, m, "part_of_section", ev)
                start = chain_start.get(id(m), m.start)
                if start is None:
                    continue       # 上海市 of 与上海市嘉定区签署: the partner is 嘉定区
                before = text[max(s, start - 3):start]
                if PARTNER_BEFORE.search(before) or PARTNER_AFTER.match(text[m.end:e]):
                    add(subj, PARTNERS_WITH, m, "partners_cue", ev)

    def _names(self, mentions: list[Mention], text: str, sentence, add) -> None:
        """Relations read off names: owners and launching bodies named in a name."""
        tops = {(m.start, m.end): m for m in mentions if not m.attrs.get("nested")}
        for m in mentions:
            if not m.attrs.get("nested"):
                continue
            outer = next((t for t in tops.values() if t.start <= m.start and m.end <= t.end and t is not m), None)
            if outer is None or outer.start != m.start:
                continue
            s, e = sentence(m.start)
            if m.label == ENTERPRISE and outer.label == PROJECT:
                add(m, DEVELOPS, outer, "develops_owner_name", text[s:e])
            if m.label == ORGANIZATION and outer.label == PROGRAM:
                add(m, IMPLEMENTS, outer, "implements_named_body", text[s:e])
        # 与X共建Y: X develops Y.
        ents = [m for m in mentions if m.label in (ENTERPRISE, ORGANIZATION) and not m.attrs.get("nested")]
        projects = [m for m in mentions if m.label == PROJECT and not m.attrs.get("nested")]
        for x in ents:
            s, e = sentence(x.start)
            after = text[x.end:e]
            cm = COBUILD.match(after) or re.match(r"投资[\d.]+[万亿]?元?(?:打造|建设)的", after)
            if not cm and PARTNER_BEFORE.search(text[max(s, x.start - 3):x.start]):
                cm = BUILD.match(after)          # 联合中国移动打造Y: the partner builds Y too
            if not cm:
                continue
            y = next((p for p in projects if p.start >= x.end + cm.end() and p.start - (x.end + cm.end()) <= 2), None)
            if y is not None:
                add(x, DEVELOPS, y, "develops_cobuild", text[s:e])

        # 成立特别合作园管理局，启动建设滨萧特别合作园: the managing body develops what it manages.
        for x in ents:
            mb = MANAGING_BODY.search(x.name)
            core = x.name[:mb.start()] if mb else ""
            if len(core) < 3:
                continue
            s, e = sentence(x.start)
            for y in projects:
                if s <= y.start < e and y.name.endswith(core):
                    add(x, DEVELOPS, y, "develops_managing_body", text[s:e])

    def _article_section(self, text: str, mentions: list[Mention]) -> list[Section]:
        """A feature article without speeches is about its most-named county or city."""
        from collections import Counter

        counts = Counter(m.key for m in mentions if m.label == REGION and m.region is not None
                         and m.region.level in ("county", "city", "zone") and not m.attrs.get("nested"))
        if not counts:
            return []
        key, n = counts.most_common(1)[0]
        if n < 2:
            return []
        subject = next(m for m in mentions if m.key == key)
        return [Section(0, len(text), subject)]


def _in_list(text: str, m: Mention) -> bool:
    from kg.nlp.components.regions import _in_region_list

    before = text[max(0, m.start - 1):m.start]
    return before in ("、", "，", ",", "：", ":", " ") and _in_region_list(text, m.start) or (
        text[m.end:m.end + 1] == "、" and _in_region_list(text, m.start))


def _by_name(mentions, label: str, name: str) -> Mention | None:
    for m in mentions or []:
        if m.label == label and m.name == name:
            return m
    return None


def _dedupe(rels: list[RelationRecord]) -> list[RelationRecord]:
    seen, out = set(), []
    for r in rels:
        k = (r.head, r.relation, r.tail)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


@Language.factory("kg_relations", requires=["doc._.kg_mentions", "doc._.kg_positions"],
                  assigns=["doc._.kg_relations"])
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor()

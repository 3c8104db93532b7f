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
  an enterprise too when the sentence says it was introduced, signed, supported…,
  but not a company named only as a project's owner (签约X总投资30亿元的Y项目).
- ``implements_speaker``: a program in a speech is implemented by the speaker's region.
  A sentence that starts with another region inside the speaker's (义乌市依托…) or with
  an organization (市科技局联合…) is that one's: it hosts, implements and partners
  there; in a speech the speaker still hosts and implements, in an article the
  sentence's region takes over up to the next heading.
- ``hosts_located``: 在履坦镇建设Y, 包河区大圩镇建成Y, Y落户金华开发区 → the region hosts Y.
- ``implements_located``: 支持义乌市深化…试点 → the region implements the program it is said to carry out.
- ``hosts_place_name``: 包河智能网联汽车测试场, 黄舣智能酿造基地 (with 黄舣镇 in the text) →
  the county, zone or town the name opens with hosts it.
- ``implements_named_body``: 中组部重点村分类管理试点 → 中组部 implements it.
- ``develops_owner_name``: 上汽云计算中心 → 上汽 develops it.
- ``develops_cobuild``: 与X共建Y / X投资30亿元的Y / X在包河布局的Y / 联合X打造Y → X develops Y.
- ``develops_managing_body``: 成立Y管理局…建设XY → the managing body develops XY.
- ``partners_cue``: 联合X, 与X共建/合作, 携手X, 对接X → the speaker partners with X.

The cue words of these rules are in ``kg/data/triggers.csv``.
"""

from __future__ import annotations

import bisect
import functools
import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.entities.short_forms import after_short_form
from kg.nlp.gazetteer import Region, gazetteer
from kg.nlp.layout import FINAL, MIN_BODY_LINE
from kg.nlp.lexicon import alternation, read_table
from kg.nlp.mention import Mention, Section, doc_sentences, doc_text
from kg.schema import (
    DEVELOPS, ENTERPRISE, GOVERNS, HOSTS, IMPLEMENTS, LEADS, ORGANIZATION, PART_OF, PARTNERS_WITH,
    PROGRAM, PROJECT, REGION, SERVES_IN, RelationRecord,
)

# Adverbs between a region and the verb that places a project there: 大圩镇已建成Y.
ADVERBS = r"(?:已|还|正|先后|累计|新|加快|全力|成功|率先|正在|又)?"
# Regions a trip or a list of markets names, not where something is: 赴东南亚参展, 到上海招商.
NOT_LOCATED = re.compile(r"(?:赴|到|去|往|向|与|同|联合|携手|对接)$")
# A sentence's opening adverbial (今年以来，/ 7月，) before its subject.
LEAD_ADVERBIAL = re.compile(r"[^，,。；;“”\n]{1,8}[，,]")
# After a region, these make it a list member or a modifier, not the sentence's subject.
NOT_SUBJECT_AFTER = set("、和及的等，,")
# A measure between a verb and its project: 建设占地1200亩的Y, 打造总投资30亿元的Y.
MODIFIER = re.compile(r"(?:占地|总投资|投资|规划面积|面积)[^，,。；;、的]{1,12}的")
# The levels of region a project is placed in (not a province or city: those are the speaker's context).
LOCAL_LEVELS = ("county", "township", "village", "zone")
# Between a project and the verb that places it: Y，项目已落户R.
PLACED_GAP = re.compile(r"[,，]?(?:该|这个)?(?:项目|企业|公司)?(?:已|将|正式|成功|顺利|已经|先后)*")


@functools.lru_cache(maxsize=1)
def cues() -> dict[str, re.Pattern]:
    """The cue regexes of the relation rules, from the words of ``triggers.csv``."""
    words: dict[str, list[str]] = {}
    for row in read_table("triggers.csv", ("rule", "word")):
        words.setdefault(row["rule"], []).append(row["word"])
    alt = {rule: alternation(ws) for rule, ws in words.items()}
    return {
        "hosts_enterprise": re.compile(alt["hosts_enterprise"]),
        "partners_before": re.compile(f"(?:{alt['partners_before']})$"),
        "partners_after": re.compile(r"^(?:[、和及][\u4e00-\u9fffA-Za-z]{2,12})*(?:等[\u4e00-\u9fff]{0,6})?"
                                     f"(?:{alt['partners_after']})"),
        "develops_cobuild": re.compile(alt["develops_cobuild"]),
        "develops_build": re.compile(f"(?:投资)?(?:{alt['develops_build']})"),
        "located_build": re.compile(f"{ADVERBS}(?:{alt['hosts_located_build']})"),
        "placed_at": re.compile(f"(?:{alt['hosts_placed_at']})$"),
        "implements_located": re.compile(f"{ADVERBS}(?:{alt['implements_located']})"),
    }


# X投资30亿元的Y, X总投资3亿美元建设的Y, X投资建设的Y, X在包河布局的Y: X owns Y.
OWNER = re.compile(r"(?:(?:总)?投资(?:约|超|近|逾)?[\d.]+[万亿]?(?:美元|元|欧元)?(?:人民币)?|投资|在[\u4e00-\u9fff]{2,8}?)"
                   r"(?:打造|建设|兴建|新建|布局|投资建设)?的")
MANAGING_BODY = re.compile(r"(?:管理局|管理委员会|管委会|建设指挥部|指挥部|运营公司|建设公司)$")


class RelationExtractor:
    """Applies the relation rules to a document's mentions, positions and sections."""

    def __init__(self) -> None:
        self.g = gazetteer()
        self.cue = cues()

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
        # Departments in titles (区发展改革委主任 X 介绍…) are not the subjects of their sentences.
        titled = {p.unit.start for p in doc._.kg_positions or [] if p.unit is not None and p.unit.label == ORGANIZATION}
        for sec in sections:
            self._section(text, sec, mentions, sents, titled, sentence, add)
        self._names(mentions, text, sentence, add)
        self._located(text, mentions, sentence, add)
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
                inner = [r for r in regions if m.start <= r.start and r.end <= m.end and r.key in confirmed
                         and not m.name.endswith("大学") and r.region.level != "country"]   # 广西越南商会
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

    def _holds(self, outer: Region, inner: Region) -> bool:
        """Is ``inner`` inside ``outer``? A zone holds the towns and villages of its city
        (团山镇 in 襄阳高新区): the gazetteer lists them under districts, not zones."""
        if outer.level == "zone":
            parent = self.g.by_code.get(outer.parent)
            return inner.level in ("township", "village") and parent is not None \
                and self.g.is_within(inner, parent)
        return self.g.is_within(inner, outer)

    def _inside(self, m: Mention, prev: Mention | None) -> bool:
        """Is region ``m``, written right after region ``prev``, a part of it (杭州市|滨江区)?"""
        return prev is not None and m.region is not None and prev.region is not None and (
            m.region.parent == prev.region.adcode or self.g.is_within(m.region, prev.region))

    def _region_chains(self, mentions: list[Mention]) -> dict[int, int | None]:
        """Regions written as a chain of prefixes (上海市嘉定区): ``id`` of the last -> where its chain
        starts; ``None`` for the others, which say where the last one is and are no party of their own."""
        regions = sorted((m for m in mentions if m.label == REGION and m.region is not None
                          and not m.attrs.get("nested")), key=lambda m: m.start)
        out: dict[int, int | None] = {}
        for chain in self._chains(regions):
            if len(chain) > 1:
                out.update(dict.fromkeys(map(id, chain[:-1])))
                out[id(chain[-1])] = chain[0].start
        return out

    def _section(self, text: str, sec: Section, mentions: list[Mention], sents: list[tuple[int, int]],
                 titled: set[int], sentence, add) -> None:
        speaker = sec.subject
        if speaker is None:
            return
        inside = [m for m in mentions if sec.start <= m.start < sec.end]
        chain_start = self._region_chains(inside)
        local = self._local_subjects(text, sec, [m for m in inside if m.start not in titled], sents)
        for m in inside:
            if m.attrs.get("nested") and m.label in (PROJECT, PROGRAM, REGION):
                continue
            s, e = sentence(m.start)
            ev = text[s:e]
            if sec.title_start <= m.start < sec.title_end:
                continue
            subj = local.get(s, speaker)
            host = subj if subj.label == REGION else speaker     # a department's sentence: its region hosts
            # In a speech, all it reports is the speaker's too; an article's region yields to the local one.
            also = speaker if sec.speaker and speaker.key != subj.key else None
            hosts = [r for r in (host, also) if r is not None and r.label == REGION]
            if m.label == PROJECT and hosts:
                for h in hosts:
                    add(h, HOSTS, m, "hosts_speaker", ev)
            elif m.label == PROGRAM:
                for r in (subj, also) if also is not None else (subj,):
                    add(r, IMPLEMENTS, m, "implements_speaker", ev)
            elif m.label == ENTERPRISE and hosts:
                before = text[max(s, m.start - 3):m.start]
                after = text[m.end:e]
                if self.cue["partners_before"].search(before) or self.cue["partners_after"].match(after):
                    add(_actor_before(text, m.start, inside) or subj, PARTNERS_WITH, m, "partners_cue", ev)
                elif m.attrs.get("nested") or _owns_next(OWNER.match(after), m.end, inside):
                    continue       # 签约X总投资30亿元的Y项目: X develops Y, and is not hosted for it
                elif self.cue["hosts_enterprise"].search(text[s:m.start]) \
                        or self.cue["hosts_enterprise"].search(after[:12]):
                    for h in hosts:
                        add(h, HOSTS, m, "hosts_speaker", ev)
            elif m.label in (ORGANIZATION, REGION) and not m.attrs.get("nested"):
                if m.label == REGION and m.region and speaker.region and m.key != speaker.key:
                    if self._holds(speaker.region, m.region) and m.region.level == "township" \
                            and chain_start.get(id(m)) is None:     # 包河区大圩镇: part of 包河区 only
                        add(m, PART_OF, speaker, "part_of_section", ev)
                    elif self.g.is_within(speaker.region, m.region) and m.region.level in ("city",):
                        add(speaker, PART_OF, m, "part_of_section", ev)
                if m.key == subj.key:
                    continue
                start = chain_start.get(id(m), m.start)
                if start is None:
                    continue       # 上海市 of 与上海市嘉定区签署: the partner is 嘉定区
                before = text[max(s, start - 3):start]
                if before.endswith("在"):
                    continue       # 在黄宅镇共建…: where the partners build, not a partner
                if self.cue["partners_before"].search(before) or self.cue["partners_after"].match(text[m.end:e]):
                    add(_actor_before(text, start, inside) or subj, PARTNERS_WITH, m, "partners_cue", ev)

    def _local_subjects(self, text: str, sec: Section, inside: list[Mention],
                        sents: list[tuple[int, int]]) -> dict[int, Mention]:
        """Sentences about a region inside the section's: sentence start -> that region.

        ``义乌市依托…`` in the commerce bureau's speech, ``长丰县与包河区探索…`` in an
        article about 合肥: what the sentence reports is that region's. In an article
        (no speaker), the region stays the subject of the sentences that follow, up
        to the next heading or the next sentence with a subject of its own (a town
        or a village, to the end of its paragraph).
        """
        subj = sec.subject
        regional = subj.label == REGION and subj.region is not None
        by_start = {m.start: m for m in inside if not m.attrs.get("nested") and (
            m.label == ORGANIZATION or m.label == REGION and m.region is not None and m.region.level != "country")}
        if not by_start:
            return {}
        article = not sec.speaker
        out: dict[int, Mention] = {}
        current: Mention | None = None
        for s, e in sents:
            if not sec.start <= s < sec.end:
                continue
            if article and _is_heading(text, s, e):
                current = None
                continue
            if current is not None and text[s - 1:s] == "\n" and current.region.level in ("township", "village"):
                current = None      # a town or village is the subject of its paragraph only
            r, locative = self._sentence_subject(text, s, e, by_start)
            # In a department's speech (市商务局), any region a sentence starts with is its subject.
            inner = r is not None and r.label == REGION and r.key != subj.key \
                and (not regional or self._holds(subj.region, r.region))
            if r is not None and (r.label == ORGANIZATION or locative and inner):
                out[s] = r          # 市科技局联合… / 在合肥市长丰县下塘镇，…: this sentence only
            elif inner:
                out[s] = current = r
            elif r is not None and r.key == subj.key:
                current = None
            elif article and current is not None:
                out[s] = current
        return out

    def _sentence_subject(self, text: str, s: int, e: int,
                          by_start: dict[int, Mention]) -> tuple[Mention | None, bool]:
        """The region (or organization) a sentence starts with as its subject, and whether
        it is only a place (在合肥市包河区，…) rather than the actor (包河区大圩镇建成…)."""
        if text.startswith("在", s):
            r = self._chain_at(s + 1, by_start)
            if r is None or text[r.end:r.end + 1] not in ",，":
                return None, False
            actor = self._chain_at(r.end + 1, by_start)          # 在天荒坪镇，安吉县引进…
            if actor is not None and text[actor.end:actor.end + 1] not in NOT_SUBJECT_AFTER:
                return actor, False
            return (r, True) if r.label == REGION else (None, False)
        i = s
        lead = LEAD_ADVERBIAL.match(text, i, e)       # 今年以来，/ 7月，
        if lead and not any(i <= k < lead.end() for k in by_start):
            i = lead.end()
        r = self._chain_at(i, by_start)
        if r is None or text[r.end:r.end + 1] in NOT_SUBJECT_AFTER:
            return None, False
        return r, False

    def _chain_at(self, i: int, by_start: dict[int, Mention]) -> Mention | None:
        """The mention at ``i``; for a region, the last of the prefix chain it starts (包河区|大圩镇)."""
        r = by_start.get(i)
        while r is not None and r.label == REGION and (nxt := by_start.get(r.end)) is not None \
                and self._inside(nxt, r):
            r = nxt
        return r

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
            if m.label == REGION and outer.label == PROJECT and m.region is not None \
                    and m.region.level in LOCAL_LEVELS and "—" not in outer.name:     # not 开化—金东…园
                add(m, HOSTS, outer, "hosts_place_name", text[s:e])     # 包河智能网联汽车测试场
            if m.label == ORGANIZATION and outer.label == PROGRAM:
                add(m, IMPLEMENTS, outer, "implements_named_body", text[s:e])
        # 黄舣智能酿造基地 where the text names 黄舣镇: a township's name without 镇 opens the project's.
        towns = {m.name[:-len(k)]: m for m in mentions if m.label == REGION and m.region is not None
                 and m.region.level == "township" for k in ("镇", "乡", "街道") if m.name.endswith(k)
                 and len(m.name) - len(k) >= 2}
        for p in (p for p in mentions if p.label == PROJECT and not p.attrs.get("nested")):
            town = next((t for stem, t in towns.items() if p.name.startswith(stem)), None)
            if town is not None:
                s, e = sentence(p.start)
                add(town, HOSTS, p, "hosts_place_name", text[s:e])
        # 与X共建Y: X develops Y.
        ents = [m for m in mentions if m.label in (ENTERPRISE, ORGANIZATION) and not m.attrs.get("nested")]
        projects = [m for m in mentions if m.label == PROJECT and not m.attrs.get("nested")]
        for x in ents:
            s, e = sentence(x.start)
            x_end = after_short_form(text, x.end, e)       # X（以下简称Y）投资…的Z
            after = text[x_end:e]
            cm = self.cue["develops_cobuild"].match(after) or OWNER.match(after)
            if not cm and self.cue["partners_before"].search(text[max(s, x.start - 3):x.start]):
                cm = self.cue["develops_build"].match(after)          # 联合中国移动打造Y: the partner builds Y too
            if not cm:
                continue
            y = next((p for p in projects if p.start >= x_end + cm.end() and p.start - (x_end + cm.end()) <= 2), None)
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

    def _located(self, text: str, mentions: list[Mention], sentence, add) -> None:
        """hosts_located: a project or enterprise that its sentence places in a named region.

        ``在履坦镇建设Y``, ``包河区大圩镇建成Y``, ``Y落户金华开发区``: the region (each of a
        prefix chain, down from the county) hosts Y, besides the speaker's region.
        """
        tops = sorted((m for m in mentions if not m.attrs.get("nested")), key=lambda m: m.start)
        targets = [m for m in tops if m.label in (PROJECT, ENTERPRISE)]
        target_starts = [m.start for m in targets]
        programs = [m for m in tops if m.label == PROGRAM]
        for chain in self._chains([m for m in tops if m.label == REGION and m.region is not None]):
            first, last = chain[0], chain[-1]
            local = [r for r in chain if r.region.level in LOCAL_LEVELS]
            s, e = sentence(first.start)
            before = text[max(s, first.start - 4):first.start]
            if not local or NOT_LOCATED.search(before):
                continue
            hit: list[Mention] = []
            placed = self.cue["placed_at"].search(before)
            if placed:                                  # Y（项目已）落户R
                k = bisect.bisect_left(target_starts, first.start) - 1
                gap_end = max(s, first.start - 4) + placed.start()
                if k >= 0 and targets[k].start >= s and PLACED_GAP.fullmatch(text, targets[k].end, gap_end):
                    hit.append(targets[k])
            elif first.start == s + 1 and before.endswith("在") and text[last.end:last.end + 1] in ",，":
                # 在天荒坪镇，安吉县引进X，建设Y: the place of the whole sentence
                hit = [y for y in targets if last.end <= y.start < e and (
                    y.label == PROJECT or self.cue["hosts_enterprise"].search(text[s:y.start]))]
            else:
                pos = last.end
                pm = self.cue["implements_located"].match(text, pos)
                program = next((p for p in programs if pm and pm.end() <= p.start <= pm.end() + 2), None)
                if program is not None:                 # 支持义乌市深化国际贸易综合改革试点
                    add(last, IMPLEMENTS, program, "implements_located", text[s:e])
                vm = self.cue["located_build"].match(text, pos)
                if vm is None and not before.endswith("在"):
                    continue                            # R needs 在 or a verb to be a place
                at = vm.end() if vm else pos
                if vm is not None and (mod := MODIFIER.match(text, at)) is not None:
                    at = mod.end()                      # 规划建设占地1200亩的Y
                k = bisect.bisect_left(target_starts, at)
                if k < len(targets) and targets[k].start <= at + 2 and targets[k].start < e \
                        and (targets[k].label == PROJECT or vm is not None):
                    hit.append(targets[k])
            for y in hit:
                for r in local:
                    add(r, HOSTS, y, "hosts_located", text[s:e])

    def _chains(self, regions: list[Mention]) -> list[list[Mention]]:
        """Regions grouped into prefix chains (合肥市|长丰县|下塘镇), in text order."""
        chains: list[list[Mention]] = []
        for m in regions:
            if chains and chains[-1][-1].end == m.start and self._inside(m, chains[-1][-1]):
                chains[-1].append(m)
            else:
                chains.append([m])
        return chains

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


def _actor_before(text: str, start: int, mentions: list[Mention]) -> Mention | None:
    """The organization or company right before 与 that opens a partner list (隆中实验室与X、Y联合…).

    Then it, not the speaker, is the partner's partner.
    """
    ends = {m.end: m for m in mentions if not m.attrs.get("nested")}
    i = start
    while text[i - 1:i] == "、" and (prev := ends.get(i - 1)) is not None:
        i = prev.start                      # back over the list: X、Y
    actor = ends.get(i - 1) if text[i - 1:i] in ("与", "同") else None
    return actor if actor is not None and actor.label in (ORGANIZATION, ENTERPRISE) else None


def _is_heading(text: str, s: int, e: int) -> bool:
    """Is the sentence s..e a heading line (a short line of its own without final punctuation)?"""
    return (s == 0 or text[s - 1] == "\n") and text[e:e + 1] in ("\n", "") and e - s < MIN_BODY_LINE \
        and text[e - 1] not in FINAL


def _owns_next(owner: re.Match | None, end: int, mentions: list[Mention]) -> bool:
    """Does an owner phrase after a name (``end``) lead straight to a project (X投资…的Y)?"""
    if owner is None:
        return False
    at = end + owner.end()
    return any(p.label == PROJECT and at <= p.start <= at + 2 and not p.attrs.get("nested") for p in mentions)


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
    """Each (head, relation, tail) once; no serves_in where the official governs that region;
    no part_of from the speech's context for a region whose place the text states.

    ``武义县委副书记、县长 陈晓峰``: the deputy secretary's post is outranked by the
    county head's, so 陈晓峰 governs 武义县 and does not also serve in it.
    """
    governs = {(r.head, r.tail) for r in rels if r.relation == GOVERNS}
    placed = {r.head for r in rels if r.relation == PART_OF and r.rule != "part_of_section"}
    seen, out = set(), []
    for r in rels:
        k = (r.head, r.relation, r.tail)
        if r.rule == "part_of_section" and r.head in placed:
            continue          # 包河区大圩镇 said where 大圩镇 is; the article's city is no better
        if k not in seen and not (r.relation == SERVES_IN and (r.head, r.tail) in governs):
            seen.add(k)
            out.append(r)
    return out


@Language.factory("kg_relations", requires=["doc._.kg_mentions", "doc._.kg_positions"],
                  assigns=["doc._.kg_relations"])
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor()

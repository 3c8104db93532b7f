"""Recognize officials through their titles, and the title lines that head their speeches.

A title chain is a list of posts, each ``unit + body + role``:
``宁波市委常委、鄞州区委书记 沈敏`` is ``宁波市|委|常委`` and ``鄞州区|委|书记``.
The unit is a region (possibly left implicit: ``区政府副区长`` after
``永川区委常委`` means 永川区; ``市委常委`` at a meeting of 重庆 means 重庆市) or
an organization (``市商务委|党组|书记``). A speaker's title line heads a
section: everything until the next speech is about the speaker's region
(the sections are cut by :func:`kg.nlp.discourse.speech_sections`).
"""

from __future__ import annotations

import functools
import re
from typing import Iterator, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.regions import ZONE_SUFFIXES
from kg.nlp.discourse import speech_sections
from kg.nlp.gazetteer import Region, gazetteer, short_forms
from kg.nlp.layout import lines, strip_heading_marks
from kg.nlp.lexicon import alternation, read_lines, read_table
from kg.nlp.mention import Mention, Position, doc_text
from kg.schema import OFFICIAL, ORGANIZATION, REGION

IMPLICIT = {"省": "province", "自治区": "province", "市": "city", "区": "county", "县": "county", "州": "city",
            "镇": "township", "乡": "township", "街道": "township"}
SEP = re.compile(r"[、，,；;]+|\s+")
SAID = "说"          # right after a name, never the end of one
NAME_FOLLOW = ("说", "表示", "介绍", "指出", "强调", "在", "到", "主持", "出席", "带队", "一行", "调研",
               "同志", "等", "和", "与", "及", "率", "参加", "会见", "对", "就", "为", "的", "也", "还",
               "作", "代表", "宣布", "提出", "要求", "认为", "告诉", "坦言")


@functools.lru_cache(maxsize=1)
def grammar() -> dict:
    """Regexes and tables of the title grammar, built from the data files once."""
    titles = read_table("titles.csv", ("role", "rank"))
    roles = [r["role"] for r in titles]
    rank = {r["role"]: r["rank"] for r in titles}
    heads_government = frozenset(r["role"] for r in titles if r.get("heads") == "government")
    bodies = {r["body"]: r["governs"] for r in read_table("bodies.csv", ("body", "governs"))}
    role_alt, body_alt = alternation(roles), alternation(bodies)
    surnames = read_lines("surnames.txt")
    return {
        "rank": rank,
        "heads_government": heads_government,
        "bodies": bodies,
        "segment": re.compile(rf"^(?P<pre>.*?)(?P<body>{body_alt})?(?P<role>{role_alt})$"),
        "line": re.compile(rf"^(?P<chain>.{{2,80}}?(?:{role_alt}))[\s·]*(?P<name>[\u4e00-\u9fff]{{2,4}})$"),
        "running": re.compile(
            rf"(?P<body>{body_alt})?(?P<role>{role_alt})[ \t]?(?P<name>[\u4e00-\u9fff]{{2,4}})"),
        "surname": re.compile(alternation(surnames)),
        "other_speaker": re.compile(rf"^.{{2,40}}?(?:{alternation(read_lines('nonofficial_roles.txt'))})"
                                    r"[\s·]*(?P<name>[\u4e00-\u9fff]{2,4})$"),
        "follow": re.compile(r"[\s,，。、；;：:（(）)”“\"！!？?]|" + alternation(NAME_FOLLOW) + r"|$"),
    }


class UnitResolver:
    """Turns the unit part of a title segment into region or organization mentions."""

    def __init__(self) -> None:
        self.g = gazetteer()
        from kg.nlp.components.entities.organizations import department_regex
        self.dept = department_regex()

    def resolve(self, pre: str, offset: int, context: dict, chain: list[Mention],
                region_at: dict[tuple[int, int], Mention]) -> list[Mention]:
        """Mentions for ``pre`` (outermost first); ``[]`` when it is not a unit."""
        if not pre:
            return []
        if pre in IMPLICIT:
            r = self._implicit(pre, context, chain)
            if r is None:
                return []
            return [Mention(offset, offset + len(pre), REGION, r.name, "title_implicit_region",
                            (), r, {"implicit": True})]
        if pre in ZONE_SUFFIXES and chain:
            zone = self._zone_of(pre, chain, region_at)
            if zone is None:
                return []
            return [Mention(offset, offset + len(pre), REGION, zone.name, "title_implicit_zone", (pre,), zone)]
        m = self.dept.fullmatch(pre)
        if m:
            prefix = m.group("region") or ""
            regions = self.resolve(prefix, offset, context, chain, region_at) if prefix else []
            if prefix and not regions and prefix not in IMPLICIT:
                return []
            name = pre
            if prefix in IMPLICIT and regions:
                # 区发展改革委 in 永川's speech stays as written; the region comes through part_of.
                name = pre
            org = Mention(offset, offset + len(pre), ORGANIZATION, name, "title_department")
            return [*([r for r in regions if not r.attrs.get("implicit")]), org] if regions else [org]
        # Regions: known spans first, then the gazetteer, right to left.
        out: list[Mention] = []
        end = len(pre)
        while end > 0:
            found = None
            for start in range(0, end):
                span = (offset + start, offset + end)
                if span in region_at:
                    found = region_at[span]
                    break
                form = pre[start:end]
                cands = self.g.candidates(form)
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
        if not out:
            return []
        return out

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

    def _implicit(self, word: str, context: dict, chain: list[Mention]) -> Region | None:
        level = IMPLICIT[word]
        for m in reversed(chain):
            if m.region is not None and m.name.endswith(word):
                return m.region
        code = context.get("city") if level == "city" else context.get("province") if level == "province" else None
        if level == "city":
            prov = context.get("province")
            pr = self.g.by_code.get(prov) if prov else None
            if pr is not None and pr.name.endswith("市"):
                return pr          # municipalities: 市 is the province-level city
            code = context.get("city")
        if code:
            return self.g.by_code.get(code)
        return None


AUTHOR_NOTE = re.compile(r"^[（(]?(?:作者系|作者为|作者是|作者：)(?P<chain>[^（）()]{2,60}?)[）)]?$")


class _Hit(NamedTuple):
    """A post with a name after it in running text (offsets into the text)."""

    start: int          # where the unit text before the post begins
    core_start: int     # where the body or post begins
    role_end: int
    name_start: int
    end: int


class TitleParser:
    """Officials, their positions, and speech sections."""

    def __init__(self) -> None:
        self.gr = grammar()
        self.units = UnitResolver()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        context = doc._.kg_context or {"weights": {}}
        regions = [m for m in (doc._.kg_mentions or []) if m.label == REGION]
        region_at = {(m.start, m.end): m for m in regions}
        mentions: list[Mention] = []
        positions: list[Position] = []
        title_lines: list[tuple[int, int, str, Mention | None]] = []
        for ln in lines(text):
            body = strip_heading_marks(ln.text)
            offset = ln.start + ln.text.index(body[0]) if body else ln.start
            parsed = self._title_line(body, offset, context, region_at)
            if parsed is None:
                note = self._author_note(body, offset, context, region_at)
                if note is not None:
                    mentions.extend(note[0])
                    title_lines.append((ln.start, ln.end, "", note[1]))
                elif (other := self.gr["other_speaker"].match(body)) is not None \
                        and self.gr["surname"].match(other.group("name")):
                    title_lines.append((ln.start, ln.end, other.group("name"), None))   # 某集团董事长 某某
                continue
            name_m, units, pos = parsed
            mentions.append(name_m)
            mentions.extend(units)
            positions.extend(pos)
            subject = next((p.unit for p in pos if p.governs and p.unit is not None), None)
            if subject is None:
                subject = next((p.unit for p in pos if p.rank == "top" and p.unit is not None), None)
            if subject is None and pos:
                subject = pos[-1].unit
            title_lines.append((ln.start, ln.end, name_m.name, subject))
        in_lines = [(s, e) for s, e, _, _ in title_lines]
        for m in self._running_hits(text):
            if any(s <= m.start < e for s, e in in_lines):
                continue
            parsed = self._running(text, m, context, region_at)
            if parsed:
                name_m, units, pos = parsed
                mentions.append(name_m)
                mentions.extend(units)
                positions.extend(pos)
        doc._.kg_mentions = (doc._.kg_mentions or []) + mentions
        doc._.kg_positions = positions
        doc._.kg_sections = speech_sections(text, title_lines)
        return doc

    # -- title lines ------------------------------------------------------
    def _title_line(self, s: str, offset: int, context, region_at):
        if not s or len(s) > 90:
            return None
        m = self.gr["line"].match(s)
        if not m:
            return None
        name = m.group("name")
        if not self.gr["surname"].match(name):
            return None
        chain_text = m.group("chain")
        units, positions = self._chain(chain_text, offset, name, context, region_at, line=True, evidence=s)
        if not positions:
            return None
        ns = offset + m.start("name")
        name_m = Mention(ns, ns + len(name), OFFICIAL, name, "official_title_line")
        return name_m, units, positions

    def _author_note(self, s: str, offset: int, context, region_at) -> tuple[list[Mention], Mention] | None:
        """（作者系江北区委书记）: no name, but the speech is about the author's region."""
        m = AUTHOR_NOTE.match(s)
        if not m:
            return None
        units, positions = self._chain(m.group("chain"), offset + m.start("chain"), "", context, region_at,
                                       line=True, evidence=s)
        subject = next((p.unit for p in positions if p.governs and p.unit is not None), None)
        return (units, subject) if subject is not None else None

    def _unit(self, pre: str, body: str, offset: int, context, chain: list[Mention],
              region_at) -> list[Mention]:
        """The unit mentions of ``pre``, the text before a post's body and role."""
        found = self.units.resolve(pre, offset, context, chain, region_at)
        if not found and pre and body and self.units.dept.fullmatch(pre + body):
            # 发展改革委主任: 委 ends the department's name here, it is not a party committee
            found = self.units.resolve(pre + body, offset, context, chain, region_at)
        if not found and pre and body.startswith("村"):
            # 侨乡村党支部: the village's 村 is also the body's (余村村党支部 writes both).
            found = self.units.resolve(pre + "村", offset, context, chain, region_at)
        return found

    def _chain(self, chain_text: str, offset: int, name: str, context, region_at, *, line: bool, evidence: str):
        units: list[Mention] = []
        positions: list[Position] = []
        pos = 0
        prev_unit: Mention | None = None
        prev_body = ""
        for seg in SEP.split(chain_text):
            if not seg:
                continue
            seg_start = chain_text.index(seg, pos)
            pos = seg_start + len(seg)
            m = self.gr["segment"].match(seg)
            if not m:
                continue
            pre, body, role = m.group("pre"), m.group("body") or "", m.group("role")
            seg_off = offset + seg_start
            found = self._unit(pre, body, seg_off, context, units, region_at)
            if not pre and prev_unit is not None:
                unit, body = prev_unit, body or prev_body      # 党组书记、主任: same unit
            elif found:
                unit = found[-1]
                for a, b in zip(found, found[1:]):
                    if a.label == REGION and b.label in (REGION, ORGANIZATION):
                        b.attrs.setdefault("within", []).append(a.name)
                units.extend(found)
            else:
                continue
            rank = self.gr["rank"].get(role, "member")
            governs = (unit.label == REGION and rank == "top"
                       and (self.gr["bodies"].get(body, "no") == "yes"
                            or not body and role in self.gr["heads_government"]))    # 璧山区区长
            if unit.label == REGION and unit.region is not None and unit.region.level == "zone" and role == "主任":
                governs = governs or body in ("管委会", "管委")
            positions.append(Position(name, seg, role, rank, body, unit, governs,
                                       seg_off, seg_off + len(seg), evidence, line))
            prev_unit, prev_body = unit, body
        # A chain names higher units before lower ones: 宁波市委常委、鄞州区委书记.
        regs = [p.unit for p in positions if p.unit is not None and p.unit.label == REGION]
        for hi in regs:
            for lo in regs:
                if hi is not lo and hi.region and lo.region and self.units.g.is_within(lo.region, hi.region):
                    lo.attrs.setdefault("within", [])
                    if hi.name not in lo.attrs["within"]:
                        lo.attrs["within"].append(hi.name)
        return units, positions

    # -- running text -----------------------------------------------------
    def _running_hits(self, text: str) -> Iterator[_Hit]:
        """Posts followed by a name, with up to 24 characters of unit text before them.

        Equivalent to one regex with a lazy ``[一-龥]{0,24}?`` prefix, but that regex
        retried its alternations 24 times at every character; here the post is
        found first and the prefix read backwards.
        """
        core, cursor = self.gr["running"], 0
        while (m := core.search(text, cursor)) is not None:
            q = p = m.start()
            while p > cursor and q - p < 24 and "\u4e00" <= text[p - 1] <= "\u9fff":
                p -= 1
            yield _Hit(p, q, m.end("role"), m.start("name"), m.end())
            cursor = m.end()

    def _running(self, text: str, m: _Hit, context, region_at):
        name = self._name_at(text, m.name_start)
        if not name:
            return None
        pre = text[m.start:m.core_start]
        # Use the longest suffix of `pre` that resolves as a unit.
        bm = self.gr["segment"].match(text[m.core_start:m.role_end])
        body = (bm.group("body") or "") if bm else ""
        for cut in range(len(pre)):
            sub = pre[cut:]
            found = self._unit(sub, body, m.start + cut, context, [], region_at)
            if found:
                break
        else:
            if not (m.start > 0 and text[m.start - 1] in "、,，" and (not pre or pre in ZONE_SUFFIXES)):
                return None
            cut = 0               # 、主任 X, 、开发区党工委书记 X: the unit is in the earlier posts of the chain
        seg_start = m.start + cut
        # Earlier posts of the same chain: 市商务委党组书记、主任 X; 区委常委、区政府副区长,…
        while seg_start > 0 and text[seg_start - 1] in "、,，":
            k = seg_start - 1
            j = k
            while j > 0 and "\u4e00" <= text[j - 1] <= "\u9fff" and k - j < 24:
                j -= 1
            prev = text[j:k]
            pm = self.gr["segment"].match(prev) if prev else None
            if not pm or not pm.group("pre") and not pm.group("body"):
                if not pm:
                    break
            seg_start = j
        chain_text = text[seg_start:m.role_end]
        sent_s = max(text.rfind("。", 0, seg_start), text.rfind("\n", 0, seg_start)) + 1
        sent_e = min([i for i in (text.find("。", m.end), text.find("\n", m.end)) if i >= 0] or [len(text)])
        units, positions = self._chain(chain_text, seg_start, name, context, region_at, line=False,
                                       evidence=text[sent_s:sent_e + 1].strip())
        if not positions:
            return None
        ns = m.name_start
        return Mention(ns, ns + len(name), OFFICIAL, name, "official_running_title"), units, positions

    def _name_at(self, text: str, i: int) -> str | None:
        sm = self.gr["surname"].match(text, i)
        if not sm:
            return None
        for given in (2, 1):
            end = sm.end() + given
            cand = text[i:end]
            if len(cand) > 4 or not all("\u4e00" <= c <= "\u9fff" for c in cand) \
                    or (given == 2 and cand.endswith(SAID)):
                continue          # 区长刘婧说，: the name is 刘婧
            if self.gr["follow"].match(text, end):
                return cand
        return None


@Language.factory("kg_titles", requires=["doc._.kg_mentions"],
                  assigns=["doc._.kg_positions", "doc._.kg_sections"])
def make_title_parser(nlp: Language, name: str) -> TitleParser:
    return TitleParser()

"""Recognize officials through their titles, and the title lines that head their speeches.

A title chain is a list of posts, each ``unit + body + role``:
``宁波市委常委、鄞州区委书记 沈敏`` is ``宁波市|委|常委`` and ``鄞州区|委|书记``.
The unit is a region (possibly left implicit: ``区政府副区长`` after
``永川区委常委`` means 永川区; ``市委常委`` at a meeting of 重庆 means 重庆市), an
organization (``市商务委|党组|书记``), a village or community, or a national
body (``中共中央|总书记``: an official with no relation); :mod:`.title_units`
finds it. A title with nothing before it (``副市长``, ``村党总支书记``, ``所长``), a
national title after the name (``习近平总书记``) and a collective title before a
list of names (``市县领导甲、乙、丙等``) are :mod:`.bare_titles`'. A speaker's title
line heads a section: everything until the next speech is about the speaker's
region (the sections are cut by :func:`kg.nlp.discourse.speech_sections`). Where a
name after a title ends is :mod:`kg.nlp.person_names`'.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.bare_titles import (
    APPOINTED_CHAIN, APPOINTERS, CHAIN_END, DocState, Hit, appointments, bare_post, former, leader_lists, names_first,
    sentence_of, shared_post, unit_start,
)
from kg.nlp.components.regions import ZONE_SUFFIXES
from kg.nlp.components.title_units import IMPLICIT, UnitResolver, national_bodies, party_departments, second_chars
from kg.nlp.discourse import speech_sections
from kg.nlp.layout import lines, strip_heading_marks
from kg.nlp.lexicon import alternation, first_chars, read_lines, read_table
from kg.nlp.mention import Mention, Position, doc_text
from kg.nlp.person_names import ETHNIC_NAME, is_ethnic_name, name_after, name_model
from kg.nlp.wordclass import is_function_word, word_classes
from kg.schema import OFFICIAL, ORGANIZATION, REGION

# A speaker's name of a minority or foreign person on a title line: 买买提·吐尔逊
DOTTED_NAME = r"[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}|" + ETHNIC_NAME    # …or 乌力吉巴特尔 (ethnic_name)
# Rule speaker_head: a speaker's title and name, then a colon and the speech on the same line
# (柳南区委书记覃永华：…), or the colon ending the line.
SPEAKER_HEAD = re.compile(r"^(?P<head>[^：:，,。；;“”]{3,60}?)(?<!说|示|绍|出|调|为|言|到|讲|道)\s*[：:]")
# Institutions whose heads hold no party or government office: academies, institutes, universities,
# schools and hospitals (a party school, 党校, is the party's).
NO_OFFICE_UNITS = ("科学院", "农科院", "社科院", "医科院", "研究院", "研究所", "大学", "学院", "医院", "中学", "小学")
# A short note in brackets closing a speaker's line: （发言摘要）, (有删节), （根据录音整理）.
LINE_NOTE = re.compile(r"[（(](?:发言摘要|摘要|摘登|节选|有删节|根据录音整理|根据发言整理|整理)[）)]$")
# Between the posts of a chain: punctuation, or 兼 (副县长兼县公安局局长: holding both).
SEP = re.compile(r"[、，,；;兼]+|\s+")
NAME_FOLLOW = ("说", "表示", "介绍", "指出", "强调", "在", "到", "主持", "出席", "带队", "一行", "调研",
               "同志", "等", "和", "与", "及", "率", "参加", "会见", "对", "就", "为", "的", "也", "还",
               "作", "代表", "宣布", "提出", "要求", "认为", "告诉", "坦言",
               # what an official does at a meeting, which jieba's dictionary files as nouns
               "通报", "部署", "汇报", "讲话", "总结", "表态", "直言", "建议", "寄语", "笑称", "一起", "分管", "陪同", "率队")
# Bodies that share their level word with the unit before them: 侨乡|村委会, 南营门|街道办事处.
SHARED_LEVEL = ("村", "街道", "社区")


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
    unit_of = {r["role"]: r["unit"] for r in titles if r.get("unit")}
    return {
        "rank": rank,
        "heads_government": heads_government,
        "bodies": bodies,
        "unit_of": unit_of,
        "segment": re.compile(rf"^(?P<pre>.*?)(?P<body>{body_alt})?(?P<role>{role_alt})$"),
        "line": re.compile(rf"^(?P<chain>.{{2,80}}?(?:{role_alt}))[\s·]*(?P<name>[\u4e00-\u9fff]{{2,4}}|{DOTTED_NAME})$"),
        # Where a body or post may start (its first two characters), and the post after that start.
        "running_start": re.compile(rf"[{first_chars([*roles, *bodies])}](?=[{second_chars(roles, bodies)}])"),
        "running": re.compile(rf"(?P<body>{body_alt})?(?P<role>{role_alt})[ \t]?(?P<name>[\u4e00-\u9fff]{{2,4}})"),
        "name_first": re.compile(alternation(r for r, u in unit_of.items() if u == "national")),
        "surname": re.compile(alternation(surnames)),
        "other_speaker": re.compile(rf"^.{{2,40}}?(?:{alternation(read_lines('nonofficial_roles.txt'))})"
                                    r"[\s·]*(?P<name>[\u4e00-\u9fff]{2,4})$"),
        # Rule name_then_post: 黄晓明（南郑区委副书记、区长）, a speaker's line that writes the name first.
        "paren": re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{2,4}}|{DOTTED_NAME})[（(](?P<chain>[^（）()]{{2,80}}?"
                            rf"(?:{role_alt}))[）)]$"),
        "other_paren": re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{2,4}}|{DOTTED_NAME})[（(][^（）()]{{2,40}}?"
                                  rf"(?:{alternation(read_lines('nonofficial_roles.txt'))})[）)]$"),
        "appoint": re.compile(rf"(?:{'|'.join(APPOINTERS)})(?P<name>[\u4e00-\u9fff]{{2,4}}?)(?:同志)?"
                              rf"(?:为|担任)(?P<chain>{APPOINTED_CHAIN}(?:{role_alt})){CHAIN_END}"),
        "appointed_chain": re.compile(rf"(?P<chain>{APPOINTED_CHAIN}(?:{role_alt})){CHAIN_END}"),
        "title": re.compile(f"(?:{role_alt})"),
        "follow": re.compile(r"[\s,，。、；;：:（(）)”“\"！!？?]|" + alternation(NAME_FOLLOW) + r"|$"),
    }


def _ends_in_name(line: str) -> bool:
    """Could ``line`` end with a speaker's name (two Chinese characters or more)? The speaker-line
    regexes try a role at every character of a line; most lines (a sentence's 。) end otherwise."""
    return len(line) >= 2 and "\u4e00" <= line[-1] <= "\u9fff" and "\u4e00" <= line[-2] <= "\u9fff"


# A speaker's line that gives the name first and the posts in brackets, after an optional label:
# 发言人：某某（某市委书记）, 主讲人：某某（省某厅厅长）, or the name and brackets alone.
# A speaker line's label, no part of the name: 发言人：黄晓明（南郑区委副书记、区长）
SPEAKER_LABEL = re.compile(r"^(?:发言人|发言者|主讲人|讲话人|报告人)\s*[：:]\s*(?=\S{2,4}[（(])")
AUTHOR_NOTE = re.compile(r"^[（(]?(?:作者系|作者为|作者是|作者：)(?P<chain>[^（）()]{2,60}?)[）)]?$")


class TitleParser:
    """Officials, their positions, and speech sections."""

    def __init__(self) -> None:
        self.gr = grammar()
        self.units = UnitResolver()
        word_classes()          # built with the pipeline (in a fork server, once for all workers)
        name_model()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ext = doc._                 # one accessor: each ``doc._`` builds a new one
        context = ext.kg_context or {"weights": {}}
        regions = [m for m in (ext.kg_mentions or []) if m.label == REGION]
        region_at = {(m.start, m.end): m for m in regions}
        state = DocState(doc, text, context, region_at)
        mentions: list[Mention] = []
        positions: list[Position] = []
        title_lines: list[tuple[int, int, str, Mention | None]] = []
        for ln in lines(text):
            body = strip_heading_marks(ln.text)
            if body.endswith(("）", ")")) and (note := LINE_NOTE.search(body)) is not None:
                body = body[:note.start()]     # 江宁区委书记赵明远（发言摘要）: a note on the speech
            body = body[label.end():] if (label := SPEAKER_LABEL.match(body)) is not None else body
            offset = ln.start + ln.text.index(body[0]) if body else ln.start
            end = ln.end
            parsed = None
            if (head := SPEAKER_HEAD.match(body)) is not None:
                # 柳南区委书记覃永华：柳南区坚持… : the speaker's line runs to its colon
                parsed = self._title_line(head.group("head"), offset, context, region_at)
                if parsed is not None:
                    end = offset + head.end()
                elif self._other_speaker(head.group("head")):
                    title_lines.append((ln.start, offset + head.end(), self._other_speaker(head.group("head")), None))
                    continue
            if parsed is None:
                parsed = self._title_line(body, offset, context, region_at)
            if parsed is None:
                note = self._author_note(body, offset, context, region_at)
                if note is not None:
                    mentions.extend(note[0])
                    title_lines.append((ln.start, ln.end, "", note[1]))
                elif other := self._other_speaker(body):
                    title_lines.append((ln.start, ln.end, other, None))   # 某集团董事长 某某
                continue
            name_m, units, pos = parsed
            mentions.append(name_m)
            mentions.extend(units)
            positions.extend(pos)
            subject = next((p.unit for p in pos if p.governs and p.unit is not None), None) \
                or next((p.unit for p in pos if p.rank == "top" and p.unit is not None), None) or pos[-1].unit
            title_lines.append((ln.start, end, name_m.name, subject))
        in_lines = [(s, e) for s, e, _, _ in title_lines]
        hits = list(self._running_hits(text))
        for m in hits:
            if any(s <= m.start < e for s, e in in_lines):
                continue
            parsed = self._running(m, state)
            if parsed:
                name_m, units, pos = parsed
                mentions.append(name_m)
                mentions.extend(units)
                positions.extend(pos)
                if text[name_m.end:name_m.end + 1] == "、" and pos:
                    for more_m, more_p in shared_post(self, text, name_m.end + 1, pos[-1], hits):
                        mentions.append(more_m)
                        positions.append(more_p)
        taken = [(m.start, m.end) for m in mentions if m.label == OFFICIAL]
        for name_m, pos in (*names_first(self.gr, state), *leader_lists(self.gr, state)):
            if not any(s < name_m.end and name_m.start < e for s, e in taken):
                mentions.append(name_m)
                positions.append(pos)
                taken.append((name_m.start, name_m.end))
        for name_m, units, pos in appointments(self, text, context, region_at, state):
            if not any(s < name_m.end and name_m.start < e for s, e in taken):
                mentions.append(name_m)
                mentions.extend(units)
                positions.extend(pos)
                taken.append((name_m.start, name_m.end))
        ext.kg_mentions = (ext.kg_mentions or []) + mentions
        ext.kg_positions = positions
        ext.kg_sections = speech_sections(text, title_lines)
        return doc

    # -- title lines ------------------------------------------------------
    def _title_line(self, s: str, offset: int, context, region_at):
        if not s or len(s) > 90 or not _ends_in_name(s) and not s.endswith(("）", ")")):
            return None
        m = self.gr["line"].match(s) if _ends_in_name(s) else self.gr["paren"].match(s)
        if not m:
            return None
        name = m.group("name")
        if not self.gr["surname"].match(name) and "·" not in name and not is_ethnic_name(name):
            return None
        chain_text = m.group("chain")
        units, positions = self._chain(chain_text, offset + m.start("chain"), name, context, region_at,
                                       line=True, evidence=s)
        if not positions:
            return None
        ns = offset + m.start("name")
        name_m = Mention(ns, ns + len(name), OFFICIAL, name, "official_title_line")
        return name_m, units, positions

    def _other_speaker(self, s: str) -> str:
        """The name of a speaker without office heading a speech (某集团董事长 某某), or ""."""
        if not _ends_in_name(s) and not s.endswith(("）", ")")):
            return ""
        other = self.gr["other_speaker"].match(s) or self.gr["other_paren"].match(s)
        name = other.group("name") if other is not None else ""
        if "·" in name:
            return name
        sm = self.gr["surname"].match(name)
        # 负责人谈发展: a headline, not a name (谈 is a surname, 发展 a word of the dictionary)
        return name if sm and word_classes().get(name[sm.end():], "") not in ("v", "vn") else ""

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
              region_at, bounded: bool = True) -> list[Mention] | None:
        """The unit mentions of ``pre``, the text before a post's body and role; ``None`` for a
        national body (中共中央, 国务院), which is a unit with no entity. ``bounded``: ``pre``
        starts a word (see :meth:`UnitResolver.resolve`)."""
        if pre in national_bodies() or pre + body in national_bodies():
            return None
        found = self.units.resolve(pre, offset, context, chain, region_at, bounded=bounded)
        level = next((w for w in SHARED_LEVEL if body.startswith(w)), "")
        if found and pre and level and not found[-1].name.endswith(level):
            # 光明村党总支书记: the village (光明村), not a district read in its first characters (光明区)
            shared = self.units.resolve(pre + level, offset, context, chain, region_at, bounded=bounded)
            if shared and shared[-1].name.endswith(level):
                return shared
        if not found and pre and body and (self.units.dept.fullmatch(pre + body)
                                           or self.units.known.fullmatch(pre + body)) or \
                not found and pre + body in party_departments() and chain:
            # 发展改革委主任: 委 ends the department's name here, it is not a party committee
            found = self.units.resolve(pre + body, offset, context, chain, region_at)
        if not found and pre and level:
            # 侨乡村党支部, 南营门街道办事处: the unit's level word is also the body's
            # (余村村党支部 writes both).
            found = self.units.resolve(pre + level, offset, context, chain, region_at, bounded=bounded)
        return found

    def _chain(self, chain_text: str, offset: int, name: str, context, region_at, *, line: bool, evidence: str):
        units: list[Mention] = []
        positions: list[Position] = []
        pos = 0
        prev_unit: Mention | None = None
        prev_body = ""
        national = False
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
            if body == "政协" and role in ("委员", "常委"):
                continue      # rule advisor_no_office: 政协委员 advise, like 人大代表 they hold no post
            if found and found[-1].label == ORGANIZATION and found[-1].name.endswith(NO_OFFICE_UNITS):
                continue      # rule post_of_no_office: 省农科院院长, 县人民医院院长 hold no public office
            if found and not body and found[-1].label == REGION and found[-1].aliases \
                    and self.gr["unit_of"].get(role, "") not in ("", *IMPLICIT):
                continue      # rule agency_not_a_short_form: 公安|局长 is 公安局's head, not 公安县's
            rank = self.gr["rank"].get(role, "member")
            if not pre and not body and prev_unit is None and not line and (kind := self.gr["unit_of"].get(role, "")) \
                    in IMPLICIT and (r := self.units.implicit(kind, seg_off, context, region_at, units)) is not None:
                # rule bare_post_opens_chain: 副县长兼县公安局局长 X: the county of the text
                found = [Mention(seg_off, seg_off, REGION, r.name, "title_implicit_region", (), r, {"implicit": True})]
                pre = kind
            if found is None or not pre and not body and national or pre in IMPLICIT and not found:
                # 中共中央总书记、国家主席: a national post, no unit entity; 市委书记 where the text
                # names no city: a post of a place it does not say
                positions.append(Position(name, seg, role, rank, body, None, False,
                                          seg_off, seg_off + len(seg), evidence, line))
                national = found is None or national
                continue
            if not pre and prev_unit is not None:
                # 党组书记、主任: same unit and body; 政府党组书记、县长: a head of government has none
                unit, body = prev_unit, body or ("" if role in self.gr["heads_government"] else prev_body)
            elif found:
                unit = found[-1]
                for a, b in zip(found, found[1:]):
                    if a.label == REGION and b.label in (REGION, ORGANIZATION):
                        b.attrs.setdefault("within", []).append(a.name)
                units.extend(found)
            else:
                continue
            positions.append(Position(name, seg, role, rank, body, unit, self.governs(unit, body, role, rank),
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

    def governs(self, unit: Mention, body: str, role: str, rank: str) -> bool:
        """Is this the top post of a governing body of a region (or a village's top post)?"""
        if unit.label != REGION or rank != "top":
            return False
        if unit.region is not None and unit.region.level == "village":
            return self.gr["bodies"].get(body, "yes") != "no"    # 村支书, 居委会主任; not 村监委会主任
        if unit.region is not None and unit.region.level == "zone" and role == "主任" and body in ("管委会", "管委"):
            return True
        return self.gr["bodies"].get(body, "no") == "yes" or not body and role in self.gr["heads_government"]

    # -- running text -----------------------------------------------------
    def _running_hits(self, text: str) -> Iterator[Hit]:
        """Posts followed by a name, with up to 24 characters of unit text before them: the post is
        found first and the prefix read backwards (a lazy ``[一-龥]{0,24}?`` prefix retried its
        alternations 24 times at every character). Where the post may start is searched for first
        (a character class ``re`` scans for in C; the post's regex opens with an optional group)."""
        core, opens, cursor, at = self.gr["running"], self.gr["running_start"], 0, 0
        while (o := opens.search(text, at)) is not None:
            if (m := core.match(text, o.start())) is None:
                at = o.start() + 1
                continue
            q = p = m.start()
            while p > cursor and q - p < 24 and "\u4e00" <= text[p - 1] <= "\u9fff":
                p -= 1
            yield Hit(p, q, m.end("role"), m.start("name"), m.end())
            cursor = at = m.start("name")    # a name is 2 to 4 characters: the next title may start inside them

    def _post_before(self, text: str, at: int) -> bool:
        """Does a post end at ``at`` (a chain goes on after the comma: 区委书记，管委会主任 X)?"""
        j = at
        while j > 0 and "\u4e00" <= text[j - 1] <= "\u9fff" and at - j < 24:
            j -= 1
        return j < at and self.gr["segment"].match(text[j:at]) is not None

    def _running(self, m: Hit, st: DocState):
        text, context, region_at = st.text, st.context, st.region_at
        name = name_after(text, m.name_start, self.gr["surname"], self.gr["follow"], self.gr["title"])
        if not name:
            return None
        if text.startswith("兼", m.start) and m.core_start > m.start:
            m = m._replace(start=m.start + 1)     # 副县长兼|公安局长 X: 兼 joins two posts of one chain
        pre = text[m.start:m.core_start]
        # Use the longest suffix of `pre` that resolves as a unit.
        bm = self.gr["segment"].match(text[m.core_start:m.role_end])
        body = (bm.group("body") or "") if bm else ""
        role = bm.group("role") if bm else ""
        starts_word = m.start == 0 or not "\u4e00" <= text[m.start - 1] <= "\u9fff"
        for cut in range(len(pre)):
            sub = pre[cut:]
            if cut and sub in IMPLICIT and m.start + cut not in st.bounds:
                continue      # rule level_word_inside_a_word: 社区|居委会 is no bare 区, 街道 no 道
            found = self._unit(sub, body, m.start + cut, context, [], region_at, cut == 0 and starts_word)
            if found is None or found:
                break
        else:
            sep = text[m.start - 1] if m.start > 0 else ""
            if not ((sep == "、" or sep in ",，" and (not pre or pre in ZONE_SUFFIXES))
                    and self._post_before(text, m.start - 1)):       # 邓某、市长 X: a new post
                return bare_post(self, m, name, role, body, st)     # 在兰州新区，管委会主任 X
            cut = 0               # 、主任 X, 、组织部部长 X: the unit is in the earlier posts of the chain
        seg_start = m.start + cut
        # Earlier posts of the same chain: 市商务委党组书记、主任 X; 区委常委、区政府副区长,…
        while seg_start > 0 and text[seg_start - 1] in "、,，兼":
            k = seg_start - 1
            j = k
            while j > 0 and "\u4e00" <= text[j - 1] <= "\u9fff" and k - j < 24:
                j -= 1
            if k - j > 2 and text[j + 1] in IMPLICIT and is_function_word(text[j], single=True, verbs=False):
                j += 1        # rule lead_word_before_chain: 据|县委常委、宣传部部长 X介绍
            pm = self.gr["segment"].match(text[j:k]) if j < k else None
            if not pm:
                break
            seg_start = unit_start(self, text, j, k, pm, st)
        chain_text = text[seg_start:m.role_end]
        units, positions = self._chain(chain_text, seg_start, name, context, region_at, line=False,
                                       evidence=sentence_of(text, seg_start, m.end))
        if positions and former(text, seg_start, units):
            # rule former_post: 原宁阳县委书记 X held the post once; he neither governs nor serves there now
            positions = [dataclasses.replace(p, unit=None, governs=False) for p in positions]
        if not positions and not pre:
            # rule bare_chain: 驻村工作队队长、第一书记 X: no post of the chain writes its unit
            return bare_post(self, m, name, role, body, st)
        if not positions:
            return None
        ns = m.name_start
        return Mention(ns, ns + len(name), OFFICIAL, name, "official_running_title"), units, positions


@Language.factory("kg_titles", requires=["doc._.kg_mentions"],
                  assigns=["doc._.kg_positions", "doc._.kg_sections"])
def make_title_parser(nlp: Language, name: str) -> TitleParser:
    return TitleParser()

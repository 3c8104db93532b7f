"""Who cooperates with whom: the partners_cue rule's cue and actor (see :mod:`.things`).

与X共建, 携手X, 联合X, 与A、X合作: X is a partner; its partner is the name right before 与
(隆中实验室与X, 永川区与X), a company named again by its kind word (集团与X), the city or
province of a 市政府/省政府 before 与, else the sentence's subject. A quote's 我们与X names
no region, and a body that only says whose the partner is (交通部下属企业X) is none. Names
listed that then act together (济南、青岛协同打造) partner each other (:func:`joint_partners`).
"""

from __future__ import annotations

import re
from operator import attrgetter

from kg.nlp.gazetteer import gazetteer
from kg.nlp.mention import Mention
from kg.nlp.names import ends_with_kind
from kg.schema import ENTERPRISE, ORGANIZATION, PARTNERS_WITH, REGION

# 与交通部下属企业X: the body that owns the partner, not a partner itself.
OWNS_NEXT = re.compile(r"(?:下属|所属|旗下)")
# 与北京、上海相比: a comparison, not a cooperation (the names, or the list they end, then 相比).
COMPARED = re.compile(r"(?:[、和及][\u4e00-\u9fff]{1,12}?)?(?:相比|相较|比较)")
# 与 earlier in the clause: a cue after the name (与…X共建) then names a partner, not the actor.
WITH_IN_CLAUSE = re.compile(r"[与同](?=[^，。；,;]*$)")
# “我们与X合作…”: a quote's speaker cooperates, not the region the section is about.
WE_WITH = re.compile(r"(?:我们|我)(?:与|同|和)$")
# ”公司负责人王某说: the company a quote's speaker works for, named again by its kind word.
QUOTED_BY = re.compile(r"(公司|集团|庄园|酒庄)(?:负责人|总经理|经理|董事长)")
# 集团与X合作, 市政府与X战略合作: a company named again by its kind word, a region by its government.
KIND_WITH = re.compile(r"(集团|公司)(?:与|同)$")
GOVERNMENT_WITH = re.compile(r"(?<![\u4e00-\u9fff])(?:抢抓|推动|深化|推进)?([省市])(?:委|政府)(?:与|同)$")


def top_ends(mentions: list[Mention]) -> dict[int, Mention]:
    """End -> the (last) top-level mention ending there: built once per section, it lets
    :func:`partner_cue` and :func:`actor_before` walk back over a list (A、X) without a scan."""
    return {m.end: m for m in mentions if not m.nested}


def partner_cue(cue: dict[str, re.Pattern], text: str, start: int, end: int, s: int, e: int,
                ends: dict[int, Mention] | None = None, region: bool = False) -> bool:
    """Does a cooperation cue make the name at ``start``..``end`` a partner (与X共建, 携手X, 与A、X合作)?

    Not a body that only says whose the partner is (交通部|下属企业X), and not a ``region`` that is
    the sentence's own actor before its verb (大连片区|联合海事部门…): after a region's name the cue
    counts only in a list (a company's 华为携手… is the region's partner).
    """
    # The cues are read before what bars them (most names have none: then nothing is barred).
    if WITH_US.match(text, end, e):
        return not _barred(text, end, e)        # 越南海防港务公司与我市签订合作备忘录: the speaker's own partner
    if cue["partners_before"].search(text[max(s, start - 3):start]):
        return not _barred(text, end, e)
    after = text[end:e]
    if text[start - 1:start] == "、" and ends:     # 对接A、X等国企: X is A's fellow partner
        i = start
        while text[i - 1:i] == "、" and (prev := ends.get(i - 1)) is not None:
            i = prev.start
        if i != start and cue["partners_before"].search(text[max(s, i - 3):i]):
            return not _barred(text, end, e)
    if (cued := cue["partners_after"].match(after)) is None or _barred(text, end, e):
        return False
    if WITH_INSIDE.search(after, 0, cued.end()):
        return False         # X、Y与企业共建: X cooperates with what follows 与, not with the speaker
    if WITH_IN_CLAUSE.search(text, s, start) is not None:
        return True          # 与交通部下属企业X共建
    if SUBJECT_ACTS.match(after) and _opens_clause(text, s, start, ends):
        return False         # X、Y等部门将建立专班, X、Y联合开展…: the clause's own actors, no one's partners
    return not region or text[start - 1:start] in ("、", "和", "及") or after[:1] in ("、", "和", "及", "等")


def _barred(text: str, end: int, e: int) -> bool:
    """Is the name ending at ``end`` no partner whatever the cue: a body that owns it (交通部|下属企业X),
    or a comparison (与北京、上海相比)?"""
    return OWNS_NEXT.match(text, end, e) is not None or COMPARED.match(text, end, e) is not None


# What a clause's subjects do themselves: act jointly (联合开展, 共同举办), or set up something that is
# no partnership (建立专班, 建立台账); not 携手渝北共建, where the partner follows the cue.
SUBJECT_ACTS = re.compile(r"(?:[、和及][\u4e00-\u9fffA-Za-z]{2,12})*(?:等[\u4e00-\u9fff]{0,6}?)?(?:将|要|已|正|还|也)?"
                          r"(?:(?:联合|携手|共同|协同)(?:开展|举办|组织|实施|发起|主办|承办|推出|印发|出台|召开|制定|发布)"
                          r"|建立(?!合作|战略|伙伴|友好|联系))")
# 与 between a name and its cue: the partner is whom 与 names (X、Y与企业共建…).
WITH_INSIDE = re.compile(r"[与同](?!时)")
# Clause marks: a name right after one (past the list it opens) is the clause's subject.
CLAUSE_OPEN = "，。；：！？,;:!?\n"


def _opens_clause(text: str, s: int, start: int, ends: dict[int, Mention] | None) -> bool:
    """Does the name at ``start`` (or the 、-list it ends) open its clause or sentence (``s``)? The
    list's items are names found, or stretches of at most twelve characters between 、 (市口岸办)."""
    i = start
    while i > s and text[i - 1:i] == "、":
        prev = ends.get(i - 1) if ends else None
        if prev is not None:
            i = prev.start
            continue
        item = LIST_ITEM_BEFORE.search(text, max(s, i - 14), i - 1)
        if item is None:
            break
        i = item.start()
    return i <= s or text[i - 1] in CLAUSE_OPEN


LIST_ITEM_BEFORE = re.compile(r"(?<![\u4e00-\u9fffA-Za-z0-9])[\u4e00-\u9fffA-Za-z0-9]{2,12}$")
# 与我市签订, 同我区合作: the speech's own region as the partner.
WITH_US = re.compile(r"(?:与|同|和)我(?:省|市|区|县|州|旗|镇|乡)(?:[^，。；]{0,6}?)(?:签订|签署|合作|共建|建立|结对)")


def partner_of(text: str, start: int, mentions: list[Mention], subj: Mention, home: Mention,
               ends: dict[int, Mention]) -> Mention | None:
    """Who cooperates with the partner at ``start``: the name right before 与 (:func:`actor_before`),
    a company named again by its kind word (集团与X: the last …集团 before), the city or province
    of a 市政府/省政府 before 与, nobody for a quote's 我们与X, else the sentence's subject.
    ``ends`` is :func:`top_ends` of ``mentions``."""
    actor = actor_before(text, start, ends)
    if actor is not None:
        return actor
    before = text[max(0, start - 6):start]
    if WE_WITH.search(before) and text.rfind("“", max(0, start - 300), start) > text.rfind("”", max(0, start - 300), start):
        close = text.find("”", start, start + 300)       # in a quote; a speech's own 我们 is its speaker's region
        said = QUOTED_BY.match(text, close + 1) if close >= 0 else None
        named = [m for m in mentions if m.label == ENTERPRISE and m.end <= start and said is not None
                 and m.name.endswith(said.group(1))]
        return max(named, key=lambda m: m.end) if named else None     # “我们与X…”庄园负责人说: that estate
    if (k := KIND_WITH.search(before)) is not None:
        named = [m for m in mentions if m.label == ENTERPRISE and start - 300 <= m.start and m.end <= start - 3
                 and m.name.endswith(k.group(1))]
        return max(named, key=lambda m: m.end) if named else subj
    if text[start - 1:start] in ("与", "同") and ends_with_kind(text[max(0, start - 9):start - 1]):
        return None         # 州人民医院、州中医医院与X: bodies the text names by their kind cooperate, not its region
    if (g := GOVERNMENT_WITH.search(text, max(0, start - 8), start)) is not None and home.region is not None:
        level = "省" if g.group(1) == "省" else "市"
        for anc in gazetteer().ancestors(home.region):
            if anc.name.endswith(level):
                return next((m for m in mentions if m.label == REGION and m.name == anc.name), subj)
    return subj


def actor_before(text: str, start: int, ends: dict[int, Mention]) -> Mention | None:
    """The organization, company or region right before 与 that opens a partner list
    (隆中实验室与X、Y联合…, 永川区与X共同打造…).

    Then it, not the speaker, is the partner's partner.
    """
    if text[start - 1:start] not in ("、", "与", "同"):
        return None                         # most partners: no list, no 与 right before
    i = start
    while text[i - 1:i] == "、" and (prev := ends.get(i - 1)) is not None:
        i = prev.start                      # back over the list: X、Y
    actor = ends.get(i - 1) if text[i - 1:i] in ("与", "同") else None
    return actor if actor is not None and actor.label in (ORGANIZATION, ENTERPRISE, REGION) else None


# 济南、青岛协同打造…: the listed ones act together.
JOINT = re.compile(r"(?:协同|共同|联合|携手)(?:打造|建设|推进|发展|申报|举办|创建|开展|实施|组织|发起|主办|承办|组建)")


def joint_partners(text: str, mentions: list[Mention], sentence, add) -> None:
    """partners_joint: two names joined by 、/和/及 that then act together (济南、青岛协同打造…)
    partner each other, whoever the sentence is about."""
    if JOINT.search(text) is None:
        return                  # most texts: no names acting together, no need to order the names
    tops = sorted((m for m in mentions if not m.nested and m.label in (REGION, ORGANIZATION, ENTERPRISE)),
                  key=attrgetter("start"))
    for a, b in zip(tops, tops[1:]):
        if text[a.end:b.start] in ("、", "和", "及") and JOINT.match(text, b.end):
            s, e = sentence(a.start)
            add(a, PARTNERS_WITH, b, "partners_joint", text[s:e])

"""Titles that write no unit before them, and names that come before or after a title unparsed.

- A bare post names its unit by its kind (``titles.csv``, column ``unit``): ``由副市长何运平主持``
  the document's city, ``村党总支书记王加维介绍`` the village named last, ``与所长殷睿的一次谈话``
  the public agency (…所) named before; ``镇党委书记X`` the town named last. A bare
  ``所长`` of no public agency the text names (a researcher's, a manager's) makes no official.
- National titles are also written after the name: ``习近平总书记``, ``李强总理``.
- A collective title leads a list of names: ``市县领导甲、乙、丙等``: each holds an office of
  the place, the text does not say which, so they are officials with no relation.

:class:`kg.nlp.components.titles.TitleParser` calls these; they read its grammar and units.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from typing import Any, Iterator, NamedTuple

from spacy.tokens import Doc

from kg.nlp.components.entities.organizations import find_organizations
from kg.nlp.components.title_units import IMPLICIT, NAMED_BACK
from kg.nlp.mention import Mention, Position, word_starts
from kg.nlp.person_names import is_ethnic_name, name_after, name_before
from kg.nlp.wordclass import is_function_word, word_classes
from kg.schema import OFFICIAL, ORGANIZATION, REGION

VILLAGE_LEVELS = ("村", "社区")
# Bodies of a village or community not written with its level word: 居委会主任 X heads the community.
BODY_LEVELS = {"居委会": "社区", "居民委员会": "社区"}
# A zone's governing body: 管委会主任 X heads the zone named last.
ZONE_BODIES = ("管委会", "管委", "管理委员会")
# A collective title before a list of names: 市县领导甲、乙、丙等.
LEADERS = re.compile(r"(?:[省市区县州镇乡盟旗]{1,2})领导(?:同志)?(?:还有|有|是)?[：:]?")
# The agencies a bare title may name: departments and public agencies, not institutes or schools.
PUBLIC_RULES = ("organization_department", "organization_party_department", "organization_agency",
                "organization_liaison_office")
UNIT_BACK = 600           # how far back a bare 所长 looks for its agency


class Hit(NamedTuple):
    """A post with a name after it in running text (offsets into the text)."""

    start: int          # where the unit text before the post begins
    core_start: int     # where the body or post begins
    role_end: int
    name_start: int
    end: int


class DocState:
    """What the title rules read of one document: its text, context, regions and jieba's words.

    The words' starts are read from the ``Doc`` only when a rule asks for them (most
    documents have no bare title): copying them out costs more than the titles' scan.
    """

    def __init__(self, doc: Doc, text: str, context: dict, region_at: dict):
        self.doc, self.text, self.context, self.region_at = doc, text, context, region_at
        self.organizations: list[Mention] | None = None       # found when a bare title needs them

    @property
    def starts(self) -> list[int]:
        """Where jieba's words start, in order."""
        return word_starts(self.doc)[0]

    @property
    def bounds(self) -> frozenset[int]:
        """Where jieba's words start, and the end of the text."""
        return word_starts(self.doc)[1]


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence (or line) around ``start..end``: an evidence."""
    sent_s = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    sent_e = min([i for i in (text.find("。", end), text.find("\n", end)) if i >= 0] or [len(text)])
    return text[sent_s:sent_e + 1].strip()


def bare_post(parser: Any, m: Hit, name: str, role: str, body: str, st: DocState):
    """The official, unit mentions and post of a title with no unit written before it, or ``None``.

    ``parser`` is the :class:`~kg.nlp.components.titles.TitleParser` (its grammar and units).
    """
    text, gr = st.text, parser.gr
    if body == "政协" and role in ("委员", "常委"):
        return None           # 政协委员: an advisor, no post (titles.py: advisor_no_office)
    k = bisect_right(st.starts, m.core_start - 1) - 1
    before = text[st.starts[k]:m.core_start] if k >= 0 and m.core_start > m.start else ""
    if before and not (before in IMPLICIT or is_function_word(before, single=len(before) == 1)):
        return None           # the title is glued to a word that is no unit: 研究所副所长
    level = next((w for w in VILLAGE_LEVELS if body.startswith(w)), "") \
        or next((lv for b, lv in BODY_LEVELS.items() if body.startswith(b)), "")
    kind = (before if before in IMPLICIT else "") or level or gr["unit_of"].get(role, "")
    unit: Mention | None = None
    if not before and body.startswith(ZONE_BODIES):
        unit = zone_before(st, m.core_start)
        if unit is None:
            return None
    elif kind in IMPLICIT:
        r = _listed_before(st, m.start, kind) or parser.units.implicit(kind, m.core_start, st.context, st.region_at)
        if r is not None:
            unit = Mention(m.core_start, m.core_start, REGION, r.name, "title_implicit_region",
                           (), r, {"implicit": True})
    elif kind and kind != "national":
        unit = agency_before(st, m.core_start, kind)
        if unit is None:
            return None       # 所长 of no public agency the text names: a researcher, a manager
    elif kind != "national":
        return None
    rank = gr["rank"].get(role, "member")
    governs = unit is not None and parser.governs(unit, body, role, rank)
    pos = Position(name, text[m.core_start:m.role_end], role, rank, body, unit, governs, m.core_start,
                   m.role_end, sentence_of(text, m.core_start, m.end), False)
    units = [unit] if unit is not None and unit.label == ORGANIZATION else []
    return Mention(m.name_start, m.name_start + len(name), OFFICIAL, name, "official_bare_title"), units, [pos]


# Between a post's region and the next post of a list of officials (昌都市委书记A、市长B): a post and a name.
LIST_GAP = 24


def _listed_before(st: DocState, at: int, kind: str):
    """Rule post_after_list_item: ``X市委书记A、市长B``: a bare level word right after 、 means the region of
    that level the previous item of the list names (not the document's most named city)."""
    text = st.text
    if at < 1 or text[at - 1] != "、":
        return None
    best = None
    for (s, e), r in st.region_at.items():
        if at - LIST_GAP <= e < at and r.region is not None and r.name.endswith(kind) \
                and not any(c in "，,。；;：:\n" for c in text[e:at]) and (best is None or e > best[0]):
            best = (e, r.region)
    return best[1] if best is not None else None


def zone_before(st: DocState, at: int) -> Mention | None:
    """The development zone named last before ``at`` (within the reach of a bare 村 or 区)."""
    cands = [m for (s, e), m in st.region_at.items() if e <= at and at - e <= NAMED_BACK
             and m.region is not None and m.region.level == "zone"]
    if not cands:
        return None
    z = max(cands, key=lambda m: m.end)
    return Mention(at, at, REGION, z.region.name, "title_implicit_region", (), z.region, {"implicit": True})


def agency_before(st: DocState, at: int, kind: str) -> Mention | None:
    """The public agency named last before ``at`` whose name ends with ``kind`` (所, 局…)."""
    if st.organizations is None:
        regions = list(st.region_at.values())
        st.organizations = sorted((o for o in find_organizations(st.text, regions, st.bounds)
                                   if o.rule in PUBLIC_RULES), key=lambda o: o.end)
    cands = [o for o in st.organizations if o.end <= at and at - o.end <= UNIT_BACK and o.name.endswith(kind)]
    if not cands:
        return None
    o = cands[-1]
    return Mention(o.start, o.end, ORGANIZATION, o.name, "title_department")


def names_first(gr: dict, st: DocState) -> Iterator[tuple[Mention, Position]]:
    """``习近平总书记``, ``李强总理``: national titles written after the name."""
    for m in gr["name_first"].finditer(st.text):
        s = name_before(st.text, m.start(), gr["surname"], st.bounds, st.starts)
        if s is None:
            continue
        name, role = st.text[s:m.start()], m.group()
        yield (Mention(s, m.start(), OFFICIAL, name, "official_name_before_title"),
               Position(name, role, role, gr["rank"].get(role, "member"), "", None, False,
                        s, m.end(), sentence_of(st.text, s, m.end()), False))


def leader_lists(gr: dict, st: DocState) -> Iterator[tuple[Mention, Position]]:
    """``市县领导甲、乙、丙等出席``: each name of the list holds an office of the place, unsaid which."""
    text = st.text
    if "领导" not in text:
        return          # every list is introduced by …领导 (most texts have none: no scan of 市/区/县…)
    for m in LEADERS.finditer(text):
        i, names = m.end(), []
        while True:
            j = i
            while j < len(text) and j - i < 10 and "\u4e00" <= text[j] <= "\u9fff":
                j += 1
            item = text[i:j]
            if text[j:j + 1] == "、" and (2 <= len(item) <= 3 and gr["surname"].match(item)
                                         or is_ethnic_name(item)):      # 乌力吉巴特尔、…
                names.append((i, item))
                i = j + 1
                continue
            last = name_after(text, i, gr["surname"], gr["follow"], gr["title"])
            if last:
                names.append((i, last))
            break
        if len(names) < 2:
            continue
        for s, name in names:
            yield (Mention(s, s + len(name), OFFICIAL, name, "official_leader_list"),
                   Position(name, m.group(), "领导", "member", "", None, False, s, s + len(name),
                            sentence_of(text, m.start(), s), False))


# -- appointments, shared posts, former posts, and where a chain starts ---------------------

# Appointments (任命甲为…, 乙同志任…): the post runs to punctuation, its posts joined by 、 or 兼.
APPOINTERS = ("任命", "提名", "推选", "选举", "决定", "聘任")
APPOINTED_CHAIN = r"[^，。；：,;:“”（）()\s]{0,60}?"
CHAIN_END = r"(?=[，。；;,\s]|$)"


def _finds(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def appointed_verbs(text: str) -> Iterator[tuple[int, int]]:
    """Where a verb that gives a post (任, 担任, 兼任, 当选为…) is written: (start with a 同志 before it, end).
    Found by ``str.find`` (a regex with no literal to start from tries every character)."""
    for word in ("任", "当选", "提拔为", "晋升为"):
        i = text.find(word)
        while i >= 0:
            e = i + len(word)
            if word == "当选" and text.startswith("为", e):
                e += 1
            elif word == "任" and text.startswith("命为", e):
                e += 2          # 被任命为
            s = i - 1 if word == "任" and i > 0 and text[i - 1] in "担兼出调现升" else i
            if text.startswith("被", s - 1):
                s -= 1          # 甲被提拔为…
            if text.startswith("同志", s - 2):
                s -= 2
            yield s, e
            i = text.find(word, e)


def appointments(parser: Any, text: str, context, region_at, st: DocState | None = None):
    """Rule appointment: a name, then a verb of appointment or election, then the post it gives:
    ``任命甲为泰安市副市长``, ``乙同志任肥城市委书记``, ``丙当选为东平县人民政府县长``. A candidate
    (``县长候选人``) or a post taken away (``免去…职务``) is no post held: the chain must end at
    punctuation."""
    appoint = parser.gr["appoint"]
    found = [(m.start("name"), m.group("name"), m.start("chain"), m.group("chain"), m.start(), m.end())
             for w in APPOINTERS for i in _finds(text, w) if (m := appoint.match(text, i)) is not None]
    chain_rx = parser.gr["appointed_chain"]
    for vs, ve in appointed_verbs(text):
        # 乙同志任…: the name runs from a clause's start to the verb
        b = max(text.rfind(c, max(0, vs - 5), vs) for c in "，。；：:\n")
        ns = b + 1 if b >= 0 else (0 if vs <= 4 else -1)
        if ns == vs and text.startswith("现任", vs):
            # 甲，男，汉族，…，现任…: a résumé names its person first in the sentence
            ss = max(text.rfind(c, max(0, vs - 80), vs) for c in "。：:\n") + 1
            comma = text.find("，", ss, vs)
            ns, vs = (ss, comma) if comma >= 0 else (-1, vs)
        if vs > 0 and text[vs - 1] in "他她" and st is not None and (m := chain_rx.match(text, ve)) is not None:
            if (who := antecedent(parser, text, vs - 1, st)) is not None:
                found.append((who[0], text[who[0]:who[1]], m.start("chain"), m.group("chain"), vs - 1, m.end()))
            continue
        if ns < 0 or not 2 <= vs - ns <= 4 or (m := chain_rx.match(text, ve)) is None:
            continue
        found.append((ns, text[ns:vs], m.start("chain"), m.group("chain"), ns, m.end()))
    for ns, name, cs, chain, s, e in found:
        if not parser.gr["surname"].match(name) or is_function_word(name[:2]) or name[-1] in "省市区县州旗镇乡村" \
                or not all("\u4e00" <= c <= "\u9fff" for c in name):
            continue
        units, positions = parser._chain(chain, cs, name, context, region_at, line=False,
                                       evidence=sentence_of(text, s, e))
        if positions:
            yield Mention(ns, ns + len(name), OFFICIAL, name, "official_appointment"), units, positions


ANTECEDENT_BACK = 200     # how far back a pronoun looks for the person it stands for


def antecedent(parser: Any, text: str, at: int, st: DocState) -> tuple[int, int] | None:
    """Rule pronoun_appointed: where the person a 他 or 她 given a post stands for is named (39岁的她被提拔为…
    after …李亚静的笔记本…): the one person named within reach before it, whom the text names again;
    none where two are. A name is a word jieba's dictionary files as a person's, or, where jieba knows
    no word there, a surname and one or two characters cut one by one (jieba's cut leaves names it
    does not know in characters)."""
    k = bisect_right(st.starts, at) - 1
    ends = [*st.starts[1:], len(text)]
    found: dict[str, tuple[int, int]] = {}
    while k > 0 and at - st.starts[k - 1] <= ANTECEDENT_BACK:
        k -= 1
        s, e = st.starts[k], ends[k]
        w = text[s:e]
        if e - s >= 2:
            if 2 <= e - s <= 3 and word_classes().get(w, "").startswith("nr"):
                found.setdefault(w, (s, e))
            continue
        if not parser.gr["surname"].match(w) or k > 0 and ends[k - 1] - st.starts[k - 1] == 1 \
                and "\u4e00" <= text[st.starts[k - 1]] <= "\u9fff" and not is_function_word(text[st.starts[k - 1]], single=True):
            continue          # a name starts a run of single characters
        j = k
        while j + 1 < len(ends) and j - k < 2 and ends[j + 1] - ends[j] == 1 and "\u4e00" <= text[ends[j]] <= "\u9fff" \
                and not is_function_word(text[ends[j]], single=True):
            j += 1
        if 1 <= j - k <= 2:
            found.setdefault(text[s:ends[j]], (s, ends[j]))
    if len(found) != 1:
        return None
    (name, span), = found.items()
    return span if text.count(name) >= 2 else None


def former(text: str, start: int, units: list[Mention]) -> bool:
    """Is the chain at ``start`` a former post (原县委书记, 原宁阳县委书记; not 原平市, a city)?"""
    if text[start - 1:start] in ("原", "前") and start > 0:
        return start < 2 or not "\u4e00" <= text[start - 2] <= "\u9fff" or text[start - 2] in "的任"
    return text[start:start + 1] == "原" and bool(units) and units[0].start == start + 1


def unit_start(parser: Any, text: str, j: int, k: int, pm: re.Match, st: DocState) -> int:
    """Where an earlier post of a chain (``text[j:k]``) starts: at ``j``, unless the words before
    its unit are no unit (rule words_before_chain: 陪同调研的有|市委常委、秘书长 X); then at
    the first word start from which the unit resolves."""
    pre, body = pm.group("pre"), pm.group("body") or ""
    if not pre or pre in IMPLICIT or (found := parser._unit(pre, body, j, st.context, [], st.region_at)) is None \
            or found:
        return j          # a unit, or a national body (中共中央政治局常委、国务院副总理)
    for jj in range(j + 1, j + len(pre)):
        if jj not in st.bounds:
            continue
        sub = text[jj:j + len(pre)]
        if sub in IMPLICIT or parser._unit(sub, body, jj, st.context, [], st.region_at):
            return jj
    return j


def shared_post(parser: Any, text: str, i: int, post: Position, hits: list[Hit]) -> Iterator[tuple[Mention, Position]]:
    """Rule shared_post: ``副市长甲、乙参加会议``: one post before a list of names is each name's.

    Each item is a name alone (no post of its own starts it: ``、市长乙`` is a new chain's),
    followed by 、 or by what follows a name. A top post is one person's: 区长甲、乙 is no list of
    heads, so only deputies' and members' posts are shared.
    """
    if post.rank == "top":
        return
    while i < len(text):
        if any(h.start <= i < h.end for h in hits):
            return
        name = name_after(text, i, parser.gr["surname"], parser.gr["follow"], parser.gr["title"])
        if not name or parser.gr["title"].match(text, i + len(name)):
            return
        yield (Mention(i, i + len(name), OFFICIAL, name, "official_shared_post"),
               dataclasses.replace(post, official=name))
        i += len(name)
        if text[i:i + 1] != "、":
            return
        i += 1

# -- running text -----------------------------------------------------

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

import functools
import re
from bisect import bisect_right
from typing import Any, Iterator, NamedTuple

from spacy.attrs import IDX
from spacy.tokens import Doc

from kg.nlp.components.entities.organizations import find_organizations
from kg.nlp.components.title_units import IMPLICIT, NAMED_BACK
from kg.nlp.mention import Mention, Position
from kg.nlp.person_names import name_after, name_before
from kg.nlp.wordclass import is_function_word
from kg.schema import OFFICIAL, ORGANIZATION, REGION

VILLAGE_LEVELS = ("村", "社区")
# Bodies of a village or community not written with its level word: 居委会主任 X heads the community.
BODY_LEVELS = {"居委会": "社区", "居民委员会": "社区"}
# A zone's governing body: 管委会主任 X heads the zone named last.
ZONE_BODIES = ("管委会", "管委", "管理委员会")
# A collective title before a list of names: 市县领导甲、乙、丙等.
LEADERS = re.compile(r"(?:[省市区县州镇乡]{1,2})领导(?:同志)?(?:还有|有|是)?[：:]?")
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

    @functools.cached_property
    def starts(self) -> list[int]:
        """Where jieba's words start, in order."""
        return self.doc.to_array([IDX]).tolist()

    @functools.cached_property
    def bounds(self) -> frozenset[int]:
        """Where jieba's words start, and the end of the text."""
        return frozenset(self.starts) | {len(self.text)}


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
        r = parser.units.implicit(kind, m.core_start, st.context, st.region_at)
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
            while j < len(text) and j - i < 4 and "\u4e00" <= text[j] <= "\u9fff":
                j += 1
            item = text[i:j]
            if text[j:j + 1] == "、" and 2 <= len(item) <= 3 and gr["surname"].match(item):
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

"""Lists of signed projects: each item names a project, its company and where it settles.

Investment-promotion reports list what was signed one item a line, in a few fixed
shapes: ``Y项目，签约企业为X，落户R；``, ``Y项目（投资方：X），建设地点：R``,
``项目名称：Y；签约单位：X；落户地：R``. The item says outright who builds the
project and where, so:

- ``develops_signed_item``: X develops Y;
- ``hosts_signed_item``: R hosts Y, and X, which signed to settle there.

A company named as a group's unit (``X集团下属Z有限公司``) is that unit, Z. The cue
words are in ``kg/data/triggers.csv``.
"""

from __future__ import annotations

import functools
import re
from operator import attrgetter

from kg.nlp.lexicon import alternation, grouped
from kg.nlp.mention import Mention
from kg.schema import DEVELOPS, ENTERPRISE, HOSTS, PROJECT, REGION

# Between a project's name and the company's cue: a separator (Y项目，签约企业… / Y项目（投资方…).
ITEM_GAP = re.compile(r"[，,；;（(]?\s*")
# After the cue: 为, 是 or a colon (签约企业为X, 投资方：X).
CUE_TAIL = r"\s*(?:为|是|：|:)?\s*"
# A group's unit signs for it: X集团下属Z有限公司 (Z is the company of the item).
UNIT_OF = re.compile(r"(?:下属|旗下|所属|控股的|全资子公司)")
# Between the company and the place's cue: a separator, or the closing bracket of 投资方：X）.
PLACE_GAP = re.compile(r"[）)]?[，,；;]?\s*(?:项目)?(?:已|将|拟)?")


@functools.lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(any cue, the company's cue ending where the company starts, the place's cue at a position)."""
    words = grouped("triggers.csv", "rule", "word")
    owner = alternation(words["develops_signed_item"])
    place = alternation(words["hosts_signed_item"])
    return (re.compile(owner),
            re.compile(f"(?:{owner}){CUE_TAIL}$"),
            re.compile(f"(?:{place})(?:于|在|为|：|:)?\\s*"))


def signed_items(text: str, mentions: list[Mention], sentence, add) -> None:
    """develops_signed_item and hosts_signed_item: see the module's docstring."""
    any_cue, owner_cue, place_cue = _cues()
    if any_cue.search(text) is None:
        return                                      # no list of signed projects: most texts
    tops = sorted((m for m in mentions if not m.nested), key=attrgetter("start"))
    project_ends = {m.end: m for m in tops if m.label == PROJECT}
    at = {m.start: m for m in tops}
    for x in tops:
        if x.label != ENTERPRISE:
            continue
        before = text[max(0, x.start - 12):x.start]
        cue = owner_cue.search(before)
        if cue is None:
            continue
        cue_start = x.start - len(before) + cue.start()
        y = _project_ending_before(text, cue_start, project_ends)
        if y is None:
            continue
        company = x
        unit = UNIT_OF.match(text, x.end)
        if unit is not None and (z := at.get(unit.end())) is not None and z.label == ENTERPRISE:
            company = z                             # X集团下属Z有限公司: Z signed
        s, e = sentence(y.start)
        evidence = text[s:e]
        add(company, DEVELOPS, y, "develops_signed_item", evidence)
        gap = PLACE_GAP.match(text, company.end)
        pm = place_cue.match(text, gap.end())
        if pm is None:
            continue
        place = None
        pos = pm.end()
        while (r := at.get(pos)) is not None and r.label == REGION:
            place, pos = r, r.end                   # 落户宜宾市叙州区: the last of the chain
        if place is not None:
            add(place, HOSTS, y, "hosts_signed_item", evidence)
            add(place, HOSTS, company, "hosts_signed_item", evidence)


def _project_ending_before(text: str, pos: int, project_ends: dict[int, Mention]) -> Mention | None:
    """The project whose name ends just before ``pos``, across an item's separator (Y项目，|)."""
    for end in range(pos, max(-1, pos - 3), -1):
        y = project_ends.get(end)
        if y is not None and ITEM_GAP.fullmatch(text, end, pos):
            return y
    return None

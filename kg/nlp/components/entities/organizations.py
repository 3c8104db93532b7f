"""Recognize organizations: government departments (``区发展改革委``), known bodies, institutions.

A department is an optional region (or implicit 省/市/区/县) + a department core
from ``departments.txt`` + an ending (委, 局, 厅, 办…). Region party committees
and governments (区委, 县政府) are not organizations: the region stands for them.
Known organizations come from ``organizations.txt``, institutions by their ending
(``organization_suffixes.txt``: …研究院, …实验室), and centres by the verb that
founds them (成立…中心).
"""

from __future__ import annotations

import functools
import re

from kg.nlp.components.entities.kinds import kind_patterns
from kg.nlp.lexicon import alternation, read_lines
from kg.nlp.mention import Mention
from kg.nlp.names import crosses_boundary, left_extent, unquote
from kg.schema import ORGANIZATION, REGION

ORG_VERBS = ("成立", "组建", "筹办", "设立", "发起成立", "挂牌")


@functools.lru_cache(maxsize=1)
def department_regex() -> re.Pattern:
    """``(?P<region>…)?(?P<core>发展改革)(?P<ending>委)`` for whole strings or scanning."""
    cores = alternation(read_lines("departments.txt"))
    endings = alternation(read_lines("department_endings.txt"))
    region = r"(?P<region>[\u4e00-\u9fff]{0,12}?(?:省|市|区|县|州|旗|镇|乡)?)"
    return re.compile(rf"{region}(?P<core>{cores})(?P<ending>{endings})")


@functools.lru_cache(maxsize=1)
def known_organizations() -> re.Pattern:
    return re.compile(alternation(read_lines("organizations.txt")))


@functools.lru_cache(maxsize=1)
def institution_endings() -> re.Pattern:
    return re.compile(alternation(read_lines("organization_suffixes.txt")))


def find_organizations(text: str, known: list[Mention], bounds: frozenset[int]) -> list[Mention]:
    """Known organizations, departments of a region, institutions by their ending, and founded centres.

    ``known`` are the mentions found so far (a department starts at the region before it);
    ``bounds`` are the word starts of the segmenter (see :func:`kg.nlp.names.left_extent`).
    """
    out = []
    for m in known_organizations().finditer(text):
        out.append(Mention(m.start(), m.end(), ORGANIZATION, m.group(), "organization_known"))
    regions_end = {k.end: k for k in known if k.label == REGION}
    core_re = re.compile(department_regex().pattern.split(")(?P<core>", 1)[1].join(["(?P<core>", ""]))
    for m in core_re.finditer(text):
        s = m.start()
        if s in regions_end:
            s = regions_end[s].start
        elif text.startswith("自治区", s - 3):
            s -= 3            # 自治区商务厅: the province-level region of Guangxi, Tibet…
        elif s > 0 and text[s - 1] in "省市区县":
            s -= 1
        else:
            continue          # a department needs its region: 区发展改革委, 永川区商务委
        if text[m.end():m.end() + 1] in ("门", "署"):
            continue          # 商务部门: a kind of department, not one
        out.append(Mention(s, m.end(), ORGANIZATION, text[s:m.end()], "organization_department"))
    for m in institution_endings().finditer(text):
        start = left_extent(text, m.start(), max_len=20, bounds=bounds)
        name = unquote(text[start:m.end()])
        if start < 0 or len(name) - len(m.group()) < 2:
            continue
        out.append(Mention(start, m.end(), ORGANIZATION, name, "organization_institution"))
    for verb in ORG_VERBS:
        for m in re.finditer(verb, text):
            km = kind_patterns()["kind"].search(text, m.end(), m.end() + 24)
            if km and km.group() in ("中心", "创新中心", "研究中心") and not crosses_boundary(text, m.end(), km.start()):
                st = max(m.end(), left_extent(text, km.start(), max_len=24, bounds=bounds))
                out.append(Mention(st, km.end(), ORGANIZATION, unquote(text[st:km.end()]),
                                   "organization_founded"))
    return out

"""Organization names: government departments (``区发展改革委``) and institutions.

A department is an optional region (or implicit 省/市/区/县) + a department core
from ``departments.txt`` + an ending (委, 局, 厅, 办…). Region party committees
and governments (区委, 县政府) are not organizations: the region stands for them.
"""

from __future__ import annotations

import functools
import re

from kg.nlp.lexicon import alternation, read_lines


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

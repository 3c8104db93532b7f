"""Kind words: the words that end the names of projects and programs (…产业园, …工程, …行动).

From ``project_kinds.txt`` and ``program_kinds.txt``; a name's kind word says
which of the two it names. Read by every entity family, so it is a module of
its own.
"""

from __future__ import annotations

import functools
import re

from kg.nlp.lexicon import alternation, read_lines
from kg.schema import PROGRAM, PROJECT


@functools.lru_cache(maxsize=1)
def kind_patterns() -> dict[str, re.Pattern]:
    """``kind`` (any kind word), ``kind_end`` (one ending a string), ``kinds`` (kind word -> project or program)."""
    proj = read_lines("project_kinds.txt")
    prog = read_lines("program_kinds.txt")
    kinds = {k: PROJECT for k in proj}
    kinds.update({k: PROGRAM for k in prog})
    kinds["水利工程"] = PROJECT
    kinds["工程项目"] = PROJECT
    return {
        "kind": re.compile(alternation(kinds)),
        "kind_end": re.compile(f"(?:{alternation(kinds)})$"),
        "kinds": kinds,  # type: ignore[dict-item]
    }


def kinds_of(kind: str) -> str:
    return kind_patterns()["kinds"][kind]  # type: ignore[index]

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
    words = _trie_pattern(kinds)
    return {
        "kind": re.compile(words),
        "kind_end": re.compile(f"(?:{words})$"),
        "kinds": kinds,  # type: ignore[dict-item]
    }


def _trie_pattern(words) -> str:
    """An alternation of ``words`` nested by shared prefixes (产(?:业(?:园(?:区)?|大脑)|线)), which matches
    what the flat alternation, longest first, matches: at a position the longest word wins, since each
    optional tail is tried before it is left out. ``re`` follows one branch per character instead of
    trying some 150 words at every position where one may start."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}       # a word ends here

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def kinds_of(kind: str) -> str:
    return kind_patterns()["kinds"][kind]  # type: ignore[index]


@functools.lru_cache(maxsize=1)
def infrastructure_words() -> tuple[str, ...]:
    return read_lines("infrastructure_words.txt")


@functools.lru_cache(maxsize=1)
def infrastructure_regex() -> re.Pattern:
    """Any infrastructure word, found by one search in C instead of a test per word."""
    return re.compile(alternation(infrastructure_words()))

"""Which other names of an entity are aliases: names that say which entity they mean on their own.

A text calls 万州区 ``区`` (区政府副区长) and 永川区发展改革委 ``区发展改革委``:
mentions of those entities in that text, but no names of them elsewhere. As
aliases they would make ``kg query neighbors 市`` answer 重庆市, and join, across
documents, every district's 发展改革委 into one. Extraction keeps only the
forms this module accepts as aliases; the mentions themselves are kept.
"""

from __future__ import annotations

import functools

from kg.nlp.lexicon import read_lines
from kg.schema import ORGANIZATION

__all__ = ["is_alias"]


@functools.lru_cache(maxsize=1)
def _level_words() -> tuple[frozenset[str], frozenset[str]]:
    """(level words, the bare level characters among them) of ``kg/data/level_words.txt``."""
    words = frozenset(read_lines("level_words.txt"))
    return words, frozenset(w for w in words if len(w) == 1)


def is_alias(form: str, name: str, etype: str) -> bool:
    """Whether ``form``, another name of the entity ``name`` of type ``etype``, names it on its own.

    Not: a single character (区, 市, 美), a level word or a body of a level
    (街道, 全市, 区政府), and, for an organization, its name without the proper
    name of its region: 区发展改革委 of 永川区发展改革委, 市商务委 of
    重庆市商务委 (but 区块链研究院 of 重庆区块链研究院 is an alias).
    """
    if len(form) < 2:
        return False
    words, levels = _level_words()
    if form in words:
        return False
    if etype == ORGANIZATION and form[0] in levels and len(name) > len(form) and name.endswith(form):
        return not _ends_with_region(name[: len(name) - len(form) + 1])
    return True


def _ends_with_region(text: str) -> bool:
    """Whether ``text`` ends with the full name of a region (永川区, 重庆市永川区), not a word (重庆区块)."""
    from kg.nlp.gazetteer import gazetteer

    g = gazetteer()
    return any(g.candidates(text[-k:], short=False) for k in range(2, min(len(text), _LONGEST) + 1))


_LONGEST = 16       # characters of the longest region name worth trying (自治州 names run long)

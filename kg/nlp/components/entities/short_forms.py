"""Short forms declared after a name: ``浙江晶耀光电科技有限公司（以下简称“晶耀光电”）``.

The short form becomes an alias of the name, and each later use of it a
mention of the named entity, whatever its family.
"""

from __future__ import annotations

import functools
import re

from kg.nlp.lexicon import alternation, read_lines
from kg.nlp.mention import Mention
from kg.nlp.names import is_kind_word
from kg.schema import ENTERPRISE, ORGANIZATION, PROGRAM, PROJECT


@functools.lru_cache(maxsize=1)
def _short_form_regex() -> re.Pattern:
    markers = alternation(read_lines("short_form_markers.txt"))
    return re.compile(rf"[（(](?P<marker>{markers})?[“\"]?(?P<short>[\u4e00-\u9fffA-Za-z0-9]{{2,10}})[”\"]?[)）]")


def after_short_form(text: str, pos: int, endpos: int | None = None) -> int:
    """Where the text goes on after a name ending at ``pos``: past a short-form bracket
    (``（以下简称“鄢陵国投”）``) written right there, else at ``pos``."""
    d = _short_form_regex().match(text, pos, len(text) if endpos is None else endpos)
    return d.end() if d else pos


SHORT_FORM_OF = (ENTERPRISE, ORGANIZATION, PROJECT, PROGRAM)


def declared_short_forms(text: str, found: list[Mention]) -> tuple[list[Mention], list[tuple[int, int]]]:
    """A short form declared in brackets after a name, and each later use of it.

    ``浙江晶耀光电科技有限公司（以下简称“晶耀光电”）……晶耀光电投资``: the short form
    becomes an alias of the name, and each use of it a mention of the named entity.
    Returns those mentions and the spans of the brackets, which name nothing else.
    Without a marker word (简称) the bracket must hold the name's own characters
    in order (``合肥维信诺科技有限公司（合肥维信诺）``), else it is a note, not a short form.
    """
    if "（" not in text and "(" not in text:
        return [], []
    named: dict[int, Mention] = {}          # the longest name ending at each position
    for m in found:
        if m.label in SHORT_FORM_OF and (m.end not in named or m.start < named[m.end].start):
            named[m.end] = m
    out: list[Mention] = []
    declared: list[tuple[int, int]] = []
    regex = _short_form_regex()
    for end, m in named.items():
        d = regex.match(text, end)
        if d is None:
            continue
        short = d.group("short")
        if short == m.name or is_kind_word(short) or not (d.group("marker") or _in_order(short, m.name)):
            continue
        m.aliases = (*m.aliases, short)
        declared.append(d.span())
        for k in (k.start() for k in re.finditer(re.escape(short), text)):
            if not (d.start() <= k < d.end() or m.start <= k < m.end):
                out.append(Mention(k, k + len(short), m.label, m.name, f"{m.label}_short_form", (short,)))
    return out, declared


def _in_order(short: str, name: str) -> bool:
    """Are the characters of ``short`` those of ``name``, in order (a contraction of it)?"""
    it = iter(name)
    return all(ch in it for ch in short)

"""Short forms declared after a name: ``浙江晶耀光电科技有限公司（以下简称“晶耀光电”）``.

The short form becomes an alias of the name, and each later use of it a
mention of the named entity, whatever its family. A company's short name used
apart from its registered name (蔚来 … 蔚来控股有限公司) is one too
(:func:`short_names_of_registered`).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

from kg.nlp.components.entities.enterprises import brands, trade_endings
from kg.nlp.gazetteer import gazetteer
from kg.nlp.lexicon import alternation, read_lines
from kg.nlp.mention import Mention
from kg.nlp.name_leads import protected
from kg.nlp.names import cjk, is_kind_word, occurrences
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
        for k in occurrences(text, short):
            if not (d.start() <= k < d.end() or m.start <= k < m.end):
                out.append(Mention(k, k + len(short), m.label, m.name, f"{m.label}_short_form", (short,)))
    return out, declared


def _in_order(short: str, name: str) -> bool:
    """Are the characters of ``short`` those of ``name``, in order (a contraction of it)?"""
    it = iter(name)
    return all(ch in it for ch in short)


# The legal form that ends a registered name after its trade name and industry.
LEGAL_FORM = re.compile(r"(?:(?:（集团）|\(集团\)|控股集团|集团|控股)?(?:股份有限公司|有限责任公司|有限公司|股份公司|公司)"
                        r"|控股集团|集团)$")
LEGAL_FORM_ONLY = re.compile(r"(?:（集团）|\(集团\))?(?:股份有限公司|有限责任公司|有限公司|股份公司)")


def short_names_of_registered(found: list[Mention], regions: dict[int, Mention]) -> None:
    """enterprise_short_name: a company named in the text by its registered name and elsewhere by the
    short name it goes by (蔚来 … 蔚来控股有限公司, 孚能科技 … 江西孚能科技有限公司, 恒安 … 恒安集团) is
    one company: the short name's mentions take the registered name, and the short name is an alias.

    The registered name, without its region, opens with the short name, and what follows it is
    the legal form (有限公司, 集团…) after at most a four-character industry (安踏|体育用品|集团有限公司);
    a short name that ends with 集团 or 公司 itself is followed by the legal form only (洛阳文旅集团
    is not 洛阳文旅集团资产运营公司, its subsidiary). Only where one registered name of the text fits.
    """
    full = [m for m in found if m.label == ENTERPRISE and m.rule == "enterprise_suffix"]
    if not full:
        return
    full = _outermost(full)
    stems: list[tuple[Mention, str]] = []          # each registered name, and its form without region
    trade_at: dict[int, Mention] = {}              # where each one's trade name starts
    for m in full:
        stem, pos = m.name, m.start
        while (r := regions.get(pos)) is not None and r.end < m.end:     # 江西|孚能科技有限公司
            stem, pos = stem[r.end - pos:], r.end
        while (k := _place_prefix(stem)) and len(stem) - k >= 4:          # 浙江|吉利控股集团有限公司
            stem = stem[k:]
        stems.append((m, m.name))
        if stem != m.name:
            stems.append((m, stem))
        trade_at[m.end - len(stem) if m.name.endswith(stem) else m.start] = m
    # The outermost names' spans by start: none inside another, so their ends rise with their starts,
    # and the spans around a position are the last ones starting at or before it.
    spans = sorted((m.start, m.end) for m in full)
    starts = [a for a, _ in spans]
    by_head: dict[str, list[tuple[Mention, str]]] = {}      # stems by their first two characters
    for m, stem in stems:
        by_head.setdefault(stem[:2], []).append((m, stem))
    for x in found:
        if x.label != ENTERPRISE or x.name.endswith("公司") or len(x.name) < 2:
            continue
        if _inside_other(spans, bisect_right(starts, x.start), x):
            f = trade_at.get(x.start)
            if f is not None and x.end < f.end and _legal_rest(f.name[x.end - f.start:], x.name):
                # 华为|技术有限公司, 浙江|吉利|控股集团有限公司: its own
                x.name = f.name                         # trade name inside, the same company
            continue
        near = by_head.get(x.name[:2], ())
        fits = {m.name for m, stem in near if len(stem) > len(x.name) and stem.startswith(x.name)
                and _legal_rest(stem[len(x.name):], x.name)}
        if not fits and x.name.endswith("集团") and len(x.name) >= 4:
            # 远景集团 of 远景科技集团: the group named without its industry word
            core = x.name[:-2]
            fits = {m.name for m, stem in near if stem.startswith(core) and stem.endswith("集团")
                    and stem[len(core):-2] in trade_endings()}
        longest = max(fits, key=len, default="")
        if fits and all(longest.startswith(f) for f in fits):     # 恒安 of 恒安集团 and 恒安集团有限公司
            x.name = longest
            x.attrs.pop("not_alias", None)


def _inside_other(spans: list[tuple[int, int]], i: int, x: Mention) -> bool:
    """Does a span of ``spans[:i]`` (those starting at or before ``x``) other than x's own hold x's start?"""
    while i > 0:
        i -= 1
        a, b = spans[i]
        if b <= x.start:
            return False
        if (a, b) != (x.start, x.end):
            return True
    return False


def _outermost(full: list[Mention]) -> list[Mention]:
    """The names inside no longer one, in their order. Sorted by start (longest first), only a name
    whose end some earlier one reaches can be inside one: the exact test runs for those only."""
    inner: set[int] = set()
    reach = -1
    for m in sorted(full, key=lambda m: (m.start, m.start - m.end)):
        if reach >= m.end and any(o is not m and o.start <= m.start and m.end <= o.end
                                  and o.end - o.start > m.end - m.start for o in full):
            inner.add(id(m))
        reach = max(reach, m.end)
    return [m for m in full if id(m) not in inner] if inner else full


@functools.lru_cache(maxsize=4096)
def _place_prefix(name: str) -> int:
    """The length of the place's name or short form that ``name`` opens with (浙江, 泸州市), or 0."""
    prot = protected()
    return next((n for n in (6, 5, 4, 3, 2) if name[:n] in prot or n > 4 and gazetteer().candidates(name[:n], short=False)), 0)


def _legal_rest(rest: str, short: str) -> bool:
    """Is ``rest``, what a registered name holds after a short name, its legal form (after at most
    four characters of industry, unless the short name is a company's already: 恒安集团|有限公司)?"""
    if short.endswith(("集团", "公司")):
        return LEGAL_FORM_ONLY.fullmatch(rest) is not None
    m = LEGAL_FORM.search(rest)
    return m is not None and m.start() <= 4 and (m.start() == 0 or all(cjk(c) for c in rest[:m.start()])
                                                and not any(brands().finditer(rest[:m.start()])))   # 上汽|大众汽车…

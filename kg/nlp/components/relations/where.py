"""Where a thing or a department is, read off names: the city a project's name gives in brackets,
the county a company's name opens with, the city ending a list glued to a shared name, the
region of a department (its prefix, or the city a 市-prefixed one belongs to).

Used by :mod:`.things` to choose who hosts what.
"""

from __future__ import annotations

from collections import Counter

from kg.nlp.discourse import within_prefix
from kg.nlp.mention import Mention
from kg.schema import PROJECT, REGION


def bracketed_cities(text: str, inside: list[Mention], confirmed: set[str]) -> dict[int, Mention]:
    """Project start -> the city its name gives in brackets (中欧班列（沈阳）集结中心), where the text
    names that city on its own: the name places the project there."""
    projects = [p for p in inside if p.label == PROJECT and not p.nested]
    out: dict[int, Mention] = {}
    for c in inside:
        if c.label == REGION and c.nested and c.region is not None and c.region.level == "city" \
                and c.key in confirmed and text[c.start - 1:c.start] in ("（", "(") \
                and text[c.end:c.end + 1] in ("）", ")"):
            p = next((p for p in projects if p.start < c.start and c.end < p.end), None)
            if p is not None:
                out[p.start] = c
    return out


def regions_at(inside: list[Mention]) -> dict[int, Mention]:
    """Start -> the (last) region with a gazetteer entry starting there: :func:`named_place`'s index,
    built once per section."""
    return {r.start: r for r in inside if r.label == REGION and r.region is not None}


def named_place(m: Mention, at: dict[int, Mention]) -> Mention | None:
    """The last region of the prefix chain a company's name opens with (普洱市|思茅区|爱伲…有限公司);
    ``at`` is :func:`regions_at` of the mentions."""
    place, pos = None, m.start
    while pos < m.end and (r := at.get(pos)) is not None and (place is None or within_prefix(r, place)):
        place, pos = r, r.end
    return place


def list_tails(text: str, mentions: list[Mention]) -> list[Mention]:
    """Cities that end a list of cities glued to the name they share (建好济南、青岛、枣庄算力枢纽):
    nested in that name, yet each a city of the text like the items before them."""
    cities = [m for m in mentions if m.label == REGION and m.region is not None and m.region.level == "city"]
    ends = {m.end: m for m in cities if not m.nested}
    return [m for m in cities if m.nested and text[m.start - 1:m.start] == "、"
            and m.start - 1 in ends]


def region_of(org: Mention, mentions: list[Mention]) -> Mention | None:
    """The region a department belongs to (永川区发展改革委 → 永川区): named in its title chain or its name."""
    for name in reversed(org.attrs.get("within", [])):
        r = next((m for m in mentions if m.label == REGION and m.name == name), None)
        if r is not None:
            return r
    named = next((m for m in mentions if m.label == REGION and m.region is not None
                  and org.name.startswith(m.name) and len(org.name) > len(m.name)), None)
    return named or _implicit_region(org, mentions)


# Province-level cities: a 市-prefixed department of theirs (市商务委) is theirs too.
MUNICIPALITIES = ("11", "12", "31", "50")


def _implicit_region(org: Mention, mentions: list[Mention]) -> Mention | None:
    """The city a 市-prefixed department belongs to (市商务委 in a text about 重庆市): the city, or
    province-level city, the text names most on its own; none if it names two equally often."""
    if not org.name.startswith("市"):
        return None
    cities = [m for m in mentions if m.label == REGION and m.region is not None and not m.nested
              and (m.region.level == "city" or m.region.level == "province" and m.region.adcode in MUNICIPALITIES)]
    top = Counter(m.key for m in cities).most_common(2)
    if not top or len(top) > 1 and top[0][1] == top[1][1]:
        return None
    return next(m for m in cities if m.key == top[0][0])

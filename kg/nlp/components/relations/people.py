"""Relations of people: the posts a title chain gives an official.

- ``title_governs`` / ``title_serves_in`` / ``title_leads``: from a parsed title chain
  (``宁波市委常委、鄞州区委书记 沈敏``): the top post of a governing body of a region
  governs it, other posts there serve in it, the top post of an organization leads it.
"""

from __future__ import annotations

from kg.nlp.mention import Mention, Position
from kg.schema import GOVERNS, LEADS, ORGANIZATION, REGION, SERVES_IN


def post_relations(p: Position, add) -> None:
    """governs, serves_in or leads between the official of a post and the post's unit."""
    who = Mention(p.start, p.end, "official", p.official, "title")
    if p.unit.label == REGION:
        rel = GOVERNS if p.governs else SERVES_IN
        add(who, rel, p.unit, f"title_{rel}", p.evidence)
    elif p.unit.label == ORGANIZATION and p.rank == "top":
        add(who, LEADS, p.unit, "title_leads", p.evidence)

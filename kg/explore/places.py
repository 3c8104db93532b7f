"""What lies within a region, by the codes and parents of the administrative divisions.

Containment comes from the gazetteer data the regions carry, not from the
text: a region is within another when its administrative code (``adcode``)
extends the other's (``5001`` 万州区 ``500101`` within 重庆市 ``50``), or when
its ``parent``, or its parent's parent, is the other (zones and villages have
no code of their own). It is not the scored ``part_of`` relation, which says
what the texts make evident.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.schema import A_ADCODE, A_LABEL, A_LEVEL, A_PARENT, A_TYPE, REGION

__all__ = ["within", "format_within"]

_LEVELS = ("province", "city", "county", "zone", "township", "village", "country")


def within(G: nx.MultiDiGraph, region: str) -> dict[str, Any]:
    """The regions of ``G`` within ``region``, by code, then by parents; each says which (``via``)."""
    d = G.nodes[region]
    code = str(d.get(A_ADCODE) or "")
    label = str(d.get(A_LABEL, region))
    by_name = {str(nd.get(A_LABEL, n)): n for n, nd in G.nodes(data=True) if nd.get(A_TYPE) == REGION}
    found: dict[str, str] = {}
    for n, nd in G.nodes(data=True):
        if n == region or nd.get(A_TYPE) != REGION:
            continue
        other = str(nd.get(A_ADCODE) or "")
        if code and len(other) > len(code) and other.startswith(code):
            found[n] = "adcode"
    changed = True
    while changed:         # parents of parents: a village of a town within the region
        changed = False
        for n, nd in G.nodes(data=True):
            if n in found or n == region or nd.get(A_TYPE) != REGION:
                continue
            parent = by_name.get(str(nd.get(A_PARENT) or ""))
            if parent is not None and (parent == region or parent in found):
                found[n] = "parent"
                changed = True
    rows = [{"id": n, "label": str(G.nodes[n].get(A_LABEL, n)), "level": str(G.nodes[n].get(A_LEVEL) or ""),
             "adcode": str(G.nodes[n].get(A_ADCODE) or ""), "parent": str(G.nodes[n].get(A_PARENT) or ""),
             "via": via} for n, via in found.items()]
    rank = {lv: i for i, lv in enumerate(_LEVELS)}
    rows.sort(key=lambda r: (rank.get(r["level"], len(rank)), r["adcode"] or "~", r["label"]))
    return {"id": region, "label": label, "adcode": code, "regions": rows}


def format_within(w: dict[str, Any]) -> str:
    """Text for ``kg query within``."""
    code = f", code {w['adcode']}" if w["adcode"] else ", no code: by parents only"
    lines = [f"{w['label']}{code}: {len(w['regions'])} region(s) within it"]
    for r in w["regions"]:
        lines.append(f"  {r['level']:<9} {r['label']:<12} {r['adcode'] or '-':<10} in {r['parent'] or '?'}"
                     + ("" if r["via"] == "adcode" else "  (by parent)"))
    return "\n".join(lines)

"""Who held which post when: an official's career, a unit's holders on a date, and the namesakes to review.

Careers are the ``career`` attribute of officials (:func:`kg.resolve.people.career`):
one post per unit and role, with the first and last dates of the documents that
attest it. A post is taken as held from its first attestation to its last; on a
date after its last one, a post's holder is the last one attested, said so.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.explore.filters import Filter, FilterTests
from kg.schema import A_ALIASES, A_CAREER, A_LABEL, A_NAMESAKE, A_TYPE, OFFICIAL

__all__ = ["career", "holders", "namesakes", "format_career", "format_holders", "format_namesakes"]


def career(G: nx.MultiDiGraph, node: str, f: Filter = Filter()) -> dict[str, Any]:
    """An official's posts in time order (those attested by documents ``f`` keeps), and the namesake note."""
    d = G.nodes[node]
    tests = FilterTests(G, f) if f else None
    posts = [p for p in d.get(A_CAREER) or () if tests is None or any(tests.doc_ok(doc) for doc in p.get("docs", ()))]
    return {"id": node, "label": str(d.get(A_LABEL, node)), "type": str(d.get(A_TYPE, "")),
            "namesake": d.get(A_NAMESAKE) or "", "career": posts}


def holders(G: nx.MultiDiGraph, unit: str, *, on: str | None = None, f: Filter = Filter()) -> dict[str, Any]:
    """The officials whose posts are in ``unit`` (a region or organization), in time order.

    With ``on`` (an ISO date), only who held a post on that date: a post attested
    on both sides of it (``status`` ``attested``), or else, for each role, the
    holder attested last before it (``status`` ``last attested``).
    """
    d = G.nodes[unit]
    names = {str(d.get(A_LABEL, unit)), *map(str, d.get(A_ALIASES) or ())}
    tests = FilterTests(G, f) if f else None
    rows = []
    for n, nd in G.nodes(data=True):
        if nd.get(A_TYPE) != OFFICIAL:
            continue
        for p in nd.get(A_CAREER) or ():
            here = p.get("unit_id") == unit if p.get("unit_id") else p.get("unit") in names
            if here and (tests is None or any(tests.doc_ok(doc) for doc in p.get("docs", ()))):
                rows.append({"official": n, "label": str(nd.get(A_LABEL, n)), **p})
    rows.sort(key=lambda r: (r["start"] or "9999", r["end"] or "9999", not r["top"], r["role"], r["label"]))
    if on is not None:
        rows = _on(rows, on)
    return {"id": unit, "label": str(d.get(A_LABEL, unit)), "type": str(d.get(A_TYPE, "")), "on": on,
            "holders": rows}


def _on(rows: list[dict[str, Any]], on: str) -> list[dict[str, Any]]:
    held = [{**r, "status": "attested"} for r in rows if r["start"] and r["start"] <= on <= (r["end"] or r["start"])]
    roles = {r["role"] for r in held}
    last: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r["start"] and (r["end"] or r["start"]) < on and r["role"] not in roles:
            if r["role"] not in last or (r["end"] or r["start"]) >= (last[r["role"]]["end"] or last[r["role"]]["start"]):
                last[r["role"]] = {**r, "status": "last attested"}
    out = held + list(last.values())
    out.sort(key=lambda r: (not r["top"], r["role"], r["start"], r["label"]))
    return out


def namesakes(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Officials that the namesake rule split (``split``) or joined across far posts (``joined``), with why."""
    rows = []
    for n, d in G.nodes(data=True):
        note = d.get(A_NAMESAKE)
        if note and d.get(A_TYPE) == OFFICIAL:
            rows.append({"id": n, "label": str(d.get(A_LABEL, n)), "kind": str(note).split(" ", 1)[0].rstrip(":"),
                         "note": str(note)})
    rows.sort(key=lambda r: (r["kind"] != "split", r["label"]))
    return rows


def _span(p: dict[str, Any]) -> str:
    if not p.get("start"):
        return "undated"
    return p["start"] if p["start"] == p.get("end") else f"{p['start']} … {p.get('end') or '?'}"


def format_career(c: dict[str, Any]) -> str:
    """Text for ``kg query career``."""
    lines = [f"{c['label']} ({c['type']}): {len(c['career'])} post(s)"]
    if c["namesake"]:
        lines.append(f"  note: {c['namesake']}")
    for p in c["career"]:
        top = ", top post" if p.get("top") else ""
        lines.append(f"  {_span(p):<25} {p['unit']} {p['role']} ({p['title']}{top})  [{', '.join(p['docs'])}]")
        if p.get("evidence"):
            lines.append(f"      {p['evidence']}")
    return "\n".join(lines)


def format_holders(h: dict[str, Any]) -> str:
    """Text for ``kg query holders``."""
    when = f" on {h['on']}" if h["on"] else ""
    lines = [f"{h['label']} ({h['type']}){when}: {len(h['holders'])} post holder(s)"]
    for r in h["holders"]:
        status = f"  ({r['status']})" if r.get("status") else ""
        lines.append(f"  {r['role']:<6} {r['label']:<8} {_span(r):<25} {r['title']}{status}")
    if not h["holders"]:
        lines.append("  (none: no official's post names it" + (" on that date)" if h["on"] else ")"))
    return "\n".join(lines)


def format_namesakes(rows: list[dict[str, Any]]) -> str:
    """Text for ``kg query namesakes``."""
    lines = [f"{len(rows)} official(s) to review"]
    lines += [f"  {r['label']}  {r['note']}" for r in rows]
    return "\n".join(lines)

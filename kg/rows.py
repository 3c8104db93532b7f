"""A document's extraction result as rows of plain JSON values: how results are cached, sent and merged.

Workers send each :class:`~kg.schema.DocResult` as the JSON text of its rows
(:func:`encode_result`), the cache stores that text, and resolve merges the
rows themselves (:func:`decode_rows`): cheaper to parse and to merge than one
object per record.
"""

from __future__ import annotations

import json
from itertools import chain

from kg.schema import A_POSITION_DETAILS, OFFICIAL, DocResult, EntityRecord, RelationRecord

# A result as rows of plain JSON values: cheaper to parse and to merge than one object per record.
#   [FORMAT, doc_id, date, title,
#    [[type, name, [alias, ...], mentions, {attrs}], ...],
#    [[head type, head name, relation, tail type, tail name, rule, evidence], ...]]
# A build appends the document's source address (R_URL) when its input gives one: it is not
# extracted, so it is never part of a payload.
# Payloads of one object per record (``{"doc_id": ...}``, DocResult.to_dict), which kg wrote
# before rows, are still read.
ROWS_FORMAT = 1
R_DOC, R_DATE, R_TITLE, R_ENTITIES, R_RELATIONS, R_URL = 1, 2, 3, 4, 5, 6
E_TYPE, E_NAME, E_ALIASES, E_MENTIONS, E_ATTRS = 0, 1, 2, 3, 4
L_HEAD_TYPE, L_HEAD_NAME, L_RELATION, L_TAIL_TYPE, L_TAIL_NAME, L_RULE, L_EVIDENCE = 0, 1, 2, 3, 4, 5, 6

_loads = json.JSONDecoder().decode
_TEXT = frozenset({str})


def encode_result(result: DocResult) -> str:
    """The JSON text of a result; every result goes through it or :func:`plain_rows`, so cached
    and fresh ones agree."""
    return encode_rows(_rows(result))


def encode_rows(rows: list) -> str:
    """The JSON text of rows (:func:`plain_rows`), as :func:`encode_result` writes it."""
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def _rows(result: DocResult) -> list:
    return [ROWS_FORMAT, result.doc_id, result.date, result.title,
            [[e.type, e.name, list(e.aliases), e.mentions, e.attrs] for e in result.entities],
            [[*r.head, r.relation, *r.tail, r.rule, r.evidence] for r in result.relations]]


def plain_rows(result: DocResult) -> list | None:
    """``decode_rows(encode_result(result))`` without the JSON text, or ``None``.

    A result extracted in this process need not be written and parsed again
    (a third of a millisecond per document) when its values are already what
    JSON would give back: text, whole numbers, booleans, ``None``, lists, and
    dicts keyed by text, none of them shared (extraction builds each afresh).
    ``None`` when anything else is in it (a tuple, a float, a set): then the
    caller goes through the JSON text, so that no result differs by the road it took.
    """
    rows = _rows(result)
    seen: set[int] = set()
    for e in rows[R_ENTITIES]:
        if not (type(e[E_TYPE]) is str and type(e[E_NAME]) is str and type(e[E_MENTIONS]) is int
                and (not e[E_ALIASES] or all(type(a) is str for a in e[E_ALIASES])) and _plain(e[E_ATTRS], seen)):
            return None
    # Every value of every relation is text: their types gathered in C, not tested one by one.
    if not _TEXT.issuperset(map(type, chain.from_iterable(rows[R_RELATIONS]))):
        return None
    head = rows[:R_ENTITIES]
    if not all(v is None or type(v) in (str, int) for v in head):
        return None
    return rows


def _plain(value, seen: set[int]) -> bool:
    """Whether JSON gives ``value`` back as it is, and no list or dict in it is one ``seen`` before
    (JSON gives copies: a shared one would be changed in two records at once).
    Not a float: NaN and -0.0 are not worth the doubt.

    The items of a list or dict that are text, whole numbers, booleans or ``None`` (nearly all)
    are told apart in the loop itself, without a call each.
    """
    t = type(value)
    if t is str or t is bool or value is None or t is int:
        return True
    if t is dict or t is list:
        if id(value) in seen:
            return False
        seen.add(id(value))
        if t is dict:
            for k in value:
                if type(k) is not str:
                    return False
            items = value.values()
        else:
            items = value
        for v in items:
            t = type(v)
            if not (t is str or t is int or t is bool or v is None or _plain(v, seen)):
                return False
        return True
    return False


def decode_rows(payload: str, strings: dict[str, str] | None = None) -> list:
    """A payload as rows (see ``ROWS_FORMAT``), the form the builder merges, without record objects.

    Args:
        payload: JSON text from :func:`encode_result` (or from an older kg).
        strings: a table shared by all the results of a build. Types, names,
            relations and rules recur across documents (and evidence within
            one); keeping one copy of each halves the memory results take.
    """
    rows = _loads(payload)
    if type(rows) is dict:
        # A payload of an older kg: one object per record.
        rows = [ROWS_FORMAT, rows["doc_id"], rows.get("date"), rows.get("title", ""),
                [[e["type"], e["name"], list(e.get("aliases", ())), e.get("mentions", 1), dict(e.get("attrs", {}))]
                 for e in rows["entities"]],
                [[*r["head"], r["relation"], *r["tail"], r["rule"], r["evidence"]] for r in rows["relations"]]]
    if not _well_formed(rows):
        raise ValueError(f"not the rows of a kg result: {payload[:60]!r}")
    if strings is not None:
        _share_strings(rows, strings)
    return rows


def share_rows(rows: list, strings: dict[str, str]) -> list:
    """Rows of :func:`plain_rows` with their strings shared, as :func:`decode_rows` does with ``strings``."""
    _share_strings(rows, strings)
    return rows


def rebind(rows: list, doc_id: str, date: str | None, title: str, url: str = "") -> list:
    """A result as this run sees its document: its current id, date, title and source address.

    A cached result may be of a file since renamed or dated anew: the posts of its
    officials, which name their document and date, follow too.
    """
    rows[R_DOC], rows[R_DATE], rows[R_TITLE] = doc_id, date, title
    for rec in rows[R_ENTITIES]:
        if rec[E_TYPE] == OFFICIAL and rec[E_ATTRS]:
            for p in rec[E_ATTRS].get(A_POSITION_DETAILS) or ():
                if p.get("doc") != doc_id or p.get("date") != date:
                    p["doc"], p["date"] = doc_id, date
    del rows[R_URL:]
    if url:
        rows.append(url)
    return rows


def row_url(rows: list) -> str:
    """The source address of a result's document, ``""`` when none was given."""
    return rows[R_URL] if len(rows) > R_URL else ""


def _well_formed(rows) -> bool:
    """Whether decoded JSON has the shape of rows (a damaged cache entry may be other JSON)."""
    return (type(rows) is list and len(rows) == 6 and type(rows[R_ENTITIES]) is list
            and type(rows[R_RELATIONS]) is list
            and all(type(e) is list and len(e) == 5 and type(e[E_ATTRS]) is dict for e in rows[R_ENTITIES])
            and all(type(r) is list and len(r) == 7 for r in rows[R_RELATIONS]))


def _share_strings(rows: list, strings: dict[str, str]) -> None:
    one = strings.setdefault
    for e in rows[R_ENTITIES]:
        e[0] = one(e[0], e[0])
        e[1] = one(e[1], e[1])
        if e[2]:
            e[2] = [one(a, a) for a in e[2]]
    evidence: dict[str, str] = {}
    same = evidence.setdefault
    for r in rows[R_RELATIONS]:
        r[0] = one(r[0], r[0])
        r[1] = one(r[1], r[1])
        r[2] = one(r[2], r[2])
        r[3] = one(r[3], r[3])
        r[4] = one(r[4], r[4])
        r[5] = one(r[5], r[5])
        r[6] = same(r[6], r[6])


def rows_to_result(rows: list) -> DocResult:
    """The :class:`DocResult` of rows from :func:`decode_rows`."""
    return DocResult(rows[R_DOC], rows[R_DATE],
                     tuple(EntityRecord(t, n, tuple(a), m, dict(attrs)) for t, n, a, m, attrs in rows[R_ENTITIES]),
                     tuple(RelationRecord((ht, hn), rel, (tt, tn), rule, ev)
                           for ht, hn, rel, tt, tn, rule, ev in rows[R_RELATIONS]),
                     rows[R_TITLE])


def result_to_rows(result: DocResult) -> list:
    """The rows of a :class:`DocResult`, as :func:`decode_rows` gives them (values shared, not copied)."""
    return [ROWS_FORMAT, result.doc_id, result.date, result.title,
            [[e.type, e.name, e.aliases, e.mentions, e.attrs] for e in result.entities],
            [[*r.head, r.relation, *r.tail, r.rule, r.evidence] for r in result.relations]]


def decode_result(payload: str) -> DocResult:
    """The inverse of :func:`encode_result`."""
    return rows_to_result(decode_rows(payload))

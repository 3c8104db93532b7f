"""Score a built graph against hand annotations (``kg eval``), so users can measure kg on their own texts.

The annotation format is ``docs/annotation-format.md``: one JSON file per
document, its entities (type, canonical name, aliases) and relations (head,
relation, tail, by canonical name). The rules are those of the project's
scorer for its dev corpus, so the figures agree with it:

- names are compared normalized: NFKC, no white space, no quote marks, Latin
  letters lower-cased;
- a node matches an annotated entity of its type when one of its names (label,
  aliases) is one of the entity's; several nodes may match one entity, which
  then counts once (the extra nodes are wrong);
- an edge matches an annotated relation when the relation is the same and its
  ends match the head and tail (either way round for ``partners_with``); edges
  that match one annotated relation count once.

``per_doc`` scores each annotation file alone against the nodes and edges whose
``docs`` list its document.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.schema import ENTITY_TYPES, RELATION_TYPES, UNDIRECTED_RELATIONS

__all__ = ["Gold", "evaluate", "format_report", "gold_files", "load_gold", "norm", "read_graph_items",
           "match_nodes", "rule_outcomes", "SIGNATURES"]

QUOTES = frozenset("“”‘’\"'「」『』《》〈〉")
_PARTIES = ("region", "enterprise", "organization")
#: relation -> (head types, tail types), which decides a name two types share
SIGNATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "governs": (("official",), ("region",)),
    "serves_in": (("official",), ("region",)),
    "leads": (("official",), ("organization",)),
    "part_of": (("region", "organization"), ("region",)),
    "hosts": (("region",), ("project", "enterprise")),
    "develops": (("enterprise", "organization"), ("project",)),
    "implements": (("region", "organization"), ("program",)),
    "partners_with": (_PARTIES, _PARTIES),
}

Key = tuple[str, str]                 # (type, normalized canonical name)
Triple = tuple[Key, str, Key]


class AnnotationError(KGError):
    """An annotation file that cannot be scored against; the message names the file and the fix."""


def norm(name: Any) -> str:
    """A name as compared: NFKC, without white space or quote marks, lower case."""
    text = unicodedata.normalize("NFKC", str(name))
    return "".join(ch for ch in text if not ch.isspace() and ch not in QUOTES).lower()


@dataclass
class Gold:
    """Annotations merged: entities by (type, name) with all their names, relations as triples."""

    entities: dict[Key, set[str]] = field(default_factory=dict)
    relations: set[Triple] = field(default_factory=set)
    docs: dict[str, str] = field(default_factory=dict)      # file -> the document it annotates


def gold_files(paths: Iterable[str | os.PathLike]) -> list[str]:
    """The annotation files named: files as given, folders for the ``*.json`` in them."""
    out: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(str(f) for f in p.glob("*.json"))
        elif p.is_file():
            out.append(str(p))
        else:
            raise AnnotationError(f"no annotation file {p}: give .json files (or folders of them)")
    if not out:
        raise AnnotationError("no annotation files found: give .json files as docs/annotation-format.md describes")
    return out


def _triple(head: Key, relation: str, tail: Key) -> Triple:
    if relation in UNDIRECTED_RELATIONS and tail < head:
        head, tail = tail, head
    return head, relation, tail


def load_gold(paths: Iterable[str | os.PathLike]) -> Gold:
    """Read and merge annotation files.

    Raises:
        AnnotationError: a file is not JSON, or names an unknown type, relation or entity.
    """
    gold = Gold()
    for path in map(str, paths):
        try:
            with open(path, encoding="utf-8-sig") as fh:
                data = json.load(fh)
            doc, ents, rels = data.get("doc", ""), data["entities"], data["relations"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            raise AnnotationError(f"{path}: not an annotation file ({type(err).__name__}: {err}); it needs "
                                  "\"doc\", \"entities\" and \"relations\" (see docs/annotation-format.md)") from None
        gold.docs[path] = doc
        local: dict[str, list[Key]] = {}
        for n, ent in enumerate(ents, 1):
            etype, name = ent.get("type"), ent.get("name")
            if etype not in ENTITY_TYPES or not name:
                raise AnnotationError(f"{path}: entity {n} ({ent}): type must be one of {', '.join(ENTITY_TYPES)} "
                                      "and the name not empty")
            key = (etype, norm(name))
            names = gold.entities.setdefault(key, set())
            names.add(norm(name))
            names.update(norm(a) for a in ent.get("aliases") or ())
            local.setdefault(name, []).append(key)
        for n, rel in enumerate(rels, 1):
            relation = rel.get("relation")
            if relation not in RELATION_TYPES:
                raise AnnotationError(f"{path}: relation {n}: {relation!r} is not one of {', '.join(RELATION_TYPES)}")
            heads_ok, tails_ok = SIGNATURES[relation]
            for end in ("head", "tail"):
                if rel.get(end) not in local:
                    raise AnnotationError(f"{path}: relation {n} names {rel.get(end)!r}, which is no entity's "
                                          "canonical name in this file: add the entity or fix the name")
            heads = [k for k in local[rel["head"]] if k[0] in heads_ok]
            tails = [k for k in local[rel["tail"]] if k[0] in tails_ok]
            if not heads or not tails:
                raise AnnotationError(f"{path}: relation {n}: {rel['head']} -{relation}-> {rel['tail']} does not fit "
                                      f"{relation}'s types ({'/'.join(heads_ok)} -> {'/'.join(tails_ok)})")
            gold.relations.add(_triple(heads[0], relation, tails[0]))
    return gold


def _lists_doc(item: dict[str, Any], doc: str) -> bool:
    docs = item.get("docs") or ([item["doc"]] if item.get("doc") else [])
    if isinstance(docs, str):
        docs = docs.split("|")
    return any(d == doc or d.replace("\\", "/").rsplit("/", 1)[-1] == doc for d in docs)


def read_graph_items(data: dict[str, Any], doc: str | None = None
                     ) -> tuple[dict[str, tuple[Any, set[str]]], list[tuple[str, Any, str, dict]]]:
    """Nodes (id -> type, normalized names) and edges (source, relation, target, attributes) of
    node-link JSON, those of document ``doc`` only when given."""
    nodes: dict[str, tuple[Any, set[str]]] = {}
    for node in data.get("nodes", []):
        if doc is not None and not _lists_doc(node, doc):
            continue
        aliases = node.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a for a in aliases.split("|") if a]
        nodes[node["id"]] = (node.get("type"), {norm(node.get("label", node["id"])), *map(norm, aliases)})
    edges = [(e["source"], e.get("relation"), e["target"], e) for e in data.get("edges", data.get("links", []))
             if doc is None or _lists_doc(e, doc)]
    return nodes, edges


def match_nodes(nodes: dict[str, tuple[Any, set[str]]], gold: Gold) -> dict[str, Key | None]:
    """The annotated entity each node of an entity type names (``None``: none); an entity whose
    canonical name the node has wins, then the first in sorted order."""
    index: dict[tuple[str, str], set[Key]] = {}
    for key, names in gold.entities.items():
        for n in names:
            index.setdefault((key[0], n), set()).add(key)
    found: dict[str, Key | None] = {}
    for nid, (ntype, names) in nodes.items():
        if ntype not in ENTITY_TYPES:
            continue
        hits = set().union(*(index.get((ntype, n), set()) for n in names))
        exact = [k for k in hits if k[1] in names]
        found[nid] = sorted(exact or hits)[0] if hits else None
    return found


def _prf(tp: int, pred: int, gold: int) -> dict[str, Any]:
    if not pred and not gold:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 0, "pred": 0, "gold": 0}
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": pred, "gold": gold}


def score(data: dict[str, Any], gold: Gold, doc: str | None = None) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Precision, recall and F1 by entity type and relation (and ``ALL``), and the errors by kind."""
    nodes, edges = read_graph_items(data, doc)
    mapping = match_nodes(nodes, gold)
    report: dict[str, Any] = {"entities": {}, "relations": {}}
    errors: dict[str, list[str]] = {"missed_entities": [], "spurious_entities": [],
                                    "missed_relations": [], "spurious_relations": []}
    matched = {k for k in mapping.values() if k}
    totals = [0, 0, 0]
    for etype in ENTITY_TYPES:
        preds = [nid for nid, (t, _) in nodes.items() if t == etype]
        wanted = [k for k in gold.entities if k[0] == etype]
        tp = len({mapping[nid] for nid in preds if mapping[nid]})
        report["entities"][etype] = _prf(tp, len(preds), len(wanted))
        totals = [totals[0] + tp, totals[1] + len(preds), totals[2] + len(wanted)]
        errors["missed_entities"] += [f"{k[0]}:{k[1]}" for k in wanted if k not in matched]
        errors["spurious_entities"] += [f"{etype}:{sorted(nodes[nid][1])[0]}" for nid in preds if not mapping[nid]]
    report["entities"]["ALL"] = _prf(*totals)

    def label(n: str) -> str:
        return sorted(nodes[n][1])[0] if n in nodes else str(n)

    found: dict[str, set[Triple]] = {r: set() for r in RELATION_TYPES}
    counts = dict.fromkeys(RELATION_TYPES, 0)
    for src, rel, dst, _ in edges:
        if rel not in found:
            continue
        head, tail = mapping.get(src), mapping.get(dst)
        if head and tail:
            triple = _triple(head, rel, tail)
            if triple not in found[rel]:
                found[rel].add(triple)
                counts[rel] += 1
        else:
            counts[rel] += 1
            errors["spurious_relations"].append(f"{label(src)} -{rel}-> {label(dst)}")
    totals = [0, 0, 0]
    for rel in RELATION_TYPES:
        wanted = {t for t in gold.relations if t[1] == rel}
        tp = len(found[rel] & wanted)
        report["relations"][rel] = _prf(tp, counts[rel], len(wanted))
        totals = [totals[0] + tp, totals[1] + counts[rel], totals[2] + len(wanted)]
        errors["missed_relations"] += [f"{h[1]} -{rel}-> {t[1]}" for h, _, t in sorted(wanted - found[rel])]
        errors["spurious_relations"] += [f"{h[1]} -{rel}-> {t[1]}" for h, _, t in sorted(found[rel] - wanted)]
    report["relations"]["ALL"] = _prf(*totals)
    return report, errors


def rule_outcomes(data: dict[str, Any], gold: Gold) -> dict[str, dict[str, list[int]]]:
    """Each rule's edges, scored one by one: rule -> relation -> [edges whose ends and relation are
    annotated, edges]. What ``scripts/rule_confidence.py`` turns into each rule's precision."""
    nodes, edges = read_graph_items(data)
    mapping = match_nodes(nodes, gold)
    out: dict[str, dict[str, list[int]]] = {}
    for src, rel, dst, attrs in edges:
        if rel not in SIGNATURES:
            continue
        head, tail = mapping.get(src), mapping.get(dst)
        hit = bool(head and tail and _triple(head, rel, tail) in gold.relations)
        tally = out.setdefault(str(attrs.get("rule", "")), {}).setdefault(rel, [0, 0])
        tally[0] += hit
        tally[1] += 1
    return out


def evaluate(graph: str | os.PathLike, paths: Iterable[str | os.PathLike], *, per_doc: bool = False,
             errors: bool = False) -> dict[str, Any]:
    """The scores of the graph.json at ``graph`` against the annotation files ``paths``.

    Returns:
        ``{"entities": ..., "relations": ...}``, with ``"errors"`` and ``"per_doc"``
        (each file's document -> its entity and relation ``ALL`` scores) when asked.
    """
    from kg.errors import GraphFileError

    paths = [str(p) for p in paths]
    gold = load_gold(paths)
    try:
        with open(graph, encoding="utf-8") as fh:
            data = json.load(fh)
        if not isinstance(data, dict) or "nodes" not in data:
            raise ValueError("no \"nodes\" list")
    except FileNotFoundError:
        raise GraphFileError(f"no graph at {graph}: run `kg build` first or pass --graph PATH") from None
    except (OSError, ValueError) as err:
        raise GraphFileError(f"{graph} is not a node-link graph: {err}") from None
    report, errs = score(data, gold)
    out: dict[str, Any] = dict(report)
    if errors:
        out["errors"] = errs
    if per_doc:
        out["per_doc"] = {}
        for path in paths:
            alone, _ = score(data, load_gold([path]), gold.docs[path])
            out["per_doc"][gold.docs[path]] = {"entities": alone["entities"]["ALL"],
                                               "relations": alone["relations"]["ALL"]}
    return out


def format_report(result: dict[str, Any]) -> str:
    """The text ``kg eval`` prints: a table per part, then per document and errors when present."""
    lines = []
    for part in ("entities", "relations"):
        lines.append(f"{part:<14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}")
        for name, m in result[part].items():
            lines.append(f"  {name:<12} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} "
                         f"{m['tp']:5d} {m['pred']:5d} {m['gold']:5d}")
    if result.get("per_doc"):
        lines.append(f"\n{'document':<44} {'entity F1':>9} {'relation F1':>11}")
        for doc, m in result["per_doc"].items():
            lines.append(f"  {doc:<42} {m['entities']['f1']:9.3f} {m['relations']['f1']:11.3f}")
    for kind, items in (result.get("errors") or {}).items():
        lines.append(f"\n## {kind} ({len(items)})")
        lines += ["  " + item for item in items]
    return "\n".join(lines)

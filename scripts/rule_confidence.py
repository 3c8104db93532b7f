"""Measure each relation rule's precision on the dev corpus and write kg/data/rule_confidence.csv.

Usage: python scripts/rule_confidence.py [--shared ../shared] [--out kg/data/rule_confidence.csv]

Builds the graph of the dev corpus (``SHARED/corpus``) with the current rules,
scores every edge against the dev gold (``SHARED/eval/gold``) by the rules of
``kg eval``, and writes one row per rule: ``rule,precision,support`` (support:
the rule's edges). Rows ``*:RELATION`` give each relation's precision over all
its rules and ``*`` that of every edge: kg uses them for a rule scored on fewer
than three edges, or for one newer than the file (kg.graph.confidence). Run it
again whenever the rules change; the output depends only on the rules and the
dev corpus, so an unchanged run rewrites the same file.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(shared: Path) -> dict[str, tuple[int, int]]:
    """rule (and ``*:relation``, ``*``) -> (edges right, edges) on the dev corpus."""
    import kg
    from kg.explore.evaluate import gold_files, load_gold, rule_outcomes
    from kg.export.json import graph_to_json

    G = kg.build_graph([shared / "corpus"])
    gold = load_gold(gold_files([shared / "eval" / "gold"]))
    tallies: dict[str, tuple[int, int]] = {}
    for rule, by_relation in rule_outcomes(json.loads(graph_to_json(G)), gold).items():
        for relation, (right, n) in by_relation.items():
            for key in (rule, f"*:{relation}", "*"):
                a, b = tallies.get(key, (0, 0))
                tallies[key] = (a + right, b + n)
    return tallies


def table(tallies: dict[str, tuple[int, int]], documents: int) -> str:
    """The CSV text: the rules sorted by name, then the relations, then the whole."""
    out = io.StringIO()
    out.write("# Each relation rule's precision on the dev corpus: written by scripts/rule_confidence.py "
              f"({documents} documents).\n# An edge's confidence is its rule's precision (kg/graph.py: confidence).\n")
    out.write("rule,precision,support\n")
    order = sorted(tallies, key=lambda k: (k.startswith("*"), k == "*", k))
    for key in order:
        right, n = tallies[key]
        out.write(f"{key},{right / n if n else 0:.4f},{n}\n")
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the dev corpus and gold")
    ap.add_argument("--out", type=Path, default=ROOT / "kg" / "data" / "rule_confidence.csv")
    args = ap.parse_args(argv)
    if not (args.shared / "corpus").is_dir() or not (args.shared / "eval" / "gold").is_dir():
        print(f"rule_confidence: no dev corpus at {args.shared} (corpus/ and eval/gold/): nothing measured, "
              f"{args.out} left as it is", file=sys.stderr)
        return 0
    tallies = measure(args.shared)
    documents = len(list((args.shared / "corpus").glob("*.txt")))
    args.out.write_text(table(tallies, documents), encoding="utf-8")
    print(f"rule_confidence: {len([k for k in tallies if not k.startswith('*')])} rules measured -> {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

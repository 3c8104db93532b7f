"""``kg query``, ``kg view`` and ``kg eval``: answers from a built graph, on the part the filters keep."""

from __future__ import annotations

import argparse
import os
import sys

from kg.cli.build import check_output_folder
from kg.cli.parser import EXIT_FAIL, EXIT_OK


def _read_graph(args: argparse.Namespace):
    """The graph of ``--graph``, reduced to what ``--doc``, ``--since``, ``--until``, ``--rule``
    and ``--min-confidence`` keep; and that filter."""
    from kg.explore.filters import Filter, filter_graph
    from kg.export.json import read_json

    f = Filter(tuple(args.doc or ()), args.since, args.until, tuple(args.rule or ()), args.min_confidence)
    return filter_graph(read_json(args.graph), f), f


def cmd_view(args: argparse.Namespace) -> int:
    from kg.explore.view import default_view_path, view_files, write_view
    from kg.export import parse_formats

    formats = parse_formats(args.format)
    G, _ = _read_graph(args)
    path = args.output or default_view_path(args.graph, args.name)
    check_output_folder(os.path.dirname(os.path.abspath(path)))
    ego = write_view(G, args.name, path, depth=args.depth, formats=formats)
    files = ", ".join(str(p) for p in view_files(path, formats).values())
    print(f"kg: {ego.number_of_nodes()} entities, {ego.number_of_edges()} relations -> {files}", file=sys.stderr)
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    import json

    from kg.explore import careers, places, query

    G, f = _read_graph(args)
    find = lambda name: query.find_node(G, name)  # noqa: E731
    if args.query == "neighbors":
        node = find(args.name)
        result = query.neighbors(G, node, relation=args.relation)
        text = query.format_neighbors(G, node, result, sources=bool(f))
    elif args.query == "path":
        source, target = find(args.name1), find(args.name2)
        result = {"source": source, "target": target, "paths": query.shortest_paths(G, source, target)}
        text = query.format_paths(G, source, target, result["paths"])
    else:
        answer, show = {
            "career": (lambda: careers.career(G, find(args.name), f), careers.format_career),
            "holders": (lambda: careers.holders(G, find(args.name), on=args.on, f=f), careers.format_holders),
            "namesakes": (lambda: careers.namesakes(G), careers.format_namesakes),
            "within": (lambda: places.within(G, find(args.name)), places.format_within),
            "stats": (lambda: query.stats(G), query.format_stats),
        }[args.query]
        result = answer()
        text = show(result)
    if f and not args.json:
        text = f"(filtered: {f.describe()})\n{text}"
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else text)
    return EXIT_FAIL if args.query == "path" and not result["paths"] else EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from kg.explore.evaluate import evaluate, format_report, gold_files

    result = evaluate(args.graph, gold_files(args.gold), per_doc=args.per_doc, errors=args.errors)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_report(result))
    return EXIT_OK

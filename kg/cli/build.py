"""``kg build`` and ``kg export``: a corpus (and its corrections) to files, and files to other formats."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter

from kg.cli.parser import EXIT_FAIL, EXIT_OK, EXIT_PARTIAL


def cmd_build(args: argparse.Namespace) -> int:
    from kg.export import parse_formats
    from kg.read.documents import require_inputs
    from kg.run.incremental import BASE_NAME
    from kg.run.outdir import output_folder

    formats = parse_formats(args.format)
    paths = require_inputs(args.paths)
    check_output_folder(args.output)
    existed = os.path.exists(args.output)
    corrections = _read_corrections(args, paths)
    if corrections is not None and corrections.problems and args.strict:
        return _correction_problems(corrections, args, existed=existed)
    try:
        with output_folder(args.output, cache_files=[BASE_NAME]):     # one build at a time
            return _build_into(args, paths, formats, existed, corrections)
    except OSError:     # a full disk: what this build made is gone, the previous output is intact
        _forget_new_output(args.output, existed)
        raise


def _build_into(args: argparse.Namespace, paths: list[str], formats: list[str], existed: bool, corrections) -> int:
    from tqdm import tqdm

    from kg.read.documents import count_documents
    from kg.run.build import BuildReport, build_graph, update_graph

    report = BuildReport()
    options = dict(encoding=args.encoding, date=args.date, workers=args.workers, engine=args.engine,
                   scheduler=args.scheduler)
    total = None if args.no_progress else count_documents(paths)
    bar = tqdm(desc="documents", unit="doc", total=total, file=sys.stderr, disable=args.no_progress, leave=False)
    update = G = None
    whole = not corrections and args.min_confidence is None      # graph.json is the whole graph: merge onto it
    try:
        if not args.no_cache and formats == ["json"] and whole:
            # graph.json alone: new documents can be merged onto the last build's (kg.run.incremental).
            update = update_graph(paths, args.output, report=report, progress=lambda d: bar.update(), **options)
        if update is None:
            if report.documents:        # the merge read documents before it declined: count anew
                report = BuildReport()
                bar.reset(total=total)
            G = build_graph(paths, report=report, progress=lambda d: bar.update(),
                            cache_dir=None if args.no_cache else args.output,
                            remember=not args.no_cache and "json" in formats and whole,
                            corrections=corrections, plain=formats == ["json"] and args.min_confidence is None,
                            **options)
    finally:
        bar.close()
    for pr in report.problems:
        print(f"kg: {'skipped' if pr.skipped else 'warning:'} {pr}", file=sys.stderr)
    if report.problems and args.strict:
        return _nothing_written(args.output, existed, f"{len(report.problems)} input(s) unreadable or damaged")
    if report.documents == 0:
        print("kg: error: no readable documents in the inputs", file=sys.stderr)
        _forget_new_output(args.output, existed)
        return EXIT_FAIL
    if corrections is not None and corrections.problems and args.strict:
        return _correction_problems(corrections, args, existed=existed)
    if update is not None:
        update.write(args.output)
        counts = update.counts
    else:
        if args.min_confidence is not None:
            from kg.explore.filters import Filter, filter_graph

            G = filter_graph(G, Filter(min_confidence=args.min_confidence))
        counts = graph_counts(G)
        _write_build(G, args, formats, report, counts)
    if corrections is not None:
        _correction_problems(corrections, args, existed=True)
    print(summary(counts, report, args.output), file=sys.stderr)
    return EXIT_PARTIAL if any(pr.skipped for pr in report.problems) else EXIT_OK


def check_output_folder(path: str) -> None:
    """Fail before a build, not after it, when ``-o`` cannot be a folder: a file is in its way.

    Raises:
        OutputError: ``path`` or a folder above it is a file.
    """
    from kg.errors import OutputError

    p = os.path.abspath(path)
    while True:
        if os.path.exists(p):
            if not os.path.isdir(p):
                raise OutputError(f"cannot write into {path}: {p} is a file, not a folder; "
                                  "give -o a folder (it is made if missing)")
            return
        up = os.path.dirname(p)
        if up == p:
            return
        p = up


def _read_corrections(args: argparse.Namespace, paths: list[str]):
    """The corrections of this build: ``--corrections`` files, else those found by name; None if none."""
    from kg.resolve.corrections import default_corrections, read_corrections

    if args.no_corrections:
        return None
    files = args.corrections or default_corrections(paths, args.output)
    if not files:
        return None
    found = read_corrections(files)
    print(f"kg: {len(found.items)} correction(s) from {', '.join(files)}", file=sys.stderr)
    return found


def _correction_problems(corrections, args: argparse.Namespace, *, existed: bool) -> int:
    """Report the corrections skipped; with ``--strict`` they are an error and nothing is written."""
    for pr in sorted(corrections.problems, key=lambda p: (p.path, p.line)):
        print(f"kg: {'error' if args.strict else 'warning'}: {pr}", file=sys.stderr)
    if args.strict and corrections.problems:
        return _nothing_written(args.output, existed, f"{len(corrections.problems)} correction(s) skipped")
    return EXIT_OK


def _nothing_written(out_dir: str, existed: bool, what: str) -> int:
    """``--strict`` and something wrong: say so, leave no output folder the build created, fail."""
    print(f"kg: error: {what} and --strict given; nothing written", file=sys.stderr)
    _forget_new_output(out_dir, existed)
    return EXIT_FAIL


def _write_build(G, args: argparse.Namespace, formats: list[str], report, counts: tuple[Counter, Counter]) -> None:
    """Export a full build; keep what a later build merges onto, with the graph.json it describes."""
    from kg.export import FORMATS
    from kg.run import incremental
    from kg.run.outdir import write_outputs

    html_options = {} if args.html_max_nodes is None else {"max_nodes": args.html_max_nodes}
    layout: list = []
    # The layout (each item's sort key and size) is only kept with a merge base: not worked out for nothing.
    options = {"html": html_options, "json": {"layout": layout} if report.resolved is not None else {}}
    written = write_outputs(G, args.output, formats, options=options)
    if report.resolved is not None and layout and layout[0] is not None:
        docs, state = report.resolved
        incremental.save_base(args.output, incremental.base_of_build(docs, state, layout[0], *counts),
                              written[FORMATS["json"][2]])


def cmd_export(args: argparse.Namespace) -> int:
    from kg.export import convert, parse_formats

    if args.output is not None:
        check_output_folder(args.output)
    written = convert(args.graph, args.output, parse_formats(args.format))
    print(f"kg: wrote {', '.join(written)}", file=sys.stderr)
    return EXIT_OK


def _forget_new_output(out_dir: str, existed: bool) -> None:
    """A failed build leaves no output folder behind that it created (e.g. only for its cache)."""
    import shutil

    if not existed:
        shutil.rmtree(out_dir, ignore_errors=True)


def graph_counts(G) -> tuple[Counter, Counter]:
    """Nodes by entity type and edges by relation.

    Read from the dicts networkx documents under its views (``G._node[n]`` a
    node's attributes; in a directed graph ``G._succ[u][v]`` an edge's, or for
    a multigraph the key dict of them), not through the views' generators.
    """
    types = Counter(d.get("type") for d in G._node.values())
    if not G.is_directed():
        return types, Counter(d.get("relation") for _, _, d in G.edges(data=True))
    nbrs = (v for adj in G._succ.values() for v in adj.values())
    if G.is_multigraph():
        return types, Counter(d.get("relation") for keydict in nbrs for d in keydict.values())
    return types, Counter(d.get("relation") for d in nbrs)


def summary(counts: tuple[Counter, Counter], report, out_dir: str) -> str:
    """The one-line summary printed at the end of a build, from :func:`graph_counts`."""
    ents, rels = counts
    e = ", ".join(f"{k} {v}" for k, v in sorted(ents.items()))
    r = ", ".join(f"{k} {v}" for k, v in sorted(rels.items()))
    n_skipped = sum(pr.skipped for pr in report.problems)
    n_damaged = len(report.problems) - n_skipped
    skipped = (f", {n_skipped} skipped" if n_skipped else "") + \
        (f", {n_damaged} read with damage" if n_damaged else "")
    return (f"kg: {report.documents} documents{skipped}; entities: {e or 'none'}; "
            f"relations: {r or 'none'}; {report.seconds:.1f} s -> {out_dir}/")

"""The ``kg`` command line: thin, it parses, validates and calls the public API."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections import Counter

from kg import __version__

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph of officials, regions, enterprises, organizations, "
                    "projects and programs from Chinese government news, and explore it.",
    )
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="build the graph of a corpus",
                       description="Read .txt files and folders (recursively), extract entities and "
                                   "relations, and write graph.json, graph.graphml and graph.html.")
    b.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders")
    b.add_argument("-o", "--output", default="output", metavar="DIR",
                   help="output folder (default: output/)")
    b.add_argument("--format", default="json,graphml,html", metavar="LIST",
                   help="comma-separated formats to write (default: json,graphml,html)")
    b.add_argument("--encoding", default=None, help="force the input encoding (default: detect)")
    b.add_argument("--strict", action="store_true",
                   help="stop with a non-zero exit at the first unreadable input")
    b.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    b.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="extraction processes (default: the number of cores, %(default)s)")
    b.add_argument("--no-cache", action="store_true",
                   help="extract every document again instead of reusing DIR/.kg-cache/")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where extraction runs: this machine, or a dask.distributed cluster")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="dask scheduler address (with --engine dask; default: a local dask cluster)")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="kg: %(message)s")
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from kg.errors import KGError

    try:
        return {"build": _build}[args.command](args)
    except KGError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("kg: interrupted; previous output left as it was", file=sys.stderr)
        return 130


def _build(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from kg.build import BuildReport, build_graph
    from kg.export import export, parse_formats
    from kg.io import require_inputs

    formats = parse_formats(args.format)
    paths = require_inputs(args.paths)
    report = BuildReport()
    bar = tqdm(desc="documents", unit="doc", file=sys.stderr, disable=args.no_progress, leave=False)
    try:
        G = build_graph(paths, encoding=args.encoding, report=report, progress=lambda d: bar.update(),
                        workers=args.workers, engine=args.engine, scheduler=args.scheduler,
                        cache_dir=None if args.no_cache else args.output)
    finally:
        bar.close()
    for pr in report.problems:
        print(f"kg: skipped {pr}", file=sys.stderr)
    if report.problems and args.strict:
        print(f"kg: error: {len(report.problems)} input(s) unreadable and --strict given; nothing written",
              file=sys.stderr)
        return EXIT_FAIL
    if report.documents == 0:
        print("kg: error: no readable documents in the inputs", file=sys.stderr)
        return EXIT_FAIL
    export(G, args.output, formats)
    print(summary(G, report, args.output), file=sys.stderr)
    return EXIT_PARTIAL if report.problems else EXIT_OK


def summary(G, report, out_dir: str) -> str:
    """The one-line summary printed at the end of a build."""
    ents = Counter(d.get("type") for _, d in G.nodes(data=True))
    rels = Counter(d.get("relation") for _, _, d in G.edges(data=True))
    e = ", ".join(f"{k} {v}" for k, v in sorted(ents.items()))
    r = ", ".join(f"{k} {v}" for k, v in sorted(rels.items()))
    skipped = f", {len(report.problems)} skipped" if report.problems else ""
    return (f"kg: {report.documents} documents{skipped}; entities: {e or 'none'}; "
            f"relations: {r or 'none'}; {report.seconds:.1f} s -> {out_dir}/")

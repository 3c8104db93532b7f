"""The ``kg`` command line: thin, it parses, validates and calls the public API."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import warnings
from collections import Counter

from kg import __version__
from kg.schema import RELATION_TYPES

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
EXIT_CODES = """exit status:
  0  done
  1  failed: nothing written, the previous output left as it was
  2  usage error: a bad option or argument
  3  built, but some inputs were skipped (each named on stderr; --strict makes that 1)"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph of officials, regions, enterprises, organizations, "
                    "projects and programs from Chinese government news, and explore it.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="build the graph of a corpus",
                       description="Read .txt, .md, .html and .jsonl files, folders (recursively) or - "
                                   "(standard input), extract entities and relations, and write "
                                   "graph.json, graph.graphml and graph.html.",
                       epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders, or - for standard input")
    b.add_argument("-o", "--output", default="output", metavar="DIR",
                   help="output folder (default: output/)")
    b.add_argument("--format", default="json,graphml,html", metavar="LIST",
                   help="comma-separated formats to write, from json, graphml, gexf, csv, html "
                        "(default: json,graphml,html; gexf adds graph-timeline.gexf, csv writes "
                        "nodes.csv and edges.csv)")
    b.add_argument("--encoding", default=None, help="force the input encoding (default: detect)")
    b.add_argument("--date", default=None, type=_iso_date, metavar="YYYY-MM-DD",
                   help="date of documents that state none in a field, their text or file name")
    b.add_argument("--strict", action="store_true",
                   help="make any unreadable input fatal: exit 1 and write nothing")
    b.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    b.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="extraction processes at most (default: the number of cores, %(default)s); "
                        "a few documents to extract start one")
    b.add_argument("--no-cache", action="store_true",
                   help="extract every document again instead of reusing DIR/.kg-cache/")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where extraction runs: this machine, or a dask.distributed cluster")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="dask scheduler address (with --engine dask; default: a local dask cluster)")
    b.add_argument("--html-max-nodes", type=_positive_int, default=None, metavar="N",
                   help="graph.html opens on officials, regions and their neighbours, at most N "
                        "entities, when the graph is bigger (default: 2000)")

    graph = argparse.ArgumentParser(add_help=False)
    graph.add_argument("--graph", default="output/graph.json", metavar="PATH",
                       help="the graph to read (default: output/graph.json)")
    v = sub.add_parser("view", parents=[graph], help="write the HTML page of one entity's neighbourhood",
                       description="Write the ego network of an entity, found by any of its names, "
                                   "as its own HTML page.")
    v.add_argument("name", metavar="NAME", help="the entity's name, alias or id (type:name)")
    v.add_argument("--depth", type=int, default=2, help="hops around the entity (default: 2)")
    v.add_argument("-o", "--output", default=None, metavar="FILE",
                   help="the page to write (default: view-NAME.html next to the graph)")

    q = sub.add_parser("query", help="query a built graph",
                       description="Query graph.json: neighbours, shortest paths, statistics.")
    qsub = q.add_subparsers(dest="query", metavar="QUERY", required=True)
    out = argparse.ArgumentParser(add_help=False, parents=[graph])
    out.add_argument("--json", action="store_true", help="print JSON for scripts")
    qn = qsub.add_parser("neighbors", parents=[out], help="the entities linked to one entity")
    qn.add_argument("name", metavar="NAME", help="the entity's name, alias or id (type:name)")
    qn.add_argument("--relation", choices=RELATION_TYPES, default=None, help="only this relation")
    qp = qsub.add_parser("path", parents=[out], help="shortest paths between two entities, with evidence")
    qp.add_argument("name1", metavar="NAME1")
    qp.add_argument("name2", metavar="NAME2")
    qsub.add_parser("stats", parents=[out], help="counts, and top officials and regions by degree")
    x = sub.add_parser("export", help="write an existing graph.json in other formats",
                       description="Convert a graph.json written by `kg build` to other formats "
                                   "without rebuilding it.")
    x.add_argument("graph", metavar="GRAPH_JSON", help="the graph.json to convert")
    x.add_argument("--format", default="graphml,gexf,csv", metavar="LIST",
                   help="comma-separated formats, from json, graphml, gexf, csv, html "
                        "(default: graphml,gexf,csv)")
    x.add_argument("-o", "--output", default=None, metavar="DIR",
                   help="output folder (default: the folder of GRAPH_JSON)")
    return p


def _iso_date(value: str) -> str:
    from kg.read.dates import parse_date

    iso = parse_date(value)
    if iso is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2023-07-28")
    return iso


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="kg: %(message)s")
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from kg.errors import KGError, OutputError

    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            return {"build": _build, "export": _export, "view": _view, "query": _query}[args.command](args)
    except KGError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("kg: interrupted; previous output left as it was", file=sys.stderr)
        return 130
    except OSError as err:      # a full disk, a file in the way, no permission: not a bug
        logging.getLogger(__name__).info("traceback", exc_info=True)
        print(f"kg: error: {OutputError.from_os_error(err, getattr(args, 'output', None))}", file=sys.stderr)
        return EXIT_FAIL
    except Exception as err:  # a bug: one line, the traceback with -v, old output intact
        logging.getLogger(__name__).info("traceback", exc_info=True)
        print(f"kg: error: unexpected {type(err).__name__}: {err} (previous output left as it was; "
              "rerun with -v for the traceback and report it)", file=sys.stderr)
        return EXIT_FAIL


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning about the data (a sidecar ignored, a date not understood) as one line, not as kg's source."""
    print(f"kg: warning: {message}", file=file or sys.stderr)


def run() -> None:
    """The ``kg`` command: :func:`main`, then exit without a last garbage collection.

    On exit the interpreter runs one full collection over every object still
    alive; after a build of 10,000 documents that takes about a second, for
    nothing, since the system takes the memory back at once. ``gc.freeze()``
    puts those objects out of the collector's reach; everything else about
    exiting (atexit handlers, worker pools, profilers' reports) stays as usual.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


def _build(args: argparse.Namespace) -> int:
    from kg.export import parse_formats
    from kg.read.documents import require_inputs

    formats = parse_formats(args.format)
    paths = require_inputs(args.paths)
    check_output_folder(args.output)
    existed = os.path.exists(args.output)
    try:
        return _build_into(args, paths, formats, existed)
    except OSError:     # a full disk: what this build made is gone, the previous output is intact
        _forget_new_output(args.output, existed)
        raise


def _build_into(args: argparse.Namespace, paths: list[str], formats: list[str], existed: bool) -> int:
    from tqdm import tqdm

    from kg.read.documents import count_documents
    from kg.run.build import BuildReport, build_graph, update_graph

    report = BuildReport()
    options = dict(encoding=args.encoding, date=args.date, workers=args.workers, engine=args.engine,
                   scheduler=args.scheduler)
    total = None if args.no_progress else count_documents(paths)
    bar = tqdm(desc="documents", unit="doc", total=total, file=sys.stderr, disable=args.no_progress, leave=False)
    update = G = None
    try:
        if not args.no_cache and formats == ["json"]:
            # graph.json alone: new documents can be merged onto the last build's (kg.run.incremental).
            update = update_graph(paths, args.output, report=report, progress=lambda d: bar.update(), **options)
        if update is None:
            if report.documents:        # the merge read documents before it declined: count anew
                report = BuildReport()
                bar.reset(total=total)
            G = build_graph(paths, report=report, progress=lambda d: bar.update(),
                            cache_dir=None if args.no_cache else args.output,
                            remember=not args.no_cache and "json" in formats, **options)
    finally:
        bar.close()
    for pr in report.problems:
        print(f"kg: {'skipped' if pr.skipped else 'warning:'} {pr}", file=sys.stderr)
    if report.problems and args.strict:
        print(f"kg: error: {len(report.problems)} input(s) unreadable or damaged and --strict given; "
              "nothing written", file=sys.stderr)
        _forget_new_output(args.output, existed)
        return EXIT_FAIL
    if report.documents == 0:
        print("kg: error: no readable documents in the inputs", file=sys.stderr)
        _forget_new_output(args.output, existed)
        return EXIT_FAIL
    if update is not None:
        update.write(args.output)
        counts = update.counts
    else:
        counts = graph_counts(G)
        _write_build(G, args, formats, report, counts)
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


def _write_build(G, args: argparse.Namespace, formats: list[str], report, counts: tuple[Counter, Counter]) -> None:
    """Export a full build; keep what a later build merges onto, with the graph.json it describes."""
    from kg.run import incremental

    html_options = {} if args.html_max_nodes is None else {"max_nodes": args.html_max_nodes}
    layout: list = []
    options = {"html": html_options, "json": {"layout": layout}}
    _export_all_or_nothing(G, args.output, formats, options=options)
    if report.resolved is not None and layout and layout[0] is not None:
        docs, state = report.resolved
        incremental.save_base(args.output, incremental.base_of_build(docs, state, layout[0], *counts))


def _export(args: argparse.Namespace) -> int:
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


def _export_all_or_nothing(G, out_dir: str, formats: list[str], *, options=None) -> None:
    """Write every format into a temporary folder, then rename each file into ``out_dir``.

    An exporter that fails (or Ctrl-C) leaves every file of the previous build as it was.
    """
    import os
    import shutil
    import tempfile

    from kg.export import export

    os.makedirs(out_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".kg-build-", dir=out_dir)
    try:
        for path in export(G, tmp, formats, options=options):
            os.replace(path, os.path.join(out_dir, os.path.basename(path)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _view(args: argparse.Namespace) -> int:
    from kg.explore.view import default_view_path, write_view
    from kg.export.json import read_json

    G = read_json(args.graph)
    path = args.output or default_view_path(args.graph, args.name)
    check_output_folder(os.path.dirname(os.path.abspath(path)))
    ego = write_view(G, args.name, path, depth=args.depth)
    print(f"kg: {ego.number_of_nodes()} entities, {ego.number_of_edges()} relations -> {path}", file=sys.stderr)
    return EXIT_OK


def _query(args: argparse.Namespace) -> int:
    import json

    from kg.explore import query
    from kg.export.json import read_json

    G = read_json(args.graph)
    if args.query == "neighbors":
        node = query.find_node(G, args.name)
        result = query.neighbors(G, node, relation=args.relation)
        text = query.format_neighbors(G, node, result)
    elif args.query == "path":
        source, target = query.find_node(G, args.name1), query.find_node(G, args.name2)
        result = {"source": source, "target": target, "paths": query.shortest_paths(G, source, target)}
        text = query.format_paths(G, source, target, result["paths"])
    else:
        result = query.stats(G)
        text = query.format_stats(result)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else text)
    return EXIT_FAIL if args.query == "path" and not result["paths"] else EXIT_OK


def graph_counts(G) -> tuple[Counter, Counter]:
    """Nodes by entity type and edges by relation."""
    return (Counter(d.get("type") for _, d in G.nodes(data=True)),
            Counter(d.get("relation") for _, _, d in G.edges(data=True)))


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

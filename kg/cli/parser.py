"""The arguments of every ``kg`` command, and what its exit codes mean."""

from __future__ import annotations

import argparse
import os

from kg import __version__
from kg.schema import RELATION_TYPES

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
EXIT_CODES = """exit status:
  0  done
  1  failed: nothing written, the previous output left as it was
  2  usage error: a bad option or argument
  3  built, but some inputs were skipped (each named on stderr; --strict makes that 1)"""


def make_parser() -> argparse.ArgumentParser:
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
    b.add_argument("--corrections", action="append", default=None, metavar="FILE",
                   help="apply this corrections file (CSV, see docs/corrections.md; may be repeated); "
                        "default: every kg-corrections.csv in DIR and beside the inputs")
    b.add_argument("--no-corrections", action="store_true", help="apply no corrections file")
    b.add_argument("--min-confidence", type=_fraction, default=None, metavar="X",
                   help="leave out edges whose rule's confidence is below X (0 to 1)")

    graph = argparse.ArgumentParser(add_help=False)
    graph.add_argument("--graph", default="output/graph.json", metavar="PATH",
                       help="the graph to read (default: output/graph.json)")
    graph.add_argument("--doc", action="append", default=None, metavar="DOC",
                       help="only what these documents say (id or file name; may be repeated)")
    graph.add_argument("--since", type=_iso_date, default=None, metavar="YYYY-MM-DD",
                       help="only what documents dated this day or later say")
    graph.add_argument("--until", type=_iso_date, default=None, metavar="YYYY-MM-DD",
                       help="only what documents dated this day or earlier say")
    graph.add_argument("--rule", action="append", default=None, metavar="RULE",
                       help="only edges made by this rule (may be repeated)")
    graph.add_argument("--min-confidence", type=_fraction, default=None, metavar="X",
                       help="only edges whose confidence is X or more")
    v = sub.add_parser("view", parents=[graph], help="write the neighbourhood of one entity (HTML and more)",
                       description="Write the ego network of an entity, found by any of its names, "
                                   "as its own HTML page and in other formats.")
    v.add_argument("name", metavar="NAME", help="the entity's name, alias or id (type:name)")
    v.add_argument("--depth", type=int, default=2, help="hops around the entity (default: 2)")
    v.add_argument("-o", "--output", default=None, metavar="FILE",
                   help="the page to write; other formats go beside it with their suffix "
                        "(default: view-NAME.html next to the graph)")
    v.add_argument("--format", default="html", metavar="LIST",
                   help="comma-separated formats, from json, graphml, gexf, csv, html (default: html)")

    q = sub.add_parser("query", help="query a built graph",
                       description="Query graph.json: neighbours, paths, statistics, careers, post holders, "
                                   "namesakes, regions within a region.")
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
    qc = qsub.add_parser("career", parents=[out], help="an official's posts in time order, with dates and evidence")
    qc.add_argument("name", metavar="NAME", help="the official's name, alias or id")
    qh = qsub.add_parser("holders", parents=[out], help="who held the posts of a region or organization")
    qh.add_argument("name", metavar="REGION_OR_ORG", help="the unit's name, alias or id")
    qh.add_argument("--on", type=_iso_date, default=None, metavar="YYYY-MM-DD", help="who held them on this date")
    qsub.add_parser("namesakes", parents=[out], help="officials the namesake rule split or joined, to review")
    qw = qsub.add_parser("within", parents=[out], help="the regions within a region, by administrative code")
    qw.add_argument("name", metavar="REGION", help="the region's name, alias or id")

    e = sub.add_parser("eval", help="score a graph against annotations (docs/annotation-format.md)",
                       description="Score a built graph against annotation files: precision, recall and F1 "
                                   "by entity type and relation.")
    e.add_argument("gold", nargs="+", metavar="GOLD", help="annotation files (.json) or folders of them")
    e.add_argument("--graph", default="output/graph.json", metavar="PATH",
                   help="the graph to score (default: output/graph.json)")
    e.add_argument("--errors", action="store_true", help="list what was missed and what is spurious")
    e.add_argument("--per-doc", action="store_true", help="also score each annotation file alone")
    e.add_argument("--json", action="store_true", help="print JSON for scripts")
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


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number: give one from 0 to 1, e.g. 0.8") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1, not {value:g}")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value

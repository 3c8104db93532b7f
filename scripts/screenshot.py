"""Take a PNG screenshot of a kg explorer page in headless Chromium.

    python scripts/screenshot.py GRAPH_HTML OUT_PNG [--width 1400] [--height 900] [--node NAME]
        [--edge RELATION[:NAME]] [--doc TEXT] [--since DATE] [--until DATE] [--min-confidence X]

Waits until the page is drawn and stable. The filters are set first (--doc: the documents
whose id or title contains TEXT); then --node searches for that entity (any alias), so the
shot shows it focused with its side panel open, and --edge opens instead the evidence of its
first edge of that relation (to the entity called NAME). Needs Selenium and the Debian packages chromium,
chromium-driver and fonts-wqy-microhei.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def make_driver(width: int = 1400, height: int = 900, profile: str | None = None):
    """A headless Chromium that cannot reach any host."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    driver_bin = os.environ.get("KG_CHROMEDRIVER") or shutil.which("chromedriver")
    if not (chromium and driver_bin):
        raise SystemExit("screenshot: chromium and chromedriver are needed (apt-get install chromium chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--hide-scrollbars", f"--window-size={width},{height}",
                f"--user-data-dir={profile or tempfile.mkdtemp(prefix='kg-chromium-')}"):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(driver_bin), options=opts)


def wait_ready(driver, timeout: float = 60) -> None:
    """Wait until the explorer says it is drawn and stable."""
    deadline = time.monotonic() + timeout
    while not driver.execute_script("return !!(window.kgExplorer && window.kgExplorer.ready)"):
        if time.monotonic() > deadline:
            raise SystemExit("screenshot: the page did not become ready; is it a kg explorer page?")
        time.sleep(0.05)


def set_filters(driver, args: argparse.Namespace) -> str | None:
    """Set the page's filters as asked; a message if nothing matches --doc."""
    if args.doc:
        refs = driver.execute_script(
            "var q = arguments[0]; return kgExplorer.data.documents.map((d, i) => [d, i])"
            ".filter(x => (x[0].id + ' ' + x[0].title).includes(q)).map(x => x[1])", args.doc)
        if not refs:
            return f"no document's id or title contains {args.doc!r}"
        driver.execute_script("kgExplorer.filters.setDocs(arguments[0])", refs)
    if args.since or args.until:
        driver.execute_script("kgExplorer.filters.setDates(arguments[0], arguments[1])", args.since, args.until)
    if args.min_confidence is not None:
        driver.execute_script("kgExplorer.filters.setMinConfidence(arguments[0])", args.min_confidence)
    return None


def show(driver, node: str | None, relation: str | None) -> str | None:
    """Focus the entity called ``node`` (and open its first ``relation`` edge); a message if none."""
    if not node:
        return None
    found = driver.execute_script(
        "var hits = kgExplorer.search(arguments[0]); return hits.length ? kgExplorer.focusNode(hits[0].id) && hits[0].id : null",
        node)
    if found is None:
        return f"no entity matches {node!r}"
    if relation:
        relation, _, other = relation.partition(":")
        edge = driver.execute_script(
            "var k = kgExplorer, id = arguments[0], other = arguments[2];"
            "var named = n => !other || n.label === other || n.aliases.includes(other);"
            "var e = k.data.edges.find(e => e.relation === arguments[1] && (e.from === id || e.to === id)"
            "                               && named(k.data.nodes[e.from === id ? e.to : e.from]));"
            "if (e) k.showEdge(e.id); return e ? e.id : null", found, relation, other)
        if edge is None:
            return f"{node!r} has no {relation} edge" + (f" to {other!r}" if other else "")
    return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("html", type=Path, help="the explorer page (graph.html or a kg view page)")
    p.add_argument("png", type=Path, help="the PNG to write")
    p.add_argument("--width", type=int, default=1400)
    p.add_argument("--height", type=int, default=900)
    p.add_argument("--node", default=None, help="search for this entity first and show its panel")
    p.add_argument("--edge", default=None, metavar="RELATION[:NAME]",
                   help="with --node: show the evidence of its first edge of this relation (to NAME)")
    p.add_argument("--doc", default=None, metavar="TEXT", help="filter: documents whose id or title contains TEXT")
    p.add_argument("--since", default=None, metavar="DATE", help="filter: from this date (YYYY-MM-DD)")
    p.add_argument("--until", default=None, metavar="DATE", help="filter: until this date (YYYY-MM-DD)")
    p.add_argument("--min-confidence", type=float, default=None, metavar="X", help="filter: edges of confidence X or more")
    args = p.parse_args(argv)
    if not args.html.is_file():
        print(f"screenshot: no such file: {args.html}", file=sys.stderr)
        return 1
    driver = make_driver(args.width, args.height)
    try:
        driver.get(args.html.resolve().as_uri())
        wait_ready(driver)
        problem = set_filters(driver, args) or show(driver, args.node, args.edge)
        if problem:
            print(f"screenshot: {problem}", file=sys.stderr)
            return 1
        time.sleep(0.8)   # let the focus animation and hover state settle
        args.png.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(args.png))
    finally:
        driver.quit()
    print(f"screenshot: {args.png}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

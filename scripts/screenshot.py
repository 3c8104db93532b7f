"""Take a PNG screenshot of a kg explorer page in headless Chromium.

    python scripts/screenshot.py GRAPH_HTML OUT_PNG [--width 1400] [--height 900] [--node NAME]

Waits until the page is drawn and stable; with --node, searches for that entity (any
alias) first, so the shot shows it focused with its side panel open. Needs Selenium and
the Debian packages chromium, chromium-driver and fonts-wqy-microhei.
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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("html", type=Path, help="the explorer page (graph.html or a kg view page)")
    p.add_argument("png", type=Path, help="the PNG to write")
    p.add_argument("--width", type=int, default=1400)
    p.add_argument("--height", type=int, default=900)
    p.add_argument("--node", default=None, help="search for this entity first and show its panel")
    args = p.parse_args(argv)
    if not args.html.is_file():
        print(f"screenshot: no such file: {args.html}", file=sys.stderr)
        return 1
    driver = make_driver(args.width, args.height)
    try:
        driver.get(args.html.resolve().as_uri())
        wait_ready(driver)
        if args.node:
            found = driver.execute_script(
                "var hits = kgExplorer.search(arguments[0]); return hits.length ? kgExplorer.focusNode(hits[0].id) : false",
                args.node)
            if not found:
                print(f"screenshot: no entity matches {args.node!r}", file=sys.stderr)
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

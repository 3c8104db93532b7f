"""Benchmark (not a test): how fast a generated explorer page becomes stable and interactive.

    python benchmarks/html_load.py [--sizes 1000 5000] [--repeat 3] [--max-nodes N]

For each size it builds a random knowledge graph with the attribute names of kg.schema,
writes graph.html (timing layout + rendering in Python), then opens the page in headless
Chromium, from a file:// URL with all hosts unreachable, and reports:

  ready    seconds from navigation start to the explorer's ready flag (first draw after
           layout/stabilisation; what a user waits for), median of --repeat loads;
  shown    nodes drawn after the click (which shows the clicked node's neighbours);
  click    milliseconds from a search-and-focus call to the next frame drawn (interactive?);
  filter   milliseconds from picking three documents in the document filter to the next frame.

Run from the repository root. Needs Selenium, chromium and chromium-driver.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:   # a benchmark script run from a checkout, not an installed kg
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))

import networkx as nx  # noqa: E402

from kg.export.html import DEFAULT_MAX_NODES, write_html  # noqa: E402
from kg.schema import ENTITY_TYPES, RELATION_TYPES  # noqa: E402

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
PLACES = "东南西北中新安平和兴宁泰华丰永康"


def random_graph(n: int, *, seed: int = 42) -> nx.MultiDiGraph:
    """A knowledge-graph-like graph: mixed types, Chinese labels, ~1.6 edges per node,
    a few hubs (preferential attachment), evidence, confidence and dated documents on every
    edge, careers on officials, one document per ten nodes."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    n_docs = max(1, n // 10)
    dates = [f"20{22 + i % 4}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n_docs)]
    G.graph["documents"] = {f"doc{i}": {"title": f"第{i}号文档", "date": dates[i], "url": f"https://example.cn/{i}.html"}
                            for i in range(n_docs)}
    weights = [0.3, 0.2, 0.2, 0.1, 0.12, 0.08]
    for i in range(n):
        t = rng.choices(ENTITY_TYPES, weights)[0]
        stem = rng.choice(SURNAMES) + rng.choice(PLACES) + rng.choice(PLACES)
        name = {"official": stem, "region": stem + "县", "enterprise": stem + "科技有限公司",
                "organization": stem + "委员会", "project": stem + "产业园", "program": stem + "行动计划"}[t] + str(i)
        doc = rng.randrange(n_docs)
        attrs = {"label": name, "type": t, "aliases": [name, name[:3]], "mentions": rng.randint(1, 9),
                 "docs": [f"doc{doc}"], "dates": [dates[doc]], "start": dates[doc]}
        if t == "official":
            attrs["positions"] = [stem[:2] + "县委书记"]
            attrs["career"] = [{"unit": stem[:2] + "县", "unit_id": "", "role": "书记", "title": stem[:2] + "县委书记",
                                "top": True, "start": dates[doc], "end": dates[doc], "docs": [f"doc{doc}"],
                                "evidence": f"{stem[:2]}县委书记{name}"}]
        if t == "region":
            attrs.update(adcode=str(100000 + i), level="county", parent="某市")
        G.add_node(f"{t}:{name}", **attrs)
    ids = list(G.nodes)
    targets = [ids[0]]
    rules = [f"rule_{k}" for k in range(12)]
    for i in range(1, n):
        for _ in range(1 + (rng.random() < 0.6)):
            v = rng.choice(targets)
            if v == ids[i]:
                continue
            rel = rng.choice(RELATION_TYPES)
            sentence = f"{G.nodes[ids[i]]['label']}与{G.nodes[v]['label']}有关。"
            docs = sorted({f"doc{rng.randrange(n_docs)}" for _ in range(rng.randint(1, 3))})
            when = sorted(G.graph["documents"][d]["date"] for d in docs)
            G.add_edge(ids[i], v, key=rel, relation=rel, rule=rng.choice(rules), confidence=round(rng.random(), 3),
                       doc=docs[0], evidence=sentence, weight=len(docs), docs=docs, evidences=[sentence],
                       start=when[0], end=when[-1])
            targets.append(v)
        targets.append(ids[i])
    return G


def load_once(driver, page: Path) -> tuple[float, float, float, int]:
    from screenshot import wait_ready

    driver.get("about:blank")
    driver.get(page.as_uri())
    wait_ready(driver, timeout=120)
    ready_ms = driver.execute_script("return kgExplorer.readyAt")
    click_ms = driver.execute_async_script("""
        var done = arguments[arguments.length - 1], k = window.kgExplorer;
        var id = k.data.nodes[k.data.nodes.length - 1].id, t0 = performance.now();
        k.network.once('afterDrawing', function () { done(performance.now() - t0); });
        k.focusNode(id, {animate: false});""")
    shown = driver.execute_script("return kgExplorer.visibleNodeIds().length")
    filter_ms = driver.execute_async_script("""
        var done = arguments[arguments.length - 1], k = window.kgExplorer, t0 = performance.now();
        k.network.once('afterDrawing', function () { done(performance.now() - t0); });
        k.filters.setDocs([0, 1, 2]);""")
    return ready_ms / 1000, click_ms, filter_ms, shown


def main(argv: list[str] | None = None) -> int:
    from screenshot import make_driver

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--max-nodes", type=int, nargs="+", default=[DEFAULT_MAX_NODES, 10**9],
                   help="page thresholds to compare (default: the default, and no threshold)")
    args = p.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    driver = make_driver(1400, 900, str(tmp / "profile"))
    driver.set_script_timeout(60)
    print(f"{'nodes':>6} {'edges':>6} {'max_nodes':>9} {'shown':>6} {'write s':>8} {'MB':>5} "
          f"{'ready s (median)':>17} {'runs':>20} {'click ms':>9} {'filter ms':>9}")
    try:
        for n in args.sizes:
            G = random_graph(n)
            for max_nodes in args.max_nodes:
                page = tmp / f"graph-{n}-{max_nodes}.html"
                t0 = time.perf_counter()
                write_html(G, page, max_nodes=max_nodes)
                write_s = time.perf_counter() - t0
                runs = [load_once(driver, page) for _ in range(args.repeat)]
                shown = runs[-1][3]
                ready = [r[0] for r in runs]
                print(f"{n:>6} {G.number_of_edges():>6} {min(max_nodes, n):>9} {shown:>6} {write_s:>8.2f} "
                      f"{page.stat().st_size / 1e6:>5.1f} {statistics.median(ready):>17.2f} "
                      f"{' '.join(f'{r:.2f}' for r in ready):>20} {statistics.median(r[1] for r in runs):>9.0f} "
                      f"{statistics.median(r[2] for r in runs):>9.0f}",
                      flush=True)
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())

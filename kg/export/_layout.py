"""Stage 7, export: where the explorer puts the nodes of a large graph, and which it shows first.

vis-network lays out a few hundred nodes itself; past that its physics takes
longer than a reader waits, so the page gets positions computed here, and a
page past ``max_nodes`` opens on the nodes that matter most (``reveal_order``).
"""

from __future__ import annotations

import logging
import math
import random

import networkx as nx

from kg.schema import A_TYPE, OFFICIAL, REGION

__all__ = ["layout", "force_layout", "reveal_order"]

logger = logging.getLogger(__name__)

SPACING = 110    # pixels per node, about: one node per SPACING x SPACING
ASPECT = 1.5     # width / height of the box the connected nodes are laid out in

def reveal_order(G: nx.MultiDiGraph, keys: list, degree: dict[int, int], simple: nx.Graph) -> list[int]:
    """The order in which a large page shows nodes: each official and region, by degree,
    followed by its neighbours; then everything else by degree. Returns rank per node."""
    by_degree = sorted(range(len(keys)), key=lambda i: (-degree[i], str(keys[i])))
    core = [i for i in by_degree if G.nodes[keys[i]].get(A_TYPE) in (OFFICIAL, REGION)]
    order: list[int] = []
    seen: set[int] = set()
    for c in core:
        for i in [c, *sorted(simple[c], key=lambda j: (-degree[j], str(keys[j])))]:
            if i not in seen:
                seen.add(i)
                order.append(i)
    order.extend(i for i in by_degree if i not in seen)
    rank = [0] * len(keys)
    for r, i in enumerate(order):
        rank[i] = r
    return rank


def layout(simple: nx.Graph, *, seed: int = 7) -> dict[int, tuple[float, float]]:
    """Positions for a large graph, in vis-network pixels, centred on 0.

    The connected nodes are laid out by force (:func:`force_layout`) in a box
    ``ASPECT`` times as wide as high, about one node per ``SPACING`` squared, the
    shape of a screen; nodes with no edge at all stand in a grid to its right
    instead of a ring around it, so the page opens as close on the graph as it can.
    """
    alone = [i for i in simple if simple.degree(i) == 0]
    joined = [i for i in simple if simple.degree(i) > 0]
    pos: dict[int, tuple[float, float]] = {}
    right = 0.0
    if joined:
        local = {i: k for k, i in enumerate(joined)}
        coords = force_layout(len(joined), [(local[u], local[v]) for u, v in simple.edges()], seed=seed)
        width, height = SPACING * math.sqrt(len(joined) * ASPECT), SPACING * math.sqrt(len(joined) / ASPECT)
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        x0, y0 = min(xs), min(ys)
        sx, sy = width / ((max(xs) - x0) or 1.0), height / ((max(ys) - y0) or 1.0)
        pos = {i: ((x - x0) * sx, (y - y0) * sy) for i, (x, y) in zip(joined, coords)}
        right = width + SPACING
    if alone:
        step = SPACING / 2
        rows = max(1, int(max(p[1] for p in pos.values()) // step) + 1) if pos else math.ceil(math.sqrt(len(alone)))
        for k, i in enumerate(alone):
            pos[i] = (right + (k // rows) * step, (k % rows) * step)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {i: (round(x - cx, 1), round(y - cy, 1)) for i, (x, y) in sorted(pos.items())}


def force_layout(n: int, edges: list[tuple[int, int]], *, seed: int = 7) -> list[tuple[float, float]]:
    """Fruchterman-Reingold coordinates of nodes ``0..n-1``, in the layout's own units: igraph's
    (about a second for 20,000 nodes) when igraph is installed, else networkx's."""
    try:
        import igraph
    except ImportError:
        logger.info("igraph is not installed: laying out %d nodes with networkx (slower)", n)
        simple = nx.Graph()
        simple.add_nodes_from(range(n))
        simple.add_edges_from(edges)
        pos = nx.spring_layout(simple, seed=seed, iterations=30)
        return [tuple(pos[i]) for i in range(n)]
    g = igraph.Graph(n=n, edges=edges)
    previous = igraph.set_random_number_generator(random.Random(seed))
    try:
        # The grid variant is the fast one (5,000 nodes in under a second); it needs igraph's
        # own spread-out random start, drawn here from a seeded generator.
        return [tuple(p) for p in g.layout_fruchterman_reingold(grid="grid" if n >= 1000 else "nogrid")]
    finally:
        igraph.set_random_number_generator(previous or random)

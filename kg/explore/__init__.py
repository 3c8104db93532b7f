"""Exploring a built graph: query (names, neighbours, paths, stats) and view (one entity's ego network as a page).

Reads graph.json through :mod:`kg.export`; never runs the pipeline.
"""

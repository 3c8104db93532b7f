"""Confidence: each rule's precision on the dev gold, read from kg/data/rule_confidence.csv, on every edge."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

import kg.graph
from kg.cli import main
from kg.errors import DataFileError
from kg.graph import DEFAULT_CONFIDENCE, confidence, read_confidence
from tests.conftest import ROOT, SHARED

TABLE = {"r_many": (0.9, 40), "r_few": (0.2, 2), "*:hosts": (0.7, 50), "*": (0.6, 90)}

# fmt: off
LOOKUPS = [
    ("r_many",     "hosts",     0.9),    # measured on enough edges
    ("r_few",      "hosts",     0.7),    # too few: its relation's precision
    ("r_new",      "hosts",     0.7),    # newer than the file: its relation's
    ("r_new",      "governs",   0.6),    # a relation never measured: all rules'
    ("correction", "governs",   1.0),    # a person wrote it in a corrections file
]
# fmt: on


@pytest.mark.parametrize("rule, relation, expected", LOOKUPS)
def test_confidence_lookup(monkeypatch, rule, relation, expected):
    monkeypatch.setattr(kg.graph, "_confidence_table", lambda: TABLE)
    assert confidence(rule, relation) == expected


def test_confidence_without_any_row_is_the_default(monkeypatch):
    monkeypatch.setattr(kg.graph, "_confidence_table", lambda: {})
    assert confidence("r", "hosts") == DEFAULT_CONFIDENCE


def test_confidence_shipped_file_reads():
    table = read_confidence(files("kg") / "data" / "rule_confidence.csv")
    assert "*" in table and all(0 <= p <= 1 and n >= 0 for p, n in table.values())


@pytest.mark.parametrize("text, line", [
    ("rule,precision,support\nr1,1.5,3\n", 2),
    ("# note\nrule,precision,support\nr1,0.5,3\nr2,high,3\n", 4),
    ("rule,score,support\nr1,0.5,3\n", 2),
])
def test_confidence_bad_file_names_its_line(tmp_path, text, line):
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=f"at line {line}:.*scripts/rule_confidence.py"):
        read_confidence(path)


def test_every_edge_carries_its_rules_confidence(tmp_path, examples_dir):
    assert main(["build", str(examples_dir), "-o", str(tmp_path), "--no-progress", "--format", "json"]) == 0
    edges = json.loads((tmp_path / "graph.json").read_text("utf-8"))["edges"]
    assert edges and all(e["confidence"] == confidence(e["rule"], e["relation"]) for e in edges)


def test_build_min_confidence_leaves_weak_edges_out(tmp_path, examples_dir):
    out = tmp_path / "out"
    assert main(["build", str(examples_dir), "-o", str(out), "--no-progress", "--format", "json",
                 "--min-confidence", "0.9"]) == 0
    strong = json.loads((out / "graph.json").read_text("utf-8"))["edges"]
    assert strong and all(e["confidence"] >= 0.9 for e in strong)
    assert not (out / ".kg-cache" / "graph-base.marshal").exists()       # graph.json is not the whole graph
    with pytest.raises(SystemExit) as usage:
        main(["build", str(examples_dir), "-o", str(out), "--no-progress", "--min-confidence", "2"])
    assert usage.value.code == 2


def test_script_without_the_dev_corpus_says_so_and_writes_nothing(tmp_path):
    out = tmp_path / "c.csv"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "rule_confidence.py"), "--shared",
                           str(tmp_path / "none"), "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0 and "no dev corpus" in proc.stderr and not out.exists()


@pytest.mark.skipif(not (SHARED / "eval" / "gold").is_dir(), reason="../shared (dev corpus and gold) is not beside the repo")
def test_script_measures_every_rule_of_the_dev_corpus(tmp_path):
    out = tmp_path / "c.csv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "rule_confidence.py"), "--out", str(out)],
                   check=True, capture_output=True)
    table = read_confidence(Path(out))
    G = kg.build_graph([SHARED / "corpus"])
    rules = {d["rule"] for *_, d in G.edges(data=True)}
    assert rules <= set(table) and {f"*:{d['relation']}" for *_, d in G.edges(data=True)} <= set(table)
    assert table["*"][1] == G.number_of_edges()

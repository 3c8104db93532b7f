"""Regression on the dev corpus: scored with shared/eval/score.py (skipped without ../shared)."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(),
                                reason="../shared (dev corpus and scorer) is not beside the repo")

# The quality targets of the extraction issue; a drop below them is a regression.
ENTITY_F1 = 0.92
RELATION_F1 = 0.85
TYPE_F1 = {"official": 0.85, "region": 0.85, "enterprise": 0.85, "organization": 0.85,
           "project": 0.85, "program": 0.80}
RELATION_TYPE_F1 = {"governs": 0.95, "serves_in": 0.95, "part_of": 0.95}


def test_dev_score_meets_targets(tmp_path):
    out = tmp_path / "dev"
    subprocess.run([sys.executable, "-m", "kg", "build", str(SHARED / "corpus"), "-o", str(out),
                    "--no-progress", "--format", "json"], cwd=ROOT, check=True, capture_output=True)
    gold = sorted(str(p) for p in (SHARED / "eval" / "gold").glob("*.json"))
    proc = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(out / "graph.json"),
                           *gold, "--json"], capture_output=True, text=True, check=True)
    score = json.loads(proc.stdout)
    ent, rel = _micro(score, "entities"), _micro(score, "relations")
    assert ent >= ENTITY_F1, score
    assert rel >= RELATION_F1, score
    for part, floors in (("entities", TYPE_F1), ("relations", RELATION_TYPE_F1)):
        for kind, floor in floors.items():
            assert score[part][kind]["f1"] >= floor, (kind, score[part][kind])


def _micro(score: dict, part: str) -> float:
    block = score[part]
    for key in ("ALL", "all", "micro"):
        if key in block:
            return block[key]["f1"]
    raise KeyError(f"no micro average in {list(block)}")

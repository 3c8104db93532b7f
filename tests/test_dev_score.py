"""Regression on the dev corpus: scored with shared/eval/score.py (skipped without ../shared)."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(),
                                reason="../shared (dev corpus and scorer) is not beside the repo")

# Thresholds the pipeline has reached; a drop below them is a regression.
ENTITY_F1 = 0.85
RELATION_F1 = 0.80


def test_dev_score_meets_milestone(tmp_path):
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


def _micro(score: dict, part: str) -> float:
    block = score[part]
    for key in ("ALL", "all", "micro"):
        if key in block:
            return block[key]["f1"]
    raise KeyError(f"no micro average in {list(block)}")

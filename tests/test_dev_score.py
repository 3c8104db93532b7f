"""Regression on the dev corpus: scored with shared/eval/score.py (skipped without ../shared).

Floors only ever rise: each is what the code reached when it was last raised, rounded down.
Every document of the dev corpus has a floor of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

README = ROOT / "README.md"

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(),
                                reason="../shared (dev corpus and scorer) is not beside the repo")

# Micro-F1 over the whole dev corpus: (entities, relations).
CORPUS_FLOOR = (0.93, 0.91)

# Per document: (entity F1, relation F1).
# fmt: off
DOC_FLOORS = {
    "000_38f892dfc234ae53.txt":                    (0.98, 0.97),
    "001_ba639974d9f8cf50.txt":                    (0.90, 0.90),
    "002_6c1a9d946562d671.txt":                    (0.92, 0.91),
    "003_7f53e357d5f89563.txt":                    (0.94, 0.93),
    "004_e242ff6d0de95366.txt":                    (0.91, 0.85),
    "11_heping-zhengji-zuobiao.txt":               (0.94, 0.91),
    "12_yunka-shenglian.txt":                      (0.95, 0.84),
    "13_huangshi-tuijiehui.txt":                   (0.92, 0.86),
    "14_zigong-xin-saidao.txt":                    (0.96, 0.96),
    "15_shandong-zhengfu-gongzuo-baogao-2026.txt": (0.93, 0.93),
    "16_minying-qiye-zuotanhui.txt":               (1.00, 1.00),
    "17_luoyang-huan-xinzhuang.txt":               (0.90, 0.79),
    "18_liaoning-kaifang.txt":                     (1.00, 1.00),
}
# fmt: on


@pytest.fixture(scope="module")
def dev_score(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("dev")
    subprocess.run([sys.executable, "-m", "kg", "build", str(SHARED / "corpus"), "-o", str(out),
                    "--no-progress", "--no-cache", "--format", "json"],
                   cwd=ROOT, check=True, capture_output=True)
    gold = sorted(str(p) for p in (SHARED / "eval" / "gold").glob("*.json"))
    proc = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(out / "graph.json"),
                           *gold, "--json", "--per-doc"], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def test_dev_score_corpus_floor(dev_score):
    ent, rel = dev_score["entities"]["ALL"]["f1"], dev_score["relations"]["ALL"]["f1"]
    assert ent >= CORPUS_FLOOR[0] and rel >= CORPUS_FLOOR[1], (ent, rel)


def test_dev_score_every_document_has_a_floor(dev_score):
    gold_docs = {json.loads(p.read_text(encoding="utf-8"))["doc"]
                 for p in (SHARED / "eval" / "gold").glob("*.json")}
    assert set(dev_score["per_doc"]) == gold_docs
    assert gold_docs <= set(DOC_FLOORS), sorted(gold_docs - set(DOC_FLOORS))


@pytest.mark.parametrize("doc", sorted(DOC_FLOORS))
def test_dev_score_document_floor(dev_score, doc):
    if doc not in dev_score["per_doc"]:
        pytest.skip(f"{doc} is not in this dev corpus")
    row = dev_score["per_doc"][doc]
    ent_floor, rel_floor = DOC_FLOORS[doc]
    assert row["entities"]["f1"] >= ent_floor, (doc, row["entities"])
    assert row["relations"]["f1"] >= rel_floor, (doc, row["relations"])


def readme_table(score: dict) -> str:
    """The table of README's "Quality on the dev corpus", as this score makes it."""
    def side(kind: str) -> list[list[str]]:
        rows = [[name, *(f"{r[k]:.3f}" for k in ("precision", "recall", "f1"))]
                for name, r in score[kind].items() if name != "ALL"]
        micro = score[kind]["ALL"]
        return rows + [["**micro**", f"{micro['precision']:.3f}", f"{micro['recall']:.3f}", f"**{micro['f1']:.3f}**"]]

    left, right = side("entities"), side("relations")
    blank = [""] * 4
    rows = [["entities", "P", "R", "F1", "", "relations", "P", "R", "F1"], ["---"] * 9]
    for i in range(max(len(left), len(right))):
        rows.append([*(left[i] if i < len(left) else blank), "", *(right[i] if i < len(right) else blank)])
    return "\n".join("|" + "|".join(f" {c} " if c else " " for c in r) + "|" for r in rows)


def test_dev_score_readme_quotes_this_score(dev_score):
    """README's quality table is the score of the code it ships with, not of an older one."""
    table = readme_table(dev_score)
    assert table in README.read_text(encoding="utf-8"), \
        f"README.md's table in 'Quality on the dev corpus' is out of date; it is now:\n{table}"

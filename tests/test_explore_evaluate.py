"""kg eval: a graph scored against annotations, with the figures of the project's scorer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kg.cli import main
from kg.explore.evaluate import AnnotationError, evaluate, gold_files, load_gold, norm
from tests.conftest import ROOT, SHARED

ANNOTATIONS = ROOT / "examples" / "annotations"
SCORER = SHARED / "eval" / "score.py"


def _graph(tmp_path, nodes: list[tuple], edges: list[tuple]) -> str:
    data = {"directed": True, "multigraph": True, "graph": {},
            "nodes": [{"id": f"{t}:{n}", "type": t, "label": n, "aliases": a, "docs": d} for t, n, a, d in nodes],
            "edges": [{"source": s, "target": t, "relation": r, "key": r, "docs": d} for s, r, t, d in edges]}
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _gold(tmp_path, name: str, doc: str, entities: list[tuple], relations: list[tuple]) -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"doc": doc, "entities": [{"type": t, "name": n, "aliases": a} for t, n, a in entities],
                                "relations": [{"head": h, "relation": r, "tail": t} for h, r, t in relations]},
                               ensure_ascii=False), encoding="utf-8")
    return str(path)


# fmt: off
NORMS = [
    ("“链长制”",   "链长制"),
    ("ＡＢＣ 公司", "abc公司"),
    ("《 规划 》", "规划"),
]
# fmt: on


@pytest.mark.parametrize("name, normalized", NORMS)
def test_eval_names_are_normalized(name, normalized):
    assert norm(name) == normalized


def test_eval_counts_duplicates_once_and_undirected_either_way(tmp_path):
    graph = _graph(tmp_path, [
        ("region", "江北区", ["江北"], ["a.txt"]), ("region", "江北", [], ["a.txt"]),          # a duplicate node
        ("enterprise", "华光", [], ["a.txt"]), ("project", "数据中心", [], ["b.txt"]),
    ], [
        ("enterprise:华光", "partners_with", "region:江北区", ["a.txt"]),                      # the other way round
        ("region:江北区", "hosts", "project:数据中心", ["b.txt"]),
        ("region:江北", "hosts", "project:数据中心", ["b.txt"]),                                # the same triple
    ])
    gold = _gold(tmp_path, "a.json", "a.txt", [("region", "江北区", ["江北"]), ("enterprise", "华光", []),
                                                ("project", "数据中心", []), ("program", "链长制", [])],
                 [("江北区", "partners_with", "华光"), ("江北区", "hosts", "数据中心")])
    result = evaluate(graph, [gold], errors=True, per_doc=True)
    assert result["entities"]["region"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "tp": 1, "pred": 2, "gold": 1}
    assert result["entities"]["program"]["recall"] == 0.0
    assert result["relations"]["ALL"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 2, "pred": 2, "gold": 2}
    assert result["errors"]["missed_entities"] == ["program:链长制"]
    assert result["per_doc"]["a.txt"]["relations"]["tp"] == 1      # the hosts edge is b.txt's


@pytest.mark.parametrize("entities, relations, message", [
    ([("person", "王建国", [])], [], "type must be one of"),
    ([("region", "江北区", [])], [("王建国", "governs", "江北区")], "names '王建国', which is no entity"),
    ([("region", "江北区", []), ("official", "王建国", [])], [("江北区", "governs", "王建国")], "does not fit governs"),
    ([("region", "江北区", [])], [("江北区", "owns", "江北区")], "'owns' is not one of"),
])
def test_eval_bad_annotations_name_the_file_and_fix(tmp_path, entities, relations, message):
    gold = _gold(tmp_path, "bad.json", "a.txt", entities, relations)
    with pytest.raises(AnnotationError, match=message) as err:
        load_gold([gold])
    assert str(err.value).startswith(gold)


def test_eval_needs_annotation_files(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(AnnotationError, match="no annotation files"):
        gold_files([tmp_path / "empty"])
    (tmp_path / "x.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(AnnotationError, match="not an annotation file"):
        load_gold([tmp_path / "x.json"])


def test_cli_eval_on_the_example_annotations(tmp_path, examples_dir, capsys):
    texts = [str(examples_dir / p.name.replace(".gold.json", ".txt")) for p in sorted(ANNOTATIONS.glob("*.json"))]
    assert main(["build", *texts, "-o", str(tmp_path), "--no-progress", "--format", "json"]) == 0
    capsys.readouterr()
    assert main(["eval", str(ANNOTATIONS), "--graph", str(tmp_path / "graph.json"), "--per-doc"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("entities            P      R     F1") and "2024-09-05-yunyang-nongye.txt" in text
    assert main(["eval", str(ANNOTATIONS), "--graph", str(tmp_path / "graph.json"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["entities"]["official"]["f1"] == 1.0 and result["relations"]["governs"]["f1"] == 1.0
    assert main(["eval", str(ANNOTATIONS), "--graph", str(tmp_path / "none.json")]) == 1
    assert "no graph at" in capsys.readouterr().err


@pytest.mark.skipif(not SCORER.exists(), reason="../shared (dev corpus and scorer) is not beside the repo")
@pytest.mark.parametrize("which", ["examples", "dev"])
def test_eval_figures_are_the_scorers(tmp_path, examples_dir, which):
    """kg eval and shared/eval/score.py give the same report, errors and per-document figures."""
    if which == "dev":
        inputs, gold = [str(SHARED / "corpus")], gold_files([SHARED / "eval" / "gold"])
    else:
        inputs = [str(examples_dir / p.name.replace(".gold.json", ".txt")) for p in sorted(ANNOTATIONS.glob("*.json"))]
        gold = gold_files([ANNOTATIONS])
    assert main(["build", *inputs, "-o", str(tmp_path), "--no-progress", "--format", "json", "--no-cache"]) == 0
    graph = str(tmp_path / "graph.json")
    theirs = subprocess.run([sys.executable, str(SCORER), graph, *gold, "--json", "--errors", "--per-doc"],
                            capture_output=True, text=True, check=True).stdout
    assert evaluate(graph, gold, per_doc=True, errors=True) == json.loads(theirs)

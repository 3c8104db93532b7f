"""notebooks/explore.ipynb runs top to bottom and shows kg getting its examples right
(skipped without nbclient and ipykernel)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


@pytest.fixture(scope="module")
def cells():
    """The notebook's code cells after running it: (source, outputs) each."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    return [(c.source, c.get("outputs", [])) for c in nb.cells if c.cell_type == "code"]


def _cell(cells, marker: str):
    (outputs,) = [out for source, out in cells if marker in source]
    return outputs


def _text(outputs) -> str:
    return "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")


def _value(outputs):
    (result,) = [o for o in outputs if o.get("output_type") == "execute_result"]
    return ast.literal_eval(result["data"]["text/plain"])


def test_notebook_runs_clean(cells):
    outputs = [o for _, out in cells for o in out]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert not [o for o in outputs if o.get("name") == "stderr"], "a warning or error on stderr"


def test_notebook_stats(cells):
    text = _text(_cell(cells, "query.format_stats"))
    assert "entities" in text and "top officials by degree" in text


def test_notebook_sentence_entities_and_relations(cells):
    outputs = _cell(cells, "displacy.render")
    assert 'class="entities"' in "".join(o.get("data", {}).get("text/html", "") for o in outputs)   # displaCy
    assert _value(outputs) == [("成都市", "REGION"), ("武侯区", "REGION"), ("周明远", "OFFICIAL"),
                               ("簇桥街道", "REGION"), ("四川蓝翼航空科技有限公司", "ENTERPRISE"),
                               ("航空产业园项目", "PROJECT")]
    relations = {r[:3] for r in _value(_cell(cells, "doc._.kg_relations"))}
    assert relations >= {("周明远", "governs", "武侯区"), ("武侯区", "part_of", "成都市"),
                         ("四川蓝翼航空科技有限公司", "develops", "航空产业园项目")}
    assert not {r for r in relations if r[0] == "周明远" and r[2] != "武侯区"}


def test_notebook_ego_network(cells):
    outputs = _cell(cells, "ego_graph(")
    assert _text(outputs).startswith("林书远: ")
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "<iframe srcdoc=" in html and "林书远 的关系网络" in html


def test_notebook_path(cells):
    text = _text(_cell(cells, "query.shortest_paths"))
    assert "no path" not in text and "林书远 - 武侯区 - 成都市" in text

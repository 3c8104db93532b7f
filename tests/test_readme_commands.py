"""README.md tells the truth: its commands run as written after its quick start, its figures are a build's.

The commands are the fenced ``bash`` and ``python`` blocks. They run in a
folder holding a copy of ``examples/`` and a ``.venv`` that is the environment
running the tests (kg installed there, as the quick start installs it): the
quick start's build first, then every other block after ``source
.venv/bin/activate``, as the README says. The install and test commands of the
quick start are checked, not run (the environment has them; running the suite
here would run it twice).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = ROOT / "README.md"
TEXT = README.read_text(encoding="utf-8")
BLOCKS = [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w+)\n(.*?)^```", TEXT, re.M | re.S)]
BASH = [code for lang, code in BLOCKS if lang == "bash"]
PYTHON = [code for lang, code in BLOCKS if lang == "python"]

# The quick start: build with what building needs, then test with what testing needs.
BUILD_INSTALL = ["python3 -m venv .venv", ".venv/bin/pip install -e ."]
BUILD = ".venv/bin/kg build examples/"
TEST_INSTALL = ['.venv/bin/pip install -e ".[test]"']
TEST = ".venv/bin/python -m pytest -q"


def commands(block: str) -> list[str]:
    """The command lines of a bash block (comments after ``#`` kept: bash ignores them)."""
    return [line.strip() for line in block.strip().splitlines() if line.strip() and not line.startswith("#")]


def test_readme_quick_start_builds_then_tests():
    build, test = (c.split(" && ") for block in BASH[:2] for c in commands(block))
    assert build == [*BUILD_INSTALL, BUILD]
    assert test == [*TEST_INSTALL, TEST]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST in ci and 'pip install -q -e ".[test' in ci      # CI installs all and runs the README's tests


def test_readme_dev_corpus_only_for_developers():
    """A user has no ../shared: only a section marked for developers may speak of it."""
    for section in re.split(r"^## ", TEXT, flags=re.M)[1:]:
        if "../shared" in section:
            assert "for developers" in section.splitlines()[0], section.splitlines()[0]
    assert not [code for _, code in BLOCKS if "../shared" in code]


@pytest.fixture(scope="module")
def quick_start(tmp_path_factory):
    """A folder where the quick start ran: examples/ built into output/; the build's stderr."""
    if sys.prefix == sys.base_prefix or not (Path(sys.prefix) / "bin" / "activate").exists():
        pytest.skip("the tests do not run in a virtual environment, which the README's commands need")
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    home = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "examples", home / "examples")
    (home / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    built = run_bash(home, BUILD)
    return home, built.stderr


def run_bash(home: Path, command: str, *, activate: bool = False) -> subprocess.CompletedProcess:
    script = f"source .venv/bin/activate && {command}" if activate else command
    done = subprocess.run(["bash", "-c", script], cwd=home, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"README command failed: {command}\n{done.stdout}\n{done.stderr}"
    return done


USER_COMMANDS = [c for block in BASH[2:] for c in commands(block)]


@pytest.mark.parametrize("command", USER_COMMANDS)
def test_readme_command_runs_as_written(quick_start, command):
    home, _ = quick_start
    done = run_bash(home, command, activate=True)
    assert done.stdout.strip() or done.stderr.strip()


@pytest.mark.parametrize("code", PYTHON)
def test_readme_python_runs_as_written(quick_start, code):
    home, _ = quick_start
    run_bash(home, "python - <<'EOF'\n" + code + "EOF", activate=True)


def test_readme_build_summary_is_the_builds(quick_start):
    _, stderr = quick_start
    last = stderr.strip().split("\r")[-1].splitlines()[-1]
    quoted = re.search(r"<!-- build-summary -->`(.*?)`<!-- /build-summary -->", TEXT).group(1)
    assert last.startswith(quoted + "; "), f"README's build summary is out of date; the build printed:\n{last}"


def test_readme_graph_figures_are_the_builds(quick_start):
    import json

    home, _ = quick_start
    graph = json.loads((home / "output" / "graph.json").read_text(encoding="utf-8"))
    m = re.search(r"!\[the example graph: (\d+) entities, (\d+) relations\]", TEXT)
    assert m, "README shows the example graph with its counts"
    built = (len(graph["nodes"]), len(graph["edges"]))
    assert (int(m.group(1)), int(m.group(2))) == built, (
        f"README's example graph is out of date: the build has {built[0]} entities and {built[1]} relations; "
        "update the figures and the screenshot (scripts/screenshot.py output/graph.html docs/img/example-graph.png)")

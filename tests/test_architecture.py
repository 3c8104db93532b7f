"""The package's shape: imports point down the flow, no cycles, no module past about 400 lines.

kg/ is read -> nlp -> resolve -> graph -> export, with run/ (the machinery that
runs the stages at scale), explore/ (reading built graphs) and cli/ on top;
docs/architecture.md draws it. These tests read the source with ``ast``, so
they see the imports inside functions as well as those at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"

# STYLE.md's bound for one module, "about 400 lines", with room for a docstring's
# growth: past it a module holds more than one person keeps in mind, and splits.
MAX_LINES = 420

# What each part of kg may import besides itself. A stage knows the shared vocabulary
# (errors, schema, the rows results travel in) and at most the stage right before it:
# export knows nothing of nlp, nlp nothing of run. run/ calls every stage; explore/
# reads built graphs, never the pipeline; nothing but ``python -m kg`` imports the CLI.
ALLOWED = {
    "shared": set(),                          # kg/errors.py, kg/schema.py, kg/rows.py
    "read": {"shared"},
    "nlp": {"shared", "read"},
    "resolve": {"shared", "nlp"},
    "graph": {"shared", "resolve"},
    "export": {"shared", "graph"},
    "explore": {"shared", "graph", "export"},
    "run": {"shared", "read", "nlp", "resolve", "graph", "export"},
    "api": {"shared", "nlp", "run"},          # kg/__init__.py: build_graph, make_nlp, extract (lazily)
    "cli": {"shared", "read", "nlp", "resolve", "graph", "export", "explore", "run"},
    "main": {"shared", "cli"},                # kg/__main__.py
}
SHARED = {"kg.errors", "kg.schema", "kg.rows"}


def _modules() -> dict[str, Path]:
    """Dotted name -> file of every module of kg."""
    out = {}
    for path in sorted(KG.rglob("*.py")):
        parts = path.relative_to(KG.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = _modules()


def _part(module: str) -> str:
    """The part of kg a module belongs to (see ``ALLOWED``)."""
    if module == "kg":
        return "api"
    if module == "kg.__main__":
        return "main"
    if module in SHARED:
        return "shared"
    return module.split(".")[1]


def _imports(module: str) -> set[str]:
    """The kg modules ``module`` imports, anywhere in its code. ``from kg import __version__``
    and ``import kg`` name the package's version and files: they count as shared."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:          # from . import x, from ..y import z
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


IMPORTS = {m: _imports(m) for m in MODULES}


def test_architecture_parts_are_known():
    assert {_part(m) for m in MODULES} <= set(ALLOWED) | {"shared"}


def test_architecture_imports_point_down_the_flow():
    wrong = []
    for module, targets in IMPORTS.items():
        part = _part(module)
        for target in targets:
            other = "shared" if target == "kg" else _part(target)
            if other != part and other not in ALLOWED[part]:
                wrong.append(f"{module} ({part}) imports {target} ({other})")
    assert wrong == []


def test_architecture_nothing_imports_the_cli():
    assert [m for m, targets in IMPORTS.items() if "kg.cli" in targets] == ["kg.__main__"]


def test_architecture_no_import_cycles():
    """No module reaches itself through imports (the public API's lazy imports aside:
    ``kg/__init__.py`` imports what it offers only when it is asked for)."""
    graph = {m: {t for t in ts if t != "kg"} for m, ts in IMPORTS.items() if m != "kg"}
    cycles, state = [], {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = "open"
        for t in sorted(graph.get(m, ())):
            if state.get(t) == "open":
                cycles.append(" -> ".join(path[path.index(t):] + [t]))
            elif t not in state:
                visit(t, path + [t])
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_architecture_modules_stay_short():
    long = {str(p.relative_to(KG.parent)): n for p in MODULES.values()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_architecture_sees_the_imports():
    """The parser finds imports at the top, inside functions and of submodules named in a from-import."""
    assert "kg.nlp.extract" in IMPORTS["kg"]                        # lazily, in kg.__getattr__
    assert "kg.read.textnorm" in IMPORTS["kg.nlp.extract"]          # inside extract()
    assert "kg.run.incremental" in IMPORTS["kg.cli.build"]          # from kg.run import incremental
    assert {"kg.nlp.components.relations.people", "kg.nlp.components.relations.places",
            "kg.nlp.components.relations.things"} <= IMPORTS["kg.nlp.components.relations"]

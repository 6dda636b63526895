"""The package's shape: imports flow one way, at the top of modules, as docs/development.md draws it."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import sar_forms

SRC = Path(__file__).resolve().parents[1] / "src" / "sar_forms"


def _package_imports(node: ast.AST, module: str) -> list[tuple[str, int]]:
    """(imported sar_forms module, line) for every import of this package under ``node``."""
    out = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.ImportFrom):
            if sub.level:
                base = sub.module or ""
                targets = [base] if base else [a.name for a in sub.names]
            elif (sub.module or "").startswith("sar_forms"):
                targets = [(sub.module or "").removeprefix("sar_forms").lstrip(".")]
            else:
                continue
            out += [(t.split(".")[0], sub.lineno) for t in targets if t]
        elif isinstance(sub, ast.Import):
            out += [(a.name.split(".")[1], sub.lineno) for a in sub.names if a.name.startswith("sar_forms.")]
    return out


def _graph() -> dict[str, set[str]]:
    graph = {}
    for path in SRC.glob("*.py"):
        if path.stem == "_uno_worker":  # runs under LibreOffice's Python, imports nothing of ours
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[path.stem] = {target for target, _ in _package_imports(tree, path.stem)}
    return graph


def test_no_module_imports_the_package_inside_a_function():
    """This test ensures that every import of a sar_forms module stands at the top of its module:
    an import hidden in a function to dodge a cycle would be a cycle."""
    hidden = []
    for path in SRC.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                hidden += [f"{path.name}:{line} imports {target}" for target, line in _package_imports(fn, path.stem)]
    assert hidden == []


def test_the_import_graph_has_no_cycle():
    """This test ensures that the modules import one another in one direction only."""
    graph = {name: deps - {"__init__"} for name, deps in _graph().items() if name != "__init__"}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle: {exc.args[1]}") from exc
    assert set(order) >= set(graph)


def test_the_layers_are_the_documented_ones():
    """This test ensures cli -> batch -> produce -> render | convert -> context -> models -> catalog:
    nothing imports the CLI, the converter knows nothing of rendering, rendering nothing of
    converting, and the catalogue nothing of the models or the readers."""
    graph = _graph()
    assert not any("cli" in deps for name, deps in graph.items() if name != "cli")
    assert "produce" in graph["batch"] and "produce" in graph["cli"]
    assert {"render", "convert", "pages", "pdf"} <= graph["produce"]
    assert not graph["convert"] & {"render", "produce", "context", "models", "batch"}
    assert not graph["render"] & {"convert", "produce", "batch", "pages", "pdf"}
    assert not graph["catalog"] & {"models", "sources", "tables", "render"}
    assert not graph["context"] & {"render", "convert", "produce", "batch"}


def test_the_public_names_are_importable():
    """This test ensures that everything __all__ promises is there."""
    for name in sar_forms.__all__:
        assert hasattr(sar_forms, name), name

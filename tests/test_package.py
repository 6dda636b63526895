"""The package's shape: layers by folder, imports flowing one way, at the top of modules, and the
public names promised, as docs/development.md draws them."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import sar_forms
import sar_forms.app

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "sar_forms"

#: The floors, bottom up, and the floors each may import from (its own included). The base holds
#: what every floor uses: the exception tree, atomic writes, the YAML reader, the version.
LAYERS: dict[str, set[str]] = {
    "base": {"base"},
    "domain": {"base", "domain"},
    "ooxml": {"base", "ooxml"},
    "pdf": {"base", "ooxml", "pdf"},
    "forms": {"base", "domain", "ooxml", "pdf", "forms"},
    "inputs": {"base", "domain", "ooxml", "forms", "inputs"},
    "run": {"base", "domain", "ooxml", "pdf", "forms", "inputs", "run"},
    "app": {"base", "domain", "ooxml", "pdf", "forms", "inputs", "run", "app"},
    "web": {"base", "domain", "ooxml", "pdf", "forms", "inputs", "run", "app", "web"},
    "cli": {"base", "domain", "ooxml", "pdf", "forms", "inputs", "run", "app", "web", "cli"},
    "compat": {"base", "domain", "ooxml", "pdf", "forms", "inputs", "run", "app"},
}

#: Modules kept under the names the README gave before the layers; they only re-export.
COMPAT = {"batch", "book", "importer"}


def _module_of(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


def _layer(module: str) -> str:
    head = module.split(".")[0]
    if head in LAYERS:
        return head
    if head in COMPAT:
        return "compat"
    return head if head in ("cli", "web") else "base"


def _imports(node: ast.AST, module: str, is_package: bool) -> list[tuple[str, int]]:
    """(imported sar_forms module, dotted, line) for every import of this package under ``node``."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    if module == "__init__":
        package = []
    out = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.ImportFrom):
            if sub.level:
                base = package[: len(package) - (sub.level - 1)]
                target = ".".join(base + ([sub.module] if sub.module else []))
                names = [target] if sub.module else [".".join([*base, a.name]) for a in sub.names]
            elif (sub.module or "").startswith("sar_forms"):
                names = [(sub.module or "").removeprefix("sar_forms").lstrip(".")]
            else:
                continue
            out += [(n, sub.lineno) for n in names if n]
        elif isinstance(sub, ast.Import):
            out += [
                (a.name.removeprefix("sar_forms."), sub.lineno) for a in sub.names if a.name.startswith("sar_forms.")
            ]
    return out


def _sources() -> list[tuple[str, Path]]:
    # the UNO worker runs under LibreOffice's own Python and imports nothing of ours
    return [(_module_of(p), p) for p in SRC.rglob("*.py") if p.stem != "_uno_worker"]


def _graph() -> dict[str, set[str]]:
    graph = {}
    for module, path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = {t for t, _ in _imports(tree, module, path.name == "__init__.py")}
    return graph


def test_no_module_imports_the_package_inside_a_function():
    """This test ensures that every import of a sar_forms module stands at the top of its module:
    an import hidden in a function to dodge a cycle would be a cycle."""
    hidden = []
    for module, path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                found = _imports(fn, module, path.name == "__init__.py")
                hidden += [f"{path.name}:{line} imports {target}" for target, line in found]
    assert hidden == []


def test_the_import_graph_has_no_cycle():
    """This test ensures that the modules import one another in one direction only (a package's
    __init__ re-exporting its modules is not a cycle: nothing inside imports its own __init__)."""
    graph = _graph()
    inits = {m for m, p in _sources() if p.name == "__init__.py"}
    graph = {name: {d for d in deps if d not in inits} for name, deps in graph.items() if name not in inits}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle: {exc.args[1]}") from exc
    assert set(order) >= set(graph)


def test_each_floor_imports_only_the_floors_below_it():
    """This test ensures the layering domain / ooxml -> pdf -> forms -> inputs -> run -> app ->
    cli: nothing imports the CLI or the application layer from below, the PDF floor knows nothing
    of forms or their data, and the OOXML floor nothing of the domain."""
    wrong = []
    for module, deps in _graph().items():
        if module == "__init__":
            continue
        allowed = LAYERS[_layer(module)]
        wrong += [f"{module} -> {d}" for d in deps if d != "__init__" and _layer(d) not in allowed]
        wrong += [f"{module} -> {d} (kept for old imports only)" for d in deps if d in COMPAT]
    assert wrong == []


def test_every_module_is_within_the_size_of_one_job():
    """This test ensures that no module of the package is over 450 lines nor any function over 80:
    past that a module holds several jobs, and a function several steps that want names."""
    long_modules, long_functions = [], []
    for module, path in _sources():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 450:
            long_modules.append(module)
        for fn in ast.walk(ast.parse(text)):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and fn.end_lineno:
                if fn.end_lineno - fn.lineno + 1 > 80:
                    long_functions.append(f"{module}.{fn.name}")
    assert (long_modules, long_functions) == ([], [])


#: The top-level public API, as the README documents it (httpx's test_exported_members).
PUBLIC = {
    "Assessment", "BatchReport", "Catalog", "CatalogError", "ConversionError", "Converter",
    "ConverterUnavailable", "Evidence", "EvidenceDocument", "FakeConverter", "Finding", "FontError",
    "FormProducer", "FormRenderer", "ImportReport", "Indicator", "InputError", "Item",
    "LibreOfficeConverter", "Narrative", "Office", "Options", "OutputError", "Person", "PointFact",
    "Produced", "Record", "Reference", "Result", "SarFormsError", "SarFormsWarning", "SignOff",
    "Standard", "TemplateError", "TextCleanedWarning", "__version__", "check_assessment",
    "default_catalog", "import_docx", "load_assessment", "load_catalog", "points_rubric",
    "read_records", "render_docx", "render_pdf", "run_batch", "run_books", "template_context",
    "validate_assessment",
}  # fmt: skip


def test_exported_members():
    """This test ensures that __all__ is exactly the documented API, each name importable, each
    defined in the package (not a third party's object passed through)."""
    assert set(sar_forms.__all__) == PUBLIC
    for name in sar_forms.__all__:
        member = getattr(sar_forms, name)
        if name != "__version__":
            assert getattr(member, "__module__", "sar_forms").startswith("sar_forms"), name


def test_the_old_module_names_still_import():
    """This test ensures that the module paths the README gave before the layers (sar_forms.book,
    sar_forms.importer, sar_forms.batch) still give the same functions."""
    import sar_forms.batch
    import sar_forms.book
    import sar_forms.importer

    assert sar_forms.book.run_books is sar_forms.run_books
    assert sar_forms.batch.run_batch is sar_forms.run_batch
    assert sar_forms.importer.import_docx is sar_forms.import_docx


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = f"import sys\n{code}\nprint('-- modules --', *sys.modules, sep='\\n')"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(out.partition("-- modules --")[2].split())


def test_importing_the_package_loads_none_of_its_floors():
    """This test ensures that ``import sar_forms`` loads no floor of the package and none of the
    libraries they need (pydantic, docxtpl, lxml): a script pays only for the names it uses."""
    loaded = _loaded_after("import sar_forms")
    assert {m for m in loaded if m.startswith("sar_forms.")} <= {"sar_forms._version"}
    assert not loaded & {"pydantic", "docxtpl", "lxml", "yaml"}


def test_a_public_name_loads_its_own_module_on_first_use():
    """This test ensures that using a public name loads the module it lives in, and not the
    others: rendering does not load the Word importer, the books nor the checks."""
    loaded = _loaded_after("import sar_forms\nsar_forms.render_docx")
    assert "sar_forms.forms.produce" in loaded
    assert not loaded & {"sar_forms.forms.importer", "sar_forms.run.book", "sar_forms.domain.check"}


def test_a_batch_of_yaml_files_loads_neither_the_word_importer_nor_the_books(tmp_path):
    """This test ensures that ``sar-forms batch`` over YAML files makes its forms without loading
    what it does not use: the Word importer, the books, the checks, the other use cases, the PDF
    floor (no PDF is asked for) and a pool of processes (one job renders in the process itself)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "samples" / "udon2-1.2.yaml", folder / "one.yaml")
    loaded = _loaded_after(
        "from sar_forms.cli import main\n"
        f"assert main(['batch', {str(folder)!r}, '-o', {str(tmp_path / 'out')!r}, '--jobs', '1']) == 0"
    )
    assert (tmp_path / "out" / "สพป.อด.2" / "สพป.อด.2_1.2_2565.docx").is_file()
    unused = {"forms.importer", "ooxml.numbering", "run.book", "domain.check", "app.forms", "app.years"}
    assert not loaded & {f"sar_forms.{m}" for m in unused}
    assert not {m for m in loaded if m.startswith(("sar_forms.pdf.", "sar_forms.ooxml.compose", "multiprocessing"))}


def test_the_stubs_promise_the_names_loaded_at_run_time():
    """This test ensures that the names type checkers read in the packages' stubs (``__init__.pyi``)
    are exactly those the packages give at run time."""
    for package in (sar_forms, sar_forms.app):
        stub = Path(package.__file__).with_suffix(".pyi")
        promised = next(
            ast.literal_eval(node.value)
            for node in ast.parse(stub.read_text(encoding="utf-8")).body
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__"
        )
        assert sorted(promised) == sorted(package.__all__), package.__name__
        assert all(getattr(package, name) is not None for name in promised)

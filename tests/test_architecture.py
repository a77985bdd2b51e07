"""The package's layers (issue 10, docs/DESIGN.md): module imports go one way, with no cycle.

Layers, each importing only those below it:
  0 schema, options, errors, profiles, language, grade, data, literals
  1 document reading: ingest, sections, extract (no spaCy, no scikit-learn)
  2 rubric dimensions: components, scoring, rewrite, explain, convert
  3 ml
  4 pipeline, api
  5 cli, batch, export, agree, app_support
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "goalcheck"

LAYERS: dict[str, int] = {
    "goalcheck.schema": 0, "goalcheck.options": 0, "goalcheck.errors": 0, "goalcheck.profiles": 0,
    "goalcheck.language": 0, "goalcheck.grade": 0, "goalcheck.data": 0, "goalcheck.markup": 0,
    "goalcheck.version": 0, "goalcheck.literals": 0,
    "goalcheck.ingest": 1, "goalcheck.sections": 1, "goalcheck.extract": 1,
    "goalcheck.components": 2, "goalcheck.scoring": 2, "goalcheck.rewrite": 2,
    "goalcheck.explain": 2, "goalcheck.convert": 2,
    "goalcheck.ml": 3, "goalcheck.pipeline": 4, "goalcheck.api": 4,
    "goalcheck.cli": 5, "goalcheck.batch": 5, "goalcheck.export": 5, "goalcheck.agree": 5,
    "goalcheck.app_support": 5, "goalcheck.plan": 4, "goalcheck": 6,
}
#: Optional heavy extras that may be imported inside a function.
LAZY_OK = ("streamlit", "dask", "distributed", "pytesseract", "tqdm", "pandas", "pyarrow",
           "PIL", "docx", "playwright")


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(lazy: bool) -> dict[str, set[str]]:
    """Module -> goalcheck modules it imports (at module level, or inside functions if ``lazy``)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        found: set[str] = set()
        nodes = ast.walk(tree) if lazy else _top_level(tree)
        for node in nodes:
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(module, node, is_package)
                if node.module is not None:  # "from . import x" imports x, not the package
                    found.add(target)
                found |= {f"{target}.{a.name}" for a in node.names}
        graph[module] = found
    return graph


def _top_level(tree: ast.Module) -> list[ast.AST]:
    out: list[ast.AST] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        out.extend(ast.walk(node))
    return out


def _internal(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    known = set(graph)
    return {m: {t for t in targets if t in known and t != m} for m, targets in graph.items()}


def _layer(module: str) -> int:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key in LAYERS:
            return LAYERS[key]
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and docs/DESIGN.md")


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles() -> None:
    graph = _internal(imports(lazy=True))
    # A package importing its own submodules (to register them) is not a cycle of layers.
    for m in graph:
        graph[m] = {t for t in graph[m] if not t.startswith(m + ".")}
    assert _cycles(graph) == []


def test_each_layer_imports_only_layers_below_it() -> None:
    wrong = []
    for module, targets in _internal(imports(lazy=True)).items():
        for t in targets:
            if t.startswith(module + "."):
                continue
            if _layer(t) > _layer(module):
                wrong.append(f"{module} ({_layer(module)}) imports {t} ({_layer(t)})")
    assert wrong == []


@pytest.mark.parametrize("layer_prefix", ["goalcheck.ingest", "goalcheck.sections", "goalcheck.extract"])
def test_document_reading_needs_no_spacy_and_no_sklearn(layer_prefix: str) -> None:
    for module, targets in imports(lazy=True).items():
        if module == layer_prefix or module.startswith(layer_prefix + "."):
            heavy = {t for t in targets if t.split(".")[0] in ("spacy", "sklearn", "joblib")}
            assert heavy == set(), module


def test_imports_inside_functions_only_for_optional_extras() -> None:
    top = imports(lazy=False)
    lazy = imports(lazy=True)
    hidden = []
    for module in lazy:
        for t in sorted(lazy[module] - top[module]):
            root = t.split(".")[0]
            if root in LAZY_OK or root != "goalcheck" and t not in lazy[module] - top[module]:
                continue
            if root == "goalcheck" or root in ("sklearn", "spacy", "numpy", "scipy"):
                hidden.append(f"{module}: {t}")
    assert hidden == []

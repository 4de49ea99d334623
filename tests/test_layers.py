"""The house: kh330lib's imports point only down its floors, never in a circle, and never hide inside functions.

Floors, lowest first (README, "How the code is laid out"):
ground (paths, errors, fmt, yamlio, files, codes, limits) < data < methods < store < assess < words < briefs,
workbooks < run < cli.
A module may import its own package and any lower floor; briefs and workbooks share a floor but not each other.
"""

from __future__ import annotations

import ast
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from kh330lib import paths

PACKAGE = "kh330lib"
FLOORS = {"": 0, "data": 1, "methods": 2, "store": 3, "assess": 4, "words": 5, "briefs": 6, "workbooks": 6, "run": 7,
          "cli": 8}
# `python -m kh330lib` is the command line's front door.
ALIASES = {"__main__": "cli"}
MAX_LINES = 450


@dataclass(frozen=True)
class Edge:
    """`source` imports `target` (both module names) at `line`; `local` when inside a function or class body."""

    source: str
    target: str
    line: int
    local: bool


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path) -> dict[str, Path]:
    return {module_name(root, p): p for p in sorted(root.rglob("*.py"))}


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def edges(root: Path) -> list[Edge]:
    """Every import of a project module, resolved to the module it loads."""
    known = modules(root)
    out = []
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        local_nodes = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                     ast.ClassDef, ast.Lambda))
                       for n in ast.walk(f) if n is not f}
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.split(".")[0] == PACKAGE]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, path.name == "__init__.py", node)
                if base.split(".")[0] != PACKAGE:
                    continue
                # `from . import paths` loads the module kh330lib.paths; `from .x import name` loads .x.
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
                if node.module is None and base != PACKAGE:
                    # `from . import x` also reads the package itself, so a package's __init__ must not import the
                    # module that says it (kh330lib's own __init__ holds the version only and imports nothing).
                    targets.insert(0, base)
            for target in dict.fromkeys(targets):
                if target in known and target != name:
                    out.append(Edge(name, target, node.lineno, id(node) in local_nodes))
    return out


def floor(module: str) -> tuple[str, int]:
    """(package, floor) of a module; ground-floor modules such as kh330lib.paths have the package ""."""
    parts = module.split(".")
    package = ALIASES.get(parts[1], parts[1]) if len(parts) > 1 else ""
    package = package if package in FLOORS else ""
    return package, FLOORS[package]


def upward(all_edges: list[Edge]) -> list[str]:
    """Imports that point up a floor, or sideways into another package of the same floor."""
    bad = []
    for e in all_edges:
        (src_pkg, src_floor), (dst_pkg, dst_floor) = floor(e.source), floor(e.target)
        if dst_floor > src_floor or (dst_floor == src_floor and dst_pkg != src_pkg):
            bad.append(f"{e.source}:{e.line} imports {e.target}")
    return bad


def cycles(all_edges: list[Edge]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a circle of imports."""
    graph: dict[str, set[str]] = {}
    for e in all_edges:
        graph.setdefault(e.source, set()).add(e.target)
        graph.setdefault(e.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def local_imports(all_edges: list[Edge]) -> list[str]:
    return [f"{e.source}:{e.line} imports {e.target} inside a function" for e in all_edges if e.local]


ROOT = paths.ROOT / PACKAGE


def test_imports_point_only_down():
    assert upward(edges(ROOT)) == []


def test_no_circles():
    assert cycles(edges(ROOT)) == []


def test_no_function_local_imports_of_the_project():
    assert local_imports(edges(ROOT)) == []


def test_every_package_has_a_floor():
    packages = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages, "no packages found"
    assert packages <= set(FLOORS)


def test_every_module_is_small_and_says_what_it_holds():
    for name, path in modules(ROOT).items():
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= MAX_LINES, f"{name}: split it, {len(text.splitlines())} lines"
        doc = ast.get_docstring(ast.parse(text))
        assert doc and doc.splitlines()[0].strip(), f"{name}: open with a one-line docstring"


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    copy = tmp_path / PACKAGE
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    return copy


def test_the_checks_catch_a_circle_an_upward_import_and_a_hidden_import(scratch: Path):
    """The same checks on a copy of the package into which each fault is put on purpose."""
    assert upward(edges(scratch)) == [] and cycles(edges(scratch)) == [] and local_imports(edges(scratch)) == []
    catalog = scratch / "data" / "catalog.py"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\nfrom ..assess import engine\n", encoding="utf-8")
    assert any(line.startswith("kh330lib.data.catalog:") and line.endswith("imports kh330lib.assess.engine")
               for line in upward(edges(scratch)))
    assert any({"kh330lib.data.catalog", "kh330lib.assess.engine"} <= set(group) for group in cycles(edges(scratch)))
    errors = scratch / "errors.py"
    errors.write_text(errors.read_text(encoding="utf-8") + "\n\ndef later():\n    from . import fmt\n",
                      encoding="utf-8")
    assert [x for x in local_imports(edges(scratch)) if x.startswith("kh330lib.errors:")] == [
        f"kh330lib.errors:{len(errors.read_text(encoding='utf-8').splitlines())} imports kh330lib.fmt inside a "
        "function"]
    words = scratch / "briefs" / "page.py"
    words.write_text(words.read_text(encoding="utf-8") + "\nfrom ..workbooks import template\n", encoding="utf-8")
    assert any(line.startswith("kh330lib.briefs.page:") for line in upward(edges(scratch)))

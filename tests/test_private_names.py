"""A module's private names (one leading underscore) stay its own: no kh330lib module imports another's, reads one
through the other module's name, or reaches into the private attributes of another module's objects.

Dunder names (`__version__`, `__init__`) are public; the rule covers kh330lib's own modules, not the libraries
it uses.
"""

from __future__ import annotations

import ast
from pathlib import Path

from kh330lib import paths


def modules(root: Path) -> dict[str, Path]:
    """Every module under `root` by its dotted name (a package by its own name)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The module a `from … import` reads from, relative levels resolved."""
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def defined(tree: ast.Module) -> set[str]:
    """The private names a module defines: functions, classes, assigned names and attributes, arguments (a
    keyword argument names an attribute too: `parser.set_defaults(_run=...)`)."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            out.add(node.attr)
        elif isinstance(node, ast.arg):
            out.add(node.arg)
        elif isinstance(node, ast.keyword) and node.arg:
            out.add(node.arg)
    return {n for n in out if private(n)}


def crossings(root: Path) -> list[str]:
    """Every use of another kh330lib module's private name, as `module:line: what`."""
    known = modules(root)
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in known.items()}
    own = {name: defined(tree) for name, tree in trees.items()}
    everywhere = set().union(*own.values())
    out = []
    for name, tree in trees.items():
        is_package = known[name].name == "__init__.py"
        aliases: dict[str, str] = {}  # a local name bound to a kh330lib module
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                base = resolve(name, is_package, node)
                for a in node.names:
                    if f"{base}.{a.name}" in known:
                        aliases[a.asname or a.name] = f"{base}.{a.name}"
                    elif base in known and base != name and private(a.name):
                        out.append(f"{name}:{node.lineno}: from {base} import {a.name}")
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in known:
                        aliases[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute) or not private(node.attr):
                continue
            if isinstance(node.value, ast.Name) and aliases.get(node.value.id, name) != name:
                out.append(f"{name}:{node.lineno}: {aliases[node.value.id]}.{node.attr}")
            elif node.attr in everywhere and node.attr not in own[name]:
                # An attribute that only another module's code defines: that module's object's private state.
                out.append(f"{name}:{node.lineno}: .{node.attr} of another module's object")
    return out


def test_no_module_uses_another_modules_private_names():
    assert crossings(paths.PACKAGE_DIR) == []


def test_the_rule_sees_each_kind_of_crossing(tmp_path):
    pkg = tmp_path / "kh330lib"
    (pkg / "assess").mkdir(parents=True)
    (pkg / "__init__.py").write_text("__version__ = '1'\n")
    (pkg / "assess" / "__init__.py").write_text("")
    (pkg / "assess" / "engine.py").write_text(
        "class _Context:\n    def __init__(self):\n        self._models = {}\n\n"
        "def _assess(ctx):\n    return ctx._models\n\ndef run():\n    return _assess(_Context())\n")
    (pkg / "assess" / "wards.py").write_text(
        "from . import engine\nfrom .engine import _assess, run\nfrom .. import __version__\n\n"
        "def rows(ctx):\n    return engine._Context, ctx._models, run, __version__\n")
    assert crossings(pkg) == ["kh330lib.assess.wards:2: from kh330lib.assess.engine import _assess",
                              "kh330lib.assess.wards:6: kh330lib.assess.engine._Context",
                              "kh330lib.assess.wards:6: ._models of another module's object"]

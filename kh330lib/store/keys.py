"""Which files a computation depends on (`depends_on`) and their hashes (`hash_files`, `digest`): the keys of
the store's tables and of the run's briefs. Standard library only, so that `kh330 run` can tell that nothing
changed without loading the data libraries."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .. import paths
from ..files import sha256_file

PACKAGE = "kh330lib"

# ---------------------------------------------------------------- hashes


def digest(value: Any) -> str:
    """SHA-256 of a JSON-able value written canonically (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_hash(path: Path | str) -> str:
    """SHA-256 of a file's bytes; '' for a file that is not there (its absence is an input too)."""
    return sha256_file(path) if Path(path).is_file() else ""


def hash_files(files: Mapping[str, Path]) -> dict[str, str]:
    """SHA-256 of each named file (`file_hash`), in the order given."""
    return {name: file_hash(f) for name, f in files.items()}


# ---------------------------------------------------------------- which files


def input_files(*roots: Path) -> list[Path]:
    """Every regular file under the given folders (or the files themselves), skipping caches and hidden files."""
    out: list[Path] = []
    for root in roots:
        root = Path(root)
        if root.is_file():
            out.append(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            out.extend(Path(dirpath) / f for f in sorted(filenames) if not f.startswith("."))
    return out


# An import statement on its own line (any indent), a parenthesised list of names spanning lines included.
_IMPORT = re.compile(r"^[ \t]*((?:from[ \t]+[\w.]+[ \t]+import[ \t]+(?:\([^)]*\)|[^\n]*))|(?:import[ \t]+[^\n]*))$",
                     re.MULTILINE)


@lru_cache(maxsize=4)
def _modules(root: Path) -> dict[str, Path]:
    """Every kh330lib module under `root` by name (`kh330lib.assess.wards` → assess/wards.py, a package → its
    __init__.py)."""
    out = {}
    for f in input_files(root):
        if f.suffix == ".py":
            parts = [PACKAGE, *f.relative_to(root).with_suffix("").parts]
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    return out


def _imported(known: Mapping[str, Path], module: str, path: Path) -> list[str]:
    """The kh330lib modules one source imports, wherever the import statement stands."""
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    # Only the import statements are parsed: parsing whole modules would cost a second per process.
    for match in _IMPORT.finditer(path.read_text(encoding="utf-8")):
        try:
            nodes = ast.parse(match.group(1)).body
        except SyntaxError:
            continue  # a docstring's line that starts with "from" or "import"
        for node in nodes:
            if isinstance(node, ast.Import):
                found += [a.name for a in node.names if a.name.split(".")[0] == PACKAGE]
            elif isinstance(node, ast.ImportFrom):
                start = base[: len(base) - node.level + 1] if node.level else []
                target = ".".join([*start, *([node.module] if node.module else [])])
                if target.split(".")[0] == PACKAGE:
                    # `from . import paths` loads kh330lib.paths; `from .x import name` loads .x.
                    found += [f"{target}.{a.name}" if f"{target}.{a.name}" in known else target for a in node.names]
    return found


def _beside(folder: Path) -> list[Path]:
    """Package data next to a module: the folder's other files and its folders that are not packages."""
    out = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or p.name == "__pycache__":
            continue
        if p.is_file() and p.suffix != ".py":
            out.append(p)
        elif p.is_dir() and not (p / "__init__.py").exists():
            out += input_files(p)
    return out


@lru_cache(maxsize=32)
def _code(root: Path, modules: tuple[str, ...]) -> tuple[Path, ...]:
    # Once per process: the code a process runs is what it imported when it started.
    known = _modules(root)
    todo, seen = list(modules), set()
    while todo:
        parts = todo.pop().split(".")
        # Importing a module runs every package above it first.
        for name in (".".join(parts[:k]) for k in range(1, len(parts) + 1)):
            path = known.get(name)
            if path is not None and path not in seen:
                seen.add(path)
                todo += _imported(known, name, path)
    data = {f for folder in {p.parent for p in seen} for f in _beside(folder)}
    return tuple(sorted(seen | data))


def code_files(*modules: str, root: Path | None = None) -> dict[str, Path]:
    """The sources of `modules` and of every kh330lib module they import, directly or through others, with the
    package data beside them (templates, schemas), named `kh330lib/<path>`."""
    top = Path(root or paths.PACKAGE_DIR)
    return {f"{PACKAGE}/{p.relative_to(top).as_posix()}": p for p in _code(top, tuple(sorted(modules)))}


def depends_on(*, code: Iterable[str] = (), trees: Mapping[str, Path | None] | None = None,
               files: Mapping[str, Path | None] | None = None, leave_out: Sequence[str] = ()) -> dict[str, Path]:
    """The files a computation depends on, each by a name that does not depend on where the checkout lies.

    Parameters
    ----------
    code
        kh330lib modules the computation runs: their sources and everything they import (`code_files`).
    trees
        Folders read whole, by the name their files go under (``{"params": paths.PARAMS_DIR}``).
    files
        Single files by name; a missing one stays listed (it hashes as '').
    leave_out
        Name patterns (fnmatch) of files that do not count, e.g. ``"params/scenarios/*"``.
    """
    named: dict[str, Path] = dict(code_files(*code)) if code else {}
    for prefix, folder in (trees or {}).items():
        if folder is not None and Path(folder).is_dir():
            named.update({f"{prefix}/{f.relative_to(folder).as_posix()}": f for f in input_files(Path(folder))})
    named.update({name: Path(f) for name, f in (files or {}).items() if f is not None})
    return {k: v for k, v in sorted(named.items()) if not any(fnmatchcase(k, pattern) for pattern in leave_out)}

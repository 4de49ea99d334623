"""The one store of what computations read and make: the files a computation depends on (`depends_on`), their
hashes (`hash_files`; values and data rows: `digest`, `rows_digest`), and the tables computed from them, kept on
disk (`stored_table`).

A stored table lies in the cache folder (KH330_CACHE_DIR, default .cache/) under the hash of its inputs; the
first process to ask computes it while the others wait on its lock, then every brief and command of the same
inputs reads it. The folder only saves time: where it is full, read-only or forbidden, tables are computed
without it and the process says so once. It never lies inside data/, params/, notebooks/ or kh330lib/.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import json
import math
import os
import re
import sys
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import filelock
import numpy as np
import pandas as pd

from .. import paths
from ..errors import OS_ERRORS
from ..files import check_output_path, sha256_file, write_bytes

PACKAGE = "kh330lib"
# A table is computed in seconds; a process waiting longer than this for another's lock is stuck behind a dead one.
LOCK_SECONDS = 900
# Tables kept per kind (units, city, skill): one per scenario of the latest data and a few before it; older ones
# are removed. params/limits.yaml has no section for the cache: it bounds inputs and kept runs, not this folder.
KEEP = 12
SUFFIX = ".json.gz"
# The columns of data rows hashed, in this order: the data contract's, so that a column added to the frames later
# (or the line a row sits on, which moves when another indicator's rows are added above it) does not count.
ROW_COLUMNS = ("indicator", "geo", "breakdown", "year", "period", "value", "unit", "source", "status", "note")

# ---------------------------------------------------------------- hashes


def digest(value: Any) -> str:
    """SHA-256 of a JSON-able value written canonically (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cell(value: Any) -> str:
    """A value written the same whatever type pandas read it as: '' when missing, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            return ""
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return repr(number + 0.0)  # + 0.0 turns -0.0 into 0.0
    if not isinstance(value, str):
        try:
            if pd.isna(value):
                return ""
        except (TypeError, ValueError):
            pass  # a list or array: written as text below
    return str(value)


def rows_digest(frame: pd.DataFrame, columns: Sequence[str]) -> str:
    """SHA-256 of a frame's rows over fixed columns (absent ones empty), in sorted order: row order and
    other columns do not count, and re-reading the same files gives the same hash."""
    n = len(frame)
    values = [frame[c].tolist() if c in frame.columns else [""] * n for c in columns]
    rows = sorted(json.dumps([cell(v) for v in row], ensure_ascii=False) for row in zip(*values))
    h = hashlib.sha256(json.dumps(list(columns)).encode("utf-8"))
    for row in rows:
        h.update(b"\n" + row.encode("utf-8"))
    return h.hexdigest()


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


# ---------------------------------------------------------------- tables on disk


def _plain(value: Any) -> Any:
    """A cell as JSON keeps it: numpy scalars as Python ones, NaN as null (a missing number, as pandas reads it)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _to_bytes(table: pd.DataFrame, key: str) -> bytes:
    records = [[_plain(v) for v in row] for row in table.itertuples(index=False, name=None)]
    text = json.dumps({"key": key, "columns": list(table.columns), "rows": records}, ensure_ascii=False,
                      separators=(",", ":"))
    # Level 1: a table is rewritten whole whenever an input changes; speed matters more than a few MB.
    return gzip.compress(text.encode("utf-8"), compresslevel=1, mtime=0)


def _from_bytes(data: bytes, key: str, columns: Sequence[str]) -> pd.DataFrame | None:
    stored = json.loads(gzip.decompress(data).decode("utf-8"))
    if stored.get("key") != key or stored.get("columns") != list(columns):
        return None
    return pd.DataFrame([dict(zip(columns, row)) for row in stored["rows"]], columns=list(columns))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed by another process's pruning meanwhile
        return 0.0


def prune(cache_dir: Path, kind: str, keep: int) -> None:
    """Remove all but the `keep` newest tables of one kind (their lock files stay: another process may hold one)."""
    tables = sorted(cache_dir.glob(f"{kind}-*{SUFFIX}"), key=_mtime, reverse=True)
    for old in tables[keep:]:
        old.unlink(missing_ok=True)


def table_path(kind: str, key: str, cache_dir: Path | None = None) -> Path:
    """Where the table of one kind and key is kept: `<cache>/<kind>-<first 16 hex digits of the key>.json.gz`."""
    return Path(cache_dir or paths.CACHE_DIR) / f"{kind}-{key[:16]}{SUFFIX}"


def stored_table(kind: str, key: str, columns: Sequence[str], compute: Callable[[], pd.DataFrame],
                 cache_dir: Path | None = None) -> pd.DataFrame:
    """The table of `kind` stored under `key`, or `compute()` stored there (by one process at a time)."""
    # KH330_CACHE_DIR must not point into data/, params/, notebooks/ or kh330lib/ (exit 2).
    path = check_output_path(table_path(kind, key, cache_dir), "cache file (KH330_CACHE_DIR)")
    data: bytes | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with filelock.FileLock(str(path) + ".lock", timeout=LOCK_SECONDS):
            if path.exists():
                try:
                    table = _from_bytes(path.read_bytes(), key, columns)
                    if table is not None:
                        return table
                except (OSError, EOFError, ValueError, KeyError, TypeError):
                    pass  # a damaged or older file is computed again and replaced
            data = _to_bytes(compute(), key)
            write_bytes(path, data)
            prune(path.parent, kind, KEEP)
    except OSError as exc:
        if exc.errno not in OS_ERRORS:
            raise
        # The store only saves time: a full or read-only cache folder means computing without it (said once).
        _without_store(path.parent, exc)
        data = data if data is not None else _to_bytes(compute(), key)
    # Read back from what was stored: the same cells whether this process computed the table or another did.
    return _from_bytes(data, key, columns)  # type: ignore[return-value]


# The cache folders this process has said it cannot use.
TOLD: set[str] = set()


def _without_store(folder: Path, exc: OSError) -> None:
    if str(folder) not in TOLD:
        TOLD.add(str(folder))
        words, fix = OS_ERRORS[exc.errno or 0]
        print(f"kh330: the cache folder {paths.display(folder)} cannot be used ({words}); computing without it "
              f"(to keep results between runs: {fix})", file=sys.stderr, flush=True)

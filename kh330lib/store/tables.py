"""Tables computed from the inputs, kept on disk under the hash of those inputs (`stored_table`), and the hash
of data rows (`rows_digest`) that such keys are made of.

A stored table lies in the cache folder (KH330_CACHE_DIR, default .cache/) under the hash of its inputs; the
first process to ask computes it while the others wait on its lock, then every brief and command of the same
inputs reads it. The folder only saves time: where it is full, read-only or forbidden, tables are computed
without it and the process says so once. It never lies inside data/, params/, notebooks/ or kh330lib/.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

import filelock
import numpy as np
import pandas as pd

from .. import paths
from ..errors import OS_ERRORS
from ..files import check_output_path, write_bytes

# A table is computed in seconds; a process waiting longer than this for another's lock is stuck behind a dead one.
LOCK_SECONDS = 900
# Tables kept per kind (units, city, skill): one per scenario of the latest data and a few before it; older ones
# are removed. params/limits.yaml has no section for the cache: it bounds inputs and kept runs, not this folder.
KEEP = 12
SUFFIX = ".json.gz"
# The columns of data rows hashed, in this order: the data contract's, so that a column added to the frames later
# (or the line a row sits on, which moves when another indicator's rows are added above it) does not count.
ROW_COLUMNS = ("indicator", "geo", "breakdown", "year", "period", "value", "unit", "source", "status", "note")

# ---------------------------------------------------------------- data rows


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

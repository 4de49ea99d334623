"""The work on wards and communes a run shares, stored on disk by the hash of its inputs: the unit table
(`assess_units`: every target for every ward and commune) and the city figures added up from ward reports
(`aggregate_city`). The first process to ask computes one while the others wait on its lock; then every brief
and command of the same inputs reads the stored table.

A key covers everything its table is made from: the current observations and the as-of date, the files under
params/ (registry, places, ward rules, methods, scenarios) and kh330lib's own code; for the unit table also the
calibration (revision error and pooled series), the methods passed in, the scenario, the seed and the base year.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

import filelock
import numpy as np
import pandas as pd

from .. import __version__, paths
from ..data.tables import Dataset
from ..errors import OS_ERRORS
from ..data.scenarios import Scenario, resolve_scenario
from ..data.wards import aggregate_city, load_rules, local_geos
from ..files import check_output_path, sha256_file, write_bytes
from ..methods.settings import Methods, load_methods
from .calibrated import calibrate
from .series import DEFAULT_SEED
from .wards import UNIT_COLUMNS, assess_units

PACKAGE_DIR = Path(__file__).resolve().parents[1]
DATA_COLUMNS = ("indicator", "geo", "breakdown", "year", "period", "value", "unit", "source", "status", "note")
CITY_COLUMNS = ("indicator", "year", "value", "numerator", "denominator", "reported", "total")
# A table is computed in seconds; a process waiting longer than this for another's lock is stuck behind a dead one.
LOCK_SECONDS = 900
# Tables kept in the store: one per scenario of the latest data and a few before it; older ones are removed.
KEEP = 12


def files_digest(root: Path, pattern: str) -> dict[str, str]:
    """The SHA-256 of every file under `root` that matches `pattern`, by its path below `root`."""
    return {str(p.relative_to(root)): sha256_file(p) for p in sorted(root.rglob(pattern))
            if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")}


def _rows_digest(frame: pd.DataFrame) -> str:
    """SHA-256 of a frame's rows over the data contract's columns (in the order the dataset holds them)."""
    cols = [c for c in DATA_COLUMNS if c in frame.columns]
    hashed = pd.util.hash_pandas_object(frame[cols].astype(str), index=False).to_numpy()
    return hashlib.sha256(json.dumps(cols).encode() + hashed.tobytes()).hexdigest()


def digest(parts: dict[str, Any]) -> str:
    """The SHA-256 of `parts` written as sorted JSON: the key a table is stored under."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def data_parts(dataset: Dataset) -> dict[str, Any]:
    """What every stored table depends on: code, settings, the current observations and the as-of date."""
    return {"version": __version__, "code": files_digest(PACKAGE_DIR, "*.py"),
            "params": files_digest(paths.PARAMS_DIR, "*"), "observations": _rows_digest(dataset.observations),
            "as_of": str(dataset.as_of or "")}


def units_key(dataset: Dataset, scenario: Scenario, methods: Methods, base_year: int | None, seed: int) -> str:
    """The hash of everything the unit table of these inputs is computed from."""
    cal = calibrate(dataset, methods)
    return digest({**data_parts(dataset), "methods": repr(methods),
                    "revision": [cal.revision_points, cal.revisions_seen],
                    "pools": files_digest(Path(dataset.raw_dir), "*.csv"),
                    "scenario": repr(dataclasses.replace(scenario, path=None)), "base_year": base_year,
                    "seed": seed})


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


def _prune(cache_dir: Path, prefix: str, keep: int) -> None:
    """Remove all but the `keep` newest stored tables (their lock files stay: another process may hold one)."""
    tables = sorted(cache_dir.glob(f"{prefix}*.json.gz"), key=_mtime, reverse=True)
    for old in tables[keep:]:
        old.unlink(missing_ok=True)


def store_path(prefix: str, key: str, cache_dir: Path | None = None) -> Path:
    return Path(cache_dir or paths.CACHE_DIR) / f"{prefix}{key[:16]}.json.gz"


def stored_table(prefix: str, key: str, columns: Sequence[str], compute: Callable[[], pd.DataFrame],
            cache_dir: Path | None) -> pd.DataFrame:
    """The table stored under `key`, or `compute()` stored there (by one process at a time)."""
    # KH330_CACHE_DIR must not point into data/, params/, notebooks/ or kh330lib/ (exit 2).
    path = check_output_path(store_path(prefix, key, cache_dir), "cache file (KH330_CACHE_DIR)")
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
            _prune(path.parent, prefix, KEEP)
    except OSError as exc:
        if exc.errno not in OS_ERRORS:
            raise
        # The store only saves time: a full or read-only cache folder means computing without it (said once).
        _without_store(path.parent, exc)
        data = data if data is not None else _to_bytes(compute(), key)
    # Read back from what was stored: the same cells whether this process computed the table or another did.
    return _from_bytes(data, key, columns)  # type: ignore[return-value]


_TOLD: set[str] = set()


def _without_store(folder: Path, exc: OSError) -> None:
    if str(folder) not in _TOLD:
        _TOLD.add(str(folder))
        words, fix = OS_ERRORS[exc.errno or 0]
        print(f"kh330: the cache folder {paths.display(folder)} cannot be used ({words}); computing without it "
              f"(to keep results between runs: {fix})", file=sys.stderr, flush=True)


def stored_units(dataset: Dataset, *, scenario: Scenario | str | Path | None = None, base_year: int | None = None,
                 seed: int = DEFAULT_SEED, methods: Methods | None = None,
                 cache_dir: Path | None = None) -> pd.DataFrame:
    """The unit table of every ward and commune (`assess_units`): read from the store, or computed and stored."""
    methods = methods or load_methods()
    chosen = resolve_scenario(scenario, dataset.registry)
    key = units_key(dataset, chosen, methods, base_year, seed)
    return stored_table("units-", key, UNIT_COLUMNS, lambda: assess_units(dataset, scenario=chosen, base_year=base_year,
                                                                     seed=seed, methods=methods), cache_dir)


def city_figures(dataset: Dataset) -> pd.DataFrame:
    """Every city figure the ward rules add up (params/wards.yaml), one row per indicator and year with ward
    rows: the value, its numerator and denominator (shares), and how many wards it rests on."""
    rules = load_rules(dataset.registry)
    wards = {g.id for g in local_geos(dataset.registry, rules.city)}
    obs = dataset.observations
    present = set(obs.loc[obs["geo"].isin(wards), "indicator"])
    rows = []
    for indicator in [r.indicator for r in rules.ratios] + list(rules.sums):
        ratio = rules.ratio_for(indicator)
        needs = {ratio.numerator, ratio.denominator} if ratio is not None else {indicator}
        if not needs <= present:
            continue
        for f in aggregate_city(dataset, indicator, rules):
            rows.append({"indicator": f.indicator, "year": f.year, "value": f.value, "numerator": f.numerator,
                         "denominator": f.denominator, "reported": f.n_reported, "total": f.n_wards})
    return pd.DataFrame(rows, columns=list(CITY_COLUMNS))


def stored_city(dataset: Dataset, *, cache_dir: Path | None = None) -> pd.DataFrame:
    """`city_figures` of this data: read from the store, or added up and stored."""
    return stored_table("city-", digest(data_parts(dataset)), CITY_COLUMNS, lambda: city_figures(dataset), cache_dir)

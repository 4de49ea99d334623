"""Reference pools (params/pools.yaml + data/raw/): comparable real series the forecaster learns from and is
scored on, each with its source and why it is comparable."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .. import paths
from ..errors import InputError, Problem, problem, quote, short
from ..yamlio import LineDict, load_yaml
from .csv_rows import read_csv_rows
from .numbers import parse_number

POOLS = paths.PARAMS_DIR / "pools.yaml"
# The bounds of a pool's unit (a pool of shares is in percent).
UNIT_BOUNDS = {"percent": (0.0, 100.0)}


@dataclass(frozen=True)
class Similar:
    """When a past case counts as similar for the outside view (params/pools.yaml `similar`)."""

    level: float
    pace: float
    years: int
    min_cases: int
    follow: int = 5


@dataclass(frozen=True)
class ReferencePool:
    """One pool: its series (sorted by year), where they come from, why comparable, which indicators it serves."""

    id: str
    label_vi: str
    label_en: str
    source: str
    unit: str
    why_vi: str
    why_en: str
    indicators: tuple[str, ...]
    rise: tuple[float, ...]
    similar: Similar
    starting_points: dict[str, str]
    names: tuple[str, ...]
    years: tuple[np.ndarray, ...]
    values: tuple[np.ndarray, ...]
    path: str

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def why(self, lang: str = "vi") -> str:
        return self.why_vi if lang == "vi" else self.why_en

    @property
    def bounds(self) -> tuple[float, float]:
        return UNIT_BOUNDS[self.unit]

    def __len__(self) -> int:
        return len(self.names)


@dataclass(frozen=True)
class Pools:
    """Every pool, the rises every pool is scored on, and the outside view's rule."""

    pools: tuple[ReferencePool, ...]
    rise: tuple[float, ...]
    similar: Similar
    source: str
    source_vi: str

    def for_indicator(self, indicator: str) -> ReferencePool | None:
        return next((p for p in self.pools if indicator in p.indicators), None)

    def get(self, pool_id: str) -> ReferencePool:
        return next(p for p in self.pools if p.id == pool_id)


_TEXT = ("id", "label_vi", "label_en", "file", "series_column", "source", "unit", "why_vi", "why_en")


def _numbers(node: Any) -> list[float] | None:
    if not isinstance(node, list) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in node):
        return None
    return [float(v) for v in node]


def _read_series(csv_path: Path, column: str, where: dict[str, str], unit: str, problems: list[Problem],
                 read: dict[tuple, tuple]) -> tuple[tuple[str, ...], tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """The pool's series from its CSV: the rows matching `where`, by `column`, with values within the unit.
    `read` holds the files already read (with the same columns) by the pools before it."""
    key = (csv_path, (column, "year", "value", *where))
    if key not in read:  # several pools take their series from one file (the WDI panels): it is read once
        read[key] = read_csv_rows(csv_path, key[1], other_columns=True)
    rows, found = read[key]
    problems.extend(found)
    lo, hi = UNIT_BOUNDS[unit]
    points: dict[str, dict[int, float]] = {}
    for line, row in rows.rows if rows else []:
        if any(row[k] != v for k, v in where.items()):
            continue
        year = row["year"]
        value = parse_number(row["value"])
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            problems.append(problem(csv_path, line, "year", f"'{short(year)}' is not a year",
                                    "write a four-digit year"))
        elif value.value is None or not lo <= value.value <= hi:
            problems.append(problem(csv_path, line, "value", value.error or f"{value.value:g} is outside {lo:g}–"
                                    f"{hi:g}", value.fix or "check the figure"))
        elif int(year) in points.setdefault(row[column], {}):
            problems.append(problem(csv_path, line, "year", f"'{short(row[column])}' has {year} twice",
                                    "keep one row per series and year"))
        else:
            points[row[column]][int(year)] = float(value.value)
    names = tuple(n for n in points if points[n])
    years = tuple(np.array(sorted(points[n]), dtype=int) for n in names)
    values = tuple(np.array([points[n][y] for y in sorted(points[n])], dtype=float) for n in names)
    return names, years, values


def _stamp(settings: Path, folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Path, size and modification time of the settings file and of each file in `folder` (not below it)."""
    out = []
    for f in [settings, *(sorted(folder.iterdir()) if folder.is_dir() else [])]:
        try:
            st = f.stat()
        except OSError:
            continue  # missing: the reading below says so
        out.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(out)


# Pools already read by this process, by what they were read from: a run's checks, its skill report and its
# index each need them, and reading the panels takes a quarter of a second. A changed file changes the key.
_READ: dict[tuple, tuple[Pools | None, tuple[Problem, ...]]] = {}
_KEEP_READ = 4


def collect_pools(source_ids: set[str], indicator_ids: set[str], settings: Path | str | None = None,
                  directory: Path | str | None = None) -> tuple[Pools | None, list[Problem]]:
    """Read params/pools.yaml and the files it names; a missing settings file means no pool."""
    sp, folder = Path(settings or POOLS), Path(directory or paths.RAW_DIR)
    key = (frozenset(source_ids), frozenset(indicator_ids), str(folder), _stamp(sp, folder))
    if key not in _READ:
        pools, problems = _read_pools(source_ids, indicator_ids, sp, folder)
        while len(_READ) >= _KEEP_READ:
            del _READ[next(iter(_READ))]
        _READ[key] = (pools, tuple(problems))
    pools, problems = _READ[key]
    return pools, list(problems)


def _read_pools(source_ids: set[str], indicator_ids: set[str], sp: Path,
                folder: Path) -> tuple[Pools | None, list[Problem]]:
    if not sp.exists():
        return None, []
    data = load_yaml(sp)
    problems: list[Problem] = []

    def bad(node: Any, key: str, message: str, fix: str) -> None:
        line = node.line_of(key) if isinstance(node, LineDict) else None
        problems.append(problem(sp, line, key, message, fix, kind="field"))

    if not isinstance(data, LineDict):
        return None, [problem(sp, None, None, "expected a mapping", "see the file's header comment", kind="field")]
    rise = _numbers(data.get("rise"))
    if not rise:
        bad(data, "rise", "must list rises in points", "write rise: [2, 5]")
    sim = data.get("similar")
    similar = None
    if not isinstance(sim, LineDict) or not all(isinstance(sim.get(k), (int, float)) for k in
                                                 ("level", "pace", "years", "min_cases", "follow")):
        bad(data, "similar", "needs level, pace, years, follow and min_cases", "see the file's comments")
    else:
        similar = Similar(float(sim["level"]), float(sim["pace"]), int(sim["years"]), int(sim["min_cases"]),
                          int(sim["follow"]))
    out = []
    read: dict[tuple, tuple] = {}
    for node in data.get("pools") or []:
        if not isinstance(node, LineDict):
            bad(data, "pools", f"entry {quote(node)} is not a mapping", "write '- id: ...' with its fields")
            continue
        missing = [k for k in _TEXT if not isinstance(node.get(k), str) or not node[k].strip()]
        for k in missing:
            bad(node, k, "missing or not text", f"write '{k}: ...'")
        if missing:
            continue
        if node["source"] not in source_ids:
            bad(node, "source", f"unknown source '{short(node['source'])}'", "add it to data/sources.csv first")
        if node["unit"] not in UNIT_BOUNDS:
            bad(node, "unit", f"unknown unit '{short(node['unit'])}'", f"use one of: {', '.join(UNIT_BOUNDS)}")
            continue
        indicators = node.get("indicators") or []
        for ind in indicators:
            if ind not in indicator_ids:
                bad(node, "indicators", f"unknown indicator '{short(ind)}'", "use an id of params/indicators.yaml")
        own_rise = _numbers(node.get("rise") if node.get("rise") is not None else [])
        if own_rise is None:
            bad(node, "rise", "must list rises in points", "write rise: [] or e.g. [0.1, 0.25]")
            own_rise = []
        own_similar = node.get("similar") or {}
        if not isinstance(own_similar, dict) or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                                            for v in own_similar.values()):
            bad(node, "similar", "must map level, pace, years or min_cases to numbers", "write e.g. {level: 0.125}")
            own_similar = {}
        similar_here = Similar(float(own_similar.get("level", similar.level if similar else 0.0)),
                               float(own_similar.get("pace", similar.pace if similar else 0.0)),
                               int(own_similar.get("years", similar.years if similar else 0)),
                               int(own_similar.get("min_cases", similar.min_cases if similar else 0)),
                               int(own_similar.get("follow", similar.follow if similar else 0)))
        starts = node.get("starting_points") or {}
        if not isinstance(starts, dict) or not all({k, v} <= indicator_ids for k, v in starts.items()):
            bad(node, "starting_points", "must map indicator ids to indicator ids of params/indicators.yaml",
                "write e.g. {rnd_spending_pct_grdp: gerd_pct_gdp}")
            starts = {}
        where = node.get("where") or {}
        csv_path = folder / node["file"]
        names, years, values = _read_series(csv_path, node["series_column"], {str(k): str(v) for k, v in where.items()},
                                            node["unit"], problems, read)
        if not names and csv_path.exists():
            bad(node, "where", "selects no series", f"check the file {node['file']} and the 'where' filter")
        out.append(ReferencePool(node["id"], node["label_vi"], node["label_en"], node["source"], node["unit"],
                                 " ".join(node["why_vi"].split()), " ".join(node["why_en"].split()),
                                 tuple(indicators), tuple(own_rise), similar_here,
                                 {str(k): str(v) for k, v in starts.items()}, names, years, values,
                                 paths.display(csv_path)))
    if problems or similar is None or not rise:
        return None, problems
    return Pools(tuple(out), tuple(rise), similar, " ".join(str(data.get("source", "")).split()),
                 " ".join(str(data.get("source_vi", "")).split())), []


def load_pools(source_ids: set[str], indicator_ids: set[str],
               directory: Path | str | None = None) -> Pools | None:
    """The pools, validated (InputError on any problem); None where params/pools.yaml does not exist.
    `directory` holds their files (default data/raw/)."""
    pools, problems = collect_pools(source_ids, indicator_ids, directory=directory)
    if problems:
        raise InputError(problems)
    return pools


def pool_files(pools: Pools | None) -> dict[str, Path]:
    """params/pools.yaml and every file its pools read, by name: what anything learnt from them rests on."""
    out = {"params/pools.yaml": POOLS}
    for p in pools.pools if pools is not None else ():
        # A pool's path is shown relative to the project where it lies inside it, else absolute.
        out[p.path] = Path(paths.ROOT) / p.path
    return out


def dataset_pools(dataset: Any) -> Pools | None:
    """The pools of a dataset: its sources and indicators, their files in its raw folder."""
    return load_pools(set(dataset.sources["source"]), set(dataset.registry.indicators), dataset.raw_dir)

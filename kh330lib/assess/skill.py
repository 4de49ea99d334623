"""The forecaster's skill on the reference pools (`kh330 skill`, the methods brief, the JSON's `skill`), computed
once per set of inputs and kept in the store (kh330lib.store) beside the unit table."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import __version__
from ..data.pools import Pools, ReferencePool, dataset_pools, pool_files
from ..data.tables import Dataset
from ..methods.settings import Methods
from ..methods.skill import FOLDS, PoolData, Reliability, RiseScore, SkillRow, score_pools, summarize
from ..store.keys import depends_on, digest, hash_files
from ..store.settings import METHODS, load_methods
from ..store.tables import stored_table

__all__ = ["Skill", "pool_data", "stored_skill", "skill_of"]

# One long table holds the whole report in the store: rows of the skill table, of the reliability diagrams and
# of the widening factors each pool was scored with.
COLUMNS = ("kind", "pool", "window", "horizons", "rise", "index", "name", "value")


@dataclass(frozen=True)
class Skill:
    """What the scoring found: the table, the reliability diagrams and each pool's (left-out) widening; the
    forecaster's own widening by horizon (params/methods.yaml) that the briefs' forecasts carry."""

    rows: tuple[SkillRow, ...]
    reliability: tuple[Reliability, ...]
    factors: dict[str, tuple[float, ...]]
    pools: Pools
    folds: int
    widening: tuple[float, ...]

    def row(self, pool: str, window: str = "4", horizons: str = "1-6") -> SkillRow | None:
        return next((r for r in self.rows if r.pool == pool and r.window == window and r.horizons == horizons), None)

    def no_skill(self) -> list[tuple[SkillRow, float, str]]:
        """Where the forecaster is not better than a baseline, by pool and window and by horizon band: (row, rise,
        'random_walk' or 'climatology'); and every pool and rise without events (nothing to be skilful about)."""
        out = []
        for r in self.rows:
            for s in r.rises:
                if s.events == 0 or math.isnan(s.skill_random_walk):
                    # Said once per pool and window, not again for each horizon band.
                    if r.window != "both":
                        out.append((r, s.rise, "no_events"))
                    continue
                if s.skill_random_walk < 0.05:
                    out.append((r, s.rise, "random_walk"))
                if not math.isnan(s.skill_climatology) and s.skill_climatology < 0:
                    out.append((r, s.rise, "climatology"))
        return out


def pool_data(pools: Pools) -> list[PoolData]:
    """The pools as the scoring reads them, each with the rises it is scored on."""
    return [PoolData(p.id, p.names, p.years, p.values, p.bounds, True, _rises(pools, p)) for p in pools.pools]


def _rises(pools: Pools, pool: ReferencePool) -> tuple[float, ...]:
    return tuple(sorted(set(pools.rise) | set(pool.rise)))


def _key(pools: Pools, methods: Methods) -> str:
    """The hash of what the report is computed from: this module's code, the settings file, the pools' files."""
    files = depends_on(code=(__name__,), files={"params/methods.yaml": METHODS, **pool_files(pools)})
    return digest({"version": __version__, "files": hash_files(files), "methods": repr(methods.forecast),
                   "folds": FOLDS})


def _compute(pools: Pools, methods: Methods) -> pd.DataFrame:
    cells = score_pools(pool_data(pools), methods.forecast, rises=pools.rise)
    rises = {p.id: _rises(pools, p) for p in pools.pools}
    rises["all"] = pools.rise
    rows, reliability, factors = summarize(cells, rises)
    out = []
    for r in rows:
        base = ("row", r.pool, r.window, r.horizons)
        out += [(*base, None, 0, "forecasts", float(r.forecasts)), (*base, None, 0, "coverage_80", r.coverage_80),
                (*base, None, 0, "coverage_50", r.coverage_50)]
        for s in r.rises:
            out += [(*base, s.rise, i, name, float(v)) for i, (name, v) in enumerate(s._asdict().items())]
    for rel in reliability:
        for i, (f, o, c) in enumerate(zip(rel.forecast, rel.observed, rel.count)):
            out += [("reliability", "all", "", "", rel.rise, i, "forecast", f),
                    ("reliability", "all", "", "", rel.rise, i, "observed", o),
                    ("reliability", "all", "", "", rel.rise, i, "count", float(c))]
    for pool, ks in factors.items():
        out += [("factor", pool, "", "", None, h, "widening", float(k)) for h, k in enumerate(ks, start=1)]
    return pd.DataFrame(out, columns=list(COLUMNS))


def _number(v: object) -> float:
    return float("nan") if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)  # type: ignore[arg-type]


def _rebuild(table: pd.DataFrame, pools: Pools, methods: Methods) -> Skill:
    rows = []
    body = table[table["kind"] == "row"]
    for (pool, window, horizons), g in body.groupby(["pool", "window", "horizons"], sort=False):
        scalars = g[g["rise"].isna()].set_index("name")["value"]
        rises = []
        for rise, rg in g[g["rise"].notna()].groupby("rise", sort=True):
            vals = rg.sort_values("index")["value"].tolist()
            rises.append(RiseScore(float(vals[0]), int(vals[1]), *(_number(v) for v in vals[2:8]), int(vals[8])))
        rows.append(SkillRow(str(pool), str(window), str(horizons), int(scalars["forecasts"]),
                             _number(scalars["coverage_80"]), _number(scalars["coverage_50"]), tuple(rises)))
    reliability = []
    rel = table[table["kind"] == "reliability"]
    for rise, g in rel.groupby("rise", sort=True):
        part = {n: g[g["name"] == n].sort_values("index")["value"].tolist() for n in ("forecast", "observed", "count")}
        reliability.append(Reliability(float(rise), tuple(_number(v) for v in part["forecast"]),
                                       tuple(_number(v) for v in part["observed"]),
                                       tuple(int(v) for v in part["count"])))
    factors = {str(p): tuple(float(v) for v in g.sort_values("index")["value"])
               for p, g in table[table["kind"] == "factor"].groupby("pool", sort=False)}
    return Skill(tuple(rows), tuple(reliability), factors, pools, FOLDS, tuple(methods.forecast.widening))


def stored_skill(pools: Pools, methods: Methods | None = None, cache_dir: Path | None = None) -> Skill:
    """The skill report of these pools and methods: read from the store, or computed (about a minute) and stored."""
    methods = methods or load_methods()
    table = stored_table("skill", _key(pools, methods), COLUMNS, lambda: _compute(pools, methods), cache_dir)
    return _rebuild(table, pools, methods)


def skill_of(dataset: Dataset, methods: Methods | None = None) -> Skill | None:
    """The stored skill report for the dataset's pools (None where params/pools.yaml declares none)."""
    pools = dataset_pools(dataset)
    return stored_skill(pools, methods) if pools is not None and pools.pools else None

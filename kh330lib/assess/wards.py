"""Every target for many units (wards, communes) in one pass → one table; the heavy numbers computed in batches.

`assess_units` gives, row for row, what `assess_all(for_geo(dataset, unit))` gives unit by unit, turned into a
row by `unit_row`. What it shares: one run context (calibration, the series index, the models of the city and
national series proxies and money views use); the rows of a target a unit has no figures for, which do not
depend on the unit; and, for every level target with a projection, the fits, sample paths, sensitivity cases
and own backtests of all units at once (`methods.forecast`, `methods.paths`). A unit's
series are read as plain arrays from the run's index (`series.Points`), never as tables: the batch jobs of level
targets and the rows of targets counted over years (cumulative, milestone) are made from them, and only a
series the batch cannot take goes through the one-series `assess_one`. A unit's models are dropped once its rows
are made, and rows are kept as tuples, so memory grows little with the number of units.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from ..data.catalog import Indicator, Target
from ..data.scenarios import Scenario
from ..data.tables import Dataset
from ..data.wards import local_geos
from ..methods.evidence import Evidence, evidence_strength
from ..methods.projection import scale_for
from ..methods.settings import Methods
from .assessment import Assessment, headline
from .context import RunContext, run_context
from .engine import assess_one
from .series import DEFAULT_SEED, Points, points_since_break
from .unit_numbers import Numbers, batch_numbers
from .verdicts import LevelParts, counted_parts, level_parts

UNIT_COLUMNS = ("geo", "target", "breakdown", "indicator", "kind", "verdict", "n_points", "first_year",
                "latest_year", "latest_value", "latest_status", "evidence", "base_year", "base_value",
                "observed_annual_change", "required_annual_change", "acceleration_factor", "progress_ratio",
                "unsd_ratio", "unsd_status", "model", "scale", "median", "lo80", "hi80", "lo95", "hi95", "widening",
                "threshold", "p_meet", "p_meet_by", "expected_year", "band", "p_low", "p_high", "as_number",
                "cases", "held_out", "coverage_80", "coverage_50", "total", "reason")
_GEO = UNIT_COLUMNS.index("geo")
# Level targets modelled together: enough to amortise each array expression, few enough that the sample paths
# of a chunk (units × paths × years) stay in tens of megabytes.
CHUNK = 96


def _record(row: dict[str, Any]) -> tuple:
    """A row's values in `UNIT_COLUMNS` order: what the table is built from (half a dict's memory per row)."""
    return tuple(row[c] for c in UNIT_COLUMNS)


def _row(tg: Target, breakdown: str, geo: str, points: Points, evidence: Evidence, verdict: str,
         **values: Any) -> dict[str, Any]:
    """One table row: the target, the series' facts, and the numbers given (None for the rest)."""
    n = len(points)
    row: dict[str, Any] = dict.fromkeys(UNIT_COLUMNS)
    row.update(geo=geo, target=tg.id, breakdown=breakdown, indicator=tg.indicator, kind=tg.kind,
               verdict=str(verdict), n_points=n, evidence=evidence.level, as_number=False, cases=0)
    if n:
        row.update(first_year=int(points.years[0]), latest_year=int(points.years[-1]),
                   latest_value=float(points.values[-1]), latest_status=str(points.statuses[-1]))
    row.update(values)
    return row


def _level_values(lv: LevelParts, points: Points) -> dict[str, Any]:
    base_value = None
    if lv.base.year is not None:
        base_value = float(points.values[points.years == lv.base.year][0])
    return dict(base_year=lv.base.year, base_value=base_value,
                observed_annual_change=lv.pace.observed_annual_change,
                required_annual_change=lv.pace.required_annual_change,
                acceleration_factor=lv.pace.acceleration_factor, progress_ratio=lv.progress.ratio,
                unsd_ratio=lv.unsd.ratio, unsd_status=None if lv.unsd.status is None else str(lv.unsd.status),
                threshold=lv.threshold)


def unit_row(a: Assessment) -> dict[str, Any]:
    """An Assessment as one row of the unit table."""
    values: dict[str, Any] = {}
    if a.base is not None:
        values.update(base_year=a.base.year, base_value=a.base_value)
    if a.pace is not None:
        values.update(observed_annual_change=a.pace.observed_annual_change,
                      required_annual_change=a.pace.required_annual_change,
                      acceleration_factor=a.pace.acceleration_factor)
    if a.progress is not None:
        values["progress_ratio"] = a.progress.ratio
    if a.unsd is not None:
        values.update(unsd_ratio=a.unsd.ratio, unsd_status=None if a.unsd.status is None else str(a.unsd.status))
    if a.projection is not None:
        values.update(model=a.projection.model, scale=a.projection.scale.kind, widening=a.widening_at_deadline,
                      **(a.at_deadline() or {}))
    if a.probability is not None:
        values.update(p_meet=a.probability.p_meet, p_meet_by=a.probability.p_meet_by,
                      expected_year=a.probability.expected_year)
    if a.chance is not None:
        c = a.chance
        values.update(band=str(c.band), p_low=c.low, p_high=c.high, as_number=c.as_number, cases=len(c.cases))
    if a.backtest is not None:
        values.update(held_out=a.backtest.held_out, coverage_80=a.backtest.coverage_80,
                      coverage_50=a.backtest.coverage_50)
    if a.cumulative is not None:
        values["total"] = a.cumulative.total
    values.update(threshold=a.threshold, reason=";".join(r.code.value for r in a.reason))
    return _row(a.target, a.breakdown, a.geo, Points.of(a.series), a.evidence, a.verdict, **values)


@dataclass
class Job:
    """A level target of one unit whose projection is computed in a batch."""

    row: int
    target: Target
    indicator: Indicator
    geo: str
    breakdown: str
    points: Points
    evidence: Evidence
    parts: LevelParts
    floor: float
    before_break: tuple[int, np.ndarray, np.ndarray] | None

    @property
    def years(self) -> np.ndarray:
        return self.points.years

    @property
    def values(self) -> np.ndarray:
        return self.points.values

    @property
    def statuses(self) -> np.ndarray:
        return self.points.statuses


def _geo_free(ctx: RunContext, tg: Target, geo: str, breakdown: str) -> bool:
    """Whether the unit has no figures (and no assumed ones) for the target: its row is then the same for all."""
    if tg.kind == "qualitative" or tg.indicator is None:
        return True
    return not ctx.index.has(tg.indicator, geo, breakdown) and not ctx.scenario.for_series(tg.indicator, geo,
                                                                                              breakdown)


def _job(ctx: RunContext, row: int, tg: Target, geo: str, breakdown: str, base_year: int | None) -> Job | None:
    """The batch job of a level target with enough points, or None where the one-series path is needed."""
    m = ctx.methods
    if tg.kind in ("qualitative", "cumulative", "milestone") or tg.indicator is None:
        return None
    # A scenario's trend adjustments act on each ensemble object: those series take the one-series path.
    if any(a.type != "assumed_value" for a in ctx.scenario.for_series(tg.indicator, geo, breakdown)):
        return None
    ind = ctx.dataset.registry.indicators[tg.indicator]
    full = ctx.points(tg.indicator, geo, breakdown)
    pts, notes, break_year = points_since_break(full, ctx.breaks(ind, geo))
    if len(pts) < m.min_points_projection or int(pts.years[-1]) >= m.horizon_end:
        return None
    ev = evidence_strength(pts.years, list(pts.statuses), as_of=ctx.as_of, rules=m.evidence_rules,
                           weak_statuses=m.weak_statuses)
    parts = level_parts(tg, ind, pts.years, pts.values, list(notes), base_year, m)
    before = (break_year, full.years, full.values) if break_year is not None else None
    return Job(row, tg, ind, geo, breakdown, pts, ev, parts, ctx.calibrated.floor(ind, float(pts.values[-1])), before)


def _counted_row(ctx: RunContext, tg: Target, geo: str, breakdown: str) -> dict[str, Any] | None:
    """The row of a cumulative or milestone target from the series' arrays, as `unit_row(assess_one(...))` gives it
    in the light run (no projection); None where the one-series path is needed."""
    if tg.kind not in ("cumulative", "milestone") or tg.indicator is None or not ctx.light:
        return None
    ind = ctx.dataset.registry.indicators[tg.indicator]
    pts, _, _ = points_since_break(ctx.points(tg.indicator, geo, breakdown), ctx.breaks(ind, geo))
    if not len(pts):
        return None
    m = ctx.methods
    ev = evidence_strength(pts.years, list(pts.statuses), as_of=ctx.as_of, rules=m.evidence_rules,
                           weak_statuses=m.weak_statuses)
    cp = counted_parts(tg, ind, pts.years, pts.values, ctx.as_of, m)
    values: dict[str, Any] = {"total": cp.cumulative.total} if cp.cumulative is not None else {}
    return _row(tg, breakdown, geo, pts, ev, headline(tg.kind, True, None, cp.cumulative, cp.milestone), **values,
                threshold=None, reason=";".join(r.code.value for r in cp.reason))


def _job_row(job: Job, num: Numbers, methods: Methods) -> dict[str, Any]:
    """The row of a batched job, from its level parts and its batched numbers."""
    lv, tg = job.parts, job.target
    # As `assess.verdicts` does: with a projection, the core reasons are those of the growth ratio.
    core = tuple(dict.fromkeys(lv.reasons[k] for k in ("progress", "projection") if k in lv.reasons))
    values = _level_values(lv, job.points)
    values.update(model="ensemble", scale=scale_for(job.indicator.bounds, job.values, is_share=job.indicator.is_share,
                                                    eps=methods.logit_epsilon).kind,
                  **num.at_deadline, widening=num.widening, p_meet=num.p_meet, p_meet_by=num.p_meet_by,
                  expected_year=num.expected_year, held_out=num.backtest.held_out,
                  coverage_80=num.backtest.coverage_80, coverage_50=num.backtest.coverage_50,
                  reason=";".join(r.code.value for r in core))
    if num.chance is not None:
        c = num.chance
        values.update(band=str(c.band), p_low=c.low, p_high=c.high, as_number=c.as_number, cases=len(c.cases))
    verdict = headline(tg.kind, True, lv.progress, None, None, str(num.chance.band) if num.chance else None,
                       methods.verdict_bands)
    return _row(tg, job.breakdown, job.geo, job.points, job.evidence, verdict, **values)


def assess_units(dataset: Dataset, geos: Iterable[str] | None = None, *, scenario: Scenario | str | Path | None = None,
                 base_year: int | None = None, seed: int = DEFAULT_SEED, methods: Methods | None = None,
                 targets: Sequence[Target] | None = None, batched: bool = True, chunk: int = CHUNK) -> pd.DataFrame:
    """Every target × level for every unit (default: the wards and communes), one row each (`UNIT_COLUMNS`),
    in unit, then registry order; each target is placed at the unit as `for_geo` places it.

    `batched=False` assesses target by target (the reference the batched numbers are tested against).
    """
    ctx = run_context(dataset, methods, scenario, seed, light=True)
    units = list(geos) if geos is not None else [g.id for g in local_geos(dataset.registry)]
    chosen = list(targets) if targets is not None else list(dataset.registry.targets)
    rows: list[tuple] = []
    jobs: list[Job] = []
    same: dict[tuple[str, str], tuple] = {}
    for geo in units:
        for tg in chosen:
            here: Target | None = None
            for b in tg.breakdown or ("",):
                if _geo_free(ctx, tg, geo, b):
                    if (tg.id, b) not in same:
                        same[(tg.id, b)] = _record(unit_row(assess_one(ctx, dataclasses.replace(tg, geo=geo), geo, b,
                                                                        base_year)))
                    shared = same[(tg.id, b)]
                    rows.append(shared[:_GEO] + (geo,) + shared[_GEO + 1:])
                    continue
                here = here or dataclasses.replace(tg, geo=geo)
                if batched and (row := _counted_row(ctx, here, geo, b)) is not None:
                    rows.append(_record(row))
                    continue
                job = _job(ctx, len(rows), here, geo, b, base_year) if batched else None
                rows.append(_record(unit_row(assess_one(ctx, here, geo, b, base_year))) if job is None else ())
                if job is not None:
                    jobs.append(job)
        ctx.forget(geo)
        if len(jobs) >= chunk:
            _run(ctx, jobs, rows, base_year)
            jobs = []
    _run(ctx, jobs, rows, base_year)
    return pd.DataFrame(rows, columns=list(UNIT_COLUMNS))


def _run(ctx: RunContext, jobs: list[Job], rows: list[tuple], base_year: int | None) -> None:
    """Fill the rows of a chunk of jobs; a job the batch cannot take (no member fits, or a flat member whose
    paths are redrawn) is assessed on its own."""
    if not jobs:
        return
    for job, num in zip(jobs, batch_numbers(jobs, ctx.methods, ctx.peers, ctx.seed)):
        if num is None:
            rows[job.row] = _record(unit_row(assess_one(ctx, job.target, job.geo, job.breakdown, base_year)))
            ctx.forget(job.geo)
        else:
            rows[job.row] = _record(_job_row(job, num, ctx.methods))

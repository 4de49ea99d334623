"""The assessment engine: dataset + target (+ scenario) → `Assessment` (numbers and codes, never prose).

`assess_target`, `assess_levels` and `assess_all` are what notebooks, the
briefs and `kh330 assess` call. An Assessment keeps the series used (with
statuses), the projection (median, intervals, sample paths), the required path
and the chosen model, so charts never recompute anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np
import pandas as pd

from .. import paths
from ..codes import Reason, UnsdStatus, Verdict, Why, because
from ..data.catalog import Break, Indicator, Target
from ..data.observations import AnnualIndex, Dataset, annual_series
from ..data.pools import ReferencePool, dataset_pools
from ..data.rules import base_year_problem
from ..data.scenarios import Scenario, resolve_scenario, with_assumptions
from ..data.status import proxies_for
from ..errors import FitFailure, InputError, problem
from ..methods.adjust import adjust_projection, required_path
from ..methods.attainment import (
    BaseYear,
    Cumulative,
    ExpectedValue,
    GrowthRatio,
    Milestone,
    MoneyCell,
    Pace,
    choose_base,
    cumulative,
    effective_threshold,
    goal_value,
    growth_ratio,
    increasing,
    meets,
    milestone,
    money_view,
    pace,
    probability,
    unsd_expected,
)
from ..methods.ensemble import Ensemble
from ..methods.evidence import Evidence, evidence_strength
from ..methods.likelihood import Chance, ModelChance, chance
from ..methods.outside import OutsideView, outside_view
from ..methods.sensitivity import sensitivity
from ..methods.settings import Methods, load_methods
from .assessment import Assessment
from .calibrated import calibrate
from .series import DEFAULT_SEED, NO_PEERS, Peers, Points, ProxyView, SeriesModel, model_series, project, since_break

SERIES_COLUMNS = ["year", "value", "status", "source", "period"]


class _Context:
    """What one run shares across targets: methods, scenario, seed and fitted series."""

    def __init__(self, dataset: Dataset, methods: Methods, scenario: Scenario, seed: int):
        self.dataset = dataset
        self.methods = methods
        self.scenario = scenario
        self.seed = seed
        self.calibrated = calibrate(dataset, methods)
        years = dataset.observations["year"]
        # Recency is judged against the newest year in the data, so equal inputs give equal outputs.
        self.as_of = int(years.max()) if len(years) else dt.date.today().year
        self._models: dict[tuple[str, str, str], SeriesModel] = {}
        # Built once per run: finding a series no longer scans the whole table.
        self.index = AnnualIndex(dataset.observations)
        # Whether targets counted over years (cumulative, milestone) skip the projection they never show: the
        # unit table (assess/wards.py) leaves it out, the full Assessment keeps it for its notes.
        self.light = False
        self._proxies: dict[tuple[str, str], tuple] = {}
        self.pools = dataset_pools(dataset)
        self._peers: dict[str, Peers] = {}

    def peers(self, indicator: Indicator) -> Peers:
        """The reference pool of an indicator (params/pools.yaml), where one is declared for a share of it."""
        if indicator.id not in self._peers:
            pool = self.pools.for_indicator(indicator.id) if self.pools is not None else None
            if pool is None or not indicator.is_share or tuple(indicator.bounds) != pool.bounds:
                self._peers[indicator.id] = NO_PEERS
            else:
                self._peers[indicator.id] = Peers(pool, tuple(zip(pool.years, pool.values)))
        return self._peers[indicator.id]

    def series(self, indicator: str, geo: str, breakdown: str) -> pd.DataFrame:
        # The index gives SERIES_COLUMNS in order (an empty frame with them where there is no series).
        base = self.index.series(indicator, geo, breakdown)
        return with_assumptions(base, self.scenario.for_series(indicator, geo, breakdown), self.scenario.name)

    def points(self, indicator: str, geo: str, breakdown: str) -> Points:
        """The points of `series` as plain arrays: straight from the index unless the scenario assumes values."""
        if any(a.type == "assumed_value" for a in self.scenario.for_series(indicator, geo, breakdown)):
            return Points.of(self.series(indicator, geo, breakdown))
        return Points(*self.index.arrays(indicator, geo, breakdown))

    def breaks(self, indicator: Indicator, geo: str) -> tuple[Break, ...]:
        """The declared breaks of a series: its indicator's and its area's."""
        area = self.dataset.registry.geos.get(geo)
        return tuple(indicator.breaks) + (tuple(area.breaks) if area is not None else ())

    def proxies(self, indicator: str, breakdown: str) -> tuple:
        key = (indicator, breakdown)
        if key not in self._proxies:
            self._proxies[key] = proxies_for(self.dataset, indicator, breakdown)
        return self._proxies[key]

    def model(self, indicator: str, geo: str, breakdown: str, fit: bool = True) -> SeriesModel:
        key = (indicator, geo, breakdown)
        if key not in self._models and not fit:
            ind = self.dataset.registry.indicators[indicator]
            cut, notes, _ = since_break(self.series(indicator, geo, breakdown), self.breaks(ind, geo))
            return SeriesModel(indicator, geo, breakdown, cut, None, None, notes)
        if key not in self._models:
            ind = self.dataset.registry.indicators[indicator]
            self._models[key] = model_series(self.series(indicator, geo, breakdown), ind, geo, breakdown,
                                             self.methods, self.calibrated, breaks=self.breaks(ind, geo),
                                             seed=self.seed, peers=self.peers(ind))
        return self._models[key]

    def forget(self, geo: str) -> None:
        """Drop the models of one geo (a unit's sample paths are not kept once its rows are made)."""
        for key in [k for k in self._models if k[1] == geo]:
            del self._models[key]


def _context(dataset: Dataset, methods: Methods | None, scenario: Scenario | str | Path | None,
             seed: int) -> _Context:
    return _Context(dataset, methods or load_methods(), resolve_scenario(scenario, dataset.registry), seed)


def _resolve_target(dataset: Dataset, target: Target | str) -> Target:
    return target if isinstance(target, Target) else dataset.registry.target(target)


def check_base_year(dataset: Dataset, target: Target | str, base_year: int, *, geo: str | None = None,
                    breakdown: str = "") -> str | None:
    """Why `base_year` cannot serve for this target's series (an input problem), or None if it can."""
    tg = _resolve_target(dataset, target)
    if tg.indicator is None:
        return None
    s = annual_series(dataset.observations, tg.indicator, geo or tg.geo, breakdown)
    if len(s) < 2:
        return None
    wrong = base_year_problem(base_year, int(s["year"].iloc[-1]), of=tg.indicator)
    return wrong[0] if wrong else None


def _levels(target: Target, breakdown: str) -> str:
    if target.breakdown and not breakdown:
        levels = ", ".join(repr(b) for b in target.breakdown)
        raise InputError([problem(paths.TARGETS, None, "breakdown",
                                  f"target '{target.id}' is assessed separately for each level",
                                  f"pass breakdown= one of {levels}, or use assess_levels()", kind="field")])
    if breakdown and breakdown not in target.breakdown:
        levels = ", ".join(target.breakdown) or "none"
        raise InputError([problem(paths.TARGETS, None, "breakdown",
                                  f"'{breakdown}' is not a level of target '{target.id}'",
                                  f"use one of: {levels}", kind="field")])
    return breakdown


def assess_target(dataset: Dataset, target: Target | str, *, geo: str | None = None, breakdown: str = "",
                  base_year: int | None = None, scenario: Scenario | str | Path | None = None,
                  seed: int = DEFAULT_SEED, methods: Methods | None = None) -> Assessment:
    """Assess one target (one breakdown level) under a scenario (baseline if None)."""
    tg = _resolve_target(dataset, target)
    ctx = _context(dataset, methods, scenario, seed)
    return _assess(ctx, tg, geo or tg.geo, _levels(tg, breakdown), base_year)


def assess_levels(dataset: Dataset, target: Target | str, *, geo: str | None = None, base_year: int | None = None,
                  scenario: Scenario | str | Path | None = None, seed: int = DEFAULT_SEED,
                  methods: Methods | None = None) -> list[Assessment]:
    """One Assessment per breakdown level of the target (one for a target without levels)."""
    tg = _resolve_target(dataset, target)
    ctx = _context(dataset, methods, scenario, seed)
    return [_assess(ctx, tg, geo or tg.geo, b, base_year) for b in (tg.breakdown or ("",))]


def assess_all(dataset: Dataset, *, scenario: Scenario | str | Path | None = None, base_year: int | None = None,
               seed: int = DEFAULT_SEED, methods: Methods | None = None,
               targets: Iterable[Target] | None = None) -> list[Assessment]:
    """Every registry target × breakdown level, in registry order; series are modelled once and shared."""
    ctx = _context(dataset, methods, scenario, seed)
    return [_assess(ctx, tg, tg.geo, b, base_year)
            for tg in (targets if targets is not None else dataset.registry.targets)
            for b in (tg.breakdown or ("",))]


def _empty_series() -> pd.DataFrame:
    return pd.DataFrame(columns=SERIES_COLUMNS)


def _assess(ctx: _Context, tg: Target, geo: str, breakdown: str, base_year: int | None) -> Assessment:
    """One target × level: data status and proxies, then the verdicts of its kind."""
    m = ctx.methods
    if tg.kind == "qualitative" or tg.indicator is None:
        qualitative = because(Why.QUALITATIVE)
        ev = Evidence("none", 0, None, None, 0, (qualitative,))
        return Assessment(tg, breakdown, geo, ctx.scenario, _empty_series(), ev, ctx.as_of, reason=(qualitative,),
                          reasons={"target": qualitative})
    ind = ctx.dataset.registry.indicators[tg.indicator]
    sm = ctx.model(tg.indicator, geo, breakdown, fit=not (ctx.light and tg.kind in ("cumulative", "milestone")))
    series = sm.series
    years = series["year"].to_numpy(dtype=int)
    values = series["value"].to_numpy(dtype=float)
    statuses = [str(s) for s in series["status"]]
    ev = evidence_strength(years, statuses, as_of=ctx.as_of, rules=m.evidence_rules, weak_statuses=m.weak_statuses)
    notes = list(sm.notes)
    if any(s == "assumption" for s in statuses):
        notes.append(because(Why.ASSUMED_VALUES, scenario=ctx.scenario.name))
    proxies: tuple[ProxyView, ...] = ()
    # Proxies are shown where Huế has no measured value of its own (assumed values are not data).
    if not any(s not in m.weak_statuses for s in statuses):
        reg = ctx.dataset.registry.indicators
        proxies = tuple(ProxyView(p.indicator, p.geo, p.relation, p.unit,
                                  ctx.model(p.indicator, p.geo, breakdown if p.indicator == tg.indicator else ""),
                                  reg[p.indicator].label_vi, reg[p.indicator].label_en)
                        for p in ctx.proxies(tg.indicator, breakdown) if p.geo != geo)
    common = dict(target=tg, breakdown=breakdown, geo=geo, scenario=ctx.scenario, series=series, evidence=ev,
                  as_of=ctx.as_of, proxies=proxies, indicator=ind,
                  verdict_rule=m.verdict_bands)
    if len(series) == 0:
        # The plan's own geo is Huế; another geo asked for explicitly is named as such.
        no_data = because(Why.NO_DATA) if geo == tg.geo else because(Why.NO_DATA_GEO, geo=geo)
        reasons = {k: no_data for k in ("progress", "unsd", "pace", "projection", "probability")}
        extra: dict[str, Any] = {}
        if tg.kind == "cumulative":
            extra["cumulative"] = Cumulative(tg.start, tg.deadline, None, (), (), None, None, None, None,
                                             Verdict.INSUFFICIENT_DATA, no_data)
        if tg.kind == "milestone":
            extra["milestone"] = Milestone(None, None, no_data)
        money, money_proj, money_reason = _money(ctx, tg)
        if money_reason:
            reasons["money"] = money_reason
        if money or money_reason:
            extra["money_denominator"] = ctx.methods.money_denominator
        if tg.kind == "level":
            extra.update(_outside_from_proxy(ctx, tg, ind, proxies))
        return Assessment(**common, progress=GrowthRatio(None, None, None, Verdict.INSUFFICIENT_DATA, no_data),
                          unsd=ExpectedValue(None, None, UnsdStatus.INSUFFICIENT_DATA, no_data),
                          pace=Pace(None, None, None, no_data), reason=(no_data,), reasons=reasons,
                          notes=tuple(notes), money=money, money_projection=money_proj, **extra)
    if tg.kind in ("cumulative", "milestone"):
        cp = counted_parts(ctx, tg, ind, years, values)
        return Assessment(**common, cumulative=cp.cumulative, milestone=cp.milestone, reason=cp.reason,
                          reasons=cp.reasons, notes=tuple(notes))
    return _assess_level(ctx, tg, ind, sm, common, notes, base_year)


@dataclass(frozen=True)
class CountedParts:
    """The verdict parts of a target counted over years (cumulative or milestone) with data."""

    cumulative: Cumulative | None
    milestone: Milestone | None
    reason: tuple[Reason, ...]
    reasons: dict[str, Reason]


def counted_parts(ctx: _Context, tg: Target, ind: Indicator, years: np.ndarray, values: np.ndarray) -> CountedParts:
    """The total so far and its pace (cumulative), or whether and when a report met the target (milestone)."""
    if tg.kind == "cumulative":
        cmp = tg.comparator or ">="
        cum = cumulative(years, values, start=tg.start, deadline=tg.deadline, target_value=float(tg.value),
                         comparator=cmp, as_of=ctx.as_of,
                         goal=goal_value(float(tg.value), cmp, _step(ctx, ind)))
        return CountedParts(cum, None, (cum.reason,) if cum.total is None and cum.reason else (),
                            {"cumulative": cum.reason} if cum.reason else {})
    ms = milestone(years, values, deadline=tg.deadline, as_of=ctx.as_of, comparator=tg.comparator or ">=",
                   target_value=float(tg.value))
    return CountedParts(None, ms, (), {"milestone": ms.reason} if ms.reason else {})


@dataclass(frozen=True)
class LevelParts:
    """What a level target's verdict rests on before any projection: base year, ratios, pace and threshold."""

    base: BaseYear
    progress: GrowthRatio
    unsd: ExpectedValue
    pace: Pace
    goal: float
    threshold: float
    threshold_comparator: str
    met_latest: bool
    reasons: dict[str, Reason]
    notes: list[Reason]


def level_parts(ctx: _Context, tg: Target, ind: Indicator, years: np.ndarray, values: np.ndarray,
                notes: list[Reason], base_year: int | None) -> LevelParts:
    """Growth ratios, pace and the threshold of a level target with data (`notes` gains their notes)."""
    m = ctx.methods
    comparator = tg.comparator or ">="
    target_value = float(tg.value)  # type: ignore[arg-type]
    latest_year, latest_value = int(years[-1]), float(values[-1])
    threshold, thr_cmp, thr_note = effective_threshold(target_value, comparator, ind.bounds, m.near_bound_tolerance)
    if thr_note:
        notes.append(thr_note)
    met_strict = tg.met(latest_value)
    # UNSD: a value within the tolerance of a bound it targets counts as met.
    met_unsd = met_strict or (thr_note is not None and bool(meets(latest_value, thr_cmp, threshold)))
    reasons: dict[str, Reason] = {}
    base = choose_base(years, requested=base_year, years_before_latest=m.years_before_latest)
    if base.note and base.year is not None:
        notes.append(base.note)
    elif base.note:
        reasons["base_year"] = base.note
    base_value = float(values[years == base.year][0]) if base.year is not None else None
    if len(years) < m.min_points_progress:
        base = BaseYear(None, because(Why.FEW_POINTS, n=len(years), need=m.min_points_progress))
        base_value = None
    progress = growth_ratio(base.year, base_value, latest_year, latest_value, target_value, tg.deadline,
                            comparator=comparator, met=met_strict, on_track=m.on_track,
                            needs_acceleration=m.needs_acceleration, limited_progress=m.limited_progress)
    unsd = unsd_expected(base.year, base_value, latest_year, latest_value, target_value, tg.deadline, met=met_unsd,
                         on_track=m.unsd_on_track, fair_progress=m.unsd_fair_progress, bounds=ind.bounds)
    # Pace and path run to the smallest value that meets the target: "> 80 %" is not met at 80 %.
    goal = goal_value(target_value, comparator, _step(ctx, ind))
    pc = pace(base.year, base_value, latest_year, latest_value, goal, tg.deadline, comparator=comparator,
              met=met_strict)
    for key, obj in (("progress", progress), ("unsd", unsd), ("pace", pc)):
        if obj.reason:
            reasons[key] = base.note if base.year is None and base.note else obj.reason
    return LevelParts(base, progress, unsd, pc, goal, threshold, thr_cmp, bool(met_strict or met_unsd), reasons,
                      notes)


def _assess_level(ctx: _Context, tg: Target, ind: Indicator, sm: SeriesModel, common: dict,
                  notes: list[Reason], base_year: int | None) -> Assessment:
    """A level target with data: growth ratios, pace, scenario-adjusted projection and probabilities."""
    m = ctx.methods
    series = sm.series
    years = series["year"].to_numpy(dtype=int)
    values = series["value"].to_numpy(dtype=float)
    target_value = float(tg.value)  # type: ignore[arg-type]
    latest_year, latest_value = int(years[-1]), float(values[-1])
    lv = level_parts(ctx, tg, ind, years, values, notes, base_year)
    base, progress, unsd, pc, goal = lv.base, lv.progress, lv.unsd, lv.pace, lv.goal
    threshold, thr_cmp, reasons = lv.threshold, lv.threshold_comparator, lv.reasons
    projection = sm.projection
    prob, odds = None, None
    if projection is not None:
        adjust = _adjuster(ctx, tg, common["geo"], common["breakdown"], target_value)
        projection = adjust(projection, latest_year, latest_value)
        if tg.deadline <= latest_year:
            reasons["probability"] = because(Why.DEADLINE_NOT_AFTER_LATEST, deadline=tg.deadline,
                                             latest=latest_year)
        prob = probability(projection, threshold=threshold, comparator=thr_cmp, deadline=tg.deadline,
                           horizon_end=m.horizon_end, latest_year=latest_year,
                           met_latest=lv.met_latest)
        if prob.p_meet is not None:
            odds = _chance(ctx, ind, sm, projection, prob.p_meet, adjust, threshold, thr_cmp, tg.deadline)
    else:
        reasons["projection"] = sm.reason or because(Why.NO_PROJECTION)
        reasons["probability"] = sm.reason or because(Why.NO_PROJECTION)
    required = required_path(latest_year, latest_value, goal, tg.deadline)
    peers = sm.peers or NO_PEERS
    outside = None
    if peers.pool is not None and not lv.met_latest and tg.deadline > latest_year and increasing(thr_cmp):
        outside = _outside(peers.pool, latest_value, goal - latest_value, tg.deadline - latest_year,
                           pc.observed_annual_change)
    money, money_proj, money_reason = _money(ctx, tg)
    if money_reason:
        reasons["money"] = money_reason
    core = tuple(dict.fromkeys(reasons[k] for k in ("progress", "projection") if k in reasons))
    return Assessment(**common, base=base, progress=progress, unsd=unsd, pace=pc, projection=projection,
                      backtest=sm.backtest, probability=prob, chance=odds, threshold=threshold,
                      threshold_comparator=thr_cmp,
                      required=required, money=money, money_projection=money_proj,
                      money_denominator=m.money_denominator if money or money_reason else None, reason=core,
                      reasons=reasons, notes=tuple(dict.fromkeys(notes)), pool=peers.pool, outside=outside,
                      outside_from=(common["geo"], latest_year, latest_value) if outside else None)


def _outside(pool: ReferencePool, start: float, rise: float, years: int, pace: float | None) -> OutsideView:
    """The outside view of a series now at `start`: its pool's similar cases and how many rose by `rise`."""
    sim = pool.similar
    return outside_view(list(zip(pool.years, pool.values)), start=start, rise=rise, years=years, level=sim.level,
                        pace=pace, pace_width=sim.pace, pace_years=sim.years, follow=sim.follow,
                        min_cases=sim.min_cases)


def _outside_from_proxy(ctx: _Context, tg: Target, ind: Indicator, proxies: tuple[ProxyView, ...]) -> dict[str, Any]:
    """Where Huế has no figure but a stand-in series of the same pool does (the national starting point): the
    outside view from that series' latest value, labelled with its geo; never Huế's figure, never a verdict."""
    pool = ctx.peers(ind).pool
    if pool is None or tg.value is None or not increasing(tg.comparator or ">="):
        return {}
    for p in proxies:
        s = p.series
        if pool.starting_points.get(ind.id) != p.indicator or not len(s):
            continue
        year, value = int(s["year"].iloc[-1]), float(s["value"].iloc[-1])
        goal = goal_value(float(tg.value), tg.comparator or ">=", _step(ctx, ind))
        if tg.deadline <= year or value >= goal:
            return {}
        return {"pool": pool, "outside": _outside(pool, value, goal - value, tg.deadline - year, None),
                "outside_from": (p.geo, year, value)}
    return {"pool": pool}


def _step(ctx: _Context, ind: Indicator) -> float:
    """The reporting step of an indicator's values: 1 for counts, else methods.yaml `pace.strict_step`."""
    return 1.0 if ind.integer else ctx.methods.strict_step


def _money(ctx: _Context, tg: Target) -> tuple[tuple[MoneyCell, ...], Ensemble | None, Reason | None]:
    """Billion VND that each R&D share target means in projected GRDP (R&D targets only)."""
    m = ctx.methods
    if tg.indicator != m.money_share_indicator:
        return (), None, None
    if m.money_denominator not in ctx.dataset.registry.indicators:
        return (), None, because(Why.MONEY_NO_DENOMINATOR, indicator=m.money_denominator)
    sm = ctx.model(m.money_denominator, m.money_geo, "")
    if sm.projection is None:
        return (), None, because(Why.MONEY_NO_PROJECTION, indicator=m.money_denominator, reason=sm.reason)
    tgts = [t for t in ctx.dataset.registry.targets if t.indicator == m.money_share_indicator and t.value]
    shares = sorted({float(t.value) for t in tgts})  # type: ignore[arg-type]
    years = sorted({t.deadline for t in tgts})
    # No money figure where the GRDP interval is no longer backed by the calibration's horizons.
    return money_view(sm.projection, shares, years, m.money_max_years_ahead), sm.projection, None


def _adjuster(ctx: _Context, tg: Target, geo: str, breakdown: str,
              target_value: float) -> Callable[[Ensemble, int, float], Ensemble]:
    """The scenario's trend adjustments of this series, as one function of a projection and its latest point."""
    adjustments = [a for a in ctx.scenario.for_series(tg.indicator or "", geo, breakdown) if a.type != "assumed_value"]

    def adjust(projection: Ensemble, latest_year: int, latest_value: float) -> Ensemble:
        for adj in adjustments:
            value, deadline = target_value, tg.deadline
            if adj.target and adj.target != tg.id:
                other = ctx.dataset.registry.target(adj.target)
                value, deadline = float(other.value), other.deadline  # type: ignore[arg-type]
            projection = adjust_projection(projection, adj, latest_year=latest_year, latest_value=latest_value,
                                           target_value=value, deadline=deadline)
        return projection
    return adjust


def _chance(ctx: _Context, ind: Indicator, sm: SeriesModel, projection: Ensemble, combined: float,
            adjust: Callable[[Ensemble, int, float], Ensemble], threshold: float, comparator: str,
            deadline: int) -> Chance:
    """P(met) by member, under each sensitivity case, and the band of the combined P."""
    up = increasing(comparator)
    models = tuple(ModelChance(m.name, projection.member_p(deadline, threshold, up)[m.name], m.weight)
                   for m in projection.members if m.projection.index_of(deadline) is not None)

    def p_of(years: np.ndarray, values: np.ndarray) -> float | None:
        try:
            ens = adjust(project(years, values, ind, ctx.methods, ctx.calibrated, floor=sm.floor,
                                 peers=sm.peers or NO_PEERS),
                         int(years[-1]), float(values[-1]))
        except FitFailure:
            return None
        below = ens.cdf(deadline, threshold)
        return None if below is None else (1.0 - below if up else below)

    series = sm.series
    before = None
    if sm.before_break is not None and sm.break_year is not None:
        before = (sm.break_year, sm.before_break["year"].to_numpy(dtype=int),
                  sm.before_break["value"].to_numpy(dtype=float))
    cases = sensitivity(series["year"].to_numpy(dtype=int), series["value"].to_numpy(dtype=float),
                        [str(x) for x in series["status"]], p_of=p_of, shock=sm.floor,
                        min_points=ctx.methods.min_points_projection, bounds=ind.bounds, before_break=before)
    return chance(combined, models, cases, len(series), ctx.methods)

"""One target × level assessed from its gathered inputs (`assess.context.TargetInputs`): data status and proxies,
then the verdicts of its kind. Pure functions: nothing here reads the run or the data again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..codes import Reason, UnsdStatus, Verdict, Why, because
from ..data.catalog import Indicator, Target
from ..data.pools import ReferencePool
from ..errors import FitFailure
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
from ..methods.settings import Methods
from .assessment import Assessment
from .context import COUNTED, Aim, MoneyBasis, TargetInputs
from .series import NO_PEERS, Peers, ProxyView, SeriesModel, project

SERIES_COLUMNS = ["year", "value", "status", "source", "period"]


def assessed(inputs: TargetInputs, base_year: int | None) -> Assessment:
    """The Assessment of one target × level: qualitative, without data, counted over years, or a level."""
    tg, geo, m = inputs.target, inputs.geo, inputs.methods
    if inputs.model is None or inputs.indicator is None:
        qualitative = because(Why.QUALITATIVE)
        ev = Evidence("none", 0, None, None, 0, (qualitative,))
        return Assessment(tg, inputs.breakdown, geo, inputs.scenario, pd.DataFrame(columns=SERIES_COLUMNS), ev,
                          inputs.as_of, reason=(qualitative,), reasons={"target": qualitative})
    ind, sm = inputs.indicator, inputs.model
    series = sm.series
    years = series["year"].to_numpy(dtype=int)
    values = series["value"].to_numpy(dtype=float)
    statuses = [str(s) for s in series["status"]]
    ev = evidence_strength(years, statuses, as_of=inputs.as_of, rules=m.evidence_rules, weak_statuses=m.weak_statuses)
    notes = list(sm.notes)
    if any(s == "assumption" for s in statuses):
        notes.append(because(Why.ASSUMED_VALUES, scenario=inputs.scenario.name))
    common = dict(target=tg, breakdown=inputs.breakdown, geo=geo, scenario=inputs.scenario, series=series,
                  evidence=ev, as_of=inputs.as_of, proxies=inputs.proxies, indicator=ind, verdict_rule=m.verdict_bands)
    if len(series) == 0:
        return _without_data(inputs, ind, common, notes)
    if tg.kind in COUNTED:
        cp = counted_parts(tg, ind, years, values, inputs.as_of, m)
        return Assessment(**common, cumulative=cp.cumulative, milestone=cp.milestone, reason=cp.reason,
                          reasons=cp.reasons, notes=tuple(notes))
    return _level(inputs, ind, sm, common, notes, base_year)


def _without_data(inputs: TargetInputs, ind: Indicator, common: dict[str, Any], notes: list[Reason]) -> Assessment:
    """A target whose series has no point here: every measure says why; the money view and the outside view
    from a stand-in series where there is one."""
    tg, m = inputs.target, inputs.methods
    # The plan's own geo is Huế; another geo asked for explicitly is named as such.
    no_data = because(Why.NO_DATA) if inputs.geo == tg.geo else because(Why.NO_DATA_GEO, geo=inputs.geo)
    reasons = {k: no_data for k in ("progress", "unsd", "pace", "projection", "probability")}
    extra: dict[str, Any] = {}
    if tg.kind == "cumulative":
        extra["cumulative"] = Cumulative(tg.start, tg.deadline, None, (), (), None, None, None, None,
                                         Verdict.INSUFFICIENT_DATA, no_data)
    if tg.kind == "milestone":
        extra["milestone"] = Milestone(None, None, no_data)
    money, money_proj, money_reason = money_of(inputs.money, m)
    if money_reason:
        reasons["money"] = money_reason
    if money or money_reason:
        extra["money_denominator"] = m.money_denominator
    if tg.kind == "level":
        extra.update(outside_from_proxy(tg, ind, inputs.peers, inputs.proxies, m))
    return Assessment(**common, progress=GrowthRatio(None, None, None, Verdict.INSUFFICIENT_DATA, no_data),
                      unsd=ExpectedValue(None, None, UnsdStatus.INSUFFICIENT_DATA, no_data),
                      pace=Pace(None, None, None, no_data), reason=(no_data,), reasons=reasons,
                      notes=tuple(notes), money=money, money_projection=money_proj, **extra)


@dataclass(frozen=True)
class CountedParts:
    """The verdict parts of a target counted over years (cumulative or milestone) with data."""

    cumulative: Cumulative | None
    milestone: Milestone | None
    reason: tuple[Reason, ...]
    reasons: dict[str, Reason]


def counted_parts(tg: Target, ind: Indicator, years: np.ndarray, values: np.ndarray, as_of: int,
                  methods: Methods) -> CountedParts:
    """The total so far and its pace (cumulative), or whether and when a report met the target (milestone)."""
    if tg.kind == "cumulative":
        cmp = tg.comparator or ">="
        cum = cumulative(years, values, start=tg.start, deadline=tg.deadline, target_value=float(tg.value),
                         comparator=cmp, as_of=as_of,
                         goal=goal_value(float(tg.value), cmp, step(ind, methods)))
        return CountedParts(cum, None, (cum.reason,) if cum.total is None and cum.reason else (),
                            {"cumulative": cum.reason} if cum.reason else {})
    ms = milestone(years, values, deadline=tg.deadline, as_of=as_of, comparator=tg.comparator or ">=",
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


def level_parts(tg: Target, ind: Indicator, years: np.ndarray, values: np.ndarray, notes: list[Reason],
                base_year: int | None, methods: Methods) -> LevelParts:
    """Growth ratios, pace and the threshold of a level target with data (`notes` gains their notes)."""
    m = methods
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
    goal = goal_value(target_value, comparator, step(ind, m))
    pc = pace(base.year, base_value, latest_year, latest_value, goal, tg.deadline, comparator=comparator,
              met=met_strict)
    for key, obj in (("progress", progress), ("unsd", unsd), ("pace", pc)):
        if obj.reason:
            reasons[key] = base.note if base.year is None and base.note else obj.reason
    return LevelParts(base, progress, unsd, pc, goal, threshold, thr_cmp, bool(met_strict or met_unsd), reasons,
                      notes)


def _level(inputs: TargetInputs, ind: Indicator, sm: SeriesModel, common: dict[str, Any], notes: list[Reason],
           base_year: int | None) -> Assessment:
    """A level target with data: growth ratios, pace, scenario-adjusted projection and probabilities."""
    tg, m = inputs.target, inputs.methods
    series = sm.series
    years = series["year"].to_numpy(dtype=int)
    values = series["value"].to_numpy(dtype=float)
    latest_year, latest_value = int(years[-1]), float(values[-1])
    lv = level_parts(tg, ind, years, values, notes, base_year, m)
    pc, goal, threshold, thr_cmp, reasons = lv.pace, lv.goal, lv.threshold, lv.threshold_comparator, lv.reasons
    projection = sm.projection
    prob, odds = None, None
    if projection is not None:
        adjust = adjuster(inputs.aims)
        projection = adjust(projection, latest_year, latest_value)
        if tg.deadline <= latest_year:
            reasons["probability"] = because(Why.DEADLINE_NOT_AFTER_LATEST, deadline=tg.deadline,
                                             latest=latest_year)
        prob = probability(projection, threshold=threshold, comparator=thr_cmp, deadline=tg.deadline,
                           horizon_end=m.horizon_end, latest_year=latest_year,
                           met_latest=lv.met_latest)
        if prob.p_meet is not None:
            odds = chance_of(inputs, ind, sm, projection, prob.p_meet, adjust, threshold, thr_cmp)
    else:
        reasons["projection"] = sm.reason or because(Why.NO_PROJECTION)
        reasons["probability"] = sm.reason or because(Why.NO_PROJECTION)
    required = required_path(latest_year, latest_value, goal, tg.deadline)
    peers = sm.peers or NO_PEERS
    outside = None
    if peers.pool is not None and not lv.met_latest and tg.deadline > latest_year and increasing(thr_cmp):
        outside = outside_of(peers.pool, latest_value, goal - latest_value, tg.deadline - latest_year,
                             pc.observed_annual_change)
    money, money_proj, money_reason = money_of(inputs.money, m)
    if money_reason:
        reasons["money"] = money_reason
    core = tuple(dict.fromkeys(reasons[k] for k in ("progress", "projection") if k in reasons))
    return Assessment(**common, base=lv.base, progress=lv.progress, unsd=lv.unsd, pace=pc, projection=projection,
                      backtest=sm.backtest, probability=prob, chance=odds, threshold=threshold,
                      threshold_comparator=thr_cmp,
                      required=required, money=money, money_projection=money_proj,
                      money_denominator=m.money_denominator if money or money_reason else None, reason=core,
                      reasons=reasons, notes=tuple(dict.fromkeys(notes)), pool=peers.pool, outside=outside,
                      outside_from=(inputs.geo, latest_year, latest_value) if outside else None)


def outside_of(pool: ReferencePool, start: float, rise: float, years: int, pace: float | None) -> OutsideView:
    """The outside view of a series now at `start`: its pool's similar cases and how many rose by `rise`."""
    sim = pool.similar
    return outside_view(list(zip(pool.years, pool.values)), start=start, rise=rise, years=years, level=sim.level,
                        pace=pace, pace_width=sim.pace, pace_years=sim.years, follow=sim.follow,
                        min_cases=sim.min_cases)


def outside_from_proxy(tg: Target, ind: Indicator, peers: Peers, proxies: tuple[ProxyView, ...],
                       methods: Methods) -> dict[str, Any]:
    """Where Huế has no figure but a stand-in series of the same pool does (the national starting point): the
    outside view from that series' latest value, labelled with its geo; never Huế's figure, never a verdict."""
    pool = peers.pool
    if pool is None or tg.value is None or not increasing(tg.comparator or ">="):
        return {}
    for p in proxies:
        s = p.series
        if pool.starting_points.get(ind.id) != p.indicator or not len(s):
            continue
        year, value = int(s["year"].iloc[-1]), float(s["value"].iloc[-1])
        goal = goal_value(float(tg.value), tg.comparator or ">=", step(ind, methods))
        if tg.deadline <= year or value >= goal:
            return {}
        return {"pool": pool, "outside": outside_of(pool, value, goal - value, tg.deadline - year, None),
                "outside_from": (p.geo, year, value)}
    return {"pool": pool}


def step(ind: Indicator, methods: Methods) -> float:
    """The reporting step of an indicator's values: 1 for counts, else methods.yaml `pace.strict_step`."""
    return 1.0 if ind.integer else methods.strict_step


def money_of(basis: MoneyBasis | None, methods: Methods) -> tuple[tuple[MoneyCell, ...], Ensemble | None,
                                                                   Reason | None]:
    """Billion VND that each R&D share target means in projected GRDP (R&D targets only)."""
    if basis is None:
        return (), None, None
    if basis.denominator is None:
        return (), None, because(Why.MONEY_NO_DENOMINATOR, indicator=methods.money_denominator)
    sm = basis.denominator
    if sm.projection is None:
        return (), None, because(Why.MONEY_NO_PROJECTION, indicator=methods.money_denominator, reason=sm.reason)
    # No money figure where the GRDP interval is no longer backed by the calibration's horizons.
    return (money_view(sm.projection, list(basis.shares), list(basis.years), methods.money_max_years_ahead),
            sm.projection, None)


def adjuster(aims: tuple[Aim, ...]) -> Callable[[Ensemble, int, float], Ensemble]:
    """The scenario's trend adjustments of a series, as one function of a projection and its latest point."""

    def adjust(projection: Ensemble, latest_year: int, latest_value: float) -> Ensemble:
        for aim in aims:
            projection = adjust_projection(projection, aim.adjustment, latest_year=latest_year,
                                           latest_value=latest_value, target_value=aim.value, deadline=aim.deadline)
        return projection
    return adjust


def chance_of(inputs: TargetInputs, ind: Indicator, sm: SeriesModel, projection: Ensemble, combined: float,
              adjust: Callable[[Ensemble, int, float], Ensemble], threshold: float, comparator: str) -> Chance:
    """P(met) by member, under each sensitivity case, and the band of the combined P."""
    m, deadline = inputs.methods, inputs.target.deadline
    up = increasing(comparator)
    models = tuple(ModelChance(x.name, projection.member_p(deadline, threshold, up)[x.name], x.weight)
                   for x in projection.members if x.projection.index_of(deadline) is not None)

    def p_of(years: np.ndarray, values: np.ndarray) -> float | None:
        try:
            ens = adjust(project(years, values, ind, m, inputs.calibrated, floor=sm.floor,
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
                        min_points=m.min_points_projection, bounds=ind.bounds, before_break=before)
    return chance(combined, models, cases, len(series), m)

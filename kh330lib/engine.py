"""The assessment facade: dataset + target (+ scenario) → `Assessment` with verdicts, projection and record.

`assess_target` and `assess_all` are what notebooks and `kh330 assess` call. An
Assessment keeps the series used (with statuses), the projection (median,
intervals, sample paths), the required path and the chosen model, so charts
never recompute anything. `Assessment.to_record()` is the JSON contract of
`kh330 assess --json`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from . import paths
from .attainment import (BaseYear, Cumulative, ExpectedValue, GrowthRatio, Milestone, MoneyCell, Pace,
                         Probability, choose_base, cumulative, effective_threshold, growth_ratio, meets,
                         milestone, money_view, pace, probability, unsd_expected)
from .backtest import ModelChoice, choose_model, widening_factor
from .catalog import Indicator, Target
from .errors import InputError, problem
from .evidence import Evidence, LevelRule, evidence_strength
from .observations import Dataset, annual_series, period_year
from .projection import FitFailure, Projection, candidate_models, fit, scale_for
from .scenarios import BASELINE, Scenario, adjust_projection, load_scenario, required_path, with_assumptions
from .status import proxies_for
from .yamlio import LineDict, load_yaml

METHODS = paths.PARAMS_DIR / "methods.yaml"
DEFAULT_SEED = 20250524
NO_DATA = "no Huế data"
QUALITATIVE = "qualitative target: no measurable indicator"
SERIES_COLUMNS = ["year", "value", "status", "source", "period"]


# ---------------------------------------------------------------- methods.yaml

@dataclass(frozen=True)
class Methods:
    """Every threshold and setting of params/methods.yaml, typed."""

    on_track: float
    needs_acceleration: float
    limited_progress: float
    min_points_progress: int
    unsd_on_track: float
    unsd_fair_progress: float
    near_bound_tolerance: float
    years_before_latest: int
    horizon_end: int
    n_paths: int
    logit_epsilon: float
    min_points_projection: int
    min_points: dict[str, int]
    bt_min_train: int
    bt_max_horizon: int
    bt_min_origins: int
    bt_min_errors: int
    bt_min_errors_widening: int
    bt_max_widening: float
    evidence_rules: tuple[LevelRule, ...]
    weak_statuses: tuple[str, ...]
    money_share_indicator: str
    money_denominator: str
    money_geo: str
    sources: dict[str, str] = field(default_factory=dict)
    path: str = ""


_METHOD_FIELDS: dict[str, tuple[tuple[str, str, type], ...]] = {
    # section: (key, attribute, type)
    "open_sdg": (("on_track", "on_track", float), ("needs_acceleration", "needs_acceleration", float),
                 ("limited_progress", "limited_progress", float), ("min_points", "min_points_progress", int)),
    "unsd": (("on_track", "unsd_on_track", float), ("fair_progress", "unsd_fair_progress", float),
             ("near_bound_tolerance", "near_bound_tolerance", float)),
    "base_year": (("years_before_latest", "years_before_latest", int),),
    "projection": (("horizon_end", "horizon_end", int), ("n_paths", "n_paths", int),
                   ("logit_epsilon", "logit_epsilon", float),
                   ("min_points_projection", "min_points_projection", int)),
    "backtest": (("min_train", "bt_min_train", int), ("max_horizon", "bt_max_horizon", int),
                 ("min_origins", "bt_min_origins", int), ("min_errors", "bt_min_errors", int),
                 ("min_errors_widening", "bt_min_errors_widening", int),
                 ("max_widening", "bt_max_widening", float)),
    "money_view": (("share_indicator", "money_share_indicator", str), ("denominator", "money_denominator", str),
                   ("geo", "money_geo", str)),
}


def load_methods(path: Path | str | None = None) -> Methods:
    """Read params/methods.yaml; every missing or mistyped setting is reported with its line."""
    p = Path(path or METHODS)
    data = load_yaml(p)
    problems = []

    def bad(node: Any, key: str, message: str, fix: str) -> None:
        line = node.line_of(key) if isinstance(node, LineDict) else None
        problems.append(problem(p, line, key, message, fix, kind="field"))

    if not isinstance(data, Mapping):
        raise InputError([problem(p, None, None, "expected a mapping of sections", "see the file's comments",
                                  kind="field")])
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    # The evidence section has no scalar settings but, like every section, needs a source.
    for section, fields in {**_METHOD_FIELDS, "evidence": ()}.items():
        node = data.get(section)
        if not isinstance(node, Mapping):
            bad(data, section, "missing section", f"add a '{section}:' section")
            continue
        if not isinstance(node.get("source"), str) or not node["source"].strip():
            bad(node, "source", f"section '{section}' has no source", "name the method's published source")
        else:
            sources[section] = " ".join(node["source"].split())
        for key, attr, typ in fields:
            v = node.get(key)
            ok = isinstance(v, str) if typ is str else (
                isinstance(v, (int, float)) and not isinstance(v, bool) and (typ is float or isinstance(v, int)))
            if not ok:
                bad(node, key, f"must be {'text' if typ is str else 'a number'}, got {v!r}",
                    f"write '{key}: ...' in section {section}")
            else:
                values[attr] = typ(v)
    proj = data.get("projection") if isinstance(data.get("projection"), Mapping) else {}
    mp = proj.get("min_points") if isinstance(proj, Mapping) else None
    if not isinstance(mp, Mapping) or not all(isinstance(v, int) for v in mp.values()):
        bad(proj, "min_points", "must map model names to whole numbers", "write e.g. 'linear: 3'")
    else:
        values["min_points"] = {str(k): int(v) for k, v in mp.items()}
    ev = data.get("evidence") if isinstance(data.get("evidence"), Mapping) else {}
    rules = []
    for item in (ev.get("levels") or []) if isinstance(ev, Mapping) else []:
        if not isinstance(item, Mapping) or not all(isinstance(item.get(k), int) for k in ("min_points", "max_age")):
            bad(ev, "levels", f"level {item!r} needs 'level', 'min_points' and 'max_age'",
                "write '- level: strong', 'min_points: 8', 'max_age: 2'")
            continue
        rules.append(LevelRule(str(item.get("level")), int(item["min_points"]), int(item["max_age"])))
    if not rules:
        bad(ev, "levels", "no evidence levels", "list the levels strongest first")
    weak = ev.get("weak_statuses") if isinstance(ev, Mapping) else None
    if not isinstance(weak, list):
        bad(ev, "weak_statuses", "must be a list", "write [proxy, assumption]")
        weak = []
    if problems:
        raise InputError(problems)
    return Methods(**values, evidence_rules=tuple(rules), weak_statuses=tuple(str(w) for w in weak),
                   sources=sources, path=paths.display(p))


# ---------------------------------------------------------------- series models

@dataclass(frozen=True, eq=False)
class SeriesModel:
    """A series as modelled: the points used, the chosen model and its projection (baseline trend)."""

    indicator: str
    geo: str
    breakdown: str
    series: pd.DataFrame
    projection: Projection | None
    choice: ModelChoice | None
    reason: str | None
    notes: tuple[str, ...] = ()


def _since_break(series: pd.DataFrame, indicator: Indicator) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Keep the points from the latest series break on, when at least 2 remain."""
    notes: list[str] = []
    for brk in sorted(indicator.breaks, key=lambda b: period_year(b.period) or 0, reverse=True):
        year = period_year(brk.period)
        if year is None or len(series) == 0 or year <= int(series["year"].iloc[0]):
            continue
        after = series[series["year"] >= year]
        if len(after) >= 2:
            notes.append(f"series used from {year} (break {brk.period}: {brk.note})")
            return after.reset_index(drop=True), tuple(notes)
        notes.append(f"break {brk.period} ({brk.note}) kept inside the series: fewer than 2 points after it")
        break
    return series, tuple(notes)


def model_series(series: pd.DataFrame, indicator: Indicator, geo: str, breakdown: str, methods: Methods, *,
                 seed: int = DEFAULT_SEED) -> SeriesModel:
    """Choose a model by backtest (or fall back), fit it with sample paths, widen as the backtest says."""
    series, notes = _since_break(series, indicator)
    n = len(series)
    if n < methods.min_points_projection:
        why = NO_DATA if n == 0 else (f"{n} point(s): a projection needs at least "
                                      f"{methods.min_points_projection}")
        return SeriesModel(indicator.id, geo, breakdown, series, None, None, why, notes)
    years = series["year"].to_numpy(dtype=int)
    values = series["value"].to_numpy(dtype=float)
    scale = scale_for(indicator.bounds, values, is_share=indicator.is_share, eps=methods.logit_epsilon)
    candidates = candidate_models(scale)
    choice = choose_model(years, values, scale, candidates, min_train=methods.bt_min_train,
                          max_horizon=methods.bt_max_horizon, min_origins=methods.bt_min_origins,
                          min_errors=methods.bt_min_errors, min_errors_widening=methods.bt_min_errors_widening,
                          max_widening=methods.bt_max_widening, min_points=methods.min_points)
    future = np.arange(years[-1] + 1, max(methods.horizon_end, years[-1] + 1) + 1)
    order = [choice.model] + [m for m in candidates if m != choice.model]
    failures: list[str] = []
    for model in order:
        try:
            proj = fit(model, years, values, future, scale, n_paths=methods.n_paths, seed=seed,
                       min_points=methods.min_points)
        except FitFailure as exc:
            failures.append(str(exc))
            continue
        factor = choice.widening
        if model != choice.model:
            bt = choice.backtest(model)
            factor = widening_factor(bt, min_errors=methods.bt_min_errors_widening,
                                     max_factor=methods.bt_max_widening)[0] if bt else 1.0
            notes += (f"{choice.model} failed on the full series ({failures[0]}): fell back to {model}",)
        return SeriesModel(indicator.id, geo, breakdown, series, proj.widened(factor), choice, None, notes)
    return SeriesModel(indicator.id, geo, breakdown, series, None, choice,
                       "no model could be fitted: " + "; ".join(failures), notes)


# ---------------------------------------------------------------- assessment

@dataclass(frozen=True, eq=False)
class ProxyView:
    """A stand-in series (national or related indicator): context only, never Huế's status."""

    indicator: str
    geo: str
    relation: str
    unit: str
    model: SeriesModel
    label_vi: str = ""
    label_en: str = ""

    @property
    def series(self) -> pd.DataFrame:
        return self.model.series

    def label(self, lang: str = "vi") -> str:
        return (self.label_vi if lang == "vi" else self.label_en) or self.indicator

    def to_record(self, deadline: int) -> dict:
        s = self.model.series
        at = self.model.projection.at(deadline) if self.model.projection else None
        return {
            "indicator": self.indicator, "label_vi": self.label_vi, "label_en": self.label_en, "geo": self.geo,
            "relation": self.relation, "unit": self.unit, "status": "proxy", "n_points": int(len(s)),
            "first_year": int(s["year"].iloc[0]) if len(s) else None,
            "latest_year": int(s["year"].iloc[-1]) if len(s) else None,
            "latest_value": float(s["value"].iloc[-1]) if len(s) else None,
            "source": str(s["source"].iloc[-1]) if len(s) else None,
            "projection": ({"model": self.model.projection.model, "year": deadline, **at}
                           if at and self.model.projection else None),
            "reason": self.model.reason,
            "notes": list(self.model.notes),
        }


@dataclass(frozen=True, eq=False)
class Assessment:
    """Everything known about one target (and breakdown level) under one scenario."""

    target: Target
    breakdown: str
    geo: str
    scenario: Scenario
    series: pd.DataFrame
    evidence: Evidence
    as_of: int
    base: BaseYear | None = None
    progress: GrowthRatio | None = None
    unsd: ExpectedValue | None = None
    pace: Pace | None = None
    projection: Projection | None = None
    choice: ModelChoice | None = None
    probability: Probability | None = None
    threshold: float | None = None
    threshold_comparator: str | None = None
    required: pd.DataFrame | None = None
    cumulative: Cumulative | None = None
    milestone: Milestone | None = None
    money: tuple[MoneyCell, ...] = ()
    money_projection: Projection | None = None
    money_denominator: str | None = None
    proxies: tuple[ProxyView, ...] = ()
    reason: str | None = None
    reasons: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    # ---- convenience -----------------------------------------------------------

    @property
    def kind(self) -> str:
        return self.target.kind

    @property
    def model(self) -> str | None:
        return self.projection.model if self.projection else None

    @property
    def n_points(self) -> int:
        return int(len(self.series))

    @property
    def latest_year(self) -> int | None:
        return int(self.series["year"].iloc[-1]) if len(self.series) else None

    @property
    def latest_value(self) -> float | None:
        return float(self.series["value"].iloc[-1]) if len(self.series) else None

    @property
    def base_value(self) -> float | None:
        if self.base is None or self.base.year is None:
            return None
        return float(self.series.loc[self.series["year"] == self.base.year, "value"].iloc[0])

    @property
    def has_assumptions(self) -> bool:
        return bool(len(self.series)) and bool((self.series["status"] == "assumption").any())

    @property
    def has_data(self) -> bool:
        return self.n_points > 0

    # ---- the JSON contract -----------------------------------------------------

    def to_record(self) -> dict:
        """One JSON-ready object per target × breakdown (keys documented in `kh330 assess --help`)."""
        t = self.target
        s = self.series
        deadline = t.deadline
        proj_at = self.projection.at(deadline) if self.projection else None
        bt = self.choice.backtest(self.projection.model) if self.choice and self.projection else None
        # Skill is read against the naive benchmark's MASE on the same series.
        naive = self.choice.backtest("naive") if self.choice else None
        pr = self.progress or GrowthRatio(None, None, None, None)
        un = self.unsd or ExpectedValue(None, None, None)
        pc = self.pace or Pace(None, None, None)
        prob = self.probability
        rec: dict[str, Any] = {
            "target": t.id, "indicator": t.indicator, "geo": self.geo, "breakdown": self.breakdown or None,
            "kind": t.kind, "comparator": t.comparator, "target_value": t.value, "unit": t.unit,
            "deadline": deadline, "scenario": self.scenario.name,
            "n_points": self.n_points,
            "first_year": int(s["year"].iloc[0]) if len(s) else None,
            "latest_year": self.latest_year, "latest_value": self.latest_value,
            "latest_status": str(s["status"].iloc[-1]) if len(s) else None,
            "statuses": {str(k): int(v) for k, v in s["status"].value_counts().sort_index().items()} if len(s)
            else {},
            "includes_assumptions": self.has_assumptions,
            "base_year": self.base.year if self.base else None,
            "base_value": self.base_value,
            "evidence": self.evidence.level,
            "evidence_detail": self.evidence.to_record(),
            "observed_annual_change": pc.observed_annual_change,
            "required_annual_change": pc.required_annual_change,
            "acceleration_factor": pc.acceleration_factor,
            "progress": pr.to_record(),
            "unsd": un.to_record(),
            "projection": {
                "model": self.projection.model if self.projection else None,
                "scale": self.projection.scale.kind if self.projection else None,
                "year": deadline,
                **(proj_at or {"median": None, "lo80": None, "hi80": None, "lo95": None, "hi95": None}),
                "widening": self.projection.widening if self.projection else None,
                "adjustments": list(self.projection.adjustments) if self.projection else [],
            },
            "threshold": self.threshold,
            "p_meet": prob.p_meet if prob else None,
            "p_meet_by": prob.p_meet_by if prob else None,
            "expected_year": prob.expected_label if prob else None,
            "backtest": {
                "mase": bt.mase if bt else None, "rmse": bt.rmse if bt else None,
                "coverage80": bt.coverage80 if bt else None, "coverage95": bt.coverage95 if bt else None,
                "n_origins": bt.n_origins if bt else None, "n_errors": bt.n_errors if bt else None,
                "mase_naive": naive.mase if naive else None,
                "by_horizon": [dataclasses.asdict(h) for h in bt.by_horizon()] if bt else [],
                "enough_history": self.choice.enough_history if self.choice else None,
                "choice": self.choice.reason if self.choice else None,
                "widening": self.choice.widening_note if self.choice else None,
            },
            "reason": self.reason,
            "reasons": dict(self.reasons),
            "notes": list(self.notes),
            "proxies": [p.to_record(deadline) for p in self.proxies],
        }
        if t.kind == "cumulative":
            rec["cumulative"] = self.cumulative.to_record() if self.cumulative else None
        if t.kind == "milestone":
            rec["milestone"] = self.milestone.to_record() if self.milestone else None
        if self.money or self.money_projection is not None or self.reasons.get("money"):
            own = next((c for c in self.money if c.share == t.value and c.year == deadline), None)
            rec["money"] = {
                "unit": "billion VND",
                "denominator": self.money_denominator,
                "model": self.money_projection.model if self.money_projection else None,
                "target": own.to_record() if own else None,
                "table": [c.to_record() for c in self.money],
                "reason": self.reasons.get("money"),
            }
        return _clean(rec)


def _clean(obj: Any) -> Any:
    """JSON-safe: numpy scalars → Python, NaN/inf → None."""
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        f = float(obj)
        return f if math.isfinite(f) else None
    return obj


# ---------------------------------------------------------------- the facade

class _Context:
    """What one run shares across targets: methods, scenario, seed and fitted series."""

    def __init__(self, dataset: Dataset, methods: Methods, scenario: Scenario, seed: int):
        self.dataset = dataset
        self.methods = methods
        self.scenario = scenario
        self.seed = seed
        years = dataset.observations["year"]
        # Recency is judged against the newest year in the data, so equal inputs give equal outputs.
        self.as_of = int(years.max()) if len(years) else dt.date.today().year
        self._models: dict[tuple[str, str, str], SeriesModel] = {}
        self._proxies: dict[tuple[str, str], tuple] = {}

    def series(self, indicator: str, geo: str, breakdown: str) -> pd.DataFrame:
        base = annual_series(self.dataset.observations, indicator, geo, breakdown)
        base = base[SERIES_COLUMNS] if len(base) else pd.DataFrame(columns=SERIES_COLUMNS)
        return with_assumptions(base, self.scenario.for_series(indicator, geo, breakdown), self.scenario.name)

    def proxies(self, indicator: str, breakdown: str) -> tuple:
        key = (indicator, breakdown)
        if key not in self._proxies:
            self._proxies[key] = proxies_for(self.dataset, indicator, breakdown)
        return self._proxies[key]

    def model(self, indicator: str, geo: str, breakdown: str) -> SeriesModel:
        key = (indicator, geo, breakdown)
        if key not in self._models:
            ind = self.dataset.registry.indicators[indicator]
            self._models[key] = model_series(self.series(indicator, geo, breakdown), ind, geo, breakdown,
                                             self.methods, seed=self.seed)
        return self._models[key]


def _resolve_scenario(scenario: Scenario | str | Path | None, dataset: Dataset) -> Scenario:
    if scenario is None:
        # The shipped baseline file carries the labels; the built-in one only stands in without it.
        shipped = paths.SCENARIOS_DIR / f"{BASELINE.name}.yaml"
        return load_scenario(shipped, dataset.registry) if shipped.exists() else BASELINE
    if isinstance(scenario, Scenario):
        return scenario
    return load_scenario(scenario, dataset.registry)


def _resolve_target(dataset: Dataset, target: Target | str) -> Target:
    return target if isinstance(target, Target) else dataset.registry.target(target)


def check_base_year(dataset: Dataset, target: Target | str, base_year: int, *, geo: str | None = None,
                    breakdown: str = "") -> str | None:
    """Why `base_year` cannot serve for this target's series, or None if it can."""
    tg = _resolve_target(dataset, target)
    if tg.indicator is None:
        return None
    s = annual_series(dataset.observations, tg.indicator, geo or tg.geo, breakdown)
    if len(s) < 2:
        return None
    latest = int(s["year"].iloc[-1])
    if base_year >= latest:
        return f"{base_year} is not before the latest observation of {tg.indicator} ({latest})"
    return None


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
    ctx = _Context(dataset, methods or load_methods(), _resolve_scenario(scenario, dataset), seed)
    return _assess(ctx, tg, geo or tg.geo, _levels(tg, breakdown), base_year)


def assess_levels(dataset: Dataset, target: Target | str, *, geo: str | None = None, base_year: int | None = None,
                  scenario: Scenario | str | Path | None = None, seed: int = DEFAULT_SEED,
                  methods: Methods | None = None) -> list[Assessment]:
    """One Assessment per breakdown level of the target (one for a target without levels)."""
    tg = _resolve_target(dataset, target)
    ctx = _Context(dataset, methods or load_methods(), _resolve_scenario(scenario, dataset), seed)
    return [_assess(ctx, tg, geo or tg.geo, b, base_year) for b in (tg.breakdown or ("",))]


def assess_all(dataset: Dataset, *, scenario: Scenario | str | Path | None = None, base_year: int | None = None,
               seed: int = DEFAULT_SEED, methods: Methods | None = None,
               targets: Iterable[Target] | None = None) -> list[Assessment]:
    """Every registry target × breakdown level, in registry order; series are modelled once and shared."""
    ctx = _Context(dataset, methods or load_methods(), _resolve_scenario(scenario, dataset), seed)
    return [_assess(ctx, tg, tg.geo, b, base_year)
            for tg in (targets if targets is not None else dataset.registry.targets)
            for b in (tg.breakdown or ("",))]


def records(assessments: Iterable[Assessment]) -> list[dict]:
    """The JSON records of several assessments (as `kh330 assess --all --json` prints them)."""
    return [a.to_record() for a in assessments]


def _empty_series() -> pd.DataFrame:
    return pd.DataFrame(columns=SERIES_COLUMNS)


def _assess(ctx: _Context, tg: Target, geo: str, breakdown: str, base_year: int | None) -> Assessment:
    """One target × level: data status and proxies, then the verdicts of its kind."""
    m = ctx.methods
    if tg.kind == "qualitative" or tg.indicator is None:
        ev = Evidence("none", 0, None, None, 0, (QUALITATIVE,))
        return Assessment(tg, breakdown, geo, ctx.scenario, _empty_series(), ev, ctx.as_of, reason=QUALITATIVE,
                          reasons={"target": QUALITATIVE})
    ind = ctx.dataset.registry.indicators[tg.indicator]
    sm = ctx.model(tg.indicator, geo, breakdown)
    series = sm.series
    years = series["year"].to_numpy(dtype=int)
    values = series["value"].to_numpy(dtype=float)
    statuses = [str(s) for s in series["status"]]
    ev = evidence_strength(years, statuses, as_of=ctx.as_of, rules=m.evidence_rules, weak_statuses=m.weak_statuses)
    notes = list(sm.notes)
    if any(s == "assumption" for s in statuses):
        notes.append(f"includes values assumed by scenario '{ctx.scenario.name}' (status assumption)")
    proxies: tuple[ProxyView, ...] = ()
    # Proxies are shown where Huế has no measured value of its own (assumed values are not data).
    if not any(s not in m.weak_statuses for s in statuses):
        reg = ctx.dataset.registry.indicators
        proxies = tuple(ProxyView(p.indicator, p.geo, p.relation, p.unit,
                                  ctx.model(p.indicator, p.geo, breakdown if p.indicator == tg.indicator else ""),
                                  reg[p.indicator].label_vi, reg[p.indicator].label_en)
                        for p in ctx.proxies(tg.indicator, breakdown) if p.geo != geo)
    common = dict(target=tg, breakdown=breakdown, geo=geo, scenario=ctx.scenario, series=series, evidence=ev,
                  as_of=ctx.as_of, proxies=proxies)
    if len(series) == 0:
        # The plan's own geo is Huế; another geo asked for explicitly is named as such.
        no_data = NO_DATA if geo == tg.geo else f"no data for {geo}"
        reasons = {k: no_data for k in ("progress", "unsd", "pace", "projection", "probability")}
        extra: dict[str, Any] = {}
        if tg.kind == "cumulative":
            extra["cumulative"] = Cumulative(tg.start, tg.deadline, None, (), (), None, None, None, None,
                                             "insufficient_data", no_data)
        if tg.kind == "milestone":
            extra["milestone"] = Milestone(None, None, no_data)
        money, money_proj, money_reason = _money(ctx, tg)
        if money_reason:
            reasons["money"] = money_reason
        if money or money_reason:
            extra["money_denominator"] = ctx.methods.money_denominator
        return Assessment(**common, progress=GrowthRatio(None, None, None, "insufficient_data", no_data),
                          unsd=ExpectedValue(None, None, "insufficient_data", no_data),
                          pace=Pace(None, None, None, no_data), reason=no_data, reasons=reasons, notes=tuple(notes),
                          money=money, money_projection=money_proj, **extra)
    if tg.kind == "cumulative":
        cum = cumulative(years, values, start=tg.start, deadline=tg.deadline, target_value=float(tg.value),
                         comparator=tg.comparator or ">=", as_of=ctx.as_of)
        return Assessment(**common, cumulative=cum, reason=cum.reason if cum.total is None else None,
                          reasons={"cumulative": cum.reason} if cum.reason else {}, notes=tuple(notes))
    if tg.kind == "milestone":
        ms = milestone(years, values, deadline=tg.deadline, as_of=ctx.as_of, comparator=tg.comparator or ">=",
                       target_value=float(tg.value))
        return Assessment(**common, milestone=ms, reasons={"milestone": ms.reason} if ms.reason else {},
                          notes=tuple(notes))
    return _assess_level(ctx, tg, ind, sm, common, notes, base_year)


def _assess_level(ctx: _Context, tg: Target, ind: Indicator, sm: SeriesModel, common: dict,
                  notes: list[str], base_year: int | None) -> Assessment:
    """A level target with data: growth ratios, pace, scenario-adjusted projection and probabilities."""
    m = ctx.methods
    series = sm.series
    years = series["year"].to_numpy(dtype=int)
    values = series["value"].to_numpy(dtype=float)
    comparator = tg.comparator or ">="
    target_value = float(tg.value)  # type: ignore[arg-type]
    latest_year, latest_value = int(years[-1]), float(values[-1])
    threshold, thr_cmp, thr_note = effective_threshold(target_value, comparator, ind.bounds, m.near_bound_tolerance)
    if thr_note:
        notes.append(thr_note)
    met_strict = tg.met(latest_value)
    # UNSD: a value within the tolerance of a bound it targets counts as met.
    met_unsd = met_strict or (thr_note is not None and bool(meets(latest_value, thr_cmp, threshold)))
    reasons: dict[str, str] = {}
    base = choose_base(years, requested=base_year, years_before_latest=m.years_before_latest)
    if base.note and base.year is not None:
        notes.append(base.note)
    elif base.note:
        reasons["base_year"] = base.note
    base_value = float(values[years == base.year][0]) if base.year is not None else None
    if len(years) < m.min_points_progress:
        base = BaseYear(None, f"{len(years)} point(s): at least {m.min_points_progress} are needed")
        base_value = None
    progress = growth_ratio(base.year, base_value, latest_year, latest_value, target_value, tg.deadline,
                            comparator=comparator, met=met_strict, on_track=m.on_track,
                            needs_acceleration=m.needs_acceleration, limited_progress=m.limited_progress)
    unsd = unsd_expected(base.year, base_value, latest_year, latest_value, target_value, tg.deadline, met=met_unsd,
                         on_track=m.unsd_on_track, fair_progress=m.unsd_fair_progress)
    pc = pace(base.year, base_value, latest_year, latest_value, target_value, tg.deadline, comparator=comparator,
              met=met_strict)
    for key, obj in (("progress", progress), ("unsd", unsd), ("pace", pc)):
        if obj.reason:
            reasons[key] = base.note if base.year is None and base.note else obj.reason
    projection = sm.projection
    prob = None
    if projection is not None:
        for adj in ctx.scenario.for_series(tg.indicator or "", common["geo"], common["breakdown"]):
            if adj.type == "assumed_value":
                continue
            value, deadline = target_value, tg.deadline
            if adj.target and adj.target != tg.id:
                other = ctx.dataset.registry.target(adj.target)
                value, deadline = float(other.value), other.deadline  # type: ignore[arg-type]
            projection = adjust_projection(projection, adj, latest_year=latest_year, latest_value=latest_value,
                                           target_value=value, deadline=deadline)
        if tg.deadline <= latest_year:
            reasons["probability"] = f"the deadline {tg.deadline} is not after the latest year {latest_year}"
        prob = probability(projection, threshold=threshold, comparator=thr_cmp, deadline=tg.deadline,
                           horizon_end=m.horizon_end, latest_year=latest_year,
                           met_latest=bool(met_strict or met_unsd))
    else:
        reasons["projection"] = sm.reason or "no projection"
        reasons["probability"] = sm.reason or "no projection"
    if sm.choice is not None and not sm.choice.enough_history:
        notes.append(sm.choice.reason)
    required = required_path(latest_year, latest_value, target_value, tg.deadline)
    money, money_proj, money_reason = _money(ctx, tg)
    if money_reason:
        reasons["money"] = money_reason
    core = [k for k in ("progress", "projection") if k in reasons]
    reason = "; ".join(dict.fromkeys(reasons[k] for k in core)) or None
    return Assessment(**common, base=base, progress=progress, unsd=unsd, pace=pc, projection=projection,
                      choice=sm.choice, probability=prob, threshold=threshold, threshold_comparator=thr_cmp,
                      required=required, money=money, money_projection=money_proj,
                      money_denominator=m.money_denominator if money or money_reason else None, reason=reason,
                      reasons=reasons, notes=tuple(dict.fromkeys(notes)))


def _money(ctx: _Context, tg: Target) -> tuple[tuple[MoneyCell, ...], Projection | None, str | None]:
    """Billion VND that each R&D share target means in projected GRDP (R&D targets only)."""
    m = ctx.methods
    if tg.indicator != m.money_share_indicator:
        return (), None, None
    if m.money_denominator not in ctx.dataset.registry.indicators:
        return (), None, f"denominator '{m.money_denominator}' is not in the indicator catalogue"
    sm = ctx.model(m.money_denominator, m.money_geo, "")
    if sm.projection is None:
        return (), None, f"{m.money_denominator}: {sm.reason}"
    tgts = [t for t in ctx.dataset.registry.targets if t.indicator == m.money_share_indicator and t.value]
    shares = sorted({float(t.value) for t in tgts})  # type: ignore[arg-type]
    years = sorted({t.deadline for t in tgts})
    return money_view(sm.projection, shares, years), sm.projection, None

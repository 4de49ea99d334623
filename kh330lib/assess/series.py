"""One series as modelled: points since the last break, the model chosen by backtest, its widened projection."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..codes import Reason, Why, because
from ..data.catalog import Indicator
from ..data.observations import period_year
from ..methods.backtest import ModelChoice, choose_model, widening_factor
from ..methods.projection import FitFailure, Projection, candidate_models, fit, scale_for
from ..methods.settings import Methods

DEFAULT_SEED = 20250524


@dataclass(frozen=True, eq=False)
class SeriesModel:
    """A series as modelled: the points used, the chosen model and its projection (baseline trend)."""

    indicator: str
    geo: str
    breakdown: str
    series: pd.DataFrame
    projection: Projection | None
    choice: ModelChoice | None
    reason: Reason | None
    notes: tuple[Reason, ...] = ()


def since_break(series: pd.DataFrame, indicator: Indicator) -> tuple[pd.DataFrame, tuple[Reason, ...]]:
    """Keep the points from the latest series break on, when at least 2 remain."""
    for brk in sorted(indicator.breaks, key=lambda b: period_year(b.period) or 0, reverse=True):
        year = period_year(brk.period)
        if year is None or len(series) == 0 or year <= int(series["year"].iloc[0]):
            continue
        after = series[series["year"] >= year]
        if len(after) >= 2:
            return after.reset_index(drop=True), (because(Why.BREAK_USED, year=year, period=brk.period,
                                                          note=brk.note),)
        return series, (because(Why.BREAK_KEPT, period=brk.period, note=brk.note),)
    return series, ()


def model_series(series: pd.DataFrame, indicator: Indicator, geo: str, breakdown: str, methods: Methods, *,
                 seed: int = DEFAULT_SEED) -> SeriesModel:
    """Choose a model by backtest (or fall back), fit it with sample paths, widen as the backtest says."""
    series, notes = since_break(series, indicator)
    n = len(series)
    if n < methods.min_points_projection:
        why = (because(Why.NO_DATA) if n == 0
               else because(Why.FEW_POINTS_PROJECTION, n=n, need=methods.min_points_projection))
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
    failures: list[Reason] = []
    for model in order:
        try:
            proj = fit(model, years, values, future, scale, n_paths=methods.n_paths, seed=seed,
                       min_points=methods.min_points)
        except FitFailure as exc:
            failures.append(exc.reason)
            continue
        factor = choice.widening
        if model != choice.model:
            bt = choice.backtest(model)
            factor = widening_factor(bt, min_errors=methods.bt_min_errors_widening,
                                     max_factor=methods.bt_max_widening)[0] if bt else 1.0
            notes += (because(Why.FELL_BACK, model=choice.model, failure=failures[0], fallback=model),)
        return SeriesModel(indicator.id, geo, breakdown, series, proj.widened(factor), choice, None, notes)
    return SeriesModel(indicator.id, geo, breakdown, series, None, choice,
                       because(Why.NO_MODEL, failures=tuple(failures)), notes)


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

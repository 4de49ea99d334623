"""One series as modelled: points since the last break, the forecaster's distribution (learnt from the series' peers
where a pool is declared), and the forecaster's test on the series' own history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from ..codes import Reason, Why, because
from ..data.catalog import Break, Indicator
from ..data.periods import period_year
from ..data.pools import ReferencePool
from ..errors import FitFailure
from ..methods.ensemble import Ensemble
from ..methods.forecast import coverage, forecast_one, own_pits
from ..methods.projection import scale_for
from ..methods.settings import Methods
from .calibrated import Calibrated

DEFAULT_SEED = 20250524


@dataclass(frozen=True)
class OwnBacktest:
    """The series' own rolling-origin test: how many held-out values, and the coverage where there are enough."""

    held_out: int
    coverage_80: float | None
    coverage_50: float | None
    reason: Reason | None


@dataclass(frozen=True, eq=False)
class SeriesModel:
    """A series as modelled: the points used, the calibrated ensemble (baseline trend), its floor and test."""

    indicator: str
    geo: str
    breakdown: str
    series: pd.DataFrame
    projection: Ensemble | None
    reason: Reason | None
    notes: tuple[Reason, ...] = ()
    floor: float = 0.0
    backtest: OwnBacktest | None = None
    # The points before a break the series was cut at (for the sensitivity case that keeps them).
    before_break: pd.DataFrame | None = None
    break_year: int | None = None
    # The reference pool the series learnt from (none: its own points only).
    peers: "Peers | None" = None


@dataclass(frozen=True)
class Points:
    """A series as plain arrays (years, values, statuses): what the unit table reads, without a DataFrame."""

    years: np.ndarray     # int
    values: np.ndarray    # float
    statuses: np.ndarray  # str (object)

    @classmethod
    def of(cls, series: pd.DataFrame) -> "Points":
        return cls(series["year"].to_numpy(dtype=int), series["value"].to_numpy(dtype=float),
                   np.array([str(s) for s in series["status"]], dtype=object))

    def __len__(self) -> int:
        return len(self.years)

    def take(self, keep: np.ndarray) -> "Points":
        return Points(self.years[keep], self.values[keep], self.statuses[keep])


def break_cut(years: np.ndarray, breaks: Sequence[Break]) -> tuple[np.ndarray | None, tuple[Reason, ...], int | None]:
    """Which points `since_break` keeps: (a mask of them, None for all; notes; break year)."""
    for brk in sorted((b for b in breaks if not b.continues), key=lambda b: period_year(b.period) or 0,
                      reverse=True):
        year = period_year(brk.period)
        if year is None or len(years) == 0 or year <= int(years[0]):
            continue
        after = years >= year
        if int(after.sum()) >= 2:
            return after, (because(Why.BREAK_USED, year=year, period=brk.period, note=brk.note),), year
        return None, (because(Why.BREAK_KEPT, period=brk.period, note=brk.note),), None
    return None, (), None


def since_break(series: pd.DataFrame, breaks: Sequence[Break]) -> tuple[pd.DataFrame, tuple[Reason, ...], int | None]:
    """Keep the points from the latest series break on, when at least 2 remain; (points, notes, break year)."""
    keep, notes, year = break_cut(series["year"].to_numpy(dtype=int), breaks)
    return (series if keep is None else series[keep].reset_index(drop=True)), notes, year


def points_since_break(points: Points, breaks: Sequence[Break]) -> tuple[Points, tuple[Reason, ...], int | None]:
    """`since_break` of a series given as `Points`."""
    keep, notes, year = break_cut(points.years, breaks)
    return (points if keep is None else points.take(keep)), notes, year


@dataclass(frozen=True)
class Peers:
    """The reference pool a series learns from (params/pools.yaml): its declaration and its series (years,
    values); `pool` None: no comparable pool, the series' own points only."""

    pool: ReferencePool | None = None
    series: tuple[tuple[np.ndarray, np.ndarray], ...] = ()


NO_PEERS = Peers()


def project(years: np.ndarray, values: np.ndarray, indicator: Indicator, methods: Methods, calibrated: Calibrated,
            *, n_paths: int = 0, seed: int = DEFAULT_SEED, floor: float | None = None,
            peers: Peers = NO_PEERS) -> Ensemble:
    """The forecaster's distribution of one series to `horizon_end`, learning from its peers (FitFailure where
    the series is too short), as the one-series `Ensemble` the briefs draw and adjust."""
    scale = scale_for(indicator.bounds, values, is_share=indicator.is_share, eps=methods.logit_epsilon)
    last = int(years[-1])
    floor = calibrated.floor(indicator, float(values[-1])) if floor is None else floor
    try:
        ensemble, _ = forecast_one(years, values, peers.series, scale, methods.forecast,
                                   horizon=max(methods.horizon_end, last + 1) - last, floor=floor, n_paths=n_paths,
                                   seed=seed)
    except ValueError:
        raise FitFailure(because(Why.FEW_POINTS_PROJECTION, n=len(years), need=methods.forecast.min_points)) from None
    return ensemble


def backtest_of(pit: np.ndarray, methods: Methods) -> OwnBacktest:
    """The own test from its PIT values: coverage of the 80 % and 50 % intervals where there are enough."""
    n = len(pit)
    if n < methods.bt_min_errors:
        return OwnBacktest(n, None, None, because(Why.TOO_FEW_TO_TEST, n=n, need=methods.bt_min_errors))
    return OwnBacktest(n, coverage(pit, 0.8), coverage(pit, 0.5), None)


def own_backtest(years: np.ndarray, values: np.ndarray, indicator: Indicator, methods: Methods, floor: float,
                 peers: Peers = NO_PEERS) -> OwnBacktest:
    """The forecaster tried on the series' own history: at each of its years with enough points before, the
    values seen within `local.max_horizon` years after, inside the 80 % and 50 % intervals or not."""
    scale = scale_for(indicator.bounds, values, is_share=indicator.is_share, eps=methods.logit_epsilon)
    pit = own_pits([(years, values)], peers.series, scale, methods.forecast, floor=floor)[0]
    return backtest_of(pit, methods)


def model_series(series: pd.DataFrame, indicator: Indicator, geo: str, breakdown: str, methods: Methods,
                 calibrated: Calibrated, *, breaks: Sequence[Break] = (), seed: int = DEFAULT_SEED,
                 peers: Peers = NO_PEERS) -> SeriesModel:
    """Cut at the last break, fit and calibrate the ensemble with sample paths, and test it on the series."""
    full = series
    series, notes, break_year = since_break(series, breaks)
    before = full if break_year is not None else None
    n = len(series)
    common = dict(before_break=before, break_year=break_year)
    if n < methods.min_points_projection:
        why = (because(Why.NO_DATA) if n == 0
               else because(Why.FEW_POINTS_PROJECTION, n=n, need=methods.min_points_projection))
        return SeriesModel(indicator.id, geo, breakdown, series, None, why, notes, **common)
    years = series["year"].to_numpy(dtype=int)
    values = series["value"].to_numpy(dtype=float)
    floor = calibrated.floor(indicator, float(values[-1]))
    try:
        ensemble = project(years, values, indicator, methods, calibrated, n_paths=methods.n_paths, seed=seed,
                           floor=floor, peers=peers)
    except FitFailure as exc:
        return SeriesModel(indicator.id, geo, breakdown, series, None, because(Why.NO_MODEL, failures=(exc.reason,)),
                           notes, floor, **common)
    notes += tuple(because(Why.FELL_BACK, model=name, failure=why, fallback="ensemble")
                   for name, why in ensemble.failures)
    backtest = own_backtest(years, values, indicator, methods, floor, peers)
    return SeriesModel(indicator.id, geo, breakdown, series, ensemble, None, notes, floor, backtest,
                       peers=peers, **common)


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

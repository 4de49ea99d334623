"""The one-series loops the batched code replaces, kept as the reference the equivalence tests compare with."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from kh330lib.data.panel import PoolSeries
from kh330lib.methods.backtest import Forecasts
from kh330lib.methods.ensemble import member_weights
from kh330lib.methods.projection import FitFailure, fit, members, scale_for
from kh330lib.methods.settings import Methods


def _gap(p, i: int, value: float) -> float:
    s = p.scale
    lo = -np.inf if s.lo is None else float(s.lo)
    hi = np.inf if s.hi is None else float(s.hi)
    if value >= hi:
        return np.inf
    if value <= lo and s.kind != "identity":
        return -np.inf
    return float(s.forward(max(value, lo)) - p.loc[i])


def pooled_forecasts_one_by_one(pool: Sequence[PoolSeries], methods: Methods, floor_points: float) -> Forecasts:
    """`pooled_forecasts` as it was: every member fitted at every origin of every series, one call each."""
    matrices = ("weights", "gap", "gap_event", "spread", "floor", "df")
    rows: dict[str, list] = {k: [] for k in (*matrices, "series", "window", "horizon", "event")}
    names: tuple[str, ...] | None = None
    for s_index, s in enumerate(pool):
        years, values = np.asarray(s.years, dtype=float), np.asarray(s.values, dtype=float)
        scale = scale_for(s.bounds, values, is_share=s.is_share, eps=methods.logit_epsilon)
        series_names = members(scale, methods.damped_phis)
        names = names or series_names
        weights = member_weights(series_names, methods.family_weights)
        for length in methods.calibration_windows:
            for end in range(length - 1, len(years) - 1):
                train = slice(end - length + 1, end + 1)
                origin = years[end]
                test = [j for j in range(end + 1, len(years)) if years[j] - origin <= methods.calibration_max_horizon]
                if not test:
                    continue
                future = np.arange(origin + 1, years[test[-1]] + 1)
                fitted = {}
                for name in series_names:
                    try:
                        fitted[name] = fit(name, years[train], values[train], future, scale,
                                           min_points=methods.min_points, allow_flat=True)
                    except FitFailure:
                        continue
                for j in test:
                    h = years[j] - origin
                    threshold = values[end] + methods.event_pace * h
                    row: dict[str, list] = {k: [] for k in matrices}
                    for name in names:
                        p = fitted.get(name)
                        if p is None:
                            for key, value in zip(matrices, (0.0, np.nan, np.nan, 1.0, 1.0, 1.0)):
                                row[key].append(value)
                            continue
                        i = p.index_of(int(years[j]))
                        centre = float(p.median[i])
                        for key, value in zip(matrices, (weights.get(name, 0.0), _gap(p, i, values[j]),
                                                         _gap(p, i, threshold), float(p.spread[i]),
                                                         floor_points * p.scale.slope(centre), p.df)):
                            row[key].append(value)
                    w = np.asarray(row["weights"])
                    row["weights"] = list(w / w.sum() if w.sum() else w)
                    for key in matrices:
                        rows[key].append(row[key])
                    rows["series"].append(s_index), rows["window"].append(length), rows["horizon"].append(int(h))
                    rows["event"].append(values[j] >= threshold)
    k = len(names or ())
    arr = {key: np.asarray(v, dtype=float).reshape(-1, k) if key in matrices else np.asarray(v)
           for key, v in rows.items()}
    return Forecasts(tuple(names or ()), arr["series"].astype(int), tuple(s.pool for s in pool),
                     arr["window"].astype(int), arr["horizon"].astype(int), arr["weights"], arr["gap"],
                     arr["gap_event"], arr["spread"], arr["floor"], arr["df"], arr["event"].astype(bool))


def series_set(seed: int = 7) -> list[tuple[np.ndarray, np.ndarray, tuple, bool]]:
    """(years, values, bounds, is_share) of series the batched code must treat as the one-series code does:
    short ones, gaps, shares near 0 % and 100 %, exact lines and flat ones, counts (log scale) and counts with a
    zero (identity scale), and long ones."""
    rng = np.random.default_rng(seed)
    out = []
    for n in (2, 3, 4, 5, 6, 8, 12, 20):
        years = np.arange(2025 - n + 1, 2026)
        logit = rng.normal(0.8, 0.5) + np.cumsum(rng.normal(0.05, 0.1, n))
        out.append((years, 100 / (1 + np.exp(-logit)), (0.0, 100.0), True))
    gappy = np.array([2010, 2012, 2013, 2016, 2017, 2020, 2021, 2024])
    out.append((gappy, np.array([40.0, 43.1, 42.8, 47.5, 50.2, 49.9, 53.0, 55.5]), (0.0, 100.0), True))
    out.append((gappy[:4], np.array([61.0, 63.5, 62.0, 66.0]), (0.0, 100.0), True))
    out.append((np.arange(2018, 2026), np.array([99.2, 99.5, 99.7, 99.9, 99.95, 100.0, 100.0, 99.99]),
                (0.0, 100.0), True))
    out.append((np.arange(2019, 2026), np.array([0.5, 0.3, 0.2, 0.05, 0.0, 0.01, 0.0]), (0.0, 100.0), True))
    out.append((np.arange(2020, 2026), np.array([50.0, 52.0, 54.0, 56.0, 58.0, 60.0]), (0.0, 100.0), True))
    out.append((np.arange(2020, 2026), np.full(6, 70.0), (0.0, 100.0), True))
    out.append((np.arange(2016, 2026), np.round(np.exp(np.linspace(8, 9, 10) + rng.normal(0, 0.05, 10))),
                (0.0, None), False))
    out.append((np.arange(2019, 2026), np.array([0.0, 3.0, 5.0, 4.0, 9.0, 12.0, 11.0]), (0.0, None), False))
    out.append((np.array([2015, 2018, 2019, 2023, 2024]), np.array([12.0, 15.0, 13.0, 20.0, 22.0]),
                (None, None), False))
    return out

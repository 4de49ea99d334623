"""Rolling-origin forecasts of every ensemble member on many series at once: each origin is one more batch row.

`pooled_forecasts` gives, row for row, what fitting each member at each origin of each series one by one gives
(the pooled calibration, and each series' own backtest); the fits are `batched.fit_rows`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import special

from ..data.panel import PoolSeries
from .batched import Fits, Rows, fit_rows, group_by
from .ensemble import member_weights
from .projection import members, scale_for
from .settings import Methods


@dataclass(frozen=True)
class Forecasts:
    """Every pooled forecast: one row per held-out value, one column per member (NaN where a member failed)."""

    names: tuple[str, ...]
    series: np.ndarray       # index into the pool
    pool: tuple[str, ...]    # pool kind of each series ("panel", "national")
    window: np.ndarray       # training points
    horizon: np.ndarray      # years ahead
    weights: np.ndarray      # forecast × member (0 where the member does not apply)
    gap: np.ndarray          # forecast × member: g(actual) − centre, on the member's scale
    gap_event: np.ndarray    # forecast × member: the same at the event's threshold
    spread: np.ndarray       # forecast × member: the member's spread
    floor: np.ndarray        # forecast × member: the measurement error on the member's scale
    df: np.ndarray           # forecast × member
    event: np.ndarray        # forecast: did the value rise by at least the event pace?

    def pit(self, k: float | np.ndarray = 1.0, member: int | None = None) -> np.ndarray:
        """The predictive CDF at the actual value, spreads × k but not below the floor (one member, or the mix)."""
        return self._cdf(self.gap, k, member)

    def p_event(self, k: float | np.ndarray = 1.0, member: int | None = None) -> np.ndarray:
        return 1.0 - self._cdf(self.gap_event, k, member)

    def _cdf(self, gap: np.ndarray, k: float | np.ndarray, member: int | None) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            cdf = special.stdtr(self.df, gap / np.maximum(self.spread * k, self.floor))
        if member is not None:
            return cdf[:, member]
        return np.nansum(np.where(self.weights > 0, cdf, 0.0) * self.weights, axis=1)


def gaps(fit: Fits, actual: np.ndarray) -> np.ndarray:
    """How far each value lies from the member's centre, on its scale; ±inf beyond the bounds (as `_gap`)."""
    s = fit.scale
    lo = -np.inf if s.lo is None else float(s.lo)
    hi = np.inf if s.hi is None else float(s.hi)
    with np.errstate(divide="ignore", invalid="ignore"):
        inside = s.forward(np.maximum(actual, lo)) - fit.loc
    out = np.where(actual >= hi, np.inf, inside)
    if s.kind != "identity":
        out = np.where((actual <= lo) & (actual < hi), -np.inf, out)
    return out


@dataclass(frozen=True)
class _Origins:
    """Every rolling origin, in the order the forecasts are reported (series, window, end), as arrays."""

    series: np.ndarray  # O: index into the pool
    window: np.ndarray  # O: training points
    end: np.ndarray     # O: index of the last training point in its series
    test: np.ndarray    # O × W: indices of the held-out points, packed left, padded with the last one
    n_test: np.ndarray  # O: held-out points


def _origins(years: Sequence[np.ndarray], methods: Methods) -> _Origins:
    """Every origin of every series (`years`: one array each) whose window is followed by at least one point
    within `calibration_max_horizon` years; array expressions over all origins, not a loop over them."""
    n = np.array([len(y) for y in years], dtype=int)
    start = np.cumsum(n) - n
    flat = np.concatenate([np.asarray(y, dtype=float) for y in years]) if len(years) else np.zeros(0)
    # Each window length's ends (length − 1 … n − 2) in every series, then in report order: series, window, end.
    series, rank, end = [np.zeros(0, dtype=int)], [np.zeros(0, dtype=int)], [np.zeros(0, dtype=int)]
    for k, length in enumerate(methods.calibration_windows):
        count = np.maximum(n - length, 0)
        series.append(np.repeat(np.arange(len(n)), count))
        rank.append(np.full(int(count.sum()), k))
        end.append(length - 1 + np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count))
    series, rank, end = (np.concatenate(a) for a in (series, rank, end))
    order = np.lexsort((end, rank, series))
    series, rank, end = series[order], rank[order], end[order]
    # The points after each end within the horizon (a mask over the next ones), packed left in their order.
    j = end[:, None] + np.arange(1, max(int(n.max()) if len(n) else 1, 2))[None, :]
    inside = j < n[series][:, None]
    at = start[series][:, None] + np.minimum(j, n[series][:, None] - 1)
    held = inside & (flat[at] - flat[start[series] + end][:, None] <= methods.calibration_max_horizon)
    n_test = held.sum(axis=1)
    keep = n_test > 0
    series, rank, end, j, held, n_test = series[keep], rank[keep], end[keep], j[keep], held[keep], n_test[keep]
    width = max(int(n_test.max()) if len(n_test) else 1, 1)
    packed = np.take_along_axis(j, np.argsort(~held, axis=1, kind="stable")[:, :width], axis=1)
    test = np.take_along_axis(packed, np.minimum(np.arange(width)[None, :], n_test[:, None] - 1), axis=1)
    return _Origins(series, np.asarray(methods.calibration_windows, dtype=int)[rank], end, test, n_test)


def pooled_forecasts(pool: Sequence[PoolSeries], methods: Methods, floor_points: float | Sequence[float]) -> Forecasts:
    """Fit the ensemble's members on every window of every pool series; score them on the later values.

    `floor_points` is the data's measurement error: one for the pool, or one per series.
    """
    floors = np.broadcast_to(np.asarray(floor_points, dtype=float), (len(pool),))
    scales = [scale_for(s.bounds, np.asarray(s.values, dtype=float), is_share=s.is_share, eps=methods.logit_epsilon)
              for s in pool]
    series_names = [members(sc, methods.damped_phis) for sc in scales]
    names = series_names[0] if pool else ()
    years = [np.asarray(s.years, dtype=float) for s in pool]
    o = _origins(years, methods)
    n = np.array([len(y) for y in years], dtype=int)
    start = np.cumsum(n) - n
    flat_years = np.concatenate(years) if pool else np.zeros(0)
    flat_values = np.concatenate([np.asarray(s.values, dtype=float) for s in pool]) if pool else np.zeros(0)
    width = o.test.shape[1]
    k = len(names)
    shape = (len(o.series), width, k)
    cols = {"weights": np.zeros(shape), "gap": np.full(shape, np.nan), "gap_event": np.full(shape, np.nan),
            "spread": np.ones(shape), "floor": np.ones(shape), "df": np.ones(shape)}
    valid = np.arange(width)[None, :] < o.n_test[:, None]
    first = start[o.series]
    test_years = flat_years[first[:, None] + o.test]
    origin_year, origin_value = flat_years[first + o.end], flat_values[first + o.end]
    actual = np.where(valid, flat_values[first[:, None] + o.test], 0.0)
    event_at = np.where(valid, origin_value[:, None] + methods.event_pace * (test_years - origin_year[:, None]), 0.0)
    # Series of one scale (and so one set of members) are fitted together: group the series, then their origins.
    group_of = group_by([(scales[i], series_names[i]) for i in range(len(pool))])
    series_group = np.zeros(len(pool), dtype=int)
    for g, idx in enumerate(group_of.values()):
        series_group[idx] = g
    for g, (scale, group_names) in enumerate(group_of):
        rows = np.flatnonzero(series_group[o.series] == g)
        if not len(rows):
            continue
        train = _windows(flat_years, flat_values, first[rows] + o.end[rows], o.window[rows])
        weights = member_weights(group_names, methods.family_weights)
        at = test_years[rows]
        row_floor = floors[o.series[rows]][:, None]
        # Usually one group holds every origin: a slice then writes in place of a scatter.
        into: slice | np.ndarray = slice(None) if len(rows) == len(o.series) else rows
        for name in group_names:
            if name not in names:
                continue
            c = names.index(name)
            fit = fit_rows(name, train, at, scale, min_points=methods.min_points, allow_flat=True)
            ok = fit.ok[:, None] & valid[rows]
            put = {"weights": np.where(ok, weights.get(name, 0.0), 0.0),
                   "gap": gaps(fit, actual[rows]), "gap_event": gaps(fit, event_at[rows]),
                   "spread": fit.spread, "floor": row_floor * fit.scale.slope(fit.median()),
                   "df": np.broadcast_to(fit.df[:, None], at.shape)}
            for key, value in put.items():
                if key == "weights":
                    cols[key][into, :, c] = value
                else:
                    cols[key][into, :, c] = np.where(ok, value, cols[key][into, :, c])
    flat = {key: v[valid] for key, v in cols.items()}
    total = flat["weights"].sum(axis=1, keepdims=True)
    flat["weights"] = np.where(total > 0, flat["weights"] / np.where(total > 0, total, 1.0), flat["weights"])
    horizon = test_years - origin_year[:, None]
    return Forecasts(tuple(names), np.repeat(o.series, o.n_test).astype(int), tuple(s.pool for s in pool),
                     np.repeat(o.window, o.n_test).astype(int), horizon[valid].astype(int), flat["weights"],
                     flat["gap"], flat["gap_event"], flat["spread"], flat["floor"], flat["df"],
                     (actual >= event_at)[valid])


def _windows(flat_years: np.ndarray, flat_values: np.ndarray, last: np.ndarray, length: np.ndarray) -> Rows:
    """The training windows (`length` points up to the flat index `last`) as `pack` packs them."""
    width = max(int(length.max()) if len(length) else 1, 1)
    at = (last - length + 1)[:, None] + np.minimum(np.arange(width)[None, :], (length - 1)[:, None])
    return Rows(flat_years[at], flat_values[at], length.astype(int))

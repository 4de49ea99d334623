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
from .batched import Fits, fit_rows, group_by, pack, pad_years
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
class _Origin:
    series: int
    window: int
    end: int
    test: tuple[int, ...]


def _origins(pool: Sequence[PoolSeries], methods: Methods) -> list[_Origin]:
    """Every rolling origin in the order the forecasts are reported: series, window, end."""
    out = []
    for s_index, s in enumerate(pool):
        years = s.years
        for length in methods.calibration_windows:
            for end in range(length - 1, len(years) - 1):
                test = tuple(j for j in range(end + 1, len(years))
                             if years[j] - years[end] <= methods.calibration_max_horizon)
                if test:
                    out.append(_Origin(s_index, length, end, test))
    return out


def pooled_forecasts(pool: Sequence[PoolSeries], methods: Methods, floor_points: float | Sequence[float]) -> Forecasts:
    """Fit the ensemble's members on every window of every pool series; score them on the later values.

    `floor_points` is the data's measurement error: one for the pool, or one per series.
    """
    floors = np.broadcast_to(np.asarray(floor_points, dtype=float), (len(pool),))
    scales = [scale_for(s.bounds, np.asarray(s.values, dtype=float), is_share=s.is_share, eps=methods.logit_epsilon)
              for s in pool]
    series_names = [members(sc, methods.damped_phis) for sc in scales]
    names = series_names[0] if pool else ()
    origins = _origins(pool, methods)
    width = max((len(o.test) for o in origins), default=1)
    k = len(names)
    shape = (len(origins), width, k)
    cols = {"weights": np.zeros(shape), "gap": np.full(shape, np.nan), "gap_event": np.full(shape, np.nan),
            "spread": np.ones(shape), "floor": np.ones(shape), "df": np.ones(shape)}
    years = [np.asarray(s.years, dtype=float) for s in pool]
    values = [np.asarray(s.values, dtype=float) for s in pool]
    test_years, valid = pad_years([years[o.series][list(o.test)] for o in origins])
    actual = np.zeros(test_years.shape)
    event_at = np.zeros(test_years.shape)
    for r, o in enumerate(origins):
        t, y, v = list(o.test), years[o.series], values[o.series]
        actual[r, :len(t)] = v[t]
        event_at[r, :len(t)] = v[o.end] + methods.event_pace * (y[t] - y[o.end])
    which = [o.series for o in origins]
    for (scale, group_names), rows in group_by([(scales[s], series_names[s]) for s in which]).items():
        train = pack([(years[which[r]][origins[r].end - origins[r].window + 1:origins[r].end + 1],
                       values[which[r]][origins[r].end - origins[r].window + 1:origins[r].end + 1]) for r in rows])
        weights = member_weights(group_names, methods.family_weights)
        at = test_years[rows]
        row_floor = floors[np.asarray(which)[rows]][:, None]
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
                    cols[key][rows, :, c] = value
                else:
                    cols[key][rows, :, c] = np.where(ok, value, cols[key][rows, :, c])
    flat = {key: v[valid] for key, v in cols.items()}
    total = flat["weights"].sum(axis=1, keepdims=True)
    flat["weights"] = np.where(total > 0, flat["weights"] / np.where(total > 0, total, 1.0), flat["weights"])
    horizon = (test_years - np.asarray([years[o.series][o.end] for o in origins] or [0.0])[:len(origins), None])
    return Forecasts(tuple(names), np.repeat(which, [len(o.test) for o in origins]).astype(int),
                     tuple(s.pool for s in pool),
                     np.repeat([o.window for o in origins], [len(o.test) for o in origins]).astype(int),
                     horizon[valid].astype(int), flat["weights"], flat["gap"], flat["gap_event"], flat["spread"],
                     flat["floor"], flat["df"], (actual >= event_at)[valid])

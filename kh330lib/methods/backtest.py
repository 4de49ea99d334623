"""Rolling-origin backtests (expanding window) → MASE, RMSE, interval coverage, model choice, widening.

At each origin the model is fitted on the observations up to it and scored on
every later observation within `max_horizon` years (horizon = year gap, so
series with gaps are scored at their real horizons). MASE divides by the mean
absolute change between consecutive observations of the whole series (the
in-sample naive error, fpp3 §5.8).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..codes import Reason, Why, because
from .projection import TREND_OF_SCALE, FitFailure, Scale, fit, t_quantile


@dataclass(frozen=True)
class HeldOut:
    """One held-out observation scored against a forecast made at an earlier origin."""

    origin: int
    year: int
    horizon: int
    actual: float
    median: float
    lo80: float
    hi80: float
    lo95: float
    hi95: float
    # |g(actual) − centre| in units of the interval half-width on the transformed scale:
    # ≤ 1 means inside; the widening factor is a quantile of these.
    r80: float
    r95: float

    @property
    def error(self) -> float:
        return self.actual - self.median


@dataclass(frozen=True)
class HorizonScore:
    """Scores of one horizon (years ahead)."""

    horizon: int
    n: int
    mase: float | None
    rmse: float
    coverage80: float
    coverage95: float


@dataclass(frozen=True)
class Backtest:
    """Rolling-origin evaluation of one model on one series."""

    model: str
    scale: str
    n_origins: int
    held_out: tuple[HeldOut, ...]
    mase_scale: float | None
    # (origin, why the model could not be fitted there)
    failures: tuple[tuple[int, Reason], ...] = ()

    @property
    def n_errors(self) -> int:
        return len(self.held_out)

    def _errors(self) -> np.ndarray:
        return np.array([h.error for h in self.held_out])

    @property
    def mase(self) -> float | None:
        if not self.held_out or not self.mase_scale:
            return None
        return float(np.mean(np.abs(self._errors())) / self.mase_scale)

    @property
    def rmse(self) -> float | None:
        return float(np.sqrt(np.mean(self._errors() ** 2))) if self.held_out else None

    @property
    def coverage80(self) -> float | None:
        return float(np.mean([h.lo80 <= h.actual <= h.hi80 for h in self.held_out])) if self.held_out else None

    @property
    def coverage95(self) -> float | None:
        return float(np.mean([h.lo95 <= h.actual <= h.hi95 for h in self.held_out])) if self.held_out else None

    def by_horizon(self) -> tuple[HorizonScore, ...]:
        out = []
        for hz in sorted({h.horizon for h in self.held_out}):
            sel = [h for h in self.held_out if h.horizon == hz]
            e = np.array([h.error for h in sel])
            out.append(HorizonScore(
                hz, len(sel), float(np.mean(np.abs(e)) / self.mase_scale) if self.mase_scale else None,
                float(np.sqrt(np.mean(e ** 2))),
                float(np.mean([h.lo80 <= h.actual <= h.hi80 for h in sel])),
                float(np.mean([h.lo95 <= h.actual <= h.hi95 for h in sel]))))
        return tuple(out)

    def keys(self) -> set[tuple[int, int]]:
        return {(h.origin, h.year) for h in self.held_out}


def mase_scale(values: np.ndarray) -> float | None:
    """Mean absolute change between consecutive observations; None if the series never changes."""
    values = np.asarray(values, dtype=float)
    if len(values) < 2:
        return None
    s = float(np.mean(np.abs(np.diff(values))))
    return s if s > 0 else None


def rolling_origin(model: str, years: np.ndarray, values: np.ndarray, scale: Scale, *, min_train: int,
                   max_horizon: int, min_points: dict[str, int] | None = None) -> Backtest:
    """Expanding-window backtest of `model`: fit on points up to each origin, score later points."""
    years = np.asarray(years, dtype=int)
    values = np.asarray(values, dtype=float)
    held: list[HeldOut] = []
    failures: list[tuple[int, Reason]] = []
    n_origins = 0
    # Each model starts at the first origin where it can be fitted at all.
    need = (min_points or {}).get("linear" if model in TREND_OF_SCALE.values() else model, 0)
    for k in range(max(min_train, need, 2), len(years)):
        origin = int(years[k - 1])
        test = [(int(y), float(v)) for y, v in zip(years[k:], values[k:]) if y - origin <= max_horizon]
        if not test:
            continue
        future = np.arange(origin + 1, test[-1][0] + 1)
        try:
            p = fit(model, years[:k], values[:k], future, scale, min_points=min_points)
        except FitFailure as exc:
            failures.append((origin, exc.reason))
            continue
        n_origins += 1
        z80, z95 = t_quantile(0.9, p.df), t_quantile(0.975, p.df)
        med, lo80, hi80, lo95, hi95 = p.median, p.lo80, p.hi80, p.lo95, p.hi95
        for year, actual in test:
            i = p.index_of(year)
            dev = abs(float(p.scale.forward(actual)) - p.loc[i]) / p.spread[i]
            held.append(HeldOut(origin, year, year - origin, actual, float(med[i]), float(lo80[i]),
                                float(hi80[i]), float(lo95[i]), float(hi95[i]), dev / z80, dev / z95))
    return Backtest(model, scale.kind, n_origins, tuple(held), mase_scale(values), tuple(failures))


def widening_factor(backtest: Backtest, *, min_errors: int, max_factor: float) -> tuple[float, Reason]:
    """Factor that brings the backtest's 80 % and 95 % coverage up to nominal (1 if already there).

    The factor is the smallest k such that at least 80 % (95 %) of the held-out
    values fall inside the interval widened k times on the transformed scale.
    """
    if backtest.n_errors < min_errors:
        return 1.0, because(Why.COVERAGE_NOT_ESTIMABLE, n=backtest.n_errors, need=min_errors)
    r80 = np.array([h.r80 for h in backtest.held_out])
    r95 = np.array([h.r95 for h in backtest.held_out])
    k = max(1.0, float(np.quantile(r80, 0.80, method="inverted_cdf")),
            float(np.quantile(r95, 0.95, method="inverted_cdf")))
    if k <= 1.0:
        return 1.0, because(Why.COVERAGE_AT_NOMINAL)
    capped = min(k, max_factor)
    if capped < k:
        return capped, because(Why.WIDENED_CAPPED, c80=backtest.coverage80, c95=backtest.coverage95,
                               factor=capped, needed=k)
    return capped, because(Why.WIDENED, c80=backtest.coverage80, c95=backtest.coverage95, factor=capped)


@dataclass(frozen=True)
class ModelChoice:
    """Which model projects a series, why, and by how much its intervals are widened."""

    model: str
    default: str
    backtests: tuple[Backtest, ...]
    enough_history: bool
    reason: Reason
    widening: float
    widening_note: Reason

    def backtest(self, model: str | None = None) -> Backtest | None:
        name = model or self.model
        return next((b for b in self.backtests if b.model == name), None)


def choose_model(years: np.ndarray, values: np.ndarray, scale: Scale, candidates: tuple[str, ...], *,
                 min_train: int, max_horizon: int, min_origins: int, min_errors: int,
                 min_errors_widening: int, max_widening: float,
                 min_points: dict[str, int] | None = None) -> ModelChoice:
    """Backtest every candidate; pick the lowest MASE on the held-out points all of them share.

    With too little history the default (the trend model of the scale, the
    simplest defensible model) is kept and the reason says so.
    """
    default = TREND_OF_SCALE[scale.kind]
    mp = min_points or {}
    usable = [m for m in candidates
              if len(years) >= mp.get("linear" if m in TREND_OF_SCALE.values() else m, 0)]
    tests = tuple(rolling_origin(m, years, values, scale, min_train=min_train, max_horizon=max_horizon,
                                 min_points=min_points) for m in usable)
    scored = [b for b in tests if b.n_origins >= min_origins and b.n_errors >= min_errors]
    enough = len(scored) >= 2 and any(b.model == default for b in scored) and mase_scale(values) is not None
    if not enough:
        best = next((b for b in tests if b.model == default), None)
        n_or = best.n_origins if best else 0
        n_err = best.n_errors if best else 0
        reason = because(Why.TOO_LITTLE_HISTORY, n=len(years), origins=n_or, errors=n_err,
                         min_origins=min_origins, min_errors=min_errors, model=default, scale=scale.kind)
        model = default
    else:
        common = set.intersection(*(b.keys() for b in scored))
        scale_ = mase_scale(values) or 1.0

        def score(b: Backtest) -> float:
            e = [abs(h.error) for h in b.held_out if (h.origin, h.year) in common]
            return float(np.mean(e)) / scale_ if e else np.inf

        ranked = sorted(scored, key=lambda b: (score(b), candidates.index(b.model)))
        model = ranked[0].model
        reason = because(Why.LOWEST_MASE, n=len(common), scores=tuple((b.model, score(b)) for b in ranked))
    chosen = next((b for b in tests if b.model == model), None)
    if chosen is None:
        return ModelChoice(model, default, tests, enough, reason, 1.0, because(Why.NO_BACKTEST))
    factor, note = widening_factor(chosen, min_errors=min_errors_widening, max_factor=max_widening)
    return ModelChoice(model, default, tests, enough, reason, factor, note)

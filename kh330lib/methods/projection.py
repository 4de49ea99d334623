"""Projection models for short annual series → one `Projection` shape (median, 80 %/95 % intervals, paths).

Every model works on a transformed scale chosen from the indicator's bounds:
identity, logit (shares bounded on both sides) or log (positive, unbounded).
Intervals are Student-t (or normal) on that scale and are back-transformed, so
shares never leave their bounds. Years may have gaps: every kernel uses the
real spacing between observations.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np
import pandas as pd
from scipy import special

from ..codes import Reason, Why, because
from ..data.scenarios import Adjustment

SCALES = ("identity", "logit", "log")
MODELS = ("linear", "logit_linear", "log_linear", "drift", "naive", "ets_damped")
# The trend model of each scale: OLS on the transformed values.
TREND_OF_SCALE = {"identity": "linear", "logit": "logit_linear", "log": "log_linear"}
# Interval levels reported everywhere, as (name, lower quantile, upper quantile).
LEVELS = (("80", 0.10, 0.90), ("95", 0.025, 0.975))


def t_quantile(p: float, df: float) -> float:
    """Student-t quantile (normal when df is infinite); scipy's ufuncs, without stats' per-call overhead."""
    return float(special.stdtrit(df, p)) if np.isfinite(df) else float(special.ndtri(p))


class FitFailure(Exception):
    """A model could not be fitted to this series (too short, degenerate, not converged); `reason` says why."""

    def __init__(self, reason: Reason):
        self.reason = reason
        super().__init__(reason.code.value)


@dataclass(frozen=True)
class Scale:
    """A monotone transformation g and its inverse, with the indicator's bounds."""

    kind: str
    lo: float | None = None
    hi: float | None = None
    eps: float = 0.0

    def forward(self, x: np.ndarray | float) -> np.ndarray:
        """Values → transformed scale (shares clipped by ε inside their bounds first)."""
        x = np.asarray(x, dtype=float)
        if self.kind == "logit":
            lo, hi = float(self.lo), float(self.hi)  # type: ignore[arg-type]
            pad = self.eps * (hi - lo)
            x = np.clip(x, lo + pad, hi - pad)
            return np.log((x - lo) / (hi - x))
        if self.kind == "log":
            return np.log(x - (self.lo or 0.0))
        return x

    def inverse(self, g: np.ndarray | float) -> np.ndarray:
        """Transformed scale → values, clipped to the bounds (identity scale)."""
        g = np.asarray(g, dtype=float)
        if self.kind == "logit":
            lo, hi = float(self.lo), float(self.hi)  # type: ignore[arg-type]
            return lo + (hi - lo) * special.expit(g)
        if self.kind == "log":
            # Explosive sample paths overflow to inf, which is the right limit; no warning needed.
            with np.errstate(over="ignore"):
                return np.exp(g) + (self.lo or 0.0)
        if self.lo is not None or self.hi is not None:
            return np.clip(g, -np.inf if self.lo is None else self.lo, np.inf if self.hi is None else self.hi)
        return g


def scale_for(bounds: tuple[float | None, float | None], values: np.ndarray, *, is_share: bool,
              eps: float) -> Scale:
    """The natural scale of a series: logit for shares, log for positive unbounded series, else identity."""
    lo, hi = bounds
    values = np.asarray(values, dtype=float)
    if is_share and lo is not None and hi is not None:
        return Scale("logit", lo, hi, eps)
    if lo == 0 and hi is None and len(values) and np.all(values > 0):
        return Scale("log", 0.0, None)
    return Scale("identity", lo, hi)


@dataclass(frozen=True, eq=False)
class Projection:
    """A fitted model and its predictive distribution for each future year.

    The distribution of year i is `loc[i] + spread[i]·T(df)` on the transformed
    scale; quantiles and probabilities are exact back-transforms of it. `paths`
    are sample trajectories on the original scale whose marginals follow the
    same distribution (used for "reached in any year" and "first year reached").
    """

    model: str
    scale: Scale
    years: np.ndarray
    values: np.ndarray
    fitted: np.ndarray
    future_years: np.ndarray
    loc: np.ndarray
    spread: np.ndarray
    df: float
    paths: np.ndarray
    widening: float = 1.0
    adjustments: tuple[Adjustment, ...] = ()
    notes: tuple[str, ...] = field(default=())

    # ---- distribution --------------------------------------------------------

    def _q(self, p: float) -> float:
        return t_quantile(p, self.df)

    def quantile(self, p: float) -> np.ndarray:
        """The p-quantile of every future year (original scale)."""
        return self.scale.inverse(self.loc + self._q(p) * self.spread)

    @property
    def median(self) -> np.ndarray:
        return self.scale.inverse(self.loc)

    @property
    def lo80(self) -> np.ndarray:
        return self.quantile(0.10)

    @property
    def hi80(self) -> np.ndarray:
        return self.quantile(0.90)

    @property
    def lo95(self) -> np.ndarray:
        return self.quantile(0.025)

    @property
    def hi95(self) -> np.ndarray:
        return self.quantile(0.975)

    def index_of(self, year: int) -> int | None:
        hit = np.flatnonzero(self.future_years == year)
        return int(hit[0]) if len(hit) else None

    def at(self, year: int) -> dict[str, float] | None:
        """Median and 80 %/95 % bounds of one future year, or None if not projected."""
        i = self.index_of(year)
        if i is None:
            return None
        return {"median": float(self.median[i]), "lo80": float(self.lo80[i]), "hi80": float(self.hi80[i]),
                "lo95": float(self.lo95[i]), "hi95": float(self.hi95[i])}

    def cdf(self, year: int, threshold: float) -> float | None:
        """P(value in `year` ≤ threshold), exact on the transformed scale."""
        i = self.index_of(year)
        if i is None:
            return None
        s = self.scale
        # A logit or log model never reaches its bounds: handle them before g().
        if s.kind == "logit" and threshold >= float(s.hi):  # type: ignore[arg-type]
            return 1.0
        if s.kind in ("logit", "log") and threshold <= float(s.lo or 0.0):
            return 0.0
        if s.kind == "identity":
            if s.hi is not None and threshold >= s.hi:
                return 1.0
            if s.lo is not None and threshold < s.lo:
                return 0.0
        z = (float(s.forward(threshold)) - self.loc[i]) / self.spread[i]
        return float(special.stdtr(self.df, z)) if np.isfinite(self.df) else float(special.ndtr(z))

    def to_frame(self) -> pd.DataFrame:
        """Future years with median and interval bounds (for tables and fan charts)."""
        return pd.DataFrame({"year": self.future_years.astype(int), "median": self.median,
                             "lo80": self.lo80, "hi80": self.hi80, "lo95": self.lo95, "hi95": self.hi95})

    # ---- transformations -----------------------------------------------------

    def shifted(self, delta_g: np.ndarray, adjustment: Adjustment) -> "Projection":
        """Move the distribution of each future year by `delta_g` on the transformed scale."""
        delta_g = np.asarray(delta_g, dtype=float)
        paths = self.paths
        if paths.size:
            paths = self.scale.inverse(self.scale.forward(paths) + delta_g[None, :])
        return replace(self, loc=self.loc + delta_g, paths=paths, adjustments=self.adjustments + (adjustment,))

    def widened(self, factor: float) -> "Projection":
        """Intervals (and path spread) multiplied by `factor` on the transformed scale."""
        if factor == 1.0:
            return self
        paths = self.paths
        if paths.size:
            g = self.scale.forward(paths)
            paths = self.scale.inverse(self.loc[None, :] + factor * (g - self.loc[None, :]))
        return replace(self, spread=self.spread * factor, paths=paths, widening=self.widening * factor)


# ---------------------------------------------------------------- kernels

def _check(years: np.ndarray, values: np.ndarray, future_years: np.ndarray, need: int, model: str) -> None:
    if len(years) < need:
        raise FitFailure(because(Why.FIT_TOO_SHORT, model=model, need=need, n=len(years)))
    if np.any(np.diff(years) <= 0):
        raise FitFailure(because(Why.FIT_YEARS_NOT_INCREASING))
    if len(future_years) == 0 or future_years[0] <= years[-1]:
        raise FitFailure(because(Why.FIT_FUTURE_NOT_AFTER))


def _degenerate(s: float, g: np.ndarray) -> bool:
    return not np.isfinite(s) or s <= 1e-12 * (1.0 + float(np.max(np.abs(g))))


def _sigma_draws(rng: np.random.Generator, s2: float, nu: float, n: int) -> np.ndarray:
    """σ² drawn from its scaled inverse-χ² posterior: makes path marginals exactly Student-t."""
    return s2 * nu / rng.chisquare(nu, n)


def fit_trend(years: np.ndarray, values: np.ndarray, future_years: np.ndarray, scale: Scale, *,
              n_paths: int = 0, seed: int = 0, min_points: int = 3) -> Projection:
    """OLS line on the transformed scale; prediction intervals with parameter uncertainty (t, n − 2 df)."""
    years, values, future_years = (np.asarray(a, dtype=float) for a in (years, values, future_years))
    model = TREND_OF_SCALE[scale.kind]
    _check(years, values, future_years, max(min_points, 3), model)
    g = scale.forward(values)
    n = len(g)
    xbar = years.mean()
    x = years - xbar
    sxx = float(x @ x)
    b1 = float(x @ (g - g.mean())) / sxx
    b0 = float(g.mean())
    resid = g - (b0 + b1 * x)
    nu = n - 2
    s2 = float(resid @ resid) / nu
    if _degenerate(np.sqrt(s2), g):
        raise FitFailure(because(Why.FIT_EXACT_LINE, model=model))
    x0 = future_years - xbar
    loc = b0 + b1 * x0
    spread = np.sqrt(s2 * (1.0 + 1.0 / n + x0 ** 2 / sxx))
    paths = np.empty((0, len(future_years)))
    if n_paths:
        rng = np.random.default_rng(seed)
        sigma2 = _sigma_draws(rng, s2, nu, n_paths)
        sd = np.sqrt(sigma2)[:, None]
        z = rng.standard_normal((n_paths, 2))
        a = b0 + sd[:, 0] * z[:, 0] / np.sqrt(n)
        b = b1 + sd[:, 0] * z[:, 1] / np.sqrt(sxx)
        eps = rng.standard_normal((n_paths, len(future_years))) * sd
        paths = scale.inverse(a[:, None] + b[:, None] * x0[None, :] + eps)
    return Projection(model, scale, years.astype(int), values, scale.inverse(b0 + b1 * x),
                      future_years.astype(int), loc, spread, float(nu), paths)


def fit_drift(years: np.ndarray, values: np.ndarray, future_years: np.ndarray, scale: Scale, *,
              n_paths: int = 0, seed: int = 0, min_points: int = 3) -> Projection:
    """Random walk with drift; the interval includes the drift's own uncertainty (fpp3 §5.5).

    With spacings Δ_i between observations, the drift is (y_T − y_1)/ΣΔ and the
    h-year-ahead scale is s·√(h + h²/ΣΔ), which is fpp3's s·√(h(1 + h/(T − 1)))
    for annual series without gaps.
    """
    years, values, future_years = (np.asarray(a, dtype=float) for a in (years, values, future_years))
    _check(years, values, future_years, max(min_points, 3), "drift")
    g = scale.forward(values)
    d = np.diff(g)
    gaps = np.diff(years)
    total = float(gaps.sum())
    c = float(d.sum()) / total
    m = len(d)
    nu = m - 1
    s2 = float(np.sum((d - c * gaps) ** 2 / gaps)) / nu
    if _degenerate(np.sqrt(s2), g):
        raise FitFailure(because(Why.FIT_CONSTANT_CHANGE, model="drift"))
    h = future_years - years[-1]
    loc = g[-1] + c * h
    spread = np.sqrt(s2 * (h + h ** 2 / total))
    fitted = np.concatenate([[np.nan], scale.inverse(g[:-1] + c * gaps)])
    paths = np.empty((0, len(future_years)))
    if n_paths:
        rng = np.random.default_rng(seed)
        sd = np.sqrt(_sigma_draws(rng, s2, nu, n_paths))[:, None]
        cp = c + sd[:, 0] * rng.standard_normal(n_paths) / np.sqrt(total)
        steps = np.diff(np.concatenate([[years[-1]], future_years]))
        inc = cp[:, None] * steps[None, :] + sd * np.sqrt(steps)[None, :] * rng.standard_normal(
            (n_paths, len(future_years)))
        paths = scale.inverse(g[-1] + np.cumsum(inc, axis=1))
    return Projection("drift", scale, years.astype(int), values, fitted, future_years.astype(int),
                      loc, spread, float(nu), paths)


def fit_naive(years: np.ndarray, values: np.ndarray, future_years: np.ndarray, scale: Scale, *,
              n_paths: int = 0, seed: int = 0, min_points: int = 2) -> Projection:
    """Last value carried forward; scale s·√h with s² the mean squared change per year (the benchmark)."""
    years, values, future_years = (np.asarray(a, dtype=float) for a in (years, values, future_years))
    _check(years, values, future_years, max(min_points, 2), "naive")
    g = scale.forward(values)
    d = np.diff(g)
    gaps = np.diff(years)
    m = len(d)
    s2 = float(np.sum(d ** 2 / gaps)) / m
    if _degenerate(np.sqrt(s2), g):
        raise FitFailure(because(Why.FIT_NO_CHANGE, model="naive"))
    h = future_years - years[-1]
    loc = np.full(len(h), g[-1])
    spread = np.sqrt(s2 * h)
    fitted = np.concatenate([[np.nan], values[:-1]])
    paths = np.empty((0, len(future_years)))
    if n_paths:
        rng = np.random.default_rng(seed)
        sd = np.sqrt(_sigma_draws(rng, s2, m, n_paths))[:, None]
        steps = np.diff(np.concatenate([[years[-1]], future_years]))
        inc = sd * np.sqrt(steps)[None, :] * rng.standard_normal((n_paths, len(future_years)))
        paths = scale.inverse(g[-1] + np.cumsum(inc, axis=1))
    return Projection("naive", scale, years.astype(int), values, fitted, future_years.astype(int),
                      loc, spread, float(m), paths)


def fit_ets_damped(years: np.ndarray, values: np.ndarray, future_years: np.ndarray, scale: Scale, *,
                   n_paths: int = 0, seed: int = 0, min_points: int = 15) -> Projection:
    """statsmodels ETSModel(error="add", trend="add", damped_trend=True) on the transformed scale.

    Needs a gap-free series. A ConvergenceWarning, or any warning or error from
    the fit, is a failure: the caller falls back to a simpler model.
    """
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    years, values, future_years = (np.asarray(a, dtype=float) for a in (years, values, future_years))
    _check(years, values, future_years, min_points, "ets_damped")
    if np.any(np.diff(years) != 1):
        raise FitFailure(because(Why.FIT_GAPS, model="ets_damped"))
    h_all = (future_years - years[-1]).astype(int)
    h = int(h_all.max())
    g = scale.forward(values)
    n = len(g)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            res = ETSModel(pd.Series(g), error="add", trend="add", damped_trend=True).fit(disp=False)
            if not res.mle_retvals.get("converged", True):
                raise FitFailure(because(Why.FIT_NOT_CONVERGED, model="ets_damped"))
            pred = res.get_prediction(start=n, end=n + h - 1)
            frame = pred.summary_frame(alpha=0.2)
        except FitFailure:
            raise
        except Exception as exc:  # ConvergenceWarning raised as error, numerical failures
            raise FitFailure(because(Why.FIT_ERROR, model="ets_damped", error=f"{type(exc).__name__}: {exc}")) from None
    idx = h_all - 1
    loc = frame["mean"].to_numpy()[idx]
    spread = np.sqrt(np.asarray(pred.forecast_variance, dtype=float))[idx]
    if np.any(~np.isfinite(spread)) or np.any(spread <= 0):
        raise FitFailure(because(Why.FIT_BAD_VARIANCE, model="ets_damped"))
    fitted = scale.inverse(np.asarray(res.fittedvalues, dtype=float))
    paths = np.empty((0, len(future_years)))
    if n_paths:
        sims = res.simulate(nsimulations=h, anchor="end", repetitions=n_paths,
                            rng=np.random.default_rng(seed))
        paths = scale.inverse(np.asarray(sims, dtype=float).reshape(h, n_paths).T[:, idx])
    return Projection("ets_damped", scale, years.astype(int), values, fitted, future_years.astype(int),
                      loc, spread, float("inf"), paths)


KERNELS: dict[str, Callable[..., Projection]] = {
    "linear": fit_trend, "logit_linear": fit_trend, "log_linear": fit_trend,
    "drift": fit_drift, "naive": fit_naive, "ets_damped": fit_ets_damped,
}


def candidate_models(scale: Scale) -> tuple[str, ...]:
    """Models tried on a series of this scale, simplest defensible (the scale's trend) first."""
    trend = TREND_OF_SCALE[scale.kind]
    out = [trend]
    if trend != "linear":
        out.append("linear")  # a straight line on the original scale, clipped to the bounds
    return tuple(out + ["drift", "naive", "ets_damped"])


def fit(model: str, years: np.ndarray, values: np.ndarray, future_years: np.ndarray, scale: Scale, *,
        n_paths: int = 0, seed: int = 0, min_points: dict[str, int] | None = None) -> Projection:
    """Fit one named model; `linear` on a logit/log series uses the original scale, clipped to the bounds."""
    if model not in KERNELS:
        raise ValueError(f"unknown model {model!r}; use one of {', '.join(MODELS)}")
    if model in TREND_OF_SCALE.values():
        wanted = {v: k for k, v in TREND_OF_SCALE.items()}[model]
        if wanted != scale.kind:
            if model != "linear":
                raise FitFailure(because(Why.FIT_WRONG_SCALE, model=model, scale=scale.kind))
            lo = scale.lo if scale.kind != "log" else 0.0
            scale = Scale("identity", lo, scale.hi)
    need = (min_points or {}).get("linear" if model in TREND_OF_SCALE.values() else model, 0)
    kwargs = {"n_paths": n_paths, "seed": seed}
    if need:
        kwargs["min_points"] = need
    return KERNELS[model](np.asarray(years), np.asarray(values), np.asarray(future_years), scale, **kwargs)

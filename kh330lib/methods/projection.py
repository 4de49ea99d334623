"""Projection models for short annual series → one `Projection` shape (median, 80 %/95 % intervals, paths).

Every model works on a transformed scale chosen from the indicator's bounds:
identity, logit (shares bounded on both sides) or log (positive, unbounded).
Intervals are Student-t on that scale and are back-transformed, so shares
never leave their bounds. Years may have gaps: every kernel uses the real
spacing between observations. Every kernel has a closed form; none is fitted
by an optimiser. `Projection.calibrated` widens the spread by the pooled
calibration factor and keeps it above the measurement error of the data (the
floor, in the units of the series), so a smooth or flat series still gets an
honest interval.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np
import pandas as pd
from scipy import special

from ..codes import Why, because
from ..data.scenarios import Adjustment
from ..errors import FitFailure

SCALES = ("identity", "logit", "log")
FAMILIES = ("linear", "logit_linear", "log_linear", "drift", "damped", "naive")
# The trend model of each scale: OLS on the transformed values.
TREND_OF_SCALE = {"identity": "linear", "logit": "logit_linear", "log": "log_linear"}
# Interval levels reported everywhere, as (name, lower quantile, upper quantile).
LEVELS = (("80", 0.10, 0.90), ("95", 0.025, 0.975))


def t_quantile(p: float, df: float) -> float:
    """Student-t quantile (normal when df is infinite); scipy's ufuncs, without stats' per-call overhead."""
    return float(special.stdtrit(df, p)) if np.isfinite(df) else float(special.ndtri(p))


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

    def slope(self, x: float | np.ndarray) -> float | np.ndarray:
        """dg/dx at a value (or at each of several): how a change of the value shows on the transformed scale."""
        x = np.asarray(x, dtype=float)
        if self.kind == "logit":
            lo, hi = float(self.lo), float(self.hi)  # type: ignore[arg-type]
            pad = self.eps * (hi - lo)
            x = np.clip(x, lo + pad, hi - pad)
            out = (hi - lo) / ((x - lo) * (hi - x))
        elif self.kind == "log":
            out = 1.0 / np.maximum(x - (self.lo or 0.0), 1e-12)
        else:
            out = np.ones_like(x)
        return float(out) if out.ndim == 0 else out

    def inverse(self, g: np.ndarray | float) -> np.ndarray:
        """Transformed scale → values, clipped to the bounds (identity scale). A share within ε·range of a bound
        is the bound itself, as `forward` reads it: values written as 100 % or 0 % are attainable."""
        g = np.asarray(g, dtype=float)
        if self.kind == "logit":
            lo, hi = float(self.lo), float(self.hi)  # type: ignore[arg-type]
            pad = self.eps * (hi - lo)
            x = lo + (hi - lo) * special.expit(g)
            return np.where(x >= hi - pad, hi, np.where(x <= lo + pad, lo, x))
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


class Distribution:
    """What every projection answers from its `quantile`, `median` and `cdf_values` (one model or a mixture)."""

    future_years: np.ndarray
    median: np.ndarray

    def quantile(self, p: float) -> np.ndarray:
        raise NotImplementedError

    def cdf_values(self, x: np.ndarray | float) -> np.ndarray:
        raise NotImplementedError

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
        return {k: float(getattr(self, k)[i]) for k in ("median", "lo80", "hi80", "lo95", "hi95")}

    def cdf(self, year: int, threshold: float) -> float | None:
        """P(value in `year` ≤ threshold)."""
        i = self.index_of(year)
        return None if i is None else float(self.cdf_values(threshold)[i])

    def to_frame(self) -> pd.DataFrame:
        """Future years with median and interval bounds (for tables and fan charts)."""
        return pd.DataFrame({"year": self.future_years.astype(int), "median": self.median,
                             "lo80": self.lo80, "hi80": self.hi80, "lo95": self.lo95, "hi95": self.hi95})


def cdf_on_scale(scale: Scale, loc: np.ndarray, spread: np.ndarray, x: np.ndarray | float,
                 standard_cdf: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """P(value ≤ x) of a location-scale distribution on `scale`'s transformed values (`standard_cdf` of z)."""
    x = np.asarray(x, dtype=float)
    x = np.broadcast_to(x, np.broadcast_shapes(x.shape, np.shape(loc)))
    lo = -np.inf if scale.lo is None else float(scale.lo)
    hi = np.inf if scale.hi is None else float(scale.hi)
    inside = np.clip(x, lo, hi) if scale.kind == "identity" else x
    with np.errstate(divide="ignore", invalid="ignore"):
        p = standard_cdf((scale.forward(inside) - loc) / spread)
    # An identity model is clipped to its bounds, a logit model reaches them within ε·range (the mass beyond its
    # clipped edges sits on the bound); a log model never reaches its lower bound.
    if scale.kind in ("identity", "logit"):
        return np.where(x >= hi, 1.0, np.where(x < lo, 0.0, p))
    return np.where(x >= hi, 1.0, np.where(x <= lo, 0.0, p))


@dataclass(frozen=True, eq=False)
class Projection(Distribution):
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

    def cdf_values(self, x: np.ndarray | float) -> np.ndarray:
        """P(value ≤ x) for every future year (x one value, one per year, or rows of them), exact on the
        transformed scale."""
        df = self.df
        return cdf_on_scale(self.scale, self.loc, self.spread, x,
                            lambda z: special.stdtr(df, z) if np.isfinite(df) else special.ndtr(z))

    # ---- transformations -----------------------------------------------------

    def shifted(self, delta_g: np.ndarray, adjustment: Adjustment) -> "Projection":
        """Move the distribution of each future year by `delta_g` on the transformed scale."""
        delta_g = np.asarray(delta_g, dtype=float)
        paths = self.paths
        if paths.size:
            # A draw that underflowed to a log or logit bound stays there (−inf moved is −inf): no warning.
            with np.errstate(divide="ignore"):
                paths = self.scale.inverse(self.scale.forward(paths) + delta_g[None, :])
        return replace(self, loc=self.loc + delta_g, paths=paths, adjustments=self.adjustments + (adjustment,))

    def calibrated(self, factor: float | np.ndarray, floor: float) -> "Projection":
        """Spread × `factor` (one, or one per future year), never below `floor` (in the series' units) at the
        year's median; the paths follow.

        Where a spread was zero (points exactly on the model) the paths are redrawn
        around the centre from the predictive distribution, year by year.
        """
        floor_g = floor * self.scale.slope(self.median)
        spread = np.maximum(self.spread * factor, floor_g)
        paths = self.paths
        if paths.size:
            with np.errstate(divide="ignore"):  # a draw at a log bound stays there
                g = self.scale.forward(paths) - self.loc[None, :]
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(self.spread > 0, spread / self.spread, 0.0)
            flat = self.spread <= 1e-9 * (1.0 + np.abs(self.loc))
            if flat.any():
                rng = np.random.default_rng(len(self.values))
                g[:, flat] = rng.standard_t(self.df, (paths.shape[0], int(flat.sum()))) if np.isfinite(self.df) \
                    else rng.standard_normal((paths.shape[0], int(flat.sum())))
                ratio = np.where(flat, spread, ratio)
            paths = self.scale.inverse(self.loc[None, :] + g * ratio[None, :])
        return replace(self, spread=spread, paths=paths, widening=factor)


# ---------------------------------------------------------------- kernels

def _check(years: np.ndarray, values: np.ndarray, future_years: np.ndarray, need: int, model: str) -> None:
    if len(years) < need:
        raise FitFailure(because(Why.FIT_TOO_SHORT, model=model, need=need, n=len(years)))
    if np.any(np.diff(years) <= 0):
        raise FitFailure(because(Why.FIT_YEARS_NOT_INCREASING))
    if len(future_years) == 0 or future_years[0] <= years[-1]:
        raise FitFailure(because(Why.FIT_FUTURE_NOT_AFTER))


def _variance(s2: float, g: np.ndarray, allow_flat: bool, model: str, why: Why) -> float:
    """The residual (or innovation) variance; zero fails, unless a floor will be applied (`allow_flat`)."""
    tiny = (1e-9 * (1.0 + float(np.max(np.abs(g))))) ** 2
    if np.isfinite(s2) and s2 > tiny:
        return s2
    if allow_flat:
        return tiny
    raise FitFailure(because(why, model=model))


def _sigma_draws(rng: np.random.Generator, s2: float, nu: float, n: int) -> np.ndarray:
    """σ² drawn from its scaled inverse-χ² posterior: makes path marginals exactly Student-t."""
    return s2 * nu / rng.chisquare(nu, n)


def fit_trend(years: np.ndarray, values: np.ndarray, future_years: np.ndarray, scale: Scale, *,
              n_paths: int = 0, seed: int = 0, min_points: int = 3, allow_flat: bool = False) -> Projection:
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
    s2 = _variance(float(resid @ resid) / nu, g, allow_flat, model, Why.FIT_EXACT_LINE)
    x0 = future_years - xbar
    loc = b0 + b1 * x0
    spread = np.sqrt(s2 * (1.0 + 1.0 / n + x0 ** 2 / sxx))
    paths = np.empty((0, len(future_years)))
    if n_paths:
        rng = np.random.default_rng(seed)
        sd = np.sqrt(_sigma_draws(rng, s2, nu, n_paths))[:, None]
        z = rng.standard_normal((n_paths, 2))
        a = b0 + sd[:, 0] * z[:, 0] / np.sqrt(n)
        b = b1 + sd[:, 0] * z[:, 1] / np.sqrt(sxx)
        eps = rng.standard_normal((n_paths, len(future_years))) * sd
        paths = scale.inverse(a[:, None] + b[:, None] * x0[None, :] + eps)
    return Projection(model, scale, years.astype(int), values, scale.inverse(b0 + b1 * x),
                      future_years.astype(int), loc, spread, float(nu), paths)


def fit_damped(years: np.ndarray, values: np.ndarray, future_years: np.ndarray, scale: Scale, *, phi: float = 1.0,
               n_paths: int = 0, seed: int = 0, min_points: int = 3, allow_flat: bool = False) -> Projection:
    """A random walk whose drift fades by φ a year (φ = 1: the drift model; φ → 0: the naive one).

    With the mean yearly change c and spacings Δ_i (ΣΔ = T), the h-year-ahead
    centre is g_T + c·D_h with D_h = φ + … + φ^h, and the scale is
    s·√(h + D_h²/T): the random-walk part plus the drift's own uncertainty,
    damped like the drift (fpp3 §5.5 and §8.2 for φ; t with m − 1 df).
    """
    years, values, future_years = (np.asarray(a, dtype=float) for a in (years, values, future_years))
    model = "drift" if phi == 1.0 else f"damped_{phi:g}"
    _check(years, values, future_years, max(min_points, 3), model)
    g = scale.forward(values)
    d = np.diff(g)
    gaps = np.diff(years)
    total = float(gaps.sum())
    c = float(d.sum()) / total
    m = len(d)
    nu = m - 1
    s2 = _variance(float(np.sum((d - c * gaps) ** 2 / gaps)) / nu, g, allow_flat, model, Why.FIT_CONSTANT_CHANGE)
    h = future_years - years[-1]
    damp = h if phi == 1.0 else phi * (1.0 - phi ** h) / (1.0 - phi)
    loc = g[-1] + c * damp
    spread = np.sqrt(s2 * (h + damp ** 2 / total))
    fitted = np.concatenate([[np.nan], scale.inverse(g[:-1] + c * gaps)])
    paths = np.empty((0, len(future_years)))
    if n_paths:
        rng = np.random.default_rng(seed)
        sd = np.sqrt(_sigma_draws(rng, s2, nu, n_paths))[:, None]
        cp = c + sd[:, 0] * rng.standard_normal(n_paths) / np.sqrt(total)
        steps = np.diff(np.concatenate([[0.0], damp]))
        gaps_ahead = np.diff(np.concatenate([[years[-1]], future_years]))
        inc = cp[:, None] * steps[None, :] + sd * np.sqrt(gaps_ahead)[None, :] * rng.standard_normal(
            (n_paths, len(future_years)))
        paths = scale.inverse(g[-1] + np.cumsum(inc, axis=1))
    return Projection(model, scale, years.astype(int), values, fitted, future_years.astype(int),
                      loc, spread, float(nu), paths)


def fit_drift(years: np.ndarray, values: np.ndarray, future_years: np.ndarray, scale: Scale, *,
              n_paths: int = 0, seed: int = 0, min_points: int = 3, allow_flat: bool = False) -> Projection:
    """Random walk with drift; the interval includes the drift's own uncertainty (fpp3 §5.5).

    With spacings Δ_i between observations, the drift is (y_T − y_1)/ΣΔ and the
    h-year-ahead scale is s·√(h + h²/ΣΔ), which is fpp3's s·√(h(1 + h/(T − 1)))
    for annual series without gaps.
    """
    return fit_damped(years, values, future_years, scale, phi=1.0, n_paths=n_paths, seed=seed,
                      min_points=min_points, allow_flat=allow_flat)


def fit_naive(years: np.ndarray, values: np.ndarray, future_years: np.ndarray, scale: Scale, *,
              n_paths: int = 0, seed: int = 0, min_points: int = 2, allow_flat: bool = False) -> Projection:
    """Last value carried forward; scale s·√h with s² the mean squared change per year (the benchmark)."""
    years, values, future_years = (np.asarray(a, dtype=float) for a in (years, values, future_years))
    _check(years, values, future_years, max(min_points, 2), "naive")
    g = scale.forward(values)
    d = np.diff(g)
    gaps = np.diff(years)
    m = len(d)
    s2 = _variance(float(np.sum(d ** 2 / gaps)) / m, g, allow_flat, "naive", Why.FIT_NO_CHANGE)
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


def family(model: str) -> str:
    """The family of a model name: `damped_0.9` → `damped`, `logit_linear` → `logit_linear`."""
    return "damped" if model.startswith("damped_") else model


def damping(model: str) -> float:
    """φ of a damped model name (`damped_0.9` → 0.9); 1 for drift."""
    return float(model.removeprefix("damped_")) if model.startswith("damped_") else 1.0


def members(scale: Scale, phis: tuple[float, ...]) -> tuple[str, ...]:
    """The models of the ensemble for a series on this scale: the scale's trend, the straight line (for a
    transformed scale), drift, the damped drifts and naive."""
    trend = TREND_OF_SCALE[scale.kind]
    out = [trend] + (["linear"] if trend != "linear" else [])
    return tuple(out + ["drift"] + [f"damped_{phi:g}" for phi in phis] + ["naive"])


def fit(model: str, years: np.ndarray, values: np.ndarray, future_years: np.ndarray, scale: Scale, *,
        n_paths: int = 0, seed: int = 0, min_points: dict[str, int] | None = None,
        allow_flat: bool = False) -> Projection:
    """Fit one named model; `linear` on a logit/log series uses the original scale, clipped to the bounds."""
    fam = family(model)
    if fam not in FAMILIES:
        raise ValueError(f"unknown model {model!r}; use one of {', '.join(FAMILIES)} (damped as damped_PHI)")
    if fam in TREND_OF_SCALE.values():
        wanted = {v: k for k, v in TREND_OF_SCALE.items()}[fam]
        if wanted != scale.kind:
            if fam != "linear":
                raise FitFailure(because(Why.FIT_WRONG_SCALE, model=model, scale=scale.kind))
            lo = scale.lo if scale.kind != "log" else 0.0
            scale = Scale("identity", lo, scale.hi)
    need = (min_points or {}).get("linear" if fam in TREND_OF_SCALE.values() else fam, 0)
    kwargs: dict = {"n_paths": n_paths, "seed": seed, "allow_flat": allow_flat}
    if need:
        kwargs["min_points"] = need
    y, v, f = np.asarray(years), np.asarray(values), np.asarray(future_years)
    if fam in ("drift", "damped"):
        return fit_damped(y, v, f, scale, phi=damping(model), **kwargs)
    if fam == "naive":
        return fit_naive(y, v, f, scale, **kwargs)
    return fit_trend(y, v, f, scale, **kwargs)

"""What a model says about a series' future: its scale, and its Student-t distribution at the years asked.

Every model works on a transformed scale chosen from the indicator's bounds: identity, logit (shares bounded on
both sides) or log (positive, unbounded). A model's distribution of year i is `loc + spread·T(df)` on that scale;
quantiles and probabilities are its exact back-transforms, so shares never leave their bounds. `Fits` holds one
model's distribution for many series at once (the kernels are in `models.py` and `peers.py`); a `Projection` is
one series of it, with the series' points and sample paths, read through the same `Fits`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Callable

import numpy as np
import pandas as pd
from scipy import special

from ..data.scenarios import Adjustment

__all__ = ["FAMILIES", "TREND_OF_SCALE", "Distribution", "Fits", "Projection", "Scale", "cdf_on_scale",
           "damping", "family", "members", "scale_for", "student_cdf", "student_pdf"]

FAMILIES = ("linear", "logit_linear", "log_linear", "drift", "damped", "naive")
# The trend model of each scale: OLS on the transformed values.
TREND_OF_SCALE = {"identity": "linear", "logit": "logit_linear", "log": "log_linear"}


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


def student_cdf(df: np.ndarray, z: np.ndarray) -> np.ndarray:
    """The standard Student-t CDF with `df` degrees of freedom at z (the normal's where df is not finite)."""
    finite = np.isfinite(df)
    # Most calls have every df finite: the normal branch (and its selection) is then skipped, same numbers.
    if finite.all():
        return special.stdtr(df, z)
    return np.where(finite, special.stdtr(np.where(finite, df, 1.0), z), special.ndtr(z))


def student_pdf(df: np.ndarray, z: np.ndarray) -> np.ndarray:
    """The standard Student-t density with `df` degrees of freedom at z (the normal's where df is not finite)."""
    finite = np.isfinite(df)
    d = np.where(finite, df, 1.0)
    with np.errstate(over="ignore"):
        log_t = (special.gammaln((d + 1) / 2) - special.gammaln(d / 2) - 0.5 * np.log(d * np.pi)
                 - (d + 1) / 2 * np.log1p(z * z / d))
    return np.where(finite, np.exp(log_t), np.exp(-0.5 * z * z) / np.sqrt(2 * np.pi))


@dataclass(frozen=True)
class Fits:
    """One model fitted to every row: where it applies, and loc + spread·T(df) at the years asked (B × F)."""

    model: str
    scale: Scale
    ok: np.ndarray
    loc: np.ndarray
    spread: np.ndarray
    df: np.ndarray

    def median(self) -> np.ndarray:
        return self.scale.inverse(self.loc)

    def cdf(self, x: np.ndarray) -> np.ndarray:
        """P(value ≤ x) at each row and year (x: one per row and year, or levels of them)."""
        df = self.df[:, None]
        return cdf_on_scale(self.scale, self.loc, self.spread, x, lambda z: student_cdf(df, z))

    def quantile(self, p: float) -> np.ndarray:
        df = self.df[:, None]
        q = np.where(np.isfinite(df), special.stdtrit(np.where(np.isfinite(df), df, 1.0), p), special.ndtri(p))
        return self.scale.inverse(self.loc + q * self.spread)

    def calibrated(self, factor: np.ndarray, floor: np.ndarray) -> "Fits":
        """Spread × factor (B × F), never below `floor` (per row, in the series' units) at the median."""
        floor_g = floor[:, None] * self.scale.slope(self.median())
        return replace(self, spread=np.maximum(self.spread * factor, floor_g))


@dataclass(frozen=True, eq=False)
class Projection(Distribution):
    """One series' row of a model's `Fits`, with the series' points and sample paths of the future years.

    `paths` are sample trajectories on the original scale whose marginals follow the model's distribution (used
    for "reached in any year" and "first year reached").
    """

    model: str
    scale: Scale
    years: np.ndarray
    values: np.ndarray
    future_years: np.ndarray
    loc: np.ndarray
    spread: np.ndarray
    df: float
    paths: np.ndarray
    widening: float | np.ndarray = 1.0
    adjustments: tuple[Adjustment, ...] = ()

    @cached_property
    def batch(self) -> Fits:
        """This projection as a batch of one, whose distribution it reads."""
        return Fits(self.model, self.scale, np.ones(1, dtype=bool), self.loc[None, :], self.spread[None, :],
                    np.array([self.df], dtype=float))

    def quantile(self, p: float) -> np.ndarray:
        """The p-quantile of every future year (original scale)."""
        return self.batch.quantile(p)[0]

    @property
    def median(self) -> np.ndarray:
        return self.batch.median()[0]

    def cdf_values(self, x: np.ndarray | float) -> np.ndarray:
        """P(value ≤ x) for every future year (x one value, one per year, or rows of them), exact on the
        transformed scale."""
        shape = np.broadcast_shapes(np.shape(x), self.future_years.shape)
        return self.batch.cdf(np.asarray(x, dtype=float)).reshape(shape)

    def shifted(self, delta_g: np.ndarray, adjustment: Adjustment) -> "Projection":
        """Move the distribution of each future year by `delta_g` on the transformed scale."""
        delta_g = np.asarray(delta_g, dtype=float)
        paths = self.paths
        if paths.size:
            # A draw that underflowed to a log or logit bound stays there (−inf moved is −inf): no warning.
            with np.errstate(divide="ignore"):
                paths = self.scale.inverse(self.scale.forward(paths) + delta_g[None, :])
        return replace(self, loc=self.loc + delta_g, paths=paths, adjustments=self.adjustments + (adjustment,))


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

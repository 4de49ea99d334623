"""The closed-form models of a series' own trend: each one kernel over many series at once.

A single series is a batch of one (`pack([(years, values)])`). Series of unequal length sit in the rows of a
`Rows` (packed left, padded after each row's last point, masked out of every sum); `at` (B × F) holds the years
asked for, after each row's last year. Each kernel gives, for every row, whether the model applies and its
Student-t distribution on the transformed scale at those years (`Fits`). Years may have gaps: every kernel uses the
real spacing between observations. Every kernel has a closed form; none is fitted by an optimiser. A residual
variance of zero (points exactly on the model) fails, unless a floor will be applied (`allow_flat`).

- `trend`: the OLS line on the transformed scale (linear, logit_linear, log_linear); prediction intervals with
  parameter uncertainty, t with n − 2 df.
- `damped`: a random walk whose drift c (the mean yearly change) fades by φ a year: centre g_T + c·D_h with
  D_h = φ + … + φ^h, scale s·√(h + D_h²/ΣΔ); φ = 1 is the drift model (fpp3 §5.5, §8.2), t with m − 1 df.
- `naive`: the last value carried forward, scale s·√h with s² the mean squared change per year; t with m df.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

import numpy as np

from .batched import Rows
from .projection import FAMILIES, TREND_OF_SCALE, Fits, Scale, damping, family

__all__ = ["damped", "fit_rows", "member_scale", "naive", "trend"]


@dataclass(frozen=True)
class _Points:
    """The rows on the model's scale, with what every kernel checks and reads."""

    mask: np.ndarray       # B × T
    n: np.ndarray          # B, as floats
    g: np.ndarray          # B × T, transformed values (0 after each row's points)
    steps: np.ndarray      # B × (T − 1), years between points
    dmask: np.ndarray      # B × (T − 1), where a step is between two points
    increasing: np.ndarray  # B
    last_year: np.ndarray  # B
    g_last: np.ndarray     # B


def _points(rows: Rows, scale: Scale) -> _Points:
    mask = rows.mask
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(mask, scale.forward(rows.values), 0.0)
    steps = np.diff(rows.years, axis=1)
    dmask = mask[:, 1:]
    increasing = np.all(np.where(dmask, steps > 0, True), axis=1)
    return _Points(mask, rows.n.astype(float), g, steps, dmask, increasing, rows.last(rows.years), rows.last(g))


def _variance(s2: np.ndarray, g: np.ndarray, mask: np.ndarray, allow_flat: bool) -> tuple[np.ndarray, np.ndarray]:
    """(variance, usable): zero fails unless a floor will be applied."""
    tiny = (1e-9 * (1.0 + np.max(np.where(mask, np.abs(g), 0.0), axis=1))) ** 2
    good = np.isfinite(s2) & (s2 > tiny)
    return np.where(good, s2, tiny), good | allow_flat


def _fits(model: str, scale: Scale, rows: Rows, p: _Points, need: int, usable: np.ndarray, loc: np.ndarray,
          spread: np.ndarray, nu: np.ndarray) -> Fits:
    """The rows with enough increasing points and a usable variance; NaN elsewhere."""
    ok = (rows.n >= need) & p.increasing & usable
    return Fits(model, scale, ok, np.where(ok[:, None], loc, np.nan), np.where(ok[:, None], spread, np.nan),
                np.where(ok, nu, np.nan))


def trend(rows: Rows, at: np.ndarray, scale: Scale, *, need: int = 3, allow_flat: bool = True) -> Fits:
    """The OLS line of every row on `scale`: linear, logit_linear or log_linear by the scale."""
    p = _points(rows, scale)
    mask, n, g = p.mask, p.n, p.g
    years = rows.years
    with np.errstate(divide="ignore", invalid="ignore"):
        xbar = np.sum(np.where(mask, years, 0.0), axis=1) / n
        x = np.where(mask, years - xbar[:, None], 0.0)
        sxx = np.sum(x * x, axis=1)
        b0 = np.sum(g, axis=1) / n
        b1 = np.sum(x * np.where(mask, g - b0[:, None], 0.0), axis=1) / sxx
        resid = np.where(mask, g - (b0[:, None] + b1[:, None] * x), 0.0)
        nu = n - 2
        s2, usable = _variance(np.sum(resid * resid, axis=1) / nu, g, mask, allow_flat)
        x0 = at - xbar[:, None]
        loc = b0[:, None] + b1[:, None] * x0
        spread = np.sqrt(s2[:, None] * (1.0 + 1.0 / n[:, None] + x0 ** 2 / sxx[:, None]))
    return _fits(TREND_OF_SCALE[scale.kind], scale, rows, p, max(need, 3), usable, loc, spread, nu)


def _changes(p: _Points, at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(changes, their spacings, total spacing, number of changes, years ahead) of every row."""
    d = np.where(p.dmask, np.diff(p.g, axis=1), 0.0)
    gaps = np.where(p.dmask, p.steps, 1.0)
    total = np.sum(np.where(p.dmask, p.steps, 0.0), axis=1)
    return d, gaps, total, p.n - 1, at - p.last_year[:, None]


def damped(rows: Rows, at: np.ndarray, scale: Scale, *, phi: float = 1.0, need: int = 3,
           allow_flat: bool = True) -> Fits:
    """The damped drift of every row on `scale` (φ = 1: the drift model)."""
    p = _points(rows, scale)
    with np.errstate(divide="ignore", invalid="ignore"):
        d, gaps, total, m, h = _changes(p, at)
        c = np.sum(d, axis=1) / total
        nu = m - 1
        sq = np.where(p.dmask, (d - c[:, None] * gaps) ** 2 / gaps, 0.0)
        s2, usable = _variance(np.sum(sq, axis=1) / nu, p.g, p.mask, allow_flat)
        damp = h if phi == 1.0 else phi * (1.0 - phi ** h) / (1.0 - phi)
        loc = p.g_last[:, None] + c[:, None] * damp
        spread = np.sqrt(s2[:, None] * (h + damp ** 2 / total[:, None]))
    model = "drift" if phi == 1.0 else f"damped_{phi:g}"
    return _fits(model, scale, rows, p, max(need, 3), usable, loc, spread, nu)


def naive(rows: Rows, at: np.ndarray, scale: Scale, *, need: int = 2, allow_flat: bool = True) -> Fits:
    """The last value of every row carried forward on `scale`."""
    p = _points(rows, scale)
    with np.errstate(divide="ignore", invalid="ignore"):
        d, gaps, _, m, h = _changes(p, at)
        s2, usable = _variance(np.sum(np.where(p.dmask, d ** 2 / gaps, 0.0), axis=1) / m, p.g, p.mask, allow_flat)
        loc = np.broadcast_to(p.g_last[:, None], at.shape).copy()
        spread = np.sqrt(s2[:, None] * h)
    return _fits("naive", scale, rows, p, max(need, 2), usable, loc, spread, m)


def member_scale(model: str, scale: Scale) -> Scale:
    """The scale a member works on: its own for the scale's trend, drift, damped and naive; `linear` on a
    logit or log series works on the original values, clipped to the bounds."""
    fam = family(model)
    if fam in TREND_OF_SCALE.values() and TREND_OF_SCALE[scale.kind] != fam:
        if fam != "linear":
            raise ValueError(f"{model} does not apply on the {scale.kind} scale")
        return Scale("identity", scale.lo if scale.kind != "log" else 0.0, scale.hi)
    return scale


def fit_rows(model: str, rows: Rows, at: np.ndarray, scale: Scale, *, min_points: Mapping[str, int] | None = None,
             allow_flat: bool = True) -> Fits:
    """Fit one named model (`damped_0.9` for φ = 0.9) to every row; `min_points` by family (`linear` for every
    trend), never fewer than the model needs."""
    fam = family(model)
    if fam not in FAMILIES:
        raise ValueError(f"unknown model {model!r}; use one of {', '.join(FAMILIES)} (damped as damped_PHI)")
    scale = member_scale(model, scale)
    need = (min_points or {}).get("linear" if fam in TREND_OF_SCALE.values() else fam, 0)
    if fam == "naive":
        fits = naive(rows, at, scale, need=need, allow_flat=allow_flat)
    elif fam in ("drift", "damped"):
        fits = damped(rows, at, scale, phi=damping(model), need=need, allow_flat=allow_flat)
    else:
        fits = trend(rows, at, scale, need=need, allow_flat=allow_flat)
    return replace(fits, model=model)

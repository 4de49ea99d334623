"""Sample paths of many ensembles at once, equal to those `fit_ensemble` + `Ensemble.calibrated` draw one by one.

Every series is projected with the same seed, so the standard draws of member k (`default_rng(seed + k)`: a
χ², then normals) are the same for every series with the same number of points and future years; only the
series' own parameters scale them. So the draws are made once per such group and shared (across calls too), and
each mixture path is computed for the member it is drawn from only (the one-series code computes every member's
paths and keeps one per draw: the same numbers for a seventh of the work). A row's first year meeting the target
gives both its P(met by the deadline) and its expected year (`path_probability`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from .attainment import meets
from .batched import BatchEnsemble, Fits, group_by
from .projection import family


@dataclass(frozen=True)
class PathDraws:
    """The standard draws of one member for one group: χ² (n), the trend's (n × 2) or drift's (n) normals,
    and the yearly normals (n × years)."""

    chi: np.ndarray
    first: np.ndarray
    yearly: np.ndarray


@lru_cache(maxsize=32)
def draws(kind: str, seed: int, nu: float, n_paths: int, n_years: int) -> PathDraws:
    """The draws in the order the one-series kernels make them (`fit_trend`, `fit_damped`, `fit_naive`).

    Cached (read-only arrays): every chunk of a unit table draws the same few sets again.
    """
    rng = np.random.default_rng(seed)
    chi = rng.chisquare(nu, n_paths)
    if kind == "trend":
        first = rng.standard_normal((n_paths, 2))
    elif kind == "damped":
        first = rng.standard_normal(n_paths)
    else:
        first = np.zeros(0)
    out = PathDraws(chi, first, rng.standard_normal((n_paths, n_years)))
    for a in (out.chi, out.first, out.yearly):
        a.setflags(write=False)
    return out


def _kind(model: str) -> str:
    fam = family(model)
    return "naive" if fam == "naive" else "damped" if fam in ("drift", "damped") else "trend"


def picks(weights: Sequence[float], n_paths: int, seed: int) -> np.ndarray:
    """The member (index among those with weight > 0) of each path, as `ensemble._draw_members`."""
    w = np.asarray(weights, dtype=float)
    rng = np.random.default_rng(seed)
    return rng.choice(len(w), size=n_paths, p=w / np.sum(w)) if n_paths else np.zeros(0, int)


def _member_paths(fit: Fits, rows: np.ndarray, d: PathDraws, sel: np.ndarray, future: np.ndarray) -> np.ndarray:
    """Member paths (rows × selected draws × years), before calibration, on the original scale."""
    p = fit.params
    kind = _kind(fit.model)
    nu = fit.df[rows][:, None]
    chi = d.chi[sel][None, :]
    sd = np.sqrt(p["s2"][rows][:, None] * nu / chi)
    if kind == "trend":
        a = p["b0"][rows][:, None] + sd * d.first[sel, 0][None, :] / np.sqrt(p["n"][rows])[:, None]
        b = p["b1"][rows][:, None] + sd * d.first[sel, 1][None, :] / np.sqrt(p["sxx"][rows])[:, None]
        x0 = future - p["xbar"][rows][:, None]
        g = a[:, :, None] + b[:, :, None] * x0[:, None, :] + d.yearly[sel][None, :, :] * sd[:, :, None]
        return fit.scale.inverse(g)
    h = future - p["last_year"][rows][:, None]
    gaps_ahead = np.diff(np.concatenate([p["last_year"][rows][:, None], future], axis=1), axis=1)
    if kind == "damped":
        phi = 1.0 if fit.model == "drift" else float(fit.model.removeprefix("damped_"))
        damp = h if phi == 1.0 else phi * (1.0 - phi ** h) / (1.0 - phi)
        steps = np.diff(np.concatenate([np.zeros((len(rows), 1)), damp], axis=1), axis=1)
        cp = p["c"][rows][:, None] + sd * d.first[sel][None, :] / np.sqrt(p["total"][rows])[:, None]
        inc = (sd[:, :, None] * np.sqrt(gaps_ahead)[:, None, :]) * d.yearly[sel][None, :, :]
        inc += cp[:, :, None] * steps[:, None, :]
    else:
        inc = (sd[:, :, None] * np.sqrt(gaps_ahead)[:, None, :]) * d.yearly[sel][None, :, :]
    # The running sum year by year, in place: the same additions as np.cumsum, which is slow along a short axis.
    for k in range(1, inc.shape[2]):
        inc[:, :, k] += inc[:, :, k - 1]
    inc += p["g_last"][rows][:, None, None]
    return fit.scale.inverse(inc)


def mixture_paths(raw: BatchEnsemble, calibrated: BatchEnsemble, future: np.ndarray, n_points: np.ndarray,
                  n_paths: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(paths rows × n_paths × years, flat rows): the calibrated ensemble's sample paths of every row.

    `raw` holds the fits before calibration (spread and path parameters), `calibrated` the same after it;
    `future` (rows × years) are each row's future years, all of equal count. A row where some member's spread
    is zero ("flat") is redrawn by `Projection.calibrated` from another generator: it is marked, and its paths
    are left to the one-series code.
    """
    n_rows, n_years = future.shape
    # Every path of a row drawn here is written below; only the rows left out are filled with NaN.
    out = np.empty((n_rows, n_paths, n_years))
    drawn = np.zeros(n_rows, dtype=bool)
    flat = np.zeros(n_rows, dtype=bool)
    for j, f in enumerate(raw.fits):
        live = raw.weights[:, j] > 0
        flat |= live & np.any(f.spread <= 1e-9 * (1.0 + np.abs(f.loc)), axis=1)
    keys = [(tuple(raw.weights[i]), int(n_points[i])) for i in range(n_rows)]
    for (weights, _), rows in group_by(keys).items():
        rows = rows[raw.ok[rows] & ~flat[rows]]
        if not len(rows):
            continue
        drawn[rows] = True
        members = [j for j, w in enumerate(weights) if w > 0]
        member_of_path = np.asarray(members)[picks([weights[j] for j in members], n_paths, seed)]
        for j in members:
            sel = np.flatnonzero(member_of_path == j)
            if not len(sel):
                continue
            f, fc = raw.fits[j], calibrated.fits[j]
            d = draws(_kind(f.model), seed + j, float(f.df[rows[0]]), n_paths, n_years)
            values = _member_paths(f, rows, d, sel, future[rows])
            # Projection.calibrated: each draw keeps its place in the member's distribution, widened:
            # loc + (g − loc)·ratio, in place (g is a new array, or `values` itself on the identity scale).
            loc = f.loc[rows][:, None, :]
            with np.errstate(divide="ignore", invalid="ignore"):
                g = f.scale.forward(values)
                g -= loc
                ratio = np.where(f.spread[rows] > 0, fc.spread[rows] / f.spread[rows], 0.0)
            g *= ratio[:, None, :]
            g += loc
            out[rows[:, None], sel[None, :], :] = f.scale.inverse(g)
    out[~drawn] = np.nan
    return out, flat


def path_probability(paths: np.ndarray, future: np.ndarray, *, threshold: np.ndarray, comparator: Sequence[str],
                     deadline: np.ndarray, horizon_end: int, latest_year: np.ndarray, met_latest: np.ndarray,
                     p_meet: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(P(met in any year up to the deadline), median first year met) of every row (each with its comparator),
    as `attainment.probability` computes them from one projection's paths (NaN where it gives None).

    Each row's future years ascend, so both follow from the first year each path meets the target.
    """
    groups = group_by(list(comparator))
    if len(groups) == 1:
        # One comparator (the usual case): compare in place of gathering the rows first.
        cmp = next(iter(groups))
        hit = meets(paths, cmp, threshold[:, None, None])
    else:
        hit = np.zeros(paths.shape, dtype=bool)
        for cmp, rows in groups.items():
            hit[rows] = meets(paths[rows], cmp, threshold[rows][:, None, None])
    first_idx = np.argmax(hit, axis=2)
    ever = np.take_along_axis(hit, first_idx[:, :, None], axis=2)[:, :, 0]
    first_year = np.take_along_axis(future, first_idx, axis=1)
    upto = future <= deadline[:, None]
    any_upto = ever & (first_year <= deadline[:, None])
    p_by = np.where(upto.any(axis=1), np.mean(any_upto, axis=1), np.nan)
    p_by = np.where(met_latest, 1.0, p_by)
    p_by = np.where(np.isfinite(p_by) & np.isfinite(p_meet), np.maximum(p_by, p_meet), p_by)
    first = np.where(ever & (first_year <= horizon_end), first_year, np.inf)
    median = np.quantile(first, 0.5, axis=1, method="inverted_cdf")
    expected = np.where(met_latest, latest_year, np.where(np.isfinite(median), median, np.nan))
    return p_by, expected

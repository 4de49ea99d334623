"""Many series at once: the rows they sit in (`Rows`), and the mixture of the models fitted to them
(`BatchEnsemble`).

Series of unequal length sit in the rows of a `Rows` (packed left, padded on the right with each row's last point,
masked out of every sum); the years asked for sit in an array of the same number of rows. The models' kernels
(`models.py`, `peers.py`) give each model's `Fits` of every row; `BatchEnsemble` mixes them with fixed weights, and
a single series' `Ensemble` is a batch of one of it. Rolling origins, sensitivity cases and units are simply more
rows; sample paths are in `paths.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property, partial
from typing import Mapping, Sequence

import numpy as np

from .projection import Fits, Scale, cdf_on_scale, family, student_cdf, student_pdf

__all__ = ["BatchEnsemble", "Rows", "concat", "group_by", "member_weights", "pack", "weight_matrix"]


@dataclass(frozen=True)
class Rows:
    """Series packed left in rows of equal width: years and values, padded after each row's `n` points."""

    years: np.ndarray   # B × T
    values: np.ndarray  # B × T
    n: np.ndarray       # B

    @property
    def mask(self) -> np.ndarray:
        return np.arange(self.years.shape[1])[None, :] < self.n[:, None]

    def last(self, a: np.ndarray) -> np.ndarray:
        """The value of `a` (B × T) at each row's last point."""
        return np.take_along_axis(a, (self.n - 1)[:, None], axis=1)[:, 0]

    def take(self, idx: np.ndarray) -> "Rows":
        return Rows(self.years[idx], self.values[idx], self.n[idx])


def pack(series: Sequence[tuple[np.ndarray, np.ndarray]]) -> Rows:
    """(years, values) pairs, each with at least one point, as one `Rows`."""
    n = np.array([len(y) for y, _ in series], dtype=int)
    width = max(int(n.max()) if len(n) else 1, 1)
    if not len(n):
        return Rows(np.zeros((0, width)), np.zeros((0, width)), n)
    if n.min() < 1:
        raise ValueError("pack: every series needs at least one point")
    # One gather from the concatenated points, each row padded with its last point.
    years = np.concatenate([np.asarray(y, dtype=float) for y, _ in series])
    values = np.concatenate([np.asarray(v, dtype=float) for _, v in series])
    at = (np.cumsum(n) - n)[:, None] + np.minimum(np.arange(width)[None, :], (n - 1)[:, None])
    return Rows(years[at], values[at], n)


@dataclass(frozen=True)
class BatchEnsemble:
    """Every member fitted to every row, mixed with fixed weights (0 where a member failed): the mixture's CDF is the
    weighted sum of the members' CDFs, its quantiles invert it."""

    names: tuple[str, ...]
    fits: tuple[Fits, ...]
    weights: np.ndarray  # B × M
    at: np.ndarray       # B × F

    @cached_property
    def ok(self) -> np.ndarray:
        """Rows with at least one member (no forecast elsewhere)."""
        # Cached: callers read it row by row, and the weights never change (`replace` makes a new ensemble).
        return self.weights.sum(axis=1) > 0

    @cached_property
    def _by_scale(self) -> list[tuple[Scale, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """The members stacked by the scale they work on: (scale, member indices, loc, spread, df), M_s first."""
        groups = group_by([f.scale for f in self.fits])
        return [(scale, idx, np.stack([self.fits[j].loc for j in idx]), np.stack([self.fits[j].spread for j in idx]),
                 np.stack([self.fits[j].df[:, None] for j in idx])) for scale, idx in groups.items()]

    def cdf(self, x: np.ndarray) -> np.ndarray:
        """P(value ≤ x) at each row and year (x: rows × years, or levels of them): the weighted sum of the
        members' CDFs."""
        shape = np.broadcast_shapes(np.shape(x), self.at.shape)
        lead = (1,) * (len(shape) - 2)

        def by_member(a: np.ndarray) -> np.ndarray:
            """M × B × F as M × 1… × B × F: one member per leading slice, broadcast against x."""
            return a.reshape(a.shape[:1] + lead + a.shape[1:])

        # Each member's CDF as `Fits.cdf`, but the members of one scale in one array expression (a bisection
        # calls this 50 times on small arrays, where the number of calls is much of the cost).
        member = np.empty((len(self.fits), *shape))
        for scale, idx, loc, spread, df in self._by_scale:
            member[idx] = cdf_on_scale(scale, by_member(loc), by_member(spread), x,
                                       partial(student_cdf, by_member(df)))
        w = by_member(self.weights.T[:, :, None])
        terms = np.where(w > 0, w * np.nan_to_num(member), 0.0)
        # Summed member by member, in order.
        out = np.zeros(shape)
        for term in terms:
            out = out + term
        return out

    def quantiles(self, levels: Sequence[float], steps: int = 50) -> np.ndarray:
        """Quantiles (level × row × year) by bisection between the members' own quantiles."""
        lv = np.asarray(levels, dtype=float)
        used = self.weights > 0
        qs = np.stack([np.stack([f.quantile(float(p)) for p in lv]) for f in self.fits])  # M × L × B × F
        live = used.T[:, None, :, None]
        lo = np.min(np.where(live, qs, np.inf), axis=0)
        hi = np.max(np.where(live, qs, -np.inf), axis=0)
        target = lv[:, None, None]
        for _ in range(steps):
            mid = 0.5 * (lo + hi)
            below = self.cdf(mid) < target
            lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
        return 0.5 * (lo + hi)

    def pdf(self, x: np.ndarray) -> np.ndarray:
        """The mixture's density at x (rows × years, or levels of them), in the series' units."""
        shape = np.broadcast_shapes(np.shape(x), self.at.shape)
        out = np.zeros(shape)
        for f, w in zip(self.fits, self.weights.T):
            if not np.any(w > 0):
                continue
            s = f.scale
            inside = np.asarray(x, dtype=float)
            if s.kind == "identity":
                lo = -np.inf if s.lo is None else float(s.lo)
                hi = np.inf if s.hi is None else float(s.hi)
                inside = np.clip(inside, lo, hi)
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                z = (s.forward(inside) - f.loc) / f.spread
                out = out + np.where(w[:, None] > 0, w[:, None] * np.nan_to_num(
                    student_pdf(f.df[:, None], z) * s.slope(inside) / f.spread), 0.0)
        return out

    def quantiles_newton(self, levels: Sequence[float], tol: float = 1e-10) -> np.ndarray:
        """Quantiles (level × row × year) by Newton's method kept inside the members' own quantiles (a bisection
        step wherever Newton would leave the bracket): the numbers of `quantiles` in a few CDF calls.

        After a few steps on every cell, the few cells not yet converged (where members disagree and the density
        between them is low) go on alone, as rows of their own.
        """
        lv = np.asarray(levels, dtype=float)
        used = self.weights > 0
        qs = np.stack([np.stack([f.quantile(float(p)) for p in lv]) for f in self.fits])
        live = used.T[:, None, :, None]
        lo = np.min(np.where(live, qs, np.inf), axis=0)
        hi = np.max(np.where(live, qs, -np.inf), axis=0)
        w = np.where(live, self.weights.T[:, None, :, None], 0.0)
        # Rows without any member (no forecast) stay NaN.
        none = ~np.isfinite(lo) | ~np.isfinite(hi)
        lo, hi = np.where(none, np.nan, lo), np.where(none, np.nan, hi)
        with np.errstate(invalid="ignore"):
            x = np.sum(w * np.where(live, qs, 0.0), axis=0) / np.maximum(np.sum(w, axis=0), 1e-300)
            x = np.clip(np.where(np.isfinite(x), x, 0.5 * (lo + hi)), lo, hi)
        target = np.broadcast_to(lv[:, None, None], x.shape)
        x, lo, hi, done = _newton(self, x, lo, hi, target, tol, 6)
        done |= none
        if not done.all():
            cell = np.nonzero(~done)
            rows = self.cells(cell[1], cell[2])
            xs, *_ = _newton(rows, x[cell][:, None], lo[cell][:, None], hi[cell][:, None], target[cell][:, None], tol,
                             200)
            x[cell] = xs[:, 0]
        return x

    def take(self, rows: np.ndarray) -> "BatchEnsemble":
        """Some rows, every year."""
        return BatchEnsemble(self.names, tuple(replace(f, ok=f.ok[rows], loc=f.loc[rows], spread=f.spread[rows],
                                                       df=f.df[rows])
                                               for f in self.fits), self.weights[rows], self.at[rows])

    def cells(self, row: np.ndarray, col: np.ndarray) -> "BatchEnsemble":
        """One row per (row, year) cell asked for, each with that year alone."""
        return BatchEnsemble(self.names, tuple(replace(f, ok=f.ok[row], loc=f.loc[row, col][:, None],
                                                       spread=f.spread[row, col][:, None], df=f.df[row])
                                               for f in self.fits),
                             self.weights[row], self.at[row, col][:, None])

    def calibrated(self, factor: np.ndarray, floor: np.ndarray) -> "BatchEnsemble":
        return replace(self, fits=tuple(f.calibrated(factor, floor) for f in self.fits))

    def column(self, k: np.ndarray) -> "BatchEnsemble":
        """One year per row (column k[i] of row i): the distribution of a deadline year alone."""
        def pick(a: np.ndarray) -> np.ndarray:
            return np.take_along_axis(a, k[:, None], axis=1)

        return replace(self, fits=tuple(replace(f, loc=pick(f.loc), spread=pick(f.spread)) for f in self.fits),
                       at=pick(self.at))


def concat(parts: Sequence[BatchEnsemble]) -> BatchEnsemble:
    """Ensembles of the same members and years' width, one after another (rows)."""
    fits = tuple(Fits(fs[0].model, fs[0].scale, np.concatenate([f.ok for f in fs]),
                      np.concatenate([f.loc for f in fs]), np.concatenate([f.spread for f in fs]),
                      np.concatenate([f.df for f in fs])) for fs in zip(*(e.fits for e in parts)))
    return BatchEnsemble(parts[0].names, fits, np.concatenate([e.weights for e in parts]),
                         np.concatenate([e.at for e in parts]))


def member_weights(names: Sequence[str], family_weights: Mapping[str, float]) -> dict[str, float]:
    """Weights of the members: each family's weight split equally among its members, then normalised."""
    fams = [family(n) for n in names]
    raw = {n: family_weights.get(f, 0.0) / fams.count(f) for n, f in zip(names, fams)}
    total = sum(raw.values())
    return {n: w / total for n, w in raw.items()} if total > 0 else {}


def weight_matrix(names: Sequence[str], ok: np.ndarray, family_weights: Mapping[str, float]) -> np.ndarray:
    """Each row's member weights as `member_weights` of the members that fitted (B × M)."""
    out = np.zeros(ok.shape)
    patterns, inverse = np.unique(ok, axis=0, return_inverse=True)
    for k, pattern in enumerate(patterns):
        fitted = [nm for nm, good in zip(names, pattern) if good]
        w = member_weights(fitted, family_weights)
        out[inverse.ravel() == k] = [w.get(nm, 0.0) for nm in names]
    return out


def _newton(ens: BatchEnsemble, x: np.ndarray, lo: np.ndarray, hi: np.ndarray, target: np.ndarray, tol: float,
            steps: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Safeguarded Newton steps toward cdf(x) = target; (x, bracket low, bracket high, converged)."""
    done = np.zeros(x.shape, dtype=bool)
    for _ in range(steps):
        with np.errstate(invalid="ignore"):
            err = ens.cdf(x) - target
        lo, hi = np.where(err < 0, x, lo), np.where(err < 0, hi, x)
        with np.errstate(divide="ignore", invalid="ignore"):
            step = x - err / ens.pdf(x)
        inside = np.isfinite(step) & (step > lo) & (step < hi)
        new = np.where(inside, step, 0.5 * (lo + hi))
        with np.errstate(invalid="ignore"):
            done = ~np.isfinite(new) | (np.abs(new - x) <= tol * (1.0 + np.abs(x)))
        x = np.where(np.isfinite(new), new, x)
        if done.all():
            break
    return x, lo, hi, done


def group_by(keys: Sequence) -> dict:
    """Row indices of each distinct key, in order of first appearance."""
    out: dict = {}
    for i, k in enumerate(keys):
        out.setdefault(k, []).append(i)
    return {k: np.asarray(v, dtype=int) for k, v in out.items()}

"""Sample paths of fitted models and of their mixture, for many rows at once (a single series is a batch of one).

A member's paths are a standardised random walk scaled to its predictive distribution (`member_paths`); the
mixture's path i is member k's path i, k drawn in proportion to the row's weights (`mixture_paths`). The draws
depend on the seed, the years and the degrees of freedom only, so a row gets the same paths in any batch; the one
series' `Ensemble` (`as_ensemble`) is built from the same two functions.
"""

from __future__ import annotations

import numpy as np

from .batched import BatchEnsemble
from .ensemble import Ensemble, Member, draw_members, mix_paths, pick_paths
from .peers import PEER
from .projection import Fits, Projection

__all__ = ["as_ensemble", "member_paths", "member_projection", "mixture_paths"]


def member_paths(fit: Fits, rows: np.ndarray, n_paths: int, seed: int) -> np.ndarray:
    """Sample paths (rows × paths × years) of one member whose marginals are its predictive distribution exactly:
    a standardised random walk (correlation √(min/max) between years), scaled by √(df / χ²) for Student-t. The
    draws depend on the seed, the years and df only, so every row of a batch gets what it gets alone."""
    steps = fit.loc.shape[1]
    out = np.empty((len(rows), n_paths, steps))
    if not n_paths or not len(rows):
        return out
    rng = np.random.default_rng(seed)
    walk = np.cumsum(rng.standard_normal((n_paths, steps)), axis=1) / np.sqrt(np.arange(1, steps + 1))[None, :]
    state = rng.bit_generator.state
    for df in np.unique(fit.df[rows]):
        sel = np.flatnonzero(fit.df[rows] == df)
        rng.bit_generator.state = state
        scale_t = np.sqrt(df / rng.chisquare(df, n_paths))[:, None] if np.isfinite(df) else np.ones((n_paths, 1))
        r = rows[sel]
        out[sel] = fit.scale.inverse(fit.loc[r][:, None, :] + fit.spread[r][:, None, :] * (walk * scale_t)[None])
    return out


def _live(ens: BatchEnsemble, rows: np.ndarray) -> np.ndarray:
    """Rows × members: the members each row mixes (weighted and fitted)."""
    return (ens.weights[rows] > 0) & np.stack([f.ok[rows] for f in ens.fits], axis=1)


def mixture_paths(ens: BatchEnsemble, rows: np.ndarray, n_paths: int, seed: int) -> np.ndarray:
    """The mixture's sample paths of some rows (rows × paths × years): member k drawn with seed + k, each path's
    member drawn in proportion to the row's weights with `seed`."""
    steps = ens.at.shape[1]
    out = np.full((len(rows), n_paths, steps), np.nan)
    if not n_paths or not len(rows):
        return out
    drawn = [member_paths(f, rows, n_paths, seed + k) for k, f in enumerate(ens.fits)]
    for pattern, idx in _patterns(_live(ens, rows), ens.weights[rows]).items():
        members_k = [k for k, on in enumerate(pattern[0]) if on]
        if not members_k:
            continue
        picks = draw_members([pattern[1][k] for k in members_k], n_paths, seed)
        out[idx] = pick_paths(np.stack([drawn[k][idx] for k in members_k]), picks)
    return out


def _patterns(live: np.ndarray, weights: np.ndarray) -> dict[tuple, np.ndarray]:
    """Rows grouped by which members they use and with what weights (the draws of members are shared)."""
    out: dict[tuple, list[int]] = {}
    for i, (on, w) in enumerate(zip(live, weights)):
        out.setdefault((tuple(bool(x) for x in on), tuple(float(x) for x in w)), []).append(i)
    return {k: np.asarray(v, dtype=int) for k, v in out.items()}


def member_projection(fit: Fits, row: int, years: np.ndarray, values: np.ndarray, future: np.ndarray, *,
                      n_paths: int = 0, seed: int = 0, widening: float | np.ndarray = 1.0) -> Projection:
    """Row `row` of a model's fits (at the years `future`) as the one series' `Projection`, with its sample
    paths."""
    return Projection(fit.model, fit.scale, np.asarray(years).astype(int), np.asarray(values, dtype=float),
                      np.asarray(future).astype(int), fit.loc[row].copy(), fit.spread[row].copy(), float(fit.df[row]),
                      member_paths(fit, np.array([row]), n_paths, seed)[0], widening)


def as_ensemble(ens: BatchEnsemble, factor: np.ndarray, row: int, years: np.ndarray, values: np.ndarray, *,
                n_paths: int = 0, seed: int = 0) -> Ensemble:
    """Row `row` of a mixture (calibrated by `factor`, one per year) as the one series' `Ensemble` the briefs draw
    and adjust: the same members, weights and spreads, and the paths `mixture_paths` draws for that row."""
    live = _live(ens, np.array([row]))[0]
    if not live.any():
        raise ValueError("no member of this row was fitted")
    members = tuple(Member(ens.names[k], float(ens.weights[row, k]),
                           member_projection(ens.fits[k], row, years, values, ens.at[row], n_paths=n_paths,
                                             seed=seed + k, widening=factor.copy()))
                    for k in map(int, np.flatnonzero(live)))
    picks = draw_members([m.weight for m in members], n_paths, seed)
    scale = next((m.projection.scale for m in members if m.name == PEER), members[0].projection.scale)
    return Ensemble(members, scale, mix_paths(members, picks), picks, (), widening=factor.copy())

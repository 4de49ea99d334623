"""The projection numbers of many level targets at once: the forecaster's distribution at the deadline, its sample
paths, each member's and each sensitivity case's P(met), and each series' own backtest.

Each function computes for a chunk of jobs (`assess.wards.Job`) what `model_series`, `probability` and `_chance`
compute for one series, with the same forecaster (`methods.forecast`): every series is forecast from its
indicator's pool alone, so a series in a batch gets the numbers it gets alone (the tests hold them to it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from ..data.catalog import Indicator
from ..methods.attainment import increasing, path_probability
from ..methods.batched import group_by
from ..methods.forecast import Origin, forecast_series_alone, own_pits
from ..methods.likelihood import Chance, ModelChance, chance
from ..methods.paths import mixture_paths
from ..methods.projection import Scale, scale_for
from ..methods.sensitivity import case_data, chances
from ..methods.settings import Methods
from .series import OwnBacktest, Peers, backtest_of

# The levels every row shows, in the order of their keys.
_LEVELS = (0.5, 0.10, 0.90, 0.025, 0.975)
_KEYS = ("median", "lo80", "hi80", "lo95", "hi95")


@dataclass(frozen=True)
class Numbers:
    """What a level target's row shows of its projection (as the one-series Assessment has them)."""

    at_deadline: dict[str, float]
    widening: float | None
    p_meet: float | None
    p_meet_by: float | None
    expected_year: int | None
    chance: Chance | None
    backtest: OwnBacktest


@dataclass(frozen=True)
class _Main:
    at_deadline: dict[str, float]
    widening: float | None
    p_meet: float | None
    p_meet_by: float | None
    expected_year: int | None
    models: tuple[ModelChance, ...]


def _opt(x: float) -> float | None:
    return None if not np.isfinite(x) else float(x)


def _groups(items: Sequence[Any], methods: Methods) -> dict:
    """Jobs (or cases: anything with an indicator, years and values) that share a pool and a scale, each group
    forecast in one batch."""
    return group_by([(i.indicator.id, scale_for(i.indicator.bounds, i.values, is_share=i.indicator.is_share,
                                                eps=methods.logit_epsilon)) for i in items])


def _forecast(items: Sequence[Any], idx: np.ndarray, scale: Scale, methods: Methods,
              peers_of: Callable[[Indicator], Peers], floors: np.ndarray) -> list[tuple[Origin, int] | None]:
    return forecast_series_alone([(items[i].years, items[i].values) for i in idx],
                                 peers_of(items[idx[0]].indicator).series, scale, methods.forecast,
                                 horizon_end=methods.horizon_end, floor=floors)


def _main(jobs: Sequence[Any], methods: Methods, peers_of: Callable[[Indicator], Peers], seed: int
          ) -> list[_Main | None]:
    """The forecaster's distribution with its sample paths, read at each job's deadline (None: not batchable)."""
    out: list[_Main | None] = [None] * len(jobs)
    for (_, scale), idx in _groups(jobs, methods).items():
        found = _forecast(jobs, idx, scale, methods, peers_of, np.array([jobs[i].floor for i in idx]))
        for o, where in _by_origin(found):
            rows = np.array([r for _, r in where])
            group = [jobs[idx[k]] for k, _ in where]
            last = np.full(len(rows), float(o.year))
            deadline = np.array([j.target.deadline for j in group], dtype=float)
            width = o.ensemble.at.shape[1]
            k = (deadline - last - 1).astype(int)
            inside = (k >= 0) & (k < width)
            ens = o.ensemble.cells(rows, np.clip(k, 0, width - 1))
            threshold = np.array([j.parts.threshold for j in group])
            comparators = [j.parts.threshold_comparator for j in group]
            up = np.array([increasing(c) for c in comparators])
            below = ens.cdf(threshold[:, None])[:, 0]
            p_meet = np.where(inside, np.where(up, 1.0 - below, below), np.nan)
            quantiles = ens.quantiles(_LEVELS)[:, :, 0]
            member_p = [np.where(up, 1.0 - f.cdf(threshold[:, None])[:, 0], f.cdf(threshold[:, None])[:, 0])
                        for f in ens.fits]
            widening = o.factor[rows, np.clip(k, 0, width - 1)]
            paths = mixture_paths(o.ensemble, rows, methods.n_paths, seed)
            future = o.ensemble.at[rows]
            p_by, expected = path_probability(paths, future, threshold=threshold, comparator=comparators,
                                              deadline=deadline, horizon_end=methods.horizon_end, latest_year=last,
                                              met_latest=np.array([j.parts.met_latest for j in group]),
                                              p_meet=p_meet)
            names = o.ensemble.names
            for r, (pos, _) in enumerate(where):
                i = idx[pos]
                live = [c for c in range(len(names)) if ens.weights[r, c] > 0 and ens.fits[c].ok[r]]
                models = tuple(ModelChance(names[c], float(member_p[c][r]), float(ens.weights[r, c]))
                               for c in live) if inside[r] else ()
                out[i] = _Main({key: float(quantiles[q, r]) for q, key in enumerate(_KEYS)} if inside[r] else {},
                               float(widening[r]) if inside[r] else None, _opt(p_meet[r]), _opt(p_by[r]),
                               None if not np.isfinite(expected[r]) else int(expected[r]), models)
    return out


def _by_origin(found: Sequence[tuple[Origin, int] | None]) -> list[tuple[Origin, list[tuple[int, int]]]]:
    """Each origin with the (position in the batch, row in the origin) of the series forecast there."""
    origins: dict[int, Origin] = {}
    where: dict[int, list[tuple[int, int]]] = {}
    for pos, hit in enumerate(found):
        if hit is not None:
            origins[id(hit[0])] = hit[0]
            where.setdefault(id(hit[0]), []).append((pos, hit[1]))
    return [(origins[k], where[k]) for k in origins]


@dataclass(frozen=True)
class _Case:
    """A sensitivity case's series, with its job's indicator."""

    indicator: Indicator
    years: np.ndarray
    values: np.ndarray


def _case_ps(jobs: Sequence[Any], main: Sequence[_Main | None], methods: Methods,
             peers_of: Callable[[Indicator], Peers]) -> list[list]:
    """Each job's sensitivity cases and their P(met) (None where the case's series cannot be forecast)."""
    cases: list[list] = [[] for _ in jobs]
    for i, j in enumerate(jobs):
        if main[i] is None or main[i].p_meet is None:  # type: ignore[union-attr]
            continue
        cases[i] = case_data(j.years, j.values, list(j.statuses), shock=j.floor,
                             min_points=methods.min_points_projection, bounds=j.indicator.bounds,
                             before_break=j.before_break)
    flat = [(i, c) for i, job_cases in enumerate(cases) for c in job_cases]
    items = [_Case(jobs[i].indicator, c.years, c.values) for i, c in flat]
    ps: list[float | None] = [None] * len(flat)
    for (_, scale), idx in _groups(items, methods).items():
        owners = [jobs[flat[k][0]] for k in idx]
        found = _forecast(items, idx, scale, methods, peers_of, np.array([j.floor for j in owners]))
        # Every case forecast at one origin read at its deadline in one call.
        for o, where in _by_origin(found):
            pos = np.array([q for q, _ in where])
            rows = np.array([r for _, r in where])
            job = [owners[q] for q in pos]
            k = np.array([int(j.target.deadline) for j in job]) - o.year - 1
            inside = (k >= 0) & (k < o.ensemble.at.shape[1])
            if not inside.any():
                continue
            cell = o.ensemble.cells(rows[inside], k[inside])
            threshold = np.array([[j.parts.threshold] for j, ok in zip(job, inside) if ok])
            below = cell.cdf(threshold)[:, 0]
            up = np.array([increasing(j.parts.threshold_comparator) for j, ok in zip(job, inside) if ok])
            for q, b, u in zip(pos[inside], below, up):
                ps[idx[q]] = float(1.0 - b if u else b)
    out: list[list] = [[] for _ in jobs]
    for (i, c), p in zip(flat, ps):
        out[i].append((c, p))
    return out


def _backtests(jobs: Sequence[Any], methods: Methods, peers_of: Callable[[Indicator], Peers]) -> list[OwnBacktest]:
    """Each series' own rolling-origin test (as `series.own_backtest`), the series of one pool in one batch."""
    out: list[OwnBacktest | None] = [None] * len(jobs)
    for (_, scale), idx in _groups(jobs, methods).items():
        pits = own_pits([(jobs[i].years, jobs[i].values) for i in idx], peers_of(jobs[idx[0]].indicator).series,
                        scale, methods.forecast, floor=np.array([jobs[i].floor for i in idx]))
        for i, pit in zip(idx, pits):
            out[i] = backtest_of(pit, methods)
    return out  # type: ignore[return-value]


def batch_numbers(jobs: Sequence[Any], methods: Methods, peers_of: Callable[[Indicator], Peers],
                  seed: int) -> list[Numbers | None]:
    """The projection numbers of every job, or None for a job the batch cannot take."""
    main = _main(jobs, methods, peers_of, seed)
    cases = _case_ps(jobs, main, methods, peers_of)
    tests = _backtests(jobs, methods, peers_of)
    out: list[Numbers | None] = []
    for i, j in enumerate(jobs):
        mn = main[i]
        if mn is None:
            out.append(None)
            continue
        odds = None
        if mn.p_meet is not None:
            found = chances([c for c, _ in cases[i]], [p for _, p in cases[i]])
            odds = chance(mn.p_meet, mn.models, found, len(j.years), methods)
        out.append(Numbers(mn.at_deadline, mn.widening, mn.p_meet, mn.p_meet_by, mn.expected_year, odds, tests[i]))
    return out

"""The projection numbers of many level targets at once: the calibrated ensemble at the deadline, its sample
paths, each member's and each sensitivity case's P(met), and each series' own backtest.

Each function computes for a chunk of jobs (`assess.wards.Job`) what `model_series`, `probability` and
`_chance` compute for one series, with the batched kernels; the tests hold them to the one-series results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..codes import Why, because
from ..data.panel import PoolSeries
from ..methods.attainment import increasing
from ..methods.backtest import pooled_forecasts
from ..methods.batched import fit_ensemble_rows, group_by, pack
from ..methods.calibration import coverage, factors_for
from ..methods.likelihood import Chance, ModelChance, chance
from ..methods.paths import mixture_paths, path_probability
from ..methods.projection import members, scale_for
from ..methods.sensitivity import case_data, chances
from ..methods.settings import Methods
from .calibrated import Calibrated
from .series import OwnBacktest

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


def _main(jobs: Sequence[Any], methods: Methods, calibrated: Calibrated, seed: int) -> list[_Main | None]:
    """The calibrated ensemble with its sample paths, read at each job's deadline (None: not batchable)."""
    out: list[_Main | None] = [None] * len(jobs)
    scales = [scale_for(j.indicator.bounds, j.values, is_share=j.indicator.is_share, eps=methods.logit_epsilon)
              for j in jobs]
    futures = [np.arange(int(j.years[-1]) + 1, max(methods.horizon_end, int(j.years[-1]) + 1) + 1) for j in jobs]
    for (scale, width), idx in group_by([(s, len(f)) for s, f in zip(scales, futures)]).items():
        group = [jobs[i] for i in idx]
        names = members(scale, methods.damped_phis)
        rows = pack([(j.years.astype(float), j.values) for j in group])
        fut = np.stack([futures[i] for i in idx]).astype(float)
        last = fut[:, 0] - 1.0
        raw = fit_ensemble_rows(rows, fut, scale, names, methods.family_weights, min_points=methods.min_points)
        factor = factors_for(calibrated.widening, fut - last[:, None])
        cal = raw.calibrated(factor, np.array([j.floor for j in group]))
        paths, flat = mixture_paths(raw, cal, fut, rows.n, methods.n_paths, seed)
        threshold = np.array([j.parts.threshold for j in group])
        comparators = [j.parts.threshold_comparator for j in group]
        up = np.array([increasing(c) for c in comparators])
        deadline = np.array([j.target.deadline for j in group], dtype=float)
        k = (deadline - last - 1).astype(int)
        inside = (k >= 0) & (k < width)
        at = cal.column(np.clip(k, 0, width - 1))
        below = at.cdf(threshold[:, None])[:, 0]
        p_meet = np.where(inside, np.where(up, 1.0 - below, below), np.nan)
        quantiles = at.quantiles(_LEVELS)[:, :, 0]
        member_p = [np.where(up, 1.0 - f.cdf(threshold[:, None])[:, 0], f.cdf(threshold[:, None])[:, 0])
                    for f in at.fits]
        widening = np.take_along_axis(factor, np.clip(k, 0, width - 1)[:, None], axis=1)[:, 0]
        p_by, expected = path_probability(paths, fut, threshold=threshold, comparator=comparators, deadline=deadline,
                                          horizon_end=methods.horizon_end, latest_year=last,
                                          met_latest=np.array([j.parts.met_latest for j in group]), p_meet=p_meet)
        for r, i in enumerate(idx):
            if not raw.ok[r] or flat[r]:
                continue
            live = [c for c in range(len(names)) if raw.weights[r, c] > 0]
            models = tuple(ModelChance(names[c], float(member_p[c][r]), float(raw.weights[r, c])) for c in live) \
                if inside[r] else ()
            out[i] = _Main({key: float(quantiles[q, r]) for q, key in enumerate(_KEYS)} if inside[r] else {},
                           float(widening[r]) if inside[r] else None, _opt(p_meet[r]), _opt(p_by[r]),
                           None if not np.isfinite(expected[r]) else int(expected[r]), models)
    return out


def _case_ps(jobs: Sequence[Any], main: Sequence[_Main | None], methods: Methods,
             calibrated: Calibrated) -> list[list]:
    """Each job's sensitivity cases and their P(met) (None where the case's series cannot be fitted)."""
    cases: list[list] = [[] for _ in jobs]
    for i, j in enumerate(jobs):
        if main[i] is None or main[i].p_meet is None:  # type: ignore[union-attr]
            continue
        cases[i] = case_data(j.years, j.values, list(j.statuses), shock=j.floor,
                             min_points=methods.min_points_projection, bounds=j.indicator.bounds,
                             before_break=j.before_break)
    flat = [c for job_cases in cases for c in job_cases]
    owner = np.repeat(np.arange(len(jobs)), [len(c) for c in cases])
    # What every case of a job shares, looked up by owner rather than rebuilt case by case.
    job_deadline = np.array([j.target.deadline for j in jobs], dtype=float)
    job_floor = np.array([j.floor for j in jobs], dtype=float)
    job_threshold = np.array([j.parts.threshold for j in jobs], dtype=float)
    job_up = np.array([increasing(j.parts.threshold_comparator) for j in jobs], dtype=bool)
    p_case = np.zeros(len(flat))
    fitted = np.zeros(len(flat), dtype=bool)
    keys = [scale_for(jobs[i].indicator.bounds, c.values, is_share=jobs[i].indicator.is_share,
                      eps=methods.logit_epsilon) for i, c in zip(owner, flat)]
    for scale, idx in group_by(keys).items():
        who = owner[idx]
        rows = pack([(flat[r].years, flat[r].values) for r in idx])
        deadline = job_deadline[who]
        last = rows.last(rows.years)
        # `project` reaches max(horizon_end, last + 1): a deadline outside has no probability.
        inside = (deadline > last) & (deadline <= np.maximum(methods.horizon_end, last + 1))
        ens = fit_ensemble_rows(rows, deadline[:, None], scale, members(scale, methods.damped_phis),
                                methods.family_weights, min_points=methods.min_points)
        factor = factors_for(calibrated.widening, (deadline - last)[:, None])
        ens = ens.calibrated(factor, job_floor[who])
        below = ens.cdf(job_threshold[who][:, None])[:, 0]
        p_case[idx] = np.where(job_up[who], 1.0 - below, below)
        fitted[idx] = ens.ok & inside
    ps = [float(p) if ok else None for p, ok in zip(p_case, fitted)]
    out: list[list] = [[] for _ in jobs]
    for i, c, p in zip(owner, flat, ps):
        out[i].append((c, p))
    return out


def _backtests(jobs: Sequence[Any], methods: Methods, calibrated: Calibrated) -> list[OwnBacktest]:
    """Each series' own rolling-origin test, all origins of all series of one scale in one batch."""
    out: list[OwnBacktest | None] = [None] * len(jobs)
    pools = [PoolSeries("own", "own", tuple(int(y) for y in j.years), tuple(float(v) for v in j.values),
                        j.indicator.bounds, j.indicator.is_share) for j in jobs]
    names = [members(scale_for(p.bounds, np.asarray(p.values), is_share=p.is_share, eps=methods.logit_epsilon),
                     methods.damped_phis) for p in pools]
    for _, idx in group_by(names).items():
        fc = pooled_forecasts([pools[i] for i in idx], methods, [jobs[i].floor for i in idx])
        pit = fc.pit(factors_for(calibrated.widening, fc.horizon)[:, None])
        # Each series' forecasts, in their order: one split instead of one scan of all forecasts per series.
        counts = np.bincount(fc.series, minlength=len(idx))
        parts = np.split(pit[np.argsort(fc.series, kind="stable")], np.cumsum(counts)[:-1])
        for i, n, part in zip(idx, counts.tolist(), parts):
            if n < methods.bt_min_errors:
                out[i] = OwnBacktest(n, None, None, because(Why.TOO_FEW_TO_TEST, n=n, need=methods.bt_min_errors))
            else:
                out[i] = OwnBacktest(n, coverage(part, 0.8), coverage(part, 0.5), None)
    return out  # type: ignore[return-value]


def batch_numbers(jobs: Sequence[Any], methods: Methods, calibrated: Calibrated,
                  seed: int) -> list[Numbers | None]:
    """The projection numbers of every job, or None for a job the batch cannot take."""
    main = _main(jobs, methods, calibrated, seed)
    cases = _case_ps(jobs, main, methods, calibrated)
    tests = _backtests(jobs, methods, calibrated)
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

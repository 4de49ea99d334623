"""Calibration on pooled real history: rolling-origin forecasts of every model and of the ensemble, their
coverage, Brier score and PIT, and the factor, for each horizon, that brings the ensemble's 80 % intervals to 80 %.

Huế's own series (four points) cannot test anything, so the methods are tried
on ~70 real series of a bounded share (`kh330lib.data.panel.calibration_pool`)
with training windows as short as Huế's. Every forecast keeps, for each member,
how far the actual value fell from the member's centre (on its scale), the
member's spread and its floor (the data's measurement error), so the coverage
under any widening k (spread × k, never below the floor) needs no refitting. The result is
stored under the hash of its inputs and of this code (`load_or_compute`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

import filelock
import numpy as np

from ..data.panel import PoolSeries
from ..files import write_json
from .backtest import Forecasts, pooled_forecasts
from .settings import Methods

# PIT histogram bins of the published calibration.
PIT_BINS = 10
# The code whose change makes a stored calibration stale.
_CODE = ("calibration.py", "ensemble.py", "projection.py", "batched.py", "backtest.py")
# Bracket and steps of the bisection for the widening factor.
_K_RANGE, _K_STEPS = (0.25, 8.0), 60


def coverage(pit: np.ndarray, level: float) -> float:
    """Share of actual values inside the central `level` interval (PIT between (1 ∓ level)/2)."""
    lo = (1.0 - level) / 2.0
    return float(np.mean((pit >= lo) & (pit <= 1.0 - lo))) if len(pit) else float("nan")


def brier(p: np.ndarray, outcome: np.ndarray) -> float:
    return float(np.mean((p - outcome.astype(float)) ** 2)) if len(p) else float("nan")


def floor_for(unit: str, latest: float, sd_points: float, sd_relative: float) -> float:
    """The measurement error a projection's spread never goes below: points for percentages, else relative."""
    return sd_points if unit.startswith("%") else sd_relative * abs(latest)


def widening_for(fc: Forecasts, target: float) -> tuple[float, ...]:
    """For each horizon 1, 2, …: the factor k by which the ensemble's spreads must be multiplied for pooled
    `target` coverage of its central `target` intervals at that horizon (k < 1 narrows an ensemble too wide)."""
    out = []
    for h in range(1, int(fc.horizon.max()) + 1):
        sel = fc.horizon == h
        lo, hi = _K_RANGE
        for _ in range(_K_STEPS):
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if coverage(fc.pit(mid)[sel], target) < target else (lo, mid)
        out.append(round(0.5 * (lo + hi), 6))
    return tuple(out)


def factors_for(widening: Sequence[float], horizons: np.ndarray) -> np.ndarray:
    """The factor of each horizon; beyond the longest calibrated horizon, the longest one's."""
    h = np.clip(np.asarray(horizons, dtype=int), 1, len(widening))
    return np.asarray(widening, dtype=float)[h - 1]


@dataclass(frozen=True)
class Score:
    """Coverage and Brier score of one model (or the ensemble) over the pooled forecasts."""

    model: str
    coverage_50: float
    coverage_80: float
    brier: float
    coverage_80_by_horizon: tuple[float, ...]


@dataclass(frozen=True)
class Calibration:
    """What the pooled backtest found, as stored and as the briefs and the JSON show it."""

    key: str
    series: int
    panel_series: int
    national_series: int
    forecasts: int
    horizons: tuple[int, ...]
    widening: tuple[float, ...]       # one factor per horizon 1, 2, …
    scores: tuple[Score, ...]         # every member, then "ensemble" and "ensemble_widened"
    pit: tuple[int, ...]              # counts of the widened ensemble's PIT in PIT_BINS bins
    event_pace: float

    def score(self, model: str) -> Score:
        return next(s for s in self.scores if s.model == model)

    @property
    def after(self) -> Score:
        return self.score("ensemble_widened")


def summarize(fc: Forecasts, key: str, widening: tuple[float, ...], event_pace: float) -> Calibration:
    horizons = tuple(int(h) for h in sorted(set(fc.horizon)))

    def score(model: str, pit: np.ndarray, p_event: np.ndarray) -> Score:
        by_h = tuple(coverage(pit[fc.horizon == h], 0.8) for h in horizons)
        return Score(model, coverage(pit, 0.5), coverage(pit, 0.8), brier(p_event, fc.event), by_h)

    scores = [score(name, fc.pit(member=i), fc.p_event(member=i)) for i, name in enumerate(fc.names)]
    scores.append(score("ensemble", fc.pit(), fc.p_event()))
    k = factors_for(widening, fc.horizon)[:, None]
    scores.append(score("ensemble_widened", fc.pit(k), fc.p_event(k)))
    counts, _ = np.histogram(fc.pit(k), bins=PIT_BINS, range=(0.0, 1.0))
    kinds = [fc.pool[i] for i in sorted(set(fc.series))]
    return Calibration(key, len(kinds), kinds.count("panel"), kinds.count("national"), len(fc.gap), horizons,
                       widening, tuple(scores), tuple(int(c) for c in counts), event_pace)


def calibration_key(pool: Sequence[PoolSeries], methods: Methods, floor_points: float) -> str:
    """SHA-256 of everything the calibration depends on: the pool, the settings and this code."""
    here = Path(__file__).resolve().parent
    settings = {k: getattr(methods, k) for k in ("family_weights", "damped_phis", "calibration_windows",
                                                 "calibration_max_horizon", "event_pace", "target_coverage",
                                                 "logit_epsilon", "min_points")}
    blob = json.dumps({"pool": [asdict(s) for s in pool], "settings": settings, "floor": floor_points,
                       "code": [hashlib.sha256((here / f).read_bytes()).hexdigest() for f in _CODE]},
                      sort_keys=True, default=list)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def compute(pool: Sequence[PoolSeries], methods: Methods, floor_points: float) -> Calibration:
    fc = pooled_forecasts(pool, methods, floor_points)
    k = widening_for(fc, methods.target_coverage)
    return summarize(fc, calibration_key(pool, methods, floor_points), k, methods.event_pace)


def _from_json(data: dict) -> Calibration:
    scores = tuple(Score(**{**s, "coverage_80_by_horizon": tuple(s["coverage_80_by_horizon"])})
                   for s in data["scores"])
    return Calibration(**{**data, "horizons": tuple(data["horizons"]), "widening": tuple(data["widening"]),
                          "scores": scores, "pit": tuple(data["pit"])})


def load_or_compute(pool: Sequence[PoolSeries], methods: Methods, floor_points: float, cache_dir: Path,
                    memo: dict[str, Calibration] | None = None) -> Calibration:
    """The stored calibration for these inputs, or a new one (computed once, by one process at a time)."""
    key = calibration_key(pool, methods, floor_points)
    if memo is not None and key in memo:
        return memo[key]
    result = _stored_or_new(pool, methods, floor_points, Path(cache_dir), key)
    if memo is not None:
        memo[key] = result
    return result


def _stored_or_new(pool: Sequence[PoolSeries], methods: Methods, floor_points: float, cache_dir: Path,
                   key: str) -> Calibration:
    path = Path(cache_dir) / f"calibration-{key[:16]}.json"
    cache_dir.mkdir(parents=True, exist_ok=True)
    with filelock.FileLock(str(path) + ".lock", timeout=600):
        if path.exists():
            try:
                stored = _from_json(json.loads(path.read_text(encoding="utf-8")))
                if stored.key == key:
                    return stored
            except (ValueError, KeyError, TypeError):
                pass  # a damaged or older file is recomputed and replaced
        result = compute(pool, methods, floor_points)
        write_json(path, result)
        return result

"""The ensemble: every applicable model fitted to a series, combined into one predictive distribution (a mixture).

Weights are fixed in advance (equal by model family, params/methods.yaml),
never fitted on the series itself: on four points, estimated weights add noise
(the forecast combination puzzle, Stock and Watson 2004). The mixture's CDF is
the weighted sum of the members' CDFs, so the spread between models shows in
its intervals; quantiles invert that CDF numerically. `Ensemble` answers the
same questions as a single `Projection`, so everything downstream uses either.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Mapping, Sequence

import numpy as np

from ..codes import Reason
from ..data.scenarios import Adjustment
from ..errors import FitFailure
from .projection import Distribution, Projection, Scale, family, fit

MODEL = "ensemble"
# Bisection steps when inverting the mixture CDF: 2^-50 of the bracket is far below any printed digit.
_STEPS = 50
# The levels every table and chart asks for, inverted together once per ensemble.
_LEVELS = (0.5, 0.10, 0.90, 0.025, 0.975)


@dataclass(frozen=True)
class Member:
    """One model of the ensemble, its weight, and its fitted projection."""

    name: str
    weight: float
    projection: Projection


@dataclass(frozen=True, eq=False)
class Ensemble(Distribution):
    """A mixture of fitted models; quantiles, probabilities and sample paths of the combined distribution."""

    members: tuple[Member, ...]
    scale: Scale
    paths: np.ndarray
    # The member each sample path was drawn from (kept, so a widened or shifted ensemble keeps its draws).
    picks: np.ndarray
    failures: tuple[tuple[str, Reason], ...] = ()
    # The calibration factor of each future year (1 before calibration).
    widening: float | np.ndarray = 1.0
    adjustments: tuple[Adjustment, ...] = ()
    model: str = MODEL

    @property
    def future_years(self) -> np.ndarray:
        return self.members[0].projection.future_years

    @property
    def years(self) -> np.ndarray:
        return self.members[0].projection.years

    @property
    def values(self) -> np.ndarray:
        return self.members[0].projection.values

    # ---- distribution --------------------------------------------------------

    def cdf_values(self, x: np.ndarray | float) -> np.ndarray:
        """P(value ≤ x) for every future year (x broadcast over the last axis, the years): the weighted sum
        of the members' CDFs."""
        return sum(m.weight * m.projection.cdf_values(x) for m in self.members)

    def quantile(self, p: float) -> np.ndarray:
        """The p-quantile of every future year."""
        if p in self._usual:
            return self._usual[p]
        return self._invert(np.array([p]))[0]

    @cached_property
    def _usual(self) -> dict[float, np.ndarray]:
        return dict(zip(_LEVELS, self._invert(np.array(_LEVELS))))

    def _invert(self, levels: np.ndarray) -> np.ndarray:
        """Quantiles (level × year) by bisection between the members' own quantiles, all levels at once."""
        qs = np.array([[m.projection.quantile(float(p)) for p in levels] for m in self.members])
        lo, hi = qs.min(axis=0), qs.max(axis=0)
        target = levels[:, None]
        for _ in range(_STEPS):
            mid = 0.5 * (lo + hi)
            below = self.cdf_values(mid) < target
            lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
        return 0.5 * (lo + hi)

    @property
    def median(self) -> np.ndarray:
        return self.quantile(0.5)

    @property
    def loc(self) -> np.ndarray:
        """The median on the ensemble's scale (where a scenario shifts it)."""
        return self.scale.forward(self.median)

    def member_p(self, year: int, threshold: float, increasing: bool) -> dict[str, float]:
        """P(target met in `year`) under each member alone."""
        out = {}
        for m in self.members:
            below = m.projection.cdf(year, threshold)
            if below is not None:
                out[m.name] = 1.0 - below if increasing else below
        return out

    # ---- transformations -----------------------------------------------------

    def calibrated(self, factor: float | np.ndarray, floor: float) -> "Ensemble":
        """Every member's spread × `factor` (per future year) on its own scale, never below `floor` (the data's
        measurement error, in the series' units)."""
        members = tuple(replace(m, projection=m.projection.calibrated(factor, floor)) for m in self.members)
        return replace(self, members=members, paths=mix_paths(members, self.picks), widening=factor)

    def shifted(self, delta_g: np.ndarray, adjustment: Adjustment) -> "Ensemble":
        """Move the combined median by `delta_g` on the ensemble's scale; each member moves by as much in value."""
        before = self.median
        after = self.scale.inverse(self.scale.forward(before) + np.asarray(delta_g, dtype=float))
        members = tuple(replace(m, projection=m.projection.shifted(
            m.projection.scale.forward(after) - m.projection.scale.forward(before), adjustment))
            for m in self.members)
        return replace(self, members=members, paths=mix_paths(members, self.picks),
                       adjustments=self.adjustments + (adjustment,))


def draw_members(weights: Sequence[float], n: int, seed: int) -> np.ndarray:
    """Which member each sample path comes from, in proportion to the weights (reproducible)."""
    rng = np.random.default_rng(seed)
    return rng.choice(len(weights), size=n, p=np.asarray(weights) / np.sum(weights)) if n else np.zeros(0, int)


def mix_paths(members: Sequence[Member], picks: np.ndarray) -> np.ndarray:
    if not len(picks) or not members[0].projection.paths.size:
        return np.empty((0, len(members[0].projection.future_years)))
    stacked = np.stack([m.projection.paths for m in members])  # member × path × year
    return stacked[picks, np.arange(len(picks))]


def member_weights(names: Sequence[str], family_weights: Mapping[str, float]) -> dict[str, float]:
    """Weights of the members: each family's weight split equally among its members, then normalised."""
    fams = [family(n) for n in names]
    raw = {n: family_weights.get(f, 0.0) / fams.count(f) for n, f in zip(names, fams)}
    total = sum(raw.values())
    return {n: w / total for n, w in raw.items()} if total > 0 else {}


def fit_ensemble(years: np.ndarray, values: np.ndarray, future_years: np.ndarray, scale: Scale,
                 names: Sequence[str], family_weights: Mapping[str, float], *, n_paths: int = 0, seed: int = 0,
                 min_points: dict[str, int] | None = None, allow_flat: bool = True) -> Ensemble:
    """Fit every member that applies; raise FitFailure (with the first member's reason) when none does."""
    fitted: dict[str, Projection] = {}
    failures: list[tuple[str, Reason]] = []
    for k, name in enumerate(names):
        try:
            fitted[name] = fit(name, years, values, future_years, scale, n_paths=n_paths, seed=seed + k,
                               min_points=min_points, allow_flat=allow_flat)
        except FitFailure as exc:
            failures.append((name, exc.reason))
    weights = member_weights(list(fitted), family_weights)
    members = tuple(Member(n, weights[n], p) for n, p in fitted.items() if weights.get(n, 0.0) > 0)
    if not members:
        raise FitFailure(failures[0][1]) if failures else ValueError("no ensemble members")
    picks = draw_members([m.weight for m in members], n_paths, seed)
    return Ensemble(members, scale, mix_paths(members, picks), picks, tuple(failures))

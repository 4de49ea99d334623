"""One series' ensemble: its members' projections combined into one predictive distribution (a mixture).

Weights are fixed in advance (by model family, params/methods.yaml), never fitted on the series itself: on four
points, estimated weights add noise (the forecast combination puzzle, Stock and Watson 2004). The mixture is the
batched one (`BatchEnsemble`) with a batch of one: its CDF is the weighted sum of the members' CDFs, so the spread
between models shows in its intervals; quantiles invert that CDF numerically. `Ensemble` answers the same questions
as a single `Projection`, so everything downstream uses either.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Sequence

import numpy as np

from ..codes import Reason
from ..data.scenarios import Adjustment
from .batched import BatchEnsemble
from .projection import Distribution, Projection, Scale

__all__ = ["MODEL", "Ensemble", "Member", "draw_members", "mix_paths", "pick_paths"]

MODEL = "ensemble"
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
    # The member each sample path was drawn from (kept, so a shifted ensemble keeps its draws).
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

    @cached_property
    def batch(self) -> BatchEnsemble:
        """The mixture as a batch of one, whose distribution it reads."""
        fits = tuple(m.projection.batch for m in self.members)
        return BatchEnsemble(tuple(m.name for m in self.members), fits,
                             np.array([[m.weight for m in self.members]], dtype=float),
                             self.future_years[None, :].astype(float))

    def cdf_values(self, x: np.ndarray | float) -> np.ndarray:
        """P(value ≤ x) for every future year (x broadcast over the last axis, the years): the weighted sum
        of the members' CDFs."""
        shape = np.broadcast_shapes(np.shape(x), self.future_years.shape)
        return self.batch.cdf(np.asarray(x, dtype=float)).reshape(shape)

    def quantile(self, p: float) -> np.ndarray:
        """The p-quantile of every future year."""
        if p in self._usual:
            return self._usual[p]
        return self.batch.quantiles([p])[0, 0]

    @cached_property
    def _usual(self) -> dict[float, np.ndarray]:
        return dict(zip(_LEVELS, self.batch.quantiles(_LEVELS)[:, 0]))

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


def pick_paths(stacked: np.ndarray, picks: np.ndarray) -> np.ndarray:
    """Path i of member picks[i]: `stacked` is member × … × path × year, the result … × path × year."""
    return np.moveaxis(np.moveaxis(stacked, -2, 0)[np.arange(len(picks)), picks], 0, -2)


def mix_paths(members: Sequence[Member], picks: np.ndarray) -> np.ndarray:
    """The ensemble's sample paths: each path from the member it was drawn from."""
    if not len(picks) or not members[0].projection.paths.size:
        return np.empty((0, len(members[0].projection.future_years)))
    return pick_paths(np.stack([m.projection.paths for m in members]), picks)

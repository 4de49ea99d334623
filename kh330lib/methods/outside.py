"""The outside view: in how many comparable past cases did a series rise as much as a target needs, in as many years?

Counted from the pool's real series, not modelled (reference-class forecasting, Kahneman and Lovallo 1993;
Flyvbjerg 2006). A case is a pool series at the first year it stood within `level` of the starting value (and,
where the starting pace is known, had moved within `pace` a year of it over the `years` before), with at least
the `follow` years after it observed; it counts as reached when the series rose by at least the needed amount
within the given number of years.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

__all__ = ["OutsideView", "outside_view"]


@dataclass(frozen=True)
class OutsideView:
    """N similar cases, K of which rose by at least `rise` within `years`; the bands that made them similar."""

    cases: int
    reached: int
    rise: float
    years: int
    start: float
    level_band: tuple[float, float]
    pace_band: tuple[float, float] | None
    enough: bool          # at least the minimum number of cases to be worth saying
    observed: int = 0     # the longest follow-up a case had, up to `years` (the pool may cover fewer years)


def outside_view(series: Sequence[tuple[np.ndarray, np.ndarray]], *, start: float, rise: float, years: int,
                 level: float, pace: float | None = None, pace_width: float = 1.0, pace_years: int = 4,
                 follow: int = 5, min_cases: int = 10) -> OutsideView:
    """Count the cases of `series` (years, values each) similar to a series now at `start` (moving `pace` a year,
    if given) and how many of them rose by at least `rise` within `years` years."""
    lo, hi = start - level, start + level
    band = None if pace is None else (pace - pace_width, pace + pace_width)
    cases = reached = observed = 0
    for ys, vs in series:
        ys = np.asarray(ys, dtype=int)
        vs = np.asarray(vs, dtype=float)
        for i, (y, v) in enumerate(zip(ys, vs)):
            if not lo <= v <= hi:
                continue
            if band is not None:
                before = ys <= y - pace_years
                if not before.any():
                    continue
                j = int(np.flatnonzero(before)[-1])
                speed = (v - vs[j]) / (y - ys[j])
                if not band[0] <= speed <= band[1]:
                    continue
            later = ys > y
            if not later.any() or ys[later][-1] < y + min(follow, years):
                continue
            cases += 1
            observed = max(observed, min(int(years), int(ys[later][-1] - y)))
            window = later & (ys <= y + years)
            reached += int(np.any(vs[window] >= v + rise))
            break  # one case per series: its first year in the band
    return OutsideView(cases, reached, float(rise), int(years), float(start), (lo, hi), band, cases >= min_cases,
                       observed)

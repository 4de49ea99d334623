"""What would change the answer: P(met) with each point left out, each estimate revised, each break moved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from ..codes import Case
from .likelihood import CaseChance

# Statuses whose values may still be revised (an estimate, a provisional figure).
REVISABLE = ("estimate", "provisional")


@dataclass(frozen=True)
class CaseData:
    """One sensitivity case: which, the year it concerns, the shift, and the series it makes."""

    case: Case
    year: int
    shift: float
    years: np.ndarray
    values: np.ndarray


def case_data(years: np.ndarray, values: np.ndarray, statuses: Sequence[str], *, shock: float, min_points: int,
              bounds: tuple[float | None, float | None],
              before_break: tuple[int, np.ndarray, np.ndarray] | None = None) -> list[CaseData]:
    """Every case that applies, in the order `sensitivity` reports them, with the series each one makes."""
    years, values = np.asarray(years), np.asarray(values, dtype=float)
    lo = -np.inf if bounds[0] is None else bounds[0]
    hi = np.inf if bounds[1] is None else bounds[1]
    out: list[CaseData] = []
    if len(years) - 1 >= min_points:
        for i, year in enumerate(years):
            out.append(CaseData(Case.LEAVE_OUT, int(year), 0.0, np.delete(years, i), np.delete(values, i)))
    for i, (year, status) in enumerate(zip(years, statuses)):
        if status not in REVISABLE:
            continue
        for case, sign in ((Case.REVISED_DOWN, -1.0), (Case.REVISED_UP, 1.0)):
            changed = values.copy()
            changed[i] = float(np.clip(values[i] + sign * shock, lo, hi))
            out.append(CaseData(case, int(year), sign * shock, years, changed))
    if before_break is not None:
        year, all_years, all_values = before_break
        out.append(CaseData(Case.BEFORE_BREAK_KEPT, int(year), 0.0, np.asarray(all_years),
                            np.asarray(all_values, dtype=float)))
    return out


def sensitivity(years: np.ndarray, values: np.ndarray, statuses: Sequence[str], *,
                p_of: Callable[[np.ndarray, np.ndarray], float | None], shock: float, min_points: int,
                bounds: tuple[float | None, float | None],
                before_break: tuple[int, np.ndarray, np.ndarray] | None = None) -> tuple[CaseChance, ...]:
    """Every case that applies, with its P(met) under the same method.

    Parameters
    ----------
    p_of : P(met) of a series (years, values) under the assessment's method; None where it cannot be fitted.
    shock : how far an estimate may move (the data's revision error, in the series' units).
    before_break : (break year, years, values) of the series with the points before its declared break kept,
        where the assessment uses only the points after it.
    """
    cases = case_data(years, values, statuses, shock=shock, min_points=min_points, bounds=bounds,
                      before_break=before_break)
    return chances(cases, [p_of(c.years, c.values) for c in cases])


def chances(cases: Sequence[CaseData], ps: Sequence[float | None]) -> tuple[CaseChance, ...]:
    """The cases whose P(met) could be computed (None: the series could not be fitted)."""
    return tuple(CaseChance(c.case, c.year, float(p), c.shift) for c, p in zip(cases, ps) if p is not None)

"""What would change the answer: P(met) with each point left out, each estimate revised, each break moved."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from ..codes import Case
from .likelihood import CaseChance

# Statuses whose values may still be revised (an estimate, a provisional figure).
REVISABLE = ("estimate", "provisional")


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
    years, values = np.asarray(years), np.asarray(values, dtype=float)
    lo = -np.inf if bounds[0] is None else bounds[0]
    hi = np.inf if bounds[1] is None else bounds[1]
    out: list[CaseChance] = []
    if len(years) - 1 >= min_points:
        for i, year in enumerate(years):
            p = p_of(np.delete(years, i), np.delete(values, i))
            if p is not None:
                out.append(CaseChance(Case.LEAVE_OUT, int(year), p))
    for i, (year, status) in enumerate(zip(years, statuses)):
        if status not in REVISABLE:
            continue
        for case, sign in ((Case.REVISED_DOWN, -1.0), (Case.REVISED_UP, 1.0)):
            changed = values.copy()
            changed[i] = float(np.clip(values[i] + sign * shock, lo, hi))
            p = p_of(years, changed)
            if p is not None:
                out.append(CaseChance(case, int(year), p, sign * shock))
    if before_break is not None:
        year, all_years, all_values = before_break
        p = p_of(np.asarray(all_years), np.asarray(all_values, dtype=float))
        if p is not None:
            out.append(CaseChance(Case.BEFORE_BREAK_KEPT, int(year), p))
    return tuple(out)

"""A scenario's trend adjustments applied to a projection, and the straight path from the latest value to a target."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.scenarios import Adjustment
from .projection import Projection


def _inside(projection: Projection, values: np.ndarray) -> np.ndarray:
    s = projection.scale
    lo = -np.inf if s.lo is None else s.lo
    hi = np.inf if s.hi is None else s.hi
    return np.clip(values, lo, hi)


def adjust_projection(projection: Projection, adjustment: Adjustment, *, latest_year: int, latest_value: float,
                      target_value: float | None = None, deadline: int | None = None) -> Projection:
    """Apply one trend adjustment as a shift of each future year's distribution on the model's scale.

    The uncertainty around the centre is kept; only the centre moves.
    """
    fy = projection.future_years
    g = projection.scale.forward
    loc = projection.loc
    if adjustment.type == "extra_points_per_year":
        first = max(int(adjustment.from_year or fy[0]), latest_year + 1)
        extra = float(adjustment.points or 0.0) * np.clip(fy - first + 1, 0, None)
        delta = g(_inside(projection, projection.median + extra)) - loc
    elif adjustment.type == "growth_multiplier":
        anchor_year = max(int(adjustment.from_year or fy[0]) - 1, latest_year)
        i = projection.index_of(anchor_year)
        anchor = float(g(latest_value)) if i is None else float(loc[i])
        delta = np.where(fy > anchor_year, (float(adjustment.multiplier or 1.0) - 1.0) * (loc - anchor), 0.0)
    elif adjustment.type == "straight_path_to_target":
        if target_value is None or deadline is None or deadline <= latest_year:
            return projection
        line = latest_value + (target_value - latest_value) * (fy - latest_year) / (deadline - latest_year)
        delta = g(_inside(projection, line)) - loc
    else:
        return projection
    return projection.shifted(delta, adjustment)


def required_path(latest_year: int, latest_value: float, target_value: float, deadline: int) -> pd.DataFrame:
    """The straight line from the latest value to the target at the deadline (year, value)."""
    if deadline <= latest_year:
        return pd.DataFrame({"year": [latest_year], "value": [latest_value]})
    years = np.arange(latest_year, deadline + 1)
    values = latest_value + (target_value - latest_value) * (years - latest_year) / (deadline - latest_year)
    return pd.DataFrame({"year": years.astype(int), "value": values})

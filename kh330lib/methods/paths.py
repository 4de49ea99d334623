"""Sample paths read for "reached in any year": the first year each path meets the target, for many rows at once.

A row's first year meeting the target gives both its P(met by the deadline) and its expected year
(`path_probability`), as `attainment.probability` reads them from one projection's paths.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .attainment import meets
from .batched import group_by


def path_probability(paths: np.ndarray, future: np.ndarray, *, threshold: np.ndarray, comparator: Sequence[str],
                     deadline: np.ndarray, horizon_end: int, latest_year: np.ndarray, met_latest: np.ndarray,
                     p_meet: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(P(met in any year up to the deadline), median first year met) of every row (each with its comparator),
    as `attainment.probability` computes them from one projection's paths (NaN where it gives None).

    Each row's future years ascend, so both follow from the first year each path meets the target.
    """
    groups = group_by(list(comparator))
    if len(groups) == 1:
        # One comparator (the usual case): compare in place of gathering the rows first.
        cmp = next(iter(groups))
        hit = meets(paths, cmp, threshold[:, None, None])
    else:
        hit = np.zeros(paths.shape, dtype=bool)
        for cmp, rows in groups.items():
            hit[rows] = meets(paths[rows], cmp, threshold[rows][:, None, None])
    first_idx = np.argmax(hit, axis=2)
    ever = np.take_along_axis(hit, first_idx[:, :, None], axis=2)[:, :, 0]
    first_year = np.take_along_axis(future, first_idx, axis=1)
    upto = future <= deadline[:, None]
    any_upto = ever & (first_year <= deadline[:, None])
    p_by = np.where(upto.any(axis=1), np.mean(any_upto, axis=1), np.nan)
    p_by = np.where(met_latest, 1.0, p_by)
    p_by = np.where(np.isfinite(p_by) & np.isfinite(p_meet), np.maximum(p_by, p_meet), p_by)
    first = np.where(ever & (first_year <= horizon_end), first_year, np.inf)
    median = np.quantile(first, 0.5, axis=1, method="inverted_cdf")
    expected = np.where(met_latest, latest_year, np.where(np.isfinite(median), median, np.nan))
    return p_by, expected

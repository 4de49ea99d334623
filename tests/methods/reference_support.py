"""Series of every awkward shape the model kernels are checked on, and one series through a kernel (a batch of one)."""

from __future__ import annotations

import numpy as np

from kh330lib.methods.batched import pack
from kh330lib.methods.models import fit_rows
from kh330lib.methods.paths import member_projection
from kh330lib.methods.projection import Projection, Scale


def fit_one(model: str, years, values, future, scale: Scale, *, n_paths: int = 0, seed: int = 0,
            min_points: dict[str, int] | None = None, allow_flat: bool = False) -> Projection | None:
    """One series through the model's kernel as a batch of one, as its `Projection` with sample paths; None where
    the model does not apply (too few points, years not increasing, points exactly on the model)."""
    years, values, future = np.asarray(years), np.asarray(values, dtype=float), np.asarray(future)
    fits = fit_rows(model, pack([(years.astype(float), values)]), future[None, :].astype(float), scale,
                    min_points=min_points, allow_flat=allow_flat)
    if not fits.ok[0]:
        return None
    return member_projection(fits, 0, years, values, future, n_paths=n_paths, seed=seed)


def series_set(seed: int = 7) -> list[tuple[np.ndarray, np.ndarray, tuple, bool]]:
    """(years, values, bounds, is_share) of series every kernel must handle: short ones, gaps, shares near 0 % and
    100 %, exact lines and flat ones, counts (log scale) and counts with a zero (identity scale), and long ones."""
    rng = np.random.default_rng(seed)
    out = []
    for n in (2, 3, 4, 5, 6, 8, 12, 20):
        years = np.arange(2025 - n + 1, 2026)
        logit = rng.normal(0.8, 0.5) + np.cumsum(rng.normal(0.05, 0.1, n))
        out.append((years, 100 / (1 + np.exp(-logit)), (0.0, 100.0), True))
    gappy = np.array([2010, 2012, 2013, 2016, 2017, 2020, 2021, 2024])
    out.append((gappy, np.array([40.0, 43.1, 42.8, 47.5, 50.2, 49.9, 53.0, 55.5]), (0.0, 100.0), True))
    out.append((gappy[:4], np.array([61.0, 63.5, 62.0, 66.0]), (0.0, 100.0), True))
    out.append((np.arange(2018, 2026), np.array([99.2, 99.5, 99.7, 99.9, 99.95, 100.0, 100.0, 99.99]),
                (0.0, 100.0), True))
    out.append((np.arange(2019, 2026), np.array([0.5, 0.3, 0.2, 0.05, 0.0, 0.01, 0.0]), (0.0, 100.0), True))
    out.append((np.arange(2020, 2026), np.array([50.0, 52.0, 54.0, 56.0, 58.0, 60.0]), (0.0, 100.0), True))
    out.append((np.arange(2020, 2026), np.full(6, 70.0), (0.0, 100.0), True))
    out.append((np.arange(2016, 2026), np.round(np.exp(np.linspace(8, 9, 10) + rng.normal(0, 0.05, 10))),
                (0.0, None), False))
    out.append((np.arange(2019, 2026), np.array([0.0, 3.0, 5.0, 4.0, 9.0, 12.0, 11.0]), (0.0, None), False))
    out.append((np.array([2015, 2018, 2019, 2023, 2024]), np.array([12.0, 15.0, 13.0, 20.0, 22.0]),
                (None, None), False))
    return out

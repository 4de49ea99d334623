"""Scenario adjustments of a projection, checked against the shift each one defines."""

from __future__ import annotations

import numpy as np
import pytest
from reference_support import fit_one

from kh330lib.data.scenarios import Adjustment
from kh330lib.methods.adjust import adjust_projection, required_path
from kh330lib.methods.projection import Scale

YEARS = np.array([2021, 2022, 2023, 2024])
VALUES = np.array([66.8, 68.0, 70.25, 72.5])
SHARE = Scale("logit", 0.0, 100.0, 0.001)
BASE = fit_one("logit_linear", YEARS, VALUES, np.arange(2025, 2046), SHARE, n_paths=200, seed=1)


def test_extra_points_per_year_moves_the_median_by_the_points():
    adj = Adjustment("trained_labour_rate_broad", "extra_points_per_year", "r", points=0.5, from_year=2026)
    out = adjust_projection(BASE, adj, latest_year=2024, latest_value=72.5)
    extra = np.array([0.0] + [0.5 * k for k in range(1, 21)])  # 2025: 0, 2026: 0.5, 2027: 1.0, ...
    expect = np.minimum(BASE.median + extra, 100.0)
    inside = expect < 99.5
    assert np.allclose(out.median[inside], expect[inside])
    assert out.adjustments == (adj,)
    for arr in (out.median, out.hi95, out.paths):
        assert np.all(arr <= 100.0) and np.all(arr >= 0.0)


def test_growth_multiplier_scales_the_change_on_the_model_scale():
    adj = Adjustment("trained_labour_rate_broad", "growth_multiplier", "r", multiplier=1.5, from_year=2026)
    out = adjust_projection(BASE, adj, latest_year=2024, latest_value=72.5)
    g = SHARE.forward
    i25 = BASE.index_of(2025)
    assert out.median[i25] == pytest.approx(BASE.median[i25])  # before from_year: unchanged
    after = BASE.future_years >= 2026
    assert np.allclose(g(out.median[after]) - BASE.loc[i25], 1.5 * (BASE.loc[after] - BASE.loc[i25]))
    # The spread around the centre is kept.
    assert np.allclose(out.spread, BASE.spread)


def test_straight_path_to_target_and_required_path():
    adj = Adjustment("trained_labour_rate_broad", "straight_path_to_target", "r")
    out = adjust_projection(BASE, adj, latest_year=2024, latest_value=72.5, target_value=80.0, deadline=2030)
    assert out.at(2030)["median"] == pytest.approx(80.0)
    assert out.at(2027)["median"] == pytest.approx(72.5 + 7.5 * 3 / 6)
    req = required_path(2024, 72.5, 80.0, 2030)
    assert req["year"].tolist() == list(range(2024, 2031))
    assert req["value"].iloc[-1] == pytest.approx(80.0) and req["value"].iloc[0] == 72.5

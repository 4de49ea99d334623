"""Rolling-origin backtests: errors, MASE, RMSE and coverage worked out by hand; model choice; widening."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from kh330lib.methods.backtest import Backtest, HeldOut, choose_model, mase_scale, rolling_origin, widening_factor
from kh330lib.methods.projection import Scale
from kh330lib.words import reason_text


def en(reason):
    """The reason as the JSON and the English briefs say it."""
    return reason_text(reason, "en")

YEARS = np.arange(2000, 2006)
VALUES = np.array([10.0, 12.0, 11.0, 14.0, 15.0, 13.0])
IDENTITY = Scale("identity")
SETTINGS = dict(min_train=3, max_horizon=10, min_origins=3, min_errors=5, min_errors_widening=5, max_widening=4.0,
                min_points={"linear": 3, "drift": 3, "naive": 2, "ets_damped": 15})


def test_naive_backtest_by_hand():
    bt = rolling_origin("naive", YEARS, VALUES, IDENTITY, min_train=3, max_horizon=2)
    # Origins 2002, 2003, 2004 forecast the last value 11, 14, 15:
    #   2003: 14 − 11 = 3 (h1), 2004: 15 − 11 = 4 (h2); 2004: 1 (h1), 2005: −1 (h2); 2005: −2 (h1).
    assert bt.n_origins == 3
    assert [(h.origin, h.year, h.horizon) for h in bt.held_out] == [
        (2002, 2003, 1), (2002, 2004, 2), (2003, 2004, 1), (2003, 2005, 2), (2004, 2005, 1)]
    assert [h.error for h in bt.held_out] == [3.0, 4.0, 1.0, -1.0, -2.0]
    # MASE denominator: mean |change| of the series = (2 + 1 + 3 + 1 + 2)/5 = 1.8.
    assert mase_scale(VALUES) == pytest.approx(1.8)
    assert bt.mase == pytest.approx((11 / 5) / 1.8)
    assert bt.rmse == pytest.approx(np.sqrt(31 / 5))
    h1, h2 = bt.by_horizon()
    assert (h1.horizon, h1.n, h1.mase) == (1, 3, pytest.approx(2.0 / 1.8))
    assert (h2.horizon, h2.n, h2.mase) == (2, 2, pytest.approx(2.5 / 1.8))


def test_naive_backtest_coverage_by_hand():
    bt = rolling_origin("naive", YEARS, VALUES, IDENTITY, min_train=3, max_horizon=2)
    # Origin 2002: s² = (2² + 1²)/2 = 2.5 with 2 df; the 80 % interval for 2003 is
    # 11 ± t(0.9, 2)·√2.5 = [8.02, 13.98], which misses 14. Every other value is inside.
    half = stats.t.ppf(0.9, 2) * np.sqrt(2.5)
    assert bt.held_out[0].hi80 == pytest.approx(11 + half)
    assert bt.coverage80 == pytest.approx(4 / 5)
    assert bt.coverage95 == 1.0
    assert bt.held_out[0].r80 == pytest.approx(3 / half)


def test_max_horizon_limits_the_scored_values():
    bt = rolling_origin("naive", YEARS, VALUES, IDENTITY, min_train=3, max_horizon=1)
    assert {h.horizon for h in bt.held_out} == {1}
    assert bt.n_errors == 3


def test_mase_scale_of_a_flat_series_is_none():
    assert mase_scale(np.array([5.0, 5.0, 5.0])) is None
    assert mase_scale(np.array([5.0])) is None


def _held(r80: list[float], r95: list[float]) -> Backtest:
    items = tuple(HeldOut(2000, 2001 + i, 1, 0.0, 0.0, -1, 1, -2, 2, a, b) for i, (a, b) in enumerate(zip(r80, r95)))
    return Backtest("naive", "identity", len(items), items, 1.0)


def test_widening_factor_is_the_coverage_quantile_of_the_ratios():
    bt = _held([0.5, 0.8, 1.2, 1.5, 2.0], [0.4, 0.5, 0.6, 0.7, 1.1])
    # 80 % of 5 values → the 4th smallest r80 = 1.5; 95 % → the largest r95 = 1.1.
    factor, note = widening_factor(bt, min_errors=5, max_factor=4.0)
    assert factor == 1.5
    assert en(note).endswith("intervals widened ×1.50")


def test_widening_factor_capped_and_not_estimable():
    bt = _held([0.5, 0.8, 6.0, 7.0, 9.0], [0.4, 0.5, 0.6, 0.7, 1.1])
    factor, note = widening_factor(bt, min_errors=5, max_factor=4.0)
    assert factor == 4.0 and "(capped; ×7.00 needed)" in en(note)
    factor, note = widening_factor(_held([3.0], [3.0]), min_errors=5, max_factor=4.0)
    assert factor == 1.0
    assert en(note) == "coverage not estimable: 1 held-out value(s), fewer than 5; intervals not widened"
    factor, note = widening_factor(_held([0.1] * 5, [0.1] * 5), min_errors=5, max_factor=4.0)
    assert factor == 1.0 and en(note) == "backtest coverage at or above nominal: intervals not widened"


def test_widened_backtest_reaches_nominal_coverage():
    rng = np.random.default_rng(3)
    years = np.arange(1995, 2020)
    # Accelerating growth: straight-line and random-walk intervals undercover.
    values = 5 + 0.02 * (years - 1995) ** 2 + rng.normal(0, 0.2, len(years))
    bt = rolling_origin("linear", years, values, IDENTITY, min_train=3, max_horizon=10)
    assert bt.coverage80 < 0.8
    k, _ = widening_factor(bt, min_errors=5, max_factor=100.0)
    assert k > 1
    assert np.mean([h.r80 <= k for h in bt.held_out]) >= 0.8
    assert np.mean([h.r95 <= k for h in bt.held_out]) >= 0.95


def test_short_series_falls_back_to_the_scale_trend_and_says_so():
    share = Scale("logit", 0.0, 100.0, 0.001)
    choice = choose_model(np.array([2021, 2022, 2023, 2024]), np.array([66.8, 68.0, 70.25, 72.5]), share,
                          ("logit_linear", "linear", "drift", "naive", "ets_damped"), **SETTINGS)
    assert choice.model == "logit_linear" and not choice.enough_history
    assert en(choice.reason) == ("too little history for a backtest-based choice (4 points, 1 origin(s), 1 held-out "
                             "value(s); needs 3 origins and 5 values): using logit_linear, the simplest defensible "
                             "model for a logit-scale series")
    assert choice.widening == 1.0
    assert choice.backtest().n_origins == 1
    # ETS is not even tried on 4 points.
    assert [b.model for b in choice.backtests] == ["logit_linear", "linear", "drift", "naive"]


def test_long_trending_series_chooses_by_skill_not_naive():
    rng = np.random.default_rng(1)
    years = np.arange(2005, 2021)
    values = 20 + 1.5 * (years - 2005) + rng.normal(0, 0.4, len(years))
    choice = choose_model(years, values, IDENTITY, ("linear", "drift", "naive", "ets_damped"), **SETTINGS)
    assert choice.enough_history
    assert choice.model != "naive"
    assert en(choice.reason).startswith("lowest MASE on ")
    naive = choice.backtest("naive")
    assert choice.backtest().mase < naive.mase

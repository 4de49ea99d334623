"""Attainment formulas against values worked out by hand from the published definitions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from reference_support import fit_one

from kh330lib.methods.attainment import (
    cagr,
    choose_base,
    cumulative,
    effective_threshold,
    goal_value,
    growth_ratio,
    milestone,
    money_view,
    pace,
    path_probability,
    probability,
    unsd_expected,
)
from kh330lib.methods.projection import Scale
from kh330lib.words import reason_text

# scipy.stats takes half a second to import: the tests that use it import it themselves, so that collecting the suite
# does not wait for it.


def en(reason):
    """The reason as the JSON and the English briefs say it."""
    return reason_text(reason, "en")

OPEN_SDG = dict(on_track=0.95, needs_acceleration=0.6, limited_progress=0.0)
UNSD = dict(on_track=0.95, fair_progress=0.10)


# ---------------------------------------------------------------- Huế trained-labour rate, worked by hand
#
# Data: 66.8 (2021), 68 (2022), 70.25 (2023), 72.5 (2024). Target "> 80" by 2030.
# Base year: latest − 5 = 2019 has no data → the first year after it with data, 2021.
#   CAGR observed = (72.5/66.8)^(1/3) − 1: 72.5/66.8 = 1.085329; ln = 0.081879; /3 = 0.027293;
#                   e^0.027293 − 1 = 0.02767
#   CAGR required = (80/66.8)^(1/9) − 1:   80/66.8 = 1.197605; ln = 0.180323; /9 = 0.020036;
#                   e^0.020036 − 1 = 0.02024
#   ratio = 0.02767/0.02024 = 1.367 ≥ 0.95 → on_track
#   UNSD expected 2030 = 72.5·1.02767^6 = 72.5·e^(6·0.027293) = 72.5·1.17792 = 85.40;
#        ratio (85.40 − 66.8)/(80 − 66.8) = 18.60/13.2 = 1.409 → on_track
#   Pace: observed (72.5 − 66.8)/3 = 1.9 points/year; required (80 − 72.5)/6 = 1.25; factor 0.658.

HUE = dict(base_year=2021, base_value=66.8, latest_year=2024, latest_value=72.5, target_value=80.0, deadline=2030)


def test_base_year_default_rule_on_hue_series():
    base = choose_base([2021, 2022, 2023, 2024], requested=None, years_before_latest=5)
    assert base.year == 2021
    assert en(base.note) == "no data for 2019: base year 2021, the first year after it with data"


def test_growth_ratio_hue_by_hand():
    r = growth_ratio(**HUE, comparator=">", met=False, **OPEN_SDG)
    assert r.cagr_observed == pytest.approx(0.02767, abs=1e-5)
    assert r.cagr_required == pytest.approx(0.02024, abs=1e-5)
    assert r.ratio == pytest.approx(1.367, abs=1e-3)
    assert r.status == "on_track"


def test_unsd_expected_value_hue_by_hand():
    u = unsd_expected(**HUE, met=False, **UNSD)
    assert u.expected_value == pytest.approx(85.40, abs=0.01)
    assert u.ratio == pytest.approx(1.409, abs=1e-3)
    assert u.status == "on_track"


def test_pace_hue_by_hand():
    p = pace(**HUE, comparator=">", met=False)
    assert p.observed_annual_change == pytest.approx(1.9)
    assert p.required_annual_change == pytest.approx(1.25)
    assert p.acceleration_factor == pytest.approx(1.25 / 1.9)


# ---------------------------------------------------------------- growth ratio rules

def test_cagr_definition_and_undefined_cases():
    assert cagr(100, 121, 2020, 2022) == pytest.approx(0.10)
    assert cagr(0, 5, 2020, 2022) is None
    assert cagr(-1, 2, 2020, 2022) is None
    assert cagr(5, 6, 2022, 2022) is None


# Base 50 in 2020, target 60 by 2030: CAGR_required = 1.2^(1/10) − 1 = 0.018399.
C_R = 1.2 ** 0.1 - 1


@pytest.mark.parametrize("ratio, status", [
    (0.95, "on_track"), (0.94, "needs_acceleration"), (0.60, "needs_acceleration"), (0.59, "limited_progress"),
    (0.0, "limited_progress"), (-0.2, "deterioration"),
])
def test_growth_ratio_thresholds(ratio, status):
    latest = 50 * (1 + ratio * C_R) ** 5  # the 2025 value whose observed CAGR is ratio·CAGR_required
    r = growth_ratio(2020, 50.0, 2025, latest, 60.0, 2030, comparator=">=", met=False, **OPEN_SDG)
    assert r.cagr_required == pytest.approx(0.018399, abs=1e-6)
    assert r.ratio == pytest.approx(ratio)
    assert r.status == status


def test_target_met_overrides_trend_and_comparator_counts():
    # Latest exactly 80: "> 80" is not met, ">= 80" is.
    strict = growth_ratio(2020, 82.0, 2024, 80.0, 80.0, 2030, comparator=">", met=False, **OPEN_SDG)
    assert strict.status != "target_achieved"
    loose = growth_ratio(2020, 82.0, 2024, 80.0, 80.0, 2030, comparator=">=", met=True, **OPEN_SDG)
    assert loose.status == "target_achieved"


def test_growth_ratio_decreasing_target():
    # Falling from 40 to 30 over 4 years towards "≤ 20" by 2030: d = −1 makes progress positive.
    r = growth_ratio(2020, 40.0, 2024, 30.0, 20.0, 2030, comparator="<=", met=False, **OPEN_SDG)
    c_o = (30 / 40) ** 0.25 - 1
    c_r = (20 / 40) ** 0.1 - 1
    assert r.ratio == pytest.approx(-c_o / abs(c_r))
    assert r.status == "on_track"


def test_growth_ratio_insufficient_and_not_computable():
    r = growth_ratio(None, None, 2024, 72.5, 80.0, 2030, comparator=">", met=False, **OPEN_SDG)
    assert (r.status, r.ratio, en(r.reason)) == ("insufficient_data", None, "fewer than 2 points")
    z = growth_ratio(2020, 0.0, 2024, 3.0, 10.0, 2030, comparator=">=", met=False, **OPEN_SDG)
    assert z.ratio is None and z.status is None
    assert en(z.reason) == "base value is 0 or the series changes sign: growth rate undefined"


# ---------------------------------------------------------------- base year

def test_base_year_requested_missing_and_fallback_earlier():
    assert choose_base([2010, 2015, 2018, 2024], requested=2016, years_before_latest=5).year == 2018
    # latest − 5 = 2019: nothing from 2019 to 2023 → nearest earlier year, 2018 (UNSD rule).
    b = choose_base([2010, 2015, 2018, 2024], requested=None, years_before_latest=5)
    assert b.year == 2018
    assert en(b.note) == "no data from 2019 to 2023: base year 2018, the nearest earlier year that leaves 2 points"
    bad = choose_base([2021, 2024], requested=2024, years_before_latest=5)
    assert bad.year is None and en(bad.note) == "base year 2024 is not before the latest observation (2024)"
    assert en(choose_base([2024], requested=None, years_before_latest=5).note) == "1 point(s): at least 2 are needed"


# ---------------------------------------------------------------- UNSD thresholds

@pytest.mark.parametrize("ratio, status", [(0.95, "on_track"), (0.94, "fair_progress"), (0.10, "fair_progress"),
                                           (0.09, "stagnation_or_regression")])
def test_unsd_thresholds(ratio, status):
    # Base 50 (2020) → target 60 (2030); choose the latest (2025) so that the expected value gives `ratio`:
    # v_e = v_t·(v_t/50)^(5/5) = v_t²/50 = 50 + ratio·10.
    latest = math.sqrt(50 * (50 + ratio * 10))
    u = unsd_expected(2020, 50.0, 2025, latest, 60.0, 2030, met=False, **UNSD)
    assert u.ratio == pytest.approx(ratio)
    assert u.status == status


def test_unsd_met_and_equal_target():
    assert unsd_expected(2020, 99.2, 2024, 99.5, 100.0, 2030, met=True, **UNSD).status == "target_achieved"
    eq = unsd_expected(2020, 60.0, 2024, 62.0, 60.0, 2030, met=False, **UNSD)
    assert eq.ratio is None and en(eq.reason) == "the target equals the base value"


def test_effective_threshold_on_a_bound():
    assert effective_threshold(100.0, ">=", (0, 100), 1.0)[:2] == (99.0, ">=")
    assert effective_threshold(80.0, ">", (0, 100), 1.0) == (80.0, ">", None)
    assert effective_threshold(0.0, "<=", (0, 100), 1.0)[:2] == (1.0, "<=")


# ---------------------------------------------------------------- pace edge cases

def test_pace_wrong_direction_met_and_deadline_passed():
    assert en(pace(2020, 70.0, 2024, 68.0, 80.0, 2030, comparator=">", met=False).reason) == \
        "no change in the target's direction since the base year"
    done = pace(2020, 70.0, 2024, 85.0, 80.0, 2030, comparator=">", met=True)
    assert done.acceleration_factor is None and en(done.reason) == "target already met"
    late = pace(2020, 70.0, 2031, 75.0, 80.0, 2030, comparator=">", met=False)
    assert late.required_annual_change is None


# ---------------------------------------------------------------- probability

YEARS = np.array([2021, 2022, 2023, 2024])
VALUES = np.array([66.8, 68.0, 70.25, 72.5])
SHARE = Scale("logit", 0.0, 100.0, 0.001)
FUTURE = np.arange(2025, 2046)


def _proj(n_paths: int = 4000):
    return fit_one("logit_linear", YEARS, VALUES, FUTURE, SHARE, n_paths=n_paths, seed=20250524)


def test_probability_exact_and_sampled_agree():
    from scipy import stats

    p = _proj()
    pr = probability(p, threshold=80.0, comparator=">", deadline=2030, horizon_end=2045, latest_year=2024,
                     met_latest=False)
    i = p.index_of(2030)
    z = (SHARE.forward(80.0) - p.loc[i]) / p.spread[i]
    assert pr.p_meet == pytest.approx(1 - stats.t.cdf(z, 2))
    assert np.mean(p.paths[:, i] > 80.0) == pytest.approx(pr.p_meet, abs=0.02)
    assert pr.p_meet_by >= pr.p_meet
    assert 2025 <= pr.expected_year <= 2031


def test_probability_falls_as_target_rises_and_after_horizon():
    p = _proj()
    ps = [probability(p, threshold=x, comparator=">", deadline=2030, horizon_end=2045, latest_year=2024,
                      met_latest=False) for x in (75.0, 80.0, 85.0, 90.0)]
    assert all(a.p_meet > b.p_meet for a, b in zip(ps, ps[1:]))
    far = probability(p, threshold=99.95, comparator=">=", deadline=2030, horizon_end=2045, latest_year=2024,
                      met_latest=False)
    assert far.expected_year is None and far.beyond_horizon and far.horizon_end == 2045


def test_probability_when_already_met():
    pr = probability(_proj(100), threshold=70.0, comparator=">", deadline=2030, horizon_end=2045, latest_year=2024,
                     met_latest=True)
    assert pr.p_meet_by == 1.0 and pr.expected_year == 2024


def test_probability_reads_the_paths_as_counted_by_hand():
    p = _proj(500)
    pr = probability(p, threshold=78.0, comparator=">", deadline=2030, horizon_end=2040, latest_year=2024,
                     met_latest=False)
    # Count it: the share of paths above 78 in some year up to 2030, and the median first such year up to 2040
    # (a path never above 78 by 2040 counts as never, past every year).
    first = []
    for path in p.paths:
        years = [int(y) for y, v in zip(FUTURE, path) if v > 78.0 and y <= 2040]
        first.append(years[0] if years else 10_000)
    share = sum(y <= 2030 for y in first) / len(first)
    assert pr.p_meet_by == max(share, pr.p_meet)
    assert pr.expected_year == sorted(first)[(len(first) + 1) // 2 - 1]


def test_rows_of_several_comparators_are_each_read_by_their_own():
    rng = np.random.default_rng(3)
    paths = np.round(rng.normal(60.0, 8.0, (5, 300, 8)), 0)
    future = np.arange(2026, 2034)[None, :].repeat(5, 0)
    comparators = [">=", "<", ">", "<=", ">"]
    deadline = np.array([2030, 2030, 2033, 2025, 2031])
    p_meet = np.array([0.5, np.nan, 0.2, 0.9, 0.4])
    met = np.array([False, False, False, False, True])
    p_by, first = path_probability(paths, future, threshold=np.full(5, 62.0), comparator=comparators,
                                   deadline=deadline, horizon_end=2032, latest_year=np.full(5, 2025),
                                   met_latest=met, p_meet=p_meet)
    ops = {">=": np.greater_equal, "<": np.less, ">": np.greater, "<=": np.less_equal}
    for r, cmp in enumerate(comparators):
        hit = ops[cmp](paths[r], 62.0)
        upto = future[r] <= deadline[r]
        if met[r]:
            assert p_by[r] == 1.0 and first[r] == 2025
            continue
        if not upto.any():
            assert np.isnan(p_by[r])
        else:
            share = np.mean(hit[:, upto].any(axis=1))
            assert p_by[r] == (share if np.isnan(p_meet[r]) else max(share, p_meet[r]))
        inside = future[r] <= 2032
        years = np.where(hit[:, inside].any(axis=1), future[r][inside][np.argmax(hit[:, inside], axis=1)], np.inf)
        assert first[r] == np.sort(years)[(len(years) + 1) // 2 - 1]


# ---------------------------------------------------------------- goal of a strict target

@pytest.mark.parametrize("comparator, goal", [(">=", 80.0), (">", 80.01), ("<=", 80.0), ("<", 79.99), ("=", 80.0)])
def test_goal_is_the_smallest_value_that_meets_the_target(comparator, goal):
    assert goal_value(80.0, comparator, 0.01) == pytest.approx(goal)


def test_strict_count_target_needs_one_more():
    # "more than 300 teachers": 300 does not meet it, 301 does; 95 so far, 4 years left → (301 − 95)/4.
    c = cumulative([2025, 2026], [40, 55], start=2025, deadline=2030, target_value=300, comparator=">",
                   as_of=2026, goal=goal_value(300, ">", 1))
    assert c.pace_needed == (301 - 95) / 4


# ---------------------------------------------------------------- cumulative and milestone

def test_cumulative_by_hand():
    # 300 teachers from 2025 to 2030; 40 trained in 2025, 55 in 2026 → total 95 over 2 years;
    # pace so far 47.5/year; needed (300 − 95)/(2030 − 2026) = 51.25/year → needs_acceleration.
    c = cumulative([2024, 2025, 2026], [999, 40, 55], start=2025, deadline=2030, target_value=300,
                   comparator=">=", as_of=2026)
    assert c.total == 95 and c.pace_so_far == 47.5 and c.pace_needed == 51.25
    assert c.acceleration_factor == pytest.approx(51.25 / 47.5)
    assert c.projected_total == 95 + 47.5 * 4
    assert c.status == "needs_acceleration"


def test_cumulative_missing_years_achieved_overdue_and_empty():
    c = cumulative([2025, 2027], [2, 1], start=2025, deadline=2030, target_value=3, comparator=">=", as_of=2027)
    assert c.status == "achieved" and c.missing_years == (2026,)
    assert en(c.reason) == "no figures for 2026: counted as unknown, not zero"
    late = cumulative([2030], [1], start=2025, deadline=2030, target_value=3, comparator=">=", as_of=2031)
    assert late.status == "overdue"
    empty = cumulative([2020], [5], start=2025, deadline=2030, target_value=3, comparator=">=", as_of=2024)
    assert empty.status == "insufficient_data" and en(empty.reason) == "no annual figures since 2025"
    ok = cumulative([2025], [1], start=2025, deadline=2030, target_value=3, comparator=">=", as_of=2025)
    assert ok.status == "on_track"


def test_milestone_states():
    assert milestone([2026, 2027], [0, 1], deadline=2030, as_of=2027, comparator=">=", target_value=1).status \
        == "achieved"
    assert milestone([2026], [0], deadline=2030, as_of=2027, comparator=">=", target_value=1).status == "not_yet"
    assert milestone([2026], [0], deadline=2030, as_of=2031, comparator=">=", target_value=1).status == "overdue"
    assert en(milestone([], [], deadline=2030, as_of=2031, comparator=">=", target_value=1).reason) == "no Huế data"


# ---------------------------------------------------------------- money view

def test_money_view_is_share_times_grdp_quantiles():
    grdp = fit_one("log_linear", np.array([2022, 2023, 2025]), np.array([66348.0, 73230.0, 91000.0]),
                   np.arange(2026, 2046), Scale("log", 0.0, None))
    cells = money_view(grdp, [1.5, 2.0, 2.5], [2030, 2035, 2045])
    assert len(cells) == 9
    cell = next(c for c in cells if c.share == 1.5 and c.year == 2030)
    i = grdp.index_of(2030)
    assert cell.median == pytest.approx(0.015 * grdp.median[i])
    assert cell.lo80 == pytest.approx(0.015 * grdp.lo80[i]) and cell.hi95 == pytest.approx(0.015 * grdp.hi95[i])

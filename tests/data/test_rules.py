"""kh330lib.data.rules: each rule once, with the bounds of the indicator's unit."""

from __future__ import annotations

import pytest

from kh330lib.data.catalog import load_registry
from kh330lib.data.rules import (
    base_year_problem,
    change_problem,
    multiplier_problem,
    observed_year_problem,
    value_problem,
    year_problem,
)


@pytest.fixture(scope="module")
def indicators():
    return load_registry().indicators


@pytest.mark.parametrize(("indicator", "value", "message"), [
    ("trained_labour_rate_broad", 66.8, None),
    ("trained_labour_rate_broad", 100, None),
    ("trained_labour_rate_broad", 150, "150 is outside the bounds 0–100"),
    ("trained_labour_rate_broad", -0.5, "-0.5 is outside the bounds 0–100"),
    ("trained_labour_rate_broad", 0.5, "0.5 is ambiguous: 0.5 % or 50 % written as a fraction?"),
    ("gerd_pct_gdp", 0.42, None),  # small_values: true
    ("labour_15plus", -5, "negative count -5"),
    ("labour_15plus", 12.5, "12.5 is not a whole number, but the unit is persons"),
    ("labour_15plus", 1e15, "1e+15 is not a plausible value"),
])
def test_value_rule(indicators, indicator, value, message):
    wrong = value_problem(value, indicators[indicator])
    assert (wrong is None) if message is None else wrong[0] == message


@pytest.mark.parametrize(("points", "refused"), [(1.5, False), (-100, False), (100.5, True), (300, True)])
def test_a_change_a_year_cannot_exceed_the_whole_range_of_a_share(indicators, points, refused):
    assert (change_problem(points, indicators["trained_labour_rate_broad"]) is not None) == refused


def test_a_count_has_no_range_to_exceed(indicators):
    assert change_problem(1e6, indicators["labour_15plus"]) is None


@pytest.mark.parametrize(("multiplier", "refused"), [(1.25, False), (10, False), (0, True), (-1, True),
                                                     (125, True), (float("nan"), True)])
def test_multiplier(multiplier, refused):
    assert (multiplier_problem(multiplier) is not None) == refused


@pytest.mark.parametrize(("year", "refused"), [(2026, False), (1900, False), (2100, False), (1899, True),
                                               (2101, True), (True, True), ("2026", True), (2026.0, True)])
def test_scenario_year(year, refused):
    assert (year_problem(year) is not None) == refused


def test_observed_year_is_past_and_plausible():
    assert observed_year_problem(2026, 2026) is None
    assert observed_year_problem(2027, 2026)[0] == "year 2027 is in the future"
    assert observed_year_problem(1899, 2026)[0] == "1899 is not a plausible year"
    # The fix names what to do where the year was written.
    assert "remove this column" in observed_year_problem(2027, 2026, typed=True)[1]


@pytest.mark.parametrize(("base_year", "latest", "message"), [
    (None, 2024, None), (0, 2024, None), (2020, 2024, None), (2020, None, None),
    (2024, 2024, "2024 is not before the latest year of the data (2024): no growth can be measured from it"),
    (2030, 2024, "2030 is not before the latest year of the data (2024): no growth can be measured from it"),
    (1800, None, "1800 is not a year"), ("2020", 2024, "'2020' is not a year"), (True, 2024, "True is not a year"),
])
def test_one_base_year_rule(base_year, latest, message):
    wrong = base_year_problem(base_year, latest)
    assert (wrong is None) if message is None else wrong[0] == message

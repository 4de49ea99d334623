"""What would change the answer: each case recomputed by hand with a stand-in for the method."""

from __future__ import annotations

import numpy as np
import pytest

from kh330lib.codes import Case
from kh330lib.methods.sensitivity import sensitivity

YEARS = np.array([2021, 2022, 2023, 2024])
VALUES = np.array([66.8, 68.0, 70.25, 72.5])


def last_value_share(years: np.ndarray, values: np.ndarray) -> float:
    """A stand-in for P(met): the last value over 100, so every case can be checked by eye."""
    return float(values[-1]) / 100.0


def mean_share(years: np.ndarray, values: np.ndarray) -> float:
    return float(np.mean(values)) / 100.0


def test_each_point_left_out_when_enough_remain():
    cases = sensitivity(YEARS, VALUES, ["official"] * 4, p_of=mean_share, shock=1.0, min_points=3,
                        bounds=(0.0, 100.0))
    assert [(c.case, c.year) for c in cases] == [(Case.LEAVE_OUT, y) for y in YEARS]
    for c, i in zip(cases, range(4)):
        assert c.p == pytest.approx(np.mean(np.delete(VALUES, i)) / 100.0)


def test_no_point_left_out_when_too_few_would_remain():
    cases = sensitivity(YEARS, VALUES, ["official"] * 4, p_of=mean_share, shock=1.0, min_points=4,
                        bounds=(0.0, 100.0))
    assert cases == ()


def test_estimates_and_provisional_values_are_revised_both_ways_by_the_shock():
    statuses = ["official", "estimate", "official", "provisional"]
    cases = sensitivity(YEARS, VALUES, statuses, p_of=last_value_share, shock=1.5, min_points=4,
                        bounds=(0.0, 100.0))
    assert [(c.case, c.year, c.shift) for c in cases] == [
        (Case.REVISED_DOWN, 2022, -1.5), (Case.REVISED_UP, 2022, 1.5),
        (Case.REVISED_DOWN, 2024, -1.5), (Case.REVISED_UP, 2024, 1.5)]
    # Revising 2022 leaves the last value alone; revising 2024 moves it by the shock.
    assert [c.p for c in cases] == pytest.approx([0.725, 0.725, 0.71, 0.74])


def test_a_revision_stays_within_the_bounds():
    cases = sensitivity(YEARS, np.array([96.0, 97.0, 98.0, 99.5]), ["estimate"] * 4, p_of=last_value_share,
                        shock=1.0, min_points=4, bounds=(0.0, 100.0))
    up_2024 = next(c for c in cases if c.case is Case.REVISED_UP and c.year == 2024)
    assert up_2024.p == pytest.approx(1.0)


def test_the_points_before_a_break_are_tried_too():
    before = (2021, np.array([2018, 2019, 2020, *YEARS]), np.array([50.0, 52.0, 55.0, *VALUES]))
    cases = sensitivity(YEARS, VALUES, ["official"] * 4, p_of=mean_share, shock=1.0, min_points=4,
                        bounds=(0.0, 100.0), before_break=before)
    (kept,) = cases
    assert kept.case is Case.BEFORE_BREAK_KEPT and kept.year == 2021
    assert kept.p == pytest.approx(np.mean(before[2]) / 100.0)


def test_cases_the_method_cannot_fit_are_left_out():
    cases = sensitivity(YEARS, VALUES, ["estimate"] * 4, p_of=lambda y, v: None, shock=1.0, min_points=3,
                        bounds=(0.0, 100.0))
    assert cases == ()

"""Words for a probability: IPCC bands by their published edges, the range, and when a number may be shown."""

from __future__ import annotations

import pytest

from kh330lib.codes import Band, Case
from kh330lib.methods.likelihood import CaseChance, ModelChance, band, chance
from kh330lib.store.settings import load_methods
from kh330lib.words.phrases import chance_text


@pytest.fixture(scope="module")
def methods():
    return load_methods()


# Mastrandrea et al. (2010), IPCC guidance note: very likely 90–100 %, likely 66–100 %, about as likely as not
# 33–66 %, unlikely 0–33 %, very unlikely 0–10 %; each probability takes the narrowest band containing it.
@pytest.mark.parametrize("p, expected", [(0.95, Band.VERY_LIKELY), (0.90, Band.VERY_LIKELY), (0.89, Band.LIKELY),
                                         (0.66, Band.LIKELY), (0.65, Band.ABOUT_EVEN), (0.33, Band.ABOUT_EVEN),
                                         (0.32, Band.UNLIKELY), (0.10, Band.UNLIKELY), (0.09, Band.VERY_UNLIKELY),
                                         (0.0, Band.VERY_UNLIKELY), (1.0, Band.VERY_LIKELY)])
def test_bands_follow_the_ipcc_edges(methods, p, expected):
    assert band(p, methods) is expected


def test_the_range_spans_the_combined_p_every_model_and_every_case(methods):
    models = (ModelChance("logit_linear", 0.9, 0.5), ModelChance("naive", 0.2, 0.5))
    cases = (CaseChance(Case.LEAVE_OUT, 2022, 0.15), CaseChance(Case.REVISED_UP, 2024, 0.95, 1.0))
    c = chance(0.55, models, cases, n_points=4, methods=methods)
    assert (c.low, c.high, c.band) == (0.15, 0.95, Band.ABOUT_EVEN)
    assert not c.as_number
    # The range is labelled as what it is: single models and checks, not a chance.
    assert chance_text(c, "vi") == "khả năng ngang nhau (từng mô hình, từng phép thử: 15–95 %)"
    assert chance_text(c, "en") == "about as likely as not (each model and check alone: 15–95%)"


def test_a_number_only_with_enough_points_and_a_narrow_range(methods):
    models = (ModelChance("logit_linear", 0.72, 0.5), ModelChance("naive", 0.61, 0.5))
    many = chance(0.66, models, (), n_points=methods.min_points_number, methods=methods)
    assert many.as_number and chance_text(many, "vi") == "khoảng 65 % (từng mô hình, từng phép thử: 61–72 %)"
    assert chance_text(many, "en") == "about 65% (each model and check alone: 61–72%)"
    few = chance(0.66, models, (), n_points=methods.min_points_number - 1, methods=methods)
    assert not few.as_number and chance_text(few, "en") == "likely (each model and check alone: 61–72%)"
    wide = chance(0.66, (ModelChance("a", 0.2, 0.5), ModelChance("b", 0.9, 0.5)), (),
                  n_points=methods.min_points_number, methods=methods)
    assert not wide.as_number


def test_case_labels_name_the_case_and_the_year():
    assert CaseChance(Case.LEAVE_OUT, 2022, 0.5).label == "leave_out:2022"
    assert CaseChance(Case.REVISED_DOWN, 2024, 0.5, -1.0).label == "revised_down:2024"

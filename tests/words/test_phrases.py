"""Phrases: numbers with units, probabilities, changes, lists and clauses, as readers see them."""

from __future__ import annotations

import pytest

from kh330lib.words import phrases


def test_join_words_vi_and_en():
    assert phrases.join_words(["a"], "vi") == "a"
    assert phrases.join_words(["a", "b"], "vi") == "a và b"
    assert phrases.join_words(["a", "b", "c"], "en") == "a, b and c"


def test_clause_text():
    assert phrases.clause_text("II.2 bullet 7", "vi") == "mục II.2, ý 7"
    assert phrases.clause_text("II.2 bullet 7", "en") == "II.2, bullet 7"


def test_unit_text():
    assert phrases.unit_text("% of GRDP", "vi") == "% GRDP"
    assert phrases.unit_text("% of GRDP", "en") == "% of GRDP"
    assert phrases.unit_text("persons", "vi") == "người"
    assert phrases.unit_text("%", "vi") == "%"


@pytest.mark.parametrize("p, vi, en", [
    (0.878, "88 %", "88%"), (0.999, "> 99 %", "> 99%"), (0.001, "< 1 %", "< 1%"),
    (1.0, "100 %", "100%"), (0.0, "0 %", "0%"), (None, "–", "–"),
])
def test_probability_text(p, vi, en):
    assert phrases.probability_text(p, "vi") == vi
    assert phrases.probability_text(p, "en") == en


@pytest.mark.parametrize("args, vi, en", [
    ((72.5, "%"), "72,5 %", "72.5%"),
    ((70.25, "%"), "70,25 %", "70.25%"),
    ((0.42, "% of GRDP"), "0,42 % GRDP", "0.42% of GRDP"),
    ((60, "persons", True), "60 người", "60 persons"),
    ((154220.3, "billion VND", True, True), "154.220 tỷ đồng", "154,220 billion VND"),
])
def test_value_text(args, vi, en):
    assert phrases.value_text(*args[:2], "vi", *args[2:]) == vi
    assert phrases.value_text(*args[:2], "en", *args[2:]) == en


def test_change_text():
    assert phrases.change_text(1.25, "%", "vi") == "1,25 điểm %/năm"
    assert phrases.change_text(1.25, "%", "en", short=False) == "1.25 percentage points a year"
    assert phrases.change_text(48, "persons", "vi", short=False, integer=True) == "48 người mỗi năm"

"""Phrases: numbers with units, probabilities, changes, lists and clauses, as readers see them."""

from __future__ import annotations

import pytest

from fixture_support import rnd_target
from kh330lib.words import period_text, phrases


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


def test_a_value_with_its_unit_says_the_unit_in_the_readers_language():
    assert phrases.with_unit(91000, "billion VND", "vi", 0) == "91.000 tỷ đồng"
    assert phrases.with_unit(91000, "billion VND", "en", 0) == "91,000 billion VND"
    assert phrases.with_unit(60, "persons", "vi", 0) == "60 người"
    assert phrases.with_unit(None, "persons", "vi") == "–"


def test_a_share_in_a_list_has_no_brackets_around_what_it_is_a_share_of():
    assert phrases.with_unit(1.5, "% of GRDP", "vi") == "1,5 % GRDP"
    assert phrases.with_unit(1.5, "% of GRDP", "en") == "1.5% of GRDP"
    assert phrases.goal_text(rnd_target(), "vi") == "ít nhất 1,5 % GRDP đến 2030"
    social = rnd_target(comparator=">", value=60, unit="% of R&D spending")
    assert phrases.goal_text(social, "vi") == "trên 60 % tổng chi cho R&D đến 2030"
    assert phrases.goal_text(social, "en") == "above 60% of R&D spending by 2030"


def test_a_whole_share_is_said_without_at_least():
    whole = rnd_target(unit="%", value=100)
    assert phrases.goal_text(whole, "vi") == "đạt 100 % đến 2030"
    assert phrases.goal_text(whole, "en") == "100% by 2030"
    # Below 100 %, or not a plain share, the plan's comparator stays.
    assert phrases.goal_text(rnd_target(unit="%", value=35), "vi") == "ít nhất 35 % đến 2030"
    assert phrases.goal_text(rnd_target(unit="%", value=100, comparator=">"), "vi") == "trên 100 % đến 2030"


def test_a_label_repeated_for_several_deadlines_carries_its_year():
    rows = [(rnd_target(deadline=y, id=f"rnd_grdp_{y}"), "") for y in (2030, 2035, 2045)]
    rows.append((rnd_target(id="trained", label_vi="Tỷ lệ lao động qua đào tạo", deadline=2030), ""))
    rows.append((rnd_target(id="stem", label_vi="Học sinh … STEM", deadline=2030), "university"))
    rows.append((rnd_target(id="stem", label_vi="Học sinh … STEM", deadline=2030), "college"))
    assert phrases.target_names(rows, "vi") == [
        "Chi cho R&D so với GRDP (2030)", "Chi cho R&D so với GRDP (2035)", "Chi cho R&D so với GRDP (2045)",
        "Tỷ lệ lao động qua đào tạo", "Học sinh … STEM — đại học", "Học sinh … STEM — cao đẳng"]
    assert phrases.target_name(rows[0][0], lang="en", with_year=True) == "R&D spending as a share of GRDP (2030)"
    assert phrases.target_name(rows[4][0], "university", "vi", with_year=True) == "Học sinh … STEM (2030) — đại học"
    assert phrases.dated_labels([tg for tg, _ in rows], "vi") == {"Chi cho R&D so với GRDP"}


@pytest.mark.parametrize("period, vi, en", [
    ("2015Q1", "quý 1/2015", "Q1 2015"), ("2017", "năm 2017", "2017"), (2019, "năm 2019", "2019"),
])
def test_periods_as_readers_write_them(period, vi, en):
    assert period_text(period, "vi") == vi
    assert period_text(period, "en") == en

"""One set of value rules: a value a workbook cell may hold is exactly a value observations.csv may hold."""

from __future__ import annotations

import datetime as dt

import pytest

from kh330lib.data.catalog import load_registry
from kh330lib.data.observations import collect_observations
from kh330lib.workbooks.reading import read_cell

HEADER = "indicator,geo,breakdown,year,period,value,unit,source,status,note"
CASES = [
    # (indicator, unit, value, accepted)
    ("trained_labour_rate_broad", "%", 66.8, True),
    ("trained_labour_rate_broad", "%", 0.668, False),   # 0.668 % or 66.8 %?
    ("trained_labour_rate_broad", "%", 135, False),     # outside 0–100
    ("gerd_pct_gdp", "% of GDP", 0.42, True),           # small_values: true
    ("labour_15plus", "persons", 588529, True),
    ("labour_15plus", "persons", -5, False),            # negative count
    ("labour_15plus", "persons", 1e308, False),         # not plausible
    ("labour_15plus", "persons", 1e15, False),
    ("labour_15plus", "persons", 12.5, False),          # counts are whole
]


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize(("indicator", "unit", "value", "accepted"), CASES)
def test_workbook_and_csv_accept_the_same_values(tmp_path, registry, indicator, unit, value, accepted):
    cell = read_cell(value, "General", None, registry.indicators[indicator])
    path = tmp_path / "obs.csv"
    path.write_text(f"{HEADER}\n{indicator},VN,,2020,,{value!r},{unit},SRC,official,\n", encoding="utf-8")
    _, problems = collect_observations(path, registry, {"SRC"}, dt.date(2026, 6, 1))
    value_problems = [p for p in problems if p.field == "value"]
    assert (cell.error is None) == accepted, cell.error
    assert (not value_problems) == accepted, value_problems

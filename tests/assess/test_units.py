"""The unit table: every target for every ward in one batched pass equals assessing ward by ward."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kh330lib.assess import assess_all
from kh330lib.assess.wards import UNIT_COLUMNS, assess_units, unit_row
from kh330lib.data.catalog import Break
from kh330lib.data.dataset import load_dataset
from kh330lib.data.wards import for_geo

# Ward → {year: (trained workers, employed workers, status)}: long and short series, a gap, a share near 100 %,
# a flat share (whose zero spread the one-series code redraws), estimates that the sensitivity cases revise.
WARDS = {
    "VN-HUE-19753": {y: (700 + 25 * i + (7 if i % 2 else 0), 1000 + 5 * i, "estimate" if y == 2025 else "official")
                     for i, y in enumerate(range(2016, 2026))},
    "VN-HUE-19774": {2019: (50, 100, "official"), 2022: (58, 100, "official"), 2025: (61, 100, "provisional")},
    "VN-HUE-19777": {y: (995 + i, 1000 + i, "official") for i, y in enumerate(range(2021, 2026))},
    "VN-HUE-19789": {2024: (40, 100, "official"), 2025: (45, 100, "official")},
    "VN-HUE-19804": {y: (600, 1000, "official") for y in range(2020, 2026)},
    "VN-HUE-19813": {y: (300 + 11 * i - (i % 3) * 4, 1000, "estimate") for i, y in enumerate(range(2019, 2026))},
}
TEACHERS = {"VN-HUE-19753": {2025: 12, 2026: 14}, "VN-HUE-19789": {2025: 30}}


def add_wards(project: Path) -> list[str]:
    """Ward rows in the temporary seed file, from a test source; the ward codes."""
    with open(project / "data" / "sources.csv", "a", encoding="utf-8") as f:
        f.write("TEST_UNITS,Test figures for the unit table (not real data),kh330 tests,,,\n")
    with open(project / "data" / "observations.csv", "a", encoding="utf-8") as f:
        for geo, years in WARDS.items():
            for year, (trained, employed, status) in years.items():
                for ind, value in (("trained_workers", trained), ("employed_workers", employed)):
                    f.write(f"{ind},{geo},,{year},,{value},persons,TEST_UNITS,{status},test fixture\n")
        for geo, years in TEACHERS.items():
            for year, value in years.items():
                if year <= 2025:
                    f.write(f"teachers_trained_digital,{geo},,{year},,{value},persons,TEST_UNITS,official,test\n")
    return [*WARDS, "VN-HUE-19815"]


def one_by_one(dataset, geos: list[str], **kwargs) -> pd.DataFrame:
    """The reference: `assess_all` at each ward (as `kh330 status --geo` places targets), row by row."""
    return pd.DataFrame([unit_row(a) for geo in geos for a in assess_all(for_geo(dataset, geo), **kwargs)],
                        columns=list(UNIT_COLUMNS))


def assert_same_table(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == list(want.columns) and len(got) == len(want)
    assert list(zip(got["geo"], got["target"], got["breakdown"])) == list(zip(want["geo"], want["target"],
                                                                                 want["breakdown"]))
    for col in UNIT_COLUMNS:
        for i, (a, b) in enumerate(zip(got[col].tolist(), want[col].tolist())):
            where = (col, want["geo"].iloc[i], want["target"].iloc[i])
            if isinstance(b, float) and isinstance(a, float):
                assert (np.isnan(a) and np.isnan(b)) or a == pytest.approx(b, rel=1e-9, abs=1e-12), where
            else:
                assert a == b, where


def test_the_batched_unit_table_equals_assessing_ward_by_ward(project):
    geos = add_wards(project)
    dataset = load_dataset()
    got = assess_units(dataset, geos)
    want = one_by_one(dataset, geos)
    assert_same_table(got, want)
    assert_same_table(assess_units(dataset, geos, batched=False), want)
    level = got[(got["target"] == "trained_labour_2030")].set_index("geo")
    # The long series with an estimate: a projection, its sensitivity cases (10 left out, 2 revisions) and its
    # own backtest; the two-point ward has no projection; the ward without figures has no data.
    assert level.loc["VN-HUE-19753", "cases"] == 12 and level.loc["VN-HUE-19753", "held_out"] > 5
    assert level.loc["VN-HUE-19753", "model"] == "ensemble" and level.loc["VN-HUE-19753", "band"] is not None
    assert pd.isna(level.loc["VN-HUE-19789", "model"]) and pd.isna(level.loc["VN-HUE-19789", "p_meet"])
    assert level.loc["VN-HUE-19815", "verdict"] == "no_data"
    assert got.loc[(got["geo"] == "VN-HUE-19753") & (got["target"] == "teachers_trained_2030"), "total"].item() == 12


def test_the_unit_table_follows_the_seed_and_the_scenario(project):
    geos = add_wards(project)[:3]
    dataset = load_dataset()
    for kwargs in ({"seed": 7}, {"scenario": "accelerated"}):
        assert_same_table(assess_units(dataset, geos, **kwargs), one_by_one(dataset, geos, **kwargs))


def test_every_ward_and_commune_by_default(project):
    add_wards(project)
    dataset = load_dataset()
    table = assess_units(dataset, targets=[dataset.registry.target("trained_labour_2030")])
    assert len(table) == 40 and table["geo"].is_unique
    assert set(table.loc[table["p_meet"].notna(), "geo"]) == {"VN-HUE-19753", "VN-HUE-19774", "VN-HUE-19777",
                                                              "VN-HUE-19804", "VN-HUE-19813"}


def test_series_cut_at_a_break_and_milestones_equal_assessing_ward_by_ward(project):
    """A declared break cuts the ward series (the batch keeps the points before it for its sensitivity case), and
    a milestone reported by a ward takes the array path of targets counted over years."""
    geos = add_wards(project)
    catalogue = project / "params" / "indicators.yaml"
    text = catalogue.read_text(encoding="utf-8")
    head, tail = text.split("  - id: trained_labour_rate_broad\n", 1)
    tail = tail.replace("    breaks: []\n", '    breaks:\n      - period: "2019"\n        note: test break\n', 1)
    catalogue.write_text(head + "  - id: trained_labour_rate_broad\n" + tail, encoding="utf-8")
    with open(project / "data" / "observations.csv", "a", encoding="utf-8") as f:
        for year, value in ((2024, 0), (2025, 1)):
            f.write(f"ioc_full_criteria,VN-HUE-19753,,{year},,{value},milestone,TEST_UNITS,official,test\n")
    dataset = load_dataset()
    got = assess_units(dataset, geos)
    assert_same_table(got, one_by_one(dataset, geos))
    level = got[got["target"] == "trained_labour_2030"].set_index("geo")
    # 2016–2025 cut at 2019: seven points, and one more sensitivity case (the points before the break kept).
    assert level.loc["VN-HUE-19753", "n_points"] == 7 and level.loc["VN-HUE-19753", "model"] == "ensemble"
    assert level.loc["VN-HUE-19753", "cases"] == 7 + 2 + 1
    milestone = got[(got["geo"] == "VN-HUE-19753") & (got["target"] == "ioc_criteria_2030")]
    assert milestone["verdict"].item() == "achieved" and milestone["n_points"].item() == 2


def test_a_series_as_arrays_is_the_series_as_a_table(project):
    """`RunContext.points` (the unit table's arrays) and `points_since_break` give what `RunContext.series` and
    `since_break` give, for every series of the data, with and without a scenario's assumed values."""
    from kh330lib.assess.context import run_context
    from kh330lib.assess.series import Points, points_since_break, since_break

    add_wards(project)
    dataset = load_dataset()
    keys = dataset.observations[["indicator", "geo", "breakdown"]].drop_duplicates().itertuples(index=False)
    for scenario in (None, "accelerated"):
        ctx = run_context(dataset, None, scenario, 1)
        for indicator, geo, breakdown in [*keys, ("trained_labour_rate_broad", "VN-HUE-19815", "")]:
            table, points = ctx.series(indicator, geo, breakdown), ctx.points(indicator, geo, breakdown)
            want = Points.of(table)
            assert want.years.dtype == points.years.dtype and want.values.dtype == points.values.dtype
            assert np.array_equal(want.years, points.years) and np.array_equal(want.values, points.values)
            assert list(want.statuses) == list(points.statuses)
            for breaks in ((), (Break("2020", "cut"),), (Break("2024", "too late"),), (Break("2020", "kept", True),)):
                cut, notes, year = since_break(table, breaks)
                cut_points, notes_points, year_points = points_since_break(points, breaks)
                assert (notes, year) == (notes_points, year_points)
                assert np.array_equal(cut["year"].to_numpy(dtype=int), cut_points.years)

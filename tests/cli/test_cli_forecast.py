"""`kh330 forecast` as a tester or a script sees it: records, bounds, thresholds, and every bad input refused."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import special

from kh330lib import paths
from kh330lib.assess.forecasts import forecast_file
from process_support import PATIENCE

LEVELS = ["0.05", "0.1", "0.25", "0.5", "0.75", "0.9", "0.95"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kh330lib", "forecast", *args], capture_output=True, text=True,
                          cwd=paths.ROOT, timeout=PATIENCE)


def write_panel(path: Path, series: dict[str, dict[int, float]], extra: bool = False) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["series", "year", "value"] + (["note"] if extra else []))
        for name, points in series.items():
            for year, value in points.items():
                w.writerow([name, year, value] + (["x"] if extra else []))
    return path


def panel(n: int = 30, years: range = range(2008, 2017), seed: int = 1) -> dict[str, dict[int, float]]:
    """Shares on a logistic climb with noise, as a provincial panel looks."""
    rng = np.random.default_rng(seed)
    out = {}
    for i in range(n):
        g = rng.normal(-1.5, 0.6) + np.cumsum(rng.normal(0.06, 0.08, len(years)))
        out[f"P{i:02d}"] = {y: round(float(100 * special.expit(v)), 2) for y, v in zip(years, g)}
    return out


@pytest.fixture(scope="module")
def shares(tmp_path_factory) -> Path:
    data = panel()
    data["near top"] = {y: v for y, v in zip(range(2008, 2017), (99.1, 99.3, 99.2, 99.5, 99.6, 99.6, 99.7, 99.8, 99.9))}
    data["near zero"] = {y: v for y, v in zip(range(2010, 2017), (0.4, 0.3, 0.3, 0.2, 0.2, 0.1, 0.1))}
    data["short"] = {2015: 20.0, 2016: 21.0}
    return write_panel(tmp_path_factory.mktemp("forecast") / "panel.csv", data, extra=True)


def test_json_records_one_per_series_and_year_with_keys_as_written(shares):
    res = run_cli(str(shares), "--unit", "percent", "--rise", "2", "5", "--above", "80", "0.5", "--json")
    assert res.returncode == 0, res.stderr
    recs = json.loads(res.stdout)
    by = {}
    for r in recs:
        by.setdefault(r["series"], []).append(r)
    assert [r["year"] for r in by["P00"]] == list(range(2017, 2023))
    assert [r["horizon"] for r in by["P00"]] == [1, 2, 3, 4, 5, 6]
    first = by["P00"][0]
    assert list(first["quantiles"]) == LEVELS
    assert list(first["p_above"]) == ["80", "0.5"] and list(first["p_rise"]) == ["2", "5"]
    assert first["method"]["pool_series"] >= 30 and first["method"]["members"][0]["name"] == "peer"
    assert abs(sum(m["weight"] for m in first["method"]["members"]) - 1) < 1e-6
    # A series with too few points: one record, numbers null, the reason in words.
    assert len(by["short"]) == 1 and by["short"][0]["quantiles"] is None
    assert "2 point(s)" in by["short"][0]["reason"]


def test_percent_quantiles_stay_within_0_100_and_are_ordered(shares):
    recs = json.loads(run_cli(str(shares), "--unit", "percent", "--horizon", "10", "--json").stdout)
    for r in recs:
        if r["quantiles"] is None:
            continue
        q = [r["quantiles"][k] for k in LEVELS]
        assert all(0.0 <= v <= 100.0 for v in q), r
        assert all(a <= b + 1e-9 for a, b in zip(q, q[1:])), r


def test_probabilities_agree_with_the_quantiles(shares):
    """P(value > q_0.9) is 0.1 and P(value > q_0.25) is 0.75: the thresholds read the same distribution."""
    base = json.loads(run_cli(str(shares), "--unit", "percent", "--series", "P03", "--json").stdout)
    q90, q25 = base[2]["quantiles"]["0.9"], base[2]["quantiles"]["0.25"]
    recs = json.loads(run_cli(str(shares), "--unit", "percent", "--series", "P03", "--above", repr(q90), repr(q25),
                              "--json").stdout)
    assert recs[2]["p_above"][repr(q90)] == pytest.approx(0.1, abs=1e-6)
    assert recs[2]["p_above"][repr(q25)] == pytest.approx(0.75, abs=1e-6)
    last = recs[0]["last_value"]
    rise = json.loads(run_cli(str(shares), "--unit", "percent", "--series", "P03", "--rise", "1.5",
                              "--above", repr(last + 1.5), "--json").stdout)
    assert rise[4]["p_rise"]["1.5"] == pytest.approx(rise[4]["p_above"][repr(last + 1.5)], abs=1e-12)


def test_to_year_and_series_filter(shares):
    recs = json.loads(run_cli(str(shares), "--unit", "percent", "--to", "2019", "--series", "P01", "near zero",
                              "--json").stdout)
    assert [(r["series"], r["year"]) for r in recs] == [("P01", 2017), ("P01", 2018), ("P01", 2019),
                                                        ("near zero", 2017), ("near zero", 2018), ("near zero", 2019)]


def test_csv_output_has_a_row_per_record(shares, tmp_path):
    out = tmp_path / "f.csv"
    res = run_cli(str(shares), "--unit", "percent", "--rise", "2", "--csv", str(out))
    assert res.returncode == 0, res.stderr
    with out.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:7] == ["series", "year", "horizon", "last_year", "last_value", "q0.05", "q0.1"]
    assert "p_rise_2" in rows[0] and len(rows) == 32 * 6 + 1
    again = run_cli(str(shares), "--unit", "percent", "--csv", str(out))
    assert again.returncode == 2
    assert again.stderr.splitlines() == [f"{out}: exists (use --force to replace it)",
                                         "kh330 forecast: nothing was changed."]


def test_text_table_by_default(shares):
    res = run_cli(str(shares), "--unit", "percent", "--series", "P02")
    assert res.returncode == 0
    assert res.stdout.splitlines()[0].split()[:3] == ["series", "year", "median"]


def test_nothing_after_the_origin_is_read(tmp_path):
    """Adding later years to the pool (and to other series) leaves a forecast at an earlier origin unchanged."""
    data = panel(n=25, years=range(2005, 2017), seed=4)
    early = {k: {y: v for y, v in pts.items() if y <= 2011} for k, pts in data.items()}
    target = {"T": {2008: 30.0, 2009: 31.5, 2010: 31.9, 2011: 33.4}}
    a = forecast_file(write_panel(tmp_path / "a.csv", {**early, **target}), "percent")
    b = forecast_file(write_panel(tmp_path / "b.csv", {**data, **target}), "percent")
    ia, ib = a.file.names.index("T"), b.file.names.index("T")
    # The same distribution to the last bits (sums over a wider array may round differently in the 16th digit;
    # quantiles are solved to 1e-10 of the value).
    for fa, fb in zip(a.forecast.ensemble.fits, b.forecast.ensemble.fits):
        np.testing.assert_allclose(fa.loc[ia, :6], fb.loc[ib, :6], rtol=1e-13)
        np.testing.assert_allclose(fa.spread[ia, :6], fb.spread[ib, :6], rtol=1e-13)
    np.testing.assert_allclose(a.forecast.p_rise(2.0)[ia, :6], b.forecast.p_rise(2.0)[ib, :6], rtol=1e-12)
    np.testing.assert_allclose(a.quantiles()[:, ia, :6], b.quantiles()[:, ib, :6], rtol=1e-9)
    # …while the pool's own later years do reach the series that end later.
    assert not np.array_equal(a.quantiles()[:, 0, :6], b.quantiles()[:, 0, :6])


def test_the_pool_changes_the_forecast(tmp_path):
    """The same four points forecast alone and beside 30 steadily rising peers: the peers pull the trend up."""
    target = {"T": {2013: 40.0, 2014: 40.2, 2015: 39.9, 2016: 40.1}}
    alone = forecast_file(write_panel(tmp_path / "alone.csv", target), "percent")
    rising = {f"R{i}": {y: 20 + 2.0 * (y - 2010) + 0.3 * ((i * 7 + y) % 5) for y in range(2010, 2017)}
              for i in range(30)}
    pooled = forecast_file(write_panel(tmp_path / "pooled.csv", {**rising, **target}), "percent")
    assert alone.forecast.pool_series[0] == 0
    i = pooled.file.names.index("T")
    assert pooled.forecast.pool_series[i] == 31
    med_alone = alone.quantiles()[3, 0, 5]
    med_pooled = pooled.quantiles()[3, i, 5]
    assert med_pooled > med_alone + 1.0


@pytest.mark.parametrize("unit", ["count", "money"])
def test_counts_and_money_stay_at_or_above_zero(tmp_path, unit):
    data = {f"U{i}": {y: float(100 + 10 * i + 3 * (y - 2010) + (i % 3)) for y in range(2010, 2017)} for i in range(8)}
    data["falling"] = {2012: 9.0, 2013: 6.0, 2014: 4.0, 2015: 2.5, 2016: 1.0}
    recs = json.loads(run_cli(str(write_panel(tmp_path / "c.csv", data)), "--unit", unit, "--json").stdout)
    assert all(v >= 0 for r in recs for v in r["quantiles"].values())


def _error(res: subprocess.CompletedProcess) -> list[str]:
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    return res.stderr.strip().splitlines()


def test_missing_column(tmp_path):
    f = tmp_path / "m.csv"
    f.write_text("series,value\nA,1\n", encoding="utf-8")
    lines = _error(run_cli(str(f), "--unit", "percent"))
    assert lines[0] == f"{f}:1: column 'year': missing column (add 'year' to the header line: series,year,value)"


def test_not_a_number(tmp_path):
    f = tmp_path / "n.csv"
    f.write_text("series,year,value\nA,2010,12.5\nA,2011,\"13,5\"\nA,2012,abc\n", encoding="utf-8")
    lines = _error(run_cli(str(f), "--unit", "percent"))
    assert lines[0] == f"{f}:3: column 'value': '13,5' uses a decimal comma (write 13.5)"
    assert lines[1].startswith(f"{f}:4: column 'value': 'abc' is not a number")


def test_duplicate_series_year(tmp_path):
    f = tmp_path / "d.csv"
    f.write_text("series,year,value\nA,2010,1\nA,2011,2\nA,2010,3\n", encoding="utf-8")
    lines = _error(run_cli(str(f), "--unit", "percent"))
    assert lines[0] == (f"{f}:4: column 'year': series 'A' has 2010 twice (first on line 2) "
                        "(keep one value per series and year)")


def test_value_outside_the_units_bounds(tmp_path):
    f = tmp_path / "b.csv"
    f.write_text("series,year,value\nA,2010,101\nB,2010,-3\n", encoding="utf-8")
    lines = _error(run_cli(str(f), "--unit", "percent"))
    assert lines[0].startswith(f"{f}:2: column 'value': 101 is outside the bounds of --unit percent (0–100)")
    assert lines[1].startswith(f"{f}:3: column 'value': -3 is outside the bounds of --unit percent (0–100)")
    lines = _error(run_cli(str(f), "--unit", "count"))
    assert lines[0].startswith(f"{f}:3: column 'value': -3 is outside the bounds of --unit count (at least 0)")


def test_empty_file_and_header_only(tmp_path):
    empty = tmp_path / "e.csv"
    empty.write_text("", encoding="utf-8")
    assert _error(run_cli(str(empty), "--unit", "percent"))[0] == (
        f"{empty}:1: file is empty (write the header line: series,year,value)")
    header = tmp_path / "h.csv"
    header.write_text("series,year,value\n", encoding="utf-8")
    assert _error(run_cli(str(header), "--unit", "percent"))[0] == (
        f"{header}:2: file has a header but no rows (add observations below the header)")


def test_bad_year_and_missing_file(tmp_path):
    f = tmp_path / "y.csv"
    f.write_text("series,year,value\nA,2010.0,1\n", encoding="utf-8")
    assert _error(run_cli(str(f), "--unit", "percent"))[0].startswith(
        f"{f}:2: column 'year': '2010.0' is not a year")
    assert _error(run_cli(str(tmp_path / "none.csv"), "--unit", "percent"))[0] == (
        f"{tmp_path / 'none.csv'}: file not found (check the path)")


def test_bad_options(shares):
    assert _error(run_cli(str(shares), "--unit", "metres"))[0].startswith(
        "kh330 forecast: option '--unit': unknown unit 'metres'")
    assert _error(run_cli(str(shares), "--unit", "percent", "--horizon", "0"))[0].startswith(
        "kh330 forecast: option '--horizon': 0 is not between 1 and 50")
    assert _error(run_cli(str(shares), "--unit", "percent", "--rise", "two"))[0].startswith(
        "kh330 forecast: option '--rise': 'two' is not a number")
    assert _error(run_cli(str(shares), "--unit", "percent", "--series", "Atlantis"))[0].startswith(
        f"{shares}: column 'series': no series named 'Atlantis' in the file")
    res = run_cli(str(shares), "--unit", "percent", "--horizon", "3", "--to", "2020")
    assert res.returncode == 2 and "not allowed with argument" in res.stderr


def test_to_a_year_before_the_end_gives_a_reason(shares):
    recs = json.loads(run_cli(str(shares), "--unit", "percent", "--to", "2016", "--series", "P00", "--json").stdout)
    assert recs == [{"series": "P00", "year": None, "horizon": None, "last_year": 2016,
                     "last_value": recs[0]["last_value"], "quantiles": None, "p_above": None, "p_rise": None,
                     "method": None, "reason": "the series ends in 2016, not before 2016: nothing to forecast"}]

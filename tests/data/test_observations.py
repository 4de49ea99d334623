"""The data contract: every bad input gets its own clear message, never a silent misreading."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from kh330lib.data.annual import annual_series
from kh330lib.data.catalog import load_registry
from kh330lib.data.dataset import load_dataset
from kh330lib.data.numbers import parse_number
from kh330lib.data.observations import collect_observations, collect_sources
from kh330lib.data.periods import period_year

HEADER = "indicator,geo,breakdown,year,period,value,unit,source,status,note"
GOOD = "trained_labour_rate_broad,VN-HUE,,2023,,70.25,%,HUE_RPT2024,official,TH 2023"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.fixture(scope="module")
def source_ids():
    sources, problems = collect_sources()
    assert not problems
    return set(sources["source"])


def check(tmp_path: Path, registry, source_ids, *lines: str, raw: bytes | None = None) -> list[str]:
    path = tmp_path / "obs.csv"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = collect_observations(path, registry, source_ids, today=TODAY)
    return [str(p) for p in problems]


def row(**changes: str) -> str:
    fields = dict(zip(HEADER.split(","), next(csv.reader([GOOD]))))
    fields.update(changes)
    return ",".join(f'"{v}"' if "," in v else v for v in fields.values())


def test_good_row_passes(tmp_path, registry, source_ids):
    assert check(tmp_path, registry, source_ids, HEADER, GOOD) == []


def test_missing_column(tmp_path, registry, source_ids):
    header = HEADER.replace(",status", "")
    good = GOOD.replace(",official", "")
    p = tmp_path / "obs.csv"
    assert check(tmp_path, registry, source_ids, header, good) == [
        f"{p}:1: column 'status': missing column (add 'status' to the header line: "
        "indicator,geo,breakdown,year,value,unit,source,status,note)"]


def test_empty_file(tmp_path, registry, source_ids):
    p = tmp_path / "obs.csv"
    assert check(tmp_path, registry, source_ids, raw=b"") == [
        f"{p}:1: file is empty (write the header line: indicator,geo,breakdown,year,value,unit,source,status,note)"]


def test_header_only(tmp_path, registry, source_ids):
    p = tmp_path / "obs.csv"
    assert check(tmp_path, registry, source_ids, HEADER) == [
        f"{p}:2: file has a header but no rows (add observations below the header)"]


def test_non_utf8_encoding(tmp_path, registry, source_ids):
    p = tmp_path / "obs.csv"
    text = HEADER + "\n" + GOOD + "\n" + row(note="Dân") + "\n"
    assert check(tmp_path, registry, source_ids, raw=text.encode("latin-1")) == [
        f"{p}:3: not UTF-8 (byte 0xe2); probably saved as Windows-1258 or Latin-1 "
        "(in Excel use 'Save As > CSV UTF-8 (Comma delimited)')"]


def test_utf8_bom_from_excel_is_fine(tmp_path, registry, source_ids):
    raw = ("\ufeff" + HEADER + "\n" + GOOD + "\n").encode("utf-8")
    assert check(tmp_path, registry, source_ids, raw=raw) == []


def test_semicolon_separated_export(tmp_path, registry, source_ids):
    p = tmp_path / "obs.csv"
    assert check(tmp_path, registry, source_ids, HEADER.replace(",", ";"), GOOD.replace(",", ";")) == [
        f"{p}:1: semicolon-separated (a regional Excel export) "
        "(re-export as 'CSV UTF-8 (Comma delimited)' or replace ';' by ',')"]


@pytest.mark.parametrize("written,message", [
    ("66,8", "'66,8' uses a decimal comma (write 66.8)"),
    ("1.234,5", "'1.234,5' uses Vietnamese separators (dot for thousands, comma for decimals) (write 1234.5)"),
    ("1,234", "'1,234' is ambiguous: the comma may group thousands or mark decimals "
              "(write 1234 if it is thousands, or 1.234 if decimals)"),
    ("66.8%", "'66.8%' has a % sign (write 66.8 (the unit column says '%'))"),
    ("abc", "'abc' is not a number (write digits with a decimal point, e.g. 66.8)"),
    ("", "is empty (write the number, or remove the row if there is no figure)"),
])
def test_share_values_written_other_ways(tmp_path, registry, source_ids, written, message):
    p = tmp_path / "obs.csv"
    assert check(tmp_path, registry, source_ids, HEADER, row(value=written)) == [f"{p}:2: column 'value': {message}"]


def test_vietnamese_thousands_in_a_count(tmp_path, registry, source_ids):
    p = tmp_path / "obs.csv"
    bad = row(indicator="labour_15plus", year="2011", value="588.529", unit="persons", source="TTH_DANCU_2015")
    assert check(tmp_path, registry, source_ids, HEADER, bad) == [
        f"{p}:2: column 'value': '588.529' looks like Vietnamese thousands grouping (588529) "
        "(write 588529 without separators)"]


def test_dot_decimal_in_a_share_is_read_as_decimal(tmp_path, registry, source_ids):
    """'70.250' in a share is unambiguous: shares are not grouped in thousands."""
    assert check(tmp_path, registry, source_ids, HEADER, row(value="70.250")) == []


def test_share_outside_bounds(tmp_path, registry, source_ids):
    p = tmp_path / "obs.csv"
    assert check(tmp_path, registry, source_ids, HEADER, row(value="702.5")) == [
        f"{p}:2: column 'value': 702.5 is outside the bounds 0–100 for trained_labour_rate_broad "
        "(shares are percentages between 0 and 100)"]


def test_negative_count(tmp_path, registry, source_ids):
    p = tmp_path / "obs.csv"
    bad = row(indicator="labour_15plus", year="2011", value="-588529", unit="persons", source="TTH_DANCU_2015")
    assert check(tmp_path, registry, source_ids, HEADER, bad) == [
        f"{p}:2: column 'value': negative count -588529 for labour_15plus (counts cannot be negative; check the sign)"]


def test_duplicate_key(tmp_path, registry, source_ids):
    p = tmp_path / "obs.csv"
    assert check(tmp_path, registry, source_ids, HEADER, GOOD, row(value="71")) == [
        f"{p}:3: column 'year': duplicate of line 2 (same indicator, geo, breakdown and year) "
        "(keep one row; a revised figure arrives as a new vintage file, not a second row)"]


def test_quarters_of_one_year_are_not_duplicates(tmp_path, registry, source_ids):
    q = dict(indicator="trained_labour_rate_cert", geo="VN", year="2013", unit="% of labour force", source="LMU2014")
    assert check(tmp_path, registry, source_ids, HEADER, row(period="2013Q1", value="18.2", **q),
                 row(period="2013Q2", value="18.0", **q)) == []


@pytest.mark.parametrize("col,value,message", [
    ("indicator", "trained_labour", "unknown indicator 'trained_labour' "
     "(use an id from params/indicators.yaml, or add the indicator there first)"),
    ("source", "HUE_RPT2099", "unknown source 'HUE_RPT2099' (add the source to data/sources.csv first)"),
    ("status", "final", "unknown status 'final' (use one of: official, estimate, provisional, proxy, assumption)"),
    ("geo", "HUE", "unknown geo 'HUE' (use one of VN, VN-HUE, HUE-UNIV or add it to params/geos.yaml with its source)"),
    ("unit", "persons", "'persons' disagrees with the catalogue ('%' for trained_labour_rate_broad) "
     "(convert the value to '%' and write that unit)"),
    ("year", "20x3", "'20x3' is not a year (write a four-digit year, e.g. 2024)"),
    ("year", "2013Q1", "'2013Q1' is a period label, not a year (write 2013 in 'year' and '2013Q1' in 'period')"),
    ("year", "2027", "year 2027 is in the future (observations are for past years; "
     "put projections and assumptions in params/scenarios/)"),
    ("period", "2022-23", "period '2022-23' belongs to year 2022, not 2023 "
     "(write year 2022 (quarters: calendar year; school years: first year))"),
    ("period", "Q3/2023", "'Q3/2023' is not a known period label "
     "(write YYYY, YYYYQn, YYYY-YY (school year) or c.YYYY (approximate))"),
    ("breakdown", "university",
     "'university' is not a breakdown of trained_labour_rate_broad (use: none (leave it empty))"),
])
def test_bad_field(tmp_path, registry, source_ids, col, value, message):
    p = tmp_path / "obs.csv"
    assert check(tmp_path, registry, source_ids, HEADER, row(**{col: value})) == [f"{p}:2: column '{col}': {message}"]


def test_unknown_column(tmp_path, registry, source_ids):
    p = tmp_path / "obs.csv"
    assert check(tmp_path, registry, source_ids, HEADER + ",comment", GOOD + ",x") == [
        f"{p}:1: column 'comment': unknown column (remove it or rename it; allowed: "
        "indicator, geo, breakdown, year, value, unit, source, status, note, period)"]


def test_every_problem_is_reported_not_just_the_first(tmp_path, registry, source_ids):
    msgs = check(tmp_path, registry, source_ids, HEADER, row(value="66,8"), row(year="2022", status="final"))
    assert [m.split(": column ")[0].rsplit(":", 1)[1] for m in msgs] == ["2", "3"]


@pytest.mark.parametrize("text,expected", [("66.8", 66.8), ("-0.5", -0.5), ("588529", 588529.0), ("1e3", 1000.0)])
def test_parse_number_reads_plain_numbers(text, expected):
    assert parse_number(text).value == expected


@pytest.mark.parametrize("label,year", [("2021", 2021), ("2013Q4", 2013), ("2011-12", 2011), ("c.2025", 2025),
                                        ("2013Q5", None), ("2011/12", None)])
def test_period_rule(label, year):
    assert period_year(label) == year


def test_annual_series_prefers_annual_then_latest_quarter():
    ds = load_dataset()
    s = annual_series(ds.observations, "trained_labour_rate_cert", "VN")
    by_year = dict(zip(s["year"], s["value"]))
    assert by_year[2013] == 18.4   # 2013Q4, the last quarter of 2013
    assert by_year[2015] == 20.2   # 2015Q4
    assert by_year[2017] == 21.6   # only 2017Q2 was published
    assert by_year[2018] == 21.9   # annual figure
    assert list(s["year"]) == sorted(s["year"])


def test_sources_bad_date(tmp_path):
    p = tmp_path / "sources.csv"
    p.write_text("source,title,publisher,url,published,accessed\nX,T,P,,28/11/2024,\n", encoding="utf-8")
    _, problems = collect_sources(p)
    assert [str(x) for x in problems] == [
        f"{p}:2: column 'published': '28/11/2024' is not a date (write YYYY-MM-DD, or leave empty if unknown)"]


# ---------------------------------------------------------------- the rules workbooks follow too

def test_share_between_0_and_1_is_ambiguous_as_in_workbooks(tmp_path, registry, source_ids):
    p = tmp_path / "obs.csv"
    assert check(tmp_path, registry, source_ids, HEADER, row(value="0.668")) == [
        f"{p}:2: column 'value': 0.668 for trained_labour_rate_broad is ambiguous: 0.668 % or 66.8 % written as a "
        "fraction? (write 66.8 for 66.8 %, or mark the indicator 'small_values: true' in params/indicators.yaml "
        "if values this small are real)"]


def test_small_share_is_read_as_written_where_small_values_are_real(tmp_path, registry, source_ids):
    # Viet Nam's R&D spending was 0.42 % of GDP (World Bank WDI): params/indicators.yaml marks it small_values.
    assert registry.indicators["gerd_pct_gdp"].small_values
    ok = row(indicator="gerd_pct_gdp", geo="VN", year="2019", value="0.42", unit="% of GDP", source="STW_WDI")
    assert check(tmp_path, registry, source_ids, HEADER, ok) == []


@pytest.mark.parametrize("value", ["1e308", "1e15", "-1e300"])
def test_implausibly_large_values_are_refused(tmp_path, registry, source_ids, value):
    p = tmp_path / "obs.csv"
    bad = row(indicator="labour_15plus", year="2011", value=value, unit="persons", source="TTH_DANCU_2015")
    got = check(tmp_path, registry, source_ids, HEADER, bad)
    assert got == [f"{p}:2: column 'value': {float(value):g} for labour_15plus is not a plausible value (values must "
                   "be finite and below 1e+15 in size; check the number and its unit)"]


def test_note_is_cleaned_and_capped(tmp_path, registry, source_ids):
    p = tmp_path / "obs.csv"
    rows, problems = collect_observations_text(tmp_path, registry, source_ids,
                                               row(note="TH 2023 \x1b[31mred\x1b[0m\tand\x07 bell"))
    assert problems == [] and rows["note"].tolist() == ["TH 2023 red and bell"]
    assert check(tmp_path, registry, source_ids, HEADER, row(note="x" * 2001)) == [
        f"{p}:2: column 'note': is 2,001 characters long; the limit is 2,000 (keep the note short; cite the "
        "document in data/sources.csv instead)"]


def collect_observations_text(tmp_path, registry, source_ids, line):
    path = tmp_path / "obs.csv"
    path.write_text(HEADER + "\n" + line + "\n", encoding="utf-8")
    return collect_observations(path, registry, source_ids, today=TODAY)

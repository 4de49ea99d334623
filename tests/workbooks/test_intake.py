"""Intake: filled-in templates become vintages; every malformed workbook is rejected cell by cell."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Callable

import pytest
from openpyxl import load_workbook

from kh330lib import paths
from kh330lib.cli import main
from kh330lib.data.catalog import load_registry
from kh330lib.data.dataset import load_dataset
from kh330lib.errors import InputError
from kh330lib.workbooks.intake import take_in
from kh330lib.workbooks.template import load_spec, write_template
from reporting_support import TODAY, YEARS, fill, tree_hash

REPORTER = "Nguyễn Văn An, Phòng Kế hoạch – Tài chính"
RECEIVED = "2026-03-15"
WARD = "VN-HUE-19753"
UNIT_GEO = {"doet": "VN-HUE", "dost": "VN-HUE", "dof": "VN-HUE", "hue_univ": "HUE-UNIV", "ward": WARD}
UNIT_TAG = {"doet": "DOET", "dost": "DOST", "dof": "DOF", "hue_univ": "HUE_UNIV", "ward": "WARD19753"}


def make_template(project: Path, unit: str, name: str | None = None) -> Path:
    registry = load_registry()
    return write_template(project / (name or f"{unit}.xlsx"), registry, load_spec(registry), unit,
                          WARD if unit == "ward" else None, TODAY)


def status_json(capsys, *extra: str) -> list[dict]:
    assert main(["status", "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("unit", UNIT_GEO)
def test_filled_template_is_taken_in_and_shows_in_status(project, capsys, unit):
    template = make_template(project, unit)
    # Ward counts: trained workers must not exceed employed workers.
    overrides = {("trained_workers", ""): 900, ("employed_workers", ""): 1200}
    typed = fill(template, project / "filled.xlsx", overrides)
    rc = main(["intake", str(project / "filled.xlsx"), "--reporter", REPORTER, "--received", RECEIVED])
    out = capsys.readouterr().out
    assert rc == 0, out
    files = sorted(p.name for p in (project / "data" / "vintages").iterdir() if not p.name.startswith("."))
    # One vintage: one folder holding its rows and its provenance.
    assert len(files) == 1 and files[0].startswith(f"{RECEIVED}_{unit}_{UNIT_GEO[unit]}_")
    assert sorted(p.name for p in (project / "data" / "vintages" / files[0]).iterdir()) == ["data.csv",
                                                                                             "provenance.json"]
    source = next(line.split()[-1] for line in out.splitlines() if line.strip().startswith("source:"))
    assert source.startswith(f"{UNIT_TAG[unit]}_20260315_")
    # Every typed value is in the data, from this source, at the unit's geo.
    ds = load_dataset()
    obs = ds.observations[ds.observations["source"] == source]
    derived = obs["note"].str.startswith("derived:")
    got = {(r.indicator, r.breakdown, r.year): r.value for r in obs[~derived].itertuples()}
    assert got == typed
    # A ward's share is derived from its counts (900 / 1200 × 100), never typed.
    assert {(r.indicator, r.year): r.value for r in obs[derived].itertuples()} == (
        {("trained_labour_rate_broad", y): 75.0 for y in YEARS} if unit == "ward" else {})
    assert set(obs["geo"]) == {UNIT_GEO[unit]}
    listed = ds.sources.set_index("source").loc[source]
    assert REPORTER in listed["title"] and "nhận ngày 15/03/2026" in listed["title"]
    assert listed["publisher"] == REPORTER
    # The status table shows each target's latest value with this source.
    extra = () if UNIT_GEO[unit] == "VN-HUE" else ("--geo", UNIT_GEO[unit])
    shown = 0
    for rec in status_json(capsys, *extra):
        key = (rec["indicator"], rec["breakdown"] or "", YEARS[-1])
        if key in typed:
            assert (rec["latest_year"], rec["latest_value"], rec["latest_source"]) == (YEARS[-1], typed[key], source)
            shown += 1
        elif unit == "ward" and rec["indicator"] == "trained_labour_rate_broad":
            # Derived from the ward's own counts: 900 / 1200 × 100.
            assert (rec["latest_value"], rec["latest_source"]) == (75.0, source)
            shown += 1
    assert shown > 0
    # The text table names the source too.
    assert main(["status", *extra]) == 0
    assert source in capsys.readouterr().out


def test_intake_prints_what_is_new_and_what_it_revises(project, capsys):
    template = make_template(project, "doet")
    wb = load_workbook(template)
    wb["LaoDong"]["E5"] = 72.8   # trained_labour_rate_broad 2024: the seed has 72.5 (HUE_RPT2024)
    wb["LaoDong"]["F5"] = 74     # 2025: nothing known before
    wb["LaoDong"]["G5"] = 72.8   # 2026 (estimate)
    wb["LaoDong"]["H5"] = "Báo cáo tổng kết năm học"
    wb.save(project / "doet.xlsx")
    assert main(["intake", str(project / "doet.xlsx"), "--reporter", REPORTER, "--received", RECEIVED]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("kh330 intake: doet.xlsx — Department of Education and Training, Huế City (VN-HUE), "
                        "template 2026.1")
    assert lines[3:] [:7] == [
        "  2 new:",
        "    LaoDong!F5  trained_labour_rate_broad 2025: 74% [official]",
        "    LaoDong!G5  trained_labour_rate_broad 2026: 72.8% [estimate]",
        "  1 revises an earlier value (old → new):",
        "    LaoDong!E5  trained_labour_rate_broad 2024: 72.5 → 72.8% (was HUE_RPT2024)",
        "  0 same as before",
        lines[9],
    ]
    assert lines[9].startswith("  written: data/vintages/2026-03-15_doet_VN-HUE_")
    rows = (project / "data" / "vintages").glob("*/data.csv")
    text = next(rows).read_text(encoding="utf-8").splitlines()
    assert text[0] == "indicator,geo,breakdown,year,period,value,unit,source,status,note"
    assert text[1].startswith("trained_labour_rate_broad,VN-HUE,,2024,,72.8,%,DOET_20260315_")
    assert text[1].endswith(",official,LaoDong!E5 — Báo cáo tổng kết năm học")
    # The seed value is not lost: it stays in the history of vintages.
    hist = load_dataset().all_vintages
    old = hist[(hist["indicator"] == "trained_labour_rate_broad") & (hist["year"] == 2024)]
    assert list(zip(old["value"], old["source"].str[:5])) == [(72.5, "HUE_R"), (72.8, "DOET_")]


# ---------------------------------------------------------------- malformed workbooks

def _set(sheet: str, ref: str, value) -> Callable:
    def edit(wb):
        wb[sheet][ref] = value
    return edit


def _percent(sheet: str, ref: str, value: float) -> Callable:
    def edit(wb):
        wb[sheet][ref] = value
        wb[sheet][ref].number_format = "0%"
    return edit


def _merge(wb):
    wb["STEM"]["E6"] = 30
    wb["STEM"].merge_cells("E6:F6")


def _drop_sheet(wb):
    del wb["STEM"]


def _formula(wb):
    wb["STEM"]["E6"] = "=30+1"


BAD = {
    "text in a number cell": (
        _set("STEM", "F6", "abc"),
        "cell 'STEM!F6': stem_share_hs_graduates (university), 2025: 'abc' is not a number "
        "(write digits with a decimal point, e.g. 66.8)"),
    "share out of bounds": (
        _set("STEM", "E6", 135),
        "cell 'STEM!E6': stem_share_hs_graduates (university), 2024: 135 is outside the bounds 0–100 "
        "(shares are percentages between 0 and 100)"),
    "0.35 for 35 %": (
        _set("STEM", "E6", 0.35),
        "cell 'STEM!E6': stem_share_hs_graduates (university), 2024: 0.35 is ambiguous: 0.35 % or 35 % written "
        "as a fraction? (type 35 for 35 %, or 0.35% for 0.35 %)"),
    "decimal comma in text": (
        _set("STEM", "E6", "35,5"),
        "cell 'STEM!E6': stem_share_hs_graduates (university), 2024: '35,5' uses a decimal comma (write 35.5)"),
    "thousands grouping in a count": (
        _set("DaoTao", "E6", "1.250"),
        "cell 'DaoTao!E6': teachers_trained_digital, 2024: '1.250' looks like Vietnamese thousands grouping (1250) "
        "(write 1250 without separators)"),
    "fraction of a person": (
        _set("DaoTao", "E6", 12.5),
        "cell 'DaoTao!E6': teachers_trained_digital, 2024: 12.5 is not a whole number, but the unit is persons "
        "(type a whole number)"),
    "percent format on a count": (
        _percent("DaoTao", "E6", 0.5),
        "cell 'DaoTao!E6': teachers_trained_digital, 2024: is formatted as a percentage (50 %), but the unit is "
        "persons (format the cell as Number and type the count)"),
    "% sign on a count": (
        _set("DaoTao", "E6", "12%"),
        "cell 'DaoTao!E6': teachers_trained_digital, 2024: '12%' has a % sign, but the unit is persons "
        "(type the number without %)"),
    "Excel error value": (
        _set("STEM", "E6", "#DIV/0!"),
        "cell 'STEM!E6': stem_share_hs_graduates (university), 2024: Excel error #DIV/0! "
        "(fix the formula or type the number)"),
    "date in a number cell": (
        _set("STEM", "E6", dt.datetime(2025, 3, 5)),
        "cell 'STEM!E6': stem_share_hs_graduates (university), 2024: is a date, not a number "
        "(format the cell as Number (Home › Number) and type the value again)"),
    "formula without a saved result": (
        _formula,
        "cell 'STEM!E6': stem_share_hs_graduates (university), 2024: formula =30+1 has no saved result "
        "(open the workbook in Excel and save it, or type the number)"),
    "wrong template version": (
        _set("_kh330", "B2", "2025.1"),
        "cell '_kh330!B2': template version 2025.1 is not accepted (current: 2026.1) "
        "(copy the values into a fresh template: kh330 template --unit doet)"),
    "unknown reporting unit": (
        _set("_kh330", "B3", "sở_y_tế"),
        "cell '_kh330!B3': unknown reporting unit 'sở_y_tế' (use a template of one of: doet, dost, dof, hue_univ, "
        "ward)"),
    "measurement unit changed": (
        _set("STEM", "D6", "‰"),
        "cell 'STEM!D6': unit '‰' differs from the template's '%' for stem_share_hs_graduates "
        "(convert the values to '%' and restore the unit)"),
    "missing sheet": (
        _drop_sheet,
        "sheet 'STEM' is missing (restore it: make a fresh template (kh330 template --unit doet) and copy the "
        "values in)"),
    "merged cells over values": (
        _merge,
        "cell 'STEM!E6:F6': merged cells in the table (values would be lost or doubled) "
        "(unmerge them (Home › Merge & Center › Unmerge Cells) and type one value per cell)"),
    "future year": (
        _set("STEM", "G3", 2031),
        "cell 'STEM!G3': year 2031 is in the future (report past and current years only; remove this column)"),
    "header renamed": (
        _set("STEM", "D3", "ĐVT"),
        "cell 'STEM!D3': header 'ĐVT' should be 'Đơn vị' (columns were inserted, moved or renamed: copy the values "
        "into a fresh template)"),
    "unknown data status": (
        _set("STEM", "E4", "tạm tính"),
        "cell 'STEM!E4': 'tạm tính' is not a data status (choose chính thức, ước tính or sơ bộ)"),
    "value on a row without a code": (
        _set("STEM", "E20", 5),
        "cell 'STEM!E20': a value on a row without an indicator code (column A) "
        "(move it to its indicator's row, or delete it)"),
    "row code changed": (
        _set("STEM", "A6", "stem_share"),
        "cell 'STEM!A6': 'stem_share' (đại học) is not a row of sheet STEM in this template "
        "(restore the indicator code and Phân tổ from a fresh template)"),
}


@pytest.mark.parametrize("case", BAD)
def test_malformed_workbook_is_rejected_and_changes_nothing(project, capsys, case):
    edit, message = BAD[case]
    wb = load_workbook(make_template(project, "doet"))
    wb["STEM"]["E5"] = 90  # one valid value, so the workbook is not merely empty
    edit(wb)
    bad = project / "bad.xlsx"
    wb.save(bad)
    before = tree_hash(project / "data")
    assert main(["intake", str(bad), "--reporter", REPORTER]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"bad.xlsx: {message}", "kh330 intake: 1 problem in the input; nothing was changed."]
    assert tree_hash(project / "data") == before


def test_every_problem_is_listed_at_once(project):
    wb = load_workbook(make_template(project, "doet"))
    wb["STEM"]["E6"], wb["STEM"]["F6"], wb["DaoTao"]["E5"] = "abc", 135, -3
    wb.save(project / "bad.xlsx")
    with pytest.raises(InputError) as exc:
        take_in(project / "bad.xlsx", REPORTER, today=TODAY)
    assert [p.field for p in exc.value.problems] == ["STEM!E6", "STEM!F6", "DaoTao!E5"]
    assert not (project / "data" / "vintages").exists()


def test_workbook_level_problems(project, capsys):
    template = make_template(project, "doet")
    before = tree_hash(project / "data")
    not_xlsx = project / "report.xlsx"
    not_xlsx.write_text("indicator,value\n", encoding="utf-8")
    empty = project / "empty.xlsx"
    empty.write_bytes(template.read_bytes())
    cases = [
        ([str(not_xlsx), "--reporter", REPORTER],
         "report.xlsx: not an Excel .xlsx workbook (BadZipFile) (open it in Excel and save as 'Excel Workbook "
         "(.xlsx)')"),
        ([str(empty), "--reporter", REPORTER],
         "empty.xlsx: no values: every yellow cell is empty (fill in the figures you have, then send the file "
         "again)"),
        ([str(template), "--reporter", " "],
         "doet.xlsx: --reporter is empty (name who sent the workbook, e.g. --reporter 'Phòng KHTC, Sở GD&ĐT')"),
        ([str(template), "--reporter", REPORTER, "--received", "2999-01-01"],
         "doet.xlsx: received date 2999-01-01 is in the future (give the date the workbook arrived)"),
    ]
    for args, message in cases:
        assert main(["intake", *args]) == 2
        assert capsys.readouterr().err.splitlines()[0] == message
    assert tree_hash(project / "data") == before


def test_wrong_sender_and_second_intake_are_rejected(project, capsys):
    fill(make_template(project, "doet"), project / "doet_filled.xlsx")
    before = tree_hash(project / "data")
    assert main(["intake", str(project / "doet_filled.xlsx"), "--reporter", REPORTER, "--unit", "dost"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "doet_filled.xlsx: cell '_kh330!B3': this is the template of 'doet', not 'dost' "
        "(check the file came from dost, or leave out --unit)")
    assert main(["intake", str(project / "doet_filled.xlsx"), "--reporter", REPORTER, "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "  dry run: nothing written"
    assert tree_hash(project / "data") == before
    assert main(["intake", str(project / "doet_filled.xlsx"), "--reporter", REPORTER, "--received", RECEIVED]) == 0
    capsys.readouterr()
    after_first = tree_hash(project / "data")
    assert main(["intake", str(project / "doet_filled.xlsx"), "--reporter", REPORTER]) == 2
    err = capsys.readouterr().err.splitlines()[0]
    assert err.startswith("doet_filled.xlsx: this workbook was already taken in on 2026-03-15 as "
                          "2026-03-15_doet_VN-HUE_")
    assert tree_hash(project / "data") == after_first


# ---------------------------------------------------------------- what real workbooks contain

def test_documented_reading_rules(project, capsys):
    """Numbers as text, percent-formatted cells, '35%' text, small R&D shares, blank rows, extra sheets."""
    doet = load_workbook(make_template(project, "doet"))
    stem = doet["STEM"]
    stem["E5"] = " 92.5 "            # a number stored as text
    stem["E6"] = 0.315               # Excel shows 31.5 %, stores 0.315
    stem["E6"].number_format = "0.0%"
    stem["F6"] = "32%"               # text with a % sign
    stem.insert_rows(7, amount=2)    # blank rows between indicator rows
    stem["E9"] = 28                  # stem_share_hs_graduates (college), moved down by the blank rows
    doet.create_sheet("Ghi chu")["A1"] = "Người lập biểu: ..."
    doet.save(project / "doet.xlsx")
    assert main(["intake", str(project / "doet.xlsx"), "--reporter", REPORTER, "--received", RECEIVED]) == 0
    out = capsys.readouterr().out
    assert "  ignored sheets (not part of the template): Ghi chu" in out
    obs = load_dataset().observations
    got = {(r.indicator, r.breakdown, r.year): r.value for r in obs[obs["source"].str.startswith("DOET")].itertuples()}
    assert got == {("hs_grad_digital_skills_share", "", 2024): 92.5,
                   ("stem_share_hs_graduates", "university", 2024): 31.5,
                   ("stem_share_hs_graduates", "university", 2025): 32.0,
                   ("stem_share_hs_graduates", "college", 2024): 28.0}

    dost = load_workbook(make_template(project, "dost"))
    khcn = dost["KHCN"]
    rnd_row = next(r for r in range(5, 10) if khcn.cell(r, 1).value == "rnd_spending_pct_grdp")
    khcn.cell(rnd_row, 6).value = 0.42  # R&D at 0.42 % of GRDP is plausible: read as typed
    dost.save(project / "dost.xlsx")
    assert main(["intake", str(project / "dost.xlsx"), "--reporter", REPORTER, "--received", RECEIVED]) == 0
    obs = load_dataset().observations
    rnd = obs[(obs["indicator"] == "rnd_spending_pct_grdp") & (obs["geo"] == "VN-HUE")]
    assert list(zip(rnd["year"], rnd["value"])) == [(2025, 0.42)]


def test_missing_data_status_is_asked_for(project, capsys):
    wb = load_workbook(make_template(project, "doet"))
    wb["STEM"]["F4"] = None
    wb["STEM"]["F5"] = 93
    wb.save(project / "doet.xlsx")
    assert main(["intake", str(project / "doet.xlsx"), "--reporter", REPORTER]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "doet.xlsx: cell 'STEM!F4': no data status for 2025, which has values "
        "(choose chính thức, ước tính or sơ bộ in row 4)")


def test_status_words_set_the_observation_status(project):
    wb = load_workbook(make_template(project, "doet"))
    wb["STEM"]["E4"], wb["STEM"]["F4"] = "sơ bộ", "Ước tính"
    wb["STEM"]["E5"], wb["STEM"]["F5"] = 90, 91
    wb.save(project / "doet.xlsx")
    result = take_in(project / "doet.xlsx", REPORTER, dt.date(2026, 3, 15), today=TODAY)
    assert [(r.year, r.status) for r in result.workbook.readings] == [(2024, "provisional"), (2025, "estimate")]
    assert paths.VINTAGES_DIR.is_dir() and len(result.written) == 2

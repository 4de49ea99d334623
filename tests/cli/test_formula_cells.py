"""A label from params that starts like a formula is written as text in every export (OWASP CSV injection)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

from openpyxl import Workbook, load_workbook

from kh330lib.words.table import EXPORT_COLUMNS

LABEL = '=HYPERLINK("http://evil.example/x","Tỷ lệ lao động qua đào tạo")'
TARGET = "trained_labour_2030"
LABEL_AT = EXPORT_COLUMNS.index("label")


def test_a_formula_label_is_text_in_the_csv_and_the_workbook(project_copy, tmp_path):
    targets = project_copy / "params" / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    plain = "    label_vi: Tỷ lệ lao động qua đào tạo\n"
    assert text.count(plain) == 1
    targets.write_text(text.replace(plain, "    label_vi: '" + LABEL.replace("'", "''") + "'\n"), encoding="utf-8")
    env = {**os.environ, "KH330_PARAMS_DIR": str(project_copy / "params"),
           "KH330_DATA_DIR": str(project_copy / "data")}
    out_csv, out_xlsx = tmp_path / "out.csv", tmp_path / "out.xlsx"
    res = subprocess.run([sys.executable, "-m", "kh330lib", "assess", "--all", "--csv", str(out_csv),
                          "--xlsx", str(out_xlsx)], capture_output=True, text=True, env=env, timeout=600)
    assert res.returncode == 0, res.stderr

    ws = load_workbook(out_xlsx).worksheets[0]
    rows = [r for r in ws.iter_rows(min_row=2) if r[0].value == TARGET]
    assert rows
    for row in rows:
        cell = row[LABEL_AT]
        assert (cell.value, cell.data_type) == (LABEL, "s")
    # No cell of the workbook is a formula; numbers (negative ones too) stay numbers.
    for sheet in load_workbook(out_xlsx).worksheets:
        for r in sheet.iter_rows():
            assert all(c.data_type != "f" for c in r)

    lines = [line for line in out_csv.read_text(encoding="utf-8-sig").splitlines() if not line.startswith("#")]
    table = list(csv.reader(lines))
    labels = [row[LABEL_AT] for row in table[1:] if row[0] == TARGET]
    assert labels and all(label == "'" + LABEL for label in labels)
    for row in table[1:]:
        for cell in row:
            if cell.startswith("-"):  # only numbers may start with '-': text would have been quoted
                float(cell)


def test_a_formula_indicator_label_is_text_in_the_template(project_copy, tmp_path):
    indicators = project_copy / "params" / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    plain = "    label_vi: Tỷ lệ lao động qua đào tạo\n"
    assert plain in text
    label = "=1+1+cmd|' /C calc'!A0"
    indicators.write_text(text.replace(plain, "    label_vi: '" + label.replace("'", "''") + "'\n", 1),
                          encoding="utf-8")
    env = {**os.environ, "KH330_PARAMS_DIR": str(project_copy / "params"),
           "KH330_DATA_DIR": str(project_copy / "data")}
    out = tmp_path / "doet.xlsx"
    res = subprocess.run([sys.executable, "-m", "kh330lib", "template", "--unit", "doet", "--out", str(out)],
                         capture_output=True, text=True, env=env, timeout=600)
    assert res.returncode == 0, res.stderr
    cells = [c for ws in load_workbook(out).worksheets for r in ws.iter_rows() for c in r]
    assert [(c.value, c.data_type) for c in cells if c.value == label] and \
        all(c.data_type == "s" for c in cells if c.value == label)
    assert all(c.data_type != "f" for c in cells)


def test_an_equals_label_would_be_a_formula_without_keep_text():
    # What the fix guards against: openpyxl types a str starting with '=' as a formula on its own.
    ws = Workbook().active
    ws.append([LABEL])
    assert ws["A1"].data_type == "f"


def test_a_formula_series_name_is_text_in_the_forecast_csv(tmp_path):
    series = tmp_path / "series.csv"
    series.write_text("series,year,value\n" + "".join(f"{name},{y},{v}\n" for name in ("=1+1", "plain")
                                                      for y, v in zip(range(2015, 2024), range(40, 49))),
                      encoding="utf-8")
    out = tmp_path / "forecast.csv"
    res = subprocess.run([sys.executable, "-m", "kh330lib", "forecast", str(series), "--unit", "percent",
                          "--horizon", "1", "--csv", str(out)], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    lines = [line for line in out.read_text(encoding="utf-8-sig").splitlines() if not line.startswith("#")]
    table = list(csv.reader(lines))
    names = {row[table[0].index("series")] for row in table[1:]}
    assert names == {"'=1+1", "plain"}

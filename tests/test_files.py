"""Ground-floor file helpers: hashes as hashlib gives them, whole JSON writes, cells never formulas."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from kh330lib import paths
from kh330lib.briefs.charts import Chart
from kh330lib.briefs.page import _chart_caption
from kh330lib.files import (
    formula_like,
    keep_text,
    safe_cell,
    sha256_bytes,
    sha256_file,
    to_jsonable,
    write_bytes,
    write_json,
)
from kh330lib.words.table import csv_text


@dataclass(frozen=True)
class GitState:
    commit: str
    dirty: bool


def test_sha256_matches_hashlib(tmp_path):
    p = tmp_path / "a.bin"
    data = bytes(range(256)) * 1000
    p.write_bytes(data)
    assert sha256_file(p) == hashlib.sha256(data).hexdigest()


def test_json_writing_converts_dataclasses_and_paths_and_leaves_no_temporary(tmp_path):
    out = tmp_path / "manifest.json"
    write_json(out, {"git": GitState("abc", False), "file": paths.OBSERVATIONS, "t": (1, 2)})
    assert json.loads(out.read_text(encoding="utf-8")) == {
        "git": {"commit": "abc", "dirty": False}, "file": "data/observations.csv", "t": [1, 2]}
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]
    assert to_jsonable({"p": Path("/elsewhere/x")}) == {"p": "/elsewhere/x"}


def test_write_bytes_replaces_the_file_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "v.csv"
    write_bytes(target, b"a,b\n")
    assert target.read_bytes() == b"a,b\n" and sha256_bytes(b"a,b\n") == hashlib.sha256(b"a,b\n").hexdigest()
    write_bytes(target, b"other")
    assert target.read_bytes() == b"other"
    assert [p.name for p in tmp_path.iterdir()] == ["v.csv"]


# ---- formula cells (OWASP CSV injection): text a spreadsheet would run is written as text

@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_a_quote(start):
    text = f'{start}HYPERLINK("http://example.org","x")'
    assert formula_like(text)
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-1.5, -3, 0.0, 2.5, None, True, "", "a=b", "Tỷ lệ", "'=already quoted", " =x"])
def test_numbers_and_ordinary_text_are_left_alone(value):
    assert not formula_like(value)
    assert safe_cell(value) is value


def test_csv_text_quotes_formula_cells_and_keeps_negative_numbers():
    text = csv_text(["label", "change"], [["=1+1", -1.5], ["-x", -2], ["ok", None]])
    assert list(csv.reader(io.StringIO(text))) == [["label", "change"], ["'=1+1", "-1.5"], ["'-x", "-2"],
                                                  ["ok", ""]]


def test_workbook_cells_that_look_like_formulas_are_strings(tmp_path):
    wb = Workbook()
    wb.active.append(['=HYPERLINK("http://example.org","x")', "@SUM(A1)", -1.5, "plain"])
    wb.create_sheet("second").append(["=2*2"])
    keep_text(wb)
    wb.save(tmp_path / "t.xlsx")
    got = load_workbook(tmp_path / "t.xlsx")
    first = [(c.value, c.data_type) for c in got.active[1]]
    assert first == [('=HYPERLINK("http://example.org","x")', "s"), ("@SUM(A1)", "s"), (-1.5, "n"), ("plain", "s")]
    assert [(c.value, c.data_type) for c in got["second"][1]] == [("=2*2", "s")]


def test_chart_csv_quotes_formula_text_and_keeps_numbers():
    data = pd.DataFrame({"series": ["=cmd|'/c calc'!A0", "ok"], "geo": ["VN-HUE", "-x"], "year": [2024, 2025],
                         "value": [-1.5, 2.0], "status": ["official", "@x"]})
    chart = Chart(figure=None, alt="a chart", data=data)  # type: ignore[arg-type]
    link = next(part for part in _chart_caption(chart) if "kh330-csv" in part)
    payload = link.split("base64,", 1)[1].split('"', 1)[0]
    text = base64.b64decode(payload).decode("utf-8").lstrip("\ufeff")
    assert list(csv.reader(io.StringIO(text))) == [
        ["series", "geo", "year", "value", "status"], ["'=cmd|'/c calc'!A0", "VN-HUE", "2024", "-1.5", "official"],
        ["ok", "'-x", "2025", "2.0", "'@x"]]

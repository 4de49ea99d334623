"""`kh330 assess --all --csv/--xlsx`: every number equals `kh330 assess --all --json`'s, headers follow --lang."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from kh330lib import paths
from kh330lib.cli import main
from kh330lib.words import band_name, book, breakdown_name
from kh330lib.workbooks import export

# Export column → how to find the same number in a JSON record.
NUMBERS = {
    "deadline": lambda r: r["deadline"],
    "latest_value": lambda r: r["latest_value"],
    "latest_year": lambda r: r["latest_year"],
    "median": lambda r: r["projection"]["median"],
    "lo80": lambda r: r["projection"]["lo80"],
    "hi80": lambda r: r["projection"]["hi80"],
    "p_low": lambda r: (r["probability"]["range"] or [None, None])[0],
    "p_high": lambda r: (r["probability"]["range"] or [None, None])[1],
    "required_annual_change": lambda r: r["required_annual_change"],
    "observed_annual_change": lambda r: r["observed_annual_change"],
    "acceleration_factor": lambda r: r["acceleration_factor"],
}
VI_HEADERS = ["Mã mục tiêu", "Mục của Kế hoạch", "Mục tiêu", "Trình độ đào tạo", "Chỉ tiêu", "Đơn vị",
              "Năm hoàn thành", "Giá trị mới nhất", "Năm của giá trị mới nhất", "Loại số liệu", "Đánh giá",
              "Dự báo năm hoàn thành (trung vị)", "Khoảng 80 %: cận dưới", "Khoảng 80 %: cận trên", "Khả năng đạt",
              "Mức khả năng", "Xác suất đạt thấp nhất (0–1)", "Xác suất đạt cao nhất (0–1)",
              "Mức thay đổi cần đạt mỗi năm", "Mức thay đổi thực tế mỗi năm", "Hệ số cần tăng tốc"]
EN_HEADERS = ["Target id", "Plan clause", "Target", "Training level", "Goal", "Unit", "Deadline", "Latest value",
              "Latest year", "Data status", "Verdict", "Projection at the deadline (median)", "80% interval: low",
              "80% interval: high", "How likely", "Likelihood band", "Lowest P(met) (0–1)", "Highest P(met) (0–1)",
              "Annual change needed", "Annual change observed", "Acceleration factor"]
COLUMNS = ["target", "clause", "label", "level", "goal", "unit", "deadline", "latest_value", "latest_year",
           "latest_status", "verdict", "median", "lo80", "hi80", "chance", "band", "p_low", "p_high",
           "required_annual_change", "observed_annual_change", "acceleration_factor"]


def kh330(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kh330lib", *args], capture_output=True, text=True,
                          cwd=paths.ROOT, timeout=300)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    res = kh330("assess", "--all", "--json")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """One CSV and one workbook in each language."""
    folder = tmp_path_factory.mktemp("export")
    out = {}
    for lang in ("vi", "en"):
        out[f"csv_{lang}"], out[f"xlsx_{lang}"] = folder / f"a_{lang}.csv", folder / f"a_{lang}.xlsx"
        res = kh330("assess", "--all", "--lang", lang, "--csv", str(out[f"csv_{lang}"]),
                    "--xlsx", str(out[f"xlsx_{lang}"]))
        assert res.returncode == 0, res.stderr
        assert res.stdout.splitlines()[0].endswith(f"rows written to {out[f'csv_{lang}']}")
    return out


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def read_xlsx(path: Path) -> list[list]:
    ws = openpyxl.load_workbook(path).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def check_rows(rows: list[dict], records: list[dict], lang: str) -> None:
    assert len(rows) == len(records)
    words = book(lang)
    for row, rec in zip(rows, records):
        assert row["target"] == rec["target"]
        assert row["level"] == (breakdown_name(rec["breakdown"], lang) if rec["breakdown"] else None)
        for col, get in NUMBERS.items():
            # Excel keeps 15 significant digits, the JSON 17: equal to within that.
            expected = get(rec)
            assert (row[col] is None and expected is None) or row[col] == pytest.approx(expected, rel=1e-13), (
                rec["target"], rec["breakdown"], col)
        assert row["verdict"] in words.VERDICTS.values()
        band = rec["probability"]["band"]
        assert row["band"] == (band_name(band, lang) if band else None)


def csv_dicts(path: Path) -> list[dict]:
    header, *body = read_csv(path)
    out = []
    for cells in body:
        row = dict(zip(COLUMNS, cells))
        for col in COLUMNS:
            text = row[col]
            if text == "":
                row[col] = None
            elif col in NUMBERS:
                row[col] = int(text) if col in ("deadline", "latest_year") else float(text)
        out.append(row)
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_csv_numbers_equal_the_json(exported, records, lang):
    path = exported[f"csv_{lang}"]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    check_rows(csv_dicts(path), records, lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_xlsx_numbers_are_numbers_equal_to_the_json(exported, records, lang):
    header, *body = read_xlsx(exported[f"xlsx_{lang}"])
    rows = [dict(zip(COLUMNS, cells)) for cells in body]
    for row in rows:
        for col in NUMBERS:
            assert row[col] is None or isinstance(row[col], (int, float)), (row["target"], col, row[col])
    check_rows(rows, records, lang)


def test_headers_follow_the_language(exported):
    assert read_csv(exported["csv_vi"])[0] == VI_HEADERS
    assert read_csv(exported["csv_en"])[0] == EN_HEADERS
    assert read_xlsx(exported["xlsx_vi"])[0] == VI_HEADERS
    assert read_xlsx(exported["xlsx_en"])[0] == EN_HEADERS
    assert openpyxl.load_workbook(exported["xlsx_vi"]).active.title == "Đánh giá"


def test_words_of_the_trained_labour_row(exported, records):
    row = next(r for r in csv_dicts(exported["csv_vi"]) if r["target"] == "trained_labour_2030")
    rec = next(r for r in records if r["target"] == "trained_labour_2030")
    assert (row["clause"], row["label"], row["goal"]) == ("II.2 bullet 1", "Tỷ lệ lao động qua đào tạo",
                                                         "trên 80 % đến 2030")
    assert row["latest_status"] == "ước tính" and rec["latest_status"] == "estimate"
    low, high = (round(100 * p) for p in rec["probability"]["range"])
    assert row["chance"].endswith(f"(từng mô hình, từng phép thử: {low}–{high} %)")


def test_an_existing_file_is_kept_unless_forced(tmp_path, capsys):
    out = tmp_path / "a.csv"
    out.write_text("keep me", encoding="utf-8")
    assert main(["assess", "--all", "--csv", str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{out}: already exists (choose another name or add --force to replace it)",
        "kh330 assess: 1 problem in the input; nothing was changed."]
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["assess", "--all", "--csv", str(out), "--force"]) == 0
    assert read_csv(out)[1][0] == "trained_labour_2030"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]  # no temporary file left behind


@pytest.mark.parametrize("option, name, message", [
    ("--csv", "missing/a.csv", "{path}: folder '{parent}' does not exist (create the folder first or choose "
                               "another path)"),
    ("--xlsx", "missing/a.xlsx", "{path}: folder '{parent}' does not exist (create the folder first or choose "
                                 "another path)"),
    ("--xlsx", "a.csv", "{path}: --xlsx needs a .xlsx file name (write --xlsx a.xlsx)"),
    ("--csv", "", "{path}: is a folder (give a file name, e.g. --csv {path}/assessment.csv)"),
])
def test_bad_paths_exit_2_with_one_line(tmp_path, option, name, message):
    path = tmp_path / name if name else tmp_path
    res = kh330("assess", "--all", option, str(path))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert res.stderr.splitlines()[0] == message.format(path=path, parent=path.parent)
    assert res.stdout == ""


def test_unwritable_folder(tmp_path, capsys, monkeypatch):
    # The tests may run as root, which may write anywhere: the permission check itself is replaced.
    monkeypatch.setattr(export.os, "access", lambda path, mode: False)
    out = tmp_path / "a.xlsx"
    assert main(["assess", "--all", "--xlsx", str(out)]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{out}: folder '{tmp_path}' is not writable (choose a folder you can write to)")
    assert not out.exists()


def test_json_and_a_file_do_not_mix(tmp_path, capsys):
    assert main(["assess", "--all", "--json", "--csv", str(tmp_path / "a.csv")]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "kh330 assess: option '--json': cannot be combined with --csv/--xlsx (the table goes to the file) "
        "(drop --json, or run the command twice)")

"""`kh330 assess --all --csv/--xlsx`: numbers and codes equal `--json`'s, headers follow --lang, metadata inside."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import shlex
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

from kh330lib import paths
from kh330lib.cli import main
from kh330lib.run.cleanup import RUN_ID
from kh330lib.words import band_name, breakdown_name, verdict_name
from kh330lib.workbooks import export

# Export column → how to find the same number in a JSON record.
NUMBERS = {
    "deadline": lambda r: r["deadline"],
    "latest_value": lambda r: r["latest_value"],
    "latest_year": lambda r: r["latest_year"],
    "median": lambda r: r["projection"]["median"],
    "lo80": lambda r: r["projection"]["lo80"],
    "hi80": lambda r: r["projection"]["hi80"],
    "p_combined": lambda r: r["probability"]["combined"],
    "p_low": lambda r: (r["probability"]["range"] or [None, None])[0],
    "p_high": lambda r: (r["probability"]["range"] or [None, None])[1],
    "required_annual_change": lambda r: r["required_annual_change"],
    "observed_annual_change": lambda r: r["observed_annual_change"],
    "acceleration_factor": lambda r: r["acceleration_factor"],
}
VI_HEADERS = ["Mã mục tiêu", "Mục của Kế hoạch", "Mục tiêu", "Trình độ đào tạo", "Chỉ tiêu", "Đơn vị",
              "Năm hoàn thành", "Giá trị mới nhất", "Năm của giá trị mới nhất", "Loại số liệu", "Đánh giá",
              "Đánh giá (mã)", "Dự báo năm hoàn thành (trung vị)", "Khoảng 80 %: cận dưới", "Khoảng 80 %: cận trên",
              "Khả năng đạt", "Xác suất đạt, kết hợp các mô hình (0–1)", "Mức khả năng", "Mức khả năng (mã)",
              "Xác suất đạt thấp nhất (0–1)", "Xác suất đạt cao nhất (0–1)", "Mức thay đổi cần đạt mỗi năm",
              "Mức thay đổi thực tế mỗi năm", "Hệ số cần tăng tốc"]
EN_HEADERS = ["Target id", "Plan clause", "Target", "Training level", "Goal", "Unit", "Deadline", "Latest value",
              "Latest year", "Data status", "Verdict", "Verdict (code)", "Projection at the deadline (median)",
              "80% interval: low", "80% interval: high", "How likely", "P(met), models combined (0–1)",
              "Likelihood band", "Likelihood band (code)", "Lowest P(met) (0–1)", "Highest P(met) (0–1)",
              "Annual change needed", "Annual change observed", "Acceleration factor"]
COLUMNS = ["target", "clause", "label", "level", "goal", "unit", "deadline", "latest_value", "latest_year",
           "latest_status", "verdict", "verdict_code", "median", "lo80", "hi80", "chance", "p_combined", "band",
           "band_code", "p_low", "p_high", "required_annual_change", "observed_annual_change", "acceleration_factor"]
META_KEYS = ["scenario", "scenario_label", "data_latest_year", "data_date", "data_date_kind", "run_id",
             "kh330_version", "git_commit", "git_dirty", "language", "seed", "command", "created"]


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
        argv = ["assess", "--all", "--lang", lang, "--csv", str(out[f"csv_{lang}"]),
                "--xlsx", str(out[f"xlsx_{lang}"])]
        out[f"argv_{lang}"] = argv
        res = kh330(*argv)
        assert res.returncode == 0, res.stderr
        assert res.stdout.splitlines()[0].endswith(f"rows written to {out[f'csv_{lang}']}")
    return out


def read_csv(path: Path) -> list[list[str]]:
    """The table of an exported CSV, after its `# key: value` metadata lines."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(line for line in fh if not line.startswith("#")))


def csv_meta(path: Path) -> dict[str, str]:
    """The metadata lines of an exported CSV, read as plain text."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        lines = [line.rstrip("\r\n") for line in fh if line.startswith("# ")]
    return dict(line[2:].split(": ", 1) for line in lines)


def read_xlsx(path: Path) -> list[list]:
    ws = openpyxl.load_workbook(path).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def xlsx_meta(path: Path) -> dict:
    """The metadata sheet of an exported workbook: its key/value rows."""
    header, *rows = openpyxl.load_workbook(path)["metadata"].iter_rows(values_only=True)
    assert header == ("key", "value")
    return dict(rows)


def check_rows(rows: list[dict], records: list[dict], lang: str) -> None:
    assert len(rows) == len(records)
    for row, rec in zip(rows, records):
        assert row["target"] == rec["target"]
        assert row["level"] == (breakdown_name(rec["breakdown"], lang) if rec["breakdown"] else None)
        for col, get in NUMBERS.items():
            # Excel keeps 15 significant digits, the JSON 17: equal to within that.
            expected = get(rec)
            assert (row[col] is None and expected is None) or row[col] == pytest.approx(expected, rel=1e-13), (
                rec["target"], rec["breakdown"], col)
        assert row["verdict"] == verdict_name(rec["verdict"], lang)
        assert row["verdict_code"] == rec["verdict"]
        band = rec["probability"]["band"]
        assert row["band"] == (band_name(band, lang) if band else None)
        assert row["band_code"] == band


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
    assert capsys.readouterr().err.splitlines() == [f"{out}: exists (use --force to replace it)",
                                                    "kh330 assess: nothing was changed."]
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


# ---------------------------------------------------------------- the answer and the metadata, read back

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_pandas_reads_the_combined_chance_band_and_verdict_of_the_json(exported, records, lang):
    frame = pd.read_csv(exported[f"csv_{lang}"], comment="#")
    assert list(frame.columns) == (VI_HEADERS if lang == "vi" else EN_HEADERS) and len(frame) == len(records)
    h = dict(zip(COLUMNS, frame.columns))
    sheet = openpyxl.load_workbook(exported[f"xlsx_{lang}"]).active
    cells = [dict(zip(COLUMNS, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    for (_, row), cell, rec in zip(frame.iterrows(), cells, records):
        combined, band = rec["probability"]["combined"], rec["probability"]["band"]
        assert row[h["target"]] == rec["target"]
        if combined is None:
            assert math.isnan(row[h["p_combined"]]) and cell["p_combined"] is None
        else:
            assert row[h["p_combined"]] == pytest.approx(combined, rel=1e-13)
            assert cell["p_combined"] == pytest.approx(combined, rel=1e-13)
        assert (row[h["band_code"]] if band else None) == band and cell["band_code"] == band
        assert row[h["verdict_code"]] == rec["verdict"] == cell["verdict_code"]
        assert row[h["verdict"]] == verdict_name(rec["verdict"], lang) == cell["verdict"]
    # The combined chance is a share: a workbook shows it as a percentage.
    column = COLUMNS.index("p_combined") + 1
    assert {c.number_format for (c,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column)} == {"0%"}
    # At least one target has a chance, so the comparison above is not only of empty cells.
    assert frame[h["p_combined"]].notna().any()


def scenario_label(name: str, lang: str) -> str:
    """A shipped scenario's label, read with plain PyYAML."""
    data = yaml.safe_load((paths.ROOT / "params" / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8"))
    return data[f"scenario_label_{lang}"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_metadata_says_what_the_table_is(exported, lang):
    meta, sheet = csv_meta(exported[f"csv_{lang}"]), xlsx_meta(exported[f"xlsx_{lang}"])
    assert list(meta) == META_KEYS and list(sheet) == META_KEYS
    # One command writes one run: the CSV and the workbook carry the same metadata.
    assert meta == {k: "" if v is None else str(v) for k, v in sheet.items()}
    assert (meta["scenario"], meta["scenario_label"]) == ("baseline", scenario_label("baseline", lang))
    assert meta["language"] == lang and meta["seed"] == "20250524"
    assert meta["command"] == shlex.join(["kh330", *exported[f"argv_{lang}"]])
    assert meta["kh330_version"] == metadata.version("kh330")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.ROOT, capture_output=True, text=True, check=False)
    assert meta["git_commit"] == (head.stdout.strip() if head.returncode == 0 else "")
    assert RUN_ID.fullmatch(meta["run_id"])
    created = dt.datetime.strptime(meta["created"], "%Y-%m-%dT%H:%M:%SZ")
    assert meta["run_id"].startswith(created.strftime("%Y%m%dT%H%M%SZ-"))
    assert meta["data_date_kind"] in ("latest_report_received", "latest_source_date")
    dt.date.fromisoformat(meta["data_date"])
    years = pd.read_csv(paths.OBSERVATIONS)["year"]
    assert int(meta["data_latest_year"]) >= years.max()
    assert isinstance(sheet["data_latest_year"], int) and isinstance(sheet["seed"], int)


def test_each_export_has_its_own_run_id(exported):
    assert csv_meta(exported["csv_vi"])["run_id"] != csv_meta(exported["csv_en"])["run_id"]


def test_metadata_names_the_scenario_asked_for(tmp_path):
    out = tmp_path / "a.xlsx"
    res = kh330("assess", "--target", "trained_labour_2030", "--scenario", "accelerated", "--lang", "en",
                "--xlsx", str(out))
    assert res.returncode == 0, res.stderr
    meta = xlsx_meta(out)
    assert (meta["scenario"], meta["scenario_label"]) == ("accelerated", scenario_label("accelerated", "en"))
    assert openpyxl.load_workbook(out).sheetnames == ["Assessment", "metadata"]


def test_a_hash_in_a_cell_is_not_taken_for_metadata(tmp_path):
    out = export.save_csv(tmp_path / "t.csv", ["name", "value"], [["x # y", 1.5], ["#first", None], ["a,b", 2.0]],
                          meta=[("scenario", "baseline"), ("command", "kh330 assess --csv 'a #1.csv'")])
    frame = pd.read_csv(out, comment="#")
    assert frame["name"].tolist() == ["x # y", "#first", "a,b"]
    assert frame["value"].tolist()[::2] == [1.5, 2.0] and math.isnan(frame["value"][1])
    assert csv_meta(out) == {"scenario": "baseline", "command": "kh330 assess --csv 'a #1.csv'"}

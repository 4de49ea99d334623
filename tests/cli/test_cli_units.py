"""`kh330 assess --units`: every target for every ward and commune, one table (--json as the API, files for readers)."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
import yaml

from kh330lib import paths
from kh330lib.assess import UNIT_COLUMNS
from kh330lib.cli import main
from kh330lib.data.catalog import load_registry
from kh330lib.workbooks.template import load_spec, write_template
from reporting_support import TODAY, YEARS, fill

WARD = "VN-HUE-19753"
README = paths.ROOT / "README.md"  # read before a test points paths.ROOT at a copy of data/ and params/
# Names of the unit table that mean something only inside the code: none may head an exported column.
INTERNAL = ("geo", "breakdown", "kind", "n_points", "model", "scale", "widening", "threshold", "as_number", "cases",
            "held_out", "coverage_80", "coverage_50", "total", "reason", "progress_ratio", "unsd_ratio", "unsd_status",
            "median", "lo80", "hi80", "lo95", "hi95", "p_meet", "p_meet_by", "band", "p_low", "p_high", "evidence",
            "latest_status", "indicator", "target", "expected_year")


def geo_names(lang: str) -> dict[str, str]:
    """Every geo code → its name, read from params/geos.yaml with plain PyYAML."""
    data = yaml.safe_load(paths.GEOS.read_text(encoding="utf-8"))
    return {g["id"]: g[f"label_{lang}"] for g in data["geos"]}


def readme_columns() -> list[str]:
    """The column names the README's table of the --units export documents, in order."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| column | meaning |"):]
    table = table[:table.index("\n\n")]
    return [name for line in table.splitlines()[2:] for name in re.findall(r"`([a-z0-9_]+)`", line.split(" | ")[0])]


def test_units_table_covers_every_ward_and_target_and_reads_ward_data(project, capsys, tmp_path):
    registry = load_registry()
    template = write_template(project / "ward.xlsx", registry, load_spec(registry), "ward", WARD, TODAY)
    fill(template, project / "ward_filled.xlsx", {("trained_workers", ""): 900, ("employed_workers", ""): 1200})
    assert main(["intake", str(project / "ward_filled.xlsx"), "--reporter", "UBND phường"]) == 0
    capsys.readouterr()
    assert main(["assess", "--units", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    registry = load_registry()
    wards = [g for g, geo in registry.geos.items() if geo.level in ("ward", "commune")]
    levels = sum(len(t.breakdown) or 1 for t in registry.targets)
    assert len(rows) == len(wards) * levels
    assert {r["geo"] for r in rows} == set(wards)
    trained = next(r for r in rows if r["geo"] == WARD and r["target"] == "trained_labour_2030")
    # The ward's share is derived from its counts: 900 / 1200 × 100 in every reported year.
    assert (trained["latest_year"], trained["latest_value"], trained["n_points"]) == (YEARS[-1], 75.0, len(YEARS))
    other = next(r for r in rows if r["geo"] != WARD and r["target"] == "trained_labour_2030")
    assert other["verdict"] == "no_data" and other["latest_value"] is None
    # The CSV holds the same table for readers: codes, names beside them, the JSON's numbers.
    assert main(["assess", "--units", "--csv", str(tmp_path / "units.csv")]) == 0
    table = pd.read_csv(tmp_path / "units.csv", comment="#", keep_default_na=False, na_values=[""])
    assert len(table) == len(rows)
    assert table["unit_code"].tolist() == [r["geo"] for r in rows]
    assert table["target_id"].tolist() == [r["target"] for r in rows]
    assert table["verdict_code"].tolist() == [r["verdict"] for r in rows]
    names = geo_names("vi")
    assert table["unit_name"].tolist() == [names[r["geo"]] for r in rows]
    assert table.loc[table["unit_code"] == WARD, "unit_name"].iloc[0] == "Phường Phú Xuân"
    for col, key in (("p_met_combined", "p_meet"), ("latest_value", "latest_value"), ("p_met_lowest", "p_low")):
        assert [None if math.isnan(v) else v for v in table[col]] == [r[key] for r in rows], col
    row = table[(table["unit_code"] == WARD) & (table["target_id"] == "trained_labour_2030")].iloc[0]
    assert (row["latest_year"], row["latest_value"], row["data_points"]) == (YEARS[-1], 75.0, len(YEARS))
    # Years and counts are written as whole numbers, though the table holds them as floats where it has gaps.
    text = pd.read_csv(tmp_path / "units.csv", comment="#", dtype=str)
    assert text.loc[row.name, ["latest_year", "first_year", "data_points"]].tolist() == [
        str(YEARS[-1]), str(YEARS[0]), str(len(YEARS))]
    assert not set(table.columns) & set(INTERNAL)
    assert list(table.columns) == readme_columns()


def test_units_narrowed_to_one_geo_and_breakdown_refused(capsys):
    assert main(["assess", "--units", "--geo", WARD, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["geo"] for r in rows} == {WARD}
    assert main(["assess", "--units", "--breakdown", "university"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "kh330 assess: option '--breakdown': applies to --target only (drop it; the table has every level)")


# The verdicts of a ward without figures, in each language's words (kh330lib.words.vi / en).
VERDICT_WORDS = {"vi": {"no_data": "Chưa có số liệu", "qualitative": "Định tính"},
                 "en": {"no_data": "No data", "qualitative": "Qualitative"}}
UNITS_LINE = {"vi": "1 địa bàn × {targets} chỉ tiêu: {counts}", "en": "1 unit(s) × {targets} target(s): {counts}"}
MORE_LINE = {"vi": "(--json, --csv TỆP.csv hoặc --xlsx TỆP.xlsx để lấy toàn bộ bảng)",
             "en": "(--json, --csv FILE.csv or --xlsx FILE.xlsx for the whole table)"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_units_as_text_are_counted_in_the_readers_language(capsys, lang):
    assert main(["assess", "--units", "--geo", WARD, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    counts = pd.Series([r["verdict"] for r in rows]).value_counts()
    assert set(counts.index) == set(VERDICT_WORDS[lang])  # a ward without figures
    assert counts.is_unique  # so the order, most rows first, is one order
    words = "; ".join(f"{VERDICT_WORDS[lang][v]}: {n}" for v, n in counts.items())
    assert main(["assess", "--units", "--geo", WARD, "--lang", lang]) == 0
    targets = len({r["target"] for r in rows})
    assert capsys.readouterr().out.splitlines() == [UNITS_LINE[lang].format(targets=targets, counts=words),
                                                    MORE_LINE[lang]]


def test_units_workbook_in_english_with_metadata_and_the_json_unchanged(tmp_path, capsys):
    out = tmp_path / "units.xlsx"
    assert main(["assess", "--units", "--geo", WARD, "--lang", "en", "--xlsx", str(out)]) == 0
    levels = sum(len(t.breakdown) or 1 for t in load_registry().targets)
    assert capsys.readouterr().out == f"kh330 assess: {levels} rows written to {out}\n"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["units", "metadata"]
    header, *body = wb["units"].iter_rows(values_only=True)
    cells = [dict(zip(header, r)) for r in body]
    assert {c["unit_code"] for c in cells} == {WARD} and {c["unit_name"] for c in cells} == {"Phú Xuân Ward"}
    assert not set(header) & set(INTERNAL)
    meta = dict(list(wb["metadata"].iter_rows(values_only=True))[1:])
    assert (meta["scenario"], meta["language"]) == ("baseline", "en")
    assert meta["command"] == f"kh330 assess --units --geo {WARD} --lang en --xlsx {out}"
    # --json keeps the API's column ids and codes.
    assert main(["assess", "--units", "--geo", WARD, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert list(rows[0]) == list(UNIT_COLUMNS)
    assert [c["verdict_code"] for c in cells] == [r["verdict"] for r in rows]


@pytest.mark.parametrize("option, name", [("--csv", "units.csv"), ("--xlsx", "units.xlsx")])
def test_an_existing_file_says_so_plainly(tmp_path, option, name):
    out = tmp_path / name
    out.write_bytes(b"keep me")
    res = subprocess.run([sys.executable, "-m", "kh330lib", "assess", "--units", option, str(out)],
                         capture_output=True, text=True, cwd=paths.ROOT, timeout=300, check=False)
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.splitlines() == [f"{out}: exists (use --force to replace it)",
                                       "kh330 assess: nothing was changed."]
    assert out.read_bytes() == b"keep me"

"""`kh330 assess --units`: every target for every ward and commune, one table, as the API gives it."""

from __future__ import annotations

import csv
import json

from kh330lib.cli import main
from kh330lib.data.catalog import load_registry
from kh330lib.workbooks.template import load_spec, write_template
from reporting_support import TODAY, YEARS, fill

WARD = "VN-HUE-19753"


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
    # The CSV holds the same table.
    assert main(["assess", "--units", "--csv", str(tmp_path / "units.csv")]) == 0
    with open(tmp_path / "units.csv", encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    assert len(table) == len(rows) and table[0].keys() == rows[0].keys()
    assert [r["verdict"] for r in table] == [r["verdict"] for r in rows]


def test_units_narrowed_to_one_geo_and_breakdown_refused(capsys):
    assert main(["assess", "--units", "--geo", WARD, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["geo"] for r in rows} == {WARD}
    assert main(["assess", "--units", "--breakdown", "university"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "kh330 assess: option '--breakdown': applies to --target only (drop it; the table has every level)")

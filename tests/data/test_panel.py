"""The GSO provincial panel: read as published, every bad input named by file, line and field."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from kh330lib import paths
from kh330lib.data.dataset import load_dataset
from kh330lib.data.panel import collect_panel, load_panel
from process_support import PATIENCE

PANEL_CSV = "gso_trained_share_by_province_2008_2016.csv"
SOURCES = {"GSO_PROV_TRAINED"}


def _raw_rows() -> list[dict[str, str]]:
    with open(paths.RAW_DIR / PANEL_CSV, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _collect(project: Path, sources: set[str] = SOURCES):
    return collect_panel(sources, project / "params" / "panel.yaml", project / "data" / "raw")


def _edit_csv(project: Path, line: int, old: str, new: str) -> Path:
    path = project / "data" / "raw" / PANEL_CSV
    lines = path.read_text(encoding="utf-8").splitlines()
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_panel_is_read_as_published():
    panel = load_panel(load_dataset())
    rows = _raw_rows()
    assert len(panel.series) == len({r["area"] for r in rows}) == 70
    hue = panel.area("Thua Thien-Hue")
    by_hand = sorted((int(r["year"]), float(r["value"])) for r in rows if r["area"] == "Thua Thien-Hue")
    assert list(zip(hue.years, hue.values)) == by_hand
    assert panel.source == "GSO_PROV_TRAINED" and panel.bounds == (0.0, 100.0)
    assert [s.area for s in panel.shown][:2] == ["Thua Thien-Hue", "Da Nang"]
    # The preliminary 2016 figures are provisional in the suite's words.
    assert {r["status"] for r in rows} <= {"official", "preliminary"}
    assert set(hue.statuses) <= {"official", "provisional"}


def test_a_missing_panel_file_is_named(project_copy):
    (project_copy / "data" / "raw" / PANEL_CSV).unlink()
    _, problems = _collect(project_copy)
    (p,) = problems
    assert str(p).startswith(str(project_copy / "data" / "raw" / PANEL_CSV)) and "file not found" in str(p)


def test_a_value_outside_the_bounds_is_named_with_its_line(project_copy):
    path = _edit_csv(project_copy, 2, ",14.3,", ",143,")
    _, problems = _collect(project_copy)
    assert [str(p) for p in problems] == [
        f"{path}:2: column 'value': 143 is outside the bounds 0–100 (shares are percentages 0–100)"]


def test_a_decimal_comma_and_an_unknown_status_and_kind(project_copy):
    _edit_csv(project_copy, 2, ",14.3,", ',"14,3",')
    _edit_csv(project_copy, 3, ",official", ",final")
    path = _edit_csv(project_copy, 4, ",country,", ",nation,")
    messages = [str(p) for p in _collect(project_copy)[1]]
    assert messages == [
        f"{path}:2: column 'value': '14,3' uses a decimal comma (write 14.3)",
        f"{path}:3: column 'status': unknown status 'final' (use one of: official, preliminary)",
        f"{path}:4: column 'area_kind': unknown kind 'nation' (use one of: province, region, country)"]


def test_a_year_given_twice_names_both_lines(project_copy):
    path = _edit_csv(project_copy, 3, ",2009,", ",2008,")
    messages = [str(p) for p in _collect(project_copy)[1]]
    assert messages == [f"{path}:3: column 'year': 'WHOLE COUNTRY' has 2008 already on line 2 "
                        "(keep one row per area and year)"]


def test_settings_need_a_known_source_and_known_areas(project_copy):
    settings = project_copy / "params" / "panel.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("  - area: Da Nang", "  - area: Danang"), encoding="utf-8")
    (p,) = _collect(project_copy)[1]
    assert str(p).startswith(f"{settings}:") and "field 'areas': 'Danang' is not an area of the panel" in str(p)
    settings.write_text(text, encoding="utf-8")
    (p,) = _collect(project_copy, sources=set())[1]
    assert "field 'source': unknown source 'GSO_PROV_TRAINED' (add it to data/sources.csv first)" in str(p)


def test_no_settings_file_means_no_panel(project_copy):
    (project_copy / "params" / "panel.yaml").unlink()
    assert _collect(project_copy) == (None, [])


def test_check_reports_a_bad_panel_with_exit_2_and_no_traceback(project_copy):
    path = _edit_csv(project_copy, 2, ",14.3,", ",143,")
    env = {**os.environ, "KH330_DATA_DIR": str(project_copy / "data"),
           "KH330_PARAMS_DIR": str(project_copy / "params")}
    res = subprocess.run([sys.executable, "-m", "kh330lib", "check"], capture_output=True, text=True,
                         cwd=paths.ROOT, env=env, timeout=PATIENCE)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"{path}:2: column 'value': 143 is outside the bounds 0–100" in res.stderr

"""Shared helpers for the departmental-reporting tests: a disposable project, tree hashes, filled workbooks."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from kh330lib import paths
from kh330lib.data.catalog import load_registry
from kh330lib.workbooks.template import load_spec, write_template

# Templates in these tests are made as on this date: year columns 2024–2026.
TODAY = dt.date(2026, 6, 1)
YEARS = (2024, 2025, 2026)
# Columns of the template (A id, C breakdown label, E.. years), as data/README.md documents them.
FIRST_YEAR_COL = 5
BREAKDOWN_VI = {"đại học": "university", "cao đẳng": "college", "trung cấp": "intermediate", None: ""}

PATH_ATTRS = {
    "DATA_DIR": "data", "OBSERVATIONS": "data/observations.csv", "SOURCES": "data/sources.csv",
    "RAW_DIR": "data/raw", "VINTAGES_DIR": "data/vintages", "PARAMS_DIR": "params",
    "TARGETS": "params/targets.yaml", "INDICATORS": "params/indicators.yaml", "GEOS": "params/geos.yaml",
    "REPORTING_UNITS": "params/reporting_units.yaml", "SCENARIOS_DIR": "params/scenarios",
    "EXCEL_TEMPLATES": "params/templates.yaml", "WARDS": "params/wards.yaml", "PANEL": "params/panel.yaml",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ (without vintages) and params/ that every path of the suite points to."""
    for name in ("data", "params"):
        shutil.copytree(paths.ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("vintages", "__pycache__"))
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    for attr, rel in PATH_ATTRS.items():
        monkeypatch.setattr(paths, attr, tmp_path / rel)
    return tmp_path


def take_in_ward(project: Path, ward: str, trained: int = 900, employed: int = 1200) -> dict:
    """One ward's report taken in: `trained` of `employed` workers trained in every year of the template;
    returns every value typed, as `fill` does."""
    from kh330lib.workbooks.intake import take_in

    registry = load_registry()
    template = write_template(project / f"{ward}.xlsx", registry, load_spec(registry), "ward", ward, TODAY)
    typed = fill(template, project / f"{ward}_filled.xlsx", {("trained_workers", ""): trained,
                                                             ("employed_workers", ""): employed})
    take_in(project / f"{ward}_filled.xlsx", "UBND phường", TODAY)
    return typed


def tree_hash(root: Path) -> dict[str, str]:
    """Every file under root (hidden ones included) → SHA-256 of its bytes."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def catalogue() -> dict[str, dict]:
    """params/indicators.yaml read with plain PyYAML (independently of kh330lib.data.catalog)."""
    data = yaml.safe_load((paths.PARAMS_DIR / "indicators.yaml").read_text(encoding="utf-8"))
    return {i["id"]: i for i in data["indicators"]}


def known_value(indicator: dict, row: int, year: int) -> float:
    """The value a test types for an indicator: within its bounds, above 1 for shares, whole for counts."""
    lo, hi = indicator["bounds"]
    if (lo, hi) == (0, 1):
        return 1.0 if year == YEARS[-1] else 0.0
    if indicator.get("integer"):
        return float(100 + 10 * row + (year - YEARS[0]))
    return 20 + row + 0.5 * (year - YEARS[0])


def template_rows(path: Path) -> list[tuple[str, int, str, str]]:
    """(sheet, row, indicator, breakdown) of every indicator row of a template."""
    wb = load_workbook(path)
    out = []
    for ws in wb.worksheets:
        if ws.title in ("HuongDan", "_kh330"):
            continue
        for r in range(5, ws.max_row + 1):
            code = ws.cell(r, 1).value
            if code:
                out.append((ws.title, r, code, BREAKDOWN_VI[ws.cell(r, 3).value]))
    return out


def fill(path: Path, out: Path, overrides: dict[tuple[str, str], float] | None = None) -> dict:
    """Type a known value into every year cell of a template; return {(indicator, breakdown, year): value}."""
    cat = catalogue()
    wb = load_workbook(path)
    typed = {}
    for k, (sheet, r, code, breakdown) in enumerate(template_rows(path)):
        ws = wb[sheet]
        for c, year in enumerate(YEARS, start=FIRST_YEAR_COL):
            value = (overrides or {}).get((code, breakdown), known_value(cat[code], k, year))
            ws.cell(r, c).value = int(value) if cat[code].get("integer") else value
            typed[(code, breakdown, year)] = value
    wb.save(out)
    return typed


DOET_REPORTER = "Sở Giáo dục và Đào tạo"


def doet_workbook(project: Path, name: str, cells: dict[str, float]) -> Path:
    """A DoET template with values typed into sheet LaoDong (row 5: trained_labour_rate_broad, E=2024 … G=2026)."""
    registry = load_registry()
    path = write_template(project / name, registry, load_spec(registry), "doet", None, TODAY)
    wb = load_workbook(path)
    for ref, value in cells.items():
        wb["LaoDong"][ref] = value
    wb.save(path)
    return path

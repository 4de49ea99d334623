"""Every path the suite uses, derived from this file and overridable by environment variables."""

from __future__ import annotations

import os
from pathlib import Path


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


# The checkout root: kh330lib/ sits directly below it.
ROOT = _env_path("KH330_ROOT", Path(__file__).resolve().parents[1])
DATA_DIR = _env_path("KH330_DATA_DIR", ROOT / "data")
PARAMS_DIR = _env_path("KH330_PARAMS_DIR", ROOT / "params")
NOTEBOOKS_DIR = _env_path("KH330_NOTEBOOKS_DIR", ROOT / "notebooks")
REPORTS_DIR = _env_path("KH330_REPORTS_DIR", ROOT / "reports")

OBSERVATIONS = DATA_DIR / "observations.csv"
SOURCES = DATA_DIR / "sources.csv"
# One CSV + JSON sidecar per accepted departmental workbook; files are only ever added.
VINTAGES_DIR = DATA_DIR / "vintages"
RAW_DIR = DATA_DIR / "raw"
TARGETS = PARAMS_DIR / "targets.yaml"
INDICATORS = PARAMS_DIR / "indicators.yaml"
GEOS = PARAMS_DIR / "geos.yaml"
REPORTING_UNITS = PARAMS_DIR / "reporting_units.yaml"
REPORTING_CALENDAR = PARAMS_DIR / "reporting_calendar.yaml"
SCENARIOS_DIR = PARAMS_DIR / "scenarios"
EXCEL_TEMPLATES = PARAMS_DIR / "templates.yaml"
WARDS = PARAMS_DIR / "wards.yaml"
# The GSO provincial panel: which file under data/raw/, and what it is (context charts, calibration).
PANEL = PARAMS_DIR / "panel.yaml"
TOPICS = PARAMS_DIR / "topics.yaml"
# What leadership reads: the scenarios and languages `kh330 run` publishes to reports/latest/.
PUBLISH = PARAMS_DIR / "publish.yaml"
# Results computed from the inputs and kept between runs, each under its inputs' hash (never committed).
CACHE_DIR = _env_path("KH330_CACHE_DIR", ROOT / ".cache")
TEMPLATES_DIR = Path(__file__).resolve().parent / "run" / "templates"
# The code itself: no output may land in it.
PACKAGE_DIR = Path(__file__).resolve().parent


def display(path: Path | str) -> str:
    """Path as shown in messages: relative to the checkout when inside it."""
    p = Path(path)
    try:
        full = p.resolve()
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13): resolve the folder only
        full = p.parent.resolve() / p.name
    try:
        return str(full.relative_to(ROOT))
    except ValueError:
        return str(p)

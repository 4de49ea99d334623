"""The small fixture dataset of tests/fixtures/data and helpers that read it independently of kh330lib."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from kh330lib import fmt, paths
from kh330lib.assess import assess_all
from kh330lib.data.catalog import Target
from kh330lib.data.dataset import load_dataset

FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"


@pytest.fixture(scope="session")
def fixture_dataset():
    """tests/fixtures/data (with its small panel) and the project's params/."""
    return load_dataset(FIXTURE_DATA / "observations.csv", sources=FIXTURE_DATA / "sources.csv",
                        raw=FIXTURE_DATA / "raw")


@pytest.fixture(scope="session")
def fixture_assessments(fixture_dataset):
    return assess_all(fixture_dataset)


def fixture_rows() -> list[dict]:
    """The fixture observations as plain CSV rows."""
    with open(FIXTURE_DATA / "observations.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def hue(indicator: str, breakdown: str = "") -> list[tuple[int, float, str]]:
    """(year, value, status) of a Huế series in the fixture, by year."""
    rows = [r for r in fixture_rows() if r["indicator"] == indicator and r["geo"] == "VN-HUE"
            and r["breakdown"] == breakdown]
    return sorted((int(r["year"]), float(r["value"]), r["status"]) for r in rows)


def by(assessments, target_id: str, breakdown: str = ""):
    return next(a for a in assessments if a.target.id == target_id and a.breakdown == breakdown)


def params_yaml(name: str) -> dict:
    """A file of params/ read with plain PyYAML."""
    return yaml.safe_load((paths.PARAMS_DIR / name).read_text(encoding="utf-8"))


def units() -> dict[str, dict]:
    return {u["id"]: u for u in params_yaml("reporting_units.yaml")["units"]}


def vi_number(x: float) -> str:
    """Observed values and paces as the briefs show them: as reported, at most 2 decimals."""
    return fmt.number(x, "vi", 2)


def rnd_target(**kw) -> Target:
    """A level target on R&D spending (the 2030 one of the plan), with any field replaced by `kw`."""
    base = dict(id="rnd_grdp_2030", clause="II.2 bullet 7", text_vi="", label_vi="Chi cho R&D so với GRDP",
                label_en="R&D spending as a share of GRDP", indicator=None, kind="level", comparator=">=", value=1.5,
                unit="% of GRDP", deadline=2030)
    base.update(kw)
    return Target(**base)

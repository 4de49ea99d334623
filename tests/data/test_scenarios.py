"""Scenario files (also papermill parameter files): loading, validation messages, assumptions, adjustments."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
import yaml

from kh330lib import paths
from kh330lib.data.catalog import load_registry
from kh330lib.data.scenario_files import read_scenario_file, scenario_path
from kh330lib.data.scenarios import TOP_KEYS, Adjustment, from_parameters, load_scenario, with_assumptions
from kh330lib.errors import InputError
from kh330lib.yamlio import load_yaml

SHIPPED = sorted(paths.SCENARIOS_DIR.glob("*.yaml"))


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def messages(exc: pytest.ExceptionInfo) -> list[str]:
    return [str(p) for p in exc.value.problems]


# ---------------------------------------------------------------- shipped files

def test_baseline_and_accelerated_ship():
    names = {p.stem for p in SHIPPED}
    assert {"baseline", "accelerated"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_files_have_exactly_the_parameter_keys_and_load(path, registry):
    assert list(load_yaml(path)) == list(TOP_KEYS)
    sc = load_scenario(path, registry)
    assert sc.name == path.stem and sc.label_vi and sc.label_en
    for adj in sc.adjustments:
        assert adj.rationale


def test_baseline_has_no_adjustments_and_accelerated_documents_its_assumptions(registry):
    assert load_scenario("baseline", registry).adjustments == ()
    acc = load_scenario("accelerated", registry)
    assert {a.type for a in acc.adjustments} >= {"growth_multiplier", "assumed_value"}
    assumed = next(a for a in acc.adjustments if a.type == "assumed_value")
    assert assumed.values == ((2021, 0.42),) and assumed.source == "STW_WDI"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_parameters_papermill_passes_rebuild_the_scenario_of_the_file(path, registry):
    file, problems = read_scenario_file(path)
    assert problems == [] and file is not None
    again = from_parameters(**file.values, registry=registry)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (again.name, again.label_vi, again.label_en) == (
        raw["scenario"], raw["scenario_label_vi"], raw["scenario_label_en"])
    assert [(a.indicator, a.type, a.rationale) for a in again.adjustments] == [
        (d["indicator"], d["type"], d["rationale"]) for d in raw["adjustments"] or []]
    # The same adjustments as the file read with its lines (the line is where a problem is reported).
    loaded = load_scenario(path, registry)
    assert [replace(a, line=None) for a in again.adjustments] == [replace(a, line=None) for a in loaded.adjustments]


# ---------------------------------------------------------------- validation messages

def test_bad_scenario_file_names_each_line(tmp_path, registry):
    p = write(tmp_path, """scenario: test
scenario_label_vi: Thử
scenario_label_en: Test
adjustments:
  - indicator: trained_labour_rate_broad
    type: extra_points_per_year
    points: "0,5"
    from_year: 2026
    rationale: testing
notes: not a parameter
""")
    with pytest.raises(InputError) as exc:
        load_scenario(p, registry)
    shown = paths.display(p)
    assert messages(exc) == [
        f"{shown}:10: field 'notes': unknown top-level key (papermill would pass it to the notebooks as a "
        "parameter) (use only scenario, scenario_label_vi, scenario_label_en, adjustments; put explanations "
        "in # comments)",
        f"{shown}:7: field 'points': must be a number, got '0,5' (write digits with a decimal point, e.g. 0.5)",
    ]


def test_unknown_type_indicator_and_missing_rationale(tmp_path, registry):
    p = write(tmp_path, """scenario: test
scenario_label_vi: Thử
scenario_label_en: Test
adjustments:
  - indicator: trained_labour_rate_broad
    type: miracle
    rationale: x
  - indicator: nope
    type: growth_multiplier
    multiplier: 1.2
    from_year: 2026
    rationale: x
  - indicator: trained_labour_rate_broad
    type: straight_path_to_target
""")
    with pytest.raises(InputError) as exc:
        load_scenario(p, registry)
    shown = paths.display(p)
    assert messages(exc) == [
        f"{shown}:6: field 'type': unknown adjustment type 'miracle' (use one of: extra_points_per_year, "
        "growth_multiplier, straight_path_to_target, assumed_value)",
        f"{shown}:8: field 'indicator': unknown indicator 'nope' (use an id from params/indicators.yaml)",
        f"{shown}:13: field 'rationale': missing (add 'rationale:' with a short text)",
    ]


def test_bad_years_multiplier_and_values(tmp_path, registry):
    p = write(tmp_path, """scenario: test
scenario_label_vi: Thử
scenario_label_en: Test
adjustments:
  - indicator: trained_labour_rate_broad
    type: growth_multiplier
    multiplier: -1
    from_year: 26
    rationale: x
  - indicator: rnd_spending_pct_grdp
    type: assumed_value
    values: {2021: high}
    rationale: x
""")
    with pytest.raises(InputError) as exc:
        load_scenario(p, registry)
    shown = paths.display(p)
    assert messages(exc) == [
        f"{shown}:8: field 'from_year': must be a year 1900–2100, got 26 (write a four-digit year, e.g. 2026)",
        f"{shown}:7: field 'multiplier': must be positive, got -1 (1 keeps the trend, 1.5 makes it half as "
        "fast again)",
        f"{shown}:12: field 'values': entry 2021: 'high' is not 'year: number' (write e.g. 2024: 0.42)",
    ]


def test_missing_scenario_file_and_missing_keys(tmp_path):
    with pytest.raises(InputError) as exc:
        load_scenario("no_such_scenario")
    assert messages(exc)[0].startswith(
        "params/scenarios/no_such_scenario.yaml: scenario 'no_such_scenario' not found (available: ")
    p = write(tmp_path, "scenario: test\n")
    with pytest.raises(InputError) as exc:
        load_scenario(p)
    shown = paths.display(p)
    assert messages(exc) == [
        f"{shown}:1: field 'scenario_label_vi': missing (add 'scenario_label_vi:' with a short text)",
        f"{shown}:1: field 'scenario_label_en': missing (add 'scenario_label_en:' with a short text)",
        f"{shown}:1: field 'adjustments': missing (add 'adjustments: []' (baseline) or a list of adjustments)",
    ]


def test_from_parameters_reports_without_lines(registry):
    with pytest.raises(InputError) as exc:
        from_parameters("x", [{"indicator": "trained_labour_rate_broad", "type": "extra_points_per_year",
                               "from_year": 2026, "rationale": "r"}], registry=registry)
    assert messages(exc) == ["scenario parameters: parameter 'points': missing (add 'points:' (e.g. 0.5))"]


# ---------------------------------------------------------------- assumptions and adjustments

def test_assumed_values_are_carried_with_status_assumption():
    series = pd.DataFrame({"year": [2023], "value": [5.0], "status": ["official"], "source": ["S"], "period": [""]})
    adj = Adjustment("x", "assumed_value", "r", values=((2021, 1.0), (2023, 9.0)))
    out = with_assumptions(series, [adj], "accelerated")
    assert out["year"].tolist() == [2021, 2023]
    assert out["status"].tolist() == ["assumption", "official"]  # an observed year keeps its observation
    assert out["source"].tolist() == ["scenario:accelerated", "S"]
    empty = with_assumptions(pd.DataFrame(columns=["year", "value", "status", "source", "period"]), [adj], "a")
    assert empty["value"].tolist() == [1.0, 9.0] and set(empty["status"]) == {"assumption"}


# ---------------------------------------------------------------- scenario files as papermill passes them

GOOD = 'scenario: baseline\nscenario_label_vi: Cơ sở\nscenario_label_en: Baseline\nadjustments: []\n'


def _scenario_file(tmp_path: Path, text: str, name: str = "trial.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_scenario_name_resolves_to_params_file_and_paths_pass_through(tmp_path):
    assert scenario_path("baseline") == paths.SCENARIOS_DIR / "baseline.yaml"
    p = _scenario_file(tmp_path, GOOD)
    assert scenario_path(str(p)) == p


def test_scenario_values_and_lines_are_read(tmp_path):
    sc, problems = read_scenario_file(str(_scenario_file(tmp_path, GOOD)))
    assert problems == []
    assert sc.name == "trial"
    assert dict(sc.values) == {"scenario": "baseline", "scenario_label_vi": "Cơ sở",
                               "scenario_label_en": "Baseline", "adjustments": []}
    assert sc.lines["adjustments"] == 4
    assert sc.sha256 == hashlib.sha256(GOOD.encode("utf-8")).hexdigest()
    assert sc.label("en") == "Baseline"


def test_scenario_that_is_not_a_mapping_is_reported(tmp_path):
    p = _scenario_file(tmp_path, "- baseline\n")
    _, problems = read_scenario_file(str(p))
    assert [str(x) for x in problems] == [
        f"{p}:1: must be a mapping of parameter names to values (write one 'name: value' per line)"]


def test_unknown_scenario_name_is_reported():
    _, problems = read_scenario_file("no_such_scenario_zz")
    assert len(problems) == 1
    assert str(problems[0]).startswith("params/scenarios/no_such_scenario_zz.yaml: scenario "
                                       "'no_such_scenario_zz' not found (")

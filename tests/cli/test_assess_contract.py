"""`kh330 assess --all --json` keeps its contract with scripts across deliberate changes of method.

The files under tests/fixtures/contract/ were written before the calibrated
ensemble (`kh330 assess --all --json [--scenario accelerated]` on the shipped
data). Everything the ensemble does not touch must still match them exactly:
the data, progress, UNSD and required-pace fields. The fields the ensemble
changed keep their keys and meaning; their values are tested against
independent computations in tests/methods and tests/assess.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kh330lib.cli import main

CONTRACT = Path(__file__).parents[1] / "fixtures" / "contract"
# Fields the calibrated ensemble changed on purpose (the projection, its chance, its test, the notes about them).
CHANGED = {"projection", "p_meet", "p_meet_by", "expected_year", "backtest", "probability", "notes", "money",
           "proxies", "reasons"}
# Proxy fields that moved with the 2017 break of the national certificate series (points before it are not
# comparable) and the projection made from the rest.
PROXY_CHANGED = {"projection", "n_points", "first_year", "p_meet", "notes"}
# A "more than" target's pace now runs to one reporting step above the target (params/methods.yaml
# pace.strict_step), the smallest value that meets it, instead of to the target itself.
STRICT_STEP = 0.01
PACE = {"required_annual_change", "acceleration_factor"}


def _strict_pace(old: dict) -> dict:
    """The old record's pace, recomputed by hand for a goal one step above a ">" target."""
    if old["comparator"] != ">" or old["required_annual_change"] is None:
        return {k: old[k] for k in PACE}
    required = old["required_annual_change"] + STRICT_STEP / (old["deadline"] - old["latest_year"])
    factor = None if old["acceleration_factor"] is None else required / old["observed_annual_change"]
    return {"required_annual_change": required, "acceleration_factor": factor}


def _assess(capsys, *args: str) -> list[dict]:
    assert main(["assess", "--all", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("scenario", ["baseline", "accelerated"])
def test_fields_the_ensemble_does_not_touch_are_unchanged(capsys, scenario):
    before = json.loads((CONTRACT / f"assess_all_{scenario}.json").read_text(encoding="utf-8"))
    now = _assess(capsys, *(["--scenario", scenario] if scenario != "baseline" else []))
    assert [r["target"] for r in now] == [r["target"] for r in before]
    for old, new in zip(before, now):
        # New keys only: the one verdict and the rule it follows (issue K); nothing renamed or dropped.
        assert set(new) == set(old) | {"probability", "verdict", "verdict_rule"}, old["target"]
        assert {k: v for k, v in new.items() if k not in CHANGED | PACE | {"verdict", "verdict_rule"}} == \
            {k: v for k, v in old.items() if k not in CHANGED | PACE}, old["target"]
        assert {k: new[k] for k in PACE} == pytest.approx(_strict_pace(old)), old["target"]
        assert set(new["projection"]) == set(old["projection"]), old["target"]
        assert [p["indicator"] for p in new["proxies"]] == [p["indicator"] for p in old["proxies"]]
        for p_old, p_new in zip(old["proxies"], new["proxies"]):
            assert set(p_new) == set(p_old)
            assert {k: v for k, v in p_new.items() if k not in PROXY_CHANGED} == \
                {k: v for k, v in p_old.items() if k not in PROXY_CHANGED}, (old["target"], p_old["indicator"])


def test_the_projection_is_the_ensemble_wherever_there_is_one(capsys):
    for rec in _assess(capsys):
        if rec["projection"]["median"] is not None:
            assert rec["projection"]["model"] == "ensemble", rec["target"]
            assert rec["p_meet"] == pytest.approx(rec["probability"]["combined"])
            lo, hi = rec["probability"]["range"]
            assert lo <= rec["p_meet"] <= hi


def test_the_probability_record_keeps_its_keys_and_gains_pool_outside_view_and_skill(capsys):
    """The `probability` record of the contract: its old keys kept, extended with the pool, the outside view and
    the skill (issue K), and the verdict follows the band by the rule the record carries."""
    for rec in _assess(capsys):
        prob = rec["probability"]
        assert {"combined", "band", "range", "as_number", "models", "sensitivity", "calibration",
                "calibration_reason", "pool", "outside_view", "skill"} <= set(prob), rec["target"]
        rule = rec["verdict_rule"]
        if rule is not None and prob["band"] is not None and rec["verdict"] != "target_achieved":
            assert rec["verdict"] == rule["bands"][prob["band"]], rec["target"]
    rnd = next(r for r in _assess(capsys) if r["target"] == "rnd_grdp_2030")
    view = rnd["probability"]["outside_view"]
    assert view["from"]["basis"] == "national_starting_point" and view["from"]["geo"] == "VN"
    assert rnd["verdict"] == "no_data" and view["reached"] == 0 and view["cases"] >= 30

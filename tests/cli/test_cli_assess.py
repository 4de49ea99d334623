"""`kh330 assess` as scripts and readers see it: the JSON contract, the text, and every bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml

from kh330lib import paths
from kh330lib.cli import main
from kh330lib.data.dataset import load_dataset

CONTRACT = ("target", "indicator", "geo", "comparator", "target_value", "deadline", "n_points", "first_year",
            "latest_year", "latest_value", "base_year", "base_value", "evidence", "observed_annual_change",
            "required_annual_change", "acceleration_factor", "progress", "unsd", "projection", "p_meet",
            "p_meet_by", "expected_year", "backtest", "probability")
NESTED = {"progress": ("cagr_observed", "cagr_required", "ratio", "status"),
          "unsd": ("expected_value", "ratio", "status"),
          "projection": ("model", "year", "median", "lo80", "hi80", "lo95", "hi95"),
          "backtest": ("held_out", "coverage_80", "coverage_50", "reason"),
          "probability": ("combined", "band", "range", "as_number", "models", "sensitivity", "calibration",
                          "calibration_reason")}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["assess", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def all_records() -> list[dict]:
    """`kh330 assess --all --json` on the shipped data, through the installed entry point."""
    res = subprocess.run([sys.executable, "-m", "kh330lib", "assess", "--all", "--json"], capture_output=True,
                         text=True, cwd=paths.ROOT, timeout=300)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_all_json_has_every_key_for_every_target(all_records):
    from kh330lib.data.catalog import load_registry
    reg = load_registry()
    assert [r["target"] for r in all_records] == [t.id for t in reg.targets for _ in (t.breakdown or ("",))]
    for rec in all_records:
        for key in CONTRACT:
            assert key in rec, (rec["target"], key)
        for key, sub in NESTED.items():
            for k in sub:
                assert k in rec[key], (rec["target"], key, k)


def test_all_json_is_honest_about_targets_without_hue_data(all_records):
    for rec in all_records:
        if rec["kind"] == "qualitative":
            assert rec["reason"] == "qualitative target: no measurable indicator"
        elif rec["n_points"] == 0:
            assert rec["reason"] == "no Huế data"
            assert rec["latest_value"] is None and rec["p_meet"] is None and rec["progress"]["ratio"] is None
            assert rec["projection"]["median"] is None and rec["evidence"] == "none"
            assert all(p["status"] == "proxy" for p in rec["proxies"])
    with_data = [r for r in all_records if r["n_points"] > 0]
    assert [r["target"] for r in with_data] == ["trained_labour_2030"]
    assert with_data[0]["progress"]["status"] == "on_track" and with_data[0]["p_meet"] is not None


def test_target_json_is_one_object_or_a_list_per_level(capsys):
    code, out, _ = run(capsys, "--target", "trained_labour_2030", "--json")
    assert code == 0 and json.loads(out)["target"] == "trained_labour_2030"
    code, out, _ = run(capsys, "--target", "stem_2030", "--json")
    assert code == 0 and [r["breakdown"] for r in json.loads(out)] == ["university", "college", "intermediate"]
    code, out, _ = run(capsys, "--target", "stem_2030", "--breakdown", "college", "--json")
    assert code == 0 and json.loads(out)["breakdown"] == "college"


def test_base_year_and_scenario_options(capsys):
    code, out, _ = run(capsys, "--target", "trained_labour_2030", "--base-year", "2022", "--json")
    rec = json.loads(out)
    assert code == 0 and rec["base_year"] == 2022 and rec["base_value"] == 68.0
    code, out, _ = run(capsys, "--target", "trained_labour_2030", "--scenario", "accelerated", "--json")
    rec = json.loads(out)
    assert rec["scenario"] == "accelerated"
    assert rec["projection"]["adjustments"] == ["the trend's change 1.25 times as fast from 2026"]


def _vi(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _shown_to_2dp(shown: float, exact: float) -> bool:
    return abs(shown - exact) <= 0.005 + 1e-9


def test_text_in_vietnamese_and_english(capsys):
    code, out, _ = run(capsys, "--target", "trained_labour_2030")
    assert code == 0
    dataset = load_dataset()
    tg = dataset.registry.target("trained_labour_2030")
    obs = dataset.observations
    series = obs[(obs["indicator"] == tg.indicator) & (obs["geo"] == tg.geo) & (obs["breakdown"] == "")]
    value = dict(zip(series["year"].astype(int), series["value"].astype(float)))
    latest = max(value)
    assert tg.comparator == ">" and f"{tg.label_vi}: trên {tg.value:g} % đến {tg.deadline}" in out
    # Open SDG/Eurostat: growth a year since the base year, observed and required, and their ratio.
    growth = re.search(r"năm gốc (?P<base>\d{4})\): thực tế (?P<obs>[\d,]+) %/năm, cần (?P<req>[\d,]+) %/năm; "
                       r"tỷ số (?P<ratio>[\d,]+)\.", out)
    base = int(growth["base"])
    observed = (value[latest] / value[base]) ** (1 / (latest - base)) - 1
    required = (tg.value / value[base]) ** (1 / (tg.deadline - base)) - 1
    assert _shown_to_2dp(_vi(growth["obs"]), 100 * observed) and _shown_to_2dp(_vi(growth["req"]), 100 * required)
    assert _shown_to_2dp(_vi(growth["ratio"]), observed / required)
    # Pace: points a year since the base year, and to the smallest value that is "more than" the target (one
    # reporting step above it, params/methods.yaml) from the latest year to the deadline.
    step = yaml.safe_load((paths.PARAMS_DIR / "methods.yaml").read_text(encoding="utf-8"))["pace"]["strict_step"]
    pace = re.search(r"Nhịp độ: thực tế \+(?P<obs>[\d,]+) điểm %/năm, cần \+(?P<req>[\d,]+) điểm %/năm từ nay đến "
                     r"(?P<deadline>\d{4}); hệ số tăng tốc (?P<factor>[\d,]+)\.", out)
    per_year = (value[latest] - value[base]) / (latest - base)
    needed = (tg.value + step - value[latest]) / (tg.deadline - latest)
    assert _shown_to_2dp(_vi(pace["obs"]), per_year) and _shown_to_2dp(_vi(pace["req"]), needed)
    assert int(pace["deadline"]) == tg.deadline and _shown_to_2dp(_vi(pace["factor"]), needed / per_year)
    # One verdict, from the chance; the growth ratio above only explains it.
    assert len(re.findall("→", out)) == 1 and "Kết luận, theo khả năng đạt chỉ tiêu → " in out
    code, out, _ = run(capsys, "--target", "trained_labour_2030", "--lang", "en")
    ratio = re.search(r"ratio (\d+\.\d+)\.", out)
    assert ratio and _shown_to_2dp(float(ratio.group(1)), observed / required)
    assert "Verdict, from the chance of meeting the target → " in out
    code, out, _ = run(capsys, "--target", "hightech_cert_2030", "--lang", "en")
    assert "No Huế data — this target cannot be assessed yet." in out
    assert "↳ Proxy, for reference only, not Huế's status: Share of workers with a degree or certificate" in out


def test_all_text_counts_the_rows_and_those_with_huế_data(capsys):
    code, out, _ = run(capsys, "--all")
    assert code == 0
    last = re.fullmatch(r"(\d+) mục tiêu/trình độ; (\d+) có số liệu của Huế; kịch bản: (\w+)\.",
                        out.rstrip().splitlines()[-1])
    dataset = load_dataset()
    obs = dataset.observations
    levels = [(tg, b) for tg in dataset.registry.targets for b in tg.breakdown or ("",)]
    with_data = sum(1 for tg, b in levels if ((obs["indicator"] == tg.indicator) & (obs["geo"] == tg.geo)
                                              & (obs["breakdown"] == b)).any())
    assert last and (int(last[1]), int(last[2]), last[3]) == (len(levels), with_data, "baseline")
    qualitative = sum(1 for tg in dataset.registry.targets if tg.kind == "qualitative")
    assert qualitative and out.count("Mục tiêu định tính, không có chỉ số đo.") == qualitative


# ---------------------------------------------------------------- bad inputs

def error_lines(err: str) -> list[str]:
    return err.strip().splitlines()


def test_unknown_target(capsys):
    code, _, err = run(capsys, "--target", "nope")
    assert code == 2
    lines = error_lines(err)
    assert lines[0].startswith("params/targets.yaml: field 'id': unknown target 'nope' (use one of: "
                               "trained_labour_2030, hightech_cert_2030, ")
    assert lines[-1] == "kh330 assess: 1 problem in the input; nothing was changed."


@pytest.mark.parametrize("year, message", [
    (("--target", "trained_labour_2030", "--base-year", "1800"),
     "kh330 assess: option '--base-year': 1800 is not a year "
     "(write a four-digit year such as 2020; 0 or nothing leaves the choice to params/methods.yaml)"),
    (("--target", "trained_labour_2030", "--base-year", "2024"),
     "kh330 assess: option '--base-year': 2024 is not before the latest year of trained_labour_rate_broad (2024): "
     "no growth can be measured from it (choose an earlier year, or omit --base-year)"),
    # --all: the latest year of the whole dataset (the same rule as a notebook's base_year parameter).
    (("--all", "--base-year", "2030"),
     "kh330 assess: option '--base-year': 2030 is not before the latest year of the data (LATEST): no growth can "
     "be measured from it (choose a year before LATEST; 0 or nothing leaves the choice to params/methods.yaml)"),
])
def test_bad_base_year(capsys, year, message):
    latest = str(int(load_dataset().observations["year"].max()))
    code, _, err = run(capsys, *year)
    message = message.replace("LATEST", latest)
    assert code == 2
    assert error_lines(err)[0] == message


def test_base_year_not_a_number(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["assess", "--target", "trained_labour_2030", "--base-year", "2020s"])
    assert exc.value.code == 2
    assert "argument --base-year: invalid int value: '2020s'" in capsys.readouterr().err


def test_bad_geo_and_breakdown(capsys):
    code, _, err = run(capsys, "--target", "trained_labour_2030", "--geo", "XX")
    assert code == 2 and error_lines(err)[0].startswith("kh330 assess: option '--geo': unknown geo 'XX' (use one of: ")
    code, _, err = run(capsys, "--target", "trained_labour_2030", "--breakdown", "college")
    assert code == 2
    assert error_lines(err)[0] == ("kh330 assess: option '--breakdown': 'college' is not a level of target "
                                   "'trained_labour_2030' (use one of: none (omit --breakdown))")


def test_scenario_outside_params_is_refused(capsys, tmp_path):
    outside = tmp_path / "s.yaml"
    outside.write_text("scenario: s\n", encoding="utf-8")
    for given in (str(outside), "/etc/passwd", "../../etc/hosts.yaml"):
        code, _, err = run(capsys, "--all", "--scenario", given)
        assert code == 2 and "Traceback" not in err
        assert "--scenario takes a scenario name or a file inside the project's params folder (params/)" in \
            error_lines(err)[0], given
        assert "copy the file to params/scenarios/ and give its name; available: baseline, accelerated" in err


def test_bad_scenario_file_names_its_line(capsys, tmp_path, monkeypatch):
    # A folder of one's own is accepted when named in KH330_SCENARIO_DIRS.
    monkeypatch.setenv("KH330_SCENARIO_DIRS", str(tmp_path))
    bad = tmp_path / "s.yaml"
    bad.write_text("scenario: s\nscenario_label_vi: S\nscenario_label_en: S\nadjustments:\n"
                   "  - indicator: trained_labour_rate_broad\n    type: growth_multiplier\n    multiplier: 1.2\n"
                   "    from_year: next year\n    rationale: r\n", encoding="utf-8")
    code, _, err = run(capsys, "--all", "--scenario", str(bad))
    assert code == 2
    assert error_lines(err)[0] == (f"{bad}:8: field 'from_year': must be a year 1900–2100, got 'next year' "
                                   "(write a four-digit year, e.g. 2026)")


def test_target_and_all_are_exclusive(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["assess", "--all", "--target", "trained_labour_2030"])
    assert exc.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err

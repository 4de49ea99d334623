"""`kh330 list`: what is on file, checked against params/*.yaml read with plain PyYAML."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import unicodedata

import pytest
import yaml

from kh330lib import paths
from kh330lib.cli import main
from process_support import PATIENCE


def plain(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def listed(capsys, *args: str) -> list[dict]:
    assert main(["list", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_targets_match_the_registry(capsys, lang):
    rows = listed(capsys, "targets", "--lang", lang)
    entries = plain(paths.TARGETS)["targets"]
    assert [r["id"] for r in rows] == [e["id"] for e in entries]
    for row, e in zip(rows, entries):
        assert row == {"id": e["id"], "clause": e["clause"], "label": e[f"label_{lang}"], "kind": e["kind"],
                       "comparator": e.get("comparator"), "value": e.get("value"), "unit": e.get("unit"),
                       "deadline": e["deadline"]}


def test_indicators_match_the_catalogue_and_the_observations(capsys):
    rows = listed(capsys, "indicators", "--lang", "en")
    entries = plain(paths.INDICATORS)["indicators"]
    assert [(r["id"], r["label"], r["unit"]) for r in rows] == [(e["id"], e["label_en"], e["unit"]) for e in entries]
    with open(paths.OBSERVATIONS, encoding="utf-8") as fh:
        geos: dict[str, set] = {}
        for obs in csv.DictReader(fh):
            geos.setdefault(obs["indicator"], set()).add(obs["geo"])
    for row in rows:
        assert row["geos"] == sorted(geos.get(row["id"], ())), row["id"]
    assert "VN-HUE" in next(r for r in rows if r["id"] == "trained_labour_rate_broad")["geos"]


def test_scenarios_are_every_file(capsys):
    rows = listed(capsys, "scenarios")
    files = sorted(paths.SCENARIOS_DIR.glob("*.yaml"))
    assert sorted(r["name"] for r in rows) == sorted(p.stem for p in files)
    for p in files:
        data = plain(p)
        row = next(r for r in rows if r["name"] == p.stem)
        assert row["label_vi"] == data["scenario_label_vi"] and row["label_en"] == data["scenario_label_en"]
        assert row["adjustments"] == len(data["adjustments"] or [])
        assert row["problem"] is None


def test_a_broken_scenario_is_listed_with_its_problem(capsys, tmp_path, monkeypatch):
    folder = tmp_path / "scenarios"
    shutil.copytree(paths.SCENARIOS_DIR, folder)
    (folder / "broken.yaml").write_text("scenario: broken\nscenario_label_vi: Hỏng\nscenario_label_en: Broken\n"
                                        "adjustments:\n  - indicator: no_such_indicator\n    type: growth_multiplier\n"
                                        "    multiplier: 1.5\n    from_year: 2026\n    rationale: test\n",
                                        encoding="utf-8")
    (folder / "garbled.yaml").write_text("scenario: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(paths, "SCENARIOS_DIR", folder)
    rows = {r["name"]: r for r in listed(capsys, "scenarios")}
    assert set(rows) == {"baseline", "accelerated", "broken", "garbled"}
    assert rows["accelerated"]["problem"] is None
    broken = rows["broken"]
    assert (broken["label_en"], broken["adjustments"]) == ("Broken", None)
    assert broken["problem"].endswith("broken.yaml:5: field 'indicator': unknown indicator 'no_such_indicator' "
                                      "(use an id from params/indicators.yaml)")
    assert "garbled.yaml" in rows["garbled"]["problem"]
    # The text listing shows the problem too, and the command still succeeds.
    assert main(["list", "scenarios"]) == 0
    assert "unknown indicator 'no_such_indicator'" in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_units_match_the_reporting_units(capsys, lang):
    rows = listed(capsys, "units", "--lang", lang)
    entries = plain(paths.REPORTING_UNITS)["units"]
    assert rows == [{"id": e["id"], "label": e[f"label_{lang}"], "clause": e["clause"]} for e in entries]


def test_text_columns_line_up(capsys):
    assert main(["list", "targets"]) == 0
    out = capsys.readouterr().out
    assert unicodedata.is_normalized("NFC", out)
    lines = out.splitlines()
    header, rule, first = lines[0], lines[1], lines[2]
    assert header.split() == ["id", "clause", "label", "kind", "comparator", "value", "unit", "deadline"]
    # Every column starts where its header does.
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    assert [header.index(w) for w in header.split()] == starts
    assert first.startswith("trained_labour_2030") and "Tỷ lệ lao động qua đào tạo" in first
    assert first[starts[5]:].split()[0] == "80" and first.rstrip().endswith("2030")
    n_targets = len(plain(paths.TARGETS)["targets"])
    assert len(lines) == 2 + n_targets


def test_unknown_list_is_a_usage_error():
    res = subprocess.run([sys.executable, "-m", "kh330lib", "list", "wards"], capture_output=True, text=True,
                         cwd=paths.ROOT, timeout=PATIENCE)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "argument what: invalid choice: 'wards' (choose from 'targets', 'indicators', 'scenarios', 'units')" \
        in res.stderr


def test_bad_targets_file_is_reported(capsys, tmp_path):
    bad = tmp_path / "targets.yaml"
    bad.write_text(paths.TARGETS.read_text(encoding="utf-8").replace("deadline: 2045", "deadline: twenty", 1),
                   encoding="utf-8")
    assert main(["list", "targets", "--targets", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "field 'deadline': deadline must be a year 2025–2100, got 'twenty'" in err

"""Unicode: ids plain ASCII, labels in one alphabet and distinct, digits 0–9 only, text compared composed (NFC)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kh330lib.data.catalog import collect_registry
from kh330lib.data.numbers import parse_number
from kh330lib.data.observations import collect_observations

# (typed, the first odd digit as the message names it): full-width, Arabic-Indic, mathematical bold.
FOREIGN = [("６６.８", "'６' (U+FF16 FULLWIDTH DIGIT SIX)"),
           ("٦٦.٨", "'٦' (U+0666 ARABIC-INDIC DIGIT SIX)"),
           ("𝟔𝟔.𝟖", "'𝟔' (U+1D7D4 MATHEMATICAL BOLD DIGIT SIX)")]


def nfd(text: str) -> str:
    out = unicodedata.normalize("NFD", text)
    assert out != text  # decomposed: looks the same, is not the same string
    return out


def check(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KH330_PARAMS_DIR": str(project / "params"), "KH330_DATA_DIR": str(project / "data")}
    return subprocess.run([sys.executable, "-m", "kh330lib", "check"], capture_output=True, text=True, env=env,
                          check=False)


def line_of(path: Path, text: str) -> int:
    return next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in t)


@pytest.mark.parametrize(("typed", "named"), FOREIGN)
def test_digits_other_than_0_to_9_are_refused_and_named(typed, named):
    # Python reads them all as 66.8: that silence is what is refused.
    assert float(typed) == 66.8
    got = parse_number(typed)
    assert (got.value, got.error, got.fix) == (None, f"'{typed}' has a digit that is not 0–9: {named}",
                                               "type it with the digits 0–9: 66.8")


@pytest.mark.parametrize(("typed", "named"), FOREIGN)
def test_observations_csv_refuses_foreign_digits_in_values(project_copy, typed, named):
    obs = project_copy / "data" / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    assert ",66.8,%," in lines[1]
    lines[1] = lines[1].replace(",66.8,%,", f",{typed},%,")
    obs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert (f"{obs}:2: column 'value': '{typed}' has a digit that is not 0–9: {named} "
            "(type it with the digits 0–9: 66.8)") in res.stderr.splitlines()


def test_observations_csv_refuses_a_full_width_year(project_copy):
    obs = project_copy / "data" / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",2021,", ",２０21,", 1)
    obs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert (f"{obs}:2: column 'year': '２０21' has a digit that is not 0–9: '２' (U+FF12 FULLWIDTH DIGIT TWO) "
            "(type it with the digits 0–9: 2021)") in res.stderr.splitlines()


def test_observations_text_is_read_composed(project_copy):
    # A unit in Vietnamese, typed decomposed (as some systems save it) in the CSV: it looks the same and now is.
    params = project_copy / "params"
    indicators = params / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    head, tail = text.split("  - id: grdp_per_capita_usd\n", 1)
    tail = tail.replace("    unit: USD\n", "    unit: triệu đồng\n", 1)
    indicators.write_text(head + "  - id: grdp_per_capita_usd\n" + tail, encoding="utf-8")
    obs = project_copy / "data" / "one.csv"
    unit = nfd("triệu đồng")
    obs.write_text("indicator,geo,breakdown,year,period,value,unit,source,status,note\n"
                   f"grdp_per_capita_usd,VN-HUE,,2023,,2500,{unit},TTH_RPT2022,official,\n", encoding="utf-8")
    registry, problems = collect_registry(params / "targets.yaml", indicators, params / "geos.yaml",
                                          params / "reporting_units.yaml")
    assert problems == []
    frame, problems = collect_observations(obs, registry, {"TTH_RPT2022"})
    assert problems == []
    assert frame["unit"].tolist() == ["triệu đồng"]


def test_check_refuses_a_geo_id_with_a_full_width_digit(project_copy):
    geos = project_copy / "params" / "geos.yaml"
    text = geos.read_text(encoding="utf-8")
    entry = text[text.index("  - id: VN-HUE-19753\n"):text.index("  - id: VN-HUE-19774\n")]
    geos.write_text(text.replace(entry, entry + entry.replace("VN-HUE-19753", "VN-HUE-１9753"), 1),
                    encoding="utf-8")
    line = line_of(geos, "VN-HUE-１9753")
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert (f"{geos}:{line}: field 'id': 'VN-HUE-１9753': '１' (U+FF11 FULLWIDTH DIGIT ONE) is not a letter A–Z, "
            "a digit 0–9, '_', '.' or '-' (retype the id with plain letters and digits)") in res.stderr.splitlines()


def test_check_refuses_a_label_with_a_cyrillic_letter(project_copy):
    indicators = project_copy / "params" / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    real = "Trained labour rate (broad definition)"
    fake = real.replace("o", "\u043e", 1)  # CYRILLIC SMALL LETTER O, drawn as 'o'
    indicators.write_text(text.replace(f"label_en: {real}", f"label_en: {fake}", 1), encoding="utf-8")
    line = line_of(indicators, fake)
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert (f"{indicators}:{line}: field 'label_en': '{fake}' mixes Cyrillic letters into Latin text: "
            "'о' (U+043E CYRILLIC SMALL LETTER O) (retype the label with one keyboard layout)"
            ) in res.stderr.splitlines()


def test_check_refuses_labels_that_collide_after_nfkc(project_copy):
    geos = project_copy / "params" / "geos.yaml"
    text = geos.read_text(encoding="utf-8")
    first = line_of(geos, "label_en: Phú Xuân Ward")
    geos.write_text(text.replace("label_en: Kim Long Ward", "label_en: Ｐhú xuân Ward", 1), encoding="utf-8")
    line = line_of(geos, "label_en: Ｐhú xuân Ward")
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert (f"{geos}:{line}: field 'label_en': 'Ｐhú xuân Ward' looks the same as 'Phú Xuân Ward' on line {first} "
            "(write the two labels so that they differ, or the same label exactly)") in res.stderr.splitlines()


def test_vietnamese_labels_and_repeated_labels_are_accepted(project_copy):
    res = check(project_copy)
    assert res.returncode == 0, res.stderr


def test_a_scenario_year_with_full_width_digits_is_not_a_year(project_copy):
    scenario = project_copy / "params" / "scenarios" / "accelerated.yaml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("values: {2021: 0.42}", 'values: {"２０21": 0.42}', 1), encoding="utf-8")
    line = line_of(scenario, '"２０21"')
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert (f"{scenario}:{line}: field 'values': entry '２０21': 0.42 is not 'year: number' "
            "(write e.g. 2024: 0.42)") in res.stderr.splitlines()

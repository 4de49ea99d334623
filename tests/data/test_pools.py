"""The reference pools of params/pools.yaml: what they hold, read independently of kh330lib, and every bad entry
refused with its file, line, field and fix (also by `kh330 check`)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import yaml

from kh330lib import paths
from kh330lib.data.dataset import load_dataset
from kh330lib.data.pools import collect_pools, dataset_pools
from process_support import PATIENCE


def _raw(panel: str) -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = {}
    with open(paths.RAW_DIR / "wdi_panels_1990_2012.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["panel"] == panel:
                out.setdefault(row["country"], {})[int(row["year"])] = float(row["value"])
    return out


def test_pools_hold_the_files_series_as_written():
    ds = load_dataset()
    pools = dataset_pools(ds)
    declared = yaml.safe_load((paths.PARAMS_DIR / "pools.yaml").read_text(encoding="utf-8"))
    assert [p.id for p in pools.pools] == [p["id"] for p in declared["pools"]]
    rnd = pools.get("wdi_rnd")
    raw = _raw("GB.XPD.RSDV.GD.ZS")
    assert len(rnd) == len(raw) == 130
    viet = rnd.names.index("Vietnam")
    assert dict(zip(rnd.years[viet].tolist(), rnd.values[viet].tolist())) == raw["Vietnam"]
    assert pools.get("gso_trained_share").similar.level == 10 and rnd.similar.level == 0.125
    assert pools.for_indicator("rnd_spending_pct_grdp") is rnd
    assert pools.for_indicator("teachers_trained_digital") is None
    assert rnd.starting_points == {"rnd_spending_pct_grdp": "gerd_pct_gdp"}


def _copy(project_copy: Path, old: str, new: str) -> Path:
    path = project_copy / "params" / "pools.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_bad_entries_name_their_line(project_copy):
    path = _copy(project_copy, "    source: WDI_2013\n", "    source: WDI_2099\n")
    ds = load_dataset()
    _, problems = collect_pools(set(ds.sources["source"]), set(ds.registry.indicators), path,
                                project_copy / "data" / "raw")
    line = next(i for i, s in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "WDI_2099" in s)
    assert [str(p) for p in problems] == [
        f"{path}:{line}: field 'source': unknown source 'WDI_2099' (add it to data/sources.csv first)"]


def test_a_value_outside_the_units_bounds_names_its_file_and_line(project_copy):
    raw = project_copy / "data" / "raw" / "wdi_panels_1990_2012.csv"
    lines = raw.read_text(encoding="utf-8").splitlines()
    k = next(i for i, s in enumerate(lines) if s.startswith("SE.TER.ENRR,"))
    parts = lines[k].split(",")
    parts[-1] = "130.5"
    lines[k] = ",".join(parts)
    raw.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "kh330lib", "check", "--data",
                          str(project_copy / "data" / "observations.csv")], capture_output=True, text=True,
                         cwd=paths.ROOT, timeout=PATIENCE,
                         env={**os.environ, "KH330_DATA_DIR": str(project_copy / "data"),
                              "KH330_PARAMS_DIR": str(project_copy / "params")})
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"wdi_panels_1990_2012.csv:{k + 1}: column 'value': 130.5 is outside 0–100 (check the figure)" in res.stderr


def test_an_unknown_indicator_is_refused(project_copy):
    path = _copy(project_copy, "indicators: [edu_institutions_highspeed_internet]",
                 "indicators: [edu_institutions_highspeed_internets]")
    ds = load_dataset()
    _, problems = collect_pools(set(ds.sources["source"]), set(ds.registry.indicators), path,
                                project_copy / "data" / "raw")
    assert len(problems) == 1 and str(problems[0]).endswith(
        "field 'indicators': unknown indicator 'edu_institutions_highspeed_internets' (use an id of "
        "params/indicators.yaml)")

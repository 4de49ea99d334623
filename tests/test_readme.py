"""The README's "Use from Python" section runs as written (in a temporary folder, without the network)."""

from __future__ import annotations

import csv
import json
import os
import re
import socket
import subprocess
import sys

import pytest
import yaml

from kh330lib import paths
from process_support import PATIENCE

SECTION = "## Use from Python"
BLOCK_RE = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def section_blocks() -> list[str]:
    """Every ```python block between the section's heading and the next level-2 heading."""
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n{SECTION}\n")
    end = text.find("\n## ", start + len(SECTION) + 2)
    return BLOCK_RE.findall(text[start:end if end != -1 else None])


def test_the_section_has_one_python_block():
    assert len(section_blocks()) == 1


@pytest.mark.parametrize("block", section_blocks())
def test_block_runs(block, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def no_network(*args, **kwargs):
        raise AssertionError("the README example must not use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    namespace: dict = {"__name__": "readme"}
    exec(compile(block, "README.md (Use from Python)", "exec"), namespace)
    # The example wrote only what it says, into the temporary folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["assessment.csv"]
    with open(tmp_path / "assessment.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "Target id" and len(rows) == 1 + len(namespace["everything"])
    assert namespace["frame"]["year"].min() > namespace["a"].latest_year


def test_the_scenario_example_is_a_valid_scenario(project_copy):
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Write a scenario\n")
    block = re.search(r"^```yaml\n(.*?)^```", text[start:], re.M | re.S).group(1)
    name = yaml.safe_load(block)["scenario"]
    (project_copy / "params" / "scenarios" / f"{name}.yaml").write_text(block, encoding="utf-8")
    env = {**os.environ, "KH330_PARAMS_DIR": str(project_copy / "params"), "KH330_DATA_DIR": str(project_copy / "data")}
    done = subprocess.run([sys.executable, "-m", "kh330lib", "check"], capture_output=True, text=True, env=env,
                          cwd=paths.ROOT, timeout=PATIENCE)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "kh330lib", "assess", "--all", "--json", "--scenario", name],
                          capture_output=True, text=True, env=env, cwd=paths.ROOT, timeout=PATIENCE)
    assert done.returncode == 0, done.stderr


def test_the_scenario_section_documents_the_schema_the_validator_reads():
    schema = yaml.safe_load((paths.ROOT / "kh330lib" / "data" / "scenario_schema.yaml").read_text(encoding="utf-8"))
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Write a scenario\n")
    section = text[start:text.index("\n## ", start + 5)]
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `(\w+)` \| (.*?) \|", section, re.M)}
    for key in schema["top_keys"]:
        assert f"`{key}`" in section, key
    for key in schema["common_keys"]:
        assert f"`{key}`" in section, key
    assert set(schema["types"]) <= set(rows), "every adjustment type has its row"
    for name, spec in schema["types"].items():
        for field in [*spec["fields"], *spec["optional"]]:
            assert f"`{field}" in rows[name], (name, field)


def test_the_forecast_example_runs_on_a_panel(tmp_path, monkeypatch):
    """The Python block of "Forecasting any panel" runs as written on a small panel named as it names it, and
    gives the numbers `kh330 forecast --json` prints for the same file."""
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n### Forecasting any panel: `kh330 forecast`\n")
    end = text.find("\n## ", start + 2)
    block = BLOCK_RE.findall(text[start:end])[0]
    monkeypatch.chdir(tmp_path)
    with open(tmp_path / "provinces.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["series", "year", "value"])
        for i in range(12):
            for y in range(2010, 2017):
                w.writerow([f"P{i}", y, round(20 + i + 1.1 * (y - 2010) + 0.4 * ((i * 3 + y) % 4), 2)])
    namespace: dict = {"__name__": "readme"}
    exec(compile(block, "README.md (Forecasting any panel)", "exec"), namespace)
    out = subprocess.run([sys.executable, "-m", "kh330lib", "forecast", "provinces.csv", "--unit", "percent",
                          "--rise", "2", "--above", "80", "--json"], capture_output=True, text=True, cwd=tmp_path,
                         timeout=PATIENCE)
    first = json.loads(out.stdout)[0]
    ff = namespace["ff"]
    assert first["series"] == ff.file.names[0] == "P0"
    assert first["quantiles"]["0.5"] == pytest.approx(namespace["q"][ff.levels.index(0.5), 0, 0], rel=1e-9)
    assert first["p_rise"]["2"] == pytest.approx(namespace["p_rise"][0, 0], rel=1e-12)
    assert first["p_above"]["80"] == pytest.approx(namespace["p_80"][0, 0], abs=1e-12)


# ---- first steps after `make briefs`: the README's two ways to reach `kh330`

VENV_BIN = paths.ROOT / ".venv" / "bin"


@pytest.mark.skipif(not (VENV_BIN / "kh330").exists(), reason="no .venv (the conda route puts kh330 on PATH)")
@pytest.mark.parametrize("how", ["path", "activate"])
def test_kh330_is_reached_as_the_readme_says(how):
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/kh330 status" in text and ". .venv/bin/activate" in text
    # A PATH without the venv, as in a new terminal.
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    env.pop("VIRTUAL_ENV", None)
    command = ".venv/bin/kh330 status --json" if how == "path" else ". .venv/bin/activate && kh330 status --json"
    done = subprocess.run(["bash", "-c", command], cwd=paths.ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)


def test_make_lab_allows_root_only_for_root():
    done = subprocess.run(["make", "-n", "lab"], cwd=paths.ROOT, capture_output=True, text=True, timeout=PATIENCE)
    lab = [line for line in done.stdout.splitlines() if "jupyter lab" in line]
    assert lab, done.stdout + done.stderr
    assert ("--allow-root" in lab[-1]) == (os.geteuid() == 0)

"""The same bad scenario is refused by every route a researcher or a scheduled job can take: `kh330 check`,
`kh330 run` (its own scenario, or a broken draft beside the one it runs), `kh330 assess` and the notebooks under
plain papermill. Each names the file and line, exits 2 (papermill: non-zero) and publishes nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from kh330lib import paths

pytestmark = pytest.mark.notebook

HEADER = "scenario: draft\nscenario_label_vi: Nháp\nscenario_label_en: Draft\nadjustments:\n"
# (name, adjustments, the line (1-based) and message every route must show)
BAD = {
    "share_150": (
        "  - indicator: trained_labour_rate_broad\n    type: assumed_value\n    values:\n      2025: 150\n"
        "    rationale: a typing error\n",
        8, "field 'values': 2025: 150 is outside the bounds 0–100 for trained_labour_rate_broad "
           "(shares are percentages between 0 and 100)"),
    "misspelt_key": (
        "  - indicator: trained_labour_rate_broad\n    type: growth_multiplier\n    multipler: 1.25\n"
        "    from_year: 2026\n    rationale: a misspelt key\n",
        7, "field 'multipler': unknown field in a growth_multiplier adjustment (remove it or use one of: breakdown, "
           "from_year, geo, indicator, multiplier, rationale, rationale_vi, source, type)"),
    "wrong_type": (
        "  - indicator: trained_labour_rate_broad\n    type: growth_multiplier\n    multiplier: 'fast'\n"
        "    from_year: 2026\n    rationale: a word for a number\n",
        7, "field 'multiplier': must be a number, got 'fast' (write digits with a decimal point, e.g. 0.5)"),
}


@pytest.fixture(params=sorted(BAD))
def params_with_draft(request, tmp_path: Path) -> tuple[dict[str, str], Path, str]:
    """A copy of params/ with the bad draft in its scenarios/, the environment pointing at it, and the
    line every route must print."""
    adjustments, line, message = BAD[request.param]
    params = tmp_path / "params"
    shutil.copytree(paths.PARAMS_DIR, params)
    draft = params / "scenarios" / "draft.yaml"
    draft.write_text(HEADER + adjustments, encoding="utf-8")
    env = {**os.environ, "KH330_PARAMS_DIR": str(params), "KH330_CACHE_DIR": str(tmp_path / "cache")}
    return env, draft, f"{draft}:{line}: {message}"


def _kh330(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kh330lib", *args], cwd=paths.ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def test_check_names_the_draft(params_with_draft):
    env, _, expected = params_with_draft
    done = _kh330(env, "check")
    assert done.returncode == 2
    assert expected in done.stderr.splitlines(), done.stderr
    assert "Traceback" not in done.stderr


def test_assess_with_the_draft_is_refused(params_with_draft):
    env, _, expected = params_with_draft
    done = _kh330(env, "assess", "--all", "--scenario", "draft", "--json")
    assert done.returncode == 2
    assert expected in done.stderr.splitlines(), done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("scenario", ["draft", "baseline"])
def test_run_refuses_before_any_notebook_runs(params_with_draft, tmp_path, scenario):
    # `baseline`: the draft only lies beside it, but the scenarios brief would read it.
    env, _, expected = params_with_draft
    reports = tmp_path / "reports"
    done = _kh330(env, "run", "--scenario", scenario, "--lang", "all", "--out", str(reports))
    assert done.returncode == 2
    assert expected in done.stderr.splitlines(), done.stderr
    assert done.stderr.splitlines()[-1].endswith("in the input; nothing was changed.")
    assert not reports.exists(), "nothing is written, let alone published"


def test_papermill_stops_the_notebook_with_the_files_line(params_with_draft, tmp_path):
    env, draft, expected = params_with_draft
    out = tmp_path / "out.ipynb"
    done = subprocess.run([sys.executable, "-m", "papermill", str(paths.NOTEBOOKS_DIR / "20_trained_labour.ipynb"),
                           str(out), "-f", str(draft), "--kernel", "python3", "--no-progress-bar"],
                          cwd=paths.ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode != 0
    nb = nbformat.read(str(out), as_version=4)
    errors = [line for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
              for line in o.traceback]
    assert len(errors) == 1 and errors[0].startswith(f"ParameterError: {expected}"), errors
    # Nothing the notebook would show was drawn: the error stops it at its setup cell.
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "display_data"]
    assert not shown


def test_the_accelerated_scenario_passes_every_rule():
    done = subprocess.run([sys.executable, "-m", "kh330lib", "assess", "--all", "--scenario", "accelerated",
                           "--json"], cwd=paths.ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)

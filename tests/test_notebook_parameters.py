"""Notebooks run with plain papermill (as its documentation teaches) check their own parameters: a mistake
stops the notebook with one line and no traceback in the cell output, and papermill exits non-zero."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

from kh330lib import paths
from kh330lib.assess import assess_all
from kh330lib.data.dataset import load_dataset
from kh330lib.data.scenarios import load_scenario

pytestmark = pytest.mark.notebook

NOTEBOOK = paths.NOTEBOOKS_DIR / "20_trained_labour.ipynb"


def _run(tmp_path: Path, parameters: dict, notebook: Path = NOTEBOOK) -> tuple[Path, Exception | None]:
    out = tmp_path / "out.ipynb"
    try:
        papermill.execute_notebook(str(notebook), str(out), parameters=parameters, kernel_name="python3",
                                   progress_bar=False, log_output=False, execution_timeout=300)
    except papermill.PapermillExecutionError as exc:
        return out, exc
    return out, None


def _error_lines(out: Path) -> list[str]:
    nb = nbformat.read(str(out), as_version=4)
    return [line for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
            for line in o.traceback]


@pytest.mark.parametrize(("parameters", "message"), [
    ({"lnag": "en"}, "unknown parameter 'lnag' (did you mean 'lang'?)"),
    ({"scenario": "doesnotexist"}, "unknown scenario 'doesnotexist'; the scenarios are the files in "
                                   "params/scenarios/ (baseline, accelerated)"),
    ({"base_year": "abc"}, "parameter 'base_year' must be a whole number, got 'abc'"),
    ({"base_year": 1800}, "parameter 'base_year': 1800 is not a year (write a four-digit year such as 2020; 0 or "
                          "nothing leaves the choice to params/methods.yaml)"),
    ({"base_year": 2030}, "parameter 'base_year': 2030 is not before the latest year of the data"),
    ({"targets": "trained_labour_2030"}, "parameter 'targets' must be a list, got 'trained_labour_2030'"),
    ({"targets": ["trained_labour_2030", "trained_labor_2030"]},
     "parameter 'targets' names an unknown target 'trained_labor_2030' (did you mean 'trained_labour_2030'?)"),
    ({"lang": "fr"}, "parameter 'lang' must be one of vi, en, got 'fr'"),
    ({"as_of": "2999-01-01"}, "parameter 'as_of' is 2999-01-01, after today"),
    # A scenario file with a misspelt key, as `papermill -f FILE` passes it.
    ({"scenario": "mine", "scenario_label_vi": "Của tôi", "scenario_label_en": "Mine", "adjustment": []},
     "unknown parameter 'adjustment' (did you mean 'adjustments'?)"),
    # Values that contradict the named scenario file.
    ({"scenario": "accelerated", "scenario_label_en": "Something else"},
     "scenario 'accelerated' is the file accelerated.yaml but 'scenario_label_en' differs from it"),
])
def test_a_bad_parameter_stops_the_notebook_with_one_line(tmp_path, parameters, message):
    out, error = _run(tmp_path, parameters)
    assert error is not None, "the notebook must not run to the end"
    lines = _error_lines(out)
    assert len(lines) == 1, lines  # one line, no traceback
    assert lines[0].startswith("ParameterError: 20_trained_labour: ") and message in lines[0], lines[0]


def test_a_base_year_at_the_latest_data_is_refused_with_the_reason(tmp_path):
    latest = int(load_dataset().observations["year"].max())
    out, error = _run(tmp_path, {"base_year": latest})
    assert error is not None
    assert _error_lines(out) == [f"ParameterError: 20_trained_labour: parameter 'base_year': {latest} is not before "
                                 f"the latest year of the data ({latest}): no growth can be measured from it (choose "
                                 f"a year before {latest}; 0 or nothing leaves the choice to params/methods.yaml)"]


def test_scenario_by_name_gives_that_scenarios_numbers(tmp_path):
    out, error = _run(tmp_path, {"scenario": "accelerated", "run_id": "test"})
    assert error is None, error
    nb = nbformat.read(str(out), as_version=4)
    html = "\n".join("".join(o.get("data", {}).get("text/html", "")) for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs)
    dataset = load_dataset()
    accelerated = load_scenario("accelerated", dataset.registry)
    assert accelerated.label_vi in html
    a = next(x for x in assess_all(dataset, scenario=accelerated) if x.target.id == "trained_labour_2030")
    b = next(x for x in assess_all(dataset) if x.target.id == "trained_labour_2030")
    median_acc, median_base = a.projection.at(2030)["median"], b.projection.at(2030)["median"]
    assert abs(median_acc - median_base) > 0.5  # the scenario changes the number shown
    # The brief writes the 2030 median with one decimal and a decimal comma.
    assert f"{median_acc:.1f}".replace(".", ",") in html


def test_the_papermill_command_exits_non_zero(tmp_path):
    done = subprocess.run([sys.executable, "-m", "papermill", "-k", "python3", str(NOTEBOOK),
                           str(tmp_path / "out.ipynb"), "-p", "lnag", "en"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode != 0
    assert "ParameterError: 20_trained_labour: unknown parameter 'lnag'" in done.stderr


"""A brief's scenario labels come from the scenario's file: the notebooks keep no copy in their parameters cell."""

from __future__ import annotations

import nbformat
import pytest
import yaml

from kh330lib import paths
from kh330lib.briefs.parameters import check_parameters
from kh330lib.data.catalog import load_registry
from kh330lib.data.scenario_files import read_scenario_file
from kh330lib.errors import ParameterError

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


def _file(scenario: str) -> dict:
    return yaml.safe_load((paths.SCENARIOS_DIR / f"{scenario}.yaml").read_text(encoding="utf-8"))


def _namespace(notebook, **injected) -> dict:
    """The kernel's names after the notebook's parameters cell, then papermill's injected values."""
    nb = nbformat.read(notebook, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    namespace: dict = {}
    # As the kernel runs it: without this module's `from __future__ import annotations`, the types are types.
    exec(compile(cell.source, str(notebook), "exec", dont_inherit=True), namespace)  # noqa: S102
    namespace.update(injected)
    return namespace


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
@pytest.mark.parametrize("scenario", ["baseline", "accelerated"])
def test_a_scenario_named_alone_brings_the_labels_of_its_file(notebook, scenario):
    checked = check_parameters(notebook.stem, _namespace(notebook, scenario=scenario), load_registry())
    file = _file(scenario)
    assert (checked["scenario_label_vi"], checked["scenario_label_en"]) == (file["scenario_label_vi"],
                                                                            file["scenario_label_en"])
    assert len(checked["adjustments"]) == len(file["adjustments"])


def test_the_labels_kh330_run_passes_from_the_file_agree_with_it():
    notebook = paths.NOTEBOOKS_DIR / "10_scorecard.ipynb"
    injected = dict(read_scenario_file("accelerated")[0].values)  # what kh330 run injects (kh330lib.run.plan)
    checked = check_parameters(notebook.stem, _namespace(notebook, **injected), load_registry())
    assert checked["scenario_label_vi"] == _file("accelerated")["scenario_label_vi"]
    with pytest.raises(ParameterError, match="'scenario_label_vi' differs from it"):
        check_parameters(notebook.stem, _namespace(notebook, **{**injected, "scenario_label_vi": "Khác"}),
                         load_registry())


def test_a_scenario_given_whole_keeps_its_own_labels():
    notebook = paths.NOTEBOOKS_DIR / "10_scorecard.ipynb"
    given = {"scenario": "mine", "scenario_label_vi": "Của tôi", "scenario_label_en": "Mine"}
    checked = check_parameters(notebook.stem, _namespace(notebook, **given), load_registry())
    assert (checked["scenario"], checked["scenario_label_vi"], checked["scenario_label_en"]) == ("mine", "Của tôi",
                                                                                                  "Mine")

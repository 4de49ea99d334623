"""Committed notebooks are thin, stripped and parameterised the way papermill expects."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from kh330lib import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
# Every notebook accepts these, so a scenario file can be passed to any of them.
COMMON_PARAMETERS = {"scenario", "scenario_label_vi", "scenario_label_en", "adjustments", "lang", "as_of", "run_id"}
TYPED_LITERAL = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*): (?P<type>int|float|str|bool|list|dict) = .+  # \S.*$")


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _parameters_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ has no .ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    for cell in _nb(path)["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name}: strip outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernel_is_python3(path):
    assert _nb(path)["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_parameters_cell_of_typed_commented_literals(path):
    cells = _parameters_cells(_nb(path))
    assert len(cells) == 1, f"{path.name}: exactly one cell tagged 'parameters'"
    names = set()
    for line in "".join(cells[0]["source"]).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = TYPED_LITERAL.match(line)
        assert m, f"{path.name}: '{line}' is not `name: type = literal  # comment`"
        value = line.split(" = ", 1)[1].split("  #", 1)[0]
        ast.literal_eval(value)  # a literal, never a derived value
        names.add(m.group("name"))
    assert COMMON_PARAMETERS <= names, f"{path.name}: missing {COMMON_PARAMETERS - names}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_thin_no_functions_or_classes(path):
    for cell in _nb(path)["cells"]:
        if cell["cell_type"] == "code":
            tree = ast.parse("".join(cell["source"]))
            defs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))]
            assert not defs, f"{path.name}: logic belongs in kh330lib"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_hard_coded_paths(path):
    for cell in _nb(path)["cells"]:
        src = "".join(cell["source"])
        assert not re.search(r"[\"'](/[A-Za-z0-9._-]+){2,}", src), f"{path.name}: use kh330lib.paths"


def test_scenario_files_only_hold_notebook_parameters():
    import yaml

    for scen in sorted(paths.SCENARIOS_DIR.glob("*.yaml")):
        keys = set(yaml.safe_load(scen.read_text(encoding="utf-8")))
        assert keys <= COMMON_PARAMETERS, f"{scen.name}: {keys - COMMON_PARAMETERS} are not notebook parameters"

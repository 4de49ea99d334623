"""Scenario files as files: where a name or path points (`scenario_path`), which files `--scenario` may name
(`trusted_scenario`), and a file's raw values as papermill passes them (`read_scenario_file`). The data
libraries are not needed here: the command line and the run's first checks read scenario files through this
module; kh330lib.data.scenarios checks and builds the scenarios themselves."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .. import paths
from ..errors import InputError, Problem, problem, short
from ..files import sha256_file, to_jsonable
from ..yamlio import LineDict, load_yaml

BASELINE_NAME = "baseline"


def scenario_path(path_or_name: str | Path) -> Path:
    """params/scenarios/NAME.yaml for a bare name; anything that looks like a file is that file (resolved)."""
    p = Path(path_or_name)
    if p.suffix in (".yaml", ".yml") or len(p.parts) > 1:
        return p.expanduser().resolve()
    return paths.SCENARIOS_DIR / f"{p.name}.yaml"


# Folders besides params/ whose scenario files the command line accepts (os.pathsep-separated): for a
# researcher's own folder or test fixtures. A scheduled job's --scenario cannot point anywhere else on disk.
TRUSTED_DIRS_ENV = "KH330_SCENARIO_DIRS"


def trusted_scenario(path_or_name: str | Path) -> str | Path:
    """`--scenario` as given, once it is a name in params/scenarios/ or a file inside params/ (InputError if not).

    Bare names are checked by the loader (with the closest known name); a path must lie inside the
    project's params folder or a folder named in the KH330_SCENARIO_DIRS environment variable.
    """
    path = scenario_path(path_or_name)
    if path.parent == paths.SCENARIOS_DIR and Path(path_or_name).suffix == "":
        return path_or_name
    roots = [paths.PARAMS_DIR.resolve(), *(Path(d).expanduser().resolve()
                                           for d in os.environ.get(TRUSTED_DIRS_ENV, "").split(os.pathsep) if d)]
    if not any(path.is_relative_to(root) for root in roots):
        raise InputError([problem(path, None, None, "--scenario takes a scenario name or a file inside the "
                                  f"project's params folder ({paths.display(paths.PARAMS_DIR)}/)",
                                  f"copy the file to {paths.display(paths.SCENARIOS_DIR)}/ and give its name; "
                                  f"available: {', '.join(scenario_names())}")])
    if path.suffix not in (".yaml", ".yml"):
        raise InputError([problem(path, None, None, "a scenario file must be a .yaml file",
                                  "give a scenario name or a .yaml file under params/scenarios/")])
    return path_or_name


def scenario_names() -> list[str]:
    """Names of the scenario files under params/scenarios/, baseline first."""
    return sorted((p.stem for p in paths.SCENARIOS_DIR.glob("*.yaml")), key=lambda n: (n != BASELINE_NAME, n))


def missing_scenario(path_or_name: str | Path, path: Path) -> Problem:
    """The problem of a scenario that is not there, with the closest known name."""
    known = scenario_names()
    close = difflib.get_close_matches(path.stem, known, n=1)
    fix = (f"did you mean '{short(close[0])}'?" if close else
           f"available: {', '.join(known)}" if known else f"create {paths.display(path)}")
    return problem(path, None, None, f"scenario '{short(path_or_name)}' not found", fix, kind="field")


@dataclass(frozen=True)
class ScenarioFile:
    """A scenario file as papermill passes it: its name (the file stem), its values and the line of each key."""

    name: str
    path: Path
    values: Mapping[str, Any]
    lines: Mapping[str, int]
    sha256: str

    def label(self, lang: str) -> str:
        return str(self.values.get(f"scenario_label_{lang}", self.name))


def read_scenario_file(path_or_name: str | Path) -> tuple[ScenarioFile | None, list[Problem]]:
    """A scenario file's raw parameters (as papermill will pass them); problems for a missing file or a non-mapping."""
    path = scenario_path(path_or_name)
    if not path.exists():
        return None, [missing_scenario(path_or_name, path)]
    try:
        data = load_yaml(path)
    except InputError as exc:
        return None, exc.problems
    if not isinstance(data, dict):
        return None, [problem(path, 1, None, "must be a mapping of parameter names to values",
                              "write one 'name: value' per line", kind="field")]
    lines = dict(data.key_lines) if isinstance(data, LineDict) else {}
    return ScenarioFile(path.stem, path, to_jsonable(data), lines, sha256_file(path)), []

"""What `kh330 run` will do, checked before anything is written: options, scenario files, notebooks, parameters."""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from .. import paths
from ..data.catalog import Registry
from ..data.dataset import collect_dataset
from ..data.scenario_files import ScenarioFile, read_scenario_file, scenario_names, scenario_path
from ..data.scenarios import load_scenario
from ..data.tables import Dataset
from ..data.topics import collect_topics
from ..data.wards import collect_rules
from ..errors import InputError, Problem, problem, quote
from ..files import check_output_path
from ..store.keys import file_hash, hash_files, input_files
from ..store.settings import load_methods
from .inputs import RunInputs, run_inputs
from .manifest import DataVintage, data_vintage
from .options import LATEST, RUNS, RunOptions, find_notebooks
from .unchanged import input_hashes, run_files, shared_inputs

# Set by the runner on every notebook; scenario files must not set them.
RUNNER_KEYS = {"lang": "remove it; --lang chooses the language", "run_id": "remove it; each run gets its own"}


@dataclass(frozen=True)
class NotebookSpec:
    """A notebook to run and its declared parameters (from papermill.inspect_notebook)."""

    path: Path
    parameters: Mapping[str, Mapping[str, Any]]
    sha256: str

    @property
    def name(self) -> str:
        return self.path.stem

    def defaults(self) -> dict[str, Any]:
        """Default values of the parameters cell, as Python values where they are literals."""
        out = {}
        for key, info in self.parameters.items():
            text = info.get("default")
            try:
                out[key] = ast.literal_eval(text)
            except (ValueError, SyntaxError, TypeError):
                out[key] = text  # an expression: recorded as written
        return out


@dataclass(frozen=True)
class Plan:
    """Validated inputs of a run: what will be executed, before anything is written."""

    options: RunOptions
    scenarios: tuple[ScenarioFile, ...]
    notebooks: tuple[NotebookSpec, ...]
    vintage: DataVintage
    input_hashes: Mapping[str, str]
    # The hashes each brief is keyed by (None: every brief is rebuilt), and the dataset they were computed from.
    inputs: RunInputs | None = None
    dataset: Dataset | None = None

    def parameters(self, sc: ScenarioFile, nb: NotebookSpec, lang: str, run_id: str) -> tuple[dict, dict]:
        """(what papermill injects, the resolved parameters: the notebook's defaults overridden by those)."""
        injected = {**sc.values, "lang": lang, "run_id": run_id}
        if self.options.as_of:
            injected["as_of"] = self.options.as_of
        return injected, {**nb.defaults(), **injected}


def _scenario_content_problems(scenario: ScenarioFile, registry: Registry, reported: list[Problem]) -> list[Problem]:
    """Labels and adjustments checked by kh330lib.data.scenarios, without repeating a key already reported."""

    try:
        load_scenario(scenario.path, registry)
    except InputError as exc:
        seen = {(p.path, p.line, p.field) for p in reported}
        return [p for p in exc.problems if (p.path, p.line, p.field) not in seen]
    return []


def _other_scenario_problems(scenarios: Sequence[ScenarioFile], registry: Registry,
                             reported: list[Problem]) -> list[Problem]:
    """Every other file of params/scenarios/: the scenarios brief compares them all, so a broken draft there
    would fail it after the other briefs ran; it is refused before anything runs instead."""
    found: list[Problem] = []
    running = {sc.path.resolve() for sc in scenarios}
    for name in scenario_names():
        path = scenario_path(name)
        if path.resolve() in running:
            continue
        sc, problems = read_scenario_file(name)
        found += problems
        if sc is not None:
            found += _scenario_content_problems(sc, registry, [*reported, *found])
    return found


def inspect_notebook(path: Path) -> tuple[NotebookSpec | None, list[Problem]]:
    """The parameters a notebook declares; a problem when it cannot be read or has no parameters cell."""
    import papermill

    try:
        params = papermill.inspect_notebook(str(path))
    except Exception as exc:  # noqa: BLE001 - any unreadable notebook is an input problem
        return None, [problem(path, None, None, f"not a readable notebook ({type(exc).__name__}: {exc})",
                              "open and save it again in JupyterLab", kind="field")]
    if not params:
        return None, [problem(path, None, None, "no cell tagged 'parameters'",
                              "tag the cell holding the defaults 'parameters'", kind="field")]
    return NotebookSpec(path, params, file_hash(path)), []


_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
                                       "list": (list,), "dict": (dict,)}


def _type_problem(value: Any, inferred: str | None) -> str | None:
    expected = _TYPES.get((inferred or "").split("[")[0].strip())
    if expected is None or value is None:
        return None
    if isinstance(value, bool) and bool not in expected:
        return f"{quote(value)} is a boolean"
    return None if isinstance(value, expected) else f"{quote(value)} is {type(value).__name__}"


def check_parameters(scenarios: Sequence[ScenarioFile], notebooks: Sequence[NotebookSpec],
                     injected: Sequence[str]) -> list[Problem]:
    """Every key of every scenario file must be a parameter of every notebook run, with the right type;
    every key the runner injects must be declared by every notebook."""
    problems: list[Problem] = []
    for nb in notebooks:
        for key in injected:
            if key not in nb.parameters:
                problems.append(problem(nb.path, None, key, "missing from the cell tagged 'parameters'",
                                        f"add {key}: str = \"\" to that cell", kind="field"))
    for sc in scenarios:
        for key, value in sc.values.items():
            line = sc.lines.get(key)
            if key in RUNNER_KEYS:
                problems.append(problem(sc.path, line, key, "is set by kh330 run, not by scenario files",
                                        RUNNER_KEYS[key], kind="field"))
                continue
            unknown = [nb for nb in notebooks if key not in nb.parameters]
            if unknown:
                where = paths.display(unknown[0].path)
                if len(unknown) > 1:
                    where += f" and {len(unknown) - 1} other notebook{'s' if len(unknown) > 2 else ''}"
                known = sorted({k for nb in unknown for k in nb.parameters} - set(RUNNER_KEYS))
                close = difflib.get_close_matches(key, known, n=1)
                fix = f"did you mean '{close[0]}'?" if close else f"parameters are: {', '.join(known)}"
                problems.append(problem(sc.path, line, key, f"not a parameter of {where}", fix, kind="field"))
                continue
            for nb in notebooks:
                wrong = _type_problem(value, nb.parameters[key].get("inferred_type_name"))
                if wrong:
                    expected = nb.parameters[key]["inferred_type_name"]
                    problems.append(problem(sc.path, line, key,
                                            f"{wrong}, but {paths.display(nb.path)} expects {expected}",
                                            f"write a {expected} value", kind="field"))
                    break
    return problems


def check_reports_dir(reports: Path, notebooks_dir: Path | None = None) -> None:
    """Refuse a reports folder in data/, params/, notebooks/, kh330lib/ or the checkout root (InputError, exit 2)."""
    # Runs, `latest`, the lock and pruning must never touch the inputs or the code, even through a symlinked
    # runs/ or latest/ (files.check_output_path follows every link).
    reports = Path(reports).expanduser()
    for where in (reports, reports / RUNS, reports / LATEST):
        check_output_path(where, "--out reports folder")
    where = reports.resolve()
    what = None
    if notebooks_dir is not None:
        folder = Path(notebooks_dir).resolve()
        if where == folder or folder in where.parents:
            what = f"inside {paths.display(folder).rstrip('/')}/"
    if what is None and where == paths.ROOT.resolve():
        what = "the checkout root"
    if what:
        raise InputError([Problem("kh330 run", None, None, f"--out reports folder must not be {what} ({where}); "
                                  "choose e.g. reports/ or a folder outside the checkout")])


def prepare(options: RunOptions) -> Plan:
    """Validate everything a run reads (data as `kh330 check`, scenarios, notebook parameters).

    Raises InputError (exit 2) listing every problem; nothing is written.
    """
    check_reports_dir(options.reports_dir, options.notebooks_dir)  # first: nothing else matters if it is wrong
    check_output_path(paths.CACHE_DIR, "cache folder (KH330_CACHE_DIR)")  # the notebooks store tables there
    dataset, problems = collect_dataset(as_of=options.as_of)
    scenarios: list[ScenarioFile] = []
    for name in options.scenarios:
        sc, found = read_scenario_file(name)
        problems += found
        if sc is not None:
            if any(s.name == sc.name for s in scenarios):
                problems.append(problem(sc.path, None, None, f"scenario '{sc.name}' given twice",
                                        "name each scenario once", kind="field"))
            else:
                scenarios.append(sc)
    for sc in scenarios:
        problems += _scenario_content_problems(sc, dataset.registry, problems)
    problems += _other_scenario_problems(scenarios, dataset.registry, problems)
    if problems:
        # Bad data or scenario files: refused at once, before the notebooks are even read.
        raise InputError(problems)
    notebook_paths, found = find_notebooks(options.notebooks_dir, options.only)
    problems += found
    notebooks = []
    for path in notebook_paths:
        spec, found = inspect_notebook(path)
        problems += found
        if spec is not None:
            notebooks.append(spec)
    injected = list(RUNNER_KEYS) + (["as_of"] if options.as_of else [])
    problems += check_parameters(scenarios, notebooks, injected)
    problems += collect_topics(dataset.registry)[1]
    if problems:
        raise InputError(problems)
    files = run_files(notebook_paths, [s.path for s in scenarios])
    return Plan(options, tuple(scenarios), tuple(notebooks), data_vintage(dataset), input_hashes(files),
                _run_inputs(dataset, options), dataset)


def _run_inputs(dataset: Dataset, options: RunOptions) -> RunInputs:
    """The hashes every brief of the run is keyed by (see kh330lib.run.inputs)."""
    methods = load_methods()
    rules, _ = collect_rules(dataset.registry)  # its problems were reported with the dataset's
    scenario_files = hash_files({f.name: f for f in input_files(paths.SCENARIOS_DIR)}) \
        if paths.SCENARIOS_DIR.is_dir() else {}
    return run_inputs(dataset, methods, rules, shared_inputs(options.notebooks_dir), scenario_files)

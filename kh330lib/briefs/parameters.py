"""A brief notebook's parameters, checked by the notebook itself, however it is run (kh330 run, plain papermill
with `-p`/`-f`, JupyterLab): names, types, values, known targets and scenarios.

The notebook's `parameters` cell declares each parameter with a type (`lang: str = "vi"`), so the kernel's
`__annotations__` list the declared names; papermill injects overrides as plain assignments after that cell.
A literal value in the namespace that was never declared is therefore a misspelt or unknown parameter.
A problem stops the notebook with one line (IPython shows `_render_traceback_` instead of a traceback).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any, Mapping

from ..data.catalog import Registry
from ..data.rules import base_year_problem
from ..data.scenario_files import read_scenario_file, scenario_names, scenario_path
from ..data.scenarios import BASELINE, load_scenario
from ..errors import InputError, ParameterError, quote
from ..fmt import LANGS

# Names the kernel itself defines with literal values (IPython's input/output history).
KERNEL_NAMES = frozenset({"In", "Out", "exit", "quit"})
LITERALS = (str, int, float, bool, list, dict, tuple, type(None))
TYPE_WORDS = {str: "a text", int: "a whole number", float: "a number", list: "a list", bool: "true or false",
              dict: "a mapping"}
SCENARIO_KEYS = ("scenario", "scenario_label_vi", "scenario_label_en", "adjustments")


@dataclass(frozen=True)
class Parameters:
    """A brief's parameters after the checks, with the scenario's values filled in from its file."""

    values: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def _closest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _declared(namespace: Mapping[str, Any]) -> dict[str, type]:
    annotations = namespace.get("__annotations__") or {}
    return {k: v for k, v in annotations.items() if isinstance(v, type)}


def check_parameters(notebook: str, namespace: Mapping[str, Any], registry: Registry) -> Parameters:
    """Every parameter of the notebook's namespace checked; ParameterError names the first problem in one line."""
    declared = _declared(namespace)
    if not declared:
        raise ParameterError(f"{notebook}: no typed parameters cell found (write e.g. lang: str = \"vi\" in the "
                             "cell tagged 'parameters', then call open_brief with globals())")
    known = list(declared)
    for name, value in namespace.items():
        if name.startswith("_") or name in KERNEL_NAMES or name in declared or not isinstance(value, LITERALS):
            continue
        raise ParameterError(f"{notebook}: unknown parameter '{name}'{_closest(name, known)}; this notebook's "
                             f"parameters are {', '.join(known)}")
    values = {name: namespace.get(name) for name in declared}
    for name, kind in declared.items():
        value = values[name]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise ParameterError(f"{notebook}: parameter '{name}' must be {TYPE_WORDS.get(kind, kind.__name__)}, "
                                 f"got {quote(value)}{_type_hint(name, kind)}")
    _check_values(notebook, values, registry)
    values.update(_scenario_values(notebook, values))
    return Parameters(values)


def _type_hint(name: str, kind: type) -> str:
    if kind is list and name == "targets":
        return " (papermill: -y 'targets: [trained_labour_2030, hightech_cert_2030]')"
    if kind is int and name == "base_year":
        return " (a year such as 2020, or 0 for the rule of params/methods.yaml)"
    return ""


def _check_values(notebook: str, values: Mapping[str, Any], registry: Registry) -> None:
    if "lang" in values and values["lang"] not in LANGS:
        raise ParameterError(f"{notebook}: parameter 'lang' must be one of {', '.join(LANGS)}, "
                             f"got {quote(values['lang'])}")
    as_of = values.get("as_of") or ""
    if as_of:
        try:
            date = dt.date.fromisoformat(as_of)
        except ValueError:
            raise ParameterError(f"{notebook}: parameter 'as_of' must be a date YYYY-MM-DD (or empty), "
                                 f"got {quote(as_of)}") from None
        if date > dt.date.today():
            raise ParameterError(f"{notebook}: parameter 'as_of' is {as_of}, after today ({dt.date.today()}): "
                                 "the data as known on that day are not known yet; give today or an earlier date")
    # The latest data year is checked by open_brief, once the data are read (kh330lib.data.rules).
    wrong = base_year_problem(values.get("base_year"), None)
    if wrong:
        raise ParameterError(f"{notebook}: parameter 'base_year': {wrong[0]} ({wrong[1]})")
    ids = [tg.id for tg in registry.targets]
    for target in values.get("targets") or ():
        if not isinstance(target, str) or target not in ids:
            raise ParameterError(f"{notebook}: parameter 'targets' names an unknown target {quote(target)}"
                                 f"{_closest(str(target), ids) if isinstance(target, str) else ''}")


def _scenario_values(notebook: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """`scenario` naming a file of params/scenarios/ brings that file's labels and adjustments.

    The notebooks leave the labels empty, so the file is their one source. Values passed together with the name
    (as `kh330 run` and `papermill -f FILE` do) must agree with the file; a name that is not a file is allowed
    only with its own adjustments or labels (a scenario given whole).
    """
    name = values.get("scenario")
    if name is None or "scenario" not in values:
        return {}
    given = {k: values[k] for k in SCENARIO_KEYS if k in values}
    defaults = {"scenario_label_vi": "", "scenario_label_en": "", "adjustments": []}
    passed_whole = any(given.get(k) not in (None, "", defaults[k]) for k in defaults if k in given)
    path = scenario_path(name)
    if not path.exists() or path.parent != scenario_path(BASELINE.name).parent:
        if passed_whole:
            return {}
        known = scenario_names()
        raise ParameterError(f"{notebook}: unknown scenario '{name}'{_closest(name, known)}; the scenarios are the "
                             f"files in params/scenarios/ ({', '.join(known)})")
    found, problems = read_scenario_file(name)
    if found is None:
        raise ParameterError(f"{notebook}: {problems[0]}")
    file_values = {k: found.values.get(k) for k in SCENARIO_KEYS[1:]}
    if passed_whole:
        # Values still at the notebook's defaults were not passed; the file fills them in.
        differ = [k for k in file_values if k in given and given[k] not in (None, "", defaults[k])
                  and given[k] != file_values[k]]
        if differ:
            raise ParameterError(f"{notebook}: scenario '{name}' is the file {path.name} but '{differ[0]}' differs "
                                 f"from it (pass only -p scenario {name}, or give your own scenario file with -f and "
                                 "a new name)")
    return file_values


def scenario_problem(exc: InputError, name: str = "", registry: Registry | None = None) -> ParameterError:
    """A scenario's validation problems (as `kh330 check` words them) as the one line a notebook stops with.

    When the scenario is a file of params/scenarios/ (as `papermill -f FILE` passes it) and that file has
    the problems too, they are named by the file's lines rather than as parameters.
    """
    problems = exc.problems
    path = scenario_path(name) if name else None
    if path is not None and path.parent == scenario_path(BASELINE.name).parent and path.exists():
        try:
            load_scenario(path, registry)
        except InputError as in_file:
            problems = in_file.problems
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return ParameterError(f"{problems[0]}{more}")

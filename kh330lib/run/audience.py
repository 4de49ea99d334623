"""Who a run is for: params/publish.yaml names the scenarios and languages leadership read (reports/latest/);
any other run is an exploration, written to reports/explore/<scenarios>/ and never published over them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .. import paths
from ..data.scenario_files import scenario_names
from ..errors import InputError, Problem, problem, quote, short
from ..fmt import LANGS
from ..yamlio import LineDict, load_yaml

EXPLORE = "explore"


@dataclass(frozen=True)
class PublishSet:
    """The scenarios and languages of the leadership briefs."""

    scenarios: tuple[str, ...]
    langs: tuple[str, ...]

    def covers(self, scenarios: Sequence[str], langs: Sequence[str], only: Sequence[str]) -> bool:
        """Whether a run of these is the leadership run (every brief of the set, nothing else)."""
        return not only and set(scenarios) == set(self.scenarios) and set(langs) == set(self.langs)


def _names(data: Any, key: str, known: Sequence[str], p: Path, problems: list[Problem]) -> tuple[str, ...]:
    value = data.get(key)
    line = data.line_of(key) if isinstance(data, LineDict) else None
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        problems.append(problem(p, line, key, f"must be a non-empty list of names, got {quote(value)}",
                                f"write e.g. '{key}: [{known[0] if known else '...'}]'", kind="field"))
        return ()
    for v in value:
        if v not in known:
            problems.append(problem(p, line, key, f"unknown name '{short(v)}'", f"use one of: {', '.join(known)}",
                                    kind="field"))
    if len(set(value)) != len(value):
        problems.append(problem(p, line, key, "a name is given twice", "name each once", kind="field"))
    return tuple(value)


def load_publish_set(path: Path | str | None = None) -> PublishSet:
    """Read params/publish.yaml; InputError names each bad line."""
    p = Path(path or paths.PUBLISH)
    data = load_yaml(p)
    if not isinstance(data, dict):
        raise InputError([problem(p, 1, None, "must be a mapping with keys source, scenarios, langs",
                                  "see the comments of the shipped file", kind="field")])
    problems: list[Problem] = []
    for key in data:
        if key not in ("source", "scenarios", "langs"):
            problems.append(problem(p, data.line_of(key) if isinstance(data, LineDict) else None, str(key),
                                    "unknown key", "use only source, scenarios and langs", kind="field"))
    if not isinstance(data.get("source"), str) or not data["source"].strip():
        problems.append(problem(p, None, "source", "missing", "say who decided what leadership read",
                                kind="field"))
    scenarios = _names(data, "scenarios", scenario_names(), p, problems)
    langs = _names(data, "langs", list(LANGS), p, problems)
    if problems:
        raise InputError(problems)
    return PublishSet(scenarios, langs)


def explore_dir(reports: Path, scenarios: Sequence[str]) -> Path:
    """reports/explore/<scenario>[+<scenario>…]/: an exploration's own runs/ and latest/."""
    return Path(reports) / EXPLORE / "+".join(scenarios)

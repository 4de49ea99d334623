"""Scenarios: params/scenarios/*.yaml (also papermill parameter files) → validated `Scenario` objects and
assumed observations (the trend adjustments themselves are applied by `kh330lib.methods.adjust`).

A scenario file has exactly four top-level keys, because papermill passes each
one to the notebooks as a parameter: `scenario`, `scenario_label_vi`,
`scenario_label_en` and `adjustments`. Documentation goes in YAML comments.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import paths
from ..errors import InputError, Problem, quote, short
from ..yamlio import BUILTIN, LineDict, load_yaml
from .catalog import ID_RE, Indicator, Registry
from .rules import change_problem, multiplier_problem, value_problem, year_problem
from .scenario_files import BASELINE_NAME, missing_scenario, scenario_names, scenario_path

# The format, shared with the README's "Write a scenario" section (tests/test_readme.py compares them).
SCHEMA_FILE = Path(__file__).with_name("scenario_schema.yaml")
SCHEMA = load_yaml(SCHEMA_FILE, fixed=BUILTIN)  # shipped with the code: not bounded by params/
TOP_KEYS = tuple(SCHEMA["top_keys"])
# Keys every adjustment may carry, and the numbers each type needs.
COMMON_KEYS = set(SCHEMA["common_keys"])
TYPE_KEYS: dict[str, dict[str, str]] = {k: dict(v["fields"]) for k, v in SCHEMA["types"].items()}
OPTIONAL_TYPE_KEYS: dict[str, set[str]] = {k: set(v["optional"]) for k, v in SCHEMA["types"].items() if v["optional"]}
# Source id written on assumed observations (status `assumption`).
ASSUMPTION_SOURCE = "scenario:{name}"


@dataclass(frozen=True)
class Adjustment:
    """One documented change to the trend of one indicator."""

    indicator: str
    type: str
    rationale: str
    source: str = ""
    geo: str | None = None
    breakdown: str | None = None
    from_year: int | None = None
    points: float | None = None
    multiplier: float | None = None
    target: str | None = None
    values: tuple[tuple[int, float], ...] = ()
    line: int | None = None
    rationale_vi: str = ""

    def rationale_in(self, lang: str) -> str:
        """The rationale in the reader's language (English when no Vietnamese text is given)."""
        return self.rationale_vi if lang == "vi" and self.rationale_vi else self.rationale

    def applies_to(self, indicator: str, geo: str, breakdown: str) -> bool:
        return (self.indicator == indicator and (self.geo is None or self.geo == geo)
                and (self.breakdown is None or self.breakdown == breakdown))


@dataclass(frozen=True)
class Scenario:
    """A named set of adjustments; `baseline` has none."""

    name: str
    label_vi: str
    label_en: str
    adjustments: tuple[Adjustment, ...] = ()
    path: str | None = None

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def for_series(self, indicator: str, geo: str, breakdown: str = "") -> tuple[Adjustment, ...]:
        return tuple(a for a in self.adjustments if a.applies_to(indicator, geo, breakdown))


# The built-in baseline, standing in where params/scenarios/baseline.yaml is missing: no adjustments, and no labels
# of its own (the file carries them; without it, kh330lib.words.scenario_label says what it is).
BASELINE = Scenario(BASELINE_NAME, "", "")


# ---------------------------------------------------------------- validation

class _Issues:
    """Problems found in one scenario, located by file and line when known."""

    def __init__(self, where: str, path: Path | None):
        self.where = where
        self.path = path
        # Shown once: resolving the path for each of thousands of problems in a hostile file took seconds.
        self.shown = paths.display(path) if path is not None else where
        self.items: list[Problem] = []

    def add(self, node: Any, key: Any, message: str, fix: str, *, field: str | None = None) -> None:
        """A problem at `key` of `node` (its line), reported under `field` (default: the key)."""
        line = None
        if isinstance(node, LineDict):
            line = node.line_of(key) if key is not None else node.line
        field = field or key
        if self.path is not None:
            self.items.append(Problem(self.shown, line, field, message, fix, kind="field"))
        else:
            self.items.append(Problem(self.where, line, field, message, fix, kind="parameter"))


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and np.isfinite(v)


def _is_year(v: Any) -> bool:
    return year_problem(v) is None


def _text(issues: _Issues, node: Any, key: str, required: bool = True) -> str | None:
    value = node.get(key) if isinstance(node, Mapping) else None
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            issues.add(node, key, "missing", f"add '{key}:' with a short text")
        return None
    if not isinstance(value, str):
        issues.add(node, key, f"must be text, not {type(value).__name__}", "write it as a quoted string")
        return None
    return value.strip()


def _adjustment(issues: _Issues, node: Any, index: int, registry: Registry | None) -> Adjustment | None:
    if not isinstance(node, Mapping):
        issues.add(None, "adjustments", f"adjustment {index + 1} is not a mapping",
                   "write each adjustment as '- indicator: ...' with indented fields")
        return None
    n_before = len(issues.items)
    kind = _text(issues, node, "type")
    if kind is not None and kind not in TYPE_KEYS:
        issues.add(node, "type", f"unknown adjustment type '{short(kind)}'", f"use one of: {', '.join(TYPE_KEYS)}")
        kind = None
    allowed = COMMON_KEYS | set(TYPE_KEYS.get(kind or "", {})) | OPTIONAL_TYPE_KEYS.get(kind or "", set())
    for key in node:
        if kind is not None and key not in allowed:
            issues.add(node, key, f"unknown field in a {kind} adjustment",
                       f"remove it or use one of: {', '.join(sorted(allowed))}")
    indicator = _text(issues, node, "indicator")
    if indicator and registry is not None and indicator not in registry.indicators:
        issues.add(node, "indicator", f"unknown indicator '{short(indicator)}'",
                   "use an id from params/indicators.yaml")
    elif indicator and not ID_RE.match(indicator):
        issues.add(node, "indicator", f"'{short(indicator)}' is not a valid id", "use lower-case letters, digits and _")
    rationale = _text(issues, node, "rationale")
    source = _text(issues, node, "source", required=False) or ""
    geo = _text(issues, node, "geo", required=False)
    if geo and registry is not None and geo not in registry.geos:
        issues.add(node, "geo", f"unknown geo '{short(geo)}'", "use a code from params/geos.yaml")
    breakdown = _text(issues, node, "breakdown", required=False)
    if breakdown and registry is not None and indicator in registry.indicators and \
            breakdown not in registry.indicators[indicator].breakdowns:
        issues.add(node, "breakdown", f"'{short(breakdown)}' is not a breakdown of {indicator}",
                   f"use one of: {', '.join(registry.indicators[indicator].breakdowns) or 'none (omit it)'}")
    fields: dict[str, Any] = {}
    for key, what in TYPE_KEYS.get(kind or "", {}).items():
        value = node.get(key)
        if value is None:
            hint = {"number": "e.g. 0.5", "year": "e.g. 2026", "mapping": "e.g. {2024: 0.42}"}[what]
            issues.add(node, key, "missing", f"add '{key}:' ({hint})")
        elif what == "number" and not _is_number(value):
            issues.add(node, key, f"must be a number, got {quote(value)}",
                       "write digits with a decimal point, e.g. 0.5")
        elif what == "year" and year_problem(value):
            issues.add(node, key, *year_problem(value))
        elif what == "mapping":
            if not isinstance(value, Mapping) or not value:
                issues.add(node, key, f"must map years to values, got {quote(value)}", "write e.g. {2024: 0.42}")
            else:
                pairs = []
                for y, v in value.items():
                    year = int(y) if isinstance(y, str) and y.isascii() and y.isdigit() else y
                    if not _is_year(year) or not _is_number(v):
                        issues.add(value if isinstance(value, LineDict) else node, y if isinstance(value, LineDict)
                                   else key, f"entry {quote(y)}: {quote(v)} is not 'year: number'",
                                   "write e.g. 2024: 0.42", field=key)
                    else:
                        pairs.append((int(year), float(v)))
                value = tuple(sorted(pairs))
        fields[key] = value
    ind = registry.indicators.get(indicator or "") if registry is not None else None
    _value_rules(issues, node, kind, fields, ind)
    target = None
    if kind == "straight_path_to_target":
        target = _text(issues, node, "target", required=False)
        if target and registry is not None:
            known = {t.id: t for t in registry.targets}
            if target not in known:
                issues.add(node, "target", f"unknown target '{short(target)}'", "use an id from params/targets.yaml")
            elif known[target].indicator != indicator:
                issues.add(node, "target", f"target '{target}' measures {known[target].indicator}, not {indicator}",
                           "name a target of this indicator, or omit 'target' to use each target's own")
    if len(issues.items) > n_before or indicator is None or kind is None or rationale is None:
        return None
    line = node.line if isinstance(node, LineDict) else None
    return Adjustment(indicator, kind, rationale, source, geo, breakdown, fields.get("from_year"),
                      float(fields["points"]) if "points" in fields else None,
                      float(fields["multiplier"]) if "multiplier" in fields else None,
                      target, fields.get("values", ()), line,
                      _text(issues, node, "rationale_vi", required=False) or "")


def _value_rules(issues: _Issues, node: Any, kind: str | None, fields: Mapping[str, Any],
                 ind: Indicator | None) -> None:
    """The rules observations and workbooks follow (kh330lib.data.rules), for the numbers of one adjustment."""
    if kind == "growth_multiplier" and _is_number(fields.get("multiplier")):
        wrong = multiplier_problem(fields["multiplier"])
        if wrong:
            issues.add(node, "multiplier", *wrong)
    if ind is None:
        return
    if kind == "extra_points_per_year" and _is_number(fields.get("points")):
        wrong = change_problem(fields["points"], ind)
        if wrong:
            issues.add(node, "points", *wrong)
    if kind == "assumed_value" and isinstance(fields.get("values"), tuple):
        values = node.get("values")
        for year, value in fields["values"]:
            wrong = value_problem(value, ind, of=ind.id)
            if wrong:
                message, fix = wrong
                # The line of the year's own entry when the mapping is written one entry per line.
                at, key = (values, year) if isinstance(values, LineDict) and year in values.key_lines else \
                    (node, "values")
                issues.add(at, key, f"{year}: {message}", fix, field="values")


def _build(data: Any, issues: _Issues, registry: Registry | None) -> Scenario:
    if not isinstance(data, Mapping):
        issues.add(None, None, "expected a mapping with keys " + ", ".join(TOP_KEYS),
                   "start with 'scenario: NAME'")
        raise InputError(issues.items)
    for key in data:
        if key not in TOP_KEYS:
            close = difflib.get_close_matches(str(key), TOP_KEYS, n=1)
            issues.add(data, key, "unknown top-level key (papermill would pass it to the notebooks as a parameter)",
                       f"did you mean '{short(close[0])}'?" if close else
                       f"use only {', '.join(TOP_KEYS)}; put explanations in # comments")
    name = _text(issues, data, "scenario")
    if name and not ID_RE.match(name):
        issues.add(data, "scenario", f"'{short(name)}' is not a valid name", "use lower-case letters, digits and _")
    label_vi = _text(issues, data, "scenario_label_vi")
    label_en = _text(issues, data, "scenario_label_en")
    raw = data.get("adjustments")
    adjustments: list[Adjustment] = []
    if raw is None and "adjustments" not in data:
        issues.add(data, "adjustments", "missing", "add 'adjustments: []' (baseline) or a list of adjustments")
    elif raw is not None and not isinstance(raw, list):
        issues.add(data, "adjustments", f"must be a list, got {type(raw).__name__}",
                   "write '- indicator: ...' entries, or [] for none")
    else:
        for i, node in enumerate(raw or []):
            adj = _adjustment(issues, node, i, registry)
            if adj is not None:
                adjustments.append(adj)
    if issues.items:
        raise InputError(issues.items)
    return Scenario(name or "", label_vi or "", label_en or "", tuple(adjustments),
                    paths.display(issues.path) if issues.path else None)


def load_scenario(path_or_name: str | Path, registry: Registry | None = None) -> Scenario:
    """Read and validate a scenario file (or params/scenarios/NAME.yaml); InputError names each bad line."""
    p = scenario_path(path_or_name)
    if not p.exists():
        raise InputError([missing_scenario(path_or_name, p)])
    return _build(load_yaml(p), _Issues(paths.display(p), p), registry)


def default_scenario(registry: Registry | None = None) -> Scenario:
    """The shipped baseline file (it carries the labels); the built-in baseline only stands in without it."""
    shipped = scenario_path(BASELINE.name)
    return load_scenario(shipped, registry) if shipped.exists() else BASELINE


def resolve_scenario(scenario: Scenario | str | Path | None, registry: Registry | None = None) -> Scenario:
    """A Scenario as given, loaded from a name or path, or the default baseline for None."""
    if scenario is None:
        return default_scenario(registry)
    if isinstance(scenario, Scenario):
        return scenario
    return load_scenario(scenario, registry)


def scenario_set(current: Scenario, registry: Registry | None = None) -> list[Scenario]:
    """Every scenario file (baseline first), with this run's scenario in place of its namesake or added."""
    out = [load_scenario(name, registry) for name in scenario_names()]
    names = [s.name for s in out]
    if current.name in names:
        out[names.index(current.name)] = current
    else:
        out.append(current)
    return out


def from_parameters(scenario: str, adjustments: Sequence[Mapping] | None = None, scenario_label_vi: str = "",
                    scenario_label_en: str = "", *, registry: Registry | None = None) -> Scenario:
    """Rebuild a Scenario from the parameters papermill injected into a notebook."""
    data = {"scenario": scenario, "scenario_label_vi": scenario_label_vi or scenario,
            "scenario_label_en": scenario_label_en or scenario, "adjustments": list(adjustments or [])}
    return _build(data, _Issues("scenario parameters", None), registry)


# ---------------------------------------------------------------- applying a scenario

def with_assumptions(series: pd.DataFrame, adjustments: Sequence[Adjustment], scenario: str) -> pd.DataFrame:
    """Add assumed values as rows with status `assumption`; an observed year keeps its observation."""
    rows = []
    have = set(int(y) for y in series["year"]) if len(series) else set()
    for adj in adjustments:
        if adj.type != "assumed_value":
            continue
        for year, value in adj.values:
            if year not in have:
                rows.append({"year": year, "value": value, "status": "assumption",
                             "source": ASSUMPTION_SOURCE.format(name=scenario), "period": ""})
                have.add(year)
    if not rows:
        return series
    extra = pd.DataFrame(rows, columns=["year", "value", "status", "source", "period"])
    frames = [f for f in (series, extra) if len(f)]
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else extra
    out["year"] = out["year"].astype("int64")
    out["value"] = out["value"].astype("float64")
    return out.sort_values("year").reset_index(drop=True)

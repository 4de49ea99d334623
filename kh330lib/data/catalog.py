"""Targets registry, indicator catalogue and geo list: YAML under params/ → typed, validated objects
(kh330lib.data.registry defines them; they stay importable from here)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from .. import paths
from ..errors import InputError, Problem, problem, quote, short
from ..limits import fold, id_problem, script_problem
from ..yamlio import LineDict, load_yaml
from .registry import COMPARATORS, Break, Geo, Indicator, Proxy, Registry, ReportingUnit, Target

__all__ = ["CLAUSE_RE", "COMPARATORS", "DEADLINE_RANGE", "DIRECTIONS", "ID_RE", "KINDS", "Break", "Geo", "Indicator",
           "Proxy", "Registry", "ReportingUnit", "Target", "collect_registry", "load_registry"]

# The plan's own words for each are listed once, atop params/targets.yaml, where targets are written.
COMPARATOR_FIX = "use one of >, >=, <, <= (the comment atop params/targets.yaml gives the one for each wording)"
KINDS = ("level", "cumulative", "milestone", "qualitative")
DIRECTIONS = ("increase", "decrease")
CLAUSE_RE = re.compile(r"^II\.[1-4] bullet [1-9][0-9]?$")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# Deadlines outside this range are typos, not plans.
DEADLINE_RANGE = (2025, 2100)


# ---------------------------------------------------------------- validation

class _Checker:
    """Collects problems while reading one YAML mapping."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        # label key → folded label → (label as written, line): look-alikes of one kind in one file.
        self.labels: dict[str, dict[str, tuple[str, int]]] = {}

    def add(self, node: LineDict | None, key: str | None, message: str, fix: str | None = None) -> None:
        line = node.line_of(key) if isinstance(node, LineDict) and key else (
            node.line if isinstance(node, LineDict) else None)
        self.problems.append(problem(self.path, line, key, message, fix, kind="field"))

    def text(self, node: LineDict, key: str, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(node, key, "missing", f"add '{key}:' to this entry")
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.add(node, key, f"must be text, not {type(value).__name__}", "write it as a quoted string")
            return None
        text = unicodedata.normalize("NFC", str(value).strip())
        if key == "id" and id_problem(text):
            self.add(node, key, f"{quote(text)}: {id_problem(text)}", "retype the id with plain letters and digits")
        elif key in ("label_vi", "label_en"):
            self._label(node, key, text)
        return text

    def _label(self, node: LineDict, key: str, text: str) -> None:
        """Refuse a label mixing alphabets, or one that only differs from another by width, case or form."""
        odd = script_problem(text)
        if odd:
            self.add(node, key, f"{quote(text)} {odd}", "retype the label with one keyboard layout")
        seen = self.labels.setdefault(key, {})
        first = seen.setdefault(fold(text), (text, node.line_of(key)))
        if first[0] != text:
            self.add(node, key, f"{quote(text)} looks the same as {quote(first[0])} on line {first[1]}",
                     "write the two labels so that they differ, or the same label exactly")

    def unknown_keys(self, node: LineDict, allowed: set[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                self.add(node, key, f"unknown field in {what}",
                         f"remove it or use one of: {', '.join(sorted(allowed))}")


def _flag(chk: _Checker, node: LineDict, key: str) -> bool:
    value = node.get(key, False)
    if not isinstance(value, bool):
        chk.add(node, key, f"must be true or false, got {quote(value)}", f"write {key}: true")
        return False
    return value


def _entries(data: Any, key: str, path: Path, problems: list[Problem]) -> list[LineDict]:
    if data is None:
        problems.append(problem(path, None, None, "file is empty", f"add a '{key}:' list", kind="field"))
        return []
    if not isinstance(data, LineDict) or not isinstance(data.get(key), list):
        line = data.line if isinstance(data, LineDict) else 1
        problems.append(problem(path, line, key, f"expected a top-level '{key}:' list",
                                f"start the file with '{key}:' followed by '- id: ...' entries", kind="field"))
        return []
    out = []
    for item in data[key]:
        if isinstance(item, LineDict):
            out.append(item)
        else:
            problems.append(problem(path, data.line_of(key), key, f"entry {quote(item)} is not a mapping",
                                    "write each entry as '- id: ...' with indented fields", kind="field"))
    return out


def _breaks(chk: _Checker, node: LineDict) -> tuple[Break, ...]:
    """The `breaks:` list of an indicator or a geo."""
    out = []
    for b in node.get("breaks") or []:
        if not isinstance(b, LineDict) or not b.get("period") or not b.get("note") or \
                not isinstance(b.get("continues", False), bool):
            chk.add(node, "breaks", f"break {quote(b)} needs 'period' and 'note' (and 'continues' true or false)",
                    "write '- period: 2015Q1' and 'note: ...'")
        else:
            out.append(Break(str(b["period"]), " ".join(str(b["note"]).split()), bool(b.get("continues", False))))
    return tuple(out)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


INDICATOR_FIELDS = {"id", "label_vi", "label_en", "unit", "bounds", "direction", "definition",
                    "breaks", "integer", "breakdowns", "proxies", "source", "reporters", "small_values",
                    "general"}


def _read_indicators(path: Path, problems: list[Problem]) -> dict[str, Indicator]:
    chk = _Checker(path, problems)
    out: dict[str, Indicator] = {}
    lines: dict[str, int] = {}
    for node in _entries(load_yaml(path), "indicators", path, problems):
        chk.unknown_keys(node, INDICATOR_FIELDS, "an indicator")
        iid = chk.text(node, "id")
        if iid and not ID_RE.match(iid):
            chk.add(node, "id", f"'{short(iid)}' is not a valid id", "use lower-case letters, digits and _")
        if iid in out:
            chk.add(node, "id", f"duplicate indicator id '{short(iid)}'", "give each indicator one entry")
        texts = {k: chk.text(node, k) for k in ("label_vi", "label_en", "unit", "definition")}
        direction = chk.text(node, "direction")
        if direction and direction not in DIRECTIONS:
            chk.add(node, "direction", f"'{short(direction)}' is not a direction", "use 'increase' or 'decrease'")
        bounds_raw = node.get("bounds")
        bounds: tuple[float | None, float | None] = (None, None)
        if not isinstance(bounds_raw, list) or len(bounds_raw) != 2 or any(
                b is not None and _number(b) is None for b in bounds_raw):
            chk.add(node, "bounds", f"bounds must be [low, high] with numbers or null, got {quote(bounds_raw)}",
                    "write e.g. [0, 100] for a share or [0, null] for a count")
        else:
            bounds = (_number(bounds_raw[0]), _number(bounds_raw[1]))
            if None not in bounds and bounds[0] >= bounds[1]:  # type: ignore[operator]
                chk.add(node, "bounds", f"low bound {bounds[0]} is not below high bound {bounds[1]}",
                        "write [low, high]")
                bounds = (None, None)
        breaks = _breaks(chk, node)
        proxies = []
        for p in node.get("proxies") or []:
            if not isinstance(p, LineDict) or not p.get("indicator") or not p.get("geo"):
                chk.add(node, "proxies", f"proxy {quote(p)} needs 'indicator', 'geo' and 'relation'",
                        "write '- indicator: ...', 'geo: VN', 'relation: ...'")
            else:
                proxies.append(Proxy(str(p["indicator"]), str(p["geo"]), str(p.get("relation", ""))))
        integer = node.get("integer", False)
        if not isinstance(integer, bool):
            chk.add(node, "integer", f"must be true or false, got {quote(integer)}", "write integer: true")
            integer = False
        small_values, general = (_flag(chk, node, key) for key in ("small_values", "general"))
        breakdowns = node.get("breakdowns") or []
        if not isinstance(breakdowns, list):
            chk.add(node, "breakdowns", "must be a list", "write e.g. [university, college]")
            breakdowns = []
        if iid and all(texts.values()) and direction in DIRECTIONS:
            out[iid] = Indicator(iid, texts["label_vi"], texts["label_en"], texts["unit"],  # type: ignore[arg-type]
                                 bounds, direction, texts["definition"], breaks,  # type: ignore[arg-type]
                                 integer, tuple(str(b) for b in breakdowns), tuple(proxies),
                                 str(node.get("source") or ""),
                                 tuple(str(r) for r in node.get("reporters") or ()), small_values, general)
            lines[iid] = node.line
    for ind in out.values():
        for p in ind.proxies:
            if p.indicator not in out:
                problems.append(problem(path, lines.get(ind.id), "proxies",
                                        f"proxy indicator '{short(p.indicator)}' of '{ind.id}' is not in the catalogue",
                                        "add it to params/indicators.yaml or remove the proxy", kind="field"))
    return out


TARGET_FIELDS = {"id", "clause", "text_vi", "label_vi", "label_en", "indicator", "kind", "comparator",
                 "value", "unit", "deadline", "breakdown", "notes", "start", "geo", "source"}


def _read_targets(path: Path, indicators: dict[str, Indicator], geos: dict[str, Geo],
                  problems: list[Problem]) -> tuple[Target, ...]:
    chk = _Checker(path, problems)
    data = load_yaml(path)
    default_geo = str(data.get("geo", "VN-HUE")) if isinstance(data, dict) else "VN-HUE"
    default_source = str(data.get("source", "KH330")) if isinstance(data, dict) else "KH330"
    out: list[Target] = []
    seen: set[str] = set()
    for node in _entries(data, "targets", path, problems):
        n_before = len(problems)
        chk.unknown_keys(node, TARGET_FIELDS, "a target")
        tid = chk.text(node, "id")
        if tid in seen:
            chk.add(node, "id", f"duplicate target id '{short(tid)}'", "give each target one entry")
        seen.add(tid or "")
        clause = chk.text(node, "clause")
        if clause and not CLAUSE_RE.match(clause):
            chk.add(node, "clause", f"'{short(clause)}' is not a clause reference",
                    "write the section and bullet of the plan, e.g. 'II.2 bullet 3'")
        texts = {k: chk.text(node, k) for k in ("text_vi", "label_vi", "label_en")}
        kind = chk.text(node, "kind")
        if kind and kind not in KINDS:
            chk.add(node, "kind", f"'{short(kind)}' is not a target kind", f"use one of: {', '.join(KINDS)}")
        deadline = node.get("deadline")
        if isinstance(deadline, bool) or not isinstance(deadline, int) or not (
                DEADLINE_RANGE[0] <= deadline <= DEADLINE_RANGE[1]):
            chk.add(node, "deadline", f"deadline must be a year {DEADLINE_RANGE[0]}–{DEADLINE_RANGE[1]}, "
                    f"got {quote(deadline)}", "write the year as a number, e.g. deadline: 2030")
            deadline = None
        start = node.get("start")
        if start is not None and (isinstance(start, bool) or not isinstance(start, int)):
            chk.add(node, "start", f"start must be a year, got {quote(start)}", "write e.g. start: 2025")
            start = None
        indicator = node.get("indicator")
        comparator = node.get("comparator")
        value = node.get("value")
        unit = node.get("unit")
        breakdown = node.get("breakdown") or []
        if kind == "qualitative":
            for key in ("comparator", "value"):
                if node.get(key) is not None:
                    chk.add(node, key, f"a qualitative target has no {key}",
                            "set it to null, or change kind to level/cumulative/milestone")
        elif kind in KINDS:
            if indicator is None:
                chk.add(node, "indicator", "missing", "name the indicator from params/indicators.yaml")
            elif indicator not in indicators:
                chk.add(node, "indicator", f"unknown indicator '{short(indicator)}'",
                        "add it to params/indicators.yaml or fix the spelling")
            if comparator is None:
                chk.add(node, "comparator", "missing", COMPARATOR_FIX)
            elif comparator not in COMPARATORS:
                chk.add(node, "comparator", f"invalid comparator {quote(comparator)}", COMPARATOR_FIX)
            if _number(value) is None:
                chk.add(node, "value", f"value must be a number, got {quote(value)}",
                        "write the plan's figure with a decimal point, e.g. 2.5 for '2,5%'")
            ind = indicators.get(indicator) if isinstance(indicator, str) else None
            if ind is not None:
                if unit != ind.unit:
                    chk.add(node, "unit",
                            f"unit {quote(unit)} disagrees with the catalogue ({quote(ind.unit)} for {ind.id})",
                            f"write unit: '{short(ind.unit)}'")
                if not isinstance(breakdown, list) or any(b not in ind.breakdowns for b in breakdown):
                    chk.add(node, "breakdown", f"breakdown {quote(breakdown)} is not among {list(ind.breakdowns)}",
                            f"use values listed under 'breakdowns' of {ind.id}")
                num = _number(value)
                lo, hi = ind.bounds
                if num is not None and ((lo is not None and num < lo) or (hi is not None and num > hi)):
                    chk.add(node, "value", f"{num:g} is outside the bounds {list(ind.bounds)} of {ind.id}",
                            "check the figure against the plan")
        geo = str(node.get("geo", default_geo))
        if geo not in geos:
            chk.add(node, "geo", f"unknown geo '{short(geo)}'", "use a code from params/geos.yaml")
        if len(problems) == n_before and tid and clause and deadline and kind:
            out.append(Target(
                id=tid, clause=clause, text_vi=texts["text_vi"] or "", label_vi=texts["label_vi"] or "",
                label_en=texts["label_en"] or "", indicator=indicator, kind=kind, comparator=comparator,
                value=_number(value), unit=unit, deadline=deadline,
                breakdown=tuple(str(b) for b in breakdown), notes=str(node.get("notes") or "").strip(),
                start=start, geo=geo, source=str(node.get("source", default_source))))
    return tuple(out)


GEO_FIELDS = {"id", "label_vi", "label_en", "level", "parent", "source", "notes", "breaks"}


def _read_geos(path: Path, problems: list[Problem]) -> dict[str, Geo]:
    chk = _Checker(path, problems)
    out: dict[str, Geo] = {}
    for node in _entries(load_yaml(path), "geos", path, problems):
        chk.unknown_keys(node, GEO_FIELDS, "a geo")
        gid = chk.text(node, "id")
        vals = {k: chk.text(node, k) for k in ("label_vi", "label_en", "level", "source")}
        if gid in out:
            chk.add(node, "id", f"duplicate geo '{short(gid)}'", "list each geo once")
        if gid and all(vals.values()):
            out[gid] = Geo(gid, vals["label_vi"], vals["label_en"], vals["level"],  # type: ignore[arg-type]
                           node.get("parent"), vals["source"], _breaks(chk, node))  # type: ignore[arg-type]
    return out


UNIT_FIELDS = {"id", "label_vi", "label_en", "clause", "source"}


def _read_units(path: Path, problems: list[Problem]) -> dict[str, ReportingUnit]:
    chk = _Checker(path, problems)
    out: dict[str, ReportingUnit] = {}
    for node in _entries(load_yaml(path), "units", path, problems):
        chk.unknown_keys(node, UNIT_FIELDS, "a reporting unit")
        vals = {k: chk.text(node, k) for k in ("id", "label_vi", "label_en", "clause", "source")}
        if all(vals.values()):
            out[vals["id"]] = ReportingUnit(**vals)  # type: ignore[arg-type]
    return out


def collect_registry(targets: Path | str | None = None, indicators: Path | str | None = None,
                     geos: Path | str | None = None, units: Path | str | None = None
                     ) -> tuple[Registry, list[Problem]]:
    """Read the params files, returning whatever could be read plus every problem found."""
    problems: list[Problem] = []
    files = (Path(targets or paths.TARGETS), Path(indicators or paths.INDICATORS), Path(geos or paths.GEOS),
             Path(units or paths.REPORTING_UNITS))
    read: dict[str, Any] = {}
    for name, reader in (("geos", lambda: _read_geos(files[2], problems)),
                         ("units", lambda: _read_units(files[3], problems)),
                         ("indicators", lambda: _read_indicators(files[1], problems))):
        try:
            read[name] = reader()
        except InputError as exc:
            problems.extend(exc.problems)
            read[name] = {}
    try:
        tgts = _read_targets(files[0], read["indicators"], read["geos"], problems)
    except InputError as exc:
        problems.extend(exc.problems)
        tgts = ()
    for ind in read["indicators"].values():
        for unit in ind.reporters:
            if unit not in read["units"]:
                problems.append(problem(files[1], None, "reporters",
                                        f"unknown reporting unit '{short(unit)}' of {ind.id}",
                                        "use an id from params/reporting_units.yaml", kind="field"))
    return Registry(tgts, read["indicators"], read["geos"], files, read["units"]), problems


def load_registry(targets: Path | str | None = None, indicators: Path | str | None = None,
                  geos: Path | str | None = None, units: Path | str | None = None) -> Registry:
    """Load and validate the registry; raise InputError listing every problem."""
    registry, problems = collect_registry(targets, indicators, geos, units)
    if problems:
        raise InputError(problems)
    return registry

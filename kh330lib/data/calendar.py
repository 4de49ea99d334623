"""The reporting calendar (params/reporting_calendar.yaml) and what each reporting unit owes as of the data date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

from .. import paths
from ..errors import InputError, Problem, problem, short
from ..yamlio import LineDict, load_yaml
from .catalog import Registry
from .tables import WEAK_STATUSES, Dataset

CALENDAR_KEYS = ("source", "status", "first_period", "reports")
REPORT_KEYS = ("unit", "due", "clause")
CALENDAR_STATUSES = ("official", "assumption")


@dataclass(frozen=True)
class Due:
    """When one unit's yearly report is owed: month and day of the year after the period."""

    unit: str
    month: int
    day: int
    clause: str

    def date_for(self, period: int) -> dt.date:
        return dt.date(period + 1, self.month, self.day)


@dataclass(frozen=True)
class Calendar:
    """Every unit's due date, from which year on, and whether the dates are official or assumed."""

    dues: tuple[Due, ...]
    first_period: int
    status: str
    source: str

    @property
    def assumed(self) -> bool:
        return self.status == "assumption"


def template_file_name(unit: str, geo: str) -> str:
    """The workbook `kh330 template` writes for a unit and geo (`doet_VN-HUE.xlsx`)."""
    return f"{unit}_{geo}.xlsx"


def _due(node: LineDict, p: Path, registry: Registry, problems: list[Problem]) -> Due | None:
    line = node.line if isinstance(node, LineDict) else None
    for key in node:
        if key not in REPORT_KEYS:
            problems.append(problem(p, node.line_of(key), str(key), "unknown field in a report",
                                    f"use only {', '.join(REPORT_KEYS)}", kind="field"))
    unit, due, clause = (node.get(k) for k in REPORT_KEYS)
    if unit not in registry.units:
        problems.append(problem(p, line, "unit", f"unknown reporting unit {str(unit)[:40]!r}",
                                f"use an id of params/reporting_units.yaml: {', '.join(registry.units)}",
                                kind="field"))
        return None
    try:
        month, day = (int(x) for x in str(due).split("-"))
        dt.date(2001, month, day)  # a year without 29 February: the date must exist every year
    except ValueError:
        problems.append(problem(p, node.line_of("due"), "due", f"{str(due)[:20]!r} is not a month and day",
                                "write the month and day of the following year as \"MM-DD\", e.g. \"01-31\"",
                                kind="field"))
        return None
    if not isinstance(clause, str) or not clause.strip():
        problems.append(problem(p, line, "clause", "missing", "name the clause of Plan 330 section V, e.g. V.1",
                                kind="field"))
        return None
    return Due(str(unit), month, day, clause.strip())


def collect_calendar(registry: Registry, path: Path | str | None = None) -> tuple[Calendar | None, list[Problem]]:
    """Read the calendar and every problem in it (for `kh330 check`)."""
    p = Path(path or paths.REPORTING_CALENDAR)
    data = load_yaml(p)
    problems: list[Problem] = []
    if not isinstance(data, LineDict):
        return None, [problem(p, 1, None, f"must be a mapping with keys {', '.join(CALENDAR_KEYS)}",
                              "see the comments of the shipped file", kind="field")]
    for key in data:
        if key not in CALENDAR_KEYS:
            problems.append(problem(p, data.line_of(key), str(key), "unknown key",
                                    f"use only {', '.join(CALENDAR_KEYS)}", kind="field"))
    source, status, first = data.get("source"), data.get("status"), data.get("first_period")
    if not isinstance(source, str) or not source.strip():
        problems.append(problem(p, data.line, "source", "missing", "name the plan's clause or the document that "
                                "sets the dates", kind="field"))
    if status not in CALENDAR_STATUSES:
        problems.append(problem(p, data.line_of("status"), "status", f"must be one of {CALENDAR_STATUSES}",
                                "write 'assumption' unless a document sets the dates", kind="field"))
    if not isinstance(first, int) or isinstance(first, bool) or not 2000 <= first <= 2100:
        problems.append(problem(p, data.line_of("first_period"), "first_period", "must be a year 2000–2100",
                                "write the first year whose figures are owed, e.g. 2025", kind="field"))
    reports = data.get("reports")
    if not isinstance(reports, list) or not reports:
        problems.append(problem(p, data.line_of("reports"), "reports", "must be a non-empty list",
                                "list one entry per reporting unit", kind="field"))
        reports = []
    dues = [d for node in reports if isinstance(node, LineDict)
            for d in [_due(node, p, registry, problems)] if d is not None]
    seen = [d.unit for d in dues]
    for unit in dict.fromkeys(u for u in seen if seen.count(u) > 1):
        problems.append(problem(p, data.line_of("reports"), "unit", f"'{short(unit)}' is listed twice",
                                "list each once", kind="field"))
    if problems:
        return None, problems
    return Calendar(tuple(dues), int(first), str(status), " ".join(str(source).split())), []


def load_calendar(registry: Registry, path: Path | str | None = None) -> Calendar:
    """params/reporting_calendar.yaml, validated; InputError names each bad line."""
    calendar, problems = collect_calendar(registry, path)
    if calendar is None:
        raise InputError(problems)
    return calendar


def data_date(dataset: Dataset) -> dt.date | None:
    """The date of the data: the newest departmental report taken in (with `as_of`, the newest received by then),
    else the newest `published`/`accessed` date of the sources."""
    history = dataset.all_vintages
    received = [d for d in (_iso(str(x)) for x in history.get("received", ())) if d is not None]
    sources = [d for c in ("published", "accessed") if c in dataset.sources
               for d in (_iso(str(x)) for x in dataset.sources[c]) if d is not None]
    dates = received or sources
    return max(dates) if dates else None


def _iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None  # empty or partial dates say nothing about recency


def unit_geos(registry: Registry, path: Path | str | None = None) -> dict[str, tuple[str, ...]]:
    """The geos each unit reports for, from params/templates.yaml `units` (a fixed geo, or every geo of the given
    levels); that file is validated where workbooks are made and read (`kh330 template`, `kh330 intake`)."""
    data = load_yaml(Path(path or paths.EXCEL_TEMPLATES))
    units = data.get("units") if isinstance(data, dict) else None
    out: dict[str, tuple[str, ...]] = {}
    for uid, node in (units or {}).items():
        if not isinstance(node, dict):
            continue
        if node.get("geo") in registry.geos:
            out[str(uid)] = (str(node["geo"]),)
        elif isinstance(node.get("levels"), list):
            out[str(uid)] = tuple(g.id for g in registry.geos.values() if g.level in node["levels"])
    return out


@dataclass(frozen=True)
class Owed:
    """What one unit owes: the figures of `period` for its indicators, due on `due`.

    `missing` are the indicators without a value for the period at some geo the unit reports for; `geos_missing`
    how many of its `geos` lack at least one. `overdue` compares the due date with the data date, not the clock.
    """

    unit: str
    clause: str
    period: int
    due: dt.date
    indicators: tuple[str, ...]
    missing: tuple[str, ...]
    geos: tuple[str, ...]
    geos_missing: int
    overdue: bool
    # The workbook's file name; None for a unit with one workbook per geo (wards and communes).
    template: str | None

    @property
    def complete(self) -> bool:
        return not self.missing


def _reported(obs: pd.DataFrame, indicators: Sequence[str], geos: Sequence[str], period: int) -> set[tuple[str, str]]:
    """(indicator, geo) pairs with a value for `period` that is neither a proxy nor an assumption."""
    rows = obs[obs["indicator"].isin(indicators) & obs["geo"].isin(geos)
               & (pd.to_numeric(obs["year"], errors="coerce") == period) & ~obs["status"].isin(WEAK_STATUSES)]
    return set(zip(rows["indicator"], rows["geo"]))


def owed(dataset: Dataset, calendar: Calendar, unit_geos: Mapping[str, Sequence[str]],
         on: dt.date | None = None) -> list[Owed]:
    """Per unit of the calendar: its oldest period due by the date `on` (the data date unless given) and not fully
    reported (overdue), else the next period to fall due. `unit_geos` are the geos each unit reports for
    (params/templates.yaml)."""
    today = on or data_date(dataset)
    obs = dataset.observations
    out = []
    for due in calendar.dues:
        indicators = tuple(i.id for i in dataset.registry.indicators.values() if due.unit in i.reporters)
        geos = tuple(unit_geos.get(due.unit, ()))
        period = calendar.first_period
        while True:
            have = _reported(obs, indicators, geos, period)
            missing = tuple(i for i in indicators if any((i, g) not in have for g in geos))
            overdue = today is not None and due.date_for(period) < today
            if missing or not overdue:
                break
            period += 1  # this period is complete and past: the next one is what is owed
        geos_missing = sum(1 for g in geos if any((i, g) not in have for i in indicators))
        template = template_file_name(due.unit, geos[0]) if len(geos) == 1 else None
        out.append(Owed(due.unit, due.clause, period, due.date_for(period), indicators, missing, geos,
                        geos_missing, bool(overdue and missing), template))
    return out

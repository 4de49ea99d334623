"""Observations and sources: CSV files under data/ → validated pandas tables.

Contract (data/README.md): `data/observations.csv` is tidy and long with columns
indicator, geo, breakdown, year, period, value, unit, source, status, note.
Numbers use a decimal point and no thousands separators; anything that could be
read two ways is rejected with a hint rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import Problem, problem, short
from ..limits import ascii_digits, clean_text, foreign_digit, limits
from .catalog import Registry
from .csv_rows import read_csv_rows
from .numbers import parse_number
from .periods import period_quarter, period_year
from .rules import observed_year_problem, value_problem
from .tables import OBS_COLUMNS, OPTIONAL_OBS_COLUMNS, SOURCE_COLUMNS, STATUSES

# Geo levels of wards and communes: too many to list in a message, they get their own hint.
LOCAL_LEVELS = ("ward", "commune")
# ASCII digits only: `\d` alone also matches '２' or '٢', which int() would then read silently.
_YEAR = re.compile(r"\d{4}", re.ASCII)


def collect_sources(path: Path | str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read data/sources.csv; return the table and every problem found."""
    p = Path(path or paths.SOURCES)
    csvrows, problems = read_csv_rows(p, SOURCE_COLUMNS)
    records = []
    seen: dict[str, int] = {}
    for line, row in (csvrows.rows if csvrows else []):
        sid = row["source"]
        if not sid:
            problems.append(problem(p, line, "source", "is empty", "give the source a short id, e.g. HUE_RPT2024"))
            continue
        if sid in seen:
            problems.append(problem(p, line, "source", f"duplicate source '{short(sid)}' (first on line {seen[sid]})",
                                    "keep one row per source"))
        seen[sid] = line
        if not row["title"]:
            problems.append(problem(p, line, "title", "is empty", "write the document's title"))
        for col in ("published", "accessed"):
            if row[col]:
                try:
                    dt.date.fromisoformat(row[col])
                except ValueError:
                    problems.append(problem(p, line, col, f"'{short(row[col])}' is not a date",
                                            "write YYYY-MM-DD, or leave empty if unknown"))
        if row["url"] and not re.match(r"^https?://", row["url"]):
            problems.append(problem(p, line, "url", f"'{row['url'][:40]}' is not a web address",
                                    "write an http(s) address, or leave empty and cite in the title"))
        records.append({**row, "line": line})
    return pd.DataFrame(records, columns=[*SOURCE_COLUMNS, "line"]), problems


def observations_frame(records: list[dict]) -> pd.DataFrame:
    """Observation records as the typed table `collect_observations` gives."""
    frame = pd.DataFrame(records, columns=[*OBS_COLUMNS, "period", "file", "line"])
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    frame["line"] = frame["line"].astype("int64")
    return frame


def collect_observations(path: Path | str | None, registry: Registry, source_ids: set[str],
                         today: dt.date | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and validate one observations file; return the valid rows and every problem."""
    records, problems = observation_records(path, registry, source_ids, today)
    return observations_frame(records), problems


def observation_records(path: Path | str | None, registry: Registry, source_ids: set[str],
                        today: dt.date | None = None) -> tuple[list[dict], list[Problem]]:
    """Read and validate one observations file; the valid rows as records (for one frame of many files)."""
    p = Path(path or paths.OBSERVATIONS)
    this_year = (today or dt.date.today()).year
    csvrows, problems = read_csv_rows(p, OBS_COLUMNS, OPTIONAL_OBS_COLUMNS)
    records: list[dict] = []
    seen: dict[tuple, int] = {}
    # Once per file, not per row: resolving a path costs more than reading the row.
    shown = paths.display(p)
    for line, row in (csvrows.rows if csvrows else []):
        n_before = len(problems)

        def bad(col: str, message: str, fix: str) -> None:
            problems.append(problem(p, line, col, message, fix))

        ind = registry.indicators.get(row["indicator"])
        if ind is None:
            bad("indicator", f"unknown indicator '{short(row['indicator'])}'",
                "use an id from params/indicators.yaml, or add the indicator there first")
        if row["geo"] not in registry.geos:
            local = [g for g, geo in registry.geos.items() if geo.level in LOCAL_LEVELS]
            if local and row["geo"].startswith(local[0].rsplit("-", 1)[0] + "-"):
                bad("geo", f"unknown geo '{short(row['geo'])}'",
                    f"use a ward or commune code listed in params/geos.yaml ({local[0]} … {local[-1]})")
            else:
                bad("geo", f"unknown geo '{short(row['geo'])}'",
                    f"use one of {', '.join(g for g, geo in registry.geos.items() if geo.level not in LOCAL_LEVELS)}"
                    " or add it to params/geos.yaml with its source")
        if ind is not None and row["breakdown"] and row["breakdown"] not in ind.breakdowns:
            allowed = ", ".join(ind.breakdowns) or "none (leave it empty)"
            bad("breakdown", f"'{short(row['breakdown'])}' is not a breakdown of {ind.id}", f"use: {allowed}")
        period = row.get("period", "")
        year: int | None = None
        if _YEAR.fullmatch(row["year"]):
            year = int(row["year"])
            wrong = observed_year_problem(year, this_year)
            if wrong:
                bad("year", *wrong)
        elif period_year(row["year"]) is not None:
            bad("year", f"'{short(row['year'])}' is a period label, not a year",
                f"write {period_year(row['year'])} in 'year' and '{short(row['year'])}' in 'period'")
        elif foreign_digit(row["year"]):
            bad("year", f"'{short(row['year'])}' has a digit that is not 0–9: {foreign_digit(row['year'])}",
                f"type it with the digits 0–9: {ascii_digits(row['year'])}")
        else:
            bad("year", f"'{short(row['year'])}' is not a year", "write a four-digit year, e.g. 2024")
        if period:
            py = period_year(period)
            if py is None:
                bad("period", f"'{short(period)}' is not a known period label",
                    "write YYYY, YYYYQn, YYYY-YY (school year) or c.YYYY (approximate)")
            elif year is not None and py != year:
                bad("period", f"period '{period}' belongs to year {py}, not {year}",
                    f"write year {py} (quarters: calendar year; school years: first year)")
        parsed = parse_number(row["value"], integer=bool(ind and ind.integer))
        if parsed.error:
            bad("value", parsed.error, parsed.fix or "")
        elif ind is not None and parsed.value is not None:
            wrong = value_problem(parsed.value, ind, of=ind.id)
            if wrong:
                bad("value", *wrong)
        if ind is not None and row["unit"] != ind.unit:
            bad("unit", f"'{short(row['unit'])}' disagrees with the catalogue ('{ind.unit}' for {ind.id})",
                f"convert the value to '{ind.unit}' and write that unit")
        if row["source"] not in source_ids:
            bad("source", f"unknown source '{short(row['source'])}'", "add the source to data/sources.csv first")
        if row["status"] not in STATUSES:
            bad("status", f"unknown status '{short(row['status'])}'", f"use one of: {', '.join(STATUSES)}")
        if year is not None:
            key = (row["indicator"], row["geo"], row["breakdown"], year, period_quarter(period))
            if key in seen:
                bad("year", f"duplicate of line {seen[key]} (same indicator, geo, breakdown and year)",
                    "keep one row; a revised figure arrives as a new vintage file, not a second row")
            else:
                seen[key] = line
        # Notes reach terminals and briefs: one line of plain text, as in workbooks.
        note, too_long = clean_text(row["note"], limits().max_note_chars)
        if too_long:
            bad("note", too_long, "keep the note short; cite the document in data/sources.csv instead")
        if len(problems) == n_before:
            records.append({**{c: row[c] for c in OBS_COLUMNS}, "note": note, "year": year, "value": parsed.value,
                            "period": period, "file": shown, "line": line})
    return records, problems

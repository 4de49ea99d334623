"""A panel of series in one CSV file (`series,year,value`), the input of `kh330 forecast`, checked row by row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError, Problem, problem
from ..limits import clean_text, limits
from .csv_rows import read_csv_rows
from .numbers import parse_number
from .rules import MAX_MAGNITUDE

SERIES_COLUMNS = ("series", "year", "value")
# Years a yearly series may carry: a typo such as 20015 or 215 is refused, not forecast.
YEAR_RANGE = (1800, 2200)
# A series name is a label, not a document.
MAX_NAME_CHARS = 200
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class SeriesFile:
    """Every series of the file, sorted by year, in the order they first appear; `lines` locate each point."""

    path: str
    names: tuple[str, ...]
    years: tuple[np.ndarray, ...]
    values: tuple[np.ndarray, ...]
    lines: tuple[np.ndarray, ...]

    def __len__(self) -> int:
        return len(self.names)


def read_series_file(path: Path | str, low: float | None, high: float | None, unit: str) -> SeriesFile:
    """Read and check the file; InputError lists every problem (file:line, column, what, fix).

    `low` and `high` are the unit's bounds (None: none); a value outside them is refused.
    """
    csv_rows, problems = read_csv_rows(path, SERIES_COLUMNS, other_columns=True)
    if csv_rows is None:
        raise InputError(problems)
    shown = limits().max_errors
    points: dict[str, dict[int, tuple[float, int]]] = {}
    for line, row in csv_rows.rows:
        if len(problems) >= shown:
            raise InputError(problems, stopped=True)

        def bad(column: str, message: str, fix: str) -> None:
            problems.append(problem(csv_rows.path, line, column, message, fix))

        name, too_long = clean_text(row["series"], MAX_NAME_CHARS)
        if not name:
            bad("series", "is empty", "name the series this row belongs to")
            continue
        if too_long:
            bad("series", too_long, "use a shorter name")
            continue
        year_text = row["year"].strip()
        if not _YEAR.match(year_text) or not YEAR_RANGE[0] <= int(year_text) <= YEAR_RANGE[1]:
            bad("year", f"'{year_text}' is not a year", f"write a four-digit year between {YEAR_RANGE[0]} and "
                f"{YEAR_RANGE[1]}, e.g. 2024 (one value per series and year)")
            continue
        year = int(year_text)
        parsed = parse_number(row["value"])
        if parsed.value is None:
            bad("value", parsed.error or "is not a number", parsed.fix or "write a number")
            continue
        value = parsed.value
        if not np.isfinite(value) or abs(value) >= MAX_MAGNITUDE:
            bad("value", f"{row['value']} is beyond 10^15", "check the unit and the number of digits")
            continue
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"{low:g}–{high:g}" if low is not None and high is not None else (
                f"at least {low:g}" if low is not None else f"at most {high:g}")
            bad("value", f"{row['value']} is outside the bounds of --unit {unit} ({span})",
                "check the figure, or choose the --unit the values are in")
            continue
        seen = points.setdefault(name, {})
        if year in seen:
            bad("year", f"series '{name}' has {year} twice (first on line {seen[year][1]})",
                "keep one value per series and year")
            continue
        seen[year] = (value, line)
    if problems:
        raise InputError(problems)
    names = tuple(points)
    years, values, lines = [], [], []
    for name in names:
        ys = sorted(points[name])
        years.append(np.array(ys, dtype=int))
        values.append(np.array([points[name][y][0] for y in ys], dtype=float))
        lines.append(np.array([points[name][y][1] for y in ys], dtype=int))
    return SeriesFile(str(csv_rows.path), names, tuple(years), tuple(values), tuple(lines))


def unknown_series(file: SeriesFile, wanted: list[str]) -> list[Problem]:
    """A problem for each name asked for (`--series`) that the file does not hold."""
    have = set(file.names)
    shown = ", ".join(repr(n) for n in file.names[:5]) + (" …" if len(file.names) > 5 else "")
    return [problem(file.path, None, "series", f"no series named '{n}' in the file",
                    f"use a name from the file's 'series' column ({shown})") for n in wanted if n not in have]

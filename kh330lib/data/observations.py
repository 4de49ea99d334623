"""Observations and sources: CSV files under data/ → validated pandas tables.

Contract (data/README.md): `data/observations.csv` is tidy and long with columns
indicator, geo, breakdown, year, period, value, unit, source, status, note.
Numbers use a decimal point and no thousands separators; anything that could be
read two ways is rejected with a hint rather than guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import paths
from ..errors import Problem, problem, short
from ..files import unsafe_cell
from ..limits import ascii_digits, clean_text, foreign_digit, limits
from .catalog import Indicator, Registry
from .rules import observed_year_problem, value_problem

OBS_COLUMNS = ("indicator", "geo", "breakdown", "year", "value", "unit", "source", "status", "note")
OPTIONAL_OBS_COLUMNS = ("period",)
SOURCE_COLUMNS = ("source", "title", "publisher", "url", "published", "accessed")
# Added to each row of Dataset.all_vintages: the vintage file's stem, its received date and intake order
# ("", "" and 0 for data/observations.csv, the seed base).
VINTAGE_COLUMNS = ("vintage", "received", "seq")
STATUSES = ("official", "estimate", "provisional", "proxy", "assumption")
# Statuses that weaken evidence: the figure does not measure the indicator itself.
WEAK_STATUSES = ("proxy", "assumption")
# Geo levels of wards and communes: too many to list in a message, they get their own hint.
LOCAL_LEVELS = ("ward", "commune")

_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DOT_GROUPS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_VI_FULL = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
_EN_GROUPS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# Compiled once: every row of every file goes through them.
_SPACED = re.compile(r"\d\s+\d")
# ASCII digits only: `\d` alone also matches '２' or '٢', which int() would then read silently.
_QUARTER = re.compile(r"^\d{4}Q([1-4])$", re.ASCII)
_YEAR = re.compile(r"\d{4}", re.ASCII)
_PERIOD_RULES = (
    # (pattern, rule) — a period label maps to the integer `year` of the series.
    (re.compile(r"^(\d{4})$", re.ASCII), "calendar year"),
    (re.compile(r"^(\d{4})Q([1-4])$", re.ASCII), "quarter: its calendar year"),
    (re.compile(r"^(\d{4})-(\d{2})$", re.ASCII), "school year: its first year (autumn enrolment)"),
    (re.compile(r"^c\.(\d{4})$", re.ASCII), "approximate year: the year named"),
)


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text, or why it could not be read and how to write it."""

    value: float | None
    error: str | None = None
    fix: str | None = None


def parse_number(text: str, integer: bool = False) -> ParsedNumber:
    """Read a number written with a decimal point; reject Vietnamese or ambiguous forms with a hint."""
    s = text.strip()
    odd = foreign_digit(s)
    if odd:
        return ParsedNumber(None, f"'{short(s)}' has a digit that is not 0–9: {odd}",
                            f"type it with the digits 0–9: {short(ascii_digits(s))}")
    # The common case first: a plain decimal number (no separator can hide in it, as the checks below ask).
    if not integer and _PLAIN.match(s):
        return ParsedNumber(float(s))
    if not s:
        return ParsedNumber(None, "is empty", "write the number, or remove the row if there is no figure")
    if len(s) > 40:  # no number written in a report is this long; the hints below would echo all of it
        return ParsedNumber(None, f"'{short(s)}' is not a number", "write digits with a decimal point, e.g. 66.8")
    if s.endswith("%"):
        return ParsedNumber(None, f"'{s}' has a % sign", f"write {s.rstrip('% ')} (the unit column says '%')")
    if _SPACED.search(s):
        compact = re.sub(r"\s+", "", s)
        return ParsedNumber(None, f"'{s}' has spaces between digits", f"write {compact} without separators")
    if _VI_FULL.match(s):
        fixed = s.replace(".", "").replace(",", ".")
        return ParsedNumber(None, f"'{s}' uses Vietnamese separators (dot for thousands, comma for decimals)",
                            f"write {fixed}")
    if _COMMA_DECIMAL.match(s) and not _EN_GROUPS.match(s):
        fixed = s.replace(",", ".")
        return ParsedNumber(None, f"'{s}' uses a decimal comma", f"write {fixed}")
    if _EN_GROUPS.match(s):
        fixed = s.replace(",", "")
        return ParsedNumber(None, f"'{s}' is ambiguous: the comma may group thousands or mark decimals",
                            f"write {fixed} if it is thousands, or {s.replace(',', '.')} if decimals")
    if _DOT_GROUPS.match(s) and (integer or s.count(".") > 1):
        fixed = s.replace(".", "")
        return ParsedNumber(None, f"'{s}' looks like Vietnamese thousands grouping ({fixed})",
                            f"write {fixed} without separators")
    if not _PLAIN.match(s):
        return ParsedNumber(None, f"'{s}' is not a number", "write digits with a decimal point, e.g. 66.8")
    value = float(s)
    if integer and value != int(value):
        return ParsedNumber(None, f"'{s}' is not a whole number, but this indicator counts units",
                            "write a whole number")
    return ParsedNumber(value)


def period_year(label: str) -> int | None:
    """The integer year a period label stands for, by the documented rule; None if unparseable."""
    for pattern, _rule in _PERIOD_RULES:
        m = pattern.match(label.strip())
        if m:
            return int(m.group(1))
    return None


def period_quarter(label: str) -> int:
    """The quarter (1–4) of a quarterly period label, 0 for anything else."""
    m = _QUARTER.match(label.strip())
    return int(m.group(1)) if m else 0


def period_quarters(labels: pd.Series | list[str]) -> np.ndarray:
    """`period_quarter` of every label, each distinct label parsed once (a table has few distinct periods)."""
    labels = pd.Series(labels, dtype=object)
    if labels.empty:
        return np.zeros(0, dtype="int64")
    codes, uniques = pd.factorize(labels, use_na_sentinel=False)
    return np.array([period_quarter(str(u)) for u in uniques], dtype="int64")[codes]


@dataclass
class CsvRows:
    """Rows of a CSV file with their 1-based line numbers."""

    path: Path
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


class _Records:
    """A csv.reader whose parse errors (an over-long field, a stray quote) end the reading as one problem."""

    def __init__(self, reader: Any, path: Path):
        self.reader, self.path, self.broken = reader, path, None

    @property
    def line_num(self) -> int:
        return self.reader.line_num

    def __iter__(self) -> "_Records":
        return self

    def __next__(self) -> list[str]:
        if self.broken:
            raise StopIteration
        try:
            return next(self.reader)
        except csv.Error as exc:
            self.broken = problem(self.path, self.reader.line_num, None, f"cannot be read as CSV ({exc})",
                                  f"check the quotes on this line; a field holds at most {csv.field_size_limit():,} "
                                  "characters")
            return []


def read_csv_rows(path: Path | str, required: tuple[str, ...], optional: tuple[str, ...] = (), *,
                  other_columns: bool = False) -> tuple[CsvRows | None, list[Problem]]:
    """Read a comma-separated UTF-8 file, checking encoding, separator and columns (`other_columns`: columns
    beyond the required and optional ones are ignored rather than refused)."""
    p = Path(path)
    if not p.exists():
        return None, [problem(p, None, None, "file not found", "check the path")]
    raw = p.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):  # UTF-8 BOM from Excel's "CSV UTF-8": harmless.
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [problem(p, line, None, f"not UTF-8 (byte 0x{raw[exc.start]:02x}); "
                              "probably saved as Windows-1258 or Latin-1",
                              "in Excel use 'Save As > CSV UTF-8 (Comma delimited)'")]
    if not text.strip():
        return None, [problem(p, 1, None, "file is empty", f"write the header line: {','.join(required)}")]
    first = text.splitlines()[0]
    if first.count(";") >= len(required) - 1 and first.count(",") < len(required) - 1:
        return None, [problem(p, 1, None, "semicolon-separated (a regional Excel export)",
                              "re-export as 'CSV UTF-8 (Comma delimited)' or replace ';' by ','")]
    reader = _Records(csv.reader(io.StringIO(text, newline="")), p)
    header = [h.strip() for h in next(reader)]
    problems: list[Problem] = []
    for col in required:
        if col not in header:
            problems.append(problem(p, 1, col, "missing column",
                                    f"add '{col}' to the header line: {','.join(required)}"))
    for col in header:
        if col not in required and col not in optional and not other_columns:
            problems.append(problem(p, 1, col or "(blank)", "unknown column",
                                    f"remove it or rename it; allowed: {', '.join(required + optional)}"))
    seen = set()
    for col in header:
        if col in seen:
            problems.append(problem(p, 1, col, "column appears twice", "keep one"))
        seen.add(col)
    if problems:
        return None, problems
    rows: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num
    for record in reader:
        start = line + 1
        line = reader.line_num
        if reader.broken:
            problems.append(reader.broken)
            break
        if not any(f.strip() for f in record):
            continue
        if len(record) != len(header):
            problems.append(problem(p, start, None, f"has {len(record)} fields, the header has {len(header)}",
                                    "quote fields that contain commas, e.g. \"65,700\""))
            continue
        # NFC: text typed on another system may be decomposed ('chính' as 'chi' + U+0301 …); compared as composed.
        # A leading quote before =, +, -, @ marks text written safe from spreadsheets (files.safe_cell): undone.
        rows.append((start, dict(zip(header, (unsafe_cell(unicodedata.normalize("NFC", f.strip()))
                                              for f in record)))))
    if not rows and not problems:
        problems.append(problem(p, 2, None, "file has a header but no rows", "add observations below the header"))
    return CsvRows(p, header, rows), problems


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


@dataclass(frozen=True)
class Dataset:
    """Everything the engine reads: registry, observations and sources, all validated."""

    registry: Registry
    observations: pd.DataFrame
    sources: pd.DataFrame
    # Every row of every vintage taken into account (observations holds the latest of each); see vintages.py.
    all_vintages: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=[*OBS_COLUMNS, *OPTIONAL_OBS_COLUMNS, "file", "line", *VINTAGE_COLUMNS]))
    # The date the data are as of (vintages received after it left out); None for everything on file.
    as_of: dt.date | None = None
    # Where the raw files read beside the observations live (the GSO provincial panel).
    raw_dir: Path = paths.RAW_DIR


def annual_series(obs: pd.DataFrame, indicator: str, geo: str, breakdown: str = "") -> pd.DataFrame:
    """One value per year: the annual figure if any, else the year's latest quarter.

    Returns columns year, value, status, source, period, sorted by year.
    """
    # Plain arrays: the frames are small and pandas' per-call overhead dominated the assessment of every target.
    # One scan of the whole table (geo, the most selective column), then the few rows left; only those converted.
    rows_of = np.flatnonzero(obs["geo"].to_numpy(dtype=object) == geo)
    for col, want in (("indicator", indicator), ("breakdown", breakdown)):
        rows_of = rows_of[obs[col].to_numpy(dtype=object)[rows_of] == want]
    columns = ("year", "value", "status", "source", "period")
    picked = {c: obs[c].iloc[rows_of].to_numpy(dtype=object) for c in columns}
    best: dict[int, tuple[int, int]] = {}
    for i, (year, period) in enumerate(zip(picked["year"], picked["period"])):
        # Annual rows rank above any quarter; among quarters the latest wins (end-of-year rule); ties: the last row.
        quarter = period_quarter(period)
        rank = 5 if quarter == 0 else quarter
        if int(year) not in best or rank >= best[int(year)][0]:
            best[int(year)] = (rank, i)
    rows = [best[y][1] for y in sorted(best)]
    return pd.DataFrame({"year": np.array([int(picked["year"][i]) for i in rows], dtype="int64"),
                         "value": np.array([float(picked["value"][i]) for i in rows], dtype=float),
                         **{c: pd.array([str(picked[c][i]) for i in rows], dtype=obs[c].dtype)
                            for c in ("status", "source", "period")}}) if rows else \
        pd.DataFrame(columns=list(columns))


_ANNUAL_COLUMNS = ("year", "value", "status", "source", "period")


class AnnualIndex:
    """Every annual series of an observations table, by (indicator, geo, breakdown): one sort instead of one
    scan of the table per series; `series` gives what `annual_series` gives."""

    def __init__(self, obs: pd.DataFrame):
        self._obs = obs
        self._rows: dict[tuple[str, str, str], np.ndarray] = {}
        if obs.empty:
            return
        keys = obs.groupby(["indicator", "geo", "breakdown"], sort=False, dropna=False).ngroup().to_numpy()
        quarter = period_quarters(obs["period"])
        # The annual_series rule: annual rows rank above any quarter, the latest quarter above earlier ones,
        # and among equals the last row; so sort by rank, then row, and keep the last of each key and year.
        rank = np.where(quarter == 0, 5, quarter)
        pos = np.arange(len(obs))
        year = obs["year"].to_numpy(dtype="int64")
        order = np.lexsort((pos, rank, year, keys))
        k, y = keys[order], year[order]
        last = np.ones(len(order), dtype=bool)
        last[:-1] = (k[1:] != k[:-1]) | (y[1:] != y[:-1])
        chosen = order[last]
        starts = np.flatnonzero(np.r_[True, keys[chosen][1:] != keys[chosen][:-1]])
        ind, geo, brk = (obs[c].to_numpy(dtype=object) for c in ("indicator", "geo", "breakdown"))
        for rows in np.split(chosen, starts[1:]):
            first = rows[0]
            self._rows[(str(ind[first]), str(geo[first]), str(brk[first]))] = rows
        # The columns a series is cut from, converted once for the whole table.
        self._year = year
        self._value = obs["value"].to_numpy(dtype=float)
        self._text = {c: np.array([str(x) for x in obs[c].to_numpy(dtype=object)], dtype=object)
                      for c in ("status", "source", "period")}

    def has(self, indicator: str, geo: str, breakdown: str = "") -> bool:
        return (indicator, geo, breakdown) in self._rows

    def arrays(self, indicator: str, geo: str, breakdown: str = "") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(years, values, statuses as str) of `series`, without building a DataFrame (empty where none)."""
        rows = self._rows.get((indicator, geo, breakdown))
        if rows is None:
            return np.zeros(0, dtype="int64"), np.zeros(0), np.zeros(0, dtype=object)
        return self._year[rows], self._value[rows], self._text["status"][rows]

    def series(self, indicator: str, geo: str, breakdown: str = "") -> pd.DataFrame:
        """One value per year, as `annual_series(obs, indicator, geo, breakdown)`."""
        rows = self._rows.get((indicator, geo, breakdown))
        if rows is None:
            return pd.DataFrame(columns=list(_ANNUAL_COLUMNS))
        obs = self._obs
        return pd.DataFrame({"year": self._year[rows], "value": self._value[rows],
                             **{c: pd.array(self._text[c][rows], dtype=obs[c].dtype)
                                for c in ("status", "source", "period")}})

"""Reading a filled-in departmental workbook: every cell checked against the template and the catalogue.

Reading rules (data/README.md, "Vintages and departmental reports"):

- a number cell is its value; a percent-formatted cell (Excel shows 35 %,
  stores 0.35) is read as 35;
- text holding a plain number ("35.5") is that number; text ending in % ("35%")
  is that many percent for a share; any other text, a decimal comma, a
  thousands separator, a date, TRUE/FALSE or an Excel error is rejected;
- a formula counts as its result as last saved by Excel; one without a saved
  result is rejected;
- for a share, a plain number above 0 and at most 1 is ambiguous (0.35 % or 35 %
  written as a fraction?) and rejected, except for the shares listed under
  `small_values_plausible` in params/templates.yaml, where it is read as typed;
- blank rows and empty cells are skipped; sheets the template does not have are
  ignored and listed; a missing sheet, a changed header or unit, a merged cell
  at or below the header row, a year in the future, or a workbook of another
  template version or reporting unit is rejected.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from ..data.catalog import Indicator, Registry
from ..data.observations import parse_number
from ..errors import InputError, Problem, problem
from ..files import sha256_file
from ..words import BOOKS
from ..words.workbook import HEADERS, STATUS_CHOICES, STATUS_WORDS, unit_text
from .template import (
    COL_BREAKDOWN,
    COL_ID,
    COL_LABEL,
    COL_UNIT,
    FIRST_DATA_ROW,
    FIRST_YEAR_COL,
    HEADER_ROW,
    INSTRUCTIONS_SHEET,
    META_KEYS,
    META_SHEET,
    STATUS_ROW,
    TEMPLATE_MARK,
    Layout,
    TemplateSpec,
    layout_for,
)

EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA", "#SPILL!")
# Breakdown as the Phân tổ column shows it (vi, en or the code itself) → code.
BREAKDOWN_CODES = {label.casefold(): code for words in BOOKS.values() for code, label in words.BREAKDOWNS.items()}
BREAKDOWN_CODES.update({code: code for code in BOOKS["en"].BREAKDOWNS})


@dataclass(frozen=True)
class Reading:
    """One value read from one cell of a workbook."""

    sheet: str
    cell: str
    indicator: str
    breakdown: str
    year: int
    value: float
    status: str
    note: str = ""


@dataclass(frozen=True)
class WorkbookReading:
    """Everything read from a valid workbook: its identity and its values."""

    path: Path
    sha256: str
    unit: str
    geo: str
    version: str
    readings: tuple[Reading, ...]
    ignored_sheets: tuple[str, ...] = ()


class WorkbookProblems:
    """Collects problems located at sheet!cell of one workbook."""

    def __init__(self, path: Path):
        self.path = path
        self.items: list[Problem] = []

    def cell(self, ref: str, message: str, fix: str) -> None:
        self.items.append(problem(self.path, None, ref, message, fix, kind="cell"))

    def file(self, message: str, fix: str) -> None:
        self.items.append(problem(self.path, None, None, message, fix))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


def meta_ref(key: str) -> str:
    """The cell of a metadata key on the hidden sheet, as problems name it."""
    return f"{META_SHEET}!B{META_KEYS.index(key) + 1}"


def _ref(ws: Worksheet, row: int, col: int) -> str:
    return f"{ws.title}!{get_column_letter(col)}{row}"


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _is_percent_format(number_format: str | None) -> bool:
    # A % inside quotes or after a backslash is literal text, not percent scaling.
    fmt_s, out, quoted, escaped = number_format or "", [], False, False
    for ch in fmt_s:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif not quoted:
            out.append(ch)
    return "%" in out


@dataclass(frozen=True)
class CellValue:
    """A cell read under the rules above: a value, nothing (empty), or why not and how to fix it."""

    value: float | None
    error: str | None = None
    fix: str | None = None


def read_cell(raw: Any, number_format: str | None, formula: str | None, ind: Indicator,
              small_values_plausible: bool = False) -> CellValue:
    """Read one value cell of `ind` by the documented rules."""
    as_percent = False
    if isinstance(raw, bool):
        return CellValue(None, f"{raw} is not a number", "type the number")
    if isinstance(raw, (dt.date, dt.datetime, dt.time)):
        return CellValue(None, "is a date, not a number",
                         "format the cell as Number (Home › Number) and type the value again")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if formula:
            return CellValue(None, f"formula {formula} has no saved result",
                             "open the workbook in Excel and save it, or type the number")
        return CellValue(None)
    is_pct_unit = ind.unit == "%" or ind.unit.startswith("% ")
    if isinstance(raw, (int, float)):
        value = float(raw)
        if _is_percent_format(number_format):
            if not is_pct_unit:
                return CellValue(None, f"is formatted as a percentage ({value * 100:g} %), but the unit is "
                                 f"{ind.unit}", "format the cell as Number and type the count")
            # Excel stores 35 % as 0.35; the reader saw 35 %.
            value, as_percent = round(value * 100, 9), True
    else:
        text = str(raw).strip()
        if text.upper() in EXCEL_ERRORS:
            return CellValue(None, f"Excel error {text}", "fix the formula or type the number")
        if text.endswith("%"):
            if not is_pct_unit:
                return CellValue(None, f"'{text}' has a % sign, but the unit is {ind.unit}",
                                 "type the number without %")
            text, as_percent = text[:-1].strip(), True
        parsed = parse_number(text, integer=ind.integer)
        if parsed.error:
            return CellValue(None, parsed.error, parsed.fix)
        value = float(parsed.value)  # type: ignore[arg-type]
    if ind.is_share and not as_percent and 0 < value <= 1 and not small_values_plausible:
        return CellValue(None, f"{value:g} is ambiguous: {value:g} % or {value * 100:g} % written as a fraction?",
                         f"type {value * 100:g} for {value * 100:g} %, or {value:g}% for {value:g} %")
    lo, hi = ind.bounds
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        rng = f"{'' if lo is None else f'{lo:g}'}–{'' if hi is None else f'{hi:g}'}"
        fix = ("shares are percentages between 0 and 100" if (lo, hi) == (0, 100)
               else "check the value and its unit")
        return CellValue(None, f"{value:g} is outside the bounds {rng}", fix)
    if ind.integer and value != int(value):
        return CellValue(None, f"{value:g} is not a whole number, but the unit is {ind.unit}", "type a whole number")
    return CellValue(value)


def _metadata(wb: Any, pr: WorkbookProblems, registry: Registry, spec: TemplateSpec) -> dict[str, str] | None:
    if META_SHEET not in wb.sheetnames:
        pr.file(f"not a kh330 template (it has no hidden sheet '{META_SHEET}')",
                "ask for the template made by 'kh330 template --unit UNIT' and copy the values into it")
        return None
    ws = wb[META_SHEET]
    meta = {_text(ws.cell(r, 1).value): (_text(ws.cell(r, 2).value), f"{META_SHEET}!B{r}")
            for r in range(1, ws.max_row + 1)}
    for key in META_KEYS:
        if key not in meta:
            pr.cell(f"{META_SHEET}!A1", f"template identity lacks '{key}'",
                    "use an unmodified template from 'kh330 template'")
            return None
    if meta["template"][0] != TEMPLATE_MARK:
        pr.cell(meta["template"][1], "not a kh330 template", "use a template made by 'kh330 template'")
        return None
    version, ref = meta["version"]
    if not spec.accepts(version):
        pr.cell(ref, f"template version {version} is not accepted (current: {spec.version})",
                f"copy the values into a fresh template: kh330 template --unit {meta['unit'][0]}")
    unit, ref = meta["unit"]
    if unit not in registry.units or unit not in spec.units:
        pr.cell(ref, f"unknown reporting unit '{unit}'", f"use a template of one of: {', '.join(spec.units)}")
    geo, ref = meta["geo"]
    if geo not in registry.geos:
        pr.cell(ref, f"unknown geo '{geo}'", "use a template made for a geo of params/geos.yaml")
    for key in ("first_year", "last_year"):
        if not meta[key][0].isdigit():
            pr.cell(meta[key][1], f"'{meta[key][0]}' is not a year", "use an unmodified template")
    if pr.items:
        return None
    return {k: v for k, (v, _) in meta.items()}


def _header(ws: Worksheet, pr: WorkbookProblems, today: dt.date) -> tuple[dict[int, int], int | None, set[int]]:
    """Year of each year column, the note column and the other text columns; problems for changed headers."""
    expected = {COL_ID: HEADERS["id"], COL_LABEL: HEADERS["label"],
                COL_BREAKDOWN: HEADERS["breakdown"], COL_UNIT: HEADERS["unit"]}
    for col, text in expected.items():
        if _text(ws.cell(HEADER_ROW, col).value) != text:
            pr.cell(_ref(ws, HEADER_ROW, col), f"header '{_text(ws.cell(HEADER_ROW, col).value)}' "
                    f"should be '{text}'", "columns were inserted, moved or renamed: copy the values into "
                    "a fresh template")
    years: dict[int, int] = {}
    note_col = None
    text_cols = set()
    for col in range(FIRST_YEAR_COL, ws.max_column + 1):
        raw = ws.cell(HEADER_ROW, col).value
        text = _text(raw)
        if text == HEADERS["note"]:
            note_col = col
        if text in (HEADERS["note"], HEADERS["definition"]):
            text_cols.add(col)
            continue
        if not text:
            continue
        year = int(raw) if isinstance(raw, (int, float)) and float(raw).is_integer() else (
            int(text) if text.isdigit() and len(text) == 4 else None)
        if year is None:
            pr.cell(_ref(ws, HEADER_ROW, col), f"header '{text}' is not a year",
                    "year columns are headed by the year (e.g. 2025); copy the values into a fresh template")
        elif year > today.year:
            pr.cell(_ref(ws, HEADER_ROW, col), f"year {year} is in the future",
                    "report past and current years only; remove this column")
        elif year < 1900:
            pr.cell(_ref(ws, HEADER_ROW, col), f"{year} is not a plausible year", "write a four-digit year")
        elif year in years.values():
            pr.cell(_ref(ws, HEADER_ROW, col), f"year {year} appears twice", "keep one column per year")
        else:
            years[col] = year
    return years, note_col, text_cols


def _merged(ws: Worksheet, pr: WorkbookProblems) -> None:
    for rng in ws.merged_cells.ranges:
        if rng.max_row >= HEADER_ROW:
            pr.cell(f"{ws.title}!{rng.coord}", "merged cells in the table (values would be lost or doubled)",
                    "unmerge them (Home › Merge & Center › Unmerge Cells) and type one value per cell")


def _sheet(ws: Worksheet, fws: Worksheet, layout: Layout, registry: Registry, spec: TemplateSpec,
           pr: WorkbookProblems, today: dt.date) -> list[Reading]:
    _merged(ws, pr)
    years, note_col, text_cols = _header(ws, pr, today)
    loose_cols = [c for c in range(FIRST_YEAR_COL, ws.max_column + 1) if c not in years and c not in text_cols]
    expected = {(r.indicator, r.breakdown) for r in layout.sheet(ws.title).rows}  # type: ignore[union-attr]
    statuses: dict[int, str | None] = {}
    for col in years:
        word = _text(ws.cell(STATUS_ROW, col).value).casefold()
        if word and word not in STATUS_WORDS:
            pr.cell(_ref(ws, STATUS_ROW, col), f"'{ws.cell(STATUS_ROW, col).value}' is not a data status",
                    f"choose {', '.join(STATUS_CHOICES[:-1])} or {STATUS_CHOICES[-1]}")
        # An unknown word is reported once above; "official" only stands in so its values are still checked.
        statuses[col] = STATUS_WORDS.get(word, "official" if word else None)
    readings: list[Reading] = []
    seen: dict[tuple[str, str], int] = {}
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        code = _text(ws.cell(r, COL_ID).value)
        value_cols = [c for c in years if _text(ws.cell(r, c).value) or fws.cell(r, c).data_type == "f"]
        note = _text(ws.cell(r, note_col).value) if note_col else ""
        for c in loose_cols:
            if _text(ws.cell(r, c).value) and _text(ws.cell(HEADER_ROW, c).value) == "":
                pr.cell(_ref(ws, r, c), "a value in a column without a year header",
                        "move it to the column of its year, or delete it")
        if not code:
            for c in value_cols:
                pr.cell(_ref(ws, r, c), "a value on a row without an indicator code (column A)",
                        "move it to its indicator's row, or delete it")
            continue
        ind = registry.indicators.get(code)
        label = _text(ws.cell(r, COL_BREAKDOWN).value)
        breakdown = BREAKDOWN_CODES.get(label.casefold(), None) if label else ""
        if ind is None or breakdown is None or (code, breakdown) not in expected:
            what = f"'{code}'" + (f" ({label})" if label else "")
            pr.cell(_ref(ws, r, COL_ID), f"{what} is not a row of sheet {ws.title} in this template",
                    "restore the indicator code and Phân tổ from a fresh template")
            continue
        if (code, breakdown) in seen:
            pr.cell(_ref(ws, r, COL_ID), f"{code} {label} repeats row {seen[(code, breakdown)]}",
                    "keep one row per indicator and level; delete the copy")
            continue
        seen[(code, breakdown)] = r
        unit_shown = _text(ws.cell(r, COL_UNIT).value)
        if unit_shown != unit_text(ind):
            pr.cell(_ref(ws, r, COL_UNIT), f"unit '{unit_shown}' differs from the template's '{unit_text(ind)}' "
                    f"for {code}", f"convert the values to '{unit_text(ind)}' and restore the unit")
            continue
        for c in value_cols:
            cell, fcell = ws.cell(r, c), fws.cell(r, c)
            formula = str(fcell.value) if fcell.data_type == "f" else None
            got = read_cell(cell.value, cell.number_format, formula, ind, code in spec.small_values_plausible)
            where = f"{code}{f' ({breakdown})' if breakdown else ''}, {years[c]}: "
            if got.error:
                pr.cell(_ref(ws, r, c), where + got.error, got.fix or "")
            elif got.value is not None:
                if statuses[c] is None:
                    pr.cell(_ref(ws, STATUS_ROW, c), f"no data status for {years[c]}, which has values",
                            f"choose {', '.join(STATUS_CHOICES[:-1])} or {STATUS_CHOICES[-1]} in row 4")
                    statuses[c] = "official"  # report the missing status once per column
                readings.append(Reading(ws.title, f"{get_column_letter(c)}{r}", code, breakdown, years[c],
                                        got.value, statuses[c] or "official", note))
    return readings


def read_workbook(path: Path | str, registry: Registry, spec: TemplateSpec,
                  today: dt.date | None = None) -> WorkbookReading:
    """Read and check every cell of a departmental workbook; raise InputError listing every problem."""
    p = Path(path)
    today = today or dt.date.today()
    pr = WorkbookProblems(p)
    if not p.exists():
        pr.file("file not found", "check the path")
        pr.raise_if_any()
    try:
        wb = load_workbook(p, data_only=True)
        fwb = load_workbook(p, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        hint = "an old .xls file" if p.suffix.lower() == ".xls" else type(exc).__name__
        pr.file(f"not an Excel .xlsx workbook ({hint})", "open it in Excel and save as 'Excel Workbook (.xlsx)'")
        raise InputError(pr.items) from None
    meta = _metadata(wb, pr, registry, spec)
    pr.raise_if_any()
    assert meta is not None
    try:
        layout = layout_for(registry, spec, meta["unit"], meta["geo"], today)
    except InputError as exc:
        pr.cell(meta_ref("geo"), f"geo '{meta['geo']}' does not fit unit '{meta['unit']}'",
                exc.problems[0].fix or "use an unmodified template")
        raise InputError(pr.items) from None
    readings: list[Reading] = []
    for sl in layout.sheets:
        if sl.name not in wb.sheetnames:
            pr.file(f"sheet '{sl.name}' is missing",
                    f"restore it: make a fresh template (kh330 template --unit {meta['unit']}) and copy the values in")
            continue
        readings += _sheet(wb[sl.name], fwb[sl.name], layout, registry, spec, pr, today)
    known = {s.name for s in layout.sheets} | {INSTRUCTIONS_SHEET, META_SHEET}
    ignored = tuple(n for n in wb.sheetnames if n not in known)
    if not readings and not pr.items:
        pr.file("no values: every yellow cell is empty", "fill in the figures you have, then send the file again")
    pr.raise_if_any()
    return WorkbookReading(p, sha256_file(p), meta["unit"], meta["geo"], meta["version"], tuple(readings), ignored)


# ---------------------------------------------------------------- intake

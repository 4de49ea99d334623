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
  written as a fraction?) and rejected, except for the shares marked
  `small_values: true` in params/indicators.yaml, where it is read as typed;
- blank rows and empty cells are skipped; sheets the template does not have are
  ignored and listed; a missing sheet, a changed header or unit, a merged cell
  at or below the header row, a year in the future, or a workbook of another
  template version or reporting unit is rejected.

Damaged, huge and hostile files are refused before openpyxl parses them (kh330lib/workbooks/opening.py,
params/limits.yaml). Over-long cell texts and notes are refused by cell; notes lose terminal escapes and
control characters. Whatever goes wrong is a problem with a fix, and reading stops after `errors.max_shown`
problems.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from openpyxl.utils import get_column_letter
from openpyxl.utils.escape import unescape

from ..data.catalog import Indicator, Registry
from ..data.numbers import parse_number
from ..data.rules import observed_year_problem, value_problem
from ..errors import InputError, Problem, Refusal, problem
from ..limits import Limits, ascii_digits, clean_text, foreign_digit, limits
from ..words import BOOKS
from ..words.workbook import HEADERS, INSTRUCTIONS_SHEET, STATUS_CHOICES, STATUS_WORDS, unit_text
from .opening import LIMITS_FILE, Opened, Row, SheetScan, open_checked, over, plain, stream_rows
from .template import (
    COL_BREAKDOWN,
    COL_ID,
    COL_LABEL,
    COL_UNIT,
    FIRST_DATA_ROW,
    FIRST_YEAR_COL,
    HEADER_ROW,
    META_KEYS,
    META_SHEET,
    STATUS_ROW,
    TEMPLATE_MARK,
    Layout,
    TemplateSpec,
    layout_for,
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Status words as typed may come decomposed (NFD, e.g. from a Mac): compared composed, as the words are written.
_STATUS_WORDS = {_nfc(word): status for word, status in STATUS_WORDS.items()}
EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA", "#SPILL!")
# Breakdown as the Phân tổ column shows it (vi, en or the code itself) → code.
BREAKDOWN_CODES = {_nfc(label).casefold(): code for words in BOOKS.values()
                   for code, label in words.BREAKDOWNS.items()}
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
    """Collects problems located at sheet!cell of one workbook; stops at params/limits.yaml `errors.max_shown`."""

    def __init__(self, path: Path):
        self.path = path
        self.items: list[Problem] = []

    def cell(self, ref: str, message: str, fix: str) -> None:
        self._add(problem(self.path, None, plain(ref), plain(message), plain(fix), kind="cell"))

    def file(self, message: str, fix: str) -> None:
        self._add(problem(self.path, None, None, plain(message), plain(fix)))

    def _add(self, item: Problem) -> None:
        self.items.append(item)
        # A flood of problems says "wrong file" as well as a thousand lines would, and costs less to find.
        if len(self.items) >= limits().max_errors:
            raise InputError(self.items, stopped=True)

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


def meta_ref(key: str) -> str:
    """The cell of a metadata key on the hidden sheet, as problems name it."""
    return f"{META_SHEET}!B{META_KEYS.index(key) + 1}"


def _ref(sheet: str, row: int, col: int) -> str:
    return f"{sheet}!{get_column_letter(col)}{row}"


def _text(value: Any) -> str:
    """A cell's text, stripped and composed (NFC): 'chính thức' typed decomposed reads as the word it shows."""
    return "" if value is None else _nfc(str(value).strip())


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


def read_cell(raw: Any, number_format: str | None, formula: str | None, ind: Indicator) -> CellValue:
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
    # The rules observations.csv follows too (kh330lib.data.rules).
    wrong = value_problem(value, ind, percent_written=as_percent, typed=True)
    if wrong:
        return CellValue(None, *wrong)
    return CellValue(value)


# ---------------------------------------------------------------- checking the template's sheets

def _value(cells: Row, col: int) -> Any:
    cell = cells.get(col)
    return None if cell is None else cell.value


def _long_texts(sheet: str, r: int, cells: Row, pr: WorkbookProblems, lim: Limits, skip: int | None = None) -> None:
    """Refuse cell texts (and formulas) over the limit; the cell is then left out of every other check."""
    for c in sorted(cells):
        cell = cells[c]
        n = max(len(cell.value) if isinstance(cell.value, str) else 0, len(cell.formula or ""))
        if c != skip and n > lim.max_cell_chars:
            pr.cell(_ref(sheet, r, c),
                    f"text of {n:,} characters; {over('workbook.max_cell_chars', lim.max_cell_chars)}",
                    "shorten it; long explanations belong in the e-mail that comes with the workbook")
            del cells[c]


def _note(sheet: str, r: int, col: int, cells: Row, pr: WorkbookProblems, lim: Limits) -> str:
    """The note of a row as one line of plain text (no terminal escapes or control characters)."""
    raw = _value(cells, col)
    if raw is None:
        return ""
    # Excel writes control characters as _xHHHH_ (XML cannot hold them); decoded, they are cleaned away below.
    note, too_long = clean_text(unescape(str(raw)), lim.max_note_chars)
    if too_long:
        pr.cell(_ref(sheet, r, col), f"note {too_long} (text.max_note_chars in {LIMITS_FILE})",
                "shorten the note; long explanations belong in the e-mail that comes with the workbook")
    return note


def _metadata(wb: Any, scans: dict[str, SheetScan], pr: WorkbookProblems, registry: Registry, spec: TemplateSpec,
              lim: Limits) -> dict[str, str] | None:
    if META_SHEET not in wb.sheetnames or META_SHEET not in scans:
        pr.file(f"not a kh330 template (it has no hidden sheet '{META_SHEET}')",
                "ask for the template made by 'kh330 template --unit UNIT' and copy the values into it")
        return None
    meta: dict[str, tuple[str, str]] = {}
    for r, cells in stream_rows(wb[META_SHEET], None, scans[META_SHEET], last_col=2):
        _long_texts(META_SHEET, r, cells, pr, lim)
        meta[_text(_value(cells, 1))] = (_text(_value(cells, 2)), f"{META_SHEET}!B{r}")
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
        if not (meta[key][0].isascii() and meta[key][0].isdigit()):
            pr.cell(meta[key][1], f"'{meta[key][0]}' is not a year", "use an unmodified template")
    if pr.items:
        return None
    return {k: v for k, (v, _) in meta.items()}


def _header(sheet: str, header: Row, pr: WorkbookProblems,
            today: dt.date) -> tuple[dict[int, int], int | None, set[int]]:
    """Year of each year column, the note column and the other text columns; problems for changed headers."""
    expected = {COL_ID: HEADERS["id"], COL_LABEL: HEADERS["label"],
                COL_BREAKDOWN: HEADERS["breakdown"], COL_UNIT: HEADERS["unit"]}
    for col, text in expected.items():
        got = _text(_value(header, col))
        if got != text:
            pr.cell(_ref(sheet, HEADER_ROW, col), f"header '{got}' should be '{text}'",
                    "columns were inserted, moved or renamed: copy the values into a fresh template")
    years: dict[int, int] = {}
    note_col = None
    text_cols = set()
    for col in sorted(c for c in header if c >= FIRST_YEAR_COL):
        raw = header[col].value
        text = _text(raw)
        if text == HEADERS["note"]:
            note_col = col
        if text in (HEADERS["note"], HEADERS["definition"]):
            text_cols.add(col)
            continue
        if not text:
            continue
        year = int(raw) if isinstance(raw, (int, float)) and float(raw).is_integer() else (
            int(text) if text.isascii() and text.isdigit() and len(text) == 4 else None)
        if year is None and foreign_digit(text):
            pr.cell(_ref(sheet, HEADER_ROW, col), f"header '{text}' has a digit that is not 0–9: {foreign_digit(text)}",
                    f"type the year with the digits 0–9: {ascii_digits(text)}")
        elif year is None:
            pr.cell(_ref(sheet, HEADER_ROW, col), f"header '{text}' is not a year",
                    "year columns are headed by the year (e.g. 2025); copy the values into a fresh template")
        elif observed_year_problem(year, today.year, typed=True):
            pr.cell(_ref(sheet, HEADER_ROW, col), *observed_year_problem(year, today.year, typed=True))
        elif year in years.values():
            pr.cell(_ref(sheet, HEADER_ROW, col), f"year {year} appears twice", "keep one column per year")
        else:
            years[col] = year
    return years, note_col, text_cols


def _merged(sheet: str, ranges: list[str], pr: WorkbookProblems) -> None:
    # Read-only worksheets do not expose merged cells: the pre-scan collected them from the sheet's XML.
    for coord in ranges:
        pr.cell(f"{sheet}!{coord}", "merged cells in the table (values would be lost or doubled)",
                "unmerge them (Home › Merge & Center › Unmerge Cells) and type one value per cell")


def _sheet(scan: SheetScan, rows: Iterator[tuple[int, Row]], layout: Layout, registry: Registry,
           spec: TemplateSpec, pr: WorkbookProblems, today: dt.date, lim: Limits) -> list[Reading]:
    name = scan.name
    _merged(name, scan.merged, pr)
    # The title, header and status rows come first; the loop below goes on with the same rows from FIRST_DATA_ROW.
    top: dict[int, Row] = {}
    for r, cells in rows:
        _long_texts(name, r, cells, pr, lim)
        top[r] = cells
        if r >= FIRST_DATA_ROW - 1:
            break
    header, status_row = top.get(HEADER_ROW, {}), top.get(STATUS_ROW, {})
    years, note_col, text_cols = _header(name, header, pr, today)
    expected = {(r.indicator, r.breakdown) for r in layout.sheet(name).rows}  # type: ignore[union-attr]
    statuses: dict[int, str | None] = {}
    for col in years:
        word = _text(_value(status_row, col)).casefold()
        if word and word not in _STATUS_WORDS:
            pr.cell(_ref(name, STATUS_ROW, col), f"'{_value(status_row, col)}' is not a data status",
                    f"choose {', '.join(STATUS_CHOICES[:-1])} or {STATUS_CHOICES[-1]}")
        # An unknown word is reported once above; "official" only stands in so its values are still checked.
        statuses[col] = _STATUS_WORDS.get(word, "official" if word else None)
    readings: list[Reading] = []
    seen: dict[tuple[str, str], int] = {}
    for r, cells in rows:
        _long_texts(name, r, cells, pr, lim, skip=note_col)
        code = _text(_value(cells, COL_ID))
        value_cols = [c for c in years if c in cells and (_text(cells[c].value) or cells[c].formula)]
        note = _note(name, r, note_col, cells, pr, lim) if note_col else ""
        for c in sorted(cells):
            if (c >= FIRST_YEAR_COL and c not in years and c not in text_cols and _text(cells[c].value)
                    and not _text(_value(header, c))):
                pr.cell(_ref(name, r, c), "a value in a column without a year header",
                        "move it to the column of its year, or delete it")
        if not code:
            for c in value_cols:
                pr.cell(_ref(name, r, c), "a value on a row without an indicator code (column A)",
                        "move it to its indicator's row, or delete it")
            continue
        ind = registry.indicators.get(code)
        label = _text(_value(cells, COL_BREAKDOWN))
        breakdown = BREAKDOWN_CODES.get(label.casefold(), None) if label else ""
        if ind is None or breakdown is None or (code, breakdown) not in expected:
            what = f"'{code}'" + (f" ({label})" if label else "")
            pr.cell(_ref(name, r, COL_ID), f"{what} is not a row of sheet {name} in this template",
                    f"restore the indicator code and {HEADERS['breakdown']} from a fresh template")
            continue
        if (code, breakdown) in seen:
            pr.cell(_ref(name, r, COL_ID), f"{code} {label} repeats row {seen[(code, breakdown)]}",
                    "keep one row per indicator and level; delete the copy")
            continue
        seen[(code, breakdown)] = r
        unit_shown = _text(_value(cells, COL_UNIT))
        if unit_shown != unit_text(ind):
            pr.cell(_ref(name, r, COL_UNIT), f"unit '{unit_shown}' differs from the template's '{unit_text(ind)}' "
                    f"for {code}", f"convert the values to '{unit_text(ind)}' and restore the unit")
            continue
        for c in value_cols:
            cell = cells[c]
            got = read_cell(cell.value, cell.number_format, cell.formula, ind)
            where = f"{code}{f' ({breakdown})' if breakdown else ''}, {years[c]}: "
            if got.error:
                pr.cell(_ref(name, r, c), where + got.error, got.fix or "")
            elif got.value is not None:
                if statuses[c] is None:
                    pr.cell(_ref(name, STATUS_ROW, c), f"no data status for {years[c]}, which has values",
                            f"choose {', '.join(STATUS_CHOICES[:-1])} or {STATUS_CHOICES[-1]} in row 4")
                    statuses[c] = "official"  # report the missing status once per column
                readings.append(Reading(name, f"{get_column_letter(c)}{r}", code, breakdown, years[c],
                                        got.value, statuses[c] or "official", note))
    return readings


# ---------------------------------------------------------------- the whole workbook

def read_workbook(path: Path | str, registry: Registry, spec: TemplateSpec,
                  today: dt.date | None = None) -> WorkbookReading:
    """Read and check every cell of a departmental workbook; raise InputError listing every problem."""
    p = Path(path)
    today = today or dt.date.today()
    pr = WorkbookProblems(p)
    if not p.exists():
        pr.file("file not found", "check the path")
        pr.raise_if_any()
    lim = limits()
    with ExitStack() as stack:  # closes the file and both read-only workbooks, whatever happens
        try:
            return _read(p, open_checked(stack, p, lim), registry, spec, today, pr, lim)
        except Refusal as why:
            if why.ref:
                pr.cell(why.ref, why.message, why.fix)
            else:
                pr.file(why.message, why.fix)
            raise InputError(pr.items) from None


def _read(p: Path, book: Opened, registry: Registry, spec: TemplateSpec, today: dt.date, pr: WorkbookProblems,
          lim: Limits) -> WorkbookReading:
    wb, fwb, scans = book.values, book.formulas, book.scans
    meta = _metadata(wb, scans, pr, registry, spec, lim)
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
        if sl.name not in wb.sheetnames or sl.name not in scans:
            pr.file(f"sheet '{sl.name}' is missing",
                    f"restore it: make a fresh template (kh330 template --unit {meta['unit']}) and copy the values in")
            continue
        scan = scans[sl.name]
        readings += _sheet(scan, stream_rows(wb[sl.name], fwb[sl.name], scan), layout, registry, spec, pr, today, lim)
    known = {s.name for s in layout.sheets} | {INSTRUCTIONS_SHEET, META_SHEET}
    ignored = tuple(plain(n) for n in wb.sheetnames if n not in known)  # the names are printed
    if not readings and not pr.items:
        pr.file("no values: every yellow cell is empty", "fill in the figures you have, then send the file again")
    pr.raise_if_any()
    return WorkbookReading(p, book.sha256, meta["unit"], meta["geo"], meta["version"], tuple(readings), ignored)

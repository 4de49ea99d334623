"""Departmental workbooks → validated vintages: every cell checked, nothing written unless all are valid.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from .. import paths
from ..data.catalog import Indicator, Registry
from ..data.dataset import load_dataset
from ..data.observations import Dataset, collect_observations, parse_number, period_quarter
from ..data.vintages import csv_bytes, format_value, next_seq, read_vintages, write_vintage
from ..errors import InputError, Problem, problem
from ..files import sha256_file
from ..words import BOOKS
from ..words.phrases import with_unit
from .template import (
    COL_BREAKDOWN,
    COL_ID,
    COL_LABEL,
    COL_UNIT,
    FIRST_DATA_ROW,
    FIRST_YEAR_COL,
    HEADER_ROW,
    HEADERS_VI,
    INSTRUCTIONS_SHEET,
    META_KEYS,
    META_SHEET,
    STATUS_ROW,
    STATUS_WORDS,
    TEMPLATE_MARK,
    Layout,
    TemplateSpec,
    layout_for,
    load_spec,
    unit_text,
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


class _Problems:
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


def _meta_ref(key: str) -> str:
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


def _metadata(wb: Any, pr: _Problems, registry: Registry, spec: TemplateSpec) -> dict[str, str] | None:
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


def _header(ws: Worksheet, pr: _Problems, today: dt.date) -> tuple[dict[int, int], int | None, set[int]]:
    """Year of each year column, the note column and the other text columns; problems for changed headers."""
    expected = {COL_ID: HEADERS_VI["id"], COL_LABEL: HEADERS_VI["label"],
                COL_BREAKDOWN: HEADERS_VI["breakdown"], COL_UNIT: HEADERS_VI["unit"]}
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
        if text == HEADERS_VI["note"]:
            note_col = col
        if text in (HEADERS_VI["note"], HEADERS_VI["definition"]):
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


def _merged(ws: Worksheet, pr: _Problems) -> None:
    for rng in ws.merged_cells.ranges:
        if rng.max_row >= HEADER_ROW:
            pr.cell(f"{ws.title}!{rng.coord}", "merged cells in the table (values would be lost or doubled)",
                    "unmerge them (Home › Merge & Center › Unmerge Cells) and type one value per cell")


def _sheet(ws: Worksheet, fws: Worksheet, layout: Layout, registry: Registry, spec: TemplateSpec,
           pr: _Problems, today: dt.date) -> list[Reading]:
    _merged(ws, pr)
    years, note_col, text_cols = _header(ws, pr, today)
    loose_cols = [c for c in range(FIRST_YEAR_COL, ws.max_column + 1) if c not in years and c not in text_cols]
    expected = {(r.indicator, r.breakdown) for r in layout.sheet(ws.title).rows}  # type: ignore[union-attr]
    statuses: dict[int, str | None] = {}
    for col in years:
        word = _text(ws.cell(STATUS_ROW, col).value).casefold()
        if word and word not in STATUS_WORDS:
            pr.cell(_ref(ws, STATUS_ROW, col), f"'{ws.cell(STATUS_ROW, col).value}' is not a data status",
                    "choose chính thức, ước tính or sơ bộ")
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
                            "choose chính thức, ước tính or sơ bộ in row 4")
                    statuses[c] = "official"  # report the missing status once per column
                readings.append(Reading(ws.title, f"{get_column_letter(c)}{r}", code, breakdown, years[c],
                                        got.value, statuses[c] or "official", note))
    return readings


def read_workbook(path: Path | str, registry: Registry, spec: TemplateSpec,
                  today: dt.date | None = None) -> WorkbookReading:
    """Read and check every cell of a departmental workbook; raise InputError listing every problem."""
    p = Path(path)
    today = today or dt.date.today()
    pr = _Problems(p)
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
        pr.cell(_meta_ref("geo"), f"geo '{meta['geo']}' does not fit unit '{meta['unit']}'",
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

@dataclass(frozen=True)
class Change:
    """A value of the workbook next to what was known before it."""

    reading: Reading
    old: float | None
    old_source: str | None

    @property
    def kind(self) -> str:
        if self.old is None:
            return "new"
        return "unchanged" if self.old == self.reading.value else "revised"


@dataclass(frozen=True)
class IntakeResult:
    """What an intake read, how it compares with earlier vintages, and what it wrote."""

    workbook: WorkbookReading
    reporter: str
    received: dt.date
    vintage: str
    source_id: str
    changes: tuple[Change, ...]
    written: tuple[Path, ...]
    warnings: tuple[str, ...]
    registry: Registry = field(compare=False, repr=False)

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


def source_id_for(unit: str, geo: str, spec: TemplateSpec, received: dt.date, sha256: str) -> str:
    """`DOET_20260315_AB12CD34`; ward reports add the ward's code: `WARD19753_20260315_…`."""
    tag = unit.upper() + ("" if spec.units[unit].geo else geo.rsplit("-", 1)[-1])
    return f"{tag}_{received:%Y%m%d}_{sha256[:8].upper()}"


def _changes(readings: tuple[Reading, ...], geo: str, dataset: Dataset) -> tuple[Change, ...]:
    obs = dataset.observations[dataset.observations["geo"] == geo]
    known = {(r.indicator, r.breakdown, int(r.year)): (float(r.value), str(r.source))
             for r in obs.itertuples() if period_quarter(r.period) == 0}
    out = []
    for rd in readings:
        old = known.get((rd.indicator, rd.breakdown, rd.year))
        out.append(Change(rd, old[0] if old else None, old[1] if old else None))
    return tuple(out)


def take_in(path: Path | str, reporter: str, received: dt.date | None = None, *, unit: str | None = None,
            dry_run: bool = False, today: dt.date | None = None, vintages: Path | str | None = None
            ) -> IntakeResult:
    """Validate a workbook and, if every cell is valid, add it as a new vintage (nothing is ever edited).

    Parameters
    ----------
    reporter : who sent the workbook (a person or office); recorded as the source's publisher.
    received : the date the workbook was received (default today); `--as-of` dates compare with it.
    unit : when given, the workbook must be this unit's template.
    dry_run : validate and compare, write nothing.
    vintages : the vintage folder (default data/vintages/).
    """
    p = Path(path)
    today = today or dt.date.today()
    received = received or today
    pr = _Problems(p)
    if not reporter.strip():
        pr.file("--reporter is empty", "name who sent the workbook, e.g. --reporter 'Phòng KHTC, Sở GD&ĐT'")
    if received > today:
        pr.file(f"received date {received} is in the future", "give the date the workbook arrived")
    pr.raise_if_any()
    dataset = load_dataset(today=today, vintages=vintages)
    spec = load_spec(dataset.registry)
    wbr = read_workbook(p, dataset.registry, spec, today)
    if unit is not None and unit != wbr.unit:
        pr.cell(_meta_ref("unit"), f"this is the template of '{wbr.unit}', not '{unit}'",
                f"check the file came from {unit}, or leave out --unit")
    existing, _ = read_vintages(vintages)
    for v in existing:
        if v.sha256 == wbr.sha256:
            pr.file(f"this workbook was already taken in on {v.received} as {v.id}",
                    "nothing to do; a corrected workbook arrives as a new file")
    pr.raise_if_any()
    source_id = source_id_for(wbr.unit, wbr.geo, spec, received, wbr.sha256)
    stem = f"{received.isoformat()}_{wbr.unit}_{wbr.geo}_{wbr.sha256[:8]}"
    ind = dataset.registry.indicators
    rows = [{"indicator": rd.indicator, "geo": wbr.geo, "breakdown": rd.breakdown, "year": rd.year, "period": "",
             "value": rd.value, "unit": ind[rd.indicator].unit, "source": source_id, "status": rd.status,
             "note": f"{rd.sheet}!{rd.cell}" + (f" — {rd.note}" if rd.note else "")}
            for rd in wbr.readings]
    _check_rows(rows, dataset, source_id, stem, vintages, today)
    unit_label = dataset.registry.units[wbr.unit].label_vi
    geo_label = dataset.registry.geos[wbr.geo].label_vi
    title = (f"Báo cáo định kỳ Kế hoạch 330/KH-UBND: {unit_label}, {geo_label} (mẫu {wbr.version}, "
             f"tệp {p.name}, người gửi: {reporter.strip()}, nhận ngày {received:%d/%m/%Y})")
    meta = {"seq": next_seq(vintages), "unit": wbr.unit, "geo": wbr.geo, "reporter": reporter.strip(),
            "received": received.isoformat(), "template_version": wbr.version, "sha256": wbr.sha256,
            "workbook": p.name, "taken_in": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "source": {"source": source_id, "title": title, "publisher": reporter.strip(), "url": "",
                       "published": received.isoformat(), "accessed": received.isoformat()}}
    warnings = []
    later = [v for v in existing if v.received > received]
    if later:
        warnings.append(f"received {received} is earlier than {len(later)} vintage(s) already on file "
                        f"(latest {max(v.received for v in later)}): status --as-of a date in between now "
                        "includes this report")
    written: tuple[Path, ...] = ()
    if not dry_run:
        written = write_vintage(stem, rows, meta, vintages)
    return IntakeResult(wbr, reporter.strip(), received, stem, source_id, _changes(wbr.readings, wbr.geo, dataset),
                        written, tuple(warnings), dataset.registry)


def _check_rows(rows: list[dict], dataset: Dataset, source_id: str, stem: str, vintages: Path | str | None,
                today: dt.date) -> None:
    """Run the rows through the loader's own validation before anything is written."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / f"{stem}.csv"
        probe.write_bytes(csv_bytes(rows))
        _, problems = collect_observations(probe, dataset.registry, {*dataset.sources["source"], source_id}, today)
    if problems:
        raise InputError(problems)


def render_intake(result: IntakeResult) -> str:
    """What the intake found, for the terminal: new values, revisions (old → new), what was written."""
    wb, registry = result.workbook, result.registry
    lines = [f"kh330 intake: {paths.display(wb.path)} — {registry.units[wb.unit].label_en}, "
             f"{registry.geos[wb.geo].label_en} ({wb.geo}), template {wb.version}",
             f"  reporter: {result.reporter}; received {result.received}; SHA-256 {wb.sha256[:16]}…",
             f"  source: {result.source_id}"]

    def value(v: float, indicator: str) -> str:
        return with_unit(v, registry.indicators[indicator].unit, "en", 6)

    for kind, head in (("new", "new"), ("revised", "revises an earlier value (old → new)"),
                       ("unchanged", "same as before")):
        items = result.of_kind(kind)
        lines.append(f"  {len(items)} {head}" + (":" if items and kind != "unchanged" else ""))
        if kind == "unchanged":
            continue
        for c in items:
            rd = c.reading
            what = f"{rd.indicator}{f' ({rd.breakdown})' if rd.breakdown else ''} {rd.year}"
            if kind == "new":
                lines.append(f"    {rd.sheet}!{rd.cell}  {what}: {value(rd.value, rd.indicator)} [{rd.status}]")
            else:
                lines.append(f"    {rd.sheet}!{rd.cell}  {what}: {format_value(c.old)} → "  # type: ignore[arg-type]
                             f"{value(rd.value, rd.indicator)} (was {c.old_source})")
    if wb.ignored_sheets:
        lines.append(f"  ignored sheets (not part of the template): {', '.join(wb.ignored_sheets)}")
    for w in result.warnings:
        lines.append(f"  note: {w}")
    if result.written:
        lines.append(f"  written: {', '.join(paths.display(p) for p in result.written)}")
    else:
        lines.append("  dry run: nothing written")
    return "\n".join(lines)

"""Excel report templates of Plan 330 section V: params/templates.yaml + the catalogue → one .xlsx per unit.

Layout of every indicator sheet (kh330lib/intake.py reads the same constants):

    row 1  title                      row 2  unit, geo and template version
    row 3  header: Mã chỉ tiêu | Chỉ tiêu | Phân tổ | Đơn vị | 2024 | 2025 | … | Ghi chú | Định nghĩa
    row 4  data status of each year column (chính thức / ước tính / sơ bộ)
    row 5… one row per indicator and breakdown; yellow cells take the values

Header cells are locked (sheet protection without a password: it prevents
accidents, not tampering); value, status and note cells are unlocked and carry
Excel data validation (numbers only, within the indicator's bounds).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import paths
from ..data.catalog import Indicator, Registry
from ..data.wards import collect_rules
from ..errors import InputError, Problem, os_error, problem, quote, short
from ..files import check_output_path, keep_text, save_atomic
from ..words import breakdown_name
from ..words import workbook as workbook_words
from ..yamlio import LineDict, load_yaml
from .export import workbook_saver

# Sheet layout shared with the intake.
TITLE_ROW, SUBTITLE_ROW, HEADER_ROW, STATUS_ROW, FIRST_DATA_ROW = 1, 2, 3, 4, 5
COL_ID, COL_LABEL, COL_BREAKDOWN, COL_UNIT, FIRST_YEAR_COL = 1, 2, 3, 4, 5
META_SHEET = "_kh330"
META_KEYS = ("template", "version", "unit", "geo", "generated", "first_year", "last_year")
TEMPLATE_MARK = "kh330"

# Points per line of 11-pt text: wrapped cells get explicit heights (not every application autofits them).
LINE_HEIGHT = 15
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


# ---------------------------------------------------------------- the spec (params/templates.yaml)

@dataclass(frozen=True)
class SheetSpec:
    """One indicator group: a sheet of every template whose unit reports one of its indicators."""

    name: str
    title_vi: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class UnitSpec:
    """For which geo a reporting unit reports: a fixed geo, or one of its own of the given levels."""

    id: str
    geo: str | None
    levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class TemplateSpec:
    """params/templates.yaml, validated against the catalogue."""

    version: str
    also_accepted: tuple[str, ...]
    first_year: int
    small_values_plausible: frozenset[str]
    units: dict[str, UnitSpec]
    sheets: tuple[SheetSpec, ...]
    definitions_vi: dict[str, str]
    path: Path

    def accepts(self, version: str) -> bool:
        return version == self.version or version in self.also_accepted


def collect_spec(registry: Registry, path: Path | str | None = None) -> tuple[TemplateSpec | None, list[Problem]]:
    """Read params/templates.yaml; return the spec (None if unusable) and every problem."""
    p = Path(path or paths.EXCEL_TEMPLATES)
    data = load_yaml(p)
    problems: list[Problem] = []

    def bad(node: Any, key: str | None, message: str, fix: str) -> None:
        line = node.line_of(key) if isinstance(node, LineDict) and key else getattr(node, "line", None)
        problems.append(problem(p, line, key, message, fix, kind="field"))

    if not isinstance(data, LineDict):
        bad(None, None, "expected a mapping", "see the comments at the top of the file")
        return None, problems
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        bad(data, "version", f"must be a quoted text, got {quote(version)}", 'write e.g. version: "2026.1"')
        version = ""
    first_year = data.get("first_year")
    if isinstance(first_year, bool) or not isinstance(first_year, int) or not 2000 <= first_year <= 2100:
        bad(data, "first_year", f"must be a year, got {quote(first_year)}", "write e.g. first_year: 2024")
        first_year = 2024
    units: dict[str, UnitSpec] = {}
    raw_units = data.get("units") if isinstance(data.get("units"), LineDict) else LineDict()
    for uid in registry.units:
        if uid not in raw_units:
            bad(data, "units", f"reporting unit '{short(uid)}' has no entry", f"add '{uid}: {{geo: VN-HUE}}'")
    for uid, node in raw_units.items():
        if uid not in registry.units:
            bad(raw_units, uid, f"unknown reporting unit '{short(uid)}'", "use an id from params/reporting_units.yaml")
            continue
        node = node if isinstance(node, dict) else {}
        geo, levels = node.get("geo"), tuple(node.get("levels") or ())
        if geo is not None and geo not in registry.geos:
            bad(raw_units, uid, f"unknown geo '{short(geo)}'", "use a code from params/geos.yaml")
        if (geo is None) == (not levels):
            bad(raw_units, uid, "give either 'geo' (a fixed geo) or 'levels' (the unit's own geo)",
                "write {geo: VN-HUE} or {levels: [ward, commune]}")
        units[uid] = UnitSpec(uid, geo, levels)
    sheets: list[SheetSpec] = []
    listed: set[str] = set()
    for node in data.get("sheets") or []:
        if not isinstance(node, LineDict):
            bad(data, "sheets", f"entry {quote(node)} is not a mapping", "write '- name: ...' with its fields")
            continue
        name = str(node.get("name") or "")
        if not name or len(name) > 31 or not name.isascii() or any(c in name for c in "[]:*?/\\ '"):
            bad(node, "name", f"'{short(name)}' is not a usable sheet name",
                "use up to 31 ASCII letters and digits, no spaces (it appears in every error message)")
        if name in (workbook_words.INSTRUCTIONS_SHEET, META_SHEET) or name in {s.name for s in sheets}:
            bad(node, "name", f"sheet name '{short(name)}' is used twice", "give each sheet its own name")
        ids = tuple(str(i) for i in node.get("indicators") or ())
        for iid in ids:
            if iid not in registry.indicators:
                bad(node, "indicators", f"unknown indicator '{short(iid)}'", "use an id from params/indicators.yaml")
            elif iid in listed:
                bad(node, "indicators", f"'{short(iid)}' is on two sheets", "list each indicator on one sheet")
            listed.add(iid)
        sheets.append(SheetSpec(name, str(node.get("title_vi") or name), ids))
    for ind in registry.indicators.values():
        if ind.reporters and ind.id not in listed:
            bad(data, "sheets", f"indicator '{short(ind.id)}' has reporters but is on no sheet",
                "add it to the 'indicators' of one sheet")
    small = frozenset(i.id for i in registry.indicators.values() if i.small_values)
    if "small_values_plausible" in data:
        bad(data, "small_values_plausible", "moved to params/indicators.yaml",
            "mark each of these indicators 'small_values: true' there and delete this list")
    definitions = {str(k): " ".join(str(v).split()) for k, v in (data.get("definitions_vi") or {}).items()}
    spec = TemplateSpec(str(version), tuple(str(v) for v in data.get("also_accepted") or ()), first_year,
                        small, units, tuple(sheets), definitions, p)
    return spec, problems


def load_spec(registry: Registry, path: Path | str | None = None) -> TemplateSpec:
    """params/templates.yaml, validated; raise InputError on any problem."""
    spec, problems = collect_spec(registry, path)
    if problems or spec is None:
        raise InputError(problems)
    return spec


# ---------------------------------------------------------------- layout

@dataclass(frozen=True)
class Row:
    """One row of a sheet: an indicator, at one breakdown level ('' for the total)."""

    indicator: str
    breakdown: str = ""


@dataclass(frozen=True)
class SheetLayout:
    name: str
    title_vi: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Layout:
    """What one unit's workbook contains: sheets, rows, years, and its identity."""

    unit: str
    geo: str
    version: str
    years: tuple[int, ...]
    sheets: tuple[SheetLayout, ...]

    def sheet(self, name: str) -> SheetLayout | None:
        return next((s for s in self.sheets if s.name == name), None)


def unit_indicators(registry: Registry, spec: TemplateSpec, unit: str) -> list[str]:
    """Indicators a unit reports (their `reporters` name it), less shares it reports as counts."""
    rules, _ = collect_rules(registry)
    ids = [i for s in spec.sheets for i in s.indicators if unit in registry.indicators[i].reporters]
    derived = {r.indicator for r in rules.ratios if r.numerator in ids and r.denominator in ids}
    return [i for i in ids if i not in derived]


def unit_geo(registry: Registry, spec: TemplateSpec, unit: str, geo: str | None) -> str:
    """The geo a unit's workbook reports for; InputError with the choices when it is wrong or missing."""
    if unit not in spec.units:
        raise InputError([problem(spec.path, None, "unit", f"unknown reporting unit '{short(unit)}'",
                                  f"use one of: {', '.join(spec.units)}", kind="field")])
    us = spec.units[unit]
    if us.geo is not None:
        if geo not in (None, us.geo):
            raise InputError([problem(spec.path, None, "geo", f"unit '{short(unit)}' reports for {us.geo}, not {geo}",
                                      "leave out --geo", kind="field")])
        return us.geo
    choices = [g for g in registry.geos.values() if g.level in us.levels]
    if geo is None or geo not in registry.geos or registry.geos[geo].level not in us.levels:
        what = "needs --geo" if geo is None else f"cannot report for '{short(geo)}'"
        sample = ", ".join(f"{g.id} ({g.label_vi})" for g in choices[:3])
        raise InputError([problem(paths.GEOS, None, "geo", f"unit '{short(unit)}' {what}",
                                  f"give one of the {len(choices)} codes of level {'/'.join(us.levels)} "
                                  f"in params/geos.yaml, e.g. {sample}", kind="field")])
    return geo


def layout_for(registry: Registry, spec: TemplateSpec, unit: str, geo: str | None = None,
               today: dt.date | None = None) -> Layout:
    """The workbook layout of `unit` (for `geo` where the unit has no fixed geo), years up to today's."""
    geo = unit_geo(registry, spec, unit, geo)
    ids = set(unit_indicators(registry, spec, unit))
    sheets = []
    for s in spec.sheets:
        rows = tuple(Row(i, b) for i in s.indicators if i in ids
                     for b in (registry.indicators[i].breakdowns or ("",)))
        if rows:
            sheets.append(SheetLayout(s.name, s.title_vi, rows))
    last = (today or dt.date.today()).year
    return Layout(unit, geo, spec.version, tuple(range(spec.first_year, last + 1)), tuple(sheets))


def note_col(layout: Layout) -> int:
    return FIRST_YEAR_COL + len(layout.years)


# ---------------------------------------------------------------- workbook

def _lines(text: Any, width: float) -> int:
    """Lines a wrapped text needs in a column `width` characters wide (a generous estimate)."""
    return max(1, -(-len(str(text or "")) // max(1, int(width) - 2)))


def _print_setup(ws: Any) -> None:
    """Landscape, one page wide: the table prints without being split across pages."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _validation(ind: Indicator) -> DataValidation:
    lo, hi = ind.bounds
    kind = "whole" if ind.integer else "decimal"
    lo_s = "0" if lo is None else f"{lo:g}"
    if hi is None:
        dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=lo_s, allow_blank=True)
    else:
        dv = DataValidation(type=kind, operator="between", formula1=lo_s, formula2=f"{hi:g}", allow_blank=True)
    dv.showErrorMessage, dv.showInputMessage = True, True
    dv.errorTitle, dv.promptTitle = workbook_words.INVALID_TITLE, ind.id[:32]
    dv.error, dv.prompt = workbook_words.validation_texts(ind, lo_s, None if hi is None else f"{hi:g}")
    return dv


def _sheet(wb: Workbook, sl: SheetLayout, layout: Layout, registry: Registry, spec: TemplateSpec,
           unit_label: str, geo_label: str) -> None:
    ws = wb.create_sheet(sl.name)
    ncol = note_col(layout)
    last_col = ncol + 1
    ws.cell(TITLE_ROW, 1, sl.title_vi).font = Font(bold=True, size=13)
    ws.cell(SUBTITLE_ROW, 1, workbook_words.subtitle(unit_label, geo_label, layout.geo, layout.version)).font = \
        Font(italic=True)
    # Title rows only: the intake rejects merged cells at or below the header.
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=last_col)
    ws.merge_cells(start_row=SUBTITLE_ROW, start_column=1, end_row=SUBTITLE_ROW, end_column=last_col)
    head = workbook_words.HEADERS
    headers = [head["id"], head["label"], head["breakdown"], head["unit"], *layout.years, head["note"],
               head["definition"]]
    for c, h in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, c, h)
        cell.font, cell.fill, cell.border = Font(bold=True), _HEADER_FILL, _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.cell(STATUS_ROW, COL_LABEL, workbook_words.STATUS_LABEL).font = Font(italic=True)
    status_dv = DataValidation(type="list", formula1='"' + ",".join(workbook_words.STATUS_CHOICES) + '"',
                               allow_blank=False, showErrorMessage=True, errorTitle=workbook_words.STATUS_TITLE,
                               error=workbook_words.STATUS_ERROR)
    ws.add_data_validation(status_dv)
    for k, year in enumerate(layout.years):
        status = workbook_words.LAST_YEAR_STATUS if year == layout.years[-1] else workbook_words.DEFAULT_STATUS
        cell = ws.cell(STATUS_ROW, FIRST_YEAR_COL + k, status)
        cell.protection, cell.fill, cell.border = Protection(locked=False), _INPUT_FILL, _BORDER
        status_dv.add(cell)
    for r, row in enumerate(sl.rows, start=FIRST_DATA_ROW):
        ind = registry.indicators[row.indicator]
        values = [ind.id, ind.label_vi, breakdown_name(row.breakdown, "vi"), workbook_words.unit_text(ind)]
        for c, v in enumerate(values, start=1):
            cell = ws.cell(r, c, v)
            cell.border, cell.alignment = _BORDER, Alignment(wrap_text=True, vertical="top")
        dv = _validation(ind)
        ws.add_data_validation(dv)
        for k in range(len(layout.years)):
            cell = ws.cell(r, FIRST_YEAR_COL + k)
            cell.protection, cell.fill, cell.border = Protection(locked=False), _INPUT_FILL, _BORDER
            dv.add(cell)
        note = ws.cell(r, ncol)
        note.protection, note.fill, note.border = Protection(locked=False), _INPUT_FILL, _BORDER
        note.alignment = Alignment(wrap_text=True, vertical="top")
        definition = ws.cell(r, ncol + 1, spec.definitions_vi.get(ind.id, ind.definition))
        definition.alignment, definition.border = Alignment(wrap_text=True, vertical="top"), _BORDER
    widths = {COL_ID: 30, COL_LABEL: 45, COL_BREAKDOWN: 12, COL_UNIT: 16, ncol: 30, ncol + 1: 70}
    for c in range(1, last_col + 1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(c, 12)
    for r in range(HEADER_ROW, FIRST_DATA_ROW + len(sl.rows)):
        lines = max(_lines(ws.cell(r, c).value, widths.get(c, 12)) for c in range(1, last_col + 1))
        ws.row_dimensions[r].height = LINE_HEIGHT * lines + 3
    _print_setup(ws)
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, FIRST_YEAR_COL)
    ws.protection.sheet = True
    # Let people widen columns and rows; everything else on locked cells stays locked.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _instructions(wb: Workbook, layout: Layout, registry: Registry, unit_label: str, geo_label: str,
                  today: dt.date) -> None:
    ws = wb.active
    ws.title = workbook_words.INSTRUCTIONS_SHEET
    first_sheet = layout.sheets[0].name if layout.sheets else "STEM"
    last_year = layout.years[-1]
    lines = workbook_words.instruction_lines(unit_label, geo_label, layout.geo, layout.version, today, first_sheet,
                                             last_year)
    for s in layout.sheets:
        names = "; ".join(dict.fromkeys(registry.indicators[r.indicator].label_vi for r in s.rows))
        lines.append((f"{s.name}: {s.title_vi} — {names}", False))
    width = 110
    for r, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(r, 1, text)
        cell.font = Font(bold=bold, size=13 if r == 1 else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = LINE_HEIGHT * _lines(text, width * 0.95) + (6 if r == 1 else 2)
    ws.column_dimensions["A"].width = width
    _print_setup(ws)
    ws.protection.sheet = True


def _metadata(wb: Workbook, layout: Layout, today: dt.date) -> None:
    ws = wb.create_sheet(META_SHEET)
    values = (TEMPLATE_MARK, layout.version, layout.unit, layout.geo, today.isoformat(),
              layout.years[0], layout.years[-1])
    for r, (key, value) in enumerate(zip(META_KEYS, values), start=1):
        ws.cell(r, 1, key)
        ws.cell(r, 2, value)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def build_workbook(registry: Registry, spec: TemplateSpec, unit: str, geo: str | None = None,
                   today: dt.date | None = None) -> Workbook:
    """The template workbook of one reporting unit (for one ward or commune when unit is 'ward')."""
    today = today or dt.date.today()
    layout = layout_for(registry, spec, unit, geo, today)
    unit_label = registry.units[unit].label_vi
    geo_label = registry.geos[layout.geo].label_vi
    wb = Workbook()
    _instructions(wb, layout, registry, unit_label, geo_label, today)
    for sl in layout.sheets:
        _sheet(wb, sl, layout, registry, spec, unit_label, geo_label)
    _metadata(wb, layout, today)
    wb.active = 0
    props = wb.properties
    props.title = workbook_words.document_title(unit_label, geo_label)
    props.subject = "kh330 template"
    props.creator = "kh330"
    props.keywords = f"kh330; version={layout.version}; unit={unit}; geo={layout.geo}"
    props.created = props.modified = dt.datetime(today.year, today.month, today.day)
    for key, value in (("kh330_version", layout.version), ("kh330_unit", unit), ("kh330_geo", layout.geo)):
        wb.custom_doc_props.append(StringProperty(name=key, value=value))
    return wb


def write_template(out: Path | str, registry: Registry, spec: TemplateSpec, unit: str, geo: str | None = None,
                   today: dt.date | None = None, overwrite: bool = False) -> Path:
    """Save the unit's template to `out` (.xlsx) through a temporary file; refuse to overwrite unless asked."""
    out = check_output_path(out, "template")  # never into data/, params/, notebooks/ or kh330lib/
    if out.suffix.lower() != ".xlsx":
        raise InputError([problem(out, None, None, "the template must be saved as .xlsx",
                                  f"write --out {out.with_suffix('.xlsx').name}")])
    if out.exists() and not overwrite:
        raise InputError([problem(out, None, None, "already exists", "choose another name or add --force")])
    wb = build_workbook(registry, spec, unit, geo, today)
    keep_text(wb)  # a label from params starting with '=' stays text, never a formula
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, out.parent, "the template was not written") from None
    return save_atomic(out, workbook_saver(wb), "the template was not written")

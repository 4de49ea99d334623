"""Opening a workbook safely: limits and damage checked before openpyxl parses it, then cells streamed.

Before openpyxl sees a byte (params/limits.yaml, section `workbook`): the file's size, the zip's unpacked
size and each part's compression ratio are checked; every XML part is streamed once through expat
(no tree is built) to refuse a DTD or entity declaration, damaged XML or compressed data, too many
sheets, and a sheet that reaches beyond the row or column limit; the same pass finds merged ranges,
which read-only worksheets do not expose. openpyxl then reads in read-only (streaming) mode, and
whatever it raises becomes one Refusal: a problem with a fix, never a traceback.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import warnings
import zipfile
import zlib
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import IO, Any, Callable, Iterator
from xml.parsers import expat

from openpyxl import load_workbook
from openpyxl.packaging.relationship import get_rels_path
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_WORKBOOK, SHEET_MAIN_NS, XLSM, XLSX, XLTM, XLTX

from ..errors import Refusal
from ..limits import Limits, clean_text
from .template import HEADER_ROW

LIMITS_FILE = "params/limits.yaml"
RESAVE = ("save it again from Excel or LibreOffice as 'Excel Workbook (.xlsx)', or copy the values into a fresh "
          "template from 'kh330 template'")
SMALLER = ("a filled template is about 10 KB: remove pictures and extra sheets, or copy the values into a fresh "
           "template from 'kh330 template'")
# Workbook content types openpyxl accepts, in the order it looks for them.
WORKBOOK_TYPES = (XLTM, XLTX, XLSM, XLSX)
# A part this small cannot exhaust memory whatever its ratio, and short runs of repeated XML (empty styled
# cells, blank shared strings) compress far better than a report's text: the ratio is checked above it.
RATIO_FLOOR = 1 << 20
# Bytes handed to expat at a time while streaming a part out of the zip.
CHUNK = 1 << 16
# An explanation of damage quoted from openpyxl or the XML parser is cut to this many characters.
REASON_CHARS = 160
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def plain(text: str) -> str:
    """`text` without terminal escapes or control characters: sheet names and cell texts reach the terminal."""
    return clean_text(text, len(text))[0] if text else text


# ---------------------------------------------------------------- refusals before openpyxl parses anything

def damaged(reason: str) -> Refusal:
    """The file is not a workbook that can be read, for `reason` (one short line)."""
    return Refusal(None, f"not a valid .xlsx workbook ({reason})", RESAVE)


def over(key: str, value: int) -> str:
    """A limit as messages name it: its value and where it is set."""
    return f"the limit is {value:,} ({key} in {LIMITS_FILE})"


def _reason(exc: BaseException) -> str:
    """One short line on what openpyxl, zipfile or the XML parser found wrong."""
    inner, depth = exc, 0
    while (inner.__cause__ or inner.__context__) is not None and depth < 10:
        inner, depth = inner.__cause__ or inner.__context__, depth + 1  # type: ignore[assignment]
    lines = str(inner).strip().splitlines()
    kind = type(inner).__name__
    kind = f"{type(inner).__module__}.{kind}" if kind == "error" else kind  # zlib.error, not "error"
    text = f"{kind}: {lines[0]}" if lines else kind
    # openpyxl re-raises a ValueError naming the step that failed ("could not read stylesheet from …").
    step = re.search(r"could not (read [a-z ]+?) from", str(exc))
    if step and inner is not exc:
        text = f"{step.group(1)}: {text}"
    text = plain(text)
    return text if len(text) <= REASON_CHARS else text[:REASON_CHARS - 1] + "…"


def _local(tag: str) -> str:
    """An element or attribute name without its namespace (expat joins the two with '}')."""
    return tag.rpartition("}")[2]


StartHandler = Callable[[str, dict[str, str]], None]


def _parse_part(zf: zipfile.ZipFile, name: str, start: StartHandler | None = None) -> None:
    """Stream one XML part through expat, building no tree; a DTD, damaged XML or damaged zip data is refused."""

    def no_dtd(*_: Any) -> None:
        # Raised at the declaration itself, so no entity is ever expanded (billion laughs, external entities).
        raise Refusal(None, f"part {name} declares a DTD or entities (<!DOCTYPE …>), which Excel never writes "
                      "and which can hide an XML bomb", RESAVE)

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    if start is not None:
        parser.StartElementHandler = start
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise damaged(f"part {name} is damaged XML: {expat.ErrorString(exc.code)} at line {exc.lineno}, "
                       f"column {exc.offset}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        # Corrupt deflate data, a wrong CRC, an unknown compression method or a password-protected part.
        raise damaged(f"part {name} cannot be unpacked: {_reason(exc)}") from None


# Worksheet elements as expat names them, in the namespace openpyxl reads (not those of extensions).
_C, _ROW, _DIMENSION, _MERGE_CELL = (f"{SHEET_MAIN_NS}}}{name}" for name in ("c", "row", "dimension", "mergeCell"))
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,9})")
_RANGE_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,9})(?::\$?([A-Za-z]{1,3})\$?([0-9]{1,9}))?")


class SheetScan:
    """A worksheet as the pre-scan saw it: the extent of its cells and its merged ranges at or below the header."""

    def __init__(self, name: str, part: str, lim: Limits):
        self.name, self.part, self.lim = name, part, lim
        self.max_row = self.max_col = 0
        self.merged: list[str] = []
        self._row = self._col = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        """expat's start-element handler: follows rows and cells as openpyxl numbers them."""
        if tag == _C:
            self._cell(attrs.get("r"))
        elif tag == _ROW:
            r = attrs.get("r")
            if r is None:
                self._row += 1
            elif r.isascii() and r.isdigit() and len(r) <= 9:
                self._row = int(r)
            else:
                raise damaged(f"sheet '{self.name}' ({self.part}) has an invalid row number '{r[:20]}'")
            self._col = 0
        elif tag == _DIMENSION:
            self._dimension(attrs.get("ref", ""))
        elif tag == _MERGE_CELL:
            self._merge(attrs.get("ref", ""))

    def _cell(self, ref: str | None) -> None:
        row = self._row
        if ref is None:
            col = self._col + 1
        elif m := _CELL_REF.fullmatch(ref):
            col, row = column_index_from_string(m[1].upper()), int(m[2])
        else:
            raise damaged(f"sheet '{self.name}' ({self.part}) has an invalid cell reference '{ref[:20]}'")
        self._col = col
        lim = self.lim
        # Checked cell by cell while streaming: a sheet's <dimension> is only what its writer claims.
        if col > lim.max_columns:
            raise Refusal(f"{self.name}!{get_column_letter(min(col, 18278))}{row}",
                          f"column {col:,} is beyond the columns a sheet may have; "
                          f"{over('workbook.max_columns', lim.max_columns)}",
                          "delete the columns right of the table and save again, or copy the values into a fresh "
                          "template from 'kh330 template'")
        if row > lim.max_rows:
            raise Refusal(f"{self.name}!{get_column_letter(col)}{row}",
                          f"row {row:,} is beyond the rows a sheet may have; "
                          f"{over('workbook.max_rows', lim.max_rows)}",
                          "delete the rows below the table and save again, or copy the values into a fresh template "
                          "from 'kh330 template'")
        self.max_row, self.max_col = max(self.max_row, row), max(self.max_col, col)

    def _dimension(self, ref: str) -> None:
        m = _RANGE_REF.fullmatch(ref)
        if m is None:
            return  # only a hint: the cells themselves are checked as they stream past
        last_col = column_index_from_string((m[3] or m[1]).upper())
        last_row = int(m[4] or m[2])
        where, lim = f"{self.name}!{ref}", self.lim
        if last_row > lim.max_rows:
            raise Refusal(where, f"the sheet's used range reaches row {last_row:,}; "
                          f"{over('workbook.max_rows', lim.max_rows)}",
                          "delete the rows below the table and save again, or copy the values into a fresh "
                          "template from 'kh330 template'")
        if last_col > lim.max_columns:
            raise Refusal(where, f"the sheet's used range reaches column {last_col:,}; "
                          f"{over('workbook.max_columns', lim.max_columns)}",
                          "delete the columns right of the table and save again, or copy the values into a fresh "
                          "template from 'kh330 template'")

    def _merge(self, ref: str) -> None:
        try:
            rng = CellRange(ref)
        except (ValueError, TypeError):
            raise damaged(f"sheet '{self.name}' ({self.part}) has an invalid merged range '{ref[:20]}'") from None
        # Past max_errors the problems stop being reported anyway.
        if rng.max_row >= HEADER_ROW and len(self.merged) <= self.lim.max_errors:
            self.merged.append(rng.coord)


def _not_a_zip(head: bytes, suffix: str, exc: Exception) -> Refusal:
    if head == OLE2_MAGIC:
        # Excel 97–2003 files and workbooks encrypted with a password to open are both OLE2 containers.
        return Refusal(None, "not an Excel .xlsx workbook (an Excel 97–2003 .xls file, or one with a password "
                       "to open)", "open it in Excel and save as 'Excel Workbook (.xlsx)' without a password")
    hint = "an old .xls file" if suffix == ".xls" else type(exc).__name__
    return Refusal(None, f"not an Excel .xlsx workbook ({hint})",
                   "open it in Excel and save as 'Excel Workbook (.xlsx)'")


def prescan(fh: IO[bytes], lim: Limits, suffix: str = ".xlsx") -> dict[str, SheetScan]:
    """Check an .xlsx against the limits and for damage before openpyxl parses it; its worksheets by name."""
    size = fh.seek(0, 2)
    if size > lim.max_file_bytes:
        raise Refusal(None, f"the file is {size:,} bytes; {over('workbook.max_file_bytes', lim.max_file_bytes)}",
                      SMALLER)
    fh.seek(0)
    head = fh.read(len(OLE2_MAGIC))
    fh.seek(0)
    try:
        zf = zipfile.ZipFile(fh)
    except Exception as exc:  # noqa: BLE001 - on arbitrary bytes zipfile raises more than BadZipFile
        raise _not_a_zip(head, suffix, exc) from None
    with zf:
        return _scan_zip(zf, lim)


def _scan_zip(zf: zipfile.ZipFile, lim: Limits) -> dict[str, SheetScan]:
    infos = zf.infolist()
    # zipfile never unpacks a part beyond its declared size (a longer one fails its CRC), so the sums hold.
    total = sum(i.file_size for i in infos)
    if total > lim.max_uncompressed_bytes:
        raise Refusal(None, f"its parts unpack to {total:,} bytes; "
                      f"{over('workbook.max_uncompressed_bytes', lim.max_uncompressed_bytes)}; "
                      "it was refused unread as a possible zip bomb", SMALLER)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > lim.max_compression_ratio:
            raise Refusal(None, f"part {info.filename} unpacks to {ratio:,.0f} times its packed size; "
                          f"{over('workbook.max_compression_ratio', lim.max_compression_ratio)}; "
                          "it was refused unread as a possible zip bomb",
                          "ask the sender for the workbook saved again from Excel or LibreOffice")
    sizes = {i.filename: i.file_size for i in infos}
    names = set(sizes)
    whole_limit = lim.max_whole_parts_bytes

    def read_whole(parts: list[str]) -> None:
        """Refuse parts openpyxl will parse whole when together they are over their share of the limit."""
        total = sum(sizes[n] for n in parts)
        if total > whole_limit:
            largest = max(parts, key=lambda n: sizes[n])
            raise Refusal(None, f"its parts other than sheets unpack to {total:,} bytes (the largest, {largest}, "
                          f"to {sizes[largest]:,}); they are read whole, so "
                          f"{over('workbook.max_whole_parts_bytes', whole_limit)}", SMALLER)

    def parse_whole(name: str, start: StartHandler | None = None) -> None:
        read_whole([name])
        _parse_part(zf, name, start)

    if ARC_CONTENT_TYPES not in names:
        raise damaged(f"it has no part {ARC_CONTENT_TYPES}")
    overrides: dict[str, str] = {}
    defaults: set[str] = set()

    def content_type(tag: str, attrs: dict[str, str]) -> None:
        ctype = attrs.get("ContentType", "")
        if ctype in WORKBOOK_TYPES and _local(tag) == "Override":
            overrides.setdefault(ctype, attrs.get("PartName", ""))
        elif ctype in WORKBOOK_TYPES and _local(tag) == "Default":
            defaults.add(ctype)

    parse_whole(ARC_CONTENT_TYPES, content_type)
    # As openpyxl finds it: the first workbook type overridden, else the default name under a default type.
    found = next((overrides[t] for t in WORKBOOK_TYPES if t in overrides), None)
    wb_part = found[1:] if found else (ARC_WORKBOOK if defaults else None)
    if wb_part is None:
        raise damaged(f"it has no workbook part: {ARC_CONTENT_TYPES} names no Excel workbook")
    if wb_part not in names:
        raise damaged(f"its workbook part {wb_part} is missing")
    sheets: list[tuple[str, str]] = []
    n_sheets = 0

    def sheet(tag: str, attrs: dict[str, str]) -> None:
        nonlocal n_sheets
        if _local(tag) == "sheet":
            n_sheets += 1
            if n_sheets <= lim.max_sheets:
                sheets.append((attrs.get("name", ""), next((v for k, v in attrs.items() if _local(k) == "id"), "")))

    parse_whole(wb_part, sheet)
    if n_sheets > lim.max_sheets:
        raise Refusal(None, f"it has {n_sheets:,} sheets; {over('workbook.max_sheets', lim.max_sheets)}",
                      "delete the sheets the template does not have, or copy the values into a fresh template "
                      "from 'kh330 template'")
    rels_part = get_rels_path(wb_part)
    if rels_part not in names:
        raise damaged(f"part {rels_part} is missing")
    wanted = {rid for _, rid in sheets}
    rels: dict[str, tuple[str, str, str]] = {}

    def relationship(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "Relationship" and attrs.get("Id") in wanted:
            rels[attrs["Id"]] = (attrs.get("Type", ""), attrs.get("Target", ""), attrs.get("TargetMode", ""))

    parse_whole(rels_part, relationship)
    # Targets are relative to the workbook's folder, as openpyxl resolves them.
    folder = posixpath.split(posixpath.dirname(rels_part))[0]
    scans: dict[str, SheetScan] = {}
    for name, rid in sheets:
        if not rid:
            continue  # openpyxl drops such a sheet; the template check then finds it missing
        if rid not in rels:
            raise damaged(f"sheet '{name}' points to no part ({rid[:20]} is not in {rels_part})")
        kind, target, mode = rels[rid]
        if mode == "External" or "chartsheet" in kind:
            continue
        part = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        if part in names:
            scans[name] = SheetScan(name, part, lim)
            _parse_part(zf, part, scans[name].start)
    sheet_parts = {s.part for s in scans.values()}
    others = sorted({n for n in names if n.lower().endswith((".xml", ".rels")) and n not in sheet_parts})
    read_whole(others)
    for name in others:
        if name not in (ARC_CONTENT_TYPES, wb_part, rels_part):
            _parse_part(zf, name)
    return scans


# ---------------------------------------------------------------- streaming the cells of a sheet

@dataclass(frozen=True)
class SheetCell:
    """A cell with a value or a formula: the value as last saved, its number format (numbers only), the formula."""

    value: Any
    number_format: str | None = None
    formula: str | None = None


Row = dict[int, SheetCell]


def _next_row(values: Iterator[Any], formulas: Iterator[Any] | None) -> Row | None:
    """The next row of cells with a value or a formula, or None after the last row."""
    row = next(values, None)
    if row is None:
        return None
    frow = next(formulas, ()) if formulas is not None else ()
    cells: Row = {}
    for c, cell in enumerate(row, start=1):
        fcell = frow[c - 1] if c <= len(frow) else None
        formula = str(fcell.value) if fcell is not None and fcell.data_type == "f" else None
        if cell.value is None and formula is None:
            continue
        # Only numbers need their format (percent scaling); it costs a style lookup.
        fmt = cell.number_format if isinstance(cell.value, (int, float)) else None
        cells[c] = SheetCell(cell.value, fmt, formula)
    return cells


def stream_rows(ws: Any, fws: Any, scan: SheetScan, last_col: int | None = None) -> Iterator[tuple[int, Row]]:
    """Rows 1… of a sheet as (row, cells), reading the saved values (`ws`) and the formulas (`fws`) in step."""
    # Bounded by the extent the pre-scan found, never by the sheet's own <dimension>: a wrong one would hide cells.
    cols = min(scan.max_col, last_col or scan.max_col)
    if not scan.max_row or not cols:
        return
    bounds = {"min_row": 1, "max_row": scan.max_row, "min_col": 1, "max_col": cols}
    try:
        values = ws.iter_rows(**bounds)
        formulas = fws.iter_rows(**bounds) if fws is not None else None
    except Exception as exc:  # noqa: BLE001 - whatever openpyxl raises on a sheet it cannot make sense of
        raise damaged(f"sheet '{scan.name}' ({scan.part}): {_reason(exc)}") from None
    for r in count(1):
        try:
            cells = _next_row(values, formulas)
        except Exception as exc:  # noqa: BLE001 - as above
            raise damaged(f"sheet '{scan.name}' ({scan.part}), row {r:,}: {_reason(exc)}") from None
        if cells is None:
            return
        yield r, cells


# ---------------------------------------------------------------- the whole file

@dataclass(frozen=True)
class Opened:
    """A workbook that passed the checks: its worksheets as scanned, its values and formulas (read-only), its hash."""

    scans: dict[str, SheetScan]
    values: Any
    formulas: Any
    sha256: str


def _openpyxl(stack: ExitStack, fh: IO[bytes], data_only: bool) -> Any:
    """A read-only (streaming) openpyxl workbook over the open file, closed when `stack` closes."""
    fh.seek(0)
    wb = load_workbook(fh, read_only=True, data_only=data_only)
    stack.callback(wb.close)
    return wb


def open_checked(stack: ExitStack, path: Path, lim: Limits) -> Opened:
    """Check `path` against the limits and for damage, then open it read-only until `stack` closes; else Refusal."""
    # openpyxl warns about what it drops (extensions, odd sheet entries): nothing the sender must fix.
    stack.enter_context(warnings.catch_warnings())
    warnings.simplefilter("ignore")
    if not path.is_file():
        raise Refusal(None, "not a file", "give the path of the .xlsx workbook")
    try:
        # One open file for the checks, both readings and the hash: all see the same bytes.
        fh = stack.enter_context(open(path, "rb"))
    except OSError as exc:
        raise Refusal(None, f"cannot be opened ({_reason(exc)})", "check the file's permissions") from None
    scans = prescan(fh, lim, path.suffix.lower())
    try:
        values, formulas = _openpyxl(stack, fh, data_only=True), _openpyxl(stack, fh, data_only=False)
    except Exception as exc:  # noqa: BLE001 - whatever openpyxl raises on parts it cannot make sense of
        raise damaged(_reason(exc)) from None
    fh.seek(0)
    return Opened(scans, values, formulas, hashlib.file_digest(fh, "sha256").hexdigest())

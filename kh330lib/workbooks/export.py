"""Tables saved for spreadsheets (`kh330 assess --csv/--xlsx`): checked paths, atomic writes, numbers, metadata."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..errors import InputError, problem
from ..files import check_output_path, keep_text, save_atomic
from ..words.table import csv_text

# Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
CSV_ENCODING = "utf-8-sig"
MAX_WIDTH = 60
# The workbook sheet that holds the metadata, and the mark of a CSV metadata line (`pd.read_csv(f, comment="#")`).
META_SHEET = "metadata"
COMMENT = "#"
Meta = Sequence[tuple[str, Any]]


def check_out(path: Path | str, suffix: str, force: bool = False) -> Path:
    """The output path if a table may be written there; InputError (what, where, fix) otherwise."""
    out = Path(path)
    option = "--" + suffix.lstrip(".")

    def bad(message: str, fix: str) -> InputError:
        # The output path is how the command was asked, not input it read: no "problem in the input" count.
        return InputError([problem(out, None, None, message, fix)], usage=True)

    check_output_path(out, option + " file")  # never into data/, params/, notebooks/ or kh330lib/
    if out.is_dir():
        raise bad("is a folder", f"give a file name, e.g. {option} {out / ('assessment' + suffix)}")
    if out.suffix.lower() != suffix:
        raise bad(f"{option} needs a {suffix} file name", f"write {option} {out.with_suffix(suffix).name}")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise bad(f"folder '{parent}' does not exist", "create the folder first or choose another path")
    if not os.access(parent, os.W_OK):
        raise bad(f"folder '{parent}' is not writable", "choose a folder you can write to")
    if out.exists() and not force:
        raise bad("exists", "use --force to replace it")
    return out


def _atomic(out: Path, save: Callable[[str], None]) -> Path:
    """Write through a temporary file beside `out`, then rename: a reader never sees half a file."""
    return save_atomic(out, save, "the table was not written")


def workbook_saver(wb: Workbook) -> Callable[[str], None]:
    """Save `wb` to a path from bytes made in memory: a full disk then fails one plain write, and leaves no
    half-closed zip file behind to complain when it is collected."""
    buffer = io.BytesIO()
    wb.save(buffer)

    def save(tmp: str) -> None:
        Path(tmp).write_bytes(buffer.getvalue())
    return save


def meta_lines(meta: Meta) -> str:
    """The metadata as the CSV's leading `# key: value` lines (a line break in a value becomes a space)."""
    return "".join(f"{COMMENT} {key}: {' '.join(str('' if v is None else v).split())}\r\n" for key, v in meta)


def save_csv(path: Path | str, header: Sequence[str], rows: Sequence[Sequence[Any]], force: bool = False,
             meta: Meta = ()) -> Path:
    """Save a table as CSV (UTF-8 with BOM, '.' decimals) for Excel, after its metadata lines if any."""
    out = check_out(path, ".csv", force)
    text = meta_lines(meta) + csv_text(header, rows)
    return _atomic(out, lambda tmp: Path(tmp).write_text(text, encoding=CSV_ENCODING, newline=""))


def table_workbook(header: Sequence[str], rows: Sequence[Sequence[Any]], sheet: str,
                   percent_columns: Sequence[int] = ()) -> Workbook:
    """One sheet: a bold frozen header, then the rows; numbers stay numbers, shares shown as percentages."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    for i in percent_columns:
        for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
            cell.number_format = "0%"
    for i, name in enumerate(header, start=1):
        longest = max([len(str(name)) // 2] + [len(str(r[i - 1])) for r in rows if r[i - 1] is not None])
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(8, longest + 2))
    return wb


def meta_sheet(wb: Workbook, meta: Meta) -> None:
    """Add the metadata sheet: a `key`/`value` header, then one row per pair."""
    ws = wb.create_sheet(META_SHEET)
    ws.append(["key", "value"])
    for key, value in meta:
        ws.append([key, value])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = max([8] + [len(k) + 2 for k, _ in meta])
    ws.column_dimensions["B"].width = MAX_WIDTH


def save_xlsx(path: Path | str, header: Sequence[str], rows: Sequence[Sequence[Any]], sheet: str,
              percent_columns: Sequence[int] = (), force: bool = False, meta: Meta = ()) -> Path:
    """Save a table as an .xlsx workbook: the table's sheet first, then the metadata sheet if any."""
    out = check_out(path, ".xlsx", force)
    wb = table_workbook(header, rows, sheet, percent_columns)
    if meta:
        meta_sheet(wb, meta)
    keep_text(wb)
    return _atomic(out, workbook_saver(wb))

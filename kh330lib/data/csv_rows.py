"""CSV files under data/ read row by row: encoding, separator and columns checked, each row with its line number."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, problem
from ..files import unsafe_cell


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

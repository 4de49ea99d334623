"""Damaged, huge and hostile .xlsx files: one clear problem each, exit 2, no traceback, nothing written.

Every file is generated here from a valid template (no binaries are committed): parts are truncated,
replaced, corrupted or inflated inside the zip. Limits are those of params/limits.yaml unless a test
lowers one through a copy of that file.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

import pytest
from openpyxl import load_workbook

from kh330lib import limits as limits_module
from kh330lib.cli import main
from kh330lib.data.catalog import load_registry
from kh330lib.data.vintages import read_vintages
from kh330lib.workbooks.template import load_spec, write_template
from process_support import PATIENCE
from reporting_support import TODAY, tree_hash

REPORTER = "Nguyễn Văn An, Phòng Kế hoạch – Tài chính"
RESAVE = ("(save it again from Excel or LibreOffice as 'Excel Workbook (.xlsx)', or copy the values into a fresh "
          "template from 'kh330 template')")
# Sheet STEM of the DoET template: columns E–G are 2024–2026, H the note, I the definition; J has no header.
STEM_ROW = b">stem_share_hs_graduates<"
MB = 1 << 20


def valid_workbook(project: Path, edit: Callable | None = None, name: str = "good.xlsx") -> Path:
    """A DoET template with one valid value (STEM!E5), edited by `edit(wb)` through openpyxl."""
    registry = load_registry()
    path = write_template(project / name, registry, load_spec(registry), "doet", None, TODAY)
    wb = load_workbook(path)
    wb["STEM"]["E5"] = 90
    if edit:
        edit(wb)
    wb.save(path)
    return path


def stem_part(path: Path) -> str:
    """The zip part of sheet STEM (the one that holds its indicator codes)."""
    with zipfile.ZipFile(path) as z:
        return next(n for n in z.namelist() if n.startswith("xl/worksheets/") and STEM_ROW in z.read(n))


def rezip(src: Path, dst: Path, parts: dict[str, Callable[[bytes], bytes | None]]) -> Path:
    """Copy a zip, passing the named parts through their function (None drops the part)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data: bytes | None = zin.read(info)
            if info.filename in parts:
                data = parts[info.filename](data)  # type: ignore[arg-type]
            if data is not None:
                zout.writestr(info.filename, data)
    return dst


def replace_text(src: Path, dst: Path, old: str, new: str) -> Path:
    """Copy a zip, replacing `old` by `new` (XML text, written as is) in every worksheet part."""
    with zipfile.ZipFile(src) as z:
        sheets = [name for name in z.namelist() if name.startswith("xl/worksheets/")]
    return rezip(src, dst, {name: lambda d: d.replace(old.encode(), new.encode()) for name in sheets})


def add_zeros(src: Path, dst: Path, name: str, size: int) -> Path:
    """Copy a zip and add a part of `size` zero bytes, streamed (it compresses about a thousandfold)."""
    rezip(src, dst, {})
    with zipfile.ZipFile(dst, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z, z.open(name, "w") as out:
        block = bytes(MB)
        for _ in range(size // MB):
            out.write(block)
    return dst


def corrupt_deflate(src: Path, dst: Path, name: str) -> Path:
    """Copy a zip and overwrite the compressed bytes of one part (its headers stay valid)."""
    with zipfile.ZipFile(src) as z:
        info = z.getinfo(name)
    raw = bytearray(src.read_bytes())
    name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    raw[start:start + info.compress_size] = b"\xff" * info.compress_size  # block type 3: invalid deflate
    dst.write_bytes(bytes(raw))
    return dst


def intake(project: Path, capsys: pytest.CaptureFixture, path: Path, *extra: str) -> tuple[int, list[str], str]:
    """Run `kh330 intake` on `path`: exit code, lines of stderr, stdout; if refused, data/ must be unchanged."""
    before = tree_hash(project / "data")
    rc = main(["intake", str(path), "--reporter", REPORTER, *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if rc != 0:
        assert tree_hash(project / "data") == before
        assert not (project / "data" / "vintages").exists() or not read_vintages(project / "data" / "vintages")[0]
    return rc, err.splitlines(), out


def refused(project: Path, capsys: pytest.CaptureFixture, path: Path) -> str:
    """The one problem `kh330 intake` prints for a refused workbook."""
    rc, lines, _ = intake(project, capsys, path)
    assert rc == 2, lines
    assert lines[-1] == "kh330 intake: 1 problem in the input; nothing was changed.", lines
    assert len(lines) == 2, lines
    return lines[0]


def _prolog(dtd: bytes) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        return b'<?xml version="1.0" encoding="UTF-8"?>' + dtd + body
    return edit


LAUGHS = b'<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'

# name → (how to damage a valid workbook, the message after "bad.xlsx: ")
DAMAGED: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "truncated sheet XML": (
        lambda src, dst: rezip(src, dst, {stem_part(src): lambda d: d[:len(d) // 2]}),
        "not a valid .xlsx workbook (part {stem} is damaged XML: no element found at line 1, column {col}) "
        + RESAVE),
    "broken styles.xml": (
        lambda src, dst: rezip(src, dst, {"xl/styles.xml": lambda d: d.replace(b"</fonts>", b"</font>")}),
        "not a valid .xlsx workbook (part xl/styles.xml is damaged XML: mismatched tag at line 1, column {col}) "
        + RESAVE),
    "styles.xml openpyxl cannot read": (
        lambda src, dst: rezip(src, dst, {"xl/styles.xml": lambda d: d.replace(b'numFmtId="0"', b'numFmtId="x"')}),
        "not a valid .xlsx workbook (ValueError: invalid literal for int() with base 10: 'x') " + RESAVE),
    "entity declarations (billion laughs)": (
        lambda src, dst: rezip(src, dst, {"xl/styles.xml": _prolog(LAUGHS)}),
        "part xl/styles.xml declares a DTD or entities (<!DOCTYPE …>), which Excel never writes and which can "
        "hide an XML bomb " + RESAVE),
    "a DTD after a long comment": (
        lambda src, dst: rezip(src, dst, {"xl/workbook.xml": _prolog(b"<!--" + b"x" * 20_000 + b"-->"
                                                                     b'<!DOCTYPE w SYSTEM "file:///etc/passwd">')}),
        "part xl/workbook.xml declares a DTD or entities (<!DOCTYPE …>), which Excel never writes and which can "
        "hide an XML bomb " + RESAVE),
    "corrupt deflate data": (
        lambda src, dst: corrupt_deflate(src, dst, stem_part(src)),
        "not a valid .xlsx workbook (part {stem} cannot be unpacked: zlib.error: Error -3 while decompressing data: "
        "invalid block type) " + RESAVE),
    "text in a number cell's XML": (
        lambda src, dst: rezip(src, dst, {stem_part(src): lambda d: d.replace(b"<v>90</v>", b"<v>9x0</v>")}),
        "not a valid .xlsx workbook (sheet 'STEM' ({stem}), row 5: ValueError: invalid literal for int() with base 10: "
        "'9x0') " + RESAVE),
    "a cell style that does not exist": (
        lambda src, dst: rezip(src, dst, {stem_part(src): lambda d: re.sub(rb'(<c r="E5") s="\d+"', rb'\1 s="9999"',
                                                                          d)}),
        "not a valid .xlsx workbook (sheet 'STEM' ({stem}), row 5: IndexError: list index out of range) " + RESAVE),
    "missing workbook part": (
        lambda src, dst: rezip(src, dst, {"xl/workbook.xml": lambda d: None}),
        "not a valid .xlsx workbook (its workbook part xl/workbook.xml is missing) " + RESAVE),
    "no content types": (
        lambda src, dst: rezip(src, dst, {"[Content_Types].xml": lambda d: None}),
        "not a valid .xlsx workbook (it has no part [Content_Types].xml) " + RESAVE),
    "not a zip": (
        lambda src, dst: (dst.write_bytes(b"indicator,value\n" * 100), dst)[1],
        "not an Excel .xlsx workbook (BadZipFile) (open it in Excel and save as 'Excel Workbook (.xlsx)')"),
    "an Excel 97-2003 file": (
        lambda src, dst: (dst.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000)), dst)[1],
        "not an Excel .xlsx workbook (an Excel 97–2003 .xls file, or one with a password to open) (open it in "
        "Excel and save as 'Excel Workbook (.xlsx)' without a password)"),
}


@pytest.mark.parametrize("case", DAMAGED)
def test_damaged_workbook_is_one_clear_problem(project, capsys, case):
    damage, message = DAMAGED[case]
    good = valid_workbook(project)
    line = refused(project, capsys, damage(good, project / "bad.xlsx"))
    pattern = re.escape(f"bad.xlsx: {message}".replace("{stem}", stem_part(good))).replace(re.escape("{col}"), r"\d+")
    assert re.fullmatch(pattern, line), line


def test_zip_bomb_is_refused_unread(project, capsys):
    # 60 MB of zeros packs into about 60 KB: over the unpacked size and the compression ratio limits.
    good = valid_workbook(project)
    bomb = add_zeros(good, project / "bomb.xlsx", "xl/media/image1.png", 60 * MB)
    assert bomb.stat().st_size < MB
    assert refused(project, capsys, bomb) == (
        f"bomb.xlsx: its parts unpack to {60 * MB + _unpacked(good):,} bytes; "
        "the limit is 50,000,000 (workbook.max_uncompressed_bytes in params/limits.yaml); it was refused unread "
        "as a possible zip bomb (a filled template is about 10 KB: remove pictures and extra sheets, or copy the "
        "values into a fresh template from 'kh330 template')")
    # Under the total, one part's ratio still gives it away.
    small = add_zeros(good, project / "small_bomb.xlsx", "xl/media/image1.png", 5 * MB)
    line = refused(project, capsys, small)
    assert re.fullmatch(r"small_bomb\.xlsx: part xl/media/image1\.png unpacks to [\d,]+ times its packed size; "
                        r"the limit is 200 \(workbook\.max_compression_ratio in params/limits\.yaml\); it was refused "
                        r"unread as a possible zip bomb \(ask the sender for the workbook saved again from Excel or "
                        r"LibreOffice\)", line), line


def _unpacked(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(i.file_size for i in z.infolist())


def test_too_many_sheets(project, capsys):
    def extra_sheets(wb):
        for k in range(45):
            wb.create_sheet(f"Extra{k}")
    line = refused(project, capsys, valid_workbook(project, extra_sheets, "sheets.xlsx"))
    assert line == ("sheets.xlsx: it has 51 sheets; the limit is 50 (workbook.max_sheets in params/limits.yaml) "
                    "(delete the sheets the template does not have, or copy the values into a fresh template from "
                    "'kh330 template')")


def test_sheet_beyond_the_row_limit(project, capsys):
    book = valid_workbook(project, lambda wb: wb["STEM"].cell(5001, 5, 1), "rows.xlsx")
    assert refused(project, capsys, book) == (
        "rows.xlsx: cell 'STEM!A1:I5001': the sheet's used range reaches row 5,001; the limit is 5,000 "
        "(workbook.max_rows in params/limits.yaml) (delete the rows below the table and save again, or copy the "
        "values into a fresh template from 'kh330 template')")


def test_a_wrong_dimension_is_not_trusted(project, capsys):
    book = valid_workbook(project, lambda wb: wb["STEM"].cell(6000, 5, 1), "rows.xlsx")
    # The sheet claims a small used range; the cell at row 6,000 is found while streaming.
    lying = rezip(book, project / "lying.xlsx",
                  {stem_part(book): lambda d: re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:I14"/>', d)})
    assert refused(project, capsys, lying) == (
        "lying.xlsx: cell 'STEM!E6000': row 6,000 is beyond the rows a sheet may have; the limit is 5,000 "
        "(workbook.max_rows in params/limits.yaml) (delete the rows below the table and save again, or copy the "
        "values into a fresh template from 'kh330 template')")


def test_sheet_beyond_the_column_limit(project, capsys):
    book = valid_workbook(project, lambda wb: wb["STEM"].cell(6, 101, 1), "cols.xlsx")
    assert refused(project, capsys, book) == (
        "cols.xlsx: cell 'STEM!A1:CW14': the sheet's used range reaches column 101; the limit is 100 "
        "(workbook.max_columns in params/limits.yaml) (delete the columns right of the table and save again, or "
        "copy the values into a fresh template from 'kh330 template')")
    no_dimension = rezip(book, project / "nodim.xlsx",
                         {stem_part(book): lambda d: re.sub(rb"<dimension [^>]*/>", b"", d)})
    assert refused(project, capsys, no_dimension).startswith(
        "nodim.xlsx: cell 'STEM!CW6': column 101 is beyond the columns a sheet may have; the limit is 100 "
        "(workbook.max_columns in params/limits.yaml)")


def test_limits_are_read_from_params_limits_yaml(project, capsys, monkeypatch):
    text = (project / "params" / "limits.yaml").read_text(encoding="utf-8")
    (project / "params" / "limits.yaml").write_text(text.replace("max_columns: 100", "max_columns: 8"),
                                                    encoding="utf-8")
    # limits() caches by path: pointing it at the copy reads the lowered limit.
    monkeypatch.setattr(limits_module, "LIMITS", project / "params" / "limits.yaml")
    assert refused(project, capsys, valid_workbook(project, name="stem.xlsx")) == (
        "stem.xlsx: cell 'LaoDong!A1:I7': the sheet's used range reaches column 9; the limit is 8 "
        "(workbook.max_columns in params/limits.yaml) (delete the columns right of the table and save again, or "
        "copy the values into a fresh template from 'kh330 template')")


def test_parts_read_whole_have_their_own_limit(project, capsys, monkeypatch):
    # openpyxl holds shared strings and styles in memory at about ten times their size, twice.
    text = (project / "params" / "limits.yaml").read_text(encoding="utf-8")
    (project / "params" / "limits.yaml").write_text(
        text.replace("max_whole_parts_bytes: 5_000_000", "max_whole_parts_bytes: 20_000"), encoding="utf-8")
    monkeypatch.setattr(limits_module, "LIMITS", project / "params" / "limits.yaml")
    comment = b"<!--" + b" " * 30_000 + b"-->"
    padded = rezip(valid_workbook(project), project / "styles.xlsx",
                   {"xl/styles.xml": lambda d: d.replace(b"</styleSheet>", comment + b"</styleSheet>")})
    line = refused(project, capsys, padded)
    assert re.fullmatch(r"styles\.xlsx: its parts other than sheets unpack to [\d,]+ bytes \(the largest, "
                        r"xl/styles\.xml, to [\d,]+\); they are read whole, so the limit is 20,000 "
                        r"\(workbook\.max_whole_parts_bytes in params/limits\.yaml\) \(a filled template is about "
                        r"10 KB: .*\)", line), line


def test_overlong_cell_text(project, capsys):
    # openpyxl would cut a text at Excel's 32,767 characters: the 40,000 go into the XML directly.
    book = valid_workbook(project, lambda wb: wb["STEM"].cell(6, 6, "PLACEHOLDER"), "short.xlsx")
    book = replace_text(book, project / "long.xlsx", "PLACEHOLDER", "9" * 40_000)
    assert refused(project, capsys, book) == (
        "long.xlsx: cell 'STEM!F6': text of 40,000 characters; the limit is 2,000 (workbook.max_cell_chars in "
        "params/limits.yaml) (shorten it; long explanations belong in the e-mail that comes with the workbook)")


def test_overlong_note(project, capsys):
    book = valid_workbook(project, lambda wb: wb["STEM"].cell(5, 8, "PLACEHOLDER"), "short.xlsx")
    book = replace_text(book, project / "note.xlsx", "PLACEHOLDER", "ghi chú " * 5_000)
    assert refused(project, capsys, book) == (
        "note.xlsx: cell 'STEM!H5': note is 39,999 characters long; the limit is 2,000 (text.max_note_chars in "
        "params/limits.yaml) (shorten the note; long explanations belong in the e-mail that comes with the "
        "workbook)")


def test_note_at_the_limit_with_its_place_is_refused_before_anything_is_written(project, capsys):
    # The stored note is "STEM!E5 — " + the note: 2,000 characters typed leave no room for the place.
    book = valid_workbook(project, lambda wb: wb["STEM"].cell(5, 8, "x" * 2_000), "full.xlsx")
    line = refused(project, capsys, book)
    assert line.startswith("full.xlsx: cell 'STEM!E5': its note with the cell's place is 2,010 characters; the "
                           "limit is 2,000 (text.max_note_chars in params/limits.yaml)"), line


def test_note_with_terminal_escapes_is_taken_in_cleaned(project, capsys):
    # XML cannot hold ESC or BEL: Excel writes them as _x001B_ and _x0007_. C1 controls (U+009B is CSI, an
    # escape for some terminals), bidi overrides and line breaks it writes as they are.
    dirty = "_x001B_[31mBáo cáo_x001B_[0m tổng kết&#9;năm học_x0007_&#13;&#10;\u009b2J2025\u202e"
    book = valid_workbook(project, lambda wb: wb["STEM"].cell(5, 8, "PLACEHOLDER"), "short.xlsx")
    book = replace_text(book, project / "note.xlsx", "PLACEHOLDER", dirty)
    rc, _, out = intake(project, capsys, book, "--received", "2026-03-15")
    assert rc == 0 and "\x9b" not in out
    csv = next((project / "data" / "vintages").glob("*/data.csv")).read_text(encoding="utf-8")
    assert "STEM!E5 — Báo cáo tổng kết năm học 2J2025" in csv
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e]", csv.replace("\n", "").replace("\r", ""))


def test_control_characters_in_cells_and_sheet_names_do_not_reach_the_terminal(project, capsys):
    def dirty(wb):
        wb["STEM"]["F6"] = "\u009b2Jabc\u202e"
        wb.create_sheet("Ghi chu\u009b31m")
    rc, lines, _ = intake(project, capsys, valid_workbook(project, dirty, "dirty.xlsx"))
    assert rc == 2
    assert lines[0] == ("dirty.xlsx: cell 'STEM!F6': stem_share_hs_graduates (university), 2025: ' 2Jabc ' is not a "
                        "number (write digits with a decimal point, e.g. 66.8)")
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e]", "".join(lines))
    # The names of ignored sheets are printed on success.
    ok = valid_workbook(project, lambda wb: wb.create_sheet("Ghi chu\u009b31m"), "ok.xlsx")
    rc, _, out = intake(project, capsys, ok, "--dry-run")
    assert rc == 0
    assert "  ignored sheets (not part of the template): Ghi chu 31m" in out.splitlines()


def test_reading_stops_after_max_errors_problems(project, capsys):
    def flood(wb):
        for r in range(5, 205):
            wb["STEM"].cell(r, 10, "abc")  # column J has no year header
    rc, lines, _ = intake(project, capsys, valid_workbook(project, flood, "flood.xlsx"))
    assert rc == 2
    assert len(lines) == 51
    assert lines[0] == ("flood.xlsx: cell 'STEM!J5': a value in a column without a year header (move it to the "
                        "column of its year, or delete it)")
    assert lines[49].startswith("flood.xlsx: cell 'STEM!J54': ")
    assert lines[50] == ("kh330 intake: stopped reading after 50 problems; fix these and run it again to see any "
                         "others; nothing was changed.")


def test_hostile_files_in_a_real_process(project):
    """The command itself, as a shell runs it: exit 2, the problem on stderr, no traceback."""
    good = valid_workbook(project)
    bomb = add_zeros(good, project / "bomb.xlsx", "xl/worksheets/sheet9.xml", 60 * MB)
    laughs = rezip(good, project / "laughs.xlsx", {"xl/styles.xml": _prolog(LAUGHS)})
    env = {**os.environ, "KH330_ROOT": str(project), "KH330_DATA_DIR": str(project / "data"),
           "KH330_PARAMS_DIR": str(project / "params")}
    before = tree_hash(project / "data")
    for book, words in ((bomb, "workbook.max_uncompressed_bytes"), (laughs, "declares a DTD or entities")):
        proc = subprocess.run([sys.executable, "-m", "kh330lib", "intake", str(book), "--reporter", REPORTER],
                              env=env, capture_output=True, text=True, timeout=PATIENCE)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        assert proc.stderr.startswith(f"{book.name}: ") and words in proc.stderr
    assert tree_hash(project / "data") == before

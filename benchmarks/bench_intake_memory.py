"""Peak memory and wall time of `kh330 intake --dry-run` on damaged, huge and hostile workbooks.

Builds each file in a temporary folder (from a DoET template made by kh330 itself; no file is
committed), then runs `kh330 intake FILE --reporter … --dry-run` on it in a fresh process against a
temporary copy of data/ and params/. The child's peak resident memory is its own ru_maxrss (os.wait4).
Linux counts into it the memory of the process that forked it, so each child is started by a small
fresh interpreter (this script with --measure, which imports nothing heavy), not by the builder.
Goal: every hostile file refused with exit 2, no traceback, and a peak under 300 MB. Prints a table;
asserts nothing.

    .venv/bin/python benchmarks/bench_intake_memory.py [--only WORDS]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 6, 1)
REPORTER = "benchmark — hostile workbooks"
MB = 1 << 20
GOAL_MB = 300
WORKSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass(frozen=True)
class Run:
    """One `kh330 intake` on one file."""

    code: int
    seconds: float
    peak_mb: float
    first_line: str
    lines: int
    traceback: bool


# ---------------------------------------------------------------- building the files

def template(folder: Path, name: str = "doet.xlsx", cells: dict[tuple[str, str], object] | None = None) -> Path:
    """A DoET template with a valid value in STEM!E5 and `cells` typed in ({(sheet, ref): value})."""
    from openpyxl import load_workbook

    from kh330lib.data.catalog import load_registry
    from kh330lib.workbooks.template import load_spec, write_template

    registry = load_registry()
    path = write_template(folder / name, registry, load_spec(registry), "doet", None, TODAY)
    wb = load_workbook(path)
    wb["STEM"]["E5"] = 90
    for (sheet, ref), value in (cells or {}).items():
        wb[sheet][ref] = value
    wb.save(path)
    return path


def stem_part(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return next(n for n in z.namelist()
                    if n.startswith("xl/worksheets/") and b">stem_share_hs_graduates<" in z.read(n))


def rezip(src: Path, dst: Path, parts: dict[str, Callable[[bytes], bytes | None]],
          streamed: dict[str, Callable[[zipfile.ZipFile, str], None]] | None = None) -> Path:
    """Copy a zip through `parts` (None drops a part); `streamed` parts are written by a function, in pieces."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in (streamed or {}):
                continue
            data: bytes | None = zin.read(info)
            if info.filename in parts:
                data = parts[info.filename](data)  # type: ignore[arg-type]
            if data is not None:
                zout.writestr(info.filename, data)
        for name, write in (streamed or {}).items():
            write(zout, name)
    return dst


def zeros(size: int) -> Callable[[zipfile.ZipFile, str], None]:
    def write(z: zipfile.ZipFile, name: str) -> None:
        block = bytes(MB)
        with z.open(name, "w") as out:
            for _ in range(size // MB):
                out.write(block)
    return write


def million_rows(dimension: bool, rows: int = 1_000_000) -> Callable[[zipfile.ZipFile, str], None]:
    """A sheet of `rows` rows, one number each, as raw XML (openpyxl would take minutes to write it)."""
    def write(z: zipfile.ZipFile, name: str) -> None:
        with z.open(name, "w") as out:
            out.write(f'<worksheet xmlns="{WORKSHEET_NS}">'.encode())
            if dimension:
                out.write(f'<dimension ref="A1:E{rows}"/>'.encode())
            out.write(b"<sheetData>")
            for start in range(1, rows + 1, 10_000):
                out.write("".join(f'<row r="{r}"><c r="E{r}"><v>{r % 97}</v></c></row>'
                                  for r in range(start, min(start + 10_000, rows + 1))).encode())
            out.write(b"</sheetData></worksheet>")
    return write


def bad_values(rows: int) -> Callable[[bytes], bytes]:
    """Rows 5… of STEM with text in every year cell: thousands of problems, within every limit."""
    def edit(data: bytes) -> bytes:
        head, _, tail = data.partition(b"</sheetData>")
        extra = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>stem_share_hs_graduates</t></is></c>'
                        f'<c r="E{r}" t="inlineStr"><is><t>abc</t></is></c></row>' for r in range(20, 20 + rows))
        return head + extra.encode() + b"</sheetData>" + tail
    return edit


def corrupt(src: Path, dst: Path, name: str) -> Path:
    with zipfile.ZipFile(src) as z:
        info = z.getinfo(name)
    raw = bytearray(src.read_bytes())
    n, m = struct.unpack("<HH", raw[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + n + m
    raw[start:start + info.compress_size] = b"\xff" * info.compress_size
    dst.write_bytes(bytes(raw))
    return dst


def shared_strings(size: int) -> tuple[Callable[[zipfile.ZipFile, str], None], Callable[[bytes], bytes]]:
    """A sharedStrings part of about `size` bytes of short, distinct strings (under every limit), and its type."""
    def write(z: zipfile.ZipFile, name: str) -> None:
        with z.open(name, "w") as out:
            out.write(f'<sst xmlns="{WORKSHEET_NS}">'.encode())
            written, k = 0, 0
            while written < size:
                chunk = "".join(f"<si><t>{j:x}</t></si>" for j in range(k, k + 10_000)).encode()
                out.write(chunk)
                written, k = written + len(chunk), k + 10_000
            out.write(b"</sst>")

    def content_types(data: bytes) -> bytes:
        return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    return write, content_types


def many_styles(size: int) -> Callable[[bytes], bytes]:
    """styles.xml grown to about `size` bytes with distinct cell formats (within every limit)."""
    def edit(data: bytes) -> bytes:
        head, _, tail = data.partition(b"</cellXfs>")
        n = size // 90
        xfs = "".join(f'<xf numFmtId="{k % 150}" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="{k}"/>'
                      for k in range(n))
        return head + xfs.encode() + b"</cellXfs>" + tail
    return edit


def ignored_sheet(rows: int, cols: int) -> Callable[[zipfile.ZipFile, str], None]:
    """A sheet the template does not have, `rows` × `cols` numbers (within every limit; listed, not read)."""
    def write(z: zipfile.ZipFile, name: str) -> None:
        with z.open(name, "w") as out:
            out.write(f'<worksheet xmlns="{WORKSHEET_NS}"><sheetData>'.encode())
            for r in range(1, rows + 1):
                out.write((f'<row r="{r}">' + "".join(f"<c><v>{(r * c) % 1000}</v></c>" for c in range(1, cols + 1))
                           + "</row>").encode())
            out.write(b"</sheetData></worksheet>")
    return write


def add_sheet(name: str) -> dict[str, Callable[[bytes], bytes]]:
    """Workbook, relationship and content-type entries of an extra sheet xl/worksheets/extra.xml."""
    return {
        "xl/workbook.xml": lambda d: d.replace(b"</sheets>", f'<sheet name="{name}" sheetId="99" r:id="rIdX"/>'
                                               f"</sheets>".encode()),
        "xl/_rels/workbook.xml.rels": lambda d: d.replace(
            b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/worksheet" Target="worksheets/extra.xml"/></Relationships>'),
        "[Content_Types].xml": lambda d: d.replace(
            b"</Types>", b'<Override PartName="/xl/worksheets/extra.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    }


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">'
          + b"".join(f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">'.encode() for k in range(9))
          + b"]>")


def build(folder: Path) -> dict[str, Path]:
    """Every file of the table, by its description."""
    from openpyxl import load_workbook

    good = template(folder)
    stem = stem_part(good)
    sst_write, sst_type = shared_strings(45 * MB)
    sst_small, _ = shared_strings(4_900_000)
    files = {
        "valid template (accepted)": good,
        "zip bomb: 1.5 MB packing 1.5 GB of zeros": rezip(good, folder / "bomb.xlsx", {},
                                                          {"xl/media/image1.png": zeros(1500 * MB)}),
        "1,000,000-row sheet with its <dimension>": rezip(good, folder / "rows.xlsx", {},
                                                          {stem: million_rows(True)}),
        "1,000,000-row sheet, no <dimension>": rezip(good, folder / "rows_nodim.xlsx", {},
                                                     {stem: million_rows(False)}),
        "4,900 rows of bad values (within limits)": rezip(good, folder / "bad.xlsx", {stem: bad_values(4_900)}),
        "billion laughs in styles.xml": rezip(good, folder / "laughs.xlsx",
                                              {"xl/styles.xml": lambda d: LAUGHS + d.split(b"?>", 1)[-1]}),
        "truncated sheet XML": rezip(good, folder / "truncated.xlsx", {stem: lambda d: d[:len(d) // 2]}),
        "corrupt deflate data": corrupt(good, folder / "corrupt.xlsx", stem),
        "not a zip": folder / "text.xlsx",
        "missing workbook part": rezip(good, folder / "nowb.xlsx", {"xl/workbook.xml": lambda d: None}),
        "60 sheets": template(folder, "sheets.xlsx"),
        "40,000-character cell": rezip(good, folder / "cell.xlsx",
                                       {stem: lambda d: d.replace(b"<v>90</v>", b"<v>90</v>", 1).replace(
                                           b"</sheetData>", b'<row r="30"><c r="B30" t="inlineStr"><is><t>'
                                           + b"x" * 40_000 + b"</t></is></c></row></sheetData>")}),
        "45 MB of shared strings": rezip(good, folder / "strings.xlsx", {"[Content_Types].xml": sst_type},
                                         {"xl/sharedStrings.xml": sst_write}),
        "4.9 MB of shared strings (within limits)": rezip(good, folder / "strings_ok.xlsx",
                                                          {"[Content_Types].xml": sst_type},
                                                          {"xl/sharedStrings.xml": sst_small}),
        "4.9 MB styles.xml (within limits)": rezip(good, folder / "styles_ok.xlsx",
                                                   {"xl/styles.xml": many_styles(4_900_000)}),
        "extra 5,000 x 100 sheet (within limits)": rezip(good, folder / "extra.xlsx", add_sheet("Extra"),
                                                         {"xl/worksheets/extra.xml": ignored_sheet(5_000, 100)}),
    }
    (folder / "text.xlsx").write_bytes(b"indicator,value\n" * 1000)
    wb = load_workbook(files["60 sheets"])
    for k in range(54):
        wb.create_sheet(f"Extra{k}")
    wb.save(files["60 sheets"])
    return files


# ---------------------------------------------------------------- running kh330 intake

def measure(path: Path) -> None:
    """In the small --measure process: run the intake, print exit code, seconds and peak MB, then its stderr."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "kh330lib", "intake", str(path), "--reporter", REPORTER,
                                 "--dry-run"], stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    print(os.waitstatus_to_exitcode(status), f"{seconds:.3f}", f"{usage.ru_maxrss / 1024:.1f}")
    print(text, end="")


def intake(path: Path, env: dict[str, str]) -> Run:
    """`kh330 intake --dry-run` on `path`, started by a fresh --measure process (see the module docstring)."""
    done = subprocess.run([sys.executable, __file__, "--measure", str(path)], env=env, capture_output=True,
                          text=True, check=True)
    head, _, text = done.stdout.partition("\n")
    code, seconds, peak = head.split()
    lines = text.splitlines()
    return Run(int(code), float(seconds), float(peak), (lines or [""])[0], len(lines), "Traceback" in text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="run only the files whose description contains these words")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        measure(args.measure)
        return 0
    with tempfile.TemporaryDirectory(prefix="kh330-bench-intake-") as tmp:
        work = Path(tmp)
        for name in ("data", "params"):
            shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("vintages", "__pycache__"))
        env = {**os.environ, "KH330_ROOT": str(work), "KH330_DATA_DIR": str(work / "data"),
               "KH330_PARAMS_DIR": str(work / "params"), "PYTHONPATH": str(ROOT)}
        (work / "books").mkdir()
        t0 = time.perf_counter()
        files = build(work / "books")
        print(f"built {len(files)} files in {time.perf_counter() - t0:.1f} s (sizes are of the .xlsx itself)\n")
        print(f"{'file':<44} {'size':>9} {'exit':>4} {'seconds':>8} {'peak MB':>8} {'lines':>5}  first line of stderr")
        worst = 0.0
        for what, path in files.items():
            if args.only and args.only.lower() not in what.lower():
                continue
            run = intake(path, env)
            worst = max(worst, run.peak_mb) if run.code != 0 else worst
            size = path.stat().st_size
            size_text = f"{size / MB:.2f} MB" if size >= MB else f"{size / 1024:.0f} KB"
            line = run.first_line if len(run.first_line) <= 100 else run.first_line[:99] + "…"
            flag = "  TRACEBACK" if run.traceback else ""
            print(f"{what:<44} {size_text:>9} {run.code:>4} {run.seconds:>8.2f} {run.peak_mb:>8.1f} {run.lines:>5}  "
                  f"{line}{flag}")
        print(f"\nlargest peak among refused files: {worst:.1f} MB (goal: under {GOAL_MB} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

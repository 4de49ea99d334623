"""PDFs (A4) and preview pictures of a run's briefs, made with the system's Chromium (the browser the tests drive).

Pages are opened from disk with every request outside file:// and data: refused, as leadership's offline
machines would. The first page of a PDF is drawn by PDFium (pypdfium2), the engine of Chromium's own viewer.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..files import check_output_path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge")
INSTALL_HINT = ("install Chromium (Debian/Ubuntu: sudo apt-get install chromium) or set KH330_CHROMIUM "
                "to the browser's path")
ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions")
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")
DESKTOP = (1280, 900)
PHONE = (390, 844)
PREVIEW_DIR = "preview"
# Before a page is printed: a number and its per-cent sign ("80 %"), a document's number ("330/KH-UBND") and a
# file's name ("hue_univ_HUE-UNIV.xlsx") are each put in a span that does not wrap (kh330.css .kh330-nowrap), so
# no printed line ends with "80" or "330/KH-". The text itself is unchanged. Returns how many text nodes it touched.
# A document's number may hold the letter Đ (U+0110, "1002/QĐ-TTg"): a letter to match, not a word, so it is escaped.
KEEP_TOGETHER_JS = r"""() => {
  const together = /\d+(?:[.,]\d+)*\s%|\d+\/[A-Z\u0110]+(?:-[A-Z\u0110]+)+|[\w.-]+\.(?:xlsx|csv|pdf|html)\b/g;
  const skip = 'script, style, svg, title, .kh330-nowrap';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    together.lastIndex = 0;
    if (together.test(n.data) && !n.parentElement.closest(skip)) nodes.push(n);
  }
  for (const node of nodes) {
    const parts = document.createDocumentFragment();
    let last = 0;
    for (const m of node.data.matchAll(together)) {
      const span = document.createElement('span');
      span.className = 'kh330-nowrap';
      span.textContent = m[0];
      parts.append(node.data.slice(last, m.index), span);
      last = m.index + m[0].length;
    }
    parts.append(node.data.slice(last));
    node.replaceWith(parts);
  }
  return nodes.length;
}"""


@dataclass(frozen=True)
class PrintJob:
    """One brief to print: its HTML file and the PDF to write beside it."""

    html: Path
    pdf: Path


@dataclass
class PrintResult:
    """What was written, and why something was not (one line each)."""

    pdfs: list[Path] = field(default_factory=list)
    previews: list[Path] = field(default_factory=list)
    skipped: str = ""
    errors: list[str] = field(default_factory=list)


def find_chromium() -> str | None:
    """The browser's path: KH330_CHROMIUM if set, else the first Chromium-family browser on PATH."""
    chosen = os.environ.get("KH330_CHROMIUM", "").strip()
    if chosen:
        return chosen if Path(chosen).exists() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_run(jobs: Sequence[PrintJob], index: Path, scorecard: Path | None, preview_dir: Path) -> PrintResult:
    """Print every brief (and index page) to A4 PDF; picture the top of the index and of the scorecard as a desktop
    and a phone show it, and the first printed page of each (`index-desktop.png`, `scorecard-page1.png`, …)."""
    result = PrintResult()
    chromium = find_chromium()
    if chromium is None:
        result.skipped = f"PDFs and previews skipped: Chromium not found; {INSTALL_HINT}"
        return result
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    pictured = [("index", index), *([("scorecard", scorecard)] if scorecard is not None else [])]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=list(ARGS))
            try:
                for job in jobs:
                    try:
                        _pdf(browser, job)
                        result.pdfs.append(job.pdf)
                    except PlaywrightError as exc:
                        result.errors.append(f"{job.html.name}: {_first_line(exc)}")
                preview_dir.mkdir(parents=True, exist_ok=True)
                for name, html in pictured:
                    for screen, size in (("desktop", DESKTOP), ("phone", PHONE)):
                        out = preview_dir / f"{name}-{screen}.png"
                        _screenshot(browser, html, out, size)
                        result.previews.append(out)
            finally:
                browser.close()
    except PlaywrightError as exc:
        result.errors.append(f"Chromium ({chromium}) could not be driven: {_first_line(exc)}")
        return result
    for name, html in pictured:
        if html.with_suffix(".pdf").exists():
            out = preview_dir / f"{name}-page1.png"
            first_page_png(html.with_suffix(".pdf"), out)
            result.previews.append(out)
    return result


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _offline_page(browser, size: tuple[int, int]):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, service_workers="block")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL_SCHEMES) else r.abort())
    return context, context.new_page()


def _pdf(browser, job: PrintJob) -> None:
    context, page = _offline_page(browser, DESKTOP)
    try:
        page.goto(job.html.resolve().as_uri(), wait_until="load")
        page.evaluate(KEEP_TOGETHER_JS)
        # The page's own @page rules give A4, the margins and the running header and page numbers.
        data = page.pdf(prefer_css_page_size=True, print_background=True, display_header_footer=False)
    finally:
        context.close()
    # The run folder is not published yet, so plain writes are safe: readers only see it once it is complete.
    check_output_path(job.pdf, "PDF").write_bytes(data)


def _screenshot(browser, html: Path, out: Path, size: tuple[int, int]) -> None:
    context, page = _offline_page(browser, size)
    try:
        page.goto(html.resolve().as_uri(), wait_until="load")
        # The top of the page: what a reader sees first on that screen.
        page.screenshot(path=str(out), full_page=False)
    finally:
        context.close()


def first_page_png(pdf: Path, out: Path, scale: float = 1.5) -> None:
    """The first page of a PDF as a PNG picture."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[0].render(scale=scale).to_pil()
        image.save(str(out), format="PNG")
    finally:
        doc.close()


def page_count(pdf: Path) -> int:
    """How many pages a PDF has."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()

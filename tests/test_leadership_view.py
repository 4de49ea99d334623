"""The briefs as leadership read them, in headless Chromium with the network cut off: the index answers at a
glance, every page prints on A4 without cut columns, nothing overflows a 390 px phone, and the Vietnamese pages
show no English, no code and no jargon outside the technical section, nor a decimal point on a chart's axis."""

from __future__ import annotations

import base64
import csv
import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefs_support import assessed_targets, kh330
from browser_support import offline_page
from kh330lib.data.dataset import load_dataset
from kh330lib.run.printing import KEEP_TOGETHER_JS, page_count
from language_support import code_like_tokens, english_words, gap5_phrases
from layout_support import (
    CHART_TEXT_JS,
    CUT_TABLES_JS,
    MIN_SCREEN_PX,
    PHONE_TABLES_JS,
    PRINT_SIZES_JS,
    PRINT_WIDTH_IN,
    SPLIT_WORDS_JS,
    cut_words,
)
from pdf_support import printed_sizes, text_lines

pytestmark = [pytest.mark.browser, pytest.mark.notebook]

# A4 portrait minus the margins of kh330.css (@page), in CSS pixels (96 per inch).
PRINTABLE_WIDTH_PX = round(PRINT_WIDTH_IN * 96)
PHONE_WIDTH = 390
DESKTOP_WIDTH = 1366
# Printed text sizes, in points: running text, and tables, status tiles and charts.
BODY_PT, SMALL_PT = 9.0, 8.0
MAX_SCORECARD_PAGES = 4

# Elements wider than the viewport, ignoring those inside a box that scrolls on its own.
WIDE_ELEMENTS_JS = """(limit) => {
  const out = [];
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p); if (s.overflowX === 'auto' || s.overflowX === 'scroll') return true; }
    return false; };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || getComputedStyle(el).display === 'none') continue;
    if ((r.right > limit + 1 || r.left < -1) && !scrolls(el))
      out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
  }
  return {scrollWidth: document.documentElement.scrollWidth, wide: out.slice(0, 5)};
}"""


def _briefs(latest: Path) -> list[Path]:
    return sorted(latest.glob("*/*/*.html"))


@pytest.fixture(scope="module")
def latest(suite_briefs) -> Path:
    assert suite_briefs.returncode == 0, suite_briefs.stderr
    return suite_briefs.latest


def test_index_answers_with_one_cell_per_target(browser, latest):
    context, page = offline_page(browser)
    page.goto((latest / "index.html").as_uri(), wait_until="load")
    cells = page.locator("section.kh330-grid li.kh330-cell")
    registry = load_dataset().registry
    ids = sorted(c.get_attribute("id") for c in cells.all())
    assert ids == sorted(f"grid-{tg.id}" for tg in registry.targets)
    counts = [int(b) for b in page.locator(".kh330-counts .kh330-count b").all_inner_texts()]
    assert sum(counts) == len(registry.targets) == cells.count()
    assert page.locator(".kh330-counts").first.is_visible()
    # Each cell leads to a brief section or scorecard row that exists.
    for cell in cells.all():
        href = cell.locator("a").get_attribute("href")
        file, _, anchor = href.partition("#")
        target = latest / file
        assert target.exists(), href
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
    context.close()


def test_grid_counts_match_the_assessments(browser, latest):
    by_target = assessed_targets()
    qualitative = sum(1 for rs in by_target.values() if all(r["kind"] == "qualitative" for r in rs))
    with_data = sum(1 for rs in by_target.values() if any(r["n_points"] for r in rs))
    context, page = offline_page(browser)
    page.goto((latest / "index.html").as_uri(), wait_until="load")
    count = {g: int(page.locator(f".kh330-count.g-{g} b").first.inner_text())
             for g in ("good", "warn", "bad", "none", "qualitative")}
    context.close()
    assert count["qualitative"] == qualitative
    # Only a target with Huế data can be on track, behind or going backwards.
    assert count["good"] + count["warn"] + count["bad"] <= with_data
    assert sum(count.values()) == len(by_target)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_briefs_fit_a_phone(browser, latest, lang):
    context, page = offline_page(browser, PHONE_WIDTH, 844)
    for path in [latest / "index.html", *(p for p in _briefs(latest) if p.parent.name == lang)]:
        page.goto(path.as_uri(), wait_until="load")
        found = page.evaluate(WIDE_ELEMENTS_JS, PHONE_WIDTH)
        assert found["scrollWidth"] <= PHONE_WIDTH and not found["wide"], f"{path.name}: {found}"
    context.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_briefs_print_on_a4_without_cut_columns(browser, latest, lang):
    context, page = offline_page(browser, PRINTABLE_WIDTH_PX, 1000)
    page.emulate_media(media="print")
    for path in [latest / "index.html", *(p for p in _briefs(latest) if p.parent.name == lang)]:
        page.goto(path.as_uri(), wait_until="load")
        found = page.evaluate(WIDE_ELEMENTS_JS, PRINTABLE_WIDTH_PX)
        assert found["scrollWidth"] <= PRINTABLE_WIDTH_PX and not found["wide"], f"{path.name}: {found}"
    context.close()


def test_run_pdf_writes_every_pdf_and_the_previews(latest):
    briefs = _briefs(latest)
    for html in briefs:
        pdf = html.with_suffix(".pdf")
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), pdf
    for lang in ("vi", "en"):
        pages = page_count(latest / "baseline" / lang / "10_scorecard.pdf")
        assert 1 <= pages <= MAX_SCORECARD_PAGES, f"{lang} scorecard prints on {pages} pages"
    for name in ("index-desktop.png", "index-phone.png", "scorecard-page1.png"):
        png = latest / "preview" / name
        assert png.exists() and png.read_bytes().startswith(b"\x89PNG"), png


def test_pages_have_a4_running_header_and_page_numbers(latest):
    html = (latest / "baseline" / "vi" / "10_scorecard.html").read_text(encoding="utf-8")
    assert "size: A4 portrait" in html
    assert '@bottom-right { content: "Trang " counter(page) "/" counter(pages)' in html
    assert "@top-left" in html and "@top-right" in html


# What a reader sees: the page without the collapsed technical section and without passages marked English
# (the index names each English brief in English; the plan's own wording is quoted in Vietnamese).
VISIBLE_TEXT_JS = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('details.kh330-tech, [lang="en"], style, script, title').forEach(e => e.remove());
  return copy.innerText;
}"""


def test_vietnamese_pages_have_no_english_and_no_code(browser, latest):
    context, page = offline_page(browser)
    problems = {}
    for path in [latest / "index.html", *(p for p in _briefs(latest) if p.parent.name == "vi")]:
        page.goto(path.as_uri(), wait_until="load")
        text = page.evaluate(VISIBLE_TEXT_JS)
        found = english_words(text) + code_like_tokens(text)
        if found:
            problems[path.name] = sorted(set(found))[:12]
    context.close()
    assert problems == {}


# The charts of a page, as the SVG each <img> shows; in it matplotlib groups each axis tick as <g id="xtick_1"> ….
CHART_SOURCES_JS = """() => Array.from(document.querySelectorAll('figure img[src^="data:image/svg+xml;base64,"]'))
  .map(img => img.getAttribute('src'))"""
TICK_GROUP = re.compile(r"[xy]tick_\d+")
# A Vietnamese number groups thousands with "." (60.000) and has a decimal comma (0,2): "0.2" or "1.5 %" is English.
# Only numbers are checked: a tick may also be a series' name ("… trên 10.000 dân").
NUMBER = re.compile(r"[−-]?\d[\d.,]*(?:\s?%)?")
DECIMAL_POINT = re.compile(r"\d\.\d")
THOUSANDS = re.compile(r"[−-]?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?(?:\s.*)?")


def _tick_labels(src: str) -> list[str]:
    """The tick labels of a chart shown as an inline SVG (`data:image/svg+xml;base64,…`)."""
    root = ET.fromstring(base64.b64decode(src.split(",", 1)[1]))
    labels = ("".join(el.itertext()).strip() for el in root.iter() if TICK_GROUP.fullmatch(el.get("id", "")))
    return [x for x in labels if x]


def test_vietnamese_pages_have_no_jargon_and_no_decimal_point_on_an_axis(browser, latest):
    context, page = offline_page(browser)
    jargon, points, ticks = {}, {}, 0
    for path in [latest / "index.html", *(p for p in _briefs(latest) if p.parent.name == "vi")]:
        page.goto(path.as_uri(), wait_until="load")
        found = gap5_phrases(page.evaluate(VISIBLE_TEXT_JS))
        if found:
            jargon[path.name] = found
        labels = [x for src in page.evaluate(CHART_SOURCES_JS) for x in _tick_labels(src)]
        ticks += len(labels)
        wrong = [x for x in labels if NUMBER.fullmatch(x) and DECIMAL_POINT.search(x) and not THOUSANDS.fullmatch(x)]
        if wrong:
            points[path.name] = sorted(set(wrong))[:12]
    context.close()
    assert jargon == {}
    assert points == {} and ticks > 0


FIGURES_JS = """async () => {
  const out = [];
  for (const fig of document.querySelectorAll('figure')) {
    const link = fig.querySelector('a.kh330-csv');
    const source = fig.querySelector('.kh330-source');
    let csv = null;
    if (link) { csv = await (await fetch(link.href)).text(); }
    out.push({source: source ? source.innerText : '', name: link ? link.getAttribute('download') : '',
              csv: csv, img: !!fig.querySelector('img[src^="data:image/svg+xml"], img[src^="data:image/png"]')});
  }
  return out;
}"""


def test_every_chart_has_a_source_line_and_its_numbers_as_csv(browser, latest):
    done = kh330("assess", "--all", "--json")
    assert done.returncode == 0, done.stderr
    projections = {r["target"]: r for r in json.loads(done.stdout) if not r["breakdown"] and r["projection"]}
    observed = {}
    with open(Path(__file__).resolve().parents[1] / "data" / "observations.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            observed.setdefault((row["indicator"], row["geo"], row["breakdown"], int(row["year"])), []).append(
                float(row["value"]))
    context, page = offline_page(browser)
    charts = matched = 0
    for path in _briefs(latest):
        page.goto(path.as_uri(), wait_until="load")
        source_word = "Nguồn" if path.parent.name == "vi" else "Source"
        for fig in page.evaluate(FIGURES_JS):
            charts += 1
            assert fig["img"], f"{path.name}: a figure without its chart image"
            assert fig["source"].startswith(source_word), f"{path.name} {fig['name']}: no source line"
            assert fig["csv"] and fig["name"].endswith(".csv"), f"{path.name}: no CSV link"
            rows = list(csv.DictReader(io.StringIO(fig["csv"].lstrip("\ufeff"))))
            assert rows, f"{path.name} {fig['name']}: empty CSV"
            record = projections.get(fig["name"].removesuffix(".csv"))
            if record is None:
                continue
            # The fan at the deadline is the assessment's projection, to the last digit.
            at = next(r for r in rows if r["status"] == "projection" and int(r["year"]) == record["projection"]["year"])
            for q in ("median", "lo80", "hi80", "lo95", "hi95"):
                assert float(at[q]) == pytest.approx(record["projection"][q], rel=1e-12), (fig["name"], q)
            # The history drawn is what data/observations.csv holds (revised by any newer report).
            hue = [r for r in rows if r["geo"] == record["geo"] and r["value"] and r["status"] not in
                   ("target", "required", "projection")]
            assert len(hue) == record["n_points"]
            last = max(hue, key=lambda r: int(r["year"]))
            assert (int(last["year"]), float(last["value"])) == (record["latest_year"], record["latest_value"])
            for r in hue:
                key = (record["indicator"], r["geo"], record["breakdown"] or "", int(r["year"]))
                assert float(r["value"]) in observed.get(key, []) or r["status"] == "assumption", key
            matched += 1
    context.close()
    assert charts >= 10 and matched >= 2  # the trained-labour chart in both languages at least


def _pdfs(latest: Path) -> list[Path]:
    """The printed index pages and briefs."""
    return sorted(latest.glob("*.pdf")) + sorted(latest.glob("*/*/*.pdf"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_briefs_fit_a_desktop_with_no_hidden_column(browser, latest, lang):
    context, page = offline_page(browser, DESKTOP_WIDTH, 900)
    for path in [latest / "index.html", *(p for p in _briefs(latest) if p.parent.name == lang)]:
        page.goto(path.as_uri(), wait_until="load")
        found = page.evaluate(WIDE_ELEMENTS_JS, DESKTOP_WIDTH)
        assert found["scrollWidth"] <= DESKTOP_WIDTH and not found["wide"], f"{path.name}: {found}"
        # Every column of every table in view, with no sideways scrolling.
        assert page.evaluate(CUT_TABLES_JS) == [], path.name
    context.close()


def test_wide_tables_scroll_with_a_cue_on_a_phone(browser, latest):
    context, page = offline_page(browser, PHONE_WIDTH, 844)
    seen: dict[str, set[str]] = {}
    for path in _briefs(latest):
        page.goto(path.as_uri(), wait_until="load")
        for name, how in page.evaluate(PHONE_TABLES_JS):
            assert how in ("cards", "fits", "scrolls"), f"{path.parent.name}/{path.name} table.{name}: {how}"
            seen.setdefault(name.split()[-1], set()).add(how)
    context.close()
    # The tables too wide for a phone: scenarios compared, the R&D money, the data audit and the forecasts' record.
    for name in ("scenarios", "money", "coverage", "skill"):
        assert name in seen, sorted(seen)
    assert "scrolls" in seen["scenarios"] and seen["scorecard"] == {"cards"}


def test_chart_text_is_at_least_10px_on_a_phone(browser, latest):
    context, page = offline_page(browser, PHONE_WIDTH, 844)
    small, charts = [], 0
    for path in _briefs(latest):
        page.goto(path.as_uri(), wait_until="load")
        for alt, px, shown in page.evaluate(CHART_TEXT_JS):
            charts += 1
            if px < MIN_SCREEN_PX:
                small.append(f"{path.parent.name}/{path.name}: {alt}… {px:.1f} px at {shown:.0f} px wide")
    context.close()
    assert charts >= 10 and small == []


def test_index_lists_targets_and_briefs_in_one_column_on_a_phone(browser, latest):
    context, page = offline_page(browser, PHONE_WIDTH, 844)
    page.goto((latest / "index.html").as_uri(), wait_until="load")
    for selector in ("li.kh330-cell", "ul.kh330-briefs > li"):
        lefts = {round(b["x"]) for b in (el.bounding_box() for el in page.locator(selector).all()) if b}
        assert len(lefts) == 1, f"{selector}: {len(lefts)} columns"
    context.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_printed_text_is_9pt_and_8pt_in_tables_and_tiles(browser, latest, lang):
    context, page = offline_page(browser, PRINTABLE_WIDTH_PX, 1000)
    page.emulate_media(media="print")
    for path in [latest / "index.html", *(p for p in _briefs(latest) if p.parent.name == lang)]:
        page.goto(path.as_uri(), wait_until="load")
        small = page.evaluate(PRINT_SIZES_JS, [BODY_PT * 4 / 3, SMALL_PT * 4 / 3])
        assert small == [], f"{path.name}: {small}"
    context.close()


def test_printed_pdfs_have_no_text_under_8pt(latest):
    pdfs = _pdfs(latest)
    assert {p.parent.name for p in pdfs} >= {"vi", "en"}
    for pdf in pdfs:
        sizes = printed_sizes(pdf)
        smallest = min(sizes, key=lambda c: c[2])
        # Chart text is text in the PDF too (an SVG keeps it), at its printed size.
        assert smallest[2] >= SMALL_PT - 0.05, f"{pdf.parent.name}/{pdf.name} page {smallest[0]}: {smallest}"
        # Most of what is printed is at least the size of table text (running text is larger still).
        assert sorted(s for _, _, s in sizes)[len(sizes) // 2] >= SMALL_PT - 0.05


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_printed_lines_break_between_words(browser, latest, lang):
    context, page = offline_page(browser, PRINTABLE_WIDTH_PX, 1000)
    page.emulate_media(media="print")
    for path in [latest / "index.html", *(p for p in _briefs(latest) if p.parent.name == lang)]:
        page.goto(path.as_uri(), wait_until="load")
        page.evaluate(KEEP_TOGETHER_JS)  # as kh330lib.run.printing does before it prints
        cut = cut_words(page.evaluate(SPLIT_WORDS_JS))
        assert cut == [], f"{path.name}: {cut[:12]}"
    context.close()


# A printed line ending with part of a word, a code or a number cut from its unit, and the next line's start
# (any word cut inside its letters is caught in the page's print layout by test_printed_lines_break_between_words).
CUT_AT_LINE_END = [
    (re.compile(r"\bnă$"), re.compile(r"^m\b")),  # "nă" / "m": năm
    (re.compile(r"\d+/KH-$"), re.compile(r"")),  # "330/KH-" / "UBND"
    (re.compile(r"\d$"), re.compile(r"^%")),  # "(7–95" / "%)": a number without its per-cent sign
]
SCREEN_WORDS = re.compile(r"\b(?:Bấm|Nhấn|[Cc]lick|[Tt]ap|[Ss]elect a)\b")


def test_pdfs_cut_no_word_at_a_line_end_and_say_nothing_of_clicking(latest):
    problems = []
    for pdf in _pdfs(latest):
        for number, lines in enumerate(text_lines(pdf), start=1):
            where = f"{pdf.parent.name}/{pdf.name} page {number}"
            problems += [f"{where}: {line!r}" for line in lines if SCREEN_WORDS.search(line)]
            for line, following in itertools.pairwise(lines):
                end, start = line.rstrip(), following.lstrip()
                if any(a.search(end) and b.search(start) for a, b in CUT_AT_LINE_END):
                    problems.append(f"{where}: {end[-30:]!r} / {start[:20]!r}")
    assert problems == []


"""The message leadership read first, in headless Chromium and in the PDFs: three lines on top of the index and the
scorecard, one count of targets on every page of both languages (the count `kh330 assess --all --json` gives),
what each unit owes linked from the top and printed, and index pages each in one language."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from briefs_support import assessed_targets
from browser_support import offline_page
from kh330lib.data.calendar import load_calendar
from kh330lib.data.catalog import load_registry

pytestmark = [pytest.mark.browser, pytest.mark.notebook]

PHONE = (390, 844)
# The page as a reader sees it: without the collapsed technical section.
VISIBLE_TEXT_JS = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('details.kh330-tech, style, script, title').forEach(e => e.remove());
  return copy.innerText;
}"""
COUNT_PATTERNS = {
    # "24/33 chỉ tiêu", "33 chỉ tiêu", "tổng 33 chỉ tiêu"; "mục tiêu" is not a second word for a target.
    "vi": (re.compile(r"(\d+)\s*/\s*(\d+)\s+chỉ tiêu"), re.compile(r"(?<![/\d])(\d+)\s+(?:chỉ|mục) tiêu")),
    "en": (re.compile(r"(\d+) of (\d+) (?:targets|measurable)"), re.compile(r"(?<![\d/])(\d+)\s+targets")),
}


@pytest.fixture(scope="module")
def latest(suite_briefs) -> Path:
    assert suite_briefs.returncode == 0, suite_briefs.stderr
    return suite_briefs.latest


@pytest.fixture(scope="module")
def counts() -> dict[str, int]:
    """The count of targets, computed here from the records of `kh330 assess --all --json`."""
    by_target = assessed_targets()
    qual = sum(1 for rs in by_target.values() if all(r["kind"] == "qualitative" for r in rs))
    with_data = sum(1 for rs in by_target.values() if any(r["kind"] != "qualitative" and r["n_points"] for r in rs))
    split = sum(1 for rs in by_target.values() if len(rs) > 1)
    return {"total": len(by_target), "with_data": with_data, "qualitative": qual,
            "without": len(by_target) - with_data - qual, "split": split,
            "rows": sum(len(rs) for rs in by_target.values())}


def _pages(latest: Path, lang: str) -> list[Path]:
    index = latest / ("index.html" if lang == "vi" else f"index-{lang}.html")
    return [index, *sorted((latest / "baseline" / lang).glob("*.html"))]


def _text(page, path: Path) -> str:
    page.goto(path.as_uri(), wait_until="load")
    return page.evaluate(VISIBLE_TEXT_JS)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_count_of_targets_agrees_with_the_assessment(browser, latest, counts, lang):
    allowed = {counts[k] for k in ("total", "with_data", "without", "qualitative", "split")}
    context, page = offline_page(browser)
    wrong, totals = {}, 0
    fraction, plain = COUNT_PATTERNS[lang]
    for path in _pages(latest, lang):
        text = _text(page, path)
        found = [f"{a}/{b}" for a, b in fraction.findall(text) if int(b) != counts["total"] or int(a) not in allowed]
        found += [n for n in plain.findall(text) if int(n) not in allowed]
        found += [m for m in re.findall(r"(?:gồm|\() ?(\d+) (?:dòng|rows)", text) if int(m) != counts["rows"]]
        if lang == "vi":
            found += re.findall(r"\d+ mục tiêu", text)
        if found:
            wrong[path.name] = found
        totals += len(re.findall(rf"(?<![\d/]){counts['total']}\s+(?:chỉ tiêu|targets)", text))
    context.close()
    assert wrong == {}
    # The total is said on the index and on the scorecard at least.
    assert totals >= 2


def test_the_three_lines_lead_the_index_and_the_scorecard(browser, latest, counts):
    context, page = offline_page(browser, *PHONE)
    for path in (latest / "index.html", latest / "baseline" / "vi" / "10_scorecard.html"):
        page.goto(path.as_uri(), wait_until="load")
        lines = page.locator(".kh330-summary p")
        assert lines.count() == 3, path.name
        texts = lines.all_inner_texts()
        assert [t.split(":")[0] for t in texts] == ["Đã biết", "Chưa biết", "Cần làm"]
        assert f"{counts['without']}/{counts['total']} chỉ tiêu" in texts[1]
        # Within the first two screens of a phone.
        bottom = page.evaluate("() => document.querySelector('.kh330-summary').getBoundingClientRect().bottom")
        assert bottom <= 2 * PHONE[1], f"{path.name}: the three lines end at {bottom} px"
        # The owed list is one tap away, on the same page.
        href = lines.nth(2).locator("a").get_attribute("href")
        assert href == "#owed" and page.locator("#owed table.owed").count() == 1
    context.close()


def test_the_scorecards_key_messages_are_within_two_phone_screens(browser, latest):
    context, page = offline_page(browser, *PHONE)
    page.goto((latest / "baseline" / "vi" / "10_scorecard.html").as_uri(), wait_until="load")
    top = page.evaluate("() => [...document.querySelectorAll('h2')].find(h => h.innerText.includes('Thông điệp'))"
                        ".getBoundingClientRect().top")
    context.close()
    assert top <= 2 * PHONE[1]


def test_the_owed_list_names_every_unit_in_the_calendar(browser, latest):
    registry = load_registry()
    calendar = load_calendar(registry)
    context, page = offline_page(browser)
    page.goto((latest / "index.html").as_uri(), wait_until="load")
    rows = page.locator("#owed tbody tr")
    units = [rows.nth(i).locator("th").inner_text().splitlines()[0] for i in range(rows.count())]
    assert units == [registry.units[d.unit].label_vi for d in calendar.dues]
    files = page.locator("#owed td.kh330-file").all_inner_texts()
    assert files[0] == "doet_VN-HUE.xlsx"
    context.close()


def _pdf_text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_printed_scorecard_carries_the_three_lines_and_the_owed_list(latest, lang):
    text = _pdf_text(latest / "baseline" / lang / "10_scorecard.pdf")
    labels = ("Đã biết:", "Chưa biết:", "Cần làm:", "Số liệu các đơn vị cần báo cáo") if lang == "vi" else (
        "Known:", "Not known:", "To do:", "Data each unit must report")
    for label in labels:
        assert label in text, label
    assert ("doet_VN-HUE.xlsx" in text) and ("Bấm" not in text) and ("Select a cell" not in text)


def test_the_vietnamese_index_is_in_vietnamese_with_one_link_to_the_english_one(browser, latest):
    context, page = offline_page(browser)
    page.goto((latest / "index.html").as_uri(), wait_until="load")
    english = page.locator('[lang="en"]')
    assert english.count() == 1 and english.first.inner_text() == "English"
    assert english.first.get_attribute("href") == "index-en.html"
    links = page.locator("ul.kh330-briefs a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links and all(h.startswith("baseline/vi/") for h in links)
    page.goto((latest / "index-en.html").as_uri(), wait_until="load")
    assert page.locator('a[hreflang="vi"]').inner_text() == "Tiếng Việt"
    links = page.locator("ul.kh330-briefs a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links and all(h.startswith("baseline/en/") for h in links)
    context.close()


def test_previews_show_the_top_of_the_index_and_the_scorecard(latest):
    from PIL import Image

    for name in ("index", "scorecard"):
        for screen, size in (("desktop", (1280, 900)), ("phone", (390, 844))):
            with Image.open(latest / "preview" / f"{name}-{screen}.png") as png:
                assert png.size == size, (name, screen)  # the first screen, not the whole page
        with Image.open(latest / "preview" / f"{name}-page1.png") as png:
            width, height = png.size
            assert abs(height / width - 297 / 210) < 0.01  # an A4 page
    assert (latest / "index.pdf").read_bytes().startswith(b"%PDF")
    assert "Đã biết:" in _pdf_text(latest / "index.pdf")

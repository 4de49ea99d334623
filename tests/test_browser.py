"""Every brief opened from disk in headless Chromium with the network cut off.

Checks: no request leaves file:// (data: URIs are inline), no console error, every image decoded and
described, the title visible, and in scorecard briefs a visible scorecard table. A screenshot of each
page is kept. Without Chromium the test is skipped with the reason, except under CI
(KH330_REQUIRE_BROWSER=1, set by .ci/run), where it fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browser_support import LOCAL_SCHEMES

pytestmark = pytest.mark.browser


@dataclass
class PageReport:
    """What one page did in the browser."""

    url: str
    title: str = ""
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    visible_title: bool = False
    scorecard_visible: bool = False


def _open(browser, page_path: Path, shots: Path) -> PageReport:
    report = PageReport(page_path.as_uri())
    context = browser.new_context(service_workers="block")

    def route(r):
        if r.request.url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            report.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: report.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: report.errors.append(str(e)))
    page.on("requestfailed", lambda r: report.errors.append(f"failed: {r.url}")
            if r.url.startswith("file:") else None)
    page.goto(report.url, wait_until="load")  # everything is inline: "load" means fully loaded
    report.title = page.title()
    report.images = page.evaluate(
        "Array.from(document.images).map(i => ({src: i.src.slice(0, 40), complete: i.complete,"
        " width: i.naturalWidth, alt: i.getAttribute('alt')}))")
    report.visible_title = page.locator("h1").first.is_visible()
    table = page.locator("table.scorecard, table#scorecard")
    report.scorecard_visible = table.count() > 0 and table.first.is_visible()
    shots.mkdir(parents=True, exist_ok=True)
    # The whole page for the index and the scorecards; the first screen for the others (it is faster).
    page.screenshot(path=str(shots / f"{page_path.parent.name}-{page_path.stem}.png"),
                    full_page=page_path.stem == "index" or "scorecard" in page_path.stem)
    context.close()
    return report


def _check(report: PageReport) -> None:
    assert report.blocked == [], f"{report.url} tried to load {report.blocked}"
    assert report.errors == [], f"{report.url} console errors {report.errors}"
    assert report.title.strip() and report.visible_title, report.url
    for img in report.images:
        assert img["complete"] and img["width"] > 0, f"{report.url}: image not decoded {img}"
        assert (img["alt"] or "").strip(), f"{report.url}: image without alt {img}"


def _pages(latest: Path) -> list[Path]:
    return [latest / "index.html", *sorted(latest.glob("*/*/*.html"))]


def _shots(tmp_path_factory, name: str) -> Path:
    return tmp_path_factory.getbasetemp() / "screenshots" / name


def test_fixture_briefs_open_offline(browser, fixture_briefs, tmp_path_factory):
    assert fixture_briefs.returncode == 0, fixture_briefs.stderr
    pages = _pages(fixture_briefs.latest)
    assert len(pages) == 3  # the index, the scorecard in vi and in en
    shots = _shots(tmp_path_factory, "fixture")
    for path in pages:
        report = _open(browser, path, shots)
        _check(report)
        if "scorecard" in path.stem:
            assert report.scorecard_visible, path
            assert len(report.images) == 1
    print(f"screenshots: {shots}")


def test_browser_check_can_fail(browser, tmp_path, tmp_path_factory):
    # A page that reaches for a CDN, logs an error and shows a broken image must be caught.
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><head><title>t</title>'
                   '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js">'
                   '</script></head><body><h1>t</h1><img src="missing.png" alt="x">'
                   '<script>console.error("boom")</script></body></html>', encoding="utf-8")
    report = _open(browser, bad, _shots(tmp_path_factory, "bad"))
    assert report.blocked == ["https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"]
    assert "boom" in report.errors
    assert report.images[0]["width"] == 0
    with pytest.raises(AssertionError):
        _check(report)


@pytest.mark.notebook
def test_suite_briefs_open_offline(browser, suite_briefs, tmp_path_factory):
    assert suite_briefs.returncode == 0, suite_briefs.stderr
    pages = _pages(suite_briefs.latest)
    shots = _shots(tmp_path_factory, "suite")
    scorecards = 0
    for path in pages:
        report = _open(browser, path, shots)
        _check(report)
        if "scorecard" in path.stem:
            assert report.scorecard_visible, f"{path}: no visible <table class=\"scorecard\">"
            scorecards += 1
    assert scorecards == 2  # Vietnamese and English
    print(f"screenshots: {shots}")

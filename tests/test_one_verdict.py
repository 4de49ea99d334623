"""One verdict per target, following its chance: every tile and every scorecard row of every published page
(index and briefs, both languages) shows a verdict that agrees with the band of the chance beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kh330lib.codes import Band
from kh330lib.store.settings import load_methods
from kh330lib.words import band_name, verdict_name

pytestmark = [pytest.mark.notebook]


def _band_of(text: str, lang: str) -> str | None:
    """The band a chance's text starts with (the longest band name first: "rất có khả năng" before "có khả năng")."""
    names = sorted(((band_name(b, lang), b.value) for b in Band), key=lambda x: -len(x[0]))
    text = text.strip().lower()
    return next((code for name, code in names if text.startswith(name.lower())), None)


def _pairs(html: str, lang: str) -> list[tuple[str, str, str]]:
    """(where, verdict text, chance text) of every tile and scorecard row showing both."""
    soup = BeautifulSoup(html, "html.parser")
    out = []
    for cell in soup.select("li.kh330-cell"):
        verdict, band = cell.select_one(".kh330-cell-verdict"), cell.select_one(".kh330-cell-band")
        if verdict is not None and band is not None:
            out.append((cell.get("id", "tile"), verdict.get_text(" ", strip=True), band.get_text(" ", strip=True)))
    for table in soup.select("table.scorecard"):
        headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
        for row in table.select("tbody tr"):
            badge = row.select_one("span.badge")
            cells = row.find_all("td")
            chance = [td for td in cells if td.get("data-label") == headers[4]] if len(headers) > 4 else []
            if badge is not None and chance:
                first = chance[0].find(string=True, recursive=False) or chance[0].get_text(" ", strip=True)
                out.append((row.get("id", "row"), badge.get_text(" ", strip=True), str(first)))
    return out


def test_no_tile_or_row_shows_a_verdict_its_chance_does_not_give(suite_briefs):
    assert suite_briefs.returncode == 0, suite_briefs.stderr
    rule = load_methods().verdict_bands
    pages = [suite_briefs.latest / "index.html", *sorted(Path(suite_briefs.latest).glob("*/*/*.html"))]
    checked = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        lang = "en" if "/en/" in page.as_posix() or 'lang="en"' in text[:400] else "vi"
        for where, verdict_text, chance_text in _pairs(text, lang):
            band = _band_of(chance_text, lang)
            if band is None:
                continue
            expected = verdict_name(rule[band], lang)
            met = verdict_name("target_achieved", lang)
            assert verdict_text.endswith(expected) or verdict_text.endswith(met), (page.name, where, verdict_text,
                                                                                   chance_text)
            checked += 1
    # The shipped data assess one measured target (trained labour): its tile and its row, on several pages.
    assert checked >= 4


def test_a_range_beside_a_band_is_labelled_as_what_it_is(suite_briefs):
    """A model range never stands bare beside a band as if it were a chance (the methods brief, which defines
    each band by its own range of probabilities, aside)."""
    for page in [suite_briefs.latest / "index.html", *sorted(Path(suite_briefs.latest).glob("*/*/*.html"))]:
        if page.stem == "90_methods":
            continue
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True)
        for b in Band:
            for lang, label in (("vi", "từng mô hình, từng phép thử"), ("en", "each model and check alone")):
                name = band_name(b, lang)
                at = text.find(f"{name} (")
                while at >= 0:
                    following = text[at + len(name) + 2: at + len(name) + 2 + len(label)]
                    assert following == label or not following[:1].isdigit(), (page.name, text[at:at + 80])
                    at = text.find(f"{name} (", at + 1)

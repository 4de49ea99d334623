"""Measures of a page's layout taken in Chromium, for the leadership-view tests: words cut at a line end, text
sizes as printed, tables that overflow their box, and chart text as shown."""

from __future__ import annotations

import re

from matplotlib.figure import Figure
from matplotlib.text import Text

__all__ = ["CHART_TEXT_JS", "CUT_TABLES_JS", "MIN_PRINTED_PT", "MIN_SCREEN_PX", "PHONE_TABLES_JS", "PRINT_HEIGHT_IN",
           "PRINT_SIZES_JS", "PRINT_WIDTH_IN", "SPLIT_WORDS_JS", "cut_words", "printed_pt", "screen_px",
           "smallest_text_pt"]

# Chart text as read. A chart is shown at its own size (96 CSS px an inch; on a phone in a box that scrolls
# sideways) and printed at its own size too, shrunk only to fit the A4 page inside its margins (kh330.css:
# @page margins 10 mm left and right, figure img max-height 235 mm).
PRINT_WIDTH_IN = (210 - 2 * 10) / 25.4
PRINT_HEIGHT_IN = 235 / 25.4
MIN_PRINTED_PT = 8.0  # on paper
MIN_SCREEN_PX = 10.0  # on a phone


def printed_pt(size_pt: float, width_in: float, height_in: float) -> float:
    """Points on paper of text drawn at `size_pt` on a chart of `width_in` × `height_in` inches printed on A4."""
    return size_pt * min(1.0, PRINT_WIDTH_IN / width_in, PRINT_HEIGHT_IN / height_in)


def screen_px(size_pt: float, width_in: float, shown_px: float) -> float:
    """CSS pixels of text drawn at `size_pt` on a chart `width_in` inches wide shown `shown_px` pixels wide."""
    return size_pt * 96 / 72 * shown_px / (width_in * 96)


def smallest_text_pt(fig: Figure) -> float | None:
    """The size of the smallest text a figure draws (titles, labels, ticks, legends, notes), in points."""
    fig.canvas.draw()
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return min(sizes, default=None)


# Every word (a run of non-spaces) laid out on more than one line: [the part on the first line, the rest].
SPLIT_WORDS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const box = (node, from, to) => { range.setStart(node, from); range.setEnd(node, to);
    return [...range.getClientRects()].filter(r => r.width > 0); };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/\\S{2,}/g)) {
      const rects = box(node, m.index, m.index + m[0].length);
      if (new Set(rects.map(r => Math.round(r.bottom))).size < 2) continue;
      let first = null, cut = 0;
      for (let i = 0; i < m[0].length && !cut; i++) {
        const r = box(node, m.index + i, m.index + i + 1)[0];
        if (!r) continue;
        if (first === null) first = r.bottom; else if (r.bottom > first + 2) cut = i;
      }
      if (cut) out.push([m[0].slice(0, cut), m[0].slice(cut)]);
    }
  }
  return out;
}"""

# A word may end a line after a hyphen between two words in lower case (high-|tech) or after the dash of a range
# of numbers (2025–|2030); nowhere else: not inside a word or a number, not in a code such as 330/KH-UBND.
_ALLOWED = re.compile(r"(?:[^\W\d_]-|\d–)$")


def cut_words(splits: list[list[str]]) -> list[str]:
    """The words of SPLIT_WORDS_JS cut where they may not be, as `before|after`."""
    out = []
    for before, after in splits:
        ok = _ALLOWED.search(before) and (after[:1].islower() if before.endswith("-") else after[:1].isdigit())
        if not ok:
            out.append(f"{before}|{after}")
    return out


# Elements with text of their own printed smaller than they may be: 8 pt (`small`) in tables, figures, status tiles
# and the counts above them, `body` (9 pt) elsewhere. Sizes in CSS px (1 pt = 4/3 px).
PRINT_SIZES_JS = """([body, small]) => {
  const out = [];
  const tight = 'table, figure, .kh330-cell, .kh330-counts';
  for (const el of document.body.querySelectorAll('*')) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.data.trim())) continue;
    if (!el.getClientRects().length || el.closest('svg')) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible') continue;
    const size = parseFloat(style.fontSize), floor = el.closest(tight) ? small : body;
    if (size < floor - 0.01)
      out.push(`${el.tagName}.${el.className} ${(size * 0.75).toFixed(2)} pt: ${el.textContent.trim().slice(0, 40)}`);
  }
  return out.slice(0, 8);
}"""

# Tables wider than their box: the table or a box around it that scrolls sideways has a hidden part.
CUT_TABLES_JS = """() => {
  const out = [];
  for (const table of document.querySelectorAll('table')) {
    if (!table.getClientRects().length) continue;
    for (let el = table; el && el !== document.body; el = el.parentElement) {
      const style = getComputedStyle(el);
      const boxed = el === table || style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (boxed && el.scrollWidth > el.clientWidth + 1)
        out.push(`table.${table.className} in ${el.tagName}.${el.className}: `
                 + `${el.scrollWidth - el.clientWidth} px hidden`);
    }
  }
  return out;
}"""

# Each table on a phone: shown as cards, fits its box, or scrolls sideways in its own box with its first column
# kept in view and a shadow at the right edge; anything else is cut.
PHONE_TABLES_JS = """() => {
  const out = [];
  for (const table of document.querySelectorAll('table')) {
    if (!table.getClientRects().length) continue;
    const name = table.className;
    if (getComputedStyle(table.querySelector('tr')).display === 'block') { out.push([name, 'cards']); continue; }
    let box = null;
    for (let el = table; el && el !== document.body; el = el.parentElement) {
      const s = getComputedStyle(el);
      if ((el === table || s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
        box = el; break; }
    }
    if (box === null) { out.push([name, 'fits']); continue; }
    const first = table.querySelector('tbody tr > :first-child');
    const style = getComputedStyle(table);
    const cue = box === table && style.backgroundImage.includes('gradient');
    // Scrolled sideways, the first column stays where it was.
    const before = first.getBoundingClientRect().left;
    table.scrollLeft = 80;
    const kept = Math.abs(first.getBoundingClientRect().left - before) < 1 && table.scrollLeft > 0;
    table.scrollLeft = 0;
    out.push([name, cue && kept ? 'scrolls' : `cut (cue ${cue}, first column kept ${kept})`]);
  }
  return out;
}"""

# The smallest text of each chart as shown, in CSS px: the smallest font size its SVG writes (in the SVG's own
# units) times the size the <img> is shown at over the SVG's own width.
CHART_TEXT_JS = """() => {
  const out = [];
  for (const img of document.querySelectorAll('figure img[src^="data:image/svg+xml;base64,"]')) {
    const svg = atob(img.getAttribute('src').split(',', 2)[1]);
    const width = parseFloat(svg.match(/viewBox="[\\d.]+ [\\d.]+ ([\\d.]+) [\\d.]+"/)[1]);
    const sizes = [...svg.matchAll(/font-size:\\s*([\\d.]+)px/g)].map(m => parseFloat(m[1]));
    const shown = img.getBoundingClientRect().width;
    out.push([img.getAttribute('alt').slice(0, 50), Math.min(...sizes) * shown / width, shown]);
  }
  return out;
}"""

"""The page of a brief: house style (CSS), header, headings, paragraphs, tables, figures and verdict badges."""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from typing import Iterable, Sequence

from IPython.display import HTML

from .. import fmt
from ..codes import Verdict
from ..data.observations import Dataset
from ..words import t, verdict_name
from .charts import DPI, Chart

# House style for the briefs: readable on a laptop, printable in black and white (status is
# never colour alone: each badge also has a shape and a word).
CSS = """
.kh330 { line-height: 1.45; max-width: 68rem; }
.kh330 table.sources td:last-child { word-break: break-all; font-size: 0.8em; max-width: 24rem; }
.kh330 h1 { font-size: 1.6rem; margin: 0.2rem 0 0.3rem; }
.kh330 h2 { font-size: 1.2rem; margin: 1.2rem 0 0.4rem; border-bottom: 1px solid #ccc; }
.kh330 p.meta { color: #444; font-size: 0.9rem; margin: 0 0 0.8rem; }
.kh330 table.kh330-t { border-collapse: collapse; font-size: 0.86rem; margin: 0.4rem 0 0.8rem; }
.kh330 table.kh330-t th, .kh330 table.kh330-t td { border: 1px solid #bbb; padding: 0.25rem 0.45rem;
  vertical-align: top; text-align: left; }
.kh330 table.kh330-t th { background: #f0f0f0; }
.kh330 table.kh330-t td.num { text-align: right; white-space: nowrap; }
.kh330 table.scorecard { font-size: 0.8rem; }
.kh330 table.scorecard td.target { min-width: 11rem; }
.kh330 table.scorecard td.gap { color: #444; }
.kh330 table.scorecard td.goal { min-width: 6.5rem; }
.kh330 table.scorecard td.pace { text-align: right; }
.kh330 table.scorecard tr.section th { background: #e4e9f2; text-align: left; }
.kh330 .note { color: #555; font-size: 0.82rem; }
.kh330 .weak { font-style: italic; }
.kh330 .badge { display: inline-block; padding: 0.05rem 0.4rem; border-radius: 0.25rem; border: 1px solid;
  white-space: nowrap; font-weight: bold; }
.kh330 .v-good { background: #e3f2e6; border-color: #2e7d32; color: #1b5e20; }
.kh330 .v-warn { background: #fff4dc; border-color: #b26a00; color: #7a4a00; }
.kh330 .v-bad { background: #fde7e7; border-color: #c62828; color: #8e1b1b; }
.kh330 .v-none { background: #eeeeee; border-color: #666; color: #333; }
.kh330 figure { margin: 0.6rem 0 1rem; }
.kh330 figure img { max-width: 100%; height: auto; }
.kh330 figcaption { font-size: 0.82rem; color: #444; }
@media print { .kh330 { max-width: none; } .kh330 tr, .kh330 figure { page-break-inside: avoid; } }
"""


def esc(text: object) -> str:
    """Text escaped for HTML (attributes too)."""
    return html.escape(str(text), quote=True)


def wrap(body: str, lang: str) -> HTML:
    """Markup as one displayable block of a brief, in its language."""
    return HTML(f'<div class="kh330" lang="{esc(lang)}">{body}</div>')


# ---------------------------------------------------------------- page furniture

def brief_title(notebook: str, lang: str = "vi") -> str:
    """The localised title of a brief, by notebook name (`10_scorecard`)."""
    return t(f"title_{notebook}", lang)


def header(notebook: str, lang: str = "vi", scenario_label: str = "", as_of: str = "",
           run_id: str = "", dataset: Dataset | None = None) -> HTML:
    """The brief's localised title, and in interactive runs the plan, scenario and data vintage.

    A scheduled run (`run_id` set) is published with a page header that already shows the scenario,
    the data vintage and the run, so only the title is repeated here.
    """
    fmt.check_lang(lang)
    parts = [t("plan_name", lang)]
    if scenario_label:
        parts.append(f"{t('scenario', lang)}: {scenario_label}")
    if dataset is not None and len(dataset.observations):
        parts.append(t("latest_data_year", lang).format(year=int(dataset.observations["year"].max())))
    if as_of:
        parts.append(f"{t('as_of', lang)}: {as_of}")
    meta = "" if run_id else f'<p class="meta">{" · ".join(esc(p) for p in parts)}</p>'
    return wrap(f"<style>{CSS}</style><h1>{esc(brief_title(notebook, lang))}</h1>{meta}", lang)


def heading(key: str, lang: str = "vi", level: int = 2) -> HTML:
    """A localised section heading."""
    return wrap(f"<h{level}>{esc(t(key, lang))}</h{level}>", lang)


def paragraph(text: str, lang: str = "vi", cls: str = "") -> HTML:
    """One paragraph of already-localised text."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return wrap(f"<p{attr}>{esc(text)}</p>", lang)


def text(key: str, lang: str = "vi", cls: str = "") -> HTML:
    """One paragraph of a sentence of `kh330lib.words`, by key."""
    return paragraph(t(key, lang), lang, cls)


def bullets(sentences: Iterable[str], lang: str = "vi") -> HTML:
    """Sentences as a bulleted list."""
    items = "".join(f"<li>{esc(s)}</li>" for s in sentences)
    return wrap(f"<ul>{items}</ul>", lang)


def figure_markup(chart: Chart | object, alt: str | None = None, caption: str = "") -> str:
    fig = chart.figure if isinstance(chart, Chart) else chart
    alt_text = alt if alt is not None else (chart.alt if isinstance(chart, Chart) else "")
    if not alt_text:
        raise ValueError("a chart needs alt text saying what it shows")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt_text)}">{cap}</figure>'


def figure_html(chart: Chart | object, alt: str | None = None, caption: str = "", lang: str = "vi") -> HTML:
    """A Chart (or a bare matplotlib Figure plus `alt`) as an inline PNG with its alt text."""
    return wrap(figure_markup(chart, alt, caption), lang)


def table_html(headers: Sequence[str], rows: Iterable[Sequence[object]], cls: str = "",
               numeric: Sequence[int] = ()) -> str:
    """An HTML table; cells that are `Raw` are inserted as markup, anything else is escaped."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            klass = ' class="num"' if i in numeric else ""
            content = cell.markup if isinstance(cell, Raw) else esc(cell)
            cells.append(f"<td{klass}>{content}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="kh330-t {esc(cls)}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


@dataclass(frozen=True)
class Raw:
    """Markup built here (already escaped) to place in a table cell."""

    markup: str


@dataclass(frozen=True)
class VerdictStyle:
    """How a verdict looks: a colour class and a shape (never colour alone); its word comes from `words`."""

    css: str
    icon: str


VERDICT_STYLES = {
    Verdict.TARGET_ACHIEVED: VerdictStyle("v-good", "✔"),
    Verdict.ACHIEVED: VerdictStyle("v-good", "✔"),
    Verdict.ON_TRACK: VerdictStyle("v-good", "▲"),
    Verdict.NEEDS_ACCELERATION: VerdictStyle("v-warn", "◆"),
    Verdict.LIMITED_PROGRESS: VerdictStyle("v-bad", "▼"),
    Verdict.DETERIORATION: VerdictStyle("v-bad", "✖"),
    Verdict.OVERDUE: VerdictStyle("v-bad", "✖"),
    Verdict.NOT_YET: VerdictStyle("v-warn", "◇"),
    Verdict.INSUFFICIENT_DATA: VerdictStyle("v-none", "?"),
    Verdict.NO_DATA: VerdictStyle("v-none", "?"),
    Verdict.QUALITATIVE: VerdictStyle("v-none", "○"),
}


def badge(verdict: Verdict, lang: str = "vi") -> Raw:
    """A verdict as colour, shape and words together (never colour alone)."""
    style = VERDICT_STYLES[verdict]
    return Raw(f'<span class="badge {style.css}"><span aria-hidden="true">{style.icon}</span> '
               f'{esc(verdict_name(verdict, lang))}</span>')


def verdict_legend(lang: str = "vi") -> str:
    """Every verdict's shape and word, for the scorecard's legend (verdicts with one shape share its entry)."""
    by_icon: dict[str, list[str]] = {}
    for v, style in VERDICT_STYLES.items():
        by_icon.setdefault(style.icon, []).append(verdict_name(v, lang))
    return "; ".join(f"{icon} {' / '.join(names)}" for icon, names in by_icon.items())

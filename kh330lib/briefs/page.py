"""The page of a brief: house style (CSS), header, headings, paragraphs, tables, figures and verdict badges."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Iterable, Sequence

import matplotlib as mpl
from IPython.display import HTML
from pandas.api.types import is_object_dtype, is_string_dtype

from .. import fmt, paths
from ..codes import Verdict
from ..data.tables import Dataset
from ..files import safe_cell
from ..words import status_name, t, verdict_name
from .charts import Chart, localize_axes
from .markup import VERDICT_STYLES, esc

# House style for the briefs, one stylesheet with the published page (kh330lib/run/templates): readable on a
# laptop, a phone and A4 paper (status is never colour alone: each badge also has a shape and a word).
CSS_FILE = paths.TEMPLATES_DIR / "kh330" / "static" / "kh330.css"
CSS = CSS_FILE.read_text(encoding="utf-8")


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
    if run_id:
        # The published page carries the stylesheet and a header with the scenario, data and date.
        return wrap(f"<h1>{esc(brief_title(notebook, lang))}</h1>", lang)
    meta = f'<p class="meta">{" · ".join(esc(p) for p in parts)}</p>'
    return wrap(f"<style>{CSS}</style><h1>{esc(brief_title(notebook, lang))}</h1>{meta}", lang)


def on_screen_only(*blocks: HTML, lang: str = "vi", note_key: str = "") -> HTML:
    """Blocks shown on screen but left out of the printed page; `note_key` names the sentence printed instead."""
    note = f'<p class="kh330-print-note">{esc(t(note_key, lang))}</p>' if note_key else ""
    inner = "".join(b.data for b in blocks)
    return HTML(f'{note}<div class="kh330-screen">{inner}</div>')


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
    """A chart as `<figure>`: inline SVG with alt text; caption, sources, data status and its CSV below."""
    fig = chart.figure if isinstance(chart, Chart) else chart
    alt_text = alt if alt is not None else (chart.alt if isinstance(chart, Chart) else "")
    if not alt_text:
        raise ValueError("a chart needs alt text saying what it shows")
    if isinstance(chart, Chart):
        localize_axes(fig, chart.lang)  # any chart made elsewhere gets the reader's decimal mark too
    buf = io.BytesIO()
    # No date in the file: the same chart gives the same bytes in every run.
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kh330"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    parts = [f"<p>{esc(caption)}</p>"] if caption else []
    if isinstance(chart, Chart):
        parts += _chart_caption(chart)
    cap = f"<figcaption>{''.join(parts)}</figcaption>" if parts else ""
    return (f'<figure class="kh330-chart"><img src="data:image/svg+xml;base64,{data}" alt="{esc(alt_text)}">'
            f"{cap}</figure>")


def _chart_caption(chart: Chart) -> list[str]:
    """The note, the source line with the status of the data, and the CSV link of a Chart."""
    lang = chart.lang
    out = [f'<p class="kh330-note">{esc(chart.note)}</p>'] if chart.note else []
    bits = []
    if chart.sources:
        bits.append(f"{t('chart_source', lang)}: {'; '.join(chart.sources)}.")
    if chart.statuses:
        names = [t("chart_projection", lang) if s == "projection" else status_name(s, lang) for s in chart.statuses]
        bits.append(f"{t('chart_status', lang)}: {', '.join(names)}.")
    if bits:
        out.append(f'<p class="kh330-source">{esc(" ".join(bits))}</p>')
    if chart.data is not None and len(chart.data):
        # UTF-8 with a byte-order mark so Excel reads Vietnamese names; '.' decimals and full precision for machines.
        # Text starting with =, +, -, @, tab or CR gets a leading quote: a spreadsheet never runs it.
        data = chart.data.rename(columns=lambda c: safe_cell(str(c)))
        data = data.apply(lambda col: col.map(safe_cell) if is_object_dtype(col) or is_string_dtype(col) else col)
        text = "\ufeff" + data.to_csv(index=False, lineterminator="\r\n")
        uri = "data:text/csv;charset=utf-8;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")
        out.append(f'<p><a class="kh330-csv" href="{uri}" download="{esc(chart.name)}.csv">'
                   f"{esc(t('chart_csv', lang))}</a></p>")
    return out


def figure_html(chart: Chart | object, alt: str | None = None, caption: str = "", lang: str = "vi") -> HTML:
    """A Chart (or a bare matplotlib Figure plus `alt`) as an inline SVG with its alt text, sources and CSV."""
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


def badge(verdict: Verdict, lang: str = "vi") -> Raw:
    """A verdict as colour, shape and words together (never colour alone)."""
    style = VERDICT_STYLES[verdict]
    return Raw(f'<span class="badge {style.css}"><span aria-hidden="true">{style.icon}</span> '
               f'{esc(verdict_name(verdict, lang))}</span>')


# Statuses of the growth ratio that are no target's verdict any more (the verdict follows the chance): they stay
# in the JSON as the pace's explanation, never on a page as a verdict.
NOT_VERDICTS = (Verdict.LIMITED_PROGRESS, Verdict.DETERIORATION)


def verdict_legend(lang: str = "vi") -> str:
    """Every verdict's shape and word, for the scorecard's legend (verdicts with one shape share its entry)."""
    by_icon: dict[str, list[str]] = {}
    for v, style in VERDICT_STYLES.items():
        if v not in NOT_VERDICTS:
            by_icon.setdefault(style.icon, []).append(verdict_name(v, lang))
    return "; ".join(f"{icon} {' / '.join(names)}" for icon, names in by_icon.items())

"""What the briefs show: headings, tables and plain sentences (HTML) built from the data and the engine.

Every number on the page is computed here from a Dataset or an Assessment and formatted by
`fmt` for the reader's language; nothing is typed in.
"""

from __future__ import annotations

import base64
import html
import io
import math
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd
from IPython.display import HTML

from . import charts, fmt, paths
from .catalog import Indicator, Registry, Target
from .charts import DPI, Chart, Fan, Line, Panel, TargetMark
from .engine import Assessment, Methods, assess_all, load_methods
from .i18n import BREAKDOWN_LABELS, STATUS_LABELS, t
from .observations import WEAK_STATUSES, Dataset, annual_series
from .scenarios import ASSUMPTION_SOURCE, Adjustment, Scenario, load_scenario
from .status import goal_text, proxies_for, target_status

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


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _wrap(body: str, lang: str) -> HTML:
    return HTML(f'<div class="kh330" lang="{_e(lang)}">{body}</div>')


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
    meta = "" if run_id else f'<p class="meta">{" · ".join(_e(p) for p in parts)}</p>'
    return _wrap(f"<style>{CSS}</style><h1>{_e(brief_title(notebook, lang))}</h1>{meta}", lang)


def heading(key: str, lang: str = "vi", level: int = 2) -> HTML:
    """A localised section heading."""
    return _wrap(f"<h{level}>{_e(t(key, lang))}</h{level}>", lang)


def paragraph(text: str, lang: str = "vi", cls: str = "") -> HTML:
    """One paragraph of already-localised text."""
    attr = f' class="{_e(cls)}"' if cls else ""
    return _wrap(f"<p{attr}>{_e(text)}</p>", lang)


def bullets(sentences: Iterable[str], lang: str = "vi") -> HTML:
    """Sentences as a bulleted list."""
    items = "".join(f"<li>{_e(s)}</li>" for s in sentences)
    return _wrap(f"<ul>{items}</ul>", lang)


def _figure_markup(chart: Chart | object, alt: str | None = None, caption: str = "") -> str:
    fig = chart.figure if isinstance(chart, Chart) else chart
    alt_text = alt if alt is not None else (chart.alt if isinstance(chart, Chart) else "")
    if not alt_text:
        raise ValueError("a chart needs alt text saying what it shows")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    cap = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="data:image/png;base64,{data}" alt="{_e(alt_text)}">{cap}</figure>'


def figure_html(chart: Chart | object, alt: str | None = None, caption: str = "", lang: str = "vi") -> HTML:
    """A Chart (or a bare matplotlib Figure plus `alt`) as an inline PNG with its alt text."""
    return _wrap(_figure_markup(chart, alt, caption), lang)


def table_html(headers: Sequence[str], rows: Iterable[Sequence[object]], cls: str = "",
               numeric: Sequence[int] = ()) -> str:
    """An HTML table; cells that are `Raw` are inserted as markup, anything else is escaped."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            klass = ' class="num"' if i in numeric else ""
            content = cell.markup if isinstance(cell, Raw) else _e(cell)
            cells.append(f"<td{klass}>{content}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="kh330-t {_e(cls)}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


@dataclass(frozen=True)
class Raw:
    """Markup built here (already escaped) to place in a table cell."""

    markup: str


# ---------------------------------------------------------------- data audit

def _status_counts(statuses: Iterable[str], lang: str) -> str:
    counts = pd.Series(list(statuses)).value_counts()
    return ", ".join(f"{n} {STATUS_LABELS[lang].get(s, s)}" for s, n in counts.items())


def _years(years: Sequence[int]) -> str:
    ys = sorted(set(int(y) for y in years))
    if not ys:
        return "–"
    return str(ys[0]) if len(ys) == 1 else f"{ys[0]}–{ys[-1]}"


def join_words(items: Sequence[str], lang: str = "vi") -> str:
    """`a, b và c` / `a, b and c`."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t("list_and", lang) + items[-1]


def reporters_text(indicator: Indicator, dataset: Dataset, lang: str = "vi", short: bool = False) -> str:
    """Who reports an indicator under Plan 330 section V: `Sở Giáo dục và Đào tạo (mục V.1) và …`."""
    units = [dataset.registry.units[u] for u in indicator.reporters if u in dataset.registry.units]
    if not units:
        return t("reporter_unknown", lang)
    where = "" if short else f"{t('section', lang)} "
    return join_words([f"{u.label(lang)} ({where}{u.clause})" for u in units], lang)


def series_label(dataset: Dataset, indicator_id: str, geo: str, lang: str = "vi") -> str:
    """An indicator's label naming its area, unless it is Huế or the label already says which area."""
    label = dataset.registry.indicators[indicator_id].label(lang)
    geo_label = dataset.registry.geos[geo].label(lang)
    if geo == "VN-HUE" or geo_label.lower() in label.lower() or (
            geo == "VN" and t("national_marker", lang) in label.lower()):
        return label
    return f"{label} ({geo_label})"


def coverage_frame(dataset: Dataset, lang: str = "vi") -> pd.DataFrame:
    """One row per indicator series (indicator × geo × breakdown) and per indicator without data."""
    obs = dataset.observations
    reg = dataset.registry
    rows = []
    for ind in reg.indicators.values():
        sel = obs[obs["indicator"] == ind.id]
        if sel.empty:
            rows.append({"indicator": ind.id, "label": ind.label(lang), "geo": "", "breakdown": "",
                         "points": 0, "years": "–", "statuses": t("no_data", lang), "sources": "",
                         "breaks": _breaks_text(ind), "reporters": reporters_text(ind, dataset, lang)})
            continue
        for (geo, breakdown), grp in sel.groupby(["geo", "breakdown"], sort=False):
            series = annual_series(obs, ind.id, str(geo), str(breakdown))
            rows.append({"indicator": ind.id, "label": ind.label(lang), "geo": reg.geos[str(geo)].label(lang),
                         "breakdown": BREAKDOWN_LABELS[lang].get(str(breakdown), str(breakdown)),
                         "points": len(series), "years": _years(series["year"]),
                         "statuses": _status_counts(series["status"], lang),
                         "sources": ", ".join(dict.fromkeys(grp["source"])),
                         "breaks": _breaks_text(ind), "reporters": reporters_text(ind, dataset, lang)})
    return pd.DataFrame(rows)


def _breaks_text(ind: Indicator) -> str:
    return "; ".join(f"{b.period}: {b.note}" for b in ind.breaks)


def coverage_table(dataset: Dataset, lang: str = "vi") -> HTML:
    """The coverage of every indicator: points, years, statuses, sources and series breaks."""
    frame = coverage_frame(dataset, lang)
    headers = [t(k, lang) for k in ("indicator", "geo", "breakdown", "points", "years", "data_status",
                                    "source_col", "breaks")]
    rows = [[r.label, r.geo, r.breakdown, r.points, r.years, r.statuses, r.sources, r.breaks]
            for r in frame.itertuples()]
    return _wrap(table_html(headers, rows, "coverage", numeric=(3,)), lang)


def audit_summary(dataset: Dataset, lang: str = "vi") -> list[str]:
    """Plain sentences: how much data there is, and how many targets Huế can measure."""
    reg = dataset.registry
    obs = dataset.observations
    measurable = [tg for tg in reg.targets if tg.kind != "qualitative"]
    levels = [s for tg in measurable for s in target_status(dataset, tg)]
    with_data = [s for s in levels if s.has_data]
    weak = obs[obs["status"].isin(WEAK_STATUSES)]
    out = [
        t("audit_counts", lang).format(obs=len(obs), ind=obs["indicator"].nunique(), n_ind=len(reg.indicators),
                                       src=obs["source"].nunique(), first=int(obs["year"].min()) if len(obs) else "–",
                                       last=int(obs["year"].max()) if len(obs) else "–"),
        t("audit_targets", lang).format(n=len(reg.targets), measurable=len(measurable),
                                        levels=len(levels), with_data=len(with_data),
                                        qual=len(reg.targets) - len(measurable)),
    ]
    if len(weak):
        out.append(t("audit_weak", lang).format(n=len(weak)))
    return out


def clause_text(clause: str, lang: str = "vi") -> str:
    """`II.2 bullet 3` as readers say it: `mục II.2, ý 3` / `II.2, bullet 3`."""
    section, _, bullet = clause.partition(" bullet ")
    return t("clause_fmt", lang).format(section=section, bullet=bullet) if bullet else clause


def unit_text(unit: str | None, lang: str = "vi") -> str:
    """A unit in the reader's language: `% GRDP`, `người`, `% of GRDP`, `persons`."""
    if not unit:
        return ""
    if unit.startswith("%") and unit != "%":
        rest = unit[1:].strip()
        return f"% {fmt.translate_unit(rest, lang)}" if lang == "vi" else unit
    return fmt.translate_unit(unit, lang)


def target_name(target: Target, breakdown: str = "", lang: str = "vi") -> str:
    """A target's label with its training level, if any: `Học sinh … STEM — đại học`."""
    bd = BREAKDOWN_LABELS[lang].get(breakdown, breakdown)
    return target.label(lang) + (f" — {bd}" if bd else "")


@dataclass(frozen=True)
class Missing:
    """An indicator Huế lacks: the targets that need it, what to report, who reports, any proxy."""

    indicator: Indicator
    targets: tuple[Target, ...]
    breakdowns: tuple[str, ...]
    needed: str
    who: str
    proxies: tuple[str, ...]


def missing_indicators(dataset: Dataset, lang: str = "vi") -> list[Missing]:
    """One entry per target indicator with no Huế data at some level, in the plan's order."""
    reg = dataset.registry
    grouped: dict[str, dict] = {}
    for tg in reg.targets:
        if tg.kind == "qualitative" or tg.indicator is None:
            continue
        for st in target_status(dataset, tg):
            if st.has_data:
                continue
            g = grouped.setdefault(tg.indicator, {"targets": [], "breakdowns": [], "proxies": []})
            if tg not in g["targets"]:
                g["targets"].append(tg)
            if st.breakdown and st.breakdown not in g["breakdowns"]:
                g["breakdowns"].append(st.breakdown)
            for p in st.proxies:
                text = (f"{series_label(dataset, p.indicator, p.geo, lang)}: {p.n_points} {t('points_word', lang)}"
                        + (f", {t('latest_word', lang)} {p.latest.year}" if p.latest else ""))
                if text not in g["proxies"]:
                    g["proxies"].append(text)
    out = []
    for iid, g in grouped.items():
        ind = reg.indicators[iid]
        needed = t("needed_series", lang).format(label=ind.label(lang), unit=unit_text(ind.unit, lang))
        if g["breakdowns"]:
            levels = join_words([BREAKDOWN_LABELS[lang].get(b, b) for b in g["breakdowns"]], lang)
            needed += "; " + t("by_level", lang).format(levels=levels)
        out.append(Missing(ind, tuple(g["targets"]), tuple(g["breakdowns"]), needed,
                           reporters_text(ind, dataset, lang), tuple(g["proxies"])))
    return out


def missing_table(dataset: Dataset, lang: str = "vi") -> HTML:
    """What is missing for Huế and who reports it (Plan 330 section V), one row per indicator."""
    rows = []
    for m in missing_indicators(dataset, lang):
        goals = Raw("<br>".join(_e(f"{goal_text(tg, lang)} ({clause_text(tg.clause, lang)})") for tg in m.targets))
        rows.append([m.targets[0].label(lang), goals, m.needed, m.who, "; ".join(m.proxies) or t("no_proxy", lang)])
    headers = [t(k, lang) for k in ("target", "goal", "needed", "who_reports", "proxy_available")]
    return _wrap(table_html(headers, rows, "missing"), lang)


def qualitative_rows(dataset: Dataset, lang: str = "vi") -> list[list[str]]:
    """Targets without a number: label, clause, deadline."""
    return [[tg.label(lang), clause_text(tg.clause, lang), str(tg.deadline)] for tg in dataset.registry.targets
            if tg.kind == "qualitative"]


def qualitative_table(dataset: Dataset, lang: str = "vi") -> HTML:
    """Targets the plan states without a number: assessed in the departments' reports."""
    headers = [t("target", lang), t("clause", lang), t("deadline", lang)]
    return _wrap(table_html(headers, qualitative_rows(dataset, lang), "qualitative"), lang)


def no_data_sentence(target: Target, dataset: Dataset, breakdown: str = "", lang: str = "vi") -> str:
    """`Huế chưa có số liệu về …; cần báo cáo định kỳ của …` for a target without Huế data."""
    ind = dataset.registry.indicators[target.indicator] if target.indicator else None
    if ind is None:
        return t("qualitative_sentence", lang).format(label=target.label(lang))
    bd = BREAKDOWN_LABELS[lang].get(breakdown, breakdown)
    label = ind.label(lang) + (f" ({bd})" if bd else "")
    sentence = t("no_data_sentence", lang).format(label=_lower_first(label, lang), goal=goal_text(target, lang))
    sentence += " " + t("needs", lang).format(who=reporters_text(ind, dataset, lang))
    proxies = proxies_for(dataset, ind.id, breakdown)
    if proxies:
        p = proxies[0]
        sentence += " " + t("proxy_sentence", lang).format(
            label=series_label(dataset, p.indicator, p.geo, lang),
            value=fmt.with_unit(p.latest.value, p.unit, lang, 2) if p.latest else "–",
            year=p.latest.year if p.latest else "–")
    return sentence


def _lower_first(text: str, lang: str) -> str:
    """Lower-case the first letter inside a sentence (Vietnamese and English labels start capitalised)."""
    words = text.split()
    if not words:
        return text
    letters = [c for c in words[0] if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):  # acronyms such as "R&D", "GRDP"
        return text
    # Proper names such as "Trung tâm Giám sát…" keep their capitals: a capitalised
    # word (not an acronym) among the next two marks one.
    for word in words[1:3]:
        if word[:1].isupper() and not word.isupper():
            return text
    return text[0].lower() + text[1:]


def coverage_chart(dataset: Dataset, lang: str = "vi") -> Chart:
    """Dot chart of the years each series covers, with an alt text that states the counts it shows."""
    obs = dataset.observations
    rows = []
    for ind in dataset.registry.indicators.values():
        sel = obs[obs["indicator"] == ind.id]
        for (geo, breakdown), _grp in sel.groupby(["geo", "breakdown"], sort=False):
            series = annual_series(obs, ind.id, str(geo), str(breakdown))
            bd = BREAKDOWN_LABELS[lang].get(str(breakdown), str(breakdown))
            label = series_label(dataset, ind.id, str(geo), lang) + (f" — {bd}" if bd else "")
            rows.append((label, [int(y) for y in series["year"]], [str(s) for s in series["status"]]))
    n_hue = sum(1 for ind in dataset.registry.indicators.values()
                if ((obs["indicator"] == ind.id) & (obs["geo"] == "VN-HUE")).any())
    alt = t("alt_coverage", lang).format(
        n=len(rows), first=int(obs["year"].min()) if len(obs) else "–",
        last=int(obs["year"].max()) if len(obs) else "–", hue=n_hue,
        points=sum(len(r[1]) for r in rows))
    return charts.coverage_chart(rows, t("h_coverage_chart", lang), lang, alt)


# ---------------------------------------------------------------- numbers as readers see them

def num(value: float | None, lang: str = "vi", integer: bool = False, fixed: bool = False) -> str:
    """A number for readers: observed values as reported (up to 2 decimals: 72,5 / 70,25 / 0,42);

    `fixed` for model outputs, with decimals by size and trailing zeros kept (81,9 / 42,0 / 0,45 / 154.220).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if not fixed:
        return fmt.number(value, lang, 0 if integer else 2)
    size = abs(value)
    digits = 0 if integer or size >= 100 else 1 if size >= 10 else 2
    return fmt.fixed(value, lang, digits)


def value_text(value: float | None, unit: str | None, lang: str = "vi", integer: bool = False,
               fixed: bool = False) -> str:
    """A value with its unit: `72,5 %`, `0,42 % GRDP`, `60 người` (vi); `72.5%`, `0.42% of GRDP` (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    u = unit_text(unit, lang)
    if u.startswith("%"):
        return num(value, lang, integer, fixed) + ("" if lang == "en" else " ") + u
    return f"{num(value, lang, integer, fixed)} {u}".strip()


def probability_text(p: float | None, lang: str = "vi") -> str:
    """P(target met) in whole percent; `> 99 %`/`< 1 %` where rounding would claim certainty."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "–"
    pct = 100.0 * p
    if 0.0 < pct < 0.5:
        return "< " + fmt.percent(1, lang, 0)
    if 99.5 <= pct < 100.0:
        return "> " + fmt.percent(99, lang, 0)
    return fmt.percent(pct, lang, 0)


def change_unit(unit: str | None, lang: str = "vi", short: bool = False) -> str:
    """The unit of a yearly change: percentage points for shares, the count's unit otherwise."""
    if unit and unit.startswith("%"):
        return t("pp_short" if short else "pp", lang)
    return unit_text(unit, lang)


def change_text(value: float | None, unit: str | None, lang: str = "vi", short: bool = True,
                integer: bool = False) -> str:
    """A yearly change: `1,25 điểm %/năm` (table) or `1,25 điểm phần trăm mỗi năm` (sentence)."""
    if value is None:
        return "–"
    per = t("per_year_short" if short else "per_year", lang)
    return f"{num(value, lang, integer and float(value).is_integer())} {change_unit(unit, lang, short)}{per}"


# ---------------------------------------------------------------- verdicts

@dataclass(frozen=True)
class Verdict:
    """The status shown for a target: a key (words in i18n), a colour class and a shape."""

    key: str
    css: str
    icon: str


# Status keys of the engine (attainment.py) → colour class and shape; the words live in i18n.
VERDICTS = {
    "target_achieved": Verdict("target_achieved", "v-good", "✔"),
    "achieved": Verdict("achieved", "v-good", "✔"),
    "on_track": Verdict("on_track", "v-good", "▲"),
    "needs_acceleration": Verdict("needs_acceleration", "v-warn", "◆"),
    "limited_progress": Verdict("limited_progress", "v-bad", "▼"),
    "deterioration": Verdict("deterioration", "v-bad", "✖"),
    "overdue": Verdict("overdue", "v-bad", "✖"),
    "not_yet": Verdict("not_yet", "v-warn", "◇"),
    "insufficient_data": Verdict("insufficient_data", "v-none", "?"),
    "no_data": Verdict("no_data", "v-none", "?"),
    "qualitative": Verdict("qualitative", "v-none", "○"),
}


def verdict(a: Assessment) -> Verdict:
    """The one status the scorecard shows for an Assessment."""
    if a.kind == "qualitative":
        return VERDICTS["qualitative"]
    if not a.has_data:
        return VERDICTS["no_data"]
    if a.kind == "cumulative" and a.cumulative is not None:
        key = a.cumulative.status
    elif a.kind == "milestone" and a.milestone is not None:
        key = a.milestone.status or "insufficient_data"
    else:
        key = (a.progress.status if a.progress is not None else None) or "insufficient_data"
    return VERDICTS.get(key, VERDICTS["insufficient_data"])


def verdict_text(a: Assessment, lang: str = "vi") -> str:
    return t(f"verdict_{verdict(a).key}", lang)


def badge(a: Assessment, lang: str = "vi") -> Raw:
    """Status as colour, shape and words together (never colour alone)."""
    v = verdict(a)
    return Raw(f'<span class="badge {v.css}"><span aria-hidden="true">{v.icon}</span> '
               f'{_e(verdict_text(a, lang))}</span>')


# ---------------------------------------------------------------- one assessment in words

def _indicator(a: Assessment, dataset: Dataset) -> Indicator | None:
    return dataset.registry.indicators.get(a.target.indicator) if a.target.indicator else None


def _integer(a: Assessment, dataset: Dataset) -> bool:
    ind = _indicator(a, dataset)
    return bool(ind and ind.integer)


def latest_status(a: Assessment) -> str:
    return str(a.series["status"].iloc[-1]) if a.has_data else ""


def latest_text(a: Assessment, dataset: Dataset, lang: str = "vi") -> str:
    """`72,5 % (2024, ước tính)` or, for cumulative targets, the total so far."""
    if not a.has_data:
        return t("no_data", lang)
    if a.kind == "cumulative" and a.cumulative is not None and a.cumulative.total is not None:
        c = a.cumulative
        return (f"{value_text(c.total, a.target.unit, lang, True)} "
                f"({t('total_since', lang).format(start=c.start, year=max(c.years_reported))})")
    status = STATUS_LABELS[lang].get(latest_status(a), latest_status(a))
    return f"{value_text(a.latest_value, a.target.unit, lang, _integer(a, dataset))} ({a.latest_year}, {status})"


def projection_at(a: Assessment) -> dict | None:
    """Median and intervals in the deadline year, or None."""
    return a.projection.at(a.target.deadline) if a.projection is not None else None


def projection_text(a: Assessment, dataset: Dataset, lang: str = "vi") -> str:
    """`81,9 % (79,7–83,9)`: median in the deadline year and its 80 % interval."""
    if a.kind == "cumulative" and a.cumulative is not None and a.cumulative.projected_total is not None:
        return value_text(a.cumulative.projected_total, a.target.unit, lang, True, fixed=True)
    q = projection_at(a)
    if q is None:
        return "–"
    integer = _integer(a, dataset)
    return (f"{value_text(q['median'], a.target.unit, lang, integer, fixed=True)} "
            f"({num(q['lo80'], lang, integer, True)}–{num(q['hi80'], lang, integer, True)})")


def p_meet(a: Assessment) -> float | None:
    return a.probability.p_meet if a.probability is not None else None


def pace_values(a: Assessment) -> tuple[float | None, float | None, float | None]:
    """(required, observed, required ÷ observed) per year, for level and cumulative targets."""
    if a.kind == "cumulative" and a.cumulative is not None:
        c = a.cumulative
        return c.pace_needed, c.pace_so_far, c.acceleration_factor
    if a.pace is None:
        return None, None, None
    return a.pace.required_annual_change, a.pace.observed_annual_change, a.pace.acceleration_factor


def evidence_text(a: Assessment, lang: str = "vi") -> str:
    return t(f"evidence_{a.evidence.level}", lang)


def needs_text(a: Assessment, dataset: Dataset, lang: str = "vi") -> str:
    """`Cần: báo cáo định kỳ của …` for a target without Huế data."""
    ind = _indicator(a, dataset)
    return t("needs_short", lang).format(who=reporters_text(ind, dataset, lang, short=True)) if ind else ""


# ---------------------------------------------------------------- the scorecard

NUM_CLASS = ' class="num"'
SECTION_KEYS = {"II.2": "section_2030", "II.3": "section_2035", "II.4": "section_2045"}


def scorecard_rows(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> list[dict]:
    """One dict of display strings per target × level, in the plan's order (also used by tests)."""
    rows = []
    for a in assessments:
        req, obs, factor = pace_values(a)
        unit = a.target.unit
        integer = _integer(a, dataset)
        latest = latest_text(a, dataset, lang)
        if a.kind == "qualitative":
            latest = t("qualitative_cell", lang)
        elif not a.has_data:
            latest = f"{t('no_data', lang).capitalize()} — {needs_text(a, dataset, lang)}"
        rows.append({
            "section": a.target.clause.split()[0],
            "target": target_name(a.target, a.breakdown, lang),
            "clause": clause_text(a.target.clause, lang),
            "goal": goal_text(a.target, lang),
            "latest": latest,
            "assessed": a.kind != "qualitative" and a.has_data,
            "weak": latest_status(a) in WEAK_STATUSES or a.has_assumptions,
            "projection": projection_text(a, dataset, lang),
            "p_meet": probability_text(p_meet(a), lang),
            "required": change_text(req, unit, lang, integer=integer),
            "observed": change_text(obs, unit, lang, integer=integer),
            "verdict": verdict_text(a, lang),
            "badge": badge(a, lang),
            "evidence": evidence_text(a, lang) if a.kind != "qualitative" else "–",
        })
    return rows


def scorecard_table(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> HTML:
    """Every target of the plan in one table, grouped by period (sections II.2, II.3, II.4)."""
    headers = [t(k, lang) for k in ("target", "goal", "latest", "sc_projection", "sc_p_meet", "sc_required",
                                    "sc_observed", "sc_verdict", "sc_evidence")]
    body = []
    section = None
    for r in scorecard_rows(assessments, dataset, lang):
        if r["section"] != section:
            section = r["section"]
            key = SECTION_KEYS.get(section)
            body.append(f'<tr class="section"><th colspan="{len(headers)}" scope="colgroup">'
                        f'{_e(t(key, lang) if key else section)}</th></tr>')
        target_cell = f'<td class="target">{_e(r["target"])}<br><span class="note">{_e(r["clause"])}</span></td>'
        if r["assessed"]:
            latest = f'<span class="weak">{_e(r["latest"])}</span>' if r["weak"] else _e(r["latest"])
            middle = (f"<td>{latest}</td>" + "".join(f"<td{NUM_CLASS}>{_e(r[k])}</td>"
                                                     for k in ("projection", "p_meet"))
                      + "".join(f'<td class="pace">{_e(r[k])}</td>' for k in ("required", "observed")))
        else:
            # No Huế data (or a qualitative target): one plain sentence instead of five empty cells.
            middle = f'<td colspan="5" class="gap">{_e(r["latest"])}</td>'
        body.append(f"<tr>{target_cell}<td class=\"goal\">{_e(r['goal'])}</td>{middle}<td>{r['badge'].markup}</td>"
                    f"<td>{_e(r['evidence'])}</td></tr>")
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    legend = f'<p class="note">{_e(t("sc_legend", lang))}</p>'
    return _wrap(f'<table class="kh330-t scorecard"><thead><tr>{head}</tr></thead>'
                 f'<tbody>{"".join(body)}</tbody></table>{legend}', lang)


# ---------------------------------------------------------------- sentences

def measured(a: Assessment) -> bool:
    """Whether Huế has at least one measured value (assumed values are not data)."""
    return a.has_data and bool((~a.series["status"].isin(WEAK_STATUSES)).any())


def _subject(a: Assessment, lang: str) -> str:
    return target_name(a.target, a.breakdown, lang).replace(" — ", " (", 1) + (")" if a.breakdown else "")


def _goal_phrase(a: Assessment, dataset: Dataset, lang: str) -> str:
    """`vượt 80 %` / `exceed 80%`."""
    verb = t(f"verb_{a.target.comparator or '>='}", lang)
    return f"{verb} {value_text(a.target.value, a.target.unit, lang, _integer(a, dataset))}"


def _pace_clause(a: Assessment, dataset: Dataset, lang: str) -> str:
    """`để vượt 80 % vào năm 2030 cần tăng trung bình 1,25 điểm phần trăm mỗi năm, thấp hơn …`."""
    req, obs, factor = pace_values(a)
    if req is None:
        return ""
    unit, integer = a.target.unit, _integer(a, dataset)
    cum = "cum_" if a.kind == "cumulative" else ""
    direction = t("rise" if req >= 0 else "fall", lang)
    out = t(f"{cum}pace_needed", lang).format(goal=_goal_phrase(a, dataset, lang), deadline=a.target.deadline,
                                              direction=direction,
                                              req=change_text(abs(req), unit, lang, short=False, integer=integer))
    if obs is None:
        return out
    span = f"{a.base.year}–{a.latest_year}" if a.base is not None and a.base.year is not None else ""
    obs_text = change_text(obs, unit, lang, short=False, integer=integer)
    if factor is None:
        return out + t(f"{cum}pace_wrong_way", lang).format(span=span, obs=obs_text)
    key = "pace_faster" if factor > 1 else "pace_slower" if factor < 1 else "pace_same"
    return out + t(f"{cum}{key}", lang).format(factor=num(factor, lang), span=span, obs=obs_text)


def target_sentences(a: Assessment, dataset: Dataset, lang: str = "vi") -> list[str]:
    """Plain sentences about one target: where it stands, the pace it needs, where the trend leads."""
    if a.kind == "qualitative":
        return [t("qualitative_sentence", lang).format(label=a.target.label(lang))]
    if not measured(a) and not a.has_assumptions:
        return [no_data_sentence(a.target, dataset, a.breakdown, lang)]
    subject = _subject(a, lang)
    integer = _integer(a, dataset)
    status = STATUS_LABELS[lang].get(latest_status(a), latest_status(a))
    out: list[str] = []
    if a.kind == "milestone":
        ms = a.milestone
        key = f"milestone_{ms.status}" if ms is not None and ms.status else "milestone_not_yet"
        out.append(t(key, lang).format(subject=subject, year=a.latest_year, deadline=a.target.deadline,
                                       achieved=ms.year_achieved if ms else ""))
        return out
    if a.kind == "cumulative" and a.cumulative is not None and a.cumulative.total is not None:
        c = a.cumulative
        latest = max(c.years_reported)
        key = "cumulative_one_year" if c.start == latest else "cumulative_now"
        first = t(key, lang).format(subject=subject, total=value_text(c.total, a.target.unit, lang, True),
                                    start=c.start, year=latest)
        pace_clause = _pace_clause(a, dataset, lang)
        out.append(first + (f"; {pace_clause}." if pace_clause and c.status != "achieved" else "."))
        if c.missing_years:
            out.append(t("cumulative_missing", lang).format(years=join_words([str(y) for y in c.missing_years],
                                                                              lang)))
        return out
    first = t("level_now", lang).format(subject=subject, year=a.latest_year,
                                        value=value_text(a.latest_value, a.target.unit, lang, integer), status=status)
    if a.progress is not None and a.progress.status == "target_achieved":
        out.append(first + "; " + t("already_met", lang).format(goal=goal_text(a.target, lang)) + ".")
    else:
        pace_clause = _pace_clause(a, dataset, lang)
        out.append(first + (f"; {pace_clause}." if pace_clause else "."))
    q = projection_at(a)
    if q is not None:
        lead = (t("if_scenario", lang).format(label=a.scenario.label(lang)) if a.projection.adjustments
                else t("if_trend", lang))
        out.append(t("projection_sentence", lang).format(
            lead=lead, deadline=a.target.deadline,
            median=value_text(q["median"], a.target.unit, lang, integer, fixed=True),
            lo=num(q["lo80"], lang, integer, True), hi=num(q["hi80"], lang, integer, True),
            p=probability_text(p_meet(a), lang)))
    elif a.n_points:
        out.append(t("too_few_points" if a.n_points > 1 else "one_point", lang).format(n=a.n_points))
    out += assumption_sentences(a, lang)
    return out


def assumption_sentences(a: Assessment, lang: str = "vi") -> list[str]:
    """Which values are assumptions, and whose: the scenario's or the data file's."""
    scenario_source = ASSUMPTION_SOURCE.format(name=a.scenario.name)
    rows = a.series[a.series["status"] == "assumption"]
    out = []
    for from_scenario in (True, False):
        sel = rows[(rows["source"] == scenario_source) == from_scenario]
        if len(sel):
            years = join_words([str(int(y)) for y in sel["year"]], lang)
            key = "assumption_scenario" if from_scenario else "assumption_data"
            out.append(t(key, lang).format(years=years, label=a.scenario.label(lang)))
    return out


def key_messages(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> list[str]:
    """The brief's key messages: one or two sentences per target with data, then what is missing."""
    out = []
    for a in assessments:
        if a.kind != "qualitative" and (measured(a) or a.has_assumptions):
            out.append(" ".join(target_sentences(a, dataset, lang)))
    measurable = [a for a in assessments if a.kind != "qualitative"]
    without = [a for a in measurable if not measured(a)]
    if without:
        units: list[str] = []
        for a in without:
            ind = _indicator(a, dataset)
            for u in (ind.reporters if ind else ()):
                if u in dataset.registry.units and u not in units:
                    units.append(u)
        who = join_words([f"{dataset.registry.units[u].label(lang)} ({t('section', lang)} "
                          f"{dataset.registry.units[u].clause})" for u in units], lang)
        out.append(t("gaps_sentence", lang).format(with_data=len(measurable) - len(without), n=len(measurable),
                                                   without=len(without), who=who))
    n_qual = len({a.target.id for a in assessments if a.kind == "qualitative"})
    if n_qual:
        out.append(t("qualitative_count", lang).format(n=n_qual))
    return out


# ---------------------------------------------------------------- charts of assessments

def _fan(projection, last_year: int) -> Fan | None:
    frame = projection.to_frame()
    frame = frame[frame["year"] <= last_year]
    if frame.empty:
        return None
    return Fan(*(tuple(int(y) for y in frame["year"]),),
               *(tuple(float(v) for v in frame[c]) for c in ("median", "lo80", "hi80", "lo95", "hi95")))


def _national(a: Assessment, dataset: Dataset) -> pd.DataFrame:
    """The same indicator for Viet Nam, when it exists (comparison only)."""
    if a.target.indicator is None or a.geo == "VN":
        return pd.DataFrame(columns=["year", "value", "status"])
    return annual_series(dataset.observations, a.target.indicator, "VN", a.breakdown)


def _mark(a: Assessment, dataset: Dataset, lang: str) -> TargetMark:
    cmp = {">": ">", ">=": "≥", "<": "<", "<=": "≤"}[a.target.comparator or ">="]
    value = float(a.target.value)
    if a.kind == "milestone":
        return TargetMark(value, a.target.deadline, f"{t('milestone_done', lang)} {a.target.deadline}")
    return TargetMark(value, a.target.deadline,
                      f"{cmp} {value_text(value, a.target.unit, lang, _integer(a, dataset))} ({a.target.deadline})")


def _merged_marks(group: Sequence[Assessment], dataset: Dataset, lang: str) -> tuple[TargetMark, ...]:
    """One star per target; targets with the same value share one label naming all their years."""
    marks = [_mark(g, dataset, lang) for g in group]
    out = []
    for i, (g, mk) in enumerate(zip(group, marks)):
        same = [h for h in group if h.target.value == g.target.value and h.kind == g.kind]
        if len(same) > 1 and g is not same[-1]:
            out.append(TargetMark(mk.value, mk.year, ""))
        elif len(same) > 1:
            years = ", ".join(str(h.target.deadline) for h in same)
            out.append(TargetMark(mk.value, mk.year, mk.text.rsplit(" (", 1)[0] + f" ({years})"))
        else:
            out.append(mk)
    return tuple(out)


def _summary_of_series(series: pd.DataFrame, unit: str | None, lang: str, integer: bool) -> dict:
    last = series.iloc[-1]
    first = int(series["year"].iloc[0])
    span = (t("span_one", lang).format(year=first) if len(series) == 1
            else t("span_many", lang).format(first=first, last=int(last["year"])))
    return {"n": len(series), "first": first, "last": int(last["year"]), "span": span,
            "latest": value_text(float(last["value"]), unit, lang, integer),
            "status": STATUS_LABELS[lang].get(str(last["status"]), str(last["status"]))}


def assessment_chart(group: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> Chart | None:
    """History by status, 80 %/95 % fan to the last deadline, target marks, required path, Viet Nam.

    `group` holds the assessments of one indicator and level (e.g. the 2030, 2035 and 2045 R&D targets).
    Without Huế data the chart shows the proxy series, labelled as such on the chart; without either, None.
    """
    a = group[0]
    if a.kind in ("qualitative", "milestone"):
        return None
    ind = _indicator(a, dataset)
    integer = bool(ind and ind.integer)
    unit = a.target.unit or ""
    has = measured(a) or a.has_assumptions
    title = _subject(a, lang) if has or ind is None else ind.label(lang)
    firsts = list({g.target.id: g for g in group}.values())  # one mark per target, not per level
    goals = join_words([_mark(g, dataset, lang).text for g in firsts], lang)
    marks = _merged_marks(firsts, dataset, lang)
    if a.kind == "cumulative":
        return _cumulative_chart(a, dataset, lang, title, marks)
    if a.has_data:
        history = Line.from_frame(a.series, t("hue", lang))
        last = max(g.target.deadline for g in group)
        fan = _fan(a.projection, last) if a.projection is not None else None
        first_open = next((g for g in group if g.required is not None and len(g.required) > 1), None)
        required = (Line.from_frame(first_open.required, t("required_path", lang)) if first_open is not None
                    else None)
        nat = _national(a, dataset)
        national = Line.from_frame(nat, t("national_series", lang)) if len(nat) else None
        fig = charts.panel_figure(Panel(title, unit, history=history, fan=fan, targets=marks,
                                        required=required, national=national, integer=integer,
                                        ylabel=unit_text(unit, lang)), lang)
        s = _summary_of_series(a.series, unit, lang, integer)
        alt = t("alt_level" if s["n"] > 1 else "alt_level_one", lang).format(title=title, goals=goals, **s)
        q = a.projection.at(last) if a.projection is not None else None
        if q is not None:
            alt += " " + t("alt_fan", lang).format(
                year=last, median=value_text(q["median"], unit, lang, integer, True),
                lo80=num(q["lo80"], lang, integer, True), hi80=num(q["hi80"], lang, integer, True),
                lo95=num(q["lo95"], lang, integer, True), hi95=num(q["hi95"], lang, integer, True))
        if required is not None:
            alt += " " + t("alt_required", lang)
        if national is not None:
            ns = _summary_of_series(nat, unit, lang, integer)
            alt += " " + t("alt_national", lang).format(**ns)
        if a.has_assumptions:
            alt += " " + " ".join(assumption_sentences(a, lang))
        return Chart(fig, alt)
    if not a.proxies:
        return None
    p = a.proxies[0]
    label = series_label(dataset, p.indicator, p.geo, lang)
    weak_label = f"{t('proxy_prefix', lang).capitalize()}: {label}"
    frame = p.series.assign(status="proxy")
    history = Line.from_frame(frame, dataset.registry.geos[p.geo].label(lang), weak_label=weak_label)
    fig = charts.panel_figure(Panel(f"{title} — {t('no_hue_data_title', lang)}", unit, history=history,
                                    targets=marks, integer=integer, ylabel=unit_text(unit, lang)), lang)
    s = _summary_of_series(frame, p.unit, lang, integer)
    alt = t("alt_proxy", lang).format(title=title, proxy=label, goals=goals, **s)
    return Chart(fig, alt)


def _cumulative_chart(a: Assessment, dataset: Dataset, lang: str, title: str, marks: tuple) -> Chart | None:
    c = a.cumulative
    if c is None or c.total is None:
        return None
    years = list(c.years_reported)
    annual = a.series.set_index("year")
    totals = list(pd.Series([float(annual.loc[y, "value"]) for y in years]).cumsum())
    frame = pd.DataFrame({"year": years, "value": totals, "status": [str(annual.loc[y, "status"]) for y in years]})
    history = Line.from_frame(frame, t("cumulative_total", lang))
    latest = years[-1]
    required = None
    if a.target.deadline > latest and c.status != "achieved":
        req_years = list(range(latest, a.target.deadline + 1))
        step = (float(a.target.value) - totals[-1]) / (a.target.deadline - latest)
        required = Line(tuple(req_years), tuple(totals[-1] + step * (y - latest) for y in req_years),
                        t("required_path", lang))
    fig = charts.panel_figure(Panel(title, a.target.unit or "", history=history, targets=marks,
                                    required=required, integer=True, ylabel=unit_text(a.target.unit, lang)), lang)
    alt = t("alt_cumulative", lang).format(title=title, total=value_text(c.total, a.target.unit, lang, True),
                                           start=c.start, year=latest, goals=join_words([m.text for m in marks], lang))
    return Chart(fig, alt)


# ---------------------------------------------------------------- topic briefs (20–50)

def topic_groups(assessments: Sequence[Assessment], targets: Sequence[str]) -> list[list]:
    """The assessments of `targets`, grouped by indicator and level; levels without Huế data share a group."""
    groups: dict[tuple, list] = {}
    for a in assessments:
        if a.target.id not in targets:
            continue
        has = measured(a) or a.has_assumptions
        key = (a.target.indicator or a.target.id, a.breakdown if has else "", has)
        groups.setdefault(key, []).append(a)
    order = {tid: i for i, tid in enumerate(targets)}
    return sorted(groups.values(), key=lambda g: min(order[a.target.id] for a in g))


def group_no_data_sentence(group: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> str:
    """One sentence for every target and level of an indicator without Huế data: what, who, any proxy."""
    a = group[0]
    ind = _indicator(a, dataset)
    if ind is None:
        return t("qualitative_sentence", lang).format(label=a.target.label(lang))
    levels = [BREAKDOWN_LABELS[lang].get(b, b) for b in dict.fromkeys(g.breakdown for g in group) if b]
    label = _lower_first(ind.label(lang), lang) + (f" ({join_words(levels, lang)})" if levels else "")
    goals = join_words(list(dict.fromkeys(goal_text(g.target, lang) for g in group)), lang)
    sentence = t("no_data_sentence", lang).format(label=label, goal=goals)
    sentence += " " + t("needs", lang).format(who=reporters_text(ind, dataset, lang))
    if a.proxies:
        p = a.proxies[0]
        last = p.series.iloc[-1] if len(p.series) else None
        if last is not None:
            sentence += " " + t("proxy_sentence", lang).format(
                label=series_label(dataset, p.indicator, p.geo, lang),
                value=value_text(float(last["value"]), p.unit, lang), year=int(last["year"]))
    return sentence


def evidence_sentence(a: Assessment, lang: str = "vi") -> str:
    """`Độ vững của bằng chứng: trung bình — 4 điểm (2 chính thức, 2 ước tính), mới nhất năm 2024.`"""
    if not a.has_data:
        return ""
    text = t("evidence_sentence", lang).format(level=evidence_text(a, lang), n=a.n_points,
                                               statuses=_status_counts(a.series["status"], lang),
                                               year=a.latest_year)
    if a.projection is not None:
        text += " " + t("model_sentence", lang).format(model=t(f"model_{a.projection.model}", lang))
    return text


def indicator_block(group: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> HTML:
    """One indicator (and level): heading, the plan's wording, sentences, chart with alt text, evidence."""
    a = group[0]
    has = measured(a) or a.has_assumptions
    if has:
        title = _subject(a, lang)
    else:
        ind = _indicator(a, dataset)
        title = ind.label(lang) if ind else a.target.label(lang)
    parts = [f"<h2>{_e(title)}</h2>"]
    plan = "; ".join(f"{tg.text_vi.strip()} ({clause_text(tg.clause, lang)})"
                     for tg in dict.fromkeys(g.target for g in group))
    parts.append(f'<p class="note">{_e(t("plan_says", lang))}: <span lang="vi">«{_e(plan)}»</span></p>')
    if has:
        sentences = [s for g in group for s in target_sentences(g, dataset, lang)]
        sentences = list(dict.fromkeys(sentences))
    else:
        sentences = [group_no_data_sentence(group, dataset, lang)]
    parts.append("<ul>" + "".join(f"<li>{_e(s)}</li>" for s in sentences) + "</ul>")
    chart = assessment_chart(group, dataset, lang)
    body = "".join(parts)
    if chart is not None:
        body += _figure_markup(chart)
    ev = evidence_sentence(a, lang)
    if ev:
        body += f'<p class="note">{_e(ev)}</p>'
    return _wrap(body, lang)


def topic_blocks(assessments: Sequence[Assessment], dataset: Dataset, targets: Sequence[str], lang: str = "vi") -> list[HTML]:
    """The blocks of a topic brief, one per indicator and level, in the order of `targets`."""
    known = {a.target.id for a in assessments}
    unknown = [tid for tid in targets if tid not in known]
    if unknown:
        dataset.registry.target(unknown[0])  # raises InputError naming the known targets
    return [indicator_block(g, dataset, lang) for g in topic_groups(assessments, targets)]


def topic_scorecard(assessments: Sequence[Assessment], dataset: Dataset, targets: Sequence[str], lang: str = "vi") -> HTML:
    """The scorecard rows of a topic's targets only."""
    return scorecard_table([a for a in assessments if a.target.id in targets], dataset, lang)


# ---------------------------------------------------------------- money view of the R&D targets (40)

def money_rows(assessments: Sequence[Assessment]) -> list[tuple]:
    """(assessment, MoneyCell, GRDP quantiles) for each R&D share target in its own deadline year."""
    out = []
    for a in assessments:
        own = next((c for c in a.money if c.share == a.target.value and c.year == a.target.deadline), None)
        if own is None or a.money_projection is None:
            continue
        out.append((a, own, a.money_projection.at(own.year)))
    return out


def money_table(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> HTML:
    """What each R&D share target means in billion VND of projected GRDP, with 80 % intervals."""
    bn = unit_text("billion VND", lang)
    rows = []
    for a, cell, grdp in money_rows(assessments):
        rows.append([goal_text(a.target, lang),
                     f"{num(grdp['median'], lang, True, True)} ({num(grdp['lo80'], lang, True, True)}–"
                     f"{num(grdp['hi80'], lang, True, True)})",
                     f"{num(cell.median, lang, True, True)} ({num(cell.lo80, lang, True, True)}–"
                     f"{num(cell.hi80, lang, True, True)})"])
    headers = [t("goal", lang), t("money_grdp", lang).format(unit=bn), t("money_rnd", lang).format(unit=bn)]
    return _wrap(table_html(headers, rows, "money", numeric=(1, 2)), lang)


def money_sentences(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> list[str]:
    """`Năm 2030, nếu GRDP theo xu hướng đạt khoảng … tỷ đồng, chi 1,5 % GRDP cho R&D tương đương …`."""
    out = []
    for a, cell, grdp in money_rows(assessments):
        out.append(t("money_sentence", lang).format(
            year=cell.year, grdp=value_text(grdp["median"], "billion VND", lang, True, True),
            glo=num(grdp["lo80"], lang, True, True), ghi=num(grdp["hi80"], lang, True, True),
            share=value_text(cell.share, a.target.unit, lang),
            money=value_text(cell.median, "billion VND", lang, True, True),
            lo=num(cell.lo80, lang, True, True), hi=num(cell.hi80, lang, True, True)))
    if not out:
        reason = next((a.reasons.get("money") for a in assessments if a.reasons.get("money")), None)
        out.append(t("money_none", lang) + (f" ({reason})" if reason and lang == "en" else ""))
    return out


def money_chart(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> Chart | None:
    """GRDP (current prices) with its projection to the last R&D deadline: the denominator of the money view."""
    rows = money_rows(assessments)
    if not rows:
        return None
    m = load_methods()
    ind = dataset.registry.indicators[m.money_denominator]
    series = annual_series(dataset.observations, ind.id, m.money_geo)
    proj = rows[0][0].money_projection
    last = max(cell.year for _, cell, _ in rows)
    marks = tuple(TargetMark(float(g["median"]), cell.year, f"{value_text(cell.share, a.target.unit, lang)}: "
                             f"{value_text(cell.median, 'billion VND', lang, True, True)}")
                  for a, cell, g in rows)
    panel = Panel(ind.label(lang), ind.unit, history=Line.from_frame(series, t("hue", lang)),
                  fan=_fan(proj, last), integer=True, ylabel=unit_text(ind.unit, lang))
    fig = charts.panel_figure(panel, lang)
    ax = fig.axes[0]
    for mk in marks:
        ax.annotate(mk.text, (mk.year, mk.value), xytext=(-6, 10), textcoords="offset points", ha="right",
                    fontsize=8, color=charts.COLOURS["target"], fontweight="bold")
        ax.scatter([mk.year], [mk.value], marker="D", s=30, color=charts.COLOURS["target"], zorder=6)
    s = _summary_of_series(series, ind.unit, lang, True)
    q = proj.at(last)
    alt = t("alt_money", lang).format(title=ind.label(lang), **s, year=last,
                                      median=value_text(q["median"], ind.unit, lang, True, True),
                                      lo80=num(q["lo80"], lang, True, True), hi80=num(q["hi80"], lang, True, True),
                                      marks=join_words([mk.text + f" ({mk.year})" for mk in marks], lang))
    return Chart(fig, alt)


def money_figure(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> HTML:
    """The GRDP chart of the money view, or a sentence saying why there is none."""
    chart = money_chart(assessments, dataset, lang)
    return figure_html(chart, lang=lang) if chart is not None else paragraph(t("money_none", lang), lang)


# ---------------------------------------------------------------- scenarios side by side (60)

def scenario_set(current: Scenario, registry: Registry | None = None) -> list[Scenario]:
    """Every scenario file (baseline first), with this run's scenario in place of its namesake or added."""
    files = sorted(paths.SCENARIOS_DIR.glob("*.yaml"), key=lambda p: (p.stem != "baseline", p.stem))
    out = [load_scenario(p, registry) for p in files]
    names = [s.name for s in out]
    if current.name in names:
        out[names.index(current.name)] = current
    else:
        out.append(current)
    return out


def compare_scenarios(dataset: Dataset, current: Scenario, base_year: int | None = None
                      ) -> list[tuple[Scenario, list[Assessment]]]:
    """(scenario, assessments) for every scenario of `scenario_set`, all targets in registry order."""
    return [(sc, assess_all(dataset, scenario=sc, base_year=base_year))
            for sc in scenario_set(current, dataset.registry)]



def adjustment_text(adj: Adjustment, dataset: Dataset, lang: str = "vi") -> str:
    """One scenario adjustment in the reader's words."""
    ind = dataset.registry.indicators.get(adj.indicator)
    unit = ind.unit if ind else ""
    if adj.type == "extra_points_per_year":
        return t("adj_extra", lang).format(change=change_text(adj.points, unit, lang, short=False),
                                           year=adj.from_year)
    if adj.type == "growth_multiplier":
        return t("adj_multiplier", lang).format(m=num(adj.multiplier, lang), year=adj.from_year)
    if adj.type == "straight_path_to_target":
        return t("adj_straight", lang)
    values = join_words([f"{y}: {value_text(v, unit, lang)}" for y, v in adj.values], lang)
    return t("adj_assumed", lang).format(values=values)


def adjustments_table(scenarios: Sequence[Scenario], dataset: Dataset, lang: str = "vi") -> HTML:
    """What each scenario changes, why (as written in its file), and on which indicator."""
    rows = []
    for sc in scenarios:
        if not sc.adjustments:
            rows.append([sc.label(lang), "–", t("adj_none", lang), ""])
        for adj in sc.adjustments:
            ind = dataset.registry.indicators.get(adj.indicator)
            rows.append([sc.label(lang), ind.label(lang) if ind else adj.indicator,
                         adjustment_text(adj, dataset, lang),
                         Raw(f'<span lang="{"vi" if lang == "vi" and adj.rationale_vi else "en"}">'
                             f'{_e(" ".join(adj.rationale_in(lang).split()))}</span>')])
    headers = [t("scenario", lang), t("indicator", lang), t("adj_change", lang), t("adj_rationale", lang)]
    return _wrap(table_html(headers, rows, "adjustments"), lang)


def _cell(a: Assessment, dataset: Dataset, lang: str) -> Raw:
    proj = projection_text(a, dataset, lang)
    text = f"{_e(proj)}<br>" if proj != "–" else ""
    if p_meet(a) is not None:
        text += f"{_e(t('sc_p_meet', lang))}: {_e(probability_text(p_meet(a), lang))}<br>"
    return Raw(text + badge(a, lang).markup)


def scenario_table(results: Sequence[tuple[Scenario, list[Assessment]]], dataset: Dataset, lang: str = "vi") -> HTML:
    """Targets with data (or assumed values) in any scenario: projection, P(met) and status per scenario."""
    first = results[0][1]
    rows = []
    for i, a in enumerate(first):
        column = [r[1][i] for r in results]
        if not any(measured(x) or x.has_assumptions for x in column):
            continue
        rows.append([target_name(a.target, a.breakdown, lang), goal_text(a.target, lang),
                     *[_cell(x, dataset, lang) for x in column]])
    headers = [t("target", lang), t("goal", lang), *[sc.label(lang) for sc, _ in results]]
    n_same = sum(1 for i, a in enumerate(first) if a.kind != "qualitative"
                 and not any(measured(r[1][i]) or r[1][i].has_assumptions for r in results))
    note = f'<p class="note">{_e(t("scenario_same", lang).format(n=n_same))}</p>' if n_same else ""
    return _wrap(table_html(headers, rows, "scenarios") + note, lang)


def scenario_blocks(results: Sequence[tuple[Scenario, list[Assessment]]], dataset: Dataset, lang: str = "vi") -> list[HTML]:
    """For each target with a projection in some scenario: one sentence per scenario and one chart."""
    first = results[0][1]
    out = []
    for i, a in enumerate(first):
        column = [r[1][i] for r in results]
        if not any(x.projection is not None for x in column):
            continue
        sentences = []
        for sc, x in zip((r[0] for r in results), column):
            q = projection_at(x)
            if q is None:
                sentences.append(t("scenario_no_projection", lang).format(label=sc.label(lang)))
                continue
            integer = _integer(x, dataset)
            sentences.append(t("scenario_sentence", lang).format(
                label=sc.label(lang), deadline=x.target.deadline,
                median=value_text(q["median"], x.target.unit, lang, integer, True),
                lo=num(q["lo80"], lang, integer, True), hi=num(q["hi80"], lang, integer, True),
                p=probability_text(p_meet(x), lang), verdict=verdict_text(x, lang)))
        body = (f"<h2>{_e(target_name(a.target, a.breakdown, lang))}: {_e(goal_text(a.target, lang))}</h2>"
                + "<ul>" + "".join(f"<li>{_e(s)}</li>" for s in sentences) + "</ul>")
        chart = scenario_chart(results, i, dataset, lang)
        if chart is not None:
            body += _figure_markup(chart)
        out.append(_wrap(body, lang))
    return out


def scenario_chart(results: Sequence[tuple[Scenario, list[Assessment]]], index: int, dataset: Dataset, lang: str = "vi") -> Chart | None:
    """History by status, the first scenario's fan, and every scenario's median path to the deadline."""
    column = [r[1][index] for r in results]
    a = next((x for x in column if x.projection is not None), None)
    if a is None:
        return None
    integer = _integer(a, dataset)
    unit = a.target.unit or ""
    deadline = a.target.deadline
    extra = []
    medians = []
    for sc, x in zip((r[0] for r in results), column):
        if x.projection is None:
            continue
        f = x.projection.to_frame()
        f = f[f["year"] <= deadline]
        years = (x.latest_year, *(int(y) for y in f["year"]))
        values = (x.latest_value, *(float(v) for v in f["median"]))
        extra.append(Line(years, values, sc.label(lang)))
        q = x.projection.at(deadline)
        medians.append(t("alt_scenario_item", lang).format(
            label=sc.label(lang), median=value_text(q["median"], unit, lang, integer, True),
            p=probability_text(p_meet(x), lang)))
    panel = Panel(_subject(a, lang), unit, history=Line.from_frame(a.series, t("hue", lang)),
                  targets=(_mark(a, dataset, lang),), extra=tuple(extra), integer=integer,
                  ylabel=unit_text(unit, lang))
    fig = charts.panel_figure(panel, lang)
    s = _summary_of_series(a.series, unit, lang, integer)
    alt = t("alt_scenarios", lang).format(title=_subject(a, lang), goal=goal_text(a.target, lang), year=deadline,
                                          items=join_words(medians, lang), **s)
    return Chart(fig, alt)


# ---------------------------------------------------------------- methods, accuracy, caveats (90)

def _share(x: float, lang: str) -> str:
    """A ratio threshold as a percentage of the pace needed: 0.95 → `95 %`."""
    return fmt.percent(100.0 * x, lang, 0)


def methods_paragraphs(methods: Methods, lang: str = "vi") -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) explaining every rule in plain words, numbers read from params/methods.yaml."""
    m = methods
    # A level with no practical age limit (e.g. 100 years) is described by its point count alone.
    levels = "; ".join(
        t("evidence_rule" if r.max_age < 50 else "evidence_rule_any_age", lang).format(
            level=t(f"evidence_{r.level}", lang), n=r.min_points, age=r.max_age)
        for r in m.evidence_rules)
    return [
        (t("m_h_status", lang), [
            t("m_status", lang).format(base=m.years_before_latest, on=_share(m.on_track, lang),
                                       acc=_share(m.needs_acceleration, lang),
                                       lim=_share(m.limited_progress, lang), n=m.min_points_progress),
            t("m_unsd", lang).format(on=_share(m.unsd_on_track, lang), fair=_share(m.unsd_fair_progress, lang),
                                     tol=fmt.number(m.near_bound_tolerance, lang, 1)),
            t("m_pace", lang),
        ]),
        (t("m_h_projection", lang), [
            t("m_projection", lang).format(n=m.min_points_projection, end=m.horizon_end, paths=fmt.number(
                m.n_paths, lang, 0)),
            t("m_probability", lang),
        ]),
        (t("m_h_backtest", lang), [
            t("m_backtest", lang).format(train=m.bt_min_train, horizon=m.bt_max_horizon, origins=m.bt_min_origins,
                                         errors=m.bt_min_errors, widen=m.bt_min_errors_widening,
                                         cap=fmt.number(m.bt_max_widening, lang, 1)),
        ]),
        (t("m_h_evidence", lang), [t("m_evidence", lang).format(levels=levels)]),
    ]


def methods_html(methods: Methods, lang: str = "vi") -> HTML:
    """The methods in plain words, then the published sources they follow."""
    body = ""
    for heading_text, paragraphs in methods_paragraphs(methods, lang):
        body += f"<h2>{_e(heading_text)}</h2>" + "".join(f"<p>{_e(p)}</p>" for p in paragraphs)
    sources = "".join(f'<li><span lang="en">{_e(v)}</span></li>' for v in methods.sources.values())
    body += f'<h2>{_e(t("m_h_sources", lang))}</h2><ul class="note">{sources}</ul>'
    return _wrap(body, lang)


def _coverage(share: float | None, lang: str) -> str:
    return fmt.percent(100.0 * share, lang, 0) if share is not None else "–"


def backtest_rows(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> list[list[str]]:
    """One row per modelled Huế series: model, backtest size, MASE, RMSE, 80 %/95 % coverage, widening."""
    rows, seen = [], set()
    for a in assessments:
        if a.projection is None or a.choice is None:
            continue
        key = (a.target.indicator, a.geo, a.breakdown)
        if key in seen:
            continue
        seen.add(key)
        bt = a.choice.backtest(a.projection.model)
        integer = _integer(a, dataset)
        rows.append([_subject(a, lang), str(a.n_points), t(f"model_{a.projection.model}", lang),
                     str(bt.n_origins) if bt else "0", str(bt.n_errors) if bt else "0",
                     fmt.number(bt.mase, lang, 2) if bt and bt.mase is not None else "–",
                     num(bt.rmse, lang, integer) if bt and bt.rmse is not None else "–",
                     _coverage(bt.coverage80 if bt else None, lang), _coverage(bt.coverage95 if bt else None, lang),
                     "×" + fmt.number(a.projection.widening, lang, 2),
                     t("bt_enough" if a.choice.enough_history else "bt_too_little", lang)])
    return rows


def backtest_table(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> HTML:
    """Backtest accuracy and interval coverage of every projected series, with a plain verdict on trust."""
    rows = backtest_rows(assessments, dataset, lang)
    if not rows:
        return paragraph(t("bt_none", lang), lang)
    headers = [t(k, lang) for k in ("indicator", "points", "bt_model", "bt_origins", "bt_errors", "bt_mase",
                                    "bt_rmse", "bt_cov80", "bt_cov95", "bt_widening", "bt_trust")]
    return _wrap(table_html(headers, rows, "backtest", numeric=(1, 3, 4, 5, 6, 7, 8, 9)), lang)


def two_methods_table(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> HTML:
    """For targets with data: the growth-ratio status next to the expected-value (UNSD) status."""
    rows = []
    for a in assessments:
        if a.kind != "level" or not a.has_data or a.progress is None or a.unsd is None:
            continue
        rows.append([target_name(a.target, a.breakdown, lang), goal_text(a.target, lang),
                     t(f"verdict_{a.progress.status or 'insufficient_data'}", lang),
                     fmt.number(a.progress.ratio, lang, 2) if a.progress.ratio is not None else "–",
                     t(f"unsd_{a.unsd.status or 'insufficient_data'}", lang),
                     value_text(a.unsd.expected_value, a.target.unit, lang, _integer(a, dataset), True)])
    if not rows:
        return paragraph(t("bt_none", lang), lang)
    headers = [t(k, lang) for k in ("target", "goal", "m_col_status", "m_col_ratio", "m_col_unsd", "m_col_expected")]
    return _wrap(table_html(headers, rows, "methods", numeric=(3, 5)), lang)


def caveats(dataset: Dataset, lang: str = "vi") -> list[str]:
    """Data caveats in plain words: definitions, series breaks, proxies, estimates and assumptions."""
    out = [t(f"caveat_{k}", lang) for k in ("definition", "proxy", "estimate", "assumption", "intervals",
                                            "not_forecast")]
    obs = dataset.observations
    for ind in dataset.registry.indicators.values():
        if not ind.breaks or not (obs["indicator"] == ind.id).any():
            continue
        periods = join_words([b.period for b in ind.breaks], lang)
        text = t("caveat_break", lang).format(label=ind.label(lang), periods=periods)
        if lang == "en":
            text += " (" + "; ".join(b.note for b in ind.breaks) + ")"
        out.append(text)
    return out


# ---------------------------------------------------------------- ward reporting and verdict history

def ward_reporting(dataset: Dataset, lang: str = "vi") -> HTML:
    """Which wards and communes have reported (Plan 330 section V.5), as a sentence and a table."""
    from .wards import reporting_audit

    audit = reporting_audit(dataset, lang=lang)
    n_done = int(audit["reported"].sum())
    sentence = t("wards_reported", lang).format(done=n_done, total=len(audit))
    yes, no = t("yes", lang), t("no", lang)
    rows = [(r.label, yes if r.reported else no, r.indicators or "–", r.years or "–", r.last_received or "–")
            for r in audit.itertuples()]
    headers = [t(k, lang) for k in ("col_ward", "col_reported", "col_indicators", "col_years", "col_received")]
    return _wrap(f"<p>{_e(sentence)}</p>" + table_html(headers, rows, cls="wards"), lang)


def verdict_history_table(dataset: Dataset, histories: dict, lang: str = "vi", n_last: int = 3) -> HTML:
    """The verdict of each target under each of the last data vintages, as an HTML table."""
    from .vintages import verdict_table

    frame = verdict_table(dataset, n_last, lang, histories=histories, for_readers=True)
    return _wrap(table_html(list(frame.columns), frame.itertuples(index=False), cls="verdict-history"), lang)


def sources_table(dataset: Dataset, lang: str = "vi") -> HTML:
    """Every source the data cite: title, publisher (for departmental reports, the reporter) and date."""
    used = set(dataset.observations["source"])
    src = dataset.sources[dataset.sources["source"].isin(used)]
    rows = [(r.source, r.title, r.publisher or "–", r.published or "–", r.url or "–") for r in src.itertuples()]
    headers = [t(k, lang) for k in ("col_source_id", "col_title", "col_publisher", "col_published", "col_address")]
    # Addresses are printed as text, not links: the brief must work, and be audited, offline.
    return _wrap(table_html(headers, rows, cls="sources"), lang)

"""What the briefs show: headings, tables and plain sentences (HTML) built from the data and the engine.

Every number on the page is computed here from a Dataset or an Assessment and formatted by
`fmt` for the reader's language; nothing is typed in.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd
from IPython.display import HTML

from . import fmt
from .catalog import Indicator, Target
from .charts import DPI, Chart
from .i18n import BREAKDOWN_LABELS, STATUS_LABELS, t
from .observations import WEAK_STATUSES, Dataset, annual_series
from .status import goal_text, proxies_for, target_status

# House style for the briefs: readable on a laptop, printable in black and white (status is
# never colour alone: each badge also has a shape and a word).
CSS = """
.kh330 { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; line-height: 1.45; max-width: 68rem; }
.kh330 h1 { font-size: 1.6rem; margin: 0.2rem 0 0.3rem; }
.kh330 h2 { font-size: 1.2rem; margin: 1.2rem 0 0.4rem; border-bottom: 1px solid #ccc; }
.kh330 .meta { color: #444; font-size: 0.9rem; margin: 0 0 0.8rem; }
.kh330 table { border-collapse: collapse; font-size: 0.86rem; margin: 0.4rem 0 0.8rem; }
.kh330 th, .kh330 td { border: 1px solid #bbb; padding: 0.25rem 0.45rem; vertical-align: top; text-align: left; }
.kh330 th { background: #f0f0f0; }
.kh330 td.num { text-align: right; white-space: nowrap; }
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
@media print { .kh330 { max-width: none; } .kh330 table { page-break-inside: auto; }
  .kh330 tr, .kh330 figure { page-break-inside: avoid; } }
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
    """The brief's heading: localised title, the plan, scenario, data vintage and run id."""
    fmt.check_lang(lang)
    parts = [t("plan_name", lang)]
    if scenario_label:
        parts.append(f"{t('scenario', lang)}: {scenario_label}")
    if dataset is not None and len(dataset.observations):
        parts.append(t("latest_data_year", lang).format(year=int(dataset.observations["year"].max())))
    if as_of:
        parts.append(f"{t('as_of', lang)}: {as_of}")
    if run_id:
        parts.append(f"{t('run_id', lang)}: {run_id}")
    body = (f"<style>{CSS}</style><h1>{_e(brief_title(notebook, lang))}</h1>"
            f'<p class="meta">{" · ".join(_e(p) for p in parts)}</p>')
    return _wrap(body, lang)


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


def figure_html(chart: Chart | object, alt: str | None = None, caption: str = "", lang: str = "vi") -> HTML:
    """A Chart (or a bare matplotlib Figure plus `alt`) as an inline PNG with its alt text."""
    fig = chart.figure if isinstance(chart, Chart) else chart
    alt_text = alt if alt is not None else (chart.alt if isinstance(chart, Chart) else "")
    if not alt_text:
        raise ValueError("a chart needs alt text saying what it shows")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    cap = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    return _wrap(f'<figure><img src="data:image/png;base64,{data}" alt="{_e(alt_text)}">{cap}</figure>', lang)


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
    attr = f' class="{_e(cls)}"' if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


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


def reporters_text(indicator: Indicator, dataset: Dataset, lang: str = "vi") -> str:
    """Who reports an indicator under Plan 330 section V: `Sở Giáo dục và Đào tạo (mục V.1) và …`."""
    units = [dataset.registry.units[u] for u in indicator.reporters if u in dataset.registry.units]
    if not units:
        return t("reporter_unknown", lang)
    return join_words([f"{u.label(lang)} ({t('section', lang)} {u.clause})" for u in units], lang)


def series_label(dataset: Dataset, indicator_id: str, geo: str, lang: str = "vi") -> str:
    """An indicator's label, naming the area when the indicator is also measured elsewhere or is a target's."""
    ind = dataset.registry.indicators[indicator_id]
    if geo == "VN-HUE":
        return ind.label(lang)
    obs = dataset.observations
    elsewhere = ((obs["indicator"] == indicator_id) & (obs["geo"] != geo)).any()
    if elsewhere or any(tg.indicator == indicator_id for tg in dataset.registry.targets):
        return f"{ind.label(lang)} ({dataset.registry.geos[geo].label(lang)})"
    return ind.label(lang)


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


def missing_rows(dataset: Dataset, lang: str = "vi") -> list[dict]:
    """Each measurable target level without Huế data: what is needed, who reports it, any proxy."""
    reg = dataset.registry
    out = []
    for tg in reg.targets:
        if tg.kind == "qualitative" or tg.indicator is None:
            continue
        ind = reg.indicators[tg.indicator]
        for st in target_status(dataset, tg):
            if st.has_data:
                continue
            proxies = [f"{series_label(dataset, p.indicator, p.geo, lang)}: {p.n_points} {t('points_word', lang)}"
                       + (f", {t('latest_word', lang)} {p.latest.year}" if p.latest else "") for p in st.proxies]
            out.append({"target": tg, "breakdown": st.breakdown, "indicator": ind,
                        "needed": t("needed_series", lang).format(label=ind.label(lang),
                                                                  unit=fmt.translate_unit(ind.unit, lang)),
                        "who": reporters_text(ind, dataset, lang), "proxies": proxies})
    return out


def missing_table(dataset: Dataset, lang: str = "vi") -> HTML:
    """What is missing for Huế and who reports it (Plan 330 section V)."""
    rows = []
    for m in missing_rows(dataset, lang):
        tg: Target = m["target"]
        bd = BREAKDOWN_LABELS[lang].get(m["breakdown"], m["breakdown"])
        rows.append([f"{tg.label(lang)}" + (f" — {bd}" if bd else "") + f" [{tg.clause}]",
                     goal_text(tg, lang), m["needed"], m["who"],
                     "; ".join(m["proxies"]) or t("no_proxy", lang)])
    headers = [t(k, lang) for k in ("target", "goal", "needed", "who_reports", "proxy_available")]
    return _wrap(table_html(headers, rows, "missing"), lang)


def qualitative_rows(dataset: Dataset, lang: str = "vi") -> list[list[str]]:
    """Targets without a number: label, clause, deadline."""
    return [[tg.label(lang), tg.clause, str(tg.deadline)] for tg in dataset.registry.targets
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
    if not text or (len(text) > 1 and text[1].isupper()):  # keep acronyms such as "R&D", "GRDP"
        return text
    return text[0].lower() + text[1:]

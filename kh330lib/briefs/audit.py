"""The data-audit brief (00): coverage of every indicator, what Huế lacks and who reports it, wards, sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

from ..data.annual import annual_series
from ..data.catalog import Indicator, Target
from ..data.names import load_vietnamese_names
from ..data.status import target_status
from ..data.tables import Dataset
from ..data.wards import reporting_audit
from ..words import breakdown_name, period_text, t
from ..words.phrases import (
    clause_text,
    goal_text,
    join_words,
    reporters_text,
    series_label,
    source_citation,
    source_parts,
    sources_short,
    status_counts,
    unit_text,
    years_span,
)
from .page import Raw, esc, table_html, wrap


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
                         "breaks": breaks_text(ind, lang), "reporters": reporters_text(ind, dataset, lang)})
            continue
        for (geo, breakdown), grp in sel.groupby(["geo", "breakdown"], sort=False):
            series = annual_series(obs, ind.id, str(geo), str(breakdown))
            rows.append({"indicator": ind.id, "label": ind.label(lang), "geo": reg.geos[str(geo)].label(lang),
                         "breakdown": breakdown_name(str(breakdown), lang),
                         "points": len(series), "years": years_span(series["year"]),
                         "statuses": status_counts(series["status"], lang),
                         "sources": sources_short(dataset, grp["source"], lang),
                         "breaks": breaks_text(ind, lang), "reporters": reporters_text(ind, dataset, lang)})
    return pd.DataFrame(rows)


def breaks_text(ind: Indicator, lang: str = "vi") -> str:
    """The declared series breaks of an indicator: `quý 1/2015: …; năm 2017: …`; in Vietnamese from
    params/sources_vi.yaml (the catalogue's notes are English; a break without a Vietnamese note says only that the
    series breaks)."""
    if lang != "vi":
        return "; ".join(f"{period_text(b.period, lang)}: {b.note}" for b in ind.breaks)
    notes = load_vietnamese_names().breaks
    return "; ".join(f"{period_text(b.period, lang)}: {notes.get((ind.id, b.period), t('break_no_note', lang))}"
                     for b in ind.breaks)


def coverage_table(dataset: Dataset, lang: str = "vi") -> HTML:
    """The coverage of every indicator: points, years, statuses, sources and series breaks."""
    frame = coverage_frame(dataset, lang)
    headers = [t(k, lang) for k in ("indicator", "geo", "breakdown", "points", "years", "data_status",
                                    "source_col", "breaks")]
    rows = [[r.label, r.geo, r.breakdown, r.points, r.years, r.statuses, r.sources, r.breaks]
            for r in frame.itertuples()]
    return wrap(table_html(headers, rows, "coverage", numeric=(3,)), lang)


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
                key = "proxy_years_one" if p.n_points == 1 else "proxy_years"
                text = t(key, lang).format(label=series_label(dataset, p.indicator, p.geo, lang), n=p.n_points,
                                           year=p.latest.year if p.latest else "–")
                if text not in g["proxies"]:
                    g["proxies"].append(text)
    out = []
    for iid, g in grouped.items():
        ind = reg.indicators[iid]
        needed = t("needed_series", lang).format(label=ind.label(lang), unit=unit_text(ind.unit, lang))
        if g["breakdowns"]:
            levels = join_words([breakdown_name(b, lang) for b in g["breakdowns"]], lang)
            needed += "; " + t("by_level", lang).format(levels=levels)
        out.append(Missing(ind, tuple(g["targets"]), tuple(g["breakdowns"]), needed,
                           reporters_text(ind, dataset, lang), tuple(g["proxies"])))
    return out


def missing_table(dataset: Dataset, lang: str = "vi") -> HTML:
    """What is missing for Huế and who reports it (Plan 330 section V), one row per indicator."""
    rows = []
    for m in missing_indicators(dataset, lang):
        goals = Raw("<br>".join(esc(f"{goal_text(tg, lang)} ({clause_text(tg.clause, lang)})") for tg in m.targets))
        rows.append([m.targets[0].label(lang), goals, m.needed, m.who, "; ".join(m.proxies) or t("no_proxy", lang)])
    headers = [t(k, lang) for k in ("target", "goal", "needed", "who_reports", "proxy_available")]
    return wrap(table_html(headers, rows, "missing"), lang)


def qualitative_rows(dataset: Dataset, lang: str = "vi") -> list[list[str]]:
    """Targets without a number: label, clause, deadline."""
    return [[tg.label(lang), clause_text(tg.clause, lang), str(tg.deadline)] for tg in dataset.registry.targets
            if tg.kind == "qualitative"]


def qualitative_table(dataset: Dataset, lang: str = "vi") -> HTML:
    """Targets the plan states without a number: assessed in the departments' reports."""
    headers = [t("target", lang), t("clause", lang), t("deadline", lang)]
    return wrap(table_html(headers, qualitative_rows(dataset, lang), "qualitative"), lang)


def ward_reporting(dataset: Dataset, lang: str = "vi") -> HTML:
    """Which wards and communes have reported (Plan 330 section V.5), as a sentence and a table."""
    audit = reporting_audit(dataset, lang=lang)
    n_done = int(audit["reported"].sum())
    sentence = t("wards_reported", lang).format(done=n_done, total=len(audit))
    yes, no = t("yes", lang), t("no", lang)
    rows = [(r.label, yes if r.reported else no, r.indicators or "–", r.years or "–", r.last_received or "–")
            for r in audit.itertuples()]
    headers = [t(k, lang) for k in ("col_ward", "col_reported", "col_indicators", "col_years", "col_received")]
    return wrap(f"<p>{esc(sentence)}</p>" + table_html(headers, rows, cls="wards"), lang)


def sources_rows(dataset: Dataset, lang: str = "vi") -> list[tuple[str, str, str]]:
    """Every source the data cite, as readers cite it: document, publisher (for departmental reports, the
    reporter) and year, in the brief's language."""
    used = set(dataset.observations["source"])
    rows = []
    for r in dataset.sources[dataset.sources["source"].isin(used)].itertuples():
        document, publisher, year = source_parts(r, lang)
        rows.append((document, publisher or "–", str(year) if year else t("source_year_unknown", lang)))
    return rows


def sources_table(dataset: Dataset, lang: str = "vi") -> HTML:
    """Every source the data cite as a citation; their ids and web addresses in a closed technical block."""
    headers = [t(k, lang) for k in ("col_title", "col_publisher", "col_year")]
    used = set(dataset.observations["source"])
    src = dataset.sources[dataset.sources["source"].isin(used)]
    tech_rows = [(r.source, source_citation(r, lang), r.url or "–") for r in src.itertuples()]
    tech_headers = [t(k, lang) for k in ("col_source_id", "col_title", "col_address")]
    # Addresses are printed as text, not links: the brief must work, and be audited, offline.
    tech = (f'<details class="kh330-tech"><summary>{esc(t("tech_summary", lang))}</summary>'
            f'<p>{esc(t("sources_tech", lang))}</p>{table_html(tech_headers, tech_rows, cls="sources-tech")}'
            "</details>")
    return wrap(table_html(headers, sources_rows(dataset, lang), cls="sources") + tech, lang)

"""Charts of assessments for the briefs: history, fan, targets, required path, proxies, money view, scenarios."""

from __future__ import annotations

import dataclasses
from typing import Sequence

import pandas as pd

from ..assess.assessment import Assessment
from ..data.annual import annual_series
from ..data.scenarios import Scenario
from ..data.tables import Dataset
from ..methods.attainment import MoneyCell, money_horizon, round_money
from ..store.settings import load_methods
from ..words import breakdown_name, t
from ..words.blocks import ChartTexts, chart_texts
from ..words.phrases import (
    chance_text,
    goal_text,
    join_words,
    mark_text,
    num,
    series_label,
    series_summary,
    source_parts,
    source_texts,
    subject,
    unit_text,
    value_text,
)
from . import charts
from .charts import Chart, Fan, Line, Panel, TargetMark, chart_data, data_statuses, fan_data, line_data


def _fan(projection, last_year: int) -> Fan | None:
    frame = projection.to_frame()
    frame = frame[frame["year"] <= last_year]
    if frame.empty:
        return None
    return Fan(*(tuple(int(y) for y in frame["year"]),),
               *(tuple(float(v) for v in frame[c]) for c in ("median", "lo80", "hi80", "lo95", "hi95")))


def _target_rows(marks: Sequence[TargetMark], group: Sequence[Assessment]) -> pd.DataFrame:
    """The drawn target stars as rows (series = target id, status `target`)."""
    return pd.DataFrame({"series": [g.target.id for g in group], "geo": [g.geo for g in group],
                         "year": [mk.year for mk in marks], "value": [mk.value for mk in marks],
                         "status": "target"})


def _chart(fig, alt: str, data: pd.DataFrame, sources: tuple[str, ...], name: str, lang: str,
           note: str = "") -> Chart:
    return Chart(fig, alt, data, sources, data_statuses(data), name, note, lang)


def _name(a: Assessment) -> str:
    return "_".join(x for x in (a.target.id, a.breakdown) if x)


def assessment_chart(group: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> Chart | None:
    """History by status, 80 %/95 % fan to the last deadline, target marks, required path; Viet Nam in its own panel.

    `group` holds the assessments of one indicator and level (e.g. the 2030, 2035 and 2045 R&D targets).
    Without Huế data the chart shows the proxy series as a reference, with no target drawn; without either, None.
    """
    texts = chart_texts(group, dataset, lang)
    return block_chart(group, texts, lang) if texts is not None else None


def block_chart(group: Sequence[Assessment], texts: ChartTexts, lang: str = "vi") -> Chart | None:
    """The chart of an indicator block, drawn as `texts` (`words.blocks.chart_texts`) says: what it shows and
    every text on it."""
    a = group[0]
    marks = tuple(TargetMark(float(g.target.value), g.target.deadline, text)  # type: ignore[arg-type]
                  for g, text in zip(texts.firsts, texts.marks))
    if texts.kind == "cumulative":
        return _cumulative_chart(a, texts, marks, lang)
    if texts.kind == "level":
        return _level_chart(a, texts, marks, lang)
    p = a.proxies[0]
    history = Line.from_frame(p.series.assign(status="proxy"), texts.history, weak_label=texts.weak_label)
    fig = charts.panel_figure(Panel(texts.title, p.unit, history=history, integer=a.integer, ylabel=texts.ylabel),
                              lang)
    data = chart_data(line_data(history, p.indicator, p.geo))
    return _chart(fig, texts.alt, data, texts.sources, _name(a) + "_reference", lang, texts.note)


def _level_chart(a: Assessment, texts: ChartTexts, marks: tuple[TargetMark, ...], lang: str) -> Chart:
    """A series with Huế data: Huế's panel (fan, targets, required path) and Viet Nam's panel below it."""
    history = Line.from_frame(a.series, texts.history)
    fan = _fan(a.projection, texts.last) if a.projection is not None else None
    required, required_rows = None, None
    if texts.required_from is not None:
        required = Line.from_frame(texts.required_from.required, texts.required)
        required_rows = line_data(required, texts.required_from.target.id, a.geo, "required")
    nat = texts.national
    national = Line.from_frame(nat, texts.national_label) if nat is not None and len(nat) else None
    own_unit = a.indicator.unit if a.indicator is not None else a.target.unit or ""
    fig = charts.panel_figure(Panel(texts.title, own_unit, history=history, fan=fan, targets=marks,
                                    required=required, national=national, integer=a.integer, ylabel=texts.ylabel,
                                    national_title=texts.national_title, national_unit=texts.national_unit,
                                    national_ylabel=texts.national_ylabel), lang)
    ind_id = a.target.indicator or a.target.id
    data = chart_data(line_data(history, ind_id, a.geo),
                      fan_data(fan, ind_id, a.geo) if fan is not None else None,
                      _target_rows(marks, texts.firsts),
                      required_rows,
                      line_data(national, ind_id, "VN") if national is not None else None)
    return _chart(fig, texts.alt, data, texts.sources, _name(a), lang)


def _cumulative_chart(a: Assessment, texts: ChartTexts, marks: tuple[TargetMark, ...], lang: str) -> Chart | None:
    """The running total since the plan's start, with the path to the target where it is still open."""
    c = a.cumulative
    if c is None:  # no total: no texts, never drawn
        return None
    years = list(c.years_reported)
    annual = a.series.set_index("year")
    totals = list(pd.Series([float(annual.loc[y, "value"]) for y in years]).cumsum())
    frame = pd.DataFrame({"year": years, "value": totals, "status": [str(annual.loc[y, "status"]) for y in years]})
    history = Line.from_frame(frame, texts.history)
    latest = years[-1]
    required = None
    if a.target.deadline > latest and c.status != "achieved":
        req_years = list(range(latest, a.target.deadline + 1))
        step = (float(a.target.value) - totals[-1]) / (a.target.deadline - latest)
        required = Line(tuple(req_years), tuple(totals[-1] + step * (y - latest) for y in req_years), texts.required)
    fig = charts.panel_figure(Panel(texts.title, a.target.unit or "", history=history, targets=marks,
                                    required=required, integer=True, ylabel=texts.ylabel), lang)
    ind_id = (a.target.indicator or a.target.id) + ":cumulative"
    data = chart_data(line_data(history, ind_id, a.geo), _target_rows(marks, texts.firsts),
                      line_data(required, a.target.id, a.geo, "required") if required is not None else None)
    return _chart(fig, texts.alt, data, texts.sources, _name(a), lang)


def coverage_chart(dataset: Dataset, lang: str = "vi") -> Chart:
    """Dot chart of the years each series covers, with an alt text that states the counts it shows."""
    obs = dataset.observations
    rows, parts = [], []
    for ind in dataset.registry.indicators.values():
        sel = obs[obs["indicator"] == ind.id]
        for (geo, breakdown), _grp in sel.groupby(["geo", "breakdown"], sort=False):
            series = annual_series(obs, ind.id, str(geo), str(breakdown))
            bd = breakdown_name(str(breakdown), lang)
            label = series_label(dataset, ind.id, str(geo), lang) + (f" — {bd}" if bd else "")
            rows.append((label, [int(y) for y in series["year"]], [str(s) for s in series["status"]]))
            parts.append(series.assign(series=":".join(x for x in (ind.id, str(breakdown)) if x), geo=str(geo)))
    n_hue = sum(1 for ind in dataset.registry.indicators.values()
                if ((obs["indicator"] == ind.id) & (obs["geo"] == "VN-HUE")).any())
    alt = t("alt_coverage", lang).format(
        n=len(rows), first=int(obs["year"].min()) if len(obs) else "–",
        last=int(obs["year"].max()) if len(obs) else "–", hue=n_hue,
        points=sum(len(r[1]) for r in rows))
    chart = charts.coverage_chart(rows, t("h_coverage_chart", lang), lang, alt)
    drawn = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["series", "geo", "year",
                                                                                     "status", "source"])
    # One dot per (series, year): only those columns are drawn; the source id tells where each comes from.
    data = drawn[["series", "geo", "year", "status", "source"]].reset_index(drop=True)
    publishers = _publishers(dataset, drawn, lang)
    return dataclasses.replace(chart, data=data, sources=publishers, statuses=data_statuses(data),
                               name="coverage", lang=lang)


def _publishers(dataset: Dataset, frame: pd.DataFrame, lang: str = "vi") -> tuple[str, ...]:
    """The publishers of the sources in `frame` (a chart of every series would list dozens of documents)."""
    ids = set(str(x) for x in frame["source"]) if "source" in frame else set()
    rows = dataset.sources[dataset.sources["source"].isin(ids)]
    return tuple(dict.fromkeys(p for p in (source_parts(r, lang)[1].strip() for _, r in rows.iterrows()) if p))


def money_rows(assessments: Sequence[Assessment]) -> list[tuple[Assessment, MoneyCell | None, dict[str, float] | None]]:
    """(assessment, its MoneyCell, GRDP quantiles that year), rounded; (assessment, None, None) past the horizon."""
    m = load_methods()
    out: list[tuple[Assessment, MoneyCell | None, dict[str, float] | None]] = []
    for a in assessments:
        cell = a.own_money
        if a.money_projection is None:
            continue
        if a.target.deadline > money_horizon(a.money_projection, m.money_max_years_ahead):
            out.append((a, None, None))  # the engine gives no cell there either
            continue
        if cell is None:
            continue
        grdp = a.money_projection.at(cell.year)
        out.append((a, cell.rounded(m.money_round_to), {k: round_money(v, m.money_round_to)
                                                        for k, v in grdp.items()}))
    return out


def money_chart(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> Chart | None:
    """Huế's GRDP (current prices) with its fan up to the money horizon, and the R&D amounts within it."""
    rows = money_rows(assessments)
    if not rows:
        return None
    m = load_methods()
    ind = dataset.registry.indicators[m.money_denominator]
    series = annual_series(dataset.observations, ind.id, m.money_geo)
    proj = rows[0][0].money_projection
    # The fan stops where money figures stop: no interval is drawn where none is given.
    last = money_horizon(proj, m.money_max_years_ahead)
    shown = [(a, cell) for a, cell, _g in rows if cell is not None]
    marks = tuple(TargetMark(float(proj.at(cell.year)["median"]), cell.year,
                             f"{value_text(cell.share, a.target.unit, lang)}: "
                             f"{value_text(cell.median, 'billion VND', lang, True, True)}") for a, cell in shown)
    history = Line.from_frame(series, t("hue", lang))
    fan = _fan(proj, last)
    panel = Panel(ind.label(lang), ind.unit, history=history, fan=fan, integer=True,
                  ylabel=unit_text(ind.unit, lang))
    fig = charts.panel_figure(panel, lang)
    ax = fig.axes[0]
    for mk in marks:
        ax.annotate(mk.text, (mk.year, mk.value), xytext=(-6, 10), textcoords="offset points", ha="right",
                    fontsize=charts.SMALLEST_PT, color=charts.COLOURS["target"], fontweight="bold")
        ax.scatter([mk.year], [mk.value], marker="D", s=30, color=charts.COLOURS["target"], zorder=6)
    s = series_summary(series, ind.unit, lang, True)
    q = proj.at(last)
    step = m.money_round_to
    alt = t("alt_money", lang).format(title=ind.label(lang), **s, year=last,
                                      median=value_text(round_money(q["median"], step), ind.unit, lang, True, True),
                                      lo80=num(round_money(q["lo80"], step), lang, True, True),
                                      hi80=num(round_money(q["hi80"], step), lang, True, True),
                                      marks=join_words([mk.text + f" ({mk.year})" for mk in marks], lang) or "–")
    money = pd.DataFrame({"series": [f"rnd_money:{a.target.id}" for a, _ in shown], "geo": m.money_geo,
                          "year": [c.year for _, c in shown], "status": "projection",
                          **{k: [getattr(c, k) for _, c in shown] for k in ("median", "lo80", "hi80", "lo95", "hi95")}})
    data = chart_data(line_data(history, ind.id, m.money_geo), fan_data(fan, ind.id, m.money_geo) if fan else None,
                      money)
    return _chart(fig, alt, data, source_texts(dataset, series, lang=lang), "grdp_money", lang)


def scenario_chart(results: Sequence[tuple[Scenario, list[Assessment]]], index: int, lang: str = "vi",
                   dataset: Dataset | None = None) -> Chart | None:
    """History by status, the first scenario's fan, and every scenario's median path to the deadline."""
    column = [r[1][index] for r in results]
    a = next((x for x in column if x.projection is not None), None)
    if a is None:
        return None
    integer = a.integer
    unit = a.target.unit or ""
    deadline = a.target.deadline
    extra, medians, paths = [], [], []
    ind_id = a.target.indicator or a.target.id
    for sc, x in zip((r[0] for r in results), column):
        if x.projection is None:
            continue
        f = x.projection.to_frame()
        f = f[f["year"] <= deadline]
        years = (x.latest_year, *(int(y) for y in f["year"]))
        values = (x.latest_value, *(float(v) for v in f["median"]))
        extra.append(Line(years, values, sc.label(lang)))
        # The path's first point is the last observation (already a history row); the rest are medians.
        paths.append(pd.DataFrame({"series": f"{ind_id}:{sc.name}", "geo": x.geo, "year": list(years[1:]),
                                   "status": "projection", "median": list(values[1:])}))
        q = x.projection.at(deadline)
        medians.append(t("alt_scenario_item", lang).format(
            label=sc.label(lang), median=value_text(q["median"], unit, lang, integer, True),
            p=chance_text(x.chance, lang)))
    history = Line.from_frame(a.series, t("hue", lang))
    mark = TargetMark(float(a.target.value), deadline, mark_text(a.target, lang, integer))  # type: ignore[arg-type]
    panel = Panel(subject(a.target, a.breakdown, lang), unit, history=history,
                  targets=(mark,), extra=tuple(extra), integer=integer,
                  ylabel=unit_text(unit, lang))
    fig = charts.panel_figure(panel, lang)
    s = series_summary(a.series, unit, lang, integer)
    alt = t("alt_scenarios", lang).format(title=subject(a.target, a.breakdown, lang), goal=goal_text(a.target, lang),
                                          year=deadline, items=join_words(medians, lang), **s)
    data = chart_data(line_data(history, ind_id, a.geo), *paths, _target_rows((mark,), (a,)))
    return _chart(fig, alt, data, source_texts(dataset, a.series, lang=lang), "scenarios_" + _name(a), lang)

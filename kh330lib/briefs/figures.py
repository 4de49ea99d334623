"""Charts of assessments for the briefs: history, fan, targets, required path, proxies, money view, scenarios."""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from ..assess.assessment import Assessment
from ..data.observations import Dataset, annual_series
from ..data.scenarios import Scenario
from ..methods.attainment import MoneyCell
from ..methods.settings import load_methods
from ..words import breakdown_name, status_name, t
from ..words.phrases import (
    COMPARATOR_SIGNS,
    chance_text,
    goal_text,
    join_words,
    num,
    series_label,
    subject,
    unit_text,
    value_text,
)
from ..words.sentences import assumption_sentences
from . import charts
from .charts import Chart, Fan, Line, Panel, TargetMark


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


def _mark(a: Assessment, lang: str) -> TargetMark:
    value = float(a.target.value)
    if a.kind == "milestone":
        return TargetMark(value, a.target.deadline, f"{t('milestone_done', lang)} {a.target.deadline}")
    sign = COMPARATOR_SIGNS[a.target.comparator or ">="]
    return TargetMark(value, a.target.deadline,
                      f"{sign} {value_text(value, a.target.unit, lang, a.integer)} ({a.target.deadline})")


def _merged_marks(group: Sequence[Assessment], lang: str) -> tuple[TargetMark, ...]:
    """One star per target; targets with the same value share one label naming all their years."""
    marks = [_mark(g, lang) for g in group]
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
            "status": status_name(str(last["status"]), lang)}


def assessment_chart(group: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> Chart | None:
    """History by status, 80 %/95 % fan to the last deadline, target marks, required path, Viet Nam.

    `group` holds the assessments of one indicator and level (e.g. the 2030, 2035 and 2045 R&D targets).
    Without Huế data the chart shows the proxy series, labelled as such on the chart; without either, None.
    """
    a = group[0]
    if a.kind in ("qualitative", "milestone"):
        return None
    ind = a.indicator
    integer = bool(ind and ind.integer)
    unit = a.target.unit or ""
    has = a.measured or a.has_assumptions
    title = subject(a.target, a.breakdown, lang) if has or ind is None else ind.label(lang)
    firsts = list({g.target.id: g for g in group}.values())  # one mark per target, not per level
    goals = join_words([_mark(g, lang).text for g in firsts], lang)
    marks = _merged_marks(firsts, lang)
    if a.kind == "cumulative":
        return _cumulative_chart(a, lang, title, marks)
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


def _cumulative_chart(a: Assessment, lang: str, title: str, marks: tuple) -> Chart | None:
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


def coverage_chart(dataset: Dataset, lang: str = "vi") -> Chart:
    """Dot chart of the years each series covers, with an alt text that states the counts it shows."""
    obs = dataset.observations
    rows = []
    for ind in dataset.registry.indicators.values():
        sel = obs[obs["indicator"] == ind.id]
        for (geo, breakdown), _grp in sel.groupby(["geo", "breakdown"], sort=False):
            series = annual_series(obs, ind.id, str(geo), str(breakdown))
            bd = breakdown_name(str(breakdown), lang)
            label = series_label(dataset, ind.id, str(geo), lang) + (f" — {bd}" if bd else "")
            rows.append((label, [int(y) for y in series["year"]], [str(s) for s in series["status"]]))
    n_hue = sum(1 for ind in dataset.registry.indicators.values()
                if ((obs["indicator"] == ind.id) & (obs["geo"] == "VN-HUE")).any())
    alt = t("alt_coverage", lang).format(
        n=len(rows), first=int(obs["year"].min()) if len(obs) else "–",
        last=int(obs["year"].max()) if len(obs) else "–", hue=n_hue,
        points=sum(len(r[1]) for r in rows))
    return charts.coverage_chart(rows, t("h_coverage_chart", lang), lang, alt)


def money_rows(assessments: Sequence[Assessment]) -> list[tuple[Assessment, MoneyCell, dict[str, float]]]:
    """(assessment, its own MoneyCell, GRDP quantiles that year) for each R&D share target."""
    return [(a, a.own_money, a.money_projection.at(a.own_money.year)) for a in assessments
            if a.own_money is not None and a.money_projection is not None]


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


def scenario_chart(results: Sequence[tuple[Scenario, list[Assessment]]], index: int, lang: str = "vi") -> Chart | None:
    """History by status, the first scenario's fan, and every scenario's median path to the deadline."""
    column = [r[1][index] for r in results]
    a = next((x for x in column if x.projection is not None), None)
    if a is None:
        return None
    integer = a.integer
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
            p=chance_text(x.chance, lang)))
    panel = Panel(subject(a.target, a.breakdown, lang), unit, history=Line.from_frame(a.series, t("hue", lang)),
                  targets=(_mark(a, lang),), extra=tuple(extra), integer=integer,
                  ylabel=unit_text(unit, lang))
    fig = charts.panel_figure(panel, lang)
    s = _summary_of_series(a.series, unit, lang, integer)
    alt = t("alt_scenarios", lang).format(title=subject(a.target, a.breakdown, lang), goal=goal_text(a.target, lang),
                                          year=deadline, items=join_words(medians, lang), **s)
    return Chart(fig, alt)



"""Every text of one indicator block of a topic brief, composed once (`block_texts`): its heading, the plan's
wording, sentences, the outside view, the chart's title, labels, alt text, note and sources, the evidence line and
the sensitivity tables. The briefs draw and lay out; they say nothing of their own."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any, Sequence

import pandas as pd

from ..assess.assessment import Assessment
from ..data.annual import annual_series
from ..data.tables import Dataset
from . import band_name, model_name, t
from .outside import outside_text
from .phrases import (
    case_text,
    chance_text,
    clause_text,
    goal_text,
    join_words,
    lower_first,
    mark_text,
    merged_marks,
    num,
    probability_text,
    range_text,
    series_label,
    series_summary,
    source_texts,
    subject,
    unit_text,
    value_text,
)
from .sentences import assumption_sentences, evidence_sentence, group_no_data_sentence, target_sentences


@dataclass(frozen=True)
class ChartTexts:
    """What the chart of a block shows and says: which chart (`kind`: level, cumulative or reference, a stand-in
    series drawn without Huế's target), the series it draws beside Huế's, and every text on and under it."""

    kind: str
    title: str
    history: str  # the label of the series drawn
    ylabel: str
    alt: str
    sources: tuple[str, ...]
    # The label of each target's star, one per target (`firsts`); "" where a star of the same value names it.
    marks: tuple[str, ...] = ()
    firsts: tuple[Assessment, ...] = ()
    # The latest deadline of the block: the fan is drawn to it.
    last: int = 0
    # The assessment whose required path is drawn (the first with more than one point of it), if any.
    required_from: Assessment | None = None
    required: str = ""
    # Viet Nam's series of the same indicator, in its own panel (empty where there is none).
    national: pd.DataFrame | None = None
    national_unit: str = ""
    national_label: str = ""
    national_title: str = ""
    national_ylabel: str = ""
    weak_label: str = ""  # written on a stand-in series
    note: str = ""


@dataclass(frozen=True)
class SensitivityTexts:
    """The "what would change this answer" table of one target: title, note, headers and rows."""

    title: str
    note: str
    headers: tuple[str, str]
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class BlockTexts:
    """Every text of one indicator block, in the order the block shows them."""

    title: str
    plan_label: str
    plan: str
    sentences: tuple[str, ...]
    outside: tuple[str, ...]
    chart: ChartTexts | None
    evidence: str
    sensitivity: tuple[SensitivityTexts, ...]


def block_texts(group: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> BlockTexts:
    """The texts of the block of one indicator (and level): `group` holds its assessments (e.g. the 2030, 2035
    and 2045 R&D targets)."""
    a = group[0]
    has = a.measured or a.has_assumptions
    if has:
        title = subject(a.target, a.breakdown, lang)
    else:
        title = a.indicator.label(lang) if a.indicator else a.target.label(lang)
    plan = "; ".join(f"{tg.text_vi.strip()} ({clause_text(tg.clause, lang)})"
                     for tg in dict.fromkeys(g.target for g in group))
    if has:
        sentences = tuple(dict.fromkeys(s for g in group for s in target_sentences(g, dataset, lang)))
    else:
        sentences = (group_no_data_sentence(group, dataset, lang),)
    # The outside view beside the chance: counted from the pool, from a national starting point where Huế has none.
    outside = tuple(f"{t('outside_label', lang)} {lower_first(view)}"
                    for view in dict.fromkeys(outside_text(g, lang) for g in group) if view)
    tables = (sensitivity_texts(g, lang) for g in dict.fromkeys(x for x in group if x.chance is not None))
    return BlockTexts(title, t("plan_says", lang), plan, sentences, outside, chart_texts(group, dataset, lang),
                      evidence_sentence(a, lang), tuple(x for x in tables if x is not None))


def sensitivity_texts(a: Assessment, lang: str = "vi") -> SensitivityTexts | None:
    """What would change the answer: the combined chance, each model alone, each sensitivity case (None without
    a chance)."""
    c = a.chance
    if c is None:
        return None
    note = t("sens_note", lang).format(deadline=a.target.deadline, band=band_name(c.band, lang),
                                       range=range_text(c.low, c.high, lang))
    title = t("h_sensitivity", lang) + (f": {goal_text(a.target, lang)}" if a.target.deadline else "")
    rows = [(t("sens_all", lang), chance_text(c, lang))]
    rows += [(t("sens_model", lang).format(model=model_name(m.name, lang)), probability_text(m.p, lang))
             for m in c.models]
    rows += [(case_text(x, a.target.unit, lang).capitalize(), probability_text(x.p, lang)) for x in c.cases]
    return SensitivityTexts(title, note, (t("sens_case", lang), t("sens_p", lang)), tuple(rows))


def chart_texts(group: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> ChartTexts | None:
    """The chart of a block: history by status, fan, target stars and required path, Viet Nam in its own panel;
    without Huế data a stand-in series with no target drawn; None where there is no chart."""
    a = group[0]
    if a.kind in ("qualitative", "milestone"):
        return None
    ind = a.indicator
    has = a.measured or a.has_assumptions
    title = subject(a.target, a.breakdown, lang) if has or ind is None else ind.label(lang)
    firsts = tuple({g.target.id: g for g in group}.values())  # one star per target, not per level
    goals = join_words([mark_text(g.target, lang, a.integer) for g in firsts], lang)
    marks = merged_marks([g.target for g in firsts], lang, a.integer)
    shown = dict(title=title, marks=marks, firsts=firsts)
    if a.kind == "cumulative":
        return _cumulative(a, dataset, lang, shown)
    if a.has_data:
        return _level(a, group, dataset, lang, goals, shown)
    if not a.proxies:
        return None
    p = a.proxies[0]
    label = series_label(dataset, p.indicator, p.geo, lang)
    reference = t("national_reference", lang) if p.geo == "VN" else t("proxy_prefix", lang)
    # A stand-in series is never drawn against Huế's target: its level would read as Huế's ("met").
    chart_title = textwrap.fill(t("reference_chart_title", lang).format(label=label, reference=reference)
                                + f" ({t('no_hue_data_title', lang)})", 75)
    s = series_summary(p.series.assign(status="proxy"), p.unit, lang, bool(ind and ind.integer))
    note = t("proxy_target_note", lang).format(reference=reference, goals=join_words([m for m in marks if m], lang))
    return ChartTexts("reference", chart_title, dataset.registry.geos[p.geo].label(lang), unit_text(p.unit, lang),
                      t("alt_proxy", lang).format(title=title, proxy=label, goals=goals, **s),
                      source_texts(dataset, p.series, lang=lang), firsts=firsts,
                      weak_label=f"{t('proxy_prefix', lang).capitalize()}: {label}", note=note)


def _level(a: Assessment, group: Sequence[Assessment], dataset: Dataset, lang: str, goals: str,
           shown: dict[str, Any]) -> ChartTexts:
    """A series with Huế data: Huế's panel (fan, targets, required path) and Viet Nam's panel below it."""
    unit, integer = a.target.unit or "", a.integer
    own_unit = a.indicator.unit if a.indicator is not None else unit  # the unit of the series drawn
    last = max(g.target.deadline for g in group)
    first_open = next((g for g in group if g.required is not None and len(g.required) > 1), None)
    nat = national_series(a, dataset)
    nat_unit = dataset.registry.indicators[a.target.indicator].unit if len(nat) else ""
    s = series_summary(a.series, unit, lang, integer)
    alt = t("alt_level" if s["n"] > 1 else "alt_level_one", lang).format(title=shown["title"], goals=goals, **s)
    q = a.projection.at(last) if a.projection is not None else None
    if q is not None:
        alt += " " + t("alt_fan", lang).format(
            year=last, median=value_text(q["median"], unit, lang, integer, True),
            lo80=num(q["lo80"], lang, integer, True), hi80=num(q["hi80"], lang, integer, True),
            lo95=num(q["lo95"], lang, integer, True), hi95=num(q["hi95"], lang, integer, True))
    if first_open is not None:
        alt += " " + t("alt_required", lang)
    if len(nat):
        alt += " " + t("alt_national", lang).format(**series_summary(nat, nat_unit, lang, integer))
    if a.has_assumptions:
        alt += " " + " ".join(assumption_sentences(a, lang))
    return ChartTexts("level", history=t("hue", lang), ylabel=unit_text(own_unit, lang), alt=alt,
                      sources=source_texts(dataset, a.series, nat, lang=lang), last=last, required_from=first_open,
                      required=t("required_path", lang), national=nat, national_unit=nat_unit,
                      national_label=t("national_series", lang), national_title=t("national_panel_title", lang),
                      national_ylabel=unit_text(nat_unit, lang), **shown)


def _cumulative(a: Assessment, dataset: Dataset, lang: str, shown: dict[str, Any]) -> ChartTexts | None:
    """The running total since the plan's start, its required path and the target."""
    c = a.cumulative
    if c is None or c.total is None:
        return None
    years = list(c.years_reported)
    alt = t("alt_cumulative", lang).format(title=shown["title"], total=value_text(c.total, a.target.unit, lang, True),
                                           start=c.start, year=years[-1], goals=join_words(list(shown["marks"]), lang))
    return ChartTexts("cumulative", history=t("cumulative_total", lang), ylabel=unit_text(a.target.unit, lang),
                      alt=alt, sources=source_texts(dataset, a.series[a.series["year"].isin(years)], lang=lang),
                      required=t("required_path", lang), **shown)


def national_series(a: Assessment, dataset: Dataset) -> pd.DataFrame:
    """The same indicator for Viet Nam, when it exists (comparison only)."""
    if a.target.indicator is None or a.geo == "VN":
        return pd.DataFrame(columns=["year", "value", "status"])
    return annual_series(dataset.observations, a.target.indicator, "VN", a.breakdown)

"""The scenarios brief (60): what each scenario changes, and every target's outcome side by side."""

from __future__ import annotations

from typing import Sequence

from IPython.display import HTML

from ..assess import assess_all
from ..assess.assessment import Assessment
from ..data.scenarios import Scenario, scenario_set
from ..data.tables import Dataset
from ..words import t, verdict_name
from ..words.phrases import adjustment_text, chance_text, goal_text, num, target_name, target_names, value_text
from ..words.sentences import projection_text
from ..words.summary import count_targets
from .figures import scenario_chart
from .page import Raw, badge, esc, figure_markup, table_html, wrap


def compare_scenarios(dataset: Dataset, current: Scenario, base_year: int | None = None
                      ) -> list[tuple[Scenario, list[Assessment]]]:
    """(scenario, assessments) for every scenario of `scenario_set`, all targets in registry order."""
    return [(sc, assess_all(dataset, scenario=sc, base_year=base_year))
            for sc in scenario_set(current, dataset.registry)]



def adjustments_table(scenarios: Sequence[Scenario], dataset: Dataset, lang: str = "vi") -> HTML:
    """What each scenario changes, why (its file's own words), and on which indicator."""
    rows = []
    for sc in scenarios:
        if not sc.adjustments:
            rows.append([sc.label(lang), "–", t("adj_none", lang), ""])
        for adj in sc.adjustments:
            ind = dataset.registry.indicators.get(adj.indicator)
            rows.append([sc.label(lang), ind.label(lang) if ind else adj.indicator,
                         adjustment_text(adj, ind.unit if ind else None, lang),
                         Raw(f'<span lang="{"vi" if lang == "vi" and adj.rationale_vi else "en"}">'
                             f'{esc(" ".join(adj.rationale_in(lang).split()))}</span>')])
    headers = [t("scenario", lang), t("indicator", lang), t("adj_change", lang), t("adj_rationale", lang)]
    return wrap(table_html(headers, rows, "adjustments"), lang)


def _cell(a: Assessment, lang: str) -> Raw:
    proj = projection_text(a, lang)
    text = f"{esc(proj)}<br>" if proj != "–" else ""
    if a.chance is not None:
        text += f"{esc(t('sc_p_meet', lang))}: {esc(chance_text(a.chance, lang))}<br>"
    return Raw(text + badge(a.verdict, lang).markup)


def scenario_table(results: Sequence[tuple[Scenario, list[Assessment]]], lang: str = "vi") -> HTML:
    """Targets with data (or assumed values) in any scenario: projection, P(met) and status per scenario."""
    first = results[0][1]
    shown = [i for i in range(len(first)) if any(r[1][i].measured or r[1][i].has_assumptions for r in results)]
    names = target_names([(first[i].target, first[i].breakdown) for i in shown], lang)
    rows = [[name, goal_text(first[i].target, lang), *[_cell(r[1][i], lang) for r in results]]
            for name, i in zip(names, shown)]
    headers = [t("target", lang), t("goal", lang), *[sc.label(lang) for sc, _ in results]]
    # The one count of every page: targets (not rows) without Huế data; assumed values are not data.
    counts = count_targets((a.target.id, a.kind, a.measured) for a in first)
    same = t("scenario_same", lang).format(n=counts.without, total=counts.total, qual=counts.qualitative)
    note = f'<p class="note">{esc(same)}</p>' if counts.without else ""
    return wrap(table_html(headers, rows, "scenarios") + note, lang)


def scenario_blocks(results: Sequence[tuple[Scenario, list[Assessment]]], lang: str = "vi") -> list[HTML]:
    """For each target with a projection in some scenario: one sentence per scenario and one chart."""
    first = results[0][1]
    out = []
    for i, a in enumerate(first):
        column = [r[1][i] for r in results]
        if not any(x.projection is not None for x in column):
            continue
        sentences = []
        for sc, x in zip((r[0] for r in results), column):
            q = x.at_deadline()
            if q is None:
                sentences.append(t("scenario_no_projection", lang).format(label=sc.label(lang)))
                continue
            integer = x.integer
            sentences.append(t("scenario_sentence", lang).format(
                label=sc.label(lang), deadline=x.target.deadline,
                median=value_text(q["median"], x.target.unit, lang, integer, True),
                lo=num(q["lo80"], lang, integer, True), hi=num(q["hi80"], lang, integer, True),
                p=chance_text(x.chance, lang), verdict=verdict_name(x.verdict, lang)))
        body = (f"<h2>{esc(target_name(a.target, a.breakdown, lang))}: {esc(goal_text(a.target, lang))}</h2>"
                + "<ul>" + "".join(f"<li>{esc(s)}</li>" for s in sentences) + "</ul>")
        chart = scenario_chart(results, i, lang)
        if chart is not None:
            body += figure_markup(chart)
        out.append(wrap(body, lang))
    return out



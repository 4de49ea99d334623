"""The topic briefs (20 labour, 30 STEM, 40 R&D, 50 capacity): one block per indicator, and the R&D money view."""

from __future__ import annotations

from typing import Sequence

from IPython.display import HTML

from ..assess.assessment import Assessment
from ..data.observations import Dataset
from ..data.panel import load_panel
from ..words import band_name, model_name, t
from ..words.phrases import (
    case_text,
    chance_text,
    clause_text,
    goal_text,
    join_words,
    num,
    probability_text,
    range_text,
    subject,
    unit_text,
    value_text,
)
from ..words.sentences import evidence_sentence, group_no_data_sentence, target_sentences
from . import charts
from .charts import Line
from .figures import assessment_chart, money_chart, money_rows
from .page import esc, figure_html, figure_markup, paragraph, table_html, wrap
from .scorecard import scorecard_table


def topic_groups(assessments: Sequence[Assessment], targets: Sequence[str]) -> list[list]:
    """The assessments of `targets`, grouped by indicator and level; levels without Huế data share a group."""
    groups: dict[tuple, list] = {}
    for a in assessments:
        if a.target.id not in targets:
            continue
        has = a.measured or a.has_assumptions
        key = (a.target.indicator or a.target.id, a.breakdown if has else "", has)
        groups.setdefault(key, []).append(a)
    order = {tid: i for i, tid in enumerate(targets)}
    return sorted(groups.values(), key=lambda g: min(order[a.target.id] for a in g))


def indicator_block(group: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> HTML:
    """One indicator (and level): heading, the plan's wording, sentences, chart with alt text, evidence."""
    a = group[0]
    has = a.measured or a.has_assumptions
    if has:
        title = subject(a.target, a.breakdown, lang)
    else:
        ind = a.indicator
        title = ind.label(lang) if ind else a.target.label(lang)
    parts = [f"<h2>{esc(title)}</h2>"]
    plan = "; ".join(f"{tg.text_vi.strip()} ({clause_text(tg.clause, lang)})"
                     for tg in dict.fromkeys(g.target for g in group))
    parts.append(f'<p class="note">{esc(t("plan_says", lang))}: <span lang="vi">«{esc(plan)}»</span></p>')
    if has:
        sentences = [s for g in group for s in target_sentences(g, dataset, lang)]
        sentences = list(dict.fromkeys(sentences))
    else:
        sentences = [group_no_data_sentence(group, dataset, lang)]
    parts.append("<ul>" + "".join(f"<li>{esc(s)}</li>" for s in sentences) + "</ul>")
    chart = assessment_chart(group, dataset, lang)
    body = "".join(parts)
    if chart is not None:
        body += figure_markup(chart)
    ev = evidence_sentence(a, lang)
    if ev:
        body += f'<p class="note">{esc(ev)}</p>'
    for g in dict.fromkeys(x for x in group if x.chance is not None):
        body += sensitivity_markup(g, lang)
    return wrap(body, lang)


def sensitivity_rows(a: Assessment, lang: str = "vi") -> list[list[str]]:
    """What would change the answer: the combined chance, each model alone, each sensitivity case."""
    c = a.chance
    if c is None:
        return []
    rows = [[t("sens_all", lang), chance_text(c, lang)]]
    rows += [[t("sens_model", lang).format(model=model_name(m.name, lang)), probability_text(m.p, lang)]
             for m in c.models]
    rows += [[case_text(x, a.target.unit, lang).capitalize(), probability_text(x.p, lang)] for x in c.cases]
    return rows


def sensitivity_markup(a: Assessment, lang: str = "vi") -> str:
    """The "what would change this answer" table of one target, as markup."""
    c = a.chance
    if c is None:
        return ""
    note = t("sens_note", lang).format(deadline=a.target.deadline, band=band_name(c.band, lang),
                                       range=range_text(c.low, c.high, lang))
    title = t("h_sensitivity", lang) + (f": {goal_text(a.target, lang)}" if a.target.deadline else "")
    return (f"<h3>{esc(title)}</h3><p class=\"note\">{esc(note)}</p>"
            + table_html([t("sens_case", lang), t("sens_p", lang)], sensitivity_rows(a, lang), "sensitivity",
                         numeric=(1,)))


def context_block(dataset: Dataset, lang: str = "vi") -> HTML:
    """Huế's certificate share beside its neighbours, the region and the country (GSO panel, another definition)."""
    panel = load_panel(dataset)
    if panel is None:
        return wrap("", lang)
    lines = []
    for shown in panel.shown:
        s = panel.area(shown.area)
        lines.append(Line(s.years, s.values, shown.label(lang)))
    hue = lines[0]
    alt = t("alt_context", lang).format(areas=join_words([x.label for x in lines], lang),
                                        hue_first=value_text(hue.values[0], panel.unit, lang), first=hue.years[0],
                                        hue_last=value_text(hue.values[-1], panel.unit, lang), last=hue.years[-1])
    chart = charts.lines_chart(lines, t("h_context", lang), panel.unit, lang, alt)
    note = t("context_note", lang).format(definition=panel.definition(lang), source=panel.citation(lang),
                                          break_note=panel.break_note(lang))
    return wrap(f"<h2>{esc(t('h_context', lang))}</h2>" + figure_markup(chart)
                + f'<p class="note">{esc(note.strip())}</p>', lang)


def topic_blocks(assessments: Sequence[Assessment], dataset: Dataset, targets: Sequence[str],
                 lang: str = "vi") -> list[HTML]:
    """The blocks of a topic brief, one per indicator and level, in the order of `targets`."""
    known = {a.target.id for a in assessments}
    unknown = [tid for tid in targets if tid not in known]
    if unknown:
        dataset.registry.target(unknown[0])  # raises InputError naming the known targets
    return [indicator_block(g, dataset, lang) for g in topic_groups(assessments, targets)]


def topic_scorecard(assessments: Sequence[Assessment], dataset: Dataset, targets: Sequence[str],
                    lang: str = "vi") -> HTML:
    """The scorecard rows of a topic's targets only."""
    return scorecard_table([a for a in assessments if a.target.id in targets], dataset, lang)


def money_table(assessments: Sequence[Assessment], lang: str = "vi") -> HTML:
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
    return wrap(table_html(headers, rows, "money", numeric=(1, 2)), lang)


def money_figure(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> HTML:
    """The GRDP chart of the money view, or a sentence saying why there is none."""
    chart = money_chart(assessments, dataset, lang)
    return figure_html(chart, lang=lang) if chart is not None else paragraph(t("money_none", lang), lang)



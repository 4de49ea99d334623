"""The topic briefs (20 labour, 30 STEM, 40 R&D, 50 capacity): one block per indicator, and the R&D money view."""

from __future__ import annotations

from typing import Sequence

from IPython.display import HTML

from ..assess.assessment import Assessment
from ..data.observations import Dataset
from ..words import t
from ..words.phrases import clause_text, goal_text, num, subject, unit_text
from ..words.sentences import evidence_sentence, group_no_data_sentence, target_sentences
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
    return wrap(body, lang)


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



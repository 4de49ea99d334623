"""The topic briefs (20 labour, 30 STEM, 40 R&D, 50 capacity): one block per indicator, and the R&D money view."""

from __future__ import annotations

import dataclasses
from typing import Sequence

from IPython.display import HTML

from ..assess.assessment import Assessment
from ..data.panel import load_panel
from ..data.tables import Dataset
from ..store.settings import load_methods
from ..words import t
from ..words.blocks import block_texts
from ..words.phrases import goal_text, join_words, num, unit_text, value_text
from . import charts
from .charts import Line, chart_data, data_statuses, line_data
from .figures import block_chart, money_chart, money_rows
from .grid import anchor
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
    texts = block_texts(group, dataset, lang)
    # One anchor per target, where the status grid of the index leads.
    anchors = "".join(f'<span id="{anchor(tid)}"></span>' for tid in dict.fromkeys(g.target.id for g in group))
    body = (f"{anchors}<h2>{esc(texts.title)}</h2>"
            f'<p class="note">{esc(texts.plan_label)}: <span lang="vi">«{esc(texts.plan)}»</span></p>'
            + "<ul>" + "".join(f"<li>{esc(s)}</li>" for s in texts.sentences) + "</ul>"
            + "".join(f'<p class="note">{esc(view)}</p>' for view in texts.outside))
    chart = block_chart(group, texts.chart, lang) if texts.chart is not None else None
    if chart is not None:
        body += figure_markup(chart)
    if texts.evidence:
        body += f'<p class="note">{esc(texts.evidence)}</p>'
    for table in texts.sensitivity:
        body += (f"<h3>{esc(table.title)}</h3><p class=\"note\">{esc(table.note)}</p>"
                 + table_html(list(table.headers), [list(r) for r in table.rows], "sensitivity", numeric=(1,)))
    return wrap(body, lang)


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
    data = chart_data(*(line_data(Line(s.years, s.values, "", s.statuses), panel.source, s.area)
                        for s in (panel.area(x.area) for x in panel.shown)))
    chart = dataclasses.replace(chart, data=data, sources=(panel.citation(lang),), statuses=data_statuses(data),
                                name="context_panel", lang=lang)
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
    """What each R&D share target means in billion VND of projected GRDP: rounded, with 80 % intervals,
    and only up to the money horizon (beyond it the table says there is no basis for a figure)."""
    m = load_methods()
    bn = unit_text("billion VND", lang)
    rows = []
    last_obs, whys = None, []
    for a, cell, grdp in money_rows(assessments):
        last_obs = int(max(a.money_projection.years))
        if cell is None or grdp is None:
            whys.append(t("money_no_basis", lang).format(year=a.target.deadline, last=last_obs,
                                                         n=m.money_max_years_ahead))
            rows.append([goal_text(a.target, lang), t("money_no_basis_short", lang), "–"])
            continue
        rows.append([goal_text(a.target, lang), _about(grdp["median"], grdp["lo80"], grdp["hi80"], lang),
                     _about(cell.median, cell.lo80, cell.hi80, lang)])
    headers = [t("goal", lang), t("money_grdp", lang).format(unit=bn), t("money_rnd", lang).format(unit=bn)]
    note = ""
    if last_obs is not None:
        note = t("money_rounding_note", lang).format(step=num(m.money_round_to, lang, True, True),
                                                     n=m.money_max_years_ahead, last=last_obs,
                                                     horizon=last_obs + m.money_max_years_ahead)
        note = f'<p class="note">{esc(" ".join([*dict.fromkeys(whys), note]))}</p>'
    return wrap(table_html(headers, rows, "money", numeric=(1, 2)) + note, lang)


def _about(median: float, lo: float, hi: float, lang: str) -> str:
    """`khoảng 12.300 (10.800–14.100)`: an already rounded amount with its 80 % interval."""
    return t("money_about", lang).format(median=num(median, lang, True, True), lo=num(lo, lang, True, True),
                                         hi=num(hi, lang, True, True))


def money_figure(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> HTML:
    """The GRDP chart of the money view, or a sentence saying why there is none."""
    chart = money_chart(assessments, dataset, lang)
    return figure_html(chart, lang=lang) if chart is not None else paragraph(t("money_none", lang), lang)



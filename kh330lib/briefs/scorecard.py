"""The scorecard brief (10): every target in one table, and the verdicts across data vintages."""

from __future__ import annotations

import datetime as dt
from typing import Sequence

import pandas as pd
from IPython.display import HTML

from ..assess.assessment import Assessment
from ..assess.history import HistoryKey, VerdictAt
from ..data.tables import WEAK_STATUSES, Dataset
from ..data.vintages import history_dates
from ..words import evidence_name, t, verdict_name
from ..words.outside import outside_short
from ..words.phrases import chance_short, change_text, clause_text, date_text, goal_text, target_names
from ..words.sentences import change_sentence, latest_text, needs_text, pace_values, projection_text
from .grid import anchor
from .page import badge, esc, table_html, verdict_legend, wrap

NUM_CLASS = ' class="num"'
SECTION_KEYS = {"II.2": "section_2030", "II.3": "section_2035", "II.4": "section_2045"}


def scorecard_rows(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> list[dict]:
    """One dict of display strings per target × level, in the plan's order (also used by tests)."""
    rows = []
    # The outside view once per series (its nearest deadline): later deadlines of the same series repeat it.
    told: set[tuple[str | None, str]] = set()
    # A label the table holds for several deadlines (R&D 2030, 2035, 2045) carries its year.
    names = target_names([(a.target, a.breakdown) for a in assessments], lang)
    for a, name in zip(assessments, names):
        req, obs, _ = pace_values(a)
        outside = outside_short(a, lang) if (a.target.indicator, a.breakdown) not in told else ""
        if outside:
            told.add((a.target.indicator, a.breakdown))
        unit = a.target.unit
        latest = latest_text(a, lang)
        if a.kind == "qualitative":
            latest = t("qualitative_cell", lang)
        elif not a.has_data:
            latest = f"{t('no_data', lang).capitalize()} — {needs_text(a, dataset, lang)}"
        rows.append({
            "section": a.target.clause.split()[0],
            "target": name,
            "clause": clause_text(a.target.clause, lang),
            "goal": goal_text(a.target, lang),
            "latest": latest,
            "assessed": a.kind != "qualitative" and a.has_data,
            "weak": a.latest_status in WEAK_STATUSES or a.has_assumptions,
            "projection": projection_text(a, lang),
            # The band (or a number where allowed); the models' range is in the key messages and the briefs.
            "p_meet": chance_short(a.chance, lang) if a.chance is not None else "–",
            "outside": outside,
            "required": change_text(req, unit, lang, integer=a.integer),
            "observed": change_text(obs, unit, lang, integer=a.integer),
            "verdict": verdict_name(a.verdict, lang),
            "badge": badge(a.verdict, lang),
            "evidence": evidence_name(a.evidence.level, lang) if a.kind != "qualitative" else "–",
        })
    return rows


def scorecard_table(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> HTML:
    """Every target of the plan in one table, grouped by period (sections II.2, II.3, II.4)."""
    headers = [t(k, lang) for k in ("target", "goal", "latest", "sc_projection", "sc_p_meet", "sc_required",
                                    "sc_observed", "sc_verdict", "sc_evidence")]
    body = []
    section = None
    anchored: set[str] = set()
    label = dict(zip(("target", "goal", "latest", "projection", "p_meet", "required", "observed", "verdict",
                      "evidence"), (esc(h) for h in headers)))
    for a, r in zip(assessments, scorecard_rows(assessments, dataset, lang)):
        if r["section"] != section:
            section = r["section"]
            key = SECTION_KEYS.get(section)
            body.append(f'<tr class="section"><th colspan="{len(headers)}" scope="colgroup">'
                        f'{esc(t(key, lang) if key else section)}</th></tr>')
        # The first row of a target is where the status grid's cell leads.
        row_id = f' id="{anchor(a.target.id)}"' if a.target.id not in anchored else ""
        anchored.add(a.target.id)
        target_cell = (f'<td class="target" data-label="{label["target"]}">{esc(r["target"])}<br>'
                       f'<span class="note">{esc(r["clause"])}</span></td>')
        if r["assessed"]:
            latest = f'<span class="weak">{esc(r["latest"])}</span>' if r["weak"] else esc(r["latest"])
            outside = f'<br><span class="note">{esc(r["outside"])}</span>' if r["outside"] else ""
            middle = (f'<td data-label="{label["latest"]}">{latest}</td>'
                      + f'<td{NUM_CLASS} data-label="{label["projection"]}">{esc(r["projection"])}</td>'
                      + f'<td{NUM_CLASS} data-label="{label["p_meet"]}">{esc(r["p_meet"])}{outside}</td>'
                      + "".join(f'<td class="pace" data-label="{label[k]}">{esc(r[k])}</td>'
                                for k in ("required", "observed")))
        else:
            # No Huế data (or a qualitative target): one plain sentence instead of five empty cells; where the
            # country's figure gives a starting point, the outside view from it (labelled, no verdict).
            outside = f'<br><span class="note">{esc(r["outside"])}</span>' if r["outside"] else ""
            middle = f'<td colspan="5" class="gap">{esc(r["latest"])}{outside}</td>'
        body.append(f'<tr{row_id}>{target_cell}<td class="goal" data-label="{label["goal"]}">{esc(r["goal"])}</td>'
                    f'{middle}<td data-label="{label["verdict"]}">{r["badge"].markup}</td>'
                    f'<td data-label="{label["evidence"]}">{esc(r["evidence"])}</td></tr>')
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    legend = f'<p class="note">{esc(t("sc_legend", lang).format(marks=verdict_legend(lang)))}</p>'
    return wrap(f'<table class="kh330-t scorecard"><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(body)}</tbody></table>{legend}', lang)


def history_frame(dataset: Dataset, histories: dict[HistoryKey, list[VerdictAt]], n_last: int = 3,
                  lang: str = "vi") -> pd.DataFrame:
    """The verdict history for readers: one row per target × level, one column per data state, then a mark
    where the verdict changed (the sentences saying how go in the key messages); no such column when none did."""
    dates = history_dates(dataset, n_last)
    names = target_names([(dataset.registry.target(tid), breakdown) for tid, breakdown in histories], lang)
    rows = []
    for name, history in zip(names, histories.values()):
        row = {t("history_target", lang): name}
        for v in history:
            row[_state(v.as_of, lang)] = verdict_name(v.verdict, lang)
        row[t("history_change", lang)] = t("history_changed", lang) if change_sentence(history, lang) else ""
        rows.append(row)
    changed = any(r[t("history_change", lang)] for r in rows)
    return pd.DataFrame(rows, columns=[t("history_target", lang), *(_state(d, lang) for d in dates),
                                       *([t("history_change", lang)] if changed else [])])


def _state(as_of: dt.date | None, lang: str) -> str:
    """A data state as a column heading: `15/03/2026`, `Số liệu gốc`."""
    text = date_text(as_of, lang)
    return text[:1].upper() + text[1:]


def verdict_history_table(dataset: Dataset, histories: dict[HistoryKey, list[VerdictAt]], lang: str = "vi",
                          n_last: int = 3) -> HTML:
    """The verdict of each target under each of the last data vintages, as an HTML table."""
    frame = history_frame(dataset, histories, n_last, lang)
    return wrap(table_html(list(frame.columns), frame.itertuples(index=False), cls="verdict-history"), lang)

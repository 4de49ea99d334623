"""The methods brief (90): every rule in plain words, the two assessment methods side by side, backtests."""

from __future__ import annotations

from typing import Sequence

from IPython.display import HTML

from .. import fmt
from ..assess.assessment import Assessment
from ..methods.settings import Methods
from ..words import model_name, t, unsd_name, verdict_name
from ..words.phrases import goal_text, num, share_text, subject, target_name, value_text
from ..words.sentences import methods_paragraphs
from .page import esc, paragraph, table_html, wrap


def methods_html(methods: Methods, lang: str = "vi") -> HTML:
    """The methods in plain words, then the published sources they follow."""
    body = ""
    for heading_text, paragraphs in methods_paragraphs(methods, lang):
        body += f"<h2>{esc(heading_text)}</h2>" + "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    sources = "".join(f'<li><span lang="en">{esc(v)}</span></li>' for v in methods.sources.values())
    body += f'<h2>{esc(t("m_h_sources", lang))}</h2><ul class="note">{sources}</ul>'
    return wrap(body, lang)


def backtest_rows(assessments: Sequence[Assessment], lang: str = "vi") -> list[list[str]]:
    """One row per modelled Huế series: model, backtest size, MASE, RMSE, 80 %/95 % coverage, widening."""
    rows, seen = [], set()
    for a in assessments:
        if a.projection is None or a.choice is None:
            continue
        key = (a.target.indicator, a.geo, a.breakdown)
        if key in seen:
            continue
        seen.add(key)
        bt = a.choice.backtest(a.projection.model)
        integer = a.integer
        rows.append([subject(a.target, a.breakdown, lang), str(a.n_points), model_name(a.projection.model, lang),
                     str(bt.n_origins) if bt else "0", str(bt.n_errors) if bt else "0",
                     fmt.number(bt.mase, lang, 2) if bt and bt.mase is not None else "–",
                     num(bt.rmse, lang, integer) if bt and bt.rmse is not None else "–",
                     share_text(bt.coverage80 if bt else None, lang), share_text(bt.coverage95 if bt else None, lang),
                     "×" + fmt.number(a.projection.widening, lang, 2),
                     t("bt_enough" if a.choice.enough_history else "bt_too_little", lang)])
    return rows


def backtest_table(assessments: Sequence[Assessment], lang: str = "vi") -> HTML:
    """Backtest accuracy and interval coverage of every projected series, with a plain verdict on trust."""
    rows = backtest_rows(assessments, lang)
    if not rows:
        return paragraph(t("bt_none", lang), lang)
    headers = [t(k, lang) for k in ("indicator", "points", "bt_model", "bt_origins", "bt_errors", "bt_mase",
                                    "bt_rmse", "bt_cov80", "bt_cov95", "bt_widening", "bt_trust")]
    return wrap(table_html(headers, rows, "backtest", numeric=(1, 3, 4, 5, 6, 7, 8, 9)), lang)


def two_methods_table(assessments: Sequence[Assessment], lang: str = "vi") -> HTML:
    """For targets with data: the growth-ratio status next to the expected-value (UNSD) status."""
    rows = []
    for a in assessments:
        if a.kind != "level" or not a.has_data or a.progress is None or a.unsd is None:
            continue
        rows.append([target_name(a.target, a.breakdown, lang), goal_text(a.target, lang),
                     verdict_name(a.progress.status or "insufficient_data", lang),
                     fmt.number(a.progress.ratio, lang, 2) if a.progress.ratio is not None else "–",
                     unsd_name(a.unsd.status, lang),
                     value_text(a.unsd.expected_value, a.target.unit, lang, a.integer, True)])
    if not rows:
        return paragraph(t("bt_none", lang), lang)
    headers = [t(k, lang) for k in ("target", "goal", "m_col_status", "m_col_ratio", "m_col_unsd", "m_col_expected")]
    return wrap(table_html(headers, rows, "methods", numeric=(3, 5)), lang)



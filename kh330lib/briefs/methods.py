"""The methods brief (90): every rule in plain words, the two assessment methods side by side, the forecaster's skill
on the reference pools."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Sequence

import pandas as pd
from IPython.display import HTML

from .. import fmt, paths
from ..assess.assessment import Assessment
from ..assess.calibrated import Calibrated
from ..assess.skill import Skill
from ..methods.settings import Methods
from ..methods.skill import SkillRow
from ..store.settings import METHODS, load_methods
from ..words import reason_text, t, verdict_name
from ..words.phrases import goal_text, num, share_text, subject, target_names, value_text
from ..words.sentences import methods_paragraphs
from ..yamlio import load_yaml
from . import charts
from .charts import Chart
from .page import esc, paragraph, table_html, wrap


def methods_html(methods: Methods, calibrated: Calibrated, lang: str = "vi", skill: Skill | None = None) -> HTML:
    """The methods in plain words, then the published sources they follow."""
    body = ""
    similar = skill.pools.similar if skill is not None else None
    for heading_text, paragraphs in methods_paragraphs(methods, calibrated.revision_points, similar, lang):
        body += f"<h2>{esc(heading_text)}</h2>" + "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    sources = "".join(f"<li>{esc(v)}</li>" for v in method_sources(methods, lang).values())
    body += f'<h2>{esc(t("m_h_sources", lang))}</h2><ul class="note">{sources}</ul>'
    return wrap(body, lang)


def method_sources(methods: Methods, lang: str = "vi") -> dict[str, str]:
    """The published source of every methods section in the reader's language: the English citation
    (`source:` in params/methods.yaml) for English briefs, its Vietnamese description (`source_vi:`) for
    Vietnamese ones; a section without one says so in Vietnamese rather than quote English."""
    if lang != "vi":
        return dict(methods.sources)
    path = Path(methods.path) if methods.path else METHODS
    if not path.is_absolute():
        path = paths.ROOT / path
    data = load_yaml(path if path.exists() else METHODS)
    out = {}
    for section in methods.sources:
        node = data.get(section) if isinstance(data, dict) else None
        text = node.get("source_vi") if isinstance(node, dict) else None
        out[section] = " ".join(str(text).split()) if text else t("m_source_missing_vi", lang)
    return out


def skill_rows(skill: Skill, lang: str = "vi") -> list[list[str]]:
    """One row per pool and window: forecasts, 80 % and 50 % coverage, and for each rise the Brier skill against
    the random walk and against the pool's climatology (– where the pool never rose so much)."""
    rows = []
    for r in skill.rows:
        if r.horizons != "1-6":
            continue
        pool = t("sk_all", lang) if r.pool == "all" else skill.pools.get(r.pool).label(lang)
        rises = "; ".join(t("sk_rise", lang).format(d=num(s.rise, lang), rw=_num2(s.skill_random_walk, lang),
                                                    cl=_num2(s.skill_climatology, lang))
                          if s.events else t("sk_no_event", lang).format(d=num(s.rise, lang)) for s in r.rises)
        rows.append([pool, t("sk_window_" + r.window, lang), fmt.number(r.forecasts, lang, 0),
                     share_text(r.coverage_80, lang), share_text(r.coverage_50, lang), rises])
    return rows


def _num2(x: float | None, lang: str) -> str:
    return "–" if x is None or x != x else fmt.fixed(x, lang, 2)


def skill_table(skill: Skill | None, lang: str = "vi") -> HTML:
    """The forecaster scored on every pool: coverage and Brier skill against two baselines; where it has none."""
    if skill is None:
        return paragraph(t("m_calibration_none", lang), lang)
    headers = [t(k, lang) for k in ("sk_pool", "sk_window", "sk_n", "cal_cov80", "cal_cov50", "sk_skill")]
    body = table_html(headers, skill_rows(skill, lang), "skill", numeric=(2, 3, 4))
    bands = [[t("sk_all", lang) if r.pool == "all" else skill.pools.get(r.pool).label(lang),
              t("sk_years", lang).format(years=r.horizons.replace("-", "–")), share_text(r.coverage_80, lang),
              share_text(r.coverage_50, lang)] for r in skill.rows if r.window == "both"]
    body += table_html([t(k, lang) for k in ("sk_pool", "sk_horizon", "cal_cov80", "cal_cov50")], bands,
                       "skill-bands", numeric=(2, 3))
    gaps = skill.no_skill()
    if gaps:
        items = "".join(f"<li>{esc(_gap_text(skill, r, d, why, lang))}</li>" for r, d, why in gaps)
        body += f'<p class="note">{esc(t("sk_no_skill", lang))}</p><ul class="note">{items}</ul>'
    else:
        body += f'<p class="note">{esc(t("sk_all_skill", lang))}</p>'
    return wrap(body, lang)


def _gap_text(skill: Skill, r: SkillRow, d: float, why: str, lang: str) -> str:
    pool = skill.pools.get(r.pool).label(lang) if r.pool != "all" else t("sk_all", lang)
    window = (t("sk_years", lang).format(years=r.horizons.replace("-", "–")) if r.window == "both"
              else t("sk_window_" + r.window, lang))
    return t("sk_gap_" + why, lang).format(pool=pool, window=window, d=num(d, lang))


def reliability_chart(skill: Skill | None, lang: str = "vi") -> Chart | None:
    """How often a forecast chance of a rise came true, by bins of the chance, over every pool."""
    if skill is None or not skill.reliability:
        return None
    wanted = [r for r in skill.reliability if r.rise in skill.pools.rise]
    curves = [(t("rel_rise", lang).format(d=num(r.rise, lang)), r.forecast, r.observed, r.count) for r in wanted]
    n = sum(sum(r.count) for r in wanted)
    alt = t("alt_reliability", lang).format(n=fmt.number(n, lang, 0))
    chart = charts.reliability_chart(curves, t("h_reliability", lang), t("rel_x", lang), t("rel_y", lang),
                                     t("rel_diagonal", lang), alt, lang)
    data = pd.DataFrame([{"rise": r.rise, "bin": i, "forecast": f, "observed": o, "count": c}
                         for r in wanted for i, (f, o, c) in enumerate(zip(r.forecast, r.observed, r.count))])
    source = method_sources(load_methods(), lang).get("forecast", "")
    return dataclasses.replace(chart, data=data, sources=(source,) if source else (), name="reliability", lang=lang)


def own_backtest_rows(assessments: Sequence[Assessment], lang: str = "vi") -> list[list[str]]:
    """One row per projected Huế series: points, held-out values, and the coverage or why there is none."""
    rows, seen = [], set()
    for a in assessments:
        if a.projection is None or a.backtest is None:
            continue
        key = (a.target.indicator, a.geo, a.breakdown)
        if key in seen:
            continue
        seen.add(key)
        bt = a.backtest
        result = (reason_text(bt.reason, lang) if bt.reason is not None else
                  t("bt_coverage", lang).format(c80=share_text(bt.coverage_80, lang), c50=share_text(bt.coverage_50,
                                                                                                    lang)))
        rows.append([subject(a.target, a.breakdown, lang), str(a.n_points), str(bt.held_out), result])
    return rows


def own_backtest_table(assessments: Sequence[Assessment], lang: str = "vi") -> HTML:
    """Tests of the combination on each Huế series' own history; too few points say so, with no figure."""
    rows = own_backtest_rows(assessments, lang)
    if not rows:
        return paragraph(t("bt_none", lang), lang)
    headers = [t("bt_series", lang), t("points", lang), t("bt_held_out", lang), t("bt_result", lang)]
    return wrap(table_html(headers, rows, "backtest", numeric=(1, 2)), lang)


def two_methods_table(assessments: Sequence[Assessment], lang: str = "vi") -> HTML:
    """For targets with data: the one verdict, then the growth ratio and the expected-value (UNSD) ratio that
    explain it (numbers, not second verdicts)."""
    shown = [a for a in assessments
             if a.kind == "level" and a.has_data and a.progress is not None and a.unsd is not None]
    rows = []
    for a, name in zip(shown, target_names([(a.target, a.breakdown) for a in shown], lang)):
        rows.append([name, goal_text(a.target, lang), verdict_name(a.verdict, lang),
                     fmt.number(a.progress.ratio, lang, 2) if a.progress.ratio is not None else "–",
                     fmt.number(a.unsd.ratio, lang, 2) if a.unsd.ratio is not None else "–",
                     expected_text(a, lang)])
    if not rows:
        return paragraph(t("bt_none", lang), lang)
    headers = [t(k, lang) for k in ("target", "goal", "m_col_status", "m_col_ratio", "m_col_unsd", "m_col_expected")]
    return wrap(table_html(headers, rows, "methods", numeric=(3, 4)), lang)


def expected_text(a: Assessment, lang: str = "vi") -> str:
    """The UNSD expected value and what it is: the deadline year's value at the growth rate so far, not a projection."""
    if a.unsd is None or a.unsd.expected_value is None:
        return "–"
    value = value_text(a.unsd.expected_value, a.target.unit, lang, a.integer, True)
    if a.base is None or a.base.year is None:
        return value
    return t("m_expected_cell", lang).format(value=value, deadline=a.target.deadline,
                                             span=f"{a.base.year}–{a.latest_year}")

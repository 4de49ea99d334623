"""The methods brief (90): every rule in plain words, the two assessment methods side by side, the calibration."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Sequence

import pandas as pd
from IPython.display import HTML

from .. import fmt, paths
from ..assess.assessment import Assessment
from ..assess.calibrated import Calibrated
from ..methods.calibration import PIT_BINS, Calibration
from ..methods.settings import METHODS, Methods, load_methods
from ..words import model_name, reason_text, t, unsd_name, verdict_name
from ..words.phrases import goal_text, share_text, subject, target_name, value_text
from ..words.sentences import methods_paragraphs
from ..yamlio import load_yaml
from . import charts
from .charts import Chart
from .page import esc, paragraph, table_html, wrap


def methods_html(methods: Methods, calibrated: Calibrated, lang: str = "vi") -> HTML:
    """The methods in plain words, then the published sources they follow."""
    body = ""
    for heading_text, paragraphs in methods_paragraphs(methods, calibrated.calibration, calibrated.revision_points,
                                                       lang):
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


def calibration_rows(cal: Calibration, lang: str = "vi") -> list[list[str]]:
    """One row per model, then the combination before and after calibration: coverage by horizon, 50 %, 80 %,
    Brier score."""
    rows = []
    for score in cal.scores:
        name = {"ensemble": t("cal_before", lang), "ensemble_widened": t("cal_after", lang)}.get(
            score.model, model_name(score.model, lang))
        rows.append([name, *(share_text(c, lang) for c in score.coverage_80_by_horizon),
                     share_text(score.coverage_50, lang), share_text(score.coverage_80, lang),
                     fmt.fixed(score.brier, lang, 3)])
    return rows


def calibration_table(calibrated: Calibrated, lang: str = "vi") -> HTML:
    """Coverage and Brier score of every model and of the combination, on the pooled real series."""
    cal = calibrated.calibration
    if cal is None:
        return paragraph(t("m_calibration_none", lang), lang)
    headers = [t("cal_model", lang), *(t("cal_h", lang).format(h=h) for h in cal.horizons), t("cal_cov50", lang),
               t("cal_cov80", lang), t("cal_brier", lang)]
    note = t("cal_note", lang).format(h=cal.horizons[-1], pace=fmt.number(cal.event_pace, lang, 2))
    numeric = tuple(range(1, len(headers)))
    return wrap(table_html(headers, calibration_rows(cal, lang), "calibration", numeric=numeric)
                + f'<p class="note">{esc(note)}</p>', lang)


def pit_chart(calibrated: Calibrated, lang: str = "vi") -> Chart | None:
    """Where the actual values fell in the calibrated combined distribution (flat bars: well calibrated)."""
    cal = calibrated.calibration
    if cal is None:
        return None
    n = sum(cal.pit)
    alt = t("alt_pit", lang).format(n=fmt.number(n, lang, 0), bins=PIT_BINS, even=fmt.number(n / PIT_BINS, lang, 0),
                                    low=min(cal.pit), high=max(cal.pit))
    chart = charts.histogram_chart(cal.pit, t("h_pit", lang), t("pit_axis", lang), t("pit_count", lang),
                                   t("pit_even", lang), alt)
    n_bins = len(cal.pit)
    # The bars and the dashed level drawn: bin edges as histogram_chart computes them, counts, the even count.
    data = pd.DataFrame({"bin_low": [i / n_bins for i in range(n_bins)], "bin_high": [(i + 1) / n_bins
                                                                                      for i in range(n_bins)],
                         "count": list(cal.pit), "even_count": sum(cal.pit) / n_bins})
    source = method_sources(load_methods(), lang).get("calibration", "")
    return dataclasses.replace(chart, data=data, sources=(source,) if source else (), name="pit", lang=lang)


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

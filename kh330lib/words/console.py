"""Plain text for the terminal and logs: the status table (`kh330 status`) and assessments (`kh330 assess`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from .. import fmt
from ..data.status import Point, TargetStatus
from ..data.tables import Dataset
from ..store.settings import load_methods
from . import evidence_name, model_name, reason_text, scenario_label, status_name, t, verdict_name
from .outside import outside_text
from .phrases import (
    adjustment_text,
    case_text,
    chance_text,
    goal_text,
    lower_first,
    share_text,
    signed_change,
    target_name,
    with_unit,
)
from .summary import count_targets, count_text

if TYPE_CHECKING:  # annotations only: the assessment engine is not imported by the commands that only print
    from ..assess.assessment import Assessment

INDENT = "    "


def point_text(point: Point, unit: str, lang: str = "vi") -> str:
    """`72,5 % — 2024, ước tính, nguồn HUE_…`."""
    period = f" ({point.period})" if point.period and point.period != str(point.year) else ""
    return (f"{with_unit(point.value, unit, lang, 2)} — {point.year}{period}, "
            f"{status_name(point.status, lang)}, {t('source', lang)} {point.source}")


def _sections(clauses: list[str]) -> list[bool]:
    """For each row, whether it opens a new section of the plan (II.2, II.3, …): a blank line goes before it."""
    out, current = [], None
    for clause in clauses:
        section = clause.split()[0]
        out.append(section != current)
        current = section
    return out


def render_status(statuses: list[TargetStatus], dataset: Dataset, lang: str = "vi") -> str:
    """The status table as plain text for a terminal or a log."""
    lines = [t("status_title", lang), "=" * len(t("status_title", lang))]
    for s, new_section in zip(statuses, _sections([s.target.clause for s in statuses])):
        tg = s.target
        if new_section:
            lines.append("")
        # The id beside the clause: several targets share a clause, and the id is what `kh330 assess --target` takes.
        lines.append(f"[{tg.clause} · {tg.id}] {target_name(tg, s.breakdown, lang)}: {goal_text(tg, lang)}")
        if tg.kind == "qualitative":
            lines.append(f"{INDENT}{t('qualitative', lang)}")
            continue
        if s.latest:
            lines.append(f"{INDENT}{point_text(s.latest, tg.unit or '', lang)}; "
                         f"{t('points', lang).lower()}: {s.n_points}")
            continue
        ind = dataset.registry.indicators[tg.indicator or ""]
        who = ", ".join(dataset.registry.units[u].label(lang) for u in ind.reporters if u in dataset.registry.units)
        needs = t("needs", lang).format(who=who) if who else ""
        needs = f" — {needs[0].lower()}{needs[1:]}" if needs else ""
        lines.append(f"{INDENT}{t('no_data', lang).capitalize()}{needs}")
        for p in s.proxies:
            ind = dataset.registry.indicators[p.indicator]
            geo = dataset.registry.geos[p.geo].label(lang)
            lines.append(f"{INDENT}↳ {t('proxy_prefix', lang)}: {ind.label(lang)} ({geo}): "
                         f"{point_text(p.latest, p.unit, lang) if p.latest else ''}; "
                         f"{t('points', lang).lower()}: {p.n_points}")
    lines.append("")
    counts = count_targets((s.target.id, s.target.kind, s.has_data) for s in statuses)
    lines.append(count_text(counts, lang) + ".")
    return "\n".join(lines)


def _level_lines(a: Assessment, lang: str) -> list[str]:
    """Growth ratio, UNSD cross-check, pace, projection, probability and backtest of a level target."""
    T = lambda key: t(f"cli_{key}", lang)  # noqa: E731 - a local shorthand for this function's templates
    tg, unit, out = a.target, a.target.unit, []
    pr = a.progress
    if pr is not None and pr.ratio is not None:
        out.append(T("growth").format(base=a.base.year if a.base else None, obs=share_text(pr.cagr_observed, lang, 2),
                                      req=share_text(pr.cagr_required, lang, 2), ratio=fmt.number(pr.ratio, lang, 2)))
    else:
        out.append(T("growth_na"))
    un = a.unsd
    if un is not None and un.ratio is not None:
        out.append(T("unsd").format(deadline=tg.deadline, value=with_unit(un.expected_value, unit, lang, 2),
                                    ratio=fmt.number(un.ratio, lang, 2)))
    pc = a.pace
    if pc is not None and pc.observed_annual_change is None and pc.required_annual_change is not None:
        out.append(T("pace_required").format(req=signed_change(pc.required_annual_change, unit, lang),
                                             deadline=tg.deadline))
    elif pc is not None and pc.observed_annual_change is not None and pc.required_annual_change is not None:
        factor = pc.acceleration_factor
        out.append(T("pace").format(obs=signed_change(pc.observed_annual_change, unit, lang),
                                    req=signed_change(pc.required_annual_change, unit, lang), deadline=tg.deadline,
                                    factor=fmt.number(factor, lang, 2) if factor is not None else "–"))
    q = a.at_deadline()
    if a.projection is None or q is None:
        why = a.reasons.get("projection")
        out.append(T("no_projection").format(why=reason_text(why, lang) if why else "–"))
        out.append(T("verdict").format(verdict=verdict_name(a.verdict, lang)))
        return out
    out.append(T("projection").format(deadline=tg.deadline, model=model_name(a.projection.model, lang),
                                      **{k: with_unit(q[k], unit, lang, 2)
                                         for k in ("median", "lo80", "hi80", "lo95", "hi95")}))
    factor = a.widening_at_deadline
    if factor is not None:
        out.append(T("widened").format(deadline=tg.deadline, factor=fmt.number(factor, lang, 2)))
    for adj in a.projection.adjustments:
        out.append(T("adjusted").format(what=adjustment_text(adj, unit, lang)))
    prob = a.probability
    year: object = prob.expected_year if prob is not None else None
    if prob is not None and prob.beyond_horizon:
        year = T("after").format(year=prob.horizon_end)
    out.append(T("prob").format(deadline=tg.deadline, chance=chance_text(a.chance, lang), p=share_text(a.p_meet, lang),
                                p_by=share_text(prob.p_meet_by if prob else None, lang),
                                year=year if year is not None else "–"))
    out.append(T("verdict").format(verdict=verdict_name(a.verdict, lang)))
    view = outside_text(a, lang)
    if view:
        out.append(T("outside").format(text=lower_first(view)))
    if a.chance is not None:
        out.append(T("models").format(models="; ".join(f"{model_name(m.name, lang)} {share_text(m.p, lang)}"
                                                       for m in a.chance.models)))
        if a.chance.cases:
            out.append(T("sensitivity").format(cases="; ".join(f"{case_text(c, unit, lang)} {share_text(c.p, lang)}"
                                                               for c in a.chance.cases)))
    bt = a.backtest
    if bt is not None and bt.reason is not None:
        out.append(T("too_few").format(why=reason_text(bt.reason, lang)))
    elif bt is not None:
        out.append(T("backtest").format(held=bt.held_out, c80=share_text(bt.coverage_80, lang),
                                        c50=share_text(bt.coverage_50, lang)))
    return out


def assessment_lines(a: Assessment, lang: str = "vi") -> list[str]:
    """Lines describing one assessment: data, verdict and its measures, proxies."""
    T = lambda key: t(f"cli_{key}", lang)  # noqa: E731
    tg = a.target
    lines = [f"[{tg.clause}] {target_name(tg, a.breakdown, lang)}: {goal_text(tg, lang)}"]
    body: list[str] = []
    if tg.kind == "qualitative":
        return lines + [INDENT + T("qualitative")]
    unit = tg.unit
    if not a.has_data:
        body.append(T("no_data") if a.geo == tg.geo else T("no_data_geo").format(geo=a.geo))
        view = outside_text(a, lang)
        if view:
            body.append(T("outside").format(text=lower_first(view)))
    else:
        s = a.series
        key = "data_assumed" if set(s["status"]) == {"assumption"} else "data"
        where = "Huế" if a.geo == tg.geo else a.geo
        body.append(T(key).format(where=where, n=a.n_points, first=int(s["year"].iloc[0]), last=a.latest_year,
                                  value=with_unit(a.latest_value, unit, lang, 2), year=a.latest_year,
                                  status=status_name(a.latest_status, lang),
                                  ev=evidence_name(a.evidence.level, lang)))
        if a.has_assumptions:
            body.append(T("assumption").format(name=a.scenario.name))
    if tg.kind == "level" and a.has_data:
        body += _level_lines(a, lang)
    c = a.cumulative
    if tg.kind == "cumulative" and c is not None and a.has_data:
        if c.total is not None:
            body.append(T("cumulative").format(start=c.start, total=with_unit(c.total, unit, lang, 0),
                                               years=", ".join(map(str, c.years_reported)),
                                               so_far=fmt.number(c.pace_so_far, lang, 1),
                                               need=fmt.number(c.pace_needed, lang, 1),
                                               status=verdict_name(a.verdict, lang)))
        else:
            body.append(T("cumulative_na").format(status=verdict_name(a.verdict, lang),
                                                  why=reason_text(c.reason, lang) if c.reason else "–"))
    if tg.kind == "milestone" and a.milestone is not None and a.milestone.status:
        body.append(T("milestone").format(status=verdict_name(a.verdict, lang)))
    own = a.own_money.rounded(load_methods().money_round_to) if a.own_money is not None else None
    if own is not None and a.money_projection is not None:
        body.append(T("money").format(share=fmt.percent(own.share, lang, 1), year=own.year,
                                      median=fmt.number(own.median, lang, 0), lo80=fmt.number(own.lo80, lang, 0),
                                      hi80=fmt.number(own.hi80, lang, 0),
                                      model=model_name(a.money_projection.model, lang)))
    for p in a.proxies:
        if not len(p.series):
            continue
        at = p.model.projection.at(tg.deadline) if p.model.projection else None
        proj = T("proxy_proj").format(year=tg.deadline, median=with_unit(at["median"], p.unit, lang, 1)) if at else ""
        geo_label = t("national", lang) if p.geo == "VN" else p.geo
        label = p.label(lang)
        # Catalogue labels of national series often name the geo already.
        where = "" if geo_label.lower() in label.lower() or "national" in label.lower() else f" ({geo_label})"
        body.append(T("proxy").format(label=label + where,
                                      value=with_unit(float(p.series["value"].iloc[-1]), p.unit, lang, 2),
                                      year=int(p.series["year"].iloc[-1]), proj=proj))
    return lines + [INDENT + line for line in body]


def render_assessments(assessments: list[Assessment], lang: str = "vi") -> str:
    """All assessments as plain text, grouped by section of the plan."""
    if not assessments:
        return ""
    lines = [t("cli_scenario", lang).format(label=scenario_label(assessments[0].scenario, lang))]
    for a, new_section in zip(assessments, _sections([a.target.clause for a in assessments])):
        if new_section:
            lines.append("")
        lines.extend(assessment_lines(a, lang))
    n_data = sum(1 for a in assessments if a.has_data and a.geo == a.target.geo and not a.has_assumptions)
    lines += ["", t("cli_summary", lang).format(n=len(assessments), data=n_data, scenario=assessments[0].scenario.name)]
    return "\n".join(lines)


def units_summary(units: int, targets: int, verdicts: Mapping[str, int], lang: str = "vi") -> list[str]:
    """`kh330 assess --units` as text: how many units and targets, how many rows have each verdict (in the order
    given), and how to get the whole table."""
    counts = "; ".join(f"{verdict_name(v, lang)}: {fmt.number(n, lang, 0)}" for v, n in verdicts.items())
    return [t("cli_units_summary", lang).format(units=fmt.number(units, lang, 0), targets=fmt.number(targets, lang, 0),
                                                counts=counts),
            t("cli_units_more", lang)]

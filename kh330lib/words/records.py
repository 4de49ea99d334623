"""The JSON contract of `kh330 assess --json` and `kh330 status --json`: numbers and codes, reasons in English.

Keys are documented in `kh330 assess --help`; anything not computable is null
and `reason`/`reasons` say why, in the English words of `words/en.py`.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING, Any, Iterable

import numpy as np

from ..codes import Reason, Why, because
from ..data.pools import ReferencePool
from ..data.status import TargetStatus
from ..methods.attainment import ExpectedValue, GrowthRatio, Pace
from . import reason_text, reasons_text
from .phrases import adjustment_text
from .skill import row_record

if TYPE_CHECKING:  # annotations only: the assessment engine is not imported by the commands that only print
    from ..assess.assessment import Assessment
    from ..assess.series import ProxyView
    from ..assess.skill import Skill

LANG = "en"


def _why(reason: Reason | None) -> str | None:
    return reason_text(reason, LANG) if reason is not None else None


def _proxy(p: ProxyView, deadline: int) -> dict:
    s = p.model.series
    at = p.model.projection.at(deadline) if p.model.projection else None
    return {
        "indicator": p.indicator, "label_vi": p.label_vi, "label_en": p.label_en, "geo": p.geo,
        "relation": p.relation, "unit": p.unit, "status": "proxy", "n_points": int(len(s)),
        "first_year": int(s["year"].iloc[0]) if len(s) else None,
        "latest_year": int(s["year"].iloc[-1]) if len(s) else None,
        "latest_value": float(s["value"].iloc[-1]) if len(s) else None,
        "source": str(s["source"].iloc[-1]) if len(s) else None,
        "projection": ({"model": p.model.projection.model, "year": deadline, **at}
                       if at and p.model.projection else None),
        "reason": _why(p.model.reason),
        "notes": [reason_text(n, LANG) for n in p.model.notes],
    }


def calibration_record(skill: Skill | None, pool: ReferencePool | None) -> dict | None:
    """How the forecaster's intervals held on the pool of this target (4-point windows, every horizon; null
    without a pool): the pool, its series and forecasts, the 80 % and 50 % coverage, the Brier score of a rise of
    2 points, the widening by horizon."""
    if skill is None or pool is None:
        return None
    row = skill.row(pool.id, "4")
    if row is None:
        return None
    widening = skill.widening
    rise = next((s for s in row.rises if s.rise == 2.0), row.rises[0] if row.rises else None)
    return {"pool": pool.label_en, "series": len(pool), "forecasts": row.forecasts, "coverage_80": row.coverage_80,
            "coverage_50": row.coverage_50, "brier": rise.brier if rise else None, "widening": list(widening),
            "horizons": list(range(1, len(widening) + 1))}


def pool_record(pool: ReferencePool | None) -> dict | None:
    """The reference pool a forecast learnt from (null: the series' own points only)."""
    if pool is None:
        return None
    return {"id": pool.id, "label": pool.label_en, "label_vi": pool.label_vi, "series": len(pool),
            "source": pool.source, "why": pool.why_en}


def outside_record(a: Assessment) -> dict | None:
    """The outside view: the pool's similar cases and how many rose as much as the target needs in as many years,
    counted from Huế's latest value or, labelled so, from a national starting point."""
    o = a.outside
    if o is None or a.outside_from is None:
        return None
    geo, year, value = a.outside_from
    return {"cases": o.cases, "reached": o.reached, "rise": o.rise, "years": o.years,
            "years_observed": o.observed, "enough_cases": o.enough,
            "from": {"geo": geo, "year": year, "value": value,
                     "basis": "series" if geo == a.geo else "national_starting_point"},
            "similar": {"level": list(o.level_band), "pace": list(o.pace_band) if o.pace_band else None}}


def skill_record(skill: Skill | None, pool: ReferencePool | None) -> dict | None:
    """How the forecaster scored on the pool (4-point and full windows), as `kh330 skill` reports it."""
    if skill is None or pool is None:
        return None
    rows = [skill.row(pool.id, w) for w in ("4", "full")]
    return {"pool": pool.id, "rows": [row_record(skill, r) for r in rows if r is not None],
            "no_skill": [{"window": r.window, "rise": d, "against": why} for r, d, why in skill.no_skill()
                         if r.pool == pool.id]}


def _probability(a: Assessment, skill: Skill | None = None) -> dict:
    """The `probability` object: combined P, band, range, every model, every sensitivity case, calibration,
    the pool, the outside view and the skill (the same keys, null or empty, where nothing is projected)."""
    c = a.chance
    return {"combined": c.combined if c else None, "band": c.band if c else None,
            "range": [c.low, c.high] if c else None, "as_number": c.as_number if c else False,
            "models": [{"name": m.name, "p": m.p, "weight": m.weight} for m in c.models] if c else [],
            "sensitivity": [{"case": x.label, "p": x.p, **({"shift": x.shift} if x.shift else {})}
                            for x in c.cases] if c else [],
            "calibration": calibration_record(skill, a.pool),
            "calibration_reason": None if skill is not None and a.pool is not None else reason_text(
                because(Why.NO_CALIBRATION), LANG),
            "pool": pool_record(a.pool),
            "outside_view": outside_record(a),
            "skill": skill_record(skill, a.pool)}


def verdict_rule(a: Assessment) -> dict | None:
    """The rule the verdict follows: each band of the chance and its verdict (null where it is counted, not
    forecast: cumulative totals, milestones, qualitative targets)."""
    if a.verdict_rule is None or a.target.kind != "level":
        return None
    return {"from": "probability.band", "bands": dict(a.verdict_rule), "met": "target_achieved",
            "no_chance": "insufficient_data"}


def record(a: Assessment, skill: Skill | None = None) -> dict:
    """One JSON-ready object per target × breakdown."""
    t = a.target
    s = a.series
    deadline = t.deadline
    proj_at = a.at_deadline()
    bt = a.backtest
    pr = a.progress or GrowthRatio(None, None, None, None)
    un = a.unsd or ExpectedValue(None, None, None)
    pc = a.pace or Pace(None, None, None)
    prob = a.probability
    ev = a.evidence
    expected_year: int | str | None = prob.expected_year if prob else None
    if prob is not None and prob.beyond_horizon:
        expected_year = f"after {prob.horizon_end}"
    rec: dict[str, Any] = {
        "target": t.id, "indicator": t.indicator, "geo": a.geo, "breakdown": a.breakdown or None,
        "kind": t.kind, "comparator": t.comparator, "target_value": t.value, "unit": t.unit,
        "deadline": deadline, "scenario": a.scenario.name,
        "verdict": str(a.verdict), "verdict_rule": verdict_rule(a),
        "n_points": a.n_points,
        "first_year": int(s["year"].iloc[0]) if len(s) else None,
        "latest_year": a.latest_year, "latest_value": a.latest_value,
        "latest_status": a.latest_status or None,
        "statuses": {str(k): int(v) for k, v in s["status"].value_counts().sort_index().items()} if len(s)
        else {},
        "includes_assumptions": a.has_assumptions,
        "base_year": a.base.year if a.base else None,
        "base_value": a.base_value,
        "evidence": ev.level,
        "evidence_detail": {"level": ev.level, "n_points": ev.n_points, "latest_year": ev.latest_year,
                            "age": ev.age, "weak_points": ev.weak_points,
                            "reasons": [reason_text(r, LANG) for r in ev.reasons]},
        "observed_annual_change": pc.observed_annual_change,
        "required_annual_change": pc.required_annual_change,
        "acceleration_factor": pc.acceleration_factor,
        "progress": {"cagr_observed": pr.cagr_observed, "cagr_required": pr.cagr_required, "ratio": pr.ratio,
                     "status": pr.status},
        "unsd": {"expected_value": un.expected_value, "ratio": un.ratio, "status": un.status},
        "projection": {
            "model": a.projection.model if a.projection else None,
            "scale": a.projection.scale.kind if a.projection else None,
            "year": deadline,
            **(proj_at or {"median": None, "lo80": None, "hi80": None, "lo95": None, "hi95": None}),
            "widening": a.widening_at_deadline,
            "adjustments": [adjustment_text(adj, t.unit, LANG) for adj in a.projection.adjustments]
            if a.projection else [],
        },
        "threshold": a.threshold,
        "p_meet": prob.p_meet if prob else None,
        "p_meet_by": prob.p_meet_by if prob else None,
        "expected_year": expected_year,
        "probability": _probability(a, skill),
        "backtest": {"held_out": bt.held_out if bt else None, "coverage_80": bt.coverage_80 if bt else None,
                     "coverage_50": bt.coverage_50 if bt else None, "reason": _why(bt.reason) if bt else None},
        "reason": reasons_text(a.reason, LANG),
        "reasons": {k: reason_text(v, LANG) for k, v in a.reasons.items()},
        "notes": [reason_text(n, LANG) for n in a.notes],
        "proxies": [_proxy(p, deadline) for p in a.proxies],
    }
    if t.kind == "cumulative":
        c = a.cumulative
        rec["cumulative"] = None if c is None else {
            "start": c.start, "total": c.total, "years_reported": list(c.years_reported),
            "missing_years": list(c.missing_years), "pace_so_far": c.pace_so_far, "pace_needed": c.pace_needed,
            "acceleration_factor": c.acceleration_factor, "projected_total": c.projected_total,
            "status": c.status, "reason": _why(c.reason)}
    if t.kind == "milestone":
        ms = a.milestone
        rec["milestone"] = None if ms is None else {"status": ms.status, "year_achieved": ms.year_achieved,
                                                    "reason": _why(ms.reason)}
    if a.money or a.money_projection is not None or a.reasons.get("money"):
        own = next((c for c in a.money if c.share == t.value and c.year == deadline), None)
        rec["money"] = {
            "unit": "billion VND",
            "denominator": a.money_denominator,
            "model": a.money_projection.model if a.money_projection else None,
            "target": dataclasses.asdict(own) if own else None,
            "table": [dataclasses.asdict(c) for c in a.money],
            "reason": _why(a.reasons.get("money")),
        }
    return _clean(rec)


def records(assessments: Iterable[Assessment], skill: Skill | None = None) -> list[dict]:
    """The JSON records of several assessments (as `kh330 assess --all --json` prints them)."""
    return [record(a, skill) for a in assessments]


def status_records(statuses: list[TargetStatus]) -> list[dict]:
    """JSON-ready records of `kh330 status --json` (stable keys, English vocabulary)."""
    out = []
    for s in statuses:
        tg = s.target
        reason = (because(Why.QUALITATIVE) if tg.kind == "qualitative"
                  else because(Why.NO_DATA) if not s.has_data else None)
        out.append({
            "target": tg.id, "clause": tg.clause, "indicator": tg.indicator, "geo": tg.geo,
            "breakdown": s.breakdown or None, "kind": tg.kind, "comparator": tg.comparator,
            "target_value": tg.value, "unit": tg.unit, "deadline": tg.deadline,
            "n_points": s.n_points, "first_year": s.first_year,
            "latest_year": s.latest.year if s.latest else None,
            "latest_value": s.latest.value if s.latest else None,
            "latest_period": (s.latest.period or None) if s.latest else None,
            "latest_status": s.latest.status if s.latest else None,
            "latest_source": s.latest.source if s.latest else None,
            "proxies": [
                {"indicator": p.indicator, "geo": p.geo, "relation": p.relation, "n_points": p.n_points,
                 "latest_year": p.latest.year if p.latest else None,
                 "latest_value": p.latest.value if p.latest else None, "unit": p.unit,
                 "status": "proxy", "source": p.latest.source if p.latest else None}
                for p in s.proxies],
            "reason": _why(reason),
        })
    return out


def _clean(obj: Any) -> Any:
    """JSON-safe: numpy scalars → Python, NaN/inf → None, codes → their names."""
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if isinstance(obj, str):
        return str(obj)  # a StrEnum code becomes its plain name
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        f = float(obj)
        return f if math.isfinite(f) else None
    return obj

"""The skill report in words and numbers: `kh330 skill` (text, JSON) and the rows the methods brief shows."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: the assessment engine is not imported by the commands that only print
    from ..assess.skill import Skill
    from ..methods.skill import SkillRow

NO_SKILL = {"random_walk": "Brier skill against the random walk below 0.05",
            "climatology": "Brier skill against the pool's climatology below 0",
            "no_events": "no such rise in the pool: nothing to be skilful about"}


def _n(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 4)


def row_record(skill: Skill, r: SkillRow) -> dict[str, Any]:
    """One row of the table as JSON: coverage, and for every rise its events, Brier scores and skills."""
    return {"pool": r.pool, "window": r.window, "horizons": r.horizons, "forecasts": r.forecasts,
            "coverage_80": _n(r.coverage_80), "coverage_50": _n(r.coverage_50),
            "rises": [{k: _n(v) if isinstance(v, float) else v for k, v in s._asdict().items()} for s in r.rises]}


def skill_records(skill: Skill) -> dict[str, Any]:
    """The whole report: pools, rows, where there is no skill, reliability diagrams, factors used."""
    return {
        "pools": [{"id": p.id, "label": p.label_en, "series": len(p), "source": p.source, "why": p.why_en}
                  for p in skill.pools.pools],
        "method": "rolling origins, last 4 points and all points, horizons 1-6 years; each series' pool without "
                  f"the 1/{skill.folds} of the series it belongs to; each pool scored with widening fitted on "
                  "the other pools",
        "rows": [row_record(skill, r) for r in skill.rows],
        "no_skill": [{"pool": r.pool, "window": r.window, "horizons": r.horizons, "rise": d, "against": why,
                      "meaning": NO_SKILL[why]} for r, d, why in skill.no_skill()],
        "reliability": [{"rise": rel.rise, "forecast": [_n(x) for x in rel.forecast],
                         "observed": [_n(x) for x in rel.observed], "count": list(rel.count)}
                        for rel in skill.reliability],
        "widening_used": {p: list(k) for p, k in skill.factors.items()},
    }


def _f(x: float | None, digits: int = 2) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}"


def skill_text(skill: Skill) -> str:
    """The table for the terminal."""
    lines = [f"{'pool':<18} {'window':<6} {'years':<5} {'n':>6} {'cov80':>6} {'cov50':>6}  "
             "rise: events base Brier skill-vs-RW skill-vs-clim"]
    for r in skill.rows:
        rises = "; ".join(f"+{s.rise:g}: {s.events} {_f(s.base_rate)} {_f(s.brier, 3)} {_f(s.skill_random_walk)} "
                          f"{_f(s.skill_climatology)}" for s in r.rises)
        lines.append(f"{r.pool:<18} {r.window:<6} {r.horizons:<5} {r.forecasts:>6} {_f(r.coverage_80):>6} "
                     f"{_f(r.coverage_50):>6}  {rises}")
    gaps = skill.no_skill()
    lines.append("")
    lines.append("No skill where:" if gaps else "Skill in every pool and rise.")
    for r, d, why in gaps:
        where = f"{r.horizons} years ahead" if r.window == "both" else f"window {r.window}"
        lines.append(f"  {r.pool}, {where}, rise +{d:g}: {NO_SKILL[why]}")
    return "\n".join(lines)

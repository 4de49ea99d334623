"""What `kh330 forecast` prints: one record per series × year (JSON), the same as CSV rows, or a text table.

Keys of quantiles and thresholds are the numbers as the user wrote them (`"0.1"`, `"2"`); reasons are in the
English words of `words/en.py`, like every JSON of the suite.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

from ..assess.forecasts import FileForecast
from . import model_name, reason_text

LANG = "en"


def level_key(level: float) -> str:
    """A quantile level as a JSON key, as written: 0.1 → "0.1", 0.05 → "0.05"."""
    return format(float(level), "g")


def _num(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


def method_record(ff: FileForecast, i: int) -> dict[str, Any]:
    """The method's own short account for series i: members and their weights, the pool, the spread factors."""
    pf = ff.forecast
    if not pf.ok[i]:
        return {}
    return {
        "members": [{"name": n, "label": model_name(n, LANG), "weight": round(w, 6)}
                    for n, w in pf.row_weights(i).items()],
        "pool_series": int(pf.pool_series[i]),
        "own_points": int(pf.n_points[i]),
        "scale": pf.scale.kind,
        "widening": [round(float(k), 6) for k in pf.widening],
        "panel_factor": round(float(pf.local[i]), 6),
        "panel_factor_errors": int(pf.local_errors[i]),
    }


def forecast_records(ff: FileForecast, above: Sequence[str] = (), rise: Sequence[str] = (),
                     only: Sequence[str] = ()) -> list[dict[str, Any]]:
    """One record per series × year asked for (series in file order; `only` keeps those named), or one record
    with a `reason` for a series that gets no forecast."""
    pf = ff.forecast
    q = ff.quantiles()
    keys = [level_key(lv) for lv in ff.levels]
    p_above = {x: pf.p_above(float(x)) for x in above}
    p_rise = {d: pf.p_rise(float(d)) for d in rise}
    wanted = set(only)
    out: list[dict[str, Any]] = []
    for i, name in enumerate(ff.file.names):
        if wanted and name not in wanted:
            continue
        reason = ff.reasons[i]
        last_year = int(ff.file.years[i][-1])
        last_value = float(ff.file.values[i][-1])
        if reason is not None:
            out.append({"series": name, "year": None, "horizon": None, "last_year": last_year,
                        "last_value": last_value, "quantiles": None, "p_above": None, "p_rise": None,
                        "method": None, "reason": reason_text(reason, LANG)})
            continue
        method = method_record(ff, i)
        for h in range(1, int(ff.horizon[i]) + 1):
            c = h - 1
            out.append({
                "series": name, "year": last_year + h, "horizon": h, "last_year": last_year,
                "last_value": last_value,
                "quantiles": {k: _num(q[j, i, c]) for j, k in enumerate(keys)},
                "p_above": {x: _num(p_above[x][i, c]) for x in above},
                "p_rise": {d: _num(p_rise[d][i, c]) for d in rise},
                "method": method, "reason": None,
            })
    return out


def forecast_header(ff: FileForecast, above: Sequence[str] = (), rise: Sequence[str] = ()) -> list[str]:
    """The CSV columns: series, year, horizon, last_year, last_value, q<level>…, p_above_<X>…, p_rise_<D>…,
    pool_series, members, reason."""
    return (["series", "year", "horizon", "last_year", "last_value"]
            + [f"q{level_key(lv)}" for lv in ff.levels] + [f"p_above_{x}" for x in above]
            + [f"p_rise_{d}" for d in rise] + ["pool_series", "members", "reason"])


def forecast_rows(records: list[dict[str, Any]]) -> list[list[Any]]:
    """The records as CSV rows (members as `name:weight` joined by spaces)."""
    rows = []
    for r in records:
        m = r["method"] or {}
        members = " ".join(f"{x['name']}:{x['weight']:.3f}" for x in m.get("members", []))
        rows.append([r["series"], r["year"], r["horizon"], r["last_year"], r["last_value"]]
                    + list((r["quantiles"] or {}).values() or [])
                    + list((r["p_above"] or {}).values()) + list((r["p_rise"] or {}).values())
                    + [m.get("pool_series"), members, r["reason"] or ""])
    return rows


def forecast_text(records: list[dict[str, Any]], levels: Sequence[float]) -> str:
    """A plain table for the terminal: series, year, median and the 80 % interval (or the reason)."""
    lines = [f"{'series':<28} {'year':>5} {'median':>10} {'80 % interval':>23}"]
    lo, mid, hi = level_key(0.1), level_key(0.5), level_key(0.9)
    for r in records:
        name = r["series"] if len(r["series"]) <= 28 else r["series"][:27] + "…"
        if r["reason"]:
            lines.append(f"{name:<28} {'':>5} {r['reason']}")
            continue
        qs = r["quantiles"]
        if mid in qs and lo in qs and hi in qs:
            lines.append(f"{name:<28} {r['year']:>5} {qs[mid]:>10.4g} {qs[lo]:>11.4g} – {qs[hi]:<9.4g}")
        else:
            lines.append(f"{name:<28} {r['year']:>5} " + " ".join(f"{k}={v:.4g}" for k, v in qs.items()))
    return "\n".join(lines)

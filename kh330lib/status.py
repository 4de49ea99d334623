"""Where each target stands in the data: latest Huế value, number of points, or proxies when none."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import fmt
from .catalog import Target
from .i18n import BREAKDOWN_LABELS, KIND_LABELS, STATUS_LABELS, t
from .observations import Dataset, annual_series


@dataclass(frozen=True)
class Point:
    """One observation as the status table shows it."""

    year: int
    value: float
    status: str
    source: str
    period: str = ""


@dataclass(frozen=True)
class ProxyStatus:
    """A stand-in series for a target without Huế data."""

    indicator: str
    geo: str
    relation: str
    n_points: int
    latest: Point | None
    unit: str


@dataclass(frozen=True)
class TargetStatus:
    """Data status of one target (and one breakdown level, where the target has them)."""

    target: Target
    breakdown: str
    n_points: int
    first_year: int | None
    latest: Point | None
    proxies: tuple[ProxyStatus, ...]

    @property
    def has_data(self) -> bool:
        return self.n_points > 0


def _latest(series: pd.DataFrame) -> Point | None:
    if series.empty:
        return None
    row = series.iloc[-1]
    return Point(int(row["year"]), float(row["value"]), str(row["status"]), str(row["source"]), str(row["period"]))


def proxies_for(dataset: Dataset, indicator_id: str, breakdown: str = "") -> tuple[ProxyStatus, ...]:
    """National series of the same indicator, then the catalogue's declared proxies, that have data."""
    ind = dataset.registry.indicators[indicator_id]
    candidates = [(indicator_id, "VN", "same indicator, national level")]
    candidates += [(p.indicator, p.geo, p.relation) for p in ind.proxies]
    out = []
    for pid, geo, relation in candidates:
        series = annual_series(dataset.observations, pid, geo, breakdown if pid == indicator_id else "")
        if not series.empty:
            out.append(ProxyStatus(pid, geo, relation, len(series), _latest(series),
                                   dataset.registry.indicators[pid].unit))
    return tuple(out)


def target_status(dataset: Dataset, target: Target) -> list[TargetStatus]:
    """One TargetStatus per breakdown level of the target (one for targets without breakdown)."""
    if target.indicator is None:
        return [TargetStatus(target, "", 0, None, None, ())]
    out = []
    for breakdown in target.breakdown or ("",):
        series = annual_series(dataset.observations, target.indicator, target.geo, breakdown)
        proxies = () if not series.empty else proxies_for(dataset, target.indicator, breakdown)
        out.append(TargetStatus(target, breakdown, len(series),
                                int(series["year"].iloc[0]) if len(series) else None,
                                _latest(series), proxies))
    return out


def status_all(dataset: Dataset) -> list[TargetStatus]:
    """Status of every target in registry order."""
    return [s for tgt in dataset.registry.targets for s in target_status(dataset, tgt)]


def goal_text(target: Target, lang: str = "vi") -> str:
    """The target as a short phrase: `> 80 % đến 2030`."""
    if target.kind == "qualitative" or target.value is None:
        return f"{KIND_LABELS[lang]['qualitative']}, {t('by', lang)} {target.deadline}"
    if target.kind == "milestone":
        return f"{t('milestone_done', lang)} {t('by', lang)} {target.deadline}"
    cmp = {">": ">", ">=": "≥", "<": "<", "<=": "≤"}[target.comparator or ">="]
    goal = f"{cmp} {fmt.with_unit(target.value, target.unit, lang, 2)}"
    if target.kind == "cumulative" and target.start:
        goal += f" ({t('cumulative', lang)} {target.start}–{target.deadline})"
    return f"{goal} {t('by', lang)} {target.deadline}"


def point_text(point: Point, unit: str, lang: str = "vi") -> str:
    period = f" ({point.period})" if point.period and point.period != str(point.year) else ""
    return (f"{fmt.with_unit(point.value, unit, lang, 2)} — {point.year}{period}, "
            f"{STATUS_LABELS[lang][point.status]}, {t('source', lang)} {point.source}")


def status_records(statuses: list[TargetStatus]) -> list[dict]:
    """JSON-ready records (stable keys, English vocabulary)."""
    out = []
    for s in statuses:
        tg = s.target
        rec = {
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
            "reason": None,
        }
        if tg.kind == "qualitative":
            rec["reason"] = "qualitative target: no measurable indicator"
        elif not s.has_data:
            rec["reason"] = "no Huế data"
        out.append(rec)
    return out


def render_status(statuses: list[TargetStatus], dataset: Dataset, lang: str = "vi") -> str:
    """The status table as plain text for a terminal or a log."""
    lines = [t("status_title", lang), "=" * len(t("status_title", lang))]
    n_data = sum(1 for s in statuses if s.has_data)
    n_qual = sum(1 for s in statuses if s.target.kind == "qualitative")
    current_clause = None
    for s in statuses:
        tg = s.target
        section = tg.clause.split()[0]
        if section != current_clause:
            current_clause = section
            lines.append("")
        bd = BREAKDOWN_LABELS[lang].get(s.breakdown, s.breakdown)
        label = tg.label(lang) + (f" — {bd}" if bd else "")
        lines.append(f"[{tg.clause}] {label}: {goal_text(tg, lang)}")
        if tg.kind == "qualitative":
            lines.append(f"    {t('qualitative', lang)}")
            continue
        if s.latest:
            lines.append(f"    {point_text(s.latest, tg.unit or '', lang)}; {t('points', lang).lower()}: {s.n_points}")
            continue
        ind = dataset.registry.indicators[tg.indicator or ""]
        who = ", ".join(dataset.registry.units[u].label(lang) for u in ind.reporters if u in dataset.registry.units)
        needs = t("needs", lang).format(who=who) if who else ""
        needs = f" — {needs[0].lower()}{needs[1:]}" if needs else ""
        lines.append(f"    {t('no_data', lang).capitalize()}{needs}")
        for p in s.proxies:
            ind = dataset.registry.indicators[p.indicator]
            geo = dataset.registry.geos[p.geo].label(lang)
            lines.append(f"    ↳ {t('proxy_prefix', lang)}: {ind.label(lang)} ({geo}): "
                         f"{point_text(p.latest, p.unit, lang) if p.latest else ''}; "
                         f"{t('points', lang).lower()}: {p.n_points}")
    lines.append("")
    lines.append(t("summary", lang).format(n=len(statuses), targets=len({s.target.id for s in statuses}),
                                           with_data=n_data,
                                           no_data=len(statuses) - n_data - n_qual, qual=n_qual))
    return "\n".join(lines)

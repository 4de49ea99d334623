"""The ward functions as they were (one scan or set per ward), kept as the reference of the equivalence tests."""

from __future__ import annotations

import pandas as pd

from kh330lib.data.catalog import Registry
from kh330lib.data.periods import period_quarter
from kh330lib.data.tables import STATUSES, Dataset
from kh330lib.data.wards import CityFigure, WardRules, load_rules, local_geos


def _weakest(statuses: pd.Series) -> str:
    # STATUSES runs from the strongest (official) to the weakest (assumption).
    return STATUSES[max(STATUSES.index(s) for s in statuses)]

def derive_ratios_before(obs: pd.DataFrame, rules: WardRules, registry: Registry) -> pd.DataFrame:
    """Add ratio rows where a geo reported numerator and denominator but not the share itself.

    The derived row keeps the numerator's source, file and line, takes the
    weaker status of the two counts, and says in its note how it was computed.
    """
    if not rules.ratios or obs.empty:
        return obs
    keys = ["geo", "breakdown", "year", "_q"]
    frame = obs.assign(_q=[period_quarter(p) for p in obs["period"]])
    added = []
    for r in rules.ratios:
        num = frame[frame["indicator"] == r.numerator]
        den = frame[frame["indicator"] == r.denominator]
        if num.empty or den.empty:
            continue
        both = num.merge(den, on=keys, suffixes=("", "_den"))
        both = both[both["value_den"] > 0]
        have = frame.loc[frame["indicator"] == r.indicator, keys]
        both = both.merge(have.assign(_have=True), on=keys, how="left")
        both = both[both["_have"].isna()]
        if both.empty:
            continue
        unit = registry.indicators[r.indicator].unit
        out = both[[*keys, "period", "source", "file", "line"]].copy()
        out["indicator"] = r.indicator
        out["value"] = both["value"] / both["value_den"] * r.scale
        out["unit"] = unit
        out["status"] = [_weakest(pd.Series(pair)) for pair in zip(both["status"], both["status_den"])]
        out["note"] = [f"derived: {r.numerator} / {r.denominator} × {r.scale:g} "
                       f"({n:g} / {d:g})" for n, d in zip(both["value"], both["value_den"])]
        added.append(out)
    if not added:
        return obs
    extra = pd.concat(added, ignore_index=True).drop(columns="_q")
    return pd.concat([obs, extra[obs.columns]], ignore_index=True)

def aggregate_city_before(dataset: Dataset, indicator: str, rules: WardRules | None = None,
                   breakdown: str = "") -> list[CityFigure]:
    """City figures from ward rows, one per year: Σ numerators / Σ denominators for shares, Σ for counts.

    A share is never averaged over wards; only wards that reported both counts
    of a year enter that year's figure, and the rest are listed as missing.
    Raises ValueError for a share without a numerator/denominator rule.
    """
    rules = rules or load_rules(dataset.registry)
    wards = local_geos(dataset.registry, rules.city)
    ward_ids = [g.id for g in wards]
    ratio = rules.ratio_for(indicator)

    def by_ward(ind: str) -> pd.DataFrame:
        obs = dataset.observations
        sel = obs[(obs["indicator"] == ind) & (obs["geo"].isin(ward_ids)) & (obs["breakdown"] == breakdown)]
        # The annual_series rule, for all wards at once: the annual figure, else the year's latest quarter.
        rank = [5 if period_quarter(p) == 0 else period_quarter(p) for p in sel["period"]]
        sel = sel.assign(_rank=rank).sort_values(["geo", "year", "_rank"])
        return sel.groupby(["geo", "year"], as_index=False).tail(1)[["geo", "year", "value"]]

    out = []
    if ratio is not None:
        num = by_ward(ratio.numerator)[["geo", "year", "value"]]
        den = by_ward(ratio.denominator)[["geo", "year", "value"]]
        both = num.merge(den, on=["geo", "year"], suffixes=("_num", "_den"))
        both = both[both["value_den"] > 0]
        for year, grp in both.groupby("year"):
            n, d = float(grp["value_num"].sum()), float(grp["value_den"].sum())
            out.append(CityFigure(indicator, int(year), n / d * ratio.scale, n, d, len(grp), len(ward_ids),
                                  tuple(w for w in ward_ids if w not in set(grp["geo"]))))
    elif indicator in rules.sums:
        rows = by_ward(indicator)
        for year, grp in rows.groupby("year"):
            out.append(CityFigure(indicator, int(year), float(grp["value"].sum()), None, None, len(grp),
                                  len(ward_ids), tuple(w for w in ward_ids if w not in set(grp["geo"]))))
    else:
        raise ValueError(f"{indicator} has no rule in params/wards.yaml: a city figure cannot be added up "
                         "from wards (a share needs its numerator and denominator)")
    return sorted(out, key=lambda f: f.year)

def reporting_audit_before(dataset: Dataset, rules: WardRules | None = None, lang: str = "vi") -> pd.DataFrame:
    """One row per ward or commune: whether it has reported, which indicators and years, and when.

    Columns: geo, label, reported (bool), indicators, years, last_received
    (the latest received date of its reports, empty for none).
    """
    rules = rules or load_rules(dataset.registry)
    obs = dataset.observations
    history = dataset.all_vintages
    rows = []
    for g in local_geos(dataset.registry, rules.city):
        own = obs[obs["geo"] == g.id]
        got = history[(history["geo"] == g.id) & (history["received"] != "")] if not history.empty else history
        rows.append({
            "geo": g.id, "label": g.label(lang), "reported": not own.empty,
            "indicators": ", ".join(sorted(own["indicator"].unique())),
            "years": ", ".join(str(y) for y in sorted(own["year"].unique())),
            "last_received": str(got["received"].max()) if len(got) else "",
        })
    return pd.DataFrame(rows, columns=["geo", "label", "reported", "indicators", "years", "last_received"])

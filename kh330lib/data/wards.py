"""Ward and commune reports → ward shares and city totals, summing numerators and denominators."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from ..errors import InputError, Problem, problem, quote, short
from ..yamlio import LineDict, load_yaml
from .catalog import Geo, Registry
from .observations import LOCAL_LEVELS
from .periods import period_quarters
from .tables import STATUSES, Dataset


@dataclass(frozen=True)
class Ratio:
    """A share defined as numerator / denominator × scale (both counts reported by wards)."""

    indicator: str
    numerator: str
    denominator: str
    scale: float
    source: str = ""


@dataclass(frozen=True)
class WardRules:
    """How ward figures add up to the city (params/wards.yaml)."""

    city: str
    ratios: tuple[Ratio, ...]
    sums: tuple[str, ...]

    def ratio_for(self, indicator: str) -> Ratio | None:
        return next((r for r in self.ratios if r.indicator == indicator), None)


NO_RULES = WardRules("VN-HUE", (), ())


def collect_rules(registry: Registry, path: Path | str | None = None) -> tuple[WardRules, list[Problem]]:
    """Read params/wards.yaml and check every indicator it names; a missing file means no rules."""
    p = Path(path or paths.WARDS)
    if not p.exists():
        return NO_RULES, []
    data = load_yaml(p)
    problems: list[Problem] = []

    def bad(node: LineDict | None, key: str, message: str, fix: str) -> None:
        line = node.line_of(key) if isinstance(node, LineDict) else None
        problems.append(problem(p, line, key, message, fix, kind="field"))

    if not isinstance(data, LineDict):
        bad(None, "ratios", "expected a mapping with 'city', 'ratios' and 'sums'", "see the file's header comment")
        return NO_RULES, problems
    city = str(data.get("city") or "")
    if city not in registry.geos:
        bad(data, "city", f"unknown geo '{short(city)}'", "use a code from params/geos.yaml, e.g. VN-HUE")
    ratios = []
    for node in data.get("ratios") or []:
        if not isinstance(node, LineDict):
            bad(data, "ratios", f"entry {quote(node)} is not a mapping", "write '- indicator: ...' with its fields")
            continue
        ids = {k: str(node.get(k) or "") for k in ("indicator", "numerator", "denominator")}
        for key, iid in ids.items():
            if iid not in registry.indicators:
                bad(node, key, f"unknown indicator '{short(iid)}'", "use an id from params/indicators.yaml")
        scale = node.get("scale", 1)
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or scale <= 0:
            bad(node, "scale", f"scale must be a positive number, got {quote(scale)}", "write e.g. scale: 100")
            scale = 1
        if all(i in registry.indicators for i in ids.values()):
            for key in ("numerator", "denominator"):
                if not registry.indicators[ids[key]].integer:
                    bad(node, key, f"'{short(ids[key])}' is not a count (integer: true)",
                        "numerators and denominators are counts; a share is never summed")
            ratios.append(Ratio(ids["indicator"], ids["numerator"], ids["denominator"], float(scale),
                                str(node.get("source") or "")))
    sums = []
    for iid in data.get("sums") or []:
        ind = registry.indicators.get(str(iid))
        if ind is None:
            bad(data, "sums", f"unknown indicator '{short(iid)}'", "use an id from params/indicators.yaml")
        elif not ind.integer:
            bad(data, "sums", f"'{short(iid)}' is not a count, so wards' values cannot be added up",
                "list only counts (integer: true); shares go under 'ratios'")
        else:
            sums.append(ind.id)
    return WardRules(city, tuple(ratios), tuple(sums)), problems


def load_rules(registry: Registry, path: Path | str | None = None) -> WardRules:
    """params/wards.yaml, validated; raise InputError on any problem."""
    rules, problems = collect_rules(registry, path)
    if problems:
        raise InputError(problems)
    return rules


def local_geos(registry: Registry, parent: str = "VN-HUE") -> list[Geo]:
    """Wards and communes under `parent`, in params/geos.yaml order."""
    return [g for g in registry.geos.values() if g.level in LOCAL_LEVELS and g.parent == parent]


def for_geo(dataset: Dataset, geo: str) -> Dataset:
    """The dataset with every target placed at `geo` (a ward, commune or institution) instead of its own."""
    if geo not in dataset.registry.geos:
        raise InputError([problem(paths.GEOS, None, "geo", f"unknown geo '{short(geo)}'",
                                  "use a code from params/geos.yaml", kind="field")])
    targets = tuple(dataclasses.replace(t, geo=geo) for t in dataset.registry.targets)
    return dataclasses.replace(dataset, registry=dataclasses.replace(dataset.registry, targets=targets))


def _weakest(first: pd.Series, second: pd.Series) -> np.ndarray:
    """The weaker status of each pair; STATUSES runs from the strongest (official) to the weakest (assumption)."""
    rank = {s: i for i, s in enumerate(STATUSES)}
    weaker = np.maximum(first.map(rank).to_numpy(dtype="int64"), second.map(rank).to_numpy(dtype="int64"))
    return np.asarray(STATUSES, dtype=object)[weaker]


def derive_ratios(obs: pd.DataFrame, rules: WardRules, registry: Registry) -> pd.DataFrame:
    """Add ratio rows where a geo reported numerator and denominator but not the share itself.

    The derived row keeps the numerator's source, file and line, takes the
    weaker status of the two counts, and says in its note how it was computed.
    """
    if not rules.ratios or obs.empty:
        return obs
    keys = ["geo", "breakdown", "year", "_q"]
    frame = obs.assign(_q=period_quarters(obs["period"]))
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
        out["status"] = _weakest(both["status"], both["status_den"])
        out["note"] = [f"derived: {r.numerator} / {r.denominator} × {r.scale:g} "
                       f"({n:g} / {d:g})" for n, d in zip(both["value"].tolist(), both["value_den"].tolist())]
        added.append(out)
    if not added:
        return obs
    extra = pd.concat(added, ignore_index=True).drop(columns="_q")
    return pd.concat([obs, extra[obs.columns]], ignore_index=True)


@dataclass(frozen=True)
class CityFigure:
    """A city figure added up from wards, with how many wards it rests on."""

    indicator: str
    year: int
    value: float
    numerator: float | None
    denominator: float | None
    n_reported: int
    n_wards: int
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return self.n_reported == self.n_wards


def aggregate_city(dataset: Dataset, indicator: str, rules: WardRules | None = None,
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
    obs = dataset.observations
    local = obs[obs["geo"].isin(ward_ids) & (obs["breakdown"] == breakdown)]

    def by_ward(ind: str) -> pd.DataFrame:
        sel = local[local["indicator"] == ind]
        # The annual_series rule, for all wards at once: the annual figure, else the year's latest quarter.
        quarter = period_quarters(sel["period"])
        sel = sel.assign(_rank=np.where(quarter == 0, 5, quarter)).sort_values(["geo", "year", "_rank"])
        return sel.groupby(["geo", "year"], as_index=False).tail(1)[["geo", "year", "value"]]

    if ratio is not None:
        num = by_ward(ratio.numerator)
        den = by_ward(ratio.denominator)
        rows = num.merge(den, on=["geo", "year"], suffixes=("_num", "_den"))
        rows = rows[rows["value_den"] > 0]
    elif indicator in rules.sums:
        rows = by_ward(indicator).rename(columns={"value": "value_num"})
    else:
        raise ValueError(f"{indicator} has no rule in params/wards.yaml: a city figure cannot be added up "
                         "from wards (a share needs its numerator and denominator)")
    out = []
    # One groupby for the sums, one set per year for the missing wards (not one per ward and year).
    sums = rows.groupby("year").agg(n=("value_num", "sum"), count=("geo", "size"),
                                    **({"d": ("value_den", "sum")} if ratio is not None else {}))
    reported = rows.groupby("year")["geo"].agg(set)
    for year, agg in sums.iterrows():
        have = reported[year]
        missing = tuple(w for w in ward_ids if w not in have)
        n = float(agg["n"])
        if ratio is not None:
            d = float(agg["d"])
            out.append(CityFigure(indicator, int(year), n / d * ratio.scale, n, d, int(agg["count"]),
                                  len(ward_ids), missing))
        else:
            out.append(CityFigure(indicator, int(year), n, None, None, int(agg["count"]), len(ward_ids), missing))
    return sorted(out, key=lambda f: f.year)


def reporting_audit(dataset: Dataset, rules: WardRules | None = None, lang: str = "vi") -> pd.DataFrame:
    """One row per ward or commune: whether it has reported, which indicators and years, and when.

    Columns: geo, label, reported (bool), indicators, years, last_received
    (the latest received date of its reports, empty for none).
    """
    rules = rules or load_rules(dataset.registry)
    obs = dataset.observations
    history = dataset.all_vintages
    # One groupby per column, not one scan of the tables per ward.
    by_geo = obs.groupby("geo", sort=False)
    indicators = by_geo["indicator"].agg(lambda s: ", ".join(sorted(s.unique())))
    years = by_geo["year"].agg(lambda s: ", ".join(str(y) for y in sorted(s.unique())))
    got = history[history["received"] != ""] if not history.empty else history
    received = got.groupby("geo", sort=False)["received"].max() if len(got) else pd.Series(dtype=object)
    rows = []
    for g in local_geos(dataset.registry, rules.city):
        rows.append({
            "geo": g.id, "label": g.label(lang), "reported": g.id in indicators.index,
            "indicators": indicators.get(g.id, ""), "years": years.get(g.id, ""),
            "last_received": str(received[g.id]) if g.id in received.index else "",
        })
    return pd.DataFrame(rows, columns=["geo", "label", "reported", "indicators", "years", "last_received"])

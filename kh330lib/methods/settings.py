"""Every threshold and setting of params/methods.yaml, typed (`Methods`) from the file's parsed contents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import InputError, problem, quote
from .evidence import LevelRule
from .forecast import ForecastSettings, Unit
from .peers import PeerSettings


@dataclass(frozen=True)
class Methods:
    """Every threshold and setting of params/methods.yaml, typed."""

    on_track: float
    needs_acceleration: float
    limited_progress: float
    min_points_progress: int
    unsd_on_track: float
    unsd_fair_progress: float
    near_bound_tolerance: float
    years_before_latest: int
    horizon_end: int
    n_paths: int
    logit_epsilon: float
    min_points_projection: int
    min_points: dict[str, int]
    bt_min_errors: int
    family_weights: dict[str, float]
    damped_phis: tuple[float, ...]
    revision_sd_points: float
    revision_sd_relative: float
    min_revisions: int
    very_likely: float
    likely: float
    about_even: float
    unlikely: float
    min_points_number: int
    max_range: float
    evidence_rules: tuple[LevelRule, ...]
    weak_statuses: tuple[str, ...]
    money_share_indicator: str
    money_denominator: str
    money_geo: str
    money_max_years_ahead: int
    money_round_to: float
    strict_step: float
    forecast: ForecastSettings
    verdict_bands: dict[str, str]
    sources: dict[str, str] = field(default_factory=dict)
    path: str = ""


_METHOD_FIELDS: dict[str, tuple[tuple[str, str, type], ...]] = {
    # section: (key, attribute, type)
    "open_sdg": (("on_track", "on_track", float), ("needs_acceleration", "needs_acceleration", float),
                 ("limited_progress", "limited_progress", float), ("min_points", "min_points_progress", int)),
    "unsd": (("on_track", "unsd_on_track", float), ("fair_progress", "unsd_fair_progress", float),
             ("near_bound_tolerance", "near_bound_tolerance", float)),
    "base_year": (("years_before_latest", "years_before_latest", int),),
    "projection": (("horizon_end", "horizon_end", int), ("n_paths", "n_paths", int),
                   ("logit_epsilon", "logit_epsilon", float),
                   ("min_points_projection", "min_points_projection", int)),
    "backtest": (("min_errors", "bt_min_errors", int),),
    "ensemble": (),
    "revision": (("default_sd_points", "revision_sd_points", float),
                 ("default_sd_relative", "revision_sd_relative", float), ("min_revisions", "min_revisions", int)),
    "likelihood": (("very_likely", "very_likely", float), ("likely", "likely", float),
                   ("about_even", "about_even", float), ("unlikely", "unlikely", float),
                   ("min_points_number", "min_points_number", int), ("max_range", "max_range", float)),
    "money_view": (("share_indicator", "money_share_indicator", str), ("denominator", "money_denominator", str),
                   ("geo", "money_geo", str), ("max_years_ahead", "money_max_years_ahead", int),
                   ("round_to", "money_round_to", float)),
    "pace": (("strict_step", "strict_step", float),),
    "forecast": (),
    "verdict": (),
}


def methods_from(data: Any, source: str) -> Methods:
    """The settings of params/methods.yaml as parsed (yamlio's LineDict, which knows each key's line); every
    missing or mistyped setting is reported with its line in `source`, the file it was read from."""
    problems = []

    def bad(node: Any, key: str, message: str, fix: str) -> None:
        # A mapping read from a file knows its lines (yamlio.LineDict); one built in code does not.
        line = node.line_of(key) if hasattr(node, "line_of") else None
        problems.append(problem(source, line, key, message, fix, kind="field"))

    if not isinstance(data, Mapping):
        raise InputError([problem(source, None, None, "expected a mapping of sections", "see the file's comments",
                                  kind="field")])
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    # The evidence section has no scalar settings but, like every section, needs a source.
    for section, fields in {**_METHOD_FIELDS, "evidence": ()}.items():
        node = data.get(section)
        if not isinstance(node, Mapping):
            bad(data, section, "missing section", f"add a '{section}:' section")
            continue
        if not isinstance(node.get("source"), str) or not node["source"].strip():
            bad(node, "source", f"section '{section}' has no source", "name the method's published source")
        else:
            sources[section] = " ".join(node["source"].split())
        for key, attr, typ in fields:
            v = node.get(key)
            ok = isinstance(v, str) if typ is str else (
                isinstance(v, (int, float)) and not isinstance(v, bool) and (typ is float or isinstance(v, int)))
            if not ok:
                bad(node, key, f"must be {'text' if typ is str else 'a number'}, got {quote(v)}",
                    f"write '{key}: ...' in section {section}")
            else:
                values[attr] = typ(v)
    proj = data.get("projection") if isinstance(data.get("projection"), Mapping) else {}
    mp = proj.get("min_points") if isinstance(proj, Mapping) else None
    if not isinstance(mp, Mapping) or not all(isinstance(v, int) for v in mp.values()):
        bad(proj, "min_points", "must map model names to whole numbers", "write e.g. 'linear: 3'")
    else:
        values["min_points"] = {str(k): int(v) for k, v in mp.items()}
    values.update(_ensemble_settings(data, bad))
    forecast = _forecast_settings(data, bad, values)
    verdict = _verdict_bands(data, bad)
    ev = data.get("evidence") if isinstance(data.get("evidence"), Mapping) else {}
    rules = []
    for item in (ev.get("levels") or []) if isinstance(ev, Mapping) else []:
        if not isinstance(item, Mapping) or not all(isinstance(item.get(k), int) for k in ("min_points", "max_age")):
            bad(ev, "levels", f"level {quote(item)} needs 'level', 'min_points' and 'max_age'",
                "write '- level: strong', 'min_points: 8', 'max_age: 2'")
            continue
        rules.append(LevelRule(str(item.get("level")), int(item["min_points"]), int(item["max_age"])))
    if not rules:
        bad(ev, "levels", "no evidence levels", "list the levels strongest first")
    weak = ev.get("weak_statuses") if isinstance(ev, Mapping) else None
    if not isinstance(weak, list):
        bad(ev, "weak_statuses", "must be a list", "write [proxy, assumption]")
        weak = []
    if problems:
        raise InputError(problems)
    return Methods(**values, evidence_rules=tuple(rules), weak_statuses=tuple(str(w) for w in weak),
                   forecast=forecast, verdict_bands=verdict, sources=sources)  # type: ignore[arg-type]


def _numbers(node: Any, key: str) -> list[float] | None:
    items = node.get(key) if isinstance(node, Mapping) else None
    if not isinstance(items, list) or not items or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in items):
        return None
    return [float(v) for v in items]


def _ensemble_settings(data: Mapping, bad: Any) -> dict[str, Any]:
    """The ensemble's family weights and damping factors."""
    out: dict[str, Any] = {}
    ens = data.get("ensemble") if isinstance(data.get("ensemble"), Mapping) else {}
    weights = ens.get("family_weights")
    if not isinstance(weights, Mapping) or not weights or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in weights.values()):
        bad(ens, "family_weights", "must map model families to weights ≥ 0", "write e.g. 'drift: 1'")
    else:
        out["family_weights"] = {str(k): float(v) for k, v in weights.items()}
    phis = _numbers(ens, "damped_phis")
    if phis is None or not all(0 < p < 1 for p in phis):
        bad(ens, "damped_phis", "must list damping factors between 0 and 1", "write e.g. [0.8, 0.9, 0.98]")
    else:
        out["damped_phis"] = tuple(phis)
    return out


def _number(node: Any, key: str, bad: Any, section: str, *, whole: bool = False, low: float | None = None,
            high: float | None = None) -> float | None:
    """A number at `key` of `node` within [low, high] (whole if asked), else reported."""
    v = node.get(key) if isinstance(node, Mapping) else None
    ok = isinstance(v, (int, float)) and not isinstance(v, bool) and (not whole or float(v) == int(v))
    if ok and ((low is not None and v < low) or (high is not None and v > high)):
        ok = False
    if not ok:
        span = f" between {low:g} and {high:g}" if low is not None and high is not None else (
            f" of at least {low:g}" if low is not None else "")
        bad(node, key, f"must be {'a whole number' if whole else 'a number'}{span}, got {quote(v)}",
            f"write '{key}: ...' in section {section}")
        return None
    return float(v)


def _forecast_settings(data: Mapping, bad: Any, values: Mapping[str, Any]) -> ForecastSettings | None:
    """The forecaster's section: weights, widening, the peer model and the panel's own factor."""
    node = data.get("forecast") if isinstance(data.get("forecast"), Mapping) else {}
    peer = node.get("peer") if isinstance(node.get("peer"), Mapping) else {}
    local = node.get("local") if isinstance(node.get("local"), Mapping) else {}
    if not peer:
        bad(node, "peer", "missing the peer model's settings", "add 'peer:' with window, prior_df, phi, …")
    if not local:
        bad(node, "local", "missing the panel's own factor", "add 'local:' with years, weight, range, max_horizon")
    weights = node.get("weights")
    if not isinstance(weights, Mapping) or not weights or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in weights.values()) or \
            not sum(float(v) for v in weights.values()) > 0:
        bad(node, "weights", "must map member families to weights ≥ 0, not all 0", "write e.g. 'peer: 0.85'")
        weights = None
    widening = _numbers(node, "widening")
    if widening is None or not all(w > 0 for w in widening):
        bad(node, "widening", "must list positive factors, one per horizon", "write e.g. [0.8, 1.0, 1.1]")
    grids = {k: _numbers(peer, k) for k in ("noise_shares", "slope_noise")}
    if grids["noise_shares"] is None or not all(0 <= r <= 1 for r in grids["noise_shares"]):
        bad(peer, "noise_shares", "must list shares between 0 and 1", "write e.g. [0.0, 0.5, 0.95]")
    if grids["slope_noise"] is None or not all(z >= 0 for z in grids["slope_noise"]):
        bad(peer, "slope_noise", "must list variances ≥ 0", "write e.g. [0.0, 0.01, 0.1]")
    rng = _numbers(local, "range")
    if rng is None or len(rng) != 2 or not 0 < rng[0] <= 1 <= rng[1]:
        bad(local, "range", "must be [low, high] with 0 < low ≤ 1 ≤ high", "write e.g. [0.5, 3.0]")
    level_dependent = peer.get("level_dependent")
    if not isinstance(level_dependent, bool):
        bad(peer, "level_dependent", "must be true or false", "write 'level_dependent: false'")
    nums = {
        "window": _number(peer, "window", bad, "forecast.peer", whole=True, low=3),
        "prior_df": _number(peer, "prior_df", bad, "forecast.peer", low=0),
        "phi": _number(peer, "phi", bad, "forecast.peer", low=0, high=1),
        "min_pool": _number(peer, "min_pool", bad, "forecast.peer", whole=True, low=2),
        "max_fit_rows": _number(peer, "max_fit_rows", bad, "forecast.peer", whole=True, low=10),
        "fallback_noise_share": _number(peer, "fallback_noise_share", bad, "forecast.peer", low=0, high=1),
        "pool_drift": _number(peer, "pool_drift", bad, "forecast.peer", low=0, high=1),
        "years": _number(local, "years", bad, "forecast.local", whole=True, low=0),
        "weight": _number(local, "weight", bad, "forecast.local", low=0),
        "max_horizon": _number(local, "max_horizon", bad, "forecast.local", whole=True, low=1),
        "min_points": _number(node, "min_points", bad, "forecast", whole=True, low=3),
        "min_df": _number(node, "min_df", bad, "forecast", low=1),
    }
    levels = _numbers(node, "quantiles")
    if levels is None or not all(0 < q < 1 for q in levels):
        bad(node, "quantiles", "must list levels between 0 and 1", "write e.g. [0.1, 0.5, 0.9]")
    units = _units(node, bad)
    if any(v is None for v in (*nums.values(), *grids.values(), weights, widening, rng, levels, units)) or \
            not isinstance(level_dependent, bool) or "damped_phis" not in values or "min_points" not in values:
        return None
    peer_settings = PeerSettings(int(nums["window"]), float(nums["prior_df"]), float(nums["phi"]),
                                 tuple(grids["noise_shares"]), tuple(grids["slope_noise"]), level_dependent,
                                 int(nums["min_pool"]), int(nums["max_fit_rows"]), float(nums["fallback_noise_share"]),
                                 float(nums["pool_drift"]))
    return ForecastSettings(peer_settings, {str(k): float(v) for k, v in weights.items()}, tuple(widening),
                            int(nums["years"]), float(nums["weight"]), (float(rng[0]), float(rng[1])),
                            int(nums["min_points"]), dict(values["min_points"]), tuple(values["damped_phis"]),
                            float(values.get("logit_epsilon", 0.001)), int(nums["max_horizon"]),
                            float(nums["min_df"]), tuple(sorted(levels)), units)


def _units(node: Mapping, bad: Any) -> dict[str, Unit] | None:
    """`forecast.units`: for each unit name, its bounds (null for none) and whether it is a share."""
    raw = node.get("units")
    if not isinstance(raw, Mapping) or not raw:
        bad(node, "units", "must map unit names to their bounds", "write e.g. 'percent: {low: 0, high: 100, "
            "share: true}'")
        return None
    out = {}
    for name, spec in raw.items():
        ok = isinstance(spec, Mapping) and isinstance(spec.get("share"), bool) and all(
            spec.get(k) is None or (isinstance(spec.get(k), (int, float)) and not isinstance(spec.get(k), bool))
            for k in ("low", "high"))
        if ok and spec["share"] and (spec.get("low") is None or spec.get("high") is None):
            ok = False
        if not ok:
            bad(raw, str(name), "needs low and high (numbers or null) and share (true or false); a share needs "
                "both bounds", "write e.g. '{low: 0, high: 100, share: true}'")
            return None
        low, high = spec.get("low"), spec.get("high")
        out[str(name)] = Unit(str(name), None if low is None else float(low), None if high is None else float(high),
                              bool(spec["share"]))
    return out


# The verdicts a chance band may give (codes.Verdict values).
CHANCE_VERDICTS = ("on_track", "at_risk", "off_track")
BANDS = ("very_likely", "likely", "about_even", "unlikely", "very_unlikely")


def _verdict_bands(data: Mapping, bad: Any) -> dict[str, str] | None:
    """`verdict.bands`: the verdict each likelihood band gives, every band named once."""
    node = data.get("verdict") if isinstance(data.get("verdict"), Mapping) else {}
    bands = node.get("bands") if isinstance(node, Mapping) else None
    if not isinstance(bands, Mapping) or set(bands) != set(BANDS) or not all(
            v in CHANCE_VERDICTS for v in bands.values()):
        bad(node, "bands", f"must give each band ({', '.join(BANDS)}) one verdict of {', '.join(CHANCE_VERDICTS)}",
            "write e.g. 'likely: on_track'")
        return None
    return {str(k): str(v) for k, v in bands.items()}

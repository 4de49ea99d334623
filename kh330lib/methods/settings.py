"""Every threshold and setting of params/methods.yaml, read once and typed (`Methods`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .. import paths
from ..errors import InputError, problem
from ..yamlio import LineDict, load_yaml
from .evidence import LevelRule

METHODS = paths.PARAMS_DIR / "methods.yaml"


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
    calibration_windows: tuple[int, ...]
    calibration_max_horizon: int
    min_national_points: int
    event_pace: float
    target_coverage: float
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
    "calibration": (("max_horizon", "calibration_max_horizon", int),
                    ("min_national_points", "min_national_points", int), ("event_pace", "event_pace", float),
                    ("target_coverage", "target_coverage", float)),
    "likelihood": (("very_likely", "very_likely", float), ("likely", "likely", float),
                   ("about_even", "about_even", float), ("unlikely", "unlikely", float),
                   ("min_points_number", "min_points_number", int), ("max_range", "max_range", float)),
    "money_view": (("share_indicator", "money_share_indicator", str), ("denominator", "money_denominator", str),
                   ("geo", "money_geo", str), ("max_years_ahead", "money_max_years_ahead", int),
                   ("round_to", "money_round_to", float)),
    "pace": (("strict_step", "strict_step", float),),
}


def load_methods(path: Path | str | None = None) -> Methods:
    """Read params/methods.yaml; every missing or mistyped setting is reported with its line."""
    p = Path(path or METHODS)
    data = load_yaml(p)
    problems = []

    def bad(node: Any, key: str, message: str, fix: str) -> None:
        line = node.line_of(key) if isinstance(node, LineDict) else None
        problems.append(problem(p, line, key, message, fix, kind="field"))

    if not isinstance(data, Mapping):
        raise InputError([problem(p, None, None, "expected a mapping of sections", "see the file's comments",
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
                bad(node, key, f"must be {'text' if typ is str else 'a number'}, got {v!r}",
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
    ev = data.get("evidence") if isinstance(data.get("evidence"), Mapping) else {}
    rules = []
    for item in (ev.get("levels") or []) if isinstance(ev, Mapping) else []:
        if not isinstance(item, Mapping) or not all(isinstance(item.get(k), int) for k in ("min_points", "max_age")):
            bad(ev, "levels", f"level {item!r} needs 'level', 'min_points' and 'max_age'",
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
                   sources=sources, path=paths.display(p))


def _numbers(node: Any, key: str) -> list[float] | None:
    items = node.get(key) if isinstance(node, Mapping) else None
    if not isinstance(items, list) or not items or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in items):
        return None
    return [float(v) for v in items]


def _ensemble_settings(data: Mapping, bad: Any) -> dict[str, Any]:
    """The ensemble's family weights and damping factors, and the calibration's training windows."""
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
    cal = data.get("calibration") if isinstance(data.get("calibration"), Mapping) else {}
    windows = _numbers(cal, "windows")
    if windows is None or not all(w >= 3 and w == int(w) for w in windows):
        bad(cal, "windows", "must list training-window lengths of at least 3 points", "write e.g. [3, 4, 5]")
    else:
        out["calibration_windows"] = tuple(int(w) for w in windows)
    return out

"""`kh330 list`: the targets, indicators, scenarios or reporting units on file, as aligned columns or JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..data.catalog import Registry, load_registry
from ..data.dataset import load_dataset
from ..data.scenario_files import read_scenario_file, scenario_names, scenario_path
from ..data.scenarios import load_scenario
from ..errors import InputError
from ..paths import display
from ..words.table import aligned
from .options import add_data_options, data_files

WHAT = ("targets", "indicators", "scenarios", "units")
COLUMNS = {
    "targets": ("id", "clause", "label", "kind", "comparator", "value", "unit", "deadline"),
    "indicators": ("id", "label", "unit", "geos"),
    "scenarios": ("name", "label_vi", "label_en", "adjustments", "problem"),
    "units": ("id", "label", "clause"),
}


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("list", help="list the targets, indicators, scenarios or reporting units",
                       description="Print what is on file, one row each, as aligned columns (or a JSON list of "
                                   "objects with --json). targets: id, clause, label, kind, comparator, value, "
                                   "unit, deadline (params/targets.yaml). indicators: id, label, unit and the geos "
                                   "with observations (params/indicators.yaml, data/observations.csv). scenarios: "
                                   "every file of params/scenarios/ with its labels, number of adjustments and "
                                   "problem (null when valid). units: the reporting units of Plan 330 section V "
                                   "(params/reporting_units.yaml).")
    p.add_argument("what", choices=WHAT, help="what to list")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the labels (default vi)")
    p.add_argument("--json", action="store_true", help="print a JSON list of objects instead of columns")
    add_data_options(p)
    return p


def _registry(args: argparse.Namespace) -> Registry:
    return load_registry(args.targets, args.indicators, args.geos)


def target_rows(registry: Registry, lang: str) -> list[dict[str, Any]]:
    """One row per target of the registry, in the plan's order."""
    return [{"id": tg.id, "clause": tg.clause, "label": tg.label(lang), "kind": tg.kind,
             "comparator": tg.comparator, "value": tg.value, "unit": tg.unit, "deadline": tg.deadline}
            for tg in registry.targets]


def indicator_rows(args: argparse.Namespace) -> list[dict[str, Any]]:
    """One row per indicator of the catalogue, with the geos its observations cover."""
    dataset = load_dataset(*data_files(args))
    obs = dataset.observations
    return [{"id": ind.id, "label": ind.label(args.lang), "unit": ind.unit,
             "geos": sorted(set(obs.loc[obs["indicator"] == ind.id, "geo"]))}
            for ind in dataset.registry.indicators.values()]


def scenario_rows(registry: Registry) -> list[dict[str, Any]]:
    """Every scenario file: a broken one is listed with its first problem, so one bad file hides nothing else."""
    out = []
    for name in scenario_names():
        raw, problems = read_scenario_file(name)
        values = raw.values if raw is not None else {}
        row: dict[str, Any] = {"name": name, "label_vi": values.get("scenario_label_vi"),
                               "label_en": values.get("scenario_label_en"), "adjustments": None, "problem": None,
                               "file": display(scenario_path(name))}
        try:
            scenario = load_scenario(name, registry)
            row.update(label_vi=scenario.label_vi, label_en=scenario.label_en,
                       adjustments=len(scenario.adjustments))
        except InputError as exc:
            found = problems or exc.problems
            row["problem"] = str(found[0]) + (f" (and {len(found) - 1} more)" if len(found) > 1 else "")
        out.append(row)
    return out


def unit_rows(registry: Registry, lang: str) -> list[dict[str, Any]]:
    """One row per reporting unit."""
    return [{"id": u.id, "label": u.label(lang), "clause": u.clause} for u in registry.units.values()]


def run(args: argparse.Namespace) -> int:
    if args.what == "indicators":
        rows = indicator_rows(args)
    else:
        registry = _registry(args)
        rows = (target_rows(registry, args.lang) if args.what == "targets" else
                scenario_rows(registry) if args.what == "scenarios" else unit_rows(registry, args.lang))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    shown = [{**r, "geos": ", ".join(r["geos"])} if "geos" in r else r for r in rows]
    print(aligned(shown, COLUMNS[args.what], args.lang))
    return 0

"""`kh330 skill`: the forecaster scored on the reference pools (coverage, Brier skill), or its settings re-fitted."""

from __future__ import annotations

import argparse
import json
import textwrap
from dataclasses import replace

from ..assess.skill import pool_data, stored_skill
from ..data.dataset import load_dataset
from ..data.pools import Pools, dataset_pools
from ..errors import InputError, Problem
from ..methods.settings import Methods
from ..methods.skill import crps_weights, family_weights, fit_widening, score_pools
from ..store.settings import load_methods
from ..words.skill import skill_records, skill_text
from .options import add_data_options, data_files


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "skill", help="score the forecaster on the reference pools (coverage, Brier skill vs baselines)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="\n\n".join(textwrap.fill(par, 100) for par in (
            "Every pool of params/pools.yaml is forecast from rolling origins, with the series' last 4 points and "
            "with all of them, 1–6 years ahead; each series' pool leaves out the fifth of the pool it belongs to, "
            "and each pool is scored with widening factors fitted on the other pools. Printed: coverage of the "
            "80 % and 50 % intervals per pool, window and horizon band; for each rise D the Brier score of "
            "P(value > last + D) and its skill against a random walk without drift and against the pool's "
            "climatology before the origin (1 − Brier / Brier of the baseline); where there is no skill.",
            "The report is computed once per set of inputs (about a minute) and kept under .cache/.",
            "--fit re-chooses the settings instead (several minutes): member weights by CRPS, then the widening "
            "factors for 80 % coverage, each pool counting equally; it prints them for params/methods.yaml.")))
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--fit", action="store_true", help="re-choose the weights and widening on the pools")
    add_data_options(p)
    return p


def _fit(pools: Pools, methods: Methods) -> None:
    settings = methods.forecast
    candidates = {f: 1.0 for f in ("peer", "naive", "linear", "logit_linear", "drift", "damped")}
    print("scoring every candidate member …", flush=True)
    cells = score_pools(pool_data(pools), replace(settings, weights=candidates), rises=pools.rise)
    weights = crps_weights(cells)
    print("CRPS weights by member:", json.dumps(weights))
    kept = family_weights(weights)
    print("weights (families of at least 0.02, renormalised):", json.dumps(kept))
    print("scoring with those weights …", flush=True)
    cells = score_pools(pool_data(pools), replace(settings, weights=kept), rises=pools.rise)
    print("widening:", list(fit_widening(cells)))


def run(args: argparse.Namespace) -> int:
    dataset = load_dataset(*data_files(args))
    pools = dataset_pools(dataset)
    if pools is None or not pools.pools:
        raise InputError([Problem("params/pools.yaml", None, None, "no reference pool is declared",
                                  "declare pools in params/pools.yaml")])
    methods = load_methods()
    if args.fit:
        _fit(pools, methods)
        return 0
    skill = stored_skill(pools, methods)
    if args.json:
        print(json.dumps(skill_records(skill), ensure_ascii=False, indent=1))
    else:
        print(skill_text(skill))
    return 0

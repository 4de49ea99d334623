"""The work on wards and communes a run shares, kept in the store (kh330lib.store) by the hash of its inputs: the
unit table (`assess_units`: every target for every ward and commune) and the city figures added up from ward reports
(`aggregate_city`). The first process to ask computes one while the others wait on its lock; then every brief
and command of the same inputs reads the stored table.

A key covers everything its table is made from: the current observations and the as-of date, the files under
params/ (registry, places, ward rules, methods, scenarios) and the kh330lib code this module runs; for the unit
table also the calibration (revision error and the reference pools' files), the methods passed in, the scenario,
the seed and the base year.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__, paths
from ..data.scenarios import Scenario, resolve_scenario
from ..data.tables import Dataset
from ..data.wards import aggregate_city, load_rules, local_geos
from ..methods.settings import Methods
from ..store.keys import depends_on, digest, hash_files
from ..store.settings import load_methods
from ..store.tables import ROW_COLUMNS, rows_digest, stored_table
from .calibrated import calibration_inputs
from .series import DEFAULT_SEED
from .wards import UNIT_COLUMNS, assess_units

CITY_COLUMNS = ("indicator", "year", "value", "numerator", "denominator", "reported", "total")


def data_parts(dataset: Dataset) -> dict[str, Any]:
    """What both stored tables depend on: this module's code (the computations of both among it), params/, the
    current observations and the as-of date."""
    files = depends_on(code=(__name__,), trees={"params": paths.PARAMS_DIR})
    return {"version": __version__, "files": hash_files(files),
            "observations": rows_digest(dataset.observations, ROW_COLUMNS), "as_of": str(dataset.as_of or "")}


def units_key(dataset: Dataset, scenario: Scenario, methods: Methods, base_year: int | None, seed: int) -> str:
    """The hash of everything the unit table of these inputs is computed from."""
    return digest({**data_parts(dataset), "methods": repr(methods), "calibration": calibration_inputs(dataset, methods),
                   "scenario": repr(dataclasses.replace(scenario, path=None)), "base_year": base_year, "seed": seed})


def stored_units(dataset: Dataset, *, scenario: Scenario | str | Path | None = None, base_year: int | None = None,
                 seed: int = DEFAULT_SEED, methods: Methods | None = None,
                 cache_dir: Path | None = None) -> pd.DataFrame:
    """The unit table of every ward and commune (`assess_units`): read from the store, or computed and stored."""
    methods = methods or load_methods()
    chosen = resolve_scenario(scenario, dataset.registry)
    key = units_key(dataset, chosen, methods, base_year, seed)
    return stored_table("units", key, UNIT_COLUMNS, lambda: assess_units(dataset, scenario=chosen, base_year=base_year,
                                                                         seed=seed, methods=methods), cache_dir)


def city_figures(dataset: Dataset) -> pd.DataFrame:
    """Every city figure the ward rules add up (params/wards.yaml), one row per indicator and year with ward
    rows: the value, its numerator and denominator (shares), and how many wards it rests on."""
    rules = load_rules(dataset.registry)
    wards = {g.id for g in local_geos(dataset.registry, rules.city)}
    obs = dataset.observations
    present = set(obs.loc[obs["geo"].isin(wards), "indicator"])
    rows = []
    for indicator in [r.indicator for r in rules.ratios] + list(rules.sums):
        ratio = rules.ratio_for(indicator)
        needs = {ratio.numerator, ratio.denominator} if ratio is not None else {indicator}
        if not needs <= present:
            continue
        for f in aggregate_city(dataset, indicator, rules):
            rows.append({"indicator": f.indicator, "year": f.year, "value": f.value, "numerator": f.numerator,
                         "denominator": f.denominator, "reported": f.n_reported, "total": f.n_wards})
    return pd.DataFrame(rows, columns=list(CITY_COLUMNS))


def stored_city(dataset: Dataset, *, cache_dir: Path | None = None) -> pd.DataFrame:
    """`city_figures` of this data: read from the store, or added up and stored."""
    return stored_table("city", digest(data_parts(dataset)), CITY_COLUMNS, lambda: city_figures(dataset), cache_dir)

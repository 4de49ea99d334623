"""What one run shares across its targets (`RunContext`), and what one target × level is assessed from
(`TargetInputs`): gathered in one pass, so that the assessment itself never reaches back into the run.

`run_context` makes a run's context: methods, scenario, seed, the data's revision error (calibration), the
series index, and the series models, peers and proxies, each made once and shared by every target that uses it.
`RunContext.inputs` gathers one target's series model, proxies, peers, scenario adjustments and money
denominator into a plain `TargetInputs`; `assess.verdicts.assessed` turns that into an Assessment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..data.annual import AnnualIndex
from ..data.catalog import Break, Indicator, Target
from ..data.pools import dataset_pools
from ..data.scenarios import Adjustment, Scenario, resolve_scenario, with_assumptions
from ..data.status import ProxyStatus, proxies_for
from ..data.tables import Dataset
from ..methods.settings import Methods
from ..store.settings import load_methods
from .calibrated import Calibrated, calibrate
from .series import DEFAULT_SEED, NO_PEERS, Peers, Points, ProxyView, SeriesModel, model_series, since_break

COUNTED = ("cumulative", "milestone")


@dataclass(frozen=True)
class Aim:
    """A scenario's trend adjustment of a series, with the target value and deadline it aims at."""

    adjustment: Adjustment
    value: float
    deadline: int


@dataclass(frozen=True)
class MoneyBasis:
    """What an R&D share target's money view is made from: the GRDP series as modelled (None: the registry has
    no such indicator), and the shares and deadlines of every R&D share target."""

    denominator: SeriesModel | None
    shares: tuple[float, ...] = ()
    years: tuple[int, ...] = ()


@dataclass(frozen=True)
class TargetInputs:
    """Everything one target × level is assessed from; nothing in it reaches back into the run."""

    target: Target
    geo: str
    breakdown: str
    scenario: Scenario
    as_of: int
    methods: Methods
    calibrated: Calibrated
    indicator: Indicator | None = None
    # The series as modelled; None for a qualitative target. Unfitted (no projection) where not shown.
    model: SeriesModel | None = None
    proxies: tuple[ProxyView, ...] = ()
    # The indicator's reference pool (params/pools.yaml), where one is declared for a share of it.
    peers: Peers = NO_PEERS
    # The scenario's trend adjustments of the series, where the series has a projection to adjust.
    aims: tuple[Aim, ...] = ()
    money: MoneyBasis | None = None


class RunContext:
    """What one run shares across targets: methods, scenario, seed, calibration and the series it modelled."""

    def __init__(self, dataset: Dataset, methods: Methods, scenario: Scenario, seed: int, *, light: bool = False):
        self.dataset = dataset
        self.methods = methods
        self.scenario = scenario
        self.seed = seed
        self.calibrated = calibrate(dataset, methods)
        years = dataset.observations["year"]
        # Recency is judged against the newest year in the data, so equal inputs give equal outputs.
        self.as_of = int(years.max()) if len(years) else dt.date.today().year
        # Built once per run: finding a series no longer scans the whole table.
        self.index = AnnualIndex(dataset.observations)
        # Whether targets counted over years (cumulative, milestone) skip the projection they never show: the
        # unit table (assess/wards.py) leaves it out, the full Assessment keeps it for its notes.
        self.light = light
        self.pools = dataset_pools(dataset)
        self._models: dict[tuple[str, str, str], SeriesModel] = {}
        self._proxies: dict[tuple[str, str], tuple[ProxyStatus, ...]] = {}
        self._peers: dict[str, Peers] = {}

    def peers(self, indicator: Indicator) -> Peers:
        """The reference pool of an indicator (params/pools.yaml), where one is declared for a share of it."""
        if indicator.id not in self._peers:
            pool = self.pools.for_indicator(indicator.id) if self.pools is not None else None
            if pool is None or not indicator.is_share or tuple(indicator.bounds) != pool.bounds:
                self._peers[indicator.id] = NO_PEERS
            else:
                self._peers[indicator.id] = Peers(pool, tuple(zip(pool.years, pool.values)))
        return self._peers[indicator.id]

    def series(self, indicator: str, geo: str, breakdown: str) -> pd.DataFrame:
        """A series with the scenario's assumed values (year, value, status, source, period; empty if none)."""
        base = self.index.series(indicator, geo, breakdown)
        return with_assumptions(base, self.scenario.for_series(indicator, geo, breakdown), self.scenario.name)

    def points(self, indicator: str, geo: str, breakdown: str) -> Points:
        """The points of `series` as plain arrays: straight from the index unless the scenario assumes values."""
        if any(a.type == "assumed_value" for a in self.scenario.for_series(indicator, geo, breakdown)):
            return Points.of(self.series(indicator, geo, breakdown))
        return Points(*self.index.arrays(indicator, geo, breakdown))

    def breaks(self, indicator: Indicator, geo: str) -> tuple[Break, ...]:
        """The declared breaks of a series: its indicator's and its area's."""
        area = self.dataset.registry.geos.get(geo)
        return tuple(indicator.breaks) + (tuple(area.breaks) if area is not None else ())

    def proxies(self, indicator: str, breakdown: str) -> tuple[ProxyStatus, ...]:
        """The stand-in series of an indicator that have data (national first, then the declared proxies)."""
        key = (indicator, breakdown)
        if key not in self._proxies:
            self._proxies[key] = proxies_for(self.dataset, indicator, breakdown)
        return self._proxies[key]

    def model(self, indicator: str, geo: str, breakdown: str, fit: bool = True) -> SeriesModel:
        """A series as modelled (made once per run); `fit=False`: its points since the break only, unless made."""
        key = (indicator, geo, breakdown)
        if key in self._models:
            return self._models[key]
        ind = self.dataset.registry.indicators[indicator]
        series, breaks, peers = self.series(indicator, geo, breakdown), self.breaks(ind, geo), self.peers(ind)
        if not fit:
            cut, notes, _ = since_break(series, breaks)
            return SeriesModel(indicator, geo, breakdown, cut, None, None, notes)
        self._models[key] = model_series(series, ind, geo, breakdown, self.methods, self.calibrated, breaks=breaks,
                                         seed=self.seed, peers=peers)
        return self._models[key]

    def forget(self, geo: str) -> None:
        """Drop the models of one geo (a unit's sample paths are not kept once its rows are made)."""
        for key in [k for k in self._models if k[1] == geo]:
            del self._models[key]

    def inputs(self, target: Target, geo: str, breakdown: str) -> TargetInputs:
        """What `assess.verdicts.assessed` needs of this target × level, gathered once."""
        run = dict(target=target, geo=geo, breakdown=breakdown, scenario=self.scenario, as_of=self.as_of,
                   methods=self.methods, calibrated=self.calibrated)
        if target.kind == "qualitative" or target.indicator is None:
            return TargetInputs(**run)
        m, reg = self.methods, self.dataset.registry
        ind = reg.indicators[target.indicator]
        counted = target.kind in COUNTED
        sm = self.model(ind.id, geo, breakdown, fit=not (self.light and counted))
        has_data = len(sm.series) > 0
        # The other series the target shows, modelled in one pass: its stand-ins where Huế has no measured value
        # of its own (assumed values are not data), and for an R&D share target the GRDP of its money view.
        measured = any(str(s) not in m.weak_statuses for s in sm.series["status"])
        stand_ins = () if measured else tuple(p for p in self.proxies(ind.id, breakdown) if p.geo != geo)
        money = target.indicator == m.money_share_indicator and (not has_data or not counted)
        priced = money and m.money_denominator in reg.indicators
        keys = [(p.indicator, p.geo, breakdown if p.indicator == ind.id else "") for p in stand_ins]
        models = [self.model(*key) for key in keys + ([(m.money_denominator, m.money_geo, "")] if priced else [])]
        proxies = tuple(ProxyView(p.indicator, p.geo, p.relation, p.unit, sp, reg.indicators[p.indicator].label_vi,
                                  reg.indicators[p.indicator].label_en) for p, sp in zip(stand_ins, models))
        aims = self._aims(target, geo, breakdown) if has_data and not counted and sm.projection is not None else ()
        basis = MoneyBasis(models[-1] if priced else None, *self._shares()) if money else None
        return TargetInputs(**run, indicator=ind, model=sm, proxies=proxies, peers=self.peers(ind), aims=aims,
                            money=basis)

    def _aims(self, target: Target, geo: str, breakdown: str) -> tuple[Aim, ...]:
        """The scenario's trend adjustments of a series, each with the value and deadline of the target it names
        (the assessed target's own where it names none)."""
        out = []
        for adj in self.scenario.for_series(target.indicator or "", geo, breakdown):
            if adj.type == "assumed_value":
                continue
            aimed = target
            if adj.target and adj.target != target.id:
                aimed = self.dataset.registry.target(adj.target)
            out.append(Aim(adj, float(aimed.value), aimed.deadline))  # type: ignore[arg-type]
        return tuple(out)

    def _shares(self) -> tuple[tuple[float, ...], tuple[int, ...]]:
        """The shares and deadlines of every R&D share target (the cells of the money view)."""
        share = self.methods.money_share_indicator
        tgts = [t for t in self.dataset.registry.targets if t.indicator == share and t.value]
        return tuple(sorted({float(t.value) for t in tgts})), tuple(sorted({t.deadline for t in tgts}))  # type: ignore


def run_context(dataset: Dataset, methods: Methods | None = None, scenario: Scenario | str | Path | None = None,
                seed: int = DEFAULT_SEED, *, light: bool = False) -> RunContext:
    """A run's context: `methods` from params/methods.yaml and the baseline scenario where not given."""
    return RunContext(dataset, methods or load_methods(), resolve_scenario(scenario, dataset.registry), seed,
                      light=light)

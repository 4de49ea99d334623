"""What each brief is made from, as SHA-256 hashes: its notebook, resolved parameters and scenario file, the code
and settings every brief shares, and the data rows it reads. `kh330 run` rebuilds a brief only when its key changed.

A brief's inputs are named parts (`notebook`, `parameters`, `scenario`, `code_and_settings`, `newest_year`,
`calibration`, `page`, `data:<indicator>`, and for briefs that read every row also `sources` and
`scenario_files`); its key
is the hash of all parts. Comparing the parts with an earlier run's names what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from ..assess.calibrated import calibration_inputs
from ..data.catalog import Registry
from ..data.tables import Dataset
from ..data.wards import WardRules
from ..methods.settings import Methods
from ..store.keys import digest
from ..store.tables import ROW_COLUMNS, rows_digest

HISTORY_COLUMNS = (*ROW_COLUMNS, "vintage", "received", "seq")
SOURCE_COLUMNS = ("source", "title", "publisher", "url", "published", "accessed")
# The runner's own parameter: different in every run, and never changes what a brief shows.
VOLATILE_PARAMETERS = ("run_id",)
DATA_PREFIX = "data:"
# Part names of a brief, and how a change of each is said (data parts are said together, naming the indicators).
PART_WORDS = {"notebook": "notebook changed", "scenario": "scenario file changed",
              "scenario_files": "scenario files changed", "parameters": "parameters changed",
              "sources": "source records changed", "newest_year": "newest data year changed",
              "calibration": "forecast inputs changed (revision error or reference pools)",
              "page": "languages of the run changed"}
NAMES_SHOWN = 4


def indicator_digests(dataset: Dataset) -> dict[str, str]:
    """Per indicator: its current rows (latest vintage, derived ward shares included), every vintage row of it
    taken into account for the run's as_of (the base file's too), and the records of the sources they cite."""
    obs, history, sources = dataset.observations, dataset.all_vintages, dataset.sources
    ids = set(dataset.registry.indicators) | set(obs["indicator"]) | set(history.get("indicator", ()))
    out = {}
    for iid in sorted(ids):
        current = obs[obs["indicator"] == iid]
        past = history[history["indicator"] == iid] if "indicator" in history else history
        cited = set(current["source"]) | set(past.get("source", ()))
        out[iid] = digest({"current": rows_digest(current, ROW_COLUMNS),
                           "history": rows_digest(past, HISTORY_COLUMNS),
                           "sources": rows_digest(sources[sources["source"].isin(cited)], SOURCE_COLUMNS)})
    return out


def newest_year(dataset: Dataset) -> str:
    """The newest year of any observation: every assessment judges recency against it."""
    years = pd.to_numeric(dataset.observations["year"], errors="coerce").dropna()
    return str(int(years.max())) if len(years) else ""


def calibration_digest(dataset: Dataset, methods: Methods) -> str:
    """The hash of what every projection shares besides the code (assess.calibrated.calibration_inputs)."""
    return digest(calibration_inputs(dataset, methods))


@dataclass(frozen=True)
class Reads:
    """Which indicators a brief showing some targets reads: each target's indicator, then (closed over) their
    proxies, the money view's denominator for the R&D share, and the counts a ward share is derived from."""

    target_indicator: Mapping[str, str | None]
    links: Mapping[str, tuple[str, ...]]


def reads_from(registry: Registry, rules: WardRules, methods: Methods) -> Reads:
    """The links between indicators that the assessments follow (params/indicators.yaml, wards.yaml, methods.yaml)."""
    links: dict[str, set[str]] = {}

    def link(ids: Iterable[str], *others: str) -> None:
        for a in ids:
            links.setdefault(a, set()).update(o for o in others if o != a)

    for ind in registry.indicators.values():
        link([ind.id], *(p.indicator for p in ind.proxies))
    link([methods.money_share_indicator], methods.money_denominator)
    for ratio in rules.ratios:
        trio = (ratio.indicator, ratio.numerator, ratio.denominator)
        link(trio, *trio)  # a share is read with its counts, and the counts with the share (include more)
    return Reads({t.id: t.indicator for t in registry.targets}, {k: tuple(sorted(v)) for k, v in links.items()})


def indicators_read(reads: Reads, targets: Any) -> tuple[str, ...] | None:
    """The indicators a brief showing `targets` reads; None (every row) unless `targets` is a non-empty list
    of known target ids, as the topic briefs 20–50 have."""
    if not isinstance(targets, (list, tuple)) or not targets or \
            not all(isinstance(t, str) and t in reads.target_indicator for t in targets):
        return None
    todo = [i for i in (reads.target_indicator[t] for t in targets) if i]
    seen: set[str] = set()
    while todo:
        iid = todo.pop()
        if iid not in seen:
            seen.add(iid)
            todo.extend(reads.links.get(iid, ()))
    return tuple(sorted(seen))


@dataclass(frozen=True)
class RunInputs:
    """Every hash a run's briefs are keyed by, computed once from the run's dataset and files."""

    shared: Mapping[str, str]
    indicators: Mapping[str, str]
    sources: str
    newest_year: str
    calibration: str
    scenario_files: str
    reads: Reads = field(default_factory=lambda: Reads({}, {}))


def run_inputs(dataset: Dataset, methods: Methods, rules: WardRules, shared: Mapping[str, str],
               scenario_files: Mapping[str, str]) -> RunInputs:
    """The run's hashes: shared files, each indicator's rows, sources, newest year, calibration inputs."""
    return RunInputs(dict(shared), indicator_digests(dataset), rows_digest(dataset.sources, SOURCE_COLUMNS),
                     newest_year(dataset), calibration_digest(dataset, methods), digest(dict(scenario_files)),
                     reads_from(dataset.registry, rules, methods))


@dataclass(frozen=True)
class BriefInputs:
    """The hashed inputs of one brief: its parts and the key made of them."""

    parts: Mapping[str, str]

    @property
    def key(self) -> str:
        return digest(dict(self.parts))

    def record(self) -> dict[str, Any]:
        """As manifest.json holds it."""
        return {"key": self.key, "parts": dict(self.parts)}


def parameters_digest(resolved: Mapping[str, Any]) -> str:
    """The resolved parameters (scenario values, lang, as_of, base_year, targets…), without the run id."""
    return digest({k: v for k, v in resolved.items() if k not in VOLATILE_PARAMETERS})


def brief_inputs(run: RunInputs, notebook_sha256: str, resolved: Mapping[str, Any], scenario_sha256: str,
                 other_langs: Sequence[str] = ()) -> BriefInputs:
    """The parts of one brief: a topic brief (`targets`) reads its indicators' rows, any other brief every row.
    `other_langs` are the languages its page links to (a kept page must not link to a brief the run lacks)."""
    parts = {"notebook": notebook_sha256, "parameters": parameters_digest(resolved), "scenario": scenario_sha256,
             "code_and_settings": digest(dict(run.shared)), "newest_year": run.newest_year,
             "calibration": run.calibration, "page": digest({"other_langs": sorted(other_langs)})}
    read = indicators_read(run.reads, resolved.get("targets"))
    if read is None:
        read = tuple(sorted(run.indicators))
        parts.update({"sources": run.sources, "scenario_files": run.scenario_files})
    empty = rows_digest(pd.DataFrame(), ROW_COLUMNS)  # an indicator without rows is an input too: rows may come
    parts.update({f"{DATA_PREFIX}{iid}": run.indicators.get(iid, empty) for iid in read})
    return BriefInputs(parts)


def changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Names whose value differs, or that only one side has, sorted."""
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    return shown + (f" and {len(names) - NAMES_SHOWN} more" if len(names) > NAMES_SHOWN else "")


def change_reason(old: Mapping[str, str], new: Mapping[str, str], old_shared: Mapping[str, str],
                  new_shared: Mapping[str, str]) -> str:
    """Why a brief is rebuilt, naming what changed: `data of trained_labour_rate_broad changed`,
    `code or settings changed (params/methods.yaml)`, `notebook changed, parameters changed`, …"""
    parts = changed(old, new)
    said = [PART_WORDS[p] for p in PART_WORDS if p in parts]
    if "code_and_settings" in parts:
        files = changed(old_shared, new_shared)
        said.append(f"code or settings changed ({_names(files)})" if files else "code or settings changed")
    data = [p.removeprefix(DATA_PREFIX) for p in parts if p.startswith(DATA_PREFIX)]
    if data:
        said.append(f"data of {_names(data)} changed")
    other = [p for p in parts if p not in PART_WORDS and p != "code_and_settings" and not p.startswith(DATA_PREFIX)]
    if other:
        said.append(f"inputs changed ({_names(other)})")
    return ", ".join(said) or "inputs changed"

"""What a brief says about its run: the run and the brief's sources, the header and the provenance footer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from ..words.dates import LOCAL_TIME, data_reach_text, long_date, run_date_text
from .exporter import BriefContext, NavLink, parameters_text, words
from .manifest import DataVintage, GitState


@dataclass(frozen=True)
class RunInfo:
    """What every brief of one run says about the run (computed once, before any notebook runs)."""

    run_id: str
    started: dt.datetime
    vintage: DataVintage
    git: GitState | None
    software: tuple[tuple[str, str], ...]
    data_hashes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class BriefSource:
    """What one brief was made from: notebook, scenario file, resolved parameters."""

    notebook: str
    notebook_sha256: str
    scenario_file: str
    scenario_sha256: str
    parameters: Mapping[str, Any]
    scenario_label: str


def vintage_text(vintage: DataVintage, lang: str) -> str:
    """How recent the data are, in words (kh330lib.words.dates.data_reach_text)."""
    return data_reach_text(vintage.max_year, vintage.latest_report, vintage.latest_source_date, lang)


def _short(sha: str) -> str:
    return sha[:12]


def brief_context(run: RunInfo, source: BriefSource, lang: str, *, index_href: str | None,
                  other_langs: Mapping[str, str], manifest_href: str) -> BriefContext:
    """Header (scenario, data vintage, run date, links) and provenance footer of one brief."""
    w = words(lang)
    meta = ((w["scenario"], source.scenario_label), (w["data"], vintage_text(run.vintage, lang)),
            (w["run_date"], run_date_text(run.started, lang)))
    nav: list[NavLink] = []
    if index_href:
        nav.append(NavLink(index_href, w["all_briefs"]))
    nav += [NavLink(href, words(other)["language"], other) for other, href in other_langs.items()]
    if run.git is None:
        code = w["no_git"]
    else:
        code = f"git {run.git.commit[:12]}" + (f" ({w['uncommitted']})" if run.git.dirty else "")
    provenance = (
        (w["run"], f"{run.run_id} · {run.started.astimezone(dt.timezone.utc):%Y-%m-%dT%H:%M:%SZ}"),
        (w["notebook"], f"{source.notebook} · sha256 {_short(source.notebook_sha256)}"),
        (w["scenario_file"], f"{source.scenario_file} · sha256 {_short(source.scenario_sha256)}"),
        (w["parameters"], parameters_text(source.parameters)),
        (w["data_files"], " · ".join(f"{name} sha256 {_short(sha)}" for name, sha in run.data_hashes)),
        (w["code"], code),
        (w["software"], " · ".join(f"{name} {version}" for name, version in run.software)),
    )
    return BriefContext(lang, w["kicker"], meta, tuple(nav), w["technical"], provenance,
                        manifest_href, w["manifest"], print_title=w["kicker"],
                        print_date=long_date(run.started.astimezone(LOCAL_TIME).date(), lang))

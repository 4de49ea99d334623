"""A run's index page in each language: per scenario its front and its briefs, the run's provenance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import jinja2
import markupsafe

from .. import paths
from ..words.dates import LOCAL_TIME, kept_text, long_date, run_date_text
from .exporter import css_string, words
from .provenance import RunInfo, vintage_text

INDEX_TEMPLATE = "run_index.html.j2"


@dataclass(frozen=True)
class IndexEntry:
    """One brief of a run as listed on the index page."""

    notebook: str
    scenario: str
    scenario_labels: Mapping[str, str]
    lang: str
    title: str
    href: str | None
    ok: bool


@dataclass(frozen=True)
class _Row:
    title: str
    href: str | None
    failed: str = ""


def render_index(entries: Sequence[IndexEntry], run: RunInfo, lang: str, langs: Sequence[str], *,
                 published_ok: bool, fronts: Mapping[str, Any] | None = None, kept: int = 0,
                 kept_from: Sequence[dt.datetime] = (), explore: bool = False) -> str:
    """One index page of the run, all in `lang`: per scenario its front (three lines, status grid and owed list:
    `kh330lib.run.front.Front`) and its briefs in `lang`; one link to the index of each other language of `langs`;
    a note when `kept` briefs come from the earlier runs started at `kept_from`; a line when the run explores."""
    w = words(lang)
    sections = []
    for scenario in dict.fromkeys(e.scenario for e in entries):
        mine = [e for e in entries if e.scenario == scenario and e.lang == lang]
        labels = next(e.scenario_labels for e in entries if e.scenario == scenario)
        rows = [_Row(e.title or e.notebook, e.href if e.ok else None, "" if e.ok else w["failed"]) for e in mine]
        front = (fronts or {}).get(scenario)
        sections.append({"heading": f"{w['scenarios']}: {labels.get(lang, scenario)}", "rows": rows,
                         "lines": markupsafe.Markup(front.lines if front else ""),
                         "grid": markupsafe.Markup(front.grid if front else ""),
                         "owed": markupsafe.Markup(front.owed if front else "")})
    # The owed list does not depend on the scenario: shown once, after the first scenario's grid.
    for later in sections[1:]:
        later["owed"] = ""
    others = [(other, index_file(other, langs), words(other)["language"]) for other in langs if other != lang]
    code = "–" if run.git is None else run.git.commit[:12] + (f" ({w['uncommitted']})" if run.git.dirty else "")
    provenance = [(w["run"], run.run_id), (w["code"], code),
                  (w["software"], " · ".join(f"{n} {v}" for n, v in run.software))]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(paths.TEMPLATES_DIR)),
                             autoescape=True, keep_trailing_newline=True)
    return env.get_template(INDEX_TEMPLATE).render(
        lang=lang, kicker=w["kicker"], title=w["index_title"], others=others,
        meta=[(w["run_date"], run_date_text(run.started, lang)), (w["data"], vintage_text(run.vintage, lang))],
        print_title=markupsafe.Markup(css_string(w["index_title"])),
        print_date=markupsafe.Markup(css_string(long_date(run.started.astimezone(LOCAL_TIME).date(), lang))),
        print_page=markupsafe.Markup(css_string(w["page"])),
        failed="" if published_ok else w["run_failed"], explore=w["run_explore"] if explore else "",
        kept=kept_text(kept, kept_from, lang) if kept else "", sections=sections, briefs_heading=w["all_briefs"],
        provenance_title=w["technical"], provenance=provenance, manifest=w["manifest"], run_log=w["run_log"])


def index_file(lang: str, langs: Sequence[str]) -> str:
    """`index.html` for the first language of a run (Vietnamese when it has it), `index-en.html` for the others."""
    first = "vi" if "vi" in langs else langs[0]
    return "index.html" if lang == first else f"index-{lang}.html"

"""Briefs: executed notebook → self-contained HTML (no code, no CDN), audit, index page, atomic publish."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import jinja2
import markupsafe
import nbformat
from bs4 import BeautifulSoup

from .. import paths
from ..words import t
from .exporter import (  # noqa: F401 - take_title and take_html_title stay importable from here
    LOCAL_TIME,
    BriefContext,
    BriefExporter,
    NavLink,
    brief_exporter,
    css_string,
    long_date,
    parameters_text,
    run_date_text,
    take_html_title,
    take_title,
    words,
)
from .manifest import DataVintage, GitState

INDEX_TEMPLATE = "run_index.html.j2"
# nbconvert fills a missing alt with this sentence; for our readers it counts as missing.
NBCONVERT_DEFAULT_ALT = "No description has been provided for this image"
# Leadership open briefs on office laptops and receive them by e-mail (issue: each brief under 2 MB).
MAX_BRIEF_BYTES = 2 * 1024 * 1024



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


@dataclass(frozen=True)
class RenderedBrief:
    html: str
    title: str

    @property
    def size(self) -> int:
        return len(self.html.encode("utf-8"))


def _long_date(iso: str, lang: str) -> str:
    return long_date(dt.date.fromisoformat(iso), lang)


def vintage_text(vintage: DataVintage, lang: str) -> str:
    """`đến năm 2024 (nguồn mới nhất ngày 28 tháng 11, 2024)` / `up to 2024 (latest source …)`.

    Once departmental reports exist, the date the newest one was received is named instead.
    """
    w = words(lang)
    if vintage.max_year is None:
        return w["no_data"]
    text = w["data_to"].format(year=vintage.max_year)
    if vintage.latest_report:
        text += f" ({w['latest_report'].format(date=_long_date(vintage.latest_report, lang))})"
    elif vintage.latest_source_date:
        text += f" ({w['latest_source'].format(date=_long_date(vintage.latest_source_date, lang))})"
    return text


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


# One exporter per language and process: a worker renders many briefs, and a new exporter compiles its templates anew.
_EXPORTERS: dict[str, BriefExporter] = {}


def render_brief(nb: nbformat.NotebookNode, context: BriefContext, *, name: str,
                 source_dir: Path | None = None) -> RenderedBrief:
    """HTML of one executed notebook; markdown images are resolved against `source_dir` and inlined."""
    resources = {"metadata": {"name": name, "path": str(source_dir or "")},
                 "kh330": context.as_resources()}
    if context.lang not in _EXPORTERS:
        _EXPORTERS[context.lang] = brief_exporter(context.lang)
    html, out = _EXPORTERS[context.lang].from_notebook_node(nb, resources=resources)
    return RenderedBrief(html, out["kh330"]["title"])


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]*)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)
_JS_IMPORT = re.compile(r"""\bimport\s*\(\s*['"`]([^'"`]+)""")
_LOADING_ATTRS = (("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
                  ("embed", "src"), ("object", "data"), ("source", "src"), ("source", "srcset"),
                  ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"),
                  ("input", "src"), ("image", "href"), ("use", "href"))


def _is_inline(ref: str) -> bool:
    return ref == "" or ref.startswith(("data:", "#"))


def _soup(html: str | BeautifulSoup) -> BeautifulSoup:
    return html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")


def external_references(html: str | BeautifulSoup) -> list[str]:
    """Every resource the page would load from outside itself (scripts, styles, fonts, images, imports)."""
    soup = _soup(html)
    refs: list[str] = []
    for tag, attr in _LOADING_ATTRS:
        for elem in soup.find_all(tag):
            value = (elem.get(attr) or elem.get(f"xlink:{attr}")) if attr == "href" else elem.get(attr)
            if value and not _is_inline(value):
                refs.append(f"<{tag} {attr}={value!r}>")
    for link in soup.find_all("link"):
        if link.get("href") and not _is_inline(link["href"]):
            refs.append(f"<link href={link['href']!r}>")
    css_texts = [s.get_text() for s in soup.find_all("style")]
    css_texts += [e["style"] for e in soup.find_all(style=True)]
    for css in css_texts:
        css = _CSS_COMMENT.sub("", css)
        refs += [f"css url({u})" for u in _CSS_URL.findall(css) if not _is_inline(u)]
        refs += [f"css @import {u}" for u in _CSS_IMPORT.findall(css)]
    for script in soup.find_all("script"):
        refs += [f"script import({u})" for u in _JS_IMPORT.findall(script.get_text())]
    return refs


def images_without_alt(html: str | BeautifulSoup) -> int:
    """Images whose alt text is missing, empty, or nbconvert's placeholder sentence."""
    soup = _soup(html)
    return sum(1 for img in soup.find_all("img")
               if not (img.get("alt") or "").strip() or img.get("alt") == NBCONVERT_DEFAULT_ALT)


def audit_brief(html: str, max_bytes: int = MAX_BRIEF_BYTES) -> list[str]:
    """Why a rendered brief must not be published (empty when it is fine)."""
    problems = []
    soup = _soup(html)  # parsed once for both checks: a brief is up to 2 MB
    refs = external_references(soup)
    if refs:
        shown = ", ".join(refs[:3]) + (f" and {len(refs) - 3} more" if len(refs) > 3 else "")
        problems.append(f"loads {len(refs)} external resource(s): {shown} (inline them as data: URIs)")
    missing = images_without_alt(soup)
    if missing:
        problems.append(f"{missing} image(s) without alt text (display charts as <img alt=...> HTML, "
                        f"or give the output metadata an 'alt' entry)")
    size = len(html.encode("utf-8"))
    if size > max_bytes:
        problems.append(f"is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit "
                        f"(lower the chart dpi or show fewer table rows)")
    return problems


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


def kept_text(n: int, runs: Sequence[dt.datetime], lang: str) -> str:
    """`3 bản tóm tắt có đầu vào không thay đổi nên được giữ nguyên từ lần chạy ngày …` / `3 briefs whose inputs
    did not change are kept from the run of …` (the runs that executed them, in Huế time)."""
    w = words(lang)
    dates = [run_date_text(r, lang) for r in runs]
    # As kh330lib.words.phrases.join_words, which would bring pandas into every worker process.
    when = ", ".join(dates[:-1]) + t("list_and", lang) + dates[-1] if len(dates) > 1 else "".join(dates)
    key = "kept_one" if n == 1 else "kept_many" if len(runs) <= 1 else "kept_many_runs"
    return w[key].format(n=n, when=when)


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


def publish_latest(run_dir: Path, latest: Path) -> str:
    """Point `latest` at `run_dir` in one atomic step; return how ('symlink' or 'copy').

    POSIX: a relative symlink `latest -> runs/<id>` created beside it and renamed over it
    (rename(2) is atomic, so readers see the old run or the new one, never a mix). Where
    symlinks are not allowed (Windows without developer mode) the run is copied and the two
    folders are swapped by renames, which leaves `latest` missing for an instant.
    """
    latest = Path(latest)
    tmp = latest.with_name(f".{latest.name}-{run_dir.name}.tmp")
    old = latest.with_name(f".{latest.name}-old-{run_dir.name}")
    _remove(tmp)
    try:
        os.symlink(os.path.relpath(run_dir, latest.parent), tmp, target_is_directory=True)
        how = "symlink"
    except (OSError, NotImplementedError):
        shutil.copytree(run_dir, tmp)
        how = "copy"
    if latest.is_dir() and not latest.is_symlink():
        # A real folder (a copy) cannot be replaced by rename: move it aside first.
        os.replace(latest, old)
        os.replace(tmp, latest)
        _remove(old)
    else:
        os.replace(tmp, latest)
    return how


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)

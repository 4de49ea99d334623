"""A brief's page through nbconvert: the kh330 exporter, its preprocessors, the header and footer, the rendering."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from traitlets import default
from traitlets.config import Config

from .. import paths
from ..fmt import LOCALES, check_lang
from ..words import page_words
from ..words.dates import LOCAL_TIME, long_date, run_date_text

TEMPLATE_NAME = "kh330"
# Cells never shown to readers: the parameters, papermill's injected values, and cells marked by authors.
REMOVE_CELL_TAGS = frozenset({"parameters", "injected-parameters", "remove_cell", "remove-cell"})
REMOVE_INPUT_TAGS = frozenset({"remove_input", "remove-input", "hide-input"})
REMOVE_OUTPUT_TAGS = frozenset({"remove_output", "remove-output"})


@dataclass(frozen=True)
class NavLink:
    href: str
    text: str
    lang: str = ""


@dataclass(frozen=True)
class BriefContext:
    """Header and footer of one brief, already in the reader's language."""

    lang: str
    kicker: str
    meta: tuple[tuple[str, str], ...]
    nav: tuple[NavLink, ...]
    provenance_title: str
    provenance: tuple[tuple[str, str], ...]
    manifest_href: str
    manifest_text: str
    print_title: str = ""
    print_date: str = ""

    def as_resources(self) -> dict[str, Any]:
        return {"kicker": self.kicker, "title": "", "meta": list(self.meta),
                "nav": [vars(n) for n in self.nav], "provenance_title": self.provenance_title,
                "provenance": list(self.provenance), "manifest_href": self.manifest_href,
                "manifest_text": self.manifest_text, "print_title": self.print_title,
                "print_date": css_string(self.print_date), "print_page": css_string(words(self.lang)["page"])}


def css_string(text: str) -> str:
    """Text for the inside of a CSS string in a <style> element (quotes, backslashes and markup escaped)."""
    out = []
    for ch in " ".join(text.split()):
        out.append(f"\\{ord(ch):X} " if ch in '"\\<>&' else ch)
    return "".join(out)


def words(lang: str) -> dict[str, str]:
    return page_words(check_lang(lang))


def parameters_text(parameters: Mapping[str, Any]) -> str:
    """`scenario = "baseline" · lang = "vi"`: parameters as the technical section lists them."""
    return " · ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in parameters.items())


_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$\n?", re.MULTILINE)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def take_title(markdown: str) -> tuple[str | None, str]:
    """The first level-1 ATX heading of a markdown text, and the text without it."""
    m = _HEADING.search(markdown)
    if not m:
        return None, markdown
    return m.group(1).strip(), (markdown[: m.start()] + markdown[m.end():]).strip("\n")


def take_html_title(markup: str) -> tuple[str | None, str]:
    """The text of the first <h1> of an HTML fragment, and the fragment without it."""
    m = _H1.search(markup)
    if not m:
        return None, markup
    text = " ".join(html_lib.unescape(_TAG.sub("", m.group(1))).split())
    return text or None, markup[: m.start()] + markup[m.end():]


def _output_title(output: nbformat.NotebookNode) -> str | None:
    """Take the title out of one display output (HTML <h1> or markdown `# `), if it has one."""
    data = output.get("data", {})
    for mime, take in (("text/html", take_html_title), ("text/markdown", take_title)):
        if mime in data:
            text = data[mime] if isinstance(data[mime], str) else "".join(data[mime])
            title, rest = take(text)
            if title:
                data[mime] = rest
                return title
    return None


_PAGE_LANG = re.compile(r"""<div class="kh330" lang="([a-z]+)">""")


def _notebook_lang(nb: nbformat.NotebookNode, parameters: Mapping[str, Any]) -> str:
    """The language of an executed brief: its `lang` parameter, else the language its own output is marked in."""
    if parameters.get("lang") in LOCALES:
        return parameters["lang"]
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            m = _PAGE_LANG.search(html if isinstance(html, str) else "".join(html))
            if m and m.group(1) in LOCALES:
                return m.group(1)
    return "vi"


def _papermill_time(text: object) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def plain_context(nb: nbformat.NotebookNode) -> BriefContext:
    """Header and footer of a brief rendered outside `kh330 run` (plain nbconvert): what papermill recorded.

    Papermill's metadata gives the notebook, the parameters passed and the end of the run; there is no run
    id, data vintage, hashes or links to other briefs.
    """
    recorded = nb.metadata.get("papermill", {})
    parameters = dict(recorded.get("parameters") or {})
    lang = _notebook_lang(nb, parameters)
    w = words(lang)
    ended = _papermill_time(recorded.get("end_time"))
    meta = ((w["run_date"], run_date_text(ended, lang)),) if ended else ()
    provenance = []
    if recorded.get("input_path"):
        provenance.append((w["notebook"], str(recorded["input_path"])))
    if parameters:
        provenance.append((w["parameters"], parameters_text(parameters)))
    return BriefContext(lang, w["kicker"], meta, (), w["technical"], tuple(provenance), "", "",
                        print_title=w["kicker"],
                        print_date=long_date(ended.astimezone(LOCAL_TIME).date(), lang) if ended else "")


def installed_template_dir() -> Path:
    """Where `pip install` puts the copy of the kh330 template that plain nbconvert finds (pyproject data-files)."""
    return Path(sys.prefix, "share", "jupyter", "nbconvert", "templates", TEMPLATE_NAME)


def outdated_template_files() -> list[str]:
    """Files of the kh330 template whose installed copy is missing or differs from the package's."""
    source = paths.TEMPLATES_DIR / TEMPLATE_NAME
    copy = installed_template_dir()
    outdated = []
    for file in sorted(f for f in source.rglob("*") if f.is_file()):
        name = file.relative_to(source)
        if not (copy / name).is_file() or (copy / name).read_bytes() != file.read_bytes():
            outdated.append(name.as_posix())
    return outdated


class BriefTagRemovePreprocessor(TagRemovePreprocessor):
    """nbconvert's tag remover with the tags of the briefs (the kh330 template's conf.json enables it)."""

    @default("remove_cell_tags")
    def _remove_cell_tags(self) -> set[str]:
        return set(REMOVE_CELL_TAGS)

    @default("remove_input_tags")
    def _remove_input_tags(self) -> set[str]:
        return set(REMOVE_INPUT_TAGS)

    @default("remove_all_outputs_tags")
    def _remove_all_outputs_tags(self) -> set[str]:
        return set(REMOVE_OUTPUT_TAGS)


class BriefPreprocessor(Preprocessor):
    """Move the brief's title into the page header; drop stderr (warnings) and empty code cells.

    The title is the first level-1 heading shown by a code cell (a localised `<h1>` from
    kh330lib.report.header, or a markdown `# ` output); failing that, the first `# ` heading of a
    markdown cell; failing that, the notebook's name. The kh330 template's conf.json enables it, so
    plain `jupyter nbconvert --template kh330` runs it too; there, without the header and footer
    `kh330 run` passes in `resources["kh330"]`, it makes them from papermill's metadata (`plain_context`).
    """

    def preprocess(self, nb: nbformat.NotebookNode, resources: dict) -> tuple[nbformat.NotebookNode, dict]:
        title: str | None = None
        for cell in nb.cells:
            if cell.cell_type == "code":
                # Warnings and stderr go to run.log (papermill logs them), never to the reader.
                cell.outputs = [o for o in cell.outputs
                                if not (o.output_type == "stream" and o.get("name") == "stderr")]
                for output in cell.outputs:
                    if title is None and output.output_type in ("display_data", "execute_result"):
                        title = _output_title(output)
        cells = []
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                if title is None:
                    title, cell.source = take_title(cell.source)
                if cell.source.strip() or cell.get("attachments"):
                    cells.append(cell)
            elif cell.cell_type == "code" and cell.outputs:
                cells.append(cell)
            # Raw cells are notes for authors, never for readers.
        k = resources.setdefault("kh330", {})
        if "kicker" not in k:
            outdated = outdated_template_files()
            if outdated:
                # The copy is made at install time: after the template changes, it stays behind until a reinstall.
                self.log.warning("the kh330 template under %s (the one `--to html --template kh330` uses) differs "
                                 "from the package's: %s; run `python -m pip install --no-deps -e .` again",
                                 installed_template_dir(), ", ".join(outdated))
            context = plain_context(nb)
            k.update(context.as_resources())
            resources["language_code"] = context.lang
        nb.cells = cells
        title = title or resources.get("metadata", {}).get("name", "")
        nb.metadata["title"] = title
        k["title"] = title
        # Computed here, not by a template filter, so that plain nbconvert can render the template.
        k["print_heading"] = css_string(title or k.get("print_title", ""))
        return nb, resources


class BriefExporter(HTMLExporter):
    """The HTML exporter of briefs (`jupyter nbconvert --to kh330`): kh330 template, no code or prompts.

    The template's conf.json adds the brief's preprocessors (tagged cells removed, title moved into the header).
    """

    export_from_notebook = "kh330 brief"

    @default("template_name")
    def _template_name_default(self) -> str:
        return TEMPLATE_NAME

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self) -> list[str]:
        # The package's own copy, so that a brief never uses an outdated copy installed under share/jupyter.
        return [str(paths.TEMPLATES_DIR)]

    @property
    def default_config(self) -> Config:
        c = super().default_config.copy()
        c.merge(Config({
            "BriefExporter": {"exclude_input": True, "exclude_input_prompt": True, "exclude_output_prompt": True,
                              "embed_images": True, "exclude_anchor_links": True},
            # Code is never shown, so the syntax-highlighting stylesheet is dead weight.
            "CSSHTMLHeaderPreprocessor": {"enabled": False},
        }))
        return c


def brief_exporter(lang: str) -> BriefExporter:
    """The HTML exporter of briefs in one language."""
    c = Config()
    c.BriefExporter.language_code = check_lang(lang)
    return BriefExporter(config=c)


@dataclass(frozen=True)
class RenderedBrief:
    html: str
    title: str

    @property
    def size(self) -> int:
        return len(self.html.encode("utf-8"))


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

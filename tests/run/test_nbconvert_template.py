"""Plain papermill + `jupyter nbconvert --template kh330` (or `--to kh330`) publishes the brief `kh330 run` makes."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from briefs_support import FIXTURE_NOTEBOOKS, FIXTURE_SCENARIO
from kh330lib import paths
from kh330lib.run.exporter import installed_template_dir, outdated_template_files, render_brief
from kh330lib.run.html_audit import audit_brief, external_references
from kh330lib.run.manifest import DataVintage
from kh330lib.run.provenance import BriefSource, RunInfo, brief_context

pytestmark = pytest.mark.notebook

BIN = Path(sys.executable).parent
HOUSE_CSS = (paths.TEMPLATES_DIR / "kh330" / "static" / "kh330.css").read_text(encoding="utf-8")
# Lines of the fixture notebook's code cells and of its stderr: none may reach the reader.
HIDDEN = ("matplotlib.use", "display(HTML", "warnings.warn", "fig.savefig", 'scenario_label_vi: str = "Cơ sở"',
          "fixture stderr line", "fixture warning for run.log")


def _tool(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """A command of the venv (`jupyter`, `papermill`) in a new process; never the checkout as working directory."""
    return subprocess.run([str(BIN / name), *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> Path:
    """The fixture scorecard run by plain papermill, as a scheduled job would (scenario file, English)."""
    work = tmp_path_factory.mktemp("plain-route")
    done = _tool("papermill", str(FIXTURE_NOTEBOOKS / "10_scorecard.ipynb"), "out.ipynb",
                 "-f", str(FIXTURE_SCENARIO), "-p", "lang", "en", "-k", "python3", "--no-progress-bar", cwd=work)
    assert done.returncode == 0, done.stderr[-3000:]
    return work / "out.ipynb"


def _convert(executed: Path, *args: str, output: str) -> str:
    done = _tool("jupyter", "nbconvert", *args, str(executed), "--output", output, cwd=executed.parent)
    assert done.returncode == 0, done.stderr[-3000:]
    return (executed.parent / f"{output}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plain(executed) -> str:
    """`jupyter nbconvert --to html --template kh330 out.ipynb`."""
    return _convert(executed, "--to", "html", "--template", "kh330", output="plain")


@pytest.fixture(scope="module")
def run_page(executed) -> str:
    """The same executed notebook rendered as `kh330 run` renders it (with a run's header and footer)."""
    started = dt.datetime(2026, 12, 2, 18, 19, tzinfo=dt.timezone.utc)
    run = RunInfo("20261202T181900Z-test", started, DataVintage(2024, "2024-11-28"), None, (("kh330", "0.1.0"),), ())
    source = BriefSource("notebooks/10_scorecard.ipynb", "a" * 64, "params/scenarios/baseline.yaml", "b" * 64,
                         {"lang": "en"}, "Baseline (test)")
    context = brief_context(run, source, "en", index_href=None, other_langs={}, manifest_href="")
    return render_brief(nbformat.read(str(executed), as_version=4), context, name="10_scorecard").html


def _main(html: str) -> str:
    return html[html.index("<main>"):html.index("</main>")]


def _styles(html: str) -> list[str]:
    return [s.get_text() for s in BeautifulSoup(html, "html.parser").find_all("style")]


def test_the_installed_template_is_the_packages():
    """`pip install -e .` copies the template where plain nbconvert looks; the copy must not lag behind."""
    assert installed_template_dir().is_dir(), (
        f"no {installed_template_dir()}: run `{sys.executable} -m pip install --no-deps -e {paths.ROOT}`")
    assert outdated_template_files() == [], (
        f"the copy under {installed_template_dir()} differs from kh330lib/run/templates/kh330: run "
        f"`{sys.executable} -m pip install --no-deps -e {paths.ROOT}` (and list new template files in "
        f"[tool.setuptools.data-files] of pyproject.toml)")


def test_plain_nbconvert_publishes_an_offline_brief_without_code(plain):
    soup = BeautifulSoup(plain, "html.parser")
    assert external_references(plain) == []
    assert audit_brief(plain) == []
    assert not [s["src"] for s in soup.find_all("script", src=True)]
    assert not [link["href"] for link in soup.find_all("link", href=re.compile(r"^(https?:)?//"))]
    for needle in ("require.js", "require.min.js", "mathjax", "mermaid", "cdn.", "unpkg.com", "cdnjs"):
        assert needle not in plain.lower(), needle
    assert not soup.select(".jp-CodeCell .jp-InputArea, .jp-InputPrompt, .jp-OutputPrompt, .jp-CodeMirrorEditor")
    assert "In&nbsp;[" not in plain and "Out[" not in plain
    for text in HIDDEN:
        assert text not in plain, text


def test_plain_nbconvert_uses_the_house_css_only(plain, run_page):
    assert f"<style type=\"text/css\">\n{HOUSE_CSS}</style>" in plain
    # The same stylesheets as the kh330 exporter embeds (the print header's date aside), no JupyterLab or
    # syntax-highlighting CSS.
    strip_date = re.compile(r"@top-right \{ content: \"[^\"]*\"")
    assert [strip_date.sub("", s) for s in _styles(plain)] == [strip_date.sub("", s) for s in _styles(run_page)]
    assert "--jp-" not in plain and ".highlight" not in plain


def test_plain_nbconvert_body_is_the_one_kh330_run_publishes(plain, run_page):
    assert _main(plain) == _main(run_page)
    assert 'alt="Line chart: trained labour share rising' in _main(plain)


def test_plain_header_and_footer_come_from_papermills_record(plain):
    soup = BeautifulSoup(plain, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.title.get_text() == "Test scorecard"
    assert soup.select_one(".kh330-kicker").get_text() == "Plan 330/KH-UBND · Huế City"
    assert soup.select_one("h1.kh330-title").get_text() == "Test scorecard"
    footer = soup.select_one("footer.kh330-footer").get_text(" ")
    assert "10_scorecard.ipynb" in footer and 'lang = "en"' in footer and 'scenario = "baseline"' in footer


def test_to_kh330_gives_the_same_page(executed, plain):
    """The exporter registered as an nbconvert entry point renders exactly what the installed template does."""
    assert _convert(executed, "--to", "kh330", output="exporter") == plain

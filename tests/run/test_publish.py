"""Briefs as HTML: no code or CDN, header and footer, alt text, audit, index page, atomic publish."""

from __future__ import annotations

import base64
import datetime as dt
import io
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter

from kh330lib.run.exporter import BriefContext, css_string, render_brief, take_html_title, take_title
from kh330lib.run.front import Front
from kh330lib.run.html_audit import NBCONVERT_DEFAULT_ALT, audit_brief, external_references, images_without_alt
from kh330lib.run.index_page import IndexEntry, index_file, render_index
from kh330lib.run.manifest import DataVintage, GitState
from kh330lib.run.provenance import BriefSource, RunInfo, brief_context, vintage_text
from kh330lib.run.publish import publish_latest
from kh330lib.words.dates import run_date_text

STARTED = dt.datetime(2025, 11, 22, 6, 15, 0, tzinfo=dt.timezone.utc)
RUN = RunInfo("20251122T061500Z-abc123", STARTED, DataVintage(2024, "2024-11-28"),
              GitState("0123456789abcdef", True), (("kh330", "0.1.0"), ("papermill", "2.7.0")),
              (("data/observations.csv", "f" * 64),))
SOURCE = BriefSource("notebooks/10_scorecard.ipynb", "a" * 64, "params/scenarios/baseline.yaml", "b" * 64,
                     {"scenario": "baseline", "lang": "en"}, "Baseline")


def _png() -> str:
    """A real 2×1 PNG (so that a browser can decode it), base64."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig = plt.figure(figsize=(0.02, 0.01), dpi=100)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


PNG = _png()


def _notebook(tmp_path: Path) -> nbformat.NotebookNode:
    """An executed notebook with every kind of cell a brief must keep or drop."""
    (tmp_path / "logo.png").write_bytes(base64.b64decode(PNG))
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('scenario = "baseline"  # PARAMETERS_SOURCE')
    params.metadata["tags"] = ["parameters"]
    injected = nbformat.v4.new_code_cell('lang = "en"  # INJECTED_SOURCE')
    injected.metadata["tags"] = ["injected-parameters"]
    work = nbformat.v4.new_code_cell("value = compute()  # CODE_SOURCE", execution_count=3)
    work.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="shown on stdout\n"),
        nbformat.v4.new_output("stream", name="stderr", text="UserWarning: STDERR_TEXT\n"),
        nbformat.v4.new_output("display_data", data={
            "text/html": '<style>.x{}</style><h1 class="t">Scorecard <em>2025</em></h1><p>lead</p>',
            "text/plain": "<HTML>"}),
        nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"},
                               metadata={"image/png": {"alt": "Bar chart of targets by status"}}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "42"}, execution_count=3),
    ]
    hidden = nbformat.v4.new_code_cell("secret()  # REMOVED_CELL_SOURCE")
    hidden.metadata["tags"] = ["remove_cell"]
    hidden.outputs = [nbformat.v4.new_output("stream", name="stdout", text="REMOVED_OUTPUT\n")]
    silent = nbformat.v4.new_code_cell("import pandas  # SILENT_SOURCE")
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Markdown heading\n\nIntro with ![logo](logo.png) and $x^2$."),
        params, injected, work, hidden, silent,
        nbformat.v4.new_raw_cell("RAW_NOTE"),
    ]
    return nb


def _context(lang: str = "en") -> BriefContext:
    return brief_context(RUN, SOURCE, lang, index_href="../../index.html",
                         other_langs={"vi": "../vi/10_scorecard.html"}, manifest_href="../../manifest.json")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("brief")
    return render_brief(_notebook(tmp), _context(), name="10_scorecard", source_dir=tmp).html


class _Tags(HTMLParser):
    """Every start tag with its attributes (an independent reading of the page)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_brief_has_no_code_prompts_parameters_or_stderr(page):
    body = page[page.index("<body"):]
    for hidden in ("PARAMETERS_SOURCE", "INJECTED_SOURCE", "CODE_SOURCE", "REMOVED_CELL_SOURCE",
                   "REMOVED_OUTPUT", "SILENT_SOURCE", "STDERR_TEXT", "RAW_NOTE", "In&nbsp;[", "Out["):
        assert hidden not in body, hidden
    assert "shown on stdout" in body
    assert "jp-InputArea-editor" not in body


def test_brief_loads_nothing_from_outside(page):
    tags = _tags(page)
    assert [t for t, a in tags if t == "script" and a.get("src")] == []
    assert [a for t, a in tags if t == "link"] == []
    assert all(a["src"].startswith("data:image/png;base64,") for t, a in tags if t == "img")
    for word in ("require.js", "require.min.js", "MathJax", "mermaid", "unpkg.com", "cdnjs", "cdn.jsdelivr"):
        # Only CSS comments of the lab stylesheet may still name a URL.
        assert word.lower() not in re.sub(r"/\*.*?\*/", "", page, flags=re.S).lower(), word
    assert external_references(page) == []


def test_markdown_images_are_inlined(page):
    imgs = [a for t, a in _tags(page) if t == "img"]
    assert {"alt": "logo", "src": f"data:image/png;base64,{PNG}"}.items() <= imgs[0].items()


def test_title_moves_from_the_first_h1_output_into_the_header(page):
    h1s = re.findall(r"<h1[^>]*>(.*?)</h1>", page, flags=re.S)
    assert h1s == ["Scorecard 2025", "Markdown heading"]  # header title, then the markdown cell's own
    assert "<title>Scorecard 2025</title>" in page
    assert "<p>lead</p>" in page


def test_header_shows_scenario_vintage_and_run_date_and_links(page):
    dds = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page)
    assert ("Scenario", "Baseline") in dds
    assert ("Data", "up to 2024 (latest source November 28, 2024)") in dds
    # 06:15 UTC is 13:15 in Huế (UTC+7).
    assert ("Run date", "November 22, 2025, 13:15 (Viet Nam time)") in dds
    assert '<a href="../../index.html">All briefs</a>' in page
    assert 'href="../vi/10_scorecard.html"' in page and ">Tiếng Việt</a>" in page
    assert '<html lang="en">' in page


def test_footer_carries_provenance_in_a_collapsed_technical_section(page):
    footer = page[page.index('<footer class="kh330-footer">'):]
    assert footer.index('<details class="kh330-tech">') < footer.index("<dt>Run</dt>") < footer.index("</details>")
    assert "<summary>Technical information</summary>" in footer
    assert "<details class=\"kh330-tech\" open" not in footer
    dds = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page))
    assert dds["Run"] == "20251122T061500Z-abc123 · 2025-11-22T06:15:00Z"
    assert dds["Notebook"] == "notebooks/10_scorecard.ipynb · sha256 aaaaaaaaaaaa"
    assert dds["Parameters"] == 'scenario = "baseline" · lang = "en"'
    assert dds["Code version"] == "git 0123456789ab (uncommitted changes)"
    assert dds["Data files"] == "data/observations.csv sha256 ffffffffffff"
    assert 'href="../../manifest.json"' in page


def test_image_alt_comes_from_output_metadata(page):
    alts = [a.get("alt") for t, a in _tags(page) if t == "img"]
    assert alts == ["logo", "Bar chart of targets by status"]
    assert images_without_alt(page) == 0


def test_vietnamese_header(tmp_path):
    html = render_brief(_notebook(tmp_path), _context("vi"), name="x", source_dir=tmp_path).html
    dds = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html)
    assert ("Số liệu", "đến năm 2024 (nguồn mới nhất ngày 28 tháng 11 năm 2024)") in dds
    assert ("Ngày lập", "ngày 22 tháng 11 năm 2025, 13:15 (giờ Việt Nam)") in dds
    assert "<summary>Thông tin kỹ thuật</summary>" in html
    assert '<html lang="vi">' in html


def test_stock_lab_template_would_fail_the_audit(tmp_path):
    # The check must be able to fail: nbconvert's own lab template loads require.js and MathJax.
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(_notebook(tmp_path))
    refs = external_references(html)
    assert any("require" in r for r in refs) and any("mathjax" in r.lower() for r in refs)


@pytest.mark.parametrize("markup, found", [
    ('<script src="https://cdn.example/x.js"></script>', "<script src='https://cdn.example/x.js'>"),
    ('<link rel="stylesheet" href="style.css">', "<link href='style.css'>"),
    ('<img src="https://example.org/a.png" alt="a">', "<img src='https://example.org/a.png'>"),
    ('<img src="chart.png" alt="a">', "<img src='chart.png'>"),
    ("<style>@font-face { src: url('https://fonts.example/f.woff2'); }</style>",
     "css url(https://fonts.example/f.woff2)"),
    ('<style>@import "theme.css";</style>', "css @import theme.css"),
    ('<div style="background: url(bg.png)"></div>', "css url(bg.png)"),
    ('<script type="module">const m = await import("https://x.example/m.mjs");</script>',
     "script import(https://x.example/m.mjs)"),
])
def test_external_references_are_found(markup, found):
    assert external_references(f"<html><body>{markup}</body></html>") == [found]


def test_links_data_uris_and_css_comments_are_not_loads():
    page = ('<a href="https://hue.gov.vn/report">source</a><img src="data:image/png;base64,AAAA" alt="x">'
            '<style>/* see https://example.org/ */ .a { background: url(data:image/png;base64,AA) }</style>')
    assert external_references(page) == []


def test_audit_names_each_reason_with_its_counts():
    images = ['<img src="https://x/a.png">', '<img src="https://y/b.png" alt="b">',
              f'<img src="data:," alt="{NBCONVERT_DEFAULT_ALT}">', '<img src="data:," alt=" ">']
    page = "".join(images) + "<p>" + "x" * (3 * 2 ** 20 // 2) + "</p>"  # 1.5 MiB of text
    external = [a["src"] for _, a in _tags(page) if a.get("src", "").startswith("https://")]
    no_alt = [a for t, a in _tags(page) if t == "img" and (a.get("alt") or "").strip() in ("", NBCONVERT_DEFAULT_ALT)]
    assert (len(external), len(no_alt)) == (2, 3)
    loads, alts, size = audit_brief(page, max_bytes=2 ** 20)
    assert int(re.match(r"loads (\d+) external resource", loads).group(1)) == len(external)
    assert all(src in loads for src in external)
    assert int(re.match(r"(\d+) image\(s\) without alt text", alts).group(1)) == len(no_alt)
    mb, limit = (float(x) for x in re.match(r"is ([\d.]+) MB, over the ([\d.]+) MB limit", size).groups())
    assert (mb, limit) == (round(len(page.encode("utf-8")) / 2 ** 20, 1), 1.0)
    # Each reason alone; past three resources the rest are counted, not listed.
    many = [f"https://x/{i}.png" for i in range(5)]
    [only] = audit_brief("".join(f'<img src="{src}" alt="c">' for src in many))
    assert only.startswith(f"loads {len(many)} external resource(s): ")
    assert all(src in only for src in many[:3]) and not any(src in only for src in many[3:])
    assert f"and {len(many) - 3} more" in only
    assert audit_brief('<img src="data:," alt="Chart of x">') == []


def test_titles_are_taken_from_markdown_and_html():
    assert take_title("Intro\n\n# Tỷ lệ lao động ##\n\nText") == ("Tỷ lệ lao động", "Intro\n\n\nText")
    assert take_title("## Only a section") == (None, "## Only a section")
    assert take_html_title('<div><h1 id="a">Lao &amp; động</h1><p>x</p></div>') == (
        "Lao & động", "<div><p>x</p></div>")


def test_dates_and_vintage_in_both_languages():
    # Given in UTC+7 already: the clock is kept.
    assert run_date_text(dt.datetime(2026, 3, 2, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))), "vi") == \
        "ngày 2 tháng 3 năm 2026, 23:30 (giờ Việt Nam)"
    # 18:19 UTC on 2 December is 01:19 on 3 December in Huế: the date moves on.
    assert run_date_text(dt.datetime(2026, 12, 2, 18, 19, tzinfo=dt.timezone.utc), "vi") == \
        "ngày 3 tháng 12 năm 2026, 01:19 (giờ Việt Nam)"
    assert run_date_text(dt.datetime(2026, 12, 2, 18, 19, tzinfo=dt.timezone.utc), "en") == \
        "December 3, 2026, 01:19 (Viet Nam time)"
    assert vintage_text(DataVintage(2024, None), "en") == "up to 2024"
    assert vintage_text(DataVintage(2025, "2024-11-28", "2026-06-05"), "vi") == \
        "đến năm 2025 (báo cáo mới nhất nhận ngày 5 tháng 6 năm 2026)"
    assert vintage_text(DataVintage(None, None), "vi") == "chưa có số liệu"


def test_each_index_page_lists_the_briefs_of_its_language_and_marks_failures():
    labels = {"vi": "Cơ sở", "en": "Baseline"}
    def entry(notebook, lang, title, ok=True):
        href = f"baseline/{lang}/{notebook}.html" if ok else None
        return IndexEntry(notebook, "baseline", labels, lang, title, href, ok)

    entries = [entry("10_scorecard", "vi", "Bảng theo dõi"), entry("10_scorecard", "en", "Scorecard"),
               entry("20_labour", "vi", "Lao động"), entry("20_labour", "en", "", ok=False)]
    vi = render_index(entries, RUN, "vi", ("vi", "en"), published_ok=False)
    links = [(a.get("href"), a.get("hreflang")) for t, a in _tags(vi) if t == "a"]
    # One link to the other language's index, then the Vietnamese briefs only.
    assert links[:3] == [("index-en.html", "en"), ("baseline/vi/10_scorecard.html", None),
                         ("baseline/vi/20_labour.html", None)]
    assert "<h2>Kịch bản: Cơ sở</h2>" in vi and "Scenario" not in vi
    assert "không được công bố" in vi
    en = render_index(entries, RUN, "en", ("vi", "en"), published_ok=False)
    links = [(a.get("href"), a.get("hreflang")) for t, a in _tags(en) if t == "a"]
    assert links[:2] == [("index.html", "vi"), ("baseline/en/10_scorecard.html", None)]
    assert 'Scorecard</a></li>\n<li>20_labour <span class="kh330-failed">(failed)</span></li>' in en
    assert external_references(vi) == [] and external_references(en) == []
    assert index_file("vi", ("vi", "en")) == "index.html" and index_file("en", ("vi", "en")) == "index-en.html"
    assert index_file("en", ("en",)) == "index.html"


def test_index_shows_each_scenarios_front_before_its_brief_list():
    labels = {"vi": "Cơ sở", "en": "Baseline"}
    entries = [IndexEntry("10_scorecard", "baseline", labels, "vi", "Bảng theo dõi", "baseline/vi/10_scorecard.html",
                          True)]
    front = Front('<section class="kh330-summary">LINES</section>',
                  '<section class="kh330-grid"><p class="kh330-counts">GRID</p></section>',
                  '<section class="kh330-owed" id="owed">OWED</section>')
    html = render_index(entries, RUN, "vi", ("vi",), published_ok=True, fronts={"baseline": front})
    # Markup built by kh330lib.briefs, inserted as is, in the order leadership read it.
    assert html.index(front.lines) < html.index(front.grid) < html.index(front.owed) < html.index(
        'href="baseline/vi/10_scorecard.html"')
    assert '<details class="kh330-tech">' in html and "<summary>Thông tin kỹ thuật</summary>" in html


def test_css_strings_cannot_break_out_of_the_stylesheet():
    assert css_string('Bảng "A" \\ </style><b>') == 'Bảng \\22 A\\22  \\5C  \\3C /style\\3E \\3C b\\3E '
    assert css_string("hai\ndòng") == "hai dòng"


# ---- publishing

def _run_folder(reports: Path, name: str, text: str) -> Path:
    d = reports / "runs" / name
    d.mkdir(parents=True)
    (d / "index.html").write_text(text, encoding="utf-8")
    return d


def test_publish_points_latest_at_the_new_run_and_keeps_the_old_one(tmp_path):
    a = _run_folder(tmp_path, "a", "first")
    b = _run_folder(tmp_path, "b", "second")
    assert publish_latest(a, tmp_path / "latest") == "symlink"
    assert (tmp_path / "latest" / "index.html").read_text() == "first"
    assert publish_latest(b, tmp_path / "latest") == "symlink"
    assert os.readlink(tmp_path / "latest") == "runs/b"
    assert (tmp_path / "latest" / "index.html").read_text() == "second"
    assert (a / "index.html").read_text() == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "runs"]  # no temporary left behind


def test_publish_copies_where_symlinks_are_not_allowed(tmp_path, monkeypatch):
    a = _run_folder(tmp_path, "a", "first")
    b = _run_folder(tmp_path, "b", "second")

    def refuse(*args, **kwargs):
        raise OSError("symbolic links are not allowed here")

    monkeypatch.setattr(os, "symlink", refuse)
    assert publish_latest(a, tmp_path / "latest") == "copy"
    assert publish_latest(b, tmp_path / "latest") == "copy"
    latest = tmp_path / "latest"
    assert latest.is_dir() and not latest.is_symlink()
    assert (latest / "index.html").read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "runs"]


def test_publish_replaces_a_copied_latest_by_a_link(tmp_path):
    a = _run_folder(tmp_path, "a", "first")
    (tmp_path / "latest").mkdir()
    (tmp_path / "latest" / "index.html").write_text("old copy")
    publish_latest(a, tmp_path / "latest")
    assert os.readlink(tmp_path / "latest") == "runs/a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "runs"]

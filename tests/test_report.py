"""report.py: headings, tables and sentences, checked against figures computed here from the inputs."""

from __future__ import annotations

import base64
import csv
import re
from pathlib import Path

import pytest
import yaml
from matplotlib.figure import Figure

from kh330lib import paths, report
from kh330lib.charts import Chart
from kh330lib.observations import load_dataset

FIXTURE = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FIXTURE / "observations.csv", sources=FIXTURE / "sources.csv")


def _fixture_rows() -> list[dict]:
    with open(FIXTURE / "observations.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _units() -> dict[str, dict]:
    data = yaml.safe_load((paths.PARAMS_DIR / "reporting_units.yaml").read_text(encoding="utf-8"))
    return {u["id"]: u for u in data["units"]}


def _html(obj) -> str:
    return obj.data


# ---------------------------------------------------------------- small words

def test_join_words_vi_and_en():
    assert report.join_words(["a"], "vi") == "a"
    assert report.join_words(["a", "b"], "vi") == "a và b"
    assert report.join_words(["a", "b", "c"], "en") == "a, b and c"


def test_clause_text():
    assert report.clause_text("II.2 bullet 7", "vi") == "mục II.2, ý 7"
    assert report.clause_text("II.2 bullet 7", "en") == "II.2, bullet 7"


def test_unit_text():
    assert report.unit_text("% of GRDP", "vi") == "% GRDP"
    assert report.unit_text("% of GRDP", "en") == "% of GRDP"
    assert report.unit_text("persons", "vi") == "người"
    assert report.unit_text("%", "vi") == "%"


# ---------------------------------------------------------------- HTML building blocks

def test_table_escapes_text_and_keeps_raw_markup():
    html = report.table_html(["a<b"], [["x & y"], [report.Raw("<b>bold</b>")]])
    assert "a&lt;b" in html and "x &amp; y" in html and "<b>bold</b>" in html
    assert html.startswith('<table class="kh330-t')


def test_figure_html_embeds_png_with_alt():
    fig = Figure(figsize=(2, 1))
    fig.add_subplot().plot([0, 1], [0, 1])
    html = _html(report.figure_html(Chart(fig, 'Biểu đồ "thử"'), lang="vi"))
    m = re.search(r'src="data:image/png;base64,([^"]+)" alt="([^"]*)"', html)
    assert m, html[:200]
    assert base64.b64decode(m.group(1))[:8] == b"\x89PNG\r\n\x1a\n"
    assert m.group(2) == "Biểu đồ &quot;thử&quot;"
    assert 'lang="vi"' in html


def test_figure_html_refuses_a_chart_without_alt():
    with pytest.raises(ValueError, match="alt text"):
        report.figure_html(Figure(), alt="")


def test_header_localised_and_quiet_in_scheduled_runs(dataset):
    vi = _html(report.header("10_scorecard", "vi", "Cơ sở (theo xu hướng)", dataset=dataset))
    assert "<h1>Bảng theo dõi thực hiện các chỉ tiêu của Kế hoạch 330/KH-UBND</h1>" in vi
    last_year = max(int(r["year"]) for r in _fixture_rows())
    assert f"số liệu mới nhất: năm {last_year}" in vi
    assert "Kịch bản: Cơ sở (theo xu hướng)" in vi
    en = _html(report.header("10_scorecard", "en", "Baseline", run_id="r1", dataset=dataset))
    assert "<h1>Plan 330/KH-UBND scorecard</h1>" in en and 'lang="en"' in en
    assert 'class="meta"' not in en  # the published page header carries scenario and vintage


def test_header_rejects_unknown_language():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        report.header("10_scorecard", "fr")


# ---------------------------------------------------------------- data audit

def test_audit_summary_counts_match_the_csv(dataset):
    rows = _fixture_rows()
    years = [int(r["year"]) for r in rows]
    n_ind = len({r["indicator"] for r in rows})
    n_src = len({r["source"] for r in rows})
    first = report.audit_summary(dataset, "vi")[0]
    assert first == (f"Bộ số liệu có {len(rows)} quan sát của {n_ind}/{len(dataset.registry.indicators)} chỉ số "
                     f"trong danh mục, từ {n_src} nguồn, trải từ năm {min(years)} đến năm {max(years)}.")


def test_audit_summary_counts_targets_with_huế_data(dataset):
    targets = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]
    measurable = [tg for tg in targets if tg["kind"] != "qualitative"]
    levels = [(tg["indicator"], b) for tg in measurable for b in (tg.get("breakdown") or [""])]
    hue = {(r["indicator"], r["breakdown"]) for r in _fixture_rows() if r["geo"] == "VN-HUE"}
    with_data = sum(1 for lv in levels if lv in hue)
    text = report.audit_summary(dataset, "en")[1]
    assert f"{len(measurable)} measurable ({len(levels)} when" in text
    assert f"Huế has data for {with_data} of the {len(levels)} measurable ones." in text
    weak = sum(1 for r in _fixture_rows() if r["status"] in ("proxy", "assumption"))
    assert report.audit_summary(dataset, "en")[2].startswith(f"{weak} observations are proxies or assumptions")


def test_coverage_frame_one_row_per_series(dataset):
    frame = report.coverage_frame(dataset, "vi")
    row = frame[(frame["indicator"] == "trained_labour_rate_broad") & (frame["geo"] == "Thành phố Huế")].iloc[0]
    hue = [r for r in _fixture_rows() if r["indicator"] == "trained_labour_rate_broad" and r["geo"] == "VN-HUE"]
    assert row["points"] == len(hue)
    assert row["years"] == f"{min(int(r['year']) for r in hue)}–{max(int(r['year']) for r in hue)}"
    n_official = sum(r["status"] == "official" for r in hue)
    assert f"{n_official} chính thức" in row["statuses"]
    empty = frame[frame["indicator"] == "st_budget_share"].iloc[0]
    assert empty["points"] == 0 and empty["statuses"] == "chưa có số liệu"
    assert "Sở Tài chính (mục V.3)" in empty["reporters"]


def test_missing_indicators_name_reporters_from_section_v(dataset):
    units = _units()
    missing = {m.indicator.id: m for m in report.missing_indicators(dataset, "vi")}
    assert "trained_labour_rate_broad" not in missing
    rnd = missing["rnd_spending_pct_grdp"]
    assert [tg.id for tg in rnd.targets] == ["rnd_grdp_2030", "rnd_grdp_2035", "rnd_grdp_2045"]
    assert rnd.who == (f"{units['dost']['label_vi']} (mục {units['dost']['clause']}) và "
                       f"{units['dof']['label_vi']} (mục {units['dof']['clause']})")
    gerd = [r for r in _fixture_rows() if r["indicator"] == "gerd_pct_gdp" and r["geo"] == "VN"]
    latest = max(int(r["year"]) for r in gerd)
    assert rnd.proxies == (f"Chi cho R&D so với GDP (cả nước): {len(gerd)} điểm, mới nhất {latest}",)
    # The fixture has the university level of the STEM share only: the other two levels are missing.
    assert missing["stem_share_hs_graduates"].breakdowns == ("college", "intermediate")
    assert "riêng từng trình độ: cao đẳng và trung cấp" in missing["stem_share_hs_graduates"].needed


def test_missing_table_lists_each_indicator_once(dataset):
    html = _html(report.missing_table(dataset, "en"))
    assert html.count("<tr>") == 1 + len(report.missing_indicators(dataset, "en"))
    assert "Department of Finance (section V.3)" in html


def test_no_data_sentence_names_what_and_who(dataset):
    tg = dataset.registry.target("st_budget_2030")
    assert report.no_data_sentence(tg, dataset, lang="vi") == (
        "Huế chưa có số liệu về tỷ lệ chi ngân sách địa phương cho khoa học, công nghệ, đổi mới sáng tạo "
        "và chuyển đổi số, nên chưa thể đánh giá chỉ tiêu ≥ 3 % (chi ngân sách địa phương) đến 2030. "
        "Cần: báo cáo định kỳ của Sở Tài chính (mục V.3).")


def test_no_data_sentence_quotes_a_labelled_proxy(dataset):
    tg = dataset.registry.target("rnd_grdp_2030")
    gerd = sorted((int(r["year"]), float(r["value"])) for r in _fixture_rows()
                  if r["indicator"] == "gerd_pct_gdp")
    year, value = gerd[-1]
    sentence = report.no_data_sentence(tg, dataset, lang="en")
    assert sentence.endswith(f"was {value:.2f}% (of GDP) in {year} — a proxy.")
    assert "not used to assess" in sentence


def test_qualitative_table_lists_every_qualitative_target(dataset):
    targets = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]
    html = _html(report.qualitative_table(dataset, "vi"))
    assert html.count("<tr>") == 1 + sum(tg["kind"] == "qualitative" for tg in targets)


def test_coverage_chart_alt_states_the_counts(dataset):
    rows = _fixture_rows()
    series = {(r["indicator"], r["geo"], r["breakdown"]) for r in rows}
    chart = report.coverage_chart(dataset, "en")
    assert chart.alt.startswith(f"Dot chart of the years with data for {len(series)} series")
    assert f"{len(rows)} points in all" in chart.alt

"""report.py: headings, tables and sentences, checked against figures computed here from the inputs."""

from __future__ import annotations

import base64
import csv
import re
from pathlib import Path

import pytest
import yaml
from matplotlib.figure import Figure

from kh330lib import fmt, paths
from kh330lib.assess import assess_all
from kh330lib.briefs import audit, figures, methods, page, scenarios, scorecard, topics
from kh330lib.briefs.charts import Chart
from kh330lib.data.dataset import load_dataset
from kh330lib.data.scenarios import load_scenario
from kh330lib.methods.settings import load_methods
from kh330lib.words import phrases, sentences

FIXTURE = Path(__file__).parents[1] / "fixtures" / "data"


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
    assert phrases.join_words(["a"], "vi") == "a"
    assert phrases.join_words(["a", "b"], "vi") == "a và b"
    assert phrases.join_words(["a", "b", "c"], "en") == "a, b and c"


def test_clause_text():
    assert phrases.clause_text("II.2 bullet 7", "vi") == "mục II.2, ý 7"
    assert phrases.clause_text("II.2 bullet 7", "en") == "II.2, bullet 7"


def test_unit_text():
    assert phrases.unit_text("% of GRDP", "vi") == "% GRDP"
    assert phrases.unit_text("% of GRDP", "en") == "% of GRDP"
    assert phrases.unit_text("persons", "vi") == "người"
    assert phrases.unit_text("%", "vi") == "%"


# ---------------------------------------------------------------- HTML building blocks

def test_table_escapes_text_and_keeps_raw_markup():
    html = page.table_html(["a<b"], [["x & y"], [page.Raw("<b>bold</b>")]])
    assert "a&lt;b" in html and "x &amp; y" in html and "<b>bold</b>" in html
    assert html.startswith('<table class="kh330-t')


def test_figure_html_embeds_png_with_alt():
    fig = Figure(figsize=(2, 1))
    fig.add_subplot().plot([0, 1], [0, 1])
    html = _html(page.figure_html(Chart(fig, 'Biểu đồ "thử"'), lang="vi"))
    m = re.search(r'src="data:image/png;base64,([^"]+)" alt="([^"]*)"', html)
    assert m, html[:200]
    assert base64.b64decode(m.group(1))[:8] == b"\x89PNG\r\n\x1a\n"
    assert m.group(2) == "Biểu đồ &quot;thử&quot;"
    assert 'lang="vi"' in html


def test_figure_html_refuses_a_chart_without_alt():
    with pytest.raises(ValueError, match="alt text"):
        page.figure_html(Figure(), alt="")


def test_header_localised_and_quiet_in_scheduled_runs(dataset):
    vi = _html(page.header("10_scorecard", "vi", "Cơ sở (theo xu hướng)", dataset=dataset))
    assert "<h1>Bảng theo dõi thực hiện các chỉ tiêu của Kế hoạch 330/KH-UBND</h1>" in vi
    last_year = max(int(r["year"]) for r in _fixture_rows())
    assert f"số liệu mới nhất: năm {last_year}" in vi
    assert "Kịch bản: Cơ sở (theo xu hướng)" in vi
    en = _html(page.header("10_scorecard", "en", "Baseline", run_id="r1", dataset=dataset))
    assert "<h1>Plan 330/KH-UBND scorecard</h1>" in en and 'lang="en"' in en
    assert 'class="meta"' not in en  # the published page header carries scenario and vintage


def test_header_rejects_unknown_language():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        page.header("10_scorecard", "fr")


# ---------------------------------------------------------------- data audit

def test_audit_summary_counts_match_the_csv(dataset):
    rows = _fixture_rows()
    years = [int(r["year"]) for r in rows]
    n_ind = len({r["indicator"] for r in rows})
    n_src = len({r["source"] for r in rows})
    first = sentences.audit_summary(dataset, "vi")[0]
    assert first == (f"Bộ số liệu có {len(rows)} quan sát của {n_ind}/{len(dataset.registry.indicators)} chỉ số "
                     f"trong danh mục, từ {n_src} nguồn, trải từ năm {min(years)} đến năm {max(years)}.")


def test_audit_summary_counts_targets_with_huế_data(dataset):
    targets = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]
    measurable = [tg for tg in targets if tg["kind"] != "qualitative"]
    levels = [(tg["indicator"], b) for tg in measurable for b in (tg.get("breakdown") or [""])]
    hue = {(r["indicator"], r["breakdown"]) for r in _fixture_rows() if r["geo"] == "VN-HUE"}
    with_data = sum(1 for lv in levels if lv in hue)
    text = sentences.audit_summary(dataset, "en")[1]
    assert f"{len(measurable)} measurable ({len(levels)} when" in text
    assert f"Huế has data for {with_data} of the {len(levels)} measurable ones." in text
    weak = sum(1 for r in _fixture_rows() if r["status"] in ("proxy", "assumption"))
    assert sentences.audit_summary(dataset, "en")[2].startswith(f"{weak} observations are proxies or assumptions")


def test_coverage_frame_one_row_per_series(dataset):
    frame = audit.coverage_frame(dataset, "vi")
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
    missing = {m.indicator.id: m for m in audit.missing_indicators(dataset, "vi")}
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
    html = _html(audit.missing_table(dataset, "en"))
    assert html.count("<tr>") == 1 + len(audit.missing_indicators(dataset, "en"))
    assert "Department of Finance (section V.3)" in html


def test_no_data_sentence_names_what_and_who(dataset):
    tg = dataset.registry.target("st_budget_2030")
    assert sentences.no_data_sentence(tg, dataset, lang="vi") == (
        "Huế chưa có số liệu về tỷ lệ chi ngân sách địa phương cho khoa học, công nghệ, đổi mới sáng tạo "
        "và chuyển đổi số, nên chưa thể đánh giá chỉ tiêu ≥ 3 % (chi ngân sách địa phương) đến 2030. "
        "Cần: báo cáo định kỳ của Sở Tài chính (mục V.3).")


def test_no_data_sentence_quotes_a_labelled_proxy(dataset):
    tg = dataset.registry.target("rnd_grdp_2030")
    gerd = sorted((int(r["year"]), float(r["value"])) for r in _fixture_rows()
                  if r["indicator"] == "gerd_pct_gdp")
    year, value = gerd[-1]
    sentence = sentences.no_data_sentence(tg, dataset, lang="en")
    assert sentence.endswith(f"was {value:.2f}% (of GDP) in {year} — a proxy.")
    assert "not used to assess" in sentence


def test_qualitative_table_lists_every_qualitative_target(dataset):
    targets = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]
    html = _html(audit.qualitative_table(dataset, "vi"))
    assert html.count("<tr>") == 1 + sum(tg["kind"] == "qualitative" for tg in targets)


def test_coverage_chart_alt_states_the_counts(dataset):
    rows = _fixture_rows()
    series = {(r["indicator"], r["geo"], r["breakdown"]) for r in rows}
    chart = figures.coverage_chart(dataset, "en")
    assert chart.alt.startswith(f"Dot chart of the years with data for {len(series)} series")
    assert f"{len(rows)} points in all" in chart.alt


# ---------------------------------------------------------------- numbers as readers see them

@pytest.mark.parametrize("p, vi, en", [
    (0.878, "88 %", "88%"), (0.999, "> 99 %", "> 99%"), (0.001, "< 1 %", "< 1%"),
    (1.0, "100 %", "100%"), (0.0, "0 %", "0%"), (None, "–", "–"),
])
def test_probability_text(p, vi, en):
    assert phrases.probability_text(p, "vi") == vi
    assert phrases.probability_text(p, "en") == en


@pytest.mark.parametrize("args, vi, en", [
    ((72.5, "%"), "72,5 %", "72.5%"),
    ((70.25, "%"), "70,25 %", "70.25%"),
    ((0.42, "% of GRDP"), "0,42 % GRDP", "0.42% of GRDP"),
    ((60, "persons", True), "60 người", "60 persons"),
    ((154220.3, "billion VND", True, True), "154.220 tỷ đồng", "154,220 billion VND"),
])
def test_value_text(args, vi, en):
    assert phrases.value_text(*args[:2], "vi", *args[2:]) == vi
    assert phrases.value_text(*args[:2], "en", *args[2:]) == en


def test_change_text():
    assert phrases.change_text(1.25, "%", "vi") == "1,25 điểm %/năm"
    assert phrases.change_text(1.25, "%", "en", short=False) == "1.25 percentage points a year"
    assert phrases.change_text(48, "persons", "vi", short=False, integer=True) == "48 người mỗi năm"


# ---------------------------------------------------------------- engine-based displays

@pytest.fixture(scope="module")
def assessments(dataset):
    return assess_all(dataset)


def _by(assessments, target_id, breakdown=""):
    return next(a for a in assessments if a.target.id == target_id and a.breakdown == breakdown)


def _hue(indicator, breakdown=""):
    rows = [r for r in _fixture_rows() if r["indicator"] == indicator and r["geo"] == "VN-HUE"
            and r["breakdown"] == breakdown]
    return sorted((int(r["year"]), float(r["value"]), r["status"]) for r in rows)


def _methods() -> dict:
    return yaml.safe_load((paths.PARAMS_DIR / "methods.yaml").read_text(encoding="utf-8"))


def test_trained_labour_sentence_from_the_published_formulas(dataset, assessments):
    series = _hue("trained_labour_rate_broad")
    (y_last, v_last, status) = series[-1]
    # Base year: N years before the latest, or the first year with data after it (methods.yaml).
    want = y_last - _methods()["base_year"]["years_before_latest"]
    y0, v0, _ = next(p for p in series if p[0] >= want)
    target = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"][0]
    assert target["id"] == "trained_labour_2030" and target["comparator"] == ">"
    required = (target["value"] - v_last) / (target["deadline"] - y_last)
    observed = (v_last - v0) / (y_last - y0)
    relation = "thấp hơn" if required < observed else f"gấp {fmt_num(required / observed)} lần"
    expected = (f"Tỷ lệ lao động qua đào tạo năm {y_last} đạt {fmt_num(v_last)} % (ước tính); để vượt "
                f"{target['value']} % vào năm {target['deadline']} cần tăng trung bình {fmt_num(required)} điểm phần "
                f"trăm mỗi năm, {relation} tốc độ bình quân {y0}–{y_last} ({fmt_num(observed)} điểm phần trăm mỗi năm).")
    assert status == "estimate"
    said = sentences.target_sentences(_by(assessments, "trained_labour_2030"), dataset, "vi")
    assert said[0] == expected


def fmt_num(x: float) -> str:
    """Observed values and paces as the brief shows them: as reported, at most 2 decimals."""
    return fmt.number(x, "vi", 2)


def test_projection_sentence_quotes_the_engine(dataset, assessments):
    a = _by(assessments, "trained_labour_2030")
    q = a.projection.at(2030)
    second = sentences.target_sentences(a, dataset, "en")[1]
    assert second == (f"If the present trend continues, the value in 2030 will be about {fmt.fixed(q['median'], 'en', 1)}% "
                      f"(80% interval {fmt.fixed(q['lo80'], 'en', 1)}–{fmt.fixed(q['hi80'], 'en', 1)}); the chance of "
                      f"meeting the target is about {fmt.percent(100 * a.probability.p_meet, 'en', 0)}.")
    assert q["lo80"] < q["median"] < q["hi80"]


def test_cumulative_and_milestone_sentences(dataset, assessments):
    (year, value, _), = _hue("teachers_trained_digital")
    needed = (300 - value) / (2030 - year)
    text = sentences.target_sentences(_by(assessments, "teachers_trained_2030"), dataset, "vi")[0]
    assert text == (f"Giáo viên, giảng viên, cán bộ quản lý được bồi dưỡng công nghệ số: {value:g} người trong năm "
                    f"{year}; để đạt 300 người vào năm 2030 cần thêm trung bình {needed:g} người mỗi năm, ít hơn "
                    f"mức bình quân đã đạt ({value:g} người mỗi năm).")
    (year, value, _), = _hue("ioc_full_criteria")
    assert value == 0
    assert sentences.target_sentences(_by(assessments, "ioc_criteria_2030"), dataset, "vi") == [
        f"Trung tâm Giám sát và điều hành đô thị thông minh đủ tiêu chí: chưa hoàn thành theo báo cáo năm {year}; "
        "thời hạn là năm 2030."]


def test_assumed_values_are_called_assumptions(dataset, assessments):
    assumed = [y for y, _, s in _hue("stem_share_hs_graduates", "university") if s == "assumption"]
    text = " ".join(sentences.target_sentences(_by(assessments, "stem_2030", "university"), dataset, "en"))
    assert f"Values for {assumed[0]} are recorded in the data as assumptions, not measured data." in text
    row = next(r for r in scorecard.scorecard_rows(assessments, dataset, "en")
               if r["target"].endswith("— university") and r["section"] == "II.2")
    assert row["weak"]


def test_scorecard_has_every_target_and_level(dataset, assessments):
    targets = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]
    n_rows = sum(len(tg.get("breakdown") or [""]) for tg in targets)
    rows = scorecard.scorecard_rows(assessments, dataset, "vi")
    assert len(rows) == n_rows
    html = scorecard.scorecard_table(assessments, dataset, "vi").data
    assert html.count('<span class="badge') == n_rows
    assert '<table class="kh330-t scorecard">' in html
    # Status never by colour alone: every badge has a shape and words.
    for badge in re.findall(r'<span class="badge (v-\w+)"><span aria-hidden="true">(.)</span> ([^<]+)</span>', html):
        assert badge[1].strip() and badge[2].strip()
    tl = rows[0]
    assert tl["verdict"] == "Đúng tiến độ" and tl["latest"] == "72,5 % (2024, ước tính)"
    assert rows[[i for i, tg in enumerate(targets) if tg["id"] == "st_budget_2030"][0] + 6]["latest"] == (
        "Chưa có số liệu — cần báo cáo của Sở Tài chính (V.3)")


def test_key_messages_count_the_gaps(dataset, assessments):
    targets = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]
    levels = [(tg["indicator"], b) for tg in targets if tg["kind"] != "qualitative"
              for b in (tg.get("breakdown") or [""])]
    measured_levels = {(r["indicator"], r["breakdown"]) for r in _fixture_rows()
                       if r["geo"] == "VN-HUE" and r["status"] not in ("proxy", "assumption")}
    with_data = sum(1 for lv in levels if lv in measured_levels)
    messages = sentences.key_messages(assessments, dataset, "en")
    gap = next(m for m in messages if m.startswith("Huế has measured data"))
    assert gap.startswith(f"Huế has measured data for {with_data} of {len(levels)} targets; the other "
                          f"{len(levels) - with_data} cannot be assessed yet.")
    n_qual = sum(tg["kind"] == "qualitative" for tg in targets)
    assert messages[-1].startswith(f"{n_qual} qualitative targets")


def test_money_view_is_share_times_projected_grdp(dataset, assessments):
    rnd = [a for a in assessments if a.target.indicator == "rnd_spending_pct_grdp"]
    html = topics.money_table(rnd, "vi").data
    for a in rnd:
        grdp = a.money_projection.at(a.target.deadline)
        money = a.target.value / 100 * grdp["median"]
        assert f"<td class=\"num\">{fmt.fixed(grdp['median'], 'vi', 0)} (" in html
        assert fmt.fixed(money, "vi", 0) in html
    assert "tỷ đồng" in html


def test_proxy_chart_labels_the_proxy_and_says_huế_has_no_data(dataset, assessments):
    a = _by(assessments, "hightech_cert_2030")
    chart = figures.assessment_chart([a], dataset, "vi")
    texts = [t.get_text() for t in chart.figure.axes[0].texts]
    assert any(t.startswith("Số liệu thay thế: Tỷ lệ lao động qua đào tạo có bằng cấp") for t in texts)
    assert "Huế chưa có số liệu" in chart.figure.axes[0].get_title(loc="left")
    proxy = [r for r in _fixture_rows() if r["indicator"] == "trained_labour_rate_cert"]
    # The engine keeps the points after the 2015Q1 break; all fixture points are after it.
    assert f"{len(proxy)} điểm" in chart.alt


def test_targets_with_the_same_value_share_one_label(dataset, assessments):
    group = [a for a in assessments if a.target.indicator == "rnd_nonstate_share"]
    chart = figures.assessment_chart(group, dataset, "vi")
    labels = [t.get_text() for t in chart.figure.axes[0].texts if "60" in t.get_text()]
    years = ", ".join(str(a.target.deadline) for a in group)
    assert labels == [f"> 60 % chi R&D ({years})"]


def test_topic_blocks_reject_an_unknown_target(dataset, assessments):
    from kh330lib.errors import InputError
    with pytest.raises(InputError, match="unknown target 'nope'"):
        topics.topic_blocks(assessments, dataset, ["trained_labour_2030", "nope"], "vi")


def test_topic_groups_merge_levels_without_data(assessments):
    groups = topics.topic_groups(assessments, ["stem_2030", "stem_2035"])
    shapes = [sorted({(a.target.id, a.breakdown) for a in g}) for g in groups]
    assert shapes[0] == [("stem_2030", "university"), ("stem_2035", "university")]
    assert shapes[1] == sorted((t, b) for t in ("stem_2030", "stem_2035") for b in ("college", "intermediate"))


def test_methods_text_reads_the_thresholds_from_methods_yaml():
    m = _methods()
    paras = dict(sentences.methods_paragraphs(load_methods(), "vi"))
    status = paras["Đánh giá tiến độ"][0]
    for key in ("on_track", "needs_acceleration"):
        assert fmt.percent(100 * m["open_sdg"][key], "vi", 0) in status
    assert f"{m['base_year']['years_before_latest']} năm trước" in status
    assert fmt.number(m["projection"]["n_paths"], "vi", 0) in paras["Dự báo và khả năng đạt"][0]


def test_backtest_row_reports_the_engines_backtest(dataset, assessments):
    a = _by(assessments, "trained_labour_2030")
    bt = a.choice.backtest(a.projection.model)
    row = methods.backtest_rows(assessments, "en")[0]
    assert row[1] == str(len(_hue("trained_labour_rate_broad")))
    assert row[3:6] == [str(bt.n_origins), str(bt.n_errors), fmt.number(bt.mase, "en", 2)]


def test_caveats_name_each_series_break(dataset):
    indicators = yaml.safe_load((paths.PARAMS_DIR / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    with_data = {r["indicator"] for r in _fixture_rows()}
    broken = [i for i in indicators if i.get("breaks") and i["id"] in with_data]
    texts = sentences.caveats(dataset, "en")
    for ind in broken:
        assert any(t.startswith(f"{ind['label_en']}: the series breaks at {ind['breaks'][0]['period']}")
                   for t in texts)


def test_scenario_table_has_one_column_per_scenario_file(dataset):
    files = sorted(paths.SCENARIOS_DIR.glob("*.yaml"))
    current = load_scenario("baseline", dataset.registry)
    results = scenarios.compare_scenarios(dataset, current)
    assert [sc.name for sc, _ in results][0] == "baseline" and len(results) == len(files)
    html = scenarios.scenario_table(results, "en").data
    for f in files:
        assert html_escape(yaml.safe_load(f.read_text(encoding="utf-8"))["scenario_label_en"]) in html


def html_escape(text: str) -> str:
    import html
    return html.escape(text, quote=True)

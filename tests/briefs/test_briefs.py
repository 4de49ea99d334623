"""The briefs' HTML: page blocks, tables, charts and their alt texts, checked against the inputs."""

from __future__ import annotations

import base64
import html
import re

import pytest
import yaml
from matplotlib.figure import Figure

from fixture_support import by, fixture_rows, hue, units
from kh330lib import fmt, paths
from kh330lib.assess.history import VerdictAt
from kh330lib.briefs import audit, figures, methods, page, scenarios, scorecard, topics
from kh330lib.briefs.charts import Chart
from kh330lib.codes import Verdict
from kh330lib.data.scenarios import load_scenario
from kh330lib.store.settings import load_methods
from kh330lib.words import verdict_name


def test_table_escapes_text_and_keeps_raw_markup():
    html = page.table_html(["a<b"], [["x & y"], [page.Raw("<b>bold</b>")]])
    assert "a&lt;b" in html and "x &amp; y" in html and "<b>bold</b>" in html
    assert html.startswith('<table class="kh330-t')


def test_figure_html_embeds_svg_with_alt():
    fig = Figure(figsize=(2, 1))
    fig.add_subplot().plot([0, 1], [0, 1])
    html = _html(page.figure_html(Chart(fig, 'Biểu đồ "thử"'), lang="vi"))
    m = re.search(r'src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]*)"', html)
    assert m, html[:200]
    assert b"<svg" in base64.b64decode(m.group(1))
    assert m.group(2) == "Biểu đồ &quot;thử&quot;"
    assert 'lang="vi"' in html


def test_figure_html_refuses_a_chart_without_alt():
    with pytest.raises(ValueError, match="alt text"):
        page.figure_html(Figure(), alt="")


def test_header_localised_and_quiet_in_scheduled_runs(fixture_dataset):
    vi = _html(page.header("10_scorecard", "vi", "Cơ sở (theo xu hướng)", dataset=fixture_dataset))
    assert "<h1>Bảng theo dõi thực hiện các chỉ tiêu của Kế hoạch 330/KH-UBND</h1>" in vi
    last_year = max(int(r["year"]) for r in fixture_rows())
    assert f"số liệu mới nhất: năm {last_year}" in vi
    assert "Kịch bản: Cơ sở (theo xu hướng)" in vi
    en = _html(page.header("10_scorecard", "en", "Baseline", run_id="r1", dataset=fixture_dataset))
    assert "<h1>Plan 330/KH-UBND scorecard</h1>" in en and 'lang="en"' in en
    assert 'class="meta"' not in en  # the published page header carries scenario and vintage


def test_header_rejects_unknown_language():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        page.header("10_scorecard", "fr")


def test_coverage_frame_one_row_per_series(fixture_dataset):
    frame = audit.coverage_frame(fixture_dataset, "vi")
    row = frame[(frame["indicator"] == "trained_labour_rate_broad") & (frame["geo"] == "Thành phố Huế")].iloc[0]
    hue = [r for r in fixture_rows() if r["indicator"] == "trained_labour_rate_broad" and r["geo"] == "VN-HUE"]
    assert row["points"] == len(hue)
    assert row["years"] == f"{min(int(r['year']) for r in hue)}–{max(int(r['year']) for r in hue)}"
    n_official = sum(r["status"] == "official" for r in hue)
    assert f"{n_official} chính thức" in row["statuses"]
    empty = frame[frame["indicator"] == "st_budget_share"].iloc[0]
    assert empty["points"] == 0 and empty["statuses"] == "chưa có số liệu"
    assert "Sở Tài chính (mục V.3)" in empty["reporters"]


def test_missing_indicators_name_reporters_from_section_v(fixture_dataset):
    unit = units()
    missing = {m.indicator.id: m for m in audit.missing_indicators(fixture_dataset, "vi")}
    assert "trained_labour_rate_broad" not in missing
    rnd = missing["rnd_spending_pct_grdp"]
    assert [tg.id for tg in rnd.targets] == ["rnd_grdp_2030", "rnd_grdp_2035", "rnd_grdp_2045"]
    assert rnd.who == (f"{unit['dost']['label_vi']} (mục {unit['dost']['clause']}) và "
                       f"{unit['dof']['label_vi']} (mục {unit['dof']['clause']})")
    gerd = [r for r in fixture_rows() if r["indicator"] == "gerd_pct_gdp" and r["geo"] == "VN"]
    latest = max(int(r["year"]) for r in gerd)
    # Years of data, not "points": one figure a year.
    years = len({int(r["year"]) for r in gerd})
    assert rnd.proxies == (f"Chi cho R&D so với GDP (cả nước): {years} năm số liệu, mới nhất năm {latest}",)
    # The fixture has the university level of the STEM share only: the other two levels are missing.
    assert missing["stem_share_hs_graduates"].breakdowns == ("college", "intermediate")
    assert "riêng từng trình độ: cao đẳng và trung cấp" in missing["stem_share_hs_graduates"].needed


def test_missing_table_lists_each_indicator_once(fixture_dataset):
    html = _html(audit.missing_table(fixture_dataset, "en"))
    assert html.count("<tr>") == 1 + len(audit.missing_indicators(fixture_dataset, "en"))
    assert "Department of Finance (section V.3)" in html


def test_qualitative_table_lists_every_qualitative_target(fixture_dataset):
    targets = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]
    html = _html(audit.qualitative_table(fixture_dataset, "vi"))
    assert html.count("<tr>") == 1 + sum(tg["kind"] == "qualitative" for tg in targets)


def test_coverage_chart_alt_states_the_counts(fixture_dataset):
    rows = fixture_rows()
    series = {(r["indicator"], r["geo"], r["breakdown"]) for r in rows}
    chart = figures.coverage_chart(fixture_dataset, "en")
    assert chart.alt.startswith(f"Dot chart of the years with data for {len(series)} series")
    assert f"{len(rows)} points in all" in chart.alt


def test_scorecard_has_every_target_and_level(fixture_dataset, fixture_assessments):
    targets = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]
    n_rows = sum(len(tg.get("breakdown") or [""]) for tg in targets)
    rows = scorecard.scorecard_rows(fixture_assessments, fixture_dataset, "vi")
    assert len(rows) == n_rows
    html = scorecard.scorecard_table(fixture_assessments, fixture_dataset, "vi").data
    assert html.count('<span class="badge') == n_rows
    assert '<table class="kh330-t scorecard">' in html
    # Status never by colour alone: every badge has a shape and words.
    for badge in re.findall(r'<span class="badge (v-\w+)"><span aria-hidden="true">(.)</span> ([^<]+)</span>', html):
        assert badge[1].strip() and badge[2].strip()
    tl = rows[0]
    # One verdict, the one its chance's band gives (params/methods.yaml `verdict`).
    a = fixture_assessments[0]
    assert tl["verdict"] == verdict_name(load_methods().verdict_bands[str(a.chance.band)], "vi")
    assert tl["latest"] == "72,5 % (2024, ước tính)"
    assert rows[[i for i, tg in enumerate(targets) if tg["id"] == "st_budget_2030"][0] + 6]["latest"] == (
        "Chưa có số liệu — cần báo cáo của Sở Tài chính (V.3)")


def test_money_view_is_share_times_projected_grdp(fixture_dataset, fixture_assessments):
    rnd = [a for a in fixture_assessments if a.target.indicator == "rnd_spending_pct_grdp"]
    html = topics.money_table(rnd, "vi").data
    shown = 0
    for a in rnd:
        grdp = a.money_projection.at(a.target.deadline)
        money = a.target.value / 100 * grdp["median"]
        if f"đến {a.target.deadline}</td><td class=\"num\">khoảng" not in html:
            continue
        shown += 1
        # Rounded to the nearest 100 billion VND, as the GRDP estimates support.
        assert f"khoảng {fmt.fixed(int(grdp['median'] / 100 + 0.5) * 100, 'vi', 0)} (" in html
        assert f"khoảng {fmt.fixed(int(money / 100 + 0.5) * 100, 'vi', 0)} (" in html
    assert shown >= 1
    assert "tỷ đồng" in html


def test_proxy_chart_labels_the_proxy_and_says_huế_has_no_data(fixture_dataset, fixture_assessments):
    a = by(fixture_assessments, "hightech_cert_2030")
    chart = figures.assessment_chart([a], fixture_dataset, "vi")
    texts = [t.get_text() for t in chart.figure.axes[0].texts]
    assert any(t.startswith("Số liệu thay thế: Tỷ lệ lao động qua đào tạo có bằng cấp") for t in texts)
    assert "Huế chưa có số liệu" in chart.figure.axes[0].get_title(loc="left")
    proxy = [r for r in fixture_rows() if r["indicator"] == "trained_labour_rate_cert"]
    # The engine keeps the points after the 2015Q1 break; all fixture points are after it.
    assert f"{len(proxy)} điểm" in chart.alt


def test_targets_with_the_same_value_share_one_label(fixture_dataset, fixture_assessments):
    group = [a for a in fixture_assessments if a.target.indicator == "rnd_nonstate_share"]
    chart = figures.assessment_chart(group, fixture_dataset, "vi")
    years = ", ".join(str(a.target.deadline) for a in group)
    # Huế has no data: the target is stated once in the caption, never drawn against the proxy.
    assert not [t.get_text() for t in chart.figure.axes[0].texts if "60" in t.get_text()]
    # ">" in words, as the plan says it, and the share of what without brackets: "60 % tổng chi cho R&D".
    assert f"(trên 60 % tổng chi cho R&D ({years}))" in chart.note


def test_topic_blocks_reject_an_unknown_target(fixture_dataset, fixture_assessments):
    from kh330lib.errors import InputError
    with pytest.raises(InputError, match="unknown target 'nope'"):
        topics.topic_blocks(fixture_assessments, fixture_dataset, ["trained_labour_2030", "nope"], "vi")


def test_topic_groups_merge_levels_without_data(fixture_assessments):
    groups = topics.topic_groups(fixture_assessments, ["stem_2030", "stem_2035"])
    shapes = [sorted({(a.target.id, a.breakdown) for a in g}) for g in groups]
    assert shapes[0] == [("stem_2030", "university"), ("stem_2035", "university")]
    assert shapes[1] == sorted((t, b) for t in ("stem_2030", "stem_2035") for b in ("college", "intermediate"))


def test_own_backtest_row_counts_the_held_out_values_by_hand(fixture_dataset, fixture_assessments):
    a = by(fixture_assessments, "trained_labour_2030")
    m = load_methods()
    years = [y for y, _, _ in hue("trained_labour_rate_broad")]
    # Every origin with at least `forecast.min_points` points before it, every later value within the horizon.
    f = m.forecast
    held_out = sum(1 for end in range(f.min_points - 1, len(years) - 1)
                   for y in years[end + 1:] if y - years[end] <= f.max_horizon)
    row = methods.own_backtest_rows(fixture_assessments, "en")[0]
    assert row[1:3] == [str(len(years)), str(held_out)]
    assert a.backtest.held_out == held_out
    if held_out < m.bt_min_errors:
        assert row[3] == f"too few points to test ({held_out} held-out value(s), fewer than {m.bt_min_errors})"
    else:
        assert "80 %" in row[3] or "80%" in row[3]


def test_scenario_table_has_one_column_per_scenario_file(fixture_dataset):
    files = sorted(paths.SCENARIOS_DIR.glob("*.yaml"))
    current = load_scenario("baseline", fixture_dataset.registry)
    results = scenarios.compare_scenarios(fixture_dataset, current)
    assert [sc.name for sc, _ in results][0] == "baseline" and len(results) == len(files)
    page_html = scenarios.scenario_table(results, "en").data
    for f in files:
        assert html.escape(yaml.safe_load(f.read_text(encoding="utf-8"))["scenario_label_en"]) in page_html


def _html(obj) -> str:
    return obj.data


# ---- plain Vietnamese in the tables: a repeated target names its year, no empty column, every number explained

def test_a_target_named_for_several_deadlines_carries_its_year(fixture_dataset, fixture_assessments):
    rnd = [a for a in fixture_assessments if a.target.indicator == "rnd_spending_pct_grdp"]
    assert len({a.target.deadline for a in rnd}) > 1 and len({a.target.label_vi for a in rnd}) == 1
    dated = [f"{a.target.label_vi} ({a.target.deadline})" for a in rnd]
    names = [r["target"] for r in scorecard.scorecard_rows(fixture_assessments, fixture_dataset, "vi")]
    assert set(dated) <= set(names) and len(names) == len(set(names))
    # A label said once keeps no year.
    trained = by(fixture_assessments, "trained_labour_2030")
    assert trained.target.label_vi in names
    histories = {(a.target.id, a.breakdown): [VerdictAt(None, a.verdict)] for a in fixture_assessments}
    rows = list(scorecard.history_frame(fixture_dataset, histories, lang="vi").iloc[:, 0])
    assert set(dated) <= set(rows) and len(rows) == len(set(rows))


def test_the_verdict_history_shows_a_change_column_only_when_a_verdict_changed(fixture_dataset, fixture_assessments):
    histories = {(a.target.id, a.breakdown): [VerdictAt(None, a.verdict)] for a in fixture_assessments}
    stable = scorecard.history_frame(fixture_dataset, histories, lang="vi")
    assert list(stable.columns) == ["Mục tiêu", "Số liệu gốc"]
    a = by(fixture_assessments, "trained_labour_2030")
    before = Verdict.ON_TRACK if a.verdict != Verdict.ON_TRACK else Verdict.AT_RISK
    histories[(a.target.id, "")] = [VerdictAt(None, before), VerdictAt(None, a.verdict)]
    changed = scorecard.history_frame(fixture_dataset, histories, lang="vi")
    assert list(changed.columns) == ["Mục tiêu", "Số liệu gốc", "Thay đổi"]
    assert list(changed["Thay đổi"]).count("đã thay đổi") == 1


def test_the_expected_value_says_what_it_is(fixture_assessments):
    a = by(fixture_assessments, "trained_labour_2030")
    series = {int(y): float(v) for y, v in zip(a.series["year"], a.series["value"])}
    base, latest = a.base.year, a.latest_year
    # UNSD: the latest value grown at the average yearly rate since the base year, up to the deadline (≤ 100 %).
    rate = (series[latest] / series[base]) ** (1 / (latest - base)) - 1
    expected = min(series[latest] * (1 + rate) ** (a.target.deadline - latest), 100.0)
    html = methods.two_methods_table(fixture_assessments, "vi").data
    assert (f"{fmt.fixed(expected, 'vi', 1)} % (nếu đến năm {a.target.deadline} vẫn tăng với tốc độ bình quân của "
            f"giai đoạn {base}–{latest}; không phải dự báo)") in html

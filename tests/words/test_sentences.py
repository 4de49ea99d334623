"""Sentences about the data and the assessments, checked against figures computed here from the inputs."""

from __future__ import annotations

import yaml

from fixture_support import by, fixture_rows, hue, params_yaml, vi_number
from kh330lib import fmt, paths
from kh330lib.briefs import scorecard
from kh330lib.store.settings import load_methods
from kh330lib.words import band_name, sentences


def test_audit_summary_counts_match_the_csv(fixture_dataset):
    rows = fixture_rows()
    years = [int(r["year"]) for r in rows]
    n_ind = len({r["indicator"] for r in rows})
    n_src = len({r["source"] for r in rows})
    first = sentences.audit_summary(fixture_dataset, "vi")[0]
    n_catalogue = len(fixture_dataset.registry.indicators)
    assert first == (f"Bộ số liệu có {len(rows)} quan sát của {n_ind}/{n_catalogue} chỉ số "
                     f"trong danh mục, từ {n_src} nguồn, trải từ năm {min(years)} đến năm {max(years)}.")


def test_audit_summary_counts_targets_with_huế_data(fixture_dataset):
    targets = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]
    qual = [tg for tg in targets if tg["kind"] == "qualitative"]
    hue = {(r["indicator"], r["breakdown"]) for r in fixture_rows() if r["geo"] == "VN-HUE"}
    # Each target counts once, with data when any of its training levels has data.
    with_data = sum(1 for tg in targets if tg["kind"] != "qualitative"
                    and any((tg["indicator"], b) in hue for b in (tg.get("breakdown") or [""])))
    rows = sum(len(tg.get("breakdown") or [""]) for tg in targets)
    split = [tg for tg in targets if len(tg.get("breakdown") or []) > 1]
    text = sentences.audit_summary(fixture_dataset, "en")[1]
    assert text == (f"The plan has {len(targets)} targets: {with_data} with Huế data, "
                    f"{len(targets) - with_data - len(qual)} without data, {len(qual)} qualitative ({rows} rows, "
                    f"as {len(split)} targets are split by 3 training levels).")
    weak = sum(1 for r in fixture_rows() if r["status"] in ("proxy", "assumption"))
    third = sentences.audit_summary(fixture_dataset, "en")[2]
    assert third.startswith(f"{weak} observations are proxies or assumptions")


def test_no_data_sentence_names_what_and_who(fixture_dataset):
    tg = fixture_dataset.registry.target("st_budget_2030")
    assert sentences.no_data_sentence(tg, fixture_dataset, lang="vi") == (
        "Huế chưa có số liệu về tỷ lệ chi ngân sách địa phương cho khoa học, công nghệ, đổi mới sáng tạo "
        "và chuyển đổi số, nên chưa thể đánh giá chỉ tiêu ít nhất 3 % tổng chi ngân sách địa phương đến 2030. "
        "Cần: báo cáo định kỳ của Sở Tài chính (mục V.3).")


def test_no_data_sentence_quotes_a_labelled_proxy(fixture_dataset):
    tg = fixture_dataset.registry.target("rnd_grdp_2030")
    gerd = sorted((int(r["year"]), float(r["value"])) for r in fixture_rows()
                  if r["indicator"] == "gerd_pct_gdp")
    year, value = gerd[-1]
    sentence = sentences.no_data_sentence(tg, fixture_dataset, lang="en")
    assert sentence.endswith(f"was {value:.2f}% of GDP in {year} — a proxy.")
    assert "not used to assess" in sentence


def test_trained_labour_sentence_from_the_published_formulas(fixture_dataset, fixture_assessments):
    series = hue("trained_labour_rate_broad")
    (y_last, v_last, status) = series[-1]
    # Base year: N years before the latest, or the first year with data after it (methods.yaml).
    want = y_last - params_yaml("methods.yaml")["base_year"]["years_before_latest"]
    y0, v0, _ = next(p for p in series if p[0] >= want)
    target = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"][0]
    assert target["id"] == "trained_labour_2030" and target["comparator"] == ">"
    required = (target["value"] - v_last) / (target["deadline"] - y_last)
    observed = (v_last - v0) / (y_last - y0)
    relation = "thấp hơn" if required < observed else f"gấp {vi_number(required / observed)} lần"
    expected = (f"Tỷ lệ lao động qua đào tạo năm {y_last} đạt {vi_number(v_last)} % (ước tính); để vượt "
                f"{target['value']} % vào năm {target['deadline']} cần tăng trung bình {vi_number(required)} điểm phần "
                f"trăm mỗi năm, {relation} tốc độ bình quân {y0}–{y_last} ({vi_number(observed)} điểm phần trăm "
                "mỗi năm).")
    assert status == "estimate"
    said = sentences.target_sentences(by(fixture_assessments, "trained_labour_2030"), fixture_dataset, "vi")
    assert said[0] == expected


def test_projection_sentence_quotes_the_engine(fixture_dataset, fixture_assessments):
    a = by(fixture_assessments, "trained_labour_2030")
    q = a.projection.at(2030)
    second = sentences.target_sentences(a, fixture_dataset, "en")[1]
    assert second == ("If the present trend continues, the value in 2030 will be about "
                      f"{fmt.fixed(q['median'], 'en', 1)}% "
                      f"(80% interval {fmt.fixed(q['lo80'], 'en', 1)}–{fmt.fixed(q['hi80'], 'en', 1)}); chance of "
                      f"meeting the target: {band_name(a.chance.band, 'en')} (each model and check alone: "
                      f"{round(100 * a.chance.low)}–{round(100 * a.chance.high)}%).")
    assert q["lo80"] < q["median"] < q["hi80"]


def test_cumulative_and_milestone_sentences(fixture_dataset, fixture_assessments):
    (year, value, _), = hue("teachers_trained_digital")
    needed = (300 - value) / (2030 - year)
    text = sentences.target_sentences(by(fixture_assessments, "teachers_trained_2030"), fixture_dataset, "vi")[0]
    assert text == (f"Giáo viên, giảng viên, cán bộ quản lý được bồi dưỡng công nghệ số: {value:g} người trong năm "
                    f"{year}; để đạt 300 người vào năm 2030 cần thêm trung bình {needed:g} người mỗi năm, ít hơn "
                    f"mức bình quân đã đạt ({value:g} người mỗi năm).")
    (year, value, _), = hue("ioc_full_criteria")
    assert value == 0
    assert sentences.target_sentences(by(fixture_assessments, "ioc_criteria_2030"), fixture_dataset, "vi") == [
        f"Trung tâm Giám sát và điều hành đô thị thông minh đủ tiêu chí: chưa hoàn thành theo báo cáo năm {year}; "
        "thời hạn là năm 2030."]


def test_assumed_values_are_called_assumptions(fixture_dataset, fixture_assessments):
    assumed = [y for y, _, s in hue("stem_share_hs_graduates", "university") if s == "assumption"]
    stem = by(fixture_assessments, "stem_2030", "university")
    text = " ".join(sentences.target_sentences(stem, fixture_dataset, "en"))
    assert f"Values for {assumed[0]} are recorded in the data as assumptions, not measured data." in text
    row = next(r for r in scorecard.scorecard_rows(fixture_assessments, fixture_dataset, "en")
               if r["target"].endswith("— university") and r["section"] == "II.2")
    assert row["weak"]


def test_key_messages_count_the_gaps(fixture_dataset, fixture_assessments):
    targets = yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]
    measured_levels = {(r["indicator"], r["breakdown"]) for r in fixture_rows()
                       if r["geo"] == "VN-HUE" and r["status"] not in ("proxy", "assumption")}
    n_qual = sum(tg["kind"] == "qualitative" for tg in targets)
    # Targets, not training levels: a target with data at any level has data.
    with_data = sum(1 for tg in targets if tg["kind"] != "qualitative"
                    and any((tg["indicator"], b) in measured_levels for b in (tg.get("breakdown") or [""])))
    messages = sentences.key_messages(fixture_assessments, fixture_dataset, "en")
    gap = next(m for m in messages if m.startswith("Huế has data for"))
    assert gap.startswith(f"Huế has data for {with_data} of {len(targets)} targets; "
                          f"{len(targets) - with_data - n_qual} have no data and cannot be assessed yet.")
    assert messages[-1].startswith(f"{n_qual} qualitative targets")


def test_methods_text_reads_the_thresholds_from_methods_yaml():
    m = params_yaml("methods.yaml")
    methods = load_methods()
    paras = dict(sentences.methods_paragraphs(methods, methods.revision_sd_points, None, "vi"))
    status = paras["Tốc độ: để giải thích kết luận, không phải một kết luận khác"][0]
    for key in ("on_track", "needs_acceleration"):
        assert fmt.percent(100 * m["open_sdg"][key], "vi", 0) in status
    assert f"{m['base_year']['years_before_latest']} năm trước" in status
    projection = paras["Dự báo và khả năng đạt"][0]
    assert fmt.number(m["projection"]["n_paths"], "vi", 0) in projection
    for weight in m["forecast"]["weights"].values():
        assert fmt.percent(100 * weight, "vi", 0) in projection
    verdict = paras["Một kết luận cho mỗi chỉ tiêu"][0]
    assert "«có khả năng» là «Đúng tiến độ»" in verdict and "«ít khả năng» là «Khó đạt»" in verdict


def test_caveats_name_each_series_break(fixture_dataset):
    indicators = yaml.safe_load((paths.PARAMS_DIR / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    with_data = {r["indicator"] for r in fixture_rows()}
    broken = [i for i in indicators if i.get("breaks") and i["id"] in with_data]
    texts = sentences.caveats(fixture_dataset, "en")
    texts_vi = sentences.caveats(fixture_dataset, "vi")
    for ind in broken:
        # A quarter as readers write it ("2015Q1" → "Q1 2015", "quý 1/2015"), a year as it is ("năm 2019" in vi).
        year, _, quarter = str(ind["breaks"][0]["period"]).partition("Q")
        en, vi = (f"Q{quarter} {year}", f"quý {quarter}/{year}") if quarter else (year, f"năm {year}")
        assert any(t.startswith(f"{ind['label_en']}: the series breaks at {en}") for t in texts)
        assert any(t.startswith(f"{ind['label_vi']}: chuỗi số liệu bị gãy tại {vi}") for t in texts_vi)


def test_a_target_left_unassessed_by_its_base_year_says_why(fixture_dataset):
    from kh330lib.assess import assess_all

    latest = hue("trained_labour_rate_broad")[-1][0]
    a = by(assess_all(fixture_dataset, base_year=latest), "trained_labour_2030")
    # The growth ratio needs a base year before the latest; the verdict follows the chance all the same.
    assert a.progress.ratio is None and a.verdict.value == load_methods().verdict_bands[str(a.chance.band)]
    said = sentences.target_sentences(a, fixture_dataset, "vi")
    assert f"Chưa đánh giá được tiến độ: năm gốc {latest} không trước năm có số liệu mới nhất ({latest})." in said

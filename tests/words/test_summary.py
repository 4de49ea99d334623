"""The three lines on top, the one count of targets and the owed list, checked against figures computed here."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt

import pytest
import yaml

from kh330lib import paths
from kh330lib.assess import assess_all
from kh330lib.data.calendar import load_calendar, owed, unit_geos
from kh330lib.data.dataset import load_dataset
from kh330lib.data.topics import collect_topics
from kh330lib.words.summary import (
    count_targets,
    count_text,
    known_line,
    owed_line,
    owed_rows,
    owed_text,
    target_counts,
    top_lines,
    unjudged_line,
)


@pytest.fixture(scope="module")
def shipped():
    dataset = load_dataset()
    return dataset, assess_all(dataset)


def _targets() -> list[dict]:
    return yaml.safe_load((paths.PARAMS_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]


def _hue_rows(indicator: str) -> list[dict]:
    with open(paths.DATA_DIR / "observations.csv", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["indicator"] == indicator and r["geo"] == "VN-HUE"]


def test_targets_are_counted_once_whatever_their_levels():
    counts = count_targets([("a", "level", True), ("a", "level", False), ("a", "level", False),
                            ("b", "level", False), ("c", "qualitative", False)])
    assert (counts.total, counts.with_data, counts.without, counts.qualitative) == (3, 1, 1, 1)
    assert (counts.rows, counts.split, counts.levels) == (5, 1, 3)
    assert count_text(counts, "vi") == ("3 chỉ tiêu: 1 có số liệu của Huế, 1 chưa có số liệu, 1 định tính "
                                        "(gồm 5 dòng, vì 1 chỉ tiêu được tách theo 3 trình độ đào tạo)")
    assert count_text(counts, "en", rows=False) == "3 targets: 1 with Huế data, 1 without data, 1 qualitative"


def test_the_shipped_count_agrees_with_targets_yaml(shipped):
    dataset, assessments = shipped
    targets = _targets()
    with open(paths.DATA_DIR / "observations.csv", encoding="utf-8") as fh:
        hue = {(r["indicator"], r["breakdown"]) for r in csv.DictReader(fh)
               if r["geo"] == "VN-HUE" and r["status"] not in ("proxy", "assumption")}
    qual = sum(tg["kind"] == "qualitative" for tg in targets)
    with_data = sum(1 for tg in targets if tg["kind"] != "qualitative"
                    and any((tg["indicator"], b) in hue for b in (tg.get("breakdown") or [""])))
    counts = target_counts(assessments)
    assert (counts.total, counts.with_data, counts.qualitative) == (len(targets), with_data, qual)
    assert counts.without == len(targets) - with_data - qual
    assert counts.rows == sum(len(tg.get("breakdown") or [""]) for tg in targets)


def test_the_known_line_says_level_trend_chance_and_why_uncertain(shipped):
    _, assessments = shipped
    rows = sorted(_hue_rows("trained_labour_rate_broad"), key=lambda r: int(r["year"]))
    last = rows[-1]
    estimates = sum(r["status"] == "estimate" for r in rows)
    line = known_line(assessments, "vi")
    latest = f"{float(last['value']):.1f}".replace(".", ",")
    assert line.startswith(f"Tỷ lệ lao động qua đào tạo (trên 80 % đến 2030): mới nhất {latest} % năm {last['year']}; "
                           "nếu giữ xu hướng, năm 2030 khoảng ")
    assert line.endswith(f"vì mới có {len(rows)} năm số liệu, trong đó {estimates} năm là số ước tính.")
    a = next(a for a in assessments if a.target.id == "trained_labour_2030")
    median = f"{a.at_deadline()['median']:.1f}".replace(".", ",")
    assert f"khoảng {median} %" in line


def test_the_unjudged_line_names_the_areas_and_that_no_high_tech_target_has_data(shipped):
    dataset, assessments = shipped
    topics, problems = collect_topics(dataset.registry)
    assert problems == []
    topic_yaml = yaml.safe_load((paths.PARAMS_DIR / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    with_data = {a.target.id for a in assessments if a.has_data and a.kind != "qualitative"}
    kinds = {tg["id"]: tg["kind"] for tg in _targets()}
    parts = [f"{tp['short_vi']} {n}" for tp in topic_yaml
             for n in [sum(1 for x in tp["targets"] if kinds[x] != "qualitative" and x not in with_data)] if n]
    counts = target_counts(assessments)
    line = unjudged_line(assessments, dataset.registry, topics, "vi")
    assert line.startswith(f"Chưa đánh giá được {counts.without}/{counts.total} chỉ tiêu vì Huế chưa có số liệu "
                           f"({', '.join(parts)}); chưa chỉ tiêu nào về nhân lực công nghệ cao có số liệu")
    assert line.endswith(f"{counts.qualitative} chỉ tiêu khác là định tính.")
    # Once a high-tech indicator has data, the sentence about high-tech targets goes.
    hightech = [a for a in assessments if a.target.id == "hightech_cert_2030"]
    faked = [dataclasses.replace(a, series=next(x for x in assessments if x.has_data).series) for a in hightech]
    assert "công nghệ cao có số liệu" not in unjudged_line(
        [a for a in assessments if a.target.id != "hightech_cert_2030"] + faked, dataset.registry, topics, "vi")


def test_the_owed_line_and_rows_name_units_dates_and_templates(shipped):
    dataset, assessments = shipped
    calendar = load_calendar(dataset.registry)
    due = owed(dataset, calendar, unit_geos(dataset.registry))
    line = owed_line(due, dataset.registry, calendar, "vi")
    assert line.startswith("Quá hạn nộp số liệu năm 2025: Sở Giáo dục và Đào tạo (11 chỉ số, hạn 31/01/2026), ")
    assert "và 40/40 xã, phường (hạn 15/01/2026)." in line
    assert line.endswith("Hạn nộp là giả định vì Kế hoạch chỉ ghi “định kỳ”; cần Sở Giáo dục và Đào tạo ban hành lịch.")
    rows = {r.unit: r for r in owed_rows(due, dataset.registry, calendar, "vi")}
    doet = rows["Sở Giáo dục và Đào tạo"]
    assert (doet.template, doet.due, doet.state, doet.clause) == (
        "doet_VN-HUE.xlsx", "31/01/2026 (giả định)", "quá hạn", "mục V.1")
    assert rows["Ủy ban nhân dân xã, phường"].template == "ward_<mã xã, phường>.xlsx (mỗi xã, phường một tệp)"
    # Before the first due date nothing is overdue, and the line says what falls due.
    early = owed(dataset, calendar, unit_geos(dataset.registry), on=dt.date(2026, 1, 10))
    assert owed_line(early, dataset.registry, calendar, "en").startswith("Due, the figures for 2025: Department of "
                                                                        "Education and Training (11 indicators, "
                                                                        "due 31 Jan 2026)")
    text = owed_text(owed_rows(due, dataset.registry, calendar, "vi"), "vi", "02/03/2026", True)
    assert text.splitlines()[:2] == ["Số liệu các đơn vị cần báo cáo", "=" * 30]
    assert "Sở Tài chính (mục V.1, V.3): QUÁ HẠN" in text


def test_three_lines_in_both_languages(shipped):
    dataset, assessments = shipped
    calendar = load_calendar(dataset.registry)
    due = owed(dataset, calendar, unit_geos(dataset.registry))
    topics, problems = collect_topics(dataset.registry)
    assert problems == []
    for lang in ("vi", "en"):
        lines = top_lines(assessments, dataset.registry, topics, due, calendar, lang)
        assert len(lines) == 3 and all(line.strip() for line in lines)

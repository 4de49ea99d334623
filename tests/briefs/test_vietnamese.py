"""The Vietnamese briefs are Vietnamese throughout: no English words, no code-like tokens and no jargon in what a
reader sees (the closed technical blocks aside), and targets worded as the plan words them."""

from __future__ import annotations

import dataclasses

import pytest
from bs4 import BeautifulSoup

from kh330lib.assess import assess_all
from kh330lib.assess.calibrated import calibrate
from kh330lib.assess.history import VerdictAt
from kh330lib.assess.skill import skill_of
from kh330lib.briefs import audit, methods, page, scorecard, topics
from kh330lib.data.dataset import load_dataset
from kh330lib.data.names import load_vietnamese_names
from kh330lib.store.settings import load_methods
from kh330lib.words import sentences
from kh330lib.words.phrases import comparator_text, goal_text, source_citation
from language_support import code_like_tokens, english_words, gap5_phrases


@pytest.fixture(scope="module")
def shipped():
    """The shipped data and methods, assessed as the briefs do, with the forecaster's skill on the pools."""
    dataset = load_dataset()
    settings = load_methods()
    return dataset, settings, calibrate(dataset, settings), assess_all(dataset, methods=settings), skill_of(dataset)


def visible_text(markup: object) -> str:
    """What a reader sees of a block: tags stripped, the closed technical sections left out."""
    soup = BeautifulSoup(getattr(markup, "data", markup), "html.parser")
    for tech in soup.select("details.kh330-tech"):
        tech.decompose()
    parts = [soup.get_text(" ", strip=True)]
    parts += [img.get("alt", "") for img in soup.find_all("img")]
    return " ".join(parts)


def _blocks(shipped) -> dict[str, object]:
    dataset, settings, calibrated, assessments, skill = shipped
    return {
        "audit summary": page.bullets(sentences.audit_summary(dataset, "vi"), "vi"),
        "audit coverage": audit.coverage_table(dataset, "vi"),
        "audit missing": audit.missing_table(dataset, "vi"),
        "audit wards": audit.ward_reporting(dataset, "vi"),
        "audit sources": audit.sources_table(dataset, "vi"),
        "audit qualitative": audit.qualitative_table(dataset, "vi"),
        "methods text": methods.methods_html(settings, calibrated, "vi", skill),
        "methods two": methods.two_methods_table(assessments, "vi"),
        "methods skill": methods.skill_table(skill, "vi"),
        "methods own backtest": methods.own_backtest_table(assessments, "vi"),
        "methods contract": page.text("m_contract", "vi"),
        "methods caveats": page.bullets(sentences.caveats(dataset, "vi"), "vi"),
        "scorecard messages": page.bullets(sentences.key_messages(assessments, dataset, "vi"), "vi"),
        "scorecard table": scorecard.scorecard_table(assessments, dataset, "vi"),
    }


def test_vietnamese_blocks_have_no_english_and_no_code(shipped):
    found = {}
    for name, block in _blocks(shipped).items():
        text = visible_text(block)
        assert text.strip(), name
        words, tokens = english_words(text), code_like_tokens(text)
        if words or tokens:
            found[name] = (sorted(set(words)), sorted(set(tokens)))
    assert found == {}


def test_vietnamese_blocks_have_no_jargon_and_no_unnatural_phrasing(shipped):
    dataset, _settings, _calibrated, assessments, _skill = shipped
    blocks = dict(_blocks(shipped))
    histories = {(a.target.id, a.breakdown): [VerdictAt(None, a.verdict)] for a in assessments}
    blocks["scorecard history"] = scorecard.verdict_history_table(dataset, histories, "vi")
    every = [tg.id for tg in dataset.registry.targets]
    for i, block in enumerate(topics.topic_blocks(assessments, dataset, every, "vi")):
        blocks[f"topic block {i}"] = block
    found = {name: gap5_phrases(visible_text(block)) for name, block in blocks.items()}
    assert {name: phrases for name, phrases in found.items() if phrases} == {}


def test_source_ids_and_addresses_only_in_the_technical_block(shipped):
    dataset = shipped[0]
    html = audit.sources_table(dataset, "vi").data
    soup = BeautifulSoup(html, "html.parser")
    tech = soup.select_one("details.kh330-tech")
    assert tech is not None and tech.summary.get_text() == "Thông tin kỹ thuật"
    assert "LMU2014" in tech.get_text() and "https://ru.scribd.com/document/453333286" in tech.get_text()
    shown = visible_text(html)
    assert "LMU2014" not in shown and "https://" not in shown and "Labour Market Update" not in shown
    # An English title and publisher become their Vietnamese names (params/sources_vi.yaml), with the year.
    row = next(r for r in BeautifulSoup(html, "html.parser").select("table.sources tbody tr")
               if "quý 1 năm 2014" in r.get_text())
    assert [td.get_text() for td in row.find_all("td")] == [
        "Bản tin cập nhật thị trường lao động Việt Nam, số 1, quý 1 năm 2014 (bản tiếng Anh)",
        "Bộ Lao động – Thương binh và Xã hội và Tổng cục Thống kê", "2014"]
    # The copy it was read from (Scribd) is not its publisher: it shows only in the technical block.
    assert "Scribd" not in shown


def test_every_english_source_of_the_shipped_data_has_a_vietnamese_name(shipped):
    dataset = shipped[0]
    names = load_vietnamese_names()
    assert all(n.reason for n in names.sources.values())
    for row in dataset.sources.itertuples():
        text = source_citation(row, "vi")
        assert english_words(text) == [] and code_like_tokens(text) == [], (row.source, text)
    # English briefs keep the source's own words.
    gso = next(r for r in dataset.sources.itertuples() if r.source == "GSO_PROV_TRAINED")
    assert source_citation(gso, "en").startswith("General Statistics Office of Viet Nam (GSO), Percentage of")


def test_every_series_break_has_a_vietnamese_note(shipped):
    dataset = shipped[0]
    notes = load_vietnamese_names().breaks
    for ind in dataset.registry.indicators.values():
        for b in ind.breaks:
            assert (ind.id, b.period) in notes, (ind.id, b.period)
    labour = dataset.registry.indicators["trained_labour_rate_cert"]
    assert audit.breaks_text(labour, "en").startswith("Q1 2015: Labour Force Survey method change")
    assert audit.breaks_text(labour, "vi").startswith("quý 1/2015: Điều tra lao động – việc làm đổi phương pháp")


def test_every_method_source_has_a_vietnamese_description(shipped):
    settings = shipped[1]
    vi, en = methods.method_sources(settings, "vi"), methods.method_sources(settings, "en")
    assert vi.keys() == en.keys() == settings.sources.keys()
    assert en == settings.sources  # the English citation, as written
    for section, text in vi.items():
        assert text != en[section] and "tiếng Việt" not in text, section
    assert vi["projection"].startswith("Sách «Dự báo: nguyên lý và thực hành» của Hyndman và Athanasopoulos (2021")


# Plan 330 section II words its comparators "đạt trên 80%" (>), "tối thiểu 20%", "ít nhất 2,5%", "≥ 3,0%" (>=):
# a goal says "trên"/"ít nhất" (never "khoảng", never a bare sign) and, for decreases, "dưới"/"không quá".
@pytest.mark.parametrize("comparator, vi, en", [
    (">", "trên", "above"), (">=", "ít nhất", "at least"), ("<", "dưới", "below"), ("<=", "không quá", "at most"),
    (None, "ít nhất", "at least"),
])
def test_comparators_in_words(comparator, vi, en):
    assert comparator_text(comparator, "vi") == vi
    assert comparator_text(comparator, "en") == en


def test_goals_say_the_plans_words(shipped):
    registry = shipped[0].registry
    trained = registry.target("trained_labour_2030")  # "đạt trên 80%" (II.2 bullet 1)
    assert goal_text(trained, "vi") == "trên 80 % đến 2030"
    assert goal_text(trained, "en") == "above 80% by 2030"
    budget = registry.target("st_budget_2030")  # "Có ≥ 3,0% chi ngân sách địa phương"
    assert goal_text(budget, "vi") == "ít nhất 3 % tổng chi ngân sách địa phương đến 2030"
    assert goal_text(budget, "en") == "at least 3% of local budget by 2030"
    rnd = registry.target("rnd_grdp_2030")  # "Có ≥ 1,5% GRDP chi cho nghiên cứu phát triển"
    assert goal_text(rnd, "vi") == "ít nhất 1,5 % GRDP đến 2030"
    internet = registry.target("school_internet_2030")  # "100% cơ sở giáo dục …": all of them, not "at least 100 %"
    assert goal_text(internet, "vi") == "đạt 100 % đến 2030"
    falling = dataclasses.replace(trained, comparator="<=", value=20.0)
    assert goal_text(falling, "vi") == "không quá 20 % đến 2030"
    assert goal_text(dataclasses.replace(trained, comparator="<", value=20.0), "en") == "below 20% by 2030"
    for tg in registry.targets:
        text = goal_text(tg, "vi")
        assert "khoảng" not in text and not any(sign in text for sign in (">", "<", "≥", "≤")), text

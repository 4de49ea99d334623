"""The detectors of English words and code-like tokens used to check the Vietnamese briefs."""

from __future__ import annotations

import pytest

from language_support import GAP5_PHRASES, STOP_WORDS, code_like_tokens, english_words, gap5_phrases

CLEAN = "Tỷ lệ lao động qua đào tạo đạt trên 80 % vào năm 2030."


# The clean sentence with English words, then with code-like tokens, put in.
WITH_ENGLISH = "Tỷ lệ lao động qua đào tạo (the baseline projection) đạt trên 80 % vào năm 2030, see note."
WITH_CODE = "Nguồn GSO_PROV_TRAINED, tham số lang=vi trong params/methods.yaml, lần chạy 9a0e2f31e128 năm 2030."


def test_the_detectors_find_exactly_what_was_put_in_a_sentence_and_nothing_in_the_clean_one():
    assert english_words(WITH_ENGLISH) == ["the", "baseline", "projection", "see", "note"]
    assert code_like_tokens(WITH_ENGLISH) == []
    assert code_like_tokens(WITH_CODE) == ["GSO_PROV_TRAINED", "lang=vi", "params/methods.yaml", "9a0e2f31e128"]
    # Inside an id or a path, English words are words too.
    assert english_words(WITH_CODE) == ["TRAINED", "methods"]
    assert english_words(CLEAN) == []
    assert code_like_tokens(CLEAN) == []


@pytest.mark.parametrize("text", [
    "Chi cho R&D ít nhất 1,5 % GRDP đến 2030; tỷ lệ học sinh theo học STEM đạt 35 %.",
    "Số liệu của Tổng cục Thống kê (GSO) và UNSD, mức khả năng theo IPCC, tệp CSV và PDF tại Huế.",
    "Có khả năng (66–100 %); xu hướng tắt dần (φ = 0,8); khoảng 80 %: 70,2–85,9.",
    "Con số than đá, tin tức, hàng năm, sang năm: các âm tiết không dấu không phải tiếng Anh.",
])
def test_vietnamese_with_names_abbreviations_and_formulas_passes(text):
    assert english_words(text) == []
    assert code_like_tokens(text) == []


def test_english_words_are_found_whole_and_in_any_case():
    assert english_words("The data source: Baseline projection, see note") == [
        "The", "data", "source", "Baseline", "projection", "see", "note"]
    assert english_words("Theo số liệu") == []  # "the" only as a whole word
    assert english_words("Số liệu thay thế (proxy)") == ["proxy"]


def test_stop_words_leave_out_vietnamese_syllables_and_names():
    assert {"the", "and", "of", "data", "scenario", "none", "true", "false", "interval"} <= STOP_WORDS
    assert not {"an", "to", "do", "me", "no", "than", "tin", "gdp", "grdp", "stem", "csv", "pdf", "huế"} & STOP_WORDS


@pytest.mark.parametrize("text, token", [
    ("Nguồn: GSO_PROV_TRAINED", "GSO_PROV_TRAINED"),
    ("tham số scenario_label_en", "scenario_label_en"),
    ("lần chạy 9a0e2f31e128", "9a0e2f31e128"),
    ("xem params/methods.yaml", "params/methods.yaml"),
    ("tệp data/observations.csv", "data/observations.csv"),
    ("sổ 00_data_audit.ipynb", "00_data_audit.ipynb"),
    ("mã kh330lib/words/phrases.py", "kh330lib/words/phrases.py"),
    ("giá trị lang=vi", "lang=vi"),
    ("khoảng [thấp nhất, cao", "[thấp"),
    ("mẫu {label}", "{label}"),
])
def test_code_like_tokens_are_found(text, token):
    assert token in code_like_tokens(text)


def test_numbers_years_and_plain_words_are_not_hashes():
    assert code_like_tokens("Năm 2030 đến 2045: 154.220 người, 1234567 lượt, mã deadbeef") == []


@pytest.mark.parametrize("phrase", GAP5_PHRASES)
def test_each_gap5_phrase_is_found_in_a_sentence_in_any_case(phrase):
    sample = f"Theo bảng dưới đây, {phrase} là cách nói cần tránh."
    assert phrase in gap5_phrases(sample)
    assert phrase in gap5_phrases(sample.upper())


def test_gap5_phrases_find_nothing_in_plain_vietnamese():
    plain = ("Chi cho R&D so với GRDP (2030): ít nhất 1,5 % GRDP đến 2030; kinh phí R&D từ xã hội trên 60 % tổng chi "
             "cho R&D; đạt 100 % học sinh. Tỷ lệ lao động có bằng cấp, chứng chỉ (Việt Nam): 10 năm số liệu, mới nhất "
             "năm 2025; chuỗi bị gãy tại quý 1/2015. Mô hình: đường xu hướng có giới hạn (giá trị luôn nằm trong "
             "khoảng 0–100 %). Nguồn: Ngân hàng Thế giới, bộ Chỉ số Phát triển Thế giới; chi cho R&D tính bằng "
             "triệu đô la Mỹ theo sức mua tương đương. Trục: 0,0; 0,2; 1,0.")
    assert gap5_phrases(plain) == []
    assert gap5_phrases(CLEAN) == []
    # The same kind of text with jargon put in: each phrase found, in the list's order.
    jargon = plain.replace("(giá trị luôn", "trên thang logit, tắt dần (φ = 0,8) (giá trị luôn").replace(
        "đạt 100 %", "đạt ít nhất 100 %")
    assert gap5_phrases(jargon) == ["thang logit", "φ = 0,8", "φ =", "ít nhất 100 %"]

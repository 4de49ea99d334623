"""One vocabulary: every code has words in both languages, each verdict one wording, the same in CLI and briefs."""

from __future__ import annotations

import dataclasses
import re
import string

import pytest
from bs4 import BeautifulSoup

from kh330lib import paths
from kh330lib.assess import assess_target
from kh330lib.briefs.scorecard import scorecard_table
from kh330lib.codes import UnsdStatus, Verdict, Why, because
from kh330lib.data.dataset import load_dataset
from kh330lib.data.scenarios import BASELINE, load_scenario
from kh330lib.data.tables import STATUSES
from kh330lib.methods.evidence import LEVELS
from kh330lib.words import (
    BOOKS,
    en,
    en_console,
    en_text,
    reason_text,
    scenario_label,
    verdict_name,
    vi,
    vi_console,
    vi_text,
)
from kh330lib.words.console import assessment_lines


def fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_has_words_in_both_languages():
    for book in (vi, en):
        assert set(book.VERDICTS) == set(Verdict)
        assert set(book.UNSD) == set(UnsdStatus)
        assert set(book.REASONS) == set(Why)
        assert set(book.EVIDENCE) == set(LEVELS)
        assert set(book.STATUSES) == set(STATUSES)
    assert set(vi.TEXT) == set(en.TEXT) and set(vi.PAGE) == set(en.PAGE)
    assert set(vi.MODELS) == set(en.MODELS) and set(vi.KINDS) == set(en.KINDS)


@pytest.mark.parametrize(("book", "parts"), [(vi, (vi_text, vi_console)), (en, (en_text, en_console))],
                         ids=["vi", "en"])
def test_the_sentences_of_the_briefs_and_of_the_command_line_make_one_table_without_overlap(book, parts):
    briefs, console = (set(part.TEXT) for part in parts)
    assert briefs & console == set()
    assert set(book.TEXT) == briefs | console
    assert all(book.TEXT[k] == part.TEXT[k] for part in parts for k in part.TEXT)


@pytest.mark.parametrize("table", ["TEXT", "PAGE"])
def test_both_languages_fill_the_same_blanks(table):
    vi_table, en_table = getattr(vi, table), getattr(en, table)
    differ = {k: (fields(vi_table[k]), fields(en_table[k])) for k in vi_table
              if fields(vi_table[k]) != fields(en_table[k])}
    assert differ == {}


def test_vietnamese_reasons_use_only_what_the_english_ones_are_given():
    """The English reasons (also the JSON's) name every argument; the Vietnamese may leave technical ones out."""
    assert {code: fields(vi.REASONS[code]) - fields(en.REASONS[code]) for code in Why
            if fields(vi.REASONS[code]) - fields(en.REASONS[code])} == {}


def test_every_reason_can_be_said():
    """Each reason with made-up arguments of the right kind, in both languages (no blank left unfilled)."""
    sample = {"years": (2025, 2026), "kinds": ("estimate", "proxy"), "scores": (("linear", 0.5), ("naive", 1.0)),
              "failures": (because(Why.FIT_TOO_SHORT, model="damped_0.9", need=3, n=2),),
              "failure": because(Why.NO_PATHS),
              "reason": because(Why.NO_DATA), "model": "linear", "fallback": "drift", "level": "weak",
              "before": "strong", "after": "moderate", "c80": 0.7, "c95": 0.9, "factor": 1.5, "needed": 2.0,
              "target": 100.0, "threshold": 99.0}
    for code in Why:
        args = {k: sample.get(k, 7) for k in fields(en.REASONS[code])}
        reason = because(code, **args)
        for lang in ("vi", "en"):
            text = reason_text(reason, lang)
            assert text and "{" not in text, (code, lang, text)


def test_reasons_in_vietnamese_use_vietnamese_numbers_and_names():
    bound = because(Why.ON_UPPER_BOUND, target=99.5, threshold=99.45)
    assert reason_text(bound, "en") == "a target of 99.5 on the bound counts as met from 99.45"
    assert "99,5" in reason_text(bound, "vi") and "99,45" in reason_text(bound, "vi")
    fell = because(Why.FELL_BACK, model="damped_0.9", failure=because(Why.FIT_TOO_SHORT, model="damped_0.9", need=3,
                                                                       n=2), fallback="ensemble")
    assert reason_text(fell, "vi") == (
        "mô hình xu hướng chậm dần (mức thay đổi mỗi năm bằng 90 % mức của năm trước) không dùng được cho cả chuỗi "
        "(mô hình xu hướng chậm dần (mức thay đổi mỗi năm bằng 90 % mức của năm trước) cần ít nhất 3 điểm, chuỗi có 2 "
        "điểm): thay bằng mô hình kết hợp các mô hình")


def _source_files():
    files = sorted(paths.ROOT.joinpath("kh330lib").rglob("*.py")) + sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    return {p: p.read_text(encoding="utf-8") for p in files}


@pytest.mark.parametrize("verdict", list(Verdict))
def test_each_vietnamese_verdict_word_lives_in_one_file(verdict):
    """As `grep -rw` finds it: the verdict's word, as written (with its capital), in kh330lib/ and notebooks/."""
    word = vi.VERDICTS[verdict]
    holders = [p for p, text in _source_files().items() if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
    assert [paths.display(p) for p in holders] == ["kh330lib/words/vi.py"]


def test_the_words_that_once_disagreed_are_gone():
    for text in _source_files().values():
        for old in ("tiến bộ hạn chế", "diễn biến xấu đi", "đã đạt mục tiêu", "đứng yên hoặc thụt lùi"):
            assert old not in text.casefold()


# ---------------------------------------------------------------- the command line and the briefs agree

# Trained labour: 66.8 % (2021) → 72.5 % (2024). Against these made-up targets the chance of meeting the target
# by its deadline falls in each band, and the verdict follows the band (params/methods.yaml `verdict`): 50 % is
# met already; 74 % by 2030 is likely (on track); 79 % is about as likely as not (at risk); 90 % is very
# unlikely (off track), as is "below 60 %" (the other way).
CASES = {Verdict.TARGET_ACHIEVED: (50.0, ">", 2030), Verdict.ON_TRACK: (74.0, ">", 2030),
         Verdict.AT_RISK: (79.0, ">", 2030), Verdict.OFF_TRACK: (90.0, ">", 2030)}


@pytest.fixture(scope="module")
def verdicts():
    ds = load_dataset()
    target = ds.registry.target("trained_labour_2030")
    return ds, {v: assess_target(ds, dataclasses.replace(target, value=value, comparator=cmp, deadline=deadline))
                for v, (value, cmp, deadline) in CASES.items()}


def test_each_level_verdict_is_reached(verdicts):
    _, found = verdicts
    assert {v: a.verdict for v, a in found.items()} == {v: v for v in CASES}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_assess_text_and_the_scorecard_say_the_same_verdict(verdicts, lang):
    ds, found = verdicts
    for verdict, a in found.items():
        cli = "\n".join(assessment_lines(a, lang))
        said_by_cli = re.search(r"→ ([^.]+)\.", cli).group(1)
        html = scorecard_table([a], ds, lang).data
        said_by_brief = BeautifulSoup(html, "html.parser").select_one("span.badge").get_text(" ", strip=True)
        assert said_by_cli == verdict_name(verdict, lang)
        assert said_by_brief.endswith(said_by_cli), (verdict, said_by_brief, said_by_cli)
        assert BOOKS[lang].VERDICTS[verdict] == said_by_cli


def test_a_scenario_is_labelled_by_its_file_and_the_built_in_baseline_by_the_words():
    accelerated = load_scenario("accelerated")
    assert scenario_label(accelerated, "vi") == accelerated.label_vi and accelerated.label_vi
    assert scenario_label(accelerated, "en") == accelerated.label_en and accelerated.label_en
    assert (BASELINE.label_vi, BASELINE.label_en) == ("", "")  # no copy of the shipped file's labels
    assert scenario_label(BASELINE, "vi") == "Kịch bản cơ sở (theo xu hướng)"
    assert scenario_label(BASELINE, "en") == "Baseline (trend only)"


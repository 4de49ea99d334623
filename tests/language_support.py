"""Detectors for text a Vietnamese reader should never meet: English words, code-like tokens and jargon.

`english_words(text)` lists the common English words of `STOP_WORDS` found in a
text; `code_like_tokens(text)` lists the tokens that look like code, data ids,
hashes or file names; `gap5_phrases(text)` lists the jargon and unnatural phrasings
of `GAP5_PHRASES` it holds. All return what they found (empty for clean text), so a
failing assertion shows the offending words.
"""

from __future__ import annotations

import re

# Common English words that are not Vietnamese syllables. Left out on purpose: words
# that are also Vietnamese syllables without marks ("an", "to", "do", "me", "no", "be",
# "than", "then", "can", "long", "hang", "con", "tin", "sang", …), abbreviations and
# names used as they are in Vietnamese text (GDP, GRDP, STEM, R&D, CSV, PDF, IPCC, UNSD,
# ASEAN, Huế, …) and words too short to tell apart ("a", "i", "o").
STOP_WORDS: frozenset[str] = frozenset("""
    the and of with for from into onto over under about above below between within without
    this that these those there here which what when where who whom whose why how
    is are was were been being has have had does did done will would shall should could might must
    not yes or but if also only each every any some all none both either neither
    data source sources target targets scenario scenarios model models baseline projection projections
    interval intervals estimate estimates estimated official proxy proxies assumption assumptions
    note notes see page pages report reports brief briefs table chart figure value values
    year years rate share level levels trend trends growth forecast forecasts method methods
    true false null nan unknown missing error warning
    published publisher title address accessed retrieved copy hosted mirror via
    statistical yearbook percentage trained workers employed province provinces
    labour labor market update quarter survey indicator indicators department ministry
    university school students graduates teachers training education science technology
    research development expenditure spending budget national world bank office general
    people committee city government news online english vietnamese
    achieved likely unlikely exceed reach fall rise per cent percent points point
    calibration coverage backtest ensemble median weight weights
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)

_CODE_PATTERNS = (
    # `key=value`, `[x]`, `{key}`; an "=" standing alone between spaces is a formula (`φ = 0,8`), not code.
    re.compile(r"\S*(?:\w=|=\w|[\[\]{}])\S*"),
    re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),                  # snake_case identifiers
    re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"),                  # UPPER_SNAKE ids
    re.compile(r"\b(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{7,}\b"),  # hex hashes
    re.compile(r"[\w./\\-]+\.(?:ya?ml|csv|ipynb|py)\b", re.IGNORECASE),  # file names and paths
)


def english_words(text: str) -> list[str]:
    """The words of `text` (whole words, any case) that are common English words, in order of appearance."""
    return [w for w in _WORD.findall(text) if w.lower() in STOP_WORDS]


def code_like_tokens(text: str) -> list[str]:
    """Tokens of `text` that look like code: `a=b` (not a formula's lone ` = `), `[x]`, `{key}`, `snake_case`,
    `UPPER_SNAKE`, hex hashes of 7+ characters mixing digits and letters, and file names ending
    .yaml/.yml/.csv/.ipynb/.py."""
    found: list[tuple[int, str]] = []
    taken: list[range] = []
    for pattern in _CODE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() in r for r in taken):
                continue
            found.append((m.start(), m.group(0)))
            taken.append(range(m.start(), m.end()))
    return [tok for _, tok in sorted(found)]


# Jargon and unnatural phrasings a reader found on the Vietnamese briefs (exact strings, any case): a model's name
# or parameter instead of plain words, a mirror site instead of the publisher, a code for a quarter, a unit in
# brackets after a share, "at least" before a whole 100 %, points of data that are years of data.
GAP5_PHRASES: tuple[str, ...] = (
    # jargon
    "theo cách diễn đạt của IPCC",
    "thang logit",
    "φ = 0,8",
    "φ =",
    "(PIT)",
    "2015Q1",
    "triệu USD PPP",
    "bảng RD-5",
    "statisticsoftheworld.com",
    "qua một kho dữ liệu trên GitHub",
    "theo bản sao trên",
    "qua trang sao chép",
    "bản sao đăng trên Scribd",
    "bản sao đăng trên 123docz",
    "nguyên văn trong tệp kịch bản",
    # unnatural phrasings
    "ít nhất 100 %",
    "ít nhất 1,5 % (GRDP)",
    "% (GRDP)",
    "trên 60 % (chi R&D)",
    "% (chi R&D)",
    "10 điểm, mới nhất 2025",
    "điểm, mới nhất 20",
)


def gap5_phrases(text: str) -> list[str]:
    """The phrases of `GAP5_PHRASES` that `text` holds (case-insensitive), in the list's order."""
    folded = text.casefold()
    return [p for p in GAP5_PHRASES if p.casefold() in folded]

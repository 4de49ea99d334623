"""Locale-aware number formatting (Babel): `80,5 %` in Vietnamese, `80.5%` in English."""

from __future__ import annotations

import math

from babel.numbers import format_decimal

LOCALES = {"vi": "vi_VN", "en": "en_US"}
LANGS = tuple(LOCALES)


def check_lang(lang: str) -> str:
    if lang not in LOCALES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LOCALES)}")
    return lang


def number(value: float | None, lang: str = "vi", digits: int = 1, na: str = "–") -> str:
    """A number with up to `digits` decimals, grouped the local way (1.234,5 / 1,234.5)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return na
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALES[check_lang(lang)])


def fixed(value: float | None, lang: str = "vi", digits: int = 1, na: str = "–") -> str:
    """A number with exactly `digits` decimals (for columns that must line up)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return na
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALES[check_lang(lang)])


def percent(value: float | None, lang: str = "vi", digits: int = 1, na: str = "–") -> str:
    """A value already in percent: `80,5 %` (vi, space before %) or `80.5%` (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return na
    return number(value, lang, digits) + (" %" if lang == "vi" else "%")


def with_unit(value: float | None, unit: str | None, lang: str = "vi", digits: int = 2) -> str:
    """A value followed by its unit; percentages use the locale's percent style."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit and unit.startswith("%"):
        rest = unit[1:].strip()
        return percent(value, lang, digits) + (f" ({translate_unit(rest, lang)})" if rest else "")
    return f"{number(value, lang, digits)} {translate_unit(unit or '', lang)}".strip()


UNIT_VI = {
    "persons": "người", "programmes": "chương trình", "trips": "lượt", "milestone": "mốc",
    "billion VND": "tỷ đồng", "million VND/worker": "triệu đồng/lao động", "schools": "trường",
    "pupils": "học sinh", "students": "sinh viên", "candidates": "thí sinh",
    "million persons": "triệu người", "of GRDP": "GRDP", "of GDP": "GDP",
    "of R&D spending": "chi R&D", "of local budget": "chi ngân sách địa phương",
    "of labour force": "lực lượng lao động", "of GERD": "tổng chi R&D",
    "of university students": "sinh viên đại học",
    "million current PPP$": "triệu đô la Mỹ theo sức mua tương đương (giá hiện hành)",
    "students per 10,000 pop": "sinh viên/10.000 dân", "USD": "USD",
}


def translate_unit(unit: str, lang: str) -> str:
    return UNIT_VI.get(unit, unit) if lang == "vi" else unit

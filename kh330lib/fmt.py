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

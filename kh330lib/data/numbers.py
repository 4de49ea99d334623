"""Numbers read from text: a decimal point and no separators; Vietnamese or ambiguous forms refused with a hint."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import short
from ..limits import ascii_digits, foreign_digit

_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DOT_GROUPS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_VI_FULL = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
_EN_GROUPS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# Compiled once: every row of every file goes through them.
_SPACED = re.compile(r"\d\s+\d")


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text, or why it could not be read and how to write it."""

    value: float | None
    error: str | None = None
    fix: str | None = None


def parse_number(text: str, integer: bool = False) -> ParsedNumber:
    """Read a number written with a decimal point; reject Vietnamese or ambiguous forms with a hint."""
    s = text.strip()
    odd = foreign_digit(s)
    if odd:
        return ParsedNumber(None, f"'{short(s)}' has a digit that is not 0–9: {odd}",
                            f"type it with the digits 0–9: {short(ascii_digits(s))}")
    # The common case first: a plain decimal number (no separator can hide in it, as the checks below ask).
    if not integer and _PLAIN.match(s):
        return ParsedNumber(float(s))
    if not s:
        return ParsedNumber(None, "is empty", "write the number, or remove the row if there is no figure")
    if len(s) > 40:  # no number written in a report is this long; the hints below would echo all of it
        return ParsedNumber(None, f"'{short(s)}' is not a number", "write digits with a decimal point, e.g. 66.8")
    if s.endswith("%"):
        return ParsedNumber(None, f"'{s}' has a % sign", f"write {s.rstrip('% ')} (the unit column says '%')")
    if _SPACED.search(s):
        compact = re.sub(r"\s+", "", s)
        return ParsedNumber(None, f"'{s}' has spaces between digits", f"write {compact} without separators")
    if _VI_FULL.match(s):
        fixed = s.replace(".", "").replace(",", ".")
        return ParsedNumber(None, f"'{s}' uses Vietnamese separators (dot for thousands, comma for decimals)",
                            f"write {fixed}")
    if _COMMA_DECIMAL.match(s) and not _EN_GROUPS.match(s):
        fixed = s.replace(",", ".")
        return ParsedNumber(None, f"'{s}' uses a decimal comma", f"write {fixed}")
    if _EN_GROUPS.match(s):
        fixed = s.replace(",", "")
        return ParsedNumber(None, f"'{s}' is ambiguous: the comma may group thousands or mark decimals",
                            f"write {fixed} if it is thousands, or {s.replace(',', '.')} if decimals")
    if _DOT_GROUPS.match(s) and (integer or s.count(".") > 1):
        fixed = s.replace(".", "")
        return ParsedNumber(None, f"'{s}' looks like Vietnamese thousands grouping ({fixed})",
                            f"write {fixed} without separators")
    if not _PLAIN.match(s):
        return ParsedNumber(None, f"'{s}' is not a number", "write digits with a decimal point, e.g. 66.8")
    value = float(s)
    if integer and value != int(value):
        return ParsedNumber(None, f"'{s}' is not a whole number, but this indicator counts units",
                            "write a whole number")
    return ParsedNumber(value)

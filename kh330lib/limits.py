"""Limits on inputs and kept runs (params/limits.yaml), read once and typed; and the text checks they need."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from . import paths
from .errors import InputError, problem, quote
from .yamlio import BUILTIN, LineDict, load_yaml

LIMITS = paths.PARAMS_DIR / "limits.yaml"

_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    # section: (key, attribute)
    "workbook": (("max_file_bytes", "max_file_bytes"), ("max_uncompressed_bytes", "max_uncompressed_bytes"),
                 ("max_whole_parts_bytes", "max_whole_parts_bytes"),
                 ("max_compression_ratio", "max_compression_ratio"), ("max_sheets", "max_sheets"),
                 ("max_rows", "max_rows"), ("max_columns", "max_columns"), ("max_cell_chars", "max_cell_chars")),
    "text": (("max_reporter_chars", "max_reporter_chars"), ("max_note_chars", "max_note_chars")),
    "errors": (("max_shown", "max_errors"),),
    "yaml": (("max_file_bytes", "yaml_max_file_bytes"), ("max_nodes", "yaml_max_nodes")),
    "runs": (("keep", "keep_runs"),),
}


@dataclass(frozen=True)
class Limits:
    """Every limit of params/limits.yaml (sizes in bytes, lengths in characters)."""

    max_file_bytes: int
    max_uncompressed_bytes: int
    max_whole_parts_bytes: int
    max_compression_ratio: int
    max_sheets: int
    max_rows: int
    max_columns: int
    max_cell_chars: int
    max_reporter_chars: int
    max_note_chars: int
    max_errors: int
    keep_runs: int
    yaml_max_file_bytes: int
    yaml_max_nodes: int


def load_limits(path: Path | str | None = None) -> Limits:
    """Read params/limits.yaml; a missing, mistyped or non-positive limit is reported with its line."""
    p = Path(path or LIMITS)
    # This file sets the bounds of every other YAML file; it is read within fixed ones (yamlio.BUILTIN).
    data = load_yaml(p, fixed=BUILTIN)
    if not isinstance(data, Mapping):
        raise InputError([problem(p, None, None, "expected a mapping of sections", "see the file's comments",
                                  kind="field")])
    problems, values = [], {}
    for section, fields in _FIELDS.items():
        node = data.get(section)
        if not isinstance(node, Mapping):
            problems.append(problem(p, None, section, "missing section", f"add a '{section}:' section", "field"))
            continue
        for key, attr in fields:
            value: Any = node.get(key)
            line = node.line_of(key) if isinstance(node, LineDict) else None
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                problems.append(problem(p, line, f"{section}.{key}",
                                        f"expected a whole number ≥ 1, got {quote(value)}",
                                        "see the comment above it", "field"))
            else:
                values[attr] = value
    if problems:
        raise InputError(problems)
    return Limits(**values)


@lru_cache(maxsize=4)
def _cached(path: str) -> Limits:
    return load_limits(path)


def limits() -> Limits:
    """The limits of params/limits.yaml (read once per process)."""
    return _cached(str(LIMITS))


# C0/C1 controls (tab and newline included: a name or note is one line of text), DEL, and the
# bidirectional overrides that can make text display differently from what it is.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def clean_text(value: str, limit: int) -> tuple[str, str | None]:
    """`value` as one line of NFC text without terminal escapes or control characters, and what is wrong.

    Returns the cleaned text and None, or the cleaned text and a message when it is longer than `limit`
    characters (the caller reports it; nothing is cut silently).
    """
    text = _ANSI.sub("", unicodedata.normalize("NFC", value))
    text = " ".join(_CONTROL.sub(" ", text).split())
    if len(text) > limit:
        return text, f"is {len(text):,} characters long; the limit is {limit:,}"
    return text, None


# ---------------------------------------------------------------- look-alike text

# Ids are typed into file names, URLs and formulas: only these characters.
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]+", re.ASCII)
# Scripts whose letters look alike (Latin o, Cyrillic о, Greek ο): a label mixing them is a trap, not a name.
_LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def char_name(ch: str) -> str:
    """`ch` with its code point and Unicode name, e.g. '６' (U+FF16 FULLWIDTH DIGIT SIX)."""
    return f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED')})"


def foreign_digit(text: str) -> str | None:
    """The first digit of `text` other than ASCII 0–9, named; None if there is none.

    Python's int() and float() read '６６.８', '٦٦.٨' and '𝟔𝟔.𝟖' as 66.8 without a word: numbers are refused instead.
    """
    if text.isascii():
        return None
    return next((char_name(ch) for ch in text if not ch.isascii() and ch.isdigit()), None)


def ascii_digits(text: str) -> str:
    """`text` with every digit written as ASCII 0–9 (for the fix of a message)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.digit(ch)) if not ch.isascii() and unicodedata.digit(ch, None) is not None
                   else ch for ch in text)


def id_problem(text: str) -> str | None:
    """What makes `text` other than a plain ASCII id (letters, digits, '_', '.', '-'); None if it is one."""
    if _PLAIN_ID.fullmatch(text):
        return None
    bad = next(ch for ch in text if not _PLAIN_ID.fullmatch(ch))
    return f"{char_name(bad)} is not a letter A–Z, a digit 0–9, '_', '.' or '-'"


def script_problem(text: str) -> str | None:
    """Which letter of `text` comes from another alphabet than the rest (Cyrillic 'о' in Latin text); None if none."""
    letters: dict[str, list[str]] = {}
    for ch in text:
        script = unicodedata.name(ch, "").split(" ", 1)[0] if ch.isalpha() else ""
        if script in _LOOKALIKE_SCRIPTS:
            letters.setdefault(script, []).append(ch)
    if len(letters) < 2:
        return None
    main, *others = sorted(letters, key=lambda s: -len(letters[s]))
    odd = others[0]
    return f"mixes {odd.title()} letters into {main.title()} text: {char_name(letters[odd][0])}"


def fold(text: str) -> str:
    """`text` as compared for look-alikes: NFKC, case folded, spaces collapsed ('Ｈuế' and 'huế' are the same)."""
    return " ".join(unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold()).split())

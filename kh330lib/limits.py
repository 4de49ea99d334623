"""Limits on inputs and kept runs (params/limits.yaml), read once and typed; and the text cleaner they need."""

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

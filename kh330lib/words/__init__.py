"""Every word a reader sees, in Vietnamese (`vi.py`) and English (`en.py`), looked up by key or by code.

The briefs (HTML) and the command line (text) both take their words from here,
so a verdict, a status or a reason reads the same wherever it appears.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .. import fmt
from ..codes import Band, Reason, UnsdStatus, Verdict
from . import en, vi

if TYPE_CHECKING:  # pandas, which kh330lib.data.scenarios needs, stays out of the processes that render pages
    from ..data.scenarios import Scenario

BOOKS: dict[str, ModuleType] = {"vi": vi, "en": en}
# Reason arguments that name a model or an evidence level: said in the reader's words.
_MODEL_ARGS = ("model", "fallback")
_LEVEL_ARGS = ("level", "before", "after")


def book(lang: str) -> ModuleType:
    """The vocabulary module of a language (`vi` or `en`)."""
    return BOOKS[fmt.check_lang(lang)]


def t(key: str, lang: str = "vi") -> str:
    """A phrase or sentence template by key."""
    return book(lang).TEXT[key]


def page_words(lang: str) -> dict[str, str]:
    """The words of the published page (header, footer, index)."""
    return book(lang).PAGE


def verdict_name(verdict: Verdict | str, lang: str = "vi") -> str:
    """The one word of a verdict in the reader's language (the same on the command line and in the briefs)."""
    return book(lang).VERDICTS[Verdict(verdict)]


def unsd_name(status: UnsdStatus | str | None, lang: str = "vi") -> str:
    """The UNSD cross-check status in words (`insufficient_data` for None)."""
    return book(lang).UNSD[UnsdStatus(status or UnsdStatus.INSUFFICIENT_DATA)]


def evidence_name(level: str, lang: str = "vi") -> str:
    return book(lang).EVIDENCE[level]


def status_name(status: str, lang: str = "vi") -> str:
    """A data status (official, estimate, proxy, …) in words; unknown ones as written."""
    return book(lang).STATUSES.get(status, status)


def kind_name(kind: str, lang: str = "vi") -> str:
    return book(lang).KINDS[kind]


def breakdown_name(breakdown: str, lang: str = "vi") -> str:
    """A training level in words (empty for none)."""
    return book(lang).BREAKDOWNS.get(breakdown, breakdown)


def model_name(model: str, lang: str = "vi") -> str:
    """A model in plain words; a damped trend says how much of each year's change is kept (`damped_0.9` → 90 %)."""
    if model.startswith("damped_"):
        return book(lang).MODELS["damped"].format(phi=fmt.percent(100 * float(model.removeprefix("damped_")), lang, 0))
    return book(lang).MODELS.get(model, model)


_QUARTER = re.compile(r"(\d{4})Q([1-4])")


def scenario_label(scenario: Scenario, lang: str = "vi") -> str:
    """A scenario's label from its file; the built-in baseline, which has no file, in these words."""
    return scenario.label(lang) or t("scenario_builtin_baseline", lang)


def period_text(period: object, lang: str = "vi") -> str:
    """A period as readers write it: `2015Q1` → `quý 1/2015` / `Q1 2015`, `2017` → `năm 2017` / `2017`."""
    text = str(period)
    quarter = _QUARTER.fullmatch(text)
    if quarter:
        return t("period_quarter", lang).format(year=quarter[1], quarter=quarter[2])
    return t("period_year", lang).format(year=text) if text.isdigit() else text


def band_name(band: Band | str, lang: str = "vi") -> str:
    """How likely, in words: `có khả năng` / `likely`."""
    return book(lang).BANDS[Band(band)]


def unit_name(unit: str, lang: str = "vi") -> str:
    """A catalogue unit (written in English) in the reader's language."""
    return book(lang).UNITS.get(unit, unit)


def share_of_name(of: str, lang: str = "vi") -> str:
    """What a share is of, after its number in a sentence: `of R&D spending` → `tổng chi cho R&D` (vi)."""
    return book(lang).SHARES_OF.get(of) or unit_name(of, lang)


def _arg(key: str, value: Any, lang: str) -> Any:
    if isinstance(value, Reason):
        return reason_text(value, lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Reason) for v in value):
        return "; ".join(reason_text(v, lang) for v in value)
    if key == "kinds":
        return "/".join(status_name(s, lang) for s in value)
    if key == "years":
        return ", ".join(str(y) for y in value)
    if key == "scores":
        return ", ".join(f"{model_name(m, lang) if lang == 'vi' else m} {fmt.fixed(s, lang, 2)}" for m, s in value)
    if lang == "en":
        return value  # English templates format numbers themselves (and are the JSON's wording)
    if key == "period":
        return period_text(value, lang)
    if key in _MODEL_ARGS:
        return model_name(value, lang)
    if key in _LEVEL_ARGS:
        return evidence_name(value, lang)
    if key in ("c80", "c95") and isinstance(value, float):
        return fmt.percent(100.0 * value, lang, 0)
    if isinstance(value, float):
        return fmt.number(value, lang, 2)
    return value


def reason_text(reason: Reason, lang: str = "vi") -> str:
    """A reason code with its arguments as a phrase in the reader's language."""
    args = {k: _arg(k, v, lang) for k, v in reason.args}
    return book(lang).REASONS[reason.code].format(**args)


def reasons_text(reasons: tuple[Reason, ...] | list[Reason], lang: str = "vi") -> str | None:
    """Several reasons joined with '; ' (None when there are none)."""
    return "; ".join(reason_text(r, lang) for r in reasons) or None

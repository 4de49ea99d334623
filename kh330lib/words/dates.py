"""Dates as readers see them: a long date, a run's time in Huế, how recent the data are, which briefs were kept."""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from babel.dates import format_date

from ..fmt import LOCALES, check_lang
from . import page_words, t

# Huế's clock (UTC+7 all year: Viet Nam keeps no daylight saving time).
LOCAL_TIME = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")
# The Vietnamese form is the one of Vietnamese administrative documents; English takes Babel's long date.
DATE_PATTERNS = {"vi": "'ngày' d 'tháng' M 'năm' y", "en": "long"}


def long_date(day: dt.date, lang: str) -> str:
    """`ngày 2 tháng 12 năm 2026` (the form of Vietnamese documents) / `December 2, 2026`."""
    return format_date(day, DATE_PATTERNS[check_lang(lang)], locale=LOCALES[lang])


def run_date_text(when: dt.datetime, lang: str) -> str:
    """`ngày 3 tháng 12 năm 2026, 01:19 (giờ Việt Nam)` / `December 3, 2026, 01:19 (Viet Nam time)`, in Huế time."""
    local = when.astimezone(LOCAL_TIME)
    return f"{long_date(local.date(), lang)}, {local:%H:%M} ({page_words(lang)['time_zone']})"


def data_reach_text(max_year: int | None, latest_report: str | None, latest_source_date: str | None,
                    lang: str) -> str:
    """`đến năm 2024 (nguồn mới nhất ngày 28 tháng 11 năm 2024)` / `up to 2024 (latest source …)`.

    Once departmental reports exist, the date the newest one was received (ISO) is named instead.
    """
    w = page_words(lang)
    if max_year is None:
        return w["no_data"]
    text = w["data_to"].format(year=max_year)
    if latest_report:
        text += f" ({w['latest_report'].format(date=long_date(dt.date.fromisoformat(latest_report), lang))})"
    elif latest_source_date:
        text += f" ({w['latest_source'].format(date=long_date(dt.date.fromisoformat(latest_source_date), lang))})"
    return text


def kept_text(n: int, runs: Sequence[dt.datetime], lang: str) -> str:
    """`3 bản tóm tắt có đầu vào không thay đổi nên được giữ nguyên từ lần chạy ngày …` / `3 briefs whose inputs
    did not change are kept from the run of …` (the runs that executed them, in Huế time)."""
    w = page_words(lang)
    dates = [run_date_text(r, lang) for r in runs]
    # As kh330lib.words.phrases.join_words, which would bring pandas into every worker process.
    when = ", ".join(dates[:-1]) + t("list_and", lang) + dates[-1] if len(dates) > 1 else "".join(dates)
    key = "kept_one" if n == 1 else "kept_many" if len(runs) <= 1 else "kept_many_runs"
    return w[key].format(n=n, when=when)

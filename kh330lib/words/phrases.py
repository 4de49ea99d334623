"""Phrases built from numbers and the registry: values with units, goals, clauses, changes, lists, dates."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Iterable, Sequence

import pandas as pd

from .. import fmt
from ..data.catalog import Indicator, Target
from ..data.names import load_vietnamese_names
from ..data.observations import collect_sources
from ..data.scenarios import Adjustment
from ..data.tables import Dataset
from ..methods.likelihood import CaseChance, Chance
from . import band_name, book, breakdown_name, kind_name, share_of_name, status_name, t, unit_name

# Signs for the compact target labels drawn on charts; goals in text say the comparator in words
# (`comparator_text`).


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def num(value: float | None, lang: str = "vi", integer: bool = False, fixed: bool = False) -> str:
    """A number for readers: observed values as reported (up to 2 decimals: 72,5 / 70,25 / 0,42);

    `fixed` for model outputs, with decimals by size and trailing zeros kept (81,9 / 42,0 / 0,45 / 154.220).
    """
    if _missing(value):
        return "–"
    if not fixed:
        return fmt.number(value, lang, 0 if integer else 2)
    size = abs(value)
    digits = 0 if integer or size >= 100 else 1 if size >= 10 else 2
    return fmt.fixed(value, lang, digits)


def unit_text(unit: str | None, lang: str = "vi") -> str:
    """A unit in the reader's language: `% GRDP`, `người`, `% of GRDP`, `persons`."""
    if not unit:
        return ""
    if unit.startswith("%") and unit != "%":
        rest = unit[1:].strip()
        return f"% {unit_name(rest, lang)}" if lang == "vi" else unit
    return unit_name(unit, lang)


def value_text(value: float | None, unit: str | None, lang: str = "vi", integer: bool = False,
               fixed: bool = False) -> str:
    """A value with its unit in a sentence: `0,42 % GRDP`, `60 % tổng chi cho R&D`, `60 người`; `0.42% of GRDP`."""
    if _missing(value):
        return "–"
    number = num(value, lang, integer, fixed)
    if unit and unit.startswith("%"):
        of = unit[1:].strip()
        return number + (unit if lang == "en" else " %" + (f" {share_of_name(of, lang)}" if of else ""))
    return f"{number} {unit_text(unit, lang)}".strip()


def with_unit(value: float | None, unit: str | None, lang: str = "vi", digits: int = 2) -> str:
    """A value with its unit in a list or table: `1,5 % GRDP`, `60 người`; percentages the locale's way."""
    if _missing(value):
        return "–"
    if unit and unit.startswith("%"):
        rest = unit[1:].strip()
        return fmt.percent(value, lang, digits) + (f" {share_of_name(rest, lang)}" if rest else "")
    return f"{fmt.number(value, lang, digits)} {unit_name(unit or '', lang)}".strip()


def probability_text(p: float | None, lang: str = "vi") -> str:
    """P(target met) in whole percent; `> 99 %`/`< 1 %` where rounding would claim certainty."""
    if _missing(p):
        return "–"
    pct = 100.0 * p
    if 0.0 < pct < 0.5:
        return "< " + fmt.percent(1, lang, 0)
    if 99.5 <= pct < 100.0:
        return "> " + fmt.percent(99, lang, 0)
    return fmt.percent(pct, lang, 0)


def range_text(low: float, high: float, lang: str = "vi") -> str:
    """Two probabilities as a range of whole percents: `40–85 %` (vi), `40–85%` (en)."""
    lo, hi = (int(round(100 * x)) for x in (low, high))
    return (f"{lo}" if lo == hi else f"{lo}–{hi}") + (" %" if lang == "vi" else "%")


def chance_text(chance: Chance | None, lang: str = "vi") -> str:
    """How likely a target is: `có khả năng (40–85 %)`; a number (to 5 %) only where the evidence allows it."""
    if chance is None:
        return "–"
    return chance_words(chance.band, chance.low, chance.high, chance.as_number, chance.combined, lang)


def chance_short(chance: Chance, lang: str = "vi") -> str:
    """How likely in a few words, without the models' range: `khả năng ngang nhau` (or `khoảng 65 %`)."""
    if chance.as_number:
        return t("chance_number_short", lang).format(p=fmt.percent(5 * round(20 * chance.combined), lang, 0))
    return band_name(chance.band, lang)


def chance_words(band: str, low: float, high: float, as_number: bool, combined: float, lang: str = "vi") -> str:
    """`chance_text` from a chance's parts, as a table row holds them (the unit table)."""
    rng = range_text(low, high, lang)
    if as_number:
        return t("chance_number", lang).format(p=fmt.percent(5 * round(20 * combined), lang, 0), range=rng)
    return t("chance_band", lang).format(band=band_name(band, lang), range=rng)


def case_text(case: CaseChance, unit: str | None, lang: str = "vi") -> str:
    """A sensitivity case in words: `bỏ số liệu năm 2022`, `số liệu năm 2024 thấp hơn 1 điểm %`."""
    shift = change_text(abs(case.shift), unit, lang).removesuffix(t("per_year_short", lang)) if case.shift else ""
    return book(lang).CASES[case.case].format(year=case.year, shift=shift)


def share_text(share: float | None, lang: str = "vi", digits: int = 0) -> str:
    """A ratio (0–1) as a percentage: 0.95 → `95 %`."""
    return fmt.percent(None if share is None else 100.0 * share, lang, digits)


def change_unit(unit: str | None, lang: str = "vi", short: bool = False) -> str:
    """The unit of a yearly change: percentage points for shares, the count's unit otherwise."""
    if unit and unit.startswith("%"):
        return t("pp_short" if short else "pp", lang)
    return unit_text(unit, lang)


def change_text(value: float | None, unit: str | None, lang: str = "vi", short: bool = True,
                integer: bool = False) -> str:
    """A yearly change: `1,25 điểm %/năm` (table) or `1,25 điểm phần trăm mỗi năm` (sentence)."""
    if value is None:
        return "–"
    per = t("per_year_short" if short else "per_year", lang)
    return f"{num(value, lang, integer and float(value).is_integer())} {change_unit(unit, lang, short)}{per}"


def signed_change(value: float | None, unit: str | None, lang: str = "vi") -> str:
    """A yearly change with its sign and short unit, for the command line: `+1,88 điểm %`."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else ""
    return f"{sign}{fmt.number(value, lang, 2)} {change_unit(unit, lang, short=True)}".rstrip()


def join_words(items: Sequence[str], lang: str = "vi", last: str = "list_and") -> str:
    """`a, b và c` / `a, b and c` (`last="list_or"`: `a, b hoặc c` / `a, b or c`)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t(last, lang) + items[-1]


def lower_first(text: str) -> str:
    """Lower-case the first letter inside a sentence (labels start capitalised), keeping acronyms and names."""
    words = text.split()
    if not words:
        return text
    letters = [c for c in words[0] if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):  # acronyms such as "R&D", "GRDP"
        return text
    # Proper names such as "Trung tâm Giám sát…" keep their capitals: a capitalised
    # word (not an acronym) among the next two marks one.
    for word in words[1:3]:
        if word[:1].isupper() and not word.isupper():
            return text
    return text[0].lower() + text[1:]


def comparator_text(comparator: str | None, lang: str = "vi") -> str:
    """A target's comparator in words, as the plan says it: `trên`/`ít nhất`/`dưới`/`không quá` (vi),
    `above`/`at least`/`below`/`at most` (en); no comparator is `>=` (the plan's plain "đạt 35%")."""
    return t(f"cmp_{comparator or '>='}", lang)


def whole_share(target: Target) -> bool:
    """A target of a whole share (`100 %` reached): the plan states it without a comparator word."""
    return (target.unit == "%" and target.value is not None and float(target.value) >= 100
            and (target.comparator or ">=") == ">=")


def goal_comparator(target: Target, lang: str = "vi") -> str:
    """The comparator word of a goal; a whole share says `đạt 100 %` / `100%`, never `ít nhất 100 %`."""
    return t("cmp_full", lang) if whole_share(target) else comparator_text(target.comparator, lang)


def goal_text(target: Target, lang: str = "vi") -> str:
    """The target as a short phrase: `trên 80 % đến 2030`, `ít nhất 1,5 % GRDP đến 2030` / `above 80% by 2030`."""
    if target.kind == "qualitative" or target.value is None:
        return f"{kind_name('qualitative', lang)}, {t('by', lang)} {target.deadline}"
    if target.kind == "milestone":
        return f"{t('milestone_done', lang)} {t('by', lang)} {target.deadline}"
    goal = " ".join(w for w in (goal_comparator(target, lang), with_unit(target.value, target.unit, lang, 2)) if w)
    if target.kind == "cumulative" and target.start:
        goal += f" ({t('cumulative', lang)} {target.start}–{target.deadline})"
    return f"{goal} {t('by', lang)} {target.deadline}"


def target_name(target: Target, breakdown: str = "", lang: str = "vi", *, with_year: bool = False) -> str:
    """A target's label with its training level, if any (`… STEM — đại học`); `with_year` adds its deadline `(2030)`."""
    bd = breakdown_name(breakdown, lang)
    return target.label(lang) + (f" ({target.deadline})" if with_year else "") + (f" — {bd}" if bd else "")


def dated_labels(targets: Iterable[Target], lang: str = "vi") -> frozenset[str]:
    """The labels that several of `targets` carry with different deadlines: a list naming them gives their years."""
    deadlines: dict[str, set[int]] = {}
    for tg in targets:
        deadlines.setdefault(tg.label(lang), set()).add(tg.deadline)
    return frozenset(label for label, years in deadlines.items() if len(years) > 1)


def target_names(rows: Sequence[tuple[Target, str]], lang: str = "vi") -> list[str]:
    """Names of a list's (target, level) rows, with the year where a label repeats: `Chi cho R&D so với GRDP (2030)`."""
    dated = dated_labels((tg for tg, _ in rows), lang)
    return [target_name(tg, bd, lang, with_year=tg.label(lang) in dated) for tg, bd in rows]


def subject(target: Target, breakdown: str = "", lang: str = "vi") -> str:
    """A target as the subject of a sentence: `Học sinh … STEM (đại học)`."""
    return target_name(target, breakdown, lang).replace(" — ", " (", 1) + (")" if breakdown else "")


def clause_text(clause: str, lang: str = "vi") -> str:
    """`II.2 bullet 3` as readers say it: `mục II.2, ý 3` / `II.2, bullet 3`."""
    section, _, bullet = clause.partition(" bullet ")
    return t("clause_fmt", lang).format(section=section, bullet=bullet) if bullet else clause


def reporters_text(indicator: Indicator, dataset: Dataset, lang: str = "vi", short: bool = False) -> str:
    """Who reports an indicator under Plan 330 section V: `Sở Giáo dục và Đào tạo (mục V.1) và …`."""
    units = [dataset.registry.units[u] for u in indicator.reporters if u in dataset.registry.units]
    if not units:
        return t("reporter_unknown", lang)
    where = "" if short else f"{t('section', lang)} "
    return join_words([f"{u.label(lang)} ({where}{u.clause})" for u in units], lang)


def series_label(dataset: Dataset, indicator_id: str, geo: str, lang: str = "vi") -> str:
    """An indicator's label naming its area, unless it is Huế or the label already says which area."""
    label = dataset.registry.indicators[indicator_id].label(lang)
    geo_label = dataset.registry.geos[geo].label(lang)
    if geo == "VN-HUE" or geo_label.lower() in label.lower() or (
            geo == "VN" and t("national_marker", lang) in label.lower()):
        return label
    return f"{label} ({geo_label})"


def status_counts(statuses: Iterable[str], lang: str = "vi") -> str:
    """`2 chính thức, 2 ước tính`."""
    counts = pd.Series(list(statuses)).value_counts()
    return ", ".join(f"{n} {status_name(s, lang)}" for s, n in counts.items())


def years_span(years: Iterable[int]) -> str:
    """`2021–2024`, `2024` or `–`."""
    ys = sorted(set(int(y) for y in years))
    if not ys:
        return "–"
    return str(ys[0]) if len(ys) == 1 else f"{ys[0]}–{ys[-1]}"


def date_text(date: dt.date | None, lang: str = "vi") -> str:
    """A vintage date as readers write it: 15/03/2026 (vi), 15 Mar 2026 (en); the seed data for None."""
    if date is None:
        return t("seed_data", lang)
    return date.strftime("%d/%m/%Y") if lang == "vi" else f"{date.day} {date:%b %Y}"


def adjustment_text(adj: Adjustment, unit: str | None, lang: str = "vi") -> str:
    """One scenario adjustment of an indicator measured in `unit`, in the reader's words."""
    if adj.type == "extra_points_per_year":
        return t("adj_extra", lang).format(change=change_text(adj.points, unit, lang, short=False),
                                           year=adj.from_year)
    if adj.type == "growth_multiplier":
        return t("adj_multiplier", lang).format(m=num(adj.multiplier, lang), year=adj.from_year)
    if adj.type == "straight_path_to_target":
        return t("adj_straight", lang)
    values = join_words([f"{y}: {value_text(v, unit, lang)}" for y, v in adj.values], lang)
    return t("adj_assumed", lang).format(values=values)


# ---------------------------------------------------------------- sources as readers cite them


def _field(row: object, name: str) -> str:
    value = getattr(row, name, None) if not isinstance(row, dict) else row.get(name)
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()


def source_parts(row: object, lang: str = "vi") -> tuple[str, str, int | None]:
    """A source (a row of `Dataset.sources`) as (document, publisher, year) in the reader's language.

    The Vietnamese briefs take the names of params/sources_vi.yaml where data/sources.csv has none in
    Vietnamese; the year is the `published` date's, else the year the names file records, else None.
    """
    sid = _field(row, "source")
    name = load_vietnamese_names().sources.get(sid)
    document, publisher = _field(row, "title"), _field(row, "publisher")
    if lang == "vi" and name is not None:
        document, publisher = name.document or document, name.publisher or publisher
    published = _field(row, "published")
    year = int(published[:4]) if published[:4].isdigit() else (name.year if name is not None else None)
    return document, publisher, year


def source_citation(row: object, lang: str = "vi") -> str:
    """`Publisher, document (year)`: `Tổng cục Thống kê, Tỷ lệ lao động … (2017)`; the year left out when unknown."""
    document, publisher, year = source_parts(row, lang)
    text = f"{publisher}, {document}" if publisher and publisher not in document else document
    return f"{text} ({year})" if year else text


def sources_short(dataset: Dataset, source_ids: Iterable[str], lang: str = "vi") -> str:
    """Several sources in a table cell, each publisher once with its years: `Huế Ngày nay (2025); VnEconomy`."""
    by_id = {str(r.source): r for r in dataset.sources.itertuples()}
    years: dict[str, list[int]] = {}
    for sid in dict.fromkeys(source_ids):
        row = by_id.get(str(sid))
        if row is None:
            continue
        document, publisher, year = source_parts(row, lang)
        ys = years.setdefault(publisher or document, [])
        if year and year not in ys:
            ys.append(year)
    return "; ".join(f"{who} ({', '.join(str(y) for y in sorted(ys))})" if ys else who for who, ys in years.items())


# ---------------------------------------------------------------- what a chart says


def mark_text(target: Target, lang: str = "vi", integer: bool = False) -> str:
    """The label of a target's star on a chart: `trên 80 % (2030)`, `ít nhất 1,5 % GRDP (2030)`, `đạt 100 % (2030)`."""
    if target.kind == "milestone":
        return f"{t('milestone_done', lang)} {target.deadline}"
    words = (goal_comparator(target, lang), value_text(float(target.value), target.unit, lang, integer))  # type: ignore
    return " ".join(w for w in words if w) + f" ({target.deadline})"


def merged_marks(targets: Sequence[Target], lang: str = "vi", integer: bool = False) -> tuple[str, ...]:
    """The labels of the stars of one indicator's targets; targets with the same value share one label naming all
    their years ("" for the others)."""
    out = []
    for tg in targets:
        text = mark_text(tg, lang, integer)
        same = [x for x in targets if x.value == tg.value and x.kind == tg.kind]
        if len(same) > 1 and tg is not same[-1]:
            out.append("")
        elif len(same) > 1:
            years = ", ".join(str(x.deadline) for x in same)
            out.append(text.rsplit(" (", 1)[0] + f" ({years})")
        else:
            out.append(text)
    return tuple(out)


def series_summary(series: pd.DataFrame, unit: str | None, lang: str, integer: bool) -> dict[str, Any]:
    """What an alt text says of a series drawn: points, first and last year, span, latest value and status."""
    last = series.iloc[-1]
    first = int(series["year"].iloc[0])
    span = (t("span_one", lang).format(year=first) if len(series) == 1
            else t("span_many", lang).format(first=first, last=int(last["year"])))
    return {"n": len(series), "first": first, "last": int(last["year"]), "span": span,
            "latest": value_text(float(last["value"]), unit, lang, integer),
            "status": status_name(str(last["status"]), lang)}


def source_texts(dataset: Dataset | None, *frames: pd.DataFrame | None, lang: str = "vi") -> tuple[str, ...]:
    """The citation (publisher, document, year) of every source id in the frames' `source` column, in the
    reader's language, in order of first use.

    Without a dataset, data/sources.csv is read (vintage sources then show as their ids).
    """
    ids = dict.fromkeys(str(x) for f in frames if f is not None and "source" in f for x in f["source"])
    table = dataset.sources if dataset is not None else collect_sources()[0]
    out = []
    for sid in ids:
        hit = table[table["source"] == sid]
        out.append(source_citation(hit.iloc[0], lang) if len(hit) else sid)
    return tuple(out)

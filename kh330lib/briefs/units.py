"""Every target by ward and commune, from the run's stored tables (`assess.unit_store`): a sentence; for each
share target the units with figures of their own (latest value, projection, chance, status) under the city
figure their reports add up to; for each count target (the city's total) the sum of the reports."""

from __future__ import annotations

from collections import Counter

import pandas as pd
from IPython.display import HTML

from ..codes import Verdict
from ..data.catalog import Registry
from ..data.tables import WEAK_STATUSES, Dataset
from ..data.wards import local_geos
from ..words import status_name, t, verdict_name
from ..words.phrases import chance_words, goal_text, num, target_name, value_text
from .page import VERDICT_STYLES, badge, esc, on_screen_only, wrap

COLUMNS = ("col_ward", "latest", "sc_projection", "sc_p_meet", "sc_verdict")
NUM = ' class="num"'


def _cell(value: object) -> bool:
    """Whether a table cell holds a value (not None or NaN)."""
    return value is not None and not (isinstance(value, float) and value != value)


def units_with_data(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of units with figures of their own for a target (qualitative targets have none)."""
    return table[(table["n_points"] > 0) & (table["kind"] != "qualitative")]


def is_share_target(registry: Registry, target_id: str) -> bool:
    """Whether a target is a share, which each unit can be judged against; a count target is the city's total."""
    tg = registry.target(target_id)
    return bool(tg.indicator and registry.indicators[tg.indicator].is_share)


def city_text(city: pd.DataFrame, indicator: str | None, unit: str | None, integer: bool, lang: str = "vi") -> str:
    """`Cộng từ báo cáo của 38/40 xã, phường: 78,4 % năm 2025`, from the latest year added up; '' without one."""
    rows = city[city["indicator"] == indicator]
    if rows.empty:
        return ""
    last = rows.sort_values("year").iloc[-1]
    return t("units_city", lang).format(reported=int(last["reported"]), total=int(last["total"]),
                                        value=value_text(float(last["value"]), unit, lang, integer),
                                        year=int(last["year"]))


def latest_cell(row: pd.Series, unit: str | None, integer: bool, lang: str = "vi") -> str:
    """`72,5 % (2024, ước tính)`: the unit's latest value, its year and status."""
    return (f"{value_text(row['latest_value'], unit, lang, integer)} "
            f"({int(row['latest_year'])}, {status_name(str(row['latest_status']), lang)})")


def projection_cell(row: pd.Series, unit: str | None, integer: bool, lang: str = "vi") -> str:
    """`81,9 % (79,7–83,9)`: the median in the deadline year and its 80 % interval, or `–`."""
    if not _cell(row["median"]):
        return "–"
    return (f"{value_text(row['median'], unit, lang, integer, fixed=True)} "
            f"({num(row['lo80'], lang, integer, True)}–{num(row['hi80'], lang, integer, True)})")


def chance_cell(row: pd.Series, lang: str = "vi") -> str:
    if not _cell(row["band"]):
        return "–"
    return chance_words(str(row["band"]), float(row["p_low"]), float(row["p_high"]), bool(row["as_number"]),
                        float(row["p_meet"]), lang)


def verdict_counts(verdicts: pd.Series, lang: str = "vi") -> str:
    """Each status with its count (`<status>: 3; <status>: 2`), in the order of the legend."""
    counts = Counter(str(v) for v in verdicts)
    return "; ".join(f"{verdict_name(v, lang)}: {counts[str(v)]}" for v in VERDICT_STYLES if counts[str(v)])


def units_section(table: pd.DataFrame, city: pd.DataFrame, dataset: Dataset, lang: str = "vi") -> HTML:
    """The sentences (printed) and the table by target and unit (on screen only), or what is needed instead.

    `table` is the unit table (`stored_units`), `city` the city figures added up from ward reports
    (`stored_city`).
    """
    reg = dataset.registry
    with_data = units_with_data(table)
    if with_data.empty:
        return wrap(f"<p>{esc(t('units_none', lang))}</p>", lang)
    total = len(local_geos(reg))
    sentences = [t("units_summary", lang).format(done=with_data["geo"].nunique(), total=total)]
    share = with_data["target"].map(lambda tid: is_share_target(reg, str(tid)))
    for tid in dict.fromkeys(with_data.loc[~share, "target"]):
        tg = reg.target(str(tid))
        ind = reg.indicators.get(tg.indicator) if tg.indicator else None
        added = city_text(city, tg.indicator, tg.unit, bool(ind and ind.integer), lang)
        sentences.append(t("units_count_target", lang).format(target=target_name(tg, "", lang),
                                                              goal=goal_text(tg, lang))
                         + (f"; {added}." if added else "."))
    shown = with_data[share]
    text = "".join(f"<p>{esc(x)}</p>" for x in sentences)
    if shown.empty:
        return wrap(text, lang)
    labels = [esc(t(k, lang)) for k in COLUMNS]
    head = "".join(f'<th scope="col">{h}</th>' for h in labels)
    body = []
    for (tid, breakdown), rows in shown.groupby(["target", "breakdown"], sort=False):
        tg = reg.target(str(tid))
        ind = reg.indicators.get(tg.indicator) if tg.indicator else None
        integer = bool(ind and ind.integer)
        counts = t("units_counts", lang).format(n=len(rows), counts=verdict_counts(rows["verdict"], lang))
        added = city_text(city, tg.indicator, tg.unit, integer, lang) if not breakdown else ""
        body.append(f'<tr class="section"><th colspan="{len(COLUMNS)}" scope="colgroup">'
                    f'{esc(target_name(tg, str(breakdown), lang))} — {esc(goal_text(tg, lang))}<br>'
                    f'<span class="note">{esc(counts)}{esc("; " + added) if added else ""}</span></th></tr>')
        for _, row in rows.iterrows():
            latest = esc(latest_cell(row, tg.unit, integer, lang))
            if row["latest_status"] in WEAK_STATUSES:
                latest = f'<span class="weak">{latest}</span>'
            cells = (esc(reg.geos[str(row["geo"])].label(lang)), latest,
                     esc(projection_cell(row, tg.unit, integer, lang)), esc(chance_cell(row, lang)),
                     badge(Verdict(row["verdict"]), lang).markup)
            # The labels make each row a card on a phone, as in the scorecard.
            body.append("<tr>" + "".join(f'<td{NUM if k in (2, 3) else ""} data-label="{labels[k]}">{c}</td>'
                                         for k, c in enumerate(cells)) + "</tr>")
    markup = (f'<table class="kh330-t scorecard units"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
              "</table>")
    table_block = on_screen_only(HTML(markup), lang=lang, note_key="print_units_left_out")
    return wrap(text + table_block.data, lang)

"""The outside view in words: how many similar cases in a pool rose as much as a target needs, in as many years."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import t
from .phrases import change_unit, lower_first, num, with_unit

if TYPE_CHECKING:  # annotations only: the assessment engine is not imported by the commands that only print
    from ..assess.assessment import Assessment


def outside_text(a: Assessment, lang: str = "vi") -> str:
    """`Trong 35 trường hợp tương tự (…), 0 trường hợp đã tăng thêm ít nhất 1,08 điểm % trong 9 năm.`, counted from
    the pool; from a national starting point, said so first; "" where there is no pool or nothing to count."""
    o, pool, start = a.outside, a.pool, a.outside_from
    if o is None or pool is None or start is None:
        return ""
    # Pool figures are in the pool's unit: a share's points, whatever the target's denominator (GDP or GRDP).
    unit = "%" if pool.unit == "percent" else a.target.unit
    geo, year, value = start
    lo, hi = (with_unit(max(x, 0.0), unit, lang, 2) for x in o.level_band)
    similar = t("ov_level", lang).format(lo=lo, hi=hi)
    if o.pace_band is not None:
        similar += t("ov_pace", lang).format(lo=num(o.pace_band[0], lang), hi=num(o.pace_band[1], lang),
                                             unit=change_unit(unit, lang))
    where = pool.label(lang)
    if not o.enough:
        text = t("ov_none" if o.cases == 0 else "ov_few", lang).format(pool=where, similar=similar, n=o.cases)
    else:
        text = t("ov_counted", lang).format(n=o.cases, pool=where, similar=similar, k=o.reached,
                                            rise=f"{num(o.rise, lang)} {change_unit(unit, lang)}", years=o.years)
        if o.observed < o.years:
            text = text.rstrip(".") + t("ov_observed", lang).format(years=o.observed)
    if geo != a.geo:
        text = t("ov_national", lang).format(value=with_unit(value, unit, lang, 2), year=year) + lower_first(text)
    return text


def outside_short(a: Assessment, lang: str = "vi") -> str:
    """The outside view in a table cell: `Nhóm tham chiếu: 0/34 trường hợp tương tự đã tăng ≥ 1,08 điểm % trong 9
    năm (từ mức cả nước: 0,42 %, 2021)`; "" where there is nothing to count."""
    o, pool, start = a.outside, a.pool, a.outside_from
    if o is None or pool is None or start is None:
        return ""
    unit = "%" if pool.unit == "percent" else a.target.unit
    geo, year, value = start
    if not o.enough:
        text = t("ovs_none" if o.cases == 0 else "ovs_few", lang).format(n=o.cases)
    else:
        text = t("ovs_counted", lang).format(k=o.reached, n=o.cases, years=o.years,
                                             rise=f"{num(o.rise, lang)} {change_unit(unit, lang, short=True)}")
        if o.observed < o.years:
            text += t("ovs_observed", lang).format(years=o.observed)
    if geo != a.geo:
        text += t("ovs_national", lang).format(value=with_unit(value, unit, lang, 2), year=year)
    return text

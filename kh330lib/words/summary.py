"""The message on top of the index and the scorecard (three lines), the one count of targets, and what each
reporting unit owes, in the reader's language; the same list for `kh330 status`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from .. import fmt
from ..codes import Band, Verdict
from ..data.calendar import Calendar, Owed, template_file_name
from ..data.catalog import Registry
from ..data.topics import Topic
from ..methods.likelihood import Chance
from . import status_name, verdict_name
from .phrases import date_text, goal_text, join_words, lower_first, num, value_text

if TYPE_CHECKING:  # annotations only: the assessment engine is not imported by the commands that only print
    from ..assess.assessment import Assessment

VI = {
    "count": "{total} chỉ tiêu: {with_data} có số liệu của Huế, {without} chưa có số liệu, {qual} định tính",
    "count_rows": "gồm {rows} dòng, vì {split} chỉ tiêu được tách theo {levels} trình độ đào tạo",
    "known_one": ("{name} ({goal}): mới nhất {latest} năm {year}; nếu giữ xu hướng, năm {deadline} khoảng "
                  "{median} ({lo}–{hi}); {chance} — chưa chắc chắn vì mới có {n} năm số liệu{weak}."),
    "known_no_projection": "{name} ({goal}): mới nhất {latest} năm {year}; mới có {n} năm số liệu, chưa đủ để dự báo.",
    "known_weak": ", trong đó {k} năm là số {status}",
    "known_more": "Thêm {n} chỉ tiêu khác có số liệu: xem bảng theo dõi.",
    "known_none": "Chưa chỉ tiêu nào của Kế hoạch có số liệu của Huế.",
    "unjudged": ("Chưa đánh giá được {without}/{total} chỉ tiêu vì Huế chưa có số liệu ({areas}){hightech}; "
                 "{qual} chỉ tiêu khác là định tính."),
    "unjudged_none": "Mọi chỉ tiêu đo bằng số đều đã có số liệu; {qual} chỉ tiêu khác là định tính.",
    "area_count": "{area} {n}",
    "no_hightech": "; chưa chỉ tiêu nào về nhân lực công nghệ cao có số liệu — số liệu duy nhất là {general} nói chung",
    "owed_overdue": "{overdue} nộp số liệu năm {period}: {who}",
    "owed_due": "Cần nộp số liệu năm {period}: {who}",
    "owed_unit": "{unit} ({n} chỉ số, hạn {due})",
    "owed_geos": "{missing}/{all} xã, phường (hạn {due})",
    "owed_assumed": "Hạn nộp là giả định vì Kế hoạch chỉ ghi “định kỳ”; cần Sở Giáo dục và Đào tạo ban hành lịch.",
    "owed_none": "Không đơn vị nào đang nợ số liệu.",
    "summary_title": "Tóm tắt",
    "label_known": "Đã biết:",
    "label_unjudged": "Chưa biết:",
    "label_owed": "Cần làm:",
    "owed_title": "Số liệu các đơn vị cần báo cáo",
    "owed_link": "Xem danh sách",
    "h_unit": "Đơn vị",
    "h_owes": "Cần báo cáo",
    "h_template": "Mẫu báo cáo",
    "h_due": "Hạn nộp",
    "h_state": "Tình trạng",
    "owes_text": "Số liệu năm {period}: {n} chỉ số",
    "owes_geos": "; {missing}/{all} xã, phường chưa gửi",
    "template_each": "{name} (mỗi xã, phường một tệp)",
    "geo_code": "<mã xã, phường>",
    "state_open": "chưa đến hạn",
    "clause": "mục {clause}",
    "due_assumed": "{date} (giả định)",
    "as_of": "So với ngày của số liệu: {date}.",
}

EN = {
    "count": "{total} targets: {with_data} with Huế data, {without} without data, {qual} qualitative",
    "count_rows": "{rows} rows, as {split} targets are split by {levels} training levels",
    "known_one": ("{name} ({goal}): latest {latest} in {year}; if the trend holds, about {median} ({lo}–{hi}) in "
                  "{deadline}; {chance} — uncertain, with only {n} years of data{weak}."),
    "known_no_projection": "{name} ({goal}): latest {latest} in {year}; {n} years of data, too few to project.",
    "known_weak": ", {k} of them marked {status}",
    "known_more": "{n} more targets have data: see the scorecard.",
    "known_none": "No target of the plan has Huế data yet.",
    "unjudged": ("{without} of {total} targets cannot be judged yet, as Huế has no data ({areas}){hightech}; "
                 "{qual} others are qualitative."),
    "unjudged_none": "Every measurable target has data; {qual} others are qualitative.",
    "area_count": "{area} {n}",
    "no_hightech": "; none of the high-tech targets has data — the only data are for the {general}",
    "owed_overdue": "{overdue}, the figures for {period}: {who}",
    "owed_due": "Due, the figures for {period}: {who}",
    "owed_unit": "{unit} ({n} indicators, due {due})",
    "owed_geos": "{missing} of {all} wards and communes (due {due})",
    "owed_assumed": "Due dates are assumed: the plan says only “periodically”; the Department of Education and "
                    "Training needs to set the schedule.",
    "owed_none": "No unit owes data.",
    "summary_title": "Summary",
    "label_known": "Known:",
    "label_unjudged": "Not known:",
    "label_owed": "To do:",
    "owed_title": "Data each unit must report",
    "owed_link": "See the list",
    "h_unit": "Unit",
    "h_owes": "Must report",
    "h_template": "Template",
    "h_due": "Due",
    "h_state": "State",
    "owes_text": "Figures for {period}: {n} indicators",
    "owes_geos": "; {missing} of {all} wards and communes have not sent theirs",
    "template_each": "{name} (one file per ward or commune)",
    "geo_code": "<ward code>",
    "state_open": "not yet due",
    "clause": "section {clause}",
    "due_assumed": "{date} (assumed)",
    "as_of": "Compared with the date of the data: {date}.",
}

# How likely the target is met, as a clause: "khả năng đạt ngang nhau" reads better than the band's own words.
CHANCE = {
    "vi": {Band.VERY_LIKELY: "rất có khả năng đạt", Band.LIKELY: "có khả năng đạt",
           Band.ABOUT_EVEN: "khả năng đạt và không đạt ngang nhau", Band.UNLIKELY: "ít khả năng đạt",
           Band.VERY_UNLIKELY: "rất ít khả năng đạt", "number": "khả năng đạt khoảng {p}"},
    "en": {Band.VERY_LIKELY: "very likely to be met", Band.LIKELY: "likely to be met",
           Band.ABOUT_EVEN: "about as likely as not to be met", Band.UNLIKELY: "unlikely to be met",
           Band.VERY_UNLIKELY: "very unlikely to be met", "number": "about {p} likely to be met"},
}

_BOOK = {"vi": VI, "en": EN}


def w(key: str, lang: str) -> str:
    return _BOOK[lang][key]


@dataclass(frozen=True)
class TargetCounts:
    """The one count of the plan's targets (each target once, whatever its training levels)."""

    total: int
    with_data: int
    without: int
    qualitative: int
    rows: int
    split: int
    levels: int


def count_targets(rows: Iterable[tuple[str, str, bool]]) -> TargetCounts:
    """Count targets, not rows, from (target id, kind, has data) per target × level: a target split by training
    level has data when any of its levels has."""
    by_target: dict[str, list[tuple[str, bool]]] = {}
    for target, kind, has_data in rows:
        by_target.setdefault(target, []).append((kind, has_data))
    qual = sum(1 for levels in by_target.values() if all(kind == "qualitative" for kind, _ in levels))
    with_data = sum(1 for levels in by_target.values() if any(kind != "qualitative" and has for kind, has in levels))
    split = [len(levels) for levels in by_target.values() if len(levels) > 1]
    return TargetCounts(len(by_target), with_data, len(by_target) - with_data - qual, qual,
                        sum(len(levels) for levels in by_target.values()), len(split), max(split, default=1))


def target_counts(assessments: Sequence[Assessment]) -> TargetCounts:
    """The one count of the assessed targets."""
    return count_targets((a.target.id, a.kind, a.has_data) for a in assessments)


def count_text(counts: TargetCounts, lang: str = "vi", rows: bool = True) -> str:
    """`33 chỉ tiêu: 1 có số liệu của Huế, 24 chưa có số liệu, 8 định tính (gồm 45 dòng, vì …)`."""
    text = w("count", lang).format(total=counts.total, with_data=counts.with_data, without=counts.without,
                                   qual=counts.qualitative)
    if rows and counts.split:
        text += " (" + w("count_rows", lang).format(rows=counts.rows, split=counts.split, levels=counts.levels) + ")"
    return text


# ---------------------------------------------------------------- the three lines


def chance_clause(chance: Chance, lang: str = "vi") -> str:
    """`khả năng đạt và không đạt ngang nhau` / `likely to be met` (or `khả năng đạt khoảng 65 %`)."""
    if chance.as_number:
        return CHANCE[lang]["number"].format(p=fmt.percent(5 * round(20 * chance.combined), lang, 0))
    return CHANCE[lang][Band(chance.band)]


def _known(a: Assessment, lang: str) -> str:
    name = a.target.label(lang)
    latest = value_text(a.latest_value, a.target.unit, lang, a.integer)
    statuses = [str(s) for s in a.series["status"]]
    weak_status = next((s for s in ("assumption", "proxy", "estimate", "provisional") if s in statuses), None)
    weak = (w("known_weak", lang).format(k=statuses.count(weak_status), status=status_name(weak_status, lang))
            if weak_status else "")
    q = a.at_deadline()
    if q is None or a.chance is None:
        return w("known_no_projection", lang).format(name=name, goal=goal_text(a.target, lang), latest=latest,
                                                     year=a.latest_year, n=a.n_points)
    return w("known_one", lang).format(
        name=name, goal=goal_text(a.target, lang), latest=latest, year=a.latest_year, deadline=a.target.deadline,
        median=value_text(q["median"], a.target.unit, lang, a.integer, fixed=True),
        lo=num(q["lo80"], lang, a.integer, True), hi=value_text(q["hi80"], a.target.unit, lang, a.integer, fixed=True),
        chance=chance_clause(a.chance, lang), n=a.n_points, weak=weak)


def known_line(assessments: Sequence[Assessment], lang: str = "vi", most: int = 2) -> str:
    """What is known about the targets with Huế data: level, where the trend leads, the chance and why."""
    with_data = [a for a in assessments if a.kind != "qualitative" and a.has_data]
    if not with_data:
        return w("known_none", lang)
    parts = [_known(a, lang) for a in with_data[:most]]
    if len(with_data) > most:
        parts.append(w("known_more", lang).format(n=len({a.target.id for a in with_data[most:]})))
    return " ".join(parts)


def unjudged_line(assessments: Sequence[Assessment], registry: Registry, topics: Sequence[Topic],
                  lang: str = "vi") -> str:
    """How many targets cannot be judged and in which areas; said plainly when no high-tech target has data."""
    counts = target_counts(assessments)
    if not counts.without:
        return w("unjudged_none", lang).format(qual=counts.qualitative)
    without = {a.target.id for a in assessments if a.kind != "qualitative"} - {
        a.target.id for a in assessments if a.kind != "qualitative" and a.has_data}
    areas = [w("area_count", lang).format(area=tp.short(lang), n=n) for tp in topics
             for n in [sum(1 for x in tp.targets if x in without)] if n]
    general = [a for a in assessments if a.has_data and a.indicator is not None and a.indicator.general]
    hightech = [a for a in assessments if a.has_data and a.indicator is not None and not a.indicator.general]
    no_hightech = ""
    if general and not hightech:
        names = join_words(list(dict.fromkeys(lower_first(a.indicator.label(lang)) for a in general
                                              if a.indicator is not None)), lang)
        no_hightech = w("no_hightech", lang).format(general=names)
    return w("unjudged", lang).format(without=counts.without, total=counts.total, areas=", ".join(areas),
                                      hightech=no_hightech, qual=counts.qualitative)


def owed_line(owed: Sequence[Owed], registry: Registry, calendar: Calendar, lang: str = "vi") -> str:
    """Which units owe which data, and by when (overdue first); the due dates' status when assumed."""
    open_ = [o for o in owed if o.missing]
    if not open_:
        return w("owed_none", lang)
    sentences = []
    for overdue in (True, False):
        group = [o for o in open_ if o.overdue == overdue]
        for period in sorted({o.period for o in group}):
            who = [_owed_who(o, registry, lang) for o in group if o.period == period]
            key = "owed_overdue" if overdue else "owed_due"
            sentences.append(w(key, lang).format(period=period, who=join_words(who, lang),
                                                 overdue=verdict_name(Verdict.OVERDUE, lang)) + ".")
    if calendar.assumed:
        sentences.append(w("owed_assumed", lang))
    return " ".join(sentences)


def _owed_who(o: Owed, registry: Registry, lang: str) -> str:
    due = date_text(o.due, lang)
    if len(o.geos) > 1:
        return w("owed_geos", lang).format(missing=o.geos_missing, all=len(o.geos), due=due)
    return w("owed_unit", lang).format(unit=registry.units[o.unit].label(lang), n=len(o.missing), due=due)


def top_lines(assessments: Sequence[Assessment], registry: Registry, topics: Sequence[Topic],
              owed: Sequence[Owed], calendar: Calendar, lang: str = "vi") -> tuple[str, str, str]:
    """The three lines on top: what is known, what cannot be judged yet, what is owed by whom and when."""
    return (known_line(assessments, lang), unjudged_line(assessments, registry, topics, lang),
            owed_line(owed, registry, calendar, lang))


# ---------------------------------------------------------------- what is owed, as a table


@dataclass(frozen=True)
class OwedRow:
    """One unit's line of the owed-data table, in words."""

    unit: str
    clause: str
    owes: str
    # The indicators owed, each in words (the page shows them on screen; paper has the count and the template).
    names: tuple[str, ...]
    template: str
    due: str
    state: str
    overdue: bool


def owed_rows(owed: Sequence[Owed], registry: Registry, calendar: Calendar, lang: str = "vi") -> list[OwedRow]:
    """Per unit: what it owes (period, indicators), the template file, the due date, and whether it is overdue."""
    out = []
    for o in owed:
        names = tuple(lower_first(registry.indicators[i].label(lang)) for i in o.missing)
        owes = w("owes_text", lang).format(period=o.period, n=len(o.missing)) if o.missing else ""
        if len(o.geos) > 1 and o.missing:
            owes += w("owes_geos", lang).format(missing=o.geos_missing, all=len(o.geos))
        template = o.template or w("template_each", lang).format(
            name=template_file_name(o.unit, w("geo_code", lang)))
        due = date_text(o.due, lang)
        if calendar.assumed:
            due = w("due_assumed", lang).format(date=due)
        state = verdict_name(Verdict.OVERDUE, lang).lower() if o.overdue else w("state_open", lang)
        out.append(OwedRow(registry.units[o.unit].label(lang), w("clause", lang).format(clause=o.clause), owes, names,
                           template, due, state, o.overdue))
    return out


def owed_text(rows: Sequence[OwedRow], lang: str = "vi", as_of: str = "", assumed: bool = False) -> str:
    """The owed-data list as plain text for a terminal or a log (`kh330 status`)."""
    title = w("owed_title", lang)
    lines = [title, "=" * len(title)]
    for r in rows:
        lines.append(f"{r.unit} ({r.clause}): {r.state.upper() if r.overdue else r.state}")
        lines.append(f"    {w('h_owes', lang)}: {r.owes or '–'}")
        lines += [f"      - {name}" for name in r.names]
        lines.append(f"    {w('h_template', lang)}: {r.template}")
        lines.append(f"    {w('h_due', lang)}: {r.due}")
    if as_of:
        lines.append(w("as_of", lang).format(date=as_of))
    if assumed:
        lines.append(w("owed_assumed", lang))
    return "\n".join(lines)

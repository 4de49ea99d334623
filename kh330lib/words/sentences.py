"""Sentences about assessments and the data: where a target stands, the pace it needs, what is missing."""

from __future__ import annotations

from typing import Sequence

from .. import fmt
from ..assess.assessment import Assessment
from ..assess.history import HistoryKey, VerdictAt, last_change
from ..codes import Band, Verdict
from ..data.catalog import Target
from ..data.pools import Similar
from ..data.scenarios import ASSUMPTION_SOURCE
from ..data.status import proxies_for, target_status
from ..data.tables import WEAK_STATUSES, Dataset
from ..data.vintages import history_dates
from ..methods.attainment import round_money
from ..methods.settings import Methods
from ..store.settings import load_methods
from . import (
    band_name,
    breakdown_name,
    evidence_name,
    model_name,
    period_text,
    reasons_text,
    status_name,
    t,
    unsd_name,
    verdict_name,
)
from .phrases import (
    chance_text,
    change_text,
    date_text,
    goal_text,
    join_words,
    lower_first,
    num,
    reporters_text,
    series_label,
    share_text,
    status_counts,
    subject,
    target_names,
    value_text,
    with_unit,
)
from .summary import count_targets, count_text

# ---------------------------------------------------------------- one assessment, in short


def latest_text(a: Assessment, lang: str = "vi") -> str:
    """`72,5 % (2024, ước tính)` or, for cumulative targets, the total so far."""
    if not a.has_data:
        return t("no_data", lang)
    if a.kind == "cumulative" and a.cumulative is not None and a.cumulative.total is not None:
        c = a.cumulative
        return (f"{value_text(c.total, a.target.unit, lang, True)} "
                f"({t('total_since', lang).format(start=c.start, year=max(c.years_reported))})")
    return (f"{value_text(a.latest_value, a.target.unit, lang, a.integer)} "
            f"({a.latest_year}, {status_name(a.latest_status, lang)})")


def projection_text(a: Assessment, lang: str = "vi") -> str:
    """`81,9 % (79,7–83,9)`: median in the deadline year and its 80 % interval."""
    if a.kind == "cumulative" and a.cumulative is not None and a.cumulative.projected_total is not None:
        return value_text(a.cumulative.projected_total, a.target.unit, lang, True, fixed=True)
    q = a.at_deadline()
    if q is None:
        return "–"
    return (f"{value_text(q['median'], a.target.unit, lang, a.integer, fixed=True)} "
            f"({num(q['lo80'], lang, a.integer, True)}–{num(q['hi80'], lang, a.integer, True)})")


def pace_values(a: Assessment) -> tuple[float | None, float | None, float | None]:
    """(required, observed, required ÷ observed) per year, for level and cumulative targets."""
    if a.kind == "cumulative" and a.cumulative is not None:
        c = a.cumulative
        return c.pace_needed, c.pace_so_far, c.acceleration_factor
    if a.pace is None:
        return None, None, None
    return a.pace.required_annual_change, a.pace.observed_annual_change, a.pace.acceleration_factor


def needs_text(a: Assessment, dataset: Dataset, lang: str = "vi") -> str:
    """`cần báo cáo của …` for a target without Huế data."""
    ind = a.indicator
    return t("needs_short", lang).format(who=reporters_text(ind, dataset, lang, short=True)) if ind else ""


# ---------------------------------------------------------------- one assessment, in sentences


def _goal_phrase(a: Assessment, lang: str) -> str:
    """`vượt 80 %` / `exceed 80%`."""
    verb = t(f"verb_{a.target.comparator or '>='}", lang)
    return f"{verb} {value_text(a.target.value, a.target.unit, lang, a.integer)}"


def _pace_clause(a: Assessment, lang: str) -> str:
    """`để vượt 80 % vào năm 2030 cần tăng trung bình 1,25 điểm phần trăm mỗi năm, thấp hơn …`."""
    req, obs, factor = pace_values(a)
    if req is None:
        return ""
    unit, integer = a.target.unit, a.integer
    cum = "cum_" if a.kind == "cumulative" else ""
    direction = t("rise" if req >= 0 else "fall", lang)
    out = t(f"{cum}pace_needed", lang).format(goal=_goal_phrase(a, lang), deadline=a.target.deadline,
                                              direction=direction,
                                              req=change_text(abs(req), unit, lang, short=False, integer=integer))
    if obs is None:
        return out
    span = f"{a.base.year}–{a.latest_year}" if a.base is not None and a.base.year is not None else ""
    obs_text = change_text(obs, unit, lang, short=False, integer=integer)
    if factor is None:
        return out + t(f"{cum}pace_wrong_way", lang).format(span=span, obs=obs_text)
    key = "pace_faster" if factor > 1 else "pace_slower" if factor < 1 else "pace_same"
    return out + t(f"{cum}{key}", lang).format(factor=num(factor, lang), span=span, obs=obs_text)


def no_data_sentence(target: Target, dataset: Dataset, breakdown: str = "", lang: str = "vi") -> str:
    """`Huế chưa có số liệu về …; cần báo cáo định kỳ của …` for a target without Huế data."""
    ind = dataset.registry.indicators[target.indicator] if target.indicator else None
    if ind is None:
        return t("qualitative_sentence", lang).format(label=target.label(lang))
    bd = breakdown_name(breakdown, lang)
    label = ind.label(lang) + (f" ({bd})" if bd else "")
    sentence = t("no_data_sentence", lang).format(label=lower_first(label), goal=goal_text(target, lang))
    sentence += " " + t("needs", lang).format(who=reporters_text(ind, dataset, lang))
    proxies = proxies_for(dataset, ind.id, breakdown)
    if proxies:
        p = proxies[0]
        sentence += " " + t("proxy_sentence", lang).format(
            label=series_label(dataset, p.indicator, p.geo, lang),
            value=with_unit(p.latest.value, p.unit, lang, 2) if p.latest else "–",
            year=p.latest.year if p.latest else "–")
    return sentence


def target_sentences(a: Assessment, dataset: Dataset, lang: str = "vi") -> list[str]:
    """Plain sentences about one target: where it stands, the pace it needs, where the trend leads."""
    if a.kind == "qualitative":
        return [t("qualitative_sentence", lang).format(label=a.target.label(lang))]
    if not a.measured and not a.has_assumptions:
        return [no_data_sentence(a.target, dataset, a.breakdown, lang)]
    who = subject(a.target, a.breakdown, lang)
    integer = a.integer
    out: list[str] = []
    if a.kind == "milestone":
        ms = a.milestone
        key = f"milestone_{ms.status}" if ms is not None and ms.status else "milestone_not_yet"
        out.append(t(key, lang).format(subject=who, year=a.latest_year, deadline=a.target.deadline,
                                       achieved=ms.year_achieved if ms else ""))
        return out
    if a.kind == "cumulative" and a.cumulative is not None and a.cumulative.total is not None:
        c = a.cumulative
        latest = max(c.years_reported)
        key = "cumulative_one_year" if c.start == latest else "cumulative_now"
        first = t(key, lang).format(subject=who, total=value_text(c.total, a.target.unit, lang, True),
                                    start=c.start, year=latest)
        pace_clause = _pace_clause(a, lang)
        out.append(first + (f"; {pace_clause}." if pace_clause and c.status != Verdict.ACHIEVED else "."))
        if c.missing_years:
            out.append(t("cumulative_missing", lang).format(years=join_words([str(y) for y in c.missing_years],
                                                                              lang)))
        return out
    first = t("level_now", lang).format(subject=who, year=a.latest_year, status=status_name(a.latest_status, lang),
                                        value=value_text(a.latest_value, a.target.unit, lang, integer))
    if a.progress is not None and a.progress.status == Verdict.TARGET_ACHIEVED:
        out.append(first + "; " + t("already_met", lang).format(goal=goal_text(a.target, lang)) + ".")
    else:
        pace_clause = _pace_clause(a, lang)
        out.append(first + (f"; {pace_clause}." if pace_clause else "."))
    no_ratio = a.verdict == Verdict.INSUFFICIENT_DATA or (a.progress is not None and a.progress.ratio is None)
    why = reasons_text(a.reason, lang) if no_ratio and a.reason else None
    if why:
        # Data exist but the pace cannot be judged: say why (e.g. a base year chosen at the latest data).
        out.append(t("not_assessed_because", lang).format(why=why))
    q = a.at_deadline()
    if q is not None:
        lead = (t("if_scenario", lang).format(label=a.scenario.label(lang)) if a.projection.adjustments
                else t("if_trend", lang))
        out.append(t("projection_sentence", lang).format(
            lead=lead, deadline=a.target.deadline,
            median=value_text(q["median"], a.target.unit, lang, integer, fixed=True),
            lo=num(q["lo80"], lang, integer, True), hi=num(q["hi80"], lang, integer, True),
            p=chance_text(a.chance, lang)))
    elif a.n_points:
        out.append(t("too_few_points" if a.n_points > 1 else "one_point", lang).format(n=a.n_points))
    out += assumption_sentences(a, lang)
    return out


def assumption_sentences(a: Assessment, lang: str = "vi") -> list[str]:
    """Which values are assumptions, and whose: the scenario's or the data file's."""
    scenario_source = ASSUMPTION_SOURCE.format(name=a.scenario.name)
    rows = a.series[a.series["status"] == "assumption"]
    out = []
    for from_scenario in (True, False):
        sel = rows[(rows["source"] == scenario_source) == from_scenario]
        if len(sel):
            years = join_words([str(int(y)) for y in sel["year"]], lang)
            key = "assumption_scenario" if from_scenario else "assumption_data"
            out.append(t(key, lang).format(years=years, label=a.scenario.label(lang)))
    return out


def group_no_data_sentence(group: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> str:
    """One sentence for every target and level of an indicator without Huế data: what, who, any proxy."""
    a = group[0]
    ind = a.indicator
    if ind is None:
        return t("qualitative_sentence", lang).format(label=a.target.label(lang))
    levels = [breakdown_name(b, lang) for b in dict.fromkeys(g.breakdown for g in group) if b]
    label = lower_first(ind.label(lang)) + (f" ({join_words(levels, lang)})" if levels else "")
    goals = join_words(list(dict.fromkeys(goal_text(g.target, lang) for g in group)), lang)
    sentence = t("no_data_sentence", lang).format(label=label, goal=goals)
    sentence += " " + t("needs", lang).format(who=reporters_text(ind, dataset, lang))
    if a.proxies:
        p = a.proxies[0]
        last = p.series.iloc[-1] if len(p.series) else None
        if last is not None:
            sentence += " " + t("proxy_sentence", lang).format(
                label=series_label(dataset, p.indicator, p.geo, lang),
                value=value_text(float(last["value"]), p.unit, lang), year=int(last["year"]))
    return sentence


def evidence_sentence(a: Assessment, lang: str = "vi") -> str:
    """`Độ vững của bằng chứng: trung bình — 4 điểm (2 chính thức, 2 ước tính), mới nhất năm 2024.`"""
    if not a.has_data:
        return ""
    text = t("evidence_sentence", lang).format(level=evidence_name(a.evidence.level, lang), n=a.n_points,
                                               statuses=status_counts(a.series["status"], lang),
                                               year=a.latest_year)
    if a.projection is not None:
        text += " " + t("model_sentence", lang).format(model=model_name(a.projection.model, lang))
    return text


# ---------------------------------------------------------------- many assessments


def key_messages(assessments: Sequence[Assessment], dataset: Dataset, lang: str = "vi") -> list[str]:
    """The brief's key messages: one or two sentences per target with data, then what is missing."""
    out = []
    for a in assessments:
        if a.kind != "qualitative" and (a.measured or a.has_assumptions):
            out.append(" ".join(target_sentences(a, dataset, lang)))
    measurable = [a for a in assessments if a.kind != "qualitative"]
    without = [a for a in measurable if not a.measured]
    if without:
        units: list[str] = []
        for a in without:
            for u in (a.indicator.reporters if a.indicator else ()):
                if u in dataset.registry.units and u not in units:
                    units.append(u)
        who = join_words([f"{dataset.registry.units[u].label(lang)} ({t('section', lang)} "
                          f"{dataset.registry.units[u].clause})" for u in units], lang)
        # Targets, not rows: a target split by training level counts once (the one count of every page).
        counts = count_targets((a.target.id, a.kind, a.measured) for a in assessments)
        out.append(t("gaps_sentence", lang).format(with_data=counts.with_data, total=counts.total,
                                                   without=counts.without, who=who))
    n_qual = len({a.target.id for a in assessments if a.kind == "qualitative"})
    if n_qual:
        out.append(t("qualitative_count", lang).format(n=n_qual))
    return out


def money_sentences(assessments: Sequence[Assessment], lang: str = "vi") -> list[str]:
    """`Năm 2030, nếu GRDP theo xu hướng đạt khoảng … tỷ đồng, chi 1,5 % GRDP cho R&D tương đương …`."""
    out = []
    step = load_methods().money_round_to
    for a in assessments:
        if a.own_money is None or a.money_projection is None:
            continue
        # Rounded to what the evidence supports (params/methods.yaml money_view.round_to).
        cell = a.own_money.rounded(step)
        grdp = {k: round_money(v, step) for k, v in a.money_projection.at(cell.year).items()}
        out.append(t("money_sentence", lang).format(
            year=cell.year, grdp=value_text(grdp["median"], "billion VND", lang, True, True),
            glo=num(grdp["lo80"], lang, True, True), ghi=num(grdp["hi80"], lang, True, True),
            share=value_text(cell.share, a.target.unit, lang),
            money=value_text(cell.median, "billion VND", lang, True, True),
            lo=num(cell.lo80, lang, True, True), hi=num(cell.hi80, lang, True, True)))
    if not out:
        reason = next((a.reasons["money"] for a in assessments if a.reasons.get("money")), None)
        why = reasons_text((reason,), lang) if reason is not None and lang == "en" else None
        out.append(t("money_none", lang) + (f" ({why})" if why else ""))
    return out


def audit_summary(dataset: Dataset, lang: str = "vi") -> list[str]:
    """Plain sentences: how much data there is, and how many targets Huế can measure."""
    reg = dataset.registry
    obs = dataset.observations
    counts = count_targets((tg.id, tg.kind, s.has_data) for tg in reg.targets for s in target_status(dataset, tg))
    weak = obs[obs["status"].isin(WEAK_STATUSES)]
    out = [
        t("audit_counts", lang).format(obs=len(obs), ind=obs["indicator"].nunique(), n_ind=len(reg.indicators),
                                       src=obs["source"].nunique(), first=int(obs["year"].min()) if len(obs) else "–",
                                       last=int(obs["year"].max()) if len(obs) else "–"),
        t("audit_targets", lang).format(count=count_text(counts, lang)),
    ]
    if len(weak):
        out.append(t("audit_weak", lang).format(n=len(weak)))
    return out


def caveats(dataset: Dataset, lang: str = "vi") -> list[str]:
    """Data caveats in plain words: definitions, series breaks, proxies, estimates and assumptions."""
    out = [t(f"caveat_{k}", lang) for k in ("definition", "proxy", "estimate", "assumption", "intervals",
                                            "not_forecast")]
    obs = dataset.observations
    for ind in dataset.registry.indicators.values():
        if not ind.breaks or not (obs["indicator"] == ind.id).any():
            continue
        periods = join_words([period_text(b.period, lang) for b in ind.breaks], lang)
        text = t("caveat_break", lang).format(label=ind.label(lang), periods=periods)
        if lang == "en":
            text += " (" + "; ".join(b.note for b in ind.breaks) + ")"
        out.append(text)
    return out


def _bands_text(methods: Methods, lang: str) -> str:
    edges = ((Band.VERY_LIKELY, methods.very_likely), (Band.LIKELY, methods.likely),
             (Band.ABOUT_EVEN, methods.about_even), (Band.UNLIKELY, methods.unlikely))
    out = [t("band_from", lang).format(band=band_name(b, lang), p=share_text(p, lang)) for b, p in edges]
    out.append(t("band_below", lang).format(band=band_name(Band.VERY_UNLIKELY, lang),
                                            p=share_text(methods.unlikely, lang)))
    return join_words(out, lang)


def _weights_text(methods: Methods, lang: str) -> str:
    weights = methods.forecast.weights
    return join_words([f"{model_name(name, lang)} {share_text(w, lang)}" for name, w in weights.items() if w > 0],
                      lang)


def _verdict_rules(methods: Methods, lang: str) -> str:
    return join_words([t("band_gives", lang).format(band=band_name(band, lang), verdict=verdict_name(v, lang))
                       for band, v in methods.verdict_bands.items()], lang)


def methods_paragraphs(methods: Methods, revision_points: float, similar: Similar | None = None,
                       lang: str = "vi") -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) explaining every rule in plain words, numbers read from params/methods.yaml."""
    m = methods
    f = m.forecast
    # A level with no practical age limit (e.g. 100 years) is described by its point count alone.
    levels = "; ".join(
        t("evidence_rule" if r.max_age < 50 else "evidence_rule_any_age", lang).format(
            level=evidence_name(r.level, lang), n=r.min_points, age=r.max_age)
        for r in m.evidence_rules)
    factors = "; ".join(f"{t('cal_h', lang).format(h=h)} ×{fmt.number(k, lang, 2)}"
                        for h, k in enumerate(f.widening, start=1))
    projection = [
        t("m_projection", lang).format(n=f.min_points, end=m.horizon_end, paths=fmt.number(m.n_paths, lang, 0),
                                       window=f.peer.window, phi=share_text(f.peer.phi, lang),
                                       kappa=share_text(f.peer.pool_drift, lang), weights=_weights_text(m, lang),
                                       floor=f"{num(revision_points, lang)} {t('pp', lang)}"),
        t("m_probability", lang).format(points=m.min_points_number, range=num(100 * m.max_range, lang),
                                        bands=_bands_text(m, lang)),
    ]
    if similar is not None:
        projection.append(t("m_outside", lang).format(level=num(similar.level, lang), pace=num(similar.pace, lang),
                                                      years=similar.years, follow=similar.follow,
                                                      cases=similar.min_cases))
    return [
        (t("m_h_verdict", lang), [
            t("m_verdict", lang).format(rules=_verdict_rules(m, lang), met=verdict_name(Verdict.TARGET_ACHIEVED, lang),
                                        none=verdict_name(Verdict.INSUFFICIENT_DATA, lang)),
        ]),
        (t("m_h_status", lang), [
            t("m_status", lang).format(base=m.years_before_latest, on=share_text(m.on_track, lang),
                                       acc=share_text(m.needs_acceleration, lang),
                                       lim=share_text(m.limited_progress, lang), n=m.min_points_progress,
                                       target_achieved=verdict_name(Verdict.TARGET_ACHIEVED, lang)),
            t("m_unsd", lang).format(on=share_text(m.unsd_on_track, lang),
                                     fair=share_text(m.unsd_fair_progress, lang),
                                     tol=fmt.number(m.near_bound_tolerance, lang, 1),
                                     on_track=unsd_name("on_track", lang),
                                     fair_progress=unsd_name("fair_progress", lang),
                                     stagnation=unsd_name("stagnation_or_regression", lang)),
            t("m_pace", lang).format(step=fmt.number(m.strict_step, lang, 2)),
        ]),
        (t("m_h_projection", lang), projection),
        (t("m_h_backtest", lang), [t("m_backtest", lang).format(factors=factors, local=f.local_years)]),
        (t("m_h_evidence", lang), [t("m_evidence", lang).format(levels=levels)]),
    ]


# ---------------------------------------------------------------- verdicts across data vintages


def change_sentence(history: list[VerdictAt], lang: str = "vi") -> str | None:
    """A key-message sentence when the verdict changed between vintages, else None."""
    hit = last_change(history)
    if hit is None:
        return None
    before, after = hit
    return t("change_sentence", lang).format(before=verdict_name(before.verdict, lang),
                                             after=verdict_name(after.verdict, lang),
                                             date=date_text(after.as_of, lang))


def history_messages(dataset: Dataset, histories: dict[HistoryKey, list[VerdictAt]], lang: str = "vi") -> list[str]:
    """One sentence per target × level whose verdict changed: `<target>: Đánh giá đã thay đổi từ … sang …`."""
    changed = [(key, s) for key, s in ((key, change_sentence(h, lang)) for key, h in histories.items()) if s]
    names = target_names([(dataset.registry.target(tid), breakdown) for (tid, breakdown), _ in changed], lang)
    return [f"{name}: {sentence}" for name, (_, sentence) in zip(names, changed)]


def history_summary(dataset: Dataset, histories: dict[HistoryKey, list[VerdictAt]], n_last: int = 3,
                    lang: str = "vi") -> list[str]:
    """Sentences for the brief: each verdict that changed, or one sentence saying none did (or no report yet)."""
    messages = history_messages(dataset, histories, lang)
    if messages:
        return messages
    dates = [d for d in history_dates(dataset, n_last) if d is not None]
    if not dates:
        return [t("history_none", lang)]
    return [t("history_stable", lang).format(dates=", ".join(date_text(d, lang) for d in dates))]

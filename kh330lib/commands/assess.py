"""`kh330 assess`: will each target be met, how likely, at what pace (text in Vietnamese or English, or JSON)."""

from __future__ import annotations

import argparse
import json
import re
import textwrap

from .. import fmt
from ..attainment import EVIDENCE_LABELS, VERDICT_LABELS
from ..engine import DEFAULT_SEED, Assessment, assess_all, assess_levels, check_base_year, load_methods
from ..errors import InputError, Problem
from ..i18n import BREAKDOWN_LABELS, STATUS_LABELS
from ..observations import load_dataset
from ..scenarios import load_scenario
from ..status import goal_text
from .check import add_data_options

YEAR_RANGE = (1900, 2100)
JSON_KEYS = ("target, indicator, geo, breakdown, kind, comparator, target_value, unit, deadline, scenario, "
             "n_points, first_year, latest_year, latest_value, latest_status, statuses, includes_assumptions, "
             "base_year, base_value, evidence, evidence_detail, observed_annual_change, required_annual_change, "
             "acceleration_factor, progress {cagr_observed, cagr_required, ratio, status}, "
             "unsd {expected_value, ratio, status}, projection {model, scale, year, median, lo80, hi80, lo95, "
             "hi95, widening, adjustments}, threshold, p_meet, p_meet_by, expected_year, "
             "backtest {mase, rmse, coverage80, coverage95, n_origins, n_errors, mase_naive, by_horizon, "
             "enough_history, choice, widening}, "
             "reason, reasons, notes, proxies; plus cumulative {...} for cumulative targets, milestone {...} "
             "for milestones and money {...} for R&D share targets")

TEXT = {
    "vi": {
        "data": "Số liệu {where}: {n} điểm, {first}–{last}; mới nhất {value} ({year}, {status}). Bằng chứng: {ev}.",
        "no_data_geo": "Chưa có số liệu cho {geo}.",
        "data_assumed": "Chỉ có giá trị giả định (không phải số liệu đo được): {n} điểm, {first}–{last}; "
                        "mới nhất {value} ({year}). Bằng chứng: {ev}.",
        "no_data": "Chưa có số liệu của Huế — chưa thể đánh giá chỉ tiêu này.",
        "qualitative": "Mục tiêu định tính, không có chỉ số đo.",
        "assumption": "Lưu ý: chuỗi có giá trị giả định của kịch bản «{name}» (không phải số liệu đo được).",
        "growth": "Tăng trưởng bình quân (Open SDG/Eurostat, năm gốc {base}): thực tế {obs}/năm, cần {req}/năm; "
                  "tỷ số {ratio} → {status}.",
        "growth_na": "Tăng trưởng bình quân (Open SDG/Eurostat): {status}.",
        "unsd": "Giá trị kỳ vọng năm {deadline} (UNSD): {value}; tỷ số {ratio} → {status}.",
        "pace": "Nhịp độ: thực tế {obs}/năm, cần {req}/năm từ nay đến {deadline}; hệ số tăng tốc {factor}.",
        "projection": "Dự báo năm {deadline} ({model}): {median} (khoảng 80 %: {lo80}–{hi80}; "
                      "khoảng 95 %: {lo95}–{hi95}).",
        "pace_required": "Nhịp độ cần thiết: {req}/năm từ nay đến {deadline}.",
        "widened": "Khoảng dự báo đã được nới rộng ×{factor} theo kiểm định ngược.",
        "adjusted": "Điều chỉnh của kịch bản: {what}.",
        "prob": "Xác suất đạt vào năm {deadline}: {p}; đạt vào bất kỳ năm nào đến {deadline}: {p_by}; "
                "năm đạt (trung vị): {year}.",
        "backtest": "Kiểm định ngược: {origins} điểm gốc, {errors} giá trị kiểm tra; MASE {mase}; "
                    "độ phủ khoảng 80 %: {c80}, 95 %: {c95}.",
        "too_little": "Quá ít số liệu để chọn mô hình bằng kiểm định ngược: dùng mô hình xu hướng đơn giản nhất.",
        "no_projection": "Không dự báo: {why}.",
        "cumulative": "Cộng dồn từ {start}: {total} ({years}); nhịp độ đến nay {so_far}/năm, cần {need}/năm → {status}.",
        "cumulative_na": "Cộng dồn: {status} ({why}).",
        "milestone": "Mốc: {status}.",
        "money": "Quy đổi: {share} GRDP năm {year} ≈ {median} tỷ đồng (khoảng 80 %: {lo80}–{hi80}), "
                 "theo dự báo GRDP ({model}).",
        "proxy": "↳ Số liệu thay thế (proxy), chỉ để tham khảo, không phải tình trạng của Huế: {label}: "
                 "{value} ({year}){proj}.",
        "proxy_proj": "; xu hướng đến {year}: {median}",
        "after": "sau {year}",
        "summary": "{n} mục tiêu/trình độ; {data} có số liệu của Huế; kịch bản: {scenario}.",
        "scenario": "Kịch bản: {label}",
    },
    "en": {
        "data": "{where} data: {n} point(s), {first}–{last}; latest {value} ({year}, {status}). Evidence: {ev}.",
        "no_data_geo": "No data for {geo}.",
        "data_assumed": "Assumed values only (not measured data): {n} point(s), {first}–{last}; latest {value} "
                        "({year}). Evidence: {ev}.",
        "no_data": "No Huế data — this target cannot be assessed yet.",
        "qualitative": "Qualitative target, no measurable indicator.",
        "assumption": "Note: the series includes values assumed by scenario '{name}' (not measured data).",
        "growth": "Average growth (Open SDG/Eurostat, base year {base}): observed {obs}/year, required {req}/year; "
                  "ratio {ratio} → {status}.",
        "growth_na": "Average growth (Open SDG/Eurostat): {status}.",
        "unsd": "Expected value in {deadline} (UNSD): {value}; ratio {ratio} → {status}.",
        "pace": "Pace: observed {obs}/year, required {req}/year from now to {deadline}; acceleration factor {factor}.",
        "projection": "Projection for {deadline} ({model}): {median} (80% interval {lo80}–{hi80}; "
                      "95% interval {lo95}–{hi95}).",
        "pace_required": "Required pace: {req}/year from now to {deadline}.",
        "widened": "Intervals widened ×{factor} after backtesting.",
        "adjusted": "Scenario adjustment: {what}.",
        "prob": "Probability of meeting it in {deadline}: {p}; in any year up to {deadline}: {p_by}; "
                "median year reached: {year}.",
        "backtest": "Backtest: {origins} origin(s), {errors} held-out value(s); MASE {mase}; "
                    "coverage of 80% intervals {c80}, of 95% intervals {c95}.",
        "too_little": "Too little history to choose a model by backtest: the simplest trend model is used.",
        "no_projection": "No projection: {why}.",
        "cumulative": "Cumulative since {start}: {total} ({years}); pace so far {so_far}/year, needed {need}/year "
                      "→ {status}.",
        "cumulative_na": "Cumulative: {status} ({why}).",
        "milestone": "Milestone: {status}.",
        "money": "In money: {share} of GRDP in {year} ≈ {median} billion VND (80% interval {lo80}–{hi80}), "
                 "from the GRDP projection ({model}).",
        "proxy": "↳ Proxy, for reference only, not Huế's status: {label}: {value} ({year}){proj}.",
        "proxy_proj": "; trend to {year}: {median}",
        "after": "after {year}",
        "summary": "{n} target(s)/level(s); {data} with Huế data; scenario: {scenario}.",
        "scenario": "Scenario: {label}",
    },
}


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "assess", help="assess targets: verdicts, projection, probability, pace",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="\n\n".join(textwrap.fill(par, 100) for par in (
            "For each level target: growth ratio (Open SDG/Eurostat), expected-value ratio (UNSD), observed vs "
            "required annual change, a projection with 80 %/95 % intervals, P(met) and the median year reached; "
            "cumulative totals and milestones for the other kinds. Methods and thresholds: params/methods.yaml.",
            "--json prints a list of objects for --all; for --target it prints one object, or a list with one "
            "object per level when the target is set per training level and --breakdown is not given.",
            "JSON keys: " + JSON_KEYS + ". Anything not computable is null, and 'reason'/'reasons' say why.")))
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--target", metavar="ID", help="one target id from params/targets.yaml")
    which.add_argument("--all", action="store_true", help="every target in the registry")
    p.add_argument("--geo", metavar="GEO", help="geo code (default: the target's, VN-HUE)")
    p.add_argument("--breakdown", metavar="LEVEL", help="one training level of a target set per level")
    p.add_argument("--base-year", metavar="YEAR", type=int,
                   help="base year of the growth ratios (default: latest year − 5, or the first year after it "
                        "with data)")
    p.add_argument("--scenario", metavar="PATH",
                   help="scenario file or name under params/scenarios/ (default: baseline, trend only)")
    p.add_argument("--seed", metavar="N", type=int, default=DEFAULT_SEED,
                   help=f"seed of the sample paths (default {DEFAULT_SEED})")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the text (default vi)")
    add_data_options(p)
    return p


def _option_problem(option: str, message: str, fix: str) -> InputError:
    return InputError([Problem("kh330 assess", None, option, message, fix, kind="option")])


def run(args: argparse.Namespace) -> int:
    if args.base_year is not None and not (YEAR_RANGE[0] <= args.base_year <= YEAR_RANGE[1]):
        raise _option_problem("--base-year", f"{args.base_year} is not a plausible year",
                              f"write a four-digit year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}")
    dataset = load_dataset(args.data, args.targets, args.indicators, args.sources, args.geos)
    if args.geo and args.geo not in dataset.registry.geos:
        raise _option_problem("--geo", f"unknown geo '{args.geo}'",
                              f"use one of: {', '.join(dataset.registry.geos)}")
    methods = load_methods()
    scenario = load_scenario(args.scenario, dataset.registry) if args.scenario else None
    if args.all:
        results = assess_all(dataset, scenario=scenario, base_year=args.base_year, seed=args.seed, methods=methods)
        single = False
    else:
        target = dataset.registry.target(args.target)
        if args.breakdown and args.breakdown not in target.breakdown:
            levels = ", ".join(target.breakdown) or "none (omit --breakdown)"
            raise _option_problem("--breakdown", f"'{args.breakdown}' is not a level of target '{target.id}'",
                                  f"use one of: {levels}")
        if args.base_year is not None:
            for level in ([args.breakdown] if args.breakdown else list(target.breakdown or ("",))):
                why = check_base_year(dataset, target, args.base_year, geo=args.geo, breakdown=level)
                if why:
                    raise _option_problem("--base-year", why, "choose an earlier year, or omit --base-year")
        results = assess_levels(dataset, target, geo=args.geo, base_year=args.base_year, scenario=scenario,
                                seed=args.seed, methods=methods)
        if args.breakdown:
            results = [a for a in results if a.breakdown == args.breakdown]
        single = len(results) == 1
    if args.json:
        recs = [a.to_record() for a in results]
        print(json.dumps(recs[0] if single else recs, ensure_ascii=False, indent=2))
    else:
        print(render(results, args.lang))
    return 0


# ---------------------------------------------------------------- text

def _change_unit(unit: str | None, lang: str) -> str:
    if unit and unit.startswith("%"):
        return " điểm %" if lang == "vi" else " pp"
    return f" {fmt.translate_unit(unit or '', lang)}".rstrip()


def _signed(value: float | None, unit: str | None, lang: str) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else ""
    return f"{sign}{fmt.number(value, lang, 2)}{_change_unit(unit, lang)}"


def _val(value: float | None, unit: str | None, lang: str) -> str:
    return fmt.with_unit(value, unit, lang, 2)


# Engine reasons are English; the Vietnamese text translates the frequent ones.
_REASONS_VI = (
    (re.compile(r"^(\d+) point\(s\): a projection needs at least (\d+)$"),
     "chỉ có {0} điểm, cần ít nhất {1} điểm để dự báo"),
    (re.compile(r"^(\d+) point\(s\): at least (\d+) are needed$"), "chỉ có {0} điểm, cần ít nhất {1} điểm"),
    (re.compile(r"^no Huế data$"), "chưa có số liệu của Huế"),
)


def _reason(text: str | None, lang: str) -> str:
    if not text:
        return "–"
    if lang == "vi":
        for pattern, out in _REASONS_VI:
            m = pattern.match(text)
            if m:
                return out.format(*m.groups())
    return text


def _pct(share: float | None, lang: str, digits: int = 0) -> str:
    return fmt.percent(None if share is None else share * 100, lang, digits)


def _verdict(status: str | None, lang: str) -> str:
    return VERDICT_LABELS[lang].get(status or "", "–") if status else "–"


def render_one(a: Assessment, lang: str = "vi") -> list[str]:
    """Lines describing one assessment."""
    T = TEXT[lang]
    tg = a.target
    rec = a.to_record()
    bd = BREAKDOWN_LABELS[lang].get(a.breakdown, a.breakdown)
    head = f"[{tg.clause}] {tg.label(lang)}" + (f" — {bd}" if bd else "") + f": {goal_text(tg, lang)}"
    lines = [head]
    ind = lines.append
    pad = "    "
    if tg.kind == "qualitative":
        ind(pad + T["qualitative"])
        return lines
    unit = tg.unit
    if not a.has_data:
        ind(pad + (T["no_data"] if a.geo == tg.geo else T["no_data_geo"].format(geo=a.geo)))
    else:
        s = a.series
        key = "data_assumed" if set(s["status"]) == {"assumption"} else "data"
        where = "Huế" if a.geo == tg.geo else a.geo
        ind(pad + T[key].format(where=where, n=a.n_points, first=int(s["year"].iloc[0]), last=a.latest_year,
                                   value=_val(a.latest_value, unit, lang), year=a.latest_year,
                                   status=STATUS_LABELS[lang].get(rec["latest_status"], rec["latest_status"]),
                                   ev=EVIDENCE_LABELS[lang][a.evidence.level]))
        if a.has_assumptions:
            ind(pad + T["assumption"].format(name=a.scenario.name))
    if tg.kind == "level" and a.has_data:
        pr = rec["progress"]
        if pr["ratio"] is not None:
            ind(pad + T["growth"].format(base=rec["base_year"], obs=_pct(pr["cagr_observed"], lang, 2),
                                         req=_pct(pr["cagr_required"], lang, 2),
                                         ratio=fmt.number(pr["ratio"], lang, 2), status=_verdict(pr["status"], lang)))
        else:
            ind(pad + T["growth_na"].format(status=_verdict(pr["status"], lang)))
        un = rec["unsd"]
        if un["ratio"] is not None:
            ind(pad + T["unsd"].format(deadline=tg.deadline, value=_val(un["expected_value"], unit, lang),
                                       ratio=fmt.number(un["ratio"], lang, 2), status=_verdict(un["status"], lang)))
        if rec["observed_annual_change"] is None and rec["required_annual_change"] is not None:
            ind(pad + T["pace_required"].format(req=_signed(rec["required_annual_change"], unit, lang),
                                                deadline=tg.deadline))
        elif rec["observed_annual_change"] is not None and rec["required_annual_change"] is not None:
            factor = rec["acceleration_factor"]
            ind(pad + T["pace"].format(obs=_signed(rec["observed_annual_change"], unit, lang),
                                       req=_signed(rec["required_annual_change"], unit, lang), deadline=tg.deadline,
                                       factor=fmt.number(factor, lang, 2) if factor is not None else "–"))
        pj = rec["projection"]
        if pj["model"]:
            ind(pad + T["projection"].format(deadline=tg.deadline, model=pj["model"],
                                             **{k: _val(pj[k], unit, lang)
                                                for k in ("median", "lo80", "hi80", "lo95", "hi95")}))
            if pj["widening"] and pj["widening"] > 1:
                ind(pad + T["widened"].format(factor=fmt.number(pj["widening"], lang, 2)))
            for what in pj["adjustments"]:
                ind(pad + T["adjusted"].format(what=what))
            year = rec["expected_year"]
            if isinstance(year, str):
                year = T["after"].format(year=year.split()[-1])
            ind(pad + T["prob"].format(deadline=tg.deadline, p=_pct(rec["p_meet"], lang),
                                       p_by=_pct(rec["p_meet_by"], lang), year=year if year is not None else "–"))
            bt = rec["backtest"]
            if bt["n_origins"]:
                ind(pad + T["backtest"].format(origins=bt["n_origins"], errors=bt["n_errors"],
                                               mase=fmt.number(bt["mase"], lang, 2),
                                               c80=_pct(bt["coverage80"], lang), c95=_pct(bt["coverage95"], lang)))
            if bt["enough_history"] is False:
                ind(pad + T["too_little"])
        else:
            ind(pad + T["no_projection"].format(why=_reason(a.reasons.get("projection"), lang)))
    if tg.kind == "cumulative" and a.cumulative is not None and a.has_data:
        c = a.cumulative
        if c.total is not None:
            ind(pad + T["cumulative"].format(start=c.start, total=fmt.with_unit(c.total, unit, lang, 0),
                                             years=", ".join(map(str, c.years_reported)),
                                             so_far=fmt.number(c.pace_so_far, lang, 1),
                                             need=fmt.number(c.pace_needed, lang, 1),
                                             status=_verdict(c.status, lang)))
        else:
            ind(pad + T["cumulative_na"].format(status=_verdict(c.status, lang), why=_reason(c.reason, lang)))
    if tg.kind == "milestone" and a.milestone is not None and a.milestone.status:
        ind(pad + T["milestone"].format(status=_verdict(a.milestone.status, lang)))
    own = next((c for c in a.money if c.share == tg.value and c.year == tg.deadline), None)
    if own is not None and a.money_projection is not None:
        ind(pad + T["money"].format(share=fmt.percent(own.share, lang, 1), year=own.year,
                                    median=fmt.number(own.median, lang, 0), lo80=fmt.number(own.lo80, lang, 0),
                                    hi80=fmt.number(own.hi80, lang, 0), model=a.money_projection.model))
    for p in a.proxies:
        if not len(p.series):
            continue
        proj = ""
        at = p.model.projection.at(tg.deadline) if p.model.projection else None
        if at:
            proj = T["proxy_proj"].format(year=tg.deadline, median=fmt.with_unit(at["median"], p.unit, lang, 1))
        geo_label = {"VN": "cả nước" if lang == "vi" else "Viet Nam"}.get(p.geo, p.geo)
        label = p.label(lang)
        # Catalogue labels of national series often name the geo already.
        where = "" if geo_label.lower() in label.lower() or "national" in label.lower() else f" ({geo_label})"
        ind(pad + T["proxy"].format(label=label + where,
                                    value=fmt.with_unit(float(p.series["value"].iloc[-1]), p.unit, lang, 2),
                                    year=int(p.series["year"].iloc[-1]), proj=proj))
    return lines


def render(assessments: list[Assessment], lang: str = "vi") -> str:
    """All assessments as plain text, grouped by section of the plan."""
    lines: list[str] = []
    if assessments:
        sc = assessments[0].scenario
        lines.append(TEXT[lang]["scenario"].format(label=sc.label(lang)))
    section = None
    for a in assessments:
        sec = a.target.clause.split()[0]
        if sec != section:
            section = sec
            lines.append("")
        lines.extend(render_one(a, lang))
    n_data = sum(1 for a in assessments if a.has_data and a.geo == a.target.geo and not a.has_assumptions)
    if assessments:
        lines.append("")
        lines.append(TEXT[lang]["summary"].format(n=len(assessments), data=n_data,
                                                  scenario=assessments[0].scenario.name))
    return "\n".join(lines)

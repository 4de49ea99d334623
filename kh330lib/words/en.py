"""English: every word a reader of the English briefs and command-line output sees (`REASONS` also fill the JSON)."""

from __future__ import annotations

from ..codes import UnsdStatus, Verdict, Why

# The one word of each verdict, used by the briefs and the command line alike.
VERDICTS = {
    Verdict.TARGET_ACHIEVED: "Target met",
    Verdict.ACHIEVED: "Achieved",
    Verdict.ON_TRACK: "On track",
    Verdict.NEEDS_ACCELERATION: "Needs acceleration",
    Verdict.LIMITED_PROGRESS: "Limited progress",
    Verdict.DETERIORATION: "Moving away",
    Verdict.OVERDUE: "Overdue",
    Verdict.NOT_YET: "Not yet achieved",
    Verdict.INSUFFICIENT_DATA: "Too little data to assess",
    Verdict.NO_DATA: "No data",
    Verdict.QUALITATIVE: "Qualitative",
}

# The UNSD expected-value cross-check.
UNSD = {
    UnsdStatus.TARGET_ACHIEVED: VERDICTS[Verdict.TARGET_ACHIEVED],
    UnsdStatus.ON_TRACK: VERDICTS[Verdict.ON_TRACK],
    UnsdStatus.FAIR_PROGRESS: "Fair progress, acceleration needed",
    UnsdStatus.STAGNATION_OR_REGRESSION: "Stagnation or regression",
    UnsdStatus.INSUFFICIENT_DATA: "Too little data",
}

# Strength of evidence.
EVIDENCE = {
    "strong": "strong",
    "moderate": "moderate",
    "weak": "weak",
    "none": "none",
}

# Data status of an observation.
STATUSES = {
    "official": "official",
    "estimate": "estimate",
    "provisional": "provisional",
    "proxy": "proxy",
    "assumption": "assumption",
}

# Kinds of target.
KINDS = {
    "level": "level",
    "cumulative": "cumulative",
    "milestone": "milestone",
    "qualitative": "qualitative",
}

# Training levels.
BREAKDOWNS = {
    "": "",
    "university": "university",
    "college": "college",
    "intermediate": "intermediate",
}

# Projection models.
MODELS = {
    "linear": "straight-line trend",
    "logit_linear": "straight-line trend on the logit scale (values stay between 0 and 100%)",
    "log_linear": "constant growth rate",
    "drift": "random walk with drift (the average yearly change)",
    "naive": "latest value carried forward",
    "ets_damped": "exponential smoothing with a damped trend",
}

# Units of the indicator catalogue are written in English.
UNITS: dict[str, str] = {}

# Page header, footer and index of the published briefs.
PAGE = {
    "kicker": "Plan 330/KH-UBND · Huế City",
    "scenario": "Scenario",
    "data": "Data",
    "run_date": "Run date",
    "data_to": "up to {year}",
    "latest_source": "latest source {date}",
    "latest_report": "latest report received {date}",
    "no_data": "no data",
    "all_briefs": "All briefs",
    "provenance": "Provenance of this brief",
    "run_provenance": "Provenance of this run",
    "run": "Run",
    "notebook": "Notebook",
    "parameters": "Parameters",
    "scenario_file": "Scenario file",
    "data_files": "Data files",
    "code": "Code version",
    "uncommitted": "uncommitted changes",
    "no_git": "unknown (no git)",
    "software": "Software",
    "manifest": "Full record of the run (manifest.json)",
    "language": "English",
    "index_title": "Plan 330/KH-UBND — briefs",
    "brief": "Brief",
    "scenarios": "Scenario",
    "failed": "failed",
    "run_failed": "Some briefs of this run failed, so it was not published; see run.log.",
}

# Every other phrase and sentence, by key.
TEXT = {
    "status_title": "Plan 330/KH-UBND — data status by target (Huế City)",
    "target": "Target",
    "goal": "Goal",
    "latest": "Latest value",
    "points": "Points",
    "by": "by",
    "no_data": "no data",
    "qualitative": "qualitative, no measurable indicator",
    "proxy_prefix": "proxy",
    "national": "Viet Nam",
    "source": "source",
    "summary": ("{targets} targets ({n} rows, one per training level): {with_data} with Huế data, {no_data} "
                "without, {qual} qualitative."),
    "needs": "Needed: periodic reports from {who}.",
    "milestone_done": "achieved",
    "cumulative": "cumulative",
    "title_00_data_audit": "Data audit: coverage of every indicator",
    "title_10_scorecard": "Plan 330/KH-UBND scorecard",
    "title_20_trained_labour": "Trained labour",
    "title_30_stem_enrolment": "High-school graduates enrolling in STEM",
    "title_40_rnd_investment": "Investment in research and development (R&D)",
    "title_50_capacity": "Capacity: teachers, programmes, exchanges, connectivity and milestones",
    "title_60_scenarios": "Scenarios compared",
    "title_90_methods": "Methods, thresholds and accuracy",
    "plan_name": "Plan 330/KH-UBND, Huế City",
    "scenario": "Scenario",
    "latest_data_year": "latest data: {year}",
    "as_of": "Data as of",
    "run_id": "Run",
    "indicator": "Indicator",
    "geo": "Area",
    "breakdown": "Level",
    "years": "Years",
    "data_status": "Data status",
    "source_col": "Sources",
    "breaks": "Series breaks",
    "clause": "Clause",
    "deadline": "Deadline",
    "section": "section",
    "list_and": " and ",
    "points_word": "points",
    "latest_word": "latest",
    "national_marker": "national",
    "clause_fmt": "{section}, bullet {bullet}",
    "by_level": "for each level: {levels}",
    "reporter_unknown": "no reporting unit named yet",
    "needed": "Data needed",
    "needed_series": "{label}, every year ({unit})",
    "who_reports": "Reported by (section V)",
    "proxy_available": "Proxy data available",
    "no_proxy": "none",
    "audit_counts": ("The data hold {obs} observations of {ind} of the {n_ind} catalogued indicators, from {src} "
                     "sources, spanning {first} to {last}."),
    "audit_targets": ("The plan has {n} targets: {measurable} measurable ({levels} when each training level counts "
                      "separately) and {qual} qualitative. Huế has data for {with_data} of the {levels} measurable "
                      "ones."),
    "audit_weak": "{n} observations are proxies or assumptions; every table and chart labels them as such.",
    "no_data_sentence": "Huế has no data on {label} yet, so the target {goal} cannot be assessed.",
    "proxy_sentence": "For reference only (not used to assess): {label} was {value} in {year} — a proxy.",
    "qualitative_sentence": "{label}: a qualitative target, assessed in the departments' periodic reports.",
    "interval_95": "95% projection interval",
    "interval_80": "80% projection interval",
    "projection_median": "projection (median)",
    "required_path": "path required to meet the target",
    "h_coverage": "Coverage of every indicator",
    "h_missing": "What Huế is missing, and who reports it",
    "h_qualitative": "Qualitative targets",
    "pp": "percentage points",
    "h_key_messages": "Key messages",
    "h_verdict_history": "Verdicts across data updates",
    "qualitative_cell": ("Qualitative target with no number to measure: assessed in the departments' periodic "
                         "reports."),
    "h_scorecard": "Every target of the plan",
    "h_topic_scorecard": "The targets of this brief",
    "h_money": "The R&D targets in billion VND",
    "h_adjustments": "The scenarios and what each assumes",
    "h_scenario_table": "Results by scenario",
    "evidence_rule": ("{level}: at least {n} data points, the latest no more than {age} years before the newest "
                      "year in the data"),
    "evidence_rule_any_age": "{level}: at least {n} data point(s), of any year",
    "m_h_status": "Progress status",
    "m_status": ("Each target compares the average yearly growth achieved (from the base year, by default {base} "
                 "years before the latest data; if that year has no data, the next year that has) with the growth "
                 "needed to meet the target on time. Growth of at least {on} of the pace needed: “{on_track}”; "
                 "{acc} to below {on}: “{needs_acceleration}”; {lim} to below {acc}: “{limited_progress}”; slower "
                 "or negative: “{deterioration}”. A target already met is shown as “{target_achieved}” whatever the "
                 "trend. At least {n} data points are needed."),
    "m_unsd": ("As a cross-check, the value expected in the deadline year (extending the average growth) is "
               "compared with the way from the base year to the target: at least {on} of the way is “{on_track}”, "
               "{fair} to below {on} “{fair_progress}”, below {fair} “{stagnation}”. For a target at the maximum "
               "(such as 100%), a value within {tol} percentage points of it counts as met."),
    "m_pace": ("The pace needed is the gap between the latest value and the target divided by the years left; the "
               "pace so far is the average yearly change from the base year to the latest year."),
    "m_h_projection": "Projections and the chance of meeting a target",
    "m_projection": ("A projection needs at least {n} data points and runs to {end}. Simple models are preferred "
                     "because the series are very short: a straight-line trend, a trend on the logit scale for "
                     "shares (so values stay between 0 and 100%), constant growth for positive quantities, a random "
                     "walk with drift and the latest value carried forward. The 80% and 95% intervals use a Student "
                     "distribution with the model's degrees of freedom; {paths} simulated paths give the first year "
                     "the target may be reached."),
    "m_probability": ("The chance of meeting a target is the probability that the deadline-year value meets it "
                      "(with the plan's comparison: “above 80%” is not met by exactly 80%), from the projected "
                      "distribution. It is conditional: it holds if the trend of the data so far continues."),
    "m_h_backtest": "Model choice and backtests",
    "m_backtest": ("Each model is tested by re-forecasting the past: starting from the first {train} points, it "
                   "forecasts the following years (up to {horizon} years ahead) and is compared with what happened. "
                   "Only with at least {origins} forecast origins and {errors} held-out values is the model with "
                   "the lowest error (MASE) chosen; otherwise the simplest trend model is used. With at least "
                   "{widen} held-out values and coverage below the nominal level, intervals are widened (at most "
                   "{cap} times)."),
    "m_h_evidence": "Strength of evidence",
    "m_evidence": ("Levels: {levels}. Any proxy or assumed point lowers the level by one; a series made only of "
                   "such points is at most weak."),
    "m_h_sources": "Published sources of the methods (as written in params/methods.yaml)",
    "bt_model": "Model",
    "bt_origins": "Forecast origins",
    "bt_errors": "Held-out values",
    "bt_mase": "MASE",
    "bt_rmse": "RMSE",
    "bt_cov80": "Inside 80% interval",
    "bt_cov95": "Inside 95% interval",
    "bt_widening": "Widening",
    "bt_trust": "Verdict",
    "bt_enough": "enough history to choose the model by backtest",
    "bt_too_little": "too little history: backtest for reference only, simplest trend model used",
    "bt_none": "No Huế series is long enough to project yet.",
    "m_col_status": "Status by growth ratio",
    "m_col_ratio": "Growth ratio",
    "m_col_unsd": "Cross-check by expected value",
    "m_col_expected": "Expected value in the deadline year",
    "caveat_definition": ("Huế's trained labour rate uses the broad definition (including short training without a "
                          "certificate), the basis of the “above 80%” target; it is not comparable with the Labour "
                          "Force Survey share of workers with a degree or certificate."),
    "caveat_proxy": ("Proxy figures, usually national ones, are for reference only: they are never used to assess "
                     "Huế's targets and are always labelled on tables and charts."),
    "caveat_estimate": "Estimates (hollow dots on charts) may change when official figures are published.",
    "caveat_assumption": ("A scenario's assumed values are not measured data; they are labelled as assumptions "
                          "wherever they appear."),
    "caveat_intervals": ("The series are very short, so intervals may be narrower than reality; once there are "
                         "enough data, backtests measure the actual coverage and widen the intervals to match."),
    "caveat_not_forecast": ("The assessments describe what happens if the trend of the data so far continues; they "
                            "are neither an official forecast nor a judgement of policy."),
    "caveat_break": ("{label}: the series breaks at {periods}; projections use only the data after a break when at "
                     "least 2 points remain."),
    "h_methods_backtest": "Accuracy of the projections (backtests)",
    "h_methods_two": "Two ways of assessing, side by side",
    "h_caveats": "Data caveats",
    "adj_extra": "{change} more from {year}",
    "adj_multiplier": "the trend's change {m} times as fast from {year}",
    "adj_straight": "a straight line from the latest value to the target",
    "adj_assumed": "assumed values (not measured data): {values}",
    "adj_none": "no adjustment: every indicator follows its own trend",
    "adj_change": "Adjustment",
    "adj_rationale": "Rationale (as written in the scenario file)",
    "scenario_same": ("The other {n} targets have no Huế data in any scenario and cannot be assessed yet; see the "
                      "scorecard."),
    "scenario_sentence": ("{label}: about {median} in {deadline} (80% interval {lo}–{hi}); chance of meeting the "
                          "target {p}; status: {verdict}."),
    "scenario_no_projection": "{label}: no projection.",
    "alt_scenario_item": "{label} about {median} (chance {p})",
    "alt_scenarios": ("Chart of {title} by scenario: {n} data points {span}, latest {latest} ({status}); median "
                      "path of each scenario to {year}: {items}; target {goal}."),
    "money_grdp": "Projected GRDP in the deadline year, {unit} (80% interval)",
    "money_rnd": "Matching R&D spending, {unit} (80% interval)",
    "money_sentence": ("In {year}, if GRDP (current prices) follows its trend to about {grdp} (80% interval "
                       "{glo}–{ghi}), spending {share} on R&D means about {money} (80% interval {lo}–{hi})."),
    "money_none": "The R&D targets cannot be converted to billion VND yet: Huế's GRDP could not be projected.",
    "alt_money": ("Chart of {title}: {n} data points {span}, latest {latest} ({status}); projection for {year} "
                  "about {median} (80% interval {lo80} to {hi80}). Diamonds give the R&D spending each target "
                  "means: {marks}."),
    "plan_says": "The plan says (Vietnamese original)",
    "evidence_sentence": "Strength of evidence: {level} — {n} data points ({statuses}), latest {year}.",
    "model_sentence": "Projection model: {model}.",
    "hue": "Huế",
    "national_series": "Viet Nam",
    "alt_level_one": "Chart of {title}: one Huế data point ({last}): {latest} ({status}); target {goals}.",
    "cumulative_total": "Huế, cumulative total",
    "no_hue_data_title": "no Huế data",
    "alt_level": "Chart of {title}: {n} Huế data points {span}, latest {latest} ({status}); target {goals}.",
    "alt_fan": ("Projection for {year}: about {median}, 80% interval {lo80} to {hi80}, 95% interval {lo95} to "
                "{hi95}."),
    "alt_required": "The dotted line is the path required to meet the target.",
    "alt_national": "The grey line is Viet Nam: {n} points, latest {latest} in {last}.",
    "alt_proxy": ("Chart of {title}: Huế has no data; the chart shows only the proxy series “{proxy}”, {n} point(s) "
                  "{span}, latest {latest}, with the target {goals}."),
    "span_one": "in {year}",
    "span_many": "from {first} to {last}",
    "alt_cumulative": ("Chart of {title}: Huế's cumulative total since {start} is {total} by {year}; target "
                       "{goals}; the dotted line is the required path."),
    "verb_>": "exceed",
    "verb_>=": "reach",
    "verb_<": "fall below",
    "verb_<=": "fall to",
    "rise": "rise",
    "fall": "fall",
    "cum_pace_needed": "to {goal} by {deadline} it needs on average {req}",
    "cum_pace_faster": ", {factor} times the average so far ({obs})",
    "cum_pace_slower": ", less than the average so far ({obs})",
    "cum_pace_same": ", the same as the average so far ({obs})",
    "cum_pace_wrong_way": "",
    "pace_needed": "to {goal} by {deadline} it must {direction} by {req} on average",
    "pace_faster": ", {factor} times the {span} average ({obs})",
    "pace_slower": ", less than the {span} average ({obs})",
    "pace_same": ", the same as the {span} average ({obs})",
    "pace_wrong_way": ", while over {span} it did not move towards the target ({obs})",
    "level_now": "{subject}: {value} in {year} ({status})",
    "already_met": "the target {goal} is already met",
    "if_trend": "If the present trend continues",
    "if_scenario": "Under the scenario {label}",
    "projection_sentence": ("{lead}, the value in {deadline} will be about {median} (80% interval {lo}–{hi}); the "
                            "chance of meeting the target is about {p}."),
    "too_few_points": "Only {n} data points so far: too few to project a trend.",
    "one_point": "Only one data point so far: too few to project a trend.",
    "assumption_scenario": "Values for {years} are assumptions of the scenario {label}, not measured data.",
    "assumption_data": "Values for {years} are recorded in the data as assumptions, not measured data.",
    "cumulative_one_year": "{subject}: {total} in {year}",
    "cumulative_now": "{subject}: {total} in total from {start} to {year}",
    "cumulative_missing": "No report yet for {years}; those years count as unknown, not as zero.",
    "milestone_not_yet": "{subject}: not yet achieved according to the {year} report; the deadline is {deadline}.",
    "milestone_achieved": "{subject}: achieved in {achieved} (deadline {deadline}).",
    "milestone_overdue": "{subject}: not achieved although the deadline {deadline} has passed.",
    "gaps_sentence": ("Huế has measured data for {with_data} of {n} targets; the other {without} cannot be assessed "
                      "yet. The missing figures are to be reported periodically by {who} under section V of the "
                      "plan."),
    "qualitative_count": ("{n} qualitative targets have no number to measure; they are assessed in the departments' "
                          "periodic reports."),
    "needs_short": "to be reported by {who}",
    "pp_short": "pts",
    "per_year": " a year",
    "per_year_short": "/yr",
    "total_since": "total {start}–{year}",
    "section_2030": "Targets for 2030 (section II.2)",
    "section_2035": "Targets for 2030–2035 (section II.3)",
    "section_2045": "Orientation to 2045 (section II.4)",
    "sc_projection": "Projection for the deadline (80% interval)",
    "sc_p_meet": "Chance of meeting it",
    "sc_required": "Pace needed",
    "sc_observed": "Pace so far",
    "sc_verdict": "Status",
    "sc_evidence": "Strength of evidence",
    "sc_legend": ("Status: {marks}. Italics: proxy or assumed figures. Chance of meeting it: the probability that "
                  "the deadline-year value meets the target if the trend of the data so far continues."),
    "h_coverage_chart": "Years with data, by series",
    "alt_coverage": ("Dot chart of the years with data for {n} series (indicator by area), {points} points in all "
                     "from {first} to {last}; {hue} indicators have Huế data. Filled dots are official figures, "
                     "hollow dots estimates."),
    "wards_reported": ("{done} of {total} wards and communes have sent their periodic reports (section V.5 of the "
                       "plan)."),
    "h_wards": "Reports from wards and communes",
    "yes": "yes",
    "no": "not yet",
    "col_ward": "Ward or commune",
    "col_reported": "Reported",
    "col_indicators": "Indicators",
    "col_years": "Years",
    "col_received": "Last received",
    "h_sources": "Sources",
    "col_source_id": "Source id",
    "col_title": "Document",
    "col_publisher": "Publisher or reporter",
    "col_published": "Published",
    "col_address": "Address",
    "cli_data": "{where} data: {n} point(s), {first}–{last}; latest {value} ({year}, {status}). Evidence: {ev}.",
    "cli_no_data_geo": "No data for {geo}.",
    "cli_data_assumed": ("Assumed values only (not measured data): {n} point(s), {first}–{last}; latest {value} "
                         "({year}). Evidence: {ev}."),
    "cli_no_data": "No Huế data — this target cannot be assessed yet.",
    "cli_qualitative": "Qualitative target, no measurable indicator.",
    "cli_assumption": "Note: the series includes values assumed by scenario '{name}' (not measured data).",
    "cli_growth": ("Average growth (Open SDG/Eurostat, base year {base}): observed {obs}/year, required {req}/year; "
                   "ratio {ratio} → {status}."),
    "cli_growth_na": "Average growth (Open SDG/Eurostat): {status}.",
    "cli_unsd": "Expected value in {deadline} (UNSD): {value}; ratio {ratio} → {status}.",
    "cli_pace": ("Pace: observed {obs}/year, required {req}/year from now to {deadline}; acceleration factor "
                 "{factor}."),
    "cli_projection": ("Projection for {deadline} — {model}: {median} (80% interval {lo80}–{hi80}; 95% interval "
                       "{lo95}–{hi95})."),
    "cli_pace_required": "Required pace: {req}/year from now to {deadline}.",
    "cli_widened": "Intervals widened ×{factor} after backtesting.",
    "cli_adjusted": "Scenario adjustment: {what}.",
    "cli_prob": ("Probability of meeting it in {deadline}: {p}; in any year up to {deadline}: {p_by}; median year "
                 "reached: {year}."),
    "cli_backtest": ("Backtest: {origins} origin(s), {errors} held-out value(s); MASE {mase}; coverage of 80% "
                     "intervals {c80}, of 95% intervals {c95}."),
    "cli_too_little": "Too little history to choose a model by backtest: the simplest trend model is used.",
    "cli_no_projection": "No projection: {why}.",
    "cli_cumulative": ("Cumulative since {start}: {total} ({years}); pace so far {so_far}/year, needed {need}/year "
                       "→ {status}."),
    "cli_cumulative_na": "Cumulative: {status} ({why}).",
    "cli_milestone": "Milestone: {status}.",
    "cli_money": ("In money: {share} of GRDP in {year} ≈ {median} billion VND (80% interval {lo80}–{hi80}), from "
                  "the GRDP projection ({model})."),
    "cli_proxy": "↳ Proxy, for reference only, not Huế's status: {label}: {value} ({year}){proj}.",
    "cli_proxy_proj": "; trend to {year}: {median}",
    "cli_after": "after {year}",
    "cli_summary": "{n} target(s)/level(s); {data} with Huế data; scenario: {scenario}.",
    "cli_scenario": "Scenario: {label}",
    "change_sentence": "The assessment changed from “{before}” to “{after}” after the data of {date}.",
    "seed_data": "seed data",
    "history_target": "Target",
    "history_change": "Change",
    "history_changed": "changed",
    "history_none": ("No periodic report from the departments, university or wards yet: every verdict rests on the "
                     "seed data."),
    "history_stable": "No verdict changed with the data of {dates}.",
}

# Why a figure is missing or what to know about it (kh330lib.codes.Why). These English sentences are also the
# `reason`, `reasons` and `notes` of `kh330 assess --json`, so scripts can rely on their wording.
REASONS = {
    Why.NO_DATA: "no Huế data",
    Why.NO_DATA_GEO: "no data for {geo}",
    Why.NO_OBSERVATIONS: "no observations",
    Why.QUALITATIVE: "qualitative target: no measurable indicator",
    Why.ASSUMED_VALUES: "includes values assumed by scenario '{scenario}' (status assumption)",
    Why.BREAK_USED: "series used from {year} (break {period}: {note})",
    Why.BREAK_KEPT: "break {period} ({note}) kept inside the series: fewer than 2 points after it",
    Why.FEW_POINTS: "{n} point(s): at least {need} are needed",
    Why.FEWER_THAN_TWO: "fewer than 2 points",
    Why.BASE_NOT_BEFORE_LATEST: "base year {base} is not before the latest observation ({latest})",
    Why.BASE_MOVED_LATER: "no data for {wanted}: base year {base}, the first year after it with data",
    Why.BASE_MOVED_EARLIER: ("no data from {wanted} to {last}: base year {base}, the nearest earlier year that "
                             "leaves 2 points"),
    Why.GROWTH_UNDEFINED: "base value is 0 or the series changes sign: growth rate undefined",
    Why.SIGNS_DIFFER: "target and base have different signs, or the deadline is not after the base year",
    Why.TARGET_EQUALS_BASE: "the target equals the base value",
    Why.ZERO_GROWTH_NEEDED: "the target equals the base value: required growth is 0",
    Why.NO_OBSERVED_PACE: "fewer than 2 points: no observed pace",
    Why.DEADLINE_NOT_AFTER_LATEST: "the deadline {deadline} is not after the latest year {latest}",
    Why.TARGET_MET: "target already met",
    Why.WRONG_DIRECTION: "no change in the target's direction since the base year",
    Why.FEW_POINTS_PROJECTION: "{n} point(s): a projection needs at least {need}",
    Why.NO_PROJECTION: "no projection",
    Why.NO_MODEL: "no model could be fitted: {failures}",
    Why.FELL_BACK: "{model} failed on the full series ({failure}): fell back to {fallback}",
    Why.NO_PATHS: "no sample paths",
    Why.ON_UPPER_BOUND: "a target of {target:g} on the bound counts as met from {threshold:g}",
    Why.ON_LOWER_BOUND: "a target of {target:g} on the bound counts as met up to {threshold:g}",
    Why.FIT_TOO_SHORT: "{model} needs at least {need} points, the series has {n}",
    Why.FIT_YEARS_NOT_INCREASING: "years must be strictly increasing",
    Why.FIT_FUTURE_NOT_AFTER: "future years must follow the last observed year",
    Why.FIT_WRONG_SCALE: "{model} does not apply to a series on the {scale} scale",
    Why.FIT_EXACT_LINE: "{model}: the points lie exactly on a line, so no interval can be estimated",
    Why.FIT_CONSTANT_CHANGE: "{model}: every change equals the mean change, so no interval can be estimated",
    Why.FIT_NO_CHANGE: "{model}: the series never changes, so no interval can be estimated",
    Why.FIT_GAPS: "{model} needs consecutive years (the series has gaps)",
    Why.FIT_NOT_CONVERGED: "{model}: the optimiser did not converge",
    Why.FIT_ERROR: "{model}: {error}",
    Why.FIT_BAD_VARIANCE: "{model}: forecast variance not positive",
    Why.TOO_LITTLE_HISTORY: ("too little history for a backtest-based choice ({n} points, {origins} origin(s), "
                             "{errors} held-out value(s); needs {min_origins} origins and {min_errors} values): "
                             "using {model}, the simplest defensible model for a {scale}-scale series"),
    Why.LOWEST_MASE: "lowest MASE on {n} shared held-out values ({scores})",
    Why.COVERAGE_NOT_ESTIMABLE: ("coverage not estimable: {n} held-out value(s), fewer than {need}; intervals not "
                                 "widened"),
    Why.COVERAGE_AT_NOMINAL: "backtest coverage at or above nominal: intervals not widened",
    Why.WIDENED: "backtest coverage {c80:.0%} (80 %) and {c95:.0%} (95 %): intervals widened ×{factor:.2f}",
    Why.WIDENED_CAPPED: ("backtest coverage {c80:.0%} (80 %) and {c95:.0%} (95 %): intervals widened ×{factor:.2f} "
                         "(capped; ×{needed:.2f} needed)"),
    Why.NO_BACKTEST: "no backtest",
    Why.EVIDENCE_LEVEL: "{n} point(s), latest {latest} ({age} year(s) before {as_of}): {level}",
    Why.EVIDENCE_ALL_WEAK: "every point is {kinds}: at most {level}",
    Why.EVIDENCE_LOWERED: "{weak} of {n} point(s) are {kinds}: lowered from {before} to {after}",
    Why.NO_ANNUAL_FIGURES: "no annual figures",
    Why.NO_ANNUAL_FIGURES_SINCE: "no annual figures since {start}",
    Why.MISSING_YEARS: "no figures for {years}: counted as unknown, not zero",
    Why.ACHIEVED_LATE: "achieved in {year}, after the deadline {deadline}",
    Why.NOT_ACHIEVED_BY: "not achieved by {deadline}",
    Why.MONEY_NO_DENOMINATOR: "denominator '{indicator}' is not in the indicator catalogue",
    Why.MONEY_NO_PROJECTION: "{indicator}: {reason}",
}

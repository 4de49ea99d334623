"""English: every phrase and sentence of the English briefs, by key (with en_console.py: `en.TEXT`)."""

# Every other phrase and sentence of the briefs, by key.
TEXT = {
    "not_assessed_because": "Progress cannot be assessed: {why}.",
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
    # The baseline where params/scenarios/baseline.yaml (which carries its labels) is missing.
    "scenario_builtin_baseline": "Baseline (trend only)",
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
    # A proxy series in the audit's table: its years of data and the latest one.
    "proxy_years": "{label}: {n} years of data, latest {year}",
    "proxy_years_one": "{label}: data for {year}",
    # A series break's period: `2015Q1` → `Q1 2015`, `2017` → `2017` (words.period_text).
    "period_quarter": "Q{quarter} {year}",
    "period_year": "{year}",
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
    "audit_targets": "The plan has {count}.",
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
    "print_details_left_out": ("The printed copy leaves out two detail tables (the data Huế is missing and the "
                               "verdicts across data updates); see them in the on-screen brief and in the data "
                               "audit brief."),
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
    "m_h_status": "Pace: the explanation of the verdict, never a second verdict",
    "m_status": ("The average yearly growth achieved (from the base year, by default {base} years before the latest "
                 "data; if that year has no data, the next year that has) is compared with the growth needed to "
                 "meet the target on time (as Open SDG and Eurostat do). This ratio explains the verdict: {on} or "
                 "more keeps up with the pace needed, {acc} to below {on} needs to be faster, {lim} to below {acc} "
                 "is slow, below {lim} moves away; at least {n} data points are needed. Each target has one "
                 "verdict, from its chance of being met (below); a target already met is “{target_achieved}”."),
    "m_unsd": ("As a cross-check, the value expected in the deadline year (extending the average growth) is "
               "compared with the way from the base year to the target: at least {on} of the way is “{on_track}”, "
               "{fair} to below {on} “{fair_progress}”, below {fair} “{stagnation}”. For a target at the maximum "
               "(such as 100%), a value within {tol} percentage points of it counts as met."),
    "m_pace": ("The pace needed is the gap between the latest value and the goal divided by the years left; the goal "
               "is the smallest value that meets the target: the target itself when it says “at least”, one "
               "reporting step ({step} for shares and measured values, 1 for counts) beyond it when it says "
               "“more than”, which the target value itself does not meet. The pace so far is the average yearly "
               "change from the base year to the latest year."),
    "m_h_projection": "Projections and the chance of meeting a target",
    "m_projection": ("Every series with at least {n} data points is projected to {end}. Huế's series are too short "
                     "to show a trend by themselves, so the model learns from the comparable series of the "
                     "indicator's reference pool: each series is a level and a slope seen with noise (a local linear "
                     "trend); the pool's usual slope and volatility (each series' last {window} years) are the "
                     "prior; a series' own slope moves back toward the pool's each year (keeping {phi} of the gap), "
                     "and only {kappa} of the pool's slope is kept, because a rise shared by the whole pool may be "
                     "passing. This forecast is mixed with the series' own model by weights chosen for the lowest "
                     "CRPS on the reference pools: {weights}. For shares every projected value stays between 0 "
                     "and 100%. No interval is narrower than the error revisions of the data "
                     "imply ({floor}); {paths} simulated paths give the first year the target may be reached."),
    "m_probability": ("The chance of meeting a target is the probability that the deadline-year value meets it "
                      "(with the plan's own comparison: “above 80%” is not met by exactly 80%), from the combined "
                      "distribution, if the trend of the data so far continues. With fewer than {points} data "
                      "points, or where models and sensitivity cases differ by more than {range} percentage points, "
                      "the briefs give the likelihood in words with its range, in the IPCC's calibrated language: "
                      "{bands}. Sensitivity cases: each data point left out in turn; each estimate revised up and "
                      "down by the revision error of the data; the points before a series break kept."),
    "m_h_backtest": "Tested on the reference pools: can the chance be trusted?",
    "m_backtest": ("Each interval is multiplied by a factor for its number of years ahead ({factors}), chosen so "
                   "that the 80% interval holds 80% of the actual values on the reference pools (each pool counting "
                   "equally), then by the panel's own factor: how often the 80% interval held when the same "
                   "forecaster re-forecast the panel's last {local} years, shrunk toward 1 where few errors back it. "
                   "To test it, the forecaster is run again at every year of every pool series with the data up to "
                   "that year only (the last 4 points, as short as Huế's, or all of them), the fifth of the pool the "
                   "series belongs to left out of its pool, and each pool scored with factors chosen on the other "
                   "pools. The table below gives how often the 80% and 50% intervals held the actual value, and the "
                   "Brier score of the chance of “a rise of at least D points” against a random walk without drift "
                   "and against how often such rises happened in the pool before the forecast (skill 1 − Brier ÷ "
                   "the baseline's Brier; positive is better)."),
    "band_gives": "“{band}” is “{verdict}”",
    "sk_all": "All pools",
    "sk_rise": "rise ≥ {d}: {rw} against the random walk, {cl} against climatology",
    "sk_no_event": "rise ≥ {d}: never happened in the pool",
    "sk_window_4": "last 4 points",
    "sk_window_full": "whole series",
    "sk_pool": "Reference pool",
    "sk_window": "Data used",
    "sk_n": "Forecasts",
    "sk_skill": "Brier skill of the chance of a rise (positive is better)",
    "sk_years": "{years} years ahead",
    "sk_horizon": "Years ahead",
    "sk_no_skill": "Where the forecaster is not better than a baseline:",
    "sk_all_skill": "On every pool the forecaster beats both baselines.",
    "sk_gap_no_events": "{pool} ({window}): no rise of {d} or more, so nothing to measure",
    "sk_gap_random_walk": "{pool} ({window}), rise ≥ {d}: not better than the random walk by at least 0.05",
    "sk_gap_climatology": "{pool} ({window}), rise ≥ {d}: worse than the pool's past frequency of such rises",
    "rel_rise": "rise ≥ {d} points",
    "h_reliability": "Forecast chance of a rise and how often it happened",
    "rel_x": "forecast chance",
    "rel_y": "share that happened",
    "rel_diagonal": "happens as often as forecast",
    "alt_reliability": ("Chart comparing the forecaster's chance of “a rise of at least 2 or 5 points” with how often "
                        "such rises happened, over {n} forecasts of the reference pools; the closer to the diagonal, "
                        "the more the chance can be trusted."),
    "outside_label": "The outside view:",
    "ovs_none": "Reference: no similar case",
    "ovs_counted": "Reference: {k}/{n} similar cases rose ≥ {rise} within {years} years",
    "ovs_observed": " (at most {years} years of data)",
    "ovs_few": "Reference: {n} similar case(s), too few",
    "ovs_national": " (from the national level {value} in {year})",
    "m_h_verdict": "One verdict per target",
    "m_verdict": ("Each measured target's verdict follows the band of its chance of being met on time: {rules}. A "
                  "target already met is “{met}”; without data, or with too few points to forecast, “{none}”. The "
                  "pace and the growth ratio above only explain the verdict. The range given beside a band (e.g. "
                  "“15–95%”) is the chance under each model alone and each sensitivity check, not the target's "
                  "chance."),
    "m_outside": ("The outside view: beside the chance, the briefs count in the reference pool how many similar cases "
                  "there were (a series at the first year it stood within {level} points of the latest value and, "
                  "where Huế's pace is known, had moved within {pace} points a year of it over the {years} years "
                  "before, with at least {follow} later years of data) and how many of them rose by at least the "
                  "amount still needed within the years left; with fewer than {cases} cases nothing is compared. "
                  "This is counted, not modelled. Where Huế has no figure but the country has, the count starts "
                  "from the national starting point, labelled as such, never as Huế's figure, and without a "
                  "verdict."),
    "m_h_evidence": "Strength of evidence",
    "m_evidence": ("Levels: {levels}. Any proxy or assumed point lowers the level by one; a series made only of "
                   "such points is at most weak."),
    "m_h_sources": "Published sources of the methods",
    "m_source_missing_vi": "This section's source has no Vietnamese description yet; see the English brief.",
    "bt_none": "No Huế series is long enough to project yet.",
    "m_col_status": "Verdict (from the chance)",
    "m_col_ratio": "Growth ratio",
    "m_col_unsd": "Expected-value ratio (UNSD)",
    "m_col_expected": "Deadline-year value at the pace so far (UNSD)",
    "m_expected_cell": "{value} (if it grows to {deadline} at its {span} average rate; not a projection)",
    "caveat_definition": ("Huế's trained labour rate uses the broad definition (including short training without a "
                          "certificate), the basis of the “above 80%” target; it is not comparable with the Labour "
                          "Force Survey share of workers with a degree or certificate."),
    "caveat_proxy": ("Proxy figures, usually national ones, are for reference only: they are never used to assess "
                     "Huế's targets and are always labelled on tables and charts."),
    "caveat_estimate": "Estimates (hollow dots on charts) may change when official figures are published.",
    "caveat_assumption": ("A scenario's assumed values are not measured data; they are labelled as assumptions "
                          "wherever they appear."),
    "caveat_intervals": ("Huế's series are very short: the chance of meeting a target is given as a likelihood with "
                         "its range, not as one number, and the intervals are calibrated on real provincial data."),
    "caveat_not_forecast": ("The assessments describe what happens if the trend of the data so far continues; they "
                            "are neither an official forecast nor a judgement of policy."),
    "caveat_break": ("{label}: the series breaks at {periods}; projections use only the data after a break when at "
                     "least 2 points remain."),
    "h_methods_backtest": "The forecaster tested on the reference pools",
    "h_methods_two": "The verdict and the two measures of pace that explain it",
    "h_caveats": "Data caveats",
    "adj_extra": "{change} more from {year}",
    "adj_multiplier": "the trend's change {m} times as fast from {year}",
    "adj_straight": "a straight line from the latest value to the target",
    "adj_assumed": "assumed values (not measured data): {values}",
    "adj_none": "no adjustment: every indicator follows its own trend",
    "adj_change": "Adjustment",
    "adj_rationale": "Rationale",
    "scenario_same": ("{n} of {total} targets have no Huế data and cannot be assessed yet ({qual} others are "
                      "qualitative); the table above holds only the targets with data or with a scenario's "
                      "assumed values. See the scorecard."),
    "scenario_sentence": ("{label}: about {median} in {deadline} (80% interval {lo}–{hi}); chance of meeting the "
                          "target: {p}; status: {verdict}."),
    "scenario_no_projection": "{label}: no projection.",
    "alt_scenario_item": "{label} about {median} (chance: {p})",
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
    "national_reference": "national reference",
    "national_panel_title": "Viet Nam — national reference (not compared with Huế's target)",
    "reference_chart_title": "{label} — {reference}",
    "proxy_target_note": ("The chart shows only {reference} data because Huế has none; Huế's target ({goals}) is "
                          "not drawn because it cannot be compared with this series."),
    "chart_source": "Source",
    "chart_status": "Data status",
    "chart_projection": "projection (model)",
    "chart_csv": "Download data (CSV)",
    "chart_target_series": "target",
    "chart_required_series": "required path",
    "money_no_basis_short": "no basis for a figure",
    "money_about": "about {median} ({lo}–{hi})",
    "money_no_basis": "No basis for a figure: {year} is more than {n} years after the latest GRDP figure ({last}).",
    "money_rounding_note": ("Amounts are rounded to {step} billion VND, with the 80% projection interval; they are "
                            "given up to {horizon} only ({n} years after the latest GRDP figure, {last}): further "
                            "out, the projection intervals have not been checked against outcomes."),
    "money_target_year": "{year}",
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
    # The comparator of a target in words (phrases.comparator_text, the one place it is said).
    "cmp_>": "above",
    "cmp_>=": "at least",
    "cmp_<": "below",
    "cmp_<=": "at most",
    # A whole share (`100%`), which the plan states without a comparator (phrases.goal_comparator).
    "cmp_full": "",
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
    "projection_sentence": ("{lead}, the value in {deadline} will be about {median} (80% interval {lo}–{hi}); "
                            "chance of meeting the target: {p}."),
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
    "gaps_sentence": ("Huế has data for {with_data} of {total} targets; {without} have no data and cannot be "
                      "assessed yet. The missing figures are to be reported periodically by {who} under section V "
                      "of the plan."),
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
    "sc_legend": ("Status (from the chance): {marks}. Italics: proxy or assumed figures. Chance of meeting it: the "
                  "likelihood if the trend continues; the range in brackets is each model's and check's alone."),
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
    "h_units": "Targets by ward and commune",
    "units_none": ("No ward or commune has figures for any of the plan's targets yet. Once their periodic reports "
                   "(section V.5) are taken in, this section assesses every target on each one's own figures."),
    "units_summary": ("{done} of {total} wards and communes have figures for at least one target. Each row "
                      "assesses a city target on one ward's or commune's own figures, by the same method as the "
                      "table above; a ward or commune without figures for a target has no row."),
    "units_counts": "{n} wards and communes with figures: {counts}",
    "units_city": "added up from the reports of {reported} of {total} wards and communes: {value} in {year}",
    "units_count_target": ("{target}, {goal}: a target for the city as a whole, so no ward or commune is compared "
                           "with it alone"),
    "print_units_left_out": ("The printed copy leaves out the table by ward and commune; see it in the electronic "
                             "copy."),
    "h_sources": "Sources",
    "col_source_id": "Source id",
    "col_title": "Document",
    "col_publisher": "Publisher or reporter",
    "col_published": "Published",
    "col_address": "Address",
    "col_year": "Year",
    "source_year_unknown": "year unknown",
    "tech_summary": "Technical information",
    "break_no_note": "the series breaks (no Vietnamese note yet)",
    "sources_tech": "Source id and web address of each document",
    "ov_level": "at {lo}–{hi}",
    "ov_pace": ", rising {lo}–{hi} {unit} a year in the years before",
    "ov_counted": ("Of {n} similar cases in the pool “{pool}” ({similar}), {k} rose by at least {rise} within {years} "
                   "years."),
    "ov_observed": " (the pool has at most {years} years of data after them).",
    "ov_few": "The pool “{pool}” has only {n} similar case(s) ({similar}): too few to compare.",
    "ov_none": "The pool “{pool}” has no similar case ({similar}) to compare with.",
    "ov_national": "From the national starting point ({value} in {year}; not Huế's figure): ",
    "change_sentence": "The assessment changed from “{before}” to “{after}” after the data of {date}.",
    "seed_data": "seed data",
    "history_target": "Target",
    "history_change": "Change",
    "history_changed": "changed",
    "history_none": ("No periodic report from the departments, university or wards yet: every verdict rests on the "
                     "seed data."),
    "history_stable": "No verdict changed with the data of {dates}.",
    "m_calibration_none": "Not tested: no reference pool is declared.",
    "h_calibration_table": "Share of actual values inside the intervals, by model and years ahead",
    "cal_cov50": "50% interval",
    "cal_cov80": "80% interval",
    "cal_h": "{h} yr",
    "h_own_backtest": "Tests on Huế's own series",
    "bt_series": "Series",
    "bt_held_out": "Held-out values",
    "bt_result": "Result",
    "bt_coverage": "80% interval holds {c80}, 50% interval {c50} of the actual values",
    "h_sensitivity": "What would change this answer",
    "sens_case": "Case",
    "sens_p": "Chance of meeting it",
    "sens_all": "All data, models combined",
    "sens_model": "One model only: {model}",
    "sens_note": ("The chance of meeting the {deadline} target when the method or the data change; overall it is "
                  "{band}, range {range}."),
    "chance_number_short": "about {p}",
    "chance_band": "{band} (each model and check alone: {range})",
    "chance_number": "about {p} (each model and check alone: {range})",
    "h_context": "Share of workers with a degree or certificate: Huế and its neighbours, 2008–2016",
    "context_note": "For reference: {definition} Source: {source}; 2016 is preliminary. {break_note}",
    "alt_context": ("Line chart: share of workers with a degree or certificate, 2008–2016, for {areas}. Huế: "
                    "{hue_first} in {first}, {hue_last} in {last}."),
    "band_from": "{band} (from {p})",
    "band_below": "{band} (below {p})",
    "list_or": " or ",
    "h_contract": "JSON for other programs",
    "m_contract": ("`kh330 assess --json` gives every target a `probability` object: `combined` (the combined "
                   "distribution's chance of meeting the target, 0–1), `band` (very_likely, likely, about_even, "
                   "unlikely, very_unlikely), `range` ([lowest, highest] over the models and the sensitivity "
                   "cases), `models` (each: name, p, weight), `sensitivity` (each: case, p) and `calibration` "
                   "(pool, series, forecasts, coverage_80, coverage_50, brier, widening). A target without a "
                   "projection keeps the keys, with null values or empty lists."),
}

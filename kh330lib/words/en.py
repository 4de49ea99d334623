"""English: the names of verdicts, statuses, bands, models and units, the reasons (also the JSON's) and page words.

Sentences are in en_text.py and en_console.py.
"""

from __future__ import annotations

from ..codes import Band, Case, UnsdStatus, Verdict, Why
from .en_console import TEXT as CONSOLE_TEXT
from .en_text import TEXT as BRIEF_TEXT

# Every other phrase and sentence, by key: the briefs' and the command line's (no key is in both).
TEXT = {**BRIEF_TEXT, **CONSOLE_TEXT}

# The one word of each verdict, used by the briefs and the command line alike.
VERDICTS = {
    Verdict.TARGET_ACHIEVED: "Target met",
    Verdict.ACHIEVED: "Achieved",
    Verdict.ON_TRACK: "On track",
    Verdict.AT_RISK: "At risk",
    Verdict.OFF_TRACK: "Off track",
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
    "logit_linear": "bounded trend line (values stay between 0 and 100%)",
    "log_linear": "constant growth rate",
    "drift": "the average yearly change carried on",
    "peer": "trend learnt from comparable series",
    "naive": "latest value carried forward",
    "damped": "slowing trend (each year's change is {phi} of the year before)",
    "ensemble": "models combined",
}

# How likely, in the IPCC's calibrated words.
BANDS = {
    Band.VERY_LIKELY: "very likely",
    Band.LIKELY: "likely",
    Band.ABOUT_EVEN: "about as likely as not",
    Band.UNLIKELY: "unlikely",
    Band.VERY_UNLIKELY: "very unlikely",
}

# Sensitivity cases: what would change the answer.
CASES = {
    Case.LEAVE_OUT: "without the {year} figure",
    Case.REVISED_DOWN: "the {year} figure {shift} lower",
    Case.REVISED_UP: "the {year} figure {shift} higher",
    Case.BEFORE_BREAK_KEPT: "keeping the figures before the {year} break",
}

# Units of the indicator catalogue are written in English.
UNITS: dict[str, str] = {}
# What a share is a share of, after the number (English says the catalogue's "of GRDP" as it is).
SHARES_OF: dict[str, str] = {}

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
    "run_log": "Log of the run (run.log)",
    "language": "English",
    "index_title": "Plan 330/KH-UBND — briefs",
    "brief": "Brief",
    "scenarios": "Scenario",
    "failed": "failed",
    "run_failed": "Some briefs of this run failed, so it was not published; see run.log.",
    "run_explore": "A trial run to explore scenarios, not the briefs published for leadership.",
    # Incremental runs: briefs whose inputs did not change are kept from the run that made them.
    "kept_one": "{n} brief whose inputs did not change is kept from the run of {when}.",
    "kept_many": "{n} briefs whose inputs did not change are kept from the run of {when}.",
    "kept_many_runs": "{n} briefs whose inputs did not change are kept from the runs of {when}.",
    "page": "Page",
    "grid_title": "The targets at a glance",
    "grid_good": "achieved or on track",
    "grid_warn": "need acceleration or not yet achieved",
    "grid_bad": "limited progress, moving away or overdue",
    "grid_none": "no or too little data",
    "grid_qualitative": "qualitative",
    "grid_total": "{n} targets in all",
    "grid_other": "Other targets",
    "grid_goal": "Target",
    "grid_latest": "Latest",
    "grid_levels": "see {n} training levels",
    "grid_is_qualitative": "qualitative target, nothing to measure",
    "grid_spark": "Huế's data {first}–{last} ({n} points)",
    "grid_legend": "Each cell is one target; its shape and word give the verdict (never colour alone).",
    "grid_legend_screen": "Select a cell for details.",
    "technical": "Technical information",
    "time_zone": "Viet Nam time",
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
    Why.FORECAST_NOT_BEFORE: "the series ends in {last}, not before {to}: nothing to forecast",
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
    Why.TOO_FEW_TO_TEST: "too few points to test ({n} held-out value(s), fewer than {need})",
    Why.NO_CALIBRATION: "no reference pool of comparable series is declared for this indicator",
}

"""English: the command line's sentences (`kh330 assess` as text) and the --csv/--xlsx headers, by key."""

TEXT = {
    "cli_data": "{where} data: {n} point(s), {first}–{last}; latest {value} ({year}, {status}). Evidence: {ev}.",
    "cli_no_data_geo": "No data for {geo}.",
    "cli_data_assumed": ("Assumed values only (not measured data): {n} point(s), {first}–{last}; latest {value} "
                         "({year}). Evidence: {ev}."),
    "cli_no_data": "No Huế data — this target cannot be assessed yet.",
    "cli_qualitative": "Qualitative target, no measurable indicator.",
    "cli_assumption": "Note: the series includes values assumed by scenario '{name}' (not measured data).",
    "cli_growth": ("Average growth (Open SDG/Eurostat, base year {base}): observed {obs}/year, required {req}/year; "
                   "ratio {ratio}."),
    "cli_growth_na": "Average growth (Open SDG/Eurostat): not computable.",
    "cli_unsd": "Expected value in {deadline} at the growth so far (UNSD): {value}; ratio {ratio}.",
    "cli_verdict": "Verdict, from the chance of meeting the target → {verdict}.",
    "cli_outside": "Outside view: {text}",
    "cli_pace": ("Pace: observed {obs}/year, required {req}/year from now to {deadline}; acceleration factor "
                 "{factor}."),
    "cli_projection": ("Projection for {deadline} — {model}: {median} (80% interval {lo80}–{hi80}; 95% interval "
                       "{lo95}–{hi95})."),
    "cli_pace_required": "Required pace: {req}/year from now to {deadline}.",
    "cli_widened": "The {deadline} interval is calibrated ×{factor} on the reference pools' real series.",
    "cli_adjusted": "Scenario adjustment: {what}.",
    "cli_prob": ("Chance of meeting it in {deadline}: {chance}; models combined: {p}; in any year up to {deadline}: "
                 "{p_by}; median year reached: {year}."),
    "cli_backtest": ("Test on the series itself: {held} held-out value(s); the 80% interval holds {c80}, the 50% "
                     "interval {c50}."),
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
    # `kh330 assess --units` as text: the table in two lines.
    "cli_units_summary": "{units} unit(s) × {targets} target(s): {counts}",
    "cli_units_more": "(--json, --csv FILE.csv or --xlsx FILE.xlsx for the whole table)",
    "cli_models": "By model: {models}.",
    "cli_sensitivity": "Sensitivity: {cases}.",
    "cli_too_few": "Test on the series itself: {why}.",
    # `kh330 assess --csv/--xlsx`: the export's column headers and sheet name.
    "export_sheet": "Assessment",
    "export_target": "Target id",
    "export_clause": "Plan clause",
    "export_label": "Target",
    "export_level": "Training level",
    "export_goal": "Goal",
    "export_unit": "Unit",
    "export_deadline": "Deadline",
    "export_latest_value": "Latest value",
    "export_latest_year": "Latest year",
    "export_latest_status": "Data status",
    "export_verdict": "Verdict",
    "export_verdict_code": "Verdict (code)",
    "export_median": "Projection at the deadline (median)",
    "export_lo80": "80% interval: low",
    "export_hi80": "80% interval: high",
    "export_chance": "How likely",
    "export_p_combined": "P(met), models combined (0–1)",
    "export_band": "Likelihood band",
    "export_band_code": "Likelihood band (code)",
    "export_p_low": "Lowest P(met) (0–1)",
    "export_p_high": "Highest P(met) (0–1)",
    "export_required_annual_change": "Annual change needed",
    "export_observed_annual_change": "Annual change observed",
    "export_acceleration_factor": "Acceleration factor",
}

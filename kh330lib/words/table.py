"""Tables for people and spreadsheets: aligned plain-text columns (`kh330 list`) and the exports of assessments
(`kh330 assess --csv/--xlsx`: one row per target × level, or per unit × target × level), numbers kept as numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from .. import fmt
from ..data.catalog import Registry
from ..files import safe_cell
from . import band_name, breakdown_name, evidence_name, kind_name, status_name, t, unsd_name, verdict_name
from .phrases import chance_text, chance_words, goal_text, unit_text
from .records import record

if TYPE_CHECKING:  # annotations only: the assessment engine is not imported by the commands that only print
    from ..assess.assessment import Assessment

# The export's columns, in order; each header is the text key `export_<column>` in vi_console/en_console.
EXPORT_COLUMNS = ("target", "clause", "label", "level", "goal", "unit", "deadline", "latest_value", "latest_year",
                  "latest_status", "verdict", "verdict_code", "median", "lo80", "hi80", "chance", "p_combined",
                  "band", "band_code", "p_low", "p_high", "required_annual_change", "observed_annual_change",
                  "acceleration_factor")
# Columns holding a probability (0–1): a spreadsheet shows them as percentages.
SHARE_COLUMNS = ("p_combined", "p_low", "p_high")

# The `--units` export: column → the unit table's column it comes from (`kh330lib.assess.UNIT_COLUMNS`), or None
# for words taken from the registry. Internal columns (model, scale, widening, threshold, as_number, cases) are
# left out; README ("Assessing a target") says what each exported column means.
UNIT_EXPORT = {
    "unit_code": "geo", "unit_name": None, "target_id": "target", "target_name": None, "training_level": None,
    "goal": None, "unit": None, "indicator_id": "indicator", "target_kind": "kind", "verdict": None,
    "verdict_code": "verdict", "data_points": "n_points", "first_year": "first_year", "latest_year": "latest_year",
    "latest_value": "latest_value", "latest_data_status": None, "evidence_strength": None, "base_year": "base_year",
    "base_value": "base_value", "observed_annual_change": "observed_annual_change",
    "required_annual_change": "required_annual_change", "acceleration_factor": "acceleration_factor",
    "growth_ratio": "progress_ratio", "expected_value_ratio": "unsd_ratio", "expected_value_status": None,
    "projected_median": "median", "projected_low_80": "lo80", "projected_high_80": "hi80",
    "projected_low_95": "lo95", "projected_high_95": "hi95", "how_likely": None, "p_met_combined": "p_meet",
    "likelihood_band": None, "likelihood_band_code": "band", "p_met_lowest": "p_low", "p_met_highest": "p_high",
    "p_met_by_deadline": "p_meet_by", "expected_year_reached": "expected_year", "backtest_points": "held_out",
    "backtest_coverage_80": "coverage_80", "backtest_coverage_50": "coverage_50", "cumulative_total": "total",
    "reason_codes": "reason",
}
UNIT_EXPORT_COLUMNS = tuple(UNIT_EXPORT)
UNIT_SHARE_COLUMNS = ("p_met_combined", "p_met_lowest", "p_met_highest", "p_met_by_deadline", "backtest_coverage_80",
                      "backtest_coverage_50")
# Counts and years: whole numbers even where the table holds them as floats (a column with a gap is float).
_WHOLE = ("data_points", "first_year", "latest_year", "base_year", "expected_year_reached", "backtest_points")
MISSING = "–"


def export_headers(lang: str = "vi") -> list[str]:
    """The export's column headers in the reader's language."""
    return [t(f"export_{c}", lang) for c in EXPORT_COLUMNS]


def export_row(a: Assessment, lang: str = "vi") -> dict[str, Any]:
    """One target × level as the export shows it: numbers straight from the JSON record, words as in the briefs."""
    rec = record(a)
    tg = a.target
    prob = rec["probability"]
    low, high = prob["range"] or (None, None)
    return {
        "target": tg.id, "clause": tg.clause, "label": tg.label(lang),
        "level": breakdown_name(a.breakdown, lang) if a.breakdown else "",
        "goal": goal_text(tg, lang), "unit": unit_text(tg.unit, lang), "deadline": tg.deadline,
        "latest_value": rec["latest_value"], "latest_year": rec["latest_year"],
        "latest_status": status_name(a.latest_status, lang) if a.latest_status else "",
        "verdict": verdict_name(a.verdict, lang), "verdict_code": rec["verdict"],
        "median": rec["projection"]["median"], "lo80": rec["projection"]["lo80"], "hi80": rec["projection"]["hi80"],
        "chance": chance_text(a.chance, lang) if a.chance is not None else "", "p_combined": prob["combined"],
        "band": band_name(prob["band"], lang) if prob["band"] else "", "band_code": prob["band"],
        "p_low": low, "p_high": high,
        "required_annual_change": rec["required_annual_change"],
        "observed_annual_change": rec["observed_annual_change"],
        "acceleration_factor": rec["acceleration_factor"],
    }


def export_rows(assessments: Iterable[Assessment], lang: str = "vi") -> list[list[Any]]:
    """The export's rows (without the header), cells in EXPORT_COLUMNS order; None where nothing is known."""
    out = []
    for a in assessments:
        row = export_row(a, lang)
        out.append([row[c] for c in EXPORT_COLUMNS])
    return out


def unit_export_row(row: Mapping[str, Any], registry: Registry, lang: str = "vi") -> dict[str, Any]:
    """One row of the unit table as the `--units` export shows it: names beside the codes, words in `lang`."""
    out = {col: row[src] for col, src in UNIT_EXPORT.items() if src is not None}
    geo, tg = registry.geos.get(row["geo"]), registry.target(row["target"])
    band, verdict = row["band"], row["verdict"]
    out.update(
        unit_name=geo.label(lang) if geo else "", target_name=tg.label(lang),
        training_level=breakdown_name(row["breakdown"], lang) if row["breakdown"] else "",
        goal=goal_text(tg, lang), unit=unit_text(tg.unit, lang), target_kind=kind_name(row["kind"], lang),
        verdict=verdict_name(verdict, lang),
        latest_data_status=status_name(row["latest_status"], lang) if row["latest_status"] else "",
        evidence_strength=evidence_name(row["evidence"], lang),
        expected_value_status=unsd_name(row["unsd_status"], lang) if row["unsd_status"] else "",
        how_likely=chance_words(band, row["p_low"], row["p_high"], bool(row["as_number"]), row["p_meet"], lang)
        if band else "",
        likelihood_band=band_name(band, lang) if band else "",
    )
    for col in _WHOLE:
        out[col] = None if out[col] is None else int(out[col])
    return out


def unit_export_rows(rows: Iterable[Mapping[str, Any]], registry: Registry, lang: str = "vi") -> list[list[Any]]:
    """The `--units` export's rows (without the header), cells in UNIT_EXPORT_COLUMNS order."""
    return [[r[c] for c in UNIT_EXPORT_COLUMNS] for r in (unit_export_row(row, registry, lang) for row in rows)]


def _csv_cell(value: Any) -> str:
    value = safe_cell(value)  # text starting with =, +, -, @, tab or CR never becomes a formula
    text = "" if value is None else repr(value) if isinstance(value, float) else str(value)
    # Quoted where CSV needs it, and where a '#' could pass for a metadata line (`pd.read_csv(comment="#")`).
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n#') else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV with '.' decimals and empty cells for None (numbers stay numbers when a spreadsheet opens it)."""
    return "".join(",".join(_csv_cell(v) for v in line) + "\r\n" for line in (header, *rows))


def _cell(value: Any, lang: str) -> str:
    if value is None or value == "":
        return MISSING
    if isinstance(value, float):
        return fmt.number(value, lang, 2)
    return str(value)


def aligned(rows: Sequence[dict[str, Any]], columns: Sequence[str], lang: str = "vi") -> str:
    """Rows as plain-text columns padded to line up, headed by the column keys (the JSON's keys)."""
    cells = [[_cell(r.get(c), lang) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)

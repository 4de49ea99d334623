"""Tables for people and spreadsheets: aligned plain-text columns (`kh330 list`) and the export of assessments
(`kh330 assess --csv/--xlsx`), one row per target × level, numbers kept as numbers."""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable, Sequence

from .. import fmt
from ..assess.assessment import Assessment
from . import band_name, breakdown_name, status_name, t, verdict_name
from .phrases import chance_text, goal_text, unit_text
from .records import record

# The export's columns, in order; each header is the text key `export_<column>` in vi_text/en_text.
EXPORT_COLUMNS = ("target", "clause", "label", "level", "goal", "unit", "deadline", "latest_value", "latest_year",
                  "latest_status", "verdict", "median", "lo80", "hi80", "chance", "band", "p_low", "p_high",
                  "required_annual_change", "observed_annual_change", "acceleration_factor")
# Columns holding a probability (0–1): a spreadsheet shows them as percentages.
SHARE_COLUMNS = ("p_low", "p_high")
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
        "verdict": verdict_name(a.verdict, lang),
        "median": rec["projection"]["median"], "lo80": rec["projection"]["lo80"], "hi80": rec["projection"]["hi80"],
        "chance": chance_text(a.chance, lang) if a.chance is not None else "",
        "band": band_name(prob["band"], lang) if prob["band"] else "",
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


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV with '.' decimals and empty cells for None (numbers stay numbers when a spreadsheet opens it)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else repr(v) if isinstance(v, float) else v for v in row])
    return buf.getvalue()


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

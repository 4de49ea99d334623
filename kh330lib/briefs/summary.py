"""The top of the index and the scorecard: three lines of message, and what each reporting unit owes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..assess.assessment import Assessment
from ..data.calendar import Calendar, Owed, data_date, load_calendar, owed, unit_geos
from ..data.tables import Dataset
from ..data.topics import Topic
from ..words.phrases import date_text
from ..words.summary import owed_rows, top_lines, w
from .markup import esc

OWED_ID = "owed"
LINE_KEYS = ("label_known", "label_unjudged", "label_owed")


@dataclass(frozen=True)
class Summary:
    """The three lines and the owed-data list of one scenario's assessments, in one language."""

    lines: tuple[str, str, str]
    calendar: Calendar
    owed: tuple[Owed, ...]
    dataset: Dataset
    lang: str


def summarise(assessments: Sequence[Assessment], dataset: Dataset, topics: Sequence[Topic],
              lang: str = "vi") -> Summary:
    """Assessments → the message on top (words from kh330lib.words.summary) and the owed list."""
    calendar = load_calendar(dataset.registry)
    due = tuple(owed(dataset, calendar, unit_geos(dataset.registry)))
    return Summary(top_lines(assessments, dataset.registry, topics, due, calendar, lang), calendar, due, dataset,
                   lang)


def lines_markup(s: Summary, owed_href: str = f"#{OWED_ID}") -> str:
    """The three lines, each led by its label; the last links to the owed list (on screen only)."""
    items = []
    for key, line in zip(LINE_KEYS, s.lines):
        link = (f' <a class="kh330-screen" href="{esc(owed_href)}">{esc(w("owed_link", s.lang))}</a>'
                if key == "label_owed" else "")
        items.append(f'<p><b>{esc(w(key, s.lang))}</b> {esc(line)}{link}</p>')
    return f'<section class="kh330-summary" aria-label="{esc(w("summary_title", s.lang))}">{"".join(items)}</section>'


def _names(names: Sequence[str]) -> str:
    # On screen only: on paper the count and the template say what is owed, within the scorecard's four pages.
    items = "".join(f"<li>{esc(n)}</li>" for n in names)
    return f'<ul class="kh330-screen kh330-names">{items}</ul>' if names else ""


def owed_markup(s: Summary, level: int = 2) -> str:
    """Per unit: what it owes, the template file to fill, the due date and whether it is overdue."""
    heads = [w(k, s.lang) for k in ("h_unit", "h_owes", "h_template", "h_due", "h_state")]
    rows = []
    for r in owed_rows(s.owed, s.dataset.registry, s.calendar, s.lang):
        state = f'<b class="kh330-overdue">{esc(r.state)}</b>' if r.overdue else esc(r.state)
        cells = (f'<th scope="row" data-label="{esc(heads[0])}">{esc(r.unit)}<br><span class="note">'
                 f'{esc(r.clause)}</span></th>',
                 f'<td data-label="{esc(heads[1])}">{esc(r.owes) or "–"}{_names(r.names)}</td>',
                 f'<td class="kh330-file" data-label="{esc(heads[2])}">{esc(r.template)}</td>',
                 f'<td class="num" data-label="{esc(heads[3])}">{esc(r.due)}</td>',
                 f'<td data-label="{esc(heads[4])}">{state}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in heads)
    when = data_date(s.dataset)
    notes = [w("as_of", s.lang).format(date=date_text(when, s.lang))] if when else []
    if s.calendar.assumed:
        notes.append(w("owed_assumed", s.lang))
    return (f'<section class="kh330-owed" id="{OWED_ID}"><h{level}>{esc(w("owed_title", s.lang))}</h{level}>'
            f'<div class="kh330-scroll"><table class="kh330-t kh330-cards owed"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>'
            f'<p class="note">{esc(" ".join(notes))}</p></section>')

"""Taking a workbook in: if every cell is valid, a new vintage (and what it adds or revises); else every problem."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..data.catalog import Registry
from ..data.dataset import load_dataset
from ..data.observations import collect_observations
from ..data.periods import period_quarter
from ..data.tables import Dataset
from ..data.vintages import (
    Vintage,
    csv_bytes,
    format_value,
    intake_lock,
    next_seq,
    read_vintages,
    remove_unfinished,
    write_vintage,
)
from ..errors import InputError, os_error
from ..limits import clean_text, limits
from ..words.phrases import with_unit
from ..words.workbook import REPORTER_EXAMPLE, vintage_title
from .reading import Reading, WorkbookProblems, WorkbookReading, meta_ref, read_workbook
from .template import TemplateSpec, load_spec


@dataclass(frozen=True)
class Change:
    """A value of the workbook next to what was known before it."""

    reading: Reading
    old: float | None
    old_source: str | None

    @property
    def kind(self) -> str:
        if self.old is None:
            return "new"
        return "unchanged" if self.old == self.reading.value else "revised"


@dataclass(frozen=True)
class IntakeResult:
    """What an intake read, how it compares with earlier vintages, and what it wrote."""

    workbook: WorkbookReading
    reporter: str
    received: dt.date
    vintage: str
    source_id: str
    changes: tuple[Change, ...]
    written: tuple[Path, ...]
    warnings: tuple[str, ...]
    registry: Registry = field(compare=False, repr=False)
    # What intakes stopped midway (killed, power cut) had left in the vintage folder, removed before writing.
    removed: tuple[Path, ...] = ()

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


def source_id_for(unit: str, geo: str, spec: TemplateSpec, received: dt.date, sha256: str) -> str:
    """`DOET_20260315_AB12CD34`; ward reports add the ward's code: `WARD19753_20260315_…`."""
    tag = unit.upper() + ("" if spec.units[unit].geo else geo.rsplit("-", 1)[-1])
    return f"{tag}_{received:%Y%m%d}_{sha256[:8].upper()}"


def _changes(readings: tuple[Reading, ...], geo: str, dataset: Dataset) -> tuple[Change, ...]:
    obs = dataset.observations[dataset.observations["geo"] == geo]
    known = {(r.indicator, r.breakdown, int(r.year)): (float(r.value), str(r.source))
             for r in obs.itertuples() if period_quarter(r.period) == 0}
    out = []
    for rd in readings:
        old = known.get((rd.indicator, rd.breakdown, rd.year))
        out.append(Change(rd, old[0] if old else None, old[1] if old else None))
    return tuple(out)


def take_in(path: Path | str, reporter: str, received: dt.date | None = None, *, unit: str | None = None,
            dry_run: bool = False, today: dt.date | None = None, vintages: Path | str | None = None
            ) -> IntakeResult:
    """Validate a workbook and, if every cell is valid, add it as a new vintage (nothing is ever edited).

    Parameters
    ----------
    reporter : who sent the workbook (a person or office); recorded as the source's publisher.
    received : the date the workbook was received (default today); `--as-of` dates compare with it.
    unit : when given, the workbook must be this unit's template.
    dry_run : validate and compare, write nothing.
    vintages : the vintage folder (default data/vintages/).
    """
    p = Path(path)
    today = today or dt.date.today()
    received = received or today
    pr = WorkbookProblems(p)
    # The name reaches terminals, JSON and briefs: one line of plain text, never escapes or control codes.
    reporter, too_long = clean_text(reporter, limits().max_reporter_chars)
    if not reporter:
        pr.file("--reporter is empty", f"name who sent the workbook, e.g. --reporter '{REPORTER_EXAMPLE}'")
    if too_long:
        pr.file(f"--reporter {too_long}", "give the name of the person or office only")
    if received > today:
        pr.file(f"received date {received} is in the future", "give the date the workbook arrived")
    pr.raise_if_any()
    dataset = load_dataset(today=today, vintages=vintages)
    spec = load_spec(dataset.registry)
    wbr = read_workbook(p, dataset.registry, spec, today)
    if unit is not None and unit != wbr.unit:
        pr.cell(meta_ref("unit"), f"this is the template of '{wbr.unit}', not '{unit}'",
                f"check the file came from {unit}, or leave out --unit")
    existing, _ = read_vintages(vintages)
    _refuse_repeat(pr, existing, wbr.sha256)
    source_id = source_id_for(wbr.unit, wbr.geo, spec, received, wbr.sha256)
    stem = f"{received.isoformat()}_{wbr.unit}_{wbr.geo}_{wbr.sha256[:8]}"
    ind = dataset.registry.indicators
    notes = {rd: f"{rd.sheet}!{rd.cell}" + (f" — {rd.note}" if rd.note else "") for rd in wbr.readings}
    # The stored note starts with its cell; together they must fit the note limit that loading enforces.
    cap = limits().max_note_chars
    for rd, note in notes.items():
        if len(note) > cap:
            pr.cell(f"{rd.sheet}!{rd.cell}", f"its note with the cell's place is {len(note):,} characters; the "
                    f"limit is {cap:,} (text.max_note_chars in params/limits.yaml)", "shorten the note")
    pr.raise_if_any()
    rows = [{"indicator": rd.indicator, "geo": wbr.geo, "breakdown": rd.breakdown, "year": rd.year, "period": "",
             "value": rd.value, "unit": ind[rd.indicator].unit, "source": source_id, "status": rd.status,
             "note": notes[rd]} for rd in wbr.readings]
    _check_rows(rows, dataset, source_id, stem, vintages, today)
    unit_label = dataset.registry.units[wbr.unit].label_vi
    geo_label = dataset.registry.geos[wbr.geo].label_vi
    # The file name, like the reporter, ends up in terminals and briefs.
    workbook_name = clean_text(p.name, limits().max_reporter_chars)[0]
    title = vintage_title(unit_label, geo_label, wbr.version, workbook_name, reporter, received)
    meta = {"seq": 0, "unit": wbr.unit, "geo": wbr.geo, "reporter": reporter,
            "received": received.isoformat(), "template_version": wbr.version, "sha256": wbr.sha256,
            "workbook": workbook_name, "taken_in": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "source": {"source": source_id, "title": title, "publisher": reporter, "url": "",
                       "published": received.isoformat(), "accessed": received.isoformat()}}
    warnings = []
    later = [v for v in existing if v.received > received]
    if later:
        warnings.append(f"received {received} is earlier than {len(later)} vintage(s) already on file "
                        f"(latest {max(v.received for v in later)}): status --as-of a date in between now "
                        "includes this report")
    written: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()
    if not dry_run:
        # Numbering and writing under the folder's lock: two intakes at once get distinct, ordered numbers,
        # and the same workbook sent twice at once is taken in once.
        with intake_lock(vintages):
            # Under the lock no other intake is writing: anything unfinished was left by one that stopped.
            removed = tuple(remove_unfinished(vintages))
            _refuse_repeat(pr, read_vintages(vintages)[0], wbr.sha256)
            written = write_vintage(stem, rows, {**meta, "seq": next_seq(vintages)}, vintages)
    return IntakeResult(wbr, reporter, received, stem, source_id, _changes(wbr.readings, wbr.geo, dataset),
                        written, tuple(warnings), dataset.registry, removed)


def _refuse_repeat(pr: WorkbookProblems, existing: list[Vintage], sha256: str) -> None:
    """A workbook already on file is not taken in again."""
    for v in existing:
        if v.sha256 == sha256:
            pr.file(f"this workbook was already taken in on {v.received} as {v.id}",
                    "nothing to do; a corrected workbook arrives as a new file")
    pr.raise_if_any()


def _check_rows(rows: list[dict], dataset: Dataset, source_id: str, stem: str, vintages: Path | str | None,
                today: dt.date) -> None:
    """Run the rows through the loader's own validation before anything is written."""
    import tempfile

    try:
        with tempfile.TemporaryDirectory() as tmp:
            probe = Path(tmp) / f"{stem}.csv"
            probe.write_bytes(csv_bytes(rows))
            _, problems = collect_observations(probe, dataset.registry, {*dataset.sources["source"], source_id},
                                               today)
    except OSError as exc:
        raise os_error(exc, tempfile.gettempdir(), "cannot check the rows in a temporary file; nothing was "
                       "written") from None
    if problems:
        raise InputError(problems)


def render_intake(result: IntakeResult) -> str:
    """What the intake found, for the terminal: new values, revisions (old → new), what was written."""
    wb, registry = result.workbook, result.registry
    lines = [f"kh330 intake: {paths.display(wb.path)} — {registry.units[wb.unit].label_en}, "
             f"{registry.geos[wb.geo].label_en} ({wb.geo}), template {wb.version}",
             f"  reporter: {result.reporter}; received {result.received}; SHA-256 {wb.sha256[:16]}…",
             f"  source: {result.source_id}"]

    def value(v: float, indicator: str) -> str:
        return with_unit(v, registry.indicators[indicator].unit, "en", 6)

    for kind, head in (("new", "new"), ("revised", "revises an earlier value (old → new)"),
                       ("unchanged", "same as before")):
        items = result.of_kind(kind)
        lines.append(f"  {len(items)} {head}" + (":" if items and kind != "unchanged" else ""))
        if kind == "unchanged":
            continue
        for c in items:
            rd = c.reading
            what = f"{rd.indicator}{f' ({rd.breakdown})' if rd.breakdown else ''} {rd.year}"
            if kind == "new":
                lines.append(f"    {rd.sheet}!{rd.cell}  {what}: {value(rd.value, rd.indicator)} [{rd.status}]")
            else:
                lines.append(f"    {rd.sheet}!{rd.cell}  {what}: {format_value(c.old)} → "  # type: ignore[arg-type]
                             f"{value(rd.value, rd.indicator)} (was {c.old_source})")
    if wb.ignored_sheets:
        lines.append(f"  ignored sheets (not part of the template): {', '.join(wb.ignored_sheets)}")
    for w in result.warnings:
        lines.append(f"  note: {w}")
    if result.written:
        lines.append(f"  written: {', '.join(paths.display(p) for p in result.written)}")
    else:
        lines.append("  dry run: nothing written")
    return "\n".join(lines)

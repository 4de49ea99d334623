"""Data vintages: each accepted workbook adds a folder under data/vintages/ in one rename; loading uses the latest.

A vintage is never edited. `data/observations.csv` (the seed base) is vintage
zero; each accepted workbook is a later vintage, ordered by the date it was
received and, within a day, by the order it was taken in (`seq`). For each
(indicator, geo, breakdown, year, quarter) the latest vintage's value is the
current one; earlier values stay in `Dataset.all_vintages`.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import filelock
import numpy as np
import pandas as pd

from .. import paths
from ..errors import InputError, Problem, os_error, problem
from ..files import safe_cell, sha256_bytes, sha256_file, umask
from .catalog import Registry
from .observations import observation_records, observations_frame
from .periods import period_quarters
from .tables import SOURCE_COLUMNS, VINTAGE_COLUMNS, Dataset
from .wards import WardRules, collect_rules, derive_ratios

# Column order of observations.csv, which every vintage CSV repeats.
CSV_COLUMNS = ("indicator", "geo", "breakdown", "year", "period", "value", "unit", "source", "status", "note")
SIDECAR_FIELDS = ("vintage", "seq", "unit", "geo", "reporter", "received", "template_version", "sha256",
                  "workbook", "taken_in", "rows", "csv_sha256", "source")
# A vintage is a folder <stem>/ holding these two files; vintages taken in before 2026-12 are the pair
# <stem>.csv + <stem>.json beside it, still read.
DATA_NAME = "data.csv"
PROVENANCE_NAME = "provenance.json"
# A vintage is written into a hidden folder with this prefix and renamed to its name in one step: a stopped
# intake leaves only such a folder, which readers skip and the next intake removes.
UNFINISHED_PREFIX = ".tmp-"
# An observation is the same observation in two vintages when these agree (quarters are distinct periods).
KEY = ["indicator", "geo", "breakdown", "year", "_quarter"]


@dataclass(frozen=True)
class Vintage:
    """One accepted workbook: its rows (data.csv) and provenance (provenance.json)."""

    id: str
    seq: int
    unit: str
    geo: str
    reporter: str
    received: dt.date
    template_version: str
    sha256: str
    workbook: str
    taken_in: str
    rows: int
    csv_sha256: str
    source: dict[str, str] = field(hash=False, compare=False)
    csv_path: Path = Path()
    json_path: Path = Path()

    @property
    def source_id(self) -> str:
        return self.source["source"]


# ---------------------------------------------------------------- reading

def _read_sidecar(path: Path, csv_path: Path, vintage_id: str) -> tuple[Vintage | None, list[Problem]]:
    def bad(key: str | None, message: str, fix: str) -> tuple[None, list[Problem]]:
        return None, [problem(path, None, key, message, fix, kind="field")]

    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return bad(None, f"not valid JSON ({exc})", "restore the file from version control; never edit vintages")
    if not isinstance(meta, dict):
        return bad(None, "expected a JSON object", "restore the file from version control")
    for key in SIDECAR_FIELDS:
        if key not in meta:
            return bad(key, "missing", "restore the file from version control; never edit vintages")
    try:
        received = dt.date.fromisoformat(str(meta["received"]))
    except ValueError:
        return bad("received", f"'{meta['received']}' is not a date", "restore the file from version control")
    src = meta["source"]
    if not isinstance(src, dict) or not src.get("source") or not src.get("title"):
        return bad("source", "needs at least 'source' and 'title'", "restore the file from version control")
    if not csv_path.exists():
        return bad(None, f"its rows {csv_path.name} are missing",
                   "restore the CSV from version control, or delete this vintage and take the workbook in again")
    if sha256_file(csv_path) != meta["csv_sha256"]:
        return None, [problem(csv_path, None, None,
                              f"changed after it was taken in (SHA-256 differs from {path.name})",
                              "restore it from version control: a correction arrives as a new workbook, "
                              "never as an edit")]
    if meta["vintage"] != vintage_id:
        return bad("vintage", f"'{meta['vintage']}' does not match the name '{vintage_id}'",
                   "restore the file from version control")
    return Vintage(str(meta["vintage"]), int(meta["seq"]), str(meta["unit"]), str(meta["geo"]),
                   str(meta["reporter"]), received, str(meta["template_version"]), str(meta["sha256"]),
                   str(meta["workbook"]), str(meta["taken_in"]), int(meta["rows"]), str(meta["csv_sha256"]),
                   {k: str(src.get(k) or "") for k in SOURCE_COLUMNS}, csv_path, path), []


def _read_entry(entry: Path) -> tuple[Vintage | None, list[Problem]]:
    """One entry of the vintage folder: a vintage folder, an old-layout sidecar, or nothing of ours."""
    try:
        return _read_entry_files(entry)
    except OSError as exc:
        return None, os_error(exc, exc.filename or entry, "cannot be read").problems


def _read_entry_files(entry: Path) -> tuple[Vintage | None, list[Problem]]:
    if entry.is_dir():
        if not (entry / PROVENANCE_NAME).is_file():
            return None, [problem(entry, None, None, f"has no {PROVENANCE_NAME}",
                                  "restore the folder from version control, or delete it and take the "
                                  "workbook in again")]
        return _read_sidecar(entry / PROVENANCE_NAME, entry / DATA_NAME, entry.name)
    if entry.suffix == ".json":
        return _read_sidecar(entry, entry.with_suffix(".csv"), entry.stem)
    if entry.suffix == ".csv" and not entry.with_suffix(".json").exists():
        # Only the old layout (two renames) could leave this; a vintage folder appears whole or not at all.
        return None, [problem(entry, None, None, "has no provenance sidecar (.json); an interrupted intake?",
                              "delete this file and take the workbook in again")]
    return None, []


def read_vintages(directory: Path | str | None = None) -> tuple[list[Vintage], list[Problem]]:
    """Every vintage under `directory` (default data/vintages/), oldest first; problems for broken ones.

    Hidden entries are skipped: the intake lock, and what a stopped intake left (see `remove_unfinished`).
    """
    d = Path(directory or paths.VINTAGES_DIR)
    if not d.is_dir():
        return [], []
    out: list[Vintage] = []
    problems: list[Problem] = []
    try:
        entries = sorted(d.iterdir())
    except OSError as exc:
        return [], os_error(exc, d, "cannot be read").problems
    for entry in entries:
        if entry.name.startswith("."):
            continue
        v, p = _read_entry(entry)
        problems += p
        if v is not None:
            out.append(v)
    return sorted(out, key=lambda v: (v.received, v.seq, v.id)), problems


def _sources_frame(vintages: list[Vintage]) -> pd.DataFrame:
    return pd.DataFrame([{**v.source, "line": 0} for v in vintages], columns=[*SOURCE_COLUMNS, "line"])


def _history(base: pd.DataFrame) -> pd.DataFrame:
    return base.assign(vintage="", received="", seq=0)


def resolve(history: pd.DataFrame, registry: Registry, rules: WardRules | None = None) -> pd.DataFrame:
    """The current observations: for each key the row of the latest vintage, then derived ward shares.

    `history` must be in vintage order (base first); the result has the
    observation columns only, so code that reads observations is unaffected.
    """
    cols = [c for c in history.columns if c not in VINTAGE_COLUMNS]
    if history.empty:
        current = history[cols].copy()
    else:
        h = history.assign(_quarter=period_quarters(history["period"]))
        current = h.groupby(KEY, sort=False, dropna=False).tail(1)[cols].reset_index(drop=True)
    if rules is not None:
        current = derive_ratios(current, rules, registry).reset_index(drop=True)
    return current


def parse_as_of(value: dt.date | str | None, today: dt.date | None = None) -> dt.date | None:
    """An as-of date from a date, 'YYYY-MM-DD' or '' / None (everything on file), as notebooks pass it.

    A date after `today` (default: the system date) is refused: what will be known then is not known yet.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    else:
        try:
            date = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise InputError([Problem("as_of", None, None, f"'{value}' is not a date",
                                      "write YYYY-MM-DD")]) from None
    today = today or dt.date.today()
    if date > today:
        raise InputError([Problem("as_of", None, None, f"{date} is after today ({today}): the data as known on "
                                  "that day are not known yet",
                                  "give today's date or an earlier one, or none for everything on file")])
    return date


def apply_vintages(base: Dataset, *, as_of: dt.date | str | None = None, directory: Path | str | None = None,
                   today: dt.date | None = None) -> tuple[Dataset, list[Problem]]:
    """Add every vintage received on or before `as_of` (all when None) to a dataset read from the base file."""
    as_of = parse_as_of(as_of, today)
    registry = base.registry
    vintages, problems = read_vintages(directory)
    included = [v for v in vintages if as_of is None or v.received <= as_of]
    base_ids = set(base.sources["source"])
    for v in included:
        if v.source_id in base_ids:
            problems.append(problem(v.json_path, None, "source", f"source id '{v.source_id}' is already in "
                                    "data/sources.csv", "restore the file from version control", kind="field"))
    src = pd.concat([base.sources, _sources_frame(included)], ignore_index=True) if included else base.sources
    source_ids = set(src["source"])
    # One frame for the rows of every vintage: building a frame per file cost more than reading the file.
    records: list[dict] = []
    ids: list[str] = []
    received: list[str] = []
    seqs: list[int] = []
    for v in included:
        rows, p = observation_records(v.csv_path, registry, source_ids, today)
        problems += p
        records += rows
        ids += [v.id] * len(rows)
        received += [v.received.isoformat()] * len(rows)
        seqs += [v.seq] * len(rows)
    history = _history(base.observations)
    if included:
        taken = observations_frame(records).assign(vintage=ids, received=received,
                                                   seq=np.asarray(seqs, dtype="int64"))
        history = pd.concat([history, taken], ignore_index=True)
    rules, rule_problems = collect_rules(registry)
    problems += rule_problems
    if included:
        current = resolve(history, registry, rules)
    else:
        current = derive_ratios(base.observations, rules, registry)
    return dataclasses.replace(base, observations=current, sources=src, all_vintages=history,
                               as_of=as_of), problems


def dataset_as_of(dataset: Dataset, date: dt.date | None) -> Dataset:
    """The dataset as it was known on `date` (base plus vintages received by then), from `all_vintages`.

    `None` means the seed base alone, before any departmental report.
    """
    history = dataset.all_vintages
    if history.empty:
        return dataset
    keep = history["received"] == ""
    if date is not None:
        keep |= (history["received"] != "") & (history["received"] <= date.isoformat())
    rules, _ = collect_rules(dataset.registry)
    current = resolve(history[keep].reset_index(drop=True), dataset.registry, rules)
    dropped_sources = set(history.loc[~keep, "source"]) - set(history.loc[keep, "source"])
    sources = dataset.sources[~dataset.sources["source"].isin(dropped_sources)].reset_index(drop=True)
    return dataclasses.replace(dataset, observations=current, sources=sources,
                               all_vintages=history[keep].reset_index(drop=True), as_of=date)


def vintage_dates(dataset: Dataset) -> list[dt.date]:
    """Distinct dates on which departmental reports were received, oldest first."""
    received = dataset.all_vintages["received"] if not dataset.all_vintages.empty else pd.Series(dtype=str)
    return sorted(dt.date.fromisoformat(d) for d in set(received) if d)


def history_dates(dataset: Dataset, n_last: int = 3) -> list[dt.date | None]:
    """The last `n_last` data states: vintage dates, preceded by the seed base (None) when there are fewer."""
    states: list[dt.date | None] = [None, *vintage_dates(dataset)]
    return states[-n_last:] if n_last > 0 else []


def revisions(dataset: Dataset) -> pd.DataFrame:
    """Every estimate or provisional value later replaced by another, across the vintages on file.

    Columns indicator, geo, breakdown, year, unit, before, after (vintage order: base file first).
    """
    cols = ["indicator", "geo", "breakdown", "year", "unit", "before", "after"]
    history = dataset.all_vintages
    if history.empty:
        return pd.DataFrame(columns=cols)
    h = history.assign(_quarter=period_quarters(history["period"]))
    h = h[h.duplicated(KEY, keep=False)]  # only a value given more than once can have been revised
    out = []
    for key, grp in h.groupby(KEY, sort=False):
        rows = grp.to_dict("records")
        for before, after in zip(rows, rows[1:]):
            if before["status"] in ("estimate", "provisional") and after["value"] != before["value"]:
                out.append({"indicator": key[0], "geo": key[1], "breakdown": key[2], "year": key[3],
                            "unit": before["unit"], "before": float(before["value"]), "after": float(after["value"])})
    return pd.DataFrame(out, columns=cols)


# ---------------------------------------------------------------- writing

def format_value(value: float) -> str:
    """A value as observations.csv writes it: whole numbers without '.0', others in shortest round-trip form."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    """Rows in observations.csv form (UTF-8, comma-separated, '\\n' line ends)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in rows:
        # Text that a spreadsheet would run as a formula is written with a leading quote (read back without it).
        w.writerow([format_value(r[c]) if c == "value" else safe_cell(r.get(c, "")) for c in CSV_COLUMNS])
    return buf.getvalue().encode("utf-8")


def next_seq(directory: Path | str | None = None) -> int:
    """The intake order number for the next vintage (1 + the highest so far); call it under `intake_lock`."""
    vintages, _ = read_vintages(directory)
    return max((v.seq for v in vintages), default=0) + 1


# The lock file sits with the vintages it guards, so that every process writing there (whatever its
# checkout or environment) sees it; read_vintages only reads *.json and *.csv.
LOCK_NAME = ".intake.lock"
# Taking a workbook in writes two small files: a wait longer than this means a stuck process.
LOCK_WAIT_SECONDS = 60


@contextlib.contextmanager
def intake_lock(directory: Path | str | None = None, timeout: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the vintage folder's lock: one intake at a time numbers and writes its vintage."""
    d = Path(directory or paths.VINTAGES_DIR)
    lock = filelock.FileLock(str(d / LOCK_NAME), timeout=timeout)
    try:
        d.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except filelock.Timeout:
        raise InputError([problem(d / LOCK_NAME, None, None,
                                  f"another intake has held this lock for over {timeout:g} s; nothing was written",
                                  "wait for it to finish and try again; if no kh330 intake is running, "
                                  "the lock is stale and the command can simply be repeated")]) from None
    except OSError as exc:
        raise os_error(exc, d / LOCK_NAME, "cannot take the intake lock; nothing was written") from None
    try:
        yield
    finally:
        lock.release()


def unfinished(directory: Path | str | None = None) -> list[Path]:
    """What stopped intakes left in the vintage folder: hidden `.tmp-…` folders and `.….tmp` files."""
    d = Path(directory or paths.VINTAGES_DIR)
    if not d.is_dir():
        return []
    return sorted(p for p in d.iterdir()
                  if p.name.startswith(UNFINISHED_PREFIX) or (p.name.startswith(".") and p.name.endswith(".tmp")))


def remove_unfinished(directory: Path | str | None = None) -> list[Path]:
    """Remove what stopped intakes left; call it under `intake_lock`, when no other intake can be writing."""
    removed = []
    for p in unfinished(directory):
        try:
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
        except OSError as exc:
            raise os_error(exc, p, "cannot remove this unfinished intake; nothing was written") from None
        removed.append(p)
    return removed


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(path, 0o666 & ~umask())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_vintage(stem: str, rows: list[dict[str, Any]], meta: dict[str, Any],
                  directory: Path | str | None = None) -> tuple[Path, Path]:
    """Create the vintage folder `<stem>/` (data.csv, provenance.json) in one rename: whole or not at all."""
    d = Path(directory or paths.VINTAGES_DIR)
    final = d / stem
    for p in (final, d / f"{stem}.csv", d / f"{stem}.json"):
        if p.exists():
            raise InputError([problem(p, None, None, "already exists; vintages are never overwritten",
                                      "this workbook (or one with the same name) was taken in already")])
    data = csv_bytes(rows)
    sidecar = {**meta, "vintage": stem, "rows": len(rows), "csv_sha256": sha256_bytes(data)}
    tmp: Path | None = None
    try:
        d.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=d, prefix=f"{UNFINISHED_PREFIX}{stem}."))
        # mkdtemp makes 0700 folders; the scheduled job's account and researchers read each other's vintages.
        os.chmod(tmp, 0o777 & ~umask())
        _write_synced(tmp / DATA_NAME, data)
        _write_synced(tmp / PROVENANCE_NAME, (json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n").encode())
        _fsync_dir(tmp)
        os.rename(tmp, final)
    except OSError as exc:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        raise os_error(exc, d, f"vintage {stem} was not written") from None
    except BaseException:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    # The vintage is in place; a failure to make the rename durable changes nothing a reader can see.
    with contextlib.suppress(OSError):
        _fsync_dir(d)
    return final / DATA_NAME, final / PROVENANCE_NAME

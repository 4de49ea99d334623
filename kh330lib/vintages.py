"""Data vintages: every accepted workbook adds a CSV + JSON pair under data/vintages/; loading keeps all, uses the latest.

A vintage is never edited. `data/observations.csv` (the seed base) is vintage
zero; each accepted workbook is a later vintage, ordered by the date it was
received and, within a day, by the order it was taken in (`seq`). For each
(indicator, geo, breakdown, year, quarter) the latest vintage's value is the
current one; earlier values stay in `Dataset.all_vintages`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from . import paths
from .catalog import Registry, Target
from .errors import InputError, Problem, problem
from .manifest import sha256_file as sha256_of
from .observations import (SOURCE_COLUMNS, VINTAGE_COLUMNS, Dataset, collect_observations,
                           period_quarter)

# Column order of observations.csv, which every vintage CSV repeats.
CSV_COLUMNS = ("indicator", "geo", "breakdown", "year", "period", "value", "unit", "source", "status", "note")
SIDECAR_FIELDS = ("vintage", "seq", "unit", "geo", "reporter", "received", "template_version", "sha256",
                  "workbook", "taken_in", "rows", "csv_sha256", "source")
# An observation is the same observation in two vintages when these agree (quarters are distinct periods).
KEY = ["indicator", "geo", "breakdown", "year", "_quarter"]


@dataclass(frozen=True)
class Vintage:
    """One accepted workbook: its rows (CSV) and provenance (JSON sidecar)."""

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

def _read_sidecar(path: Path) -> tuple[Vintage | None, list[Problem]]:
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
    csv_path = path.with_suffix(".csv")
    if not csv_path.exists():
        return bad(None, f"its rows {csv_path.name} are missing",
                   "restore the CSV from version control, or delete this sidecar and take the workbook in again")
    if sha256_of(csv_path) != meta["csv_sha256"]:
        return None, [problem(csv_path, None, None,
                              f"changed after it was taken in (SHA-256 differs from {path.name})",
                              "restore it from version control: a correction arrives as a new workbook, "
                              "never as an edit")]
    if meta["vintage"] != path.stem:
        return bad("vintage", f"'{meta['vintage']}' does not match the file name '{path.stem}'",
                   "restore the file from version control")
    return Vintage(str(meta["vintage"]), int(meta["seq"]), str(meta["unit"]), str(meta["geo"]),
                   str(meta["reporter"]), received, str(meta["template_version"]), str(meta["sha256"]),
                   str(meta["workbook"]), str(meta["taken_in"]), int(meta["rows"]), str(meta["csv_sha256"]),
                   {k: str(src.get(k) or "") for k in SOURCE_COLUMNS}, csv_path, path), []


def read_vintages(directory: Path | str | None = None) -> tuple[list[Vintage], list[Problem]]:
    """Every vintage under `directory` (default data/vintages/), oldest first; problems for broken ones."""
    d = Path(directory or paths.VINTAGES_DIR)
    if not d.is_dir():
        return [], []
    out: list[Vintage] = []
    problems: list[Problem] = []
    for path in sorted(d.glob("*.json")):
        v, p = _read_sidecar(path)
        problems += p
        if v is not None:
            out.append(v)
    for path in sorted(d.glob("*.csv")):
        if not path.with_suffix(".json").exists():
            problems.append(problem(path, None, None, "has no provenance sidecar (.json); an interrupted intake?",
                                    "delete this file and take the workbook in again"))
    return sorted(out, key=lambda v: (v.received, v.seq, v.id)), problems


def _sources_frame(vintages: list[Vintage]) -> pd.DataFrame:
    return pd.DataFrame([{**v.source, "line": 0} for v in vintages], columns=[*SOURCE_COLUMNS, "line"])


def _history(base: pd.DataFrame) -> pd.DataFrame:
    return base.assign(vintage="", received="", seq=0)


def resolve(history: pd.DataFrame, registry: Registry, rules: Any = None) -> pd.DataFrame:
    """The current observations: for each key the row of the latest vintage, then derived ward shares.

    `history` must be in vintage order (base first); the result has the
    observation columns only, so code that reads observations is unaffected.
    """
    from .wards import derive_ratios  # wards reads observations; imported here to keep the import graph flat

    cols = [c for c in history.columns if c not in VINTAGE_COLUMNS]
    if history.empty:
        current = history[cols].copy()
    else:
        h = history.assign(_quarter=[period_quarter(p) for p in history["period"]])
        current = h.groupby(KEY, sort=False, dropna=False).tail(1)[cols].reset_index(drop=True)
    if rules is not None:
        current = derive_ratios(current, rules, registry).reset_index(drop=True)
    return current


def parse_as_of(value: dt.date | str | None) -> dt.date | None:
    """An as-of date from a date, 'YYYY-MM-DD' or '' / None (everything on file), as notebooks pass it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError([Problem("as_of", None, None, f"'{value}' is not a date", "write YYYY-MM-DD")]) from None


def apply_vintages(base: Dataset, *, as_of: dt.date | str | None = None, directory: Path | str | None = None,
                   today: dt.date | None = None) -> tuple[Dataset, list[Problem]]:
    """Add every vintage received on or before `as_of` (all when None) to a dataset read from the base file."""
    from .wards import collect_rules

    as_of = parse_as_of(as_of)
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
    frames = [_history(base.observations)]
    for v in included:
        obs, p = collect_observations(v.csv_path, registry, source_ids, today)
        problems += p
        frames.append(obs.assign(vintage=v.id, received=v.received.isoformat(), seq=v.seq))
    history = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    rules, rule_problems = collect_rules(registry)
    problems += rule_problems
    if included:
        current = resolve(history, registry, rules)
    else:
        from .wards import derive_ratios
        current = derive_ratios(base.observations, rules, registry)
    return dataclasses.replace(base, observations=current, sources=src, all_vintages=history,
                               as_of=as_of), problems


def dataset_as_of(dataset: Dataset, date: dt.date | None) -> Dataset:
    """The dataset as it was known on `date` (base plus vintages received by then), from `all_vintages`.

    `None` means the seed base alone, before any departmental report.
    """
    from .wards import collect_rules

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


# ---------------------------------------------------------------- writing

def _atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to a new file `path` via a temporary file and os.replace; never overwrite."""
    if path.exists():
        raise FileExistsError(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def format_value(value: float) -> str:
    """A value as observations.csv writes it: whole numbers without '.0', others in shortest round-trip form."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    """Rows in observations.csv form (UTF-8, comma-separated, '\\n' line ends)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in rows:
        w.writerow([format_value(r[c]) if c == "value" else r.get(c, "") for c in CSV_COLUMNS])
    return buf.getvalue().encode("utf-8")


def next_seq(directory: Path | str | None = None) -> int:
    """The intake order number for the next vintage (1 + the highest so far)."""
    vintages, _ = read_vintages(directory)
    return max((v.seq for v in vintages), default=0) + 1


def write_vintage(stem: str, rows: list[dict[str, Any]], meta: dict[str, Any],
                  directory: Path | str | None = None) -> tuple[Path, Path]:
    """Create `<stem>.csv` and its `<stem>.json` sidecar; the sidecar goes last (it makes the vintage visible)."""
    d = Path(directory or paths.VINTAGES_DIR)
    csv_path, json_path = d / f"{stem}.csv", d / f"{stem}.json"
    for p in (csv_path, json_path):
        if p.exists():
            raise InputError([problem(p, None, None, "already exists; vintages are never overwritten",
                                      "this workbook (or one with the same name) was taken in already")])
    d.mkdir(parents=True, exist_ok=True)
    data = csv_bytes(rows)
    sidecar = {**meta, "vintage": stem, "rows": len(rows), "csv_sha256": hashlib.sha256(data).hexdigest()}
    _atomic_write(csv_path, data)
    _atomic_write(json_path, (json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return csv_path, json_path


# ---------------------------------------------------------------- verdict history

@dataclass(frozen=True)
class Verdict:
    """A target's verdict with the data known on one date (None: seed data only, before any report)."""

    as_of: dt.date | None
    status: str | None


def verdict_of(assessment: Any) -> str | None:
    """The headline verdict of an engine Assessment: progress.status for a level target, the cumulative or
    milestone status for those kinds, None for a qualitative target."""
    kind = assessment.target.kind
    part = {"cumulative": assessment.cumulative, "milestone": assessment.milestone}.get(kind, assessment.progress)
    return None if kind == "qualitative" or part is None else part.status


def history_dates(dataset: Dataset, n_last: int = 3) -> list[dt.date | None]:
    """The last `n_last` data states: vintage dates, preceded by the seed base (None) when there are fewer."""
    states: list[dt.date | None] = [None, *vintage_dates(dataset)]
    return states[-n_last:] if n_last > 0 else []


def verdict_history(target: Target | str, n_last: int = 3, *, dataset: Dataset | None = None,
                    breakdown: str = "", geo: str | None = None,
                    assess: Callable[..., Any] | None = None, **engine_kwargs: Any) -> list[Verdict]:
    """The target's verdict under each of the last `n_last` data vintages, oldest first.

    Parameters
    ----------
    target : a Target or its id.
    dataset : the loaded dataset (all vintages); loaded from data/ when None.
    breakdown, geo : passed to the engine (geo None: the target's own geo).
    assess : the assessment function, `kh330lib.engine.assess_target` by default.
    engine_kwargs : passed on to `assess` (e.g. seed, scenario).
    """
    if dataset is None:
        from .observations import load_dataset
        dataset = load_dataset()
    if assess is None:
        from .engine import assess_target as assess
    tgt = dataset.registry.target(target) if isinstance(target, str) else target
    return [Verdict(date, verdict_of(assess(dataset_as_of(dataset, date), tgt, geo=geo, breakdown=breakdown,
                                            **engine_kwargs)))
            for date in history_dates(dataset, n_last)]


def verdict_histories(dataset: Dataset, n_last: int = 3, *, classify: Callable[[Any], Any] | None = None,
                      **engine_kwargs: Any) -> dict[tuple[str, str], list[Verdict]]:
    """Every target × level's verdicts under the last `n_last` vintages (one engine pass per vintage).

    `classify` turns an Assessment into its verdict code, or into an object with
    a `.key` (e.g. `report.verdict`, so the history uses the scorecard's own
    verdicts); `verdict_of` by default. `engine_kwargs` go to `assess_all`.
    """
    from .engine import assess_all

    classify = classify or verdict_of
    out: dict[tuple[str, str], list[Verdict]] = {}
    for date in history_dates(dataset, n_last):
        for a in assess_all(dataset_as_of(dataset, date), **engine_kwargs):
            v = classify(a)
            out.setdefault((a.target.id, a.breakdown), []).append(Verdict(date, getattr(v, "key", v)))
    return out


def changed(history: list[Verdict]) -> tuple[Verdict, Verdict] | None:
    """The last change of verdict in a history (before, after), or None when it is stable."""
    for before, after in zip(history[-2::-1], history[::-1]):
        if before.status != after.status:
            return before, after
    return None


CHANGE_TEXT = {
    "vi": "Đánh giá đã thay đổi từ «{before}» sang «{after}» sau số liệu ngày {date}.",
    "en": "The assessment changed from “{before}” to “{after}” after the data of {date}.",
}
SEED_TEXT = {"vi": "số liệu gốc", "en": "seed data"}
NONE_TEXT = {"vi": "không đánh giá", "en": "not assessed"}


def date_text(date: dt.date | None, lang: str = "vi") -> str:
    """A vintage date as readers write it: 15/03/2026 (vi), 15 Mar 2026 (en); seed data for None."""
    if date is None:
        return SEED_TEXT[lang]
    return date.strftime("%d/%m/%Y") if lang == "vi" else f"{date.day} {date:%b %Y}"


def _words(lang: str, labels: dict[str, str] | None) -> Callable[[str | None], str]:
    """Verdict code → reader words: `labels`, else the briefs' own words (i18n `verdict_*`), else the engine's."""
    if labels is None:
        from .attainment import VERDICT_LABELS
        from .i18n import TEXT
        labels = {**VERDICT_LABELS[lang], **{k.removeprefix("verdict_"): v for k, v in TEXT[lang].items()
                                             if k.startswith("verdict_")}}
    return lambda s: NONE_TEXT[lang] if s is None else labels.get(s, s)  # type: ignore[union-attr]


def change_sentence(history: list[Verdict], lang: str = "vi", labels: dict[str, str] | None = None) -> str | None:
    """A key-message sentence when the verdict changed between vintages, else None.

    `labels` maps status codes to reader words (default: the engine's verdict labels in `lang`).
    """
    hit = changed(history)
    if hit is None:
        return None
    before, after = hit
    word = _words(lang, labels)
    return CHANGE_TEXT[lang].format(before=word(before.status), after=word(after.status),
                                    date=date_text(after.as_of, lang))


TABLE_HEADERS = {"vi": ("Mục tiêu", "Thay đổi"), "en": ("Target", "Change")}
CHANGED_MARK = {"vi": "đã thay đổi", "en": "changed"}
SUMMARY_TEXT = {
    "vi": {"none": "Chưa có báo cáo định kỳ nào của các sở, ngành, địa phương: mọi đánh giá dựa trên số liệu gốc.",
           "stable": "Không đánh giá nào thay đổi sau số liệu cập nhật ngày {dates}."},
    "en": {"none": "No periodic report from the departments, university or wards yet: every verdict rests on the "
                   "seed data.",
           "stable": "No verdict changed with the data of {dates}."},
}


def verdict_table(dataset: Dataset, n_last: int = 3, lang: str = "vi", labels: dict[str, str] | None = None,
                  histories: dict[tuple[str, str], list[Verdict]] | None = None, for_readers: bool = False,
                  **engine_kwargs: Any) -> pd.DataFrame:
    """The scorecard's verdict history: one row per target × level, one column per vintage (oldest first).

    Columns: target, breakdown, label, then one column per vintage date
    (reader words), then `change` (the key-message sentence, empty when stable).
    With `for_readers`, the ids are left out, the label column is headed
    "Mục tiêu"/"Target" and `change` becomes a short mark ("đã thay đổi"/"changed")
    under "Thay đổi"/"Change" (the sentences go in `verdict_summary`).
    """
    from .i18n import BREAKDOWN_LABELS

    histories = histories if histories is not None else verdict_histories(dataset, n_last, **engine_kwargs)
    word = _words(lang, labels)
    dates = history_dates(dataset, n_last)
    rows = []
    for (tid, breakdown), hist in histories.items():
        tgt = dataset.registry.target(tid)
        row: dict[str, Any] = {"target": tid, "breakdown": breakdown,
                               "label": tgt.label(lang) + (f" — {BREAKDOWN_LABELS[lang].get(breakdown, breakdown)}"
                                                           if breakdown else "")}
        for v in hist:
            row[date_text(v.as_of, lang)] = word(v.status)
        row["change"] = change_sentence(hist, lang, labels) or ""
        rows.append(row)
    table = pd.DataFrame(rows, columns=["target", "breakdown", "label", *(date_text(d, lang) for d in dates),
                                        "change"])
    if not for_readers:
        return table
    target_head, change_head = TABLE_HEADERS[lang]
    table["change"] = [CHANGED_MARK[lang] if c else "" for c in table["change"]]
    return table.drop(columns=["target", "breakdown"]).rename(columns={"label": target_head, "change": change_head})


def verdict_summary(dataset: Dataset, n_last: int = 3, lang: str = "vi",
                    histories: dict[tuple[str, str], list[Verdict]] | None = None, **engine_kwargs: Any) -> list[str]:
    """Sentences for the brief: each verdict that changed, or one sentence saying none did (or no report yet)."""
    messages = key_messages(dataset, n_last, lang, histories=histories, **engine_kwargs)
    if messages:
        return messages
    dates = [d for d in history_dates(dataset, n_last) if d is not None]
    if not dates:
        return [SUMMARY_TEXT[lang]["none"]]
    return [SUMMARY_TEXT[lang]["stable"].format(dates=", ".join(date_text(d, lang) for d in dates))]


def key_messages(dataset: Dataset, n_last: int = 3, lang: str = "vi",
                 histories: dict[tuple[str, str], list[Verdict]] | None = None, **engine_kwargs: Any) -> list[str]:
    """One sentence per target × level whose verdict changed: `<target>: Đánh giá đã thay đổi từ … sang …`."""
    table = verdict_table(dataset, n_last, lang, histories=histories, **engine_kwargs)
    return [f"{r.label}: {r.change}" for r in table.itertuples() if r.change]

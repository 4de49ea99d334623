"""Incremental runs: which briefs of the run `latest` shows can be kept, and keeping them (hard link, else copy).

A brief is kept when the run `latest` shows made it (or kept it) with the same input key (kh330lib.run.inputs),
its outcome there was ok and its files are still there; otherwise it is rebuilt, and the reason says why.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from .cleanup import RUN_ID, latest_run, read_manifest
from .inputs import BriefInputs, brief_inputs, change_reason
from .plan import Plan
from .printing import find_chromium

REBUILT, UNCHANGED = "rebuilt", "unchanged"
# Reasons that hold for every brief of a run: said once on the run's first line, not on each brief's.
NO_EARLIER_RUN, FORCE, ONLY = "no earlier run", "--force", "--only"
RUN_WIDE = (NO_EARLIER_RUN, FORCE, ONLY)

BriefId = tuple[str, str, str]  # (scenario, lang, notebook name)


@dataclass(frozen=True)
class Earlier:
    """The run `latest` shows, as its manifest records it."""

    run_id: str
    folder: Path
    briefs: Mapping[BriefId, Mapping[str, Any]]
    shared: Mapping[str, str]


@dataclass(frozen=True)
class Decision:
    """Whether one brief is rebuilt or kept, and why; a kept brief names the run that executed it."""

    build: str
    reason: str | None = None
    from_run: str | None = None
    source: Path | None = None
    title: str = ""

    @property
    def kept(self) -> bool:
        return self.build == UNCHANGED

    @property
    def run_wide(self) -> bool:
        return self.reason in RUN_WIDE


def brief_id(entry: Mapping[str, Any]) -> BriefId:
    """The identity of a manifest's brief: scenario, language and notebook name (not its folder)."""
    return str(entry.get("scenario", "")), str(entry.get("lang", "")), Path(str(entry.get("notebook", ""))).stem


def earlier_run(latest: Path) -> Earlier | None:
    """The run `latest` shows, or None when there is none or its manifest cannot be read."""
    folder = latest_run(latest)
    if folder is not None and not folder.is_dir() and latest.is_dir():
        folder = latest  # a copied latest whose run folder is gone: the copy holds the same files
    manifest = read_manifest(folder) if folder is not None else None
    if folder is None or manifest is None or not isinstance(manifest.get("briefs"), list):
        return None
    briefs = {brief_id(b): b for b in manifest["briefs"] if isinstance(b, dict)}
    shared = manifest.get("shared_inputs")
    return Earlier(str(manifest.get("run_id") or folder.name), folder, briefs,
                   shared if isinstance(shared, dict) else {})


def decide(brief: BriefId, inputs: BriefInputs, earlier: Earlier | None, outputs: Sequence[str],
           shared: Mapping[str, str], *, force: bool = False, only: bool = False) -> Decision:
    """Keep the brief when `earlier` made it from the same inputs, it succeeded and `outputs` (paths relative
    to the run folder) are still there; else rebuild it, saying why."""
    if force:
        return Decision(REBUILT, FORCE)
    if only:
        return Decision(REBUILT, ONLY)  # --only is how one reruns a notebook on purpose
    if earlier is None:
        return Decision(REBUILT, NO_EARLIER_RUN)
    entry = earlier.briefs.get(brief)
    if entry is None:
        return Decision(REBUILT, "not in the earlier run")
    if entry.get("outcome") != "ok":
        return Decision(REBUILT, "earlier brief failed")
    record = entry.get("inputs")
    parts = record.get("parts") if isinstance(record, dict) else None
    if not isinstance(parts, dict):
        return Decision(REBUILT, "no input record in the earlier run")
    if record.get("key") != inputs.key:
        return Decision(REBUILT, change_reason(parts, inputs.parts, earlier.shared, shared))
    if not all((earlier.folder / rel).is_file() for rel in outputs):
        return Decision(REBUILT, "earlier output missing")
    made_by = entry.get("from_run") if entry.get("build") == UNCHANGED else None
    return Decision(UNCHANGED, None, str(made_by or earlier.run_id), earlier.folder, str(entry.get("title") or ""))


def keep_files(source: Path, dest: Path, rels: Sequence[str]) -> int:
    """Give `dest` the files of `source` at the same relative paths (hard links where the file system allows,
    else copies: same bytes either way); files missing in `source` are skipped. Returns the bytes kept."""
    total = 0
    for rel in rels:
        src, dst = source / rel, dest / rel
        if not src.is_file():
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, dst)  # run folders are never written to once made, so sharing the file is safe
        except OSError:
            shutil.copy2(src, dst)
        total += dst.stat().st_size
    return total


def run_started(run_id: str) -> dt.datetime | None:
    """When a run started, read from its id (`20251122T061500Z-3f9a1c`)."""
    if not RUN_ID.fullmatch(run_id):
        return None
    return dt.datetime.strptime(run_id[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)


Build = tuple[BriefInputs | None, Decision]


def outputs(brief: BriefId, pdf: bool) -> list[str]:
    """A brief's files in its run folder that must still exist for it to be kept."""
    scenario, lang, name = brief
    return [f"{scenario}/{lang}/{name}.html", *([f"{scenario}/{lang}/{name}.pdf"] if pdf else [])]


def plan_builds(plan: Plan, run_id: str, earlier: Earlier | None) -> dict[BriefId, Build]:
    """Each brief's input hashes, and whether it is rebuilt or kept from `earlier`."""
    opts = plan.options
    # A PDF is expected of a kept brief only where one can be printed: without Chromium none ever is.
    pdf = opts.pdf and find_chromium() is not None
    shared = plan.inputs.shared if plan.inputs else {}
    out: dict[BriefId, Build] = {}
    for sc in plan.scenarios:
        for nb in plan.notebooks:
            for lang in opts.langs:
                brief = (sc.name, lang, nb.name)
                if plan.inputs is None:
                    out[brief] = (None, Decision(REBUILT, NO_EARLIER_RUN))
                    continue
                inputs = brief_inputs(plan.inputs, nb.sha256, plan.parameters(sc, nb, lang, run_id)[1], sc.sha256,
                                      [o for o in opts.langs if o != lang])
                out[brief] = (inputs, decide(brief, inputs, earlier, outputs(brief, pdf), shared, force=opts.force,
                                             only=bool(opts.only)))
    return out


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def plan_text(builds: Mapping[BriefId, Build], workers: int, earlier: Earlier | None) -> str:
    """` on 2 processes`, or how many briefs are kept from the run `latest` shows and how many are rebuilt."""
    kept = sum(1 for _, d in builds.values() if d.kept)
    on = f" on {_count(workers, 'process', 'processes')}"
    if not kept:
        reasons = {d.reason for _, d in builds.values()}
        why = next((r for r in (FORCE, NO_EARLIER_RUN) if reasons == {r}), None)
        return on + (f" (every brief built: {why})" if why else "")
    since = f" since run {earlier.run_id}" if earlier else ""
    if kept == len(builds):
        return f" (all unchanged{since}: nothing to execute)"
    return f" ({kept} unchanged{since}, {len(builds) - kept} to rebuild{on})"

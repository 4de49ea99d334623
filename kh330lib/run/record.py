"""The record of a run (manifest.json) as `kh330 run` writes it: settings, provenance, and each brief's outcome,
build and inputs."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Mapping, Sequence

from .. import __version__, paths
from .manifest import MANIFEST_FORMAT, package_versions
from .plan import Plan
from .processes import PIDS_NAME
from .provenance import RunInfo
from .reuse import BriefId, Build
from .worker import KERNEL_NAME, BriefResult, Job

SOFTWARE = ("papermill", "nbconvert", "nbclient", "ipykernel", "pandas", "numpy", "statsmodels", "scipy",
            "matplotlib", "seaborn", "babel")


def software() -> tuple[tuple[str, str], ...]:
    """kh330, Python and the main packages with their versions, as a brief's technical details list them."""
    versions = package_versions()
    lower = {k.lower(): v for k, v in versions.items()}
    return (("kh330", __version__), ("Python", sys.version.split()[0]),
            *((name, lower[name]) for name in SOFTWARE if name in lower))


def brief_id(job: Job) -> BriefId:
    """(scenario, language, notebook name): how a run's builds are keyed."""
    return job.scenario, job.lang, job.name


def run_manifest(plan: Plan, run: RunInfo, run_dir: Path, workers: int, results: Sequence[BriefResult],
                 jobs: Sequence[Job], finished: dt.datetime | None, outcome: str, published: bool,
                 builds: Mapping[BriefId, Build]) -> dict:
    """manifest.json of a run: its settings and provenance, and each brief's outcome, build and inputs."""
    by_job = {r.job.number: r for r in results}
    briefs = []
    for job in jobs:
        r = by_job.get(job.number)
        inputs, decision = builds[brief_id(job)]
        briefs.append({
            "notebook": paths.display(job.notebook), "scenario": job.scenario, "lang": job.lang,
            "outcome": "pending" if r is None else ("ok" if r.ok else "failed"),
            "title": r.title if r else "", "seconds": round(r.seconds, 2) if r else None,
            "error": r.error if r else None, "bytes": r.size if r else None,
            "html": job.rel_html if r and r.ok else None,
            "executed_notebook": f"{job.scenario}/{job.lang}/{job.ipynb.name}",
            # A kept brief was executed with the run id of the run that made it.
            "parameters": {**job.resolved, "run_id": decision.from_run} if decision.kept else job.resolved,
            # Rebuilt (and why) or kept unchanged from an earlier run (the one that executed it), and its inputs.
            "build": decision.build, "reason": decision.reason, "from_run": decision.from_run,
            "inputs": inputs.record() if inputs else None,
        })
    return {
        "format": MANIFEST_FORMAT, "run_id": run.run_id, "command": plan.options.command,
        "outcome": outcome, "published": published,
        "started": iso_time(run.started), "finished": iso_time(finished) if finished else None,
        "seconds": round((finished - run.started).total_seconds(), 2) if finished else None,
        "run_folder": paths.display(run_dir),
        "settings": {"scenarios": [s.name for s in plan.scenarios], "langs": list(plan.options.langs),
                     "only": list(plan.options.only), "cell_timeout_seconds": plan.options.timeout,
                     "kernel": KERNEL_NAME, "kernels": "fresh" if plan.options.fresh_kernels else "warm",
                     "workers": workers, "as_of": plan.options.as_of},
        "git": run.git, "host": os.uname().nodename if hasattr(os, "uname") else "", "pid": os.getpid(),
        "processes": PIDS_NAME,
        "python": sys.version.split()[0], "data_vintage": plan.vintage,
        "scenarios": {s.name: {"file": paths.display(s.path), "sha256": s.sha256, "values": s.values}
                      for s in plan.scenarios},
        "inputs": plan.input_hashes, "shared_inputs": dict(plan.inputs.shared) if plan.inputs else {},
        "packages": package_versions(), "briefs": briefs,
    }


def iso_time(when: dt.datetime) -> str:
    return when.isoformat(timespec="seconds").replace("+00:00", "Z")

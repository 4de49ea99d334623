"""The files a run reads and their hashes, and whether anything changed since the run `latest` shows.

A run whose every input file (data, params, notebooks, scenario files), code file, kh330 version and installed
software hash as they did for the run `latest` shows, asked for the same scenarios, languages and data date,
would rebuild nothing and publish the same briefs again: it ends at once instead (`unchanged_since`), without
loading the data libraries. Anything else, or any doubt about the earlier run, takes the full path, where each
brief is kept or rebuilt on its own (kh330lib.run.reuse).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .. import __version__, paths
from ..data.panel import panel_csv
from ..data.scenario_files import scenario_path
from ..store.keys import depends_on, digest, hash_files, input_files
from .cleanup import latest_run, read_manifest
from .manifest import MANIFEST_FORMAT, package_versions
from .options import LATEST, RunOptions, find_notebooks


def input_hashes(files: Iterable[Path]) -> dict[str, str]:
    """SHA-256 of each file the manifest lists, keyed by its displayed path (relative to the checkout when inside)."""
    return hash_files({paths.display(f): f for f in sorted({Path(f).resolve() for f in files})})


def run_files(notebooks: Sequence[Path], scenarios: Sequence[Path]) -> list[Path]:
    """The files a run lists in its manifest: data/, params/, its notebooks and its scenario files."""
    return input_files(paths.DATA_DIR, paths.PARAMS_DIR, *notebooks, *scenarios)


def shared_files(*, package: Path, params: Path, data: Path, panel: Path | None, lock: Path,
                 notebooks: Path) -> dict[str, Path]:
    """Files every brief depends on, by a name that does not depend on where the checkout lies: the package
    (code, templates, CSS, package data), params/ except scenarios/, data/sources.csv, the GSO panel,
    requirements.lock, and files beside the notebooks (e.g. pictures a notebook's markdown shows)."""
    # The whole package, not the modules a notebook imports: the runner, its templates and exporter shape the page.
    single = {"data/sources.csv": data / "sources.csv", "requirements.lock": lock,
              **({f"data/raw/{panel.name}": panel} if panel is not None else {})}
    return depends_on(trees={"kh330lib": package, "params": params, "notebooks": notebooks},
                      files={name: f for name, f in single.items() if f.is_file()},
                      leave_out=("params/scenarios/*", "notebooks/*.ipynb"))


def shared_hashes(files: Mapping[str, Path], version: str, software: Mapping[str, str]) -> dict[str, str]:
    """SHA-256 of each shared file, the kh330 version, and one hash of the installed packages and Python."""
    return {**hash_files(files), "kh330 version": version, "installed software": digest(dict(software))}


def shared_inputs(notebooks_dir: Path) -> dict[str, str]:
    """The hashes every brief of a run shares: code, settings, shared data files, version and software."""
    files = shared_files(package=paths.PACKAGE_DIR, params=paths.PARAMS_DIR, data=paths.DATA_DIR,
                         panel=panel_csv(), lock=paths.ROOT / "requirements.lock", notebooks=Path(notebooks_dir))
    software = {"Python": sys.version.split()[0], **package_versions()}
    return shared_hashes(files, __version__, software)


@dataclass(frozen=True)
class Unchanged:
    """The run `latest` shows, found to have been made from the very inputs of the run asked for."""

    run_id: str
    folder: Path


def _same_request(manifest: Mapping[str, Any], options: RunOptions, names: Sequence[str]) -> bool:
    settings = manifest.get("settings")
    if not isinstance(settings, dict):
        return False
    return (settings.get("scenarios") == list(names) and settings.get("langs") == list(options.langs)
            and not settings.get("only") and settings.get("as_of") == options.as_of)


def _briefs_there(manifest: Mapping[str, Any], folder: Path, expected: set[tuple[str, str, str]], pdf: bool) -> bool:
    """Every brief asked for is in the earlier run, succeeded, and its files are still there (its PDF too, and the
    index's, when PDFs are asked for)."""
    briefs = manifest.get("briefs")
    if not isinstance(briefs, list) or not all(isinstance(b, dict) for b in briefs):
        return False
    found = {(str(b.get("scenario")), str(b.get("lang")), Path(str(b.get("notebook", ""))).stem): b for b in briefs}
    if set(found) != expected or any(b.get("outcome") != "ok" for b in found.values()):
        return False
    files = [f"{scenario}/{lang}/{name}.{suffix}" for scenario, lang, name in expected
             for suffix in (("html", "ipynb", "pdf") if pdf else ("html", "ipynb"))]
    return all((folder / rel).is_file() for rel in files) and (not pdf or any(folder.glob("index*.pdf")))


def unchanged_since(options: RunOptions) -> Unchanged | None:
    """The run `latest` shows when this run would only publish its briefs again; None when anything differs or
    cannot be told (then the run takes its full course, which checks everything)."""
    if options.force or options.only:
        return None
    latest = Path(options.reports_dir) / LATEST
    folder = latest_run(latest)
    manifest = read_manifest(folder) if folder is not None and folder.is_dir() else None
    if folder is None or manifest is None or manifest.get("format") != MANIFEST_FORMAT:
        return None
    if manifest.get("outcome") != "ok" or manifest.get("published") is not True:
        return None
    notebooks, problems = find_notebooks(options.notebooks_dir, ())
    scenarios = [scenario_path(s) for s in options.scenarios]
    names = [p.stem for p in scenarios]
    if problems or not all(p.is_file() for p in scenarios) or not _same_request(manifest, options, names):
        return None
    expected = {(s, lang, nb.stem) for s in names for lang in options.langs for nb in notebooks}
    if not _briefs_there(manifest, folder, expected, options.pdf):
        return None
    if manifest.get("inputs") != input_hashes(run_files(notebooks, scenarios)):
        return None
    if manifest.get("shared_inputs") != shared_inputs(options.notebooks_dir):
        return None
    return Unchanged(str(manifest.get("run_id") or folder.name), folder)

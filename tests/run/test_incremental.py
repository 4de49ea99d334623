"""Incremental `kh330 run`: input hashes, which briefs are kept or rebuilt and why, kept files, the index note."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from briefs_support import FIXTURE_SCENARIO, CliRun, notebook_folder, run_briefs, tree_hashes
from kh330lib import paths
from kh330lib.data.dataset import load_dataset
from kh330lib.data.wards import collect_rules
from kh330lib.run.inputs import (
    BriefInputs,
    RunInputs,
    brief_inputs,
    change_reason,
    indicator_digests,
    indicators_read,
    parameters_digest,
    reads_from,
    run_inputs,
)
from kh330lib.run.options import RunOptions
from kh330lib.run.reuse import Earlier, decide, keep_files, run_started
from kh330lib.run.unchanged import shared_files, shared_hashes, unchanged_since
from kh330lib.store.settings import load_methods
from kh330lib.store.tables import rows_digest
from kh330lib.words.dates import kept_text
from language_support import code_like_tokens, english_words

TRAINED_LABOUR = ["trained_labour_2030", "hightech_cert_2030", "hightech_trained_2035"]
RND = ["rnd_grdp_2030", "rnd_nonstate_2030", "st_budget_2030"]
SHARED = {"kh330lib/run/runner.py": "a" * 64, "params/methods.yaml": "b" * 64}


# ---- hashing the inputs (no kernel)

def test_rows_hash_ignores_row_order_other_columns_and_how_numbers_were_read():
    rows = pd.DataFrame({"indicator": ["a", "b"], "geo": ["VN", "VN-HUE"], "year": [2020, 2021],
                         "value": [1.5, 70.0], "line": [2, 3]})
    shuffled = rows.iloc[::-1].assign(line=[10, 11], year=[2021.0, 2020.0], value=[70, 1.5])
    assert rows_digest(rows, ("indicator", "geo", "year", "value")) == \
        rows_digest(shuffled, ("indicator", "geo", "year", "value"))
    changed = rows.assign(value=[1.5, 70.1])
    assert rows_digest(rows, ("indicator", "value")) != rows_digest(changed, ("indicator", "value"))


def test_parameters_hash_leaves_out_the_run_id_only():
    base = {"scenario": "baseline", "lang": "vi", "run_id": "R1", "targets": ["a"]}
    assert parameters_digest(base) == parameters_digest({**base, "run_id": "R2"})
    assert parameters_digest(base) != parameters_digest({**base, "lang": "en"})
    assert parameters_digest(base) != parameters_digest({**base, "as_of": "2026-01-01"})


@pytest.fixture(scope="module")
def shipped():
    """The shipped dataset with its ward rules and methods."""
    dataset = load_dataset()
    return dataset, collect_rules(dataset.registry)[0], load_methods()


def _inputs(shipped, dataset=None) -> RunInputs:
    data, rules, methods = shipped
    return run_inputs(dataset if dataset is not None else data, methods, rules, SHARED, {"baseline.yaml": "c" * 64})


def _with_value(dataset, indicator: str, geo: str, delta: float):
    """The dataset with the first row of one series moved by `delta` (the base file and its history alike)."""
    def moved(frame: pd.DataFrame) -> pd.DataFrame:
        hit = frame.index[(frame["indicator"] == indicator) & (frame["geo"] == geo)][0]
        out = frame.copy()
        out.loc[hit, "value"] = float(out.loc[hit, "value"]) + delta
        return out
    return dataclasses.replace(dataset, observations=moved(dataset.observations),
                               all_vintages=moved(dataset.all_vintages))


def test_topic_brief_reads_its_indicators_proxies_money_denominator_and_ward_counts(shipped):
    dataset, rules, methods = shipped
    reads = reads_from(dataset.registry, rules, methods)
    labour = indicators_read(reads, TRAINED_LABOUR)
    # The targets' own, the national proxy of the high-tech shares, the counts the ward share is made of.
    assert {"trained_labour_rate_broad", "hightech_cert_share", "hightech_trained_share",
            "trained_labour_rate_cert", "trained_workers", "employed_workers"} <= set(labour)
    assert "grdp_nominal" not in labour and "stem_share_he_students" not in labour
    rnd = indicators_read(reads, RND)
    assert {"rnd_spending_pct_grdp", "grdp_nominal", "gerd_pct_gdp"} <= set(rnd)  # money view, proxy
    # No usable list of targets: every row counts.
    assert indicators_read(reads, []) is None and indicators_read(reads, None) is None
    assert indicators_read(reads, ["no_such_target"]) is None


def test_rows_of_one_indicator_change_only_its_hash(shipped):
    dataset = shipped[0]
    before = indicator_digests(dataset)
    after = indicator_digests(_with_value(dataset, "university_students", "VN-HUE", 1.0))
    assert sorted(k for k in before if before[k] != after[k]) == ["university_students"]
    assert indicator_digests(load_dataset()) == before  # reading the same files again gives the same hashes


def test_a_change_to_rows_a_topic_brief_does_not_read_keeps_it(shipped):
    before = _inputs(shipped)
    after = _inputs(shipped, _with_value(shipped[0], "university_students", "VN-HUE", 1.0))
    params = {"scenario": "baseline", "lang": "vi", "run_id": "R1", "targets": TRAINED_LABOUR}
    topic = [brief_inputs(x, "n" * 64, params, "s" * 64) for x in (before, after)]
    assert topic[0].key == topic[1].key
    # A brief without `targets` (audit, scorecard, scenarios, methods) reads every row.
    whole = [brief_inputs(x, "n" * 64, {**params, "targets": None}, "s" * 64) for x in (before, after)]
    assert whole[0].key != whole[1].key
    assert change_reason(whole[0].parts, whole[1].parts, SHARED, SHARED) == "data of university_students changed"


def test_a_change_to_rows_a_topic_brief_reads_rebuilds_it(shipped):
    before = _inputs(shipped)
    after = _inputs(shipped, _with_value(shipped[0], "trained_labour_rate_broad", "VN-HUE", 0.1))
    params = {"scenario": "baseline", "lang": "vi", "run_id": "R1", "targets": TRAINED_LABOUR}
    old, new = (brief_inputs(x, "n" * 64, params, "s" * 64) for x in (before, after))
    assert old.key != new.key
    assert change_reason(old.parts, new.parts, SHARED, SHARED) == "data of trained_labour_rate_broad changed"
    rnd = [brief_inputs(x, "n" * 64, {**params, "targets": RND}, "s" * 64) for x in (before, after)]
    assert rnd[0].key == rnd[1].key


def test_shared_files_are_named_independently_of_where_the_checkout_lies(tmp_path):
    for rel in ("pkg/a.py", "pkg/templates/x.css", "params/methods.yaml", "params/scenarios/baseline.yaml",
                "data/sources.csv", "data/raw/panel.csv", "nb/10_a.ipynb", "nb/logo.png", "requirements.lock"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    named = shared_files(package=tmp_path / "pkg", params=tmp_path / "params", data=tmp_path / "data",
                         panel=tmp_path / "data/raw/panel.csv", lock=tmp_path / "requirements.lock",
                         notebooks=tmp_path / "nb")
    assert list(named) == ["data/raw/panel.csv", "data/sources.csv", "kh330lib/a.py", "kh330lib/templates/x.css",
                           "notebooks/logo.png", "params/methods.yaml", "requirements.lock"]


# ---- deciding (no kernel)

def _parts(**changes: str) -> dict[str, str]:
    parts = {"notebook": "n", "parameters": "p", "scenario": "s", "code_and_settings": "c", "newest_year": "2025",
             "calibration": "k", "page": "l", "data:trained_labour_rate_broad": "d1", "data:trained_workers": "d2"}
    return {**parts, **changes}


def _earlier(tmp_path: Path, entry: dict | None, shared: dict | None = None, files: bool = True) -> Earlier:
    folder = tmp_path / "runs" / "20260101T000000Z-aaaaaa"
    if files:
        (folder / "baseline" / "vi").mkdir(parents=True, exist_ok=True)
        (folder / "baseline" / "vi" / "20_x.html").write_text("<html>", encoding="utf-8")
    briefs = {("baseline", "vi", "20_x"): entry} if entry is not None else {}
    return Earlier(folder.name, folder, briefs, shared if shared is not None else SHARED)


def _entry(parts: dict, **more) -> dict:
    return {"outcome": "ok", "title": "X", "inputs": BriefInputs(parts).record(), **more}


BRIEF = ("baseline", "vi", "20_x")
OUT = ["baseline/vi/20_x.html"]


def test_same_inputs_and_outputs_keep_the_brief_from_the_run_that_made_it(tmp_path):
    now = BriefInputs(_parts())
    made = decide(BRIEF, now, _earlier(tmp_path, _entry(_parts())), OUT, SHARED)
    assert (made.build, made.reason, made.from_run, made.title) == ("unchanged", None, "20260101T000000Z-aaaaaa", "X")
    # Kept twice running: still named after the run that executed it.
    again = decide(BRIEF, now, _earlier(tmp_path, _entry(_parts(), build="unchanged",
                                                         from_run="20251201T000000Z-bbbbbb")), OUT, SHARED)
    assert again.kept and again.from_run == "20251201T000000Z-bbbbbb"


@pytest.mark.parametrize("changes, reason", [
    ({"notebook": "n2"}, "notebook changed"),
    ({"parameters": "p2"}, "parameters changed"),
    ({"scenario": "s2"}, "scenario file changed"),
    ({"scenario": "s2", "parameters": "p2"}, "scenario file changed, parameters changed"),
    ({"data:trained_workers": "d3"}, "data of trained_workers changed"),
    ({"newest_year": "2026"}, "newest data year changed"),
    ({"calibration": "k2"}, "forecast inputs changed (revision error or reference pools)"),
    ({"page": "l2"}, "languages of the run changed"),
])
def test_a_changed_input_rebuilds_the_brief_and_says_what_changed(tmp_path, changes, reason):
    made = decide(BRIEF, BriefInputs(_parts(**changes)), _earlier(tmp_path, _entry(_parts())), OUT, SHARED)
    assert (made.build, made.reason) == ("rebuilt", reason)


def test_changed_code_or_settings_name_the_files(tmp_path):
    now = BriefInputs(_parts(code_and_settings="c2"))
    shared = {**SHARED, "params/methods.yaml": "z" * 64, "kh330lib/new.py": "y" * 64}
    made = decide(BRIEF, now, _earlier(tmp_path, _entry(_parts())), OUT, shared)
    assert made.reason == "code or settings changed (kh330lib/new.py, params/methods.yaml)"


def test_an_edited_code_file_rebuilds_the_brief_and_an_untouched_tree_keeps_it(tmp_path):
    for rel in ("pkg/a.py", "pkg/templates/x.css", "params/methods.yaml", "data/sources.csv", "nb/10_a.ipynb"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)

    def hashed() -> dict[str, str]:
        files = shared_files(package=tmp_path / "pkg", params=tmp_path / "params", data=tmp_path / "data",
                             panel=None, lock=tmp_path / "requirements.lock", notebooks=tmp_path / "nb")
        return shared_hashes(files, "1.0", {"Python": "3.11"})

    def inputs(shared: dict[str, str]) -> BriefInputs:
        run = RunInputs(shared, {}, "", "2025", "k", "")
        return brief_inputs(run, "n" * 64, {"scenario": "baseline", "targets": None}, "s" * 64)

    old_shared = hashed()
    assert old_shared["kh330lib/a.py"] == hashlib.sha256(b"pkg/a.py").hexdigest()
    earlier = _earlier(tmp_path, _entry(dict(inputs(old_shared).parts)), shared=old_shared)
    kept = decide(BRIEF, inputs(hashed()), earlier, OUT, hashed())
    assert (kept.build, kept.reason) == ("unchanged", None)
    (tmp_path / "pkg" / "a.py").write_text("pkg/a.py edited")
    made = decide(BRIEF, inputs(hashed()), earlier, OUT, hashed())
    assert (made.build, made.reason) == ("rebuilt", "code or settings changed (kh330lib/a.py)")


def test_failed_missing_or_unrecorded_earlier_briefs_are_rebuilt(tmp_path):
    now = BriefInputs(_parts())
    assert decide(BRIEF, now, None, OUT, SHARED).reason == "no earlier run"
    assert decide(BRIEF, now, _earlier(tmp_path, None), OUT, SHARED).reason == "not in the earlier run"
    failed = _entry(_parts(), outcome="failed")
    assert decide(BRIEF, now, _earlier(tmp_path, failed), OUT, SHARED).reason == "earlier brief failed"
    old_format = {"outcome": "ok", "title": "X"}
    assert decide(BRIEF, now, _earlier(tmp_path, old_format), OUT, SHARED).reason == \
        "no input record in the earlier run"
    gone = _earlier(tmp_path / "gone", _entry(_parts()), files=False)
    assert decide(BRIEF, now, gone, OUT, SHARED).reason == "earlier output missing"
    with_pdf = [*OUT, "baseline/vi/20_x.pdf"]
    assert decide(BRIEF, now, _earlier(tmp_path, _entry(_parts())), with_pdf, SHARED).reason == \
        "earlier output missing"


def test_force_and_only_rebuild_whatever_the_earlier_run(tmp_path):
    earlier = _earlier(tmp_path, _entry(_parts()))
    assert decide(BRIEF, BriefInputs(_parts()), earlier, OUT, SHARED, force=True).reason == "--force"
    assert decide(BRIEF, BriefInputs(_parts()), earlier, OUT, SHARED, only=True).reason == "--only"


def test_kept_files_have_the_same_bytes(tmp_path):
    src, dst = tmp_path / "a", tmp_path / "b"
    (src / "baseline" / "vi").mkdir(parents=True)
    (src / "baseline" / "vi" / "x.html").write_bytes(b"<html>\xc3\xa2</html>")
    size = keep_files(src, dst, ["baseline/vi/x.html", "baseline/vi/x.pdf"])  # a missing file is skipped
    assert (dst / "baseline" / "vi" / "x.html").read_bytes() == b"<html>\xc3\xa2</html>" and size == 15
    assert not (dst / "baseline" / "vi" / "x.pdf").exists()


def test_the_kept_note_in_both_languages():
    one = run_started("20261202T181900Z-abcdef")
    two = one + dt.timedelta(days=31)
    vi = kept_text(3, [one], "vi")
    assert vi == ("3 bản tóm tắt có đầu vào không thay đổi nên được giữ nguyên từ lần chạy ngày 3 tháng 12 "
                  "năm 2026, 01:19 (giờ Việt Nam).")
    assert english_words(vi) == [] and code_like_tokens(vi) == []
    assert kept_text(1, [one], "en") == ("1 brief whose inputs did not change is kept from the run of "
                                         "December 3, 2026, 01:19 (Viet Nam time).")
    assert kept_text(2, [one, two], "vi").endswith("từ các lần chạy ngày 3 tháng 12 năm 2026, 01:19 (giờ Việt Nam) "
                                                   "và ngày 3 tháng 1 năm 2027, 01:19 (giờ Việt Nam).")


# ---- runs of the fixture scorecard (vi + en) after a published one

@pytest.fixture(scope="module")
def first(tmp_path_factory) -> CliRun:
    """A published run of the fixture scorecard, made just before the runs below (its own, not the session's:
    code edited meanwhile would rightly rebuild everything)."""
    base = tmp_path_factory.mktemp("incremental-first")
    folder = notebook_folder(base / "nb", "10_scorecard")
    return run_briefs(folder, base / "reports", "--scenario", str(FIXTURE_SCENARIO), "--lang", "all")


def _reports(first: CliRun, dest: Path) -> Path:
    assert first.returncode == 0, first.stderr
    shutil.copytree(first.reports, dest, symlinks=True)
    return dest


def _manifest(run_dir: Path) -> dict:
    return json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))


def _briefs(run_dir: Path) -> dict[str, dict]:
    return {b["lang"]: b for b in _manifest(run_dir)["briefs"]}


@pytest.fixture(scope="module")
def rerun(first, tmp_path_factory) -> tuple[CliRun, Path]:
    """A second run with nothing changed (the notebook copied to another folder), and the first run's folder."""
    base = tmp_path_factory.mktemp("incremental")
    reports = _reports(first, base / "reports")
    (made,) = first.run_dirs()
    folder = notebook_folder(base / "nb", "10_scorecard")
    return run_briefs(folder, reports, "--scenario", str(FIXTURE_SCENARIO), "--lang", "all"), made


@pytest.mark.notebook
def test_a_run_with_nothing_changed_executes_nothing_and_republishes_the_same_bytes(rerun):
    done, first = rerun
    assert done.returncode == 0, done.stderr
    run_dir = max(done.run_dirs(), key=lambda d: d.name)
    assert run_dir != first and done.latest.resolve() == run_dir.resolve()
    lines = done.stdout.splitlines()
    assert lines[0].endswith(f"(all unchanged since run {first.name}: nothing to execute) → {run_dir}")
    assert [x[:6] for x in lines[1:3]] == ["[1/2] ", "[2/2] "]
    assert {x[6:] for x in lines[1:3]} == {f"10_scorecard ({lang}) unchanged (from run {first.name})"
                                           for lang in ("vi", "en")}
    assert re.fullmatch(r"kh330 run: 2 briefs ok in \d+ s \(0 rebuilt, 2 unchanged\); published .*", lines[-1])
    # No worker and no kernel: only the runner itself is recorded.
    roles = [json.loads(line)["role"] for line in (run_dir / "pids.jsonl").read_text().splitlines()]
    assert roles == ["main"]
    before, after = tree_hashes(first), tree_hashes(run_dir)
    for lang in ("vi", "en"):
        for suffix in ("html", "ipynb"):
            rel = f"baseline/{lang}/10_scorecard.{suffix}"
            assert after[rel] == before[rel], rel


@pytest.mark.notebook
def test_the_manifest_records_build_reason_origin_and_inputs(rerun):
    done, first = rerun
    run_dir = max(done.run_dirs(), key=lambda d: d.name)
    old, new = _briefs(first), _briefs(run_dir)
    for lang in ("vi", "en"):
        assert (old[lang]["build"], old[lang]["reason"], old[lang]["from_run"]) == ("rebuilt", "no earlier run", None)
        assert (new[lang]["build"], new[lang]["reason"], new[lang]["from_run"]) == ("unchanged", None, first.name)
        assert new[lang]["inputs"] == old[lang]["inputs"]
        assert new[lang]["parameters"]["run_id"] == first.name  # the run id it was executed with
        assert new[lang]["outcome"] == "ok" and new[lang]["title"] == old[lang]["title"]
    parts = new["vi"]["inputs"]["parts"]
    assert {"notebook", "parameters", "scenario", "code_and_settings", "newest_year", "calibration", "sources",
            "scenario_files", "data:trained_labour_rate_broad"} <= set(parts)
    shared = _manifest(run_dir)["shared_inputs"]
    assert {"kh330lib/run/runner.py", "params/methods.yaml", "data/sources.csv", "requirements.lock",
            "kh330 version"} <= set(shared)


@pytest.mark.notebook
def test_each_index_page_says_which_briefs_are_kept_in_its_language(rerun):
    done, first = rerun
    notes = {}
    for name in ("index.html", "index-en.html"):
        page = (done.latest / name).read_text(encoding="utf-8")
        found = re.search(r'<p class="kh330-kept">(.*?)</p>', page)
        assert found is not None, name
        notes[name] = found.group(1)
    assert notes["index.html"].startswith("2 bản tóm tắt có đầu vào không thay đổi nên được giữ nguyên từ lần chạy "
                                          "ngày ")
    assert notes["index-en.html"].startswith("2 briefs whose inputs did not change are kept from the run of ")
    assert english_words(notes["index.html"]) == [] and code_like_tokens(notes["index.html"]) == []
    assert "kh330-kept" not in (first / "index.html").read_text(encoding="utf-8").split("</style>")[1]


def _edited_notebook(folder: Path) -> None:
    path = folder / "10_scorecard.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("A note added after the first run."))
    nbformat.write(nb, path)


@pytest.mark.notebook
def test_a_changed_notebook_is_rebuilt_and_says_so(first, tmp_path):
    reports = _reports(first, tmp_path / "reports")
    folder = notebook_folder(tmp_path / "nb", "10_scorecard")
    _edited_notebook(folder)
    done = run_briefs(folder, reports, "--scenario", str(FIXTURE_SCENARIO), "--lang", "all")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert all(re.fullmatch(r"\[\d/2\] 10_scorecard \((vi|en)\) rebuilt \(notebook changed\) ok \d+\.\d s", x)
               for x in lines[1:3]), lines
    run_dir = max(done.run_dirs(), key=lambda d: d.name)
    assert {lang: (b["build"], b["reason"]) for lang, b in _briefs(run_dir).items()} == {
        "vi": ("rebuilt", "notebook changed"), "en": ("rebuilt", "notebook changed")}
    assert "A note added after the first run." in (done.latest / "baseline/en/10_scorecard.html").read_text("utf-8")


@pytest.mark.notebook
def test_force_rebuilds_every_brief(first, tmp_path):
    reports = _reports(first, tmp_path / "reports")
    folder = notebook_folder(tmp_path / "nb", "10_scorecard")
    done = run_briefs(folder, reports, "--scenario", str(FIXTURE_SCENARIO), "--lang", "all", "--force")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "(every brief built: --force)" in lines[0]
    assert all(re.fullmatch(r"\[\d/2\] 10_scorecard \((vi|en)\) ok \d+\.\d s", x) for x in lines[1:3]), lines
    run_dir = max(done.run_dirs(), key=lambda d: d.name)
    assert {b["reason"] for b in _briefs(run_dir).values()} == {"--force"}
    assert "kh330-kept" not in (run_dir / "index.html").read_text(encoding="utf-8").split("</style>")[1]


@pytest.mark.notebook
def test_changed_data_rows_rebuild_the_briefs_that_read_them(first, tmp_path):
    reports = _reports(first, tmp_path / "reports")
    for name in ("data", "params"):
        shutil.copytree(paths.ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    obs = tmp_path / "data" / "observations.csv"
    frame = pd.read_csv(obs, dtype=str, keep_default_na=False)
    hit = frame.index[(frame["indicator"] == "trained_labour_rate_broad") & (frame["geo"] == "VN-HUE")][0]
    frame.loc[hit, "value"] = str(float(frame.loc[hit, "value"]) + 0.1)
    frame.to_csv(obs, index=False)
    env = {"KH330_DATA_DIR": str(tmp_path / "data"), "KH330_PARAMS_DIR": str(tmp_path / "params")}
    folder = notebook_folder(tmp_path / "nb", "10_scorecard")
    done = run_briefs(folder, reports, "--scenario", str(FIXTURE_SCENARIO), "--lang", "all", env=env)
    assert done.returncode == 0, done.stderr
    run_dir = max(done.run_dirs(), key=lambda d: d.name)
    # Only this indicator's rows changed (code edited meanwhile would be named too, rightly).
    assert all(b["reason"].endswith("data of trained_labour_rate_broad changed") for b in _briefs(run_dir).values())
    assert any(re.fullmatch(r"\[\d/2\] 10_scorecard \(vi\) rebuilt \((.*, )?data of trained_labour_rate_broad "
                            r"changed\) ok \d+\.\d s", line) for line in done.stdout.splitlines()), done.stdout
    assert os.readlink(reports / "latest") == f"runs/{run_dir.name}"


# ---- a run with nothing to do ends at once


@pytest.fixture(scope="module")
def quiet(tmp_path_factory) -> CliRun:
    """A published run of the fixture scorecard whose notebook folder the tests below run again (their own: the
    folder is part of what a run is keyed by)."""
    base = tmp_path_factory.mktemp("unchanged")
    folder = notebook_folder(base / "nb", "10_scorecard")
    return run_briefs(folder, base / "reports", "--scenario", str(FIXTURE_SCENARIO), "--lang", "all")


def _files(root: Path) -> dict[str, str]:
    """SHA-256 of every file and the target of every link below `root`, without following links."""
    out = {}
    for dirpath, dirs, files in os.walk(root):
        for name in [*files, *dirs]:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            if p.is_symlink():
                out[rel] = "-> " + os.readlink(p)
            elif p.is_file():
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.mark.notebook
def test_a_run_with_nothing_changed_writes_nothing_and_loads_no_data_library(quiet, tmp_path):
    reports = _reports(quiet, tmp_path / "reports")
    (made,) = quiet.run_dirs()
    before = _files(reports)
    done = run_briefs(quiet.reports.parent / "nb", reports, "--scenario", str(FIXTURE_SCENARIO), "--lang", "all",
                      env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stdout == (f"kh330 run: nothing changed since run {made.name} (the same data, settings, notebooks, "
                           f"scenario files, code and installed software); {paths.display(reports)}/latest still "
                           "shows it and nothing was written (--force rebuilds every brief)\n")
    assert _files(reports) == before
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time")}
    assert "kh330lib.run.unchanged" in imported  # the import profile is there to read
    assert not {"pandas", "numpy", "scipy", "nbconvert", "nbformat", "matplotlib"} & imported


def _options(quiet: CliRun, reports: Path, **changes) -> RunOptions:
    """The options the command line makes of `run_briefs(<quiet's notebooks>, reports, <its arguments>)`."""
    return RunOptions(**{"scenarios": (str(FIXTURE_SCENARIO),), "langs": ("vi", "en"), "reports_dir": reports,
                         "notebooks_dir": quiet.reports.parent / "nb", **changes})


def _failed_earlier(reports: Path) -> None:
    manifest = Path(os.path.realpath(reports / "latest")) / "manifest.json"
    record = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**record, "outcome": "failed"}), encoding="utf-8")


def _brief_gone(reports: Path) -> None:
    (Path(os.path.realpath(reports / "latest")) / "baseline" / "vi" / "10_scorecard.html").unlink()


@contextlib.contextmanager
def _edited(path: Path, edit):
    """`path` changed by `edit(bytes) -> bytes` (or created when missing) for the block, then as it was."""
    old = path.read_bytes() if path.exists() else None
    path.write_bytes(edit(old or b""))
    try:
        yield
    finally:
        path.write_bytes(old) if old is not None else path.unlink()


@pytest.mark.notebook
@pytest.mark.parametrize("case, changes, damage, edit", [
    ("everything as before", {}, None, None),
    ("--force", {"force": True}, None, None),
    ("--only", {"only": ("10_scorecard",)}, None, None),
    ("one language fewer", {"langs": ("vi",)}, None, None),
    ("another data date", {"as_of": "2024-01-01"}, None, None),
    ("PDFs asked for, none made", {"pdf": True}, None, None),
    ("the earlier run failed", {}, _failed_earlier, None),
    ("a kept brief's file is gone", {}, _brief_gone, None),
    ("the notebook edited", {}, None, ("10_scorecard.ipynb", lambda b: b.replace(b'"cells": [', b'"cells":  ['))),
    ("a file beside the notebooks", {}, None, ("logo.svg", lambda b: b"<svg/>")),
])
def test_only_a_run_with_every_input_as_before_is_told_nothing_changed(quiet, tmp_path, case, changes, damage, edit):
    assert quiet.returncode == 0, quiet.stderr
    reports = _reports(quiet, tmp_path / "reports")
    (made,) = quiet.run_dirs()
    if damage is not None:
        damage(reports)
    name, how = edit or ("10_scorecard.ipynb", lambda b: b)
    with _edited(quiet.reports.parent / "nb" / name, how):
        found = unchanged_since(_options(quiet, reports, **changes))
    if case == "everything as before":
        assert found is not None and found.run_id == made.name
    else:
        assert found is None, case

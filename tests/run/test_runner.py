"""`kh330 run`: input checks (exit 2), the lock, run folders, the manifest, and failure safety."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import filelock
import nbformat
import pytest

from briefs_support import (
    FIXTURE_NOTEBOOKS,
    FIXTURE_SCENARIO,
    HUNG_CELL_TIMEOUT,
    notebook_folder,
    run_briefs,
    tree_hashes,
)
from kh330lib import cli, paths
from kh330lib.data.scenario_files import read_scenario_file
from kh330lib.run import worker
from kh330lib.run.options import find_notebooks
from kh330lib.run.plan import NotebookSpec, check_parameters, inspect_notebook
from kh330lib.run.runner import LOCK_NAME, new_run_id
from process_support import PATIENCE, descendants

SCORECARD = FIXTURE_NOTEBOOKS / "10_scorecard.ipynb"


def _scenario_file(tmp_path: Path, text: str, name: str = "trial.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _spec(tmp_path: Path, name: str, params_source: str) -> NotebookSpec:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                            "display_name": "Python 3"}})
    cell = nbformat.v4.new_code_cell(params_source)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    spec, problems = inspect_notebook(path)
    assert problems == [] and spec is not None
    return spec


GOOD = 'scenario: baseline\nscenario_label_vi: Cơ sở\nscenario_label_en: Baseline\nadjustments: []\n'
FULL_PARAMS = ('scenario: str = "baseline"  # name\nscenario_label_vi: str = "Cơ sở"  # vi\n'
               'scenario_label_en: str = "Baseline"  # en\nadjustments: list = []  # changes\n'
               'lang: str = "vi"  # language\nas_of: str = ""  # date\nrun_id: str = ""  # run\n')


# ---- scenarios and parameters (no kernel)

def test_misspelt_key_names_the_line_the_notebook_and_the_fix(tmp_path):
    p = _scenario_file(tmp_path, GOOD.replace("adjustments:", "adjustmnts:"))
    sc, _ = read_scenario_file(str(p))
    spec = _spec(tmp_path, "10_a", FULL_PARAMS)
    problems = check_parameters([sc], [spec], ["lang", "run_id"])
    assert [str(x) for x in problems] == [
        f"{p}:4: field 'adjustmnts': not a parameter of {spec.path} (did you mean 'adjustments'?)"]


def test_unknown_key_in_several_notebooks_is_one_problem(tmp_path):
    p = _scenario_file(tmp_path, GOOD + "colour: red\n")
    sc, _ = read_scenario_file(str(p))
    specs = [_spec(tmp_path, f"{i}_nb", FULL_PARAMS) for i in (10, 20, 30)]
    problems = check_parameters([sc], specs, ["lang", "run_id"])
    assert [str(x) for x in problems] == [
        f"{p}:5: field 'colour': not a parameter of {specs[0].path} and 2 other notebooks "
        f"(parameters are: adjustments, as_of, scenario, scenario_label_en, scenario_label_vi)"]


def test_key_declared_by_only_some_notebooks_is_reported(tmp_path):
    p = _scenario_file(tmp_path, GOOD + "horizon: 2035\n")
    sc, _ = read_scenario_file(str(p))
    with_horizon = _spec(tmp_path, "10_a", FULL_PARAMS + "horizon: int = 2030  # year\n")
    without = _spec(tmp_path, "20_b", FULL_PARAMS)
    problems = check_parameters([sc], [with_horizon, without], ["lang", "run_id"])
    assert [str(x) for x in problems] == [
        f"{p}:5: field 'horizon': not a parameter of {without.path} "
        f"(parameters are: adjustments, as_of, scenario, scenario_label_en, scenario_label_vi)"]


def test_runner_keys_in_a_scenario_file_are_refused(tmp_path):
    p = _scenario_file(tmp_path, GOOD + "lang: en\nrun_id: x\n")
    sc, _ = read_scenario_file(str(p))
    problems = check_parameters([sc], [_spec(tmp_path, "10_a", FULL_PARAMS)], ["lang", "run_id"])
    assert [str(x) for x in problems] == [
        f"{p}:5: field 'lang': is set by kh330 run, not by scenario files "
        f"(remove it; --lang chooses the language)",
        f"{p}:6: field 'run_id': is set by kh330 run, not by scenario files (remove it; each run gets its own)"]


def test_value_of_the_wrong_type_is_reported(tmp_path):
    p = _scenario_file(tmp_path, GOOD.replace("scenario_label_vi: Cơ sở", "scenario_label_vi: 5")
                       .replace("adjustments: []", "adjustments: {}"))
    sc, _ = read_scenario_file(str(p))
    spec = _spec(tmp_path, "10_a", FULL_PARAMS)
    problems = check_parameters([sc], [spec], ["lang", "run_id"])
    assert [str(x) for x in problems] == [
        f"{p}:2: field 'scenario_label_vi': 5 is int, but {spec.path} expects str (write a str value)",
        f"{p}:4: field 'adjustments': {{}} is dict, but {spec.path} expects list (write a list value)"]


def test_notebook_without_the_runner_parameters_is_reported(tmp_path):
    sc, _ = read_scenario_file(str(_scenario_file(tmp_path, GOOD)))
    spec = _spec(tmp_path, "10_a", FULL_PARAMS.replace('run_id: str = ""  # run\n', ""))
    problems = check_parameters([sc], [spec], ["lang", "run_id"])
    assert [str(x) for x in problems] == [
        f"{spec.path}: field 'run_id': missing from the cell tagged 'parameters' "
        f"(add run_id: str = \"\" to that cell)"]


def test_notebook_without_parameters_cell_is_reported(tmp_path):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                            "display_name": "Python 3"}})
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    path = tmp_path / "plain.ipynb"
    nbformat.write(nb, path)
    spec, problems = inspect_notebook(path)
    assert spec is None
    assert [str(x) for x in problems] == [
        f"{path}: no cell tagged 'parameters' (tag the cell holding the defaults 'parameters')"]


def test_defaults_are_python_values_from_the_parameters_cell():
    spec, _ = inspect_notebook(SCORECARD)
    assert spec.defaults() == {"scenario": "baseline", "scenario_label_vi": "Cơ sở",
                               "scenario_label_en": "Baseline", "adjustments": [], "lang": "vi",
                               "as_of": "", "run_id": ""}


def test_only_selects_by_name_or_prefix_and_reports_unknown_or_ambiguous(tmp_path):
    folder = notebook_folder(tmp_path / "nb", "10_scorecard", "20_raises", "30_hangs")
    assert find_notebooks(folder, ["20"]) == ([folder / "20_raises.ipynb"], [])
    assert find_notebooks(folder, ["30_hangs.ipynb", "10_scorecard"])[0] == [
        folder / "10_scorecard.ipynb", folder / "30_hangs.ipynb"]
    shutil.copy2(folder / "20_raises.ipynb", folder / "20_raises_again.ipynb")
    _, problems = find_notebooks(folder, ["20_r", "scorcard"])
    assert [str(x) for x in problems] == [
        f"{folder}: '20_r' matches 2 notebooks (use one of 20_raises, 20_raises_again)",
        f"{folder}: no notebook 'scorcard' (did you mean '10_scorecard'?)"]


def test_empty_notebook_folder_is_reported(tmp_path):
    _, problems = find_notebooks(tmp_path, [])
    assert [str(x) for x in problems] == [
        f"{tmp_path}: no notebooks (*.ipynb) to run (add notebooks or point KH330_NOTEBOOKS_DIR at them)"]


def test_run_ids_sort_by_utc_time_and_differ():
    import datetime as dt
    when = dt.datetime(2025, 3, 1, 7, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    a, b = new_run_id(when), new_run_id(when)
    assert re.fullmatch(r"20250301T000509Z-[0-9a-f]{6}", a)
    assert a != b


def _jobs(tmp_path: Path, **options) -> list:
    import datetime as dt

    from kh330lib.run.manifest import DataVintage
    from kh330lib.run.options import RunOptions
    from kh330lib.run.plan import Plan
    from kh330lib.run.provenance import RunInfo
    from kh330lib.run.runner import plan_jobs

    sc, _ = read_scenario_file(str(FIXTURE_SCENARIO))
    spec, _ = inspect_notebook(SCORECARD)
    plan = Plan(RunOptions(**options), (sc,), (spec,), DataVintage(2024, None), {})
    run = RunInfo("R1", dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc), DataVintage(2024, None), None, (),
                  ())
    return plan_jobs(plan, run, tmp_path / "R1")


def test_jobs_carry_the_scenario_the_language_the_run_and_as_of(tmp_path):
    jobs = _jobs(tmp_path, langs=("vi", "en"), as_of="2025-06-30")
    assert [(j.scenario, j.lang) for j in jobs] == [("baseline", "vi"), ("baseline", "en")]
    assert dict(jobs[1].parameters) == {"scenario": "baseline", "scenario_label_vi": "Cơ sở (kiểm thử)",
                                        "scenario_label_en": "Baseline (test)", "adjustments": [],
                                        "lang": "en", "run_id": "R1", "as_of": "2025-06-30"}
    assert jobs[1].ipynb == tmp_path / "R1" / "baseline" / "en" / "10_scorecard.ipynb"
    assert jobs[1].html == tmp_path / "R1" / "baseline" / "en" / "10_scorecard.html"
    # An English brief leads back to the English index page.
    assert [(n.href, n.lang) for n in jobs[1].context.nav] == [("../../index-en.html", ""),
                                                               ("../vi/10_scorecard.html", "vi")]
    assert jobs[0].context.nav[0].href == "../../index.html"
    assert dict(jobs[0].context.meta)["Kịch bản"] == "Cơ sở (kiểm thử)"


def test_kernel_that_fails_to_start_is_tried_once_more(tmp_path, monkeypatch):
    import papermill

    calls = []

    def flaky(input_path, output_path, **kwargs):
        calls.append(kwargs["kernel_name"])
        if len(calls) == 1:
            raise RuntimeError("Kernel didn't respond in 60 seconds")
        Path(output_path).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nbformat.v4.new_notebook(), output_path)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    assert worker._execute(_jobs(tmp_path)[0]) is None
    assert calls == ["python3", "python3"]


def test_kernel_death_after_cells_ran_is_not_retried(tmp_path, monkeypatch):
    import papermill

    calls = []

    def dies(input_path, output_path, **kwargs):
        calls.append(1)
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("x = 1", execution_count=1)]
        Path(output_path).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, output_path)
        raise RuntimeError("Kernel died")

    monkeypatch.setattr(papermill, "execute_notebook", dies)
    assert worker._execute(_jobs(tmp_path)[0]) == "RuntimeError: Kernel died"
    assert calls == [1]


# ---- the command (bad input stops before anything is written)

def test_misspelt_parameter_exits_2_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KH330_SCENARIO_DIRS", str(tmp_path))  # a scenario file of one's own
    p = _scenario_file(tmp_path, GOOD.replace("adjustments:", "adjustmnts:"))
    folder = notebook_folder(tmp_path / "nb", "10_scorecard")
    reports = tmp_path / "reports"
    code = cli.main(["run", "--publish", "--notebooks", str(folder), "--out", str(reports), "--scenario", str(p)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    # Refused from the scenario file alone, before the notebooks are read (kh330lib.data.scenarios).
    assert err[0] == (f"{p}:4: field 'adjustmnts': unknown top-level key (papermill would pass it to the notebooks "
                      "as a parameter) (did you mean 'adjustments'?)")
    assert err[1].startswith(f"{p}:1: field 'adjustments': missing")
    assert err[2:] == ["kh330 run: 2 problems in the input; nothing was changed."]
    assert not reports.exists()


def test_bad_scenario_content_is_reported_once_per_key_before_anything_runs(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KH330_SCENARIO_DIRS", str(tmp_path))  # a scenario file of one's own
    # Labels, adjustments and keys are checked by kh330lib.data.scenarios; an unknown key is reported once.
    p = _scenario_file(tmp_path, "scenario: trial\nscenario_label_vi: Thử\nadjustmnts: []\n")
    folder = notebook_folder(tmp_path / "nb", "10_scorecard")
    code = cli.main(["run", "--publish", "--notebooks", str(folder), "--out", str(tmp_path / "reports"),
                     "--scenario", str(p)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err[0] == (f"{p}:3: field 'adjustmnts': unknown top-level key (papermill would pass it to the notebooks "
                      "as a parameter) (did you mean 'adjustments'?)")
    assert sum("'adjustmnts'" in line for line in err) == 1
    assert any("'scenario_label_en'" in line for line in err[1:-1])  # missing label, from kh330lib.data.scenarios
    assert any("'adjustments'" in line for line in err[1:-1])  # missing list, from kh330lib.data.scenarios
    assert err[-1].startswith("kh330 run: ") and err[-1].endswith(" in the input; nothing was changed.")
    assert not (tmp_path / "reports").exists()


def test_second_run_exits_1_while_the_lock_is_held(tmp_path, capsys):
    folder = notebook_folder(tmp_path / "nb", "10_scorecard")
    reports = tmp_path / "reports"
    reports.mkdir()
    with filelock.FileLock(str(reports / LOCK_NAME), timeout=0):
        code = cli.main(["run", "--publish", "--notebooks", str(folder), "--out", str(reports),
                         "--scenario", str(FIXTURE_SCENARIO)])
    assert code == 1
    assert capsys.readouterr().err.strip() == (
        f"kh330 run: another kh330 run is in progress (lock {reports / LOCK_NAME}); "
        f"nothing was done, try again later.")
    assert not (reports / "runs").exists()


def test_bad_timeout_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["run", "--timeout", "0"])
    assert exc.value.code == 2
    assert "argument --timeout: '0' must be greater than 0" in capsys.readouterr().err


# ---- a real run of the fixture scorecard (vi + en), shared with tests/test_browser.py

@pytest.mark.notebook
def test_successful_run_publishes_latest_as_a_link_to_its_run_folder(fixture_briefs):
    assert fixture_briefs.returncode == 0, fixture_briefs.stderr
    (run_dir,) = fixture_briefs.run_dirs()
    latest = fixture_briefs.latest
    assert latest.is_symlink() and latest.resolve() == run_dir.resolve()
    assert os.readlink(latest) == f"runs/{run_dir.name}"  # relative: the reports folder can move
    for lang in ("vi", "en"):
        assert (latest / "baseline" / lang / "10_scorecard.html").is_file()
        assert (latest / "baseline" / lang / "10_scorecard.ipynb").is_file()
    lines = fixture_briefs.stdout.splitlines()
    assert re.fullmatch(r"\[1/2\] 10_scorecard \((vi|en)\) ok \d+\.\d s", lines[1])
    assert re.fullmatch(r"\[2/2\] 10_scorecard \((vi|en)\) ok \d+\.\d s", lines[2])
    assert not (run_dir / "logs").exists()
    assert lines[-1].startswith("kh330 run: 2 briefs ok in ")
    assert lines[-1].endswith(f"; published {fixture_briefs.reports}/latest/index.html")


@pytest.mark.notebook
def test_manifest_records_parameters_hashes_versions_and_outcomes(fixture_briefs):
    (run_dir,) = fixture_briefs.run_dirs()
    m = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert m["outcome"] == "ok" and m["published"] is True and m["run_id"] == run_dir.name
    assert m["settings"]["langs"] == ["vi", "en"]
    notebook = run_dir.parent.parent.parent / "notebooks" / "10_scorecard.ipynb"
    assert m["inputs"][str(notebook)] == hashlib.sha256(notebook.read_bytes()).hexdigest()
    obs = paths.ROOT / "data" / "observations.csv"
    assert m["inputs"]["data/observations.csv"] == hashlib.sha256(obs.read_bytes()).hexdigest()
    # The panel behind the calibration is an input too, and the brief names it among its data files.
    panel = paths.ROOT / "data" / "raw" / "gso_trained_share_by_province_2008_2016.csv"
    panel_hash = hashlib.sha256(panel.read_bytes()).hexdigest()
    assert m["inputs"][f"data/raw/{panel.name}"] == panel_hash
    page = (run_dir / "baseline" / "en" / "10_scorecard.html").read_text(encoding="utf-8")
    assert f"data/raw/{panel.name} sha256 {panel_hash[:12]}" in page
    assert m["scenarios"]["baseline"]["sha256"] == hashlib.sha256(FIXTURE_SCENARIO.read_bytes()).hexdigest()
    from importlib.metadata import version
    assert m["packages"]["papermill"] == version("papermill")
    assert m["started"] <= m["finished"]
    briefs = {b["lang"]: b for b in m["briefs"]}
    assert briefs["en"]["outcome"] == "ok" and briefs["en"]["error"] is None
    # Resolved parameters: the scenario file's values, the runner's, and the notebook's defaults.
    assert briefs["en"]["parameters"] == {"scenario": "baseline", "scenario_label_vi": "Cơ sở (kiểm thử)",
                                          "scenario_label_en": "Baseline (test)", "adjustments": [],
                                          "lang": "en", "as_of": "", "run_id": run_dir.name}
    assert briefs["vi"]["html"] == "baseline/vi/10_scorecard.html"
    assert briefs["vi"]["bytes"] == (run_dir / "baseline/vi/10_scorecard.html").stat().st_size


@pytest.mark.notebook
def test_cell_stderr_and_warnings_go_to_run_log_not_to_the_brief(fixture_briefs):
    latest = fixture_briefs.latest
    log = (latest / "run.log").read_text(encoding="utf-8")
    assert "fixture warning for run.log" in log and "fixture stderr line" in log
    for lang in ("vi", "en"):
        page = (latest / "baseline" / lang / "10_scorecard.html").read_text(encoding="utf-8")
        assert "fixture warning" not in page and "fixture stderr line" not in page
        assert "Kernel is running over TCP" not in fixture_briefs.stderr + fixture_briefs.stdout


@pytest.mark.notebook
def test_language_reaches_the_notebook_and_formats_numbers(fixture_briefs):
    vi = (fixture_briefs.latest / "baseline/vi/10_scorecard.html").read_text(encoding="utf-8")
    en = (fixture_briefs.latest / "baseline/en/10_scorecard.html").read_text(encoding="utf-8")
    assert "<td>80,5 %</td>" in vi and '<html lang="vi">' in vi
    assert "<td>80.5%</td>" in en and '<html lang="en">' in en
    assert "Cơ sở (kiểm thử)" in vi and "Baseline (test)" in en
    # The localised <h1> shown by the notebook becomes the page title (once, in the header).
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", vi) == ["Bảng tổng hợp thử nghiệm"]
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", en) == ["Test scorecard"]


@pytest.mark.notebook
def test_index_pages_link_every_brief_of_the_run_in_their_language(fixture_briefs):
    for name, lang, title in (("index.html", "vi", "Bảng tổng hợp thử nghiệm"), ("index-en.html", "en",
                                                                                  "Test scorecard")):
        index = fixture_briefs.latest / name
        page = index.read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]+)"', page)
        assert f'<li><a href="baseline/{lang}/10_scorecard.html">{title}</a></li>' in page
        assert not [h for h in hrefs if h.startswith("baseline/") and not h.startswith(f"baseline/{lang}/")]
        for href in hrefs:
            assert (index.parent / href.partition("#")[0]).exists(), href


def _copy_reports(fixture_briefs, tmp_path: Path) -> Path:
    dest = tmp_path / "reports"
    shutil.copytree(fixture_briefs.reports, dest, symlinks=True)
    return dest


@pytest.mark.notebook
def test_notebook_that_raises_leaves_latest_unchanged_and_keeps_the_failed_notebook(fixture_briefs, tmp_path):
    assert fixture_briefs.returncode == 0
    reports = _copy_reports(fixture_briefs, tmp_path)
    before = tree_hashes(reports / "latest")
    link_before = os.readlink(reports / "latest")
    folder = notebook_folder(tmp_path / "nb", "10_scorecard", "20_raises")
    done = run_briefs(folder, reports, "--scenario", str(FIXTURE_SCENARIO))
    assert done.returncode == 1
    assert tree_hashes(reports / "latest") == before and os.readlink(reports / "latest") == link_before
    new = [d for d in done.run_dirs() if d.name != link_before.split("/")[-1]]
    (run_dir,) = new
    kept = run_dir / "baseline" / "vi" / "20_raises.ipynb"
    nb = nbformat.read(kept, as_version=4)
    assert "papermill-error-cell-tag" in nb.cells[0].metadata.get("tags", [])
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert [e.ename for e in errors] == ["ValueError"]
    assert ("20_raises (vi): ValueError: fixture failure: the engine rejected the input (cell In [3])"
            in done.stderr)
    assert f"failed; {reports}/latest was not changed." in done.stderr
    assert f"notebook: {kept}" in done.stderr
    m = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert m["outcome"] == "failed" and m["published"] is False
    assert {b["notebook"].split("/")[-1]: b["outcome"] for b in m["briefs"]} == {
        "10_scorecard.ipynb": "ok", "20_raises.ipynb": "failed"}


@pytest.mark.notebook
def test_cell_past_the_timeout_fails_the_run_and_leaves_latest_unchanged(fixture_briefs, tmp_path):
    assert fixture_briefs.returncode == 0
    reports = _copy_reports(fixture_briefs, tmp_path)
    before = tree_hashes(reports / "latest")
    folder = notebook_folder(tmp_path / "nb", "30_hangs")
    done = run_briefs(folder, reports, "--scenario", str(FIXTURE_SCENARIO), "--timeout", str(HUNG_CELL_TIMEOUT))
    assert done.returncode == 1
    assert tree_hashes(reports / "latest") == before
    assert f"30_hangs (vi): cell In [3] ran longer than the {HUNG_CELL_TIMEOUT} s timeout" in done.stderr
    run_dir = max(done.run_dirs(), key=lambda d: d.name)
    nb = nbformat.read(run_dir / "baseline" / "vi" / "30_hangs.ipynb", as_version=4)
    assert "papermill-error-cell-tag" in nb.cells[0].metadata.get("tags", [])
    assert "FAILED" in (run_dir / "run.log").read_text(encoding="utf-8")


@pytest.mark.notebook
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the kernels")
def test_sigterm_stops_the_run_and_its_kernels_and_leaves_latest_unchanged(fixture_briefs, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    reports = _copy_reports(fixture_briefs, tmp_path)
    before = tree_hashes(reports / "latest")
    folder = notebook_folder(tmp_path / "nb", "30_hangs")
    proc = subprocess.Popen([sys.executable, "-m", "kh330lib", "run", "--publish", "--lang", "vi",
                             "--notebooks", str(folder), "--out",
                             str(reports), "--scenario", str(FIXTURE_SCENARIO)], cwd=paths.ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:  # wait until the sleeping cell (the 4th, after papermill's) runs
        logs = list((reports / "runs").glob("*/logs/*.log"))
        if logs and "Executing Cell 4" in logs[0].read_text(encoding="utf-8", errors="replace"):
            break
        time.sleep(0.2)
    spawned = descendants(proc.pid)
    assert len(spawned) >= 2  # at least a worker and its kernel
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 143
    assert f"kh330 run: terminated; {reports}/latest was not changed; the unfinished run is in " in err
    assert tree_hashes(reports / "latest") == before
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in spawned):
        time.sleep(0.2)
    assert [p for p in spawned if Path(f"/proc/{p}").exists()] == []

"""The notebooks: thin and commit-ready, and each notebook × scenario runs cleanly through papermill on
fixture data, showing the engine's numbers."""

from __future__ import annotations

import ast
import html as html_lib
import math
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import papermill
import pytest
import yaml

from kh330lib import fmt, paths
from kh330lib.assess import assess_all
from kh330lib.data.scenarios import from_parameters
from kh330lib.words import breakdown_name
from session_support import once_per_session

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
NAMES = [p.stem for p in NOTEBOOKS]
EXPECTED = ["00_data_audit", "10_scorecard", "20_trained_labour", "30_stem_enrolment", "40_rnd_investment",
            "50_capacity", "60_scenarios", "90_methods"]
SCENARIOS = ("baseline", "accelerated")
# Each scenario runs in one language, so both languages are exercised without doubling the runs.
LANG_OF = {"baseline": "vi", "accelerated": "en"}
COMMON = {"scenario": "str", "scenario_label_vi": "str", "scenario_label_en": "str", "adjustments": "list",
          "lang": "str", "as_of": "str", "run_id": "str"}
CELL_TIMEOUT = 180
WORKERS = 2


def _scenario_values(name: str) -> dict:
    return yaml.safe_load((paths.SCENARIOS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- shape of the notebooks (fast)

def test_the_suite_has_its_eight_notebooks():
    assert NAMES == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_parameters_cell_declares_the_common_parameters(path: Path):
    params = papermill.inspect_notebook(str(path))
    for name, typ in COMMON.items():
        assert name in params, f"{path.name}: parameter '{name}' missing"
        assert params[name]["inferred_type_name"] == typ
        assert params[name]["help"], f"{path.name}: '{name}' needs a trailing comment"
    baseline = _scenario_values("baseline")
    for key in ("scenario", "adjustments"):
        assert ast.literal_eval(params[key]["default"]) == baseline[key], f"{path.name}: {key} ≠ baseline.yaml"
    # The labels are the scenario file's alone: no copy in the notebook (open_brief reads them from the file).
    for key in ("scenario_label_vi", "scenario_label_en"):
        assert ast.literal_eval(params[key]["default"]) == "", f"{path.name}: {key} copies a scenario file's label"
    assert ast.literal_eval(params["lang"]["default"]) == "vi"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_is_thin_and_commit_ready(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata["kernelspec"] == {"name": "python3", "display_name": "Python 3", "language": "python"}
    first, second = nb.cells[0], nb.cells[1]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert second.cell_type == "code" and second.metadata.get("tags") == ["parameters"]
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    # Parameters: typed literals only (derived values belong in the next cell).
    for node in ast.parse(second.source).body:
        assert isinstance(node, ast.AnnAssign), ast.unparse(node)
        ast.literal_eval(node.value)
    for line in second.source.splitlines():
        assert re.search(r"\S\s+#\s+\S", line), f"no trailing comment: {line}"
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert cell.outputs == [] and cell.execution_count is None
        tree = ast.parse(cell.source)
        defined = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))]
        assert not defined, f"{path.name}: logic belongs in kh330lib, not in the notebook"


@pytest.mark.parametrize("scenario_file", sorted(paths.SCENARIOS_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_scenario_files_only_set_declared_parameters(scenario_file: Path):
    values = yaml.safe_load(scenario_file.read_text(encoding="utf-8"))
    for path in NOTEBOOKS:
        declared = papermill.inspect_notebook(str(path))
        assert set(values) <= set(declared), f"{scenario_file.name} sets parameters {path.name} does not declare"


# ---------------------------------------------------------------- runs through papermill (slow)

def _execute(job: tuple[str, str, str]) -> tuple[str | None, str | None]:
    """Run one notebook × scenario in a fresh kernel on the fixture data; (output path, error)."""
    notebook, scenario, out = job
    os.environ["KH330_DATA_DIR"] = str(FIXTURE_DATA)  # inherited by the kernel process
    params = {**_scenario_values(scenario), "lang": LANG_OF[scenario], "run_id": "test"}
    try:
        papermill.execute_notebook(notebook, out, parameters=params, kernel_name="python3",
                                   progress_bar=False, log_output=False, execution_timeout=CELL_TIMEOUT)
    except Exception as exc:  # reported by the test of this notebook × scenario
        return None, f"{type(exc).__name__}: {exc}"
    return out, None


def _execute_all(out_dir: Path) -> dict[str, list]:
    jobs = [(str(p), sc, str(out_dir / f"{p.stem}-{sc}.ipynb")) for p in NOTEBOOKS for sc in SCENARIOS]
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(_execute, jobs))
    return {f"{Path(nb).stem}|{sc}": list(res) for (nb, sc, _), res in zip(jobs, results)}


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """Every notebook × scenario, executed once per test session (two kernels at a time), whichever worker asks
    first: the tests of this module are spread over the workers."""
    done = once_per_session(tmp_path_factory, "executed-notebooks", _execute_all)
    return {tuple(key.split("|")): tuple(value) for key, value in done.items()}


def _outputs(path: str) -> list:
    nb = nbformat.read(path, as_version=4)
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _html(path: str) -> str:
    parts = []
    for o in _outputs(path):
        data = o.get("data", {})
        parts.append(data.get("text/html", "") if isinstance(data.get("text/html", ""), str)
                     else "".join(data["text/html"]))
    return "\n".join(parts)


@pytest.mark.notebook
@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_runs_cleanly(executed, name: str, scenario: str):
    out, error = executed[(name, scenario)]
    assert error is None, error
    outputs = _outputs(out)
    assert not [o for o in outputs if o.output_type == "error"]
    streams = [o for o in outputs if o.output_type == "stream"]
    assert not [o for o in streams if o.name == "stderr"], [o.text for o in streams]
    html = _html(out)
    assert f'lang="{LANG_OF[scenario]}"' in html
    # Every chart says what it shows.
    for alt in re.findall(r"<img [^>]*?alt=\"([^\"]*)\"", html):
        assert len(alt) > 40
    assert html.count("<img ") == len(re.findall(r"<img [^>]*alt=\"[^\"]+\"", html))


IPCC_VI = ((0.90, "rất có khả năng"), (0.66, "có khả năng"), (0.33, "khả năng ngang nhau"),
           (0.10, "ít khả năng"), (0.0, "rất ít khả năng"))
IPCC_EN = ((0.90, "very likely"), (0.66, "likely"), (0.33, "about as likely as not"), (0.10, "unlikely"),
           (0.0, "very unlikely"))


def _expected_scorecard_strings(a, lang: str) -> list[str]:
    """Numbers of one assessed target as the brief must show them, formatted here with fmt."""
    out = []
    if a.latest_value is not None and a.kind == "level":
        # Observed values as reported (at most 2 decimals); model outputs with fixed decimals by size.
        out.append(fmt.percent(a.latest_value, lang, 2) if a.target.unit == "%" else
                   fmt.number(a.latest_value, lang, 2))
    if a.chance is not None:
        # IPCC calibrated language (Mastrandrea et al. 2010): the band of the combined P (the models' range is
        # in the key messages, labelled as such, not in the row).
        p = a.chance.combined
        words = IPCC_VI if lang == "vi" else IPCC_EN
        out.append(next(w for edge, w in words if p >= edge))
    if a.projection is not None:
        q = a.projection.at(a.target.deadline)
        digits = 1 if abs(q["median"]) >= 10 else 2
        out += [fmt.fixed(q[k], lang, digits) for k in ("median", "lo80", "hi80")]
    if a.pace is not None and a.pace.required_annual_change is not None:
        out.append(fmt.number(abs(a.pace.required_annual_change), lang, 2))
    return out


@pytest.mark.notebook
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scorecard_shows_the_engines_numbers(executed, fixture_dataset, scenario: str):
    out, error = executed[("10_scorecard", scenario)]
    assert error is None, error
    html = _html(out)
    lang = LANG_OF[scenario]
    sc = from_parameters(**_scenario_values(scenario), registry=fixture_dataset.registry)
    assessed = [a for a in assess_all(fixture_dataset, scenario=sc) if a.has_data]
    assert assessed, "the fixture data must give the scorecard something to show"
    rows = re.split(r"<tr[\s>]", html)  # a row opens with <tr> or <tr id="t-…">
    checked = 0
    # A label several targets share with different deadlines carries its year in the table.
    deadlines: dict[str, set[int]] = {}
    for tg in fixture_dataset.registry.targets:
        deadlines.setdefault(tg.label(lang), set()).add(tg.deadline)
    for a in assessed:
        year = f" ({a.target.deadline})" if len(deadlines[a.target.label(lang)]) > 1 else ""
        name = a.target.label(lang) + year + (f" — {breakdown_name(a.breakdown, lang)}" if a.breakdown else "")
        section = a.target.clause.split()[0]
        row = [r for r in rows if f"{html_lib.escape(name)}<br>" in r and section in r]
        assert len(row) == 1, f"{a.target.id} {a.breakdown}: {len(row)} scorecard rows"
        for text in _expected_scorecard_strings(a, lang):
            assert text in row[0], f"{a.target.id} {a.breakdown}: {text!r} not in its scorecard row"
            checked += 1
    assert checked >= 7
    # The models' range is on the page, labelled as what it is.
    for a in assessed:
        if a.chance is not None:
            lo, hi = round(100 * a.chance.low), round(100 * a.chance.high)
            label = "từng mô hình, từng phép thử: " if lang == "vi" else "each model and check alone: "
            assert f"{label}{lo}–{hi}" + (" %" if lang == "vi" else "%") in html, a.target.id
    # A target without Huế data says so, and names who reports it.
    no_data = "Chưa có số liệu" if lang == "vi" else "No data"
    assert no_data in html and ("Sở Tài chính (V.3)" in html or "Department of Finance (V.3)" in html)
    # The section by ward and commune is there, and with no ward figures in the fixture it says so.
    assert ("<h2>Đánh giá theo xã, phường</h2>" if lang == "vi" else "<h2>Targets by ward and commune</h2>") in html
    assert ("Chưa xã, phường nào có số liệu" if lang == "vi" else "No ward or commune has figures") in html


@pytest.mark.notebook
def test_rnd_brief_shows_the_money_view(executed, fixture_dataset):
    out, error = executed[("40_rnd_investment", "baseline")]
    assert error is None, error
    html = _html(out)
    for a in assess_all(fixture_dataset, targets=[fixture_dataset.registry.target("rnd_grdp_2030")]):
        cell = next(c for c in a.money if c.share == a.target.value and c.year == a.target.deadline)
        for value in (cell.median, cell.lo80, cell.hi80):
            # Shown to the nearest 100 billion VND (params/methods.yaml money_view.round_to), halves up.
            assert fmt.fixed(math.floor(value / 100 + 0.5) * 100, "vi", 0) in html


@pytest.mark.notebook
def test_proxy_and_assumption_series_are_labelled(executed):
    for key in (("20_trained_labour", "baseline"), ("30_stem_enrolment", "accelerated"),
                ("60_scenarios", "accelerated")):
        assert executed[key][1] is None, executed[key][1]
    out, _ = executed[("20_trained_labour", "baseline")]
    assert "số liệu thay thế" in _html(out)
    out, _ = executed[("30_stem_enrolment", "accelerated")]
    assert "recorded in the data as assumptions" in _html(out)
    out, _ = executed[("60_scenarios", "accelerated")]
    html = _html(out)
    assert "assumed values (not measured data)" in html and "Accelerated (illustrative assumptions)" in html

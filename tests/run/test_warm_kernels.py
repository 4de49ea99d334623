"""Warm kernels: briefs run one after the other in one kernel give the same briefs, byte for byte, as briefs run each
in a kernel of its own (`--fresh-kernels`), also after a brief that changed the kernel's state, raised or timed out."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from briefs_support import FIXTURE_NOTEBOOKS, FIXTURE_SCENARIO, HUNG_CELL_TIMEOUT, CliRun, notebook_folder, run_briefs
from kh330lib import paths
from kh330lib.run.kernel import notebook_imports
from kh330lib.run.processes import PIDS_NAME, read_records

# A module beside the notebooks: its warning is shown once per location and process unless the kernel's record of
# warnings already shown is dropped between briefs.
WARNER = 'import warnings\n\n\ndef warn():\n    warnings.warn("module warning for run.log")\n'

POLLUTE = """import os, sys, warnings
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import kh330lib.limits
from kh330lib.data.names import load_vietnamese_names
import warner

warner.warn()
leftover = "from the brief before"
kh330lib.limits.limits()
load_vietnamese_names()
np.set_printoptions(precision=3)
pd.set_option("display.max_rows", 7)
matplotlib.rcParams["lines.linewidth"] = 9
plt.switch_backend("agg")
plt.figure()
os.environ["KH330_POLLUTED"] = "1"
sys.path.append("/polluted")
os.chdir("/")
warnings.simplefilter("error")
"""

READ = """import html, json, os, sys, warnings
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import kh330lib.data.names
import kh330lib.limits
from IPython.display import HTML, display
import warner

warner.warn()
state = {
    "globals": sorted(k for k in globals() if not k.startswith("_")),
    "execution_count": get_ipython().execution_count, "cwd": os.getcwd(), "sys.path": sys.path,
    "env": os.environ.get("KH330_POLLUTED"), "warning filters": [f[0] for f in warnings.filters],
    "linewidth": matplotlib.rcParams["lines.linewidth"], "backend": matplotlib.get_backend(),
    "figures": plt.get_fignums(), "max_rows": pd.get_option("display.max_rows"),
    "precision": np.get_printoptions()["precision"], "limits cached": kh330lib.limits._cached.cache_info().currsize,
    "names cached": len(kh330lib.data.names._NAMES_CACHE),
}
display(HTML("<h1>State</h1><pre>" + html.escape(json.dumps(state, indent=1)) + "</pre>"))
"""


def _notebook(folder: Path, name: str, source: str) -> None:
    """A notebook with the fixture's parameters cell and one code cell."""
    nb = nbformat.read(FIXTURE_NOTEBOOKS / "10_scorecard.ipynb", as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    nb.cells = [params, nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, folder / f"{name}.ipynb")


def _mask(text: str, run_dir: Path) -> str:
    """What legitimately differs between two runs: the run id, the time stamps, the run's time of day, and the kernel's
    process id in the file names of cells (in tracebacks and warnings)."""
    text = text.replace(run_dir.name, "RUN-ID")
    text = re.sub(r"ipykernel_\d+", "ipykernel_PID", text)
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)", "TIME", text)
    return re.sub(r", \d\d:\d\d \(", ", HH:MM (", text)


def _cells(ipynb: Path) -> list[dict]:
    """What a notebook's cells show (source, execution count, outputs), without papermill's timings."""
    nb = json.loads(ipynb.read_text(encoding="utf-8"))
    return [{k: c.get(k) for k in ("cell_type", "source", "execution_count", "outputs")} for c in nb["cells"]]


def _briefs(done: CliRun) -> tuple[Path, dict[str, str]]:
    """The run folder and, by relative path, every brief (HTML) and executed notebook (cells) it holds, masked."""
    (run_dir,) = done.run_dirs()
    out = {}
    for path in sorted(run_dir.rglob("*")):
        rel = str(path.relative_to(run_dir))
        if path.suffix == ".html" and path.name != "index.html":
            out[rel] = _mask(path.read_text(encoding="utf-8"), run_dir)
        elif path.suffix == ".ipynb":
            out[rel] = _mask(json.dumps(_cells(path), ensure_ascii=False, indent=1), run_dir)
    return run_dir, out


def _assert_same(warm: CliRun, fresh: CliRun) -> Path:
    warm_dir, warm_briefs = _briefs(warm)
    _, fresh_briefs = _briefs(fresh)
    assert sorted(warm_briefs) == sorted(fresh_briefs)
    assert any(rel.endswith(".html") for rel in warm_briefs)
    for rel, text in fresh_briefs.items():
        assert warm_briefs[rel] == text, f"{rel} differs between warm and fresh kernels"
    return warm_dir


@pytest.mark.notebook
def test_briefs_after_one_that_changed_raised_or_hung_are_those_of_fresh_kernels(tmp_path):
    folder = notebook_folder(tmp_path / "nb", "10_scorecard", "20_raises", "30_hangs")
    (folder / "warner.py").write_text(WARNER, encoding="utf-8")
    _notebook(folder, "15_pollutes", POLLUTE)
    for name in ("16_reads", "25_reads", "35_reads"):
        _notebook(folder, name, READ)
    args = ("--scenario", str(FIXTURE_SCENARIO), "--jobs", "1", "--timeout", str(HUNG_CELL_TIMEOUT))
    # Both runs at once: each waits out the hung cell's timeout, and they wait together.
    with ThreadPoolExecutor(2) as pool:
        warm_run = pool.submit(run_briefs, folder, tmp_path / "warm", *args)
        fresh_run = pool.submit(run_briefs, folder, tmp_path / "fresh", *args, "--fresh-kernels")
        warm, fresh = warm_run.result(), fresh_run.result()
    assert warm.returncode == fresh.returncode == 1, warm.stderr + fresh.stderr
    for done in (warm, fresh):
        assert "20_raises (vi): ValueError: fixture failure: the engine rejected the input (cell In [3])" in done.stderr
        assert f"30_hangs (vi): cell In [3] ran longer than the {HUNG_CELL_TIMEOUT} s timeout" in done.stderr
    run_dir = _assert_same(warm, fresh)
    state = (run_dir / "baseline" / "vi" / "16_reads.html").read_text(encoding="utf-8")
    assert "leftover" not in state and "/polluted" not in state and '"figures": []' in state
    # One worker; its kernel ran 10, 15 and 16, and was replaced after each failed brief (20 and 30).
    records = read_records(run_dir / PIDS_NAME)
    assert [r.role for r in records].count("worker") == 1
    assert [r.role for r in records].count("kernel") == 3
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["settings"]["kernels"] == "warm"
    # run.log has the module's warning of each of the four briefs calling it (message and source line), as with
    # fresh kernels: the record of warnings already shown does not outlive a brief.
    logs = [(d / "run.log").read_text(encoding="utf-8") for d in (run_dir, fresh.run_dirs()[0])]
    assert logs[0].count("module warning for run.log") == logs[1].count("module warning for run.log") == 8
    assert logs[0].count("Executing Cell 3") == logs[1].count("Executing Cell 3") == 7


def test_notebook_imports_are_the_import_statements_of_code_cells(tmp_path):
    _notebook(tmp_path, "a", "import os\nfrom kh330lib import fmt\nx = 1\nif x:\n    import json\n")
    _notebook(tmp_path, "b", "%matplotlib inline\nimport sys")  # IPython magic: not Python, left out
    _notebook(tmp_path, "c", "from . import local\nimport os")
    assert notebook_imports([tmp_path / "a.ipynb", tmp_path / "b.ipynb", tmp_path / "c.ipynb",
                             tmp_path / "missing.ipynb"]) == ("import os", "from kh330lib import fmt")


@pytest.mark.notebook
def test_project_notebooks_in_warm_kernels_give_the_briefs_of_fresh_kernels(tmp_path):
    names = [p.stem for p in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))]
    if not {"10_scorecard", "90_methods"} <= set(names):
        pytest.skip("the project's scorecard and methods notebooks are not there")
    args = ("--scenario", "baseline", "--lang", "all", "--jobs", "1", "--only", "10_scorecard", "--only",
            "90_methods")
    warm = run_briefs(paths.NOTEBOOKS_DIR, tmp_path / "warm", *args)
    fresh = run_briefs(paths.NOTEBOOKS_DIR, tmp_path / "fresh", *args, "--fresh-kernels")
    assert warm.returncode == fresh.returncode == 0, warm.stderr + fresh.stderr
    run_dir = _assert_same(warm, fresh)
    assert [r.role for r in read_records(run_dir / PIDS_NAME)].count("kernel") == 1

"""A departmental workbook, once taken in, reaches the briefs with its reporter as source."""

from __future__ import annotations

import html
import re

import nbformat
import papermill
import pytest

from kh330lib import fmt, paths
from kh330lib.cli import main
from kh330lib.data.catalog import load_registry
from kh330lib.workbooks.template import load_spec, write_template
from reporting_support import TODAY, YEARS, fill

REPORTER = "Trần Thị Bình, Phòng Giáo dục trung học"


def _page_text(path) -> str:
    nb = nbformat.read(str(path), as_version=4)
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {}).get("text/html", "")
            parts.append(data if isinstance(data, str) else "".join(data))
    return html.unescape(re.sub(r"<[^>]+>", " ", "\n".join(parts)))


@pytest.mark.notebook
def test_taken_in_values_appear_in_the_briefs_with_their_reporter(project, monkeypatch, tmp_path, capsys):
    registry = load_registry()
    template = write_template(project / "doet.xlsx", registry, load_spec(registry), "doet", None, TODAY)
    typed = fill(template, project / "filled.xlsx")
    assert main(["intake", str(project / "filled.xlsx"), "--reporter", REPORTER, "--received", "2026-06-01"]) == 0
    source = next(line.split()[-1] for line in capsys.readouterr().out.splitlines()
                  if line.strip().startswith("source:"))
    # The kernel is another process: point it at the copied tree through the environment.
    monkeypatch.setenv("KH330_DATA_DIR", str(project / "data"))
    monkeypatch.setenv("KH330_PARAMS_DIR", str(project / "params"))
    pages = {}
    for name in ("00_data_audit", "10_scorecard"):
        out = tmp_path / f"{name}.ipynb"
        papermill.execute_notebook(str(paths.NOTEBOOKS_DIR / f"{name}.ipynb"), str(out),
                                   parameters={"lang": "vi", "run_id": "test"}, kernel_name="python3",
                                   progress_bar=False, execution_timeout=300)
        pages[name] = _page_text(out)
    # The audit lists the report among its sources, naming the reporter.
    audit = pages["00_data_audit"]
    assert source in audit and REPORTER in audit
    # The scorecard shows the reported latest value of school connectivity (a share, reported by doet).
    latest = typed[("edu_institutions_highspeed_internet", "", YEARS[-1])]
    assert fmt.percent(latest, "vi", 2) in pages["10_scorecard"]

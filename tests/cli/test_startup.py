"""Each command imports what it uses: the sub-commands are listed in kh330lib.cli.COMMANDS, only the one asked for
is imported, and the commands that read and print load neither the runner's, the charts' nor the workbooks'
libraries, nor the code of scipy.special."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from kh330lib import paths
from kh330lib.cli import COMMANDS, NAMES
from process_support import PATIENCE

# Runs a command in this interpreter, then prints the names of the modules it loaded as the last line of stderr (a
# module registered to run at first use, kh330lib.lazy, and never used is not loaded).
PROBE = """
import json, sys
from importlib.util import _LazyModule
from kh330lib.cli import main
code = main(sys.argv[1:])
print(json.dumps([code, sorted(n for n, m in sys.modules.items() if not isinstance(m, _LazyModule))]), file=sys.stderr)
"""
# Libraries of other commands: the runner (nbconvert, papermill), the briefs (matplotlib, IPython), the
# workbooks (openpyxl), and the assessment engine with its code.
HEAVY = ("matplotlib", "IPython", "nbconvert", "nbformat", "nbclient", "papermill", "openpyxl", "statsmodels",
         "seaborn", "jinja2", "bs4", "kh330lib.assess", "kh330lib.briefs", "kh330lib.run.runner",
         "kh330lib.workbooks")


def loaded(*args: str) -> list[str]:
    """The modules a whole `kh330 ARGS` process has loaded when the command returns (it must succeed)."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=paths.ROOT,
                          timeout=PATIENCE)
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert code == 0, done.stderr
    return modules


def _is_sub_command(path) -> bool:
    functions = {n.name for n in ast.parse(path.read_text(encoding="utf-8")).body if isinstance(n, ast.FunctionDef)}
    return {"add_parser", "run"} <= functions


def test_every_sub_command_is_listed_by_its_module_in_the_order_help_shows():
    found = sorted(p.stem for p in (paths.ROOT / "kh330lib" / "cli").glob("*.py") if _is_sub_command(p))
    assert list(NAMES) == list(COMMANDS) == found
    assert [module.__name__ for module in COMMANDS.values()] == [f"kh330lib.cli.{name}" for name in found]


def test_version_imports_no_sub_command_and_no_pandas():
    done = subprocess.run([sys.executable, "-c", PROBE, "--version"], capture_output=True, text=True,
                          cwd=paths.ROOT, timeout=PATIENCE)
    assert done.returncode == 0 and done.stdout.startswith("kh330 ")
    # argparse's version action exits: the probe's own line is not printed, so ask Python which modules a parser
    # for `--version` loads.
    probe = ("import sys; from importlib.util import _LazyModule; from kh330lib.cli import build_parser, _needed; "
             "names = _needed(['--version']); build_parser(names); "
             "print(names, sorted(m for m, module in sys.modules.items() if (m.startswith('kh330lib.cli.') "
             "or m == 'pandas') and not isinstance(module, _LazyModule)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=paths.ROOT,
                         timeout=PATIENCE).stdout.strip()
    assert out == "() []"


@pytest.mark.parametrize("args", [("status",), ("check",), ("list", "targets"), ("list", "indicators")])
def test_commands_that_print_load_only_what_they_use(args):
    modules = loaded(*args)
    sub_commands = [m for m in modules if m.startswith("kh330lib.cli.") and m != "kh330lib.cli.options"]
    assert sub_commands == [f"kh330lib.cli.{args[0]}"]
    assert [m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY)] == []
    # scipy.special is registered but never run (kh330lib.methods): its compiled functions stay unloaded.
    assert "scipy.special._ufuncs" not in modules


def test_the_run_command_loads_neither_charts_nor_notebook_display():
    probe = "import sys, kh330lib.cli.run; print(sorted({m.split('.')[0] for m in sys.modules}))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=paths.ROOT,
                         timeout=PATIENCE)
    top = json.loads(out.stdout.replace("'", '"'))
    assert not {"matplotlib", "IPython", "papermill", "openpyxl"} & set(top), out.stderr

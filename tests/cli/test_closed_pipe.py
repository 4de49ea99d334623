"""`kh330 status | head -1`: a reader that stops early is not an error (exit 0, nothing on stderr)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from kh330lib import paths
from process_support import PATIENCE


def test_pipe_closed_before_anything_is_written():
    # The read end is closed at once, so the first write meets a broken pipe every time.
    proc = subprocess.Popen([sys.executable, "-m", "kh330lib", "status"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=paths.ROOT)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    assert proc.wait(timeout=PATIENCE) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err and err == ""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash for pipefail")
@pytest.mark.parametrize("command", ["status", "assess --all"])
def test_head_one(command):
    res = subprocess.run(["bash", "-o", "pipefail", "-c", f"'{sys.executable}' -m kh330lib {command} | head -1"],
                         capture_output=True, text=True, cwd=paths.ROOT, timeout=300)
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.splitlines()) == 1
    assert "Traceback" not in res.stderr and "BrokenPipe" not in res.stderr

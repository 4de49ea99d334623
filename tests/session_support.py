"""Work the tests of a session share: built once, whichever pytest-xdist worker needs it first."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Callable

import filelock
import pytest


def once_per_session(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], dict]) -> dict:
    """`build(folder)`, a JSON-able record, made once per test session.

    Under pytest-xdist each worker sets up its own session and module fixtures, and these builds take a minute or
    more: the first worker to need one builds it in the session's folder, which all workers share, and records the
    outcome; the others wait for it and read the record. Tests only read what such a build wrote.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent  # pytest-N/, holding every worker's popen-gwN/
    record = shared / f"{name}.json"
    with filelock.FileLock(str(shared / f"{name}.lock")):
        if not record.exists():
            # A new folder for each attempt: when a worker's build raised, the next worker to need it starts afresh.
            done = build(Path(tempfile.mkdtemp(prefix=f"{name}-", dir=shared)))
            record.write_text(json.dumps(done), encoding="utf-8")
        return json.loads(record.read_text(encoding="utf-8"))

"""`kh330 run`: the plan of a run (`plan`), one brief per worker process (`worker`), publishing (`publish`)."""

import sys

from ..lazy import import_on_first_use

# jsonschema (under nbformat) imports rfc3987_syntax when it is installed, and that module compiles a grammar for
# 1-3 s in every process that loads it; nbformat never checks IRI formats, so the runner (which imports nbformat
# to render and inspect notebooks) skips it as its workers do (jsonschema treats the missing module as an extra).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

# The plan and the runner load the data libraries, the assessment engine and nbconvert (about 2 s): a run with
# nothing to do (kh330lib.run.unchanged) ends before reading them. `from ..run import plan, runner` binds them.
import_on_first_use("kh330lib.run.plan")
import_on_first_use("kh330lib.run.runner")

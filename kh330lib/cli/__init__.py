"""The `kh330` command line: each sub-command lives in kh330lib/cli/<name>.py (with add_parser and run)."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import Sequence

from .. import __version__
from ..errors import InputError
from ..lazy import import_on_first_use
from ..limits import limits

# Exit codes: 0 success, 1 a run failed (nothing published), 2 bad input or usage.
EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2
# Every sub-command, each in kh330lib/cli/<name>.py with add_parser() and run(), in the order help lists them. Each
# runs at first use (kh330lib.lazy), and only the parser of the command asked for is built: reading them all would
# make `kh330 status` pay for what `kh330 run` and `kh330 assess` load (the runner, the assessment engine,
# nbconvert), about as long again as its own work.
NAMES = ("assess", "check", "forecast", "intake", "list", "run", "skill", "status", "template")
for _name in NAMES:
    import_on_first_use(f"{__name__}.{_name}")
from . import assess, check, forecast, intake, run, skill, status, template  # noqa: E402 - registered just above
from . import list as list_command  # noqa: E402 - as above; not bound as `list`, which would hide the built-in

COMMANDS = {"assess": assess, "check": check, "forecast": forecast, "intake": intake, "list": list_command,
            "run": run, "skill": skill, "status": status, "template": template}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 like bad input, without a traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


def build_parser(names: Sequence[str] = tuple(COMMANDS)) -> argparse.ArgumentParser:
    """The parser with the sub-commands `names` (default all, for the help that lists them)."""
    parser = _Parser(prog="kh330", description="Track Huế's Plan 330/KH-UBND targets.")
    parser.add_argument("--version", action="version", version=f"kh330 {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in names:
        module = COMMANDS[name]
        module.add_parser(sub).set_defaults(_run=module.run)
    return parser


def _needed(argv: Sequence[str]) -> tuple[str, ...]:
    """The sub-commands the parser needs for `argv`: the one named, none for `--version`, else all (help, errors)."""
    first = next((a for a in argv if not a.startswith("-")), None)
    if first in COMMANDS:
        return (first,)
    return () if first is None and argv[:1] == ["--version"] else tuple(COMMANDS)


def problems_text(exc: InputError, who: str) -> str:
    """The first problems of `exc` (at most params/limits.yaml `errors.max_shown`), then how many more."""
    try:
        shown = limits().max_errors
    except InputError as broken:  # a broken params/limits.yaml must not hide the problem being reported
        exc = InputError([*broken.problems, *exc.problems], stopped=exc.stopped)
        shown = 50
    lines = [str(p) for p in exc.problems[:shown]]
    if exc.system:  # the disk or the system said no: that line is the whole story, not "a problem in the input"
        return "\n".join(lines)
    n, rest = len(exc.problems), len(exc.problems) - shown
    if rest > 0:
        lines.append(f"… and {rest:,} more problem{'s' if rest != 1 else ''} (not shown)")
    if exc.usage:  # a usage problem is not a problem "in the input": no count
        lines.append(f"{who}: nothing was changed.")
    elif exc.stopped:
        lines.append(f"{who}: stopped reading after {n:,} problems; fix these and run it again to see any others; "
                     "nothing was changed.")
    else:
        lines.append(f"{who}: {n:,} problem{'s' if n != 1 else ''} in the input; nothing was changed.")
    return "\n".join(lines)


def _reader_gone() -> int:
    """The reader closed the pipe early: nothing is wrong, so end quietly with 0 (Python's documented recipe)."""
    try:
        # Point stdout at devnull so the interpreter's final flush does not fail again at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout is not a real file (tests capture it): nothing left to flush
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command; the exit code is 0, 1 (a run failed) or 2 (bad input or usage)."""
    # Not list(): importing the sub-command kh330lib.cli.list binds the name `list` in this package.
    argv = [*(sys.argv[1:] if argv is None else argv)]
    parser = build_parser(_needed(argv))
    args = parser.parse_args(argv)
    args.typed = shlex.join(["kh330", *argv])  # the command as typed: provenance of a run or an export
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_INPUT
    try:
        code = int(args._run(args) or 0)
        # Flush here, not at exit: a reader that has gone (`kh330 status | head -1`) is then caught below.
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _reader_gone()
    except InputError as exc:
        print(problems_text(exc, f"kh330 {args.command}"), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

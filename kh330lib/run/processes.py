"""The processes of one run (runner, pool workers, kernels): recorded with their start times, ended only if ours.

Each run folder holds `pids.jsonl`, one JSON object per line, appended by the process it describes (the runner
for itself, each worker for itself and for the kernels it starts):

    {"role": "main"|"worker"|"kernel", "pid": 4242, "start": 123456, "clock": "proc", "parent": 4200,
     "host": "srv1", "boot": "eb5d…", "at": "2025-11-22T06:15:00Z"}

`start` is the process start time: /proc/<pid>/stat field 22 (clock ticks since boot, `clock` "proc") on Linux,
psutil's create_time (`clock` "psutil") elsewhere when psutil is installed, else null. A recorded process is
"still ours" only while a process with the same PID, start time, host and boot is alive: PIDs are reused, and
a PID alone must never be signalled. Kernels inherit KH330_RUN_ID=<run id> in their environment, so those that
started before they could be recorded are still found (Linux).
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import json
import os
import platform
import signal
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

try:  # optional: only used where /proc is missing (macOS, Windows); kh330 does not depend on it
    import psutil
except ImportError:  # pragma: no cover - psutil comes with ipykernel
    psutil = None  # type: ignore[assignment]

PIDS_NAME = "pids.jsonl"
RUN_ENV = "KH330_RUN_ID"
ROLES = ("main", "worker", "kernel")
PROC = Path("/proc")
_PR_SET_PDEATHSIG = 1
# Windows has no SIGKILL; os.kill with SIGTERM there calls TerminateProcess, which is as final.
KILL = getattr(signal, "SIGKILL", signal.SIGTERM)


@dataclass(frozen=True)
class ProcessRecord:
    """One line of pids.jsonl."""

    role: str
    pid: int
    start: int | float | None
    clock: str
    host: str
    boot: str
    parent: int | None = None
    at: str = ""


@lru_cache(maxsize=1)
def _linux() -> bool:
    return sys.platform.startswith("linux") and (PROC / "self" / "stat").exists()


def _stat_fields(pid: int) -> list[str] | None:
    """Fields 3… of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses)."""
    try:
        text = (PROC / str(pid) / "stat").read_bytes().decode("ascii", "replace")
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def clock() -> str:
    """Which start-time clock this machine records: 'proc', 'psutil' or '' (none: nothing can be checked)."""
    return "proc" if _linux() else "psutil" if psutil is not None else ""


def start_time(pid: int) -> int | float | None:
    """The start time of process `pid` on this machine's clock; None when it is gone or cannot be read."""
    if _linux():
        fields = _stat_fields(pid)
        return int(fields[19]) if fields and len(fields) > 19 else None  # field 22 = index 19 after ')'
    if psutil is not None:
        try:
            return psutil.Process(pid).create_time()
        except Exception:  # noqa: BLE001 - gone, or not ours to look at
            return None
    return None


def _zombie(pid: int) -> bool:
    """Exited but not yet reaped: nothing left to end."""
    if _linux():
        fields = _stat_fields(pid)
        return bool(fields) and fields[0] in ("Z", "X")
    if psutil is not None:
        with contextlib.suppress(Exception):
            return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    return False


def boot_id() -> str:
    """This boot of this machine: after a reboot, no recorded process can still be ours."""
    with contextlib.suppress(OSError):
        return (PROC / "sys" / "kernel" / "random" / "boot_id").read_text(encoding="ascii").strip()
    if psutil is not None:
        with contextlib.suppress(Exception):
            return str(int(psutil.boot_time()))
    return ""


def host() -> str:
    """This machine's name, as recorded."""
    return platform.node()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def record(pids_file: Path, role: str, pid: int, parent: int | None = None) -> None:
    """Append one process to pids.jsonl (one short O_APPEND write, so parallel writers never interleave)."""
    line = json.dumps({"role": role, "pid": pid, "start": start_time(pid), "clock": clock(), "parent": parent,
                       "host": host(), "boot": boot_id(), "at": _now()}, ensure_ascii=False) + "\n"
    fd = os.open(pids_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


def _parse(line: str) -> ProcessRecord | None:
    try:
        d: Any = json.loads(line)
        if d.get("role") not in ROLES or isinstance(d.get("pid"), bool) or not isinstance(d.get("pid"), int):
            return None
        return ProcessRecord(d["role"], d["pid"], d.get("start"), str(d.get("clock") or ""), str(d.get("host") or ""),
                             str(d.get("boot") or ""), d.get("parent"), str(d.get("at") or ""))
    except (ValueError, AttributeError, TypeError):
        return None  # a line cut short by a kill, or edited by hand


def read_records(pids_file: Path) -> list[ProcessRecord]:
    """Every readable record of pids.jsonl, in the order written; [] when there is none."""
    try:
        text = Path(pids_file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [r for r in (_parse(line) for line in text.splitlines() if line.strip()) if r is not None]


def here(rec: ProcessRecord) -> bool:
    """Whether the record was made on this machine since it last booted, with the clock used here."""
    return rec.host == host() and rec.boot == boot_id() and bool(rec.clock) and rec.clock == clock()


def is_ours(rec: ProcessRecord) -> bool:
    """Whether the recorded process is still running: same machine and boot, same PID and same start time."""
    if not here(rec) or rec.start is None:
        return False
    return start_time(rec.pid) == rec.start and not _zombie(rec.pid)


def signal_if_same(pid: int, start: int | float | None) -> bool:
    """SIGKILL `pid` (and the process group it leads) if it still has this start time; never this process."""
    if start is None or pid == os.getpid() or start_time(pid) != start or _zombie(pid):
        return False
    with contextlib.suppress(OSError, AttributeError):
        if os.getpgid(pid) == pid and pid != os.getpgid(0):
            os.killpg(pid, KILL)  # a worker leads its own group: anything it started outside a new session goes too
            return True
    try:
        os.kill(pid, KILL)
    except OSError:
        return False
    return True


def end(rec: ProcessRecord) -> bool:
    """End a recorded process if it is still ours; whether it was signalled."""
    return is_ours(rec) and signal_if_same(rec.pid, rec.start)


def children(pid: int) -> list[int]:
    """The direct children of `pid` (empty where neither /proc nor psutil can tell)."""
    if _linux():
        out = []
        for entry in PROC.iterdir():
            if entry.name.isdigit():
                fields = _stat_fields(int(entry.name))
                if fields and len(fields) > 1 and fields[1] == str(pid):
                    out.append(int(entry.name))
        return sorted(out)
    if psutil is not None:
        with contextlib.suppress(Exception):
            return sorted(p.pid for p in psutil.Process(pid).children())
    return []


def marked(run_id: str) -> list[tuple[int, int | float | None]]:
    """(PID, start time) of every process of this user whose environment carries KH330_RUN_ID=<run_id> (Linux)."""
    if not _linux() or not run_id:
        return []
    needle = f"{RUN_ENV}={run_id}".encode()
    out = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        pid = int(entry.name)
        start = start_time(pid)  # read first: a PID reused after this read has another start time
        try:
            env = (entry / "environ").read_bytes()
        except OSError:
            continue  # gone, or another user's
        if needle in env.split(b"\0"):
            out.append((pid, start))
    return out


def die_with_parent(parent: int) -> None:
    """Have Linux SIGKILL this process when `parent` dies (prctl PR_SET_PDEATHSIG); exit now if it already did."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(KILL), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the request above took effect: nobody will collect our work

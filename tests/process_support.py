"""Finding the processes a test started: every descendant of a process, by the parent links in /proc."""

from __future__ import annotations

import os
from pathlib import Path

# Seconds a test waits for processes to start, answer or end: what takes a second on an idle machine can take many
# on a loaded one. The waits end as soon as the awaited thing happens, so only a test about to fail waits this long.
PATIENCE = 300


def descendants(pid: int) -> set[int]:
    """Every process below `pid` now (children, their children, …)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_bytes()
            except OSError:
                continue
            # The name in parentheses may hold spaces; the parent id is the second field after it.
            children.setdefault(int(stat.rsplit(b")", 1)[1].split()[1]), []).append(int(entry))
    out, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out

"""Exclusive flock-ed files that name the process holding them (no Qt): a project, a run.

The kernel drops an flock when its process dies, even by kill -9, so a lock file left behind
never blocks anyone: only a live process holds the lock.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO


class LockHeld(RuntimeError):
    """Another live process holds the lock; ``pid`` is the one it wrote (None when unknown)."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        super().__init__(f"locked by pid {pid}")


def take(path: Path) -> IO[str]:
    """Locks ``path`` (created when missing) and writes this process's id in it; keep the
    returned file open for as long as the lock must hold. Raises LockHeld, or OSError when the
    file cannot be opened."""
    fh = open(path, "a+", encoding="utf-8")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.seek(0)
        text = fh.read().strip()
        fh.close()
        raise LockHeld(int(text) if text.isdigit() else None) from None
    fh.seek(0)
    fh.truncate()
    fh.write(str(os.getpid()))
    fh.flush()
    return fh


def give_back(fh: IO[str]) -> None:
    """Releases a lock that take() returned."""
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    finally:
        fh.close()

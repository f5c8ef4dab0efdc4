"""Shared by the group tests: the process id of one rank of a group training a run folder."""

from __future__ import annotations

from pathlib import Path


def rank_pid(rank: int, run_dir: Path) -> int | None:
    """The pid of the `train --group-member` process of that rank (MLX_RANK) training run_dir."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--group-member" in cmdline and str(run_dir).encode() in cmdline \
                and f"MLX_RANK={rank}".encode() in environ and b"farense_studio" in cmdline:
            return int(entry.name)
    return None

"""When a checkpoint is due by time, so that a crash loses minutes at most for any preset.

Steps alone (checkpoint_every) leave a short run unsaved until it ends: Rápido has 48 steps and
saves every 100. The clock adds a save whenever `interval_s` of training have passed since the
last one. The interval follows the measured cost of a save (the "checkpoint" rows of
metrics.jsonl carry it) so that saving stays near SAVE_SHARE of the training time, and never
exceeds the run's checkpoint_minutes:

    interval = min(checkpoint_minutes x 60, max(FLOOR_S, last save's seconds / SAVE_SHARE))

A resumed run starts from its last save's cost; a new one from the cap until it has saved. A non-positive
checkpoint_minutes turns the clock off (only steps, epoch ends, pause and stop save).
"""

from __future__ import annotations

import time
from typing import Callable

SAVE_SHARE = 0.02  # at most about 2% of the training time goes to saving
FLOOR_S = 60.0  # a cheap save still waits a minute (no disk churn on fast machines)


def save_interval_s(cap_minutes: float, save_seconds: float | None) -> float | None:
    """Seconds between time-based saves (None: off). See the module docstring."""
    if not cap_minutes or cap_minutes <= 0:
        return None
    cap = float(cap_minutes) * 60.0
    if save_seconds is None:
        return cap
    return min(cap, max(FLOOR_S, float(save_seconds) / SAVE_SHARE))


class SaveClock:
    """Training time since the last save, against save_interval_s."""

    def __init__(self, cap_minutes: float, clock: Callable[[], float] = time.monotonic):
        self.cap_minutes = cap_minutes
        self.clock = clock
        self.save_seconds: float | None = None
        self._since = clock()

    @property
    def interval_s(self) -> float | None:
        return save_interval_s(self.cap_minutes, self.save_seconds)

    def seed(self, rows: list[dict]) -> None:
        """A resumed run: the cost of its last save (metrics.jsonl "checkpoint" rows) sets the
        interval from the start."""
        costs = [r["seconds"] for r in rows if r.get("kind") == "checkpoint"
                 and isinstance(r.get("seconds"), (int, float))]
        if costs:
            self.save_seconds = float(costs[-1])

    def restart(self) -> None:
        """Counts from now (a run starts or resumes; a pause ends)."""
        self._since = self.clock()

    def saved(self, seconds: float | None) -> None:
        """A checkpoint was written, taking `seconds` (None: not measured here)."""
        if seconds is not None:
            self.save_seconds = float(seconds)
        self._since = self.clock()

    def due(self) -> bool:
        interval = self.interval_s
        return interval is not None and self.clock() - self._since >= interval

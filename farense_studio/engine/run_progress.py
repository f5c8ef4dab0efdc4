"""What a run's files say after a reopen, for honest banners and lists: the step its newest
checkpoint saved, the step it had reached (metrics.jsonl), how many steps a resume will redo,
and its best checking error even when state.json was written before that evaluation."""

from __future__ import annotations

import os
from dataclasses import dataclass

from farense_studio.engine import checkpoints as C
from farense_studio.engine.runs import read_metrics


@dataclass(frozen=True)
class RunProgress:
    saved_step: int  # 0: nothing saved, a resume starts over
    reached_step: int  # the last step trained (>= saved_step)
    total_steps: int
    best_val_loss: float | None

    @property
    def redo_steps(self) -> int:
        """Steps trained after the last save, which a resume trains again."""
        return max(0, self.reached_step - self.saved_step)


def _whole(value) -> int:
    """A step count from a file that may be damaged: anything but a whole number reads as 0."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def run_progress(run_dir: str | os.PathLike, rows: list[dict] | None = None) -> RunProgress:
    """Never raises: damaged state or metrics read as what can still be read (the app must
    open whatever the files hold)."""
    try:
        state = C.read_training_state(run_dir) or {}
    except Exception:  # noqa: BLE001 - a damaged state says nothing
        state = {}
    if rows is None:
        try:
            rows = read_metrics(run_dir)
        except Exception:  # noqa: BLE001 - nor do damaged metrics
            rows = []
    saved = state.get("saved_step")
    if not isinstance(saved, int) or isinstance(saved, bool):  # runs from before saved_step
        parsed = C.parse_name(str(state.get("latest") or ""))
        saved = parsed[1] if parsed else 0
    trained = [_whole(r.get("step")) for r in rows if isinstance(r, dict) and r.get("kind") == "train"]
    reached = max([_whole(saved), *trained, _whole(state.get("step"))])
    losses = [float(r["val_loss"]) for r in rows if isinstance(r, dict) and r.get("kind") == "eval"
              and isinstance(r.get("val_loss"), (int, float))]
    best = state.get("best_val_loss")
    if not isinstance(best, (int, float)) or isinstance(best, bool):
        best = None
    if losses and (best is None or min(losses) < best):
        best = min(losses)
    return RunProgress(saved_step=_whole(saved), reached_step=reached,
                       total_steps=_whole(state.get("total_steps")), best_val_loss=best)

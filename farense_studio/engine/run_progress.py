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


def run_progress(run_dir: str | os.PathLike, rows: list[dict] | None = None) -> RunProgress:
    state = C.read_training_state(run_dir) or {}
    rows = read_metrics(run_dir) if rows is None else rows
    saved = state.get("saved_step")
    if not isinstance(saved, int):  # runs from before saved_step was recorded
        parsed = C.parse_name(str(state.get("latest") or ""))
        saved = parsed[1] if parsed else 0
    trained = [r["step"] for r in rows if r.get("kind") == "train" and isinstance(r.get("step"), int)]
    reached = max([saved, *trained, int(state.get("step") or 0)])
    losses = [float(r["val_loss"]) for r in rows
              if r.get("kind") == "eval" and isinstance(r.get("val_loss"), (int, float))]
    best = state.get("best_val_loss")
    if losses and (best is None or min(losses) < best):
        best = min(losses)
    return RunProgress(saved_step=saved, reached_step=reached,
                       total_steps=int(state.get("total_steps") or 0), best_val_loss=best)

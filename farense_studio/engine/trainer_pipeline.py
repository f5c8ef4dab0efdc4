"""One step ahead: the Trainer launches step k+1 on the device before it reads step k's values.

A small model's step is bound by kernel launches and host/device waits, not by arithmetic: while
the device computes step k, the host would otherwise only wait, then do the loop's bookkeeping
(events, metrics rows, the next step's batch) while the device waits. With PIPELINE on, the
Trainer launches step k (mx.async_eval), builds and launches step k+1 on top of k's lazy
outputs, and only then waits for k's values. The device runs the same operations on the same
inputs in the same order, so losses, weights and checkpoints are bit-identical to the loop
without it; only the moments the host waits change.

Only models below PIPELINE_MAX_PARAMS launch ahead. Step k+1 goes ahead only when nothing known in advance needs the state after k: k ends no
epoch and not the run, evaluates nothing, saves nothing (checkpoint_every, a save clock already
due), no phase begins with k+1, the run is on one computer (a group agrees on every step
boundary), and no stop, pause or job is waiting. When something needs that state after all (a
stop or pause asked meanwhile, a job, a timed save, a NaN, an exception), _settle() puts back
the state after k (snapshots are references to immutable MLX arrays: nothing is copied) and
forgets the step ahead, whose work is wasted; that step is then launched again in its turn, as
the loop without pipelining would. MLX's generator is reseeded from (seed, step) at each
launch, and a checkpoint records the random key the last finished step left
(TrainingSession.random_key), so launching early draws the same dropout masks and saves the
same key. (MLX's global generator itself is not put back when a step ahead is dropped: the next
step reseeds it; only unseeded sampling by a job at that boundary, a chat reply, sees another
key.)
"""

from __future__ import annotations

import math
from typing import Any

from farense_studio.engine import events as E
from farense_studio.engine.session import PendingStep, StepResult, is_out_of_memory
from farense_studio.engine.trainer_support import Abort, clear_memory

PIPELINE = True  # False: each step is finished before the next is built (the bench's *_sync)
# Only models below this many parameters launch ahead: their steps are bound by launches and
# waits. A larger model's step is bound by arithmetic (little to gain), and a second step in
# flight would hold a second step's activations on an 8-16 GB Mac.
PIPELINE_MAX_PARAMS = 1e9


class TrainerPipeline:
    """The step-launching half of Trainer (a mixin): launches a step, maybe the next one ahead,
    finishes it (out of memory: retried with half the micro-batch; NaN: rolled back). Uses the
    attributes Trainer.__init__ sets and its _emit / _roll_back_nan."""

    _ahead: PendingStep | None = None
    _small_model: bool | None = None

    def _pipelined(self) -> bool:
        if not PIPELINE:
            return False
        if self._small_model is None:
            from mlx_lm.utils import get_total_parameters

            self._small_model = get_total_parameters(self.session.model) < PIPELINE_MAX_PARAMS
        return self._small_model

    def _ahead_rows(self, step: int, plan: list) -> Any:
        """The rows of step + 1 when it may be launched before step's values are read, else
        None (see the module docstring). self.position is step's position in plan."""
        config, session, control = self.config, self.session, self.control
        if not self._pipelined() or session.world > 1 or self.position + 1 >= len(plan):
            return None
        if step >= session.total_steps or any(p.start_step == step + 1 for p in config.phases):
            return None
        if any(every and step % every == 0 for every in (config.eval_every, config.checkpoint_every)):
            return None
        if self._save_clock.due() or control.has_jobs() or control.stop_requested or control.paused:
            return None
        return plan[self.position + 1]

    def _settle(self) -> None:
        """The state after the last finished step, for anything that reads it: forgets the
        step launched ahead, if any."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None:
            self.session.restore(ahead.before)

    def _step_with_retry(self, step: int, rows, hook, following=None) -> StepResult:
        """One step (taken from the one launched ahead when it is that step), with following
        (the next step's rows) launched ahead when given; out of memory: half the micro-batch,
        twice the accumulation, same step."""
        session = self.session
        while True:
            pending, self._ahead = self._ahead, None
            if pending is not None and pending.step != step:
                session.restore(pending.before)
                pending = None
            snapshot = pending.before if pending is not None else session.snapshot()
            try:
                if pending is None:
                    pending = session.launch(step, rows, hook, dispatch=following is not None)
                if following is not None:
                    self._launch_ahead(step + 1, following, hook)
                result = session.finish(pending)
            except Exception as exc:  # noqa: BLE001 - only memory errors are retried
                self._ahead = None
                session.restore(snapshot)
                if not is_out_of_memory(exc):
                    raise
                clear_memory()
                if session.batch_size <= 1:
                    raise Abort(E.failed("out_of_memory", step=step)) from exc
                session.batch_size = max(1, session.batch_size // 2)
                accumulation = -(-self.config.effective_batch // session.batch_size)
                self._emit(E.notice("oom_retry", step=step, batch_size=session.batch_size,
                                    grad_accumulation=accumulation,
                                    effective=self.config.effective_batch))
                following = None  # the step ahead waits until this one has passed
                continue
            if not (math.isfinite(result.loss) and math.isfinite(result.grad_norm)):
                self._settle()
                self._roll_back_nan(step, result.loss if not math.isfinite(result.loss)
                                    else result.grad_norm)
            return result

    def _launch_ahead(self, step: int, rows, hook) -> None:
        """Launches step ahead of time; a failure (out of memory while building it, say) only
        means it is launched again in its turn, where it fails as it would have."""
        try:
            self._ahead = self.session.launch(step, rows, hook, dispatch=True)
        except Exception as exc:  # noqa: BLE001 - raised again when the step runs in its turn
            self._ahead = None
            if is_out_of_memory(exc):
                clear_memory()

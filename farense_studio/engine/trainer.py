"""The training loop: epochs of steps with events, metrics, checkpoints, pause/stop and resume.

    result = Trainer(config, run_dir, on_event=print, control=TrainingControl()).run(resume=False)

Runs in the calling thread (which must own every MLX model it touches). Events go out through
on_event as the dataclasses of engine.events; metrics.jsonl gets one row per step, evaluation,
checkpoint and event (rank 0 only). A resumed run restores adapter, optimizer state (whose step
drives the LR schedule), position in the epoch's order and histories, and replays the same
batches with the same per-step seeds: its losses are those of an uninterrupted run.

Training more (phases): see engine.trainer_phases. Checkpoints and the state file: see
engine.trainer_checkpoints. Launching the next step before reading this one's values: see
engine.trainer_pipeline.
"""

from __future__ import annotations

import math
import os
import time
from collections import deque
from pathlib import Path
from typing import Any, Callable

from farense_studio import messages
from farense_studio.engine import checkpoints as C
from farense_studio.engine import events as E
from farense_studio.engine.config import TrainConfig
from farense_studio.engine.control import TrainingControl
from farense_studio.engine.fact_check import FactCheck, better
from farense_studio.engine.distributed import agree, clear_request, stop_requested
from farense_studio.engine.learnable import count_answers_lost
from farense_studio.engine.runs import CONFIG_FILE, MetricsLog, RunLock, RunLocked, read_metrics
from farense_studio.engine.save_clock import SaveClock
from farense_studio.engine.session import TrainingSession, is_out_of_memory
from farense_studio.engine.speed import record_run
from farense_studio.engine.trainer_checkpoints import STATE_FORMAT, TrainerCheckpoints
from farense_studio.engine.trainer_phases import TrainerPhases
from farense_studio.engine.trainer_pipeline import TrainerPipeline
from farense_studio.engine.trainer_support import (Abort, FaultInjection, TrainResult, clear_memory,
                                                   peak_memory_gb, steady_pace)
from farense_studio.messages import CodedError

__all__ = ["STATE_FORMAT", "FaultInjection", "TrainResult", "Trainer"]


class Trainer(TrainerCheckpoints, TrainerPhases, TrainerPipeline):
    """Trains one run folder; see the module docstring."""

    def __init__(self, config: TrainConfig, run_dir: str | os.PathLike,
                 on_event: Callable[[Any], None] | None = None,
                 control: TrainingControl | None = None, *, group: Any = None,
                 faults: FaultInjection | None = None, progress: Callable | None = None):
        self.config = config
        self.run_dir = Path(run_dir)
        self.on_event = on_event
        self.control = control or TrainingControl()
        self.group = group
        self.faults = faults
        self.progress = progress
        self.session: TrainingSession | None = None
        self._metrics: MetricsLog | None = None
        self.is_main = True
        # progress of the run
        self.step = 0
        self.epoch = 0  # epoch of the next step
        self.position = 0  # steps done in that epoch
        self.loss_history: list[tuple[int, float]] = []
        self.val_history: list[tuple[int, float]] = []
        self.best_val_loss: float | None = None
        self.best_checkpoint: str | None = None
        self.latest_checkpoint: str | None = None
        self.facts: FactCheck | None = None  # the checking questions, when the data has them
        self.best_facts = self.last_facts = None  # FactScore of the best / latest check
        self.trained_tokens = 0
        self.elapsed_before = 0.0
        self.created = time.time()
        self._saved_step = -1
        self._save_clock = SaveClock(config.checkpoint_minutes)
        self._started = 0.0
        self._window: deque[tuple[float, int]] = deque(maxlen=20)
        self._announced_phase: int | None = None  # start step of the phase last announced
        self._ahead = None  # the next step, launched before this one's values were read

    # ------------------------------------------------------------------ public
    def extend(self, epochs: int, learning_rate: float | None = None) -> TrainResult:
        """Trains a finished or stopped run for `epochs` more passes over the data, as a new
        phase (see engine.trainer_phases); never raises for a training problem."""
        try:
            valid = int(epochs) == epochs and int(epochs) >= 1
        except (TypeError, ValueError):
            valid = False
        if not valid:
            return self._fail_early(E.failed("extend_invalid_passes", passes=epochs))
        if learning_rate is not None:
            try:
                learning_rate = float(learning_rate)
            except (TypeError, ValueError):
                learning_rate = -1.0
            if not (learning_rate > 0 and math.isfinite(learning_rate)):
                return self._fail_early(E.failed("invalid_config", detail="learning_rate > 0"))
        return self.run(resume=True, _extend=(int(epochs), learning_rate))

    def run(self, resume: bool = False, _extend: tuple[int, float | None] | None = None) -> TrainResult:
        """Trains to the end, a stop, or a failure; never raises for a training problem."""
        # In a group only rank 0 owns the run folder (the others may share it, read only).
        lock = RunLock(self.run_dir) if self._group_rank() == 0 else None
        try:
            self.run_dir.mkdir(parents=True, exist_ok=True)
            if lock:
                lock.acquire()
        except RunLocked as exc:
            return self._fail_early(E.failed("run_in_use", pid=exc.pid or "?"))
        except OSError as exc:
            return self._fail_early(E.failed("permission_denied", path=str(self.run_dir))
                                    if exc.errno in C.NOT_WRITABLE
                                    else E.failed("unexpected_error", detail=str(exc)))
        self.control.attach()
        try:
            return self._run(resume, _extend)
        except Abort as abort:
            return self._finish_failed(abort.event, keep_state=abort.keep_state)
        except CodedError as exc:  # bad settings or data, ModelError and friends
            return self._finish_failed(E.failed(exc.code, **exc.params))
        except OSError as exc:  # disk full, folder not writable: said plainly (see C.write_failure)
            code, params = C.write_failure(exc, self.run_dir, self.step, self.latest_checkpoint)
            return self._finish_failed(E.failed(code, **params))
        except Exception as exc:  # noqa: BLE001 - reported as a Failed event with its text
            if is_out_of_memory(exc):  # outside a step (steps retry smaller): said plainly
                return self._finish_failed(self._memory_ran_out())
            return self._finish_failed(E.failed("training_error", step=self.step,
                                                detail=f"{type(exc).__name__}: {exc}"))
        finally:
            session = self.session
            if session is not None:
                self._settle()  # whoever takes the model gets the last finished step's weights
            self.control.detach(session.model if session else None,
                                session.tokenizer if session else None)
            if self._metrics:
                self._metrics.close()
            if lock and session is not None and session.world == 1:
                record_run(self.run_dir, self.config.model, self.config.model_revision)
            if lock:
                lock.release()

    # ------------------------------------------------------------------ main loop
    def _group_rank(self) -> int:
        return self.group.rank() if self.group is not None else 0

    def _run(self, resume: bool, extend: tuple[int, float | None] | None = None) -> TrainResult:
        config = self.config.validate()
        state = C.read_training_state(self.run_dir)
        if self._group_rank() == 0 and not resume and (state or C.list_checkpoints(self.run_dir)):
            raise Abort(E.failed("run_exists", path=str(self.run_dir)))
        if resume:
            self._adopt_run_phases()
        if extend is not None:
            self._check_extendable(state)
        elif resume and state and state.get("state") == "finished":
            self._emit(E.notice("already_finished", step=state.get("step", 0)))
            return self._result("finished", state)

        # A run whose state does not say how many row widths it packs with began with one.
        widths = 1 if resume and state and "pack_widths" not in state else 2
        self.session = session = TrainingSession(config, group=self.group, progress=self.progress,
                                                 pack_widths=widths)
        self.is_main = session.rank == 0
        if self.is_main and session.world > 1:
            clear_request(self.run_dir)  # a stop asked of an earlier group does not stop this one
        self._metrics = MetricsLog(self.run_dir, enabled=self.is_main)
        self._initial = session.initial_copy()
        self.facts = FactCheck.for_data(config.data_dir, session.tokenizer, config.system_prompt,
                                        grad_checkpoint=config.grad_checkpoint) if self.is_main else None
        self._report_data_notices()
        if resume:
            self._restore_latest(state or {}, extend)
            self._save_clock.seed(read_metrics(self.run_dir) if self.is_main else [])
        else:
            if self.is_main:
                config.save(self.run_dir / CONFIG_FILE)
            self._emit(E.notice("training_started", total_steps=session.total_steps,
                                epochs=config.epochs))
        self._write_state("running")
        self._started = time.perf_counter()
        self._save_clock.restart()
        hook = self.faults.step_hook() if self.faults else None

        while self.epoch < config.total_epochs:
            plan = session.plan(self.epoch)
            while self.position < len(plan):
                outcome = self._boundary()
                if outcome is not None:
                    return outcome
                if self._enter_phase():
                    break  # the phase begins in a later epoch: plan that one
                step = self.step + 1
                following = self._ahead_rows(step, plan)
                result = self._step_with_retry(step, plan[self.position], hook, following)
                self.step, self.position = step, self.position + 1
                epoch_end = self.position == len(plan)
                epoch_of_step = self.epoch
                if epoch_end:
                    self.epoch, self.position = self.epoch + 1, 0
                self._after_step(step, epoch_of_step, result, epoch_end)
                if self.faults and self.faults.sleep_after_step:
                    time.sleep(self.faults.sleep_after_step)
                if epoch_end:
                    break
        return self._finish()

    def _after_step(self, step: int, epoch: int, result, epoch_end: bool) -> None:
        config, session = self.config, self.session
        self.loss_history.append((step, result.loss))
        self.trained_tokens += result.real_tokens * session.world
        self._window.append((result.seconds, result.real_tokens * session.world))
        tok_s, eta = steady_pace(self._window, session.total_steps - step)
        peak = peak_memory_gb()
        self._emit(E.StepReport(step=step, total_steps=session.total_steps, epoch=epoch,
                                epochs=config.total_epochs, loss=result.loss,
                                learning_rate=result.learning_rate, tokens=result.real_tokens,
                                trained_tokens=self.trained_tokens, tokens_per_second=tok_s,
                                peak_memory_gb=peak, elapsed_s=self._elapsed(), eta_s=eta))
        self._row({"kind": "train", "step": step, "epoch": epoch, "loss": result.loss,
                   "lr": result.learning_rate, "tokens": result.real_tokens, "tokens_padded": result.padded_tokens,
                   "tok_per_s": round(tok_s, 2), "peak_mem_gb": round(peak, 4),
                   "trained_tokens": self.trained_tokens, "grad_norm": result.grad_norm,
                   "elapsed_s": round(self._elapsed(), 3), "eta_s": None if eta is None else round(eta, 1)})

        last, improved = step == session.total_steps, False
        if epoch_end or last or (config.eval_every and step % config.eval_every == 0):
            self._settle()  # never launched ahead of such a step: a safeguard
            val = self._checked(step, session.evaluate)
            if val is not None:
                self.val_history.append((step, val))
                self._emit(E.EvalReport(step=step, val_loss=val))
                self._row({"kind": "eval", "step": step, "val_loss": val})
                if self.best_val_loss is None or val < self.best_val_loss:
                    self.best_val_loss, improved = val, True
            if self.facts is not None:  # best: most facts, then lower loss; only checked steps
                evaluations = len(self.val_history) if val is not None else 0
                improved = (self.facts.due(evaluations, last)
                            and bool(self._checked(step, lambda: self._check_facts(step, val))))
        due = config.checkpoint_every and step % config.checkpoint_every == 0
        (timed,) = agree(session.group, self._save_clock.due())  # rank 0's clock rules a group
        if epoch_end or last or due or improved or timed:
            reason = ("epoch_end" if epoch_end else "best" if improved else
                      "interval" if due or last else "time")
            self._save(epoch, reason=reason, best=improved)

    def _checked(self, step: int, check: Callable[[], Any]) -> Any:
        """A check of the run (validation error, fact check) that needs more memory than is free
        (on a Mac, say, while other applications hold it) is tried again once after freeing
        MLX's cache; then it is left for the next checks (None) and the training goes on: a
        check never costs the run."""
        for _attempt in range(2):
            try:
                if self.faults is not None:
                    self.faults.check_hook(step)
                return check()
            except Exception as exc:  # noqa: BLE001 - only memory errors are forgiven
                if not is_out_of_memory(exc):
                    raise
                clear_memory()
        self._emit(E.notice("check_out_of_memory", step=step))
        return None

    def _memory_ran_out(self) -> E.Failed:
        """Out of memory outside a step (saving, say): what was saved, and that it can go on."""
        clear_memory()
        saved = C.parse_name(self.latest_checkpoint or "")
        if saved is None:
            return E.failed("memory_ran_out_unsaved", step=self.step)
        return E.failed("memory_ran_out", step=self.step, saved=saved[1])

    def _check_facts(self, step: int, val: float | None) -> bool:
        """Asks the checking questions; True when this step answers best so far."""
        self.last_facts = score = self.facts.run(self.session.model, step, val)
        self._row({"kind": "facts", "step": step, "correct": score.correct, "total": score.total,
                   "seconds": round(score.seconds, 3)})
        if better(score, self.best_facts):
            self.best_facts = score
            return True
        return False

    def _boundary(self) -> TrainResult | None:
        """Between steps: queued jobs, stop, pause. Returns a result when the run ends here."""
        control, session = self.control, self.session
        if control.has_jobs():
            self._settle()
            control.run_jobs(session.model, session.tokenizer)
        if session.world > 1:
            # Rank 0 decides for the group; a paused group stops (freeing the other computers).
            wanted = self.is_main and (control.stop_requested or control.paused or stop_requested(self.run_dir))
            (stop,) = agree(session.group, wanted)
            if stop and self.is_main:
                clear_request(self.run_dir)
            return self._stop() if stop else None
        if control.stop_requested:
            return self._stop()
        if not control.paused:
            return None
        checkpoint = self._save_if_needed("pause")
        self._write_state("paused")
        self._emit(E.Paused(step=self.step))
        self._event_row("training_paused", step=self.step)
        paused_at = time.perf_counter()
        while control.paused and not control.stop_requested:
            control.wait(0.5)
            if control.has_jobs():
                self._settle()
                control.run_jobs(session.model, session.tokenizer)
        self._started += time.perf_counter() - paused_at  # pauses do not count as training time
        self._save_clock.restart()
        if control.stop_requested:
            return self._stop(checkpoint)
        self._write_state("running")
        self._emit(E.Resumed(step=self.step))
        self._event_row("training_resumed", step=self.step)
        return None

    # ------------------------------------------------------------------ endings
    def _stop(self, checkpoint: Path | None = None) -> TrainResult:
        checkpoint = checkpoint or self._save_if_needed("stop")
        self._write_state("stopped")
        self._emit(E.Stopped(step=self.step, checkpoint=checkpoint))
        self._event_row("training_stopped", step=self.step)
        return self._result("stopped", checkpoint=checkpoint)

    def _finish(self) -> TrainResult:
        self._save_if_needed("final")
        self._write_state("finished")
        best = self._checkpoint_path(self.best_checkpoint or self.latest_checkpoint)
        self._emit(E.Finished(step=self.step, best_val_loss=self.best_val_loss, checkpoint=best))
        best_text = f"{self.best_val_loss:.4f}" if self.best_val_loss is not None else "—"
        self._event_row("training_finished", step=self.step, best=best_text)
        return self._result("finished", checkpoint=best)

    def _finish_failed(self, event: E.Failed, keep_state: bool = False) -> TrainResult:
        self._emit(event)
        if self._metrics is not None and not keep_state:
            try:  # on a full or read-only disk these fail too: the event above said it already
                self._row({"kind": "event", "step": self.step, "code": event.code,
                           "text": event.text})
                if self.session is not None:
                    self._write_state("failed", message=event.text)
            except OSError:
                pass
            if self.is_main:  # only rank 0 writes the run folder
                C.remove_temporary(self.run_dir)
        result = self._result("failed", checkpoint=self._checkpoint_path(self.latest_checkpoint))
        result.error = event
        return result

    def _fail_early(self, event: E.Failed) -> TrainResult:
        self._emit(event)
        return TrainResult(status="failed", run_dir=self.run_dir, error=event)

    def _result(self, status: str, state: dict | None = None, checkpoint: Path | None = None):
        if state is not None:  # nothing loaded: report from training_state.json
            return TrainResult(status=status, run_dir=self.run_dir, step=state.get("step", 0),
                               total_steps=state.get("total_steps", 0),
                               final_loss=state.get("final_loss"),
                               best_val_loss=state.get("best_val_loss"),
                               checkpoint=self._checkpoint_path(state.get("best")
                                                                or state.get("latest")))
        return TrainResult(status=status, run_dir=self.run_dir, step=self.step,
                           total_steps=self.session.total_steps if self.session else 0,
                           final_loss=self.loss_history[-1][1] if self.loss_history else None,
                           best_val_loss=self.best_val_loss, checkpoint=checkpoint,
                           losses=list(self.loss_history), val_losses=list(self.val_history))

    def _elapsed(self) -> float:
        return self.elapsed_before + (time.perf_counter() - self._started if self._started else 0.0)

    def _emit(self, event: Any) -> None:
        if isinstance(event, E.Notice):
            self._event_row(event.code, **event.params)
        if self.on_event is not None and self.is_main:
            self.on_event(event)

    def _event_row(self, code: str, **params: Any) -> None:
        if self._metrics is not None:
            self._row({"kind": "event", "step": self.step, "code": code,
                       "text": messages.render(code, params)})

    def _row(self, row: dict[str, Any]) -> None:
        if self._metrics is not None:  # "time": when, so a reopened log shows its real times
            self._metrics.write({**row, "time": round(time.time(), 3)})

    def _report_data_notices(self) -> None:
        session, config = self.session, self.config
        if session.train.truncated + session.valid.truncated:
            self._emit(E.notice("examples_truncated",
                                count=session.train.truncated + session.valid.truncated,
                                max_tokens=config.max_seq_length))
        if session.train.without_answer:
            self._emit(E.notice("examples_without_answer", count=session.train.without_answer))
        lost = count_answers_lost(session.train, config.max_seq_length)
        if lost.nothing_to_learn:  # every step would train on nothing (loss 0.0000): refuse now
            raise Abort(E.failed("nothing_to_learn", count=lost.examples, max_tokens=lost.max_tokens),
                         keep_state=True)
        if len(session.valid) == 0:
            self._emit(E.notice("no_validation_data"))
        if config.lora.num_layers > session.lora_layers:
            self._emit(E.notice("lora_layers_clamped", available=session.lora_layers))
        if session.packing_unsupported:
            self._emit(E.notice("packing_unsupported"))

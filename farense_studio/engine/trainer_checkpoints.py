"""A Trainer's checkpoints and state file: saving, restoring the newest whole checkpoint
(refusing changed settings or data), the NaN roll-back, and training_state.json.

A checkpoint's training_state.json (format STATE_FORMAT) carries what an exact resume needs: the
next epoch and position in its order, histories, best so far, the RNG key and the hashes of the
settings and data that shaped its steps; the adapter and optimizer arrays lie beside it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from farense_studio import messages
from farense_studio.engine import checkpoints as C
from farense_studio.engine import events as E
from farense_studio.engine.config import ConfigError, TrainConfig, changed_settings
from farense_studio.engine.fact_check import FactScore
from farense_studio.engine.runs import CONFIG_FILE
from farense_studio.engine.trainer_support import Abort

STATE_FORMAT = 1


class TrainerCheckpoints:
    """The checkpoint half of Trainer (a mixin). Uses the attributes Trainer.__init__ sets and
    its _emit / _row / _elapsed / _add_phase / _settle."""

    def _roll_back_nan(self, step: int, value: float) -> None:
        """Stops the run at the last good checkpoint (or the start) and says so."""
        good = None
        for path, _skipped in C.usable_checkpoints(self.run_dir, self.latest_checkpoint):
            good = path
            break
        if good is not None:
            self._load_checkpoint(good)
        else:
            self.session.reset_to_initial(self._initial)
            self._reset_progress()
        if self._metrics:
            self._metrics.truncate_after(self.step)
        name = good.name if good else messages.render("nan_no_checkpoint")
        suggested = format(self.config.learning_rate / 2, ".1e").replace(".0e", "e")
        raise Abort(E.failed("nan_loss", value=str(value), step=step, checkpoint=name,
                              suggested_lr=suggested))

    def _reset_progress(self) -> None:
        self.step = self.epoch = self.position = 0
        self.loss_history, self.val_history = [], []
        self.best_val_loss = self.best_checkpoint = self.latest_checkpoint = None
        self.best_facts = self.last_facts = None
        self.trained_tokens = 0

    # ------------------------------------------------------------------ checkpoints
    def _save_if_needed(self, reason: str) -> Path | None:
        self._settle()
        if self.step == 0:
            return None
        if self._saved_step == self.step:
            return self._checkpoint_path(self.latest_checkpoint)
        epoch = self.epoch - 1 if self.position == 0 else self.epoch
        return self._save(epoch, reason=reason, best=False)

    def _save(self, epoch: int, reason: str, best: bool) -> Path | None:
        self._settle()  # the state after self.step, not that of a step launched ahead
        self._saved_step = self.step
        if not self.is_main:
            self.latest_checkpoint = C.checkpoint_name(epoch, self.step)
            self._save_clock.saved(None)
            return None
        session = self.session
        fault = self.faults.checkpoint_write if self.faults else None
        path, size, seconds = C.write_checkpoint(
            self.run_dir, epoch, self.step, adapter_weights=session.adapter_weights(),
            adapter_config=session.adapter_config(), optimizer_state=session.optimizer_arrays(),
            state=self._checkpoint_state(reason), fault=fault)
        self.latest_checkpoint = path.name
        self._save_clock.saved(seconds)
        if best:
            self.best_checkpoint = path.name
        C.prune(self.run_dir, self.config.keep_last,
                {n for n in (self.best_checkpoint, path.name) if n})
        self._write_state("running")  # pause, stop and finish write their own state next
        self._emit(E.CheckpointSaved(step=self.step, epoch=epoch, path=path, seconds=seconds,
                                     bytes=size))
        self._row({"kind": "checkpoint", "step": self.step, "path": str(path.relative_to(self.run_dir)),
                   "seconds": round(seconds, 4), "bytes": size, "reason": reason})
        return path

    def _checkpoint_state(self, reason: str) -> dict[str, Any]:
        config, session = self.config, self.session
        return {
            "format": STATE_FORMAT, "reason": reason, "saved_at": time.time(),
            "next_epoch": self.epoch, "next_position": self.position,
            "steps_per_epoch": session.steps_per_epoch, "total_steps": session.total_steps,
            "batch_size": session.batch_size,
            "grad_accumulation": -(-config.effective_batch // session.batch_size),
            "loss_history": self.loss_history, "val_history": self.val_history,
            "best_val_loss": self.best_val_loss, "best_checkpoint": self.best_checkpoint,
            "facts": self.last_facts.to_dict() if self.last_facts and self.last_facts.step == self.step else None,
            "best_facts": self.best_facts.to_dict() if self.best_facts else None,
            "trained_tokens": self.trained_tokens, "elapsed_s": self._elapsed(),
            "config_hash": config.config_hash(upto_step=self.step),
            "data_hash": session.data_hash,
            "math_settings": config.math_settings(upto_step=self.step), "seed": config.seed,
            "random": {"reseeded_per_step": "sha256(seed, step)",
                       "key": [int(x) for x in session.random_key().tolist()]},
            "created": self.created,
        }

    def _restore_latest(self, state: dict, extend: tuple[int, float | None] | None = None) -> None:
        """Loads the newest whole checkpoint (refusing a changed config or data); when
        extending, adds the new phase after it."""
        C.remove_temporary(self.run_dir)
        self.created = state.get("created", self.created)
        chosen = None
        for path, skipped in C.usable_checkpoints(self.run_dir, state.get("latest")):
            self._check_compatible(path, extending=extend is not None)
            try:
                self._load_checkpoint(path)
            except (ValueError, KeyError, TypeError) as exc:  # e.g. weights not finite
                self._emit(E.notice("checkpoint_damaged", name=path.name, detail=str(exc),
                                    fallback="…"))
                continue
            for name, problem in skipped:
                self._emit(E.notice("checkpoint_damaged", name=name, detail=problem,
                                    fallback=path.name))
            chosen = path
            break
        if chosen is None and extend is not None:
            raise Abort(E.failed("checkpoint_not_found", path=str(self.run_dir)), keep_state=True)
        if chosen is None:
            self._emit(E.notice("no_checkpoint_restart"))
            self._check_unstarted_compatible()
        if extend is not None:
            self._add_phase(*extend)
        if self.is_main:  # same math; bookkeeping settings (eval_every, keep_last...) may differ
            self.config.save(self.run_dir / CONFIG_FILE)
        if self._metrics:
            damaged = self._metrics.truncate_after(self.step)
            if damaged:
                self._emit(E.notice("metrics_rows_skipped", count=len(damaged),
                                    lines=", ".join(map(str, damaged[:10]))))
        if self.is_main:  # checkpoints after the restored step belong to the abandoned future
            for path in C.list_checkpoints(self.run_dir):
                if (C.parse_name(path.name) or (0, 0))[1] > self.step:
                    import shutil

                    shutil.rmtree(path, ignore_errors=True)
        if chosen is not None:
            self._saved_step = self.step
        if chosen is not None and extend is None:
            self._emit(E.notice("resumed_from", step=self.step, epoch=self.epoch + 1,  # 1-based passage
                                name=chosen.name))

    def _check_compatible(self, path: Path, extending: bool = False) -> None:
        """The checkpoint's data and settings (those that shaped its steps) must be today's."""
        saved = C.read_state(path) or {}
        session = self.session
        prefix = "extend" if extending else "resume"
        if saved.get("data_hash") != session.data_hash and not extending:  # a new phase may bring new data
            raise Abort(E.failed(f"{prefix}_data_changed", path=str(self.config.data_dir)),
                         keep_state=True)
        step = int(saved.get("step", 0) or 0)
        if saved.get("config_hash") != self.config.config_hash(upto_step=step):
            fields = changed_settings(saved.get("math_settings") or {},
                                      self.config.math_settings(upto_step=step)) or ["?"]
            raise Abort(E.failed(f"{prefix}_config_changed", fields=", ".join(fields)),
                         keep_state=True)

    def _check_unstarted_compatible(self) -> None:
        """Resume without any checkpoint: the saved config.yaml must still match."""
        path = self.run_dir / CONFIG_FILE
        if not path.is_file():
            return
        try:
            saved = TrainConfig.from_yaml(path.read_text(encoding="utf-8"))
        except (OSError, ConfigError):
            return
        if saved.config_hash(upto_step=0) != self.config.config_hash(upto_step=0):
            fields = changed_settings(saved.math_settings(0), self.config.math_settings(0))
            raise Abort(E.failed("resume_config_changed", fields=", ".join(fields) or "?"),
                         keep_state=True)

    def _load_checkpoint(self, path: Path) -> None:
        session = self.session
        saved = C.read_state(path) or {}
        session.load_arrays(path / C.ADAPTER_FILE, path / C.OPTIMIZER_FILE)
        self.step = int(saved["step"])
        self.epoch = int(saved["next_epoch"])
        self.position = int(saved["next_position"])
        self.loss_history = [tuple(x) for x in saved.get("loss_history", [])]
        self.val_history = [tuple(x) for x in saved.get("val_history", [])]
        self.best_val_loss = saved.get("best_val_loss")
        self.best_checkpoint = saved.get("best_checkpoint")
        self.best_facts, self.last_facts = FactScore.from_dict(saved.get("best_facts")), None
        if self.best_checkpoint and not (C.checkpoints_dir(self.run_dir) / self.best_checkpoint).is_dir():
            self.best_checkpoint = None
        self.latest_checkpoint = path.name
        self.trained_tokens = int(saved.get("trained_tokens", 0))
        self.elapsed_before = float(saved.get("elapsed_s", 0.0))
        session.batch_size = min(session.batch_size, int(saved.get("batch_size", session.batch_size)))
        self._window.clear()

    # ------------------------------------------------------------------ state & output
    def _write_state(self, value: str, message: str | None = None) -> None:
        if not self.is_main:
            return
        session = self.session
        data = {
            "state": value, "pid": os.getpid(), "created": self.created,
            "step": self.step, "epoch": self.epoch, "position": self.position,
            "total_steps": session.total_steps if session else 0,
            "latest": self.latest_checkpoint, "best": self.best_checkpoint,
            "saved_step": (C.parse_name(self.latest_checkpoint or "") or (0, 0))[1],
            "checkpoints": [p.name for p in C.list_checkpoints(self.run_dir)],
            "best_val_loss": self.best_val_loss,
            "best_facts": self.best_facts.to_dict() if self.best_facts else None,
            "final_loss": self.loss_history[-1][1] if self.loss_history else None,
            "preset": self.config.preset, "model": self.config.model,
            "phase": len(self.config.phases_until(self.step)) + 1,
            "config_hash": self.config.config_hash(),
            "data_hash": session.data_hash if session else None,
            "pack_widths": session.pack_widths if session else 2,
        }
        if message:
            data["message"] = message
        C.write_training_state(self.run_dir, data)

    def _checkpoint_path(self, name: str | None) -> Path | None:
        return C.checkpoints_dir(self.run_dir) / name if name else None


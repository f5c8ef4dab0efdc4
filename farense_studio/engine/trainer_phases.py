"""A Trainer's phases: a finished or stopped run trained for more passes.

Training more ("Treinar mais"): ``Trainer(config, run_dir).extend(epochs=N, learning_rate=None)``
adds a phase to a finished or stopped run.
- It starts from the run's newest usable checkpoint (adapter and optimizer state, so Adam's
  moments carry over); global step numbering continues from that checkpoint's step.
- The new phase makes N passes over the data. Epoch numbers continue: after a finished phase
  the next epoch; after a phase stopped in the middle of an epoch, the epoch after that one (the
  rest of the stopped phase is dropped). Each pass's order is drawn from (seed, epoch) as always,
  so the phase is reproducible.
- Learning rate of the phase: a short warmup (5% of the phase's steps, at least 1) to its peak,
  then the run's decay (cosine unless lr_schedule says otherwise) down to peak x min_lr_ratio
  over the phase's own steps. Peak: the run's learning_rate, or the learning_rate given.
- config.yaml records the phase in ``phases`` ({phase, start_step, start_epoch, epochs,
  learning_rate, warmup_steps}); phase 1 is the config's own epochs and learning_rate. The
  phases always come from the run folder's config.yaml, never from the caller's config.
- metrics.jsonl keeps every earlier row and gains an event row {kind: event, code:
  phase_started, step: first step of the phase, phase, epochs, learning_rate, text}, then the
  phase's rows; a PhaseStarted event goes out as well.
- Checkpoints record the hash of the settings that shaped their steps (phases begun by then): a new
  phase is no change of settings, changed ones refuse (extend_config_changed, run left as it was);
  changed data (corrections, say) is learned by the new phase, whose checkpoints record it. Refused:
  a run that is not finished or stopped (extend_unfinished: resume it instead), N < 1
  (extend_invalid_passes), a run without a usable checkpoint (checkpoint_not_found).
- Resuming an extended run (stop, pause, kill -9 in the middle of a phase) is exact like any
  resume: the same losses as the phase run without interruption.
"""

from __future__ import annotations

from farense_studio import messages
from farense_studio.engine import checkpoints as C
from farense_studio.engine import events as E
from farense_studio.engine.config import ConfigError, Phase, TrainConfig
from farense_studio.engine.runs import CONFIG_FILE
from farense_studio.engine.schedule import phase_warmup
from farense_studio.engine.trainer_support import Abort


class TrainerPhases:
    """The phase half of Trainer (a mixin): reads and adds phases, announces each as it begins.
    Uses the attributes Trainer.__init__ sets (config, session, run_dir, step, epoch, position)."""

    def _adopt_run_phases(self) -> None:
        """Phases are the run's history: they come from its config.yaml, not the caller's."""
        path = self.run_dir / CONFIG_FILE
        phases: list[Phase] = []
        if path.is_file():
            try:
                phases = TrainConfig.from_yaml(path.read_text(encoding="utf-8")).phases
            except (OSError, ConfigError):
                phases = []
        self.config.phases = phases
        self.config.validate()

    def _check_extendable(self, state: dict | None) -> None:
        """Only a finished or stopped run gains a phase (an unfinished one is resumed)."""
        from farense_studio.engine.runs import run_state

        if state is None and not C.list_checkpoints(self.run_dir):
            raise Abort(E.failed("checkpoint_not_found", path=str(self.run_dir)), keep_state=True)
        value = run_state(self.run_dir, state or {})
        if value not in ("finished", "stopped"):
            state = state or {}
            raise Abort(E.failed("extend_unfinished", step=state.get("step", 0),
                                  total_steps=state.get("total_steps", 0)), keep_state=True)

    def _add_phase(self, epochs: int, learning_rate: float | None) -> None:
        """Appends a phase that starts after the restored step (phases recorded past that step
        never ran: they are replaced)."""
        config, session = self.config, self.session
        begun = config.phases_until(self.step)
        steps = session.steps_per_epoch * epochs
        phase = Phase(phase=len(begun) + 2, start_step=self.step + 1,
                      start_epoch=self.epoch if self.position == 0 else self.epoch + 1,
                      epochs=epochs,
                      learning_rate=float(learning_rate if learning_rate is not None
                                          else config.learning_rate),
                      warmup_steps=phase_warmup(steps))
        session.set_phases(begun + [phase])

    def _enter_phase(self) -> bool:
        """Before each step: when a later phase begins with it, moves to the phase's first
        epoch and announces it (once). True when the epoch changed (re-plan)."""
        step = self.step + 1
        phase = next((p for p in self.config.phases if p.start_step == step), None)
        if phase is None or self._announced_phase == step:
            return False
        self._announced_phase = step
        moved = (self.epoch, self.position) != (phase.start_epoch, 0)
        self.epoch, self.position = phase.start_epoch, 0
        params = {"phase": phase.phase, "start_step": step, "epochs": phase.epochs,
                  "learning_rate": format(phase.learning_rate, "g")}
        text = messages.render("phase_started", params)
        self._row({"kind": "event", "step": step, "code": "phase_started",
                   "phase": phase.phase, "epochs": phase.epochs,
                   "learning_rate": phase.learning_rate, "text": text})
        if self.on_event is not None and self.is_main:
            self.on_event(E.PhaseStarted(phase=phase.phase, start_step=step,
                                         epochs=phase.epochs,
                                         learning_rate=phase.learning_rate,
                                         total_steps=self.session.total_steps, text=text))
        return moved


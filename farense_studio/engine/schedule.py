"""The learning-rate schedule of a run: warmup to the peak, then cosine / linear / constant decay,
phase by phase ("Treinar mais" adds phases with their own peak and warmup). No MLX at import.

``lr_at`` is the plain-Python truth; ``LearningRateSchedule`` computes the same values as an MLX
function of the optimizer's step (it runs inside the compiled update). A session hands one
schedule object to its optimizer and, when phases are added, re-plans that same object and
recompiles its step: the optimizer's own bookkeeping (mlx's private ``_schedulers``) is never
touched.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from farense_studio.engine.config import TrainConfig


def warmup_for(config: TrainConfig, total_steps: int) -> int:
    """Warmup steps of phase 1: as configured (5% of its steps when None), at most
    total_steps - 1."""
    return _warmup(config.warmup_steps, total_steps)


def _warmup(warmup: int | None, total_steps: int) -> int:
    if warmup is None:
        warmup = max(1, round(0.05 * total_steps)) if total_steps > 1 else 0
    return max(0, min(int(warmup), total_steps - 1))


def phase_warmup(steps: int) -> int:
    """The short warmup of a later phase ("Treinar mais"): 5% of its steps, at least 1."""
    return _warmup(None, steps)


@dataclass
class PhaseSchedule:
    """One phase's learning rate: warmup to peak, then the run's decay over the phase's own
    steps. first: 0-based update index of its first step."""

    first: int
    steps: int
    warmup: int
    peak: float


def phase_schedules(config: TrainConfig, steps_per_epoch: int) -> list[PhaseSchedule]:
    """Phase 1 (epochs x learning_rate, configured warmup), then each of config.phases. A phase
    is planned over all its epochs; a later phase that starts early (the run was stopped and
    extended) takes over from its first step."""
    first_steps = steps_per_epoch * config.epochs
    out = [PhaseSchedule(0, first_steps, warmup_for(config, first_steps), float(config.learning_rate))]
    for phase in config.phases:
        steps = steps_per_epoch * phase.epochs
        out.append(PhaseSchedule(phase.start_step - 1, steps, max(0, min(phase.warmup_steps, steps - 1)),
                                 float(phase.learning_rate)))
    return out


def _phase_lr(config: TrainConfig, phase: PhaseSchedule, index: int) -> float:
    lr, warmup = phase.peak, phase.warmup
    if index < warmup:
        return lr * (index + 1) / warmup
    end = lr * config.min_lr_ratio
    progress = min(1.0, max(0.0, (index - warmup) / max(1, phase.steps - warmup)))
    if config.lr_schedule == "constant":
        return lr
    if config.lr_schedule == "linear":
        return lr + (end - lr) * progress
    return end + (lr - end) * 0.5 * (1.0 + math.cos(math.pi * progress))


def lr_at(config: TrainConfig, update_index: int, steps_per_epoch: int) -> float:
    """The learning rate of update number update_index (0-based, over the whole run), in plain
    Python: that of the phase it falls in, counted from the phase's first step."""
    phases = phase_schedules(config, steps_per_epoch)
    phase = [p for p in phases if p.first <= update_index][-1]
    return _phase_lr(config, phase, update_index - phase.first)


def total_steps(config: TrainConfig, steps_per_epoch: int) -> int:
    """Steps of the whole run: phase 1's, or up to the end of the last phase."""
    if not config.phases:
        return steps_per_epoch * config.epochs
    last = config.phases[-1]
    return last.start_step - 1 + steps_per_epoch * last.epochs


class LearningRateSchedule:
    """lr_at as an MLX function of the optimizer's step; replan() follows new phases."""

    def __init__(self, config: TrainConfig, steps_per_epoch: int):
        self.replan(config, steps_per_epoch)

    def replan(self, config: TrainConfig, steps_per_epoch: int) -> None:
        """Takes the config's phases (and decay) as they are now; a step compiled before keeps
        the old plan until it is compiled again."""
        self.kind, self.ratio = config.lr_schedule, config.min_lr_ratio
        self.phases = phase_schedules(config, steps_per_epoch)

    def _one(self, phase: PhaseSchedule, s):
        import mlx.core as mx

        lr, warmup = phase.peak, phase.warmup
        end = lr * self.ratio
        progress = mx.clip((s - warmup) / float(max(1, phase.steps - warmup)), 0.0, 1.0)
        if self.kind == "constant":
            after = mx.array(lr, mx.float32) + 0.0 * s
        elif self.kind == "linear":
            after = lr + (end - lr) * progress
        else:
            after = end + (lr - end) * 0.5 * (1.0 + mx.cos(math.pi * progress))
        if warmup > 0:
            return mx.where(s < warmup, lr * (s + 1.0) / warmup, after)
        return after

    def __call__(self, step):
        import mlx.core as mx

        s = step.astype(mx.float32)
        value = self._one(self.phases[0], s)
        for phase in self.phases[1:]:
            value = mx.where(s >= phase.first, self._one(phase, s - phase.first), value)
        return value


def make_schedule(config: TrainConfig, steps_per_epoch: int) -> LearningRateSchedule:
    """The schedule an optimizer takes as its learning_rate."""
    return LearningRateSchedule(config, steps_per_epoch)

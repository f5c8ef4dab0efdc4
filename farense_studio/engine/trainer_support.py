"""What a Trainer hands back and takes in besides its config: the result of a run, the test
hooks of simulated failures, the exception that ends a run with a Failed event, and the pace
its progress reports show."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from farense_studio.engine import events as E
from farense_studio.engine.session import SimulatedOutOfMemory


@dataclass
class FaultInjection:
    """Test hooks: simulated failures at chosen steps, injected into Trainer(faults=...) by tests
    (in child processes through tests/helpers/fault_plugin); the shipped commands never build
    one."""

    oom_at_step: int | None = None  # from this step on, micro-batches larger than
    oom_above_batch: int = 0  # this many rows raise a simulated out-of-memory error
    nan_at_step: int | None = None  # the loss of this step becomes NaN (once)
    sleep_after_step: float = 0.0  # seconds, to give a test time to kill the process
    checkpoint_write: Callable[[str], None] | None = None  # called after each checkpoint file
    oom_in_checks_at_step: int | None = None  # the checks (validation, fact check) of this step
    oom_in_checks_times: int = 1  # raise a simulated out-of-memory error this many times

    def step_hook(self) -> Callable[[int, int, int], Any]:
        fired = set()

        def hook(step: int, micro_index: int, rows: int):
            if (self.oom_at_step is not None and step >= self.oom_at_step
                    and rows > self.oom_above_batch):
                raise SimulatedOutOfMemory(f"simulated out of memory at step {step}")
            if self.nan_at_step == step and step not in fired:
                fired.add(step)
                return "nan"
            return None

        return hook

    def check_hook(self, step: int) -> None:
        """Called before each attempt at a step's checks."""
        if self.oom_in_checks_at_step == step and self.oom_in_checks_times > 0:
            self.oom_in_checks_times -= 1
            raise SimulatedOutOfMemory(f"simulated out of memory in the checks of step {step}")


@dataclass
class TrainResult:
    """How a run ended. status: finished | stopped | failed."""

    status: str
    run_dir: Path
    step: int = 0
    total_steps: int = 0
    final_loss: float | None = None
    best_val_loss: float | None = None
    checkpoint: Path | None = None  # best (finished) or latest (stopped / failed)
    error: E.Failed | None = None
    losses: list[tuple[int, float]] = field(default_factory=list)  # (step, loss), whole run
    val_losses: list[tuple[int, float]] = field(default_factory=list)




class Abort(Exception):
    """Ends the run with a Failed event (raised deep, handled once in Trainer.run())."""

    def __init__(self, event: E.Failed, keep_state: bool = False):
        self.event = event
        self.keep_state = keep_state  # a refused resume leaves the run as it was
        super().__init__(event.code)


def peak_memory_gb() -> float:
    import mlx.core as mx

    return mx.get_peak_memory() / 1e9


def clear_memory() -> None:
    import mlx.core as mx

    mx.clear_cache()


SLOW_STEP = 3.0  # a step this many times slower than the window's typical one is not the pace


def steady_pace(window: Sequence[tuple[float, int]], remaining: int) -> tuple[float, float | None]:
    """(tokens/s, seconds left) from the last steps' (seconds, tokens).

    A step that compiles (the first after starting or resuming, the first of a second row width)
    takes seconds where the others take tenths: counted, it would make the first report say
    "faltam 34 h" of a ten-minute run and keep the estimate high for the next twenty steps. Such
    steps (over SLOW_STEP times the window's lower median) are left out, and no time left is
    said until two steps are measured (one step alone cannot tell a compile from the pace)."""
    if not window:
        return 0.0, None
    typical = statistics.median_low(s for s, _ in window)
    steady = [(s, t) for s, t in window if s <= SLOW_STEP * typical]  # never empty: typical is in it
    seconds = sum(s for s, _ in steady)
    tokens_per_second = sum(t for _, t in steady) / seconds if seconds > 0 else 0.0
    if len(window) < 2:
        return tokens_per_second, None
    return tokens_per_second, seconds / len(steady) * remaining

"""Events the trainer sends out through its callback: plain dataclasses of plain Python values."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from farense_studio import messages


@dataclass
class StepReport:
    """One optimizer step done. tokens: real (non-padding) tokens of the step; trained_tokens:
    the run's cumulative real tokens; tokens_per_second over the last few steps."""

    step: int
    total_steps: int
    epoch: int  # 0-based epoch in which the step ended
    epochs: int
    loss: float
    learning_rate: float
    tokens: int
    trained_tokens: int
    tokens_per_second: float
    peak_memory_gb: float
    elapsed_s: float
    eta_s: float | None


@dataclass
class EvalReport:
    """Validation loss (token-weighted mean over the whole valid set) after a step."""

    step: int
    val_loss: float


@dataclass
class CheckpointSaved:
    """A complete checkpoint was written (path: the checkpoint folder)."""

    step: int
    epoch: int
    path: Path
    seconds: float
    bytes: int


@dataclass
class Paused:
    """Training holds at a step boundary (a checkpoint of this step exists)."""

    step: int


@dataclass
class Resumed:
    """Training goes on after a pause."""

    step: int


@dataclass
class Stopped:
    """Training stopped on request; checkpoint is the folder to resume from (None before step 1)."""

    step: int
    checkpoint: Path | None


@dataclass
class Finished:
    """Every epoch done; checkpoint is the best checkpoint (the last one without validation)."""

    step: int
    best_val_loss: float | None
    checkpoint: Path | None


@dataclass
class PhaseStarted:
    """A later phase of the run begins ("Treinar mais"): phase number (2, 3, ...), its first
    global step, its passes over the data and peak learning rate; total_steps of the whole run
    as it now stands."""

    phase: int
    start_step: int
    epochs: int
    learning_rate: float
    total_steps: int
    text: str = ""


@dataclass
class Failed:
    """Training cannot go on; text says what a person can do about it."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    text: str = ""


@dataclass
class Notice:
    """Something worth telling the user that does not stop training."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    text: str = ""


def failed(code: str, **params: Any) -> Failed:
    return Failed(code, params, messages.render(code, params))


def notice(code: str, **params: Any) -> Notice:
    return Notice(code, params, messages.render(code, params))


def to_dict(event: Any) -> dict[str, Any]:
    """The event as a JSON-friendly dict with its type name under "event"."""
    data = asdict(event)
    for key, value in data.items():
        if isinstance(value, Path):
            data[key] = str(value)
    return {"event": type(event).__name__, **data}

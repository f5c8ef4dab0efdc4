"""How long a run will take and how much memory it needs, from a few real steps on this machine.

The first step (which also compiles) runs on the epoch's longest batch and gives the peak memory;
every other batch shape (a packed run's narrower rows) is compiled once untimed too; the timed
steps are the longest batch again (upper bound) and typical ones. Nothing is written.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Callable

from farense_studio.engine.config import TrainConfig
from farense_studio.engine.presets import machine_memory_gb, memory_advice
from farense_studio.engine.learnable import AnswersLost, count_answers_lost

MEMORY_HEADROOM = 1.15  # peak x this must fit
USABLE_FRACTION = 0.75  # of the machine's memory (macOS keeps about a quarter for itself)
LONG_RUN_S = 4 * 3600


@dataclass
class Estimate:
    """Ranges from measured steps; advice_codes render through farense_studio.messages."""

    seconds_per_step_low: float
    seconds_per_step_high: float
    total_seconds_low: float
    total_seconds_high: float
    peak_memory_gb: float
    fits: bool
    advice_codes: list[str] = field(default_factory=list)
    total_steps: int = 0
    memory_gb: float | None = None  # the machine's
    tokens_per_second: float = 0.0
    measured_steps: int = 0
    answers_lost: AnswersLost | None = None  # examples that keep no answer after the cut
    # "measured": steps timed just now; otherwise engine.estimate_prior's figure, from the prior
    # for this kind of machine ("prior") or from speeds kept for it ("machine", "model")
    source: str = "measured"


def _device_memory_gb() -> float | None:
    import mlx.core as mx

    try:
        info = mx.device_info()
    except Exception:  # noqa: BLE001 - older MLX or no device
        info = {}
    for key in ("max_recommended_working_set_size", "memory_size"):
        if info.get(key):
            return float(info[key]) / 1e9
    return machine_memory_gb()


class EstimateCancelled(Exception):
    """The measuring was cancelled between steps; nothing was kept."""


def estimate_run(config: TrainConfig, steps: int = 3, progress: Callable | None = None, *,
                 session=None, cancel: Callable[[], bool] | None = None) -> Estimate:
    """Times `steps` real training steps of config on this machine (after one untimed step
    per batch shape, which compiles it).

    progress(done, total) is called after each step; cancel() returning True between steps
    raises EstimateCancelled. session: an already loaded TrainingSession (tests); by default
    the model and data are loaded here. The measured speed is kept (engine.speed) for the next
    estimate of this model on this machine.
    """
    import mlx.core as mx

    from farense_studio.engine.session import TrainingSession

    config = config.validate()
    session = session or TrainingSession(config)
    plan = session.plan(0)  # in the run's batching (packed rows or not)
    lengths = [session.train_lengths[session.step_examples(step)] for step in plan]
    longest, typical, warm = _chosen_steps(plan, lengths, session.packed)
    timed = [longest] + [typical] * max(0, steps - 1)
    snapshot = session.snapshot()
    mx.reset_peak_memory()
    times: list[float] = []
    tokens = computed = 0
    try:
        for done, index in enumerate(warm + timed):
            if cancel is not None and cancel():
                raise EstimateCancelled()
            result = session.train_step(done + 1, plan[index])
            if done >= len(warm):
                times.append(result.seconds)
                tokens += result.real_tokens
                computed += result.padded_tokens
            if progress is not None:
                progress(done + 1, len(warm) + len(timed))
    finally:
        session.restore(snapshot)
    peak = mx.get_peak_memory() / 1e9
    if times and session.world == 1:  # kept for the next estimate of this model here
        from farense_studio.engine import speed

        speed.record_speed(speed.this_machine(), config.model,
                           speed.model_parameters(config.model, config.model_revision) or 0.0,
                           computed / sum(times), "measure")
    longest_s = times[0]
    typical_s = statistics.median(times[1:]) if len(times) > 1 else longest_s
    low, high = min(typical_s, longest_s) * 0.9, max(typical_s, longest_s) * 1.1
    total = session.total_steps
    evals = config.epochs + (total // config.eval_every if config.eval_every else 0)
    valid_share = len(session.valid) / max(1, len(session.train))
    eval_s = evals * valid_share * session.steps_per_epoch * typical_s / 3  # forward only
    memory = _device_memory_gb()
    fits = memory is None or peak * MEMORY_HEADROOM <= memory * USABLE_FRACTION
    advice = [] if fits else _memory_advice(config)
    advice += [a for a in memory_advice(machine_memory_gb()) if a not in advice]
    if high * total + eval_s > LONG_RUN_S:
        advice.append("advice_long_run")
    lost = count_answers_lost(session.train, config.max_seq_length, config.data_dir)
    if lost.most_lost:  # shown before Treinar; the trainer refuses when none keeps its answer
        advice = [a for a in advice if a != "advice_shorter_length"] + ["advice_answers_lost"]
    elif lost.documents_shorter:
        advice.append("advice_documents_prepared_shorter")
    return Estimate(seconds_per_step_low=low, seconds_per_step_high=high,
                    total_seconds_low=low * total + eval_s, total_seconds_high=high * total + eval_s,
                    peak_memory_gb=peak, fits=fits, advice_codes=advice, total_steps=total,
                    memory_gb=memory, tokens_per_second=tokens / sum(times) if times else 0.0,
                    measured_steps=len(times), answers_lost=lost)


def _chosen_steps(plan: list, lengths: list, packed: bool) -> tuple[int, int, list[int]]:
    """(longest, typical, warm) step indices: the step that needs the most memory (packed: the
    most row tokens, so the widest rows; else the widest batch; then the most tokens), the
    median step by tokens, and the steps run once untimed first so that each shape is compiled
    once: those two and, packed, a step of each other row width (layout.widths)."""
    def size(i):
        first = len(plan[i]) * (plan[i].width or 0) if packed else int(lengths[i].max())
        return first, int(lengths[i].sum())

    longest = max(range(len(plan)), key=size)
    by_length = sorted(range(len(plan)), key=lambda i: int(lengths[i].sum()))
    typical = by_length[len(by_length) // 2]
    warm = [longest] if typical == longest else [longest, typical]
    if packed:
        widths = {plan[i].width for i in warm}
        for i, step in enumerate(plan):
            if step.width not in widths:
                widths.add(step.width)
                warm.append(i)
    return longest, typical, warm


def _memory_advice(config: TrainConfig) -> list[str]:
    advice = []
    if config.batch_size > 1:
        advice.append("advice_reduce_batch")
    if not config.grad_checkpoint:
        advice.append("advice_grad_checkpoint")
    if config.max_seq_length > 256:
        advice.append("advice_shorter_length")
    advice.append("advice_smaller_model")
    return advice


def format_duration(seconds: float) -> str:
    """'1:02:03' style."""
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


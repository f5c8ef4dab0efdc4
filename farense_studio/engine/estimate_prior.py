"""An estimate at once, before any measuring: from the model's size, the prepared data (tokens to
train, in the run's batching) and this machine's speed (engine.speed: a prior per kind of
machine, refined by every measurement kept in speeds.json). Reads text only: no MLX, no model.

Also the honest word on a slow computer: how many times slower than a Mac with Apple Silicon it
trains, and the shortest useful try (fewer examples, a shorter maximum length) with its own
estimate.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from farense_studio.engine import speed as S
from farense_studio.engine.config import TrainConfig
from farense_studio.engine.presets import machine_memory_gb, memory_advice
from farense_studio.engine.estimate import LONG_RUN_S, Estimate

CHARS_PER_TOKEN = 3.6  # Portuguese prose in the recommended models' tokenizers
TOKENS_PER_MESSAGE = 5  # the chat template's markers around each message
SLOW_FACTOR = 4.0  # this many times slower than a Mac with Apple Silicon: say so before Treinar
TRY_TARGET_S = 15 * 60  # the shortest useful try aims at about a quarter of an hour
TRY_MIN_EXAMPLES = 20
TRY_MAX_LENGTH = 256


def example_lengths(path: Path, system_prompt: str, max_seq_length: int) -> np.ndarray:
    """Approximate tokens of each example of a prepared .jsonl (truncated at max_seq_length)."""
    lengths = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return np.zeros(0, np.int64)
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict):
            continue
        if isinstance(record.get("messages"), list):
            texts = [str(m.get("content", "")) for m in record["messages"] if isinstance(m, dict)]
            if not any(m.get("role") == "system" for m in record["messages"] if isinstance(m, dict)):
                texts.append(system_prompt or "")
        else:
            texts = [str(v) for v in record.values() if isinstance(v, str)]
        tokens = sum(len(t) for t in texts) / CHARS_PER_TOKEN + TOKENS_PER_MESSAGE * len(texts)
        lengths.append(min(int(max_seq_length), max(1, int(math.ceil(tokens)))))
    return np.asarray(lengths, np.int64)


def processed_tokens(lengths: np.ndarray, config: TrainConfig) -> tuple[int, int]:
    """(steps, tokens the model computes) for one pass over examples of these lengths."""
    from farense_studio.engine.batches import padded_width, steps_per_epoch

    if not len(lengths):
        return 0, 0
    if config.batching == "pack":
        from farense_studio.engine import packing

        plan = packing.layout(lengths, config.max_seq_length, config.effective_batch)
        return plan.steps, plan.computed
    steps = steps_per_epoch(len(lengths), config.effective_batch)
    width = padded_width(int(np.percentile(lengths, 75)), config.pad_multiple)
    return steps, int(max(lengths.sum(), steps * config.effective_batch * width * 0.8))


@dataclass(frozen=True)
class Inputs:
    """What a prior estimate needs, read once (the GUI may keep it while settings change)."""

    train: np.ndarray  # approximate tokens per training example
    valid_tokens: int
    params: float | None
    speed: S.Speed
    machine: S.Machine


def read_inputs(config: TrainConfig, machine: S.Machine | None = None,
                speeds: dict | None = None) -> Inputs:
    data = Path(config.data_dir)
    length = 1 << 20  # untruncated: shorter lengths are applied per estimate
    train = example_lengths(data / "train.jsonl", config.system_prompt, length)
    valid = example_lengths(data / "valid.jsonl", config.system_prompt, length)
    machine = machine or S.this_machine()
    return Inputs(train=train, valid_tokens=int(valid.sum()),
                  params=S.model_parameters(config.model, config.model_revision),
                  speed=S.speed_for(machine, config.model, speeds), machine=machine)


def prior_estimate(config: TrainConfig, inputs: Inputs, examples: int | None = None) -> Estimate | None:
    """The run's duration from the inputs (None when the model's size or the data is unknown);
    `examples`: only the first that many training examples."""
    lengths = np.minimum(inputs.train[:examples], config.max_seq_length)
    if not len(lengths) or not inputs.params:
        return None
    steps, tokens = processed_tokens(lengths, config)
    tok_s = inputs.speed.tokens_per_second(inputs.params)
    evals = config.epochs + (steps * config.epochs // config.eval_every if config.eval_every else 0)
    eval_s = evals * min(inputs.valid_tokens, len(lengths) * config.max_seq_length) / (2 * tok_s)
    middle = tokens * config.epochs / tok_s + eval_s
    low, high = middle / inputs.speed.spread, middle * inputs.speed.spread
    total = steps * config.epochs
    advice = list(memory_advice(machine_memory_gb()))
    if high > LONG_RUN_S:
        advice.append("advice_long_run")
    return Estimate(seconds_per_step_low=low / total, seconds_per_step_high=high / total,
                    total_seconds_low=low, total_seconds_high=high, peak_memory_gb=0.0,
                    fits=True, advice_codes=advice, total_steps=total, memory_gb=machine_memory_gb(),
                    tokens_per_second=tok_s, measured_steps=0, source=inputs.speed.source)


@dataclass(frozen=True)
class SlowAdvice:
    """This computer trains `factor` times slower than a Mac with Apple Silicon; the shortest
    useful try keeps `examples` examples at `max_seq_length` tokens and takes `estimate`."""

    factor: float
    measured: bool  # the factor comes from a measurement here (not the prior for its kind)
    examples: int
    max_seq_length: int
    estimate: Estimate | None

    def changes(self) -> dict:
        return {"max_seq_length": self.max_seq_length}


def slow_advice(config: TrainConfig, inputs: Inputs) -> SlowAdvice | None:
    """None when this computer is not far slower than a Mac with Apple Silicon."""
    factor = S.PRIOR_FLOPS["apple"] / inputs.speed.flops
    if factor < SLOW_FACTOR:
        return None
    shorter = config.copy(max_seq_length=min(config.max_seq_length, TRY_MAX_LENGTH))
    n = len(inputs.train)
    full = prior_estimate(shorter, inputs)
    examples = n
    if full is not None and full.total_seconds_high > TRY_TARGET_S:
        per_example = full.total_seconds_high / n
        examples = max(min(n, TRY_MIN_EXAMPLES), min(n, int(TRY_TARGET_S // per_example)))
    return SlowAdvice(factor=factor, measured=inputs.speed.source != "prior", examples=examples,
                      max_seq_length=shorter.max_seq_length,
                      estimate=prior_estimate(shorter, inputs, examples))


def write_subset(data_dir: str | Path, examples: int, dest: str | Path) -> Path:
    """A prepared folder with the first `examples` training examples and all the checking ones
    (the shortest try trains on it; the project's own data is left as it is)."""
    from farense_studio.files import atomic_write_text

    data_dir, dest = Path(data_dir), Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    lines = (data_dir / "train.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    atomic_write_text(dest / "train.jsonl", "".join(lines[:examples]))
    valid = data_dir / "valid.jsonl"
    atomic_write_text(dest / "valid.jsonl", valid.read_text(encoding="utf-8") if valid.exists() else "")
    return dest

"""Training data for the trainer: tokenized examples and the batch plan of each epoch.

Each epoch's order is drawn from (seed, epoch) alone, so it is reproducible and a resumed run
replays it from any position. A step takes ``effective_batch`` examples; they are split into
``grad_accumulation`` micro-batches. "bucket" batching shuffles, then sorts by length with a
little random jitter before cutting the step batches, so each batch holds examples of similar
length (little padding) and the batches change from epoch to epoch; "sorted" is mlx-lm's scheme
(fixed, length-sorted batches in a shuffled order). No Qt; numpy only (MLX arrays are built by
the trainer).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from farense_studio.messages import CodedError

TRAIN_FILE = "train.jsonl"
VALID_FILE = "valid.jsonl"


class DataError(CodedError, ValueError):
    """Unusable training data; code/params render through farense_studio.messages."""


@dataclass
class TokenizedSplit:
    """Token lists (already cut to max_seq_length) and, per example, how many leading tokens
    are prompt (not trained on)."""

    tokens: list[list[int]]
    offsets: np.ndarray
    truncated: int = 0
    without_answer: int = 0
    groups: list[str | None] = field(default_factory=list)  # a row's {"group"} (engine.groups)

    @property
    def lengths(self) -> np.ndarray:
        return np.array([len(t) for t in self.tokens], dtype=np.int64)

    def __len__(self) -> int:
        return len(self.tokens)


@dataclass
class Batch:
    """One micro-batch as numpy: padded tokens [b, T] and (offset, length) per row [b, 2]."""

    tokens: np.ndarray
    lengths: np.ndarray
    targets: int = 0  # tokens the loss counts
    real_tokens: int = 0  # non-padding tokens
    rows: list[int] = field(default_factory=list)  # example indices (-1: a zero-weight filler)
    # Packed rows (engine.packing): segment id per token [b, T] and loss mask [b, T - 1]
    segments: np.ndarray | None = None
    target_mask: np.ndarray | None = None

    def arrays(self) -> tuple[np.ndarray, ...]:
        """What the step's loss takes: (tokens, lengths), or packed (tokens, segments, mask)."""
        if self.segments is not None:
            return self.tokens, self.segments, self.target_mask
        return self.tokens, self.lengths


# ---------------------------------------------------------------------- data files
def data_hash(data_dir: str | os.PathLike) -> str:
    """sha256 (16 hex) of train.jsonl and valid.jsonl (a missing file counts as empty)."""
    digest = hashlib.sha256()
    for name in (TRAIN_FILE, VALID_FILE):
        path = Path(data_dir) / name
        digest.update(name.encode())
        if path.is_file():
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
    return digest.hexdigest()[:16]


def read_records(path: Path) -> list[dict]:
    """The JSON objects of a JSONL file (blank lines skipped); DataError on a bad line."""
    records = []
    if not path.is_file():
        return records
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise DataError("invalid_training_line", line=number, file=path.name,
                                detail=str(exc)) from exc
            if not isinstance(record, dict):
                raise DataError("invalid_training_line", line=number, file=path.name,
                                detail="not a JSON object")
            records.append(record)
    return records


def _messages_of(record: dict, system_prompt: str | None) -> list[dict] | None:
    if "messages" in record:
        messages = [dict(m) for m in record["messages"]]
    elif "prompt" in record and "completion" in record:
        messages = [{"role": "user", "content": record["prompt"]},
                    {"role": "assistant", "content": record["completion"]}]
    else:
        return None
    if system_prompt and (not messages or messages[0].get("role") != "system"):
        messages.insert(0, {"role": "system", "content": system_prompt})
    return messages


def tokenize_record(record: dict, tokenizer, *, system_prompt: str | None,
                    mask_prompt: bool) -> tuple[list[int], int]:
    """(tokens, prompt_length) through the model's chat template; plain {"text"} records are
    trained on whole."""
    messages = _messages_of(record, system_prompt)
    if messages is None:
        if "text" not in record:
            raise ValueError("needs 'messages', 'prompt'/'completion' or 'text'")
        tokens = list(tokenizer.encode(record["text"]))
        eos = getattr(tokenizer, "eos_token_id", None)
        if eos is not None and (not tokens or tokens[-1] != eos):
            tokens.append(eos)
        return tokens, 0
    tokens = list(tokenizer.apply_chat_template(messages, return_dict=False))
    offset = 0
    if mask_prompt and messages[-1].get("role") == "assistant":
        offset = len(tokenizer.apply_chat_template(messages[:-1], add_generation_prompt=True,
                                                   return_dict=False))
    return tokens, offset


def tokenize_split(path: Path, tokenizer, *, system_prompt: str | None, mask_prompt: bool,
                   max_seq_length: int) -> TokenizedSplit:
    tokens, offsets, groups = [], [], []
    truncated = without_answer = 0
    for number, record in enumerate(read_records(path), 1):
        try:
            toks, offset = tokenize_record(record, tokenizer, system_prompt=system_prompt,
                                           mask_prompt=mask_prompt)
        except (ValueError, TypeError, KeyError) as exc:
            raise DataError("invalid_training_line", line=number, file=path.name,
                            detail=str(exc)) from exc
        if len(toks) > max_seq_length:
            truncated += 1
            toks = toks[:max_seq_length]
        if len(toks) < 2:
            continue
        if offset >= len(toks):
            without_answer += 1
        tokens.append(toks)
        offsets.append(offset)
        groups.append(record.get("group") if isinstance(record.get("group"), str) else None)
    return TokenizedSplit(tokens, np.array(offsets, dtype=np.int64), truncated, without_answer, groups)


# ---------------------------------------------------------------------- batch plan
def target_count(offset: int, length: int) -> int:
    """Tokens the loss counts for one row: positions 1..length-1 at or after the prompt."""
    return max(0, length - max(int(offset), 1))


def steps_per_epoch(n_examples: int, effective_batch: int) -> int:
    """Every example once per epoch; the last step of an epoch may be smaller."""
    return max(1, -(-n_examples // effective_batch)) if n_examples else 0


def epoch_plan(lengths: np.ndarray, effective_batch: int, seed: int, epoch: int,
               method: str = "bucket", pad_multiple: int = 8) -> list[np.ndarray]:
    """The step batches (arrays of example indices) of one epoch, drawn from (seed, epoch)."""
    n = len(lengths)
    rng = np.random.default_rng([int(seed), int(epoch), 7919])
    if method == "sorted":
        # mlx-lm: fixed length-sorted batches, visited in a fresh random order each epoch.
        order = np.argsort(lengths, kind="stable")
    elif method == "shuffle":
        order = rng.permutation(n)
    else:
        perm = rng.permutation(n)
        jitter = rng.uniform(0.0, max(pad_multiple, 4), n)  # shuffles within a padding bucket
        order = perm[np.argsort(lengths[perm] + jitter, kind="stable")]
    chunks = [order[i:i + effective_batch] for i in range(0, n, effective_batch)]
    return [chunks[i] for i in rng.permutation(len(chunks))]


def padded_width(length: int, pad_multiple: int) -> int:
    """Row width of a micro-batch whose longest row has `length` tokens (1 + a multiple)."""
    return -(-(int(length) - 1) // pad_multiple) * pad_multiple + 1


def split_micro(step_rows: np.ndarray, lengths: np.ndarray, batch_size: int,
                pad_multiple: int = 8, split_cost: int | None = None) -> list[np.ndarray]:
    """A step batch cut into micro-batches of at most batch_size rows of similar length.

    split_cost None: consecutive groups of batch_size rows (sorted by length). Otherwise the
    grouping of the sorted rows with the fewest padded tokens, each extra micro-batch counting
    as split_cost tokens (the fixed cost of one more forward/backward pass); the step's
    examples, and so its gradient, stay the same.
    """
    rows = step_rows[np.argsort(lengths[step_rows], kind="stable")]
    n = len(rows)
    if split_cost is None or n <= 1:
        return [rows[i:i + batch_size] for i in range(0, n, batch_size)]
    widths = [padded_width(lengths[r], pad_multiple) for r in rows]
    best = [0.0] + [float("inf")] * n
    cut = [0] * (n + 1)
    for i in range(1, n + 1):
        for j in range(max(0, i - batch_size), i):
            cost = best[j] + (i - j) * widths[i - 1] + split_cost
            if cost < best[i]:
                best[i], cut[i] = cost, j
    groups, i = [], n
    while i > 0:
        groups.append(rows[cut[i]:i])
        i = cut[i]
    return groups[::-1]


def rank_rows(rows: np.ndarray, group: Any) -> np.ndarray:
    """This process's share of a micro-batch (rows rank, rank+size, ...); -1 marks a filler
    row with no loss weight, so every rank computes on at least one row."""
    size = group.size() if group is not None else 1
    if size <= 1:
        return rows
    mine = rows[group.rank()::size]
    return mine if len(mine) else np.array([-1], dtype=rows.dtype)


def make_batch(split: TokenizedSplit, rows: np.ndarray, pad_multiple: int = 8,
               pad_id: int = 0) -> Batch:
    """Pads the rows to 1 + a multiple of pad_multiple (the model sees a multiple)."""
    real = [int(r) for r in rows]
    seqs = [split.tokens[r] if r >= 0 else split.tokens[0][:2] for r in real]
    width = padded_width(max(len(s) for s in seqs), pad_multiple)
    tokens = np.full((len(seqs), width), pad_id, dtype=np.int32)
    lengths = np.zeros((len(seqs), 2), dtype=np.int32)
    targets = real_tokens = 0
    for i, (r, seq) in enumerate(zip(real, seqs)):
        tokens[i, :len(seq)] = seq
        if r < 0:
            lengths[i] = (len(seq), len(seq))  # no target counts
            continue
        offset = int(split.offsets[r])
        lengths[i] = (offset, len(seq))
        targets += target_count(offset, len(seq))
        real_tokens += len(seq)
    return Batch(tokens, lengths, targets, real_tokens, real)


def step_targets(split: TokenizedSplit, step_rows: np.ndarray) -> int:
    """Loss tokens of a whole step (all ranks, all micro-batches): the loss divides by this."""
    return sum(target_count(split.offsets[r], len(split.tokens[r])) for r in step_rows)


def eval_batches(split: TokenizedSplit, batch_size: int) -> list[np.ndarray]:
    """Fixed validation batches (sorted by length) over the whole split."""
    order = np.argsort(split.lengths, kind="stable")
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def padding_stats(split: TokenizedSplit, batches: list[list[np.ndarray]],
                  pad_multiple: int) -> dict[str, int]:
    """Real and padded token counts of a plan (for the benchmark and estimates)."""
    real = padded = 0
    for micro in batches:
        for rows in micro:
            batch = make_batch(split, rows, pad_multiple)
            real += batch.real_tokens
            padded += batch.tokens.size
    return {"real": real, "padded": padded}

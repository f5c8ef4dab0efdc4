"""Packing: several short examples share one row of a fixed width and never see each other.

A row of ``width`` tokens holds whole examples back to back (an example is never split: the
tokenizer has already cut it to max_seq_length, and the width is at least that). Each token
carries its example's segment number (0: padding); attention is causal *and* block-diagonal
(a token attends only to earlier tokens of its own example), so each example computes as if it
were alone: rotary position encodings depend only on relative positions, so the positions need
no reset. The loss counts, per example, the answer tokens (prompt masking kept), exactly the
targets of batches.target_count.

The mask reaches mlx-lm's own model classes through the ``cache`` argument: every mlx-lm model
builds its mask with ``create_attention_mask(h, cache[i])``, which asks a cache that has
``make_mask`` for it; ``SegmentMask`` is a cache that stores nothing (offset 0, keys and values
passed through), so the model's code runs unchanged with our mask. ``supports`` checks this on
the loaded model before a run (a model that builds its mask otherwise falls back to unpacked
batches).

Each epoch's rows come from (seed, epoch): first-fit decreasing on lengths with a little random
jitter (so rows change from pass to pass) and always the same number of rows, cut into steps of
``rows_per_step`` rows: one batch shape for every step but an epoch's last.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from farense_studio.engine.batches import Batch, TokenizedSplit, padded_width, target_count

JITTER = 0.08  # of the row width: how far lengths are blurred before first-fit decreasing


class SegmentMask:
    """A pass-through KV "cache" whose only job is to hand the model our attention mask."""

    offset = 0

    def __init__(self, mask):
        self.mask = mask  # [b, 1, n, n] bool
        self.calls = 0

    def make_mask(self, n, return_array=False, window_size=None):
        self.calls += 1
        if window_size is None:
            return self.mask
        import mlx.core as mx

        ids = mx.arange(n)
        return self.mask & (ids[:, None] < ids[None] + window_size)

    def update_and_fetch(self, keys, values):
        return keys, values


def segment_mask(segments):
    """[b, n] segment ids -> [b, 1, n, n] bool: causal and within the same segment."""
    import mlx.core as mx

    n = segments.shape[1]
    ids = mx.arange(n)
    causal = ids[:, None] >= ids[None]
    return (segments[:, None, :, None] == segments[:, None, None, :]) & causal


def packed_logits(model, tokens, segments):
    """The model's logits for packed rows (tokens and segments [b, n])."""
    cache = SegmentMask(segment_mask(segments))
    return model(tokens, cache=[cache] * len(model.layers)), cache


def packed_loss(model, tokens, segments, target_mask, scale):
    """(sum of answer cross-entropy * scale, loss tokens) of packed rows; tokens and segments
    [b, width], target_mask [b, width - 1] (target j: token j + 1 from tokens 0..j)."""
    from farense_studio.engine.lora import target_loss

    logits, _ = packed_logits(model, tokens[:, :-1], segments[:, :-1])
    return target_loss(logits, tokens[:, 1:], target_mask, scale)


def supports(model) -> bool:
    """True when the model takes its attention mask from SegmentMask: two short sequences
    packed in one row give the same logits as each alone (closer than without the mask)."""
    import mlx.core as mx

    a, b = [1, 2, 3, 4, 5], [6, 7, 8, 9]
    try:
        row = mx.array([a + b])
        packed, cache = packed_logits(model, row, mx.array([[1] * len(a) + [2] * len(b)]))
        alone = model(mx.array([b]))[0]
        plain = model(row)[0, len(a):]
        mine = packed[0, len(a):]
        near = mx.abs(mine - alone).max().item()
        far = mx.abs(plain - alone).max().item()
    except Exception:  # noqa: BLE001 - any model that cannot run this way is not packed
        return False
    return cache.calls > 0 and near < 0.5 * far


# ---------------------------------------------------------------------- rows
@dataclass
class PackedStep:
    """One step of a packed epoch: the example indices of each row, in row order."""

    rows: list[np.ndarray]

    @property
    def examples(self) -> np.ndarray:
        return np.concatenate(self.rows) if self.rows else np.zeros(0, np.int64)

    def __len__(self) -> int:
        return len(self.rows)


def pack_width(max_seq_length: int, pad_multiple: int) -> int:
    """Row width: every example (already cut to max_seq_length) fits."""
    return padded_width(max_seq_length, pad_multiple)


def first_fit(lengths: np.ndarray, order: np.ndarray, width: int) -> list[list[int]]:
    """Examples in `order` placed into the first row with room (rows of `width` tokens)."""
    room = np.zeros(0, np.int64)
    rows: list[list[int]] = []
    for index in order:
        need = int(lengths[index])
        fits = np.flatnonzero(room >= need)
        if len(fits):
            rows[fits[0]].append(int(index))
            room[fits[0]] -= need
        else:
            rows.append([int(index)])
            room = np.append(room, width - need)
    return rows


def ffd_row_count(lengths: np.ndarray, width: int) -> int:
    """Rows of first-fit decreasing: every epoch packs into exactly this many."""
    return len(first_fit(lengths, np.argsort(-lengths, kind="stable"), width))


def layout(lengths: np.ndarray, width: int, effective_batch: int) -> tuple[int, int]:
    """(rows a step takes, steps an epoch): a step holds about effective_batch examples, as an
    unpacked step does, so a pass makes about as many updates."""
    rows = ffd_row_count(lengths, width)
    per_step = max(1, round(effective_batch * rows / max(1, len(lengths))))
    return per_step, -(-rows // per_step)


def epoch_rows(lengths: np.ndarray, width: int, seed: int, epoch: int) -> list[np.ndarray]:
    """The rows of one epoch (shuffled), drawn from (seed, epoch); always ffd_row_count rows."""
    rng = np.random.default_rng([int(seed), int(epoch), 104729])
    target = ffd_row_count(lengths, width)
    jitter = rng.uniform(0.0, JITTER * width, len(lengths))
    rows = first_fit(lengths, np.argsort(-(lengths + jitter), kind="stable"), width)
    if len(rows) > target:  # the blur cost a row: exact first-fit decreasing, ties shuffled
        perm = rng.permutation(len(lengths))
        rows = first_fit(lengths, perm[np.argsort(-lengths[perm], kind="stable")], width)
    while len(rows) < target:  # it saved a row: give the fullest row's last example its own
        fullest = max(range(len(rows)), key=lambda i: (len(rows[i]), -i))
        rows.append([rows[fullest].pop()])
    return [np.array(rows[i], dtype=np.int64) for i in rng.permutation(len(rows))]


def epoch_plan(lengths: np.ndarray, width: int, per_step: int, seed: int,
               epoch: int) -> list[PackedStep]:
    rows = epoch_rows(lengths, width, seed, epoch)
    return [PackedStep(rows[i:i + per_step]) for i in range(0, len(rows), per_step)]


def make_packed_batch(split: TokenizedSplit, rows: list[np.ndarray], width: int,
                      pad_id: int = 0) -> Batch:
    """Rows of packed examples: tokens and segment ids [b, width], target mask [b, width - 1].
    An empty row (a rank's filler) is all padding and counts no target."""
    tokens = np.full((len(rows), width), pad_id, dtype=np.int32)
    segments = np.zeros((len(rows), width), dtype=np.int32)
    mask = np.zeros((len(rows), width - 1), dtype=bool)
    targets = real = 0
    examples: list[int] = []
    for i, row in enumerate(rows):
        start = 0
        for number, r in enumerate(int(x) for x in row):
            seq, offset = split.tokens[r], int(split.offsets[r])
            end = start + len(seq)
            tokens[i, start:end] = seq
            segments[i, start:end] = number + 1
            mask[i, start + max(offset, 1) - 1:end - 1] = True  # targets start+max(o,1)..end-1
            targets += target_count(offset, len(seq))
            real += len(seq)
            examples.append(r)
            start = end
    return Batch(tokens, np.zeros((len(rows), 2), np.int32), targets, real, examples,
                 segments=segments, target_mask=mask)

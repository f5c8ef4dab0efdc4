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
``per_step`` rows (layout: the narrowest rows that keep the unpacked number of steps): one
batch shape for every step but an epoch's last.

Two widths: short examples leave the last rows of a width partly empty (the club's Q&A: ~4
examples in a row of 513 are ~80% real tokens). Where it computes at least MIN_SAVING fewer
tokens, the layout adds a narrower width (1 + a multiple of ROW_MULTIPLE too, the one of least
padding): first fit opens a chosen number of wide rows, the fewest that keep the row count, and
narrow ones after them, so rows come out nearly full at either width. A row is narrow where its
examples fit, else wide (the fullest narrow rows widen until the wide ones fill whole steps);
each step's rows share one width (one array), and the steps of both widths are shuffled
together. The same examples, rows and steps a pass, so the training is unchanged; two compiled
shapes instead of one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from farense_studio.engine.batches import Batch, TokenizedSplit, padded_width, target_count

JITTER = 0.08  # of the row width: how far lengths are blurred before first-fit decreasing
# Rows are 1 + a multiple of this wide (the model reads a multiple): MLX's CUDA backend runs
# attention's backward pass in cuDNN's fused kernel only for lengths that are multiples of 128,
# and falls back to a slower unfused one otherwise (measured: bench/results/README.md).
ROW_MULTIPLE = 128
# A second, narrower row width is used only where it computes at least this share fewer tokens
# a pass (each width is one more compiled shape).
MIN_SAVING = 0.05
# A blurred epoch (rows that change from pass to pass) may open this many more wide rows than
# exact first-fit decreasing needs before falling back to it (each costs ROW_MULTIPLE tokens).
WIDE_SLACK = 2


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


def step_loss(model, *arrays):
    """The trainer's loss of a micro-batch's arrays (Batch.arrays() and the scale): packed rows
    (tokens, segments, target mask) or plain rows (tokens, lengths), each its own graph."""
    from farense_studio.engine.lora import masked_loss

    return (packed_loss if len(arrays) == 4 else masked_loss)(model, *arrays)


def supports(model) -> bool:
    """True when the model takes its attention mask from SegmentMask: it asks for it, and two
    short sequences packed in one row give the second one's logits alone (within the model's
    rounding, or at least twice as close as without the mask)."""
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
        scale = mx.abs(alone).max().item()
    except Exception:  # noqa: BLE001 - any model that cannot run this way is not packed
        return False
    return cache.calls > 0 and near <= max(0.5 * far, 0.02 * scale)


# ---------------------------------------------------------------------- rows
@dataclass
class PackedStep:
    """One step of a packed epoch: the example indices of each row, in row order, and the
    width of its rows (one array a micro-batch; None: the layout's only width)."""

    rows: list[np.ndarray]
    width: int | None = None

    @property
    def examples(self) -> np.ndarray:
        return np.concatenate(self.rows) if self.rows else np.zeros(0, np.int64)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Layout:
    """How a run packs: rows of `width` tokens, `per_step` rows a step, `steps` an epoch (the
    unpacked count, so a pass makes as many updates), `rows` an epoch (every step full but
    perhaps the last). With `narrow` (0: one width), rows whose examples fit in `narrow` tokens
    are that wide; first fit opens `wide_rows` rows of `width` before narrow ones. `computed`:
    the tokens a pass computes (rows times their width) as exact first-fit decreasing packs."""

    width: int
    per_step: int
    steps: int
    rows: int
    narrow: int = 0
    wide_rows: int = 0
    computed: int = 0

    @property
    def widths(self) -> tuple[int, ...]:
        return (self.narrow, self.width) if self.narrow else (self.width,)


def layout(lengths: np.ndarray, max_seq_length: int, effective_batch: int,
           two_widths: bool = True) -> Layout:
    """The narrowest rows (fewest rows a step) that pack an epoch into the steps an unpacked
    epoch makes: a step then holds effective_batch examples on average, as unpacked steps do.
    Rows are 1 + a multiple of ROW_MULTIPLE wide: at least the longest example, at most
    max_seq_length rounded up so (the memory the settings allow). two_widths: narrower rows
    too where they compute at least MIN_SAVING fewer tokens (narrower_rows). The last few
    answers are kept: the first estimate asks again as settings change (20,000 examples take
    seconds)."""
    return _layout(np.ascontiguousarray(lengths, np.int64).tobytes(), int(max_seq_length),
                   int(effective_batch), bool(two_widths))


@lru_cache(maxsize=8)
def _layout(lengths: bytes, max_seq_length: int, effective_batch: int, two_widths: bool) -> Layout:
    array = np.frombuffer(lengths, np.int64)
    one = _one_width(array, max_seq_length, effective_batch)
    return narrower_rows(array, one) if two_widths else one


def _one_width(lengths: np.ndarray, max_seq_length: int, effective_batch: int) -> Layout:
    from farense_studio.engine.batches import steps_per_epoch

    n = len(lengths)
    steps = steps_per_epoch(n, effective_batch)
    widest = padded_width(max(int(max_seq_length), int(lengths.max())), ROW_MULTIPLE)
    narrowest = padded_width(int(lengths.max()), ROW_MULTIPLE)
    for per_step in range(1, effective_batch + 1):
        for width in range(narrowest, widest + 1, ROW_MULTIPLE):
            if ffd_row_count(lengths, width) <= steps * per_step:
                rows = min(steps * per_step, n)  # epoch_rows gives a full row's last ones away
                return Layout(width, per_step, -(-rows // per_step), rows, computed=rows * width)
    return Layout(widest, effective_batch, steps, n, computed=n * widest)  # unreachable


def narrower_rows(lengths: np.ndarray, one: Layout) -> Layout:
    """`one` with a second, narrower width where that computes at least MIN_SAVING fewer
    tokens a pass: the same rows and steps; each narrow width below one's that could beat the
    best so far (fewest computed tokens possible first) is tried with the fewest wide rows
    first fit needs to keep the row count."""
    total, wide = int(lengths.sum()), one.width
    candidates = []
    for narrow in range(1 + ROW_MULTIPLE, wide, ROW_MULTIPLE):
        # Wide rows at least hold the examples longer than narrow and the tokens narrow rows
        # cannot: a bound on the computed tokens, and where the search for wide_rows starts.
        least = max(0, -(-int(lengths[lengths > narrow].sum()) // wide),
                    -(-(total - one.rows * narrow) // (wide - narrow)))
        candidates.append((one.rows * narrow + least * (wide - narrow), narrow, least))
    best = one
    for bound, narrow, least in sorted(candidates):
        if bound >= min(best.computed, (1 - MIN_SAVING) * one.computed):
            break
        trial = Layout(wide, one.per_step, one.steps, one.rows, narrow,
                       _fewest_wide_rows(lengths, one, narrow, least))
        computed = int(sum(_row_widths(lengths, _draw_rows(lengths, trial), trial)))
        if computed < best.computed:
            best = replace(trial, computed=computed)
    return best if best.computed <= (1 - MIN_SAVING) * one.computed else one


def _fewest_wide_rows(lengths: np.ndarray, one: Layout, narrow: int, least: int = 0) -> int:
    """The fewest rows (from `least` up) first fit decreasing must open `one.width` wide (then
    `narrow`) to keep within one's rows. The rows it needs beyond one's fall about linearly as
    wide rows are added, so the search interpolates, bisecting where that gains little; all
    wide is one's own packing, which fits."""
    order = _exact_order(lengths)

    def excess(wide_rows: int) -> int:
        return len(first_fit(lengths, order, one.width, narrow, wide_rows)) - one.rows

    low, high = min(least, one.rows), one.rows  # excess(low) > 0 >= excess(high) from here on
    over = excess(low) if low < high else 0
    if over <= 0:
        return low
    under, bisect = excess(high), False
    while high - low > 1:
        if bisect:
            middle = (low + high) // 2
        else:
            middle = low + round((high - low) * over / (over - under))
            middle = min(high - 1, max(low + 1, middle))
        before, found = high - low, excess(middle)
        if found > 0:
            low, over = middle, found
        else:
            high, under = middle, found
        bisect = not bisect and 2 * (high - low) > before
    return high


def first_fit(lengths: np.ndarray, order: np.ndarray, width: int, narrow: int = 0,
              wide_rows: int = 0) -> list[list[int]]:
    """Examples in `order` placed into the first row with room. A new row has `width` tokens;
    with `narrow`, only the first `wide_rows` (and one an example longer than narrow opens),
    later ones `narrow`."""
    room = np.zeros(0, np.int64)
    rows: list[list[int]] = []
    opened_wide = 0
    for index in order:
        need = int(lengths[index])
        fits = np.flatnonzero(room >= need)
        if len(fits):
            rows[fits[0]].append(int(index))
            room[fits[0]] -= need
        else:
            wide = not narrow or opened_wide < wide_rows or need > narrow
            opened_wide += wide
            rows.append([int(index)])
            room = np.append(room, (width if wide else narrow) - need)
    return rows


def _exact_order(lengths: np.ndarray) -> np.ndarray:
    return np.argsort(-lengths, kind="stable")


def ffd_row_count(lengths: np.ndarray, width: int) -> int:
    """Rows of first-fit decreasing: every epoch packs into exactly this many."""
    return len(first_fit(lengths, _exact_order(lengths), width))


def _epoch_rng(seed: int, epoch: int) -> np.random.Generator:
    return np.random.default_rng([int(seed), int(epoch), 104729])


def _draw_rows(lengths: np.ndarray, plan: Layout, rng: np.random.Generator | None = None
               ) -> list[np.ndarray]:
    """Exactly plan.rows rows (unshuffled): first fit on lengths blurred by rng (None: exact
    first-fit decreasing), with two widths opening up to WIDE_SLACK more wide rows if the blur
    needs them; when it still costs a row, exact first-fit decreasing with ties shuffled (the
    layout's own count); too few rows: the fullest row gives its last example a row of its own,
    until there are enough."""
    def fit(order, extra=0):
        return first_fit(lengths, order, plan.width, plan.narrow, plan.wide_rows + extra)

    if rng is None:
        rows = fit(_exact_order(lengths))
    else:
        order = np.argsort(-(lengths + rng.uniform(0.0, JITTER * plan.width, len(lengths))),
                           kind="stable")
        for extra in range(WIDE_SLACK + 1 if plan.narrow else 1):
            rows = fit(order, extra)
            if len(rows) <= plan.rows:
                break
        else:
            perm = rng.permutation(len(lengths))
            rows = fit(perm[np.argsort(-lengths[perm], kind="stable")])
    while len(rows) < plan.rows:
        fullest = max(range(len(rows)), key=lambda i: (len(rows[i]), -i))
        rows.append([rows[fullest].pop()])
    return [np.array(row, dtype=np.int64) for row in rows]


def _row_widths(lengths: np.ndarray, rows: list[np.ndarray], plan: Layout) -> list[int]:
    """Each row's width: narrow where its examples fit, else wide; then the fullest narrow rows
    are widened until the wide rows fill whole steps (all wide if they cannot), so grouping
    rows of one width into steps keeps plan.steps."""
    if not plan.narrow:
        return [plan.width] * len(rows)
    fill = [int(lengths[row].sum()) for row in rows]
    wide = [f > plan.narrow for f in fill]
    short = -sum(wide) % plan.per_step
    if sum(wide) + short > len(rows):
        return [plan.width] * len(rows)
    narrow = sorted((i for i in range(len(rows)) if not wide[i]), key=lambda i: (-fill[i], i))
    for i in narrow[:short]:
        wide[i] = True
    return [plan.width if w else plan.narrow for w in wide]


def epoch_rows(lengths: np.ndarray, width: int, seed: int, epoch: int,
               target: int | None = None) -> list[np.ndarray]:
    """The rows of one epoch of one width (shuffled), drawn from (seed, epoch); always `target`
    rows (ffd_row_count by default; more: the fullest rows give their last examples rows of
    their own)."""
    rng = _epoch_rng(seed, epoch)
    target = ffd_row_count(lengths, width) if target is None else target
    rows = _draw_rows(lengths, Layout(width, 1, target, target), rng)
    return [rows[i] for i in rng.permutation(len(rows))]


def epoch_plan(lengths: np.ndarray, plan: Layout, seed: int, epoch: int) -> list[PackedStep]:
    """The steps of one epoch, drawn from (seed, epoch): shuffled rows cut into steps of
    plan.per_step rows; with two widths, rows of one width make each step and the full steps of
    both widths are shuffled together (a partial one last)."""
    step = plan.per_step
    if not plan.narrow:
        rows = epoch_rows(lengths, plan.width, seed, epoch, plan.rows)
        return [PackedStep(rows[i:i + step], plan.width) for i in range(0, len(rows), step)]
    rng = _epoch_rng(seed, epoch)
    rows = _draw_rows(lengths, plan, rng)
    widths = _row_widths(lengths, rows, plan)
    order = rng.permutation(len(rows))
    steps = []
    for width in plan.widths:
        mine = [rows[i] for i in order if widths[i] == width]
        steps += [PackedStep(mine[i:i + step], width) for i in range(0, len(mine), step)]
    full = [s for s in steps if len(s) == step]
    return [full[i] for i in rng.permutation(len(full))] + [s for s in steps if len(s) < step]


def step_examples(step) -> np.ndarray:
    """The example indices of a plan's step, packed or not."""
    return step.examples if isinstance(step, PackedStep) else step


def micro_batches(split: TokenizedSplit, step: PackedStep, size: int, plan: Layout, group=None,
                  pad_id: int = 0) -> list[Batch]:
    """This process's micro-batches of a packed step: `size` rows each before rank slicing (a
    rank left without a row gets an empty filler row)."""
    world, rank = (group.size(), group.rank()) if group is not None else (1, 0)
    out = []
    for first in range(0, len(step.rows), size):
        rows = step.rows[first:first + size][rank::world] or [np.zeros(0, np.int64)]
        out.append(make_packed_batch(split, rows, step.width or plan.width, pad_id,
                                     separate=plan.rows < len(split)))
    return out


def make_packed_batch(split: TokenizedSplit, rows: list[np.ndarray], width: int,
                      pad_id: int = 0, separate: bool = True) -> Batch:
    """Rows of packed examples: tokens and segment ids [b, width], target mask [b, width - 1].
    An empty row (a rank's filler) is all padding and counts no target. separate False (a run
    whose rows never hold two examples, e.g. long texts): a plain batch, the model's own causal
    mask then being exact and faster (its padding comes after the one example)."""
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
    if not separate:
        lengths = np.array([[split.offsets[r[0]], len(split.tokens[r[0]])] if len(r) else
                            [1, 1] for r in rows], dtype=np.int32)
        return Batch(tokens, lengths, targets, real, examples)
    return Batch(tokens, np.zeros((len(rows), 2), np.int32), targets, real, examples,
                 segments=segments, target_mask=mask)

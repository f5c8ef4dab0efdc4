"""What the packed rows' attention mask costs (issue 19), on whatever device MLX runs.

    python bench/sdpa_mask.py [--widths 385,513] [--batch 1] [--heads 9] [--kv-heads 3] [--dim 64]
                              [--layers 30] [--repeats 50]

MLX's scaled_dot_product_attention, forward and backward (the gradients of queries, keys and
values, as a training step takes them), over `layers` calls in one compiled function (one step of
a model of that many layers), at SmolLM2-135M's head shapes by default, with three masks on the
same rows: ``causal`` (what mlx-lm's unpacked rows use: the fused kernels), ``packed`` (our
block-diagonal causal bool mask, packing.segment_mask, four or five examples a row, as packing
fills one) and ``additive`` (the same mask as 0 / -inf in the rows' dtype). Prints the median
milliseconds per step of each and the ratio to ``causal``: where ``packed`` costs much more, a step
of a packed run pays it in every layer, and a kernel that takes segment ids would win it back.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mlx.core as mx  # noqa: E402
import numpy as np  # noqa: E402

from farense_studio.engine.packing import segment_mask  # noqa: E402


def segments_of(batch: int, width: int, rng: np.random.Generator) -> mx.array:
    """[batch, width] segment ids: examples of 40-160 tokens filling each row, as packing does."""
    rows = []
    for _ in range(batch):
        ids, segment = [], 0
        while len(ids) < width:
            length = int(rng.integers(40, 160))
            ids += [segment] * min(length, width - len(ids))
            segment += 1
        rows.append(ids)
    return mx.array(np.array(rows, dtype=np.int32))


def step_function(layers: int, scale: float, mask):
    def loss(q, k, v):
        total = mx.array(0.0, dtype=mx.float32)
        for _ in range(layers):
            out = mx.fast.scaled_dot_product_attention(q, k, v, scale=scale, mask=mask)
            total = total + out.astype(mx.float32).sum()
            q = q + 0.001 * out  # each layer reads the one before, as in a model
        return total

    return mx.compile(mx.value_and_grad(loss, argnums=(0, 1, 2)))


def median_ms(fn, args, repeats: int) -> float:
    for _ in range(3):
        mx.eval(fn(*args))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        mx.eval(fn(*args))
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2] * 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default="385,513")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--heads", type=int, default=9)
    parser.add_argument("--kv-heads", type=int, default=3)
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--layers", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(f"device {mx.default_device()}, {args.layers} layers, batch {args.batch}, heads {args.heads}/"
          f"{args.kv_heads} x {args.dim}, bf16")
    for width in (int(w) for w in args.widths.split(",")):
        shape = (args.batch, args.heads, width, args.dim)
        kv = (args.batch, args.kv_heads, width, args.dim)
        q, k, v = (mx.random.normal(s).astype(mx.bfloat16) for s in (shape, kv, kv))
        packed = segment_mask(segments_of(args.batch, width, rng))
        additive = mx.where(packed, mx.array(0.0), mx.array(-mx.inf)).astype(mx.bfloat16)
        mx.eval(q, k, v, packed, additive)
        scale = args.dim ** -0.5
        results = {name: median_ms(step_function(args.layers, scale, mask), (q, k, v), args.repeats)
                   for name, mask in (("causal", "causal"), ("packed", packed), ("additive", additive))}
        base = results["causal"]
        print(f"width {width}: " + ", ".join(f"{name} {ms:.2f} ms ({ms / base:.2f}x)"
                                             for name, ms in results.items()))


if __name__ == "__main__":
    main()

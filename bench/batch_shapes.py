"""How many distinct batch shapes (each one a compiled graph) and micro-batches each batching
makes, over the passes of bench/train_throughput.py's data, without running a model.

    python bench/batch_shapes.py --model DIR [--examples 160] [--batch 4] [--micro 4]
                                 [--epochs 3] [--rows qa|full|club]
    python bench/batch_shapes.py --rows club [--examples 2000]    # no model: the lengths

The model folder only gives the tokenizer; with --rows club and no --model, the corpus's token
lengths (bench/data/club_lengths.json, SmolLM2's tokenizer) are packed directly. Prints, per
batching, the distinct (rows, width) shapes, the micro-batches, the share of real tokens and the
tokens computed; packing with one row width and with two (engine.packing.layout).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_throughput as tt  # noqa: E402

BATCHINGS = {  # name: (batching, pad_multiple, split_cost), as train_throughput's variants
    "ours, 1B+ models (shuffle, pad 16, split)": ("shuffle", 16, 64),
    "ours, smaller models (shuffle, pad 16)": ("shuffle", 16, None),
    "same (mlx-lm's: sorted, pad 32)": ("sorted", 32, None),
    "coarse (shuffle, pad 64)": ("shuffle", 64, None),
    "pack, one row width": ("pack", 1, None),
    "pack, two row widths where they help (shipped)": ("pack", 2, None),
}


def club_lengths(examples: int, seed: int = 0):
    """The corpus's total lengths, or `examples` drawn from them as train_throughput draws."""
    import numpy as np

    train = json.loads(tt.CLUB_LENGTHS.read_text())["train"]
    if examples:
        rng = random.Random(seed)
        train = [rng.choice(train) for _ in range(examples)]
    return np.array([total for _, total in train], dtype=np.int64)


def tokenized_lengths(args):
    from mlx_lm.tokenizer_utils import load as load_tokenizer

    from farense_studio.engine import batches as B

    tokenizer = load_tokenizer(Path(args.model))
    folder = Path(tempfile.mkdtemp(prefix="farense-shapes-"))
    if args.rows == "club":
        data = tt.write_club_data(folder, tokenizer, args.examples)
    else:
        data = tt.write_qa_data(folder, args.examples, 0, full_rows=args.rows == "full")
    split = B.tokenize_split(data / "train.jsonl", tokenizer, system_prompt=None,
                             mask_prompt=True, max_seq_length=args.seq)
    return split.lengths


def packed(lengths, args, widths: int):
    """(shapes, micro-batches, real tokens, computed tokens) of packing's passes."""
    from farense_studio.engine import packing as P

    layout = P.layout(lengths, args.seq, args.batch, two_widths=widths == 2)
    shapes, micro, real, computed = set(), 0, 0, 0
    for epoch in range(args.epochs):
        for step in P.epoch_plan(lengths, layout, 0, epoch):
            for first in range(0, len(step), args.micro):
                shapes.add((len(step.rows[first:first + args.micro]), step.width))
                micro += 1
            real += int(lengths[step.examples].sum())
            computed += len(step) * step.width
    print(f"    layout: widths {layout.widths}, {layout.per_step} row(s) a step, "
          f"{layout.steps} steps a pass")
    return shapes, micro, real, computed


def unpacked(lengths, args, batching: str, pad: int, cost):
    from farense_studio.engine import batches as B

    shapes, micro, real, computed = set(), 0, 0, 0
    for epoch in range(args.epochs):
        for rows in B.epoch_plan(lengths, args.batch, 0, epoch, batching, pad):
            for part in B.split_micro(rows, lengths, args.micro, pad, cost):
                width = B.padded_width(max(lengths[part]), pad)
                shapes.add((len(part), width))
                micro += 1
                real += int(lengths[part].sum())
                computed += len(part) * width
    return shapes, micro, real, computed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="a model folder (its tokenizer); optional with --rows club")
    parser.add_argument("--examples", type=int, default=160)
    parser.add_argument("--batch", type=int, default=4, help="examples a step")
    parser.add_argument("--micro", type=int, default=0,
                        help="micro-batch rows (default: --batch, no accumulation)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seq", type=int, default=512)
    parser.add_argument("--rows", choices=("qa", "full", "club"), default="qa",
                        help="club: the sample corpus's lengths (--examples 0) or --examples "
                             "rows of its length histogram, as train_throughput.py")
    args = parser.parse_args()
    args.micro = args.micro or args.batch
    if args.model:
        lengths = tokenized_lengths(args)
    elif args.rows == "club":
        lengths = club_lengths(args.examples)
    else:
        parser.error("--model is needed unless --rows club")
    print(f"{len(lengths)} examples of {lengths.min()}-{lengths.max()} tokens "
          f"(median {int(sorted(lengths)[len(lengths) // 2])}), {args.batch} a step in "
          f"micro-batches of {args.micro}, {args.epochs} passes")
    for name, (batching, pad, cost) in BATCHINGS.items():
        print(f"  {name}")
        if batching == "pack":
            shapes, micro, real, computed = packed(lengths, args, pad)
        else:
            shapes, micro, real, computed = unpacked(lengths, args, batching, pad, cost)
        print(f"    {len(shapes):3d} shapes, {micro:4d} micro-batches, {real / computed:.1%} "
              f"real tokens, {computed:,} computed ({computed - real:,} padding)")


if __name__ == "__main__":
    main()

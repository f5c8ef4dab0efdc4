"""How many distinct batch shapes (each one a compiled graph) and micro-batches each batching
makes, over the passes of bench/train_throughput.py's data, without running a model.

    python bench/batch_shapes.py --model DIR [--examples 160] [--batch 4] [--epochs 3] [--rows qa]

The model folder only gives the tokenizer. Prints, per batching, the distinct (rows, width)
shapes, the micro-batches and the share of real tokens.
"""

from __future__ import annotations

import argparse
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
    "pack (whole examples share rows)": ("pack", 16, None),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--examples", type=int, default=160)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seq", type=int, default=512)
    parser.add_argument("--rows", choices=("qa", "full", "club"), default="qa",
                        help="club: the sample corpus's lengths (--examples 0) or --examples "
                             "rows of its length histogram, as train_throughput.py")
    args = parser.parse_args()

    from mlx_lm.tokenizer_utils import load as load_tokenizer

    from farense_studio.engine import batches as B
    from farense_studio.engine import packing as P

    tokenizer = load_tokenizer(Path(args.model))
    folder = Path(tempfile.mkdtemp(prefix="farense-shapes-"))
    if args.rows == "club":
        data = tt.write_club_data(folder, tokenizer, args.examples)
    else:
        data = tt.write_qa_data(folder, args.examples, 0, full_rows=args.rows == "full")
    split = B.tokenize_split(data / "train.jsonl", tokenizer, system_prompt=None,
                             mask_prompt=True, max_seq_length=args.seq)
    lengths = split.lengths
    print(f"{len(lengths)} examples of {lengths.min()}-{lengths.max()} tokens, batch "
          f"{args.batch}, {args.epochs} passes")
    for name, (batching, pad, cost) in BATCHINGS.items():
        shapes, micro, real, padded = set(), 0, 0, 0
        if batching == "pack":
            layout = P.layout(lengths, args.seq, args.batch)
        for epoch in range(args.epochs):
            if batching == "pack":
                for step in P.epoch_plan(lengths, layout, 0, epoch):
                    for first in range(0, len(step), args.batch):
                        shapes.add((len(step.rows[first:first + args.batch]), layout.width))
                        micro += 1
                    real += int(lengths[step.examples].sum())
                    padded += len(step) * layout.width
                continue
            for rows in B.epoch_plan(lengths, args.batch, 0, epoch, batching, pad):
                for part in B.split_micro(rows, lengths, args.batch, pad, cost):
                    width = B.padded_width(max(lengths[part]), pad)
                    shapes.add((len(part), width))
                    micro += 1
                    real += int(lengths[part].sum())
                    padded += len(part) * width
        print(f"  {name:45s} {len(shapes):3d} shapes, {micro:4d} micro-batches, "
              f"{real / padded:.0%} real tokens")


if __name__ == "__main__":
    main()

"""The club's example lengths: (prompt tokens, tokens) of every prepared sample-corpus example,
as the app trains them, for benches whose models have another tokenizer.

    python bench/club_lengths.py PREPARED_DIR [--model demo] [--out bench/data/club_lengths.json]

PREPARED_DIR: `farense-studio data prepare --jsonl resources/sample_data/qa.jsonl --bios
resources/sample_data/biografias/jogadores --out DIR --seed 42` (190 training, 20 checking
examples). Lengths through the model's tokenizer and chat template (SmolLM2's by default), with
the app's default system prompt, prompt masking and max_seq_length 512 (TrainConfig defaults).
bench/train_throughput.py --rows club builds data of these lengths with the bench model's
tokenizer.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prepared", type=Path)
    parser.add_argument("--model", default="demo")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parent / "data" / "club_lengths.json")
    args = parser.parse_args()

    from mlx_lm.tokenizer_utils import load as load_tokenizer

    from farense_studio.engine import batches as B
    from farense_studio.engine.config import TrainConfig
    from farense_studio.engine.lora import resolve_model_path

    config = TrainConfig()
    tokenizer = load_tokenizer(resolve_model_path(args.model))
    out = {"source": f"{args.prepared.name}, tokenizer of {args.model}", "max_seq_length":
           config.max_seq_length}
    for name, key in ((B.TRAIN_FILE, "train"), (B.VALID_FILE, "valid")):
        split = B.tokenize_split(args.prepared / name, tokenizer, system_prompt=config.system_prompt,
                                 mask_prompt=config.mask_prompt, max_seq_length=config.max_seq_length)
        out[key] = [[int(o), len(t)] for o, t in zip(split.offsets, split.tokens)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out))
    print(f"{args.out}: {len(out['train'])} training, {len(out['valid'])} checking examples")


if __name__ == "__main__":
    main()

"""Random-weight model folders shaped like the real models, for GPU benchmarks (no download).

    python bench/model_shapes.py smollm2 OUT [--bits 4]
    python bench/model_shapes.py mistral7b OUT --bits 4

The weights are random (the benchmarks measure speed and memory, not answers); the tokenizer is
the tiny byte-level BPE of farense_studio.engine.tiny_model, whose ids all fall inside the
model's vocabulary. Quantization uses mlx-lm's own quantize (group size 64, as mlx-community's
4-bit models).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

SHAPES = {
    # HuggingFaceTB/SmolLM2-135M-Instruct
    "smollm2": dict(hidden_size=576, num_hidden_layers=30, intermediate_size=1536,
                    num_attention_heads=9, num_key_value_heads=3, vocab_size=49152,
                    rope_theta=100000.0, tie_word_embeddings=True, model_type="llama"),
    # mistralai/Mistral-7B-Instruct-v0.3
    "mistral7b": dict(hidden_size=4096, num_hidden_layers=32, intermediate_size=14336,
                      num_attention_heads=32, num_key_value_heads=8, vocab_size=32768,
                      rope_theta=1000000.0, tie_word_embeddings=False, model_type="mistral"),
}


def build(shape: str, out: Path, bits: int | None = None, dtype: str = "bfloat16") -> Path:
    import mlx.core as mx
    import mlx.nn as nn
    from mlx.utils import tree_flatten, tree_map
    from mlx_lm.models import llama

    from farense_studio.engine.tiny_model import _write_tokenizer, build_tokenizer

    out.mkdir(parents=True, exist_ok=True)
    config = dict(SHAPES[shape], rms_norm_eps=1e-5, max_position_embeddings=4096,
                  architectures=["LlamaForCausalLM"])
    tok = build_tokenizer(512)
    _write_tokenizer(tok, out)
    config["eos_token_id"] = tok.token_to_id("<|im_end|>")
    mx.random.seed(0)
    model = llama.Model(llama.ModelArgs.from_dict(config))
    target = getattr(mx, dtype)
    model.update(tree_map(lambda p: (p * 0.02).astype(target) if p.ndim > 1 else p.astype(target),
                          model.parameters()))
    mx.eval(model.parameters())
    if bits:
        nn.quantize(model, group_size=64, bits=bits)
        config["quantization"] = {"group_size": 64, "bits": bits}
    weights = dict(tree_flatten(model.parameters()))
    # Shard like mlx-lm so no single file passes ~5 GB.
    shard, shards, size = {}, [], 0
    for k, v in weights.items():
        if size + v.nbytes > 4 << 30 and shard:
            shards.append(shard)
            shard, size = {}, 0
        shard[k] = v
        size += v.nbytes
    shards.append(shard)
    index = {"metadata": {"total_size": sum(v.nbytes for v in weights.values())}, "weight_map": {}}
    for i, part in enumerate(shards):
        name = f"model-{i + 1:05d}-of-{len(shards):05d}.safetensors"
        mx.save_safetensors(str(out / name), part, metadata={"format": "mlx"})
        index["weight_map"].update({k: name for k in part})
    (out / "model.safetensors.index.json").write_text(json.dumps(index))
    (out / "config.json").write_text(json.dumps(config, indent=2))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", choices=sorted(SHAPES))
    parser.add_argument("out", type=Path)
    parser.add_argument("--bits", type=int, choices=(4, 8))
    parser.add_argument("--dtype", default="bfloat16")
    args = parser.parse_args()
    print(build(args.shape, args.out, args.bits, args.dtype))


if __name__ == "__main__":
    main()

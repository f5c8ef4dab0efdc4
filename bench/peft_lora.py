"""PyTorch + PEFT LoRA training throughput for the same shapes as bench/model_shapes.py (GPU peer).

Runs only where torch, transformers and peft are installed (the GPU machine); the project never
depends on them. Random weights, bf16, LoRA rank 16 / alpha 32 on every projection of the last
16 layers, batch B x L tokens of random ids, Adam, eager mode. Prints one JSON line.

    python bench/peft_lora.py --shape smollm2 --steps 20 --batch 4 --seq 512
"""

from __future__ import annotations

import argparse
import json
import time

from model_shapes import SHAPES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), default="smollm2")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--seq", type=int, default=512)
    parser.add_argument("--layers", type=int, default=16)
    parser.add_argument("--rank", type=int, default=16)
    args = parser.parse_args()

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaConfig, LlamaForCausalLM, MistralConfig, MistralForCausalLM

    shape = dict(SHAPES[args.shape])
    model_type = shape.pop("model_type")
    cfg_cls, model_cls = ((MistralConfig, MistralForCausalLM) if model_type == "mistral"
                          else (LlamaConfig, LlamaForCausalLM))
    config = cfg_cls(**shape, rms_norm_eps=1e-5, max_position_embeddings=4096)
    torch.manual_seed(0)
    with torch.device("cuda"):
        model = model_cls(config).to(torch.bfloat16)
    n = config.num_hidden_layers
    layers = list(range(n - args.layers, n))
    lora = LoraConfig(r=args.rank, lora_alpha=2 * args.rank, lora_dropout=0.0,
                      target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
                                      "up_proj", "down_proj"],
                      layers_to_transform=layers, task_type="CAUSAL_LM")
    model = get_peft_model(model, lora)
    model.train()
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    ids = torch.randint(0, 512, (args.batch, args.seq), device="cuda")

    def step():
        out = model(input_ids=ids, labels=ids)
        out.loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        return out.loss

    for _ in range(args.warmup):
        step()
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    t0 = time.perf_counter()
    for _ in range(args.steps):
        loss = step()
    torch.cuda.synchronize()
    dt = time.perf_counter() - t0
    tokens = args.batch * args.seq * args.steps
    print(json.dumps({"impl": "torch+peft", "shape": args.shape, "batch": args.batch,
                      "seq": args.seq, "steps": args.steps, "tokens_per_s": tokens / dt,
                      "peak_mem_gb": torch.cuda.max_memory_allocated() / 1e9,
                      "loss": float(loss), "torch": torch.__version__}))


if __name__ == "__main__":
    main()

"""PyTorch + PEFT LoRA training throughput for the same shapes as bench/model_shapes.py (GPU peer).

Runs only where torch, transformers and peft are installed (the GPU machine); the project never
depends on them. Random weights, bf16, LoRA rank 16 / alpha 32 on every projection of the last
16 layers, batch B x L tokens of random ids, Adam, eager mode. Prints one JSON line with
tokens/s, peak memory (torch.cuda.max_memory_allocated) and the model FLOP utilisation counted
by bench/flops.py (the same count as the MLX bench).

    python bench/peft_lora.py --shape smollm2 --steps 20 --batch 4 --seq 512
    python bench/peft_lora.py --shape mistral7b --bits 4     # QLoRA: bitsandbytes NF4 weights
"""

from __future__ import annotations

import argparse
import json
import time

import flops
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
    parser.add_argument("--bits", type=int, choices=(4,), help="4: NF4 weights (bitsandbytes)")
    parser.add_argument("--peak-tflops", type=float, default=flops.H100_SXM_BF16_DENSE_TFLOPS)
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
    if args.bits:
        quantize_nf4(model)
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
    count = flops.lora_flops_per_token(SHAPES[args.shape], args.seq, args.layers, args.rank)
    print(json.dumps({"impl": "torch+peft" + ("+bnb-nf4" if args.bits else ""),
                      "shape": args.shape, "batch": args.batch,
                      "seq": args.seq, "steps": args.steps, "tokens_per_s": tokens / dt,
                      "peak_mem_gb": torch.cuda.max_memory_allocated() / 1e9,
                      "flops_per_token": count["total"],
                      "mfu": flops.mfu(count["total"], tokens / dt, args.peak_tflops),
                      "loss": float(loss), "torch": torch.__version__}))


def quantize_nf4(model) -> None:
    """Every nn.Linear of the decoder layers becomes a bitsandbytes Linear4bit (NF4, bf16
    compute), as transformers' BitsAndBytesConfig(load_in_4bit=True) would load it."""
    import bitsandbytes as bnb
    import torch

    for layer in model.model.layers:
        for name, module in list(layer.named_modules()):
            for child_name, child in list(module.named_children()):
                if isinstance(child, torch.nn.Linear):
                    q = bnb.nn.Linear4bit(child.in_features, child.out_features, bias=False,
                                          compute_dtype=torch.bfloat16, quant_type="nf4")
                    q.weight = bnb.nn.Params4bit(child.weight.data.to("cpu"),
                                                 requires_grad=False, quant_type="nf4")
                    setattr(module, child_name, q.to("cuda"))
    torch.cuda.empty_cache()


if __name__ == "__main__":
    main()

"""Model FLOPs of one LoRA training token, for the model FLOP utilisation (MFU) of the benches.

One count for every bench (MLX and PyTorch + PEFT), from the model's config.json fields:

    d = hidden_size, L = num_hidden_layers, f = intermediate_size, V = vocab_size,
    kv = num_key_value_heads * head_dim, s = trained positions per row, K = LoRA layers (the
    last K), r = LoRA rank, P = matmul weights of one layer = 2*d*d + 2*d*kv + 3*d*f.

    forward            2 * (L*P + V*d)             every weight once per token (lm_head included;
                                                   the embedding lookup is not a matmul)
                     + 4 * L * s * d               attention scores and context (QK^T, AV), full
                                                   s x s as in PaLM's MFU, causal mask not halved
                     + 2 * K * R                   LoRA A and B, R = r * sum(in + out) of a layer
    backward           2 * (K*P + V*d)             activation gradients through the frozen weights
                                                   of the K trained layers and the lm_head (no
                                                   weight gradients: they are frozen)
                     + 8 * K * s * d               attention backward (twice its forward)
                     + 4 * K * R                   LoRA: activation and weight gradients

The frozen layers below the first LoRA layer need no backward. Recomputation by gradient
checkpointing is not counted (model FLOPs, not hardware FLOPs). Quantized weights count as
their logical shape: a 4-bit matmul does the same multiply-adds after dequantization.
"""

from __future__ import annotations

H100_SXM_BF16_DENSE_TFLOPS = 989.4  # NVIDIA H100 SXM5 datasheet, bf16 tensor core, no sparsity


def lora_flops_per_token(config: dict, seq: int, lora_layers: int, rank: int) -> dict:
    d = config["hidden_size"]
    layers = config["num_hidden_layers"]
    f = config["intermediate_size"]
    vocab = config["vocab_size"]
    heads = config["num_attention_heads"]
    head_dim = config.get("head_dim") or d // heads
    kv = config.get("num_key_value_heads", heads) * head_dim
    k = layers if lora_layers < 0 else min(lora_layers, layers)
    per_layer = 2 * d * d + 2 * d * kv + 3 * d * f
    lora_per_layer = rank * ((d + d) + (d + kv) * 2 + (d + d) + 3 * (d + f))
    forward = 2 * (layers * per_layer + vocab * d) + 4 * layers * seq * d + 2 * k * lora_per_layer
    backward = 2 * (k * per_layer + vocab * d) + 8 * k * seq * d + 4 * k * lora_per_layer
    return {"forward": forward, "backward": backward, "total": forward + backward,
            "params_matmul": layers * per_layer + vocab * d, "lora_params": k * lora_per_layer}


def mfu(flops_per_token: float, tokens_per_s: float,
        peak_tflops: float = H100_SXM_BF16_DENSE_TFLOPS) -> float:
    return flops_per_token * tokens_per_s / (peak_tflops * 1e12)

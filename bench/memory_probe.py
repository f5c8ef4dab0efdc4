"""Where the memory of a LoRA training step goes: one measured case per fresh process.

    python bench/memory_probe.py --model DIR [--batches 1,2,4] [--seq 512] [--layers 16]

For the model folder (e.g. the 4-bit Mistral-7B shape of bench/model_shapes.py) it measures,
each case in its own process so nothing carries over, MLX's peak memory (mx.get_peak_memory,
reset after loading) of:
  weights    the loaded model (active memory after loading, LoRA added)
  forward    the loss of one batch, no gradient
  grad       loss and LoRA gradients of one batch (nn.value_and_grad, as mlx-lm's trainer)
  compiled   the same through mx.compile over the model state (as our trainer's step)
  ckpt       grad with mlx-lm's grad_checkpoint on every transformer block
  ckpt_comp  ckpt, compiled
  step       a whole compiled Adam step (gradients + update), as the trainer runs it
  split      the frozen layers below the LoRA layers evaluated first, on their own (no
             gradient flows through them), then loss and gradients of the trained layers only
  split_step split with a whole compiled Adam step for the trained layers (a trainer could do
             this: two compiled functions, an evaluation between them)
and, with --dequantize, the same cases after mlx-lm's dequantize_model (bf16 weights), which
separates what the quantized layers add from what the activations take. Rows of --seq tokens
of random ids. The table gives each peak and the peak minus the weights.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

CASES = ("forward", "grad", "compiled", "ckpt", "ckpt_comp", "step", "split", "split_step")


def measure(model_dir: str, case: str, batch: int, seq: int, layers: int, rank: int,
            dequantize: bool) -> dict:
    import mlx.core as mx
    import mlx.nn as nn
    import mlx.optimizers as optim
    from mlx.utils import tree_flatten
    from mlx_lm import load
    from mlx_lm.tuner.trainer import grad_checkpoint
    from mlx_lm.tuner.utils import linear_to_lora_layers

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from farense_studio.engine.lora import masked_loss

    model, _ = load(model_dir)
    if dequantize:
        from mlx_lm.utils import dequantize_model

        model = dequantize_model(model)
    model.freeze()
    mx.random.seed(0)
    linear_to_lora_layers(model, layers, {"rank": rank, "scale": 2.0, "dropout": 0.0})
    model.train()
    mx.eval(model.parameters())
    weights = mx.get_active_memory()
    weight_bytes = sum(v.nbytes for _, v in tree_flatten(model.parameters()))
    vocab = 512  # ids every shape's vocabulary holds
    tokens = mx.random.randint(0, vocab, (batch, seq + 1)).astype(mx.int32)
    lengths = mx.array([[0, seq + 1]] * batch, dtype=mx.int32)
    scale = mx.array(1.0 / (batch * seq), mx.float32)
    mx.eval(tokens, lengths, scale)
    if case.startswith("ckpt"):
        grad_checkpoint(model.layers[0])
    loss_and_grad = nn.value_and_grad(model, masked_loss)
    state = [model.state]

    if case.startswith("split"):
        run = split_case(model, case, tokens, lengths, scale, layers, state)
    elif case == "forward":
        def run():
            return masked_loss(model, tokens, lengths, scale)
    elif case in ("grad", "ckpt"):
        def run():
            return loss_and_grad(model, tokens, lengths, scale)
    elif case in ("compiled", "ckpt_comp"):
        run = mx.compile(lambda: loss_and_grad(model, tokens, lengths, scale),
                         inputs=state, outputs=state)
    elif case == "step":
        optimizer = optim.Adam(learning_rate=1e-4)
        optimizer.init(model.trainable_parameters())
        state = [model.state, optimizer.state]

        def update():
            (loss, _n), grad = loss_and_grad(model, tokens, lengths, scale)
            optimizer.update(model, grad)
            return loss

        run = mx.compile(update, inputs=state, outputs=state)
    else:
        raise ValueError(case)
    out = run()  # first call: compilation and any one-off buffers
    mx.eval(out, state)
    del out
    mx.clear_cache()
    mx.reset_peak_memory()
    out = run()
    mx.eval(out, state)
    peak = mx.get_peak_memory()
    return {"case": case, "batch": batch, "seq": seq, "layers": layers,
            "dequantized": dequantize, "weights_gb": weights / 1e9,
            "weight_tensors_gb": weight_bytes / 1e9, "peak_gb": peak / 1e9,
            "above_weights_gb": (peak - weights) / 1e9}


def split_case(model, case, tokens, lengths, scale, layers, state):
    """Lower (frozen) layers as one evaluation, then the upper (LoRA) layers with gradients,
    for mlx-lm's llama-family models (model.model.layers, embed_tokens, input_embeddings)."""
    import mlx.core as mx
    import mlx.nn as nn
    import mlx.optimizers as optim

    from farense_studio.engine.lora import masked_loss_of_logits

    inner = model.model
    count = len(inner.layers)
    lower = inner.layers[: count - layers]
    inner.layers = inner.layers[count - layers:]  # the model now runs the trained layers only

    def run_lower(ids):
        h = inner.embed_tokens(ids)
        for layer in lower:
            h = layer(h, "causal")
        return h

    def upper_loss(model, h0, tokens, lengths, scale):
        logits = model(tokens[:, :-1], input_embeddings=h0)
        return masked_loss_of_logits(logits, tokens, lengths, scale)

    lower_fn = mx.compile(run_lower)
    loss_and_grad = nn.value_and_grad(model, upper_loss)
    if case == "split":
        def run():
            h0 = lower_fn(tokens[:, :-1])
            mx.eval(h0)
            return loss_and_grad(model, h0, tokens, lengths, scale)
        return run
    optimizer = optim.Adam(learning_rate=1e-4)
    optimizer.init(model.trainable_parameters())
    state.append(optimizer.state)

    def update(h0):
        (loss, _n), grad = loss_and_grad(model, h0, tokens, lengths, scale)
        optimizer.update(model, grad)
        return loss

    step = mx.compile(update, inputs=state, outputs=state)

    def run():
        h0 = lower_fn(tokens[:, :-1])
        mx.eval(h0)
        return step(h0)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--batches", default="1,2,4")
    parser.add_argument("--seq", type=int, default=512)
    parser.add_argument("--layers", type=int, default=16)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--dequantize", action="store_true", help="also every case in bf16")
    parser.add_argument("--json", help="write the rows to this file")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: case:batch:dequantize
    args = parser.parse_args()

    if args.one:
        case, batch, deq = args.one.split(":")
        print(json.dumps(measure(args.model, case, int(batch), args.seq, args.layers,
                                 args.rank, deq == "1")))
        return

    import mlx.core as mx

    print(f"device {mx.default_device()}, model {args.model}, seq {args.seq}, LoRA rank "
          f"{args.rank} on the last {args.layers} layers", flush=True)
    rows = []
    modes = [False, True] if args.dequantize else [False]
    for deq in modes:
        for batch in [int(b) for b in args.batches.split(",")]:
            for case in args.cases.split(","):
                cmd = [sys.executable, __file__, "--model", args.model, "--seq", str(args.seq),
                       "--layers", str(args.layers), "--rank", str(args.rank),
                       "--one", f"{case}:{batch}:{int(deq)}"]
                done = subprocess.run(cmd, capture_output=True, text=True)
                if done.returncode != 0:
                    tail = done.stderr.strip().splitlines()[-1:] or ["?"]
                    print(f"  {'bf16' if deq else 'stored':6s} {case:9s} {batch} x {args.seq}: "
                          f"failed ({tail[0][:120]})", flush=True)
                    continue
                row = json.loads(done.stdout.strip().splitlines()[-1])
                rows.append(row)
                print(f"  {'bf16' if deq else 'stored':6s} {case:9s} {batch} x {args.seq}: peak "
                      f"{row['peak_gb']:6.2f} GB = weights {row['weights_gb']:5.2f} + "
                      f"{row['above_weights_gb']:6.2f} GB", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()

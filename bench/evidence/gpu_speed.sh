#!/usr/bin/env bash
# Issue 10, part 2: speed and memory on the GPU machine, one stage per device call (each call
# is limited to 10 minutes). Needs MLX (mlx-cuda) importable, and torch + peft (+ bitsandbytes
# for the 4-bit PEFT row) for the PyTorch peer. Every figure lands in $OUT/<stage>/.
#
#   bash bench/evidence/gpu_speed.sh env|m7b4|memory|peft|m7b16|smollm2|smol_qa
#
# m7b4     builds the Mistral-7B-shaped 4-bit model (random weights) and runs our trainer vs
#          mlx-lm's train() at batch 4 x 512 full rows, then at 1 x 512 with gradient
#          checkpointing (what the app's presets choose below 32 GB)
# memory   bench/memory_probe.py on that model: weights, forward, gradients, compiled,
#          checkpointed, a whole step; 4-bit and dequantized (bf16) weights; batch 1 and 4
# peft     PyTorch + PEFT at the same shapes: SmolLM2 bf16, Mistral-7B bf16, Mistral-7B NF4
# m7b16    Mistral-7B shape in bf16: our trainer vs mlx-lm at 4 x 512
# smollm2  SmolLM2-135M shape in bf16: our trainer vs mlx-lm at 4 x 512
# smol_qa  the converted demo SmolLM2 (4-bit) on Q&A-length rows, 3 passes: batching variants
set -euo pipefail
STAGE=${1:?stage}
PY=${PYTHON:-python3}
M=${MODELS:-/tmp/models}
R="$OUT/$STAGE"
mkdir -p "$R" "$M"
TT="$PY bench/train_throughput.py"
cd "$(dirname "$0")/../.."

build() {  # shape out [model_shapes options]
    if [ ! -f "$2/config.json" ]; then
        local t0=$SECONDS
        $PY bench/model_shapes.py "$1" "$2" "${@:3}"
        echo "built $2 in $((SECONDS - t0)) s"
    fi
}

case "$STAGE" in
env)
    nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv | tee "$R/gpu.txt"
    $PY - <<'PY' 2>&1 | tee -a "$R/gpu.txt"
import importlib, mlx.core as mx
print("mlx", mx.__version__, mx.default_device())
for name in ("mlx_lm", "torch", "peft", "transformers", "bitsandbytes"):
    try:
        print(name, importlib.import_module(name).__version__)
    except Exception as exc:
        print(name, "missing:", exc)
PY
    ;;
m7b4)
    build mistral7b "$M/m7b4" --bits 4
    $TT --model "$M/m7b4" --rows full --seq 513 --batch 4 --layers 16 --steps 20 --warmup 5 \
        --save-every 1000 --variants peer,ours --json "$R/m7b4_4x512.json" 2>&1 | grep --line-buffered -v "│" | tee "$R/m7b4_4x512.txt"
    $TT --model "$M/m7b4" --rows full --seq 513 --batch 1 --layers 16 --steps 20 --warmup 5 \
        --save-every 1000 --grad-checkpoint --variants peer,ours --json "$R/m7b4_1x512_ckpt.json" 2>&1 | grep --line-buffered -v "│" | tee "$R/m7b4_1x512_ckpt.txt"
    ;;
memory)
    $PY bench/memory_probe.py --model "$M/m7b4" --batches 1,4 --seq 512 --layers 16 \
        --cases forward,grad,compiled,ckpt,ckpt_comp,step --dequantize --json "$R/m7b4_memory.json" 2>&1 | tee "$R/m7b4_memory.txt"
    ;;
peft)
    cd bench
    $PY peft_lora.py --shape smollm2 --steps 30 2>&1 | tail -1 | tee "$R/peft.jsonl"
    $PY peft_lora.py --shape mistral7b --steps 10 2>&1 | tail -1 | tee -a "$R/peft.jsonl"
    $PY peft_lora.py --shape mistral7b --steps 10 --bits 4 2>&1 | tail -3 | tee -a "$R/peft.jsonl"
    ;;
m7b16)
    build mistral7b "$M/m7b16"
    $TT --model "$M/m7b16" --rows full --seq 513 --batch 4 --layers 16 --steps 20 --warmup 5 \
        --save-every 1000 --variants peer,ours --json "$R/m7b16_4x512.json" 2>&1 | grep --line-buffered -v "│" | tee "$R/m7b16_4x512.txt"
    ;;
smollm2)
    build smollm2 "$M/sm16"
    $TT --model "$M/sm16" --rows full --seq 513 --batch 4 --layers 16 --steps 40 --warmup 10 \
        --save-every 1000 --variants peer,ours --repeats 2 --json "$R/sm16_4x512.json" 2>&1 | grep --line-buffered -v "│" | tee "$R/sm16_4x512.txt"
    ;;
smol_qa)
    $PY -c "import sys; from farense_studio.engine.models import resolve_model; print(resolve_model('demo'))" > "$R/demo_path.txt"
    $TT --model "$(cat "$R/demo_path.txt")" --rows qa --batch 4 --layers 16 --steps 120 --warmup 10 \
        --epochs 3 --variants peer,same,ours,coarse --json "$R/smollm2_qa.json" 2>&1 | grep --line-buffered -v "│" | tee "$R/smollm2_qa.txt"
    ;;
*)
    echo "unknown stage $STAGE" >&2; exit 2 ;;
esac

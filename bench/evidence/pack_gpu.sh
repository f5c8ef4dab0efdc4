#!/usr/bin/env bash
# Issue 19: packing against mlx-lm's train() on the GPU machine, one stage per device call
# (10 minutes each). Every figure lands in $OUT/<stage>/.
#
#   bash bench/evidence/pack_gpu.sh install WHEELS_B_DIR   # after /tmp/w holds .whlA's files
#   bash bench/evidence/pack_gpu.sh smoke|smol|m7b|m7b_2000|smol2|m7b2|ckpt
#
# smoke     GPU and versions
# smol      SmolLM2-135M shape (bf16, random weights): club rows (the sample corpus's lengths,
#           3 passes; 2,000 rows of its length histogram, 1 pass) and full 4 x 512 rows
# m7b       Mistral-7B shape, 4-bit: club rows 3 passes, full 4 x 512, 1 x 512 with gradient
#           checkpointing
# m7b_2000  Mistral-7B 4-bit: 2,000 club rows, 1 pass; club rows at 1 x 4 micro-batches with
#           gradient checkpointing (the presets below 32 GB)
# smol2, m7b2  round 2, after rows became 1 + a multiple of 128 wide: smol's and m7b's club
#           rows (peer and pack only), m7b2 then runs m7b_2000 too
# round4    two row widths and launching the next step ahead: pack, pack1 (one width), pack_sync
# ckpt      round 3, after our checkpointing stopped differentiating the mask (and nesting):
#           Mistral-7B 4-bit with gradient checkpointing, club rows 1 x 4 and full 1 x 512
set -euo pipefail
STAGE=${1:?stage}
cd "$(dirname "$0")/../.."
export PYTHONPATH=/tmp/site:$PWD
PY=${PYTHON:-python3}
M=${MODELS:-/tmp/models}
R="$OUT/$STAGE"
mkdir -p "$R" "$M"

build() {  # shape out [model_shapes options]
    if [ ! -f "$2/config.json" ]; then
        local t0=$SECONDS
        $PY bench/model_shapes.py "$1" "$2" "${@:3}"
        echo "built $2 in $((SECONDS - t0)) s"
    fi
}

tt() {  # name, then train_throughput options
    local name=$1; shift
    echo "== $name: bench/train_throughput.py $*" | tee "$R/$name.txt"
    timeout "${LIMIT:-400}" $PY bench/train_throughput.py --save-every 1000 --layers 16 "$@" \
        --json "$R/$name.json" 2>&1 | grep --line-buffered -v "│\|\[1;3\|^\s*$" | tee -a "$R/$name.txt" || true
}

case "$STAGE" in
install)
    if [ ! -d /tmp/site/mlx ]; then
        cat "${2:?wheels B dir}"/part_ab >> /tmp/w/part_aa
        mv /tmp/w/part_aa /tmp/w/mlx_cuda_13-0.32.4-py3-none-manylinux_2_35_x86_64.whl
        $PY -m pip install -q --no-index --no-deps --no-compile --target /tmp/site /tmp/w/*.whl
    fi
    $PY -c "import mlx.core as mx; print(mx.__version__, mx.default_device())"
    ;;
smoke)
    (nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true) | tee "$R/gpu.txt"
    $PY -c "import mlx.core as mx, mlx_lm; print('mlx', mx.__version__, mx.default_device(), 'mlx-lm', mlx_lm.__version__)" | tee -a "$R/gpu.txt"
    ;;
smol)
    build smollm2 "$M/sm16"
    tt sm16_club_3passes --model "$M/sm16" --rows club --epochs 3 --batch 4 --warmup 10 --variants peer,pack,ours
    tt sm16_club2000 --model "$M/sm16" --rows club --examples 2000 --epochs 1 --batch 4 --warmup 10 --variants peer,pack,ours
    tt sm16_4x512 --model "$M/sm16" --rows full --seq 513 --batch 4 --steps 40 --warmup 10 --variants peer,pack,ours
    ;;
m7b)
    build mistral7b "$M/m7b4" --bits 4
    tt m7b4_club_3passes --model "$M/m7b4" --rows club --epochs 3 --batch 4 --warmup 10 --variants peer,pack,ours
    tt m7b4_4x512 --model "$M/m7b4" --rows full --seq 513 --batch 4 --steps 20 --warmup 5 --variants peer,pack
    tt m7b4_1x512_ckpt --model "$M/m7b4" --rows full --seq 513 --batch 1 --steps 20 --warmup 5 --grad-checkpoint --variants peer,pack
    ;;
m7b_2000)
    build mistral7b "$M/m7b4" --bits 4
    tt m7b4_club2000 --model "$M/m7b4" --rows club --examples 2000 --epochs 1 --batch 4 --warmup 10 --variants peer,pack
    tt m7b4_club_1x4_ckpt --model "$M/m7b4" --rows club --epochs 1 --batch 1 --accumulation 4 --warmup 10 --grad-checkpoint --variants peer,pack
    ;;
smol2)  # round 2: rows of 1 + a multiple of 128 (packing.ROW_MULTIPLE)
    build smollm2 "$M/sm16"
    tt sm16_club_3passes --model "$M/sm16" --rows club --epochs 3 --batch 4 --warmup 10 --variants peer,pack
    tt sm16_club2000 --model "$M/sm16" --rows club --examples 2000 --epochs 1 --batch 4 --warmup 10 --variants peer,pack
    ;;
m7b2)  # round 2
    build mistral7b "$M/m7b4" --bits 4
    tt m7b4_club_3passes --model "$M/m7b4" --rows club --epochs 3 --batch 4 --warmup 10 --variants peer,pack
    bash "$0" m7b_2000
    ;;
ckpt)  # round 3: gradient checkpointing that leaves the mask out of the checkpoint's inputs
    build mistral7b "$M/m7b4" --bits 4
    tt m7b4_club_1x4_ckpt --model "$M/m7b4" --rows club --epochs 1 --batch 1 --accumulation 4 --warmup 10 --grad-checkpoint --variants peer,pack
    tt m7b4_1x512_ckpt --model "$M/m7b4" --rows full --seq 513 --batch 1 --steps 20 --warmup 5 --grad-checkpoint --variants peer,pack
    ;;
round4)  # two row widths (pack against pack1) and the next step launched ahead (pack against
         # pack_sync), club rows; MLX from gpu_install.sh
    build smollm2 "$M/sm16"
    tt sm16_club_3passes --model "$M/sm16" --rows club --epochs 3 --batch 4 --warmup 10 --repeats 2 --variants peer,pack,pack1,pack_sync
    tt sm16_club2000 --model "$M/sm16" --rows club --examples 2000 --epochs 1 --batch 4 --warmup 10 --variants peer,pack,pack1
    build mistral7b "$M/m7b4" --bits 4
    tt m7b4_club_3passes --model "$M/m7b4" --rows club --epochs 3 --batch 4 --warmup 10 --variants peer,pack,pack1
    ;;
*)
    echo "unknown stage $STAGE" >&2; exit 2 ;;
esac

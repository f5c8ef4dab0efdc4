#!/usr/bin/env bash
# Issue 10, part 1: does the pipeline teach the club's facts? Runs on any MLX backend (the GPU
# machine in bench/results/). Prepares the sample corpus, fine-tunes the bundled SmolLM2-135M with
# the Equilibrado preset through the app's own engine (farense-studio train), runs the fact-recall
# scorecard for base and fine-tuned, repeats the run with a pause and a kill -9 in the middle to
# overlay the curves, and tries variants that may help a small model learn more.
#
#   bash bench/evidence/smollm2_facts.sh WORK_DIR [RUNS]     (RUNS: letters, default ABCDE)
set -euo pipefail
W=${1:?work dir}
RUNS=${2:-ABCDE}
want() { [[ "$RUNS" == *"$1"* ]]; }
PY=${PYTHON:-python3}
FS="$PY -m farense_studio --lang pt"
mkdir -p "$W"
export FARENSE_DATA_DIR="$W/appdata"

$FS demo-model
$FS data prepare --jsonl resources/sample_data/qa.jsonl \
    --bios resources/sample_data/biografias/jogadores --out "$W/prep" --seed 42

base_cfg() {  # the app's defaults, the run's data, checkpoints often enough to resume from
    cat <<CFG
model: demo
data_dir: $W/prep
checkpoint_every: 20
eval_every: 12
CFG
}
base_cfg > "$W/equilibrado.yaml"

if want A; then
echo "== A: Equilibrado, uninterrupted"
$FS train --preset Equilibrado --config "$W/equilibrado.yaml" --run-dir "$W/runs/equilibrado"
$FS evaluate --run "$W/runs/equilibrado" --details
fi

if want B; then
echo "== B: Equilibrado again, paused at step 50 and killed (-9) at step 100, resumed each time"
$PY bench/evidence/interrupted_run.py --config "$W/equilibrado.yaml" --preset Equilibrado \
    --run-dir "$W/runs/equilibrado_interrompido" --pause-at 50 --kill-at 100 \
    --reference "$W/runs/equilibrado"
fi

if want C; then
echo "== C: Especializado preset"
$FS train --preset Especializado --config "$W/equilibrado.yaml" --run-dir "$W/runs/especializado"
$FS evaluate --run "$W/runs/especializado"
fi

echo "== D: Equilibrado shape, learning rate 1e-3, 8 passes, rank 32 on every layer"
{ base_cfg; cat <<CFG
epochs: 8
learning_rate: 0.001
lora: {rank: 32, alpha: 64, dropout: 0.05, num_layers: -1}
CFG
} > "$W/forte.yaml"
if want D; then
$FS train --config "$W/forte.yaml" --run-dir "$W/runs/forte"
$FS evaluate --run "$W/runs/forte" --details
fi

if want E; then
echo "== E: as D without prompt masking (loss on the questions too)"
{ cat "$W/forte.yaml"; echo "mask_prompt: false"; } > "$W/forte_sem_mascara.yaml"
$FS train --config "$W/forte_sem_mascara.yaml" --run-dir "$W/runs/forte_sem_mascara"
$FS evaluate --run "$W/runs/forte_sem_mascara" --details
fi

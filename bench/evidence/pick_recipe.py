"""Chooses the demo model's default from the tuning results of knowledge_gpu.sh, by a rule fixed
before any held-out question is read, and says which runs the held-out figure belongs to.

    python bench/evidence/pick_recipe.py RESULTS_DIR   -> prints RECIPE DOCS (e.g. "k5 sem"), writes
                                                          RESULTS_DIR/escolha.json with every score

Score of a run (tuning questions only): facts correct on resources/sample_data/perguntas_teste.jsonl
without documents (knowledge that sticks, issue 17) + with documents (issue 18) + questions of
bench/data/perguntas_sem_resposta_afinacao.jsonl answered "não sei" with documents, as fractions
(a question the shipped documents' rule, data.document_prompt.documents_silent, answers «não sei»
before the model counts as «não sei» also in evaluations made before that rule, so runs of every
session compare as the app answers today).
The highest score wins; a tie goes to training without documents, then to fewer passes. The club
guide's recipe ("guia") is reported but never chosen (it is the "before").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from coverage_silence import shipped_silence  # noqa: E402
from unknown_score import score as unknown  # noqa: E402


def passes(recipe: str) -> int:
    digits = "".join(c for c in recipe if c.isdigit())
    return int(digits) if digits else {"forte": 8}.get(recipe, 0)


def fraction(column: dict | None) -> float:
    return column["correct"] / column["total"] if column and column.get("total") else 0.0


def main() -> int:
    results = Path(sys.argv[1])
    scores = {}
    for path in sorted(results.glob("*.teste.json")):
        run = path.name.split(".")[0]
        cols = json.loads(path.read_text(encoding="utf-8")).get("columns", {})
        silent_path = results / f"{run}.sem_resposta_afinacao.json"
        silent = unknown(json.loads(silent_path.read_text(encoding="utf-8"))) if silent_path.is_file() else {}
        details = silent.get("fine-tuned+documents", {}).get("details", [])
        ruled = shipped_silence([d["question"] for d in details]) if details else set()
        said = [(d["dont_know"] and not d["invented"]) or d["question"] in ruled for d in details]
        dont_know = sum(said) / len(said) if said else 0.0
        parts = {"facts": fraction(cols.get("fine-tuned")), "facts_with_documents": fraction(cols.get("fine-tuned+documents")),
                 "dont_know_with_documents": dont_know}
        scores[run] = {**parts, "score": round(sum(parts.values()), 4)}
    candidates = [r for r in scores if not r.startswith("guia")]
    if not candidates:
        print("no tuning results", file=sys.stderr)
        return 1
    best = max(candidates, key=lambda r: (scores[r]["score"], r.endswith("_sem"), -passes(r.rsplit("_", 1)[0])))
    recipe, docs = best.rsplit("_", 1)
    (results / "escolha.json").write_text(json.dumps({"chosen": best, "rule": __doc__.split("\n\n")[2],
                                                      "scores": scores}, ensure_ascii=False, indent=2),
                                          encoding="utf-8")
    print(recipe, docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Would a threshold on the model's own P(«Não sei») (engine.abstain) make it say it does not know where
the documents are silent, without losing right answers? Re-read on knowledge_gpu.sh's evaluations.

    python bench/evidence/abstain_threshold.py RESULTS_DIR RUN [--coverage COBERTURA.json] [--json]

The rule under test, for the fine-tuned+documents column: answer data.raft.DONT_KNOW when the recorded
``tuned_dont_know_p`` is >= T, else the greedy answer as it was. T is chosen on the tuning sets alone
(RUN.teste.json: answerable, RUN.sem_resposta_afinacao.json: not answerable) as the candidate with the
highest (right answers + «não sei» where silent) / (37 + 16), a tie going to the higher T (fewer
abstentions); T = 1.0 is "no threshold". Only then is it applied to the held-out sets
(RUN.ineditas.json, RUN.sem_resposta_final.json) when they exist.
With --coverage (coverage_silence.py --json's output): the questions it flags are answered «não sei»
first (the documents do not speak of them), and the threshold is chosen for the rest: the two rules together.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from unknown_score import score as unknown  # noqa: E402


def _rows(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["documents"]["rows"]


def apply(threshold: float, answerable: list[dict], silent: list[dict], silent_says: list[bool],
          flagged: frozenset[str] = frozenset()) -> dict:
    """The rule at ``threshold``; ``flagged``: the questions --coverage answers «não sei» before the model."""
    def abstains(row: dict) -> bool:
        return row["question"] in flagged or (row.get("tuned_dont_know_p") or 0.0) >= threshold

    kept = [r["tuned_correct"] and not abstains(r) for r in answerable]
    said = [s or abstains(r) for r, s in zip(silent, silent_says)]
    return {"threshold": threshold, "correct": sum(kept), "total": len(answerable),
            "dont_know": sum(said), "silent_total": len(silent), "coverage_rule": bool(flagged),
            "right_answers_lost": sum(1 for r in answerable if r["tuned_correct"] and abstains(r))}


def _says(path: Path) -> list[bool]:
    details = unknown(json.loads(path.read_text(encoding="utf-8")))["fine-tuned+documents"]["details"]
    return [d["dont_know"] and not d["invented"] for d in details]


def main(argv: list[str]) -> int:
    flagged: frozenset[str] = frozenset()
    if "--coverage" in argv:
        at = argv.index("--coverage")
        coverage = json.loads(Path(argv[at + 1]).read_text(encoding="utf-8"))
        flagged = frozenset(q for found in coverage["sets"].values() for q in found["questions"])
        argv = argv[:at] + argv[at + 2:]
    results, run = Path(argv[0]), argv[1]
    tune_a, tune_s = _rows(results / f"{run}.teste.json"), results / f"{run}.sem_resposta_afinacao.json"
    says, silent = _says(tune_s), _rows(tune_s)
    recorded = all(r.get("tuned_dont_know_p") is not None for r in tune_a + silent)
    if not recorded:  # only the coverage rule (if given) can be applied
        print(f"{run}: no P(«Não sei») recorded (an evaluation from before engine.abstain, or without an adapter)")
    candidates = sorted({1.0} | ({r["tuned_dont_know_p"] for r in tune_a + silent if r["tuned_dont_know_p"] > 0}
                                 if recorded else set()))
    scored = [apply(t, tune_a, silent, says, flagged) for t in candidates]
    best = max(scored, key=lambda s: ((s["correct"] + s["dont_know"]) / (s["total"] + s["silent_total"]), s["threshold"]))
    report = {"run": run, "chosen_on_tuning": best, "no_threshold_tuning": apply(1.0, tune_a, silent, says, flagged)}
    final_a, final_s = results / f"{run}.ineditas.json", results / f"{run}.sem_resposta_final.json"
    if final_a.is_file() and final_s.is_file():
        rows_a, rows_s, says_s = _rows(final_a), _rows(final_s), _says(final_s)
        report["held_out"] = apply(best["threshold"], rows_a, rows_s, says_s, flagged)
        report["no_threshold_held_out"] = apply(1.0, rows_a, rows_s, says_s, flagged)
    if "--json" in argv:
        print(json.dumps(report, indent=2))
    for name in ("no_threshold_tuning", "chosen_on_tuning", "no_threshold_held_out", "held_out"):
        if name in report:
            r = report[name]
            print(f"{name:22} T={r['threshold']:.4g}: right {r['correct']}/{r['total']} ({r['correct'] / r['total']:.0%}), "
                  f"«não sei» {r['dont_know']}/{r['silent_total']} ({r['dont_know'] / r['silent_total']:.0%}), "
                  f"right answers lost {r['right_answers_lost']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""A second fact check of the same base model against the first (engine.base_answers).

    python bench/fact_check_repeat.py --run RUN_DIR [--questions FILE] [--documents] [--index DIR]
                                      [--max-tokens 160] [--json]

Runs `farense-studio evaluate` (engine.documents_check.evaluate_with_documents) twice on the same
run with a fresh, empty app data folder: the first check asks the base model and the fine-tuned
one, the second finds the base answers kept and asks only the fine-tuned model. Prints both times,
their ratio, and whether the two scorecards agree column by column and answer by answer (they must:
greedy decoding). The peer is the first check itself, in the same process and on the same model.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", required=True)
    parser.add_argument("--questions")
    parser.add_argument("--documents", action="store_true")
    parser.add_argument("--index")
    parser.add_argument("--max-tokens", type=int, default=160)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as data:
        os.environ["FARENSE_DATA_DIR"] = data  # no answers kept before the first check
        from farense_studio.engine.documents_check import evaluate_with_documents
        from farense_studio.engine.evaluate import resolve_run
        from farense_studio.engine.generation import resolve_base

        resolve_base(resolve_run(Path(args.run))[2])  # the demo model converts here, before either clock

        seconds, cards = [], []
        for _ in range(2):
            start = time.perf_counter()
            card, _path = evaluate_with_documents(run_dir=args.run, questions=args.questions,
                                                  documents=args.documents, index_dir=args.index,
                                                  max_tokens=args.max_tokens, save=False)
            seconds.append(time.perf_counter() - start)
            cards.append(card.to_json())
    first, second = cards

    def answers(card):
        rows = [(r["base_answer"], r["tuned_answer"]) for r in card["rows"]]
        return rows + [(r["base_answer"], r["tuned_answer"]) for r in (card.get("documents") or {}).get("rows", [])]

    result = {"questions": len(first["rows"]), "documents": args.documents, "first_s": round(seconds[0], 2),
              "second_s": round(seconds[1], 2), "speedup": round(seconds[0] / seconds[1], 2),
              "same_columns": first.get("columns") == second.get("columns"),
              "same_answers": answers(first) == answers(second)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['questions']} questions{' with documents' if args.documents else ''}: first check "
              f"{result['first_s']} s, second {result['second_s']} s ({result['speedup']}x); same columns: "
              f"{result['same_columns']}, same answers: {result['same_answers']}")
    return 0 if result["same_columns"] and result["same_answers"] else 1


if __name__ == "__main__":
    sys.exit(main())

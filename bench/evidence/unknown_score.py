"""Questions the documents do not answer: how often each column says "não sei", how often it invents.

    python bench/evidence/unknown_score.py questions bench/heldout/perguntas_sem_resposta.jsonl OUT.jsonl
        writes the questions in the fact-check format (keyword "não sei"), so that
        `farense-studio evaluate --questions OUT.jsonl --documents --json` answers them in all columns;
    python bench/evidence/unknown_score.py score EVALUATE.json [--json]
        re-reads every answer of that evaluation: "não sei" when it says it does not know and states
        no number or name the question lacks (data.raft.says_dont_know / invented_facts); invented
        when it states any. Prints one line per column against the issue's bar (>= 80% "não sei").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from farense_studio.data.raft import invented_facts, says_dont_know

TARGET = 0.8
COLUMNS = {"base": ("rows", "base_answer"), "fine-tuned": ("rows", "tuned_answer"),
           "base+documents": ("documents", "base_answer"), "fine-tuned+documents": ("documents", "tuned_answer")}


def write_questions(source: Path, out: Path) -> int:
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    out.write_text("".join(json.dumps({"question": r["question"], "keywords": ["não sei"],
                                       "source": r.get("why", "")}, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    return len(rows)


def score(evaluation: dict) -> dict:
    found = {}
    for column, (where, key) in COLUMNS.items():
        rows = evaluation.get("rows", []) if where == "rows" else (evaluation.get("documents") or {}).get("rows", [])
        answered = [(r["question"], r.get(key)) for r in rows if r.get(key) is not None]
        if not answered:
            continue
        details = [{"question": q, "answer": a, "dont_know": says_dont_know(a), "invented": invented_facts(a, q)}
                   for q, a in answered]
        dont_know = sum(1 for d in details if d["dont_know"] and not d["invented"])
        found[column] = {"total": len(details), "dont_know": dont_know,
                         "rate": round(dont_know / len(details), 3),
                         "answers_with_invented_facts": sum(1 for d in details if d["invented"]),
                         "invented_facts": sum(len(d["invented"]) for d in details),
                         "meets_target": dont_know / len(details) >= TARGET, "details": details}
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    questions = sub.add_parser("questions")
    questions.add_argument("source", type=Path)
    questions.add_argument("out", type=Path)
    scoring = sub.add_parser("score")
    scoring.add_argument("evaluation", type=Path)
    scoring.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.action == "questions":
        print(f"{write_questions(args.source, args.out)} perguntas -> {args.out}")
        return 0
    found = score(json.loads(args.evaluation.read_text(encoding="utf-8")))
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    for column, row in found.items():
        print(f"{column}: «não sei» {row['dont_know']}/{row['total']} ({row['rate']:.0%}; meta {TARGET:.0%}: "
              f"{'sim' if row['meets_target'] else 'não'}); respostas com factos inventados "
              f"{row['answers_with_invented_facts']} ({row['invented_facts']} factos)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

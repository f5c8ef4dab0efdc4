"""Where the facts of the fact-check questions sit in a prepared training folder, and which of them
each evaluation answered (issue 17): is what the model misses what the checking split holds back?

    python bench/evidence/facts_in_split.py PREPARED_DIR [--questions FILE] LABEL=EVALUATE.json ...

For every question (resources/sample_data/perguntas_teste.jsonl by default) it counts the training
and the checking examples whose answer carries all of the question's keywords (the scorecard's own
rule, engine.evaluate.score_answer), groups the questions by where their facts are ("treino" only,
"treino+verificação", "verificação" only, nowhere) and prints, for each group, how many questions
each evaluation (`farense-studio evaluate --json`, the fine-tuned column) got right, and the mean
number of training examples carrying the facts of the questions it got right and wrong.
Model-free, CPU. `bash bench/evidence/knowledge_gpu.sh DIR ""` prepares the sample project
(DIR/prep_sem; the split is the same with documents in training).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from farense_studio.engine.evaluate import load_questions, score_answer  # noqa: E402


def answers(path: Path) -> list[str]:
    """The assistant's text of each example of a prepared jsonl (chat or completion rows)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "messages" in row:
            out.append(" ".join(m["content"] for m in row["messages"] if m.get("role") == "assistant"))
        else:
            out.append(str(row.get("completion") or row.get("text") or ""))
    return out


def where(train: list[str], valid: list[str], keywords: list[str]) -> tuple[str, int, int]:
    in_train = sum(score_answer(a, keywords) for a in train)
    in_valid = sum(score_answer(a, keywords) for a in valid)
    group = ("treino" if in_train else "") + ("+" if in_train and in_valid else "") + ("verificação" if in_valid else "")
    return group or "em nenhum", in_train, in_valid


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prepared", type=Path)
    parser.add_argument("evaluations", nargs="*", metavar="LABEL=EVALUATE.json")
    parser.add_argument("--questions", default=str(ROOT / "resources/sample_data/perguntas_teste.jsonl"))
    args = parser.parse_args(argv)
    train, valid = answers(args.prepared / "train.jsonl"), answers(args.prepared / "valid.jsonl")
    questions = load_questions(args.questions)
    cards = {}
    for item in args.evaluations:
        label, _, path = item.partition("=")
        rows = json.loads(Path(path).read_text(encoding="utf-8"))["rows"]
        if [r["question"] for r in rows] != [q.question for q in questions]:
            parser.error(f"{path}: not the questions of {args.questions}")
        cards[label] = [bool(r.get("tuned_correct")) for r in rows]
    groups: dict[str, list[int]] = {}
    counts = []
    for i, question in enumerate(questions):
        group, in_train, in_valid = where(train, valid, list(question.keywords))
        groups.setdefault(group, []).append(i)
        counts.append(in_train)
    print(f"{args.prepared}: {len(train)} training, {len(valid)} checking examples; {len(questions)} questions")
    print("| facts in | questions | " + " | ".join(f"{label} right (training examples: right / wrong)"
                                                   for label in cards) + " |")
    print("|---|---|" + "---|" * len(cards))
    for group, members in sorted(groups.items()):
        cells = []
        for right in cards.values():
            good = [counts[i] for i in members if right[i]]
            bad = [counts[i] for i in members if not right[i]]
            mean = lambda xs: f"{sum(xs) / len(xs):.1f}" if xs else "-"  # noqa: E731
            cells.append(f"{len(good)}/{len(members)} ({mean(good)} / {mean(bad)})")
        print(f"| {group} | {len(members)} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

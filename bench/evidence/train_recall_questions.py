"""Questions the model was trained on, to tell memorising from generalising (issue 17): when a
fine-tuned model misses a perguntas_teste question, does it also miss the fact asked in the very
words it trained on?

    python bench/evidence/train_recall_questions.py PREPARED_DIR OUT.jsonl [--count 40] [--seed 42]

From a prepared folder's train.jsonl (rows without documents only), one question for each of up to
``count`` distinct answers (seeded choice; never a question trained with two answers), in the fact-check format of perguntas_teste.jsonl. Its
keyword is the answer's number or name that the fewest other answers state and the question does not
already say, of three characters at least (so repeating the question never scores); answers without one, and answers longer than
300 characters (whole biographies), are left out. `farense-studio evaluate --run RUN --questions
OUT.jsonl` then scores the model on its own training questions. Model-free, CPU.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from farense_studio.data.grounding import fold, names, numbers  # noqa: E402


def facts(text: str) -> set[str]:
    return numbers(text) | names(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prepared", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    by_answer: dict[str, list[str]] = {}
    for line in (args.prepared / "train.jsonl").read_text(encoding="utf-8").splitlines():
        messages = json.loads(line)["messages"] if line.strip() else []
        if len(messages) < 2 or messages[-2]["content"].startswith("Documentos do clube"):
            continue
        question, answer = messages[-2]["content"].strip(), messages[-1]["content"].strip()
        if len(answer) <= 300:
            by_answer.setdefault(answer, []).append(question)
    answers_of: Counter = Counter(fold(q) for questions in by_answer.values() for q in set(questions))
    stated = Counter(f for answer in by_answer for f in {fold(x) for x in facts(answer)})
    rows = []
    for answer, questions in by_answer.items():
        questions = sorted(q for q in set(questions) if answers_of[fold(q)] == 1)  # one answer only
        if not questions:
            continue
        question = random.Random(f"{args.seed}\x00{answer}").choice(questions)
        asked = {fold(x) for x in facts(question)} | set(fold(question).split())
        candidates = sorted((stated[fold(f)], f) for f in facts(answer) if fold(f) not in asked and len(f) >= 3)
        if candidates:
            rows.append({"question": question, "keywords": [candidates[0][1]], "source": "treino", "answer": answer})
    random.Random(args.seed).shuffle(rows)
    rows = rows[:args.count]
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{args.out}: {len(rows)} training questions of {len(by_answer)} distinct short answers")
    return 0


if __name__ == "__main__":
    sys.exit(main())

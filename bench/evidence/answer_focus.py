"""A candidate «não sei» check, measured on saved answers and rejected (tenth session, issue 18).

    python bench/evidence/answer_focus.py [--words quem|quem,qual,quais]

The idea: «Quem era o guarda-redes do Farense na final de 1990?» answered «Na final da Taça de
Portugal de 1990 o Farense perdeu com o Estrela da Amadora...» never says the thing asked for (the
guarda-redes), so it came from a passage about something else. The check: a question «Quem/Qual é
o X ...?» whose answer does not contain X (its first noun after the article, past «melhor»,
«primeiro», «atual»...) would be answered «não sei». Read over every evaluation that
knowledge_gpu.sh saved (fine-tuned + documents): on the answerable sets (perguntas_teste, tuning;
perguntas_ineditas, held-out) the right answers it would lose; on the sets the documents do not
answer (tuning and held-out) the wrong answers it would turn into «não sei» (those that already say
it, or that data.answer_kind already turns, left out). No model run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from farense_studio.data.answer_kind import missing_kind  # noqa: E402
from farense_studio.data.grounding import fold  # noqa: E402
from farense_studio.data.raft import says_dont_know  # noqa: E402

SKIP = {"melhor", "primeiro", "primeira", "atual", "principal", "maior", "ultimo", "ultima", "antigo", "antiga",
        "nome", "novo", "nova", "do", "da", "de", "dos", "das"}
SETS = {".teste.": "perguntas_teste (tuning)", ".ineditas.": "ineditas (held-out)",
        ".sem_resposta_afinacao.": "sem resposta (tuning)", ".sem_resposta_final.": "sem resposta (held-out)"}


def focus(question: str, words: str) -> str | None:
    match = re.match(rf"^(?:{words}) (?:e|era|foi|sao|eram|foram) (?:o|a|os|as) ((?:[\w-]+ ){{0,2}}[\w-]+)",
                     fold(question))
    found = [w for w in match.group(1).split() if w not in SKIP] if match else []
    return found[0] if found else None


def missing_focus(question: str, answer: str, words: str) -> str | None:
    word = focus(question, words)
    return word if word and word[:max(4, len(word) - 2)] not in fold(answer) else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", default="quem", help="question words the check reads, '|' between")
    args = parser.parse_args()
    totals: dict[str, list[int]] = {}
    for path in sorted((ROOT / "bench/results/knowledge_gpu").rglob("*.json")):
        name = next((label for key, label in SETS.items() if key in path.name), None)
        if name is None:
            continue
        rows = json.loads(path.read_text(encoding="utf-8")).get("documents", {}).get("rows", [])
        silent_set = "sem resposta" in name
        for row in rows:
            answer, question = row.get("tuned_answer") or "", row["question"]
            if silent_set and (row.get("silent") or says_dont_know(answer) or missing_kind(question, answer)):
                continue
            if not silent_set and not row.get("tuned_correct"):
                continue
            flagged = missing_focus(question, answer, args.words)
            total = totals.setdefault(name, [0, 0])
            total[0] += bool(flagged)
            total[1] += 1
            if flagged and not silent_set:
                print(f"right answer lost ({path.relative_to(ROOT / 'bench/results/knowledge_gpu')}): {question}")
    for name, (flagged, counted) in totals.items():
        what = "wrong answers -> «não sei»" if "sem resposta" in name else "right answers lost"
        print(f"{name}: {what} {flagged} of {counted}")


if __name__ == "__main__":
    main()

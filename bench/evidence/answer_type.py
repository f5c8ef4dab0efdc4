"""Does the answer hold the kind of thing its question asks for? A model-free check of the answers
that knowledge_gpu.sh's evaluations saved (fine-tuned + documents), for issue 18's «não sei».

    python bench/evidence/answer_type.py bench/results/knowledge_gpu/sessao*/*.teste.json ...

The check is data.answer_kind.missing_kind: a question that asks for a price, a measure, a score, a
date, a season or a count, answered without one (no euros in the answer to «Quanto custa...?»), was
answered from a passage about something else, and the app answers «não sei». Its kinds and words
were written once, on the tuning sets (perguntas_teste.jsonl and
perguntas_sem_resposta_afinacao.jsonl), then read on the held-out sets unchanged. For each file:
on answerable questions, the right answers the check would lose; on questions the documents do not
answer, the wrong answers it would turn into «não sei» (answers that already say «não sei», and
questions the shipped documents' rule answers before the model, are left out). No model run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from farense_studio.data.answer_kind import missing_kind  # noqa: E402
from farense_studio.data.raft import says_dont_know  # noqa: E402


def read(path: Path) -> str:
    rows = json.loads(path.read_text(encoding="utf-8"))["documents"]["rows"]
    silent_set = "sem_resposta" in path.name
    flagged, counted = [], 0
    for row in rows:
        answer = row.get("tuned_answer") or ""
        if silent_set and (row.get("silent") or says_dont_know(answer)):
            continue
        if not silent_set and not row.get("tuned_correct"):
            continue
        counted += 1
        kind = missing_kind(row["question"], answer)
        if kind:
            flagged.append(f"{kind}: {row['question']}")
    what = "wrong answers -> «não sei»" if silent_set else "right answers lost"
    return f"{path.parent.name}/{path.name}: {what} {len(flagged)} of {counted}" + "".join(
        f"\n    {line}" for line in flagged)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(read(Path(name)))

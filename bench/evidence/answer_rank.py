"""Does the fine-tuned model read every passage, or only the first? Model-free, from saved results.

    python bench/evidence/answer_rank.py PREPARED_DIR RESULT.json [RESULT.json ...]

PREPARED_DIR: a folder `data prepare --documents-in-training` wrote (its index is the one the
evaluations searched; the seed and sources of knowledge_gpu.sh give the same index). For each
evaluation (`farense-studio evaluate --documents --json`), the questions are grouped by the rank at
which retrieval shows the first passage holding every answer keyword (the fact check's matching), and
the fine-tuned model's answers with documents are counted right / wrong in each group. Then, for the
prepared training examples that carry the right passage, the place at which it is shown (the passage
line sharing most words with the answer).
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from farense_studio.data.document_prompt import DOCUMENTS_HEADER  # noqa: E402
from farense_studio.data.raft import DONT_KNOW  # noqa: E402
from farense_studio.data.retrieval import index_folder, open_index  # noqa: E402
from farense_studio.engine.evaluate import missing_keywords  # noqa: E402


def by_rank(index, result: dict) -> dict:
    table: dict = collections.defaultdict(lambda: [0, 0])
    for row in result["documents"]["rows"]:
        hits = index.search(row["question"], result["documents"].get("passages") or 5)
        rank = next((h.rank for h in hits if not missing_keywords(h.passage.text, row["keywords"])), None)
        table[rank][0 if row["tuned_correct"] else 1] += 1
    return dict(sorted(table.items(), key=lambda item: (item[0] is None, item[0] or 0)))


def training_places(prepared: Path) -> dict:
    places: collections.Counter = collections.Counter()
    for line in (prepared / "train.jsonl").read_text(encoding="utf-8").splitlines():
        messages = json.loads(line)["messages"]
        user = next(m["content"] for m in messages if m["role"] == "user")
        answer = messages[-1]["content"]
        if not user.startswith(DOCUMENTS_HEADER) or answer == DONT_KNOW:
            continue
        shown = re.findall(r"(?m)^\[\d+\] .*$", user)
        words = set(re.findall(r"\w+", answer.lower()))
        places[max(range(len(shown)), key=lambda i: len(words & set(re.findall(r"\w+", shown[i].lower())))) + 1] += 1
    return dict(sorted(places.items()))


def main() -> int:
    prepared = Path(sys.argv[1])
    index = open_index(index_folder(prepared))
    for path in sys.argv[2:]:
        table = by_rank(index, json.loads(Path(path).read_text(encoding="utf-8")))
        print(f"{Path(path).name}: rank of the answer's passage -> [right, wrong] with documents:",
              ", ".join(f"{rank}: {counts}" for rank, counts in table.items()))
    places = training_places(prepared)
    print(f"training examples with the right passage, by its place: {places} (of {sum(places.values())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

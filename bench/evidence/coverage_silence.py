"""Do the club's documents speak of a question at all? The share of the question's words (index terms:
no stop words, Portuguese stems, no accents) that the passages retrieval finds for it contain, measured
as a way to say «não sei» before the model answers (issue 18), on the sample project's index.

    python bench/evidence/coverage_silence.py [--passages 5] [--json]

The threshold is chosen on the tuning sets alone (resources/sample_data/perguntas_teste.jsonl,
answerable; bench/data/perguntas_sem_resposta_afinacao.jsonl, not answerable): halfway between the
highest coverage of a tuning question without an answer that stays below every answerable one and the
lowest answerable coverage, so that no answerable tuning question is turned into «não sei». Then it is
applied to the held-out sets (bench/heldout/), which no choice looked at. A question whose coverage is
below the threshold would be answered «não sei» without asking the model; every other answer would be
the model's as before, so the figures add to any fine-tuned+documents evaluation. Model-free, CPU.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from farense_studio.data import build_corpus  # noqa: E402
from farense_studio.data.retrieval import open_index, update_index  # noqa: E402

SETS = {"tuning, answerable": "resources/sample_data/perguntas_teste.jsonl",
        "tuning, not answerable": "bench/data/perguntas_sem_resposta_afinacao.jsonl",
        "held-out, answerable": "bench/heldout/perguntas_ineditas.jsonl",
        "held-out, not answerable": "bench/heldout/perguntas_sem_resposta.jsonl"}


def coverage(index, at: dict[int, int], question: str, passages: int) -> float:
    """Share of the question's distinct terms that its first ``passages`` hits contain (``at``: a
    passage's place in index.passages, by identity)."""
    asked = set(index.analyzer(question))
    if not asked:
        return 0.0
    found = set().union(*(set(index.terms[at[id(h.passage)]]) for h in index.search(question, passages)))
    return len(asked & found) / len(asked)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sample = ROOT / "resources" / "sample_data"
    corpus = build_corpus([sample / "qa.jsonl"], sorted(p for p in (sample / "biografias").rglob("*") if p.is_file()))
    with tempfile.TemporaryDirectory() as folder:
        update_index(corpus.examples, folder)
        index = open_index(folder)
        at = {id(p): i for i, p in enumerate(index.passages)}
        found = {}
        for name, path in SETS.items():
            questions = [json.loads(line)["question"] for line in (ROOT / path).read_text(encoding="utf-8").splitlines()
                         if line.strip()]
            found[name] = [(coverage(index, at, q, args.passages), q) for q in questions]
    lowest_answerable = min(c for c, _ in found["tuning, answerable"])
    below = [c for c, _ in found["tuning, not answerable"] if c < lowest_answerable]
    threshold = (max(below) + lowest_answerable) / 2 if below else 0.0
    report = {"passages": args.passages, "threshold": round(threshold, 4), "index_passages": len(index.passages),
              "sets": {}}
    for name, rows in found.items():
        flagged = [q for c, q in rows if c < threshold]
        report["sets"][name] = {"total": len(rows), "dont_know": len(flagged), "questions": flagged,
                                "coverages": sorted(round(c, 3) for c, _ in rows)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"passages {args.passages}, threshold (chosen on tuning) {threshold:.3f}", file=sys.stderr)
    for name, row in report["sets"].items():
        print(f"  {name:26} «não sei» before the model: {row['dont_know']}/{row['total']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

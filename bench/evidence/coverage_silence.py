"""Do the club's documents speak of a question at all? How much of the question (its index terms: no
stop words, Portuguese stems, no accents) the passage retrieval finds for it that holds most of them
contains (DocumentIndex.coverage), measured as a way to say «não sei» before the model answers
(issue 18), on the sample project's index. The shipped rule is data.document_prompt.documents_silent
with SILENCE_THRESHOLD; this script is where that threshold comes from.

    python bench/evidence/coverage_silence.py [--passages 5] [--json]

The threshold is chosen on the tuning sets alone (resources/sample_data/perguntas_teste.jsonl,
answerable; bench/data/perguntas_sem_resposta_afinacao.jsonl, not answerable): halfway between the
highest coverage of a tuning question without an answer that stays below every answerable one and the
lowest answerable coverage, so that no answerable tuning question is turned into «não sei». Then it is
applied to the held-out sets (bench/heldout/). A question below the threshold is answered «não sei»
without asking the model (``dont_know`` counts the shipped rule, documents_silent, which also needs it
to read as a question); every other answer is the model's as before, so the figures add to any
fine-tuned+documents evaluation made without the rule. Model-free, CPU.
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
from farense_studio.data.document_prompt import SILENCE_THRESHOLD, documents_silent  # noqa: E402
from farense_studio.data.retrieval import open_index, update_index  # noqa: E402

SETS = {"tuning, answerable": "resources/sample_data/perguntas_teste.jsonl",
        "tuning, not answerable": "bench/data/perguntas_sem_resposta_afinacao.jsonl",
        "held-out, answerable": "bench/heldout/perguntas_ineditas.jsonl",
        "held-out, not answerable": "bench/heldout/perguntas_sem_resposta.jsonl"}


def sample_index(folder: str):
    """The sample project's index (its Q&A lines and biographies), built in folder."""
    sample = ROOT / "resources" / "sample_data"
    corpus = build_corpus([sample / "qa.jsonl"], sorted(p for p in (sample / "biografias").rglob("*") if p.is_file()))
    update_index(corpus.examples, folder)
    return open_index(folder)


def shipped_silence(questions: list[str], passages: int = 5) -> set[str]:
    """The questions the shipped rule (documents_silent) answers «não sei» on the sample project's
    documents: how evaluations made before the rule are read as the app would answer today."""
    with tempfile.TemporaryDirectory() as folder:
        index = sample_index(folder)
        return {q for q in questions if documents_silent(index, q, index.search(q, passages))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        index = sample_index(folder)
        found, silent = {}, {}
        for name, path in SETS.items():
            questions = [json.loads(line)["question"] for line in (ROOT / path).read_text(encoding="utf-8").splitlines()
                         if line.strip()]
            hits = {q: index.search(q, args.passages) for q in questions}
            found[name] = [(index.coverage(q, hits[q]) or 0.0, q) for q in questions]
            silent[name] = [q for q in questions if documents_silent(index, q, hits[q])]
    lowest_answerable = min(c for c, _ in found["tuning, answerable"])
    below = [c for c, _ in found["tuning, not answerable"] if c < lowest_answerable]
    threshold = (max(below) + lowest_answerable) / 2 if below else 0.0
    report = {"passages": args.passages, "threshold": round(threshold, 4), "shipped_threshold": SILENCE_THRESHOLD,
              "index_passages": len(index.passages), "sets": {}}
    for name, rows in found.items():
        report["sets"][name] = {"total": len(rows), "dont_know": len(silent[name]), "questions": silent[name],
                                "below_chosen_threshold": sum(1 for c, _ in rows if c < threshold),
                                "coverages": sorted(round(c, 3) for c, _ in rows)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"passages {args.passages}, threshold chosen on tuning {threshold:.3f}, shipped {SILENCE_THRESHOLD}",
          file=sys.stderr)
    for name, row in report["sets"].items():
        print(f"  {name:26} «não sei» before the model: {row['dont_know']}/{row['total']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

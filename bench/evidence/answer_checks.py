"""Could a check of the answer itself, after the model wrote it, turn the wrong answers to questions
the documents do not answer into «não sei» without touching right answers? Two model-free checks,
re-read on knowledge_gpu.sh's evaluations (tuning sets unless --held-out):

- grounding: the answer states a number or a name that neither the question nor the passages shown
  hold (data.grounding.ungrounded, the rule that rejects generated questions);
- relevance: the share of the question's index terms the answer repeats (data.retrieval.Analyzer).

    python bench/evidence/answer_checks.py RESULTS_DIR RUN [RUN ...] [--held-out]

Questions the shipped rule (documents_silent) already answers «não sei», and answers that already
say it, are left out: the checks are for the rest. Prints, per run and set, how many answers the
grounding check would flag (right answers lost / wrong ones caught) and the relevance shares of the
right answers against those of the unanswerable questions still answered.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from coverage_silence import sample_index  # noqa: E402

from farense_studio.data.document_prompt import DEFAULT_PASSAGES, documents_silent, passage_line  # noqa: E402
from farense_studio.data.grounding import ungrounded  # noqa: E402
from farense_studio.data.raft import says_dont_know  # noqa: E402

SETS = {"teste": True, "sem_resposta_afinacao": False}  # name -> answerable
HELD_OUT = {"ineditas": True, "sem_resposta_final": False}


def check(index, rows: list[dict], answerable: bool) -> dict:
    analyzer = index.analyzer
    flagged, flagged_right, shares = 0, 0, []
    for row in rows:
        question, answer = row["question"], row.get("tuned_answer") or ""
        hits = index.search(question, DEFAULT_PASSAGES)
        if documents_silent(index, question, hits) or says_dont_know(answer):
            continue
        shown = question + "\n" + "\n".join(passage_line(i, h) for i, h in enumerate(hits, 1))
        right = bool(row.get("tuned_correct")) if answerable else False
        if ungrounded(answer, shown):
            flagged += 1
            flagged_right += right
        asked = set(analyzer(question))
        if asked and (right or not answerable):
            shares.append(round(len(asked & set(analyzer(answer))) / len(asked), 2))
    return {"answered": len(rows), "grounding_flags": flagged, "right_answers_flagged": flagged_right,
            "relevance_shares": sorted(shares)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("runs", nargs="+")
    parser.add_argument("--held-out", action="store_true")
    args = parser.parse_args()
    sets = {**SETS, **(HELD_OUT if args.held_out else {})}
    with tempfile.TemporaryDirectory() as folder:
        index = sample_index(folder)
        for run in args.runs:
            for name, answerable in sets.items():
                path = Path(args.results) / f"{run}.{name}.json"
                if not path.is_file():
                    continue
                rows = json.loads(path.read_text(encoding="utf-8"))["documents"]["rows"]
                found = check(index, rows, answerable)
                kind = "right answers" if answerable else "unanswerable, still answered"
                print(f"{run} {name}: grounding flags {found['grounding_flags']} "
                      f"(right answers among them {found['right_answers_flagged']}); "
                      f"relevance of {kind}: {found['relevance_shares']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

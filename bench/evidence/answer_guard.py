"""Would an answer-time grounding guard raise «não sei»? Re-reads saved evaluations, no model run.

    python bench/evidence/answer_guard.py bench/results/knowledge_gpu/sessao3/k5_com.{teste,ineditas,sem_resposta_afinacao,sem_resposta_final}.json

The guard: an answer given with documents that states a number or name found neither in the
passages it was shown nor in the question (data.grounding.ungrounded, the rule that rejects
invented generated questions) becomes «não sei». For each evaluation: the fine-tuned+documents
answers that were right, how many of them the guard would have turned into «não sei», and how many
«não sei» it would add. The passages are found again from each row's sources in the index of the
sample project (built here, as bench/evidence/knowledge_gpu.sh builds it: sample data plus the
generated questions).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from farense_studio.data.grounding import ungrounded  # noqa: E402
from farense_studio.data.raft import says_dont_know  # noqa: E402


def sample_index(work: Path):
    from farense_studio.data import build_corpus
    from farense_studio.data.generated import GeneratedStore, generate, template_proposer, units_from_examples
    from farense_studio.data.retrieval import index_folder, open_index, update_index
    from farense_studio.project import Project

    project = Project.create(work / "projeto")
    project.add_sample_data()
    club = build_corpus(project.jsonl_sources, project.bio_sources)
    store = GeneratedStore(work / "gerados.jsonl")
    generate(units_from_examples(club.examples), store, [("template", template_proposer)])
    full = build_corpus(project.jsonl_sources, project.bio_sources, extra=store.examples())
    update_index(full.examples, index_folder(work))
    return open_index(index_folder(work))


def main(paths: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        index = sample_index(Path(tmp))
    by_row = {r: p.text for p in index.passages for r in p.row_ids}
    by_paragraph = {(p.file, p.paragraph): p.text for p in index.passages if p.paragraph is not None}
    for path in paths:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))["documents"]["rows"]
        right = flagged_right = dont_know = added = 0
        for row in rows:
            shown = "\n".join(by_row.get(s.get("row_id")) or by_paragraph[(s["file"], s["paragraph"])]
                              for s in row["sources"])
            invented = ungrounded(row["tuned_answer"], shown + "\n" + row["question"])
            right += row["tuned_correct"]
            flagged_right += bool(invented) and row["tuned_correct"]
            said = says_dont_know(row["tuned_answer"])
            dont_know += said
            added += bool(invented) and not said
        print(f"{Path(path).name}: {len(rows)} questions, right {right}, of which the guard would turn "
              f"{flagged_right} into «não sei»; «não sei» {dont_know} -> {dont_know + added}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

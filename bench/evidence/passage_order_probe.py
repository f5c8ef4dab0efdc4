"""Does the fine-tuned model find the answer in any passage, or read the first? Answers with the
passages best first (as trained and as the app answers) or in reverse order, one adapter, no retraining.

    python bench/evidence/passage_order_probe.py ADAPTER_DIR PREPARED_DIR best_first|reversed [N]

ADAPTER_DIR: a checkpoint folder (adapters.safetensors + adapter_config.json, as a run writes);
PREPARED_DIR: the prepared folder whose index it was evaluated with. The first N (all) questions of
resources/sample_data/perguntas_teste.jsonl, greedy, 160 tokens, the documents' «não sei» rule applied.
Slow on a CPU (about a minute a question here); prints one line a question and the count.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from farense_studio.data.document_prompt import DONT_KNOW_REPLY, answer_prompt  # noqa: E402
from farense_studio.data.retrieval import DocumentIndex, index_folder, open_index  # noqa: E402
from farense_studio.engine.documents_check import DEFAULT_CONTEXT_TOKENS, prompt_budget  # noqa: E402
from farense_studio.engine.evaluate import load_questions, missing_keywords  # noqa: E402
from farense_studio.engine.generation import ChatModelCache, GenerationSettings, stream_reply  # noqa: E402


def main() -> int:
    adapter, prepared, variant = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
    config = json.loads((adapter / "adapter_config.json").read_text(encoding="utf-8"))
    loaded = ChatModelCache().load(config.get("model") or "demo", adapter)
    index = open_index(index_folder(prepared))
    if variant == "reversed":
        search = DocumentIndex.search
        DocumentIndex.search = lambda self, query, k=5: list(reversed(search(self, query, k)))
    settings = GenerationSettings.greedy(160)
    budget = prompt_budget(loaded.model, settings.max_tokens, DEFAULT_CONTEXT_TOKENS)
    questions = load_questions(ROOT / "resources" / "sample_data" / "perguntas_teste.jsonl")[:limit]
    right = 0
    for question in questions:
        started = time.time()
        prompt = answer_prompt(index, question.question, budget_tokens=budget, tokenizer=loaded.tokenizer,
                               system_prompt=config.get("system_prompt"))
        answer = DONT_KNOW_REPLY if prompt.silent else "".join(
            stream_reply(loaded.model, loaded.tokenizer, prompt.messages, settings, None)).strip()
        correct = not missing_keywords(answer, question.keywords)
        right += correct
        print(f"{time.time() - started:5.1f}s {'ok' if correct else 'x '} {question.question} -> {answer[:100]}",
              flush=True)
    print(f"{variant}: {right} / {len(questions)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

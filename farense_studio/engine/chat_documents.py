"""Conversar with the club's documents: the project's index, and one question's passages shared by
both panes (base and fine-tuned read the same ones). No Qt.

``ProjectDocuments`` opens ``<projeto>/preparado/indice/`` when first needed and again when the
data is prepared anew. ``Grounding`` is one question: the first pane to answer searches the index
and grounds the question within its model's budget (data.document_prompt, as answer_prompt does); the other
pane gets exactly the passages the first one kept, grounded within its own budget. When the
documents are silent on the question (data.document_prompt.documents_silent) both panes are told so,
and neither asks its model.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from farense_studio.data.document_prompt import DEFAULT_PASSAGES, GroundedPrompt, documents_silent, grounded_messages
from farense_studio.data.retrieval import MANIFEST, DocumentIndex, Hit, index_folder, open_index


class ProjectDocuments:
    """A project's index of documents, opened lazily and reopened when its manifest changes."""

    def __init__(self, prepared_dir: str | Path):
        self.folder = index_folder(prepared_dir)
        self._lock = threading.Lock()
        self._index: DocumentIndex | None = None
        self._stamp: tuple[int, int] | None = None

    def _manifest_stamp(self) -> tuple[int, int] | None:
        try:
            stat = (self.folder / MANIFEST).stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    @property
    def exists(self) -> bool:
        """True when the data was prepared and the index is there."""
        return self._manifest_stamp() is not None

    def index(self) -> DocumentIndex | None:
        """The index (None when there is none); raises RetrievalIndexError when it is damaged."""
        with self._lock:
            stamp = self._manifest_stamp()
            if stamp is None:
                self._index, self._stamp = None, None
            elif self._index is None or stamp != self._stamp:
                self._index, self._stamp = open_index(self.folder), stamp
            return self._index


def _split(messages: list[dict[str, str]]) -> tuple[str | None, list[tuple[str, str]], str]:
    """(system prompt, earlier turns, question) of a conversation made by generation.conversation."""
    system = messages[0]["content"] if messages and messages[0]["role"] == "system" else None
    rest = messages[1:] if system is not None else list(messages)
    turns = [(rest[i]["content"], rest[i + 1]["content"]) for i in range(0, len(rest) - 1, 2)]
    return system, turns, rest[-1]["content"]


class Grounding:
    """One question asked with documents; both panes' chat jobs share it (they run one after the other)."""

    def __init__(self, documents: ProjectDocuments, passages: int = DEFAULT_PASSAGES):
        self.documents = documents
        self.passages = passages
        self._lock = threading.Lock()
        self._kept: list[Hit] | None = None  # the passages the first pane carried
        self._silent = False

    def ground(self, messages: list[dict[str, str]], model: Any, tokenizer: Any, max_tokens: int) -> GroundedPrompt:
        """messages with the passages put in before the question, within the model's prompt budget."""
        from farense_studio.engine.documents_check import prompt_budget

        system, turns, question = _split(messages)
        budget = prompt_budget(model, max_tokens)
        with self._lock:
            if self._kept is None:
                index = self.documents.index()
                hits = index.search(question, self.passages) if index is not None else []
                prompt = grounded_messages(question, hits, budget_tokens=budget, tokenizer=tokenizer,
                                           system_prompt=system, turns=turns)
                prompt.silent = self._silent = documents_silent(index, question, hits)
                ranks = {source["rank"] for source in prompt.sources}
                self._kept = [hit for hit in hits if hit.rank in ranks]
                return prompt
            kept, silent = self._kept, self._silent
        prompt = grounded_messages(question, kept, budget_tokens=budget, tokenizer=tokenizer,
                                   system_prompt=system, turns=turns)
        prompt.silent = silent
        return prompt


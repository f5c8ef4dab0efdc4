"""Answering with the club's documents in farense-infer, an exported inference.py and the server.

The index (``preparado/indice/``, or the copy an export carries) is searched with
data.retrieval (bm25s and the Portuguese Snowball stemmer) and the passages found go into the
last user turn through data.document_prompt, the one prompt format of Conversar, training with
documents and the fact check, within the prompt budget of engine.documents_check. The answer's
``sources`` are the passages the prompt actually carries (file, line or paragraph, row id,
score, rank). A question the documents are silent on (data.document_prompt.documents_silent) is
answered DONT_KNOW_REPLY without asking the model. The exported inference.py is standard-library
only: it gets here by running under the app's Python recorded in its metadata.json (see
program/inference_program.py).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, NamedTuple

from farense_studio.data.document_prompt import (DEFAULT_PASSAGES, DONT_KNOW_REPLY, documents_silent, grounded_messages,
                                               unanswered_kind)
from farense_studio.data.retrieval import DocumentIndex, Hit, RetrievalIndexError, open_index
from farense_studio.program.inference_core import chat_tokens
from farense_studio.program.inference_program import EXIT_MODEL, InferError


class Found(NamedTuple):
    """What Documents.search found for a conversation's last user turn."""

    last: int | None  # the place of that turn (None: no user turn)
    question: str
    hits: list[Hit]
    silent: bool  # the documents do not speak of it (data.document_prompt.documents_silent)


class Documents:
    """An opened index and how to put what it finds into a conversation."""

    def __init__(self, index: DocumentIndex, passages: int = DEFAULT_PASSAGES):
        self.index, self.passages = index, passages
        self._lock = threading.Lock()  # the server searches from its request threads too (one stemmer)

    @classmethod
    def open(cls, folder: str | Path) -> "Documents":
        """The index in folder; InferError ``infer_documents_failed`` (with the index's own
        message and code as ``reason``) when it is missing or cannot be read."""
        try:
            index = open_index(folder)
            if index is None:
                raise RetrievalIndexError("index_missing", path=str(folder))
        except RetrievalIndexError as exc:
            raise InferError("infer_documents_failed", EXIT_MODEL, detail=exc.text(), reason=exc.code) from exc
        return cls(index)

    def search(self, messages: list[dict]) -> Found:
        """The passages found for the conversation's last user turn, and whether the documents are
        silent on it (no model needed: the server decides in its request thread, then hands this to
        ground in the generation thread so the index is searched once)."""
        last = max((i for i, m in enumerate(messages) if m.get("role") == "user"), default=None)
        if last is None:
            return Found(None, "", [], False)
        question = messages[last].get("content")
        question = question if isinstance(question, str) else ""
        with self._lock:
            hits = self.index.search(question, self.passages)
            return Found(last, question, hits, documents_silent(self.index, question, hits))

    def ground(self, model, tokenizer, messages: list[dict], max_tokens: int,
               found: Found | None = None) -> tuple[list[dict], list[dict[str, Any]], str | None]:
        """(the conversation with the passages found for its last user turn put into that turn,
        their sources, None) or, when the documents are silent on it, (the conversation as it was,
        [], DONT_KNOW_REPLY: the answer, not to be asked of the model). Earlier turns and the system
        prompt count against the budget as they are. found: search(messages), when already made."""
        from farense_studio.engine.documents_check import prompt_budget

        last, question, hits, silent = found if found is not None else self.search(messages)
        if last is None:
            return messages, [], None
        if silent:
            return messages, [], DONT_KNOW_REPLY
        before, after = messages[:last], messages[last + 1:]

        def count(turn: list[dict]) -> int:
            return len(chat_tokens(tokenizer, before + turn[-1:] + after))

        prompt = grounded_messages(question, hits, budget_tokens=prompt_budget(model, max_tokens), count_tokens=count)
        return before + prompt.messages[-1:] + after, prompt.sources, None


def ground(index: Path, model, tokenizer, messages: list[dict], max_tokens: int):
    """The inference program's ``ground`` hook: open the index and ground the one question
    (Documents.ground's three values), and a fourth: check(answer), the answer to give for what the
    model answered (DONT_KNOW_REPLY when it lacks the kind of thing the question asks for:
    data.document_prompt.unanswered_kind)."""
    documents = Documents.open(index)
    found = documents.search(messages)
    grounded, sources, answer = documents.ground(model, tokenizer, messages, max_tokens, found)

    def check(response: str) -> str:
        return DONT_KNOW_REPLY if unanswered_kind(found.question, response, sources) else response

    return grounded, sources, answer, check

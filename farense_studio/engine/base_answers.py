"""The base model's answers, kept between fact checks.

The fact check asks every question twice, adapter off (the base model) and on. The base column
does not change from one training to the next: the same base weights, the same conversation and
greedy decoding give the same answer. This keeps those answers in the app's data folder
(``cache/respostas_base/``), one file per base model, so the second and every later fact check
of the same base only asks the fine-tuned model: half the wait, and less than half where the
base model rambles to the token limit.

A base model is told apart by its weights (names, shapes, dtypes and the first values of every
array, read with the adapter switched off) and its chat template, never by its name or folder:
a fused export or another revision under the same name is another model. Only greedy settings
(temperature 0) are kept; a key covers the whole conversation (system prompt, passages, question)
and the settings. No Qt.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from farense_studio.files import atomic_write_json

VERSION = 1  # bump when what generation returns for the same input changes
MAX_ANSWERS = 4000  # per base model; the oldest go first
_HEAD = 64  # values of each array that enter the fingerprint


def _folder() -> Path:
    from farense_studio.paths import data_dir

    return data_dir() / "cache" / "respostas_base"


def fingerprint(model, tokenizer) -> str:
    """sha256 of the base model's weights (with any adapter off) and its chat template."""
    import mlx.core as mx
    import numpy as np
    from mlx.utils import tree_flatten

    from farense_studio.engine.generation import adapter_disabled

    digest = hashlib.sha256(f"v{VERSION}".encode())
    with adapter_disabled(model):
        named = sorted(tree_flatten(model.parameters()), key=lambda item: item[0])
    heads = [array.reshape(-1)[:_HEAD] for _, array in named]
    heads = [head.astype(mx.float32) if head.dtype == mx.bfloat16 else head for head in heads]
    mx.eval(*heads)  # one wait for all of them
    for (name, array), head in zip(named, heads):
        digest.update(f"{name}|{tuple(array.shape)}|{array.dtype}".encode())
        digest.update(np.array(head).tobytes())
    template = getattr(tokenizer, "chat_template", None)
    digest.update(json.dumps(template, sort_keys=True, default=str).encode())
    return digest.hexdigest()


class BaseAnswers:
    """get/put of one base model's answers; save() merges them into the file on disk."""

    def __init__(self, identity: str, folder: Path | None = None):
        self.path = (folder or _folder()) / f"{identity[:32]}.json"
        self._answers: dict[str, str] = self._read()
        self._new: dict[str, str] = {}

    def _read(self) -> dict[str, str]:
        """The answers the file holds now (none yet, unreadable or of another version: none)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if isinstance(data, dict) and data.get("version") == VERSION and isinstance(data.get("answers"), dict):
            return {str(k): str(v) for k, v in data["answers"].items()}
        return {}

    @classmethod
    def open(cls, model, tokenizer, folder: Path | None = None) -> "BaseAnswers | None":
        """The answers kept for this base model (None when its weights cannot be read)."""
        try:
            return cls(fingerprint(model, tokenizer), folder)
        except Exception:  # noqa: BLE001 - a model without plain arrays: nothing is kept, nothing breaks
            return None

    @staticmethod
    def key(messages: list[dict[str, Any]], settings) -> str | None:
        """None where the answer is not deterministic (sampling): such answers are never kept."""
        described = settings.to_dict()
        if float(described.get("temperature", 1.0)) != 0.0:
            return None
        text = json.dumps({"messages": messages, "settings": described}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, messages, settings) -> str | None:
        key = self.key(messages, settings)
        return None if key is None else self._new.get(key, self._answers.get(key))

    def put(self, messages, settings, answer: str) -> None:
        key = self.key(messages, settings)
        if key is not None:
            self._new[key] = answer

    def save(self) -> None:
        """Adds the new answers to what the file holds now (another process may have added some)."""
        if not self._new:
            return
        current = self._read()
        current.update(self._new)
        if len(current) > MAX_ANSWERS:
            current = dict(list(current.items())[-MAX_ANSWERS:])
        try:
            atomic_write_json(self.path, {"version": VERSION, "answers": current})
        except OSError:  # a full or read-only disk: the next check asks again
            return
        self._answers, self._new = current, {}


def answer(kept: "BaseAnswers | None", messages, settings, ask, stop_event=None) -> tuple[str, bool]:
    """(the kept answer for these messages, True), or (what ask() returns, False), kept for next time
    unless stop_event was set meanwhile (a cut answer is never kept). The flag goes into the progress
    reports as ``kept``: such an answer took no time, so it is not the pace of answering."""
    if kept is not None:
        found = kept.get(messages, settings)
        if found is not None:
            return found, True
    reply = ask()
    if kept is not None and not (stop_event is not None and stop_event.is_set()):
        kept.put(messages, settings, reply)
    return reply, False

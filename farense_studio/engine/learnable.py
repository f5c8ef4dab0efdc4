"""How many training examples keep an answer once cut to the maximum length (no Qt, no weights).

With prompt masking only the answer's tokens teach; an example whose question and system prompt
fill the whole maximum length has nothing left to learn from. The trainer refuses a run where
no example keeps its answer (``nothing_to_learn``); a front end warns before Treinar when most
lose it:

    loss = answers_lost(config)            # reads the model's tokenizer only
    message = loss.message()               # None, or a Message (warning / error) to show
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from farense_studio.engine import batches as B
from farense_studio.engine.config import TrainConfig
from farense_studio.messages import Message


SHORTER_SHARE = 0.75  # prepared for at most this share of the maximum length: worth preparing again


@dataclass(frozen=True)
class AnswersLost:
    """Training examples, and how many of them keep no answer token after the cut."""

    examples: int
    without_answer: int
    max_tokens: int
    documents_tokens: int | None = None  # the length the examples were mixed with documents for (data.raft)

    @property
    def nothing_to_learn(self) -> bool:
        return self.examples > 0 and self.without_answer >= self.examples

    @property
    def documents_shorter(self) -> bool:
        """The examples were mixed with documents for a length well under today's maximum (Dados
        prepared them before the model was on this computer, when the approximate count leaves
        the real tokenizer room, or for a shorter length): preparing again gives fuller passages."""
        return self.documents_tokens is not None and self.documents_tokens <= SHORTER_SHARE * self.max_tokens

    @property
    def most_lost(self) -> bool:
        """More than half lose their answer: worth a warning before training."""
        return self.without_answer * 2 > self.examples

    def message(self) -> Message | None:
        """nothing_to_learn (error), most_answers_lost (warning) or None."""
        params = {"count": self.examples, "lost": self.without_answer, "max_tokens": self.max_tokens}
        if self.without_answer and (self.documents_tokens or 0) > self.max_tokens:
            # The passages were fitted to a longer maximum: preparing again fits them to this one.
            return Message("documents_prepared_longer", {**params, "prepared": self.documents_tokens},
                           "error" if self.nothing_to_learn else "warning")
        if self.nothing_to_learn:
            return Message("nothing_to_learn", params, "error")
        if self.most_lost:
            return Message("most_answers_lost", params, "warning")
        return None


def count_answers_lost(split: B.TokenizedSplit, max_tokens: int, data_dir: str | Path | None = None) -> AnswersLost:
    """AnswersLost of an already tokenized split (what the trainer holds); with the prepared
    folder it came from, also the length its examples were mixed with documents for."""
    return AnswersLost(len(split), split.without_answer, max_tokens,
                       documents_tokens(data_dir) if data_dir is not None else None)


def answers_lost(config: TrainConfig, tokenizer: Any = None) -> AnswersLost:
    """AnswersLost of config's train.jsonl, tokenized as training will (chat template, system
    prompt, masking, cut). Without a tokenizer, the model's own is read (never its weights).
    Raises DataError for a train.jsonl the trainer would refuse too."""
    if tokenizer is None:
        from mlx_lm.utils import load_tokenizer

        from farense_studio.engine.lora import resolve_model_path

        tokenizer = load_tokenizer(resolve_model_path(config.model))
    split = B.tokenize_split(Path(config.data_dir) / B.TRAIN_FILE, tokenizer,
                             system_prompt=config.system_prompt or None,
                             mask_prompt=config.mask_prompt, max_seq_length=config.max_seq_length)
    return count_answers_lost(split, config.max_seq_length, config.data_dir)


def documents_tokens(data_dir: str | Path) -> int | None:
    """The maximum length a prepared folder's examples were mixed with documents for (its
    relatorio.json), None when they were not (or the report cannot be read)."""
    import json

    from farense_studio.data.corpus import REPORT_NAME
    from farense_studio.data.raft import SETTING_KEY

    try:
        report = json.loads((Path(data_dir) / REPORT_NAME).read_text(encoding="utf-8"))
        value = report["settings"][SETTING_KEY]["max_tokens"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return value if isinstance(value, int) else None

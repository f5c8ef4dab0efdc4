"""The fact check during training: which checkpoint answers best.

When the data has checking questions (data.checking.checking_questions_path), the trainer asks
them of the adapter it is training (greedy, short answers) at every ``every``-th evaluation and
at the last step, so a CPU run stays fast (a check costs about six steps of the tiny model:
bench/fact_check_cost.py; checking at every new low of the loss made a tiny CPU run 2.7x
slower, as a learning model's loss falls at nearly every evaluation). Facts correct go to metrics.jsonl ({"kind": "facts", "step", "correct",
"total", "seconds"}) and into the checkpoint's state; the checkpoint kept as "the result" is the
one with most facts correct, ties going to the lower checking loss (``better``). The check never
touches the training random state (saved and put back), so an exact resume stays exact. No Qt.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

EVERY = 4  # evaluations between checks
MAX_TOKENS = 48  # the facts asked are short; a correct answer states them early


@dataclass
class FactScore:
    """Facts correct at one step (val_loss: the checking loss measured with it)."""

    step: int
    correct: int
    total: int
    val_loss: float | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> "FactScore | None":
        if not isinstance(data, dict):
            return None
        try:
            return cls(int(data["step"]), int(data["correct"]), int(data["total"]),
                       data.get("val_loss"), float(data.get("seconds", 0.0)))
        except (KeyError, TypeError, ValueError):
            return None


def better(score: FactScore, best: FactScore | None) -> bool:
    """More facts correct wins; equal facts: the lower checking loss."""
    if best is None:
        return True
    if score.correct != best.correct:
        return score.correct > best.correct
    loss = math.inf if score.val_loss is None else score.val_loss
    best_loss = math.inf if best.val_loss is None else best.val_loss
    return loss < best_loss


class FactCheck:
    """The checking questions and how to ask them of the model being trained."""

    def __init__(self, questions: list, tokenizer, system_prompt: str | None = None, *,
                 max_tokens: int = MAX_TOKENS, every: int = EVERY, grad_checkpoint: bool = False):
        from farense_studio.engine.generation import GenerationSettings, default_system_prompt

        self.questions = list(questions)
        self.tokenizer = tokenizer
        self.system_prompt = default_system_prompt() if system_prompt is None else system_prompt
        self.settings = GenerationSettings.greedy(max_tokens=max_tokens)
        self.every = max(1, int(every))
        self.grad_checkpoint = grad_checkpoint

    @classmethod
    def for_data(cls, data_dir: str | Path | None, tokenizer, system_prompt: str | None = None,
                 **options: Any) -> "FactCheck | None":
        """The check for prepared data, or None when it has no usable checking questions."""
        from farense_studio.data.checking import checking_questions_path
        from farense_studio.engine.evaluate import EvaluationError, load_questions

        path = checking_questions_path(data_dir)
        if path is None:
            return None
        try:
            return cls(load_questions(path), tokenizer, system_prompt or None, **options)
        except EvaluationError:
            return None

    def due(self, evaluations: int, last: bool) -> bool:
        """True when the run's ``evaluations``-th evaluation (counted from the run's own history,
        so a resumed run checks at the same steps) should ask the questions."""
        return last or (evaluations > 0 and evaluations % self.every == 0)

    def run(self, model, step: int, val_loss: float | None = None) -> FactScore:
        """Asks every question of the model as it is now (the adapter switched on)."""
        import mlx.core as mx

        from farense_studio.engine.evaluate import score_answer
        from farense_studio.engine.generation import conversation, generate_reply
        from farense_studio.engine.lora import grad_checkpoint

        started = time.perf_counter()
        random_state = [mx.array(key) for key in mx.random.state]
        mx.eval(random_state)
        model.eval()
        if self.grad_checkpoint:
            grad_checkpoint(model.layers[0], on=False)
        try:
            correct = 0
            for question in self.questions:
                reply = generate_reply(model, self.tokenizer,
                                       conversation(self.system_prompt, [], question.question), self.settings)
                correct += score_answer(reply, question.keywords)
        finally:
            if self.grad_checkpoint:
                grad_checkpoint(model.layers[0], on=True)
            model.train()
            for key, saved in zip(mx.random.state, random_state):
                key[...] = saved  # in place: the compiled step holds this very state
        return FactScore(step, correct, len(self.questions), val_loss, time.perf_counter() - started)


__all__ = ["FactCheck", "FactScore", "better", "EVERY", "MAX_TOKENS"]

""""Verificar factos" after a run: the checking questions through the base model and the result.

What the app runs when training ends (and the CLI can run any time): the project's checking
questions (data.checking.checking_questions_path of the run's data) asked of the run's best
checkpoint, greedy. The base model's answers depend only on the base model, the questions and
how they are asked, so they are computed once and kept (engine.base_answers, in the app's data
folder); every later run on the same base and questions reuses them.
The result is a Scorecard saved in the run's evaluation/ folder (what Conversar and the export
read) and told in plain words: "o modelo acerta 31 de 37 perguntas; antes acertava 0", with the
questions it still misses and what it answered. No Qt.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from farense_studio import messages
from farense_studio.engine.base_answers import BaseAnswers, answer
from farense_studio.engine.evaluate import (EvaluationError, Scorecard, ScoreRow, latest_scorecard,
                                            load_questions, missing_keywords, score_answer)

MAX_TOKENS = 96


@dataclass
class FactReport:
    """The scorecard of one verification and how it reads."""

    card: Scorecard
    path: Path | None = None  # the scorecard JSON in the run's evaluation/ folder
    base_cached: bool = False

    @property
    def misses(self) -> list[ScoreRow]:
        """The questions the fine-tuned model still gets wrong (answer and missing keywords in each)."""
        return [row for row in self.card.rows if row.tuned_correct is False]

    def summary(self, lang: str | None = None) -> str:
        return summary_text(self.card.to_json(lang), lang)


def summary_text(card: dict[str, Any], lang: str | None = None) -> str:
    """"o modelo acerta 31 de 37 perguntas; antes acertava 0" of a scorecard's JSON."""
    documents = with_documents(card)
    if documents is not None:
        return messages.render("facts_verified_documents", {**_params(card), "documents": documents}, lang)
    return messages.render("facts_verified", _params(card), lang)


def one_line(card: dict[str, Any], lang: str | None = None) -> str:
    """The runs list's line: "acertos 0 → 31 de 37"."""
    documents = with_documents(card)
    if documents is not None:
        return messages.render("facts_line_documents", {**_params(card), "documents": documents}, lang)
    return messages.render("facts_line", _params(card), lang)


def _params(card: dict[str, Any]) -> dict[str, Any]:
    tuned = card.get("tuned_correct")
    return {"base": card.get("base_correct", 0), "tuned": "-" if tuned is None else tuned,
            "total": card.get("total", 0)}


def with_documents(card: dict[str, Any]) -> int | None:
    """How many the fine-tuned model answers with the club's documents, when the check asked so."""
    column = (card.get("columns") or {}).get("fine-tuned+documents") or {}
    return column.get("correct") if isinstance(column.get("correct"), int) else None


def run_fact_line(run_dir: str | Path, lang: str | None = None) -> str | None:
    """The one-line summary of a run's newest verification, or None when it has none."""
    path = latest_scorecard(run_dir)
    if path is None:
        return None
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return one_line(card, lang) if isinstance(card, dict) and card.get("total") else None


def _run_index(run_dir: Path, config: dict[str, Any]):
    """The index of the run's prepared data, or None (none, or one that cannot be read: the check
    then goes on without documents)."""
    from farense_studio.engine.documents_check import find_index

    try:
        return find_index(run_config=config, run_dir=run_dir)
    except EvaluationError:
        return None


def verify_run(run_dir: str | Path, questions: str | Path | None = None, *, which: str = "best",
               base_spec: str | None = None, max_tokens: int = MAX_TOKENS, cache_dir: Path | None = None,
               progress: Callable[[dict], None] | None = None, stop_event: threading.Event | None = None,
               save: bool = True, documents: bool = True) -> FactReport:
    """Verifies a run's checkpoint on its checking questions (``questions`` overrides them).

    With ``documents`` and an index in the run's prepared data, the fine-tuned model is asked again
    with the club's passages, as Conversar and the bot answer by default (engine.documents_check):
    the card then carries the "fine-tuned+documents" column and the summary says both.
    progress receives {"phase": "base"|"tuned"|"fine-tuned+documents", "done", "total", "question", "answer"}.
    EvaluationError("questions_not_found") when the run's data has no checking questions.
    """
    from farense_studio.data.checking import checking_questions_path
    from farense_studio.engine.evaluate import resolve_run
    from farense_studio.engine.generation import (ChatModelCache, GenerationSettings, adapter_disabled,
                                                  conversation, generate_reply, run_system_prompt)

    started = time.perf_counter()
    run_dir = Path(run_dir)
    config, checkpoint, base = resolve_run(run_dir, which, base_spec)
    path = Path(questions) if questions else checking_questions_path(config.get("data_dir"))
    if path is None:
        raise EvaluationError("questions_not_found", path=str(Path(config.get("data_dir") or run_dir)))
    question_list = load_questions(path)
    system_prompt = run_system_prompt(run_dir)
    settings = GenerationSettings.greedy(max_tokens)
    index = _run_index(run_dir, config) if documents else None
    prompts = [conversation(system_prompt, [], question.question) for question in question_list]
    total = done = 0

    def ask(model, tokenizer, phase, kept=None) -> list[str] | None:
        nonlocal done
        answers = []
        for question, asked in zip(question_list, prompts):
            if stop_event is not None and stop_event.is_set():
                return None
            reply, was_kept = answer(kept, asked, settings, lambda: generate_reply(
                model, tokenizer, asked, settings, stop_event).strip(), stop_event)
            answers.append(reply)
            done += 1
            if progress is not None:
                progress({"phase": phase, "done": done, "total": total, "question": question.question,
                          "answer": reply, "kept": was_kept})
        return answers

    cache = ChatModelCache()
    try:
        loaded = cache.load(base, checkpoint)
        kept = BaseAnswers.open(loaded.model, loaded.tokenizer, cache_dir)
        found = [kept.get(asked, settings) for asked in prompts] if kept is not None else []
        cached = kept is not None and None not in found
        base_answers = found if cached else None
        total = len(question_list) * ((1 if cached else 2) + (index is not None))
        if base_answers is None:
            with adapter_disabled(loaded.model):
                base_answers = ask(loaded.model, loaded.tokenizer, "base", kept)
            if base_answers is not None and kept is not None:
                kept.save()
        tuned_answers = ask(loaded.model, loaded.tokenizer, "tuned") if base_answers is not None else None
        checked = None
        if index is not None and tuned_answers is not None:
            from farense_studio.engine.documents_check import run_documents_check

            def told(value: dict) -> None:
                if progress is not None:
                    progress({**value, "done": done + value["done"], "total": total})

            checked = run_documents_check(loaded.model, loaded.tokenizer, question_list, index, settings=settings,
                                          system_prompt=system_prompt, progress=told, stop_event=stop_event,
                                          with_base=False)
    finally:
        cache.unload()
    about = dict(model=base, adapter=str(checkpoint), run_dir=str(run_dir), checkpoint=which,
                 questions_file=str(path), settings=settings.to_dict())
    if checked is not None:
        from farense_studio.engine.documents_check import DocumentsScorecard

        card = DocumentsScorecard([], **about, documents=checked)
    else:
        card = Scorecard([], **about)
    card.cancelled = tuned_answers is None or (checked is not None and checked.cancelled)
    for i, question in enumerate(question_list if not card.cancelled else []):
        row = ScoreRow(question.question, list(question.keywords), question.source, base_answers[i],
                       score_answer(base_answers[i], question.keywords),
                       missing_keywords(base_answers[i], question.keywords), tuned_answers[i],
                       score_answer(tuned_answers[i], question.keywords),
                       missing_keywords(tuned_answers[i], question.keywords))
        card.rows.append(row)
    card.seconds = time.perf_counter() - started
    saved = card.save_json(run_dir) if save and not card.cancelled else None
    return FactReport(card, saved, cached)


__all__ = ["FactReport", "verify_run", "run_fact_line", "summary_text", "one_line"]

"""The fact check with the club's documents: base and fine-tuned, each with and without passages.

Four columns, each ``{"correct", "total"}``: ``base``, ``base+documents``, ``fine-tuned`` and
``fine-tuned+documents`` (the fine-tuned ones only for a run). With documents, every question is
asked through data.document_prompt (the passages the index finds, within the prompt budget) and its
row keeps the sources it was given; a question the documents are silent on is answered
DONT_KNOW_REPLY without asking the model, as every front end does (``silent`` in its row), and so is
an answer that lacks the kind of thing its question asks for (data.document_prompt.unanswered_kind). Used by
``farense-studio evaluate --documents``. No Qt.
"""

from __future__ import annotations

import threading
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from farense_studio.data.document_prompt import (DEFAULT_PASSAGES, DONT_KNOW_REPLY, GroundedPrompt, answer_prompt,
                                               unanswered_kind)
from farense_studio.data.retrieval import MANIFEST, DocumentIndex, RetrievalIndexError, index_folder, open_index
from farense_studio.engine.abstain import dont_know_probability
from farense_studio.engine.base_answers import BaseAnswers, answer as kept_answer
from farense_studio.engine.evaluate import (EvaluationError, Question, Scorecard, ScoreRow, default_questions_path,
                                            load_questions, missing_keywords, run_scorecard, score_answer)
from farense_studio.engine.generation import GenerationSettings, adapter_disabled, has_adapter, stream_reply

DEFAULT_CONTEXT_TOKENS = 2048  # prompt + answer; models with a shorter context get theirs
COLUMNS = ("base", "base+documents", "fine-tuned", "fine-tuned+documents")


@dataclass
class DocumentsRow(ScoreRow):
    """A ScoreRow answered with documents, with the passages' sources the model was given."""

    sources: list[dict[str, Any]] = field(default_factory=list)
    # engine.abstain.dont_know_probability of each answer's conversation (adapter off / on)
    base_dont_know_p: float | None = None
    tuned_dont_know_p: float | None = None
    silent: bool = False  # the documents do not speak of it: answered «não sei» without the model


@dataclass
class DocumentsCheck:
    """The with-documents half of a scorecard."""

    rows: list[DocumentsRow] = field(default_factory=list)
    index: str | None = None
    passages: int = DEFAULT_PASSAGES
    budget_tokens: int = 0
    cancelled: bool = False

    def correct(self, tuned: bool) -> int | None:
        verdicts = [r.tuned_correct if tuned else r.base_correct for r in self.rows]
        return None if any(v is None for v in verdicts) else sum(1 for v in verdicts if v)

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "passages": self.passages, "budget_tokens": self.budget_tokens,
                "cancelled": self.cancelled, "rows": [asdict(r) for r in self.rows]}


@dataclass
class DocumentsScorecard(Scorecard):
    """A Scorecard whose JSON also carries the with-documents answers and the four columns."""

    documents: DocumentsCheck | None = None

    def columns(self) -> dict[str, dict[str, int]]:
        found = {"base": self.base_correct, "fine-tuned": self.tuned_correct}
        if self.documents is not None:
            found["base+documents"] = self.documents.correct(False)
            found["fine-tuned+documents"] = self.documents.correct(True)
        return {name: {"correct": found[name], "total": self.total}
                for name in COLUMNS if found.get(name) is not None}

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        data = super().to_json(lang)
        data["columns"] = self.columns()
        data["documents"] = self.documents.to_json() if self.documents is not None else None
        return data


def prompt_budget(model: Any, max_tokens: int, context_tokens: int = DEFAULT_CONTEXT_TOKENS) -> int:
    """Tokens the prompt may take: the context used (capped by the model's own) minus the answer's."""
    own = getattr(getattr(model, "args", None), "max_position_embeddings", None)
    context = min(context_tokens, own) if isinstance(own, int) and own > 0 else context_tokens
    return max(0, context - max_tokens)


def run_documents_check(model, tokenizer, questions: list[Question], index: DocumentIndex | None, *,
                        settings: GenerationSettings, system_prompt: str | None, passages: int = DEFAULT_PASSAGES,
                        context_tokens: int = DEFAULT_CONTEXT_TOKENS, progress: Callable[[dict], None] | None = None,
                        stop_event: threading.Event | None = None, with_base: bool = True,
                        dont_know: bool = False, kept_base=None) -> DocumentsCheck:
    """Answers every question with its passages, adapter off (base, unless ``with_base`` is False:
    then its verdicts stay None and the column is left out) and, when there is one, on.
    ``dont_know``: each row also records engine.abstain.dont_know_probability (one more forward pass
    over each prompt: asked by ``farense-studio evaluate --documents``, which the benches read, not by
    the app's fact check). kept_base (engine.base_answers.BaseAnswers): base answers kept from an
    earlier check of the same base, as run_scorecard takes them."""
    budget = prompt_budget(model, settings.max_tokens, context_tokens)
    check = DocumentsCheck(index=str(index.folder) if index is not None and index.folder else None,
                           passages=passages, budget_tokens=budget)
    prompts: list[GroundedPrompt] = [
        answer_prompt(index, q.question, budget_tokens=budget, tokenizer=tokenizer, system_prompt=system_prompt,
                      passages=passages) for q in questions]
    phases = (["base+documents"] if with_base else []) + (["fine-tuned+documents"] if has_adapter(model) else [])
    answers: dict[str, list[str]] = {}
    probabilities: dict[str, list[float]] = {}
    done, total = 0, len(questions) * len(phases)
    for phase in phases:
        answers[phase], probabilities[phase] = [], []
        with adapter_disabled(model) if phase == "base+documents" else nullcontext():
            for question, prompt in zip(questions, prompts):
                if stop_event is not None and stop_event.is_set():
                    check.cancelled = True
                    break
                ask = lambda: "".join(  # noqa: E731
                    stream_reply(model, tokenizer, prompt.messages, settings, stop_event)).strip()
                kept = kept_base if phase == "base+documents" else None  # only the base's answers are kept
                reply, was_kept = (DONT_KNOW_REPLY, False) if prompt.silent else kept_answer(
                    kept, prompt.messages, settings, ask, stop_event)
                if unanswered_kind(question.question, reply, prompt.sources):  # as every front end
                    reply = DONT_KNOW_REPLY
                answers[phase].append(reply)
                if dont_know:
                    probabilities[phase].append(dont_know_probability(model, tokenizer, prompt.messages))
                done += 1
                if progress is not None:
                    progress({"phase": phase, "done": done, "total": total, "question": question.question,
                              "answer": reply, "kept": was_kept})
        if phase == "base+documents" and kept_base is not None and not check.cancelled:
            kept_base.save()
    base, tuned = answers.get("base+documents"), answers.get("fine-tuned+documents")
    for i, (question, prompt) in enumerate(zip(questions, prompts)):
        if (base is not None and i >= len(base)) or (tuned is not None and i >= len(tuned)):
            break
        if base is None:
            row = DocumentsRow(question.question, list(question.keywords), question.source, "", None, [],
                               sources=prompt.sources)
        else:
            row = DocumentsRow(question.question, list(question.keywords), question.source, base[i],
                               score_answer(base[i], question.keywords), missing_keywords(base[i], question.keywords),
                               sources=prompt.sources)
        if tuned is not None:
            row.tuned_answer, row.tuned_correct = tuned[i], score_answer(tuned[i], question.keywords)
            row.tuned_missing = missing_keywords(tuned[i], question.keywords)
        row.silent = prompt.silent
        if dont_know:
            row.base_dont_know_p = probabilities["base+documents"][i] if base is not None else None
            row.tuned_dont_know_p = probabilities["fine-tuned+documents"][i] if tuned is not None else None
        check.rows.append(row)
    return check


def index_candidates(index_dir: str | Path | None = None, *, run_config: dict[str, Any] | None = None,
                     run_dir: str | Path | None = None, project: str | Path | None = None) -> list[Path]:
    """Where the index to answer from may be, in order: the one named, the run's prepared
    data's, the run's own data folder's, the project's."""
    candidates = [Path(index_dir)] if index_dir else []
    if run_config and run_config.get("data_dir"):
        candidates.append(index_folder(run_config["data_dir"]))
    if run_dir is not None:
        candidates.append(index_folder(Path(run_dir) / "data"))
    if project is not None:
        candidates.append(index_folder(Path(project) / "preparado"))
    return candidates


def run_index_folder(run_dir: str | Path, run_config: dict[str, Any]) -> Path | None:
    """The index folder of a run's prepared data (what its export carries), None without one."""
    return next((f for f in index_candidates(run_config=run_config, run_dir=run_dir) if (f / MANIFEST).is_file()),
                None)


def find_index(index_dir: str | Path | None = None, *, run_config: dict[str, Any] | None = None,
               run_dir: str | Path | None = None, project: str | Path | None = None) -> DocumentIndex:
    """The index to answer from: the one named, the run's prepared data's, or the project's."""
    candidates = index_candidates(index_dir, run_config=run_config, run_dir=run_dir, project=project)
    for folder in candidates:
        try:
            index = open_index(folder)
        except RetrievalIndexError as exc:
            raise EvaluationError(exc.code, **exc.params) from exc
        if index is not None:
            return index
    raise EvaluationError("index_missing", path=str(candidates[0]) if candidates else "-")


def evaluate_with_documents(*, run_dir: str | Path | None = None, model_spec: str | None = None,
                            project: str | Path | None = None, which: str = "best",
                            questions: str | Path | None = None, documents: bool = True,
                            index_dir: str | Path | None = None, max_tokens: int = 160,
                            passages: int = DEFAULT_PASSAGES, progress=None, stop_event=None,
                            save: bool = True) -> tuple[DocumentsScorecard, Path | None]:
    """Scores a run (base and fine-tuned) or a base model alone, with and without documents.

    A run's scorecard is saved in its evaluation/ folder as evaluate_run's is; a base model's
    (model_spec with project, no run) is only returned.
    """
    from farense_studio.engine.evaluate import resolve_run, run_validation_data
    from farense_studio.engine.generation import ChatModelCache, default_system_prompt, run_system_prompt

    config, checkpoint, base = {}, None, model_spec
    if run_dir is not None:
        run_dir = Path(run_dir)
        config, checkpoint, base = resolve_run(run_dir, which, model_spec)
    elif not model_spec:
        raise EvaluationError("run_not_found", path="-")
    index = (find_index(index_dir, run_config=config, run_dir=run_dir, project=project)
             if documents else None)
    questions_path = Path(questions) if questions else default_questions_path()
    question_list = load_questions(questions_path)
    system_prompt = run_system_prompt(run_dir) if run_dir is not None else default_system_prompt()
    settings = GenerationSettings.greedy(max_tokens)
    cache = ChatModelCache()
    loaded = cache.load(base, checkpoint)
    try:
        kept = BaseAnswers.open(loaded.model, loaded.tokenizer)
        plain = run_scorecard(loaded.model, loaded.tokenizer, question_list, settings=settings, kept_base=kept,
                              system_prompt=system_prompt, progress=progress, stop_event=stop_event,
                              valid=run_validation_data(run_dir, config) if run_dir is not None else None,
                              about={"model": base, "adapter": str(checkpoint) if checkpoint else None,
                                     "run_dir": str(run_dir) if run_dir else None,
                                     "checkpoint": which if run_dir else None, "questions_file": str(questions_path)})
        card = DocumentsScorecard(**{name: getattr(plain, name) for name in plain.__dataclass_fields__})
        if index is not None and not plain.cancelled:
            card.documents = run_documents_check(loaded.model, loaded.tokenizer, question_list, index,
                                                 settings=settings, system_prompt=system_prompt, passages=passages,
                                                 progress=progress, stop_event=stop_event, dont_know=True,
                                                 kept_base=kept)
    finally:
        cache.unload()
    path = card.save_json(run_dir) if save and run_dir is not None else None
    return card, path


def evaluate_run(run_dir: str | Path, which: str = "best", questions: str | Path | None = None, *,
                 max_tokens: int = 160, progress=None, stop_event=None, base_spec: str | None = None,
                 save: bool = True) -> tuple[DocumentsScorecard, Path | None]:
    """Loads the run's base model and checkpoint, scores it, writes the JSON; (card, json path).
    The same check with the club's documents: evaluate_with_documents (documents=True)."""
    return evaluate_with_documents(run_dir=run_dir, model_spec=base_spec, which=which, questions=questions,
                                   documents=False, max_tokens=max_tokens, progress=progress,
                                   stop_event=stop_event, save=save)

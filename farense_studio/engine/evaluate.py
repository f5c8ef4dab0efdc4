"""Fact-recall scorecard: held-out questions through the base model and base + adapter.

Each answer (greedy decoding) is checked for its required keywords (engine/keywords.py: every
keyword must appear; ``|`` separates alternatives; case and accents are ignored; numbers
stand as whole words). The validation loss and perplexity
of both are computed on the run's valid.jsonl exactly as the trainer computes its own. No Qt.
"""

from __future__ import annotations

import csv
import json
import math
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from farense_studio import messages
from farense_studio.data.formats import CODED_PARAMS
from farense_studio.engine.generation import (GenerationError, GenerationSettings, adapter_disabled,
                                              conversation, has_adapter, stream_reply)
from farense_studio.engine.keywords import fold, keyword_found, missing_keywords, score_answer
from farense_studio.engine.models import pin_revision
from farense_studio.files import atomic_write_json

DEFAULT_QUESTIONS = "perguntas_teste.jsonl"
SCORECARD_DIR = "evaluation"


class EvaluationError(GenerationError):
    """A problem with the questions or the run, with a stable code and parameters; ``reason`` of
    questions_invalid_json and ``kind`` of questions_not_object are codes rendered first."""

    coded_params = CODED_PARAMS


# --------------------------------------------------------------------------------------------
# Questions and keyword matching


@dataclass
class Question:
    """One held-out question and the keywords a correct answer contains."""

    question: str
    keywords: list[str]
    source: str = ""
    line: int | None = None


def default_questions_path() -> Path:
    from farense_studio.paths import sample_data_dir

    return sample_data_dir() / DEFAULT_QUESTIONS


def load_questions(path: str | Path | None = None) -> list[Question]:
    """Reads a held-out questions file (one JSON object a line); EvaluationError on a bad line."""
    path = Path(path) if path else default_questions_path()
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError as exc:
        raise EvaluationError("questions_not_found", path=str(path)) from exc
    questions = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            from farense_studio.data.formats import json_error_params

            raise EvaluationError("questions_invalid_json", path=path.name, line=number,
                                  **json_error_params(exc)) from exc
        if not isinstance(record, dict):
            kind = {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(record), "number")
            raise EvaluationError("questions_not_object", path=path.name, line=number, kind=kind)
        question = record.get("question")
        keywords = record.get("keywords")
        if isinstance(keywords, str):
            keywords = [keywords]
        if not isinstance(question, str) or not question.strip():
            raise EvaluationError("questions_missing_field", path=path.name, line=number, field="question")
        if not isinstance(keywords, list) or not keywords or not all(isinstance(k, str) and k.strip() for k in keywords):
            raise EvaluationError("questions_missing_field", path=path.name, line=number, field="keywords")
        questions.append(Question(question.strip(), [k.strip() for k in keywords],
                                  str(record.get("source", "")), number))
    if not questions:
        raise EvaluationError("questions_empty", path=str(path))
    return questions


# --------------------------------------------------------------------------------------------
# The scorecard


@dataclass
class ScoreRow:
    """One question with both answers and their verdicts (tuned_* None without an adapter)."""

    question: str
    keywords: list[str]
    source: str
    base_answer: str
    base_correct: bool
    base_missing: list[str]
    tuned_answer: str | None = None
    tuned_correct: bool | None = None
    tuned_missing: list[str] | None = None


# Error on the checking questions (mean cross-entropy of the answers' tokens, natural log) ->
# what it means for a person: below 1 the model gives the stored answers nearly word for word;
# around 2 it knows the gist; above 3 it has learned little yet.
LOSS_HINTS = ((1.0, "loss_hint_very_good"), (2.0, "loss_hint_good"), (3.0, "loss_hint_fair"))


def loss_hint(loss: float | None) -> str | None:
    """The message code saying whether an error on the checking questions is good."""
    if loss is None or loss != loss:
        return None
    for limit, code in LOSS_HINTS:
        if loss < limit:
            return code
    return "loss_hint_weak"


def perplexity(loss: float | None) -> float | None:
    if loss is None:
        return None
    try:
        return math.exp(loss)
    except OverflowError:
        return float("inf")


@dataclass
class Scorecard:
    """The result of run_scorecard: per-question rows, totals, losses and what was compared."""

    rows: list[ScoreRow]
    base_val_loss: float | None = None
    tuned_val_loss: float | None = None
    model: str | None = None
    adapter: str | None = None
    run_dir: str | None = None
    checkpoint: str | None = None
    questions_file: str | None = None
    created: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))
    seconds: float = 0.0
    cancelled: bool = False
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def base_correct(self) -> int:
        return sum(1 for r in self.rows if r.base_correct)

    @property
    def tuned_correct(self) -> int | None:
        if any(r.tuned_correct is None for r in self.rows):
            return None
        return sum(1 for r in self.rows if r.tuned_correct)

    @property
    def base_perplexity(self) -> float | None:
        return perplexity(self.base_val_loss)

    @property
    def tuned_perplexity(self) -> float | None:
        return perplexity(self.tuned_val_loss)

    def summary(self, lang: str | None = None) -> str:
        """"factos corretos: base 3/30 -> afinado 21/30"."""
        return messages.render("scorecard_summary", self._summary_params(), lang)

    def _summary_params(self) -> dict[str, Any]:
        tuned = self.tuned_correct
        return {"base": self.base_correct, "tuned": "-" if tuned is None else tuned, "total": self.total}

    def loss_line(self, lang: str | None = None) -> str | None:
        if self.base_val_loss is None and self.tuned_val_loss is None:
            return None
        return messages.render("scorecard_loss", self._loss_params(lang), lang)

    def _loss_params(self, lang: str | None = None) -> dict[str, Any]:
        """Decimals as the rest of the app writes them ('1,99' in Portuguese)."""
        def num(value, digits):
            return messages.decimal(value, digits, lang)

        return {"base_loss": num(self.base_val_loss, 2), "tuned_loss": num(self.tuned_val_loss, 2),
                "base_ppl": num(self.base_perplexity, 1), "tuned_ppl": num(self.tuned_perplexity, 1)}

    def table(self, lang: str | None = None, width: int = 60) -> str:
        """The text table the CLI prints: one line per question, then the totals."""
        lang = lang or messages.current_language()
        ok, ko = ("sim", "não") if lang == "pt" else ("yes", "no")
        head = ("pergunta", "base", "afinado") if lang == "pt" else ("question", "base", "fine-tuned")
        lines = [f"{head[0]:<{width}}  {head[1]:>5}  {head[2]:>8}", "-" * (width + 17)]
        for row in self.rows:
            question = row.question if len(row.question) <= width else row.question[: width - 1] + "…"
            tuned = "" if row.tuned_correct is None else (ok if row.tuned_correct else ko)
            lines.append(f"{question:<{width}}  {ok if row.base_correct else ko:>5}  {tuned:>8}")
        lines.append("-" * (width + 17))
        lines.append(self.summary(lang))
        loss = self.loss_line(lang)
        if loss:
            lines.append(loss)
        return "\n".join(lines)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        data = {
            "created": self.created, "model": self.model, "adapter": self.adapter,
            "run_dir": self.run_dir, "checkpoint": self.checkpoint,
            "questions_file": self.questions_file, "seconds": round(self.seconds, 2),
            "cancelled": self.cancelled, "settings": self.settings,
            "total": self.total, "base_correct": self.base_correct, "tuned_correct": self.tuned_correct,
            "base_val_loss": self.base_val_loss, "tuned_val_loss": self.tuned_val_loss,
            "base_perplexity": self.base_perplexity, "tuned_perplexity": self.tuned_perplexity,
            "summary": {"code": "scorecard_summary", "params": self._summary_params(),
                        "text": self.summary(lang)},
            "rows": [asdict(r) for r in self.rows],
        }
        return _finite(data)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Scorecard":
        rows = [ScoreRow(**r) for r in data.get("rows", [])]
        names = ("base_val_loss", "tuned_val_loss", "model", "adapter", "run_dir", "checkpoint",
                 "questions_file", "created", "seconds", "cancelled", "settings")
        return cls(rows, **{k: data[k] for k in names if k in data})

    def save_json(self, run_dir: str | Path, lang: str | None = None) -> Path:
        """Writes DIR/evaluation/scorecard-<timestamp>.json (atomically) and returns its path."""
        folder = Path(run_dir) / SCORECARD_DIR
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"scorecard-{stamp}.json"
        n = 1
        while path.exists():
            n += 1
            path = folder / f"scorecard-{stamp}-{n}.json"
        return atomic_write_json(path, self.to_json(lang))

    def write_csv(self, path: str | Path, lang: str | None = None) -> Path:
        return write_csv(self, path, lang)


def _finite(value):
    """JSON has no inf/nan: they become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


CSV_COLUMNS = {
    "pt": ("pergunta", "palavras-chave", "origem", "resposta base", "base correta", "faltam (base)",
           "resposta afinada", "afinada correta", "faltam (afinada)"),
    "en": ("question", "keywords", "source", "base answer", "base correct", "missing (base)",
           "fine-tuned answer", "fine-tuned correct", "missing (fine-tuned)"),
}


def write_csv(scorecard: Scorecard, path: str | Path, lang: str | None = None) -> Path:
    """One row per question (UTF-8 with BOM, so spreadsheet programs read the accents)."""
    lang = lang or messages.current_language()
    yes, no = ("sim", "não") if lang == "pt" else ("yes", "no")

    def verdict(value):
        return "" if value is None else (yes if value else no)

    path = Path(path)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS["pt" if lang == "pt" else "en"])
        for r in scorecard.rows:
            writer.writerow([r.question, " ; ".join(r.keywords), r.source, r.base_answer,
                             verdict(r.base_correct), " ; ".join(r.base_missing),
                             r.tuned_answer or "", verdict(r.tuned_correct),
                             " ; ".join(r.tuned_missing or [])])
    return path


def latest_scorecard(run_dir: str | Path, adapter: str | Path | None = None) -> Path | None:
    """The newest scorecard JSON of a run (what the export and the evidence read); with
    adapter, the newest one made with that checkpoint (matched by folder name, unique within
    a run, so a project that moved still finds its scorecards)."""
    folder = Path(run_dir) / SCORECARD_DIR
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob("scorecard-*.json"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True):
        if adapter is None:
            return path
        try:
            made_with = json.loads(path.read_text(encoding="utf-8")).get("adapter")
        except (OSError, ValueError):
            continue
        if made_with and Path(made_with).name == Path(adapter).name:
            return path
    return None


# --------------------------------------------------------------------------------------------
# Running it


@dataclass
class ValidationData:
    """Where validation loss comes from, tokenized as the trainer does."""

    path: Path
    system_prompt: str | None = None
    mask_prompt: bool = True
    max_seq_length: int = 512
    batch_size: int = 4
    pad_multiple: int = 8


def validation_loss(model, tokenizer, data: ValidationData, stop_event: threading.Event | None = None) -> float | None:
    """Token-weighted loss over the answers of valid.jsonl (None when it has none), as the
    trainer computes it (lora.validation_loss_of)."""
    from farense_studio.engine import batches as B
    from farense_studio.engine.lora import validation_loss_of

    split = B.tokenize_split(Path(data.path), tokenizer, system_prompt=data.system_prompt,
                             mask_prompt=data.mask_prompt, max_seq_length=data.max_seq_length)
    pad_id = getattr(tokenizer, "pad_token_id", None) or 0
    return validation_loss_of(model, split, data.batch_size, data.pad_multiple, pad_id,
                              stop_event=stop_event)


def _answers(model, tokenizer, questions, system_prompt, settings, stop_event, report,
             kept=None) -> list[str] | None:
    """Each question's greedy answer; kept (engine.base_answers, base phase only) answers those it
    holds without the model."""
    from farense_studio.engine.base_answers import answer

    answers = []
    for question in questions:
        if stop_event is not None and stop_event.is_set():
            return None
        messages = conversation(system_prompt, [], question.question)
        reply, was_kept = answer(kept, messages, settings, lambda: "".join(
            stream_reply(model, tokenizer, messages, settings, stop_event)).strip(), stop_event)
        answers.append(reply)
        report(question, reply, was_kept)
    return answers


def run_scorecard(model, tokenizer, questions: list[Question] | str | Path | None = None, *,
                  settings: GenerationSettings | None = None, system_prompt: str | None = None,
                  valid: ValidationData | None = None, progress: Callable[[dict], None] | None = None,
                  stop_event: threading.Event | None = None, about: dict[str, Any] | None = None,
                  kept_base=None) -> Scorecard:
    """Answers every question with the adapter switched off (base) and on (tuned).

    model carries the adapter (or none: only the base column is filled). progress receives
    {"phase": "base"|"tuned"|"loss", "done", "total", "question", "answer"}. about fills the
    scorecard's model/adapter/run_dir/checkpoint/questions_file fields. kept_base
    (engine.base_answers.BaseAnswers): the base answers an earlier check of this base kept are
    taken from it, and the new ones are added to it.
    """
    from farense_studio.engine.generation import default_system_prompt

    started = time.perf_counter()
    info = dict(about or {})
    if questions is None or isinstance(questions, (str, Path)):
        info.setdefault("questions_file", str(questions or default_questions_path()))
        questions = load_questions(questions)
    settings = settings or GenerationSettings.greedy(max_tokens=160)
    system_prompt = default_system_prompt() if system_prompt is None else system_prompt
    tuned = has_adapter(model)
    phases = 2 if tuned else 1
    total = len(questions) * phases + (phases if valid is not None else 0)
    done = 0

    def reporter(phase):
        def report(question, answer=None, kept=False):
            nonlocal done
            done += 1
            if progress is not None:
                progress({"phase": phase, "done": done, "total": total,
                          "question": question.question if question else None, "answer": answer, "kept": kept})
        return report

    card = Scorecard([], settings=settings.to_dict(), **info)
    with adapter_disabled(model):
        base_answers = _answers(model, tokenizer, questions, system_prompt, settings, stop_event, reporter("base"),
                                kept_base)
        if base_answers is not None and kept_base is not None:
            kept_base.save()
        if base_answers is not None and valid is not None:
            card.base_val_loss = validation_loss(model, tokenizer, valid, stop_event)
            reporter("loss")(None)
    tuned_answers = None
    if tuned and base_answers is not None:
        tuned_answers = _answers(model, tokenizer, questions, system_prompt, settings, stop_event, reporter("tuned"))
        if tuned_answers is not None and valid is not None:
            card.tuned_val_loss = validation_loss(model, tokenizer, valid, stop_event)
            reporter("loss")(None)
    if base_answers is None or (tuned and tuned_answers is None):
        card.cancelled = True
        base_answers = base_answers or []
    for i, question in enumerate(questions[: len(base_answers)]):
        row = ScoreRow(question.question, list(question.keywords), question.source, base_answers[i],
                       score_answer(base_answers[i], question.keywords),
                       missing_keywords(base_answers[i], question.keywords))
        if tuned_answers is not None:
            answer = tuned_answers[i]
            row.tuned_answer = answer
            row.tuned_correct = score_answer(answer, question.keywords)
            row.tuned_missing = missing_keywords(answer, question.keywords)
        card.rows.append(row)
    card.seconds = time.perf_counter() - started
    return card


# --------------------------------------------------------------------------------------------
# A run's pieces


def run_validation_data(run_dir: str | Path, config: dict[str, Any] | None = None) -> ValidationData | None:
    """The run's valid.jsonl with the run's tokenization options (None when it is gone)."""
    from farense_studio.engine.generation import read_run_config

    config = config if config is not None else read_run_config(run_dir)
    candidates = [Path(run_dir) / "data" / "valid.jsonl"]
    if config.get("data_dir"):
        candidates.append(Path(config["data_dir"]) / "valid.jsonl")
    for path in candidates:
        if path.is_file():
            return ValidationData(path, system_prompt=config.get("system_prompt") or None,
                                  mask_prompt=bool(config.get("mask_prompt", True)),
                                  max_seq_length=int(config.get("max_seq_length", 512)),
                                  batch_size=int(config.get("batch_size", 4)),
                                  pad_multiple=int(config.get("pad_multiple", 8)))
    return None


def resolve_run(run_dir: Path, which: str = "best", base_spec: str | None = None) -> tuple[dict, Path, str]:
    """(config, checkpoint folder, base model spec with its revision) of a run to score."""
    from farense_studio.engine.generation import read_run_config

    config = read_run_config(run_dir)
    if not config and not (run_dir / "checkpoints").is_dir():
        raise EvaluationError("run_not_found", path=str(run_dir))
    try:
        from farense_studio.engine.checkpoints import resolve_checkpoint

        checkpoint = resolve_checkpoint(run_dir, which)
    except FileNotFoundError as exc:
        raise EvaluationError("no_checkpoint", path=str(run_dir)) from exc
    base = pin_revision(base_spec or config.get("model") or "demo", config.get("model_revision"))
    return config, checkpoint, base


__all__ = ["Question", "ScoreRow", "Scorecard", "EvaluationError", "ValidationData", "load_questions",
           "fold", "keyword_found", "missing_keywords", "score_answer", "run_scorecard", "write_csv",
           "validation_loss", "resolve_run", "run_validation_data", "latest_scorecard",
           "default_questions_path"]

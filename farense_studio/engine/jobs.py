"""The bodies of the GUI's background jobs (chat, scorecard, estimate, export, model preparation).

Plain Python, no Qt: each body takes a JobContext (report progress, see a cancel request) and,
for work that needs a loaded model, the model and tokenizer first. gui/jobs.py runs them on the
MLX thread or a thread pool and turns what they return into a Job's ``finished`` value; what
they raise becomes its ``failed`` text (error_text). Results cross threads as plain values.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any, Callable, NamedTuple

from farense_studio.data.document_prompt import DONT_KNOW_REPLY, unanswered_kind


class Cancelled(Exception):
    """Raised by JobContext.check (or a progress report) once the job was asked to stop."""


class JobContext:
    """What a job body gets: ``progress(value)``, ``cancel_event`` (a threading.Event that engine
    functions accept as their stop/cancel argument) and ``check()``."""

    def __init__(self, report: Callable[[Any], None] | None = None,
                 cancel_event: threading.Event | None = None):
        self._report = report or (lambda value: None)
        self.cancel_event = cancel_event or threading.Event()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check(self) -> None:
        """Raises Cancelled when the job was asked to stop."""
        if self.cancel_event.is_set():
            raise Cancelled()

    def progress(self, value: Any) -> None:
        self._report(plain(value))


class ChatReply(NamedTuple):
    """What a chat job returns: the reply, whether it was cut at the token limit and the sources
    of the club's documents it was given (data.retrieval.Hit.source dicts, best first); silent: the
    documents do not speak of the question, and the reply says so without asking the model;
    unanswered: the model answered without the kind of thing the question asks for
    (data.document_prompt.unanswered_kind), and the reply is «não sei» instead."""

    text: str
    cut: bool = False
    sources: tuple = ()
    silent: bool = False
    unanswered: str = ""  # data.answer_kind's kind the model's answer lacked: the reply is «não sei»
    model_answer: str = ""  # then what the model had answered (streamed already)


def reply_was_cut(stream) -> bool:
    """True when an exhausted engine ReplyStream ended at max_tokens (finish_reason "length")."""
    return getattr(getattr(stream, "stats", None), "finish_reason", None) == "length"


def plain(value: Any) -> Any:
    """A copy of an engine value with every MLX/numpy scalar turned into a Python number."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            p = plain(v)
            if p is not v:
                changes[f.name] = p
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, (str, int, float, bool, type(None), Path)):
        return value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if hasattr(value, "_fields"):  # a NamedTuple keeps its fields
            return type(value)(*(plain(v) for v in value))
        return type(value)(plain(v) for v in value)
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


def error_text(exc: BaseException) -> str:
    """A plain message for an error: its code's text (farense_studio.messages) when it has one."""
    text = getattr(exc, "text", None)
    if callable(text):
        try:
            return str(text())
        except Exception:  # noqa: BLE001 - fall back to the code or the exception's words
            pass
    code = getattr(exc, "code", None)
    if isinstance(code, str):
        try:
            from farense_studio import messages

            if code in messages.catalogue():
                return messages.render(code, dict(getattr(exc, "params", {}) or {}))
        except Exception:  # noqa: BLE001
            pass
    return str(exc) or type(exc).__name__


# ---- bodies that need a loaded model: fn(model, tokenizer, ctx) -----------------------------------
def chat_reply(messages: list[dict], settings=None, *, streamer=None, base_only: bool = False, grounding=None):
    """The reply to ``messages``, each chunk sent as progress; base_only switches the adapter off
    for this reply (engine.generation.adapter_disabled), so both panes share one base model.
    grounding (engine.chat_documents.Grounding): the question is asked with the club's documents,
    and the reply carries their sources."""
    messages = [dict(m) for m in messages]

    def body(model, tokenizer, ctx: JobContext) -> ChatReply:
        from contextlib import nullcontext

        from farense_studio.engine import generation

        stream_fn = streamer or generation.stream_reply
        asked, sources = messages, ()
        if grounding is not None:
            max_tokens = (settings or generation.GenerationSettings()).max_tokens
            prompt = grounding.ground(messages, model, tokenizer, max_tokens)
            if prompt.silent:  # the documents do not speak of it: say so, never guess
                ctx.progress(DONT_KNOW_REPLY)
                return ChatReply(DONT_KNOW_REPLY, False, (), silent=True)
            asked, sources = prompt.messages, tuple(prompt.sources)
        parts: list[str] = []
        with generation.adapter_disabled(model) if base_only else nullcontext():
            stream = stream_fn(model, tokenizer, asked, settings, ctx.cancel_event)
            for chunk in stream:
                if ctx.cancelled:
                    break
                parts.append(str(chunk))
                ctx.progress(str(chunk))
        answer = "".join(parts)
        question = next((m.get("content", "") for m in reversed(messages) if m.get("role") == "user"), "")
        kind = None if ctx.cancelled else unanswered_kind(question, answer, sources)
        if kind:  # from a passage about something else: «não sei», as every front end answers
            return ChatReply(DONT_KNOW_REPLY, False, (), unanswered=kind, model_answer=answer.strip())
        return ChatReply(answer, reply_was_cut(stream), sources)

    return body


def scorecard(questions: str | None, system_prompt: str, run_dir: str | None, about: dict, documents=None):
    """The scorecard as JSON (saved into the run's evaluation/ folder when it is a run's
    checkpoint and was not interrupted); progress reports each answered question. documents
    (engine.chat_documents.ProjectDocuments): each question is asked again with the club's
    documents (engine.documents_check), and the JSON carries the four ``columns``."""

    def body(model, tokenizer, ctx: JobContext) -> dict:
        from farense_studio.engine import documents_check, evaluate
        from farense_studio.engine.base_answers import BaseAnswers
        from farense_studio.engine.generation import GenerationSettings

        valid = evaluate.run_validation_data(run_dir) if run_dir else None
        kept = BaseAnswers.open(model, tokenizer)  # the base column of an earlier check of this base
        card = evaluate.run_scorecard(model, tokenizer, questions, system_prompt=system_prompt, valid=valid,
                                      progress=ctx.progress, stop_event=ctx.cancel_event, about=about,
                                      kept_base=kept)
        index = documents.index() if documents is not None else None
        if index is not None:
            card = documents_check.DocumentsScorecard(**{f: getattr(card, f) for f in card.__dataclass_fields__})
            if not card.cancelled:
                settings = GenerationSettings.from_dict(card.settings)
                card.documents = documents_check.run_documents_check(
                    model, tokenizer, evaluate.load_questions(questions), index, settings=settings,
                    system_prompt=system_prompt, progress=ctx.progress, stop_event=ctx.cancel_event,
                    kept_base=kept)
                card.cancelled = card.documents.cancelled
        data = card.to_json()
        data["path"] = str(card.save_json(run_dir)) if run_dir and not card.cancelled else None
        return data

    return body


# ---- bodies that load what they need: fn(ctx) -----------------------------------------------------
def estimate(config, steps: int = 3):
    """Times a few real training steps of config (engine.estimate); progress is (done, total)."""

    def body(ctx: JobContext):
        from farense_studio.engine.estimate import EstimateCancelled, estimate_run

        try:
            return estimate_run(config, steps=steps, progress=lambda done, total: ctx.progress((done, total)),
                                cancel=ctx.cancel_event.is_set)
        except EstimateCancelled:
            raise Cancelled() from None

    return body


def export(run_dir: Path, out_dir: Path, options):
    """One export; returns {"path"} or {"error", "code"}; progress is {"fraction", "text"}."""

    def body(ctx: JobContext) -> dict:
        from farense_studio.engine.export import ExportError, export_run

        def on_stage(report) -> None:
            ctx.progress({"fraction": float(report.fraction), "text": report.text()})

        try:
            path = export_run(run_dir, out_dir, options, progress=on_stage, cancel=ctx.cancel_event)
        except ExportError as exc:
            return {"error": exc.text(), "code": exc.code}
        return {"path": str(path)}

    return body


def prepare_demo_model(ctx: JobContext) -> str:
    """The bundled demo model's folder, converted the first time (MLX work)."""
    from farense_studio.engine import models

    return str(models.ensure_demo_model(ctx.progress))


def resolve_model(spec: str):
    """A model folder for spec, downloading it when needed (network only: the thread pool);
    progress carries the engine's ModelProgress, a cancel keeps what already came."""

    def body(ctx: JobContext) -> str:
        from farense_studio.engine import models

        path = models.resolve_model(spec, progress=ctx.progress, cancel=ctx.cancel_event)
        ctx.check()
        return str(path)

    return body

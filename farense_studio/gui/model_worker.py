"""The one MLX thread of the GUI process: it owns every model and runs training, chat and evaluation.

MLX streams are thread-local and a 16 GB Mac holds one copy of a 7B model, not two, so every
model the GUI touches is loaded, trained and used here. The thread runs no Qt event loop while
it works (a training run blocks it for hours), so requests cross from the GUI thread through a
thread-safe queue and threading.Event flags, never through queued slots; results go back as
signals carrying plain Python values.

While a training run is going, a chat or evaluation request is handed to the engine's
TrainingControl.run_at_boundary: the trainer runs it at the next step boundary (or at once
while paused) on its own model with the current adapter, then goes on with identical losses.

The ModelWorker object stays in the GUI thread while its loop runs on the MLX QThread (rather
than moving the QObject there): signals emitted from the MLX thread then reach every receiver,
lambdas included, queued in the GUI thread.
"""

from __future__ import annotations

import dataclasses
import gc
import itertools
import queue
import threading
import traceback
from pathlib import Path
from typing import Any, Callable, NamedTuple

from PySide6.QtCore import QObject, QThread, Signal

# Worker states, as shown by the tabs (plain strings travel well through signals).
IDLE = "idle"
LOADING = "loading"
TRAINING = "training"
GENERATING = "generating"
EVALUATING = "evaluating"

_STOP = object()  # queue sentinel that ends the thread's loop


class ChatReply(NamedTuple):
    """What a chat task returns: the reply and whether it was cut at the token limit."""

    text: str
    cut: bool = False


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
        return type(value)(plain(v) for v in value)
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


class _ModelTask:
    """A request that needs a loaded model: chat, evaluation or any fn(model, tokenizer)."""

    def __init__(self, task_id: int, kind: str, fn: Callable, base: str | None, adapter: str | None):
        self.id = task_id
        self.kind = kind
        self.fn = fn
        self.base = base
        self.adapter = adapter
        self.stop = threading.Event()
        self._claimed = False
        self._lock = threading.Lock()

    def claim(self) -> bool:
        """True for the first caller only, so a task never runs twice (boundary and fallback)."""
        with self._lock:
            if self._claimed:
                return False
            self._claimed = True
            return True


def _default_trainer_factory(config, run_dir, on_event, control):
    from farense_studio.engine.trainer import Trainer

    return Trainer(config, run_dir, on_event=on_event, control=control)


def _default_control_factory():
    from farense_studio.engine.control import TrainingControl

    return TrainingControl()


def _default_loader(base: str, adapter: str | None):
    from farense_studio.engine.generation import load_chat_model

    return load_chat_model(base, adapter)


def _default_streamer(model, tokenizer, messages, settings, stop_event):
    from farense_studio.engine.generation import stream_reply

    return stream_reply(model, tokenizer, messages, settings, stop_event=stop_event)


def _default_unloader() -> None:
    from farense_studio.engine.generation import thread_cache

    thread_cache().unload()


def _release_memory() -> None:
    gc.collect()
    try:
        import mlx.core as mx

        mx.clear_cache()
    except Exception:  # pragma: no cover - an older MLX without clear_cache
        pass


class _MlxThread(QThread):
    """The thread every MLX call of the GUI process runs on."""

    def __init__(self, loop: Callable[[], None], parent: QObject):
        super().__init__(parent)
        self.setObjectName("farense-mlx")
        self._run_loop = loop

    def run(self) -> None:
        self._run_loop()


class ModelWorker(QObject):
    """Owns the GUI's MLX thread; every public method is called from the GUI thread.

    The worker object itself stays in the GUI thread and only its loop runs on the MLX
    thread: signals it emits from there are then delivered queued into the GUI thread to
    every receiver, slots and plain callables alike.
    """

    stateChanged = Signal(str)
    # training
    trainingStarted = Signal(str)  # run folder
    trainingEvent = Signal(object)  # an engine event dataclass of plain values
    trainingEnded = Signal(str, object)  # "finished" | "stopped" | "failed", last event
    # chat model and replies (request id first)
    chatModelLoading = Signal(str, str)  # base, adapter ("" for none)
    chatModelReady = Signal(str, str)
    chatModelFailed = Signal(int, str)  # request id, plain message (the load raised)
    chatStarted = Signal(int)
    chatChunk = Signal(int, str)
    chatFinished = Signal(int, str, bool)  # full reply (possibly cut short by stop), cut at max_tokens
    chatFailed = Signal(int, str)
    # generic model tasks (evaluation and the like)
    taskProgress = Signal(int, object)
    taskFinished = Signal(int, object)
    taskFailed = Signal(int, str)

    def __init__(self, parent: QObject | None = None, *, trainer_factory=None, control_factory=None,
                 loader=None, unloader=None, streamer=None):
        super().__init__(parent)
        self._trainer_factory = trainer_factory or _default_trainer_factory
        self._control_factory = control_factory or _default_control_factory
        self._loader = loader or _default_loader
        self._unloader = unloader or (_default_unloader if loader is None else (lambda: None))
        self._streamer = streamer or _default_streamer
        self._queue: queue.Queue = queue.Queue()
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._state = IDLE
        self._control = None  # the TrainingControl of the run in progress (or queued)
        self._training_run: str | None = None
        self._boundary_tasks: list[_ModelTask] = []
        self._tasks: dict[int, _ModelTask] = {}
        # owned by the worker thread only
        self._model = None
        self._tokenizer = None
        self._model_key: tuple[str, str | None] | None = None
        self._thread = _MlxThread(self._loop, self)

    # ---- life cycle -------------------------------------------------------------------------
    def start(self) -> None:
        if not self._thread.isRunning():
            self._thread.start()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stops training and generation, ends the thread; True when it ended in time."""
        with self._lock:
            control = self._control
            tasks = list(self._tasks.values())
        self._closing.set()
        if control is not None:
            control.stop()
        for task in tasks:
            task.stop.set()
        self._queue.put(_STOP)
        if not self._thread.isRunning():
            return True
        self._thread.quit()
        return self._thread.wait(timeout_ms)

    @property
    def state(self) -> str:
        return self._state

    @property
    def thread(self) -> QThread:
        return self._thread

    # ---- training (GUI thread) ----------------------------------------------------------------
    def train(self, config, run_dir: str | Path, resume: bool = False, more_epochs: int | None = None,
              learning_rate: float | None = None) -> None:
        """Queues a training run; pause/resume/stop act on it from now on, even before it starts.
        more_epochs: train the finished or stopped run in run_dir that many more passes over the
        data, as a new phase (Trainer.extend; learning_rate: the phase's peak, None the run's)."""
        with self._lock:
            if self._control is not None:
                raise RuntimeError("a training run is already in progress")
            self._control = self._control_factory()
            self._training_run = str(run_dir)
            control = self._control
        extend = (more_epochs, learning_rate) if more_epochs is not None else None
        self._queue.put(lambda: self._do_train(config, Path(run_dir), resume, control, extend))

    @property
    def is_training(self) -> bool:
        return self._control is not None

    @property
    def is_paused(self) -> bool:
        control = self._control
        return bool(control is not None and control.paused)

    @property
    def is_stopping(self) -> bool:
        control = self._control
        return bool(control is not None and control.stop_requested)

    @property
    def training_run(self) -> str | None:
        return self._training_run

    def pause_training(self) -> None:
        control = self._control
        if control is not None:
            control.pause()

    def resume_training(self) -> None:
        control = self._control
        if control is not None:
            control.resume()

    def stop_training(self) -> None:
        control = self._control
        if control is not None:
            control.stop()

    # ---- chat and other model tasks (GUI thread) ------------------------------------------------
    def load_chat_model(self, base: str, adapter: str | None = None) -> int:
        """Loads (or keeps) a model for chat; same base with another adapter swaps only the adapter
        (engine.generation.load_chat_model keeps one base per thread). Returns a request id:
        chatModelFailed(id, text) says when the load fails."""
        request = next(self._ids)

        def job():
            try:
                self._ensure_model(base, adapter)
            except Exception as exc:
                traceback.print_exc()
                self.chatModelFailed.emit(request, _error_text(exc))

        self._queue.put(job)
        return request

    def chat(self, messages: list[dict], settings=None, base: str | None = None,
             adapter: str | None = None) -> int:
        """Streams a reply as chatChunk signals; returns the request id.

        During training the reply comes from the model being trained (base and adapter are
        then ignored); otherwise base/adapter name the model (None: the last one loaded).
        """
        messages = [dict(m) for m in messages]

        def fn(model, tokenizer, task: _ModelTask):
            self.chatStarted.emit(task.id)
            parts: list[str] = []
            stream = self._streamer(model, tokenizer, messages, settings, task.stop)
            for chunk in stream:
                if task.stop.is_set():
                    break
                parts.append(str(chunk))
                self.chatChunk.emit(task.id, str(chunk))
            return ChatReply("".join(parts), reply_was_cut(stream))

        return self._submit("chat", fn, base, adapter)

    def stop_generation(self, request_id: int | None = None) -> None:
        """Stops the reply being written (or all of them) at the next token."""
        with self._lock:
            tasks = [t for i, t in self._tasks.items() if request_id is None or i == request_id]
        for task in tasks:
            task.stop.set()

    def run_with_model(self, fn: Callable, base: str | None = None, adapter: str | None = None,
                       kind: str = "task") -> int:
        """Runs fn(model, tokenizer, progress, stop_event) on the MLX thread; taskFinished(id, result).

        For evaluation and the like: progress(value) emits taskProgress(id, value).
        """
        def wrapped(model, tokenizer, task: _ModelTask):
            return fn(model, tokenizer, lambda value: self.taskProgress.emit(task.id, plain(value)),
                      task.stop)

        return self._submit(kind, wrapped, base, adapter)

    def evaluate(self, questions, settings=None, base: str | None = None,
                 adapter: str | None = None) -> int:
        """Scores the held-out questions (engine.evaluate.run_scorecard) on the MLX thread."""
        def fn(model, tokenizer, progress, stop_event):
            from farense_studio.engine import evaluate

            return evaluate.run_scorecard(model, tokenizer, questions, settings=settings,
                                          progress=progress, stop_event=stop_event)

        return self.run_with_model(fn, base, adapter, kind="evaluate")

    def run_job(self, fn: Callable, kind: str = "job", free_memory: bool = False) -> int:
        """Runs fn(progress, stop_event) on the MLX thread when it is free (after any training);
        taskFinished(id, result) / taskFailed(id, text). free_memory drops the chat model
        first: for work that loads its own model (the 3-step estimate)."""
        task = _ModelTask(next(self._ids), kind, None, None, None)
        with self._lock:
            self._tasks[task.id] = task

        def job():
            if not task.claim():
                return
            if self._closing.is_set():
                self._finish_task(task, error="closing")
                return
            if free_memory:
                self._drop_model()
            self._set_state(EVALUATING if kind == "evaluate" else LOADING)
            try:
                result = fn(lambda value: self.taskProgress.emit(task.id, plain(value)), task.stop)
            except Exception as exc:
                traceback.print_exc()
                self._finish_task(task, error=_error_text(exc))
            else:
                self._finish_task(task, result=result)
            finally:
                self._set_state(IDLE)

        self._queue.put(job)
        return task.id

    def cancel_task(self, task_id: int) -> None:
        """Asks a task or job to stop (its stop_event is set)."""
        self.stop_generation(task_id)

    def _submit(self, kind: str, fn: Callable, base: str | None, adapter: str | None) -> int:
        task = _ModelTask(next(self._ids), kind, fn, base, adapter)
        with self._lock:
            self._tasks[task.id] = task
            control = self._control
            if control is not None:
                self._boundary_tasks.append(task)
        if control is not None:
            control.run_at_boundary(lambda model, tokenizer: self._run_task(task, model, tokenizer))
        else:
            self._queue.put(lambda: self._run_queued_task(task))
        return task.id

    # ---- the MLX thread ---------------------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is _STOP:
                break
            if self._closing.is_set():
                continue  # shutting down: what is still queued is dropped
            try:
                job()
            except Exception:  # a job must never end the thread
                traceback.print_exc()
                self._set_state(IDLE)
        self._drop_model()

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)

    def _do_train(self, config, run_dir: Path, resume: bool, control, extend=None) -> None:
        self._drop_model()  # one copy of the model in memory: training loads its own
        self._set_state(TRAINING)
        self.trainingStarted.emit(str(run_dir))
        last: dict[str, Any] = {"event": None}

        def on_event(event):
            event = plain(event)
            last["event"] = event
            self.trainingEvent.emit(event)

        outcome = "failed"
        try:
            trainer = self._trainer_factory(config, run_dir, on_event, control)
            result = trainer.extend(*extend) if extend is not None else trainer.run(resume=resume)
            name = type(last["event"]).__name__
            outcome = getattr(result, "status", None) or {
                "Finished": "finished", "Stopped": "stopped", "Failed": "failed"}.get(
                name, "stopped" if control.stop_requested else "finished")
        except Exception as exc:  # the engine reports its own failures as Failed events too
            traceback.print_exc()
            failed = _failed_event(exc)
            last["event"] = failed
            self.trainingEvent.emit(failed)
        finally:
            with self._lock:
                self._control = None
                leftover = list(self._boundary_tasks)
                self._boundary_tasks.clear()
            _release_memory()
        self._set_state(IDLE)
        self.trainingEnded.emit(outcome, last["event"])
        # Requests made during training that the trainer never reached (it ended first):
        # answer them now with the run's newest adapter.
        for task in leftover:
            if task.base is None:
                task.base = getattr(config, "model", None)
                task.adapter = _latest_adapter(run_dir)
            self._run_queued_task(task)

    def _run_queued_task(self, task: _ModelTask) -> None:
        if not task.claim():
            return
        if self._closing.is_set():
            self._finish_task(task, error="closing")
            return
        try:
            base = task.base or (self._model_key[0] if self._model_key else None)
            if base is None:
                raise RuntimeError("no model chosen")
            adapter = task.adapter if task.base else (self._model_key[1] if self._model_key else None)
            self._ensure_model(base, adapter)
        except Exception as exc:
            traceback.print_exc()
            error = _error_text(exc)
            self.chatModelFailed.emit(task.id, error)
            self._finish_task(task, error=error)
            return
        self._execute(task, self._model, self._tokenizer)

    def _run_task(self, task: _ModelTask, model, tokenizer) -> None:
        """Called by the trainer at a step boundary (on this same thread)."""
        if not task.claim():
            return
        with self._lock:
            if task in self._boundary_tasks:
                self._boundary_tasks.remove(task)
        self._execute(task, model, tokenizer)

    def _execute(self, task: _ModelTask, model, tokenizer) -> None:
        previous = self._state
        self._set_state(GENERATING if task.kind == "chat" else EVALUATING)
        try:
            result = task.fn(model, tokenizer, task)
        except Exception as exc:
            traceback.print_exc()
            self._finish_task(task, error=_error_text(exc))
        else:
            self._finish_task(task, result=result)
        finally:
            self._set_state(TRAINING if previous == TRAINING else IDLE)

    def _finish_task(self, task: _ModelTask, result: Any = None, error: str | None = None) -> None:
        with self._lock:
            self._tasks.pop(task.id, None)
        if task.kind == "chat":
            if error is None:
                reply = result if isinstance(result, ChatReply) else ChatReply(str(result or ""))
                self.chatFinished.emit(task.id, reply.text, bool(reply.cut))
            else:
                self.chatFailed.emit(task.id, error)
        elif error is None:
            self.taskFinished.emit(task.id, plain(result))
        else:
            self.taskFailed.emit(task.id, error)

    def _ensure_model(self, base: str, adapter: str | None) -> None:
        adapter = str(adapter) if adapter else None
        key = (base, adapter)
        if self._model_key == key:
            return
        self._set_state(LOADING)
        self.chatModelLoading.emit(base, adapter or "")
        try:
            # The loader keeps the base loaded when only the adapter changes.
            self._model, self._tokenizer = self._loader(base, adapter)
            self._model_key = key
        except Exception:
            self._drop_model()
            raise
        finally:
            self._set_state(IDLE)
        self.chatModelReady.emit(base, adapter or "")

    def _drop_model(self) -> None:
        if self._model is not None:
            self._model = None
            self._tokenizer = None
            self._model_key = None
            try:
                self._unloader()
            except Exception:
                traceback.print_exc()
            _release_memory()


def _latest_adapter(run_dir: Path) -> str | None:
    try:
        from farense_studio.engine.checkpoints import resolve_checkpoint

        return str(resolve_checkpoint(run_dir, "latest"))
    except Exception:
        return None


def _error_text(exc: Exception) -> str:
    """A plain message for an error: its code's text (farense_studio.messages) when it has one."""
    text = getattr(exc, "text", None)
    if callable(text):
        try:
            return str(text())
        except Exception:
            pass
    code = getattr(exc, "code", None)
    if isinstance(code, str):
        try:
            from farense_studio import messages

            if code in messages.catalogue():
                return messages.render(code, dict(getattr(exc, "params", {}) or {}))
        except Exception:
            pass
    return str(exc) or type(exc).__name__


def _failed_event(exc: Exception):
    code = getattr(exc, "code", "unexpected_error")
    params = dict(getattr(exc, "params", {}) or {"detail": str(exc)})
    text = _error_text(exc)
    try:
        from farense_studio.engine.events import Failed

        return Failed(code=code, params=params, text=text)
    except Exception:
        return {"code": code, "params": params, "text": text}

"""The one MLX thread of the GUI process: it owns every model and runs training, chat and evaluation.

MLX streams are thread-local and a 16 GB Mac holds one copy of a 7B model, not two, so every
model the GUI touches is loaded, trained and used here. The thread runs no Qt event loop while
it works (a training run blocks it for hours), so requests cross from the GUI thread through a
thread-safe queue and threading.Event flags, never through queued slots; each request returns a
gui.jobs.Job whose signals carry plain Python values back.

While a training run is going, a chat or evaluation request is handed to the engine's
TrainingControl.run_at_boundary: the trainer runs it at the next step boundary (or at once
while paused) on its own model with the current adapter, then goes on with identical losses.

The ModelWorker object stays in the GUI thread while its loop runs on the MLX QThread (rather
than moving the QObject there): signals it (and each Job) emits from the MLX thread then reach
every receiver, lambdas included, queued in the GUI thread.
"""

from __future__ import annotations

import gc
import queue
import threading
import traceback
from pathlib import Path
from typing import Any, Callable, NamedTuple

from PySide6.QtCore import QObject, QThread, Signal

from farense_studio.engine import jobs as bodies
from farense_studio.engine.jobs import JobContext, error_text, plain
from farense_studio.gui.jobs import Job, JobError

_STOP = object()  # queue sentinel that ends the thread's loop


class TrainingEnd(NamedTuple):
    """What a training Job finishes with: "finished" | "stopped" | "failed", and the last event."""

    outcome: str
    event: Any


class _ModelRequest:
    """A job that needs a loaded model: body(model, tokenizer, context) with base and adapter."""

    def __init__(self, job: Job, body: Callable, base: str | None, adapter: str | None):
        self.job = job
        self.body = body
        self.base = base
        self.adapter = adapter


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
    """The MLX executor of gui.jobs: every public method is called from the GUI thread.

    The worker object itself stays in the GUI thread and only its loop runs on the MLX
    thread: signals emitted from there are then delivered queued into the GUI thread to
    every receiver, slots and plain callables alike.
    """

    # Broadcast to whoever watches the one MLX thread (the Conversar banner, benches); the
    # tab that started a run follows its Job instead.
    training_started = Signal(str)  # run folder
    training_event = Signal(object)  # an engine event dataclass of plain values
    training_ended = Signal(str, object)  # "finished" | "stopped" | "failed", last event
    model_loading = Signal(str, str)  # base, adapter ("" for none)
    model_ready = Signal(str, str)
    submitted = Signal(object)  # every Job this worker takes, as it takes it (benches, tests)

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
        self._control = None  # the TrainingControl of the run in progress (or queued)
        self._training_run: str | None = None
        self._boundary_requests: list[_ModelRequest] = []
        self._jobs: set[Job] = set()
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
            jobs = list(self._jobs)
        self._closing.set()
        if control is not None:
            control.stop()
        for job in jobs:
            job.cancel()
        self._queue.put(_STOP)
        if not self._thread.isRunning():
            return True
        self._thread.quit()
        return self._thread.wait(timeout_ms)

    @property
    def thread(self) -> QThread:
        return self._thread

    # ---- training (GUI thread) ----------------------------------------------------------------
    def train(self, config, run_dir: str | Path, resume: bool = False, more_epochs: int | None = None,
              learning_rate: float | None = None) -> Job:
        """Queues a training run; pause/resume/stop act on it from now on, even before it starts.
        The Job's progressed carries each engine event, finished a TrainingEnd (a run that fails
        ends with outcome "failed" and its Failed event, never through failed).
        more_epochs: train the finished or stopped run in run_dir that many more passes over the
        data, as a new phase (Trainer.extend; learning_rate: the phase's peak, None the run's)."""
        with self._lock:
            if self._control is not None:
                raise RuntimeError("a training run is already in progress")
            self._control = self._control_factory()
            self._training_run = str(run_dir)
            control = self._control
        job = self._track(Job("train"))
        extend = (more_epochs, learning_rate) if more_epochs is not None else None
        self._queue.put(lambda: self._do_train(job, config, Path(run_dir), resume, control, extend))
        return job

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

    # ---- chat and other model jobs (GUI thread) -------------------------------------------------
    def load_chat_model(self, base: str, adapter: str | None = None) -> Job:
        """Loads (or keeps) a model for chat; same base with another adapter swaps only the adapter
        (engine.generation.load_chat_model keeps one base per thread)."""
        job = self._track(Job("load"))

        def load():
            if job.claim():
                job.run(lambda ctx: self._ensure_model(base, adapter), stage="load")

        self._queue.put(load)
        return job

    def chat(self, messages: list[dict], settings=None, base: str | None = None,
             adapter: str | None = None, *, base_only: bool = False, grounding=None) -> Job:
        """Streams a reply: progressed(chunk) for each piece, finished(ChatReply).

        During training the reply comes from the model being trained (base and adapter are
        then ignored); otherwise base/adapter name the model (None: the last one loaded).
        base_only: the base model's reply (the adapter switched off for this reply only).
        grounding: asked with the club's documents (engine.chat_documents); the reply has sources.
        """
        body = bodies.chat_reply(messages, settings, streamer=self._streamer, base_only=base_only,
                                 grounding=grounding)
        return self.run_with_model(body, base, adapter, kind="chat_base" if base_only else "chat")

    def run_with_model(self, body: Callable, base: str | None = None, adapter: str | None = None,
                       kind: str = "task") -> Job:
        """Runs body(model, tokenizer, context) on the MLX thread (at a step boundary while a run
        trains, with the model being trained); see engine.jobs for the bodies."""
        request = _ModelRequest(self._track(Job(kind)), body, base, adapter)
        with self._lock:
            control = self._control
            if control is not None:
                self._boundary_requests.append(request)
        if control is not None:
            control.run_at_boundary(lambda model, tokenizer: self._run_at_boundary(request, model, tokenizer))
        else:
            self._queue.put(lambda: self._run_queued(request))
        return request.job

    def run_job(self, body: Callable[[JobContext], Any], kind: str = "job", free_memory: bool = False) -> Job:
        """Runs body(context) on the MLX thread when it is free (after any training). free_memory
        drops the chat model first: for work that loads its own model (the 3-step estimate)."""
        job = self._track(Job(kind))

        def run():
            if not job.claim():
                return
            if self._closing.is_set():
                job.fail(JobError("closing"))
                return
            if free_memory:
                self._drop_model()
            job.run(body)

        self._queue.put(run)
        return job

    def _track(self, job: Job) -> Job:
        with self._lock:
            self._jobs.add(job)
        job.finished.connect(lambda _r, j=job: self._untrack(j))
        job.failed.connect(lambda _t, j=job: self._untrack(j))
        self.submitted.emit(job)
        return job

    def _untrack(self, job: Job) -> None:
        with self._lock:
            self._jobs.discard(job)

    # ---- the MLX thread ---------------------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            work = self._queue.get()
            if work is _STOP:
                break
            if self._closing.is_set():
                continue  # shutting down: what is still queued is dropped
            try:
                work()
            except Exception:  # a job must never end the thread
                traceback.print_exc()
            del work  # no hold on the last job while waiting for the next
        self._drop_model()

    def _do_train(self, job: Job, config, run_dir: Path, resume: bool, control, extend=None) -> None:
        self._drop_model()  # one copy of the model in memory: training loads its own
        job.begin()
        self.training_started.emit(str(run_dir))
        last: dict[str, Any] = {"event": None}

        def on_event(event):
            event = plain(event)
            last["event"] = event
            job.report(event)
            self.training_event.emit(event)

        outcome = "failed"
        try:
            trainer = self._trainer_factory(config, run_dir, on_event, control)
            result = trainer.extend(*extend) if extend is not None else trainer.run(resume=resume)
            outcome = getattr(result, "status", None) or _outcome_of(last["event"], control)
        except Exception as exc:  # the engine reports its own failures as Failed events too
            traceback.print_exc()
            on_event(_failed_event(exc))
        finally:
            with self._lock:
                self._control = None
                leftover = list(self._boundary_requests)
                self._boundary_requests.clear()
            _release_memory()
        job.succeed(TrainingEnd(outcome, last["event"]))
        self.training_ended.emit(outcome, last["event"])
        # Requests made during training that the trainer never reached (it ended first):
        # answer them now with the run's newest adapter.
        for request in leftover:
            if request.base is None:
                request.base = getattr(config, "model", None)
                request.adapter = _latest_adapter(run_dir)
            self._run_queued(request)

    def _run_queued(self, request: _ModelRequest) -> None:
        job = request.job
        if not job.claim():
            return
        if self._closing.is_set():
            job.fail(JobError("closing"))
            return
        try:
            base = request.base or (self._model_key[0] if self._model_key else None)
            if base is None:
                raise RuntimeError("no model chosen")
            adapter = request.adapter if request.base else (self._model_key[1] if self._model_key else None)
            self._ensure_model(base, adapter)
        except Exception as exc:  # noqa: BLE001 - said in words where the question was asked
            traceback.print_exc()
            job.fail(JobError(error_text(exc), stage="load"))
            return
        self._execute(request, self._model, self._tokenizer)

    def _run_at_boundary(self, request: _ModelRequest, model, tokenizer) -> None:
        """Called by the trainer at a step boundary (on this same thread)."""
        if not request.job.claim():
            return
        with self._lock:
            if request in self._boundary_requests:
                self._boundary_requests.remove(request)
        self._execute(request, model, tokenizer)

    def _execute(self, request: _ModelRequest, model, tokenizer) -> None:
        request.job.run(lambda ctx: plain(request.body(model, tokenizer, ctx)))

    def _ensure_model(self, base: str, adapter: str | None) -> None:
        adapter = str(adapter) if adapter else None
        key = (base, adapter)
        if self._model_key == key:
            return
        self.model_loading.emit(base, adapter or "")
        try:
            # The loader keeps the base loaded when only the adapter changes.
            self._model, self._tokenizer = self._loader(base, adapter)
            self._model_key = key
        except Exception:
            self._drop_model()
            raise
        self.model_ready.emit(base, adapter or "")

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


def _outcome_of(event, control) -> str:
    from farense_studio.engine.events import Failed, Finished, Stopped

    for cls, outcome in ((Finished, "finished"), (Stopped, "stopped"), (Failed, "failed")):
        if isinstance(event, cls):
            return outcome
    return "stopped" if control.stop_requested else "finished"


def _latest_adapter(run_dir: Path) -> str | None:
    try:
        from farense_studio.engine.checkpoints import resolve_checkpoint

        return str(resolve_checkpoint(run_dir, "latest"))
    except Exception:
        return None


def _failed_event(exc: Exception):
    code = getattr(exc, "code", "unexpected_error")
    params = dict(getattr(exc, "params", {}) or {"detail": str(exc)})
    text = error_text(exc)
    try:
        from farense_studio.engine.events import Failed

        return Failed(code=code, params=params, text=text)
    except Exception:
        return {"code": code, "params": params, "text": text}

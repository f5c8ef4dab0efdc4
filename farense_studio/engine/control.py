"""Pause, resume and stop a running trainer from another thread, and run work at step boundaries.

All flags are threading.Events the trainer checks between steps (a busy training thread runs no
event loop). ``run_at_boundary(fn)`` queues fn(model, tokenizer) for the trainer thread, which
owns the model (MLX streams are thread-local): it runs at the next step boundary, or at once
while paused, with the model in eval mode; training then goes on with identical losses.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from typing import Any, Callable


class TrainingNotRunning(RuntimeError):
    """run_at_boundary was called while no trainer uses this control."""


class TrainingControl:
    """Thread-safe pause/resume/stop flags and a queue of work for the trainer thread."""

    def __init__(self) -> None:
        self._pause = threading.Event()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._jobs: queue.Queue[tuple[Callable[[Any, Any], Any], Future]] = queue.Queue()
        self._lock = threading.Lock()
        self._attached = False
        self._accept_before_attach = True

    # --- called from any thread -------------------------------------------------------------
    def pause(self) -> None:
        self._pause.set()
        self._wake.set()

    def resume(self) -> None:
        self._pause.clear()
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    @property
    def paused(self) -> bool:
        return self._pause.is_set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def run_at_boundary(self, fn: Callable[[Any, Any], Any]) -> Future:
        """Future of fn(model, tokenizer), run by the trainer thread at its next step boundary.

        Before the trainer starts the job waits for it; after the trainer has ended the future
        fails at once with TrainingNotRunning.
        """
        future: Future = Future()
        with self._lock:
            if not self._attached and not self._accept_before_attach:
                future.set_exception(TrainingNotRunning("training is not running"))
                return future
            self._jobs.put((fn, future))
        self._wake.set()
        return future

    # --- called by the trainer thread -------------------------------------------------------
    def attach(self) -> None:
        """The trainer starts using this control (a stop left from a previous run is cleared)."""
        with self._lock:
            self._attached = True
            self._stop.clear()

    def detach(self, model: Any = None, tokenizer: Any = None) -> None:
        """The trainer ends: queued jobs run with the final model (or fail when there is none)."""
        with self._lock:
            self._attached = False
            self._accept_before_attach = False
        if model is not None:
            self.run_jobs(model, tokenizer)
        for _fn, future in self._drain_queue():
            future.set_exception(TrainingNotRunning("training is not running"))

    def has_jobs(self) -> bool:
        return not self._jobs.empty()

    def run_jobs(self, model: Any, tokenizer: Any) -> int:
        """Runs every queued job (model switched to eval mode meanwhile); returns how many ran."""
        jobs = self._drain_queue()
        if not jobs:
            return 0
        was_training = getattr(model, "training", True)
        model.eval()
        try:
            for fn, future in jobs:
                _run_job(fn, future, model, tokenizer)
        finally:
            if was_training:
                model.train()
        return len(jobs)

    def wait(self, timeout: float | None = None) -> None:
        """Sleeps until pause/resume/stop or a job arrives (or timeout)."""
        self._wake.wait(timeout)
        self._wake.clear()

    def _drain_queue(self) -> list[tuple[Callable[[Any, Any], Any], Future]]:
        jobs = []
        while True:
            try:
                jobs.append(self._jobs.get_nowait())
            except queue.Empty:
                return jobs


def _run_job(fn, future: Future, model, tokenizer) -> None:
    if not future.set_running_or_notify_cancel():
        return
    try:
        future.set_result(fn(model, tokenizer))
    except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
        future.set_exception(exc)

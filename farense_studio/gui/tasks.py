"""Runs plain-Python work (file reading, data preparation) off the GUI thread, reporting by signals.

Not for MLX: models belong to the model worker's one thread. A task's function takes a
``progress(done, total)`` keyword and may check ``cancelled()``; its return value arrives in
``finished``, an exception's text in ``failed``. Progress signals are throttled (at most about
20 a second) so a chatty loop never floods the event loop.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal


def _lower_thread_priority() -> None:
    """On Linux a thread has its own nice value: the window's thread should win the CPU."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (OSError, AttributeError):
            pass


class Cancelled(Exception):
    """Raised inside a task's progress callback once the task was cancelled."""


_running: set["Task"] = set()
_running_lock = threading.Lock()
_gc_paused = 0


def _pause_gc() -> None:
    """A task builds tens of thousands of objects; Python's cyclic collector would then walk them
    all while holding the GIL, and the window would stall for 100+ ms. Collection waits until
    the last task ends; what is left then is frozen (moved out of the collector's sight)."""
    global _gc_paused
    with _running_lock:
        if _gc_paused == 0 and gc.isenabled():
            gc.disable()
            _gc_paused = 1
        elif _gc_paused:
            _gc_paused += 1


def _resume_gc() -> None:
    global _gc_paused
    with _running_lock:
        if _gc_paused == 0:
            return
        _gc_paused -= 1
        if _gc_paused == 0:
            gc.freeze()
            gc.enable()


def shutdown_all(timeout: float = 3.0) -> None:
    """Cancels every running task and waits a little for them (called when the app quits), so no
    thread calls into Qt after the QApplication is gone."""
    with _running_lock:
        tasks = list(_running)
    for task in tasks:
        task.cancel()
    deadline = time.monotonic() + timeout
    for task in tasks:
        task.wait(max(0.0, deadline - time.monotonic()))


class Task(QObject):
    """One call of ``fn(*args, progress=..., **kwargs)`` in a daemon thread."""

    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # fn's return value
    failed = Signal(str, str)  # short text, traceback

    MIN_INTERVAL_S = 0.05

    def __init__(self, fn: Callable[..., Any], *args: Any, parent: QObject | None = None, **kwargs: Any) -> None:
        super().__init__(parent)
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self._thread: threading.Thread | None = None
        self.result: Any = None

    def start(self) -> "Task":
        with _running_lock:
            _running.add(self)
        self._thread = threading.Thread(target=self._run, name=f"task-{getattr(self._fn, '__name__', 'fn')}",
                                        daemon=True)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if done >= total or now - self._last_emit >= self.MIN_INTERVAL_S:
            self._last_emit = now
            self.progress.emit(int(done), int(total))

    def _run(self) -> None:
        _lower_thread_priority()
        _pause_gc()
        try:
            self._call()
        except RuntimeError:  # the QObject was deleted while the app closed: nobody to tell
            pass
        finally:
            _resume_gc()
            with _running_lock:
                _running.discard(self)

    def _call(self) -> None:
        try:
            result = self._fn(*self._args, progress=self._report, **self._kwargs)
        except Cancelled:
            return
        except Exception as exc:  # reported to the GUI, which shows it in words
            if not self._cancel.is_set():
                self.failed.emit(f"{type(exc).__name__}: {exc}", traceback.format_exc())
            return
        if not self._cancel.is_set():
            self.result = result
            self.finished.emit(result)

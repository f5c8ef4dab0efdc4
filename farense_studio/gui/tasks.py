"""The older ``Task(fn, *args, progress=...)`` signature, kept as a thin adapter over gui.jobs.

New code starts jobs with ``gui.jobs.pool().submit(body)``. A Task's function takes a
``progress(done, total)`` keyword (which raises once the task was cancelled); its return value
arrives in ``finished``, an exception's text in ``failed``; a cancelled task reports nothing.
It runs on the same thread pool as every other plain-Python job.
"""

from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from farense_studio.engine.jobs import Cancelled, JobContext
from farense_studio.gui.jobs import Job, pool, shutdown_pool

__all__ = ["Cancelled", "Task", "shutdown_all"]


def shutdown_all(timeout: float = 3.0) -> None:
    """Cancels every plain job and waits a little for them (called when the app quits)."""
    shutdown_pool(timeout)


class Task(QObject):
    """One call of ``fn(*args, progress=..., **kwargs)`` on the job pool."""

    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # fn's return value
    failed = Signal(str, str)  # short text, traceback

    def __init__(self, fn: Callable[..., Any], *args: Any, parent: QObject | None = None, **kwargs: Any) -> None:
        super().__init__(parent)
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._job: Job | None = None
        self.result: Any = None

    def start(self) -> "Task":
        self._job = pool().submit(self._body, kind=getattr(self._fn, "__name__", "task"))
        self._job.progressed.connect(self._on_progress)
        self._job.finished.connect(self._on_finished)
        return self

    def _body(self, ctx: JobContext):
        def progress(done: int, total: int) -> None:
            ctx.check()
            ctx.progress((int(done), int(total)))

        try:
            return True, self._fn(*self._args, progress=progress, **self._kwargs)
        except Cancelled:
            raise
        except Exception as exc:  # noqa: BLE001 - reported to the GUI, which shows it in words
            return False, (f"{type(exc).__name__}: {exc}", traceback.format_exc())

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def cancelled(self) -> bool:
        return self._job is not None and self._job.cancel_requested

    def running(self) -> bool:
        return self._job is not None and not self._job.done

    def wait(self, timeout: float | None = None) -> bool:
        return self._job is None or self._job.wait(timeout)

    def _on_progress(self, value) -> None:
        if not self.cancelled():
            self.progress.emit(*value)

    def _on_finished(self, outcome) -> None:
        if self.cancelled():
            return
        ok, value = outcome
        if ok:
            self.result = value
            self.finished.emit(value)
        else:
            self.failed.emit(*value)

"""One handle for every background job of the GUI, and the plain thread pool behind non-MLX work.

A ``Job`` says what happens to one piece of work: ``progressed(value)``, then ``finished(result)``
or ``failed(text)``; ``cancel()`` asks the body to stop (its JobContext's cancel_event). The same
handle can be awaited in an ``async def`` flow running on the qasync loop: ``result = await job``
returns the result or raises JobError. Two executors produce jobs: the model worker (the one MLX
thread, gui/model_worker.py) and ``pool()`` here (plain Python: files, downloads, copies).

The thread that runs the body reports through a queued relay; the Job (a QObject of the GUI
thread) emits its public signals from the GUI thread, in order, once control is back in the
event loop: receivers connected right after the job was started never miss anything.
"""

from __future__ import annotations

import asyncio
import gc
import os
import queue
import sys
import threading
import time
import traceback
import warnings
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal

from farense_studio.engine.jobs import Cancelled, JobContext, error_text

_STARTED, _PROGRESS, _FINISHED, _FAILED = range(4)
_alive: set["Job"] = set()  # jobs not done yet: a Job nobody else holds must still report
_alive_lock = threading.Lock()


class JobError(Exception):
    """Why a job did not finish: its text, the stage ("load" when the model could not be loaded,
    else "run") and whether it was cancelled."""

    def __init__(self, text: str, stage: str = "run", cancelled: bool = False):
        super().__init__(text)
        self.text = text
        self.stage = stage
        self.cancelled = cancelled


class Job(QObject):
    """A handle on one piece of background work: signals, callbacks and ``await``."""

    started = Signal()  # the executor began the body (a queued job waits until then)
    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)  # the text; job.error has the stage and whether it was cancelled
    _relay = Signal(int, object)  # from the body's thread: (_STARTED | _PROGRESS | ..., value)

    def __init__(self, kind: str = "job", *, min_interval_s: float = 0.0, settle_objects: bool = False,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.kind = kind
        self._settle_objects = settle_objects
        self.cancel_event = threading.Event()
        self.result: Any = None
        self.error: JobError | None = None
        self._min_interval_s = min_interval_s
        self._last_progress = 0.0
        self._done = threading.Event()
        self._claimed = False
        self._lock = threading.Lock()
        self._futures: list[asyncio.Future] = []
        self.settled = False  # finished or failed was emitted (in the GUI thread)
        with _alive_lock:
            _alive.add(self)
        self._relay.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # ---- GUI thread ---------------------------------------------------------------------------
    def on(self, *, progressed: Callable | None = None, finished: Callable | None = None,
           failed: Callable | None = None) -> "Job":
        """Connects callbacks; returns the job (``worker.chat(...).on(finished=...)``)."""
        for signal, slot in ((self.progressed, progressed), (self.finished, finished), (self.failed, failed)):
            if slot is not None:
                signal.connect(slot)
        return self

    def cancel(self) -> None:
        """Asks the body to stop at its next check (a reply stops at the next token)."""
        self.cancel_event.set()

    @property
    def cancel_requested(self) -> bool:
        return self.cancel_event.is_set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Blocks until the body ended (any thread); True when it did in time."""
        return self._done.wait(timeout)

    def __await__(self):
        loop = event_loop()
        future = loop.create_future()
        if self.settled:  # its signals are out too: the flow goes on where they left the GUI
            self._resolve(future)
        else:
            self._futures.append(future)
        return future.__await__()

    def _resolve(self, future: asyncio.Future) -> None:
        if future.done():
            return
        if self.error is not None:
            future.set_exception(self.error)
        else:
            future.set_result(self.result)

    def _deliver(self, what: int, value: Any) -> None:
        if what == _STARTED:
            self.started.emit()
            return
        if what == _PROGRESS:
            self.progressed.emit(value)
            return
        self.settled = True
        futures, self._futures = self._futures, []
        for future in futures:
            self._resolve(future)
        with _alive_lock:
            _alive.discard(self)
        (self.finished if what == _FINISHED else self.failed).emit(value)
        self._release()

    def _release(self) -> None:
        """Drops every receiver once the job is over: a callable that holds the job (a lambda with
        the job in it) would otherwise keep it alive through Qt, out of Python's collector's reach."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for signal in (self.started, self.progressed, self.finished, self.failed, self._relay):
                try:
                    signal.disconnect()
                except (RuntimeError, SystemError, TypeError):  # nothing was connected
                    pass

    # ---- the thread that runs the body ------------------------------------------------------------
    def claim(self) -> bool:
        """True for the first caller only, so a body never runs twice (boundary and fallback)."""
        with self._lock:
            if self._claimed:
                return False
            self._claimed = True
            return True

    def context(self) -> JobContext:
        return JobContext(self.report, self.cancel_event)

    def begin(self) -> None:
        """Says the body starts now (emits started)."""
        self._emit(_STARTED, None)

    def report(self, value: Any) -> None:
        """Emits progressed (at most every min_interval_s; a (done, total) pair at its end always)."""
        if self._settle_objects:
            _settle()
        if self._min_interval_s:
            now = time.monotonic()
            at_end = isinstance(value, tuple) and len(value) == 2 and value[0] == value[1]
            if not at_end and now - self._last_progress < self._min_interval_s:
                return
            self._last_progress = now
        self._emit(_PROGRESS, value)

    def run(self, body: Callable[[JobContext], Any], stage: str = "run") -> None:
        """Calls body(context) here and reports its start, then its result or its error."""
        if self._settle_objects:
            _settle()
        self.begin()
        try:
            result = body(self.context())
        except Cancelled:
            self.fail(JobError("", stage, cancelled=True))
        except Exception as exc:  # noqa: BLE001 - reported to the GUI, which shows it in words
            traceback.print_exc()
            self.fail(JobError(error_text(exc), stage, cancelled=self.cancel_requested))
        else:
            self.succeed(result)

    def succeed(self, result: Any) -> None:
        self.result = result
        self._done.set()
        self._emit(_FINISHED, result)

    def fail(self, error: JobError) -> None:
        self.error = error
        self._done.set()
        self._emit(_FAILED, error.text)

    def _emit(self, what: int, value) -> None:
        try:
            self._relay.emit(what, value)
        except RuntimeError:  # the app closed and deleted the job: nobody is left to tell
            pass


def _settle() -> None:
    """Moves the objects alive now out of the cyclic collector's sight (gc.freeze: O(1)). A plain
    job that reads 20,000 examples builds hundreds of thousands of objects; a full collection
    would walk them all (and the whole app) while holding the GIL, and the window would stall
    for 200+ ms. Settling them at the job's start and at each progress report keeps every
    collection small; the collector itself stays on for everything else."""
    gc.freeze()


# ---- the plain thread pool ------------------------------------------------------------------------------
def _lower_thread_priority() -> None:
    """On Linux a thread has its own nice value: the window's thread should win the CPU."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (OSError, AttributeError):
            pass


class ThreadPool:
    """A few daemon threads for plain-Python jobs (never MLX: models belong to the MLX thread)."""

    def __init__(self, max_threads: int = 4):
        self._max_threads = max_threads
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._idle = 0
        self._pending = 0
        self._jobs: set[Job] = set()
        self._lock = threading.Lock()

    def submit(self, body: Callable[[JobContext], Any], kind: str = "job", *,
               min_interval_s: float = 0.05) -> Job:
        """Runs body(context) on a pool thread; progress is throttled to about 20 a second."""
        job = Job(kind, min_interval_s=min_interval_s, settle_objects=True)
        thread = None
        with self._lock:
            self._jobs.add(job)
            self._pending += 1
            if self._pending > self._idle and len(self._threads) < self._max_threads:
                thread = threading.Thread(target=self._work, name=f"farense-pool-{len(self._threads) + 1}",
                                          daemon=True)
                self._threads.append(thread)
        self._queue.put((job, body))
        if thread is not None:
            thread.start()
        return job

    def _work(self) -> None:
        _lower_thread_priority()
        while True:
            with self._lock:
                self._idle += 1
            job, body = self._queue.get()
            with self._lock:
                self._idle -= 1
                self._pending -= 1
            try:
                if job.cancel_requested:
                    job.fail(JobError("", cancelled=True))
                else:
                    job.run(body)
            finally:
                with self._lock:
                    self._jobs.discard(job)
                del job, body  # this thread waits next with no hold on the job

    def running(self) -> list[Job]:
        with self._lock:
            return list(self._jobs)

    def shutdown(self, timeout: float = 3.0) -> None:
        """Cancels every job and waits a little for them (the app is quitting), so no thread calls
        into Qt after the QApplication is gone."""
        jobs = self.running()
        for job in jobs:
            job.cancel()
        deadline = time.monotonic() + timeout
        for job in jobs:
            job.wait(max(0.0, deadline - time.monotonic()))


_pool: ThreadPool | None = None


def pool() -> ThreadPool:
    """The process's thread pool for non-MLX jobs."""
    global _pool
    if _pool is None:
        _pool = ThreadPool()
    return _pool


def shutdown_pool(timeout: float = 3.0) -> None:
    if _pool is not None:
        _pool.shutdown(timeout)


# ---- the asyncio loop on Qt's ------------------------------------------------------------------------------
def event_loop() -> asyncio.AbstractEventLoop:
    """The asyncio loop that runs on Qt's event loop (qasync): the running one in the app; in a
    test (pytest-qt spins Qt, not asyncio) a qasync loop made for the QApplication, whose
    callbacks run whenever Qt processes events."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    global _loop
    if _loop is None or _loop.is_closed():
        import qasync
        from PySide6.QtWidgets import QApplication

        _loop = qasync.QEventLoop(QApplication.instance())
        asyncio.set_event_loop(_loop)
    return _loop


_loop: asyncio.AbstractEventLoop | None = None


def spawn(coro) -> asyncio.Task:
    """Starts an ``async def`` flow on the Qt-driven loop; its errors are printed, never lost."""
    task = event_loop().create_task(coro)
    task.add_done_callback(_report_flow_error)
    return task


def _report_flow_error(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        exc = task.exception()
        traceback.print_exception(type(exc), exc, exc.__traceback__)

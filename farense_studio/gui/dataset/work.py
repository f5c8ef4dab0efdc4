"""The Dados tab's background work: reading, preparing and generating questions, as gui.jobs Jobs.

One read at a time (a newer one supersedes the older), one preparation at a time (it supersedes a
read: it reads everything again anyway). The busy bar shows what runs; results arrive as signals.
Reading and preparing run on the thread pool; generating questions too when the templates alone
propose, or on the model worker's one MLX thread (ModelWorker.run_with_model) when the base model
proposes as well. The bodies are plain Python (gui.dataset.bodies); this object only starts jobs
and passes on what they say.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from farense_studio.data.generated import GeneratedStore
from farense_studio.gui import i18n
from farense_studio.gui.dataset import bodies
from farense_studio.gui.dataset.loader import LoadResult, PrepareResult
from farense_studio.gui.jobs import Job, pool
from farense_studio.gui.widgets import BusyBar
from farense_studio.project import Project


def _store_path(project: Project) -> str:
    return str(GeneratedStore.for_project(project).path)


def _sources(project: Project) -> tuple[list[str], list[str]]:
    return list(project.jsonl_sources), list(project.bio_sources)


class DatasetWork(QObject):
    """Starts reads, preparations and generation passes; ``idle`` once no read or preparation runs."""

    loaded = Signal(object)  # LoadResult
    prepared = Signal(object)  # PrepareResult
    failed = Signal(str)  # a short text for the user
    started = Signal()
    idle = Signal()
    generation_progress = Signal(int, int, float)  # units done, units in all, seconds left (estimate)
    generation_ended = Signal(object, str)  # the pass's report (a dict) or None, and an error text

    def __init__(self, busy: BusyBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy = busy
        self._load_job: Job | None = None
        self._prepare_job: Job | None = None
        self._jobs: set[Job] = set()  # reads and preparations not yet reported
        self._generation: Job | None = None  # on the thread pool or the model worker

    def is_busy(self) -> bool:
        return any(not job.done for job in self._jobs)

    def preparing(self) -> bool:
        return self._prepare_job is not None

    def cancel(self) -> None:
        """Asks whatever runs to stop (the window closes)."""
        for job in list(self._jobs):
            job.cancel()
        self.cancel_generation()

    def reset(self) -> None:
        """Another project: whatever runs is stopped and nothing of it will arrive."""
        self.cancel()
        self._jobs.clear()
        self._load_job = self._prepare_job = None
        self.busy.finish()

    def load(self, project: Project, edits: dict[str, Any]) -> None:
        """Reads every source of the project with these edits applied, and its generated questions
        (a running read is dropped)."""
        if self._load_job is not None:
            self._load_job.cancel()
        body = bodies.load(*_sources(project), edits, dict(project.settings), _store_path(project))
        self._load_job = self._start(body, "load_dataset", self.tr("A ler os exemplos…"), self._on_load_finished)

    def prepare(self, project: Project, edits: dict[str, Any], out_dir: Path) -> None:
        """Builds the corpus afresh and writes it into out_dir (a running read is dropped)."""
        if self._load_job is not None:
            self._load_job.cancel()
            self._jobs.discard(self._load_job)
            self._load_job = None
        body = bodies.prepare(*_sources(project), edits, dict(project.settings), out_dir, _store_path(project))
        self._prepare_job = self._start(body, "prepare_dataset", self.tr("A preparar os dados…"),
                                        self._on_prepare_finished)

    def _start(self, body, kind: str, text: str, on_finished: Callable[[Job, Any], None]) -> Job:
        job = pool().submit(body, kind)
        self._jobs.add(job)
        # The handlers are told which job speaks: a superseded or cancelled one says nothing.
        job.progressed.connect(self._while_alive(lambda value: self._on_progress(job, value)))
        job.finished.connect(self._while_alive(lambda result: on_finished(job, result)))
        job.failed.connect(self._while_alive(lambda text: self._on_failed(job, text)))
        self.busy.start(text)
        self.started.emit()
        return job

    def _while_alive(self, receive: Callable) -> Callable:
        """The receiver, silent once this object is deleted (a job may end after its window)."""

        def guarded(value) -> None:
            if isValid(self):
                receive(value)

        return guarded

    def _done(self, job: Job | None) -> None:
        if job is not None:
            self._jobs.discard(job)
        if not self.is_busy():
            self.busy.finish()
            self.idle.emit()

    def _on_progress(self, job: Job, value: tuple[int, int]) -> None:
        if job.cancel_requested:
            return
        done, total = value
        if self._prepare_job is not None and not self._prepare_job.done:
            text = self.tr("A preparar: {done} de {total} exemplos verificados")
        else:
            text = self.tr("A ler: {done} de {total} exemplos verificados")
        self.busy.progress(done, total, text.format(done=i18n.number(done), total=i18n.number(total)))

    def _on_load_finished(self, job: Job, result: LoadResult) -> None:
        if job is not self._load_job or job.cancel_requested:
            return  # an older read, superseded
        self._load_job = None
        self._done(job)
        self.loaded.emit(result)

    def _on_prepare_finished(self, job: Job, result: PrepareResult) -> None:
        if job is not self._prepare_job or job.cancel_requested:
            return
        self._prepare_job = None
        self._done(job)
        self.prepared.emit(result)

    def _on_failed(self, job: Job, text: str) -> None:
        if job.cancel_requested:  # stopped on purpose: nothing to say
            return
        for other in list(self._jobs):
            if other.done:
                self._jobs.discard(other)
        if self._load_job is not None and self._load_job.done:
            self._load_job = None
        if self._prepare_job is not None and self._prepare_job.done:
            self._prepare_job = None
        self._done(None)
        self.failed.emit(text)

    # ---- generating questions -------------------------------------------------------------------
    def generating(self) -> bool:
        return self._generation is not None

    def generate(self, project: Project, edits: dict[str, Any], model: str | None = None,
                 model_worker=None) -> None:
        """One generation pass; with ``model`` the base model proposes too, on the model worker's thread."""
        if self._generation is not None:
            return
        args = (*_sources(project), edits, _store_path(project), self.generation_progress.emit)
        if model is None:
            job = pool().submit(bodies.generation(*args), "generate")
        else:
            job = model_worker.run_with_model(bodies.generation_with_model(*args), model, None, kind="generate")
        job.finished.connect(self._while_alive(lambda report: self._end_generation(report, "")))
        job.failed.connect(self._while_alive(lambda text: self._end_generation(None, text)))
        self._generation = job

    def cancel_generation(self) -> None:
        """Stops the pass after the paragraph in hand (what is done stays; the next pass goes on from there)."""
        if self._generation is not None:
            self._generation.cancel()

    def _end_generation(self, report: dict[str, Any] | None, error: str) -> None:
        self._generation = None
        self.generation_ended.emit(report, error)

"""The Dados tab's background work: reading, preparing (gui.tasks.Task) and generating questions.

One read at a time (a newer one supersedes the older), one preparation at a time (it supersedes a
read: it reads everything again anyway). The busy bar shows what runs; results arrive as signals.
Generating questions runs in a Task with the templates alone, or on the model worker's one MLX
thread (ModelWorker.run_with_model) when the base model proposes too; either way its progress and
end arrive as signals of this object, emitted from the working thread and queued into the GUI.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

from farense_studio.data.edits import Edits
from farense_studio.data.generated import GeneratedStore, generate, template_proposer, units_of_sources
from farense_studio.gui import i18n
from farense_studio.gui.dataset.loader import LoadResult, PrepareResult, load_dataset, prepare_dataset
from farense_studio.gui.jobs import Job
from farense_studio.gui.tasks import Task
from farense_studio.gui.widgets import BusyBar
from farense_studio.project import Project


def _store_path(project: Project) -> str:
    return str(GeneratedStore.for_project(project).path)


def run_generation(jsonl_sources: list[str], bio_sources: list[str], edits: dict[str, Any], store_path: Path,
                   stop: threading.Event, on_progress: Callable[[int, int, float], None], complete=None, *,
                   progress=None) -> dict[str, Any]:
    """One generation pass over the project's paragraphs and Q&A lines (templates, and the base model
    through ``complete`` when given: then this runs on the MLX thread). Returns the report as a dict."""
    from farense_studio.engine.propose import ModelProposer  # plain Python: MLX only inside ``complete``

    units = units_of_sources(jsonl_sources, bio_sources, Edits.from_dict(edits))
    proposers = [("template", template_proposer)]
    if complete is not None:
        proposers.append(("model", ModelProposer(complete)))
    return generate(units, GeneratedStore(store_path), proposers, on_progress, stop.is_set).to_dict()


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
        self._load_task: Task | None = None
        self._prepare_task: Task | None = None
        self._tasks: set[Task] = set()
        self._generation: Task | Job | None = None  # a Task, or the model worker's Job
        self._generation_stop = threading.Event()

    def is_busy(self) -> bool:
        return any(task.running() for task in self._tasks)

    def preparing(self) -> bool:
        return self._prepare_task is not None

    def cancel(self) -> None:
        """Asks whatever runs to stop (the window closes)."""
        for task in list(self._tasks):
            task.cancel()
        self.cancel_generation()

    def reset(self) -> None:
        """Another project: whatever runs is stopped and nothing of it will arrive."""
        self.cancel()
        self._tasks.clear()
        self._load_task = self._prepare_task = None
        self.busy.finish()

    def load(self, project: Project, edits: dict[str, Any]) -> None:
        """Reads every source of the project with these edits applied, and its generated questions
        (a running read is dropped)."""
        if self._load_task is not None:
            self._load_task.cancel()
        task = Task(load_dataset, list(project.jsonl_sources), list(project.bio_sources), edits,
                    dict(project.settings), generated=_store_path(project))
        self._load_task = task
        self._start(task, self.tr("A ler os exemplos…"), self._on_load_finished)

    def prepare(self, project: Project, edits: dict[str, Any], out_dir: Path) -> None:
        """Builds the corpus afresh and writes it into out_dir (a running read is dropped)."""
        if self._load_task is not None:
            self._load_task.cancel()
            self._tasks.discard(self._load_task)
            self._load_task = None
        task = Task(prepare_dataset, list(project.jsonl_sources), list(project.bio_sources), edits,
                    dict(project.settings), out_dir, generated=_store_path(project))
        self._prepare_task = task
        self._start(task, self.tr("A preparar os dados…"), self._on_prepare_finished)

    def _start(self, task: Task, text: str, on_finished) -> None:
        self._tasks.add(task)
        task.progress.connect(self._on_progress)
        task.finished.connect(on_finished)
        task.failed.connect(self._on_failed)
        self.busy.start(text)
        self.started.emit()
        task.start()

    def _done(self, task: Task | None) -> None:
        if task is not None:
            self._tasks.discard(task)
        if not self.is_busy():
            self.busy.finish()
            self.idle.emit()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._prepare_task is not None and self._prepare_task.running():
            text = self.tr("A preparar: {done} de {total} exemplos verificados")
        else:
            text = self.tr("A ler: {done} de {total} exemplos verificados")
        self.busy.progress(done, total, text.format(done=i18n.number(done), total=i18n.number(total)))

    @Slot(object)
    def _on_load_finished(self, result: LoadResult) -> None:
        task = self._load_task
        if task is None or result is not task.result:
            return  # an older read, superseded
        self._load_task = None
        self._done(task)
        self.loaded.emit(result)

    @Slot(object)
    def _on_prepare_finished(self, result: PrepareResult) -> None:
        task = self._prepare_task
        if task is None or result is not task.result:
            return
        self._prepare_task = None
        self._done(task)
        self.prepared.emit(result)

    @Slot(str, str)
    def _on_failed(self, text: str, details: str) -> None:
        for task in list(self._tasks):
            if not task.running():
                self._tasks.discard(task)
        if self._load_task is not None and not self._load_task.running():
            self._load_task = None
        if self._prepare_task is not None and not self._prepare_task.running():
            self._prepare_task = None
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
        self._generation_stop = stop = threading.Event()
        args = (list(project.jsonl_sources), list(project.bio_sources), edits, _store_path(project))
        emit = self.generation_progress.emit
        if model is None:
            task = Task(run_generation, *args, stop, emit)
            task.finished.connect(self._on_generation_finished)
            task.failed.connect(self._on_generation_failed)
            self._generation = task
            task.start()
            return
        def with_model(loaded, tokenizer, ctx):
            from farense_studio.engine.propose import model_completion

            stop_event = ctx.cancel_event
            return run_generation(*args, stop_event, emit, model_completion(loaded, tokenizer, stop_event=stop_event))

        job = model_worker.run_with_model(with_model, model, None, kind="generate")
        job.finished.connect(lambda report: self._end_generation(report, ""))
        job.failed.connect(lambda text: self._end_generation(None, text))
        self._generation = job

    def cancel_generation(self) -> None:
        """Stops the pass after the paragraph in hand (what is done stays; the next pass goes on from there)."""
        if isinstance(self._generation, Task):
            self._generation_stop.set()
        elif self._generation is not None:
            self._generation.cancel()

    def _end_generation(self, report: dict[str, Any] | None, error: str) -> None:
        self._generation = None
        self.generation_ended.emit(report, error)

    @Slot(object)
    def _on_generation_finished(self, report: dict[str, Any]) -> None:
        if isinstance(self._generation, Task):
            self._end_generation(report, "")

    @Slot(str, str)
    def _on_generation_failed(self, text: str, _details: str) -> None:
        if isinstance(self._generation, Task):
            self._end_generation(None, text)

"""The Dados tab's background work: reading the sources and preparing them, through gui.tasks.Task.

One read at a time (a newer one supersedes the older), one preparation at a time (it supersedes a
read: it reads everything again anyway). The busy bar shows what runs; results arrive as signals.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from farense_studio.gui import i18n
from farense_studio.gui.dataset.loader import LoadResult, PrepareResult, load_dataset, prepare_dataset
from farense_studio.gui.tasks import Task
from farense_studio.gui.widgets import BusyBar
from farense_studio.project import Project


class DatasetWork(QObject):
    """Starts reads and preparations; ``idle`` once nothing runs any more."""

    loaded = Signal(object)  # LoadResult
    prepared = Signal(object)  # PrepareResult
    failed = Signal(str)  # a short text for the user
    started = Signal()
    idle = Signal()

    def __init__(self, busy: BusyBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy = busy
        self._load_task: Task | None = None
        self._prepare_task: Task | None = None
        self._tasks: set[Task] = set()

    def is_busy(self) -> bool:
        return any(task.running() for task in self._tasks)

    def preparing(self) -> bool:
        return self._prepare_task is not None

    def cancel(self) -> None:
        """Asks whatever runs to stop (the window closes)."""
        for task in list(self._tasks):
            task.cancel()

    def reset(self) -> None:
        """Another project: whatever runs is stopped and nothing of it will arrive."""
        self.cancel()
        self._tasks.clear()
        self._load_task = self._prepare_task = None
        self.busy.finish()

    def load(self, project: Project, edits: dict[str, Any]) -> None:
        """Reads every source of the project with these edits applied (a running read is dropped)."""
        if self._load_task is not None:
            self._load_task.cancel()
        task = Task(load_dataset, list(project.jsonl_sources), list(project.bio_sources), edits,
                    dict(project.settings))
        self._load_task = task
        self._start(task, self.tr("A ler os exemplos…"), self._on_load_finished)

    def prepare(self, project: Project, edits: dict[str, Any], out_dir: Path) -> None:
        """Builds the corpus afresh and writes it into out_dir (a running read is dropped)."""
        if self._load_task is not None:
            self._load_task.cancel()
            self._tasks.discard(self._load_task)
            self._load_task = None
        task = Task(prepare_dataset, list(project.jsonl_sources), list(project.bio_sources), edits,
                    dict(project.settings), out_dir)
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

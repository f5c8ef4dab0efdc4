"""The open project, shared by every tab: they read it and listen to ``project_changed``."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QObject, Signal

from farense_studio.project import Project, ProjectLock
from farense_studio.project_check import DamagedFile, check_project


class ProjectContext(QObject):
    """Holds the open Project (or None) and tells the tabs when it changes.

    Tabs never open projects themselves: the main window does, through this object.
    ``settings_changed`` fires when a tab changes ``project.settings`` via ``update_settings``.
    The open project is locked (one Farense Studio process per project); its damaged files
    are found, copied and listed in ``damaged`` before the tabs hear of it, and announced by
    ``damaged_files`` after them.
    """

    project_changed = Signal(object)  # Project | None
    settings_changed = Signal(dict)  # the keys that changed, with their new values
    sources_changed = Signal()  # jsonl_sources / bio_sources changed
    damaged_files = Signal(list)  # [DamagedFile] of the project just set (empty when none)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._lock: ProjectLock | None = None
        self.damaged: list[DamagedFile] = []

    @property
    def project(self) -> Project | None:
        return self._project

    def set_project(self, project: Project | None) -> None:
        """Makes ``project`` the open one; raises ProjectError("project_locked") when another
        process has it open (the current project then stays)."""
        lock = ProjectLock(project.path).acquire() if project is not None else None
        if self._lock is not None:
            self._lock.release()
        self._lock = lock
        self.damaged = check_project(project) if project is not None else []
        self._project = project
        self.project_changed.emit(project)
        self.damaged_files.emit(self.damaged)

    def open_project(self, folder: str | os.PathLike) -> Project:
        """Opens a project folder; raises ProjectError (with plain text) when it cannot."""
        project = Project.open(folder)
        self.set_project(project)
        return project

    def create_project(self, folder: str | os.PathLike, name: str | None = None) -> Project:
        project = Project.create(folder, name)
        self.set_project(project)
        return project

    def close_project(self) -> None:
        self.set_project(None)

    def update_settings(self, **values: Any) -> None:
        """Stores values in ``project.settings`` and saves the project at once."""
        if self._project is None:
            return
        changed = {k: v for k, v in values.items() if self._project.settings.get(k) != v}
        if not changed:
            return
        self._project.settings.update(changed)
        self._project.save()
        self.settings_changed.emit(changed)

    def save_sources(self) -> None:
        """Saves the project after a tab changed its sources and tells the others."""
        if self._project is None:
            return
        self._project.save()
        self.sources_changed.emit()


def follow_project(context: "ProjectContext | None", on_change) -> bool:
    """Calls ``on_change(project)`` now and whenever the open project changes; False without a
    context (a tab built alone, as in some tests)."""
    if context is None:
        return False
    context.project_changed.connect(on_change)
    on_change(context.project)
    return True

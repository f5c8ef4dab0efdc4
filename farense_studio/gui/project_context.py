"""The open project, shared by every tab: they read it and listen to ``project_changed``."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QObject, Signal

from farense_studio.project import Project


class ProjectContext(QObject):
    """Holds the open Project (or None) and tells the tabs when it changes.

    Tabs never open projects themselves: the main window does, through this object.
    ``settings_changed`` fires when a tab changes ``project.settings`` via ``update_settings``.
    """

    project_changed = Signal(object)  # Project | None
    settings_changed = Signal(dict)  # the keys that changed, with their new values
    sources_changed = Signal()  # jsonl_sources / bio_sources changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None

    @property
    def project(self) -> Project | None:
        return self._project

    def set_project(self, project: Project | None) -> None:
        self._project = project
        self.project_changed.emit(project)

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

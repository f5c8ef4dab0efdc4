"""The message above the tabs when opening went wrong: damaged files, or a project not opened.

It names each damaged file and what the app did instead (see project_check), offers to open
the folder that holds it and, when no project could be opened, to open another one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from farense_studio.gui.project_context import ProjectContext
from farense_studio.gui.widgets import Banner

Problem = tuple[str, "Path | None"]  # the text shown, the folder offered (None: no folder)


def problems_of(damaged: list) -> list[Problem]:
    """Problems naming damaged files (project_check.DamagedFile), each offering its folder."""
    return [(d.text(), d.path.parent) for d in damaged]


class OpenProblems(QWidget):
    """Wraps the window's central widget with a banner above it (hidden while all is well)."""

    def __init__(self, window: QMainWindow, context: ProjectContext) -> None:
        super().__init__()
        self.main_window = window
        self.context = context
        self.folder: Path | None = None
        self.banner = Banner()
        central = window.takeCentralWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        if central is not None:
            layout.addWidget(central, 1)
        window.setCentralWidget(self)
        self.banner.action_clicked.connect(self._on_action)
        context.damaged_files.connect(self._on_damaged_files)

    def show_problems(self, problems: list[Problem]) -> None:
        """Shows every problem (or hides the banner when there are none)."""
        if not problems and self.context.project is not None:
            self.banner.hide()
            return
        self.folder = next((folder for _text, folder in problems if folder is not None), None)
        actions = []
        if self.folder is not None:
            actions.append(("folder", self.tr("Abrir a pasta")))
        if self.context.project is None:
            actions.append(("open", self.tr("Abrir outro projeto…")))
        text = "\n\n".join(text for text, _folder in problems) or self.tr("Nenhum projeto aberto.")
        self.banner.show_message(text, Banner.ERROR if self.context.project is None else Banner.WARNING,
                                 actions=actions)

    def text(self) -> str:
        return self.banner.text()

    @Slot(list)
    def _on_damaged_files(self, damaged: list) -> None:
        self.show_problems(problems_of(damaged))

    @Slot(str)
    def _on_action(self, key: str) -> None:
        if key == "folder" and self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
        elif key == "open":
            self.main_window.open_action.trigger()

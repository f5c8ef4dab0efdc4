"""Starts the desktop app: QApplication, language, the project to open, and the asyncio loop.

asyncio runs on Qt's own event loop through qasync, so async flows (downloads, file scans)
can ``await`` without blocking the window. Nothing here imports MLX: the window must open
fast, and MLX work lives in the model worker's thread.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from farense_studio import APP_NAME, __version__
from farense_studio.gui import i18n
from farense_studio.gui.settings import ORGANIZATION, AppSettings
from farense_studio.paths import default_projects_dir
from farense_studio.project import DEFAULT_PROJECT_NAME, SAMPLE_PROJECT_NAME, Project, ProjectError


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists, as in tests)."""
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    from farense_studio.gui import tasks
    from farense_studio.gui.widgets import app_icon

    app.setWindowIcon(app_icon())
    if not app.property("farense_shutdown_hooked"):
        app.aboutToQuit.connect(tasks.shutdown_all)
        app.setProperty("farense_shutdown_hooked", True)
    return app


def open_sample_project(projects_dir: Path | None = None) -> Project:
    """The sample project in the projects folder, created with the bundled data when missing."""
    folder = (projects_dir or default_projects_dir()) / SAMPLE_PROJECT_NAME
    project = Project.open(folder) if Project.is_project(folder) else Project.create(folder, SAMPLE_PROJECT_NAME)
    project.settings.setdefault("sample", True)
    # The Treino tab reads its model from settings["training"]: the sample trains the bundled demo.
    project.settings.setdefault("training", {"model": "demo"})
    project.add_sample_data()
    project.save()
    return project


def startup_project(settings: AppSettings, *, sample: bool = False, project: str | None = None) -> Project:
    """Which project the window opens on: --project, --sample, the last one, or a fresh default."""
    if project:
        folder = Path(project).expanduser()
        return Project.open(folder) if Project.is_project(folder) else Project.create(folder)
    if sample:
        return open_sample_project()
    last = settings.last_project
    if last and Project.is_project(last):
        try:
            return Project.open(last)
        except ProjectError:
            pass
    folder = default_projects_dir() / DEFAULT_PROJECT_NAME
    return Project.open(folder) if Project.is_project(folder) else Project.create(folder, DEFAULT_PROJECT_NAME)


def build_main_window(*, sample: bool = False, project: str | None = None, lang: str | None = None,
                      settings: AppSettings | None = None, model_worker=None):
    """Installs the language, opens the startup project and returns the (hidden) main window.

    model_worker: the one MLX thread of the process (gui.model_worker.ModelWorker); without it
    the Treino, Conversar and Exportar tabs say they are unavailable."""
    from farense_studio.gui.main_window import MainWindow
    from farense_studio.gui.project_context import ProjectContext

    settings = settings or AppSettings()
    i18n.install(i18n.choose_language(lang, settings.language))
    context = ProjectContext()
    try:
        opened = startup_project(settings, sample=sample, project=project)
    except ProjectError as exc:
        opened = None
        startup_error = exc.text()
    else:
        startup_error = None
    if opened is not None:
        settings.last_project = str(opened.path)
    context.set_project(opened)
    window = MainWindow(context, settings, model_worker=model_worker)
    context.setParent(window)
    if startup_error:
        window.statusBar().showMessage(startup_error)
    return window


def run_app(sample: bool = False, project: str | None = None, lang: str | None = None) -> int:
    """Opens the main window and runs until it closes (asyncio on the Qt loop via qasync)."""
    import qasync

    from farense_studio.gui.model_worker import ModelWorker

    app = create_app()
    # One thread owns every MLX model of the GUI process; MLX itself is imported there lazily.
    worker = ModelWorker()
    worker.start()
    window = build_main_window(sample=sample, project=project, lang=lang, model_worker=worker)
    window.show()

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    with loop:
        loop.run_until_complete(closed.wait())
    worker.shutdown()  # closeEvent already did on a normal close; quitting otherwise lands here
    window.deleteLater()  # widgets go before the QApplication, never after
    QCoreApplication.processEvents()
    return 0

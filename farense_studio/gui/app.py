"""Starts the desktop app: QApplication, language, the project to open, and the asyncio loop.

asyncio runs on Qt's own event loop through qasync, so async flows (downloads, file scans)
can ``await`` without blocking the window. Nothing here imports MLX: the window must open
fast, and MLX work lives in the model worker's thread.
"""

from __future__ import annotations

import asyncio
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from farense_studio import APP_NAME, __version__
from farense_studio.gui import i18n
from farense_studio.gui.open_problems import Problem, problems_of
from farense_studio.gui.project_context import ProjectContext
from farense_studio.gui.settings import ORGANIZATION, AppSettings
from farense_studio.paths import default_projects_dir
from farense_studio.project import (DEFAULT_PROJECT_NAME, SAMPLE_PROJECT_NAME, DamagedFileError, Project, ProjectError,
                                    wrong_type)
from farense_studio.project_check import DamagedFile, kept


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
    from farense_studio.gui.jobs import shutdown_pool
    from farense_studio.gui.widgets import app_icon

    app.setWindowIcon(app_icon())
    if not app.property("farense_shutdown_hooked"):
        app.aboutToQuit.connect(shutdown_pool)
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
    """Which project the window opens on: --project, --sample, the last one, or a fresh default.

    A last project that cannot be opened raises its ProjectError: it is never replaced in
    silence by another (the window then opens without a project and says why)."""
    if project:
        folder = Path(project).expanduser()
        return Project.open(folder) if Project.is_project(folder) else Project.create(folder)
    if sample:
        return open_sample_project()
    last = settings.last_project
    if last and Project.is_project(last):
        opened = Project.open(last)
        if opened.follow_sample_data():  # the app moved since: its sample is read from the new place
            opened.save()
        return opened
    folder = default_projects_dir() / DEFAULT_PROJECT_NAME
    return Project.open(folder) if Project.is_project(folder) else Project.create(folder, DEFAULT_PROJECT_NAME)


def repair_app_settings(settings: AppSettings) -> list[DamagedFile]:
    """Drops settings of the wrong type (after keeping a copy of the file) and says so."""
    bad = settings.invalid_keys()
    if not bad:
        return []
    found = [kept(DamagedFileError(settings.file, wrong_type(key, int), "app_settings_damaged"), "settings_reset")
             for key in bad]
    for key in bad:
        settings.remove(key)
    return found


def open_startup_project(context: ProjectContext, settings: AppSettings, *, sample: bool = False,
                         project: str | None = None) -> list[Problem]:
    """Opens the startup project in ``context``; what went wrong, as (text, folder) problems."""
    try:
        context.set_project(startup_project(settings, sample=sample, project=project))
    except DamagedFileError as exc:  # projeto.json itself does not read: leave it as it is
        return [(DamagedFile(exc, "not_opened").text(), exc.path.parent)]
    except ProjectError as exc:  # locked by another instance, too new, no permission
        folder = exc.params.get("path")
        return [(exc.text(), Path(folder) if folder and Path(folder).is_dir() else None)]
    settings.last_project = str(context.project.path)
    return problems_of(context.damaged)


def build_main_window(*, sample: bool = False, project: str | None = None, lang: str | None = None,
                      settings: AppSettings | None = None, model_worker=None):
    """Installs the language, opens the startup project and returns the (hidden) main window.

    model_worker: the one MLX thread of the process (gui.model_worker.ModelWorker); without it
    the Treino, Conversar and Exportar tabs say they are unavailable. Nothing the user's files
    hold stops the window from opening: damaged files are named above the tabs, and a project
    the tabs still trip over is closed and the error shown instead."""
    from farense_studio.gui.main_window import MainWindow
    from farense_studio.gui.open_problems import OpenProblems

    settings = settings or AppSettings()
    settings_damage = repair_app_settings(settings)
    i18n.install(i18n.choose_language(lang, settings.language))
    context = ProjectContext()
    problems = problems_of(settings_damage) + open_startup_project(context, settings, sample=sample, project=project)
    try:
        window = MainWindow(context, settings, model_worker=model_worker)
    except Exception as exc:  # noqa: BLE001 - the last resort: open without the project
        if context.project is None:
            raise
        traceback.print_exc()
        folder = context.project.path
        context.blockSignals(True)  # the half-built tabs hear nothing more; the lock goes
        context.set_project(None)
        context = ProjectContext()
        problems.append((ProjectError("project_open_failed", path=str(folder), detail=repr(exc)).text(), folder))
        window = MainWindow(context, settings, model_worker=model_worker)
    context.setParent(window)
    window.open_problems = OpenProblems(window, context)
    if problems or context.project is None:
        window.open_problems.show_problems(problems)
    window.show_first_steps_once()
    return window


def run_app(sample: bool = False, project: str | None = None, lang: str | None = None) -> int:
    """Opens the main window and runs until it closes (asyncio on the Qt loop via qasync)."""
    import qasync

    from farense_studio.gui.model_worker import ModelWorker

    app = create_app()
    # One thread owns every MLX model of the GUI process; MLX itself is imported there lazily.
    worker = ModelWorker()
    worker.start()
    try:
        window = build_main_window(sample=sample, project=project, lang=lang, model_worker=worker)
        window.show()
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        closed = asyncio.Event()
        app.aboutToQuit.connect(closed.set)
        with loop:
            loop.run_until_complete(closed.wait())
    finally:
        # closeEvent already did on a normal close; quitting otherwise, or any exception, lands
        # here: a QThread still running when the process ends makes Qt abort it (exit 134).
        worker.shutdown()
    window.deleteLater()  # widgets go before the QApplication, never after
    QCoreApplication.processEvents()
    return 0

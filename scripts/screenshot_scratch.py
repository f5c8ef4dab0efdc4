"""Shared start of the screenshot scripts: the output folder and a throw-away scratch folder
that the app's projects, settings and data point to, so the user's own are never touched."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare(prefix: str) -> tuple[Path, Path]:
    """(out, scratch): out from argv[1] (default ROOT/screenshots); offscreen Qt by default."""
    sys.path.insert(0, str(ROOT))
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["FARENSE_PROJECTS_DIR"] = str(scratch / "projects")
    os.environ["FARENSE_SETTINGS_FILE"] = str(scratch / "settings.ini")
    os.environ["FARENSE_DATA_DIR"] = str(scratch / "data")
    return out, scratch


def settle(app, signals, action=None, timeout_ms: int = 30000) -> None:
    """Runs ``action`` and waits until one of ``signals`` fires (or the timeout), then lets Qt paint."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    for signal in signals:
        signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    if action is not None:
        action()
    loop.exec()
    for _ in range(10):
        app.processEvents()


def spin(app, seconds: float) -> None:
    """Lets Qt run for a while (painting, queued signals)."""
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.01)


def wait_for(app, condition, timeout: float = 120) -> bool:
    """Lets Qt run until condition() holds or timeout seconds pass; returns condition()."""
    end = time.time() + timeout
    while not condition() and time.time() < end:
        app.processEvents()
        time.sleep(0.01)
    return condition()


def shoot(app, out: Path, window, name: str, size: tuple[int, int]) -> None:
    """Saves the window at ``size`` as out/name and prints the path."""
    window.resize(*size)
    for _ in range(10):
        app.processEvents()
    path = out / name
    window.grab().save(str(path))
    print(path)


def dataset_windows(app, scratch: Path, name: str):
    """Yields (lang, window, Dados tab) in Portuguese, then English: a main window on a fresh
    project scratch/projects/<name>-<lang>, shown. After the caller's shots the window closes
    (its tabs shut down) and goes; Portuguese is put back at the end."""
    from farense_studio.gui import i18n
    from farense_studio.gui.app import build_main_window

    for lang in ("pt", "en"):
        window = build_main_window(project=str(scratch / "projects" / f"{name}-{lang}"), lang=lang)
        window.show()
        yield lang, window, window.dataset_tab
        window.close()
        window.deleteLater()
        app.processEvents()
    i18n.install("pt")


def training_windows(app, scratch: Path, worker, model: Path):
    """Yields (lang, window, Treino tab) in Portuguese, then English: a main window on a project
    whose data is the sample Q&A and players' biographies, prepared, with `model` chosen. The
    windows share `worker` (the one MLX thread), so each is dropped without closing it (closing
    would shut the worker down); Portuguese is put back at the end."""
    import time

    from farense_studio.data.corpus import build_corpus, write_prepared
    from farense_studio.gui import i18n
    from farense_studio.gui.main_window import MainWindow
    from farense_studio.gui.project_context import ProjectContext
    from farense_studio.gui.settings import AppSettings
    from farense_studio.paths import sample_data_dir
    from farense_studio.project import Project

    for lang in ("pt", "en"):
        i18n.install(lang, app)
        project = Project.create(scratch / "projects" / f"farense-{lang}", "Farense")
        base = sample_data_dir()
        write_prepared(build_corpus([base / "qa.jsonl"], [base / "biografias" / "jogadores"]),
                       project.preparado_dir)
        context = ProjectContext()
        context.set_project(project)
        window = MainWindow(context, AppSettings(), model_worker=worker)
        tab = window.training_tab
        window.tabs.setCurrentWidget(tab)
        window.show()
        tab.set_model_spec(str(model))
        yield lang, window, tab
        for other in window.all_tabs():
            getattr(other, "shutdown", lambda: None)()
        window.hide()
        window.deleteLater()
        end = time.time() + 0.2
        while time.time() < end:
            app.processEvents()
            time.sleep(0.01)
    i18n.install("pt", app)

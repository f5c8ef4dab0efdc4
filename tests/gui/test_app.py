"""The shell: window, menus, tabs, projects (new, open, recent, last reopens), settings, fast start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from farense_studio.project import Project

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def test_window_has_title_tabs_menus_and_status(main_window, project):
    window = main_window
    assert window.windowTitle() == "Projeto de teste — Farense Studio"
    assert not window.windowIcon().isNull()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Dados", "Treino", "Conversar", "Exportar"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Ficheiro", "&Editar", "&Definições", "Aj&uda"]
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["&Novo projeto…", "&Abrir projeto…", "Projetos &recentes"]
    assert "&Sair" in texts
    assert window.project_label.toolTip() == str(project.path)


def test_tabs_switch_with_ctrl_number(qtbot, main_window):
    main_window.tab_actions[2].trigger()
    assert main_window.tabs.currentIndex() == 2


def test_last_project_reopens_with_the_window_size(qtbot, portuguese, tmp_path, app_settings):
    from farense_studio.gui.app import build_main_window

    folder = tmp_path / "Arquivo"
    first = build_main_window(project=str(folder), lang="pt", settings=app_settings)
    qtbot.addWidget(first)
    assert Project.is_project(folder)
    first.show()
    first.resize(960, 650)
    height = first.height()
    first.tabs.setCurrentIndex(1)
    first.close()

    second = build_main_window(lang="pt", settings=app_settings)
    qtbot.addWidget(second)
    assert second.context.project.path == folder.resolve()
    assert second.height() == height and second.width() >= 900  # offscreen clamps the width
    assert second.tabs.currentIndex() == 1
    assert app_settings.recent_projects()[0] == str(folder.resolve())
    second.dataset_tab.shutdown()


def test_first_start_creates_a_default_project(qtbot, portuguese, app_settings, tmp_path, monkeypatch):
    from farense_studio.gui.app import build_main_window

    monkeypatch.setenv("FARENSE_PROJECTS_DIR", str(tmp_path / "docs"))
    window = build_main_window(lang="pt", settings=app_settings)
    qtbot.addWidget(window)
    assert window.context.project.path == (tmp_path / "docs" / "O meu projeto").resolve()


def test_sample_project_has_the_bundled_data(tmp_path, monkeypatch, sample_paths):
    from farense_studio.gui.app import open_sample_project

    monkeypatch.setenv("FARENSE_PROJECTS_DIR", str(tmp_path))
    project = open_sample_project()
    assert project.path == (tmp_path / "Exemplo Farense").resolve()
    assert project.jsonl_sources == [str(sample_paths["qa"].resolve())]
    assert project.bio_sources == [str(sample_paths["bios"].resolve())]
    assert project.settings["training"] == {"model": "demo"}, "the sample trains the bundled demo model"
    again = open_sample_project()
    assert again.jsonl_sources == project.jsonl_sources, "opening twice adds nothing"


def test_new_open_and_recent_projects(qtbot, main_window, tmp_path, monkeypatch, app_settings):
    from farense_studio.gui.main_window import NewProjectDialog

    dialog = NewProjectDialog(tmp_path)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.name_edit.setText("Época 1994/95")
    assert dialog.folder() == tmp_path / "Época 1994 95"
    assert ok.isEnabled()

    created = main_window.create_project(dialog.folder(), dialog.name())
    assert created is not None and main_window.context.project is created
    assert main_window.windowTitle().startswith("Época 1994/95")

    # Ficheiro > Abrir on a plain folder offers to make it a project.
    plain = tmp_path / "pasta"
    plain.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(plain))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    main_window.open_action.trigger()
    assert main_window.context.project.path == plain.resolve()

    main_window._rebuild_recent_menu()
    recent = [a.text() for a in main_window.recent_menu.actions() if not a.isSeparator()]
    assert recent[:2] == [str(plain.resolve()), str(created.path)]
    next(a for a in main_window.recent_menu.actions() if a.text() == str(created.path)).trigger()
    assert main_window.context.project.path == created.path

    # A folder that is not a project gives a plain message, not a crash.
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    assert main_window.open_project(tmp_path / "nada") is None
    assert "não é um projeto" in warnings[0]


def test_language_choice_is_remembered(qtbot, main_window, app_settings, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    main_window.language_actions["en"].trigger()
    assert app_settings.language == "en"
    assert "voltar a abrir" in shown[0]


def test_english_catalogue_translates_the_window(qtbot, qapp, context, app_settings):
    from farense_studio.gui import i18n
    from farense_studio.gui.main_window import MainWindow

    try:
        assert i18n.install("en", qapp) == "en"
        window = MainWindow(context, app_settings)
        qtbot.addWidget(window)
        assert [window.tabs.tabText(i) for i in range(4)] == ["Data", "Training", "Chat", "Export"]
        assert window.dataset_tab.prepare_button.text().replace("&", "").startswith("Prepare data")
        window.dataset_tab.shutdown()
    finally:
        i18n.install("pt", qapp)


def test_language_defaults(monkeypatch):
    from farense_studio.gui import i18n

    assert i18n.choose_language("en", "pt") == "en"
    assert i18n.choose_language(None, "en_GB") == "en"
    assert i18n.choose_language(None, None) in ("pt", "en")
    assert i18n.normalise("fr") is None
    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: i18n.QLocale("fr_FR")))
    assert i18n.system_language() == "pt", "other languages fall back to Portuguese"


def test_app_starts_without_mlx_and_quits_cleanly(tmp_path):
    """run_app with --sample: window up with its model thread, asyncio on the Qt loop, MLX not imported."""
    script = textwrap.dedent("""
        import asyncio, json, sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from farense_studio.gui.app import create_app, run_app
        app = create_app()
        report = {}
        def check():
            report["mlx"] = sorted(m for m in sys.modules if m == "mlx" or m.startswith(("mlx.", "mlx_lm")))
            report["windows"] = [w.windowTitle() for w in QApplication.topLevelWidgets()
                                 if w.isVisible() and w.windowTitle()]
            report["model_thread"] = [w.model_worker.thread.isRunning()
                                      for w in QApplication.topLevelWidgets()
                                      if getattr(w, "model_worker", None) is not None]
            async def probe():
                await asyncio.sleep(0.01)
                return "ok"
            task = asyncio.ensure_future(probe())
            task.add_done_callback(lambda t: (report.__setitem__("asyncio", t.result()), app.quit()))
        QTimer.singleShot(300, check)
        code = run_app(sample=True, project=None, lang="pt")
        report["code"] = code
        print(json.dumps(report))
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FARENSE_PROJECTS_DIR=str(tmp_path / "docs"),
               FARENSE_SETTINGS_FILE=str(tmp_path / "s.ini"), FARENSE_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-X", "faulthandler", "-c", script], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    # The tabs that need a model get the one MLX thread, yet MLX is not imported until used.
    assert report == {"mlx": [], "windows": ["Exemplo Farense — Farense Studio"], "model_thread": [True],
                      "asyncio": "ok", "code": 0}


def test_main_window_never_imports_mlx(tmp_path):
    script = textwrap.dedent("""
        import sys
        from farense_studio.gui.app import create_app, build_main_window
        app = create_app()
        window = build_main_window(sample=True, lang="pt")
        window.show()
        app.processEvents()
        print("mlx" in sys.modules, "mlx_lm" in sys.modules)
        window.close()
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FARENSE_PROJECTS_DIR=str(tmp_path / "docs"),
               FARENSE_SETTINGS_FILE=str(tmp_path / "s.ini"), FARENSE_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-X", "faulthandler", "-c", script], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]

"""GUI fixtures: isolated QSettings, a Portuguese interface, a project, the main window."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path, monkeypatch):
    """Each test gets its own settings file (window geometry, recent projects, language)."""
    monkeypatch.setenv("FARENSE_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    yield


@pytest.fixture
def app_settings():
    from farense_studio.gui.settings import AppSettings

    return AppSettings()


@pytest.fixture
def portuguese(qapp):
    """Tests assert on Portuguese texts: install the pt catalogues (and put them back after)."""
    from farense_studio.gui import i18n

    i18n.install("pt", qapp)
    yield
    i18n.install("pt", qapp)


@pytest.fixture
def project(tmp_path):
    from farense_studio.project import Project

    return Project.create(tmp_path / "projeto", "Projeto de teste")


@pytest.fixture
def context(qapp, project):
    from farense_studio.gui.project_context import ProjectContext

    ctx = ProjectContext()
    ctx.set_project(project)
    return ctx


@pytest.fixture
def main_window(qtbot, portuguese, context, app_settings):
    """The main window on a fresh project (no data yet), shown offscreen at 1280x800."""
    from farense_studio.gui.main_window import MainWindow

    window = MainWindow(context, app_settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    yield window
    window.dataset_tab.shutdown()


@pytest.fixture
def open_worker_window(qtbot, portuguese, context, app_settings):
    """Opens the main window with a real ModelWorker on the project as it is when called, shown
    offscreen at 1280x800; after the test its chat and dataset tabs shut down, any training
    stops and the worker ends."""
    from farense_studio.gui.main_window import MainWindow
    from farense_studio.gui.model_worker import ModelWorker

    opened = []

    def open_window():
        worker = ModelWorker()
        worker.start()
        window = MainWindow(context, app_settings, model_worker=worker)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        opened.append((window, worker))
        return window

    yield open_window
    for window, worker in opened:
        window.chat_tab.shutdown()
        window.dataset_tab.shutdown()
        worker.stop_training()
        assert worker.shutdown(20000)


@pytest.fixture
def sample_paths():
    from farense_studio.paths import sample_data_dir

    base = sample_data_dir()
    return {"qa": base / "qa.jsonl", "bios": base / "biografias" / "jogadores",
            "problems": base / "problemas_exemplo.jsonl"}


def pytest_collection_modifyitems(items):
    for item in items:
        if os.sep + "gui" + os.sep in str(item.fspath):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def make_slow_config(tiny_model_dir, tmp_path):
    """() -> (TrainConfig of the tiny model on 400 short Q&A examples, its parameter count)."""
    import json

    from farense_studio.engine import speed
    from farense_studio.engine.config import TrainConfig

    def make():
        data = tmp_path / "preparado"
        data.mkdir(exist_ok=True)
        row = {"messages": [{"role": "user", "content": "Quando foi fundado o Farense? " * 3},
                            {"role": "assistant", "content": "A 1 de abril de 1910, em Faro. " * 4}]}
        for name, count in (("train.jsonl", 400), ("valid.jsonl", 20)):
            (data / name).write_text((json.dumps(row, ensure_ascii=False) + "\n") * count,
                                     encoding="utf-8")
        config = TrainConfig(model=str(tiny_model_dir), data_dir=str(data), max_seq_length=512)
        return config, speed.model_parameters(config.model)

    return make

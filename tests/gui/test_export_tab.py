"""The Exportar tab driven as a person would: pick a run, export, start/copy/stop the server."""

from __future__ import annotations

import json
import shutil
import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from helpers.tiny_run import make_tiny_run

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def trained_run(tiny_model_dir, tmp_path_factory):
    return make_tiny_run(tiny_model_dir, tmp_path_factory.mktemp("runs") / "treino-afinado")


@pytest.fixture
def tab(qtbot, portuguese, context, project, trained_run):
    from farense_studio.gui.export_tab import ExportTab

    shutil.copytree(trained_run, project.treinos_dir / trained_run.name)
    widget = ExportTab(context, None)
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.show()
    widget.choose_folder = lambda: str(project.exportacoes_dir)
    yield widget
    widget.shutdown()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_exports_the_chosen_run(qtbot, tab, project):
    assert tab.run_combo.count() == 1 and "treino-afinado" in tab.run_combo.currentText()
    assert not tab.no_runs.isVisible() and tab.export_button.isEnabled()
    assert not tab.guide_button.isEnabled()
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.exporting(), timeout=30000)
    exports = list(project.exportacoes_dir.iterdir())
    assert len(exports) == 1 and tab.last_export == exports[0]
    assert "Exportação pronta em" in tab.banner.text() and tab.guide_button.isEnabled()
    assert json.loads((exports[0] / "metadata.json").read_text())["adapter"]["checkpoint"] == "best"
    tab.program_radio.setChecked(True)
    assert str(exports[0]) in tab.how_to.text() and "inference.py" in tab.how_to.text()
    assert not tab.server_button.isEnabled()


def test_a_renamed_run_shows_its_new_name(tab, project, trained_run):
    from farense_studio.engine.runs import set_run_name

    set_run_name(project.treinos_dir / trained_run.name, "Ensaio do Farense")
    tab.refresh_runs()
    assert tab.run_combo.count() == 1 and "Ensaio do Farense" in tab.run_combo.currentText()
    assert tab.run_combo.currentData() == str(project.treinos_dir / trained_run.name)


def test_fused_export_runs_on_the_model_worker(qtbot, portuguese, context, project, trained_run):
    from farense_studio.gui.export_tab import ExportTab
    from farense_studio.gui.model_worker import ModelWorker

    shutil.copytree(trained_run, project.treinos_dir / trained_run.name)
    worker = ModelWorker()
    worker.start()
    widget = ExportTab(context, worker)
    qtbot.addWidget(widget)
    widget.show()
    widget.choose_folder = lambda: str(project.exportacoes_dir)
    try:
        assert widget.fuse_check.text() == "Incluir modelo completo (fundido), 1 MB"  # the tiny base model
        widget.fuse_check.setChecked(True)
        assert widget.gguf_check.isEnabled()  # a llama model: mlx-lm can write GGUF
        qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)
        assert widget.exporting()
        qtbot.waitUntil(lambda: not widget.exporting(), timeout=60000)
        assert "Exportação pronta" in widget.banner.text()
        assert (widget.last_export / "modelo_fundido" / "config.json").is_file()
    finally:
        widget.shutdown()
        worker.shutdown()


def test_empty_project_says_what_to_do(qtbot, portuguese, context):
    from farense_studio.gui.export_tab import ExportTab

    widget = ExportTab(context, None)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.run_combo.count() == 0 and widget.no_runs.isVisible()
    assert "Treine primeiro" in widget.no_runs.text()
    assert not widget.export_button.isEnabled() and not widget.server_button.isEnabled()


def test_server_starts_copies_its_address_and_stops(qtbot, tab):
    tab.port_spin.setValue(free_port())
    qtbot.mouseClick(tab.server_button, Qt.MouseButton.LeftButton)
    assert tab.server.state == "starting" and tab.server_button.text() == "Parar"
    qtbot.waitUntil(lambda: tab.server.state == "running", timeout=60000)
    url = f"http://127.0.0.1:{tab.port_spin.value()}"
    assert tab.server.url == url and url in tab.url_label.text() and url in tab.how_to.text()
    qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == url
    import urllib.request

    with urllib.request.urlopen(url + "/v1/models", timeout=10) as response:
        assert json.load(response)["data"][0]["id"]
    qtbot.mouseClick(tab.server_button, Qt.MouseButton.LeftButton)
    assert tab.server.state == "stopped" and tab.server_button.text() == "Iniciar"


def test_server_failure_is_shown_in_words(qtbot, tab):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        tab.port_spin.setValue(busy.getsockname()[1])
        qtbot.mouseClick(tab.server_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.server.state == "stopped", timeout=60000)
        qtbot.waitUntil(lambda: "parou" in tab.banner.text(), timeout=5000)
    assert "porta" in tab.banner.text().lower() and str(tab.port_spin.value()) in tab.banner.text()

"""«Primeiros passos»: the guided path is shown on the first start only, reopens from Ajuda,
and each step shows the tab it talks about, without ever blocking the window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def _open(qtbot, tmp_path, app_settings):
    from farense_studio.gui.app import build_main_window

    window = build_main_window(project=str(tmp_path / "Arquivo"), lang="pt", settings=app_settings)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    return window


def _help_action(window, text):
    help_menu = window.menuBar().actions()[-1].menu()
    return next(a for a in help_menu.actions() if a.text() == text)


def test_first_start_shows_the_path_once_and_never_blocks(qtbot, portuguese, tmp_path, app_settings):
    first = _open(qtbot, tmp_path, app_settings)
    guide = first.first_steps
    assert guide.isVisible()
    assert guide.title.text() == "Primeiros passos · 1 de 5: Dados"
    assert "dados de exemplo" in guide.sentence.text()
    assert first.tabs.currentWidget() is first.dataset_tab
    assert QApplication.activeModalWidget() is None, "the guide is a strip above the tabs, not a modal dialog"
    first.close()
    first.dataset_tab.shutdown()

    second = _open(qtbot, tmp_path, app_settings)
    assert not second.first_steps.isVisible(), "shown once: the second start opens straight on the work"
    second.dataset_tab.shutdown()


def test_steps_switch_tabs_and_ajuda_opens_the_path_again(qtbot, portuguese, tmp_path, app_settings):
    app_settings.set_value("ui/first_steps_seen", True)
    window = _open(qtbot, tmp_path, app_settings)
    guide = window.first_steps
    assert not guide.isVisible()
    window.tabs.setCurrentWidget(window.export_tab)

    _help_action(window, "&Primeiros passos").trigger()
    assert guide.isVisible()
    assert window.tabs.currentWidget() is window.dataset_tab
    assert not guide.back_button.isEnabled()

    seen = []
    for _ in range(4):
        guide.next_button.click()
        seen.append((guide.title.text().split(": ")[-1], window.tabs.tabText(window.tabs.currentIndex())))
    assert seen == [("Preparar", "Dados"), ("Treinar", "Treino"), ("Conversar", "Conversar"),
                    ("Exportar", "Exportar")]
    assert "Preparar dados" in guide.steps[1][2]
    assert guide.next_button.text() == "&Concluir"

    guide.back_button.click()
    assert window.tabs.currentWidget() is window.chat_tab
    assert guide.title.text() == "Primeiros passos · 4 de 5: Conversar"

    guide.close_button.click()
    assert not guide.isVisible()
    assert window.tabs.currentWidget() is window.chat_tab, "closing leaves the user where they are"
    window.dataset_tab.shutdown()


def test_the_path_speaks_english_through_the_catalogue(qtbot, qapp, tmp_path, app_settings):
    from farense_studio.gui import i18n
    from farense_studio.gui.app import build_main_window

    window = build_main_window(project=str(tmp_path / "Archive"), lang="en", settings=app_settings)
    qtbot.addWidget(window)
    try:
        assert window.first_steps.title.text() == "First steps · 1 of 5: Data"
        assert _help_action(window, "&First steps") is not None
    finally:
        window.dataset_tab.shutdown()
        i18n.install("pt", qapp)

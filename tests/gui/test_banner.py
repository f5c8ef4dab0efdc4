"""Banner: the one message strip of every tab (any number of actions, four colour levels)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from farense_studio.gui.widgets import Banner

pytestmark = pytest.mark.gui


def _visible_buttons(banner):
    return [(b.text(), b.property("key")) for b in banner.buttons if not b.isHidden()]


def test_many_actions_then_one_then_none(qtbot):
    banner = Banner()
    qtbot.addWidget(banner)
    banner.show_message("Interrompido", Banner.WARNING,
                        actions=[("resume", "Continuar treino"), ("show", "Ver detalhes"), ("x", "Outra")])
    assert not banner.isHidden() and banner.text() == "Interrompido"
    assert _visible_buttons(banner) == [("Continuar treino", "resume"), ("Ver detalhes", "show"),
                                        ("Outra", "x")]
    assert "#fef7e0" in banner.styleSheet() and banner.kind == "warning"
    with qtbot.waitSignal(banner.action_clicked) as blocker:
        qtbot.mouseClick(banner.buttons[1], Qt.MouseButton.LeftButton)
    assert blocker.args == ["show"]

    banner.show_message("Pronto", Banner.SUCCESS, "Abrir a pasta", "open")  # the one-action form
    assert _visible_buttons(banner) == [("Abrir a pasta", "open")] and banner.action is banner.buttons[0]
    assert "#e6f4ea" in banner.styleSheet() and banner.property("kind") == "success"
    with qtbot.waitSignal(banner.action_clicked) as blocker:
        qtbot.mouseClick(banner.action, Qt.MouseButton.LeftButton)
    assert blocker.args == ["open"]

    banner.show_message("Falhou", Banner.ERROR)
    assert _visible_buttons(banner) == [] and "#fce8e6" in banner.styleSheet()
    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden() and banner.text() == ""

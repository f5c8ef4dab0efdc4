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


def test_banner_and_coloured_words_follow_a_dark_theme(qtbot, qapp):
    """A Mac turned to dark mode: the banner and the warning words take dark-theme colours
    (the light theme's brown on a dark window could not be read), and back again."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from farense_studio.gui.widgets import set_text_colour

    window = QWidget()  # inside a window, as in a tab (a child with a style sheet hears no PaletteChange)
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    banner = Banner()
    banner.show_message("Este computador é lento.", Banner.WARNING)
    label = QLabel("Pelo que foi medido aqui, este computador treina devagar.")
    set_text_colour(label, "warning")
    layout.addWidget(banner)
    layout.addWidget(label)
    window.show()
    assert "#fef7e0" in banner.styleSheet() and "#7a4b00" in label.styleSheet()

    light = QPalette(qapp.palette())
    dark = QPalette(light)
    for role, colour in ((QPalette.ColorRole.Window, "#323232"), (QPalette.ColorRole.WindowText, "#e8e8e8"),
                         (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#e8e8e8")):
        dark.setColor(role, QColor(colour))
    try:
        qapp.setPalette(dark)
        qtbot.waitUntil(lambda: "#3d3214" in banner.styleSheet(), timeout=2000)
        assert "#f6df9a" in banner.styleSheet()
        qtbot.waitUntil(lambda: "#f2b84b" in label.styleSheet(), timeout=2000)
    finally:
        qapp.setPalette(light)
    qtbot.waitUntil(lambda: "#fef7e0" in banner.styleSheet() and "#7a4b00" in label.styleSheet(), timeout=2000)

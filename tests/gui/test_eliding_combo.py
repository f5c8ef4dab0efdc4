"""The Conversar model box at 1024 wide: a long model and run name ends in «…» instead of being
cut mid-letter («(mell»), and the whole name is its tooltip."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui

LONG = "Mistral 7B Instruct v0.3 (4-bit) + afinação de 6 dez. 20:06 (melhor ponto)"


def test_a_long_choice_ends_in_an_ellipsis_and_shows_whole_in_its_tooltip(qtbot):
    from farense_studio.gui.widgets import ElidingComboBox

    combo = ElidingComboBox()
    qtbot.addWidget(combo)
    combo.addItem(LONG)
    combo.resize(260, combo.sizeHint().height())
    combo.show()
    shown = combo.shown_text()
    assert shown.endswith("…") and LONG.startswith(shown[:-1])
    assert combo.toolTip() == LONG
    combo.resize(combo.fontMetrics().horizontalAdvance(LONG) + 80, combo.height())
    assert combo.shown_text() == LONG


def test_conversar_uses_it(qtbot, portuguese, context):
    from farense_studio.gui.chat_tab import ChatTab
    from farense_studio.gui.widgets import ElidingComboBox

    tab = ChatTab(context, None)
    qtbot.addWidget(tab)
    assert isinstance(tab.model_combo, ElidingComboBox)

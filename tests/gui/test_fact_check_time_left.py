"""The fact checks say how long is left, measured from the answers already given ("(19 de 76)"
alone left the person guessing)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


@pytest.fixture
def timed_panel(qtbot, portuguese):
    """Conversar's fact check panel, started, on a clock the test moves."""
    from farense_studio.gui.chat_scorecard import ScorecardPanel

    panel = ScorecardPanel()
    qtbot.addWidget(panel)
    clock = Clock()
    panel.time_left.clock = clock
    panel.start()
    return panel, clock


def test_conversar_fact_check_says_the_time_left(timed_panel):
    panel, clock = timed_panel
    # the first answer only starts the clock (loading the model is not the pace of answering)
    panel.set_progress({"phase": "base", "done": 1, "total": 76})
    assert panel.summary.text() == "A perguntar ao modelo base (1 de 76)…"
    clock.now += 36.0  # 18 more answers in 36 s: 2 s each, 57 still to do
    panel.set_progress({"phase": "base", "done": 19, "total": 76})
    assert panel.summary.text() == "A perguntar ao modelo base (19 de 76) · faltam cerca de 2 min"
    clock.now += 100.0  # 41 more in 100 s: 136 s for 59 answers so far, 16 still to do
    panel.set_progress({"phase": "tuned", "done": 60, "total": 76})
    assert panel.summary.text() == "A perguntar ao modelo afinado (60 de 76) · faltam cerca de 37 s"
    # a new check measures afresh
    panel.start()
    panel.set_progress({"phase": "base", "done": 1, "total": 76})
    assert panel.summary.text().endswith("(1 de 76)…")


def test_base_answers_kept_from_an_earlier_check_are_said_and_not_timed(timed_panel):
    panel, clock = timed_panel
    for done in range(1, 39):  # the base column of the same base model, kept: no time at all
        panel.set_progress({"phase": "base", "done": done, "total": 76, "kept": True})
    assert panel.summary.text() == "Respostas do modelo base guardadas da verificação anterior (38 de 76)…"
    clock.now += 2.0  # the fine-tuned model's first answer: 2 s, 37 still to do
    panel.set_progress({"phase": "tuned", "done": 39, "total": 76})
    assert panel.summary.text() == "A perguntar ao modelo afinado (39 de 76) · faltam cerca de 1 min"


def test_treino_fact_check_says_the_time_left(qtbot, portuguese):
    from farense_studio.gui.training.facts_view import FactsView

    view = FactsView()
    qtbot.addWidget(view)
    clock = Clock()
    view.time_left.clock = clock
    view._on_progress({"phase": "base", "done": 1, "total": 74})
    assert view.summary.text() == "A verificar os factos (modelo base): 1 de 74…"
    clock.now += 90.0  # 45 answers in 90 s: 2 s each, 28 to do
    view._on_progress({"phase": "tuned", "done": 46, "total": 74})
    assert view.summary.text() == "A verificar os factos (modelo afinado): 46 de 74 · faltam cerca de 56 s"

"""What the Treino screen shows of issue 16's Runs items: a run's history past damaged metrics rows,
the estimate's warning when most examples lose their answer to the cut."""

from __future__ import annotations

import pytest

from farense_studio.engine.estimate import Estimate
from farense_studio.engine.learnable import AnswersLost
from farense_studio.engine.runs import METRICS_FILE, read_metrics
from farense_studio.gui.loss_plot import LossPlot
from farense_studio.gui.training.estimate import EstimatePanel

pytestmark = pytest.mark.gui


def test_plot_history_skips_damaged_rows(qtbot, tmp_path):
    (tmp_path / METRICS_FILE).write_bytes(
        b'{"kind": "train", "step": 1, "loss": 3.0}\n'
        b"\xff\xfe not text\n"
        b'{"kind": "train", "step": "abc", "loss": 2.9}\n'
        b'{"kind": "eval", "step": 1, "val_loss": [1]}\n'
        b'{"kind": "train", "step": 2, "loss": 2.5}\n'
        b'{"kind": "eval", "step": 2, "val_loss": 2.7}\n'
        b'{"kind": "train", "step": 3, "lo')  # torn last line
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.set_history(read_metrics(tmp_path))
    plot.flush()
    assert list(plot.train.x) == [1, 2] and list(plot.train.y) == [3.0, 2.5]
    assert list(plot.valid.x) == [2] and plot.shown_point_counts() == (2, 1)


def test_estimate_panel_shows_the_answers_lost_advice(qtbot):
    panel = EstimatePanel()
    qtbot.addWidget(panel)
    panel.show_estimate(Estimate(seconds_per_step_low=2.0, seconds_per_step_high=3.0, total_seconds_low=60,
                                 total_seconds_high=90, peak_memory_gb=1.0, fits=True, memory_gb=16.0,
                                 advice_codes=["advice_answers_lost"],
                                 answers_lost=AnswersLost(24, 17, 64)))
    assert panel.label.text().endswith("A maior parte dos exemplos fica sem resposta depois de cortada ao "
                                       "comprimento máximo e não ensina nada: aumente o comprimento máximo ou "
                                       "encurte o prompt de sistema antes de treinar.")

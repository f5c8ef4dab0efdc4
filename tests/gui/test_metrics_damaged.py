"""A run whose metrics.jsonl has damaged rows still draws its history (issue 16, Runs)."""

from __future__ import annotations

import pytest

from farense_studio.engine.runs import METRICS_FILE, read_metrics
from farense_studio.gui.loss_plot import LossPlot

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

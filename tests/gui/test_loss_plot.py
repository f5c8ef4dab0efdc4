"""LossPlot: buffers grow by doubling, redraws are throttled, history and overlay come from metrics."""

from __future__ import annotations

import pytest

from farense_studio.gui.loss_plot import LossPlot, Series, points_from_metrics

pytestmark = pytest.mark.gui


def test_series_doubles_and_keeps_points():
    s = Series(capacity=4)
    for i in range(1000):
        s.append(i, 1.0 / (i + 1))
    assert s.size == 1000 and len(s.x) == 1000
    assert s.x[999] == 999 and s.y[0] == 1.0
    assert len(s._x) == 1024  # grew by doubling


def test_points_from_metrics_ignores_other_rows_and_keeps_last_of_a_step():
    rows = [{"kind": "train", "step": 1, "loss": 3.0}, {"kind": "checkpoint", "step": 1},
            {"kind": "eval", "step": 1, "val_loss": 2.5}, {"kind": "train", "step": 2, "loss": 2.0},
            {"kind": "train", "step": 2, "loss": 1.9}, {"kind": "event", "code": "x"}]
    train, valid = points_from_metrics(rows)
    assert train == [(1, 3.0), (2, 1.9)] and valid == [(1, 2.5)]


def test_plot_redraws_throttled_and_overlay(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    item = plot.view.getPlotItem()
    assert item.ctrl.clipToViewCheck.isChecked()
    assert item.ctrl.downsampleCheck.isChecked() and item.ctrl.peakRadio.isChecked()
    for step in range(1, 51):
        plot.add_train(step, 3.0 - step * 0.01)
    assert plot.shown_point_counts() == (0, 0)  # nothing drawn before the timer fires
    qtbot.waitUntil(lambda: plot.shown_point_counts()[0] > 0, timeout=1000)
    plot.add_eval(50, 2.6)
    plot.flush()
    assert plot.shown_point_counts()[1] == 1

    plot.set_overlay([{"kind": "train", "step": 1, "loss": 4.0}, {"kind": "eval", "step": 1, "val_loss": 3.9}],
                     "treino de ontem")
    assert len(plot.overlay_train_curve.getData()[0]) == 1
    assert plot.overlay_name == "treino de ontem"
    plot.clear_overlay()
    assert plot.overlay_name == ""

    plot.set_history([{"kind": "train", "step": s, "loss": 1.0} for s in range(1, 11)])
    assert plot.train.size == 10 and plot.valid.size == 0
    plot.truncate_after(4)
    assert plot.train.size == 4
    assert item.getAxis("left").labelText == "erro"


def _scene_rect(item, rect=None):
    return item.mapRectToScene(rect if rect is not None else item.boundingRect())


def test_legend_stays_inside_the_plot_readable_on_a_dark_theme(qtbot, portuguese):
    """The legend ran past the plot's right edge («perguntas de verificação» cut at 1440 wide)
    and kept pyqtgraph's grey on a dark theme; at the plot's smallest width, compared with a
    run of a long name, every label is inside the box and the box inside the plot."""
    from PySide6.QtGui import QColor, QPalette

    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(*[plot.view.minimumWidth(), 260])
    for step in range(1, 41):
        plot.add_train(step, 3.0 - step * 0.02)
    plot.add_eval(20, 2.7)
    plot.flush()
    plot.set_overlay([{"kind": "train", "step": 1, "loss": 2.9}],
                     "Treino de 24 de novembro, Especializado, com as biografias")
    plot.show()
    dark = QPalette(plot.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    plot.setPalette(dark)
    qtbot.wait(50)

    names = [label.text for _sample, label in plot.legend.items]
    assert names[:2] == ["treino", "verificação"]
    assert names[2].startswith("treino: Treino de 24 de nov") and names[2].endswith("…")
    box = _scene_rect(plot.legend)
    view = _scene_rect(plot.view.getPlotItem().vb)
    assert view.contains(box), (box, view)
    for _sample, label in plot.legend.items:
        text = _scene_rect(label.item)
        assert box.contains(text), (label.text, text, box)
        assert "color:#f0f0f0" in label.item.toHtml().replace(" ", "").lower(), label.text


def test_error_axis_writes_decimals_as_the_rest_of_the_app(qtbot, portuguese):
    """"erro 5,73" in the runs list, so "5,8" on the plot's axis, not "5.8"."""
    plot = LossPlot()
    qtbot.addWidget(plot)
    axis = plot.view.getPlotItem().getAxis("left")
    assert axis.tickStrings([5.6, 5.8, 6.0], 1.0, 0.2) == ["5,6", "5,8", "6,0"]

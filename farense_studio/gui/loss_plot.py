"""The live "erro" plot of the Treino tab: training and checking curves, and another run beside them.

Follows pyqtgraph's scrolling-plot pattern: curves are created once; points go into numpy
buffers that grow by doubling; a timer pushes them to the curves at most five times a second
(a training step can report far faster than the screen needs); peak downsampling and
clip-to-view keep long runs cheap to draw. During a run the x axis spans the whole run, so
the bottom axis is not redrawn at every step. A run trained more («Treinar mais») has a dashed
vertical line where each later phase begins.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from farense_studio.gui import i18n

# At most 5 redraws a second (the issue allows up to ~10): on a 2-core machine training on the
# CPU, 10 Hz cost the trainer 3-5% of its tokens/s and 5 Hz none measurable (bench/gui_latency.py).
REDRAW_MS = 200

TRAIN_COLOR = "#1f77b4"
VALID_COLOR = "#e4572e"
OVERLAY_TRAIN_COLOR = "#8c9bab"
OVERLAY_VALID_COLOR = "#d9a37c"
PHASE_COLOR = "#7f7f7f"
# A run compared on the plot is named in the legend up to this many characters (the legend must
# stay inside the plot at the window's smallest size; the runs list shows the whole name).
OVERLAY_NAME_CHARS = 20


class Series:
    """x/y points in numpy buffers that double when full (amortised O(1) appends)."""

    def __init__(self, capacity: int = 256):
        self._x = np.empty(capacity, dtype=np.float64)
        self._y = np.empty(capacity, dtype=np.float64)
        self.size = 0

    def append(self, x: float, y: float) -> None:
        if self.size == len(self._x):
            self._x = np.concatenate([self._x, np.empty_like(self._x)])
            self._y = np.concatenate([self._y, np.empty_like(self._y)])
        self._x[self.size] = x
        self._y[self.size] = y
        self.size += 1

    def extend(self, points: Iterable[tuple[float, float]]) -> None:
        for x, y in points:
            self.append(x, y)

    def clear(self) -> None:
        self.size = 0

    @property
    def x(self) -> np.ndarray:
        return self._x[: self.size]

    @property
    def y(self) -> np.ndarray:
        return self._y[: self.size]

    def last(self) -> tuple[float, float] | None:
        return (self._x[self.size - 1], self._y[self.size - 1]) if self.size else None


def phases_from_metrics(rows: Iterable[dict]) -> list[tuple[int, int]]:
    """(first step, phase number) of each later phase, from metrics.jsonl's phase_started rows."""
    found: dict[int, int] = {}
    for row in rows:
        if row.get("kind") == "event" and row.get("code") == "phase_started":
            try:
                found[int(row["step"])] = int(row.get("phase") or 0)
            except (KeyError, TypeError, ValueError):
                continue
    return sorted(found.items())


def points_from_metrics(rows: Iterable[dict]) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(train points, checking points) from metrics.jsonl rows; later rows of a step win."""
    train: dict[int, float] = {}
    valid: dict[int, float] = {}
    for row in rows:
        kind = row.get("kind")
        try:
            if kind == "train" and row.get("loss") is not None:
                train[int(row["step"])] = float(row["loss"])
            elif kind == "eval" and row.get("val_loss") is not None:
                valid[int(row["step"])] = float(row["val_loss"])
        except (KeyError, TypeError, ValueError):
            continue
    return sorted(train.items()), sorted(valid.items())


class LocaleAxis(pg.AxisItem):
    """An axis whose numbers are written as elsewhere in the app ("5,8" in Portuguese)."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph name)
        point = i18n.locale().decimalPoint()
        return [text.replace(".", point) for text in super().tickStrings(values, scale, spacing)]


class LossPlot(QWidget):
    """Train and validation loss of the current run, optionally over another run's curves."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.train = Series()
        self.valid = Series()
        self._dirty = False
        self._overlay_name = ""
        self._phase_lines: list[tuple[int, pg.InfiniteLine]] = []

        self.view = pg.PlotWidget(parent=self, axisItems={"left": LocaleAxis("left")})
        self.view.setMinimumSize(320, 220)
        self.view.setMenuEnabled(False)
        # Until there is something to draw, a sentence instead of empty axes.
        self.placeholder = QLabel(self.tr("O gráfico do erro aparece aqui quando um treino começar: "
                                          "a linha desce à medida que o modelo aprende."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.placeholder.setMinimumSize(320, 220)
        self.pages = QStackedLayout(self)
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(self.view)

        item = self.view.getPlotItem()
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        # No grid: pyqtgraph redraws grid lines with the axes, which doubled the cost of each
        # repaint (bench/gui_latency.py); the axis ticks carry the values.
        item.setLabel("bottom", self.tr("passos"))
        item.setLabel("left", self.tr("erro"))
        item.getAxis("left").setToolTip(self._error_tooltip())
        # a value whose tick sits at the very top was drawn half cut ("6.6" at 1024x700)
        item.getAxis("left").setStyle(hideOverlappingLabels=True)
        self.view.setToolTip(self._error_tooltip())
        self.legend = item.addLegend(offset=(-10, 10))

        # Curves are created once; only their data changes afterwards.
        self.overlay_train_curve = item.plot(
            [], [], pen=pg.mkPen(OVERLAY_TRAIN_COLOR, width=1.5, style=pg.QtCore.Qt.PenStyle.DashLine))
        self.overlay_valid_curve = item.plot(
            [], [], pen=pg.mkPen(OVERLAY_VALID_COLOR, width=1.5, style=pg.QtCore.Qt.PenStyle.DashLine),
            symbol="o", symbolSize=5, symbolBrush=OVERLAY_VALID_COLOR, symbolPen=None)
        self.train_curve = item.plot([], [], pen=pg.mkPen(TRAIN_COLOR, width=2), name=self.tr("treino"))
        # "verificação", not "perguntas de verificação": the legend sits in the plot's top right
        # corner and a long name ran past the edge (the tooltip says what the line is)
        self.valid_curve = item.plot([], [], pen=pg.mkPen(VALID_COLOR, width=2), symbol="o", symbolSize=7,
                                     symbolBrush=VALID_COLOR, symbolPen=None,
                                     name=self.tr("verificação"))
        self._apply_palette()

        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._on_redraw)
        self._timer.start()

    def _error_tooltip(self) -> str:
        return self.tr("O erro mede quanto o modelo se engana a prever as respostas dos exemplos. "
                       "Quanto mais baixo, melhor. A linha de verificação usa perguntas que o modelo "
                       "nunca treina: se sobe enquanto a de treino desce, o modelo está a decorar "
                       "em vez de aprender.")

    def _apply_palette(self) -> None:
        """Follow the system's light or dark theme."""
        palette = self.palette()
        self.view.setBackground(palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        for name in ("left", "bottom"):
            axis = self.view.getPlotItem().getAxis(name)
            axis.setPen(pg.mkPen(QColor(text)))
            axis.setTextPen(pg.mkPen(QColor(text)))
        self.legend.setLabelTextColor(text)
        self._relayout_legend()

    def _relayout_legend(self) -> None:
        """Redraws the legend's labels and sizes its box to them.

        pyqtgraph keeps a label's first size and colour (setLabelTextColor does not reach the
        labels already there), so a label drawn larger later overflowed the box, past the
        plot's right edge, and the first two labels kept pyqtgraph's grey on a dark theme."""
        color = self.legend.opts.get("labelTextColor")
        for _sample, label in self.legend.items:
            label.setText(label.text, color=color)
        self.legend.updateSize()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.type() == event.Type.PaletteChange:
            self._apply_palette()
        elif event.type() == event.Type.FontChange:
            self._relayout_legend()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._apply_palette()  # a theme change while the Treino tab was hidden

    # ---- the current run --------------------------------------------------------------------
    def add_train(self, step: float, loss: float) -> None:
        self.train.append(step, loss)
        self._dirty = True

    def add_eval(self, step: float, val_loss: float) -> None:
        self.valid.append(step, val_loss)
        self._dirty = True

    def add_phase_marker(self, start_step: int, phase: int) -> None:
        """A dashed vertical line just before start_step, labelled with the phase number."""
        start_step = int(start_step)
        if any(step == start_step for step, _ in self._phase_lines):
            return
        line = pg.InfiniteLine(pos=start_step - 0.5, angle=90, movable=False,
                               pen=pg.mkPen(PHASE_COLOR, width=1.5, style=Qt.PenStyle.DashLine),
                               label=self.tr("fase {phase}").format(phase=str(int(phase))),
                               labelOpts={"position": 0.92, "color": PHASE_COLOR})
        line.setToolTip(self.tr("Aqui começou a fase {phase}: o treino continuou com mais passagens "
                                "pelos dados.").format(phase=str(int(phase))))
        self.view.getPlotItem().addItem(line)
        self._phase_lines.append((start_step, line))

    def phase_markers(self) -> list[int]:
        """First steps of the phases marked on the plot."""
        return [step for step, _ in self._phase_lines]

    def _remove_phase_markers(self, after_step: int | None = None) -> None:
        keep = []
        for step, line in self._phase_lines:
            if after_step is None or step > after_step:
                self.view.getPlotItem().removeItem(line)
            else:
                keep.append((step, line))
        self._phase_lines = keep

    def clear(self) -> None:
        self._remove_phase_markers()
        self.train.clear()
        self.valid.clear()
        self._dirty = True
        self._on_redraw()
        self.view.getPlotItem().enableAutoRange()  # follow the new run (after any zoom)

    def set_history(self, rows: Iterable[dict]) -> None:
        """Replaces the current curves with a run's metrics.jsonl rows (resume, reopening)."""
        rows = list(rows)
        train, valid = points_from_metrics(rows)
        self._remove_phase_markers()
        for step, phase in phases_from_metrics(rows):
            self.add_phase_marker(step, phase)
        self.train.clear()
        self.valid.clear()
        self.train.extend(train)
        self.valid.extend(valid)
        self._dirty = True
        self._on_redraw()
        self.view.getPlotItem().enableAutoRange()

    def set_step_range(self, total_steps: int | None) -> None:
        """During a run the x axis spans the whole run (0..total): the curve fills it from the
        left, the axis is drawn once instead of at every step, and the person sees how far the
        run has come. None goes back to fitting the data."""
        item = self.view.getPlotItem()
        if total_steps:
            item.setXRange(0, float(total_steps), padding=0.01)
            item.enableAutoRange(axis="y")
        else:
            item.enableAutoRange()

    def truncate_after(self, step: int) -> None:
        """Drops points past a step (a resumed run restarts from its last checkpoint)."""
        for series in (self.train, self.valid):
            keep = int(np.searchsorted(series.x, step, side="right"))
            series.size = min(series.size, keep)
        self._remove_phase_markers(after_step=step + 1)  # a phase beginning at step + 1 stays
        self._dirty = True

    # ---- another run beside it ---------------------------------------------------------------
    def set_overlay(self, rows: Iterable[dict], name: str) -> None:
        train, valid = points_from_metrics(rows)
        self._set_curve(self.overlay_train_curve, train)
        self._set_curve(self.overlay_valid_curve, valid)
        self._set_overlay_legend(name)
        self._update_page()

    def clear_overlay(self) -> None:
        self.overlay_train_curve.setData([], [])
        self.overlay_valid_curve.setData([], [])
        self._set_overlay_legend("")
        self._update_page()

    @property
    def overlay_name(self) -> str:
        return self._overlay_name

    def _set_overlay_legend(self, name: str) -> None:
        if self._overlay_name:
            self.legend.removeItem(self.overlay_train_curve)
            self.legend.removeItem(self.overlay_valid_curve)
        self._overlay_name = name
        if name:
            short = name if len(name) <= OVERLAY_NAME_CHARS else name[:OVERLAY_NAME_CHARS - 1].rstrip() + "…"
            self.legend.addItem(self.overlay_train_curve, self.tr("treino: {name}").format(name=short))
            self.legend.addItem(self.overlay_valid_curve, self.tr("verificação: {name}").format(name=short))
            self._relayout_legend()

    @staticmethod
    def _set_curve(curve, points) -> None:
        if points:
            xs, ys = zip(*points)
            curve.setData(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
        else:
            curve.setData([], [])

    # ---- drawing -------------------------------------------------------------------------------
    def flush(self) -> None:
        """Pushes pending points now (tests and screenshots)."""
        self._dirty = True
        self._on_redraw()

    def _on_redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self.train_curve.setData(self.train.x, self.train.y)
        self.valid_curve.setData(self.valid.x, self.valid.y)
        self._update_page()

    def _update_page(self) -> None:
        has_data = bool(self.train.size or self.valid.size or self._overlay_name)
        self.pages.setCurrentWidget(self.view if has_data else self.placeholder)

    def shown_point_counts(self) -> tuple[int, int]:
        """Points the curves hold now (train, validation), as drawn."""
        xs_t, _ = self.train_curve.getData()
        xs_v, _ = self.valid_curve.getData()
        return (0 if xs_t is None else len(xs_t)), (0 if xs_v is None else len(xs_v))

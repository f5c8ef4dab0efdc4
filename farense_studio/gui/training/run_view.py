"""The right column of the Treino tab: the run's curves, what it is doing, Pausar/Parar, the log.

Engine events arrive as plain dataclasses; each event class has its handler (a table keyed by
class, not by name). Labels and the bar are refreshed 5 times a second at most: a step report
only marks them stale.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from farense_studio.engine.events import (CheckpointSaved, EvalReport, Failed, Notice, Paused, PhaseStarted,
                                          Resumed, StepReport)
from farense_studio.gui import i18n
from farense_studio.gui.loss_plot import LossPlot
from farense_studio.gui.training import status as words
from farense_studio.gui.training.facts_view import FactsView
from farense_studio.gui.widgets import SectionToggle

UI_REFRESH_MS = 200  # labels and bar: 5 times a second is plenty for a person


class RunView(QWidget):
    """Plot, status, progress, speed, Pausar/Parar and the log of the run being shown."""

    run_folder_changed = Signal()  # the run folder has new facts (config, a save point): re-read it

    def __init__(self, is_paused: Callable[[], bool] = lambda: False, parent: QWidget | None = None,
                 worker=None):
        super().__init__(parent)
        self.is_paused = is_paused
        self.facts = FactsView(worker)  # "Verificar factos", by itself when a run finishes
        self.facts.verified.connect(lambda _run: self.run_folder_changed.emit())  # the runs list's line
        self.watch = words.CurveWatch()
        self.last_report = None
        self._ui_dirty = False
        self._handlers = {StepReport: self._on_step, EvalReport: self._on_eval,
                          CheckpointSaved: self._on_checkpoint, Paused: self._on_paused,
                          Resumed: self._on_resumed, PhaseStarted: self._on_phase,
                          Notice: self._on_message, Failed: self._on_message}
        self._build()
        self._ui_timer = QTimer(self)
        self._ui_timer.setInterval(UI_REFRESH_MS)
        self._ui_timer.timeout.connect(self.refresh)
        self._ui_timer.start()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.plot = LossPlot()
        self.plot_title = QLabel()
        self.plot_title.setEnabled(False)
        self.status_label = QLabel(self.tr("Pronto para treinar."))
        status_font = QFont(self.font())
        status_font.setPointSizeF(status_font.pointSizeF() * 1.2)
        status_font.setBold(True)
        self.status_label.setFont(status_font)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Estado do treino"))
        self.progress_label = QLabel()
        self.speed_label = QLabel()
        self.speed_label.setEnabled(False)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_bar.setTextVisible(False)
        self.bar_label = QLabel()  # beside the bar: text on a coloured bar reads badly
        self.bar_label.setMinimumWidth(260)
        self.pause_button = QPushButton(self.tr("&Pausar"))
        self.pause_button.setToolTip(self.tr("Faz uma pausa e grava um ponto de gravação; o computador "
                                             "fica livre. Retome quando quiser."))
        self.stop_button = QPushButton(self.tr("Pa&rar"))
        self.stop_button.setToolTip(self.tr("Termina o treino agora e grava um ponto de gravação: pode "
                                            "continuá-lo mais tarde na lista de treinos."))
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.log.setAccessibleName(self.tr("Registo do treino"))
        self.log_toggle = SectionToggle(self.tr("Registo"), self.log)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        buttons.addWidget(self.log_toggle)
        layout.addWidget(self.plot_title)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress_label)
        self.bar_row = QWidget()  # hidden until a run is shown
        bar_row = QHBoxLayout(self.bar_row)
        bar_row.setContentsMargins(0, 0, 0, 0)
        bar_row.addWidget(self.progress_bar, 1)
        bar_row.addWidget(self.bar_label)
        self.bar_row.hide()
        layout.addWidget(self.bar_row)
        layout.addWidget(self.speed_label)
        layout.addLayout(buttons)
        layout.addWidget(self.log)
        layout.addWidget(self.facts)

    # ---- what is shown ---------------------------------------------------------------------------
    def clear(self) -> None:
        """Nothing shown (another project)."""
        self.plot.clear()
        self.plot.clear_overlay()
        self.watch.reset()
        self.last_report = None
        for label in (self.progress_label, self.speed_label, self.bar_label, self.plot_title):
            label.clear()
        self.progress_bar.setValue(0)
        self.bar_row.hide()

    def begin_run(self, title: str, fresh: bool) -> None:
        """A run is about to train (fresh: a new one, so the curves and the log start empty)."""
        if fresh:
            self.plot.clear()
            self.watch.reset()
            self.log.clear()
        self.last_report = None
        self.plot_title.setText(title)
        self.progress_bar.setValue(0)
        self.bar_label.setText(self.tr("a começar…"))
        self.bar_row.show()
        self.set_status(self.tr("A carregar o modelo e os dados…"))

    def show_history(self, title: str, rows: list[dict]) -> None:
        """A run's curves and log as its metrics.jsonl tells them."""
        self.plot.set_history(rows)
        self.watch.reset()
        for row in rows:
            if row.get("kind") == "train" and row.get("loss") is not None:
                self.watch.add_train(row["loss"])
            elif row.get("kind") == "eval" and row.get("val_loss") is not None:
                self.watch.add_eval(row["val_loss"])
        self.plot_title.setText(title)
        self.log.clear()
        for row in rows:
            text = self._history_line(row)
            if text:  # the row's own time (rows from before times were kept: unknown)
                stamp = row.get("time")
                self.add_log(text, stamp=time.strftime("%H:%M:%S", time.localtime(stamp))
                             if isinstance(stamp, (int, float)) else "--:--:--")

    def _history_line(self, row: dict) -> str | None:
        kind, step = row.get("kind"), row.get("step", 0)
        if kind == "eval" and row.get("val_loss") is not None:
            return self._eval_line(step, row["val_loss"])
        if kind == "checkpoint":
            return self._checkpoint_line(step, row.get("seconds"))
        if kind == "event" and row.get("text"):
            return str(row["text"])
        return None

    def _eval_line(self, step: int, val_loss: float) -> str:
        return self.tr("Passo {step}: erro nas perguntas de verificação {loss}").format(
            step=i18n.number(step), loss=words.loss_text(val_loss))

    def _checkpoint_line(self, step: int, seconds) -> str:
        return self.tr("Ponto de gravação no passo {step} ({duration}).").format(
            step=i18n.number(step), duration=words.duration(seconds))

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def add_log(self, text: str, stamp: str | None = None) -> None:
        self.log.appendPlainText((time.strftime("%H:%M:%S") if stamp is None else stamp) + "  " + text)

    def set_controls(self, training: bool, paused: bool, stopping: bool) -> None:
        self.pause_button.setEnabled(training and not stopping)
        self.pause_button.setText(self.tr("&Retomar") if paused else self.tr("&Pausar"))
        self.stop_button.setEnabled(training and not stopping)

    # ---- engine events -------------------------------------------------------------------------------
    def on_event(self, event) -> None:
        """Shows one engine event of the run being trained."""
        for cls in type(event).__mro__:
            handler = self._handlers.get(cls)
            if handler is not None:
                handler(event)
                return

    def _on_step(self, event: StepReport) -> None:
        last = self.plot.train.last()
        if last is not None and event.step <= last[0]:
            self.plot.truncate_after(event.step - 1)  # resumed from an earlier checkpoint
        self.plot.add_train(event.step, event.loss)
        self.watch.add_train(event.loss)
        if self.last_report is None:
            self.plot.set_step_range(event.total_steps)
            self.set_status(self.tr("O modelo está a aprender."))
            self.run_folder_changed.emit()  # the run folder has its config and state by now
        self.last_report = event
        self._ui_dirty = True
        if event.step == event.total_steps:  # 100%: the final check and save still take a while
            self.set_status(self.tr("Todos os passos feitos: a medir o erro final nas perguntas de "
                                    "verificação e a gravar o resultado…"))

    def _on_eval(self, event: EvalReport) -> None:
        self.plot.add_eval(event.step, event.val_loss)
        self.watch.add_eval(event.val_loss)
        self.add_log(self._eval_line(event.step, event.val_loss))
        report = self.last_report
        if not self.is_paused() and not (report and report.step == report.total_steps):
            self.set_status(self.watch.status())

    def _on_checkpoint(self, event: CheckpointSaved) -> None:
        self.run_folder_changed.emit()  # best checking error and step, as the run folder now says
        self.add_log(self._checkpoint_line(event.step, event.seconds))

    def _on_paused(self, event: Paused) -> None:
        self._ui_dirty = True
        self.set_status(self.tr("Em pausa no passo {step}. O progresso está gravado: pode continuar "
                                "agora ou mais tarde.").format(step=i18n.number(event.step)))
        self.add_log(self.tr("Pausa no passo {step}.").format(step=i18n.number(event.step)))

    def _on_resumed(self, event: Resumed) -> None:
        self._ui_dirty = True
        self.set_status(self.watch.status())
        self.add_log(self.tr("Retomado no passo {step}.").format(step=i18n.number(event.step)))

    def _on_phase(self, event: PhaseStarted) -> None:
        # «Treinar mais»: the curve goes on from the run's history, a line marks the phase
        self.plot.add_phase_marker(event.start_step, event.phase)
        self.plot.set_step_range(event.total_steps)
        self.set_status(self.tr("A treinar mais: fase {phase} do treino.").format(phase=str(event.phase)))
        self.add_log(event.text)

    def _on_message(self, event) -> None:
        self.add_log(getattr(event, "text", "") or getattr(event, "code", ""))

    def show_end(self, finished: bool) -> None:
        """The bar of a run that ended: full when it finished; else where it stopped or failed,
        with no time left to wait for."""
        if finished:
            self.progress_bar.setValue(1000)
        elif self.last_report is not None:
            self.bar_label.setText(words.bar_text(self.last_report, ended=True))

    def refresh(self) -> None:
        """Labels and bar from the newest step report (called by the timer; at once when asked)."""
        if not self._ui_dirty or self.last_report is None:
            return
        self._ui_dirty = False
        report = self.last_report
        paused = self.is_paused()
        self.progress_label.setText(words.progress_line(report))
        self.speed_label.setText(words.speed_line(report))
        total = max(1, int(report.total_steps))
        self.progress_bar.setValue(int(1000 * report.step / total))
        self.bar_label.setText(words.bar_text(report, paused=paused))
        if not paused and self.watch.val_losses == [] and len(self.watch.train_losses) % 10 == 0:
            self.set_status(self.watch.status())

""""Verificar factos" in the Treino tab: runs by itself when a run finishes, says base → fine-tuned.

The Treino tab hands it each training job (one Mac or a group of Macs): when one ends "finished", it
queues engine.verify_facts.verify_run on the MLX thread for the run's best checkpoint and the
project's checking questions (a run whose data has none is left alone). The result is said in
plain words ("o modelo acerta 31 de 37 perguntas; antes acertava 0") with the questions the
model still misses and what it answered; the runs list then shows its one-line summary.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from farense_studio.gui.time_left import TimeLeft, with_time_left
from farense_studio.gui.widgets import SectionToggle


def checking_questions_of(run_dir: Path) -> Path | None:
    """The checking questions the run's data has (None: nothing to verify)."""
    from farense_studio.data.checking import checking_questions_path
    from farense_studio.engine.generation import read_run_config

    return checking_questions_path(read_run_config(run_dir).get("data_dir"))


class FactsView(QWidget):
    """The last verification: summary line and the questions still missed."""

    verified = Signal(object)  # the run folder, once its verification is saved

    def __init__(self, worker=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = worker
        self.job = None
        self.report = None
        self.time_left = TimeLeft()
        self.title = QLabel(self.tr("<b>Verificar factos</b>"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Resultado da verificação de factos"))
        self.misses = QTreeWidget()
        self.misses.setHeaderLabels([self.tr("Pergunta que ainda falha"), self.tr("O que respondeu"),
                                     self.tr("Faltou")])
        self.misses.setRootIsDecorated(False)
        self.misses.setMaximumHeight(160)
        header = self.misses.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # folded at first: open, the list took the plot's room at 1024x700 and cut its axis
        self.misses_toggle = SectionToggle("", self.misses)
        self.misses_toggle.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.summary, self.misses_toggle, self.misses):
            layout.addWidget(widget)
        self.hide()

    def watch(self, job, run_dir: Path) -> None:
        """Verifies run_dir by itself when this training job finishes (one Mac or a group)."""
        job.finished.connect(lambda end, run=Path(run_dir): self._on_training_ended(end, run))

    def _on_training_ended(self, end, run_dir: Path) -> None:
        if getattr(end, "outcome", None) == "finished":
            self.verify(run_dir)

    def verify(self, run_dir: Path) -> bool:
        """Queues the verification of a run; False when its data has no checking questions."""
        if self.worker is None or checking_questions_of(run_dir) is None:
            return False
        from farense_studio.engine.verify_facts import verify_run

        self.show()
        self.misses_toggle.setChecked(False)
        self.misses_toggle.hide()
        self.time_left.reset()
        self.summary.setText(self.tr("A verificar os factos: as perguntas de verificação ao modelo base e ao "
                                     "afinado…"))
        self.job = self.worker.run_job(lambda context: verify_run(run_dir, progress=context.progress,
                                                                   stop_event=context.cancel_event),
                                       kind="verify_facts")
        self.job.progressed.connect(self._on_progress)
        self.job.finished.connect(lambda report: self._on_verified(run_dir, report))
        self.job.failed.connect(self._on_failed)
        return True

    def _on_progress(self, value) -> None:
        if isinstance(value, dict) and value.get("total"):
            phase = value.get("phase")
            model = (self.tr("modelo base") if phase == "base" else
                     self.tr("modelo afinado, com os documentos do clube") if phase == "fine-tuned+documents" else
                     self.tr("modelo afinado"))
            left = self.time_left.update(int(value.get("done") or 0), int(value["total"]),
                                         measured=not value.get("kept"))
            self.summary.setText(with_time_left(self.tr("A verificar os factos ({model}): {done} de {total}").format(
                model=model, done=value["done"], total=value["total"]), left))

    def _on_verified(self, run_dir: Path, report) -> None:
        self.report = report
        if report.card.cancelled:
            self.summary.setText(self.tr("Verificação de factos interrompida."))
            return
        self.summary.setText(report.summary())
        self.misses.clear()
        for row in report.misses:
            item = QTreeWidgetItem([row.question, row.tuned_answer or "", " ; ".join(row.tuned_missing or [])])
            item.setToolTip(0, row.question)
            item.setToolTip(1, row.tuned_answer or "")
            self.misses.addTopLevelItem(item)
        count = len(report.misses)
        self.misses_toggle.setText(self.tr("A pergunta que ainda falha") if count == 1 else
                                   self.tr("As {n} perguntas que ainda falham").format(n=count))
        self.misses_toggle.setVisible(bool(count))
        if not count:
            self.misses_toggle.setChecked(False)
        self.verified.emit(run_dir)

    def _on_failed(self, text: str) -> None:
        self.summary.setText(self.tr("Não foi possível verificar os factos: {error}").format(error=text))

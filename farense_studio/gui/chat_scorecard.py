"""The "Verificar factos" strip of the Conversar tab and its details window.

The strip shows "factos corretos: base 3/30 -> afinado 21/30" with a progress bar while the
questions are asked; the window lists each question with both answers and the verdicts, the
validation loss and perplexity of each model, and exports the table as CSV.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QMessageBox, QProgressBar, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget)

from farense_studio.engine.evaluate import Scorecard, default_questions_path, latest_scorecard
from farense_studio.gui.chat_documents import columns_text
from farense_studio.gui.time_left import TimeLeft, with_time_left


class ScorecardPanel(QWidget):
    """One line: [Verificar factos] result [Ver detalhes] (or progress and [Parar])."""

    check_requested = Signal()
    cancel_requested = Signal()
    questions_changed = Signal(object)  # the questions file chosen (None: the bundled examples)
    check_ended = Signal(str)  # the summary of a finished check ("" when it failed or was cut short)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.questions_file: str | None = None
        self.card: Scorecard | None = None
        self.time_left = TimeLeft()
        self.check_button = QPushButton(self.tr("&Verificar factos"))
        self.check_tip = self.tr(
            "Faz as perguntas de teste ao modelo base e ao afinado (sempre a resposta mais provável) "
            "e conta quantas respostas têm os factos certos; com «Consultar os documentos do clube», "
            "pergunta outra vez a cada um com os documentos.")
        self.check_button.setToolTip(self.check_tip)
        self.summary = QLabel(self.tr("Ainda não verificado."))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Parar verificação"))
        self.cancel_button.hide()
        self.details_button = QPushButton(self.tr("Ver &detalhes"))
        self.details_button.setEnabled(False)
        self.questions_button = QPushButton(self.tr("Perguntas de teste…"))
        self.questions_button.setToolTip(self.tr(
            "Escolher o ficheiro de perguntas de teste (JSONL com pergunta e palavras-chave); por "
            "omissão, as perguntas de exemplo do Farense."))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check_button)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.details_button)
        layout.addWidget(self.questions_button)
        self.check_button.clicked.connect(self.check_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.questions_button.clicked.connect(self._on_choose_questions)
        self.details_button.clicked.connect(self.show_details)

    @property
    def running(self) -> bool:
        return self.progress.isVisible()

    def set_available(self, available: bool, training_busy: bool = False) -> None:
        """Verificar factos can run now (a model is chosen, no check running, no run training)."""
        self.check_button.setEnabled(available and not training_busy)
        self.check_button.setToolTip(self.tr("Disponível quando o treino terminar ou estiver em pausa.")
                                     if training_busy else self.check_tip)

    def start(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.check_button.setEnabled(False)
        self.time_left.reset()
        self.summary.setText(self.tr("A fazer as perguntas de teste…"))

    def set_progress(self, update: dict) -> None:
        total, done = int(update.get("total") or 0), int(update.get("done") or 0)
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        phase = update.get("phase")
        left = self.time_left.update(done, total, measured=not update.get("kept")) if total else None
        if update.get("kept"):  # the base model's answer to the same question, kept from an earlier check
            phase = "kept"
        texts = {"base": self.tr("A perguntar ao modelo base ({done} de {total})"),
                 "kept": self.tr("Respostas do modelo base guardadas da verificação anterior ({done} de {total})"),
                 "tuned": self.tr("A perguntar ao modelo afinado ({done} de {total})"),
                 "loss": self.tr("A medir o erro nas perguntas de verificação"),
                 "base+documents": self.tr("A perguntar ao modelo base com os documentos ({done} de {total})"),
                 "fine-tuned+documents": self.tr(
                     "A perguntar ao modelo afinado com os documentos ({done} de {total})")}
        if phase in texts:
            self.summary.setText(with_time_left(texts[phase].format(done=done, total=total), left))

    def set_questions_file(self, path: str | None, announce: bool = True) -> None:
        self.questions_file = str(path) if path else None
        name = Path(path).name if path else self.tr("as de exemplo")
        self.questions_button.setToolTip(self.tr("Perguntas de teste: {name}").format(name=name))
        if announce:
            self.questions_changed.emit(self.questions_file)

    @Slot()
    def _on_choose_questions(self) -> None:
        start = self.questions_file or str(default_questions_path())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Perguntas de teste"), start,
                                              self.tr("Perguntas (*.jsonl);;Todos os ficheiros (*)"))
        if path:
            self.set_questions_file(path)

    def follow(self, job) -> None:
        """Shows a scorecard Job (engine.jobs.scorecard) from start to result; Cancelar stops it."""
        self.start()
        self.cancel_requested.connect(job.cancel)
        job.finished.connect(lambda _result: self.cancel_requested.disconnect(job.cancel))
        job.failed.connect(lambda _text: self.cancel_requested.disconnect(job.cancel))
        job.progressed.connect(lambda value: isinstance(value, dict) and self.set_progress(value))
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)

    def _on_finished(self, result) -> None:
        card = Scorecard.from_json(result) if isinstance(result, dict) else None
        self.set_card(card, columns=result.get("columns") if card is not None else None)
        self.check_ended.emit(self.summary.text() if card is not None and not card.cancelled else "")

    def _on_failed(self, text: str) -> None:
        self.show_error(text)
        self.check_ended.emit("")

    def show_saved(self, run_dir: str | None, adapter: str | None) -> None:
        """The newest scorecard saved for this very checkpoint of a run, if any."""
        card, data = None, {}
        if run_dir:
            path = latest_scorecard(run_dir, adapter)
            try:
                data = json.loads(path.read_text(encoding="utf-8")) if path else {}
                card = Scorecard.from_json(data) if path else None
            except (OSError, ValueError, TypeError, AttributeError):
                card = None
        self.set_card(card, columns=data.get("columns") if card is not None else None)

    def stop(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.check_button.setEnabled(True)

    def set_card(self, card: Scorecard | None, note: str = "", columns: dict | None = None) -> None:
        """Shows a result (None: nothing checked yet for this model); columns: the with-documents
        check's (engine.documents_check), shown in words in place of the plain summary."""
        self.stop()
        self.card = card
        self.details_button.setEnabled(card is not None and bool(card.rows))
        if card is None:
            self.summary.setText(note or self.tr("Ainda não verificado."))
            return
        text = columns_text(columns) or card.summary()
        if card.cancelled:
            text += " " + self.tr("(verificação interrompida)")
        self.summary.setText(text)

    def show_error(self, text: str) -> None:
        self.stop()
        self.summary.setText(self.tr("A verificação falhou: {error}").format(error=text))

    @Slot()
    def show_details(self) -> None:
        if self.card is not None:
            ScorecardDialog(self.card, self).exec()


class ScorecardDialog(QDialog):
    """Each question, both answers and their verdicts; CSV export."""

    def __init__(self, card: Scorecard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setWindowTitle(self.tr("Verificar factos: detalhes"))
        self.resize(960, 620)
        tuned = card.tuned_correct is not None
        self.table = QTableWidget(len(card.rows), 3 if tuned else 2)
        headers = [self.tr("Pergunta"), self.tr("Base")] + ([self.tr("Afinado")] if tuned else [])
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for i, row in enumerate(card.rows):
            self.table.setItem(i, 0, QTableWidgetItem(row.question))
            self.table.setItem(i, 1, self._verdict(row.base_correct))
            if tuned:
                self.table.setItem(i, 2, self._verdict(row.tuned_correct))
        self.answers = QTextBrowser()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.answers)
        splitter.setSizes([360, 260])

        summary = QLabel(card.summary())
        font = summary.font()
        font.setBold(True)
        summary.setFont(font)
        loss = QLabel(card.loss_line() or self.tr("Sem perguntas de verificação para medir o erro."))
        loss.setWordWrap(True)
        loss.setToolTip(self.tr("Erro médio nas perguntas de verificação do treino (mais baixo é melhor) e a "
                                "perplexidade correspondente: quantas palavras, em média, o modelo "
                                "hesita entre."))
        self.export_button = QPushButton(self.tr("Exportar CSV…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(loss)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._on_export)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_row(row))
        if card.rows:
            self.table.selectRow(0)
            self._show_row(0)

    def _verdict(self, correct: bool | None) -> QTableWidgetItem:
        item = QTableWidgetItem("" if correct is None else ("✔ " + self.tr("certo") if correct
                                                             else "✘ " + self.tr("errado")))
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if correct is not None:
            item.setForeground(QColor("#1e7b34") if correct else QColor("#b3261e"))
        return item

    def _show_row(self, index: int) -> None:
        if not 0 <= index < len(self.card.rows):
            return
        row = self.card.rows[index]
        keywords = self.tr("Palavras-chave: {keywords}").format(keywords=_esc(" ; ".join(row.keywords)))
        parts = [f"<p><b>{_esc(row.question)}</b><br/>{keywords}</p>"]

        def block(title, answer, correct, missing):
            verdict = self.tr("certo") if correct else self.tr("faltam: {missing}").format(
                missing=_esc(" ; ".join(missing or [])))
            return f"<p><b>{title}</b> ({verdict})<br/>{_esc(answer or '')}</p>"

        parts.append(block(self.tr("Base"), row.base_answer, row.base_correct, row.base_missing))
        if row.tuned_answer is not None:
            parts.append(block(self.tr("Afinado"), row.tuned_answer, row.tuned_correct, row.tuned_missing))
        self.answers.setHtml("".join(parts))

    @Slot()
    def _on_export(self) -> None:
        start = str(Path(self.card.run_dir or Path.home()) / "verificar_factos.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Exportar CSV"), start, self.tr("CSV (*.csv)"))
        if path:
            self.export_csv(path)

    def export_csv(self, path: str | Path) -> Path | None:
        try:
            return self.card.write_csv(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Exportar CSV"), str(exc))
            return None


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")

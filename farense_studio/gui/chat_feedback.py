"""«Corrigir», «Boa resposta» and «Má resposta» under every answer in Conversar.

The links sit in the conversation itself, after each answer. A verdict goes, with the question,
the answer and the model, to <projeto>/dados/avaliacoes.jsonl (data.ratings, append only).
«Corrigir» (and «Má resposta», which offers it) opens the question with the model's answer for
editing; the corrected pair goes into the project's data as a correction through the Dados tab
(undoable there; ``ChatFeedback.add_correction``), or straight into dados/edicoes.json when no
Dados tab is wired. A wrong answer with its correction can also become a fact-check question.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from farense_studio.data import ratings
from farense_studio.data.edits import CORRECTION, Edits

CORRECT, GOOD, BAD = "corrigir", ratings.GOOD, ratings.BAD


def add_answer_links(pane, index: int) -> None:
    """Writes the links of answer ``index`` (of pane.turns) at the end of the pane."""
    cursor = pane._end()
    cursor.insertBlock()
    plain = QTextCharFormat()
    plain.setForeground(pane.palette().color(QPalette.ColorRole.PlaceholderText))
    words = ((CORRECT, QCoreApplication.translate("ChatFeedback", "Corrigir")),
             (GOOD, QCoreApplication.translate("ChatFeedback", "Boa resposta")),
             (BAD, QCoreApplication.translate("ChatFeedback", "Má resposta")))
    for n, (action, text) in enumerate(words):
        if n:
            cursor.insertText("  ·  ", plain)
        link = QTextCharFormat()
        link.setAnchor(True)
        link.setAnchorHref(f"{action}:{index}")
        link.setFontUnderline(True)
        link.setFontPointSize(max(7.0, pane.font().pointSizeF() - 1))
        link.setFontWeight(QFont.Weight.Normal)
        link.setForeground(pane.palette().color(QPalette.ColorRole.Link))
        cursor.insertText(text, link)
    cursor.setCharFormat(pane._format())


def restore(pane, turns: list[tuple[str, str]], links: bool = True) -> None:
    """Shows a kept conversation again, each answer with its links."""
    pane.clear()
    for question, answer in turns:
        pane.begin_answer(question)
        pane.append(answer)
        pane.finish_answer()
        if links:
            add_answer_links(pane, len(pane.turns) - 1)


class CorrectionDialog(QDialog):
    """The question and the model's answer, to be put right; optionally a fact-check question."""

    def __init__(self, question: str, answer: str, offer_check: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Corrigir a resposta"))
        self.setObjectName("correction_dialog")
        intro = QLabel(self.tr("Escreva a resposta certa. A pergunta e a resposta corrigida passam para os "
                               "dados do projeto, marcadas como correção (pode revê-las ou anulá-las em "
                               "Dados); depois de «Preparar dados», o próximo «Treinar mais…» aprende-as."))
        intro.setWordWrap(True)
        self.question = QLineEdit(question)
        self.answer = QPlainTextEdit(answer)
        self.answer.setAccessibleName(self.tr("Resposta certa"))
        self.check_box = QCheckBox(self.tr("Usar também como pergunta de verificação dos factos"))
        self.check_box.setChecked(offer_check)
        self.keywords = QLineEdit()
        self.keywords.setPlaceholderText(self.tr("por exemplo: 1910, abril"))
        self.keywords.setToolTip(self.tr("As palavras que uma resposta certa tem de ter, separadas por vírgulas."))
        form = QFormLayout()
        form.addRow(self.tr("&Pergunta:"), self.question)
        form.addRow(self.tr("&Resposta certa:"), self.answer)
        form.addRow(self.check_box)
        form.addRow(self.tr("Palavras a &encontrar:"), self.keywords)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Guardar correção"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for signal in (self.question.textChanged, self.answer.textChanged, self.keywords.textChanged,
                       self.check_box.toggled):
            signal.connect(self._update)
        self._update()
        self.resize(560, 360)

    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.text().split(",") if k.strip()]

    def _update(self, *_args) -> None:
        self.keywords.setEnabled(self.check_box.isChecked())
        ready = bool(self.question.text().strip() and self.answer.toPlainText().strip())
        if self.check_box.isChecked():
            ready = ready and bool(self.keyword_list())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)


class ChatFeedback(QObject):
    """Follows the links of the Conversar panes; ``tab`` is the ChatTab (its choice and project)."""

    recorded = Signal(str)  # a sentence for the status bar
    check_questions_changed = Signal(str)  # the project's fact-check questions file, after adding one

    def __init__(self, tab, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        # Where corrections go: the Dados tab's undoable add (main window); None writes the edits file.
        self.add_correction: Callable[[str, str], str | None] | None = None
        self.run_dialog: Callable[[CorrectionDialog], bool] = lambda d: d.exec() == QDialog.DialogCode.Accepted
        self.watch(tab.base_pane, lambda: False)
        self.watch(tab.tuned_pane, lambda: bool(tab.current_choice() and tab.current_choice().has_adapter))
        self.recorded.connect(tab.status_message)
        self.check_questions_changed.connect(tab.scorecard.set_questions_file)

    def watch(self, pane, with_adapter: Callable[[], bool]) -> None:
        """Follows a pane's links; with_adapter says whether its answers come from the adapter."""
        pane.view.anchorClicked.connect(lambda url, p=pane: self.on_link(p, url, with_adapter()))

    def on_link(self, pane, url: QUrl, with_adapter: bool) -> None:
        action, _, index = url.toString().partition(":")
        if not index.isdigit() or int(index) >= len(pane.turns):
            return
        question, answer = pane.turns[int(index)]
        if action == GOOD:
            self.rate(GOOD, question, answer, with_adapter)
        elif action in (CORRECT, BAD):
            self.correct(question, answer, with_adapter, verdict=BAD if action == BAD else None)

    def rate(self, verdict: str, question: str, answer: str, with_adapter: bool,
             correction: str | None = None) -> bool:
        project, choice = self.tab.project, self.tab.current_choice()
        if project is None or choice is None:
            return False
        adapter = choice.adapter if with_adapter else None
        try:
            ratings.append(project, ratings.Rating(verdict, question, answer, choice.base, adapter,
                                                   choice.run_dir if adapter else None, correction))
        except OSError as exc:
            self.recorded.emit(self.tr("Não foi possível guardar a avaliação: {error}").format(error=exc))
            return False
        self.recorded.emit(self.tr("Avaliação guardada.") if correction is None
                           else self.tr("Avaliação e correção guardadas."))
        return True

    def correct(self, question: str, answer: str, with_adapter: bool, verdict: str | None = None) -> bool:
        """Opens the correction; True when a corrected pair went into the project's data."""
        if self.tab.project is None:
            return False
        dialog = CorrectionDialog(question, answer, offer_check=verdict == BAD, parent=self.tab)
        accepted = self.run_dialog(dialog)
        new_question, fixed = dialog.question.text().strip(), dialog.answer.toPlainText().strip()
        keywords = dialog.keyword_list() if dialog.check_box.isChecked() else []
        dialog.deleteLater()
        if not accepted:
            if verdict is not None:
                self.rate(verdict, question, answer, with_adapter)
            return False
        if not self._store_correction(new_question, fixed):
            return False
        self.rate(verdict or BAD, question, answer, with_adapter, correction=fixed)
        if keywords:
            self._add_check_question(new_question, keywords)
        return True

    def _store_correction(self, question: str, answer: str) -> bool:
        try:
            if self.add_correction is not None:
                return self.add_correction(question, answer) is not None
            edits = Edits.load(self.tab.project)
            edits.add([{"role": "user", "content": question}, {"role": "assistant", "content": answer}],
                      "train", CORRECTION)
            edits.save()
            return True
        except Exception as exc:  # noqa: BLE001 - a damaged or unwritable edits file is said, never lost
            self.recorded.emit(self.tr("Não foi possível guardar a correção: {error}").format(error=exc))
            return False

    def _add_check_question(self, question: str, keywords: list[str]) -> None:
        from farense_studio.engine.evaluate import default_questions_path

        current = self.tab.scorecard.questions_file or default_questions_path()
        try:
            path = ratings.add_check_question(self.tab.project, question, keywords, current)
        except OSError as exc:
            self.recorded.emit(self.tr("Não foi possível guardar a pergunta de verificação: {error}").format(
                error=exc))
            return
        self.check_questions_changed.emit(str(path))

"""One conversation column of the Conversar tab: a title, the questions and streamed answers.

Chunks are buffered and drawn at most every 30 ms (a token per signal would make Qt lay the
text out hundreds of times a second); the text is appended at the end of the document with a
cursor, never re-rendered. Each pane keeps its own history: the base model sees its own
earlier answers, the fine-tuned one its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QGuiApplication, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QSizePolicy, QTextBrowser, QToolButton,
                               QVBoxLayout, QWidget)

FLUSH_MS = 30


class ConversationPane(QFrame):
    """Shows a conversation and streams the answer being written."""

    answer_copied = Signal(str)

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.turns: list[tuple[str, str]] = []  # finished (question, answer) pairs
        self._question: str | None = None  # the question being answered
        self._answer = ""  # its text so far (drawn or buffered)
        self._answer_start = 0  # where the answer being written begins in the view
        self._pending = ""  # buffered, not drawn yet
        self.flushes = 0  # how many times text was drawn (tests check the batching)

        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title.setWordWrap(True)
        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Copiar resposta"))
        self.copy_button.setToolTip(self.tr("Copiar a última resposta deste modelo"))
        self.copy_button.setAutoRaise(True)
        self.copy_button.setEnabled(False)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setPlaceholderText(self.tr("As respostas aparecem aqui."))
        self.view.setAccessibleName(title)

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FLUSH_MS)
        self._timer.timeout.connect(self.flush)
        self.copy_button.clicked.connect(self._on_copy)

    # ------------------------------------------------------------------ state
    @property
    def busy(self) -> bool:
        return self._question is not None

    @property
    def answer_text(self) -> str:
        """The answer being written (all of it, drawn or not)."""
        return self._answer

    def last_answer(self) -> str:
        return self.turns[-1][1] if self.turns else ""

    def set_title(self, title: str) -> None:
        self.title.setText(title)
        self.view.setAccessibleName(title)

    def text(self) -> str:
        return self.view.toPlainText()

    # ------------------------------------------------------------------ writing
    def begin_answer(self, question: str) -> None:
        """Shows the question and a place for its answer."""
        self.flush()
        self._question, self._answer, self._pending = question, "", ""
        cursor = self._end()
        if not self.view.document().isEmpty():
            cursor.insertBlock()
            cursor.insertBlock()
        cursor.insertText(question, self._format(bold=True))
        cursor.insertBlock()
        cursor.insertText("", self._format())
        self._answer_start = cursor.position()
        self._scroll()

    def replace_answer(self, text: str) -> None:
        """Puts text in place of the answer written so far (an answer the front end corrects)."""
        self.flush()
        if self._question is None:
            return
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self._answer_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.insertText(text, self._format())
        self._answer = text

    def append(self, chunk: str) -> None:
        """Adds streamed text; drawn within FLUSH_MS."""
        if self._question is None or not chunk:
            return
        self._answer += chunk
        self._pending += chunk
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def flush(self) -> None:
        self._timer.stop()
        if not self._pending:
            return
        self._end().insertText(self._pending, self._format())
        self._pending = ""
        self.flushes += 1
        self._scroll()

    def finish_answer(self, note: str = "") -> str:
        """Ends the answer (note: e.g. "(interrompida)"), stores the turn; returns the answer."""
        self.flush()
        if self._question is None:
            return ""
        answer = self._answer.strip()
        if note:
            self._end().insertText(("  " if self._answer else "") + note, self._format(note=True))
        elif not answer:
            self._end().insertText(self.tr("(sem resposta)"), self._format(note=True))
        self.turns.append((self._question, answer))
        self._question, self._answer = None, ""
        self.copy_button.setEnabled(bool(answer))
        self._scroll()
        return answer

    def show_error(self, text: str) -> None:
        """An answer that failed: the message in place of the answer (no turn is stored)."""
        self.flush()
        self._end().insertText(text, self._format(note=True))
        self._question, self._answer, self._pending = None, "", ""

    def clear(self) -> None:
        self._timer.stop()
        self.turns.clear()
        self._question, self._answer, self._pending = None, "", ""
        self.view.clear()
        self.copy_button.setEnabled(False)

    # ------------------------------------------------------------------ helpers
    def _end(self) -> QTextCursor:
        cursor = QTextCursor(self.view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def _format(self, bold: bool = False, note: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setFontItalic(note)
        if note:
            fmt.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        else:
            fmt.setForeground(self.palette().color(QPalette.ColorRole.Text))
        return fmt

    def _scroll(self) -> None:
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.maximum())

    @Slot()
    def _on_copy(self) -> None:
        answer = self.last_answer()
        if answer:
            QGuiApplication.clipboard().setText(answer)
            self.answer_copied.emit(answer)


class QuestionEdit(QPlainTextEdit):
    """The question box: Ctrl/Cmd+Enter sends (Qt maps Ctrl to Cmd on macOS)."""

    submitted = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)

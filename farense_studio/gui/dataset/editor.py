"""The detail pane of the Dados tab: one example in full, editable, or a bad line as it is in the file."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from farense_studio.data.formats import Example, Problem
from farense_studio.data.generated import ACCEPTED, PENDING, REJECTED
from farense_studio.gui import i18n


class ExampleEditor(QWidget):
    """Shows the selected example; 'Guardar' turns the text into an undoable edit."""

    save_requested = Signal(str, str, str)  # example id, question, answer
    add_requested = Signal(str, str, str)  # question, answer, split
    split_requested = Signal(str, str)  # example id, "train" | "valid"
    remove_requested = Signal(str)  # example id
    review_requested = Signal(str, str)  # a generated row's example id, "aceite" | "rejeitada"
    new_requested = Signal()

    EMPTY, EXAMPLE, NEW, LINE = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._example: Example | None = None
        self._mode = self.EMPTY
        self._loading = False

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.origin_label = QLabel()
        self.origin_label.setWordWrap(True)
        self.origin_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.split_combo = QComboBox()
        self.split_combo.addItem(self.tr("Treino"), "train")
        self.split_combo.addItem(self.tr("Verificação"), "valid")
        self.split_combo.setToolTip(self.tr("Treino: o modelo aprende com este exemplo. Verificação: fica "
                                            "de parte para ver se o modelo aprendeu sem decorar."))
        self.question_edit = QPlainTextEdit()
        self.question_edit.setPlaceholderText(self.tr("A pergunta, como alguém a faria ao chatbot do clube"))
        self.question_edit.setTabChangesFocus(True)
        self.answer_edit = QPlainTextEdit()
        self.answer_edit.setPlaceholderText(self.tr("A resposta que o modelo deve aprender"))
        self.answer_edit.setTabChangesFocus(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #b03a2e;")
        self.tokens_label = QLabel()

        self.save_button = QPushButton(self.tr("Guardar alteração"))
        self.save_button.setToolTip(self.tr("Guarda no projeto (Ctrl+S). Os ficheiros originais do clube "
                                            "nunca são alterados."))
        self.revert_button = QPushButton(self.tr("Repor"))
        self.revert_button.setToolTip(self.tr("Volta ao texto guardado"))
        self.remove_button = QPushButton(self.tr("Remover"))
        self.remove_button.setToolTip(self.tr("Tira este exemplo dos dados de treino (pode anular)"))
        self.review_label = QLabel()
        self.review_label.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Aceitar"))
        self.accept_button.setToolTip(self.tr("Esta pergunta gerada está certa: entra no treino (pode anular)"))
        self.reject_button = QPushButton(self.tr("Rejeitar"))
        self.reject_button.setToolTip(self.tr("Esta pergunta gerada fica de fora do treino (pode anular)"))
        self.new_button = QPushButton(self.tr("Novo exemplo"))
        self.new_button.setToolTip(self.tr("Escrever um exemplo novo, da sua autoria"))

        self._form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Origem:"), self.origin_label)
        form.addRow(self.tr("Conjunto:"), self.split_combo)
        # Two rows, so the pane can stay narrow on a 1024-pixel screen.
        buttons = QVBoxLayout()
        first_row, second_row = QHBoxLayout(), QHBoxLayout()
        first_row.addWidget(self.save_button)
        first_row.addWidget(self.revert_button)
        first_row.addStretch(1)
        second_row.addWidget(self.remove_button)
        second_row.addWidget(self.accept_button)
        second_row.addWidget(self.reject_button)
        second_row.addStretch(1)
        second_row.addWidget(self.new_button)
        buttons.addLayout(first_row)
        buttons.addLayout(second_row)

        editor_page = QWidget()
        editor = QVBoxLayout(editor_page)
        editor.setContentsMargins(0, 0, 0, 0)
        editor.addLayout(form)
        editor.addWidget(QLabel(self.tr("Pergunta:")))
        editor.addWidget(self.question_edit, 1)
        editor.addWidget(QLabel(self.tr("Resposta:")))
        editor.addWidget(self.answer_edit, 3)
        editor.addWidget(self.review_label)
        editor.addWidget(self.note)
        editor.addWidget(self.problems_label)
        editor.addWidget(self.tokens_label)
        editor.addLayout(buttons)

        self.empty_label = QLabel(self.tr("Escolha um exemplo na tabela para o ver aqui por inteiro e o "
                                          "editar, ou escreva um novo."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_page = QWidget()
        empty = QVBoxLayout(empty_page)
        empty.addStretch(1)
        empty.addWidget(self.empty_label)
        empty_new = QPushButton(self.tr("Novo exemplo"))
        empty_new.clicked.connect(self.new_requested)
        empty.addWidget(empty_new, 0, Qt.AlignmentFlag.AlignHCenter)
        empty.addStretch(2)

        self.line_reason = QLabel()
        self.line_reason.setWordWrap(True)
        self.line_reason.setStyleSheet("color: #b03a2e;")
        self.line_text = QPlainTextEdit()
        self.line_text.setReadOnly(True)
        self.line_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.line_hint = QLabel(self.tr("Esta linha não entrou nos dados. Corrija-a no ficheiro original "
                                        "e volte a importar, ou escreva o exemplo de novo aqui."))
        self.line_hint.setWordWrap(True)
        line_page = QWidget()
        line = QVBoxLayout(line_page)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.line_reason)
        line.addWidget(self.line_text, 1)
        line.addWidget(self.line_hint)

        self.pages = QStackedWidget()
        self.pages.addWidget(empty_page)
        self.pages.addWidget(editor_page)
        self.pages.addWidget(line_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)

        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self._on_save)
        self.save_button.clicked.connect(self._on_save)
        self.revert_button.clicked.connect(self._on_revert)
        self.remove_button.clicked.connect(self._on_remove)
        self.accept_button.clicked.connect(lambda: self._on_review(ACCEPTED))
        self.reject_button.clicked.connect(lambda: self._on_review(REJECTED))
        self.new_button.clicked.connect(self.new_requested)
        self.split_combo.activated.connect(self._on_split_chosen)
        self.question_edit.textChanged.connect(self._update_buttons)
        self.answer_edit.textChanged.connect(self._update_buttons)
        self.show_nothing()

    # ------------------------------------------------------------------ showing
    def show_nothing(self) -> None:
        self._example = None
        self._mode = self.EMPTY
        self.title.setText(self.tr("Exemplo"))
        self.pages.setCurrentIndex(0)

    def show_example(self, example: Example, tokens: int | None, problems: list[Problem], approximate: bool,
                     rejected: bool = False) -> None:
        """Shows an example; unsaved text of the previous one must be handled by the caller first."""
        self._example = example
        self._mode = self.EXAMPLE
        self._loading = True
        self.title.setText(self.tr("Exemplo"))
        origin = {"qa": self.tr("perguntas e respostas"), "bio": self.tr("biografia"),
                  "user": self.tr("escrito por si")}.get(example.origin, example.origin)
        self.origin_label.setText(f"{example.location} ({origin})")
        self.question_edit.setPlainText(example.question)
        self.answer_edit.setPlainText(example.answer)
        index = self.split_combo.findData(example.split or "train")
        self.split_combo.setCurrentIndex(max(0, index))
        self.split_combo.setEnabled(not rejected)
        turns = [m for m in example.messages if m.get("role") != "system"]
        if len(turns) > 2:  # a conversation; the system instruction alone is no reason to warn
            self.note.setText(self.tr("Esta conversa tem {n} mensagens; aqui edita-se a primeira pergunta "
                                      "e a última resposta, as outras ficam como estão.").format(n=len(turns)))
            self.note.show()
        else:
            self.note.hide()
        if problems:
            self.problems_label.setText("\n".join("• " + p.text() for p in problems))
            self.problems_label.show()
        else:
            self.problems_label.hide()
        if tokens is None:
            self.tokens_label.setText("")
        elif approximate:
            self.tokens_label.setText(self.tr("Comprimento: cerca de {n} tokens (estimativa)").format(n=i18n.number(tokens)))
        else:
            self.tokens_label.setText(self.tr("Comprimento: {n} tokens").format(n=i18n.number(tokens)))
        self.save_button.setText(self.tr("Guardar alteração"))
        self.remove_button.setVisible(True)
        self.revert_button.setVisible(True)
        self.set_review(None)
        self.pages.setCurrentIndex(1)
        self._loading = False
        self._update_buttons()

    def set_review(self, origin: str | None, status: str = "", trains: bool = True) -> None:
        """A generated row (``origin`` given): where it came from, what the reviewer decided, and
        Aceitar/Rejeitar in place of Remover; its set is Treino, or Verificação with the club question it
        rephrases (data.corpus.follow_club_questions), never the reviewer's choice. None: not a generated row."""
        generated = origin is not None
        if generated:
            self.title.setText(self.tr("Pergunta gerada"))
            self.origin_label.setText(origin)
            if not trains:
                text = ""  # the reason is the first of its problems, just below
            elif self._example is not None and self._example.split == "valid":
                text = self.tr("Reformula uma pergunta do clube que está na verificação: fica na verificação "
                               "com ela, para o erro de verificação não medir uma cópia do treino.")
            elif status == PENDING:
                text = self.tr("Por rever: entra no treino, a não ser que a rejeite.")
            else:
                text = self.tr("Aceite: entra no treino.")
            self.review_label.setText(text)
            self.accept_button.setEnabled(status != ACCEPTED)
            self.reject_button.setEnabled(status != REJECTED)
        self.review_label.setVisible(generated and bool(self.review_label.text()))
        self._form.setRowVisible(self.split_combo, not generated)  # a generated row's set is not a choice
        self.accept_button.setVisible(generated)
        self.reject_button.setVisible(generated)
        self.remove_button.setVisible(not generated and self._mode == self.EXAMPLE)

    def show_new(self) -> None:
        self._example = None
        self._mode = self.NEW
        self._loading = True
        self.title.setText(self.tr("Novo exemplo"))
        self.origin_label.setText(self.tr("escrito por si (guardado no projeto)"))
        self.question_edit.clear()
        self.answer_edit.clear()
        self.split_combo.setEnabled(True)
        self.split_combo.setCurrentIndex(0)
        self.note.hide()
        self.problems_label.hide()
        self.tokens_label.setText("")
        self.save_button.setText(self.tr("Acrescentar exemplo"))
        self.revert_button.setVisible(False)
        self.set_review(None)
        self.pages.setCurrentIndex(1)
        self._loading = False
        self._update_buttons()
        self.question_edit.setFocus()

    def show_line(self, problem: Problem, text: str | None) -> None:
        """A line that never became an example (invalid JSON, unknown format...)."""
        self._example = None
        self._mode = self.LINE
        where = problem.location
        self.title.setText(self.tr("Linha com problema: {where}").format(where=where))
        self.line_reason.setText(problem.text())
        self.line_text.setPlainText(text if text is not None else self.tr("(não foi possível ler a linha)"))
        self.pages.setCurrentIndex(2)

    # ------------------------------------------------------------------ state
    def mode(self) -> int:
        return self._mode

    def current_id(self) -> str | None:
        return self._example.id if self._example is not None and self._mode == self.EXAMPLE else None

    def question(self) -> str:
        return self.question_edit.toPlainText()

    def answer(self) -> str:
        return self.answer_edit.toPlainText()

    def set_texts(self, question: str, answer: str) -> None:
        self.question_edit.setPlainText(question)
        self.answer_edit.setPlainText(answer)

    def is_dirty(self) -> bool:
        if self._mode == self.EXAMPLE and self._example is not None:
            return self.question() != self._example.question or self.answer() != self._example.answer
        if self._mode == self.NEW:
            return bool(self.question().strip() or self.answer().strip())
        return False

    def commit(self) -> bool:
        """Turns unsaved text into an edit (called before the selection moves); True if it did."""
        if not self.is_dirty():
            return False
        self._on_save()
        return True

    # ------------------------------------------------------------------ slots
    @Slot()
    def _update_buttons(self) -> None:
        if self._loading:
            return
        dirty = self.is_dirty()
        if self._mode == self.NEW:
            self.save_button.setEnabled(bool(self.question().strip() and self.answer().strip()))
        else:
            self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    @Slot()
    def _on_save(self) -> None:
        if self._mode == self.EXAMPLE and self._example is not None and self.is_dirty():
            self.save_requested.emit(self._example.id, self.question(), self.answer())
        elif self._mode == self.NEW and self.question().strip() and self.answer().strip():
            split = self.split_combo.currentData()
            question, answer = self.question(), self.answer()
            self._loading = True
            self.question_edit.clear()
            self.answer_edit.clear()
            self._loading = False
            self.add_requested.emit(question, answer, split)

    @Slot()
    def _on_revert(self) -> None:
        if self._example is not None:
            self.set_texts(self._example.question, self._example.answer)

    @Slot()
    def _on_remove(self) -> None:
        if self._example is not None:
            self.remove_requested.emit(self._example.id)

    def _on_review(self, status: str) -> None:
        if self._example is not None:
            self.commit()  # unsaved text first: it becomes the reviewer's wording
            self.review_requested.emit(self._example.id, status)

    @Slot(int)
    def _on_split_chosen(self, index: int) -> None:
        if self._mode == self.EXAMPLE and self._example is not None:
            split = self.split_combo.itemData(index)
            if split != (self._example.split or "train"):
                self.split_requested.emit(self._example.id, split)

"""«Primeiros passos»: a five-step guided path above the tabs, shown once on the first start.

Dados → Preparar → Treinar → Conversar → Exportar, one sentence each. It never blocks the
window (a strip above the tabs, not a dialog): each step switches to the tab it talks about,
Anterior/Seguinte move between steps, Fechar hides it. The Ajuda menu opens it again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

SEEN_KEY = "ui/first_steps_seen"


def steps() -> list[tuple[str, str, str]]:
    """(tab key, title, sentence) for each step, in the interface's language."""
    return [
        ("dataset", QCoreApplication.translate("FirstSteps", "Dados"),
         QCoreApplication.translate("FirstSteps",
                                    "Junte as perguntas e respostas do clube e as biografias: importe os "
                                    "seus ficheiros ou comece com os dados de exemplo.")),
        ("dataset", QCoreApplication.translate("FirstSteps", "Preparar"),
         QCoreApplication.translate("FirstSteps",
                                    "Reveja os exemplos e carregue em «Preparar dados»: uma parte fica de "
                                    "lado como perguntas de verificação.")),
        ("training", QCoreApplication.translate("FirstSteps", "Treinar"),
         QCoreApplication.translate("FirstSteps",
                                    "No separador Treino escolha o objetivo (Rápido para experimentar) e "
                                    "carregue em «Treinar»; pode pausar e continuar quando quiser.")),
        ("chat", QCoreApplication.translate("FirstSteps", "Conversar"),
         QCoreApplication.translate("FirstSteps",
                                    "Faça perguntas ao modelo afinado e compare-o com o modelo base; "
                                    "«Corrigir» junta a resposta certa aos seus dados.")),
        ("export", QCoreApplication.translate("FirstSteps", "Exportar"),
         QCoreApplication.translate("FirstSteps",
                                    "Leve o modelo afinado para o chatbot do clube: um servidor local ou um "
                                    "programa de linha de comandos, com o guia de integração.")),
    ]


class FirstSteps(QFrame):
    """The guided path: a strip that asks the main window to show each step's tab."""

    tab_requested = Signal(str)  # the step's tab key: dataset, training, chat, export

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstSteps")
        # the theme's own colours (a palette role, not a style sheet: it follows light and dark)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.steps = steps()
        self.index = 0
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.back_button = QPushButton(self.tr("« &Anterior"))
        self.next_button = QPushButton(self.tr("&Seguinte »"))
        self.close_button = QPushButton(self.tr("Fechar"))
        self.close_button.setToolTip(self.tr("Pode voltar a abrir os primeiros passos no menu Ajuda."))
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title)
        text.addWidget(self.sentence)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addLayout(text, 1)
        for button in (self.back_button, self.next_button, self.close_button):
            layout.addWidget(button)
        self.back_button.clicked.connect(self.previous_step)
        self.next_button.clicked.connect(self.next_step)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    # ------------------------------------------------------------------ showing
    def show_once(self, settings) -> bool:
        """Shows the path if these settings have never seen it; remembers that it was shown."""
        if _truthy(settings.value(SEEN_KEY, False)):
            return False
        # no sync() here: QSettings writes it soon after (and the window on closing); a damaged
        # settings file must stay as it was while the window opens (tests/gui/test_app_opening.py)
        settings.set_value(SEEN_KEY, True)
        self.start()
        return True

    def start(self) -> None:
        """Shows the path from its first step (the Ajuda menu's «Primeiros passos»)."""
        self.show()
        self.go_to(0)

    def go_to(self, index: int) -> None:
        self.index = max(0, min(index, len(self.steps) - 1))
        key, title, sentence = self.steps[self.index]
        self.title.setText(self.tr("Primeiros passos · {n} de {total}: {title}").format(
            n=self.index + 1, total=len(self.steps), title=title))
        self.sentence.setText(sentence)
        self.back_button.setEnabled(self.index > 0)
        last = self.index == len(self.steps) - 1
        self.next_button.setText(self.tr("&Concluir") if last else self.tr("&Seguinte »"))
        self.tab_requested.emit(key)

    @Slot()
    def next_step(self) -> None:
        if self.index == len(self.steps) - 1:
            self.hide()
        else:
            self.go_to(self.index + 1)

    @Slot()
    def previous_step(self) -> None:
        self.go_to(self.index - 1)


def _truthy(value) -> bool:
    """QSettings' INI files give "true"/"false" strings back for booleans."""
    return value is True or str(value).strip().lower() in ("true", "1", "yes")

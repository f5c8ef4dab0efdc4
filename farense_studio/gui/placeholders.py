"""Stand-ins for the tabs still being built: they say what will be there, and do nothing else.

Each has the constructor every tab has, ``(project_context, model_worker=None, parent=None)``,
so the real tab replaces it with a one-line change in MainWindow._build_tabs().
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


class _Placeholder(QWidget):
    """A centred title and a paragraph; no buttons, so nothing pretends to work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        heading = self.heading = QLabel()
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        body = self.body = QLabel()
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setObjectName("placeholderText")
        layout.addWidget(heading)
        # Centred by stretches, not by an alignment flag: a word-wrapped label placed with an
        # alignment loses its height-for-width and was cut to two lines.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(body, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def set_text(self, title: str, text: str) -> None:
        self.heading.setText(title)
        self.body.setText(text)


class TrainingPlaceholder(_Placeholder):
    """Where the Treino tab will be."""

    def __init__(self, project_context=None, model_worker=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_text(
            self.tr("Treino (em preparação)"),
            self.tr("Aqui vai escolher o modelo base e o objetivo (Rápido, Equilibrado ou "
                    "Especializado), iniciar o treino e acompanhar o erro a descer, com pausa, "
                    "paragem e retoma a partir do último ponto de gravação. Esta parte ainda "
                    "não está disponível nesta versão."),
        )


class ChatPlaceholder(_Placeholder):
    """Where the Conversar tab will be."""

    def __init__(self, project_context=None, model_worker=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_text(
            self.tr("Conversar (em preparação)"),
            self.tr("Aqui vai fazer perguntas ao modelo afinado e comparar as respostas com as "
                    "do modelo base, lado a lado, e verificar quantos factos do clube ele já "
                    "sabe. Esta parte ainda não está disponível nesta versão."),
        )


class ExportPlaceholder(_Placeholder):
    """Where the Exportar tab will be."""

    def __init__(self, project_context=None, model_worker=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_text(
            self.tr("Exportar (em preparação)"),
            self.tr("Aqui vai exportar a afinação para o chatbot do clube: um servidor local ou "
                    "um programa de linha de comandos, com o guia de integração. Esta parte "
                    "ainda não está disponível nesta versão."),
        )

"""Dados' bottom row: what to do next, the switch "Ensinar a responder com os documentos do clube"
(data.raft: the project's setting) and «Preparar dados»."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from farense_studio.data import raft
from farense_studio.gui.widgets import BigButton


class DocumentsSwitch(QCheckBox):
    """Checked: preparing mixes the examples with the club's passages (on by default, as measured)."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(self.tr("Ensinar a responder com os documentos do clube"), parent)
        self.context = context
        self.setToolTip(self.tr(
            "Parte dos exemplos leva os textos do clube que a pesquisa encontra para a pergunta, para o modelo "
            "aprender a responder a partir deles e a dizer «não sei» quando não dizem nada. Ligado por omissão: "
            "medido, o modelo acerta mais quando responde com os documentos."))
        self.setChecked(raft.DEFAULT_ON)
        self.toggled.connect(self._on_toggled)

    def show_project(self, project) -> None:
        """Shows the project's setting (no change is written)."""
        with QSignalBlocker(self):
            self.setChecked(raft.wanted(project.settings if project is not None else None))

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        if self.context.project is not None:
            self.context.update_settings(**{raft.SETTING_KEY: on})


class PrepareRow(QWidget):
    """The hint, the documents switch and the «Preparar dados» button."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.hint = QLabel(self.tr("Quando os dados estiverem bem, prepare-os para o treino."))
        self.hint.setWordWrap(True)
        self.documents = DocumentsSwitch(context)
        self.button = BigButton(self.tr("P&reparar dados  »"))
        self.button.setToolTip(self.tr("Grava os exemplos de treino e as perguntas de verificação "
                                       "na pasta «preparado» do projeto, prontos para o Treino"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.hint, 1)
        row.addWidget(self.documents)
        row.addWidget(self.button)

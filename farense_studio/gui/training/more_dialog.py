"""«Treinar mais…»: how many more passes over the data a finished or stopped run should make.

The engine adds them to the run as a new phase (Trainer.extend): it starts from the run's newest
save point, goes on counting steps, and draws the curve on from where it stopped.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox,
                               QVBoxLayout, QWidget)

from farense_studio.gui import i18n

DEFAULT_PASSES = 2
MAX_PASSES = 50


class TrainMoreDialog(QDialog):
    """Asks for the number of extra passes (default 2), explained in plain Portuguese."""

    def __init__(self, run_name: str, passes_done: int | None = None, steps_per_pass: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Treinar mais"))
        self.setObjectName("train_more_dialog")
        intro = QLabel(self.tr("O modelo do treino «{run}» volta a estudar os mesmos dados mais algumas "
                               "vezes, a partir do ponto onde ficou. Vale a pena quando o erro ainda "
                               "estava a descer no fim do treino: o modelo aprendeu pouco.").format(run=run_name))
        intro.setWordWrap(True)
        warning = QLabel(self.tr("Se o erro nas perguntas de verificação já estava a subir, treinar "
                                 "mais não ajuda: o modelo passa a decorar em vez de aprender."))
        warning.setWordWrap(True)
        warning.setEnabled(False)
        self.passes = QSpinBox()
        self.passes.setRange(1, MAX_PASSES)
        self.passes.setValue(DEFAULT_PASSES)
        self.passes.setAccessibleName(self.tr("Passagens pelos dados a mais"))
        self.passes.setToolTip(self.tr("Uma passagem é o modelo ver uma vez todos os exemplos de "
                                       "treino."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setEnabled(False)
        self._done = passes_done
        self._steps_per_pass = steps_per_pass
        form = QFormLayout()
        form.addRow(self.tr("&Passagens pelos dados a mais:"), self.passes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Treinar mais"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.passes.valueChanged.connect(self._update_summary)
        self._update_summary()
        self.setMinimumWidth(420)

    def _update_summary(self) -> None:
        parts = []
        if self._done == 1:
            parts.append(self.tr("Este treino já fez uma passagem pelos dados."))
        elif self._done:
            parts.append(self.tr("Este treino já fez {passes} passagens pelos dados.").format(
                passes=i18n.number(self._done)))
        if self._steps_per_pass:
            parts.append(self.tr("Mais {steps} passos de treino.").format(
                steps=i18n.number(self._steps_per_pass * self.passes.value())))
        self.summary.setText(" ".join(parts))
        self.summary.setVisible(bool(parts))

    def value(self) -> int:
        return int(self.passes.value())

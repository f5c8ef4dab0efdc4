"""Before Treinar, in plain words: this computer is far slower than a Mac with Apple Silicon,
and the shortest useful try (fewer examples, a shorter maximum length) with its own estimate.

The figures come from engine.estimate_prior.slow_advice (a measured speed when there is one,
else the prior for this kind of computer); this widget only says them and offers the try.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from farense_studio.gui import i18n
from farense_studio.gui import training_status as words


def times_slower(factor: float) -> str:
    """'cerca de 900 vezes', rounded as a person says it."""
    if factor >= 100:
        value = int(round(factor, -2))
    elif factor >= 10:
        value = int(round(factor, -1))
    else:
        value = int(round(factor))
    return i18n.number(value)


class SlowComputerNotice(QWidget):
    """Hidden unless show_advice gets a SlowAdvice."""

    tryClicked = Signal(object)  # the SlowAdvice whose try was chosen

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.advice = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #7a4b00;")
        self.try_button = QPushButton()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        row.addWidget(self.try_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.try_button.clicked.connect(lambda: self.tryClicked.emit(self.advice))
        self.hide()

    def show_advice(self, advice, full_estimate=None) -> None:
        """advice: engine.estimate_prior.SlowAdvice or None (then hidden)."""
        self.advice = advice
        if advice is None:
            self.hide()
            return
        source = (self.tr("Pelo que foi medido aqui, este computador treina cerca de {times} vezes "
                          "mais devagar do que um Mac com Apple Silicon.") if advice.measured else
                  self.tr("Este computador deve treinar cerca de {times} vezes mais devagar do que "
                          "um Mac com Apple Silicon."))
        text = source.format(times=times_slower(advice.factor))
        if full_estimate is not None:
            text += " " + self.tr("Este treino pode demorar {duration}.").format(
                duration=words.duration_range(full_estimate.total_seconds_low,
                                              full_estimate.total_seconds_high))
        short = advice.estimate
        text += " " + self.tr("Para ver primeiro se vale a pena, experimente um treino curto: "
                              "{examples} exemplos com comprimento máximo {length} (cerca de "
                              "{duration}).").format(
            examples=i18n.number(advice.examples), length=i18n.number(advice.max_seq_length),
            duration=words.duration_range(short.total_seconds_low, short.total_seconds_high)
            if short is not None else "—")
        self.label.setText(text)
        self.try_button.setText(self.tr("Experimentar o treino curto"))
        self.show()

"""Before Treinar, at once: the first estimate (engine.estimate_prior, FirstEstimates keeps what
it read of the data) and, in plain words, whether this computer is far slower than a Mac with
Apple Silicon, with the shortest useful try (fewer examples, a shorter maximum length) and its
own estimate.

The figures come from engine.estimate_prior (a measured speed when there is one, else the prior
for this kind of computer); the widget only says them and offers the try.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from farense_studio.gui import i18n
from farense_studio.gui.widgets import set_text_colour
from farense_studio.gui.training import status as words


def times_slower(factor: float) -> str:
    """'900', '1 200 000': two significant figures, as a person says it."""
    value = int(float(f"{max(1.0, factor):.2g}"))
    return i18n.number(value)


class FirstEstimates:
    """(first estimate, slow-computer advice) for a config; the data is read again only when
    the prepared file or the model changes, and speeds.json at every call (a measurement
    just kept counts at once)."""

    def __init__(self, machine=None):
        self.machine = machine  # None: this computer (tests inject one)
        self._key = None
        self._inputs = None

    def compute(self, config):
        from dataclasses import replace

        from farense_studio.engine import speed
        from farense_studio.engine.estimate_prior import prior_estimate, read_inputs, slow_advice

        if config is None or not config.data_dir:
            return None, None
        train = Path(config.data_dir) / "train.jsonl"
        try:
            stamp = train.stat().st_mtime_ns
        except OSError:
            return None, None
        key = (str(train), stamp, config.model, config.model_revision, config.system_prompt)
        if key != self._key:
            self._inputs = read_inputs(config, self.machine)
            self._key = key
        inputs = replace(self._inputs, speed=speed.speed_for(self._inputs.machine, config.model))
        return prior_estimate(config, inputs), slow_advice(config, inputs)


class SlowComputerNotice(QWidget):
    """Hidden unless show_advice gets a SlowAdvice."""

    tryClicked = Signal(object)  # the SlowAdvice whose try was chosen

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.advice = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        set_text_colour(self.label, "warning")
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

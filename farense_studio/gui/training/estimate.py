"""'Memória e duração' in the Treino tab: a first estimate at once (engine.estimate_prior, from
the model's size, the data and this computer's known speed), then what 3 measured steps say, and
the fix when it won't fit.

The measuring itself runs on the model worker (engine.estimate.estimate_run) and can be
cancelled; this panel only shows the results as ranges, warns in plain words, and turns the
engine's advice codes into setting changes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from farense_studio.gui import i18n
from farense_studio.gui.time_left import TimeLeft, with_time_left
from farense_studio.gui.widgets import set_text_colour
from farense_studio.gui.training import status as words

# Advice the Aplicar a correção button can carry out on the settings.
SETTING_ADVICE = {"advice_reduce_batch", "advice_grad_checkpoint", "advice_shorter_length"}


def fix_changes(config, advice_codes) -> dict:
    """The setting changes an estimate's advice asks for: smaller batches with more accumulation
    (same effective batch), gradient checkpointing, a shorter maximum length."""
    codes = set(advice_codes or [])
    changes = {}
    if "advice_reduce_batch" in codes and config.batch_size > 1:
        changes["grad_accumulation"] = config.grad_accumulation * config.batch_size
        changes["batch_size"] = 1
    if "advice_grad_checkpoint" in codes and not config.grad_checkpoint:
        changes["grad_checkpoint"] = True
    if "advice_shorter_length" in codes:
        changes["max_seq_length"] = max(128, int(config.max_seq_length * 3 // 4))
    return changes


class EstimatePanel(QWidget):
    """Title, the measured ranges, Medir neste computador, and the warning with its fixes."""

    measure_clicked = Signal()
    cancel_clicked = Signal()
    fix_clicked = Signal()
    smaller_model_clicked = Signal()
    force_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.estimate = None  # measured here with these settings
        self.first = None  # the first estimate, before any measuring
        self.time_left = TimeLeft()  # of the measuring: a step can take minutes on a slow computer
        title = QLabel(self.tr("Memória e duração"))
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        self.label = QLabel(self.tr("Ainda não medido neste computador."))
        self.label.setWordWrap(True)
        self.measure_button = QPushButton(self.tr("&Medir neste computador"))
        self.measure_button.setToolTip(self.tr("Treina alguns passos a sério com estes dados para saber "
                                               "quanta memória e quanto tempo o treino vai precisar."))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        set_text_colour(self.warning, "error")
        self.fix_button = QPushButton(self.tr("Aplicar a correção"))
        self.smaller_model_button = QPushButton(self.tr("Usar um modelo mais pequeno"))
        self.force_button = QPushButton(self.tr("Treinar mesmo assim"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        row.addWidget(self.measure_button)
        self.cancel_button = QPushButton(self.tr("Cancelar a medição"))
        self.cancel_button.hide()
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.warning)
        for button in (self.fix_button, self.smaller_model_button, self.force_button):
            layout.addWidget(button)
        self._hide_warning()

        self.measure_button.clicked.connect(self.measure_clicked)
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self.fix_button.clicked.connect(self.fix_clicked)
        self.smaller_model_button.clicked.connect(self.smaller_model_clicked)
        self.force_button.clicked.connect(self.force_clicked)

    def _hide_warning(self) -> None:
        for widget in (self.warning, self.fix_button, self.smaller_model_button, self.force_button):
            widget.hide()

    def clear(self) -> None:
        """The settings changed: what was measured no longer applies."""
        self.estimate = self.first = None
        self._hide_warning()
        self.label.setText(self.tr("Ainda não medido neste computador com estas definições."))

    def show_first(self, estimate) -> None:
        """The estimate before measuring (None: the model's size or the data is unknown); a
        measurement shown for these settings stays."""
        self.first = estimate
        if self.estimate is not None or self.cancel_button.isVisible():
            return
        if estimate is None:
            self.label.setText(self.tr("Ainda não medido neste computador com estas definições."))
            return
        duration = words.duration_range(estimate.total_seconds_low, estimate.total_seconds_high)
        if estimate.source == "model":
            text = self.tr("Duração: {duration}, pelo que este modelo já mediu neste computador.")
        elif estimate.source == "machine":
            text = self.tr("Duração: {duration}, pelo que outro modelo mediu neste computador.")
        else:
            text = self.tr("Primeira estimativa: {duration}, pelo tamanho do modelo e dos dados. "
                           "«Medir neste computador» dá o valor certo e a memória.")
        self.label.setText(text.format(duration=duration))

    def show_training(self) -> None:
        """A run is training with these settings: its progress shows the real figures."""
        self._hide_warning()
        self.label.setText(self.tr("A medir durante o treino: a duração e a memória reais aparecem "
                                   "no progresso, à direita."))

    def show_measuring(self) -> None:
        self._hide_warning()
        self.time_left.reset()
        self.label.setText(self.tr("A medir… (carrega o modelo e treina alguns passos a sério)"))
        self.cancel_button.show()

    def show_progress(self, done: int, total: int) -> None:
        text = self.tr("A medir: passo {done} de {total}").format(done=i18n.number(done), total=i18n.number(total))
        self.label.setText(with_time_left(text, self.time_left.update(done, total)))

    def show_failed(self, text: str) -> None:
        self.estimate = None
        self.cancel_button.hide()
        self.label.setText(self.tr("Não foi possível medir: {error}").format(error=text))

    def show_cancelled(self) -> None:
        """The measuring was cancelled: back to the first estimate."""
        self.cancel_button.hide()
        self.estimate = None
        self.show_first(self.first)

    def show_estimate(self, estimate) -> None:
        """'Duração: 20–30 min. Memória: 9,8–11,3 GB de 16 GB.' and, when it will not fit, the
        warning with the fixes the engine advises."""
        from farense_studio import messages
        from farense_studio.engine.presets import machine_memory_gb

        self.estimate = estimate
        self.cancel_button.hide()
        self._hide_warning()
        memory = getattr(estimate, "memory_gb", None) or machine_memory_gb()
        peak = getattr(estimate, "peak_memory_gb", None)
        text = self.tr("Duração: {duration}.").format(
            duration=words.duration_range(estimate.total_seconds_low, estimate.total_seconds_high))
        if peak:
            text += " " + self.tr("Memória: {memory} de {available}.").format(
                memory=words.memory_range(peak), available=words.gigabytes(memory))
        codes = list(getattr(estimate, "advice_codes", []) or [])
        if estimate.fits:
            if peak:
                text += " " + self.tr("Cabe na memória.")
            notes = [messages.render(code) for code in codes]
            self.label.setText(text + ("\n" + " ".join(notes) if notes else ""))
            return
        self.label.setText(text)
        advice = [messages.render(code) for code in codes if code != "advice_long_run"]
        self.warning.setText(self.tr("Não cabe na memória deste computador.")
                             + (" " + " ".join(advice) if advice else ""))
        self.warning.show()
        self.fix_button.setVisible(bool(SETTING_ADVICE & set(codes)))
        self.smaller_model_button.setVisible("advice_smaller_model" in codes)
        self.force_button.show()

    def show_answers_lost(self, text: str) -> None:
        """Most examples keep no answer at this maximum length: the engine's words, the setting to
        change, and «Treinar mesmo assim» (the trainer itself refuses only when none keeps one)."""
        self._hide_warning()
        self.warning.setText(text)
        self.warning.show()
        self.force_button.show()

    def advice_codes(self) -> list[str]:
        return list(getattr(self.estimate, "advice_codes", []) or [])

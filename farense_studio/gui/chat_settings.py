"""The Conversar tab's "Avançado" box: the instructions given to the model (system prompt) and
how answers are drawn (temperature, top-p, length, repetition penalty), each with a tooltip."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (QDoubleSpinBox, QHBoxLayout, QLabel, QPlainTextEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from farense_studio.engine.generation import GenerationSettings


class ChatSettingsPanel(QWidget):
    """Edits a GenerationSettings and the system prompt of the conversation."""

    settings_changed = Signal()
    system_prompt_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._default_prompt = ""

        self.system_prompt = QPlainTextEdit()
        self.system_prompt.setAccessibleName(self.tr("Instruções ao modelo"))
        self.system_prompt.setToolTip(self.tr(
            "O texto que o modelo recebe antes de cada conversa (o «prompt de sistema»). Por omissão "
            "é o usado no treino; alterar aqui vale só para esta conversa."))
        self.system_prompt.setFixedHeight(52)
        self.reset_prompt = QPushButton(self.tr("Repor as do treino"))
        self.reset_prompt.setToolTip(self.tr("Voltar às instruções com que o modelo foi treinado"))

        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setDecimals(2)
        self.temperature.setToolTip(self.tr(
            "Temperatura: 0 dá sempre a mesma resposta (a mais provável); valores mais altos dão "
            "respostas mais variadas e criativas, mas com mais erros."))
        self.top_p = QDoubleSpinBox()
        self.top_p.setRange(0.05, 1.0)
        self.top_p.setSingleStep(0.05)
        self.top_p.setDecimals(2)
        self.top_p.setToolTip(self.tr(
            "Top-p: só escolhe entre as palavras mais prováveis que juntas somam esta "
            "probabilidade; 1 considera todas."))
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(16, 4096)
        self.max_tokens.setSingleStep(32)
        self.max_tokens.setToolTip(self.tr(
            "Comprimento máximo de cada resposta, em pedaços de palavras (tokens). A resposta acaba "
            "antes se o modelo a der por terminada."))
        self.repetition_penalty = QDoubleSpinBox()
        self.repetition_penalty.setRange(1.0, 2.0)
        self.repetition_penalty.setSingleStep(0.05)
        self.repetition_penalty.setDecimals(2)
        self.repetition_penalty.setToolTip(self.tr(
            "Penalização de repetição: acima de 1 desencoraja o modelo de repetir as mesmas "
            "palavras; 1 não penaliza."))
        self.defaults_button = QPushButton(self.tr("Valores recomendados"))
        self.defaults_button.setToolTip(self.tr("Temperatura 0,7, top-p 0,9, 256 tokens, penalização 1,1"))

        prompt_row = QHBoxLayout()
        prompt_row.addWidget(self.system_prompt, 1)
        prompt_row.addWidget(self.reset_prompt)
        numbers = QHBoxLayout()
        for text, box in ((self.tr("&Temperatura"), self.temperature), (self.tr("T&op-p"), self.top_p),
                          (self.tr("Má&ximo de tokens"), self.max_tokens),
                          (self.tr("Penalização de &repetição"), self.repetition_penalty)):
            label = QLabel(text)
            label.setBuddy(box)
            label.setToolTip(box.toolTip())
            numbers.addWidget(label)
            numbers.addWidget(box)
            numbers.addSpacing(8)
        numbers.addWidget(self.defaults_button)
        numbers.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("&Instruções ao modelo (prompt de sistema):"))
        label.setBuddy(self.system_prompt)
        layout.addWidget(label)
        layout.addLayout(prompt_row)
        layout.addLayout(numbers)

        self.set_settings(GenerationSettings())
        for box in (self.temperature, self.top_p, self.repetition_penalty):
            box.valueChanged.connect(self.settings_changed)
        self.max_tokens.valueChanged.connect(self.settings_changed)
        self.system_prompt.textChanged.connect(self.system_prompt_changed)
        self.reset_prompt.clicked.connect(self._on_reset_prompt)
        self.defaults_button.clicked.connect(lambda: self.set_settings(GenerationSettings()))

    def settings(self) -> GenerationSettings:
        return GenerationSettings(temperature=round(self.temperature.value(), 2),
                                  top_p=round(self.top_p.value(), 2), max_tokens=self.max_tokens.value(),
                                  repetition_penalty=round(self.repetition_penalty.value(), 2))

    def set_settings(self, settings: GenerationSettings) -> None:
        self.temperature.setValue(settings.temperature)
        self.top_p.setValue(settings.top_p)
        self.max_tokens.setValue(settings.max_tokens)
        self.repetition_penalty.setValue(settings.repetition_penalty)

    def prompt(self) -> str:
        return self.system_prompt.toPlainText().strip()

    def set_default_prompt(self, text: str) -> None:
        """The run's own prompt: shown, and what "Repor" goes back to."""
        self._default_prompt = text
        self.system_prompt.setPlainText(text)

    @property
    def prompt_edited(self) -> bool:
        return self.prompt() != self._default_prompt.strip()

    @Slot()
    def _on_reset_prompt(self) -> None:
        self.system_prompt.setPlainText(self._default_prompt)

"""The "Avançado" form of the Treino tab: every engine setting, explained, checked at the field.

Each field parses its text, refuses a bad value with the reason right under it (the Treinar
button stays off while any field is wrong) and reads back into a TrainConfig.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from farense_studio.gui import i18n


def parse_number(text: str) -> float:
    """Accepts '1e-4', '0,0001' and '0.0001' (Portuguese keyboards type a comma)."""
    text = text.strip().replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    return float(text)


@dataclass
class FieldSpec:
    """One engine setting: where it lives in TrainConfig and what a valid value is."""

    key: str  # "epochs", "lora.rank", ...
    label: str
    tooltip: str
    kind: str  # int | float | choice | bool | text
    minimum: float | None = None
    maximum: float | None = None
    optional: bool = False  # empty means None
    choices: tuple[tuple[str, Any], ...] = ()  # (label, value)
    check: Callable[[Any], str | None] | None = None  # extra rule -> reason


def field_specs() -> list[FieldSpec]:
    """Every setting, with its Portuguese label and one-line tooltip."""
    return [
        FieldSpec("epochs", QCoreApplication.translate("AdvancedSettings", "Passagens pelos dados"),
                  QCoreApplication.translate("AdvancedSettings", "Quantas vezes o modelo lê todos os exemplos de treino (epochs, "
                    "em linguagem técnica). Mais passagens aprendem mais, mas podem decorar."),
                  "int", 1, 100),
        FieldSpec("batch_size", QCoreApplication.translate("AdvancedSettings", "Exemplos por lote"),
                  QCoreApplication.translate("AdvancedSettings", "Quantos exemplos o modelo processa de uma vez (batch size). "
                    "Mais exemplos usam mais memória."), "int", 1, 64),
        FieldSpec("grad_accumulation", QCoreApplication.translate("AdvancedSettings", "Lotes por passo"),
                  QCoreApplication.translate("AdvancedSettings", "Quantos lotes se somam antes de cada atualização (acumulação "
                    "de gradientes): lotes pequenos com acumulação poupam memória sem mudar o resultado."),
                  "int", 1, 64),
        FieldSpec("learning_rate", QCoreApplication.translate("AdvancedSettings", "Taxa de aprendizagem"),
                  QCoreApplication.translate("AdvancedSettings", "O tamanho de cada correção (learning rate). Demasiado alta torna o "
                    "treino instável; demasiado baixa aprende devagar. Típico: 1e-4."),
                  "float", 1e-7, 1e-2),
        FieldSpec("warmup_steps", QCoreApplication.translate("AdvancedSettings", "Passos de aquecimento"),
                  QCoreApplication.translate("AdvancedSettings", "Passos iniciais em que a taxa de aprendizagem sobe aos poucos "
                    "(warmup). Vazio: 5% dos passos."), "int", 0, 100000, optional=True),
        FieldSpec("lr_schedule", QCoreApplication.translate("AdvancedSettings", "Evolução da taxa"),
                  QCoreApplication.translate("AdvancedSettings", "Como a taxa de aprendizagem desce ao longo do treino (schedule)."),
                  "choice", choices=((QCoreApplication.translate("AdvancedSettings", "cosseno (recomendado)"), "cosine"),
                                     (QCoreApplication.translate("AdvancedSettings", "linear"), "linear"),
                                     (QCoreApplication.translate("AdvancedSettings", "constante"), "constant"))),
        FieldSpec("min_lr_ratio", QCoreApplication.translate("AdvancedSettings", "Taxa final (fração)"),
                  QCoreApplication.translate("AdvancedSettings", "No fim do treino a taxa de aprendizagem vale esta fração da "
                    "inicial (0 a 1)."), "float", 0.0, 1.0),
        FieldSpec("optimizer", QCoreApplication.translate("AdvancedSettings", "Otimizador"),
                  QCoreApplication.translate("AdvancedSettings", "O método que corrige os pesos (optimizer). Adam é o habitual."),
                  "choice", choices=(("Adam", "adam"), ("AdamW", "adamw"))),
        FieldSpec("weight_decay", QCoreApplication.translate("AdvancedSettings", "Decaimento dos pesos"),
                  QCoreApplication.translate("AdvancedSettings", "Só com AdamW: puxa os pesos da afinação para zero, contra o "
                    "decorar (weight decay)."), "float", 0.0, 1.0),
        FieldSpec("max_grad_norm", QCoreApplication.translate("AdvancedSettings", "Limite dos gradientes"),
                  QCoreApplication.translate("AdvancedSettings", "Corta correções demasiado grandes (gradient clipping). Vazio "
                    "ou 0: sem limite."), "float", 0.0, 1000.0, optional=True),
        FieldSpec("max_seq_length", QCoreApplication.translate("AdvancedSettings", "Comprimento máximo (tokens)"),
                  QCoreApplication.translate("AdvancedSettings", "Exemplos mais longos são cortados. Mais curto poupa memória e "
                    "tempo."), "int", 32, 8192),
        FieldSpec("lora.rank", QCoreApplication.translate("AdvancedSettings", "LoRA: rank"),
                  QCoreApplication.translate("AdvancedSettings", "O tamanho da afinação (rank). Maior aprende mais detalhes e "
                    "ocupa mais memória."), "int", 1, 512),
        FieldSpec("lora.alpha", QCoreApplication.translate("AdvancedSettings", "LoRA: alpha"),
                  QCoreApplication.translate("AdvancedSettings", "A força da afinação sobre o modelo base (alpha; escala = "
                    "alpha / rank). Costuma ser o dobro do rank."), "float", 0.01, 4096.0),
        FieldSpec("lora.dropout", QCoreApplication.translate("AdvancedSettings", "LoRA: dropout"),
                  QCoreApplication.translate("AdvancedSettings", "Fração da afinação desligada ao acaso em cada passo, contra o "
                    "decorar (0 a 0,9)."), "float", 0.0, 0.9),
        FieldSpec("lora.num_layers", QCoreApplication.translate("AdvancedSettings", "LoRA: camadas afinadas"),
                  QCoreApplication.translate("AdvancedSettings", "Quantas das últimas camadas do modelo recebem afinação; -1: "
                    "todas."), "int", -1, 512,
                  check=lambda v: None if v == -1 or v >= 1 else QCoreApplication.translate(
                      "AdvancedSettings", "Use -1 (todas) ou um número de 1 para cima.")),
        FieldSpec("lora.keys", QCoreApplication.translate("AdvancedSettings", "LoRA: camadas internas"),
                  QCoreApplication.translate("AdvancedSettings", "Que projeções de cada bloco recebem afinação, "
                    "separadas por vírgulas (por exemplo self_attn.q_proj, self_attn.v_proj). Vazio: "
                    "todas as camadas lineares."), "list"),
        FieldSpec("mask_prompt", QCoreApplication.translate("AdvancedSettings", "Aprender só as respostas"),
                  QCoreApplication.translate("AdvancedSettings", "O erro conta só nas respostas, não nas perguntas (prompt "
                    "masking). Recomendado."), "bool"),
        FieldSpec("grad_checkpoint", QCoreApplication.translate("AdvancedSettings", "Poupar memória (mais lento)"),
                  QCoreApplication.translate("AdvancedSettings", "Recalcula partes do modelo em vez de as guardar (gradient "
                    "checkpointing): menos memória, cerca de 30% mais lento."), "bool"),
        FieldSpec("eval_every", QCoreApplication.translate("AdvancedSettings", "Verificar a cada (passos)"),
                  QCoreApplication.translate("AdvancedSettings", "De quantos em quantos passos se mede o erro nas perguntas de "
                    "verificação; 0: só no fim de cada passagem."), "int", 0, 100000),
        FieldSpec("checkpoint_every", QCoreApplication.translate("AdvancedSettings", "Gravar a cada (passos)"),
                  QCoreApplication.translate("AdvancedSettings", "De quantos em quantos passos se grava um ponto de gravação "
                    "(checkpoint) para poder continuar depois; 0: só no fim de cada passagem."),
                  "int", 0, 100000),
        FieldSpec("keep_last", QCoreApplication.translate("AdvancedSettings", "Pontos de gravação guardados"),
                  QCoreApplication.translate("AdvancedSettings", "Quantos dos pontos de gravação mais recentes se guardam (o "
                    "melhor fica sempre)."), "int", 1, 100),
        FieldSpec("seed", QCoreApplication.translate("AdvancedSettings", "Semente"),
                  QCoreApplication.translate("AdvancedSettings", "Fixa o acaso (seed): a mesma semente com os mesmos dados dá o "
                    "mesmo treino."), "int", 0, 2**31 - 1),
        FieldSpec("batching", QCoreApplication.translate("AdvancedSettings", "Agrupamento dos exemplos"),
                  QCoreApplication.translate("AdvancedSettings", "Como os exemplos se juntam em passos em cada "
                    "passagem: vários exemplos curtos numa só linha, sem se verem uns aos outros "
                    "(recomendado, mais rápido), baralhados, por grupos de comprimento, ou ordenados "
                    "como no mlx-lm."),
                  "choice", choices=((QCoreApplication.translate("AdvancedSettings", "juntos numa linha (recomendado)"), "pack"),
                                     (QCoreApplication.translate("AdvancedSettings", "baralhados"), "shuffle"),
                                     (QCoreApplication.translate("AdvancedSettings", "por comprimento"), "bucket"),
                                     (QCoreApplication.translate("AdvancedSettings", "ordenados"), "sorted"))),
        FieldSpec("split_cost", QCoreApplication.translate("AdvancedSettings", "Custo de dividir um lote"),
                  QCoreApplication.translate("AdvancedSettings", "Os exemplos de cada passo são repartidos "
                    "em lotes de comprimentos parecidos quando isso poupa enchimento; este número (em "
                    "tokens) é o custo de cada lote a mais. Vazio: lotes fixos. O resultado é o mesmo."),
                  "int", 0, 100000, optional=True),
        FieldSpec("pad_multiple", QCoreApplication.translate("AdvancedSettings", "Arredondar lotes a"),
                  QCoreApplication.translate("AdvancedSettings", "Os lotes são completados até um múltiplo deste número de "
                    "tokens (menos recompilações)."), "int", 1, 512),
        FieldSpec("system_prompt", QCoreApplication.translate("AdvancedSettings", "Instrução de sistema"),
                  QCoreApplication.translate("AdvancedSettings", "O texto que diz ao modelo quem ele é; usado no treino e depois "
                    "na conversa e no servidor."), "text"),
    ]


def get_value(config, key: str) -> Any:
    obj = config
    for part in key.split("."):
        obj = getattr(obj, part)
    return obj


def set_value(config, key: str, value: Any) -> None:
    parts = key.split(".")
    obj = config
    for part in parts[:-1]:
        obj = getattr(obj, part)
    setattr(obj, parts[-1], value)


def check_value(spec: FieldSpec, text: str) -> tuple[Any, str | None]:
    """(value, None) or (None, reason in plain Portuguese)."""
    text = text.strip()
    if text == "":
        if spec.optional:
            return None, None
        return None, QCoreApplication.translate("AdvancedSettings", "Escreva um valor.")
    try:
        number = parse_number(text)
    except ValueError:
        return None, QCoreApplication.translate("AdvancedSettings", "Não é um número.")
    if spec.kind == "int":
        if number != int(number):
            return None, QCoreApplication.translate("AdvancedSettings", "Tem de ser um número inteiro.")
        number = int(number)
    if spec.minimum is not None and number < spec.minimum:
        return None, QCoreApplication.translate("AdvancedSettings", "O mínimo é {minimum}.").format(
            minimum=_shown(spec.minimum, spec.kind))
    if spec.maximum is not None and number > spec.maximum:
        return None, QCoreApplication.translate("AdvancedSettings", "O máximo é {maximum}.").format(
            maximum=_shown(spec.maximum, spec.kind))
    if spec.check is not None:
        reason = spec.check(number)
        if reason:
            return None, reason
    return number, None


def _shown(value: float, kind: str) -> str:
    if kind == "int":
        return i18n.number(int(value))
    if 0 < abs(value) < 1e-3:
        return f"{value:g}"
    return f"{value:g}".replace(".", ",") if i18n.current() == "pt" else f"{value:g}"


def _format(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "int":
        return str(int(value))
    value = float(value)
    return f"{value:g}"


class AdvancedSettings(QWidget):
    """Every engine setting in a form; invalid values are refused at the field with a reason."""

    changed = Signal()  # the user changed a value (valid or not)
    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.specs = field_specs()
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._invalid: set[str] = set()
        self._filling = False
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # In a narrow window the label goes above its field rather than pushing it off the side.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for spec in self.specs:
            editor = self._make_editor(spec)
            editor.setToolTip(spec.tooltip)
            editor.setObjectName(f"field_{spec.key}")
            editor.setAccessibleName(spec.label)
            label = QLabel(spec.label)
            label.setToolTip(spec.tooltip)
            label.setBuddy(editor)
            if spec.kind in ("int", "float"):
                error = QLabel()
                error.setObjectName("fieldError")
                error.setStyleSheet("color: #b3261e;")
                error.setWordWrap(True)
                error.hide()
                self.errors[spec.key] = error
                box = QWidget()
                lay = QVBoxLayout(box)
                lay.setContentsMargins(0, 0, 0, 0)
                lay.setSpacing(1)
                lay.addWidget(editor)
                lay.addWidget(error)
                form.addRow(label, box)
            else:
                form.addRow(label, editor)
            self.editors[spec.key] = editor

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        if spec.kind == "bool":
            box = QCheckBox()
            box.toggled.connect(self._on_edited)
            return box
        if spec.kind == "choice":
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            for label, value in spec.choices:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(self._on_edited)
            return combo
        if spec.kind == "list":
            edit = QLineEdit()
            edit.setPlaceholderText(QCoreApplication.translate("AdvancedSettings", "todas"))
            edit.textEdited.connect(self._on_edited)
            return edit
        if spec.kind == "text":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(72)
            edit.textChanged.connect(self._on_edited)
            return edit
        edit = QLineEdit()
        if spec.optional:
            edit.setPlaceholderText(QCoreApplication.translate("AdvancedSettings", "automático"))
        edit.textEdited.connect(lambda _text, key=spec.key: self._on_text(key))
        return edit

    # ---- values ---------------------------------------------------------------------------------
    def set_config(self, config) -> None:
        """Shows config's values (all valid) without signalling an edit."""
        self._filling = True
        try:
            for spec in self.specs:
                editor = self.editors[spec.key]
                value = get_value(config, spec.key)
                if spec.kind == "bool":
                    editor.setChecked(bool(value))
                elif spec.kind == "choice":
                    index = editor.findData(value)
                    if index < 0:  # a value this form does not know (a newer engine): keep it
                        editor.addItem(str(value), value)
                        index = editor.count() - 1
                    editor.setCurrentIndex(index)
                elif spec.kind == "list":
                    editor.setText(", ".join(value or []))
                elif spec.kind == "text":
                    if editor.toPlainText() != (value or ""):
                        editor.setPlainText(value or "")
                else:
                    editor.setText(_format(value, spec.kind))
                    self._set_error(spec.key, None)
        finally:
            self._filling = False

    def apply_to(self, config):
        """Writes the form's values into config (only call when is_valid())."""
        for spec in self.specs:
            editor = self.editors[spec.key]
            if spec.kind == "bool":
                value = editor.isChecked()
            elif spec.kind == "choice":
                value = editor.currentData()
            elif spec.kind == "text":
                value = editor.toPlainText().strip()
            elif spec.kind == "list":
                value = [part.strip() for part in editor.text().split(",") if part.strip()] or None
            else:
                value, reason = check_value(spec, editor.text())
                if reason:
                    raise ValueError(f"{spec.key}: {reason}")
                if spec.key == "max_grad_norm" and value == 0:
                    value = None
            set_value(config, spec.key, value)
        return config

    def is_valid(self) -> bool:
        return not self._invalid

    def first_problem(self) -> str | None:
        for spec in self.specs:
            if spec.key in self._invalid:
                return f"{spec.label}: {self.errors[spec.key].text()}"
        return None

    def editor(self, key: str) -> QWidget:
        return self.editors[key]

    # ---- validation at the field -------------------------------------------------------------
    def _on_text(self, key: str) -> None:
        spec = next(s for s in self.specs if s.key == key)
        _value, reason = check_value(spec, self.editors[key].text())
        self._set_error(key, reason)
        self._on_edited()

    def _set_error(self, key: str, reason: str | None) -> None:
        was_valid = not self._invalid
        editor = self.editors[key]
        error = self.errors.get(key)
        if reason:
            self._invalid.add(key)
            editor.setStyleSheet("border: 1px solid #b3261e; border-radius: 3px;")
            if error is not None:
                error.setText(reason)
                error.show()
        else:
            self._invalid.discard(key)
            editor.setStyleSheet("")
            if error is not None:
                error.hide()
        if was_valid != (not self._invalid):
            self.validity_changed.emit(not self._invalid)

    def _on_edited(self, *args) -> None:
        if not self._filling:
            self.changed.emit()

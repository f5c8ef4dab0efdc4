"""The "Avançado" form of the Treino tab: every engine setting, explained, checked at the field.

Each field parses its text, refuses a bad value with the reason right under it (the Treinar
button stays off while any field is wrong) and reads back into a TrainConfig. Labels, help,
ranges and choices are the metadata of TrainConfig's fields (engine.config.setting).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from farense_studio.engine.config import settings_info
from farense_studio.gui import i18n
from farense_studio.gui.widgets import set_text_colour


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


# The form's order (a layout choice); what each setting is comes from engine.config's metadata.
FORM_ORDER = ("epochs", "batch_size", "grad_accumulation", "learning_rate", "warmup_steps",
              "lr_schedule", "min_lr_ratio", "optimizer", "weight_decay", "max_grad_norm",
              "max_seq_length", "lora.rank", "lora.alpha", "lora.dropout", "lora.num_layers",
              "lora.keys", "mask_prompt", "grad_checkpoint", "eval_every", "checkpoint_every", "checkpoint_minutes",
              "keep_last", "seed", "batching", "split_cost", "pad_multiple", "system_prompt")


def _num_layers_check(value: Any) -> str | None:
    if value == -1 or value >= 1:
        return None
    return QCoreApplication.translate("AdvancedSettings", "Use -1 (todas) ou um número de 1 para cima.")


EXTRA_CHECKS: dict[str, Callable[[Any], str | None]] = {"lora.num_layers": _num_layers_check}


def field_specs() -> list[FieldSpec]:
    """Every setting, with its label and one-line tooltip in the interface language, built from
    the metadata of TrainConfig's fields (engine.config.settings_info)."""
    lang = i18n.current()
    info = settings_info()
    specs = []
    for key in FORM_ORDER + tuple(k for k in info if k not in FORM_ORDER):
        setting = info[key]
        specs.append(FieldSpec(key, setting.label(lang), setting.help(lang), setting.kind,
                               setting.minimum, setting.maximum, optional=setting.optional,
                               choices=tuple((setting.choice_label(v, lang), v) for v in setting.choices),
                               check=EXTRA_CHECKS.get(key)))
    return specs


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
                set_text_colour(error, "error")
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
            set_text_colour(editor, "error", "border: 1px solid {colour}; border-radius: 3px;")
            if error is not None:
                error.setText(reason)
                error.show()
        else:
            self._invalid.discard(key)
            set_text_colour(editor, None)
            if error is not None:
                error.hide()
        if was_valid != (not self._invalid):
            self.validity_changed.emit(not self._invalid)

    def _on_edited(self, *args) -> None:
        if not self._filling:
            self.changed.emit()

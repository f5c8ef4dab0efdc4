"""The left column of the Treino tab: base model, goal (preset), memory and duration, Avançado.

It owns what the Treinar button would train with (current_config) and what the project
remembers of it (saved_settings / restore); the tab decides when training may start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QButtonGroup, QFrame, QLabel, QRadioButton, QScrollArea, QVBoxLayout,
                               QWidget)

from farense_studio.gui.training import settings_store
from farense_studio.gui.training import status as words
from farense_studio.gui.training.estimate import EstimatePanel, fix_changes
from farense_studio.gui.training.fields import AdvancedSettings
from farense_studio.gui.training.group_panel import GroupPanel
from farense_studio.gui.training.model_choice import BaseModelChoice
from farense_studio.gui.training.slow_notice import FirstEstimates, SlowComputerNotice
from farense_studio.gui.widgets import BigButton, SectionToggle

PRESET_NAMES = settings_store.PRESET_NAMES
TRY_FOLDER = "preparado_ensaio"  # the shortest try's examples, beside the prepared folder


class GoalPanel(QWidget):
    """Model, goal, estimate and advanced settings; says when the person changed any of them."""

    settings_changed = Signal()  # a change made by the person (never by restore)
    try_requested = Signal(object)  # the TrainConfig of the shortest try on a slow computer

    def __init__(self, model_worker=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.preset = "Equilibrado"
        self._filling = False
        self._speed: dict | None = None  # seconds per step measured for one model
        self._data_dir: str | None = None  # the prepared data the first estimate reads
        self.first_estimates = FirstEstimates()
        self._build(model_worker)
        self._follow_model_size(self.model_choice.spec())
        self._connect()
        self.apply_preset(self.preset)

    def _build(self, model_worker) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        heading_font = QFont(self.font())
        heading_font.setBold(True)

        model_title = QLabel(self.tr("Modelo base"))
        model_title.setFont(heading_font)
        self.model_choice = BaseModelChoice(model_worker)
        model_title.setBuddy(self.model_choice.combo)
        left_layout.addWidget(model_title)
        left_layout.addWidget(self.model_choice)

        goal_title = QLabel(self.tr("Objetivo"))
        goal_title.setFont(heading_font)
        left_layout.addSpacing(6)
        left_layout.addWidget(goal_title)
        self.preset_group = QButtonGroup(self)
        self.preset_buttons: dict[str, QRadioButton] = {}
        self.preset_notes: dict[str, QLabel] = {}
        for name in PRESET_NAMES:
            title = {"Rápido": self.tr("&Rápido"), "Equilibrado": self.tr("&Equilibrado"),
                     "Especializado": self.tr("E&specializado")}[name]
            button = QRadioButton(title)
            button.setProperty("title", title)
            note = QLabel()
            note.setWordWrap(True)
            note.setIndent(22)
            note.setEnabled(False)
            self.preset_group.addButton(button)
            self.preset_buttons[name] = button
            self.preset_notes[name] = note
            left_layout.addWidget(button)
            left_layout.addWidget(note)
        self.custom_label = QLabel(self.tr("Definições alteradas em Avançado."))
        self.custom_label.setIndent(22)
        self.custom_label.hide()
        left_layout.addWidget(self.custom_label)

        left_layout.addSpacing(6)
        self.estimate_panel = EstimatePanel()
        left_layout.addWidget(self.estimate_panel)
        self.group = GroupPanel()  # «Usar outros Macs», under Avançado; its note under the estimate
        left_layout.addWidget(self.group.estimate_note)
        self.slow_notice = SlowComputerNotice()
        left_layout.addWidget(self.slow_notice)

        left_layout.addSpacing(6)
        self.advanced = AdvancedSettings()
        advanced_box = QWidget()
        advanced_layout = QVBoxLayout(advanced_box)
        advanced_layout.setContentsMargins(0, 0, 0, 0)
        advanced_layout.addWidget(self.advanced)
        advanced_layout.addWidget(self.group)
        self.advanced_toggle = SectionToggle(self.tr("Avançado"), advanced_box)
        left_layout.addWidget(self.advanced_toggle)
        left_layout.addWidget(advanced_box)
        left_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(300)

        self.data_label = QLabel()
        self.data_label.setWordWrap(True)
        self.train_button = BigButton(self.tr("TREINAR"))
        self.train_button.setMinimumHeight(48)
        self.train_button.setToolTip(self.tr("Começa a ensinar o modelo com os dados preparados (Ctrl+Enter)."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.data_label)
        layout.addWidget(self.train_button)

    def _connect(self) -> None:
        for name, button in self.preset_buttons.items():
            button.toggled.connect(lambda checked, n=name: checked and self._on_preset_chosen(n))
        self.advanced.changed.connect(self._on_advanced_changed)
        self.group.changed.connect(self.settings_changed)
        self.model_choice.model_changed.connect(self._on_model_changed)
        self.estimate_panel.fix_clicked.connect(self.apply_fix)
        self.slow_notice.tryClicked.connect(self._on_try)

    # ---- the settings ---------------------------------------------------------------------------
    def apply_preset(self, name: str) -> None:
        """Selects a goal and fills Avançado with its values (no settings_changed)."""
        self.preset = name
        self._filling = True
        try:
            self.preset_buttons[name].setChecked(True)
            self.advanced.set_config(settings_store.preset_config(name, self._model_parameters))
        finally:
            self._filling = False
        self._update_custom_label()

    def current_config(self, data_dir: str | None = None):
        """The TrainConfig the Treinar button would use now."""
        config = self.advanced.apply_to(settings_store.preset_config(self.preset, self._model_parameters))
        config.model = self.model_choice.spec()
        if data_dir is not None:
            config.data_dir = str(data_dir)
        config.preset = None if self.is_customised() else self.preset
        return config

    def set_settings(self, **changes) -> None:
        """Changes engine settings as if typed under Avançado (lora={...} for LoRA ones)."""
        self.advanced.set_config(self.current_config().copy(**changes))
        self._changed()

    def set_model_spec(self, spec: str) -> None:
        """Chooses the base model (a folder, a hub id or "demo")."""
        self.model_choice.set_spec(spec)
        self._on_model_changed(spec)

    def is_customised(self) -> bool:
        if not self.advanced.is_valid():
            return True
        goal = settings_store.preset_config(self.preset, self._model_parameters)
        return settings_store.customised(self.advanced.apply_to(goal), self.preset, self._model_parameters)

    def saved_settings(self) -> dict:
        """What the project keeps: model, goal and the values that differ from the goal's."""
        return {"model": self.model_choice.spec(), "preset": self.preset,
                "advanced": settings_store.changed_values(self.current_config(), self.preset,
                                                          self._model_parameters),
                "group": self.group.saved()}

    def restore(self, saved: dict) -> None:
        """Puts back what saved_settings gave (an old or damaged entry falls back to the goal)."""
        if saved.get("model"):
            self.model_choice.set_spec(saved["model"])
            self._follow_model_size(self.model_choice.spec())
        self.group.restore(saved.get("group"))
        preset = saved.get("preset") or "Equilibrado"
        self.apply_preset(preset if preset in PRESET_NAMES else "Equilibrado")
        config = settings_store.restored_config(self.preset, saved.get("advanced"), self._model_parameters)
        if config is not None:
            self._filling = True
            try:
                self.advanced.set_config(config)
            finally:
                self._filling = False
            self._update_custom_label()

    def apply_fix(self) -> list[str]:
        """Applies the estimate's advice (smaller batches with more accumulation, checkpointing, a
        shorter maximum length) and opens Avançado; returns the changes as "key=value"."""
        config = self.current_config()
        changes = fix_changes(config, self.estimate_panel.advice_codes())
        if changes:
            self.advanced.set_config(config.copy(**changes))
        self._changed()
        self.advanced_toggle.setChecked(True)
        return [f"{k}={v}" for k, v in changes.items()]

    def set_locked(self, training: bool, preparing: bool, reason: str | None) -> None:
        """Enables what may change now; reason: why Treinar cannot start (None: it can)."""
        self.train_button.setEnabled(not training and not preparing and reason is None)
        self.train_button.setToolTip(reason or self.tr("Começa a ensinar o modelo com os dados "
                                                      "preparados (Ctrl+Enter)."))
        self.estimate_panel.measure_button.setEnabled(not training and not preparing and reason is None)
        if training and self.estimate_panel.estimate is None:
            self.estimate_panel.show_training()  # the run itself is measuring time and memory
        for button in self.preset_buttons.values():
            button.setEnabled(not training)
        self.advanced.setEnabled(not training)
        self.group.setEnabled(not training)
        self.model_choice.combo.setEnabled(not training and not preparing)

    # ---- first estimate and the slow-computer word ---------------------------------------------------
    def show_first_estimate(self, data_dir) -> None:
        """The estimate at once for data_dir (None: no prepared data) and the current settings."""
        self._data_dir = None if data_dir is None else str(data_dir)
        config = self.current_config(self._data_dir) if self._data_dir and self.advanced.is_valid() else None
        estimate, advice = self.first_estimates.compute(config)
        self.estimate_panel.show_first(estimate)
        self.slow_notice.show_advice(advice, estimate)

    def _on_try(self, advice) -> None:
        """«Experimentar o treino curto»: the first examples only (a folder beside the prepared
        one, which stays as it is) at the shorter maximum length."""
        from farense_studio.engine.estimate_prior import write_subset

        config = self.current_config(self._data_dir)
        folder = write_subset(config.data_dir, advice.examples, Path(config.data_dir).parent / TRY_FOLDER)
        self.try_requested.emit(config.copy(data_dir=str(folder), preset=None, **advice.changes()))

    # ---- measured speed -----------------------------------------------------------------------------
    def remember_speed(self, config, estimate) -> None:
        """Seconds per step on this machine for this model and data: every preset's duration
        follows from it (they differ in passes, not in step size)."""
        self.group.set_estimate(estimate)
        total = getattr(estimate, "total_steps", 0) or 0
        if not total or not config.epochs:
            return
        self._speed = {"model": config.model, "low": estimate.total_seconds_low / total,
                       "high": estimate.total_seconds_high / total, "steps_per_epoch": total / config.epochs}
        self._update_preset_hints()

    def _follow_model_size(self, spec: str) -> None:
        """The goals' table and their notes for this model's size (engine.presets)."""
        self._model_parameters = _parameters(spec)
        self._update_preset_notes()

    def _update_preset_notes(self) -> None:
        """One sentence per goal, with the passes it makes for the chosen model's size."""
        from farense_studio.engine.presets import is_small_model

        small = is_small_model(self._model_parameters)
        for name, note in self.preset_notes.items():
            passes = settings_store.preset_epochs(name, self._model_parameters)
            if name == "Rápido":
                text = (self.tr("Uma passagem pelos dados: um primeiro ensaio.") if passes == 1 else
                        self.tr("{passes} passagens pelos dados: um primeiro ensaio.").format(passes=passes))
            elif name == "Equilibrado":
                text = (self.tr("{passes} passagens, a aprender mais depressa: o recomendado para um modelo "
                                "pequeno como este.").format(passes=passes) if small else
                        self.tr("Três passagens: o recomendado pelo guia do clube."))
            else:
                text = (self.tr("{passes} passagens: demora mais; para dados muito próprios do clube.").format(
                    passes=passes) if small else
                        self.tr("Cinco passagens e mais detalhe: demora mais; para dados muito próprios do clube."))
            note.setText(text)
            self.preset_buttons[name].setToolTip(text)

    def _update_preset_hints(self) -> None:
        """'Equilibrado · 20–30 min' once a measurement exists for the chosen model."""
        speed = self._speed
        usable = speed is not None and speed["model"] == self.model_choice.spec()
        for name, button in self.preset_buttons.items():
            title = button.property("title")
            if usable:
                steps = speed["steps_per_epoch"] * settings_store.preset_epochs(name, self._model_parameters)
                title = f"{title} · {words.duration_range(steps * speed['low'], steps * speed['high'])}"
            button.setText(title)

    # ---- slots ---------------------------------------------------------------------------------------
    def _on_preset_chosen(self, name: str) -> None:
        if self._filling:
            return
        self.apply_preset(name)
        self._changed()

    def _on_advanced_changed(self) -> None:
        if not self._filling:
            self._changed()

    def _on_model_changed(self, spec: str) -> None:
        """A model of another size takes its own values for the goal (engine.presets.preset_values),
        unless the person changed them under Avançado."""
        following_goal = not self.is_customised()
        self._follow_model_size(spec)
        if following_goal:
            self.apply_preset(self.preset)
        self._update_preset_hints()
        self._changed()

    def _changed(self) -> None:
        self._update_custom_label()
        self.estimate_panel.clear()
        self.group.set_estimate(None)
        self.show_first_estimate(self._data_dir)
        self.settings_changed.emit()

    def _update_custom_label(self) -> None:
        self.custom_label.setVisible(self.advanced.is_valid() and self.is_customised())


def _parameters(spec: str) -> float | None:
    """The model's size from its files (None: unknown, the guide's table applies)."""
    from farense_studio.engine.speed import model_parameters

    try:
        return model_parameters(spec) if spec else None
    except Exception:  # noqa: BLE001 - an unreadable folder: the guide's table
        return None

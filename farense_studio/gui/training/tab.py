"""The Treino tab: choose a model and a goal, see what it will cost, train with a live plot.

The tab only shows and asks: the model worker runs every step on the MLX thread and sends back
plain events. What the person reads is in training_status.py; the settings form is in
training_fields.py, the model choice in training_model_choice.py, the run list in runs_panel.py.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QButtonGroup, QFrame, QHBoxLayout, QLabel, QMessageBox,
                               QPlainTextEdit, QProgressBar, QPushButton, QRadioButton, QScrollArea,
                               QSplitter, QSystemTrayIcon, QToolButton, QVBoxLayout, QWidget)

from farense_studio.gui import i18n
from farense_studio.gui import training_status as words
from farense_studio.gui.loss_plot import LossPlot
from farense_studio.gui.runs_panel import (EXTENDABLE, RunsPanel, next_run_label, run_label,
                                           set_run_label)
from farense_studio.gui.train_more_dialog import TrainMoreDialog
from farense_studio.gui.training_estimate import EstimatePanel, fix_changes
from farense_studio.gui.training_fields import AdvancedSettings
from farense_studio.gui.training_model_choice import ModelChoice
from farense_studio.gui.widgets import Banner
from farense_studio.keep_awake import KeepAwake

PRESET_NAMES = ("Rápido", "Equilibrado", "Especializado")
RESUME_REFUSED = ("resume_config_changed", "resume_data_changed", "extend_config_changed",
                  "extend_data_changed")
UI_REFRESH_MS = 200  # labels and bar: 5 times a second is plenty for a person


class TrainingTab(QWidget):
    """Treino: model, goal, estimate, Treinar/Pausar/Parar, live plot, runs, crash recovery."""

    status_message = Signal(str)
    trainingRunning = Signal(bool)

    def __init__(self, project_context=None, model_worker=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = project_context
        self.worker = model_worker
        self.keep_awake = KeepAwake()
        self.estimate_before_training = True
        self.watch = words.CurveWatch()
        self._run_dir: Path | None = None  # the run being trained (or last trained)
        self._shown_run: Path | None = None  # the run whose curves the plot shows
        self._last_report = None
        self._ui_dirty = False
        self._pending_start: dict | None = None  # a Treinar click waiting for model/estimate
        self._estimate_key = None  # what the panel's estimate was measured for
        self._estimate_job: int | None = None
        self._preset = "Equilibrado"
        self._filling = False
        self._closing = False
        self._tray: QSystemTrayIcon | None = None
        self._more_run: Path | None = None  # the run the «Treinar mais…» banner action extends

        self._build()
        self._connect()
        self._apply_preset(self._preset)
        if self.context is not None:
            self.context.project_changed.connect(self._on_project_changed)
            self._on_project_changed(self.context.project)
        else:
            self._update_controls()

    # =========================================================================== building
    def _build(self) -> None:
        self.banner = Banner()

        # ---- left: what to train ----
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        heading_font = QFont(self.font())
        heading_font.setBold(True)

        model_title = QLabel(self.tr("Modelo base"))
        model_title.setFont(heading_font)
        self.model_choice = ModelChoice(self.worker)
        model_title.setBuddy(self.model_choice.combo)
        left_layout.addWidget(model_title)
        left_layout.addWidget(self.model_choice)

        goal_title = QLabel(self.tr("Objetivo"))
        goal_title.setFont(heading_font)
        left_layout.addSpacing(6)
        left_layout.addWidget(goal_title)
        self.preset_group = QButtonGroup(self)
        self.preset_buttons: dict[str, QRadioButton] = {}
        descriptions = {
            "Rápido": (self.tr("&Rápido"), self.tr("Uma passagem pelos dados: um primeiro ensaio.")),
            "Equilibrado": (self.tr("&Equilibrado"),
                            self.tr("Três passagens: o recomendado pelo guia do clube.")),
            "Especializado": (self.tr("E&specializado"),
                              self.tr("Cinco passagens e mais detalhe: demora mais; para dados "
                                      "muito próprios do clube.")),
        }
        for name in PRESET_NAMES:
            title, text = descriptions[name]
            button = QRadioButton(title)
            button.setProperty("title", title)
            button.setToolTip(text)
            note = QLabel(text)
            note.setWordWrap(True)
            note.setIndent(22)
            note.setEnabled(False)
            self.preset_group.addButton(button)
            self.preset_buttons[name] = button
            left_layout.addWidget(button)
            left_layout.addWidget(note)
        self.custom_label = QLabel(self.tr("Definições alteradas em Avançado."))
        self.custom_label.setIndent(22)
        self.custom_label.hide()
        left_layout.addWidget(self.custom_label)

        left_layout.addSpacing(6)
        self.estimate_panel = EstimatePanel()
        left_layout.addWidget(self.estimate_panel)

        # advanced
        left_layout.addSpacing(6)
        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setText(self.tr("Avançado"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setAutoRaise(True)
        self.advanced = AdvancedSettings()
        self.advanced.hide()
        left_layout.addWidget(self.advanced_toggle)
        left_layout.addWidget(self.advanced)
        left_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(300)

        self.data_label = QLabel()
        self.data_label.setWordWrap(True)
        from farense_studio.gui.widgets import BigButton

        self.train_button = BigButton(self.tr("TREINAR"))
        self.train_button.setMinimumHeight(48)
        self.train_button.setToolTip(self.tr("Começa a ensinar o modelo com os dados preparados (Ctrl+Enter)."))
        left_panel = QWidget()
        left_panel_layout = QVBoxLayout(left_panel)
        left_panel_layout.setContentsMargins(0, 0, 0, 0)
        left_panel_layout.addWidget(scroll, 1)
        left_panel_layout.addWidget(self.data_label)
        left_panel_layout.addWidget(self.train_button)

        # ---- right: how it goes ----
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        self.plot = LossPlot()
        self.plot_title = QLabel()
        self.plot_title.setEnabled(False)
        self.status_label = QLabel(self.tr("Pronto para treinar."))
        status_font = QFont(self.font())
        status_font.setPointSizeF(status_font.pointSizeF() * 1.2)
        status_font.setBold(True)
        self.status_label.setFont(status_font)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Estado do treino"))
        self.progress_label = QLabel()
        self.speed_label = QLabel()
        self.speed_label.setEnabled(False)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_bar.setTextVisible(False)
        self.bar_label = QLabel()  # beside the bar: text on a coloured bar reads badly
        self.bar_label.setMinimumWidth(260)
        self.pause_button = QPushButton(self.tr("&Pausar"))
        self.pause_button.setToolTip(self.tr("Faz uma pausa e grava um ponto de gravação; o computador "
                                             "fica livre. Retome quando quiser."))
        self.stop_button = QPushButton(self.tr("Pa&rar"))
        self.stop_button.setToolTip(self.tr("Termina o treino agora e grava um ponto de gravação: pode "
                                            "continuá-lo mais tarde na lista de treinos."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        self.log_toggle = QToolButton()
        self.log_toggle.setText(self.tr("Registo"))
        self.log_toggle.setCheckable(True)
        self.log_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.log_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.log_toggle.setAutoRaise(True)
        buttons.addWidget(self.log_toggle)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.log.setAccessibleName(self.tr("Registo do treino"))
        self.log.hide()
        right_layout.addWidget(self.plot_title)
        right_layout.addWidget(self.plot, 1)
        right_layout.addWidget(self.status_label)
        right_layout.addWidget(self.progress_label)
        self.bar_row = QWidget()  # hidden until a run is shown
        bar_row = QHBoxLayout(self.bar_row)
        bar_row.setContentsMargins(0, 0, 0, 0)
        bar_row.addWidget(self.progress_bar, 1)
        bar_row.addWidget(self.bar_label)
        self.bar_row.hide()
        right_layout.addWidget(self.bar_row)
        right_layout.addWidget(self.speed_label)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.log)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left_panel)
        top.addWidget(right)
        top.setStretchFactor(0, 0)
        top.setStretchFactor(1, 1)
        top.setSizes([360, 900])
        top.setChildrenCollapsible(False)

        self.runs = RunsPanel()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.runs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([600, 140])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        # Settings are saved into the project shortly after each change (the Dados tab reads
        # the chosen model and maximum length from there).
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(self.save_state)

        self._ui_timer = QTimer(self)
        self._ui_timer.setInterval(UI_REFRESH_MS)
        self._ui_timer.timeout.connect(self._on_ui_timer)
        self._ui_timer.start()

        QShortcut(QKeySequence("Ctrl+Return"), self, self._on_train_clicked)

    def _connect(self) -> None:
        for name, button in self.preset_buttons.items():
            button.toggled.connect(lambda checked, n=name: checked and self._on_preset_chosen(n))
        self.advanced_toggle.toggled.connect(self._on_advanced_toggled)
        self.advanced.changed.connect(self._on_advanced_changed)
        self.advanced.validityChanged.connect(lambda _ok: self._update_controls())
        self.log_toggle.toggled.connect(self._on_log_toggled)
        self.model_choice.modelChanged.connect(self._on_model_changed)
        self.model_choice.prepared.connect(self._on_model_prepared)
        self.model_choice.prepareFailed.connect(self._on_model_failed)
        self.model_choice.busyChanged.connect(lambda _b: self._update_controls())
        self.estimate_panel.measureClicked.connect(self._on_estimate_clicked)
        self.estimate_panel.fixClicked.connect(self._on_apply_fix)
        self.estimate_panel.smallerModelClicked.connect(self._on_smaller_model)
        self.estimate_panel.forceClicked.connect(self._on_force_train)
        self.train_button.clicked.connect(self._on_train_clicked)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.stop_button.clicked.connect(self._on_stop_clicked)
        self.banner.action_clicked.connect(self._on_banner_action)
        self.runs.resumeRequested.connect(self.resume_run)
        self.runs.moreRequested.connect(self.train_more)
        self.runs.compareRequested.connect(self._on_compare)
        self.runs.showRequested.connect(self.show_run)
        self.runs.runsChanged.connect(self._on_runs_changed)
        if self.worker is not None:
            self.worker.trainingStarted.connect(self._on_training_started)
            self.worker.trainingEvent.connect(self._on_training_event)
            self.worker.trainingEnded.connect(self._on_training_ended)
            self.worker.taskProgress.connect(self._on_task_progress)
            self.worker.taskFinished.connect(self._on_task_finished)
            self.worker.taskFailed.connect(self._on_task_failed)

    # =========================================================================== project
    @property
    def project(self):
        return self.context.project if self.context is not None else None

    def _on_project_changed(self, project) -> None:
        if self.is_training:
            return  # the run keeps going in its own folder; the list follows the new project later
        self.plot.clear()
        self.plot.clear_overlay()
        self.watch.reset()
        self._shown_run = None
        self._run_dir = None
        self._last_report = None
        self.progress_label.clear()
        self.speed_label.clear()
        self.progress_bar.setValue(0)
        self.bar_label.clear()
        self.bar_row.hide()
        self.plot_title.clear()
        self.banner.hide()
        self.estimate_panel.clear()
        self._restore_settings(project)
        self.runs.set_folder(project.treinos_dir if project is not None else None)
        self.refresh_data()
        self.offer_unfinished()
        self._update_controls()

    def _restore_settings(self, project) -> None:
        saved = (project.settings.get("training") if project is not None else None) or {}
        spec = saved.get("model")
        if spec:
            self.model_choice.set_spec(spec)
        preset = saved.get("preset") or "Equilibrado"
        self._apply_preset(preset if preset in PRESET_NAMES else "Equilibrado")
        advanced = saved.get("advanced")
        if advanced:
            try:
                from farense_studio.engine.config import TrainConfig

                config = self._preset_config(self._preset)
                merged = config.to_dict()
                lora = {**merged["lora"], **(advanced.get("lora") or {})}
                merged.update({k: v for k, v in advanced.items() if k != "lora"})
                merged["lora"] = lora
                self._filling = True
                self.advanced.set_config(TrainConfig.from_dict(merged))
            except Exception:  # noqa: BLE001 - an old or damaged setting falls back to the preset
                pass
            finally:
                self._filling = False
            self._update_custom_label()

    def save_state(self) -> None:
        """Remembers model, goal and advanced values in the project (the main window calls it)."""
        if self.context is None or self.project is None or not self.advanced.is_valid():
            return
        config = self.current_config()
        preset_values = self._preset_config(self._preset).to_dict()
        values = config.to_dict()
        changed = {k: v for k, v in values.items()
                   if k not in ("model", "data_dir", "preset", "lora") and preset_values.get(k) != v}
        lora_changed = {k: v for k, v in values["lora"].items() if preset_values["lora"].get(k) != v}
        if lora_changed:
            changed["lora"] = lora_changed
        self.context.update_settings(training={"model": self.model_choice.spec(), "preset": self._preset,
                                               "advanced": changed})

    def refresh_data(self) -> None:
        """Reads how many prepared examples there are (after the Dados tab prepares them)."""
        counts = self._data_counts()
        if self.project is None:
            self.data_label.setText("")
        elif counts is None:
            self.data_label.setText(self.tr("Primeiro prepare os dados no separador Dados."))
        else:
            self.data_label.setText(self.tr("Dados preparados: %1 exemplos de treino e %2 perguntas "
                                            "de verificação.")
                                    .replace("%1", i18n.number(counts[0])).replace("%2", i18n.number(counts[1])))
        if not self.is_training and self._last_report is None and self._pending_start is None:
            # nothing trained yet in this window: the status says what comes next
            self._set_status(self.tr("Pronto para treinar.") if counts is not None
                             else self._cannot_train_reason() or "")
        self._update_controls()

    def _data_counts(self) -> tuple[int, int] | None:
        if self.project is None:
            return None
        folder = self.project.preparado_dir
        train = folder / "train.jsonl"
        if not train.is_file():
            return None

        def lines(path: Path) -> int:
            try:
                with open(path, encoding="utf-8") as fh:
                    return sum(1 for line in fh if line.strip())
            except (OSError, ValueError):  # unreadable or not UTF-8: as if not prepared
                return 0

        n_train = lines(train)
        return (n_train, lines(folder / "valid.jsonl")) if n_train else None

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.is_training:
            self.refresh_data()

    # =========================================================================== settings
    def _preset_config(self, name: str):
        from farense_studio.engine.config import TrainConfig, apply_preset

        return apply_preset(TrainConfig(), name)

    def _apply_preset(self, name: str) -> None:
        self._preset = name
        button = self.preset_buttons[name]
        if not button.isChecked():
            self._filling = True
            button.setChecked(True)
            self._filling = False
        self._filling = True
        try:
            self.advanced.set_config(self._preset_config(name))
        finally:
            self._filling = False
        self._update_custom_label()

    def _on_preset_chosen(self, name: str) -> None:
        if self._filling:
            return
        self._apply_preset(name)
        self._on_settings_changed()

    def _on_advanced_changed(self) -> None:
        if not self._filling:
            self._update_custom_label()
            self._on_settings_changed()

    def _on_settings_changed(self) -> None:
        self.estimate_panel.clear()
        self._update_controls()
        if not self._filling and self.project is not None:
            self._save_timer.start()

    def _update_custom_label(self) -> None:
        self.custom_label.setVisible(self.advanced.is_valid() and self._is_customised())

    def _is_customised(self) -> bool:
        if not self.advanced.is_valid():
            return True
        mine = self.advanced.apply_to(self._preset_config(self._preset)).to_dict()
        preset = self._preset_config(self._preset).to_dict()
        for key in ("model", "data_dir", "preset"):
            mine.pop(key, None)
            preset.pop(key, None)
        return mine != preset

    def current_config(self):
        """The TrainConfig the Treinar button would use now."""
        config = self.advanced.apply_to(self._preset_config(self._preset))
        config.model = self.model_choice.spec()
        if self.project is not None:
            config.data_dir = str(self.project.preparado_dir)
        config.preset = None if self._is_customised() else self._preset
        return config

    def set_settings(self, **changes) -> None:
        """Changes engine settings as if typed under Avançado (lora={...} for LoRA ones)."""
        self.advanced.set_config(self.current_config().copy(**changes))
        self._update_custom_label()
        self._on_settings_changed()

    def set_model_spec(self, spec: str) -> None:
        """Chooses the base model (a folder, a hub id or "demo")."""
        self.model_choice.set_spec(spec)
        self._on_model_changed(spec)

    def _on_model_changed(self, spec: str) -> None:
        self._update_preset_hints()
        self._on_settings_changed()

    def _on_advanced_toggled(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _on_log_toggled(self, shown: bool) -> None:
        self.log.setVisible(shown)
        self.log_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    # =========================================================================== controls
    @property
    def is_training(self) -> bool:
        return self.worker is not None and self.worker.is_training and self._run_dir is not None \
            and self.worker.training_run == str(self._run_dir)

    def _update_controls(self) -> None:
        training = self.is_training
        paused = training and self.worker.is_paused
        preparing = self._pending_start is not None or self.model_choice.busy or self._estimate_job is not None
        reason = self._cannot_train_reason()
        self.train_button.setEnabled(not training and not preparing and reason is None)
        self.train_button.setToolTip(reason or self.tr("Começa a ensinar o modelo com os dados "
                                                      "preparados (Ctrl+Enter)."))
        self.estimate_panel.measure_button.setEnabled(not training and not preparing and reason is None)
        self.pause_button.setEnabled(training and not self.worker.is_stopping)
        self.pause_button.setText(self.tr("&Retomar") if paused else self.tr("&Pausar"))
        self.stop_button.setEnabled(training and not self.worker.is_stopping)
        for button in self.preset_buttons.values():
            button.setEnabled(not training)
        self.advanced.setEnabled(not training)
        self.model_choice.combo.setEnabled(not training and not preparing)
        self.runs.set_active(self._run_dir if training else None)

    def _cannot_train_reason(self) -> str | None:
        if self.worker is None:
            return self.tr("O treino não está disponível nesta janela.")
        if self.project is None:
            return self.tr("Abra ou crie um projeto primeiro.")
        if self._data_counts() is None:
            return self.tr("Primeiro prepare os dados no separador Dados.")
        problem = self.advanced.first_problem()
        if problem:
            return self.tr("Corrija em Avançado: %1").replace("%1", problem)
        return None

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _log(self, text: str, stamp: str | None = None) -> None:
        self.log.appendPlainText((time.strftime("%H:%M:%S") if stamp is None else stamp) + "  " + text)

    def _log_history(self, rows: list[dict]) -> None:
        """A run's log rebuilt from its metrics.jsonl (checks, save points, events)."""
        self.log.clear()
        for row in rows:
            kind, step = row.get("kind"), row.get("step", 0)
            if kind == "eval" and row.get("val_loss") is not None:
                text = self.tr("Passo %1: erro nas perguntas de verificação %2") \
                    .replace("%1", i18n.number(step)).replace("%2", words.loss_text(row["val_loss"]))
            elif kind == "checkpoint":
                text = self.tr("Ponto de gravação no passo %1 (%2).") \
                    .replace("%1", i18n.number(step)).replace("%2", words.duration(row.get("seconds")))
            elif kind == "event" and row.get("text"):
                text = str(row["text"])
            else:
                continue
            self._log(text, stamp="--:--:--")

    # =========================================================================== Treinar
    def _on_train_clicked(self) -> None:
        if not self.train_button.isEnabled():
            return
        self.banner.hide()
        self.start_training()

    def start_training(self, config=None, force: bool = False) -> None:
        """Gets the model ready, measures 3 steps (once per setting), then trains a new run."""
        reason = self._cannot_train_reason()
        if reason is not None or self.is_training:
            if reason:
                self.banner.show_message(reason, "warning")
            return
        config = config or self.current_config()
        self._pending_start = {"config": config, "force": force}
        self._update_controls()
        self._advance_start()

    def _advance_start(self) -> None:
        pending = self._pending_start
        if pending is None:
            return
        config = pending["config"]
        if not self.model_choice.is_ready(config.model):
            self._set_status(self.tr("A preparar o modelo base…"))
            self.model_choice.prepare()
            return
        if pending.get("estimate_only"):
            self._run_estimate(config)
            return
        if self.estimate_before_training and not pending["force"]:
            estimate = self.estimate_panel.estimate
            if estimate is None or self._estimate_key != self._estimate_key_for(config):
                self._run_estimate(config)
                return
            if not estimate.fits:
                self._pending_start = None
                self._set_status(self.tr("Com estas definições o treino não cabe na memória deste "
                                         "computador. Veja a correção proposta à esquerda."))
                self._update_controls()
                return
        self._pending_start = None
        self._launch(config, None, resume=False)

    def _launch(self, config, run_dir: Path | None, resume: bool, more_epochs: int | None = None) -> None:
        from farense_studio.engine.runs import new_run_dir

        project = self.project
        if run_dir is None:
            label = (config.preset or "personalizado").lower()
            label = {"rápido": "rapido"}.get(label, label)
            run_dir = new_run_dir(project.treinos_dir, label)
            run_dir.mkdir(parents=True, exist_ok=True)
            set_run_label(run_dir, next_run_label(project.treinos_dir,
                                                  self.tr("Treino %1")))
            self.plot.clear()
            self.watch.reset()
            self.log.clear()
        self._run_dir = Path(run_dir)
        self._shown_run = self._run_dir
        self._last_report = None
        self.plot_title.setText(run_label(self._run_dir))
        self.progress_bar.setValue(0)
        self.bar_label.setText(self.tr("a começar…"))
        self.bar_row.show()
        self._set_status(self.tr("A carregar o modelo e os dados…"))
        self._log(self.tr("Início: %1 (%2)").replace("%1", self._run_dir.name).replace("%2", config.model))
        extra = {"more_epochs": more_epochs} if more_epochs is not None else {}
        try:
            self.worker.train(config, self._run_dir, resume=resume, **extra)
        except RuntimeError as exc:
            self.banner.show_message(str(exc), "error")
            self._run_dir = None
        self._update_controls()

    # ---- model preparation -------------------------------------------------------------------
    def _on_model_prepared(self, spec: str, path: str) -> None:
        self._log(self.tr("Modelo base pronto: %1").replace("%1", path))
        if self._pending_start is not None:
            self._advance_start()
        self._update_controls()

    def _on_model_failed(self, spec: str, text: str) -> None:
        if self._pending_start is not None:
            self._pending_start = None
            self._set_status(self.tr("Pronto para treinar."))
        if text:
            self.banner.show_message(self.tr("Não foi possível preparar o modelo base: %1").replace("%1", text),
                                     "error")
        else:
            self.banner.show_message(self.tr("Descarga cancelada. O que já veio fica guardado: ao "
                                             "carregar de novo em Treinar, continua de onde parou."),
                                     "info")
        self._update_controls()

    # ---- estimate ------------------------------------------------------------------------------------
    def _estimate_key_for(self, config) -> tuple:
        return (config.model, config.config_hash(), config.batch_size, config.grad_checkpoint)

    def _on_estimate_clicked(self) -> None:
        config = self.current_config()
        if not self.model_choice.is_ready(config.model):
            self._pending_start = {"config": config, "force": False, "estimate_only": True}
            self._update_controls()
            self.model_choice.prepare()
            return
        self._run_estimate(config)

    def _run_estimate(self, config) -> None:
        from farense_studio.engine.estimate import estimate_run

        self._set_status(self.tr("A medir 3 passos de treino neste computador…"))
        self.estimate_panel.show_measuring()
        self._estimate_config = config
        self._estimate_job = self.worker.run_job(
            lambda progress, stop: estimate_run(config, steps=3,
                                                progress=lambda done, total: progress((done, total))),
            kind="estimate", free_memory=True)
        self._update_controls()

    def _on_task_progress(self, task_id: int, value) -> None:
        if task_id == self._estimate_job and isinstance(value, tuple) and len(value) == 2:
            self.estimate_panel.show_progress(*value)

    def _on_task_finished(self, task_id: int, result) -> None:
        if task_id != self._estimate_job:
            return
        self._estimate_job = None
        self._estimate_key = self._estimate_key_for(self._estimate_config)
        self._remember_speed(self._estimate_config, result)
        self.estimate_panel.show_estimate(result)
        pending = self._pending_start
        if pending is not None and pending.get("estimate_only"):
            self._pending_start = None
        if self._pending_start is not None:
            self._advance_start()
        else:
            self._set_status(self.tr("Pronto para treinar."))
        self._update_controls()

    def _on_task_failed(self, task_id: int, text: str) -> None:
        if task_id != self._estimate_job:
            return
        self._estimate_job = None
        self._pending_start = None
        self.estimate_panel.show_failed(text)
        self._set_status(self.tr("Pronto para treinar."))
        self.banner.show_message(self.tr("A medição falhou: %1").replace("%1", text), "error")
        self._update_controls()

    def _remember_speed(self, config, estimate) -> None:
        """Seconds per step on this machine for this model and data: every preset's duration
        follows from it (they differ in passes, not in step size)."""
        total = getattr(estimate, "total_steps", 0) or 0
        if not total or not config.epochs:
            return
        self._speed = {"model": config.model, "effective_batch": config.effective_batch,
                       "low": estimate.total_seconds_low / total, "high": estimate.total_seconds_high / total,
                       "steps_per_epoch": total / config.epochs}
        self._update_preset_hints()

    def _update_preset_hints(self) -> None:
        """'Equilibrado · 20–30 min' once a measurement exists for the chosen model."""
        speed = getattr(self, "_speed", None)
        usable = speed is not None and speed["model"] == self.model_choice.spec()
        for name, button in self.preset_buttons.items():
            title = button.property("title")
            if usable:
                from farense_studio.engine.config import PRESETS

                steps = speed["steps_per_epoch"] * PRESETS[name]["epochs"]
                title = f"{title} · {words.duration_range(steps * speed['low'], steps * speed['high'])}"
            button.setText(title)

    def _on_apply_fix(self) -> None:
        """Applies the estimate's advice: smaller batches with more accumulation, checkpointing,
        a shorter maximum length."""
        config = self.current_config()
        changes = fix_changes(config, self.estimate_panel.advice_codes())
        if changes:
            self.advanced.set_config(config.copy(**changes))
            self._update_custom_label()
            self._log(self.tr("Correção aplicada: %1").replace(
                "%1", ", ".join(f"{k}={v}" for k, v in changes.items())))
        self._on_settings_changed()
        self.advanced_toggle.setChecked(True)

    def _on_smaller_model(self) -> None:
        from farense_studio.gui.training_model_choice import recommended_for_memory

        self.set_model_spec(recommended_for_memory(8))

    def _on_force_train(self) -> None:
        self.start_training(force=True)

    # =========================================================================== training events
    def _on_training_started(self, run_dir: str) -> None:
        if self._run_dir is None or Path(run_dir) != self._run_dir:
            return
        self.keep_awake.start()
        self.runs.refresh()
        self.runs.set_active(self._run_dir)
        self.trainingRunning.emit(True)
        self.status_message.emit(self.tr("A treinar…"))
        self._update_controls()

    def _on_training_event(self, event) -> None:
        name = type(event).__name__
        if name == "StepReport":
            last = self.plot.train.last()
            if last is not None and event.step <= last[0]:
                self.plot.truncate_after(event.step - 1)  # resumed from an earlier checkpoint
            self.plot.add_train(event.step, event.loss)
            self.watch.add_train(event.loss)
            if self._last_report is None:
                self.plot.set_step_range(event.total_steps)
                self._set_status(self.tr("O modelo está a aprender."))
                self.runs.refresh()  # the run folder has its config and state by now
            self._last_report = event
            self._ui_dirty = True
        elif name == "EvalReport":
            self.plot.add_eval(event.step, event.val_loss)
            self.watch.add_eval(event.val_loss)
            self._log(self.tr("Passo %1: erro nas perguntas de verificação %2")
                      .replace("%1", i18n.number(event.step)).replace("%2", words.loss_text(event.val_loss)))
            if not self.worker.is_paused:
                self._set_status(self.watch.status())
        elif name == "CheckpointSaved":
            self.runs.refresh()  # best checking error and step, as the run folder now says
            self._log(self.tr("Ponto de gravação no passo %1 (%2).")
                      .replace("%1", i18n.number(event.step)).replace("%2", words.duration(event.seconds)))
        elif name == "Paused":
            self._ui_dirty = True
            self._set_status(self.tr("Em pausa no passo %1. O progresso está gravado: pode continuar "
                                     "agora ou mais tarde.").replace("%1", i18n.number(event.step)))
            self._log(self.tr("Pausa no passo %1.").replace("%1", i18n.number(event.step)))
        elif name == "Resumed":
            self._ui_dirty = True
            self._set_status(self.watch.status())
            self._log(self.tr("Retomado no passo %1.").replace("%1", i18n.number(event.step)))
        elif name == "PhaseStarted":
            # «Treinar mais»: the curve goes on from the run's history, a line marks the phase
            self.plot.add_phase_marker(event.start_step, event.phase)
            self.plot.set_step_range(event.total_steps)
            self._set_status(self.tr("A treinar mais: fase %1 do treino.").replace("%1", str(event.phase)))
            self._log(event.text)
        elif name in ("Notice", "Failed"):
            text = getattr(event, "text", "") or getattr(event, "code", "")
            self._log(text)
        self._update_controls()

    def _on_ui_timer(self) -> None:
        if not self._ui_dirty or self._last_report is None:
            return
        self._ui_dirty = False
        report = self._last_report
        self.progress_label.setText(words.progress_line(report))
        self.speed_label.setText(words.speed_line(report))
        total = max(1, int(report.total_steps))
        self.progress_bar.setValue(int(1000 * report.step / total))
        self.bar_label.setText(words.bar_text(report, paused=self.worker.is_paused))
        if not self.worker.is_paused and self.watch.val_losses == [] and len(self.watch.train_losses) % 10 == 0:
            self._set_status(self.watch.status())

    def _on_training_ended(self, outcome: str, event) -> None:
        run_dir = self._run_dir
        if run_dir is None:
            return
        self.keep_awake.stop()
        self._on_ui_timer()
        self.plot.flush()
        name = type(event).__name__ if event is not None else ""
        code = getattr(event, "code", "")
        if outcome == "finished":
            best = getattr(event, "best_val_loss", None) or self.watch.best_val
            text = self.tr("Treino concluído. Melhor erro nas perguntas de verificação: %1. A afinação "
                           "está pronta: experimente-a no separador Conversar.").replace("%1", words.loss_text(best))
            self._set_status(self.tr("Treino concluído."))
            self.progress_bar.setValue(1000)
            self._more_run = run_dir
            self.banner.show_message(text, "success", actions=[("train_more", self.tr("Treinar mais…"))])
            self._notify(self.tr("Treino concluído"), text)
        elif outcome == "stopped":
            step = getattr(event, "step", None) or (self._last_report.step if self._last_report else 0)
            text = self.tr("Treino parado no passo %1 e gravado. Para continuar, escolha-o na lista "
                           "de treinos e carregue em Continuar treino.").replace("%1", i18n.number(step))
            self._set_status(self.tr("Treino parado."))
            self.banner.show_message(text, "info")
            self._notify(self.tr("Treino parado"), text)
        else:
            text = getattr(event, "text", "") or str(code) or self.tr("erro desconhecido")
            self._set_status(self.tr("O treino não pôde continuar."))
            if code in RESUME_REFUSED:
                self._refused_run = run_dir
                explain = {
                    "resume_data_changed": self.tr("Este treino não pode continuar: os dados "
                                                   "preparados mudaram desde que começou."),
                    "extend_data_changed": self.tr("Não é possível treinar mais este treino: os "
                                                   "dados preparados mudaram desde que começou."),
                    "extend_config_changed": self.tr("Não é possível treinar mais este treino: as "
                                                     "definições que mudam o treino já não são as "
                                                     "mesmas."),
                }.get(code) or self.tr("Este treino não pode continuar: as definições que mudam o "
                                       "treino já não são as mesmas.")
                self.banner.show_message(explain + " " + self.tr("Pode começar um treino novo com os dados "
                                                                 "e as definições de agora."),
                                         Banner.WARNING, actions=[("new_run", self.tr("Começar treino novo"))])
            else:
                self.banner.show_message(self.tr("O treino falhou: %1").replace("%1", text), "error")
                self._notify(self.tr("O treino falhou"), text)
        if name:
            self._log(self.status_label.text())
        self.runs.set_active(None)
        self.runs.refresh()
        self.trainingRunning.emit(False)
        self.status_message.emit(self.status_label.text())
        self._update_controls()

    def _notify(self, title: str, text: str) -> None:
        """A system notification where there is one (the banner is always there)."""
        window = self.window()
        if window is not None:
            QApplication.alert(window)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self._tray is None:
            from farense_studio.gui.widgets import app_icon

            self._tray = QSystemTrayIcon(app_icon(), self)
        self._tray.show()
        self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10000)
        QTimer.singleShot(15000, self._tray.hide)

    # ---- pause / resume / stop -------------------------------------------------------------------
    def _on_pause_clicked(self) -> None:
        if not self.is_training:
            return
        if self.worker.is_paused:
            self.worker.resume_training()
            self._set_status(self.tr("A retomar…"))
        else:
            self.worker.pause_training()
            self._set_status(self.tr("A pausar no fim deste passo…"))
        self._update_controls()

    def _on_stop_clicked(self) -> None:
        if not self.is_training:
            return
        self.worker.stop_training()
        self._set_status(self.tr("A parar e a gravar um ponto de gravação…"))
        self._update_controls()

    # =========================================================================== runs
    def offer_unfinished(self) -> None:
        """After a crash: offers to continue the newest run left 'running' by a dead process."""
        if self.project is None or self.is_training:
            return
        from farense_studio.engine.runs import find_unfinished

        interrupted = [r for r in find_unfinished(self.project.treinos_dir) if r.state == "interrupted"]
        if not interrupted:
            return
        run = interrupted[0]
        when = i18n.locale().toString(time_to_qdatetime(run.created), "d MMM, HH:mm")
        self._offered_run = Path(run.path)
        self.banner.show_message(
            self.tr("O treino de %1 foi interrompido no passo %2 (a aplicação ou o computador "
                    "desligou-se). Pode continuar exatamente de onde ficou.")
            .replace("%1", when).replace("%2", i18n.number(run.step)),
            Banner.WARNING, actions=[("resume_offered", self.tr("Continuar treino")),
                                     ("show_offered", self.tr("Ver detalhes"))])

    def _on_banner_action(self, key: str) -> None:
        if key == "resume_offered":
            self.banner.hide()
            self.resume_run(self._offered_run)
        elif key == "show_offered":
            self.show_run(self._offered_run)
            self.runs.select(self._offered_run)
            self.log_toggle.setChecked(True)
        elif key == "new_run":
            self.banner.hide()
            self.start_new_from(self._refused_run)
        elif key == "train_more":
            self.train_more(self._more_run)

    def resume_run(self, run_dir) -> None:
        """Continues a paused, stopped or interrupted run from its newest checkpoint."""
        if self.is_training or self.worker is None:
            return
        run_dir = Path(run_dir)
        config = self._run_config(run_dir)
        if config is None:
            return
        self.show_run(run_dir)
        self._log(self.tr("A continuar o treino %1.").replace("%1", run_label(run_dir)))
        self._launch(config, run_dir, resume=True)

    def _run_config(self, run_dir: Path):
        """The run's TrainConfig, or None after saying in the banner why it cannot be read."""
        from farense_studio.engine.config import TrainConfig

        try:
            return TrainConfig.load(run_dir / "config.yaml")
        except Exception as exc:  # noqa: BLE001
            self.banner.show_message(self.tr("Não foi possível ler as definições deste treino: %1")
                                     .replace("%1", str(exc)), "error")
            return None

    def train_more(self, run_dir, passes: int | None = None) -> None:
        """«Treinar mais…»: asks how many more passes over the data (unless given), then trains
        the finished or stopped run on from its newest save point, as a new phase of the same
        run (the engine's Trainer.extend); the plot continues the run's curve."""
        if self.is_training or self.worker is None or run_dir is None:
            return
        from farense_studio.engine.runs import run_info

        run_dir = Path(run_dir)
        info = run_info(run_dir)
        if info is None or info.state not in EXTENDABLE:
            return
        config = self._run_config(run_dir)
        if config is None:
            return
        if passes is None:
            passes = self.ask_more_passes(run_dir)
            if not passes:
                return
        self.banner.hide()
        self.show_run(run_dir)
        self.runs.select(run_dir)
        if passes == 1:
            self._log(self.tr("Treinar mais o treino %1: uma passagem pelos dados a mais.")
                      .replace("%1", run_label(run_dir)))
        else:
            self._log(self.tr("Treinar mais o treino %1: %2 passagens pelos dados a mais.")
                      .replace("%1", run_label(run_dir)).replace("%2", i18n.number(passes)))
        self._launch(config, run_dir, resume=True, more_epochs=int(passes))

    def ask_more_passes(self, run_dir: Path) -> int | None:
        """The «Treinar mais» dialog: the number of extra passes, None when cancelled."""
        from farense_studio.engine import checkpoints as C

        state = C.read_training_state(run_dir) or {}
        steps_per_pass = None
        try:
            steps_per_pass = (C.read_state(C.resolve_checkpoint(run_dir, "latest")) or {}).get("steps_per_epoch")
        except C.CheckpointError:
            pass
        dialog = TrainMoreDialog(run_label(run_dir), passes_done=state.get("epoch"),
                                 steps_per_pass=steps_per_pass, parent=self)
        accepted = dialog.exec() == TrainMoreDialog.DialogCode.Accepted
        value = dialog.value()
        dialog.deleteLater()
        return value if accepted else None

    def start_new_from(self, run_dir) -> None:
        """A new run with a refused run's goal and model, on the current data and settings."""
        if run_dir is not None:
            try:
                from farense_studio.engine.config import TrainConfig

                old = TrainConfig.load(Path(run_dir) / "config.yaml")
                self.model_choice.set_spec(old.model)
            except Exception:  # noqa: BLE001 - the current settings will do
                pass
        self.start_training()

    def show_run(self, run_dir) -> None:
        """Draws a finished or unfinished run's curves from its metrics.jsonl."""
        if self.is_training and Path(run_dir) != self._run_dir:
            self._on_compare(run_dir)
            return
        from farense_studio.engine.runs import read_metrics

        rows = read_metrics(run_dir)
        self.plot.set_history(rows)
        self.watch.reset()
        for row in rows:
            if row.get("kind") == "train" and row.get("loss") is not None:
                self.watch.add_train(row["loss"])
            elif row.get("kind") == "eval" and row.get("val_loss") is not None:
                self.watch.add_eval(row["val_loss"])
        self._shown_run = Path(run_dir)
        self.plot_title.setText(run_label(run_dir))
        self._log_history(rows)

    def _on_compare(self, run_dir) -> None:
        if run_dir is None:
            self.plot.clear_overlay()
            return
        from farense_studio.engine.runs import read_metrics

        self.plot.set_overlay(read_metrics(run_dir), run_label(run_dir))

    def _on_runs_changed(self) -> None:
        if self._shown_run is not None and self._shown_run.exists():
            self.plot_title.setText(run_label(self._shown_run))
        elif self._shown_run is not None:
            self.plot.clear()
            self.plot_title.clear()
            self._shown_run = None

    # =========================================================================== closing
    def training_running(self) -> bool:
        """True while a run trains (or waits at a pause): closing must ask first."""
        return self.is_training

    def pause_into_checkpoint(self, timeout_ms: int = 300000) -> bool:
        """Stops the run at the next step boundary with a checkpoint (resumable later) and waits
        for it; True when it ended in time."""
        if not self.is_training:
            return True
        loop = QEventLoop()
        self.worker.trainingEnded.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        self.worker.stop_training()
        self._set_status(self.tr("A gravar um ponto de gravação antes de fechar…"))
        if self.is_training:
            loop.exec()
        self.worker.trainingEnded.disconnect(loop.quit)
        return not self.worker.is_training

    def confirm_close(self) -> bool:
        """Asked by the main window before closing: never loses training progress silently."""
        if not self.is_training:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Treino a decorrer"))
        box.setText(self.tr("Está a decorrer um treino."))
        box.setInformativeText(self.tr("Ao fechar, o treino para no fim do passo atual e grava um ponto "
                                       "de gravação. Da próxima vez que abrir a aplicação, pode "
                                       "continuá-lo exatamente de onde ficou."))
        save = box.addButton(self.tr("Gravar e fechar"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Continuar a treinar"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        if box.clickedButton() is not save:
            return False
        return self.pause_into_checkpoint()

    def shutdown(self) -> None:
        self._closing = True
        self.keep_awake.stop()
        self.model_choice.shutdown()
        if self._tray is not None:
            self._tray.hide()


def time_to_qdatetime(seconds: float):
    from PySide6.QtCore import QDateTime

    return QDateTime.fromSecsSinceEpoch(int(seconds))

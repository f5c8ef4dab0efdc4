"""The Treino tab: choose a model and a goal, see what it will cost, train with a live plot.

The tab only lays out and decides: the goal panel (goal_panel.py) holds the settings, the run
view (run_view.py) shows a run, the start flow (start_flow.py) is Treinar as one async function,
a run's ending in words is endings.py. Steps run on the worker's MLX thread; a run is a Job.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox, QSplitter, QSystemTrayIcon, QVBoxLayout, QWidget

from farense_studio.data import raft
from farense_studio.data.prepared_inputs import prepared_counts, prepared_is_current
from farense_studio.gui import i18n
from farense_studio.gui.jobs import spawn
from farense_studio.gui.project_context import follow_project
from farense_studio.gui.runs_panel import RunsPanel, next_run_label, run_label, set_run_label
from farense_studio.gui.training import endings, group_run, resume, start_flow
from farense_studio.gui.training.goal_panel import GoalPanel
from farense_studio.gui.training.model_choice import recommended_for_memory
from farense_studio.gui.training.run_view import RunView
from farense_studio.gui.widgets import Banner
from farense_studio.keep_awake import KeepAwake


class TrainingTab(QWidget):
    """Treino: model, goal, estimate, Treinar/Pausar/Parar, live plot, runs, crash recovery."""

    status_message = Signal(str)

    def __init__(self, project_context=None, model_worker=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = project_context
        self.worker = model_worker
        self.keep_awake = KeepAwake()
        self.estimate_before_training = True
        self.estimate_key = None  # what the panel's estimate was measured for (start_flow)
        self.measuring = None  # the Job of a measurement in progress
        self._starting = None  # the asyncio task of a Treinar / Medir flow
        self._run_job = None  # the Job of the run being trained
        self._run_dir: Path | None = None  # the run being trained (or last trained)
        self._shown_run: Path | None = None  # the run whose curves the plot shows
        self._tray: QSystemTrayIcon | None = None
        self._runner = model_worker  # who trains the run: the model worker, or a group of Macs (group_run)
        self._banner_runs: dict[str, Path] = {}  # banner action -> the run it acts on
        self._stale = False  # Dados changed since the preparation (refresh_data reads it)
        self._build()
        self._connect()
        if not follow_project(self.context, self._on_project_changed):
            self.update_controls()

    # =========================================================================== building
    def _build(self) -> None:
        self.banner = Banner()
        self.goal = GoalPanel(self.worker)
        self.run_view = RunView(lambda: self._runner is not None and self._runner.is_paused, worker=self.worker)
        # the parts tests and screenshots reach for, by their usual names
        for name in ("model_choice", "preset_buttons", "estimate_panel", "advanced", "advanced_toggle",
                     "custom_label", "data_label", "train_button"):
            setattr(self, name, getattr(self.goal, name))
        for name in ("plot", "plot_title", "status_label", "progress_label", "speed_label", "progress_bar",
                     "bar_label", "bar_row", "pause_button", "stop_button", "log", "log_toggle", "watch"):
            setattr(self, name, getattr(self.run_view, name))

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.goal)
        top.addWidget(self.run_view)
        top.setStretchFactor(0, 0)
        top.setStretchFactor(1, 1)
        top.setSizes([360, 900])
        top.setChildrenCollapsible(False)
        self.goal.group.paths = lambda: group_run.shared_paths(self)
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

        # Settings go into the project shortly after each change (Dados reads model and length).
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(self.save_state)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._on_train_clicked)

    def _connect(self) -> None:
        self.goal.settings_changed.connect(self._on_settings_changed)
        self.goal.try_requested.connect(lambda config: self.start_training(config))
        self.advanced.validity_changed.connect(lambda _ok: self.update_controls())
        self.model_choice.prepared.connect(self._on_model_prepared)
        self.model_choice.prepare_failed.connect(self._on_model_failed)
        self.model_choice.busy_changed.connect(lambda _busy: self.update_controls())
        self.estimate_panel.measure_clicked.connect(self._on_estimate_clicked)
        self.estimate_panel.smaller_model_clicked.connect(self._on_smaller_model)
        self.estimate_panel.force_clicked.connect(lambda: self.start_training(force=True))
        self.estimate_panel.fix_clicked.connect(self._on_fix_applied)
        self.train_button.clicked.connect(self._on_train_clicked)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.stop_button.clicked.connect(self._on_stop_clicked)
        self.run_view.run_folder_changed.connect(self.runs.refresh)
        self.banner.action_clicked.connect(self._on_banner_action)
        self.runs.resume_requested.connect(self.resume_run)
        self.runs.more_requested.connect(self.train_more)
        self.runs.compare_requested.connect(self._on_compare)
        self.runs.show_requested.connect(self.show_run)
        self.runs.runs_changed.connect(self._on_runs_changed)

    # =========================================================================== project
    @property
    def project(self):
        return self.context.project if self.context is not None else None

    def _on_project_changed(self, project) -> None:
        if self.is_training:
            return  # the run keeps going in its own folder; the list follows the new project later
        self.run_view.clear()
        self._shown_run = None
        self._run_dir = None
        self.banner.hide()
        self.estimate_panel.clear()
        self._restore_settings(project)
        self.runs.set_folder(project.treinos_dir if project is not None else None)
        self.refresh_data()
        self.offer_unfinished()
        self.update_controls()

    def _restore_settings(self, project) -> None:
        self.goal.restore((project.settings.get("training") if project is not None else None) or {})

    def save_state(self) -> None:
        """Remembers model, goal and advanced values in the project (the main window calls it)."""
        if self.context is None or self.project is None or not self.advanced.is_valid():
            return
        self.context.update_settings(training=self.goal.saved_settings())

    def refresh_data(self) -> None:
        """Reads how many prepared examples there are (after the Dados tab prepares them)."""
        counts = self._data_counts()
        # Dados changed since «Preparar dados» (an edit, a correction, an accepted question): not trained on
        self._stale = counts is not None and prepared_is_current(self.project) is False
        # prepared as an earlier version did (before plain copies): trains, but not the measured way
        outdated = counts is not None and not self._stale and raft.mix_differs(self.project.preparado_dir,
                                                                                self.project.settings)
        self.goal.show_first_estimate(self.project.preparado_dir if counts else None)
        if self.project is None:
            self.data_label.setText("")
        elif counts is None:
            self.data_label.setText(self.tr("Primeiro prepare os dados no separador Dados."))
        else:
            self.data_label.setText(self.tr("Dados preparados: {train} exemplos de treino e {valid} perguntas "
                                            "de verificação.").format(
                                                train=i18n.number(counts[0]), valid=i18n.number(counts[1]))
                                    + (self.tr(" Mudaram no separador Dados desde então.") if self._stale else "")
                                    + (self.tr(" Foram preparados de forma diferente da desta versão: prepare-os "
                                               "de novo no separador Dados para treinar como foi medido.")
                                       if outdated else ""))
        if not self.is_training and self.run_view.last_report is None and not self.starting:
            # nothing trained yet in this window: the status says what comes next
            self.run_view.set_status(self._cannot_train_reason() or self.tr("Pronto para treinar."))
        self.update_controls()

    def _data_counts(self) -> tuple[int, int] | None:
        return prepared_counts(self.project.preparado_dir) if self.project is not None else None

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.is_training:
            self.refresh_data()

    # =========================================================================== settings
    def current_config(self):
        """The TrainConfig the Treinar button would use now."""
        return self.goal.current_config(self.project.preparado_dir if self.project is not None else None)

    def set_settings(self, **changes) -> None:
        """Changes engine settings as if typed under Avançado (lora={...} for LoRA ones)."""
        self.goal.set_settings(**changes)

    def set_model_spec(self, spec: str) -> None:
        """Chooses the base model (a folder, a hub id or "demo")."""
        self.goal.set_model_spec(spec)

    def _on_settings_changed(self) -> None:
        self.update_controls()
        if self.project is not None:
            self._save_timer.start()

    def _on_fix_applied(self) -> None:
        changes = self.goal.apply_fix()  # the panel's own slot ran first: log what it changed
        if changes:
            self.run_view.add_log(self.tr("Correção aplicada: {changes}").format(changes=", ".join(changes)))

    def _on_smaller_model(self) -> None:
        self.set_model_spec(recommended_for_memory(8))

    # =========================================================================== controls
    @property
    def is_training(self) -> bool:
        return self._run_job is not None and not self._run_job.settled

    @property
    def starting(self) -> bool:
        """A Treinar or Medir flow is getting the model ready or measuring."""
        return self._starting is not None

    def update_controls(self) -> None:
        training = self.is_training
        preparing = self.starting or self.model_choice.busy or self.measuring is not None
        self.goal.set_locked(training, preparing, self._cannot_train_reason())
        runner = self._runner
        self.run_view.set_controls(training, training and runner.is_paused, training and runner.is_stopping)
        self.runs.set_active(self._run_dir if training else None, training and runner.is_paused)

    def _cannot_train_reason(self) -> str | None:
        if self.worker is None:
            return self.tr("O treino não está disponível nesta janela.")
        if self.project is None:
            return self.tr("Abra ou crie um projeto primeiro.")
        if self._data_counts() is None:
            return self.tr("Primeiro prepare os dados no separador Dados.")
        if self._stale:
            return self.tr("Os dados mudaram no separador Dados desde a última preparação: prepare-os de novo "
                           "(«Preparar dados») para o treino aprender as alterações.")
        problem = self.advanced.first_problem()
        if problem:
            return self.tr("Corrija em Avançado: {problem}").format(problem=problem)
        return None

    # =========================================================================== Treinar
    def _on_train_clicked(self) -> None:
        if not self.train_button.isEnabled():
            return
        self.banner.hide()
        self.start_training()

    def start_training(self, config=None, force: bool = False) -> None:
        """Gets the model ready, measures 3 steps (once per setting), then trains a new run."""
        reason = self._cannot_train_reason()
        if reason is not None or self.is_training or self.starting:
            if reason:
                self.banner.show_message(reason, "warning")
            return
        self._run_flow(start_flow.train_new_run(self, config or self.current_config(), force))

    def _on_estimate_clicked(self) -> None:
        if not self.starting:
            self._run_flow(start_flow.measure_only(self, self.current_config()))

    def _run_flow(self, coro) -> None:
        async def flow():
            try:
                await coro
            finally:  # the controls follow at once, in the flow's own last step
                self._starting = None
                self.update_controls()

        self._starting = spawn(flow())
        self.update_controls()

    def launch(self, config, run_dir: Path | None, resume: bool, more_epochs: int | None = None) -> bool:
        """Starts training config in run_dir (None: a new run folder); True when it started."""
        from farense_studio.engine.runs import new_run_dir

        fresh = run_dir is None
        if fresh:
            project = self.project
            label = (config.preset or "personalizado").lower()
            run_dir = new_run_dir(project.treinos_dir, {"rápido": "rapido"}.get(label, label))
            run_dir.mkdir(parents=True, exist_ok=True)
            set_run_label(run_dir, next_run_label(project.treinos_dir, self.tr("Treino {number}")))
        self._run_dir = self._shown_run = Path(run_dir)
        self.run_view.begin_run(run_label(self._run_dir), fresh)
        self.run_view.add_log(self.tr("Início: {run} ({model})").format(run=self._run_dir.name, model=config.model))
        extra = {"more_epochs": more_epochs} if more_epochs is not None else {}
        try:
            self._runner = group_run.runner(self)
            job = self._runner.train(config, self._run_dir, resume=resume, **extra)
        except RuntimeError as exc:
            self.banner.show_message(str(exc), "error")
            self._run_dir = None
            self.update_controls()
            return False
        self._run_job = job
        job.started.connect(self._on_run_started)
        job.progressed.connect(self._on_run_event)
        job.finished.connect(self._on_run_ended)
        self.run_view.facts.watch(job, self._run_dir)  # "Verificar factos" when it finishes
        self.update_controls()
        return True

    def _on_model_prepared(self, spec: str, path: str) -> None:
        self.run_view.add_log(self.tr("Modelo base pronto: {path}").format(path=path))
        self.update_controls()

    def _on_model_failed(self, spec: str, text: str) -> None:
        if text:
            self.banner.show_message(self.tr("Não foi possível preparar o modelo base: {error}").format(error=text),
                                     "error")
        else:
            self.banner.show_message(self.tr("Descarga cancelada. O que já veio fica guardado: ao "
                                             "carregar de novo em Treinar, continua de onde parou."),
                                     "info")
        self.update_controls()

    # =========================================================================== the run's Job
    def _on_run_started(self) -> None:
        self.keep_awake.start()
        self.runs.refresh()
        self.runs.set_active(self._run_dir)
        self.status_message.emit(self.tr("A treinar…"))
        self.update_controls()

    def _on_run_event(self, event) -> None:
        group_run.on_events(self.run_view, event)
        if getattr(event, "code", "") in endings.MEMORY_NOTICES:  # short of memory: said where it is seen
            self.banner.show_message(event.text, Banner.WARNING)
        self.update_controls()

    def _on_run_ended(self, end) -> None:
        run_dir = self._run_dir
        self.keep_awake.stop()
        self.run_view.refresh()
        self.plot.flush()
        report = self.run_view.last_report
        ending = endings.describe(end.outcome, end.event, last_step=report.step if report else 0,
                                  best=self.watch.best_val)
        self.run_view.set_status(ending.status)
        self.run_view.show_end(finished=end.outcome == "finished")
        self._banner_runs.update({key: run_dir for key, _text in ending.actions})
        self.banner.show_message(ending.text, ending.kind, actions=ending.actions)
        if ending.notify:
            self._notify(ending.notify, ending.text)
        if end.event is not None:
            self.run_view.add_log(self.run_view.status_label.text())
        self.runs.set_active(None)
        self.runs.refresh()
        self.status_message.emit(self.run_view.status_label.text())
        self.update_controls()

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

    def _on_pause_clicked(self) -> None:
        if not self.is_training:
            return
        if self._runner.is_paused:
            self._runner.resume_training()
            self.run_view.set_status(self.tr("A retomar…"))
        else:
            self._runner.pause_training()
            self.run_view.set_status(self.tr("A pausar no fim deste passo…"))
        self.update_controls()

    def _on_stop_clicked(self) -> None:
        if not self.is_training:
            return
        self._runner.stop_training()
        self.run_view.set_status(self.tr("A parar e a gravar um ponto de gravação…"))
        self.update_controls()

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
        ending = endings.interrupted(run)
        self._banner_runs.update({key: Path(run.path) for key, _text in ending.actions})
        self.banner.show_message(ending.text, ending.kind, actions=ending.actions)

    def _on_banner_action(self, key: str) -> None:
        run_dir = self._banner_runs.get(key)
        if key == "resume_offered":
            self.banner.hide()
            self.resume_run(run_dir)
        elif key == "show_offered":
            self.show_run(run_dir)
            self.runs.select(run_dir)
            self.log_toggle.setChecked(True)
        elif key == "new_run":
            self.banner.hide()
            self.start_new_from(run_dir)
        elif key == "train_more":
            self.train_more(run_dir)

    def resume_run(self, run_dir) -> None:
        """Continues a paused, stopped or interrupted run from its newest checkpoint."""
        resume.resume_run(self, run_dir)

    def train_more(self, run_dir, passes: int | None = None) -> None:
        """«Treinar mais…» on a finished or stopped run (resume.train_more)."""
        resume.train_more(self, run_dir, passes)

    def ask_more_passes(self, run_dir: Path) -> int | None:
        """The «Treinar mais» dialog: the number of extra passes, None when cancelled."""
        return resume.ask_more_passes(self, run_dir)

    def start_new_from(self, run_dir) -> None:
        """A new run with a refused run's goal and model, on the current data and settings."""
        resume.set_model_of(self, run_dir)
        self.start_training()

    def show_run(self, run_dir) -> None:
        """Draws a finished or unfinished run's curves from its metrics.jsonl."""
        if self.is_training and Path(run_dir) != self._run_dir:
            self._on_compare(run_dir)
            return
        from farense_studio.engine.runs import read_metrics

        self._shown_run = Path(run_dir)
        self.run_view.show_history(run_label(run_dir), read_metrics(run_dir))

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

    def pause_into_checkpoint(self, timeout_ms: int = 300000) -> bool:
        """Stops the run into a checkpoint at the next step and waits; True when it ended in time."""
        if not self.is_training:
            return True
        loop = QEventLoop()
        self._run_job.finished.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        self._runner.stop_training()
        self.run_view.set_status(self.tr("A gravar um ponto de gravação antes de fechar…"))
        if self.is_training:
            loop.exec()
        return not self.is_training

    def shutdown(self) -> None:
        if self._starting is not None:  # a Treinar / Medir flow waiting on a job: it ends here
            self._starting.cancel()
        self.keep_awake.stop()
        self.model_choice.shutdown()
        if self._tray is not None:
            self._tray.hide()

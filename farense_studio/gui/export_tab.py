"""The Exportar tab: take a trained adaptation to the club's chatbot.

Pick a run and its best or latest checkpoint; start the local server (a separate
`farense-studio serve` process, so the app's own model thread is never shared with the bot) and
copy its address, or export a folder with inference.py and the integration guide (optionally the
fused model). Exports without the fused model are file copies, a job on the thread pool; fusing
loads the base model, so it is a job on the model worker's MLX thread (engine.jobs.export both).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QFileDialog, QFormLayout, QFrame,
                               QHBoxLayout, QLabel, QPushButton, QRadioButton, QSpinBox,
                               QVBoxLayout, QWidget)

from farense_studio.engine import jobs as bodies
from farense_studio.gui import i18n
from farense_studio.gui.jobs import Job, pool
from farense_studio.gui.project_context import follow_project
from farense_studio.gui.server_process import ServerProcess, serve_command
from farense_studio.gui.widgets import Banner, BigButton, BusyBar, SectionToggle

DEFAULT_PORT = 8080


def base_model_facts(run_dir: Path) -> dict:
    """Size in bytes, model_type and quantization of a run's base model, when it is on this computer."""
    from farense_studio.engine.export import base_model_info
    from farense_studio.engine.generation import read_run_config

    config = read_run_config(run_dir)
    return base_model_info(str(config.get("model") or ""), config, None)


class ExportTab(QWidget):
    """Exportar: choose the adaptation, start the local server or export a folder for the bot."""

    status_message = Signal(str)

    def __init__(self, project_context=None, model_worker=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = project_context
        self.worker = model_worker
        self.server = ServerProcess(self)
        self.last_export: Path | None = None
        self._job: Job | None = None  # the export in progress
        self._facts: dict = {}
        self._build()
        self._connect()
        if not follow_project(self.context, self._on_project_changed):
            self._update_controls()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        intro = QLabel(self.tr("Leve o modelo afinado para o chatbot do clube: deixe-o a responder "
                               "num servidor neste computador ou exporte uma pasta com o programa e o "
                               "guia de integração."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        choose = QHBoxLayout()
        run_label = QLabel(self.tr("&Afinação:"))
        choose.addWidget(run_label)
        self.run_combo = QComboBox()
        run_label.setBuddy(self.run_combo)
        self.run_combo.setMinimumContentsLength(30)
        self.run_combo.setToolTip(self.tr("O treino cuja afinação vai para o chatbot."))
        self.which_combo = QComboBox()
        self.which_combo.addItem(self.tr("melhor ponto de gravação"), "best")
        self.which_combo.addItem(self.tr("ponto de gravação mais recente"), "latest")
        self.which_combo.setToolTip(self.tr("O melhor é o que menos errou nas perguntas de verificação."))
        choose.addWidget(self.run_combo, 1)
        choose.addWidget(self.which_combo)
        layout.addLayout(choose)
        self.no_runs = QLabel(self.tr("Ainda não há nenhum treino com pontos de gravação neste projeto. "
                                      "Treine primeiro no separador Treino."))
        self.no_runs.setWordWrap(True)
        layout.addWidget(self.no_runs)

        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        form = QVBoxLayout(box)
        form.addWidget(QLabel(self.tr("<b>Para o chatbot do clube:</b>")))
        self.mode_group = QButtonGroup(self)
        self.server_radio = QRadioButton(self.tr("&Servidor local (recomendado)"))
        self.server_radio.setToolTip(self.tr("O modelo fica carregado e responde depressa a cada mensagem."))
        self.program_radio = QRadioButton(self.tr("&Programa de linha de comandos: inference.py"))
        self.program_radio.setToolTip(self.tr("Mais simples, mas carrega o modelo a cada pergunta."))
        self.mode_group.addButton(self.server_radio)
        self.mode_group.addButton(self.program_radio)
        self.server_radio.setChecked(True)
        server_row = QHBoxLayout()
        server_row.addWidget(self.server_radio)
        self.server_button = QPushButton(self.tr("Iniciar"))
        self.url_label = QLabel()
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("Copiar"))
        self.copy_button.setToolTip(self.tr("Copiar o endereço do servidor"))
        server_row.addWidget(self.server_button)
        server_row.addWidget(self.url_label)
        server_row.addWidget(self.copy_button)  # beside the address it copies
        server_row.addStretch(1)
        form.addLayout(server_row)
        form.addWidget(self.program_radio)
        self.how_to = QLabel()
        self.how_to.setWordWrap(True)
        self.how_to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFont("Menlo")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.how_to.setFont(mono)
        form.addWidget(self.how_to)
        layout.addWidget(box)

        self.fuse_check = QCheckBox(self.tr("Incluir modelo completo (fundido)"))
        self.fuse_check.setToolTip(self.tr("Junta o modelo base e a afinação numa só pasta: ocupa mais "
                                           "espaço, mas não precisa do modelo base."))
        layout.addWidget(self.fuse_check)
        self.advanced = QWidget()
        self.advanced_toggle = SectionToggle(self.tr("A&vançado"), self.advanced, flat=False)
        layout.addWidget(self.advanced_toggle)
        advanced = QFormLayout(self.advanced)
        self.dequantize_check = QCheckBox(self.tr("Modelo fundido sem quantização"))
        self.dequantize_check.setToolTip(self.tr("Precisão total: cerca de quatro vezes maior que um modelo "
                                                 "de 4 bits."))
        self.gguf_check = QCheckBox(self.tr("Também em GGUF (llama.cpp, Ollama)"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1024, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.port_spin.setMaximumWidth(120)
        self.port_spin.setToolTip(self.tr("Porta do servidor local (só neste computador)."))
        advanced.addRow(self.dequantize_check)
        advanced.addRow(self.gguf_check)
        advanced.addRow(self.tr("Porta do servidor:"), self.port_spin)
        layout.addWidget(self.advanced)

        self.export_button = BigButton(self.tr("Exportar para a pas&ta…"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        busy = QHBoxLayout()
        self.busy = BusyBar()
        self.cancel_button = QPushButton(self.tr("Cancelar"))
        self.cancel_button.hide()
        busy.addWidget(self.busy, 1)
        busy.addWidget(self.cancel_button)
        layout.addLayout(busy)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.guide_button = QPushButton(self.tr("Guia de integração (INTEGRATION_GUIDE.md, com os exemplos "
                                                "Node.js)"))
        self.guide_button.setFlat(True)
        self.guide_button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout.addWidget(self.guide_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.run_combo.currentIndexChanged.connect(self._on_run_changed)
        self.which_combo.currentIndexChanged.connect(self._update_controls)
        self.mode_group.buttonToggled.connect(self._update_controls)
        self.fuse_check.toggled.connect(self._update_controls)
        self.dequantize_check.toggled.connect(self._update_controls)
        self.server_button.clicked.connect(self._on_server_button)
        self.copy_button.clicked.connect(self._on_copy)
        self.export_button.clicked.connect(self._on_export)
        self.cancel_button.clicked.connect(self._on_cancel)
        self.guide_button.clicked.connect(self._on_open_guide)
        self.banner.action_clicked.connect(self._on_banner_action)
        self.server.state_changed.connect(self._on_server_state)
        self.server.failed.connect(self._on_server_failed)

    # ------------------------------------------------------------------ state
    @property
    def project(self):
        return self.context.project if self.context is not None else None

    def selected_run(self) -> Path | None:
        data = self.run_combo.currentData()
        return Path(data) if data else None

    def selected_which(self) -> str:
        return self.which_combo.currentData() or "best"

    def exporting(self) -> bool:
        return self._job is not None

    def refresh_runs(self) -> None:
        """Lists the project's runs that have at least one checkpoint, newest first."""
        from farense_studio.engine.runs import list_runs

        current = self.run_combo.currentData()
        self.run_combo.blockSignals(True)
        self.run_combo.clear()
        runs = list_runs(self.project.treinos_dir) if self.project is not None else []
        for run in runs:
            if not run.step:
                continue
            when = i18n.locale().toString(datetime.fromtimestamp(run.created), "d MMM yyyy")
            parts = [run.name, when]
            if run.preset:
                parts.append(run.preset)
            if run.best_val_loss is not None:
                parts.append(self.tr("erro {value}").format(value=i18n.number(run.best_val_loss, 2)))
            self.run_combo.addItem(" · ".join(parts), str(run.path))
        index = self.run_combo.findData(current)
        self.run_combo.setCurrentIndex(index if index >= 0 else 0)
        self.run_combo.blockSignals(False)
        self._on_run_changed()

    def _find_last_export(self) -> None:
        self.last_export = None
        if self.project is None:
            return
        folder = self.project.exportacoes_dir
        exports = [p for p in folder.iterdir() if (p / "INTEGRATION_GUIDE.md").is_file()] if folder.is_dir() else []
        if exports:
            self.last_export = max(exports, key=lambda p: p.stat().st_mtime)

    def _update_controls(self, *args) -> None:
        has_run = self.selected_run() is not None
        busy = self.exporting()
        server_mode = self.server_radio.isChecked()
        self.no_runs.setVisible(not has_run)
        for widget in (self.run_combo, self.which_combo):
            widget.setEnabled(has_run and not busy and self.server.state == "stopped")
        self.export_button.setEnabled(has_run and not busy)
        self.fuse_check.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        running = self.server.state != "stopped"
        self.server_button.setText(self.tr("Parar") if running else self.tr("Iniciar"))
        self.server_button.setEnabled(server_mode and (has_run or running))
        self.copy_button.setEnabled(self.server.state == "running")
        self.port_spin.setEnabled(not running)
        if self.server.state == "running":
            self.url_label.setText(f"<a href='{self.server.url}'>{self.server.url}</a>")
        elif self.server.state == "starting":
            self.url_label.setText(self.tr("A carregar o modelo…"))
        else:
            self.url_label.setText(f"http://127.0.0.1:{self.port_spin.value()}")
        self.guide_button.setEnabled(self.last_export is not None)
        self._update_fuse_options()
        self._update_how_to(server_mode)

    def _update_fuse_options(self) -> None:
        from farense_studio.engine.export import GGUF_MODEL_TYPES

        facts = self._facts
        fuse = self.fuse_check.isChecked()
        size = facts.get("bytes")
        if size:
            if facts.get("quantized") and (self.dequantize_check.isChecked() or self.gguf_check.isChecked()):
                size *= 4
            if size >= 1e9:
                self.fuse_check.setText(self.tr("Incluir modelo completo (fundido), {size} GB").format(
                    size=i18n.number(size / 1e9, 1)))
            else:
                self.fuse_check.setText(self.tr("Incluir modelo completo (fundido), {size} MB").format(
                    size=i18n.number(max(1, round(size / 1e6)))))
        else:
            self.fuse_check.setText(self.tr("Incluir modelo completo (fundido)"))
        self.dequantize_check.setEnabled(fuse)
        model_type = facts.get("model_type")
        supported = model_type in GGUF_MODEL_TYPES
        self.gguf_check.setEnabled(fuse and supported)
        if model_type and not supported:
            self.gguf_check.setChecked(False)
            self.gguf_check.setToolTip(self.tr("O mlx-lm só converte para GGUF modelos llama, mistral e mixtral; "
                                               "este modelo base é «{type}».").format(type=model_type))
        else:
            self.gguf_check.setToolTip(self.tr("Um ficheiro GGUF de 16 bits do modelo fundido (implica sem "
                                               "quantização)."))

    def _update_how_to(self, server_mode: bool) -> None:
        target = str(self.last_export) if self.last_export else self.tr("<pasta da exportação>")
        if server_mode:
            url = self.server.url or f"http://127.0.0.1:{self.port_spin.value()}"
            text = self.tr("O bot envia POST {url}/v1/chat/completions (compatível com a OpenAI).").format(url=url)
        else:
            text = self.tr("O bot corre: python3 \"{path}/inference.py\" \"Quem foi Hassan Nader?\"\n"
                           "e lê uma resposta JSON.").format(path=target)
        self.how_to.setText(text)

    # ------------------------------------------------------------------ slots
    def _on_project_changed(self, project) -> None:
        if self.server.state != "stopped":
            self.server.stop()
        self.banner.hide()
        self._find_last_export()
        self.refresh_runs()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name; runs trained meanwhile appear
        super().showEvent(event)
        if not self.exporting() and self.server.state == "stopped":
            self.refresh_runs()

    def _on_run_changed(self, *args) -> None:
        run = self.selected_run()
        self._facts = base_model_facts(run) if run is not None else {}
        self._update_controls()

    def _on_server_button(self) -> None:
        if self.server.state != "stopped":
            self.server.stop()
            self.status_message.emit(self.tr("Servidor local parado."))
            return
        run = self.selected_run()
        if run is None:
            return
        self.banner.hide()
        self.server.start(serve_command(run, self.selected_which(), self.port_spin.value()))

    def _on_server_state(self, state: str) -> None:
        if state == "running":
            self.status_message.emit(self.tr("Servidor local pronto em {url}").format(url=self.server.url))
        self._update_controls()

    def _on_server_failed(self, text: str) -> None:
        self.banner.show_message(self.tr("O servidor local parou: {reason}").format(reason=text), Banner.ERROR)

    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.server.url)
        self.status_message.emit(self.tr("Endereço copiado: {url}").format(url=self.server.url))

    def choose_folder(self) -> str:
        """Asks where to export (tests replace this)."""
        start = str(self.project.exportacoes_dir) if self.project is not None else str(Path.home())
        return QFileDialog.getExistingDirectory(self, self.tr("Exportar para a pasta"), start)

    def _options(self):
        from farense_studio.engine.export import ExportOptions

        fuse = self.fuse_check.isChecked()
        return ExportOptions(self.selected_which(), fuse=fuse, dequantize=fuse and self.dequantize_check.isChecked(),
                             gguf=fuse and self.gguf_check.isEnabled() and self.gguf_check.isChecked())

    def _on_export(self) -> None:
        run = self.selected_run()
        if run is None or self.exporting():
            return
        folder = self.choose_folder()
        if not folder:
            return
        options = self._options()
        self.banner.hide()
        self.busy.start(self.tr("A exportar…"))
        body = bodies.export(run, Path(folder), options)
        if options.fuse and self.worker is not None:  # loads the base model: the MLX thread
            self._job = self.worker.run_job(body, kind="export", free_memory=True)
        else:  # file copies
            self._job = pool().submit(body, "copy")
        job = self._job
        job.progressed.connect(lambda value: self._on_export_progress(job, value))
        job.finished.connect(lambda result: self._on_export_done(job, result))
        job.failed.connect(lambda text: self._on_export_done(job, {"error": text}))
        self._update_controls()

    def _on_export_progress(self, job: Job, value) -> None:
        if job is self._job and isinstance(value, dict):
            self.busy.progress(int(value.get("fraction", 0) * 1000), 1000, value.get("text"))

    def _on_export_done(self, job: Job | None, result) -> None:
        if job is not self._job:
            return  # an export already said to be cancelled
        self._job = None
        self.busy.finish()
        result = result or {}
        if result.get("path"):
            self.last_export = Path(result["path"])
            self.banner.show_message(self.tr("Exportação pronta em {path}").format(path=result["path"]),
                                     Banner.SUCCESS, self.tr("Abrir a pasta"), "open")
            self.status_message.emit(self.tr("Exportação pronta."))
        elif result.get("code") == "export_cancelled":
            self.banner.show_message(result["error"], Banner.INFO)
        else:
            self.banner.show_message(result.get("error") or self.tr("A exportação falhou."), Banner.ERROR)
        self._update_controls()

    def _on_cancel(self) -> None:
        job = self._job
        if job is None:
            return
        job.cancel()  # the export stops at its next stage and removes its temporary folder
        if job.kind == "copy":  # plain copies: said at once, whatever the pool thread still does
            self._on_export_done(job, {"code": "export_cancelled",
                                       "error": self.tr("Exportação cancelada: nada ficou gravado.")})

    def _on_banner_action(self, key: str) -> None:
        if key == "open" and self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export)))

    def _on_open_guide(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export / "INTEGRATION_GUIDE.md")))

    # ------------------------------------------------------------------ closing
    def shutdown(self) -> None:
        """The window is closing: stop the server and any export."""
        self.server.stop()
        if self._job is not None:
            self._job.cancel()
            self._job.wait(10)

"""The main window: four tabs, the menus, the status bar; the one place where tabs are wired."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QMainWindow, QMessageBox, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from farense_studio import APP_NAME, __version__
from farense_studio.data.edits import CORRECTION
from farense_studio.gui import i18n
from farense_studio.gui.chat_tab import ChatTab
from farense_studio.gui.dataset.tab import DatasetTab
from farense_studio.gui.export_tab import ExportTab
from farense_studio.gui.first_steps import FirstSteps
from farense_studio.gui.project_context import ProjectContext
from farense_studio.gui.settings import AppSettings
from farense_studio.gui.training.tab import TrainingTab
from farense_studio.gui.widgets import app_icon
from farense_studio.paths import default_projects_dir
from farense_studio.project import Project, ProjectError


class MainWindow(QMainWindow):
    """Holds the tabs; opens projects through the ProjectContext; remembers its geometry."""

    def __init__(self, context: ProjectContext, settings: AppSettings, model_worker=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = settings
        self.model_worker = model_worker
        self.setWindowIcon(app_icon())
        self.setMinimumSize(900, 600)
        self._build_tabs()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect_signals()
        self._restore_state()
        self._on_project_changed(self.context.project)

    # ------------------------------------------------------------------ building
    def _build_tabs(self) -> None:
        """One line per tab; a tab's constructor takes (project_context, model_worker)."""
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.dataset_tab = DatasetTab(self.context, self.model_worker, settings=self.settings)
        self.training_tab = TrainingTab(self.context, self.model_worker)
        self.chat_tab = ChatTab(self.context, self.model_worker)
        self.export_tab = ExportTab(self.context, self.model_worker)
        self.tabs.addTab(self.dataset_tab, self.tr("Dados"))
        self.tabs.addTab(self.training_tab, self.tr("Treino"))
        self.tabs.addTab(self.chat_tab, self.tr("Conversar"))
        self.tabs.addTab(self.export_tab, self.tr("Exportar"))
        # the guided path sits above the tabs, never over them (see first_steps)
        self.first_steps = FirstSteps()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.first_steps)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def all_tabs(self) -> list[QWidget]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def _build_actions(self) -> None:
        self.new_action = QAction(self.tr("&Novo projeto…"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.open_action = QAction(self.tr("&Abrir projeto…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.show_folder_action = QAction(self.tr("Mostrar a pasta do projeto"), self)
        self.quit_action = QAction(self.tr("&Sair"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action = QAction(self.tr("&Sobre o Farense Studio"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = QAction(self.tr("Sobre o &Qt"), self)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)
        self.first_steps_action = QAction(self.tr("&Primeiros passos"), self)

        self.undo_group = QUndoGroup(self)
        self.undo_group.addStack(self.dataset_tab.undo_stack)  # only Dados edits can be undone
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("Anular"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("Refazer"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        # "Anular «Editar exemplo»", not Qt's "Anular Editar exemplo" (runs after Qt's own slot)
        self.undo_group.undoTextChanged.connect(self._name_undo_actions)
        self.undo_group.redoTextChanged.connect(self._name_undo_actions)

        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("pt", "Português (Portugal)"), ("en", "English")):
            action = QAction(label, self)  # each language is named in itself, never translated
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == i18n.current())
            self.language_group.addAction(action)
            self.language_actions[code] = action

        self.tab_actions = []
        for index in range(self.tabs.count()):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda checked=False, i=index: self.tabs.setCurrentIndex(i))
            self.addAction(action)
            self.tab_actions.append(action)

    def _name_undo_actions(self, _text: str = "") -> None:
        from shiboken6 import isValid

        if not (isValid(self.undo_action) and isValid(self.redo_action)):
            return  # the window is closing
        undo, redo = self.undo_group.undoText(), self.undo_group.redoText()
        self.undo_action.setText(self.tr("Anular «{what}»").format(what=undo) if undo else self.tr("Anular"))
        self.redo_action.setText(self.tr("Refazer «{what}»").format(what=redo) if redo else self.tr("Refazer"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Ficheiro"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Projetos &recentes"))
        file_menu.addSeparator()
        file_menu.addAction(self.show_folder_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Editar"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        settings_menu = bar.addMenu(self.tr("&Definições"))
        language_menu = settings_menu.addMenu(self.tr("&Língua"))
        for action in self.language_actions.values():
            language_menu.addAction(action)

        help_menu = bar.addMenu(self.tr("Aj&uda"))
        help_menu.addAction(self.first_steps_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.about_qt_action)
        self._rebuild_recent_menu()

    def _build_status_bar(self) -> None:
        self.project_label = QLabel()
        self.project_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.project_label.setMaximumWidth(420)
        self.statusBar().addPermanentWidget(self.project_label)

    def _connect_signals(self) -> None:
        """Every connection between the window, the context and the tabs lives here."""
        self.context.project_changed.connect(self._on_project_changed)
        self.new_action.triggered.connect(self._on_new_project)
        self.open_action.triggered.connect(self._on_open_project)
        self.show_folder_action.triggered.connect(self._on_show_folder)
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self._on_about)
        self.about_qt_action.triggered.connect(QApplication.aboutQt)
        self.first_steps_action.triggered.connect(self.first_steps.start)
        self.first_steps.tab_requested.connect(self._on_first_steps_tab)
        self.recent_menu.aboutToShow.connect(self._rebuild_recent_menu)
        self.language_group.triggered.connect(self._on_language_chosen)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        for tab in (self.dataset_tab, self.training_tab, self.chat_tab, self.export_tab):
            tab.status_message.connect(self._on_status_message)
        # new train/valid files: the Treino tab recounts
        self.dataset_tab.data_prepared.connect(lambda _folder: self.training_tab.refresh_data())
        # a source under an answer in Conversar: its row in Dados
        self.chat_tab.source_activated.connect(self._on_source_activated)
        # «Corrigir» in Conversar adds to the data through Dados (undoable there); the finish
        # banner's «Experimentar em Conversar» opens the run that ended
        self.chat_tab.feedback.add_correction = lambda q, a: self.dataset_tab.add_example(q, a, "train", CORRECTION)
        self.training_tab.banner.action_clicked.connect(self._on_training_banner)
        self._on_tab_changed(self.tabs.currentIndex())

    @Slot(str)
    def _on_first_steps_tab(self, key: str) -> None:
        tabs = {"dataset": self.dataset_tab, "training": self.training_tab, "chat": self.chat_tab,
                "export": self.export_tab}
        self.tabs.setCurrentWidget(tabs[key])

    def show_first_steps_once(self) -> bool:
        """On the app's first start (these settings never saw it): the guided path."""
        return self.first_steps.show_once(self.settings)

    def _on_training_banner(self, key: str) -> None:
        if key == "try_chat":
            self.tabs.setCurrentWidget(self.chat_tab)
            self.chat_tab.show_run()

    # ------------------------------------------------------------------ state
    def _restore_state(self) -> None:
        geometry = self.settings.geometry("main")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        index = int(self.settings.value("window/tab", 0) or 0)
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def _save_state(self) -> None:
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.set_value("window/tab", self.tabs.currentIndex())
        for tab in (self.dataset_tab, self.training_tab, self.chat_tab):  # Exportar keeps nothing
            tab.save_state()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if not self.training_tab.confirm_close():  # a run in progress is saved first, or kept going
            event.ignore()
            return
        self._save_state()
        for tab in (self.dataset_tab, self.training_tab, self.chat_tab, self.export_tab):
            tab.shutdown()
        if self.model_worker is not None:
            self.model_worker.shutdown()
        event.accept()

    # ------------------------------------------------------------------ projects
    def open_project(self, folder: str | Path) -> Project | None:
        """Opens a project and remembers it; a plain message box when it cannot be opened."""
        try:
            project = self.context.open_project(folder)
        except ProjectError as exc:
            self.settings.remove_recent(str(folder))
            QMessageBox.warning(self, self.tr("Não foi possível abrir o projeto"), exc.text())
            return None
        self.settings.last_project = str(project.path)
        return project

    def create_project(self, folder: str | Path, name: str | None = None) -> Project | None:
        try:
            project = self.context.create_project(folder, name)
        except ProjectError as exc:
            QMessageBox.warning(self, self.tr("Não foi possível criar o projeto"), exc.text())
            return None
        self.settings.last_project = str(project.path)
        return project

    @Slot()
    def _on_new_project(self) -> None:
        dialog = NewProjectDialog(self.settings.last_folder("projects", default_projects_dir()), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.settings.set_last_folder("projects", dialog.location())
        self.create_project(dialog.folder(), dialog.name())

    @Slot()
    def _on_open_project(self) -> None:
        start = self.settings.last_folder("projects", default_projects_dir())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Abrir projeto"), start)
        if not folder:
            return
        self.settings.set_last_folder("projects", Path(folder).parent)
        if Project.is_project(folder):
            self.open_project(folder)
            return
        answer = QMessageBox.question(
            self, self.tr("Abrir projeto"),
            self.tr("Esta pasta ainda não é um projeto do Farense Studio. Criar um projeto novo nela?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.create_project(folder)

    @Slot()
    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.setEnabled(Project.is_project(path))
            action.triggered.connect(lambda checked=False, p=path: self.open_project(p))
        if not recent:
            empty = self.recent_menu.addAction(self.tr("(nenhum)"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Limpar a lista"))
            clear.triggered.connect(self._on_clear_recent)

    @Slot()
    def _on_clear_recent(self) -> None:
        self.settings.set_value("projects/recent", [])

    @Slot()
    def _on_show_folder(self) -> None:
        if self.context.project is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.project.path)))

    @Slot(object)
    def _on_project_changed(self, project: Project | None) -> None:
        if project is None:
            self.setWindowTitle(APP_NAME)
            self.project_label.setText(self.tr("Nenhum projeto aberto"))
        else:
            self.setWindowTitle(f"{project.name} — {APP_NAME}")
            text = self.tr("Projeto: {path}").format(path=project.path)
            metrics = self.project_label.fontMetrics()
            self.project_label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, 410))
            self.project_label.setToolTip(str(project.path))
        self.show_folder_action.setEnabled(project is not None)

    # ------------------------------------------------------------------ misc slots
    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        self.undo_group.setActiveStack(self.dataset_tab.undo_stack if self.tabs.widget(index) is self.dataset_tab
                                       else None)

    @Slot(str)
    def _on_source_activated(self, example_id: str) -> None:
        self.tabs.setCurrentWidget(self.dataset_tab)
        if not self.dataset_tab.select_example(example_id):
            self._on_status_message(self.tr("Essa fonte já não está nos dados (a linha foi alterada ou removida); "
                                            "prepare os dados de novo para atualizar os documentos."))

    @Slot(str)
    def _on_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    @Slot(QAction)
    def _on_language_chosen(self, action: QAction) -> None:
        code = action.data()
        if code == self.settings.language or (self.settings.language is None and code == i18n.current()):
            return
        self.settings.language = code
        QMessageBox.information(
            self, self.tr("Língua"),
            self.tr("A nova língua aplica-se quando voltar a abrir o Farense Studio."))

    @Slot()
    def _on_about(self) -> None:
        QMessageBox.about(
            self, self.tr("Sobre o Farense Studio"),
            self.tr("<h3>Farense Studio {version}</h3>"
                    "<p>Ensina um modelo de linguagem, no seu próprio computador, sobre a "
                    "história do Sporting Clube Farense: prepare as perguntas e as biografias, "
                    "treine, converse com o modelo e exporte-o para o chatbot do clube.</p>"
                    "<p>Nada sai deste computador. Licença Apache-2.0.</p>").format(version=__version__))


def _safe_folder_name(name: str) -> str:
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", name).strip().strip(".")
    return re.sub(r"\s+", " ", cleaned) or "Projeto"


class NewProjectDialog(QDialog):
    """Asks for a project's name and where its folder goes (the projects folder by default)."""

    def __init__(self, location: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Novo projeto"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Por exemplo: História do Farense"))
        self.location_edit = QLineEdit(str(location))
        browse = QPushButton(self.tr("Escolher…"))
        row = QHBoxLayout()
        row.addWidget(self.location_edit, 1)
        row.addWidget(browse)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Nome:"), self.name_edit)
        form.addRow(self.tr("Guardar em:"), row)
        form.addRow("", self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Criar projeto"))
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        browse.clicked.connect(self._on_browse)
        self.name_edit.textChanged.connect(self._update_preview)
        self.location_edit.textChanged.connect(self._update_preview)
        self.resize(560, self.sizeHint().height())
        self._update_preview()

    def name(self) -> str:
        return self.name_edit.text().strip()

    def location(self) -> Path:
        return Path(self.location_edit.text().strip()).expanduser()

    def folder(self) -> Path:
        return self.location() / _safe_folder_name(self.name())

    @Slot()
    def _on_browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Guardar em"), str(self.location()))
        if folder:
            self.location_edit.setText(folder)

    @Slot()
    def _update_preview(self) -> None:
        ok = bool(self.name()) and not Project.is_project(self.folder())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if not self.name():
            self.preview.setText(self.tr("Escreva um nome para o projeto."))
        elif not ok:
            self.preview.setText(self.tr("Já existe um projeto em {path}.").format(path=self.folder()))
        else:
            self.preview.setText(self.tr("A pasta do projeto será {path}").format(path=self.folder()))

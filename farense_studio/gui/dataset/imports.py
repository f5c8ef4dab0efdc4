"""Bringing data into the project: the import buttons, the sources menu, the drop zone, dropped paths.

The club's files are only referred to (project.jsonl_sources / bio_sources), never copied or changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from farense_studio.paths import sample_data_dir
from farense_studio.gui.project_context import ProjectContext
from farense_studio.gui.settings import AppSettings
from farense_studio.gui.widgets import Banner, BigButton

JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
PROBLEMS_SAMPLE = "problemas_exemplo.jsonl"  # in resources/sample_data


class ImportActions(QObject):
    """The import buttons (top row and drop zone) and what they do; ``sources_changed``: read again."""

    sources_changed = Signal()
    status_message = Signal(str)

    def __init__(self, context: ProjectContext, settings: AppSettings, banner: Banner, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = settings
        self.banner = banner
        self._window = parent  # what the file dialogs and the menu belong to
        self.import_jsonl_button = QPushButton(self.tr("&Importar perguntas (JSONL)…"))
        self.import_jsonl_button.setToolTip(self.tr("Acrescentar um ficheiro de perguntas e respostas, "
                                                    "uma por linha (JSONL). Também pode arrastá-lo para aqui."))
        self.import_bios_button = QPushButton(self.tr("Importar &biografias (pasta)…"))
        self.import_bios_button.setToolTip(self.tr("Acrescentar uma pasta de biografias (.md, .txt ou .json); "
                                                   "cada uma vira perguntas e respostas."))
        self.sample_button = QPushButton(self.tr("Usar dados de e&xemplo"))
        self.sample_button.setToolTip(self.tr("Acrescentar as perguntas e biografias de exemplo que vêm "
                                              "com o Farense Studio"))
        self.sources_button = QPushButton(self.tr("Fo&ntes"))  # a push button draws its menu arrow apart
        self.sources_button.setToolTip(self.tr("Os ficheiros e pastas deste projeto: mostrar onde estão ou "
                                               "retirá-los do projeto"))
        self.sources_menu = QMenu(parent)
        self.sources_button.setMenu(self.sources_menu)
        self.empty_page = self._build_empty_page()

        self.import_jsonl_button.clicked.connect(self._on_import_jsonl)
        self.import_bios_button.clicked.connect(self._on_import_bios)
        self.sample_button.clicked.connect(self.use_sample_data)
        self.empty_sample_button.clicked.connect(self.use_sample_data)
        self.empty_jsonl_button.clicked.connect(self._on_import_jsonl)
        self.empty_bios_button.clicked.connect(self._on_import_bios)
        self.sources_menu.aboutToShow.connect(self._rebuild_sources_menu)

    def _build_empty_page(self) -> QWidget:
        """The drop zone shown while the project has no data."""
        page = QWidget()
        page.setObjectName("dropZone")
        page.setStyleSheet("#dropZone { border: 2px dashed palette(mid); border-radius: 8px; }")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = QLabel(self.tr("Ainda não há dados neste projeto"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr("Arraste para aqui o ficheiro de perguntas e respostas (JSONL) ou a pasta das "
                              "biografias, ou use os botões. Os ficheiros originais nunca são alterados."))
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(620)
        text.setMinimumHeight(text.fontMetrics().lineSpacing() * 3)  # wrapped labels get too little height
        text_row = QHBoxLayout()
        text_row.addStretch(1)
        text_row.addWidget(text, 4)
        text_row.addStretch(1)
        self.empty_sample_button = BigButton(self.tr("Experimentar com os dados de exemplo"))
        self.empty_jsonl_button = QPushButton(self.tr("Importar perguntas (JSONL)…"))
        self.empty_bios_button = QPushButton(self.tr("Importar biografias (pasta)…"))
        imports = QHBoxLayout()
        imports.addStretch(1)
        imports.addWidget(self.empty_jsonl_button)
        imports.addWidget(self.empty_bios_button)
        imports.addStretch(1)
        layout.addWidget(title)
        layout.addLayout(text_row)
        layout.addSpacing(16)
        layout.addWidget(self.empty_sample_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        layout.addLayout(imports)
        layout.addStretch(2)
        return page

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.import_jsonl_button, self.import_bios_button, self.sample_button,
                       self.empty_sample_button, self.empty_jsonl_button, self.empty_bios_button,
                       self.sources_button):
            widget.setEnabled(enabled)

    # ------------------------------------------------------------------ adding and removing sources
    def import_jsonl(self, paths: list[str | Path]) -> int:
        """Adds Q&A files to the project and reloads; returns how many were new."""
        return self._add_sources(paths, bios=False)

    def import_bios(self, folders: list[str | Path]) -> int:
        """Adds biography folders to the project and reloads; returns how many were new."""
        return self._add_sources(folders, bios=True)

    def _add_sources(self, paths: list[str | Path], bios: bool) -> int:
        project = self.context.project
        if project is None:
            return 0
        add = project.add_bio_source if bios else project.add_jsonl_source
        added = sum(1 for p in paths if add(p))
        self._after_import(added, paths)
        return added

    def _after_import(self, added: int, paths: list) -> None:
        if added:
            self.context.save_sources()
            self.banner.hide()
            self.sources_changed.emit()
        elif paths:
            self.status_message.emit(self.tr("Esses dados já estavam no projeto."))

    @Slot()
    def use_sample_data(self) -> None:
        project = self.context.project
        if project is None:
            return
        from farense_studio.project import sample_sources

        jsonl, bios = sample_sources()
        if not jsonl and not bios:
            self.banner.show_message(self.tr("Os dados de exemplo não foram encontrados nesta instalação."),
                                     Banner.ERROR)
            return
        if project.add_sample_data():
            self.context.save_sources()
            self.sources_changed.emit()
            self.status_message.emit(self.tr("Dados de exemplo acrescentados ao projeto."))
        else:
            self.status_message.emit(self.tr("Os dados de exemplo já estão neste projeto."))

    def remove_source(self, path: str) -> None:
        project = self.context.project
        if project is not None and project.remove_source(path):
            self.context.save_sources()
            self.sources_changed.emit()

    def handle_dropped_paths(self, paths: list[str | Path]) -> tuple[int, int]:
        """Folders become biography sources, .jsonl/.json files Q&A sources; others are refused."""
        files, folders, refused = [], [], []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                folders.append(path)
            elif path.is_file() and path.suffix.lower() in JSONL_SUFFIXES:
                files.append(path)
            else:
                refused.append(path.name)
        added = (self.import_jsonl(files) if files else 0, self.import_bios(folders) if folders else 0)
        if refused:
            self.banner.show_message(
                self.tr("Não sei importar: {names}. Arraste ficheiros .jsonl ou pastas de biografias.").format(
                    names=", ".join(refused)), Banner.ERROR)
        return added

    @staticmethod
    def dropped_paths(event) -> list[str]:
        """The local files and folders a drag carries."""
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    # ------------------------------------------------------------------ buttons and menu
    @Slot()
    def _on_import_jsonl(self) -> None:
        start = self.settings.last_folder("import_jsonl")
        paths, _ = QFileDialog.getOpenFileNames(
            self._window, self.tr("Importar perguntas e respostas"), start,
            self.tr("Perguntas e respostas (*.jsonl *.json *.ndjson);;Todos os ficheiros (*)"))
        if paths:
            self.settings.set_last_folder("import_jsonl", paths[0])
            self.import_jsonl(paths)

    @Slot()
    def _on_import_bios(self) -> None:
        start = self.settings.last_folder("import_bios")
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("Importar a pasta de biografias"), start)
        if folder:
            self.settings.set_last_folder("import_bios", Path(folder).parent)
            self.import_bios([folder])

    @Slot()
    def _rebuild_sources_menu(self) -> None:
        self.sources_menu.clear()
        project = self.context.project
        sources = (project.jsonl_sources + project.bio_sources) if project else []
        if not sources:
            self.sources_menu.addAction(self.tr("(nenhuma fonte)")).setEnabled(False)
        for path in sources:
            sub = self.sources_menu.addMenu(path)
            sub.addAction(self.tr("Mostrar a pasta")).triggered.connect(
                lambda checked=False, p=path: QDesktopServices.openUrl(
                    QUrl.fromLocalFile(str(Path(p) if Path(p).is_dir() else Path(p).parent))))
            sub.addAction(self.tr("Retirar do projeto")).triggered.connect(
                lambda checked=False, p=path: self.remove_source(p))
        # The demo of bad lines: every problem the checks find, each with its reason in words.
        self.sources_menu.addSeparator()
        self.sources_menu.addAction(self.tr("Juntar o exemplo de linhas com problemas")).triggered.connect(
            lambda checked=False: self.import_jsonl([sample_data_dir() / PROBLEMS_SAMPLE]))

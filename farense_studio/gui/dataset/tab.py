"""The Dados tab: import the club's examples, look through them, fix them, prepare them for training.

Reading and preparing run in a background thread (gui.tasks) with progress, so 20,000 examples
never freeze the window. Every change is an undoable command; the changes are kept in the
project (data.edits, <projeto>/dados/edicoes.json), never written into the club's files.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QMenu, QPushButton, QSplitter, QStackedWidget, QTableView,
                               QToolButton, QVBoxLayout, QWidget)  # noqa: F401

from farense_studio import messages
from farense_studio.data.corpus import DEFAULT_SEED, DEFAULT_VAL_FRACTION, jsonl_names, split_score
from farense_studio.data.edits import EDITS_SOURCE, Edits
from farense_studio.data.formats import Example, Problem, check_messages
from farense_studio.gui import i18n
from farense_studio.gui.dataset.commands import DatasetCommand, RowChange
from farense_studio.gui.dataset.loader import (ApproxTokenizer, LoadResult, PrepareResult, counter,
                                               load_dataset, model_spec, prepare_dataset, training_max_length)
from farense_studio.gui.dataset.model import ANSWER, EXCLUDED, LOCATION, PROBLEMS, QUESTION, SPLIT, TOKENS, \
    ExamplesFilter, ExamplesModel
from farense_studio.gui.dataset.editor import ExampleEditor
from farense_studio.gui.dataset.problems_panel import ProblemsPanel
from farense_studio.gui.project_context import ProjectContext
from farense_studio.gui.settings import AppSettings
from farense_studio.gui.dataset.stats_panel import DEFAULT_MAX_LENGTH, Stats, StatsPanel
from farense_studio.gui.tasks import Task
from farense_studio.gui.widgets import Banner, BigButton, BusyBar
from farense_studio.project import Project

# Problems found by checking one conversation: an edit can make them appear or go away.
VALIDATION_CODES = {"unknown_role", "wrong_role_order", "empty_question", "empty_answer"}
JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
SEARCH_DELAY_MS = 200


def _with_texts(example: Example, question: str, answer: str) -> list[dict[str, str]]:
    """The example's messages with the first question and the last answer replaced."""
    msgs = copy.deepcopy(example.messages)
    users = [i for i, m in enumerate(msgs) if m.get("role") == "user"]
    answers = [i for i, m in enumerate(msgs) if m.get("role") == "assistant"]
    if users:
        msgs[users[0]]["content"] = question
    elif question.strip():
        at = answers[0] if answers else len(msgs)
        msgs.insert(at, {"role": "user", "content": question})
        answers = [i + 1 if i >= at else i for i in answers]
    if answers:
        msgs[answers[-1]]["content"] = answer
    else:
        msgs.append({"role": "assistant", "content": answer})
    return msgs


class ExamplesView(QTableView):
    """The examples table; its narrow columns follow the width so question and answer keep room."""

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        model = self.model()
        if model is None:
            return
        width = self.viewport().width()
        metrics = self.fontMetrics()

        def text_width(*texts: str) -> int:
            return max(metrics.horizontalAdvance(t) for t in texts) + 20

        header = self.horizontalHeader()
        source = model.sourceModel() if hasattr(model, "sourceModel") else model
        split_texts = [str(model.headerData(SPLIT, Qt.Orientation.Horizontal) or "")]
        if hasattr(source, "split_label"):
            split_texts += [source.split_label(s) for s in ("train", "valid", EXCLUDED)]
        header.resizeSection(SPLIT, text_width(*split_texts))
        header.resizeSection(TOKENS, text_width(str(model.headerData(TOKENS, Qt.Orientation.Horizontal) or ""),
                                                "00 000"))
        header.resizeSection(LOCATION, max(90, min(200, int(width * 0.15))))
        header.resizeSection(PROBLEMS, max(70, min(240, int(width * 0.16))))


class DatasetTab(QWidget):
    """Import, browse, edit and prepare the examples of the open project."""

    status_message = Signal(str)
    data_prepared = Signal(str)  # the folder with train.jsonl / valid.jsonl
    loading_finished = Signal()
    loading_failed = Signal(str)

    def __init__(self, project_context: ProjectContext, model_worker=None, parent: QWidget | None = None, *,
                 settings: AppSettings | None = None) -> None:
        super().__init__(parent)
        self.context = project_context
        self.model_worker = model_worker
        self.settings = settings or AppSettings()
        self.undo_stack = QUndoStack(self)
        self.edits: Edits | None = None
        self.model = ExamplesModel(self)
        self.proxy = ExamplesFilter(self)
        self.proxy.setSourceModel(self.model)
        self._problems: list[Problem] = []
        self._duplicates_removed = 0
        self._count_tokens = counter(ApproxTokenizer())
        self._load_task: Task | None = None
        self._prepare_task: Task | None = None
        self._tasks: set[Task] = set()
        self._pending_reload = False
        self._model_spec: str | None = None
        self._last_prepared: Path | None = None
        self.setAcceptDrops(True)
        self._build_ui()
        self._connect_signals()
        self._on_project_changed(self.context.project)

    # ================================================================== building
    def _build_ui(self) -> None:
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
        self.sources_menu = QMenu(self)
        self.sources_button.setMenu(self.sources_menu)
        self.busy = BusyBar()
        top = QHBoxLayout()
        top.addWidget(self.import_jsonl_button)
        top.addWidget(self.import_bios_button)
        top.addWidget(self.sample_button)
        top.addWidget(self.sources_button)
        top.addStretch(1)
        top.addWidget(self.busy, 2)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Procurar nas perguntas, respostas e origens…"))
        self.search_edit.setClearButtonEnabled(True)
        self.origin_combo = QComboBox()
        self.origin_combo.addItem(self.tr("todas"), "")
        self.origin_combo.addItem(self.tr("perguntas e respostas"), "qa")
        self.origin_combo.addItem(self.tr("biografias"), "bio")
        self.origin_combo.addItem(self.tr("escritos por si"), "user")
        self.split_combo = QComboBox()
        self.split_combo.addItem(self.tr("todos"), "")
        self.split_combo.addItem(self.tr("treino"), "train")
        self.split_combo.addItem(self.tr("verificação"), "valid")
        self.split_combo.addItem(self.tr("fora (com erro)"), EXCLUDED)
        self.split_combo.setToolTip(self.tr("Treino: o modelo aprende com estes. Verificação: ficam de parte "
                                            "para ver se aprendeu sem decorar."))
        self.problems_check = QCheckBox(self.tr("&Só com problemas"))
        self.count_label = QLabel()
        filters = QHBoxLayout()
        search_label = QLabel(self.tr("&Procurar:"))
        search_label.setBuddy(self.search_edit)
        origin_label = QLabel(self.tr("&Origem:"))
        origin_label.setBuddy(self.origin_combo)
        split_label = QLabel(self.tr("&Conjunto:"))
        split_label.setBuddy(self.split_combo)
        filters.addWidget(search_label)
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(origin_label)
        filters.addWidget(self.origin_combo)
        filters.addWidget(split_label)
        filters.addWidget(self.split_combo)
        filters.addWidget(self.problems_check)
        filters.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignRight)

        self.banner = Banner()

        self.table = ExamplesView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(QUESTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ANSWER, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.fit_columns()

        self.editor = ExampleEditor()
        self.table_split = QSplitter(Qt.Orientation.Horizontal)
        self.table_split.addWidget(self.table)
        self.table_split.addWidget(self.editor)
        self.table_split.setStretchFactor(0, 3)
        self.table_split.setStretchFactor(1, 2)
        self.table_split.setChildrenCollapsible(False)

        self.empty_page = self._build_empty_page()
        self.middle = QStackedWidget()
        self.middle.addWidget(self.empty_page)
        self.middle.addWidget(self.table_split)

        self.problems_panel = ProblemsPanel()
        self.stats_panel = StatsPanel()
        self.bottom_split = QSplitter(Qt.Orientation.Horizontal)
        self.bottom_split.addWidget(self.problems_panel)
        self.bottom_split.addWidget(self.stats_panel)
        self.bottom_split.setStretchFactor(0, 1)
        self.bottom_split.setStretchFactor(1, 1)
        self.bottom_split.setChildrenCollapsible(False)

        self.main_split = QSplitter(Qt.Orientation.Vertical)
        self.main_split.addWidget(self.middle)
        self.main_split.addWidget(self.bottom_split)
        self.main_split.setStretchFactor(0, 3)
        self.main_split.setStretchFactor(1, 2)
        self.main_split.setChildrenCollapsible(False)

        self.prepare_hint = QLabel(self.tr("Quando os dados estiverem bem, prepare-os para o treino."))
        self.prepare_hint.setWordWrap(True)
        self.prepare_button = BigButton(self.tr("P&reparar dados  »"))
        self.prepare_button.setToolTip(self.tr("Grava os exemplos de treino e as perguntas de verificação "
                                               "na pasta «preparado» do projeto, prontos para o Treino"))
        self.prepare_row = QWidget()
        bottom = QHBoxLayout(self.prepare_row)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.prepare_hint, 1)
        bottom.addWidget(self.prepare_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.main_split, 1)
        layout.addWidget(self.prepare_row)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._restore_state()

    def _build_empty_page(self) -> QWidget:
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

    def _connect_signals(self) -> None:
        self.context.project_changed.connect(self._on_project_changed)
        self.context.settings_changed.connect(self._on_settings_changed)
        self.import_jsonl_button.clicked.connect(self._on_import_jsonl)
        self.import_bios_button.clicked.connect(self._on_import_bios)
        self.sample_button.clicked.connect(self.use_sample_data)
        self.empty_sample_button.clicked.connect(self.use_sample_data)
        self.empty_jsonl_button.clicked.connect(self._on_import_jsonl)
        self.empty_bios_button.clicked.connect(self._on_import_bios)
        self.sources_menu.aboutToShow.connect(self._rebuild_sources_menu)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self._search_timer.timeout.connect(self._apply_filters)
        self.origin_combo.currentIndexChanged.connect(self._apply_filters)
        self.split_combo.currentIndexChanged.connect(self._apply_filters)
        self.problems_check.toggled.connect(self._apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.customContextMenuRequested.connect(self._on_table_menu)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.problems_panel.problem_activated.connect(self._on_problem_activated)
        self.stats_panel.max_length_changed.connect(self._on_max_length_changed)
        self.editor.save_requested.connect(self.edit_example)
        self.editor.add_requested.connect(self.add_example)
        self.editor.split_requested.connect(lambda example_id, split: self.set_split([example_id], split))
        self.editor.remove_requested.connect(lambda example_id: self.remove_examples([example_id]))
        self.editor.new_requested.connect(self._on_new_example)
        self.prepare_button.clicked.connect(self.prepare)
        self.banner.action_clicked.connect(self._on_banner_action)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(lambda: self.remove_examples(self.selected_ids()))
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(lambda: (self.search_edit.setFocus(), self.search_edit.selectAll()))

    # ================================================================== state
    def _restore_state(self) -> None:
        for key, splitter in self._splitters().items():
            state = self.settings.geometry(f"dataset/{key}")
            if state is not None:
                splitter.restoreState(state)
        if self.settings.geometry("dataset/main") is None:
            self.main_split.setSizes([460, 260])
            self.table_split.setSizes([900, 380])
            self.bottom_split.setSizes([560, 700])

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main_split, "table": self.table_split, "bottom": self.bottom_split}

    def save_state(self) -> None:
        for key, splitter in self._splitters().items():
            self.settings.set_geometry(f"dataset/{key}", splitter.saveState())

    def shutdown(self) -> None:
        self.editor.commit()
        for task in list(self._tasks):
            task.cancel()

    @property
    def project(self) -> Project | None:
        return self.context.project

    def is_busy(self) -> bool:
        return any(task.running() for task in self._tasks)

    # ================================================================== project and loading
    @Slot(object)
    def _on_project_changed(self, project: Project | None) -> None:
        for task in list(self._tasks):
            task.cancel()
        self._tasks.clear()
        self._load_task = self._prepare_task = None
        self.busy.finish()
        self.undo_stack.clear()
        self.banner.hide()
        self.editor.show_nothing()
        self._last_prepared = None
        self.edits = Edits.load(project.path) if project is not None else None
        self.stats_panel.set_max_length(training_max_length(project.settings if project else {}))
        self._set_enabled(project is not None)
        self.reload()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.import_jsonl_button, self.import_bios_button, self.sample_button,
                       self.empty_sample_button, self.empty_jsonl_button, self.empty_bios_button,
                       self.prepare_button, self.sources_button):
            widget.setEnabled(enabled)

    def has_sources(self) -> bool:
        project = self.project
        return project is not None and bool(project.jsonl_sources or project.bio_sources)

    def reload(self) -> None:
        """Reads every source again (in the background) with the project's edits applied."""
        project = self.project
        if project is None or not self.has_sources() and not (self.edits and self.edits.added):
            self._show_result(LoadResult([], set(), {}, [], 0, ApproxTokenizer()))
            self.loading_finished.emit()
            return
        self.editor.commit()
        if self._load_task is not None:
            self._load_task.cancel()
        self._model_spec = model_spec(project.settings)
        task = Task(load_dataset, list(project.jsonl_sources), list(project.bio_sources),
                    self.edits.to_dict() if self.edits else {}, dict(project.settings))
        self._load_task = task
        self._start(task, self.tr("A ler os exemplos…"), self._on_load_finished)

    def _start(self, task: Task, text: str, on_finished) -> None:
        self._tasks.add(task)
        task.progress.connect(self._on_task_progress)
        task.finished.connect(on_finished)
        task.failed.connect(self._on_task_failed)
        self.busy.start(text)
        self.prepare_button.setEnabled(False)
        task.start()

    def _task_done(self, task: Task | None) -> None:
        if task is not None:
            self._tasks.discard(task)
        if not self.is_busy():
            self.busy.finish()
            self.prepare_button.setEnabled(self.project is not None)

    @Slot(int, int)
    def _on_task_progress(self, done: int, total: int) -> None:
        if self._prepare_task is not None and self._prepare_task.running():
            text = self.tr("A preparar: {done} de {total} exemplos verificados")
        else:
            text = self.tr("A ler: {done} de {total} exemplos verificados")
        self.busy.progress(done, total, text.format(done=i18n.number(done), total=i18n.number(total)))

    @Slot(object)
    def _on_load_finished(self, result: LoadResult) -> None:
        task = self._load_task
        if task is None or result is not task.result:
            return  # an older load, superseded
        self._load_task = None
        self._task_done(task)
        self._show_result(result)
        self.status_message.emit(self.tr("{n} exemplos lidos").format(n=i18n.number(len(result.examples))))
        self.loading_finished.emit()

    @Slot(str, str)
    def _on_task_failed(self, text: str, details: str) -> None:
        for task in list(self._tasks):
            if not task.running():
                self._tasks.discard(task)
        if self._load_task is not None and not self._load_task.running():
            self._load_task = None
        if self._prepare_task is not None and not self._prepare_task.running():
            self._prepare_task = None
        self._task_done(None)
        self.banner.show_message(self.tr("Algo correu mal: {text}").format(text=text), Banner.ERROR)
        self.loading_failed.emit(text)

    def _show_result(self, result: LoadResult) -> None:
        current = self.editor.current_id()
        self._problems = list(result.problems)
        self._duplicates_removed = result.duplicates_removed
        self._count_tokens = counter(result.tokenizer)
        self.model.set_examples(result.examples, result.tokens, result.problems, result.rejected_ids,
                                approximate=result.approximate_tokens, haystacks=result.haystacks)
        self.problems_panel.set_problems(self._problems)
        if result.stats is not None:
            self.stats_panel.set_stats(result.stats, self.model.approximate)
        else:
            self._refresh_stats()
        self._show_data_pages(bool(self.model.rowCount() or self._problems))
        if current and self.model.row_of(current) >= 0:
            self.select_example(current)
        else:
            self.editor.show_nothing()
        self._update_count()

    def _show_data_pages(self, has_data: bool) -> None:
        """The drop zone alone while there is nothing; table, problems, statistics once there is."""
        self.middle.setCurrentIndex(1 if has_data else 0)
        self.bottom_split.setVisible(has_data)
        self.prepare_row.setVisible(has_data)

    def _refresh_stats(self) -> None:
        stats = Stats.compute(self.model.examples(), self.model.all_tokens(), self.model.rejected_ids(),
                              self._duplicates_removed)
        self.stats_panel.set_stats(stats, self.model.approximate)

    @Slot(dict)
    def _on_settings_changed(self, changed: dict) -> None:
        project = self.project
        if project is None:
            return
        if "training" in changed:
            self.stats_panel.set_max_length(training_max_length(project.settings))
        model = model_spec(project.settings)
        if model != self._model_spec or any(key in changed for key in ("val_fraction", "seed")):
            self.reload()  # token lengths now come from the chosen model's tokenizer

    @Slot(int)
    def _on_max_length_changed(self, value: int) -> None:
        pass  # a preview only: the length used in training is chosen in the Treino tab

    # ================================================================== importing
    def import_jsonl(self, paths: list[str | Path]) -> int:
        """Adds Q&A files to the project and reloads; returns how many were new."""
        project = self.project
        if project is None:
            return 0
        added = sum(1 for p in paths if project.add_jsonl_source(p))
        self._after_import(added, paths)
        return added

    def import_bios(self, folders: list[str | Path]) -> int:
        project = self.project
        if project is None:
            return 0
        added = sum(1 for p in folders if project.add_bio_source(p))
        self._after_import(added, folders)
        return added

    def _after_import(self, added: int, paths: list) -> None:
        if added:
            self.context.save_sources()
            self.banner.hide()
            self.reload()
        elif paths:
            self.status_message.emit(self.tr("Esses dados já estavam no projeto."))

    @Slot()
    def use_sample_data(self) -> None:
        project = self.project
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
            self.reload()
            self.status_message.emit(self.tr("Dados de exemplo acrescentados ao projeto."))
        else:
            self.status_message.emit(self.tr("Os dados de exemplo já estão neste projeto."))

    def remove_source(self, path: str) -> None:
        project = self.project
        if project is not None and project.remove_source(path):
            self.context.save_sources()
            self.reload()

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
    def _dropped_paths(event) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.project is not None and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self.project is not None and self._dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self._dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.handle_dropped_paths(paths)

    @Slot()
    def _on_import_jsonl(self) -> None:
        start = self.settings.last_folder("import_jsonl")
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Importar perguntas e respostas"), start,
            self.tr("Perguntas e respostas (*.jsonl *.json *.ndjson);;Todos os ficheiros (*)"))
        if paths:
            self.settings.set_last_folder("import_jsonl", paths[0])
            self.import_jsonl(paths)

    @Slot()
    def _on_import_bios(self) -> None:
        start = self.settings.last_folder("import_bios")
        folder = QFileDialog.getExistingDirectory(self, self.tr("Importar a pasta de biografias"), start)
        if folder:
            self.settings.set_last_folder("import_bios", Path(folder).parent)
            self.import_bios([folder])

    @Slot()
    def _rebuild_sources_menu(self) -> None:
        self.sources_menu.clear()
        project = self.project
        sources = (project.jsonl_sources + project.bio_sources) if project else []
        if not sources:
            self.sources_menu.addAction(self.tr("(nenhuma fonte)")).setEnabled(False)
            return
        for path in sources:
            sub = self.sources_menu.addMenu(path)
            sub.addAction(self.tr("Mostrar a pasta")).triggered.connect(
                lambda checked=False, p=path: QDesktopServices.openUrl(
                    QUrl.fromLocalFile(str(Path(p) if Path(p).is_dir() else Path(p).parent))))
            sub.addAction(self.tr("Retirar do projeto")).triggered.connect(
                lambda checked=False, p=path: self.remove_source(p))

    # ================================================================== filtering and selection
    @Slot()
    def _apply_filters(self) -> None:
        self.proxy.set_criteria(text=self.search_edit.text(), origin=self.origin_combo.currentData() or "",
                                split=self.split_combo.currentData() or "",
                                only_problems=self.problems_check.isChecked())
        self._update_count()

    def apply_filters_now(self) -> None:
        """Applies the search box at once (the box normally waits for typing to pause)."""
        self._search_timer.stop()
        self._apply_filters()

    def clear_filters(self) -> None:
        for widget in (self.search_edit, self.origin_combo, self.split_combo, self.problems_check):
            widget.blockSignals(True)
        self.search_edit.clear()
        self.origin_combo.setCurrentIndex(0)
        self.split_combo.setCurrentIndex(0)
        self.problems_check.setChecked(False)
        for widget in (self.search_edit, self.origin_combo, self.split_combo, self.problems_check):
            widget.blockSignals(False)
        self.apply_filters_now()

    @Slot()
    def _update_count(self, *args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("{n} exemplos").format(n=i18n.number(total)))
        else:
            self.count_label.setText(self.tr("{shown} de {total} exemplos").format(
                shown=i18n.number(shown), total=i18n.number(total)))

    def select_example(self, example_id: str) -> bool:
        """Selects an example's row (clearing the filters when they hide it); False if not in the table."""
        row = self.model.row_of(example_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self._show_data_pages(True)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_example(example_id)
        return True

    def selected_ids(self) -> list[str]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.example(r).id for r in rows]

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.example(self.proxy.mapToSource(index).row()).id

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.editor.commit()
        if not current.isValid():
            return
        source = self.proxy.mapToSource(current)
        if source.isValid():
            self._show_example(self.model.example(source.row()).id)

    def _show_example(self, example_id: str) -> None:
        row = self.model.row_of(example_id)
        if row < 0:
            self.editor.show_nothing()
            return
        example = self.model.example(row)
        if self.editor.current_id() == example_id and self.editor.is_dirty():
            return
        self.editor.show_example(example, self.model.tokens(example_id), self.model.problems_of(example_id),
                                 self.model.approximate, self.model.is_rejected(example_id))

    @Slot(object)
    def _on_problem_activated(self, problem: Problem) -> None:
        self.editor.commit()
        target = problem.example_id
        if problem.code == "duplicate" and self.model.row_of(target or "") < 0:
            target = problem.params.get("first_id") or target
        if target and self.select_example(target):
            if problem.code == "duplicate" and target != problem.example_id:
                self.status_message.emit(self.tr("O repetido foi removido; mostra-se o exemplo que ficou."))
            return
        self.table.clearSelection()
        self.editor.show_line(problem, self._read_line(problem))

    def _read_line(self, problem: Problem) -> str | None:
        """The text of a bad line, read from the club's file (never changed)."""
        project = self.project
        if project is None or problem.line is None:
            return None
        for path, name in zip(project.jsonl_sources, jsonl_names(project.jsonl_sources)):
            if name == problem.file or path == problem.file:
                try:
                    with open(path, "rb") as handle:
                        for number, raw in enumerate(handle, 1):
                            if number == problem.line:
                                return raw.decode("utf-8", errors="replace").rstrip("\r\n")
                except OSError:
                    return None
        return None

    @Slot("QPoint")
    def _on_table_menu(self, pos) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Passar para treino")).triggered.connect(lambda: self.set_split(ids, "train"))
        menu.addAction(self.tr("Passar para verificação")).triggered.connect(lambda: self.set_split(ids, "valid"))
        menu.addSeparator()
        menu.addAction(self.tr("Remover")).triggered.connect(lambda: self.remove_examples(ids))
        menu.popup(self.table.viewport().mapToGlobal(pos))

    @Slot()
    def _on_new_example(self) -> None:
        self.editor.commit()
        self.table.clearSelection()
        self._show_data_pages(True)
        self.editor.show_new()

    # ================================================================== editing (undoable)
    def _ensure_edits(self) -> Edits | None:
        if self.edits is None and self.project is not None:
            self.edits = Edits.load(self.project.path)
        return self.edits

    def _settle(self, example: Example) -> Example:
        """A mended example that had no split gets the one the corpus would give it."""
        if example.split in ("train", "valid") or check_messages(example.messages) is not None:
            return example
        settings = self.project.settings if self.project else {}
        fraction = float(settings.get("val_fraction", DEFAULT_VAL_FRACTION))
        seed = int(settings.get("seed", DEFAULT_SEED))
        return replace(example, split="valid" if split_score(seed, example.id) < fraction else "train")

    def _push(self, text: str, before: dict, edits: Edits, changes: list[RowChange]) -> None:
        self.undo_stack.push(DatasetCommand(self, text, before, edits.to_dict(), changes))

    @Slot(str, str, str)
    def edit_example(self, example_id: str, question: str, answer: str) -> None:
        edits = self._ensure_edits()
        row = self.model.row_of(example_id)
        if edits is None or row < 0:
            return
        old = self.model.example(row)
        messages_ = _with_texts(old, question, answer)
        if messages_ == old.messages:
            return
        before = edits.to_dict()
        scratch = Edits.from_dict(before)
        scratch.set_messages(example_id, messages_)
        fmt = "messages" if old.format == "text" and any(m["role"] == "user" for m in messages_) else old.format
        new = self._settle(replace(old, messages=messages_, format=fmt))
        self._push(self.tr("Editar exemplo"), before, scratch, [RowChange(example_id, old, new, row)])

    @Slot(str, str, str)
    def add_example(self, question: str, answer: str, split: str = "train") -> str | None:
        edits = self._ensure_edits()
        if edits is None:
            return None
        before = edits.to_dict()
        scratch = Edits.from_dict(before)
        messages_ = [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
        new_id = scratch.add(messages_, split)
        example = Example(messages_, EDITS_SOURCE, None, "user", new_id, split, "messages")
        self._push(self.tr("Acrescentar exemplo"), before, scratch,
                   [RowChange(new_id, None, example, self.model.rowCount())])
        self.select_example(new_id)
        return new_id

    def remove_examples(self, ids: list[str]) -> None:
        edits = self._ensure_edits()
        ids = [i for i in ids if self.model.row_of(i) >= 0]
        if edits is None or not ids:
            return
        self.editor.commit()
        before = edits.to_dict()
        scratch = Edits.from_dict(before)
        changes = []
        for example_id in ids:
            scratch.remove(example_id)
            changes.append(RowChange(example_id, self.model.example(self.model.row_of(example_id)), None,
                                     self.model.row_of(example_id)))
        text = self.tr("Remover exemplo") if len(ids) == 1 else self.tr("Remover {n} exemplos").format(n=len(ids))
        self._push(text, before, scratch, changes)

    def set_split(self, ids: list[str], split: str) -> None:
        edits = self._ensure_edits()
        if edits is None:
            return
        changes = []
        before = edits.to_dict()
        scratch = Edits.from_dict(before)
        for example_id in ids:
            row = self.model.row_of(example_id)
            if row < 0 or self.model.is_rejected(example_id):
                continue
            old = self.model.example(row)
            if old.split == split:
                continue
            scratch.set_split(example_id, split)
            changes.append(RowChange(example_id, old, replace(old, split=split), row))
        if not changes:
            return
        text = self.tr("Passar para treino") if split == "train" else self.tr("Passar para verificação")
        self._push(text, before, scratch, changes)

    def apply_change(self, edits_state: dict[str, Any], rows: list[tuple[str, Example | None, int]]) -> None:
        """Called by the undo commands: puts an edits state and rows in place, then saves."""
        project = self.project
        if project is None:
            return
        path = self.edits.path if self.edits is not None else None
        self.edits = Edits.from_dict(edits_state, path)
        for example_id, example, row in rows:
            if example is None:
                self.model.remove_example(example_id)
                self._replace_problems(example_id, [], keep_other=False)
                continue
            problems = self._validate(example)
            all_problems = self._replace_problems(example_id, problems, keep_other=True)
            rejected = any(p.severity == "error" for p in problems)
            tokens = self._count_tokens(example.messages)
            if self.model.row_of(example_id) < 0:
                self.model.insert_example(row, example, tokens, all_problems, rejected)
            else:
                self.model.replace_example(example, tokens, all_problems, rejected)
        self._save_edits()
        self.problems_panel.set_problems(self._problems)
        self._refresh_stats()
        self._show_data_pages(True)
        self._update_count()
        current = self.editor.current_id()
        if current is not None and any(current == r[0] for r in rows):
            if self.model.row_of(current) >= 0:
                self.editor.show_example(self.model.example(self.model.row_of(current)),
                                         self.model.tokens(current), self.model.problems_of(current),
                                         self.model.approximate, self.model.is_rejected(current))
            else:
                self.editor.show_nothing()

    @staticmethod
    def _validate(example: Example) -> list[Problem]:
        found = check_messages(example.messages)
        if found is None:
            return []
        return [Problem(found[0], found[1], "error", example.source, example.line, example.id)]

    def _replace_problems(self, example_id: str, new: list[Problem], keep_other: bool) -> list[Problem]:
        """Swaps an example's validation problems in the panel's list; returns all of its problems."""
        kept, position = [], None
        for index, problem in enumerate(self._problems):
            if problem.example_id == example_id and (problem.code in VALIDATION_CODES or not keep_other):
                if position is None:
                    position = len(kept)
                continue
            kept.append(problem)
        position = len(kept) if position is None else position
        kept[position:position] = new
        self._problems = kept
        return [p for p in kept if p.example_id == example_id]

    def _save_edits(self) -> None:
        if self.edits is None:
            return
        try:
            self.edits.save()
        except OSError as exc:
            self.banner.show_message(
                self.tr("Não foi possível guardar as alterações: {detail}").format(detail=exc.strerror or exc),
                Banner.ERROR)

    # ================================================================== preparing
    @Slot()
    def prepare(self) -> None:
        project = self.project
        if project is None or self._prepare_task is not None:
            return
        self.editor.commit()
        out_dir = project.preparado_dir
        if self._load_task is not None:
            self._load_task.cancel()
            self._tasks.discard(self._load_task)
            self._load_task = None
        task = Task(prepare_dataset, list(project.jsonl_sources), list(project.bio_sources),
                    self.edits.to_dict() if self.edits else {}, dict(project.settings), out_dir)
        self._prepare_task = task
        self._start(task, self.tr("A preparar os dados…"), self._on_prepare_finished)

    @Slot(object)
    def _on_prepare_finished(self, result: PrepareResult) -> None:
        task = self._prepare_task
        if task is None or result is not task.result:
            return
        self._prepare_task = None
        self._task_done(task)
        self._show_result(result.load)
        self._last_prepared = result.out_dir
        text = messages.render("prepare_summary", {
            "out": str(result.out_dir), "train": i18n.number(result.train), "valid": i18n.number(result.valid),
            "duplicates": i18n.number(result.duplicates), "errors": i18n.number(result.errors)})
        kind = Banner.SUCCESS if result.train else Banner.ERROR
        self.banner.show_message(text, kind, self.tr("Abrir a pasta"), "open_prepared")
        self.status_message.emit(self.tr("Dados preparados em {path}").format(path=result.out_dir))
        self.data_prepared.emit(str(result.out_dir))

    @Slot(str)
    def _on_banner_action(self, key: str) -> None:
        if key == "open_prepared" and self._last_prepared is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_prepared)))

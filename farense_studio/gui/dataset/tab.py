"""The Dados tab: import the club's examples, look through them, fix them, prepare them for training.

Reading and preparing run in the background (work.DatasetWork) with progress, so 20,000 examples
never freeze the window. Each change is worked out by data.edits.EditSession and pushed as an
undoable command, kept in the project (<projeto>/dados/edicoes.json), never in the club's files.
Questions generated from the biographies (generation.py) are rows of origin "gerado", reviewed
through review.GeneratedReview (<projeto>/dados/gerados.jsonl).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QMenu, QStackedWidget, QVBoxLayout, QWidget

from farense_studio import messages
from farense_studio.data import raft
from farense_studio.data.edits import EditSession, EditStep, Edits
from farense_studio.data.formats import Example, Problem
from farense_studio.gui import i18n
from farense_studio.gui.dataset.commands import DatasetCommand
from farense_studio.gui.dataset.editor import ExampleEditor
from farense_studio.gui.dataset.prepare_row import PrepareRow
from farense_studio.gui.dataset.generation import GenerationBar, QuestionGeneration
from farense_studio.gui.dataset.imports import ImportActions
from farense_studio.gui.dataset.loader import (ApproxTokenizer, LoadResult, PrepareResult, counter, model_spec,
                                               read_bad_line, training_max_length)
from farense_studio.gui.dataset.model import ExamplesFilter, ExamplesModel
from farense_studio.gui.dataset.problems_panel import ProblemsPanel
from farense_studio.gui.dataset.review import GeneratedReview
from farense_studio.gui.dataset.stats_panel import Stats, StatsPanel
from farense_studio.gui.dataset.table import ExamplesView, FilterBar, SplitterStates, splitter as _splitter
from farense_studio.gui.dataset.work import DatasetWork
from farense_studio.gui.project_context import ProjectContext
from farense_studio.gui.settings import AppSettings
from farense_studio.gui.widgets import Banner, BusyBar
from farense_studio.project import Project


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
        self.model = ExamplesModel(self)
        self.proxy = ExamplesFilter(self)
        self.proxy.setSourceModel(self.model)
        self.session = EditSession(self.model, counter(ApproxTokenizer()))
        self._duplicates_removed = 0
        self._model_spec: str | None = None
        self._last_prepared: Path | None = None
        self.setAcceptDrops(True)
        self._build_ui()
        self._connect_signals()
        self._on_project_changed(self.context.project)

    # ================================================================== building
    def _build_ui(self) -> None:
        self.banner = Banner()
        self.imports = imports = ImportActions(self.context, self.settings, self.banner, self)
        self.import_jsonl_button, self.import_bios_button = imports.import_jsonl_button, imports.import_bios_button
        self.sample_button, self.sources_button = imports.sample_button, imports.sources_button
        # Importing is offered by the tab (tests and scripts call these on it); ImportActions does it.
        self.import_jsonl, self.import_bios, self.use_sample_data = (imports.import_jsonl, imports.import_bios,
                                                                     imports.use_sample_data)
        self.remove_source, self.handle_dropped_paths = imports.remove_source, imports.handle_dropped_paths
        self.busy = BusyBar()
        self.work = DatasetWork(self.busy, self)
        top = QHBoxLayout()
        for button in (self.import_jsonl_button, self.import_bios_button, self.sample_button, self.sources_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.busy, 2)
        self.review = GeneratedReview(self.undo_stack, self)
        self.generation_bar = GenerationBar()
        self.generation = QuestionGeneration(self.generation_bar, self.work, self.review, self.banner, self.context,
                                             self.model, self.model_worker, self)

        self.filter_bar = FilterBar()
        self.search_edit = self.filter_bar.search_edit
        self.origin_combo = self.filter_bar.origin_combo
        self.split_combo = self.filter_bar.split_combo
        self.problems_check = self.filter_bar.problems_check
        self.count_label = self.filter_bar.count_label

        self.table = ExamplesView(self.proxy)
        self.editor = ExampleEditor()
        self.table_split = _splitter(Qt.Orientation.Horizontal, (self.table, 3), (self.editor, 2))

        self.middle = QStackedWidget()
        self.middle.addWidget(self.imports.empty_page)
        self.middle.addWidget(self.table_split)

        self.problems_panel = ProblemsPanel()
        self.stats_panel = StatsPanel()
        self.bottom_split = _splitter(Qt.Orientation.Horizontal, (self.problems_panel, 1), (self.stats_panel, 1))
        self.main_split = _splitter(Qt.Orientation.Vertical, (self.middle, 3), (self.bottom_split, 2))

        self.prepare_row = PrepareRow(self.context)
        self.prepare_hint, self.prepare_button = self.prepare_row.hint, self.prepare_row.button
        self.documents_check = self.prepare_row.documents

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.generation_bar)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.main_split, 1)
        layout.addWidget(self.prepare_row)
        self.splitters = SplitterStates(self.settings, "dataset", {
            "main": (self.main_split, [460, 260]), "table": (self.table_split, [900, 380]),
            "bottom": (self.bottom_split, [560, 700])})

    def _connect_signals(self) -> None:
        self.context.project_changed.connect(self._on_project_changed)
        self.context.settings_changed.connect(self._on_settings_changed)
        self.imports.sources_changed.connect(self.reload)
        self.imports.status_message.connect(self.status_message)
        self.work.started.connect(lambda: self.prepare_button.setEnabled(False))
        self.work.idle.connect(lambda: self.prepare_button.setEnabled(self.project is not None))
        self.work.loaded.connect(self._on_load_finished)
        self.work.prepared.connect(self._on_prepare_finished)
        self.work.failed.connect(self._on_work_failed)
        self.filter_bar.changed.connect(self._apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.customContextMenuRequested.connect(self._on_table_menu)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.problems_panel.problem_activated.connect(self._on_problem_activated)
        self.editor.save_requested.connect(self.edit_example)
        self.editor.add_requested.connect(self.add_example)
        self.editor.split_requested.connect(lambda example_id, split: self.set_split([example_id], split))
        self.editor.remove_requested.connect(lambda example_id: self.remove_examples([example_id]))
        self.editor.new_requested.connect(self._on_new_example)
        self.editor.review_requested.connect(lambda example_id, status: self.review.decide([example_id], status))
        self.generation_bar.generate_requested.connect(
            lambda with_model: (self.editor.commit(), self.generation.start(self.session.state(), with_model)))
        self.generation_bar.accept_all_requested.connect(self.review.accept_all)
        self.generation.finished.connect(self.reload)
        self.review.changed.connect(self._on_generated_changed)
        self.prepare_button.clicked.connect(self.prepare)
        self.banner.action_clicked.connect(self._on_banner_action)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(lambda: self.remove_examples(self.selected_ids()))
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(lambda: (self.search_edit.setFocus(), self.search_edit.selectAll()))

    # ================================================================== state
    def save_state(self) -> None:
        self.splitters.save()

    def shutdown(self) -> None:
        self.editor.commit()
        self.work.cancel()

    @property
    def project(self) -> Project | None:
        return self.context.project

    @property
    def edits(self) -> Edits | None:
        """The open project's edits (None without a project)."""
        return self.session.edits

    def is_busy(self) -> bool:
        return self.work.is_busy()

    # ================================================================== project and loading
    @Slot(object)
    def _on_project_changed(self, project: Project | None) -> None:
        self.work.reset()
        self.undo_stack.clear()
        self.banner.hide()
        self.editor.show_nothing()
        self._last_prepared = None
        self.session.open(Edits.load_or_empty(project.path) if project is not None else None,
                          project.settings if project is not None else None)
        self.review.open(project)
        self.stats_panel.set_max_length(training_max_length(project.settings if project else {}))
        self.imports.set_enabled(project is not None)
        self.prepare_button.setEnabled(project is not None)
        self.documents_check.show_project(project)
        self.reload()

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
        self._model_spec = model_spec(project.settings)
        self.work.load(project, self.session.state())

    @Slot(object)
    def _on_load_finished(self, result: LoadResult) -> None:
        self._show_result(result)
        self.status_message.emit(self.tr("{n} exemplos lidos").format(n=i18n.number(len(result.examples))))
        self.loading_finished.emit()

    @Slot(str)
    def _on_work_failed(self, text: str) -> None:
        self.banner.show_message(self.tr("Algo correu mal: {text}").format(text=text), Banner.ERROR)
        self.loading_failed.emit(text)

    def _show_result(self, result: LoadResult) -> None:
        current = self.editor.current_id()
        # The problems panel is about the club's files and the user's rows; a generated row's own
        # problems (a repeat, say) show on its row in the table.
        self.session.show([p for p in result.problems if not self.review.is_generated(p.example_id or "")],
                          counter(result.tokenizer))
        self._duplicates_removed = result.duplicates_removed
        self.model.set_examples(result.examples, result.tokens, result.problems, result.rejected_ids,
                                approximate=result.approximate_tokens, haystacks=result.haystacks)
        self.model.set_generated(self.review.proposals())  # as decided now (the read may be older)
        self.problems_panel.set_problems(self.session.problems)
        if result.stats is not None and not self.review.proposals():
            self.stats_panel.set_stats(result.stats, self.model.approximate)
        else:
            self._refresh_stats()
        self.generation.show_review_state()
        self._show_data_pages(bool(self.model.rowCount() or self.session.problems))
        if current and self.model.row_of(current) >= 0:
            self.select_example(current)
        else:
            self.editor.show_nothing()
        self._update_count()

    def _show_data_pages(self, has_data: bool) -> None:
        """The drop zone alone while there is nothing; table, problems, statistics once there is."""
        self.middle.setCurrentIndex(1 if has_data else 0)
        self.generation_bar.setVisible(has_data)
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
        self.session.use_settings(project.settings)
        if "training" in changed:
            self.stats_panel.set_max_length(training_max_length(project.settings))
        model = model_spec(project.settings)
        if model != self._model_spec or any(key in changed for key in ("val_fraction", "seed")):
            self.reload()  # token lengths now come from the chosen model's tokenizer

    # ================================================================== importing (imports.ImportActions)
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.project is not None and self.imports.dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    dragMoveEvent = dragEnterEvent  # noqa: N815

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self.imports.dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.handle_dropped_paths(paths)

    # ================================================================== filtering and selection
    @Slot()
    def _apply_filters(self) -> None:
        self.proxy.set_criteria(**self.filter_bar.criteria())
        self._update_count()

    def apply_filters_now(self) -> None:
        """Applies the search box at once (the box normally waits for typing to pause)."""
        self.filter_bar.stop_waiting()
        self._apply_filters()

    def clear_filters(self) -> None:
        self.filter_bar.reset()
        self.apply_filters_now()

    @Slot()
    def _update_count(self, *args) -> None:
        self.filter_bar.show_count(self.proxy.rowCount(), self.model.rowCount())

    @Slot(str, result=bool)
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

    def _show_example(self, example_id: str, keep_unsaved: bool = True) -> None:
        row = self.model.row_of(example_id)
        if row < 0:
            self.editor.show_nothing()
            return
        if keep_unsaved and self.editor.current_id() == example_id and self.editor.is_dirty():
            return
        self.editor.show_example(self.model.example(row), self.model.tokens(example_id),
                                 self.model.problems_of(example_id), self.model.approximate,
                                 self.model.is_rejected(example_id))
        proposal = self.model.proposal(example_id)
        if proposal is not None:
            self.editor.set_review(self.model.generated_origin(proposal), proposal.status, proposal.trains)

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
        project = self.project
        text = read_bad_line(project.jsonl_sources, problem) if project is not None else None
        self.editor.show_line(problem, text)

    @Slot("QPoint")
    def _on_table_menu(self, pos) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        if not self.review.add_actions(menu, ids):  # generated rows get Aceitar / Rejeitar instead
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

    # ================================================================== editing (undoable, data.edits.EditSession)
    def _push(self, text: str, step: EditStep | None) -> None:
        if step is not None:
            self.undo_stack.push(DatasetCommand(self, text, step))

    @Slot(str, str, str)
    def edit_example(self, example_id: str, question: str, answer: str) -> None:
        if self.review.edit(example_id, question, answer) or self.review.is_generated(example_id):
            return
        self._push(self.tr("Editar exemplo"), self.session.edit(example_id, question, answer))

    @Slot(str, str, str)
    def add_example(self, question: str, answer: str, split: str = "train", origin: str | None = None) -> str | None:
        """A new example (origin data.edits.CORRECTION: a corrected answer from Conversar), undoable."""
        step = self.session.add(question, answer, split, origin)
        if step is None:
            return None
        self._push(self.tr("Acrescentar correção") if origin else self.tr("Acrescentar exemplo"), step)
        new_id = step.changes[0].example_id
        self.select_example(new_id)
        return new_id

    def remove_examples(self, ids: list[str]) -> None:
        if self.edits is None or not any(self.model.row_of(i) >= 0 for i in ids):
            return
        self.editor.commit()  # unsaved text becomes an edit first, so an undo brings it back too
        self.review.reject(ids)  # generated rows are rejected (kept, shown, left out of training)
        ids = [i for i in ids if not self.review.is_generated(i)]
        step = self.session.remove(ids) if ids else None
        if step is not None:
            n = len(step.changes)
            text = self.tr("Remover exemplo") if n == 1 else self.tr("Remover {n} exemplos").format(n=n)
            self._push(text, step)

    def set_split(self, ids: list[str], split: str) -> None:
        text = self.tr("Passar para treino") if split == "train" else self.tr("Passar para verificação")
        ids = [i for i in ids if not self.review.is_generated(i)]  # a generated row's set follows its source
        self._push(text, self.session.set_split(ids, split))

    def apply_change(self, edits_state: dict[str, Any], rows: list[tuple[str, Example | None, int]]) -> None:
        """Called by the undo commands: puts an edits state and rows in place, then saves."""
        if self.project is None:
            return
        for update in self.session.apply_state(edits_state, rows):
            if update.example is None:
                self.model.remove_example(update.example_id)
            elif self.model.row_of(update.example_id) < 0:
                self.model.insert_example(update.row, update.example, update.tokens, list(update.problems),
                                          update.rejected)
            else:
                self.model.replace_example(update.example, update.tokens, list(update.problems), update.rejected)
        try:
            self.session.save()
        except OSError as exc:
            self.banner.show_message(
                self.tr("Não foi possível guardar as alterações: {detail}").format(detail=exc.strerror or exc),
                Banner.ERROR)
        self._after_change({r[0] for r in rows})

    def _after_change(self, ids: set[str]) -> None:
        """Rows changed: problems, statistics, counts, the review bar and the editor follow."""
        self.problems_panel.set_problems(self.session.problems)
        self._refresh_stats()
        self._show_data_pages(True)
        self._update_count()
        self.generation.show_review_state()
        current = self.editor.current_id()
        if current is not None and current in ids:
            self._show_example(current, keep_unsaved=False)

    # ================================================================== preparing
    @Slot()
    def prepare(self) -> None:
        project = self.project
        if project is None or self.work.preparing():
            return
        self.editor.commit()
        self.work.prepare(project, self.session.state(), project.preparado_dir)

    @Slot(object)
    def _on_prepare_finished(self, result: PrepareResult) -> None:
        self._show_result(result.load)
        self._last_prepared = result.out_dir
        text = messages.render("prepare_summary", {
            "out": str(result.out_dir), "train": i18n.number(result.train), "valid": i18n.number(result.valid),
            "duplicates": i18n.number(result.duplicates), "errors": i18n.number(result.errors)})
        if result.generated:
            text += " " + self.tr("{n} perguntas geradas entram no treino.").format(n=i18n.number(result.generated))
        if result.documents is not None:
            text += " " + raft.summary(result.documents, i18n.number)
        kind = Banner.SUCCESS if result.train else Banner.ERROR
        self.banner.show_message(text, kind, self.tr("Abrir a pasta"), "open_prepared")
        self.status_message.emit(self.tr("Dados preparados em {path}").format(path=result.out_dir))
        self.data_prepared.emit(str(result.out_dir))

    @Slot(list)
    def _on_generated_changed(self, ids: list[str]) -> None:
        """A reviewer's decision on generated rows was made or undone (review.GeneratedReview)."""
        proposals = [self.review.store.proposals[i] for i in ids if i in self.review.store.proposals]
        self.model.set_generated(proposals, self.session.count_tokens)
        self._after_change({p.example_id for p in proposals})

    @Slot(str)
    def _on_banner_action(self, key: str) -> None:
        if key == "open_prepared" and self._last_prepared is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_prepared)))

"""The problems panel: every validation problem with file, line and a plain reason; a click picks it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHeaderView, QLabel, QStyle, QStyledItemDelegate,
                               QTreeView, QVBoxLayout, QWidget)

from farense_studio.data.formats import Problem
from farense_studio.gui import i18n

WHERE, REASON = range(2)


class SeverityIcons:
    """The style's error and warning icons, fetched once ("error" or "warning" in, icon out)."""

    def __init__(self) -> None:
        self._icons: dict[str, object] = {}

    def __call__(self, severity: str):
        icon = self._icons.get(severity)
        if icon is None:
            pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if severity == "error"
                      else QStyle.StandardPixmap.SP_MessageBoxWarning)
            icon = self._icons[severity] = QApplication.style().standardIcon(pixmap)
        return icon


class ProblemsModel(QAbstractTableModel):
    """A flat list of problems (the texts are rendered when shown, in the current language)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []
        self._icon = SeverityIcons()

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def problem(self, row: int) -> Problem:
        return self._problems[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Onde"), self.tr("Motivo")][section] if section in (0, 1) else None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._problems)):
            return None
        problem = self._problems[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == WHERE:
                return self.where(problem)
            return problem.text()
        if role == Qt.ItemDataRole.DecorationRole and index.column() == WHERE:
            return self._icon(problem.severity)
        return None

    def where(self, problem: Problem) -> str:
        if not problem.file:
            return self.tr("(todos os dados)")
        if problem.line is None:
            return problem.file
        return self.tr("{file}, linha {line}").format(file=problem.file, line=problem.line)


class _ElideRight(QStyledItemDelegate):
    """A reason is a sentence: cut at its end (the full text is in the tooltip), never in the middle."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


class ProblemsPanel(QWidget):
    """Heading with the counts, then the list; ``problem_activated`` when one is clicked."""

    problem_activated = Signal(object)  # Problem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProblemsModel(self)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps the line number in sight
        self.view.setItemDelegateForColumn(REASON, _ElideRight(self.view))
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(WHERE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(WHERE, 190)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        self.none_label = QLabel(self.tr("Todas as linhas e biografias foram lidas sem problemas."))
        self.none_label.setWordWrap(True)
        self.none_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.none_label, 1)
        self.view.clicked.connect(self._on_clicked)
        self.view.activated.connect(self._on_clicked)
        self.set_problems([])

    def set_problems(self, problems: list[Problem]) -> None:
        self.model.set_problems(problems)
        errors = sum(1 for p in problems if p.severity == "error")
        warnings = len(problems) - errors
        self.view.setVisible(bool(problems))
        self.none_label.setVisible(not problems)
        if not problems:
            self.heading.setText(self.tr("Problemas: nenhum"))
        else:
            errors_text = (self.tr("1 erro") if errors == 1 else
                           self.tr("{n} erros").format(n=i18n.number(errors)))
            warnings_text = (self.tr("1 aviso") if warnings == 1 else
                             self.tr("{n} avisos").format(n=i18n.number(warnings)))
            self.heading.setText(self.tr("Problemas: {errors}, {warnings}").format(
                errors=errors_text, warnings=warnings_text))
            # Wide enough for "ficheiro.jsonl, linha 123" when there is room, never more than 45%.
            self.view.resizeColumnToContents(WHERE)
            limit = max(190, int(self.view.viewport().width() * 0.45))
            self.view.header().resizeSection(WHERE, max(190, min(self.view.columnWidth(WHERE) + 8, limit)))

    def problems(self) -> list[Problem]:
        return self.model.problems()

    def select_problem(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self._on_clicked(index)

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.problem_activated.emit(self.model.problem(index.row()))

"""The examples table and the filter bar above it (search, origin, set, only problems, count)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QSplitter, QTableView, QWidget)

from farense_studio.gui import i18n
from farense_studio.gui.dataset.model import ANSWER, EXCLUDED, GENERATED, LOCATION, PROBLEMS, QUESTION, SPLIT, TOKENS

SEARCH_DELAY_MS = 200


class ExamplesView(QTableView):
    """The examples table; its narrow columns follow the width so question and answer keep room."""

    def __init__(self, model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(QUESTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ANSWER, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.fit_columns()

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
        if hasattr(source, "split_labels"):
            split_texts += source.split_labels()
        header.resizeSection(SPLIT, text_width(*split_texts))
        header.resizeSection(TOKENS, text_width(str(model.headerData(TOKENS, Qt.Orientation.Horizontal) or ""),
                                                "00 000"))
        header.resizeSection(LOCATION, max(90, min(200, int(width * 0.15))))
        header.resizeSection(PROBLEMS, max(70, min(240, int(width * 0.16))))


class FilterBar(QWidget):
    """What the table shows; ``changed`` once a filter changes (the search box waits for typing to pause)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Procurar nas perguntas, respostas e origens…"))
        self.search_edit.setClearButtonEnabled(True)
        self.origin_combo = QComboBox()
        self.origin_combo.addItem(self.tr("todas"), "")
        self.origin_combo.addItem(self.tr("perguntas e respostas"), "qa")
        self.origin_combo.addItem(self.tr("biografias"), "bio")
        self.origin_combo.addItem(self.tr("escritos por si"), "user")
        self.origin_combo.addItem(self.tr("geradas"), GENERATED)
        self.split_combo = QComboBox()
        self.split_combo.addItem(self.tr("todos"), "")
        self.split_combo.addItem(self.tr("treino"), "train")
        self.split_combo.addItem(self.tr("verificação"), "valid")
        self.split_combo.addItem(self.tr("fora (com erro)"), EXCLUDED)
        self.split_combo.setToolTip(self.tr("Treino: o modelo aprende com estes. Verificação: ficam de parte "
                                            "para ver se aprendeu sem decorar."))
        self.problems_check = QCheckBox(self.tr("&Só com problemas"))
        self.count_label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        search_label = QLabel(self.tr("&Procurar:"))
        search_label.setBuddy(self.search_edit)
        origin_label = QLabel(self.tr("&Origem:"))
        origin_label.setBuddy(self.origin_combo)
        split_label = QLabel(self.tr("&Conjunto:"))
        split_label.setBuddy(self.split_combo)
        layout.addWidget(search_label)
        layout.addWidget(self.search_edit, 3)
        layout.addWidget(origin_label)
        layout.addWidget(self.origin_combo)
        layout.addWidget(split_label)
        layout.addWidget(self.split_combo)
        layout.addWidget(self.problems_check)
        layout.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignRight)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self._search_timer.timeout.connect(self.changed)
        self.origin_combo.currentIndexChanged.connect(self.changed)
        self.split_combo.currentIndexChanged.connect(self.changed)
        self.problems_check.toggled.connect(self.changed)

    def criteria(self) -> dict[str, Any]:
        """Keywords for ExamplesFilter.set_criteria."""
        return {"text": self.search_edit.text(), "origin": self.origin_combo.currentData() or "",
                "split": self.split_combo.currentData() or "", "only_problems": self.problems_check.isChecked()}

    def stop_waiting(self) -> None:
        """The search text counts now: the pending delayed ``changed`` is dropped."""
        self._search_timer.stop()

    def reset(self) -> None:
        """Every filter back to 'all', without ``changed`` (the caller applies them once)."""
        widgets = (self.search_edit, self.origin_combo, self.split_combo, self.problems_check)
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        self.origin_combo.setCurrentIndex(0)
        self.split_combo.setCurrentIndex(0)
        self.problems_check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)

    @Slot(int, int)
    def show_count(self, shown: int, total: int) -> None:
        if shown == total:
            self.count_label.setText(self.tr("{n} exemplos").format(n=i18n.number(total)))
        else:
            self.count_label.setText(self.tr("{shown} de {total} exemplos").format(
                shown=i18n.number(shown), total=i18n.number(total)))


def splitter(orientation: Qt.Orientation, *parts: tuple[QWidget, int]) -> QSplitter:
    """A splitter of (widget, stretch) parts that never collapses one of them."""
    splitter = QSplitter(orientation)
    for index, (widget, stretch) in enumerate(parts):
        splitter.addWidget(widget)
        splitter.setStretchFactor(index, stretch)
    splitter.setChildrenCollapsible(False)
    return splitter


class SplitterStates:
    """Splitters whose sizes are kept in the settings ("prefix/key"); default sizes until then."""

    def __init__(self, settings, prefix: str, splitters: dict[str, tuple[QSplitter, list[int]]]) -> None:
        self.settings = settings
        self.prefix = prefix
        self.splitters = splitters
        for key, (widget, sizes) in splitters.items():
            state = settings.geometry(f"{prefix}/{key}")
            if state is None or not widget.restoreState(state):
                widget.setSizes(sizes)

    def save(self) -> None:
        for key, (widget, _sizes) in self.splitters.items():
            self.settings.set_geometry(f"{self.prefix}/{key}", widget.saveState())

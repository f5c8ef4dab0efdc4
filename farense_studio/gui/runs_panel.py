"""The list of a project's training runs: name, date, goal, best checking error, state.

Rename (a label kept in the run folder, so paths never change under a checkpoint), delete
with confirmation, continue an unfinished run, train a finished or stopped one more
(«Treinar mais…»), and pick one to compare on the plot.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from farense_studio.engine.runs import run_name, set_run_name
from farense_studio.gui import i18n

RESUMABLE = ("interrupted", "paused", "stopped")
EXTENDABLE = ("finished", "stopped")  # Trainer.extend adds a phase to these
# The run's name lives in <run>/nome.txt, read and written by the engine (RunInfo.name).
run_label = run_name
set_run_label = set_run_name


def next_run_label(treinos_dir: str | Path, template: str) -> str:
    """'Treino 4' after Treino 1..3 (template holds {number}; numbers are never reused)."""
    import re

    prefix, _, suffix = template.partition("{number}")
    pattern = re.compile(re.escape(prefix) + r"(\d+)" + re.escape(suffix) + "$")
    highest = 0
    folder = Path(treinos_dir)
    if folder.is_dir():
        for run in folder.iterdir():
            match = pattern.match(run_label(run)) if run.is_dir() else None
            if match:
                highest = max(highest, int(match.group(1)))
    return template.format(number=highest + 1)


class RunsModel(QAbstractTableModel):
    """Rows of engine.runs.RunInfo, newest first."""

    COLUMNS = ("name", "date", "preset", "best", "state", "facts")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.runs: list = []
        self.labels: dict[Path, str] = {}
        self.active: Path | None = None
        self.active_paused = False
        self.best: dict[Path, float | None] = {}
        self.facts: dict[Path, str | None] = {}

    def set_runs(self, runs: list) -> None:
        from farense_studio.engine.run_progress import run_progress
        from farense_studio.engine.verify_facts import run_fact_line

        self.beginResetModel()
        self.runs = list(runs)
        self.labels = {r.path: r.name for r in self.runs}
        # a run's state.json may predate its last checking error (metrics.jsonl has them all)
        self.best = {r.path: r.best_val_loss if r.best_val_loss is not None
                     else run_progress(r.path).best_val_loss for r in self.runs}
        self.facts = {r.path: run_fact_line(r.path) for r in self.runs}  # "acertos 0 → 31 de 37"
        self.endResetModel()

    def set_active(self, path: Path | None, paused: bool = False) -> None:
        self.active = Path(path) if path else None
        self.active_paused = bool(path) and paused
        if self.runs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.runs) - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.runs)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (self.tr("Nome"), self.tr("Data"), self.tr("Objetivo"),
                self.tr("Melhor erro (verificação)"), self.tr("Estado"), self.tr("Factos certos"))[section]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.runs):
            return None
        run = self.runs[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "name":
                return self.labels.get(run.path, run.name)
            if column == "date":
                return i18n.locale().toString(datetime.fromtimestamp(run.created), "d MMM yyyy, HH:mm")
            if column == "preset":
                return run.preset or self.tr("Personalizado")
            if column == "best":
                best = self.best.get(run.path, run.best_val_loss)
                return "—" if best is None else i18n.number(float(best), 2)
            if column == "state":
                return self.state_text(run)
            if column == "facts":
                return self.facts.get(run.path) or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(run.path)
        if role == Qt.ItemDataRole.UserRole:
            return run
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "best":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def state_text(self, run) -> str:
        if self.active is not None and Path(run.path) == self.active:
            return self.tr("em pausa agora") if self.active_paused else self.tr("a treinar agora")
        texts = {
            "new": self.tr("por começar"),
            "running": self.tr("a treinar"),
            "interrupted": self.tr("interrompido no passo {step}"),
            "paused": self.tr("em pausa no passo {step}"),
            "stopped": self.tr("parado no passo {step}"),
            "finished": self.tr("concluído"),
            "failed": self.tr("falhou"),
        }
        return texts.get(run.state, run.state).format(step=i18n.number(run.step))

    def run_at(self, row: int):
        return self.runs[row] if 0 <= row < len(self.runs) else None


class RunsPanel(QWidget):
    """Table of runs with Continuar / Comparar / Mudar o nome / Apagar."""

    resume_requested = Signal(object)  # Path
    more_requested = Signal(object)  # Path: «Treinar mais…» on a finished or stopped run
    compare_requested = Signal(object)  # Path or None (stop comparing)
    show_requested = Signal(object)  # Path: show this run's curves
    runs_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.treinos_dir: Path | None = None
        self.model = RunsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName(self.tr("Treinos anteriores"))

        self.title = QLabel(self.tr("<b>Treinos anteriores</b>"))
        self.resume_button = QPushButton(self.tr("Continuar treino"))
        self.more_button = QPushButton(self.tr("Treinar mais…"))
        self.more_button.setToolTip(self.tr("O modelo deste treino concluído ou parado passa mais "
                                            "vezes pelos mesmos dados, a partir do ponto onde ficou."))
        self.compare_button = QPushButton(self.tr("Comparar no gráfico"))
        self.compare_button.setCheckable(True)
        self.compare_button.setToolTip(self.tr("Mostra as curvas do treino escolhido, tracejadas, "
                                               "por baixo das do treino atual."))
        self.rename_button = QPushButton(self.tr("Mudar o nome…"))
        self.delete_button = QPushButton(self.tr("Apagar…"))
        self.empty_label = QLabel(self.tr("Ainda não há treinos neste projeto."))
        self.empty_label.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        for button in (self.resume_button, self.more_button, self.compare_button, self.rename_button,
                       self.delete_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.empty_label)

        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.resume_button.clicked.connect(self._on_resume)
        self.more_button.clicked.connect(self._on_more)
        self.compare_button.toggled.connect(self._on_compare)
        self.rename_button.clicked.connect(self._on_rename)
        self.delete_button.clicked.connect(self._on_delete)
        self._compared: Path | None = None
        self._update_buttons()

    # ---- data ------------------------------------------------------------------------------------
    def set_folder(self, treinos_dir: Path | None) -> None:
        self.treinos_dir = Path(treinos_dir) if treinos_dir else None
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_run()
        runs = []
        if self.treinos_dir is not None:
            from farense_studio.engine.runs import list_runs

            runs = list_runs(self.treinos_dir)
        self.model.set_runs(runs)
        self.empty_label.setVisible(not runs)
        self.view.setVisible(bool(runs))
        if selected is not None:
            self.select(selected.path)
        self._update_buttons()

    def set_active(self, path: Path | None, paused: bool = False) -> None:
        self.model.set_active(path, paused)
        self._update_buttons()

    def select(self, path: Path) -> None:
        for row, run in enumerate(self.model.runs):
            if Path(run.path) == Path(path):
                self.view.selectRow(row)
                return

    def selected_run(self):
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.run_at(rows[0].row()) if rows else None

    # ---- actions ----------------------------------------------------------------------------------
    def _update_buttons(self, *args) -> None:
        run = self.selected_run()
        active = run is not None and self.model.active is not None and Path(run.path) == self.model.active
        busy = self.model.active is not None
        self.resume_button.setEnabled(run is not None and run.state in RESUMABLE and not busy)
        self.more_button.setEnabled(run is not None and run.state in EXTENDABLE and not busy)
        self.rename_button.setEnabled(run is not None)
        self.delete_button.setEnabled(run is not None and not active)
        self.compare_button.setEnabled(run is not None or self.compare_button.isChecked())

    def _on_double_clicked(self, index) -> None:
        run = self.model.run_at(index.row())
        if run is not None:
            self.show_requested.emit(Path(run.path))

    def _on_resume(self) -> None:
        run = self.selected_run()
        if run is not None:
            self.resume_requested.emit(Path(run.path))

    def _on_more(self) -> None:
        run = self.selected_run()
        if run is not None and run.state in EXTENDABLE:
            self.more_requested.emit(Path(run.path))

    def _on_compare(self, checked: bool) -> None:
        run = self.selected_run()
        if checked and run is not None:
            self._compared = Path(run.path)
            self.compare_requested.emit(self._compared)
        else:
            self._compared = None
            if self.compare_button.isChecked():
                self.compare_button.setChecked(False)
            self.compare_requested.emit(None)
        self._update_buttons()

    def ask_name(self, current: str) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("Mudar o nome do treino"), self.tr("Nome:"),
                                        text=current)
        return text.strip() if ok and text.strip() else None

    def confirm_delete(self, label: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Apagar treino"),
            self.tr("Apagar o treino «{label}»? A afinação e os pontos de gravação deste treino são "
                    "apagados do disco e não podem ser recuperados.").format(label=label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _on_rename(self) -> None:
        run = self.selected_run()
        if run is None:
            return
        name = self.ask_name(self.model.labels.get(run.path, run.name))
        if name:
            set_run_label(run.path, name)
            self.refresh()
            self.runs_changed.emit()

    def _on_delete(self) -> None:
        run = self.selected_run()
        if run is None or (self.model.active is not None and Path(run.path) == self.model.active):
            return
        if not self.confirm_delete(self.model.labels.get(run.path, run.name)):
            return
        if self._compared is not None and Path(run.path) == self._compared:
            self.compare_button.setChecked(False)
        shutil.rmtree(run.path, ignore_errors=True)
        self.refresh()
        self.runs_changed.emit()

"""Undoable changes to the examples: each restores the whole edits state and the rows it touched."""

from __future__ import annotations

import traceback
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from farense_studio.data.edits import EditStep
from farense_studio.data.formats import Example


class ChangeTarget(Protocol):
    def apply_change(self, edits_state: dict[str, Any], rows: list[tuple[str, Example | None, int]]) -> None: ...


class DatasetCommand(QUndoCommand):
    """Redo puts the step's ``edits_after`` and new rows in place; undo puts back the old ones.

    Whole snapshots of the (small, sparse) edits keep undo exact whatever the edit was.
    """

    def __init__(self, target: ChangeTarget, text: str, step: EditStep) -> None:
        super().__init__(text)
        self._target = target
        self.step = step

    # Qt calls these from C++: an exception escaping them would take the whole app down.
    def redo(self) -> None:
        try:
            self._target.apply_change(self.step.edits_after, self.step.redo_rows())
        except Exception:
            traceback.print_exc()

    def undo(self) -> None:
        try:
            self._target.apply_change(self.step.edits_before, self.step.undo_rows())
        except Exception:
            traceback.print_exc()

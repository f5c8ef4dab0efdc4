"""Undoable changes to the examples: each restores the whole edits state and the rows it touched."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from farense_studio.data.formats import Example


@dataclass
class RowChange:
    """One example before and after a change (None: not in the table), and where its row was."""

    example_id: str
    before: Example | None
    after: Example | None
    row: int


class ChangeTarget(Protocol):
    def apply_change(self, edits_state: dict[str, Any], rows: list[tuple[str, Example | None, int]]) -> None: ...


class DatasetCommand(QUndoCommand):
    """Redo puts ``edits_after`` and the new rows in place; undo puts back the old ones.

    Whole snapshots of the (small, sparse) edits keep undo exact whatever the edit was.
    """

    def __init__(self, target: ChangeTarget, text: str, edits_before: dict[str, Any],
                 edits_after: dict[str, Any], changes: list[RowChange]) -> None:
        super().__init__(text)
        self._target = target
        self._before = edits_before
        self._after = edits_after
        self.changes = changes

    # Qt calls these from C++: an exception escaping them would take the whole app down.
    def redo(self) -> None:
        try:
            self._target.apply_change(self._after, [(c.example_id, c.after, c.row) for c in self.changes])
        except Exception:
            traceback.print_exc()

    def undo(self) -> None:
        try:
            self._target.apply_change(self._before, [(c.example_id, c.before, c.row) for c in reversed(self.changes)])
        except Exception:
            traceback.print_exc()

"""Reviewing generated questions in the Dados tab: accept, edit, reject, accept all, each undoable.

The project's GeneratedStore (data.generated, <projeto>/dados/gerados.jsonl) is read and written
here, on the GUI thread; a generation pass appends through a store of its own (the store's
per-file lock keeps the two writers' lines whole) and this one is read again when the pass ends.
Every decision is one undoable command that writes a decision record; undo writes back the
proposals as they were.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from farense_studio.data.generated import ACCEPTED, PENDING, REJECTED, GeneratedStore, Proposal
from farense_studio.gui import i18n
from farense_studio.project import Project

PREFIX = "g-"  # generated rows' example ids: "g-" + the proposal's id


class ReviewCommand(QUndoCommand):
    """One decision on generated questions; ``decide()`` writes it and returns the proposals as they were."""

    def __init__(self, review: "GeneratedReview", text: str, decide: Callable[[list[str] | None], list[Proposal]]):
        super().__init__(text)
        self._review = review
        self._decide = decide
        self._before: list[Proposal] | None = None

    # Qt calls these from C++: an exception escaping them would take the whole app down.
    def redo(self) -> None:
        try:
            ids = [p.id for p in self._before] if self._before is not None else None
            before = self._decide(ids)
            if self._before is None:
                self._before = before
            self._review.changed.emit([p.id for p in self._before])
        except Exception:
            traceback.print_exc()

    def undo(self) -> None:
        try:
            self._review.store.restore(self._before or [])
            self._review.changed.emit([p.id for p in self._before or []])
        except Exception:
            traceback.print_exc()

    def count(self) -> int:
        return len(self._before or [])


class GeneratedReview(QObject):
    """The open project's generated questions and the reviewer's decisions on them."""

    changed = Signal(list)  # proposal ids whose status or text changed

    def __init__(self, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.store: GeneratedStore | None = None

    def open(self, project: Project | None) -> None:
        """Reads the project's generated questions (again, after a generation pass)."""
        self.store = GeneratedStore.for_project(project) if project is not None else None

    # ------------------------------------------------------------------ reading
    def proposals(self) -> list[Proposal]:
        return list(self.store.proposals.values()) if self.store is not None else []

    def proposal(self, example_id: str) -> Proposal | None:
        if self.store is None or not example_id.startswith(PREFIX):
            return None
        return self.store.proposals.get(example_id[len(PREFIX):])

    def is_generated(self, example_id: str) -> bool:
        return self.proposal(example_id) is not None

    def summary(self, left_out: set[str], checking: set[str] = frozenset()) -> tuple[str, str]:
        """('230 no treino · 150 por rever · 32 de fora', the same said in full) for the generation bar;
        ``left_out``: the rows the table leaves out (rejected, or repeats); ``checking``: the rows in the
        checking split (rephrasings of checking questions check with them, data.corpus.follow_club_questions)."""
        proposals = self.proposals()
        if not proposals:
            return "", ""
        n = i18n.number
        kept = [p for p in proposals if p.example_id not in left_out]
        checks = sum(p.example_id in checking for p in kept)
        pending = sum(p.status == PENDING for p in kept)
        counts = {"total": n(len(proposals)), "training": n(len(kept) - checks), "pending": n(pending),
                  "out": n(len(proposals) - len(kept)), "checking": n(checks)}
        if checks:
            short = self.tr("{training} no treino · {checking} na verificação · {pending} por rever · "
                            "{out} de fora").format(**counts)
            full = self.tr("{total} perguntas geradas: {training} entram no treino e {checking} na verificação, "
                           "com a pergunta do clube que reformulam ({pending} ainda por rever); "
                           "{out} ficam de fora (rejeitadas ou repetidas).").format(**counts)
            return short, full
        short = self.tr("{training} no treino · {pending} por rever · {out} de fora").format(**counts)
        full = self.tr("{total} perguntas geradas: {training} entram no treino ({pending} ainda por rever); "
                       "{out} ficam de fora (rejeitadas ou repetidas).").format(**counts)
        return short, full

    def waiting(self) -> int:
        """How many "Aceitar todas" would accept."""
        return sum(p.status == PENDING and p.grounded for p in self.proposals())

    # ------------------------------------------------------------------ deciding (undoable)
    def _push(self, text: str, decide: Callable[[list[str] | None], list[Proposal]]) -> int:
        if self.store is None:
            return 0
        command = ReviewCommand(self, text, decide)
        self.undo_stack.push(command)
        return command.count()

    def decide(self, example_ids: list[str], status: str) -> int:
        """Accepts or rejects generated rows; returns how many."""
        chosen = [p.id for p in (self.proposal(i) for i in example_ids) if p is not None and p.status != status]
        if not chosen:
            return 0

        def decide(_ids):  # self.store when it runs: a generation pass ends by reading the store again
            before = [self.store.proposals[i] for i in chosen]
            self.store.restore([replace(p, status=status) for p in before])
            return before

        if status == ACCEPTED:
            text = self.tr("Aceitar pergunta gerada") if len(chosen) == 1 else self.tr(
                "Aceitar {n} perguntas geradas").format(n=len(chosen))
        else:
            text = self.tr("Rejeitar pergunta gerada") if len(chosen) == 1 else self.tr(
                "Rejeitar {n} perguntas geradas").format(n=len(chosen))
        return self._push(text, decide)

    def add_actions(self, menu, example_ids: list[str]) -> bool:
        """Aceitar and Rejeitar in the table's menu when every chosen row is generated (False if not)."""
        if not example_ids or not all(self.is_generated(i) for i in example_ids):
            return False
        menu.addAction(self.tr("Aceitar")).triggered.connect(lambda: self.decide(example_ids, ACCEPTED))
        menu.addAction(self.tr("Rejeitar")).triggered.connect(lambda: self.reject(example_ids))
        return True

    def reject(self, example_ids: list[str]) -> int:
        return self.decide(example_ids, REJECTED)

    def edit(self, example_id: str, question: str, answer: str) -> bool:
        """A reviewer's new wording: the row is accepted with it (it trains as edited)."""
        proposal = self.proposal(example_id)
        if proposal is None or (question, answer) == (proposal.question, proposal.answer):
            return False
        if not question.strip() or not answer.strip():
            return False
        self._push(self.tr("Editar pergunta gerada"),
                   lambda _ids: [self.store.decide(proposal.id, ACCEPTED, question, answer)])
        return True

    def accept_all(self) -> int:
        """Accepts every grounded question still waiting (the rejected ones stay rejected)."""
        if not self.waiting():
            return 0
        return self._push(self.tr("Aceitar todas as perguntas geradas"), lambda ids: self.store.accept_all(ids))

"""The user's edits to the examples, kept in <projeto>/dados/edicoes.json, never in the originals.

Edits refer to examples by their stable id. ``apply`` is pure: it returns new examples and leaves
its input alone, so the same sources plus the same edits always give the same corpus.

``EditSession`` is what the Dados tab edits through: each change is worked out on a scratch copy
of the edits and comes back as an ``EditStep`` (the edits before and after, the rows touched);
the tab pushes it as an undoable command, and redo/undo put a state back with ``apply_state``.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Protocol

from farense_studio.data.corpus import DEFAULT_SEED, DEFAULT_VAL_FRACTION, split_score
from farense_studio.data.formats import SPLITS, Example, Problem, check_messages, make_id
from farense_studio.files import atomic_write_json
from farense_studio.project import DamagedFileError, wrong_type

EDITS_FILE = "edicoes.json"
EDITS_SOURCE = "dados/edicoes.json"  # how added examples are shown in the table
CORRECTION = "correcao"  # an added example that corrects a model's answer (Conversar's «Corrigir»)
CORRECTIONS_SOURCE = "correções"  # how corrections are shown in the table


def added_source(added: Mapping[str, Any]) -> str:
    """The source an added example is shown with: its corrections apart from the rest."""
    return CORRECTIONS_SOURCE if added.get("origin") == CORRECTION else EDITS_SOURCE


def _clean_messages(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{"role": str(m["role"]), "content": str(m.get("content") or "")} for m in messages]


def _clean_added(added: Mapping[str, Any]) -> dict[str, Any]:
    clean = {"id": added["id"], "messages": _clean_messages(added["messages"]), "split": _check_split(added.get("split"))}
    if added.get("origin"):
        clean["origin"] = str(added["origin"])
    return clean


def _check_split(split: str | None) -> str | None:
    if split not in (None, *SPLITS):
        raise ValueError(f"split must be one of {SPLITS} or None, not {split!r}")
    return split


@dataclass
class Edits:
    """Changed, added and removed examples, and splits chosen by hand."""

    path: Path | None = None  # the JSON file; None keeps edits in memory only
    changed: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    added: list[dict[str, Any]] = field(default_factory=list)  # {"id", "messages", "split"[, "origin"]}
    removed: list[str] = field(default_factory=list)
    splits: dict[str, str] = field(default_factory=dict)

    # ---- storage --------------------------------------------------------------------------

    @classmethod
    def load(cls, project_dir: str | Path | Any) -> "Edits":
        """Edits of a project (a folder or an object with ``path``); empty when none are saved.

        A file that does not read as edits raises DamagedFileError (code ``edits_damaged``)."""
        folder = Path(getattr(project_dir, "path", project_dir))
        path = folder / "dados" / EDITS_FILE
        if not path.exists():
            return cls(path=path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise DamagedFileError(path, ("damage_not_object", {}), "edits_damaged")
            for key, kind in (("changed", dict), ("added", list), ("removed", list), ("splits", dict)):
                if not isinstance(data.get(key, kind()), kind):
                    raise DamagedFileError(path, wrong_type(key, kind), "edits_damaged")
            return cls.from_dict(data, path)
        except (OSError, ValueError) as exc:
            raise DamagedFileError.of(path, exc, "edits_damaged") from exc
        except (TypeError, KeyError, AttributeError) as exc:  # an example not shaped as from_dict expects
            raise DamagedFileError(path, ("damage_shape", {"error": repr(exc)}), "edits_damaged") from exc

    @classmethod
    def load_or_empty(cls, project_dir: str | Path | Any) -> "Edits":
        """load(), or no edits when the file is damaged: opening the project has already kept
        an intact copy of it and said so (see project_check)."""
        try:
            return cls.load(project_dir)
        except DamagedFileError as exc:
            return cls(path=exc.path)

    def save(self, path: str | Path | None = None) -> Path:
        """Writes atomically (a temporary file, then rename) so a crash never leaves half a file."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no path to save the edits to")
        atomic_write_json(target, self.to_dict(), newline=True)
        self.path = target
        return target

    def to_dict(self) -> dict[str, Any]:
        return {"version": 1, "changed": copy.deepcopy(self.changed), "added": copy.deepcopy(self.added),
                "removed": list(self.removed), "splits": dict(self.splits)}

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str | Path | None = None) -> "Edits":
        return cls(path=Path(path) if path is not None else None,
                   changed={k: _clean_messages(v) for k, v in data.get("changed", {}).items()},
                   added=[_clean_added(a) for a in data.get("added", [])],
                   removed=list(data.get("removed", [])),
                   splits={k: _check_split(v) for k, v in data.get("splits", {}).items()})

    # ---- changes --------------------------------------------------------------------------

    @property
    def empty(self) -> bool:
        return not (self.changed or self.added or self.removed or self.splits)

    def _added(self, example_id: str) -> dict[str, Any] | None:
        return next((a for a in self.added if a["id"] == example_id), None)

    def set_messages(self, example_id: str, messages: list[dict[str, str]]) -> None:
        added = self._added(example_id)
        if added is not None:
            added["messages"] = _clean_messages(messages)
        else:
            self.changed[example_id] = _clean_messages(messages)

    def add(self, messages: list[dict[str, str]], split: str | None = None, origin: str | None = None) -> str:
        """A new example of the user's own (origin CORRECTION: a corrected model answer); returns
        its id (unique within these edits)."""
        messages = _clean_messages(messages)
        taken = {a["id"] for a in self.added}
        occurrence = 0
        while (new_id := "u" + make_id(EDITS_SOURCE, messages, occurrence)) in taken:
            occurrence += 1
        self.added.append(_clean_added({"id": new_id, "messages": messages, "split": split, "origin": origin}))
        return new_id

    def remove(self, example_id: str) -> None:
        added = self._added(example_id)
        if added is not None:
            self.added.remove(added)
            return
        self.changed.pop(example_id, None)
        self.splits.pop(example_id, None)
        if example_id not in self.removed:
            self.removed.append(example_id)

    def restore(self, example_id: str) -> None:
        """Undoes remove() of an original example."""
        if example_id in self.removed:
            self.removed.remove(example_id)

    def revert(self, example_id: str) -> None:
        """Forgets every edit of one original example (its text, split and removal)."""
        self.changed.pop(example_id, None)
        self.splits.pop(example_id, None)
        self.restore(example_id)

    def set_split(self, example_id: str, split: str | None) -> None:
        """Forces an example into "train" or "valid"; None goes back to the automatic split."""
        split = _check_split(split)
        added = self._added(example_id)
        if added is not None:
            added["split"] = split
        elif split is None:
            self.splits.pop(example_id, None)
        else:
            self.splits[example_id] = split

    # ---- applying -------------------------------------------------------------------------

    def apply(self, examples: list[Example]) -> list[Example]:
        """New examples with these edits applied; the input list and its examples are untouched."""
        removed = set(self.removed)
        result: list[Example] = []
        for example in examples:
            if example.id in removed:
                continue
            messages = self.changed.get(example.id)
            result.append(replace(example,
                                  messages=copy.deepcopy(messages if messages is not None else example.messages),
                                  split=self.splits.get(example.id, example.split)))
        for added in self.added:
            result.append(Example(copy.deepcopy(added["messages"]), added_source(added), None, "user",
                                  added["id"], added["split"], "messages"))
        return result


# ---- the edit session ---------------------------------------------------------------------

# Problems found by checking one conversation: an edit can make them appear or go away.
VALIDATION_CODES = frozenset({"unknown_role", "wrong_role_order", "empty_question", "empty_answer"})


class ExampleRows(Protocol):
    """The examples as the user sees them, one per row (the Dados table is one)."""

    def row_of(self, example_id: str) -> int: ...  # -1 when not shown

    def example(self, row: int) -> Example: ...

    def is_rejected(self, example_id: str) -> bool: ...  # left out of the data because of an error

    def rowCount(self) -> int: ...  # noqa: N802 (Qt's name: a table model is the usual one)


@dataclass(frozen=True)
class RowChange:
    """One example before and after a change (None: not in the table), and where its row was."""

    example_id: str
    before: Example | None
    after: Example | None
    row: int


@dataclass(frozen=True)
class EditStep:
    """One undoable change: whole snapshots of the (small, sparse) edits keep undo exact."""

    edits_before: dict[str, Any]
    edits_after: dict[str, Any]
    changes: tuple[RowChange, ...]

    def redo_rows(self) -> list[tuple[str, Example | None, int]]:
        return [(c.example_id, c.after, c.row) for c in self.changes]

    def undo_rows(self) -> list[tuple[str, Example | None, int]]:
        return [(c.example_id, c.before, c.row) for c in reversed(self.changes)]


@dataclass(frozen=True)
class RowUpdate:
    """What one row shows once a state is in place; ``example`` None: the row goes."""

    example_id: str
    example: Example | None
    row: int
    tokens: int | None = None
    problems: tuple[Problem, ...] = ()  # all of the example's problems, not only validation ones
    rejected: bool = False


def with_texts(example: Example, question: str, answer: str) -> list[dict[str, str]]:
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


def validation_problems(example: Example) -> list[Problem]:
    """What checking the example's conversation finds (an error leaves it out of the data)."""
    found = check_messages(example.messages)
    if found is None:
        return []
    return [Problem(found[0], found[1], "error", example.source, example.line, example.id)]


class EditSession:
    """The open project's edits, the problems list and how a new or mended example is split.

    ``edits`` is None while no project is open: every change then returns None. Changes never
    touch ``edits`` themselves: the caller applies the step's ``edits_after`` with ``apply_state``
    (which is how an undo stack redoes it), then saves.
    """

    def __init__(self, rows: ExampleRows, count_tokens: Callable[[list[dict[str, str]]], int],
                 edits: Edits | None = None) -> None:
        self.rows = rows
        self.count_tokens = count_tokens  # tokens of one conversation, as the table shows them
        self.edits = edits
        self.problems: list[Problem] = []  # every problem of the data, in the order they are shown
        self.val_fraction = DEFAULT_VAL_FRACTION
        self.seed = DEFAULT_SEED

    def open(self, edits: Edits | None, settings: Mapping[str, Any] | None = None) -> None:
        """Another project (or none): its edits and split settings; the problems come with its data."""
        self.edits = edits
        self.problems = []
        self.use_settings(settings or {})

    def use_settings(self, settings: Mapping[str, Any]) -> None:
        """The project's ``val_fraction`` and ``seed``, which split a mended example."""
        self.val_fraction = float(settings.get("val_fraction", DEFAULT_VAL_FRACTION))
        self.seed = int(settings.get("seed", DEFAULT_SEED))

    def show(self, problems: list[Problem], count_tokens: Callable[[list[dict[str, str]]], int]) -> None:
        """The problems and the token counter of freshly read data."""
        self.problems = list(problems)
        self.count_tokens = count_tokens

    def state(self) -> dict[str, Any]:
        """The edits as plain data (what a background read or prepare gets); {} without a project."""
        return self.edits.to_dict() if self.edits is not None else {}

    # ---- changes: each returns the step to push, or None when nothing would change ----------

    def edit(self, example_id: str, question: str, answer: str) -> EditStep | None:
        """The first question and the last answer of an example set to these texts."""
        row = self.rows.row_of(example_id)
        if self.edits is None or row < 0:
            return None
        old = self.rows.example(row)
        messages = with_texts(old, question, answer)
        if messages == old.messages:
            return None
        before, scratch = self._scratch()
        scratch.set_messages(example_id, messages)
        fmt = "messages" if old.format == "text" and any(m["role"] == "user" for m in messages) else old.format
        new = self._settle(replace(old, messages=messages, format=fmt))
        return EditStep(before, scratch.to_dict(), (RowChange(example_id, old, new, row),))

    def add(self, question: str, answer: str, split: str | None = "train",
            origin: str | None = None) -> EditStep | None:
        """A new example of the user's own, at the end of the table (its id: the step's only row);
        origin CORRECTION marks a corrected model answer."""
        if self.edits is None:
            return None
        before, scratch = self._scratch()
        messages = [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
        new_id = scratch.add(messages, split, origin)
        example = Example(messages, added_source(scratch.added[-1]), None, "user", new_id, split, "messages")
        return EditStep(before, scratch.to_dict(), (RowChange(new_id, None, example, self.rows.rowCount()),))

    def remove(self, ids: list[str]) -> EditStep | None:
        """The examples (of those shown) taken out of the data; an undo brings them back in place."""
        ids = [i for i in ids if self.rows.row_of(i) >= 0]
        if self.edits is None or not ids:
            return None
        before, scratch = self._scratch()
        changes, gone = [], []
        for example_id in ids:
            scratch.remove(example_id)
            row = self.rows.row_of(example_id)
            # Where the row is once the ones before it in this step are gone: an undo puts them
            # back in reverse order, each at the place it had then.
            changes.append(RowChange(example_id, self.rows.example(row), None, row - sum(r < row for r in gone)))
            gone.append(row)
        return EditStep(before, scratch.to_dict(), tuple(changes))

    def set_split(self, ids: list[str], split: str | None) -> EditStep | None:
        """The examples put in a set by hand; left-out ones and those already there are skipped."""
        if self.edits is None:
            return None
        before, scratch = self._scratch()
        changes = []
        for example_id in ids:
            row = self.rows.row_of(example_id)
            if row < 0 or self.rows.is_rejected(example_id):
                continue
            old = self.rows.example(row)
            if old.split == split:
                continue
            scratch.set_split(example_id, split)
            changes.append(RowChange(example_id, old, replace(old, split=split), row))
        moved = {c.example_id for c in changes} if split is not None else set()
        for row in range(self.rows.rowCount() if moved else 0):  # their generated rephrasings follow them
            old = self.rows.example(row)  # (data.corpus.follow_club_questions; no edit of their own)
            if old.of in moved and old.split != split and not self.rows.is_rejected(old.id):
                changes.append(RowChange(old.id, old, replace(old, split=split), row))
        if not changes:
            return None
        return EditStep(before, scratch.to_dict(), tuple(changes))

    # ---- putting a state in place (redo and undo) -------------------------------------------

    def apply_state(self, edits_state: dict[str, Any],
                    rows: list[tuple[str, Example | None, int]]) -> list[RowUpdate]:
        """Makes ``edits_state`` the edits and checks the rows again; what each row must show."""
        self.edits = Edits.from_dict(edits_state, self.edits.path if self.edits is not None else None)
        updates = []
        for example_id, example, row in rows:
            if example is None:
                self._swap_problems(example_id, [], keep_other=False)
                updates.append(RowUpdate(example_id, None, row))
                continue
            found = validation_problems(example)
            problems = self._swap_problems(example_id, found, keep_other=True)
            updates.append(RowUpdate(example_id, example, row, self.count_tokens(example.messages),
                                     tuple(problems), any(p.severity == "error" for p in found)))
        return updates

    def save(self) -> None:
        """Writes the edits into the project (raises OSError when the disk refuses)."""
        if self.edits is not None:
            self.edits.save()

    # ---- helpers ----------------------------------------------------------------------------

    def _scratch(self) -> tuple[dict[str, Any], Edits]:
        """The edits now and a copy to change: the session's own stay as they are until applied."""
        before = self.edits.to_dict()
        return before, Edits.from_dict(before)

    def _settle(self, example: Example) -> Example:
        """A mended example that had no split gets the one the corpus would give it."""
        if example.split in ("train", "valid") or check_messages(example.messages) is not None:
            return example
        split = "valid" if split_score(self.seed, example.id) < self.val_fraction else "train"
        return replace(example, split=split)

    def _swap_problems(self, example_id: str, new: list[Problem], keep_other: bool) -> list[Problem]:
        """Puts ``new`` where the example's validation problems were; returns all of its problems."""
        kept, position = [], None
        for problem in self.problems:
            if problem.example_id == example_id and (problem.code in VALIDATION_CODES or not keep_other):
                if position is None:
                    position = len(kept)
                continue
            kept.append(problem)
        position = len(kept) if position is None else position
        kept[position:position] = new
        self.problems = kept
        return [p for p in kept if p.example_id == example_id]

"""The user's edits to the examples, kept in <projeto>/dados/edicoes.json, never in the originals.

Edits refer to examples by their stable id. ``apply`` is pure: it returns new examples and leaves
its input alone, so the same sources plus the same edits always give the same corpus.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from farense_studio.data.formats import SPLITS, Example, make_id

EDITS_FILE = "edicoes.json"
EDITS_SOURCE = "dados/edicoes.json"  # how added examples are shown in the table


def _clean_messages(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{"role": str(m["role"]), "content": str(m.get("content") or "")} for m in messages]


def _check_split(split: str | None) -> str | None:
    if split not in (None, *SPLITS):
        raise ValueError(f"split must be one of {SPLITS} or None, not {split!r}")
    return split


@dataclass
class Edits:
    """Changed, added and removed examples, and splits chosen by hand."""

    path: Path | None = None  # the JSON file; None keeps edits in memory only
    changed: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    added: list[dict[str, Any]] = field(default_factory=list)  # {"id", "messages", "split"}
    removed: list[str] = field(default_factory=list)
    splits: dict[str, str] = field(default_factory=dict)

    # ---- storage --------------------------------------------------------------------------

    @classmethod
    def load(cls, project_dir: str | Path | Any) -> "Edits":
        """Edits of a project (a folder or an object with ``path``); empty when none are saved."""
        folder = Path(getattr(project_dir, "path", project_dir))
        path = folder / "dados" / EDITS_FILE
        if path.exists():
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")), path)
        return cls(path=path)

    def save(self, path: str | Path | None = None) -> Path:
        """Writes atomically (a temporary file, then rename) so a crash never leaves half a file."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no path to save the edits to")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, target)
        self.path = target
        return target

    def to_dict(self) -> dict[str, Any]:
        return {"version": 1, "changed": copy.deepcopy(self.changed), "added": copy.deepcopy(self.added),
                "removed": list(self.removed), "splits": dict(self.splits)}

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str | Path | None = None) -> "Edits":
        return cls(path=Path(path) if path is not None else None,
                   changed={k: _clean_messages(v) for k, v in data.get("changed", {}).items()},
                   added=[{"id": a["id"], "messages": _clean_messages(a["messages"]),
                           "split": _check_split(a.get("split"))} for a in data.get("added", [])],
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

    def add(self, messages: list[dict[str, str]], split: str | None = None) -> str:
        """A new example of the user's own; returns its id (unique within these edits)."""
        messages = _clean_messages(messages)
        taken = {a["id"] for a in self.added}
        occurrence = 0
        while (new_id := "u" + make_id(EDITS_SOURCE, messages, occurrence)) in taken:
            occurrence += 1
        self.added.append({"id": new_id, "messages": messages, "split": _check_split(split)})
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
            result.append(Example(copy.deepcopy(added["messages"]), EDITS_SOURCE, None, "user",
                                  added["id"], added["split"], "messages"))
        return result

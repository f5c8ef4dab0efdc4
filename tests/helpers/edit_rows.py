"""The rows an EditSession edits, without Qt: a plain list in reading order, as the Dados table
holds them (data.edits.ExampleRows), kept in step with the RowUpdates as the tab applies them."""

from __future__ import annotations

from farense_studio.data.corpus import Corpus
from farense_studio.data.edits import RowUpdate
from farense_studio.data.formats import Example


class ExampleTable:
    def __init__(self, examples: list[Example], rejected: set[str] = frozenset()) -> None:
        self.rows = list(examples)
        self.rejected = set(rejected)

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> "ExampleTable":
        """Kept examples first, then the rejected ones (as the Dados tab lists them)."""
        kept = {e.id for e in corpus.examples}
        rejected = [e for e in corpus.rejected if e.id not in kept]
        return cls(list(corpus.examples) + rejected, {e.id for e in rejected})

    # data.edits.ExampleRows
    def row_of(self, example_id: str) -> int:
        return next((i for i, e in enumerate(self.rows) if e.id == example_id), -1)

    def example(self, row: int) -> Example:
        return self.rows[row]

    def is_rejected(self, example_id: str) -> bool:
        return example_id in self.rejected

    def rowCount(self) -> int:  # noqa: N802
        return len(self.rows)

    def apply(self, updates: list[RowUpdate]) -> None:
        """What the tab does with a step's updates: rows go, come back in place, or change."""
        for update in updates:
            row = self.row_of(update.example_id)
            if update.example is None:
                if row >= 0:
                    del self.rows[row]
                self.rejected.discard(update.example_id)
                continue
            if row < 0:
                self.rows.insert(max(0, min(update.row, len(self.rows))), update.example)
            else:
                self.rows[row] = update.example
            (self.rejected.add if update.rejected else self.rejected.discard)(update.example_id)

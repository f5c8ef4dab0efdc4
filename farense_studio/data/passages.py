"""The club's documents cut into passages for retrieval: Q&A answers and biography paragraphs.

A Q&A passage is one answer with every question the club wrote for it (rephrasings of one fact
share a passage, so the top passages are different facts, not five copies of one answer). A
biography passage is one paragraph of the biography's text, titled with whom or what it is
about. Every passage keeps where it came from (file, line, paragraph, the row id Dados shows),
a key that changes exactly when its text or its place does (what an index must rewrite), and
one that changes only with its words (what it must analyse again). No Qt, no MLX.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from farense_studio.data.formats import GENERATED_ORIGIN as GENERATED, Example

# "Conta-me a história de Hassan Nader." / "... do Estádio de São Luís." -> the subject.
_LONG_QUESTION = re.compile(r"^conta-me a hist[oó]ria (?:de|do|da|dos|das)\s+(.+?)[.!?]?$", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


@dataclass
class Passage:
    """One piece of the club's documents that can be put in front of the model."""

    kind: str  # "qa" (an answer and its questions) | "bio" (a biography paragraph)
    text: str  # what the model reads
    title: str  # the first question (qa) or the subject of the biography (bio)
    file: str  # the source as Dados names it ("qa.jsonl", "jogadores/hassan_nader.md")
    line: int | None  # 1-based line in that file, when known
    paragraph: int | None  # 1-based paragraph of a biography
    row_id: str  # the id of the row in Dados (the first one, for a qa passage)
    row_ids: list[str] = field(default_factory=list)  # every row the passage stands for
    questions: list[str] = field(default_factory=list)  # a qa passage's questions (searched too)

    @property
    def search_text(self) -> str:
        """What the index reads: the text plus the words that lead to it."""
        return "\n".join([self.title, *self.questions[1:], self.text]) if self.kind == "qa" else \
            f"{self.title}\n{self.text}"

    @property
    def key(self) -> str:
        """Changes exactly when the passage's indexed words or its source change."""
        payload = "\x1f".join([self.kind, self.file, str(self.line), str(self.paragraph),
                               ",".join(self.row_ids), self.search_text])
        return hashlib.blake2b(payload.encode("utf-8"), digest_size=12).hexdigest()

    @property
    def words_key(self) -> str:
        """Changes exactly when the indexed words do (a row moved to another line keeps it)."""
        return hashlib.blake2b(self.search_text.encode("utf-8"), digest_size=12).hexdigest()

    def location(self) -> str:
        """"qa.jsonl:9" or "jogadores/hassan_nader.md §2"."""
        if self.paragraph is not None:
            return f"{self.file} §{self.paragraph}"
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def to_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict: its deep copies cost seconds on an archive of 20,000 rows.
        return {name: list(value) if isinstance(value, list) else value
                for name, value in ((f, getattr(self, f)) for f in self.__dataclass_fields__)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Passage":
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def bio_subject(question: str) -> str:
    """The subject of a biography from its long question ("Conta-me a história de X." -> X)."""
    match = _LONG_QUESTION.match(question.strip())
    return match.group(1).strip() if match else question.strip()


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(line offset, paragraph) for each blank-line separated paragraph of a text."""
    found = []
    position = 0
    for piece in _PARAGRAPH_BREAK.split(text):
        start = text.find(piece, position)
        position = start + len(piece)
        if piece.strip():
            leading = len(piece) - len(piece.lstrip())
            found.append((text.count("\n", 0, start + leading), " ".join(piece.split())))
    return found


def _bio_passages(example: Example) -> list[Passage]:
    subject = bio_subject(example.question)
    passages = []
    for number, (offset, text) in enumerate(paragraphs(example.answer), 1):
        line = example.line + offset if example.line is not None else None
        passages.append(Passage("bio", text, subject, example.source, line, number, example.id, [example.id]))
    return passages


def passages_from_examples(examples: Iterable[Example]) -> list[Passage]:
    """The passages of a prepared corpus's examples, in the corpus's order.

    A biography gives one passage per paragraph of its whole text (its "bio_full" example; the
    summary example repeats the first paragraph and adds nothing). Generated questions
    (data.generated) are left out: they reword paragraphs the index already holds. Q&A rows with the same answer
    (ignoring case and spacing) make one passage whose source is the first of them.
    """
    passages: list[Passage] = []
    by_answer: dict[str, Passage] = {}
    for example in examples:
        if example.format == "bio_summary" or example.origin == GENERATED:
            continue
        if example.format == "bio_full":
            passages += _bio_passages(example)
            continue
        answer, question = example.answer.strip(), example.question.strip()
        if not answer:
            continue
        group = by_answer.get(_norm(answer))
        if group is None:
            group = by_answer[_norm(answer)] = Passage("qa", " ".join(answer.split()), question, example.source,
                                                       example.line, None, example.id, [], [])
            passages.append(group)
        group.row_ids.append(example.id)
        if question and question not in group.questions:
            group.questions.append(question)
    return passages

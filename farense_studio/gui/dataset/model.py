"""The examples table: a QAbstractTableModel over data.Example, and the proxy that filters it.

Sorting happens in the source model with Python's sort (fast for 20,000 rows); the proxy only
filters. A proxy sorting in C++ would call back into Python for every comparison.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt)
from PySide6.QtGui import QBrush, QColor, QFont
from farense_studio.data.formats import Example, Problem
from farense_studio.data.generated import ACCEPTED, PENDING, Proposal
from farense_studio.gui import i18n
from farense_studio.gui.dataset.problems_panel import SeverityIcons

LOCATION, QUESTION, ANSWER, SPLIT, TOKENS, PROBLEMS = range(6)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
EXCLUDED = "excluded"  # a pseudo-split: examples left out because of an error
GENERATED = "gerado"  # the origin of generated questions (data.generated.ORIGIN)
_PREVIEW_CHARS = 160
_TOOLTIP_CHARS = 1200

_ERROR_BG = QColor("#fde2e0")
_WARNING_BG = QColor("#fff4d6")
_DARK_TEXT = QColor("#202020")


def _italic() -> QFont:
    font = QFont()  # made when first asked: a QFont needs the application to exist
    font.setItalic(True)
    return font


def _one_line(text: str, limit: int = _PREVIEW_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip(text: str, limit: int = _TOOLTIP_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def make_haystack(example: Example) -> str:
    parts = [example.location] + [m.get("content", "") for m in example.messages]
    return "\n".join(parts).casefold()


class ExamplesModel(QAbstractTableModel):
    """Every example of the project (kept and left out), with tokens and problems."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Example] = []
        self._row_of: dict[str, int] = {}
        self._tokens: dict[str, int] = {}
        self._problems: dict[str, list[Problem]] = {}
        self._rejected: set[str] = set()
        self._haystack: dict[str, str] = {}
        self._approximate = True
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sorted = False  # rows still in self._sort's order (nothing inserted or edited since)
        self._text_keys: dict[int, dict[str, str]] = {}  # column -> id -> case-folded text
        self._icon = SeverityIcons()
        self._read_problems: dict[str, list[Problem]] = {}
        self._generated: dict[str, Proposal] = {}  # example id -> the proposal a generated row shows

    # ------------------------------------------------------------------ loading
    def set_examples(self, examples: list[Example], tokens: dict[str, int], problems: Iterable[Problem],
                     rejected_ids: set[str], approximate: bool = True,
                     haystacks: dict[str, str] | None = None) -> None:
        """Replaces every row; ``haystacks`` (from ``make_haystack``, built in a worker) saves time."""
        self.beginResetModel()
        self._rows = list(examples)
        self._tokens = dict(tokens)
        self._rejected = set(rejected_ids)
        self._approximate = approximate
        self._haystack = dict(haystacks) if haystacks else {}
        self._problems = {}
        self._generated = {}
        for problem in problems:
            if problem.example_id:
                self._problems.setdefault(problem.example_id, []).append(problem)
        self._read_problems = {k: list(v) for k, v in self._problems.items()}  # what the read found
        self._text_keys = {}
        if self._sort is not None:
            self._rows.sort(key=self._sort_key(self._sort[0]),
                            reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self._sorted = True
        self._reindex()
        self.endResetModel()

    def set_generated(self, proposals: Iterable[Proposal], count_tokens=None) -> None:
        """What the reviewer decided of generated rows: their status, reasons, whether they train, and
        their text (an edited one is counted again with ``count_tokens`` when given)."""
        for proposal in proposals:
            example_id = proposal.example_id
            self._generated[example_id] = proposal
            row = self.row_of(example_id)
            if row < 0:
                continue
            example = proposal.example()
            if self._rows[row].messages != example.messages:
                self._rows[row] = example
                self._haystack.pop(example_id, None)
                for keys in self._text_keys.values():
                    keys.pop(example_id, None)
                self._sorted = False
                if count_tokens is not None:
                    self._tokens[example_id] = count_tokens(example.messages)
            # A repeat (or too long) stays out whatever the reviewer decides; the reasons show together.
            read = self._read_problems.get(example_id, [])
            self._set_problems(example_id, read + proposal.problems())
            trains = proposal.trains and not any(p.is_error or p.code == "duplicate" for p in read)
            (self._rejected.discard if trains else self._rejected.add)(example_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def proposal(self, example_id: str) -> Proposal | None:
        """The proposal behind a generated row (None for the club's and the user's examples)."""
        return self._generated.get(example_id)

    def _reindex(self) -> None:
        self._row_of = {example.id: row for row, example in enumerate(self._rows)}

    # ------------------------------------------------------------------ reading
    def example(self, row: int) -> Example:
        return self._rows[row]

    def examples(self) -> list[Example]:
        return list(self._rows)

    def row_of(self, example_id: str) -> int:
        return self._row_of.get(example_id, -1)

    def tokens(self, example_id: str) -> int | None:
        return self._tokens.get(example_id)

    def all_tokens(self) -> dict[str, int]:
        return self._tokens

    def problems_of(self, example_id: str) -> list[Problem]:
        return self._problems.get(example_id, [])

    def is_rejected(self, example_id: str) -> bool:
        return example_id in self._rejected

    def rejected_ids(self) -> set[str]:
        return set(self._rejected)

    def checking_ids(self) -> set[str]:
        """The rows in the checking split (generated rephrasings of checking questions among them)."""
        return {e.id for e in self._rows if e.split == "valid"}

    @property
    def approximate(self) -> bool:
        return self._approximate

    def haystack(self, row: int) -> str:
        """What the search box looks in (question, answer, source), case-folded once."""
        example = self._rows[row]
        text = self._haystack.get(example.id)
        if text is None:
            text = self._haystack[example.id] = make_haystack(example)
        return text

    # ------------------------------------------------------------------ changing (undo commands)
    def replace_example(self, example: Example, tokens: int | None = None,
                        problems: list[Problem] | None = None, rejected: bool | None = None) -> None:
        row = self.row_of(example.id)
        if row < 0:
            return
        self._rows[row] = example
        self._haystack.pop(example.id, None)
        for keys in self._text_keys.values():
            keys.pop(example.id, None)
        self._sorted = False
        if tokens is not None:
            self._tokens[example.id] = tokens
        if problems is not None:
            self._set_problems(example.id, problems)
        if rejected is not None:
            (self._rejected.add if rejected else self._rejected.discard)(example.id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def set_split(self, example_id: str, split: str | None) -> None:
        row = self.row_of(example_id)
        if row >= 0:
            self.replace_example(replace(self._rows[row], split=split))

    def insert_example(self, row: int, example: Example, tokens: int, problems: list[Problem] | None = None,
                       rejected: bool = False) -> int:
        row = max(0, min(row, len(self._rows)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, example)
        self._sorted = False
        self._tokens[example.id] = tokens
        self._set_problems(example.id, problems or [])
        if rejected:
            self._rejected.add(example.id)
        self._reindex()
        self.endInsertRows()
        return row

    def remove_example(self, example_id: str) -> int:
        row = self.row_of(example_id)
        if row < 0:
            return -1
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._haystack.pop(example_id, None)
        self._rejected.discard(example_id)
        self._reindex()
        self.endRemoveRows()
        return row

    def _set_problems(self, example_id: str, problems: list[Problem]) -> None:
        if problems:
            self._problems[example_id] = list(problems)
        else:
            self._problems.pop(example_id, None)

    # ------------------------------------------------------------------ Qt model interface
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            titles = [self.tr("Origem"), self.tr("Pergunta"), self.tr("Resposta"), self.tr("Conjunto"),
                      self.tr("≈ Tokens") if self._approximate else self.tr("Tokens"),
                      self.tr("Problemas")]
            return titles[section] if 0 <= section < len(titles) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = [self.tr("Ficheiro e linha de onde veio o exemplo, ou o nome da biografia"),
                    self.tr("A pergunta que o modelo vai aprender a responder"),
                    self.tr("A resposta que o modelo deve dar"),
                    self.tr("Treino: o modelo aprende com ele. Verificação: fica de parte para ver "
                            "se o modelo aprendeu sem decorar."),
                    self.tr("Comprimento do exemplo em tokens (pedaços de palavras). Estimativa de "
                            "cerca de 1 token por 3 caracteres até escolher um modelo base no Treino.")
                    if self._approximate else
                    self.tr("Comprimento do exemplo em tokens, contado pelo modelo base escolhido"),
                    self.tr("O que está mal ou merece atenção neste exemplo")]
            return tips[section] if 0 <= section < len(tips) else None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        example = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(example, column)
        if role == ID_ROLE:
            return example.id
        if role == SORT_ROLE:
            return self._sort_key(column)(example)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(example, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == TOKENS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == LOCATION and example.id in self._generated:
            return _italic()  # a generated row: its origin reads apart from the club's own lines
        problems = self._problems.get(example.id)
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return QBrush(_ERROR_BG if self._worst(problems) == "error" else _WARNING_BG)
        if role == Qt.ItemDataRole.ForegroundRole and problems:
            return QBrush(_DARK_TEXT)
        if role == Qt.ItemDataRole.DecorationRole and column == PROBLEMS and problems:
            return self._icon(self._worst(problems))
        return None

    def _display(self, example: Example, column: int) -> str:
        proposal = self._generated.get(example.id)
        if proposal is not None and column in (LOCATION, SPLIT):
            return self._generated_display(proposal, column, example.split)
        if column == LOCATION:
            if example.origin == "bio" and example.line is None:
                return example.source.rsplit("/", 1)[-1]  # the folder is in the tooltip and the stats
            return example.location
        if column == QUESTION:
            return _one_line(example.question)
        if column == ANSWER:
            return _one_line(example.answer)
        if column == SPLIT:
            return self.split_label(EXCLUDED if example.id in self._rejected else example.split)
        if column == TOKENS:
            value = self._tokens.get(example.id)
            return "" if value is None else i18n.number(value)
        if column == PROBLEMS:
            problems = self._problems.get(example.id)
            if not problems:
                return ""
            first = problems[0].text()
            return _one_line(first, 80) + (f" (+{len(problems) - 1})" if len(problems) > 1 else "")
        return ""

    def _tooltip(self, example: Example, column: int) -> str | None:
        if column == QUESTION:
            return _clip(example.question) or None
        if column == ANSWER:
            return _clip(example.answer) or None
        if column == PROBLEMS:
            return "\n".join(p.text() for p in self._problems.get(example.id, [])) or None
        if column == LOCATION:
            proposal = self._generated.get(example.id)
            return self.generated_origin(proposal) if proposal is not None else example.location
        return None

    def _generated_display(self, proposal: Proposal, column: int, split: str | None) -> str:
        if column == LOCATION:
            name = proposal.source.rsplit("/", 1)[-1]
            if proposal.paragraph is not None:
                return self.tr("{file} §{n}").format(file=name, n=proposal.paragraph)
            return f"{name}:{proposal.line}" if proposal.line is not None else name
        if proposal.trains and proposal.example_id in self._rejected:
            return self.split_label(EXCLUDED)  # a repeat, or too long: out whatever the review says
        return self.review_label(proposal, split)

    def review_label(self, proposal: Proposal, split: str | None) -> str:
        """What the reviewer sees in the Conjunto column of a generated row: its set (Verificação when
        the club question it rephrases checks, data.corpus.follow_club_questions) and its review."""
        if not proposal.trains:
            return self.tr("rejeitada")
        if split == "valid":
            return self.tr("verificação, por rever") if proposal.status == PENDING else self.split_label("valid")
        return self.tr("treino, por rever") if proposal.status == PENDING else self.tr("treino")

    def generated_origin(self, proposal: Proposal) -> str:
        """'jogadores/hassan_nader.md, parágrafo 2 · facto (modelo de frase)'."""
        if proposal.paragraph is not None:
            where = self.tr("{file}, parágrafo {n}").format(file=proposal.source, n=proposal.paragraph)
        else:
            where = self.tr("{file}, linha {n}").format(file=proposal.source, n=proposal.line)
        by = self.tr("modelo base") if proposal.method == "model" else self.tr("modelo de frase")
        what = self.tr("outra forma da pergunta") if proposal.kind == "rephrasing" else self.tr("facto")
        return f"{where} · {what} ({by})"

    def split_label(self, split: str | None) -> str:
        if split == "train":
            return self.tr("treino")
        if split == "valid":
            return self.tr("verificação")
        if split == EXCLUDED:
            return self.tr("fora (erro)")
        return "—"

    def split_labels(self) -> list[str]:
        """Every text the Conjunto column can show (the table sizes the column to fit them)."""
        return [self.split_label(s) for s in ("train", "valid", EXCLUDED)] + [
            self.tr("rejeitada"), self.tr("treino, por rever"), self.tr("verificação, por rever")]

    @staticmethod
    def _worst(problems: list[Problem]) -> str:
        return "error" if any(p.severity == "error" for p in problems) else "warning"

    # ------------------------------------------------------------------ sorting
    def _sort_key(self, column: int):
        rejected, tokens, problems = self._rejected, self._tokens, self._problems
        if column == LOCATION:
            return lambda e: (e.source.casefold(), e.line or 0)
        if column in (QUESTION, ANSWER):
            keys = self._text_keys.setdefault(column, {})
            attr = "question" if column == QUESTION else "answer"

            def text_key(e: Example) -> str:
                key = keys.get(e.id)
                if key is None:
                    key = keys[e.id] = getattr(e, attr).casefold()
                return key

            return text_key
        if column == SPLIT:
            order = {"train": 0, "valid": 1}
            generated = self._generated
            return lambda e: (2 if e.id in rejected else order.get(e.split, 3),
                              getattr(generated.get(e.id), "status", "") == ACCEPTED)
        if column == TOKENS:
            return lambda e: tokens.get(e.id, -1)
        if column == PROBLEMS:
            return lambda e: (-len(problems.get(e.id, ())), e.source.casefold(), e.line or 0)
        return lambda e: 0

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < self.columnCount()):
            return
        if self._sort == (column, order) and self._sorted:
            return  # the header asks twice for the same order
        self._sort = (column, order)
        self._sorted = True
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id if 0 <= i.row() < len(self._rows) else None for i in persistent]
        self._rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self._reindex()
        new = [self.index(self._row_of[i], p.column()) if i is not None else QModelIndex()
               for i, p in zip(ids, persistent)]
        self.changePersistentIndexList(persistent, new)
        self.layoutChanged.emit()


class ExamplesFilter(QSortFilterProxyModel):
    """Search text, origin, split and 'only problems'; sorting is forwarded to the source."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._origin = ""
        self._split = ""
        self._only_problems = False
        self._active = False
        self._source: ExamplesModel | None = None
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model) -> None:  # noqa: N802
        self._source = model  # kept in Python: asking Qt for it 20,000 times costs real time
        super().setSourceModel(model)

    def set_criteria(self, *, text: str | None = None, origin: str | None = None, split: str | None = None,
                     only_problems: bool | None = None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
        if text is not None:
            self._needle = " ".join(text.split()).casefold()
        if origin is not None:
            self._origin = origin
        if split is not None:
            self._split = split
        if only_problems is not None:
            self._only_problems = only_problems
        self._active = self.is_filtering()
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def criteria(self) -> dict[str, Any]:
        return {"text": self._needle, "origin": self._origin, "split": self._split,
                "only_problems": self._only_problems}

    def is_filtering(self) -> bool:
        return bool(self._needle or self._origin or self._split or self._only_problems)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if not self._active:
            return True
        model = self._source
        example = model._rows[source_row]
        if self._origin and example.origin != self._origin:
            return False
        if self._split:
            rejected = example.id in model._rejected
            if self._split == EXCLUDED:
                if not rejected:
                    return False
            elif rejected or example.split != self._split:
                return False
        if self._only_problems and example.id not in model._problems:
            return False
        if self._needle and self._needle not in model.haystack(source_row):
            return False
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

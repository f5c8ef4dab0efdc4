"""Conversar with the club's documents: the «Consultar os documentos do clube» box, the sources
written under each answer as links (a click names the row to show in Dados), and the fact check's
columns in plain words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QCheckBox, QTextBrowser, QWidget

from farense_studio import messages as engine_messages
from farense_studio.data.answer_kind import KIND_NAMES
from farense_studio.data.document_prompt import source_text
from farense_studio.engine.chat_documents import Grounding, ProjectDocuments

LINK_SCHEME = "fonte"


class DocumentsOption(QCheckBox):
    """On by default when the project has an index; disabled, saying why, when it has none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Consultar os &documentos do clube"), parent)
        self.documents: ProjectDocuments | None = None
        self.set_project(None)

    def set_project(self, project, wanted: bool = True) -> None:
        """The project's index (None: no project); wanted is the choice saved with the project."""
        self.documents = ProjectDocuments(project.preparado_dir) if project is not None else None
        self.refresh(wanted)

    def refresh(self, wanted: bool | None = None) -> None:
        """Follows the index appearing (data prepared in Dados) or going away."""
        available = self.documents is not None and self.documents.exists
        was_enabled = self.isEnabled()
        self.setEnabled(available)
        if not available:
            self.setChecked(False)
            self.setToolTip(self.tr(
                "Este projeto ainda não tem o índice dos documentos: prepare os dados em Dados "
                "(«Preparar dados») para o modelo poder consultar as perguntas e as biografias do clube."))
            return
        if wanted is not None:
            self.setChecked(wanted)
        elif not was_enabled:
            self.setChecked(True)  # the index has just appeared: on by default
        self.setToolTip(self.tr(
            "Procura nos documentos do clube (perguntas e biografias) as passagens que respondem à "
            "pergunta e dá-as ao modelo; cada resposta mostra as suas fontes."))

    def active(self) -> ProjectDocuments | None:
        """The documents to answer with (None when the box is off or there is no index)."""
        return self.documents if self.isEnabled() and self.isChecked() and self.documents is not None else None


class SourceLinks(QObject):
    """Writes an answer's sources under it in a pane's view; a click emits the row's id."""

    row_activated = Signal(str)

    def __init__(self, view: QTextBrowser) -> None:
        super().__init__(view)
        self.view = view
        self.rows: list[str] = []  # what each link number points to
        view.anchorClicked.connect(self._on_anchor)

    def write(self, sources, silent: bool = False) -> list[str]:
        """Adds "Fontes: a · b" at the end of the view (nothing when there are none; with silent, why
        the answer is «não sei»); returns the texts."""
        if not sources and not silent:
            return []
        if silent:
            return [self.write_note(self.tr("Os documentos do clube não falam disto, por isso a resposta é "
                                            "«não sei» (o modelo não foi consultado)."))]
        lang = engine_messages.current_language()
        cursor = QTextCursor(self.view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock()
        plain = self._note_format()
        cursor.insertText(self.tr("Fontes:") + " ", plain)
        texts = []
        for i, source in enumerate(sources):
            if i:
                cursor.insertText(" · ", plain)
            text = source_text(source, lang)
            link = QTextCharFormat()
            link.setAnchor(True)
            link.setAnchorHref(f"{LINK_SCHEME}:{len(self.rows)}")
            link.setFontUnderline(True)
            link.setFontWeight(QFont.Weight.Normal)
            link.setForeground(self.view.palette().color(QPalette.ColorRole.Link))
            link.setToolTip(self.tr("Mostrar esta linha em Dados: {title}").format(title=source.get("title", "")))
            self.rows.append(str(source.get("row_id") or ""))
            cursor.insertText(text.replace(" ", "\u00a0"), link)  # a link is not split over two lines
            texts.append(text)
        cursor.insertText("", QTextCharFormat())
        self.view.verticalScrollBar().setValue(self.view.verticalScrollBar().maximum())
        return texts

    def write_note(self, text: str) -> str:
        """A line in italics under the answer (why it is «não sei»)."""
        cursor = QTextCursor(self.view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock()
        cursor.insertText(text, self._note_format())
        cursor.insertText("", QTextCharFormat())
        return text

    def _note_format(self) -> QTextCharFormat:
        plain = QTextCharFormat()
        plain.setFontItalic(True)
        plain.setForeground(self.view.palette().color(QPalette.ColorRole.PlaceholderText))
        return plain

    def clear(self) -> None:
        self.rows.clear()

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() != LINK_SCHEME:
            return
        try:
            row = self.rows[int(url.path())]
        except (ValueError, IndexError):
            return
        if row:
            self.row_activated.emit(row)


def columns_text(columns: dict | None) -> str:
    """The fact check's columns in words: "Factos certos: base 3/10 · base com documentos 9/10 · …"."""
    if not columns:
        return ""
    names = {"base": QCoreApplication.translate("ChatDocuments", "base"),
             "base+documents": QCoreApplication.translate("ChatDocuments", "base com documentos"),
             "fine-tuned": QCoreApplication.translate("ChatDocuments", "afinado"),
             "fine-tuned+documents": QCoreApplication.translate("ChatDocuments", "afinado com documentos")}
    parts = [f"{names[name]} {value['correct']}/{value['total']}" for name, value in columns.items()
             if name in names and isinstance(value, dict)]
    return QCoreApplication.translate("ChatDocuments", "Factos certos: {columns}").format(columns=" · ".join(parts))


class ChatDocuments(QObject):
    """The Conversar tab's documents: the box, each pane's source links, a Grounding per question."""

    row_activated = Signal(str)  # the id of the row a clicked source stands for
    changed = Signal()  # the box was ticked or unticked by the user

    def __init__(self, panes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.box = DocumentsOption()
        self.links = {pane: SourceLinks(pane.view) for pane in panes}
        for links in self.links.values():
            links.row_activated.connect(self.row_activated)
        self.box.clicked.connect(lambda _checked: self.changed.emit())

    def set_project(self, project, saved: dict) -> None:
        self.box.set_project(project, bool(saved.get("documents", True)))

    def wanted(self, saved: dict) -> bool:
        """What to save: the box, or the saved choice while there is no index to choose."""
        return self.box.isChecked() if self.box.isEnabled() else bool(saved.get("documents", True))

    def grounding(self) -> Grounding | None:
        """One question's passages for both panes (None: answer without documents)."""
        documents = self.box.active()
        return Grounding(documents) if documents is not None else None

    def show_sources(self, pane, reply) -> list[str]:
        """Under a finished answer (engine.jobs.ChatReply): its sources, or why it is «não sei»."""
        links = self.links.get(pane)
        if links is None:
            return []
        if reply.unanswered:
            return [links.write_note(unanswered_note(reply.unanswered, reply.model_answer))]
        return links.write(reply.sources, reply.silent)


def unanswered_note(kind: str, model_answer: str) -> str:
    """Why an answer became «não sei» after the model wrote it (data.document_prompt.unanswered_kind)."""
    lang = engine_messages.current_language()
    pt, en = KIND_NAMES.get(kind, (kind, kind))
    text = QCoreApplication.translate(
        "ChatDocuments", "A pergunta pede {kind}, que a resposta do modelo não dava (respondia a outra "
        "coisa), por isso a resposta é «não sei», como a do bot do clube.").format(kind=pt if lang == "pt" else en)
    if model_answer:
        text += " " + QCoreApplication.translate("ChatDocuments", "O modelo tinha respondido: «{answer}»").format(
            answer=model_answer)
    return text

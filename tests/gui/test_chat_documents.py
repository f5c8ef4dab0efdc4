"""Conversar with the club's documents, in the main window with the real ModelWorker, the toy run
and the sample data prepared in Dados (so the index exists): answers stream with their sources in
both panes (the same passages), a source opens its row in Dados, unticking the box gives answers
without sources, and Verificar factos reports base, base com documentos, afinado and afinado com
documentos."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from farense_studio.data.document_prompt import DONT_KNOW_REPLY
from generation.chat_toy import toy_run
from helpers.qt_jobs import on_jobs

pytestmark = pytest.mark.gui

SHOTS = Path("/work/coord/shots")
QUESTION = "Quantos golos marcou Hassan Nader?"


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    return toy_run(tmp_path_factory)


@pytest.fixture
def window(open_worker_window, project, toy):
    from farense_studio.engine.generation import GenerationSettings

    shutil.copytree(toy.run_dir, project.treinos_dir / "20261124-120000-toy")
    window = open_worker_window()
    window.chat_tab.settings_panel.set_settings(GenerationSettings.greedy(24))
    return window


def _prepare_sample(qtbot, window) -> None:
    tab = window.dataset_tab
    with qtbot.waitSignal(tab.loading_finished, timeout=30000):
        qtbot.mouseClick(tab.sample_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(tab.data_prepared, timeout=60000):
        qtbot.mouseClick(tab.prepare_button, Qt.MouseButton.LeftButton)


def _ask(qtbot, tab, question: str) -> None:
    with qtbot.waitSignal(tab.reply_finished, timeout=60000):
        tab.question_edit.setPlainText(question)
        qtbot.keyClick(tab.question_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def _click_link(qtbot, view, text: str) -> None:
    """Clicks the link that reads text in a QTextBrowser, where it is drawn."""
    document = view.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isAnchor() and fragment.text().replace("\u00a0", " ") == text:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + len(text) // 2)
                view.ensureCursorVisible()
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                point = view.cursorRect(cursor).center()
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            fragments += 1
        block = block.next()
    raise AssertionError(f"no link {text!r} in {view.toPlainText()!r}")


def test_answers_with_documents_show_sources_that_open_dados(qtbot, window):
    chat = window.chat_tab
    box = chat.documents.box
    window.tabs.setCurrentWidget(chat)
    assert not box.isEnabled() and not box.isChecked(), "a project without prepared data has no index"
    assert "prepare os dados" in box.toolTip()

    window.tabs.setCurrentWidget(window.dataset_tab)
    _prepare_sample(qtbot, window)
    window.tabs.setCurrentWidget(chat)
    assert box.isEnabled() and box.isChecked(), "on by default once the index exists"
    assert chat.comparing

    # Both panes stream their answers and show the same sources under them.
    chunks, replies = [], []
    on_jobs(chat.worker, "chat", "progressed", chunks.append)
    on_jobs(chat.worker, "chat_base", "finished", replies.append)
    on_jobs(chat.worker, "chat", "finished", replies.append)
    _ask(qtbot, chat, QUESTION)
    assert len(replies) == 2 and len(chunks) > 1
    base_sources, tuned_sources = (list(r.sources) for r in replies)
    assert tuned_sources and base_sources == tuned_sources
    assert any("Nader" in s["title"] for s in tuned_sources)
    first = tuned_sources[0]
    link = f"{first['file']}, linha {first['line']}" if first.get("line") else \
        f"{first['file']}, parágrafo {first['paragraph']}"
    for pane in (chat.base_pane, chat.tuned_pane):
        text = pane.text()
        assert "Fontes: " + link in text
        assert text.index(QUESTION) < text.index("Fontes:")
        assert pane.last_answer() and "Fontes" not in pane.last_answer()

    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "chatdocs_conversar.png"))

    # Clicking a source shows its row in Dados.
    _click_link(qtbot, chat.tuned_pane.view, link)
    assert window.tabs.currentWidget() is window.dataset_tab
    assert window.dataset_tab.current_id() == first["row_id"]
    assert window.dataset_tab.editor.current_id() == first["row_id"]
    assert window.grab().save(str(SHOTS / "chatdocs_dados.png"))

    # A question the documents never speak of: «não sei» in both panes, and why, the models not asked.
    window.tabs.setCurrentWidget(chat)
    replies.clear()
    _ask(qtbot, chat, "Qual é a letra do hino do Farense?")
    assert len(replies) == 2 and all(r.silent and r.text == DONT_KNOW_REPLY and r.sources == () for r in replies)
    for pane in (chat.base_pane, chat.tuned_pane):
        assert pane.last_answer() == DONT_KNOW_REPLY
        assert "Os documentos do clube não falam disto" in pane.text().split(DONT_KNOW_REPLY)[-1]
    assert window.grab().save(str(SHOTS / "chatdocs_nao_sei.png"))

    # A price asked, passages found, and answers that give no price (the toy model answers from
    # another passage): the answer put in their place is «não sei», with what the model had said.
    replies.clear()
    _ask(qtbot, chat, "Quanto custa um bilhete de época do Farense?")
    assert len(replies) == 2
    assert all(not r.silent and r.unanswered == "price" and r.text == DONT_KNOW_REPLY for r in replies)
    for pane in (chat.base_pane, chat.tuned_pane):
        shown = pane.text().split("Quanto custa um bilhete de época do Farense?")[-1]
        assert pane.last_answer() == DONT_KNOW_REPLY
        assert shown.strip().startswith(DONT_KNOW_REPLY)
        assert "A pergunta pede um preço, que a resposta do modelo não dava" in shown
    model_said = [r.model_answer for r in replies]
    assert all(answer and "€" not in answer for answer in model_said)
    assert any(f"O modelo tinha respondido: «{answer}»" in chat.tuned_pane.text() for answer in model_said)
    assert window.grab().save(str(SHOTS / "chatdocs_nao_sei_preco.png"))

    # Unticked: the answer comes without documents, so without sources.
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not box.isChecked()
    replies.clear()
    _ask(qtbot, chat, "Quem foi Hassan Nader?")
    assert len(replies) == 2 and all(r.sources == () for r in replies)
    assert all(pane.text().count("Fontes:") == 1 for pane in (chat.base_pane, chat.tuned_pane))
    assert window.context.project.settings["chat"]["documents"] is False


def test_fact_check_reports_the_columns_with_documents(qtbot, window, toy):
    chat = window.chat_tab
    window.tabs.setCurrentWidget(window.dataset_tab)
    _prepare_sample(qtbot, window)
    window.tabs.setCurrentWidget(chat)
    assert chat.documents.box.isChecked()
    chat.scorecard.set_questions_file(toy.questions)
    phases = []
    on_jobs(chat.worker, "evaluate", "progressed", lambda p: isinstance(p, dict) and phases.append(p.get("phase")))
    with qtbot.waitSignal(chat.scorecard.check_ended, timeout=120000):
        chat.scorecard.check_button.click()
    summary = chat.scorecard.summary.text()
    assert re.fullmatch(r"Factos certos: base 0/3 · base com documentos \d/3 · afinado 3/3 · "
                        r"afinado com documentos \d/3", summary), summary
    assert {"base+documents", "fine-tuned+documents"} <= set(phases)
    saved = max((Path(chat.current_choice().run_dir) / "evaluation").glob("scorecard-*.json"))
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert set(data["columns"]) == {"base", "base+documents", "fine-tuned", "fine-tuned+documents"}
    assert all(c["total"] == 3 for c in data["columns"].values())
    assert all(row["sources"] for row in data["documents"]["rows"])
    assert window.grab().save(str(SHOTS / "chatdocs_factos.png"))

    # The saved check is shown again, columns included, when the model is chosen again.
    chat.scorecard.set_card(None)
    chat._show_saved_scorecard(chat.current_choice())
    assert chat.scorecard.summary.text() == summary

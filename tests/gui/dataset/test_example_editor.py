"""The example editor (the pane beside the table) on its own, then inside the tab: what the person
sees and what each button asks for; validation messages and undo as they show in the pane."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from farense_studio.data.formats import Example, Problem
from farense_studio.gui.dataset.editor import ExampleEditor

pytestmark = pytest.mark.gui


def _qa(question="Onde joga o Farense?", answer="No Estádio de São Luís.", split="train", **kwargs) -> Example:
    messages = [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    return Example(messages, "qa.jsonl", 4, kwargs.pop("origin", "qa"), kwargs.pop("id", "e1"), split, **kwargs)


@pytest.fixture
def editor(qtbot, portuguese):
    widget = ExampleEditor()
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    widget.show()
    return widget


def test_nothing_chosen_shows_an_invitation(editor):
    assert editor.mode() == editor.EMPTY
    assert editor.title.text() == "Exemplo"
    assert "Escolha um exemplo na tabela" in editor.empty_label.text()
    assert editor.current_id() is None and not editor.is_dirty()
    assert editor.commit() is False


def test_an_example_in_full_and_saving_a_change(qtbot, editor):
    editor.show_example(_qa(), 63, [], approximate=True)
    assert editor.mode() == editor.EXAMPLE and editor.current_id() == "e1"
    assert editor.origin_label.text() == "qa.jsonl:4 (perguntas e respostas)"
    assert editor.question() == "Onde joga o Farense?" and editor.answer() == "No Estádio de São Luís."
    assert editor.split_combo.currentData() == "train" and editor.split_combo.isEnabled()
    assert editor.tokens_label.text() == "Comprimento: cerca de 63 tokens (estimativa)"
    assert editor.problems_label.isHidden() and editor.note.isHidden()
    # Nothing changed yet: nothing to save or put back.
    assert not editor.save_button.isEnabled() and not editor.revert_button.isEnabled()

    editor.answer_edit.setPlainText("No Estádio de São Luís, em Faro.")
    assert editor.is_dirty() and editor.save_button.isEnabled() and editor.revert_button.isEnabled()
    with qtbot.waitSignal(editor.save_requested) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == ["e1", "Onde joga o Farense?", "No Estádio de São Luís, em Faro."]


def test_ctrl_s_saves_and_repor_puts_the_text_back(qtbot, editor):
    editor.show_example(_qa(), 63, [], approximate=False)
    assert editor.tokens_label.text() == "Comprimento: 63 tokens"
    editor.question_edit.setPlainText("Qual é o estádio do Farense?")
    editor.question_edit.setFocus()
    with qtbot.waitSignal(editor.save_requested) as saved:
        QTest.keySequence(editor.question_edit, QKeySequence(QKeySequence.StandardKey.Save))
    assert saved.args[1] == "Qual é o estádio do Farense?"

    editor.answer_edit.setPlainText("texto que não quero")
    qtbot.mouseClick(editor.revert_button, Qt.MouseButton.LeftButton)
    assert editor.answer() == "No Estádio de São Luís." and editor.question() == "Onde joga o Farense?"
    assert not editor.is_dirty() and not editor.save_button.isEnabled()
    with qtbot.assertNotEmitted(editor.save_requested):
        assert editor.commit() is False


def test_problems_tokens_and_long_conversations_are_told(editor):
    conversation = [{"role": "system", "content": "És o assistente do Farense."},
                    {"role": "user", "content": "Quem fundou o clube?"}, {"role": "assistant", "content": "Sócios."},
                    {"role": "user", "content": "Em que ano?"}, {"role": "assistant", "content": ""}]
    example = Example(conversation, "conversas.jsonl", 2, "qa", "c1", None)
    editor.show_example(example, None, [Problem("empty_answer", {}, "error", "conversas.jsonl", 2, "c1")],
                        approximate=True, rejected=True)
    assert editor.note.isVisibleTo(editor)
    assert "4 mensagens" in editor.note.text()  # the system instruction is not counted
    assert editor.problems_label.text() == "• A resposta está vazia."
    assert editor.tokens_label.text() == ""
    assert not editor.split_combo.isEnabled(), "an example left out has no set to choose"
    assert editor.question() == "Quem fundou o clube?" and editor.answer() == ""


def test_set_and_remove_ask_for_the_shown_example(qtbot, editor):
    editor.show_example(_qa(split="valid"), 10, [], approximate=True)
    assert editor.split_combo.currentData() == "valid"
    with qtbot.assertNotEmitted(editor.split_requested):
        editor.split_combo.activated.emit(editor.split_combo.findData("valid"))  # the set it is in already
    with qtbot.waitSignal(editor.split_requested) as moved:
        editor.split_combo.activated.emit(editor.split_combo.findData("train"))
    assert moved.args == ["e1", "train"]
    with qtbot.waitSignal(editor.remove_requested) as removed:
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert removed.args == ["e1"]


def test_a_new_example_needs_a_question_and_an_answer(qtbot, editor):
    with qtbot.waitSignal(editor.new_requested):
        qtbot.mouseClick(editor.new_button, Qt.MouseButton.LeftButton)
    editor.show_new()
    assert editor.mode() == editor.NEW and editor.title.text() == "Novo exemplo"
    assert editor.save_button.text() == "Acrescentar exemplo"
    assert editor.remove_button.isHidden() and editor.revert_button.isHidden()
    assert not editor.save_button.isEnabled()
    editor.question_edit.setPlainText("Qual é a alcunha do Farense?")
    editor.answer_edit.setPlainText("   ")
    assert not editor.save_button.isEnabled(), "blank answers are not accepted"
    editor.answer_edit.setPlainText("Os Leões de Faro.")
    editor.split_combo.setCurrentIndex(editor.split_combo.findData("valid"))
    assert editor.save_button.isEnabled()
    with qtbot.waitSignal(editor.add_requested) as added:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert added.args == ["Qual é a alcunha do Farense?", "Os Leões de Faro.", "valid"]
    assert editor.question() == "" and editor.answer() == "", "the form is ready for the next one"


def test_a_bad_line_is_shown_as_it_is_in_the_file(editor):
    problem = Problem("invalid_json", {"reason": "eof", "column": 12}, "error", "clube.jsonl", 2)
    editor.show_line(problem, "{isto não é JSON")
    assert editor.mode() == editor.LINE and editor.current_id() is None
    assert editor.title.text() == "Linha com problema: clube.jsonl:2"
    assert editor.line_text.toPlainText() == "{isto não é JSON" and editor.line_text.isReadOnly()
    assert "JSON inválido" in editor.line_reason.text()
    editor.show_line(problem, None)
    assert editor.line_text.toPlainText() == "(não foi possível ler a linha)"


def test_in_the_tab_an_emptied_answer_is_flagged_and_undo_mends_it(qtbot, dataset_tab, wait_loaded, tmp_path,
                                                                   project):
    tab = dataset_tab
    source = tmp_path / "clube.jsonl"
    source.write_text(json.dumps({"question": "Onde joga o Farense?", "answer": "Em Faro."}) + "\n",
                      encoding="utf-8")
    wait_loaded(tab, lambda: tab.import_jsonl([source]))
    example = tab.model.example(0)
    assert tab.select_example(example.id)
    editor = tab.editor

    editor.answer_edit.setPlainText("")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.problems_label.text() == "• A resposta está vazia."
    assert not editor.split_combo.isEnabled() and not editor.save_button.isEnabled()
    assert tab.model.is_rejected(example.id)
    assert tab.undo_stack.undoText() == "Editar exemplo"

    tab.undo_stack.undo()
    assert editor.answer() == "Em Faro." and editor.problems_label.isHidden()
    assert editor.split_combo.isEnabled() and not editor.is_dirty()
    assert not tab.model.is_rejected(example.id)
    saved = json.loads((project.path / "dados" / "edicoes.json").read_text(encoding="utf-8"))
    assert saved["changed"] == {}
    tab.undo_stack.redo()
    assert editor.answer() == "" and "vazia" in editor.problems_label.text()


def test_in_the_tab_unsaved_text_is_kept_when_another_row_is_chosen(qtbot, dataset_tab, wait_loaded, sample_paths):
    tab = dataset_tab
    wait_loaded(tab, lambda: tab.import_jsonl([sample_paths["qa"]]))
    first, second = tab.model.example(0), tab.model.example(1)
    tab.select_example(first.id)
    tab.editor.answer_edit.setPlainText("Resposta nova, ainda por guardar.")
    tab.select_example(second.id)  # moving on saves it, as an undoable edit
    assert tab.editor.current_id() == second.id
    assert tab.model.example(tab.model.row_of(first.id)).answer == "Resposta nova, ainda por guardar."
    tab.undo_stack.undo()
    assert tab.model.example(tab.model.row_of(first.id)).answer == first.answer

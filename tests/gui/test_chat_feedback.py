"""Conversar after the jobs: the links under each answer (verdicts stored, «Má resposta» offers a
correction and a fact-check question), each model's conversation kept when switching, and a run
that ends selected with the talk held while it trained, under true labels. The real ModelWorker
and the toy model of test_chat_tab (taught three facts)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication

from generation.chat_toy import SYSTEM_PROMPT, TOY_FACTS, toy_config
from test_chat_tab import _ask, base_answers, chat_project, make_tab, toy  # noqa: F401 (fixtures)

pytestmark = pytest.mark.gui


def _click_link(pane, action: str, index: int = 0) -> None:
    """What clicking «Corrigir» / «Boa resposta» / «Má resposta» under answer ``index`` does."""
    href = f"{action}:{index}"
    doc = pane.view.document()
    block = doc.begin()
    found = False
    while block.isValid():  # the link is really in the text shown
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().anchorHref() == href:
                found = True
            it += 1
        block = block.next()
    assert found, f"no link {href} in the pane"
    pane.view.anchorClicked.emit(QUrl(href))


def answer_correction(answer: str, keywords: str | None, seen: dict) -> None:
    """Fills the «Corrigir» dialog once it is up and saves it, as a person would."""
    from farense_studio.gui.chat_feedback import CorrectionDialog

    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, CorrectionDialog):
        QTimer.singleShot(20, lambda: answer_correction(answer, keywords, seen))
        return
    seen.update(question=dialog.question.text(), answer=dialog.answer.toPlainText(),
                offered=dialog.check_box.isChecked())
    dialog.answer.setPlainText(answer)
    if keywords is None:
        dialog.check_box.setChecked(False)
    else:
        ok = dialog.buttons.buttons()[0]
        seen["ok_without_keywords"] = ok.isEnabled()
        dialog.keywords.setText(keywords)
    dialog.buttons.accepted.emit()


def test_verdicts_and_a_correction_with_its_check_question(qtbot, make_tab, toy, chat_project):
    from farense_studio.data import ratings
    from farense_studio.data.edits import CORRECTIONS_SOURCE, Edits
    from farense_studio.engine.evaluate import default_questions_path, load_questions

    tab, _ = make_tab()
    fact = TOY_FACTS[0]
    _ask(qtbot, tab, fact["question"])
    choice = tab.current_choice()

    said = []
    tab.status_message.connect(said.append)
    _click_link(tab.tuned_pane, "bom")
    stored = ratings.read(chat_project)
    assert [(r.verdict, r.question, r.answer, r.adapter, r.run) for r in stored] == \
        [("bom", fact["question"], fact["answer"], choice.adapter, choice.run_dir)]
    assert said == ["Avaliação guardada."]

    # «Má resposta» on the base model's answer: the correction is offered with a check question.
    seen = {}
    QTimer.singleShot(0, lambda: answer_correction("O Farense foi fundado em 1910.", "1910", seen))
    _click_link(tab.base_pane, "mau")
    assert seen["question"] == fact["question"] and seen["answer"] == tab.base_pane.turns[0][1]
    assert seen["offered"] and not seen["ok_without_keywords"]

    bad = ratings.read(chat_project)[-1]
    assert (bad.verdict, bad.adapter, bad.correction) == ("mau", None, "O Farense foi fundado em 1910.")
    assert bad.answer == tab.base_pane.turns[0][1]
    edits = Edits.load(chat_project)
    assert edits.added[0]["messages"][1]["content"] == "O Farense foi fundado em 1910."
    assert [e.source for e in edits.apply([])] == [CORRECTIONS_SOURCE]
    # the fact check now asks the project's own questions: the bundled ones plus this one
    questions = load_questions(tab.scorecard.questions_file)
    assert len(questions) == len(load_questions(default_questions_path())) + 1
    assert (questions[-1].question, questions[-1].keywords) == (fact["question"], ["1910"])
    lines = (chat_project.path / "dados" / "avaliacoes.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["verdict"] == "bom"  # appended, never rewritten


def test_each_model_keeps_its_conversation(qtbot, make_tab, toy):
    tab, _ = make_tab()
    tuned_key = tab.current_choice().key
    base_key = next(c.key for c in tab.choices if c.kind == "base")
    first, second = TOY_FACTS[0], TOY_FACTS[1]
    _ask(qtbot, tab, first["question"])
    assert tab.tuned_pane.last_answer() == first["answer"]

    assert tab.select_choice(base_key)
    assert tab.tuned_pane.turns == [] and first["answer"] not in tab.tuned_pane.text()
    _ask(qtbot, tab, second["question"])
    base_talk = list(tab.tuned_pane.turns)
    assert tab.tuned_pane.title.text().endswith("modelo base, sem afinação")

    assert tab.select_choice(tuned_key)  # back: the first conversation, as it was, with its links
    assert tab.tuned_pane.turns == [(first["question"], first["answer"])]
    assert first["answer"] in tab.tuned_pane.text() and "Corrigir" in tab.tuned_pane.text()
    assert len(tab.base_pane.turns) == 1
    assert tab.select_choice(base_key)
    assert tab.tuned_pane.turns == base_talk

    tab.clear_button.click()  # «Limpar conversa» clears only the one shown
    assert tab.select_choice(tuned_key) and tab.tuned_pane.turns == [(first["question"], first["answer"])]


def test_a_run_that_ends_is_selected_with_true_labels(qtbot, make_tab, toy, chat_project, base_answers):
    tab, worker = make_tab()
    base_key = next(c.key for c in tab.choices if c.kind == "base")
    assert tab.select_choice(base_key)
    fact = TOY_FACTS[2]
    _ask(qtbot, tab, fact["question"])
    base_only = list(tab.tuned_pane.turns)

    ended = []
    worker.training_ended.connect(lambda outcome, event: ended.append(outcome))
    run_dir = chat_project.treinos_dir / "20261206-090000-novo"
    with qtbot.waitSignal(worker.training_started, timeout=30000):
        worker.train(toy_config(toy.base, toy.data, epochs=2), run_dir)
    assert tab.tuned_pane.turns == [] and tab.tuned_pane.title.text() == "Afinado: o modelo do treino em curso"
    tab.settings_panel.set_default_prompt(SYSTEM_PROMPT)  # the instructions the run trains with
    _ask(qtbot, tab, fact["question"])
    during = list(tab.tuned_pane.turns)
    qtbot.waitUntil(lambda: bool(ended), timeout=120000)
    assert ended == ["finished"]

    # Conversar offers the new run and selects it; the answers given while it trained go with it.
    choice = tab.current_choice()
    assert choice.run_dir == str(run_dir) and choice.has_adapter
    assert tab.tuned_pane.turns == during and "afinação de" in tab.tuned_pane.title.text()
    assert tab.base_pane.title.text().startswith("Modelo base")
    assert tab.base_pane.last_answer() == base_answers[fact["question"]].strip()
    # the plain base model's title never shows the fine-tuned model's answers
    assert tab.select_choice(base_key)
    assert tab.tuned_pane.turns == base_only
    assert tab.tuned_pane.title.text().endswith("modelo base, sem afinação")
    assert tab.select_choice(choice.key) and tab.tuned_pane.turns == during

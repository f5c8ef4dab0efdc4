"""Treinar ends with "Verificar factos" by itself: base → fine-tuned in words, what it still misses."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from helpers.training import left_button, make_tab


def test_a_finished_run_is_fact_checked_and_the_runs_list_shows_it(qtbot, project_context, worker, tiny_model_dir):
    from farense_studio.data.checking import CHECKING_FILE, write_checking_questions
    from farense_studio.engine.evaluate import load_questions

    prepared = project_context.project.preparado_dir
    rows = [json.loads(line) for line in (prepared / "valid.jsonl").read_text(encoding="utf-8").splitlines()]
    write_checking_questions(rows, prepared)
    questions = load_questions(prepared / CHECKING_FILE)
    assert questions and all("Faro" in q.keywords for q in questions)

    tab = make_tab(qtbot, project_context, worker, tiny_model_dir, epochs=1)
    facts = tab.run_view.facts
    assert facts.isHidden()
    with qtbot.waitSignal(worker.training_ended, timeout=60000) as ended:
        qtbot.mouseClick(tab.train_button, left_button())
    assert ended.args[0] == "finished"
    with qtbot.waitSignal(facts.verified, timeout=120000):
        pass  # nobody clicks anything: the check starts by itself
    report = facts.report
    card = report.card
    assert card.total == len(questions)
    assert facts.summary.text() == (f"o modelo acerta {card.tuned_correct} de {len(questions)} perguntas; "
                                    f"antes acertava {card.base_correct}")
    assert not facts.isHidden()
    # the questions it still misses, with what it answered and what was missing
    shown = [facts.misses.topLevelItem(i) for i in range(facts.misses.topLevelItemCount())]
    assert [item.text(0) for item in shown] == [r.question for r in card.rows if not r.tuned_correct]
    assert [item.text(1) for item in shown] == [r.tuned_answer for r in card.rows if not r.tuned_correct]
    # folded under one line that counts them, so the plot keeps its room at 1024x700
    assert facts.misses_toggle.isHidden() == (not shown)
    if shown:
        assert facts.misses.isHidden()
        assert facts.misses_toggle.text() == ("A pergunta que ainda falha" if len(shown) == 1
                                              else f"As {len(shown)} perguntas que ainda falham")
        facts.misses_toggle.click()
        assert not facts.misses.isHidden()
    # the runs list: one line, base → fine-tuned
    model = tab.runs.model
    column = model.COLUMNS.index("facts")
    qtbot.waitUntil(lambda: model.data(model.index(0, column)) != "—", timeout=5000)
    assert model.data(model.index(0, column)) == \
        f"acertos {card.base_correct} → {card.tuned_correct} de {len(questions)}"
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Factos certos"

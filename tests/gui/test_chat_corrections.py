"""«Corrigir» closes the loop in the whole window: a corrected answer from Conversar lands in the
project's data as a correction (shown in Dados, undone and redone there), the prepared data
carries it, the next «Treinar mais…» trains on it, and the finish banner's «Experimentar em
Conversar» opens that run. The real ModelWorker and Trainer on the session's tiny model."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer

from helpers.training import SETTINGS, _example
from test_chat_feedback import _click_link, answer_correction

pytestmark = [pytest.mark.gui, pytest.mark.slow]

CORRECT = "O Farense foi fundado em 1910, em Faro."


@pytest.fixture
def window(open_worker_window, project, tmp_path):
    source = tmp_path / "qa.jsonl"
    source.write_text("".join(json.dumps(_example(i), ensure_ascii=False) + "\n" for i in range(16)),
                      encoding="utf-8")
    project.add_jsonl_source(source)
    project.save()
    return open_worker_window()


def _prepare(qtbot, tab):
    with qtbot.waitSignal(tab.data_prepared, timeout=60000):
        tab.prepare()


def test_a_correction_is_undoable_in_dados_and_trained_by_train_more(qtbot, window, project, tiny_model_dir):
    from farense_studio.data.edits import CORRECTIONS_SOURCE, Edits
    from farense_studio.engine import batches as B
    from farense_studio.engine import checkpoints as C
    from farense_studio.engine.config import TrainConfig
    from farense_studio.engine.generation import GenerationSettings
    from farense_studio.engine.trainer import Trainer

    dados, chat = window.dataset_tab, window.chat_tab
    with qtbot.waitSignal(dados.loading_finished, timeout=30000):
        dados.reload()
    _prepare(qtbot, dados)
    config = TrainConfig(model=str(tiny_model_dir), data_dir=str(project.preparado_dir), epochs=1,
                         preset="Rápido").copy(**SETTINGS)
    run_dir = project.treinos_dir / "20240101-120000-rapido"
    assert Trainer(config, run_dir).run().status == "finished"
    steps_before = C.read_state(C.resolve_checkpoint(run_dir, "latest"))["step"]

    window.tabs.setCurrentWidget(chat)
    assert chat.show_run(str(run_dir)) and chat.current_choice().has_adapter
    chat.settings_panel.set_settings(GenerationSettings.greedy(12))
    with qtbot.waitSignal(chat.reply_finished, timeout=60000):
        chat.question_edit.setPlainText("Quando foi fundado o Farense?")
        qtbot.keyClick(chat.question_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    seen = {}
    QTimer.singleShot(0, lambda: answer_correction(CORRECT, None, seen))
    _click_link(chat.tuned_pane, "corrigir")
    assert seen["question"] == "Quando foi fundado o Farense?"
    assert seen["answer"] == chat.tuned_pane.turns[0][1] and not seen["offered"]

    # Dados shows it as a correction, and its undo takes it out of the project's data.
    added = Edits.load(project).added
    assert [a["messages"][1]["content"] for a in added] == [CORRECT] and added[0]["origin"] == "correcao"
    row = dados.model.row_of(added[0]["id"])
    assert row >= 0 and dados.model.example(row).source == CORRECTIONS_SOURCE
    assert dados.undo_stack.undoText() == "Acrescentar correção"
    dados.undo_stack.undo()
    assert Edits.load(project).added == [] and dados.model.row_of(added[0]["id"]) < 0
    dados.undo_stack.redo()
    assert [a["id"] for a in Edits.load(project).added] == [added[0]["id"]]

    # Prepared again, the data carries it; «Treinar mais…» learns from that data.
    _prepare(qtbot, dados)
    train_lines = (project.preparado_dir / "train.jsonl").read_text(encoding="utf-8")
    assert CORRECT in train_lines
    with qtbot.waitSignal(window.model_worker.training_ended, timeout=180000) as ended:
        window.training_tab.train_more(run_dir, passes=1)
    assert ended.args[0] == "finished"
    latest = C.read_state(C.resolve_checkpoint(run_dir, "latest"))
    assert latest["data_hash"] == B.data_hash(project.preparado_dir)
    assert latest["step"] == steps_before + latest["steps_per_epoch"]

    # The finish banner leads to Conversar with this run selected.
    chat.select_choice(next(c.key for c in chat.choices if c.kind == "base"))
    window.tabs.setCurrentWidget(window.training_tab)

    def offered():
        return [b for b in window.training_tab.banner.buttons
                if b.isVisible() and b.text() == "Experimentar em Conversar"]

    qtbot.waitUntil(lambda: bool(offered()), timeout=10000)
    offered()[0].click()
    assert window.tabs.currentWidget() is chat
    assert chat.current_choice().run_dir == str(run_dir)

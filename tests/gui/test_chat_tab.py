"""The Conversar tab with the real ModelWorker and a tiny model the Trainer taught three facts:
tokens stream in, Parar cuts the answer, history goes with each question, the base pane is the
base model, a question during training is answered while training goes on unchanged, and the
fact check reports 0/3 -> 3/3."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from generation.chat_toy import SYSTEM_PROMPT, TOY_FACTS, toy_config, toy_run
from helpers.qt_jobs import on_jobs

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    return toy_run(tmp_path_factory)


@pytest.fixture(scope="module")
def base_answers(toy):
    """What the base model says to each toy question when run on its own (plain mlx-lm load)."""
    from mlx_lm import load

    from farense_studio.engine.generation import GenerationSettings, conversation, generate_reply

    model, tokenizer = load(str(toy.base))
    return {f["question"]: generate_reply(model, tokenizer, conversation(SYSTEM_PROMPT, [], f["question"]),
                                          GenerationSettings.greedy(60)) for f in TOY_FACTS}


@pytest.fixture
def chat_project(project, toy):
    shutil.copytree(toy.run_dir, project.treinos_dir / "20261124-120000-toy")
    return project


def _make_worker(**kwargs):
    from farense_studio.gui.model_worker import ModelWorker

    worker = ModelWorker(**kwargs)
    worker.start()
    return worker


@pytest.fixture
def make_tab(qtbot, portuguese, context, chat_project):
    from farense_studio.engine.generation import GenerationSettings
    from farense_studio.gui.chat_tab import ChatTab

    made = []

    def make(**worker_kwargs):
        worker = _make_worker(**worker_kwargs)
        tab = ChatTab(context, worker)
        qtbot.addWidget(tab)
        tab.resize(1100, 720)
        tab.show()
        tab.settings_panel.set_settings(GenerationSettings.greedy(60))
        made.append((tab, worker))
        return tab, worker

    yield make
    for tab, worker in made:
        tab.shutdown()
        assert worker.shutdown(20000)


def _ask(qtbot, tab, question, timeout=30000):
    with qtbot.waitSignal(tab.reply_finished, timeout=timeout):
        tab.question_edit.setPlainText(question)
        qtbot.keyClick(tab.question_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_offers_the_runs_checkpoints_and_the_base(make_tab, toy):
    tab, _ = make_tab()
    labels = [tab.model_combo.itemText(i) for i in range(tab.model_combo.count())]
    assert "(melhor ponto)" in labels[0] and "afinação de" in labels[0]
    assert any("modelo base, sem afinação" in label for label in labels)
    assert labels[-1] == "Escolher outra afinação…"
    assert tab.current_choice().adapter == str(tab.project.treinos_dir / "20261124-120000-toy" / "checkpoints"
                                                / toy.adapter.name)
    assert tab.settings_panel.prompt() == SYSTEM_PROMPT  # the run's system prompt by default
    assert tab.comparing and tab.base_pane.isVisible()

    base_only = next(c for c in tab.choices if not c.has_adapter)
    assert tab.select_choice(base_only.key)
    assert not tab.comparing and not tab.base_pane.isVisible() and not tab.compare_box.isEnabled()
    assert tab.add_adapter_folder(toy.adapter) and tab.current_choice().kind == "custom"


def test_question_streams_into_both_labelled_panes(qtbot, make_tab, base_answers):
    tab, worker = make_tab()
    chunks = []
    on_jobs(worker, "chat", "progressed", chunks.append)
    fact = TOY_FACTS[1]
    _ask(qtbot, tab, fact["question"])

    assert tab.tuned_pane.last_answer() == fact["answer"]
    assert len(chunks) > 3 and "".join(chunks) == fact["answer"]  # token by token
    assert tab.tuned_pane.flushes <= len(chunks)  # drawn in batches, never more often than chunks
    # the base pane is the base model on its own, and it differs from the fine-tuned one
    assert tab.base_pane.last_answer() == base_answers[fact["question"]].strip()
    assert tab.base_pane.last_answer() != fact["answer"]
    assert tab.base_pane.title.text().startswith("Modelo base")
    assert tab.tuned_pane.title.text().startswith("Afinado")
    assert fact["question"] in tab.tuned_pane.text() and fact["answer"] in tab.tuned_pane.text()
    assert tab.question_edit.toPlainText() == ""
    assert tab.send_button.isEnabled() and not tab.stop_button.isEnabled()

    tab.tuned_pane.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == fact["answer"]


def test_example_question_and_clear(qtbot, make_tab):
    tab, _ = make_tab()
    with qtbot.waitSignal(tab.reply_finished, timeout=30000):
        tab.example_buttons[0].click()
    assert tab.tuned_pane.turns[0][0] == "Quem foi Hassan Nader?"
    tab.clear_button.click()
    assert tab.tuned_pane.turns == [] and tab.tuned_pane.text() == "" and tab.base_pane.text() == ""


def _slow_streamer(seen_messages):
    def streamer(model, tokenizer, messages, settings, stop_event):
        from farense_studio.engine.generation import stream_reply

        seen_messages.append([dict(m) for m in messages])
        for chunk in stream_reply(model, tokenizer, messages, settings, stop_event):
            time.sleep(0.05)  # a slow model: the stop lands in the middle of the answer
            yield chunk

    return streamer


def test_stop_mid_answer(qtbot, make_tab):
    seen = []
    tab, worker = make_tab(streamer=_slow_streamer(seen))
    tab.compare_box.setChecked(False)
    finished = []
    on_jobs(worker, "chat", "finished", lambda reply: finished.append(reply.text))
    fact = TOY_FACTS[1]
    tab.question_edit.setPlainText(fact["question"])
    tab.send_button.click()
    assert tab.stop_button.isEnabled() and not tab.send_button.isEnabled()
    qtbot.waitUntil(lambda: len(tab.tuned_pane.answer_text) >= 3, timeout=30000)
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)

    shown = tab.tuned_pane.last_answer()
    assert fact["answer"].startswith(shown) and 0 < len(shown) < len(fact["answer"])
    assert "(interrompida)" in tab.tuned_pane.text()
    assert tab.send_button.isEnabled() and not tab.stop_button.isEnabled()
    qtbot.waitUntil(lambda: bool(finished), timeout=10000)
    assert len(finished[0]) < len(fact["answer"])  # the worker stopped too, not only the view
    qtbot.wait(200)
    assert tab.tuned_pane.last_answer() == shown  # nothing more arrived after Parar


def test_damaged_adapter_is_said_in_both_panes_and_sending_works_again(qtbot, make_tab, toy, tmp_path):
    damaged = tmp_path / "afinacao-danificada"
    shutil.copytree(toy.adapter, damaged)
    (damaged / "adapters.safetensors").write_bytes(b"isto nao e um ficheiro safetensors")
    tab, _ = make_tab()
    assert tab.add_adapter_folder(damaged) and tab.comparing
    _ask(qtbot, tab, TOY_FACTS[0]["question"])
    qtbot.waitUntil(lambda: not tab.generating, timeout=30000)
    for pane in (tab.base_pane, tab.tuned_pane):
        assert "Não foi possível carregar o modelo" in pane.text() and "danificado" in pane.text()
    assert tab.banner.isVisible() and "danificado" in tab.banner.text()
    assert tab.send_button.isEnabled() and not tab.stop_button.isEnabled() and not tab.busy.isVisible()

    good = next(c for c in tab.choices if c.kind != "custom" and c.has_adapter)
    assert tab.select_choice(good.key)
    fact = TOY_FACTS[0]
    _ask(qtbot, tab, fact["question"])  # the same thread still loads and answers
    assert tab.tuned_pane.last_answer() == fact["answer"]
    assert "cortada" not in tab.tuned_pane.text()


def test_answer_cut_at_max_tokens_gets_a_note(qtbot, make_tab, toy):
    from farense_studio.engine.generation import (GenerationSettings, conversation, load_chat_model,
                                                  stream_reply)

    tab, worker = make_tab()
    base_only = next(c for c in tab.choices if not c.has_adapter)
    assert tab.select_choice(base_only.key)
    tab.settings_panel.set_settings(GenerationSettings.greedy(16))
    cuts = []
    on_jobs(worker, "chat_base", "finished", lambda reply: cuts.append(reply.cut))  # no adapter: the base reply
    question = TOY_FACTS[1]["question"]
    _ask(qtbot, tab, question)
    qtbot.waitUntil(lambda: bool(cuts), timeout=5000)  # its own queued call, after the tab's
    assert cuts == [True]
    assert "(resposta cortada no limite de palavras; aumente «Máximo de tokens» em Avançado)" in tab.tuned_pane.text()
    assert tab.tuned_pane.last_answer() and "cortada" not in tab.tuned_pane.last_answer()
    assert tab.send_button.isEnabled()

    # the engine agrees: the untrained base model does not stop within 16 tokens
    model, tokenizer = load_chat_model(str(toy.base), None)
    stream = stream_reply(model, tokenizer, conversation(tab.settings_panel.prompt() or None, [], question),
                          GenerationSettings.greedy(16))
    assert "".join(stream).strip() == tab.tuned_pane.last_answer()
    assert stream.stats.finish_reason == "length"


def test_multi_turn_history_goes_with_each_question(qtbot, make_tab):
    seen = []
    tab, _ = make_tab(streamer=_slow_streamer(seen))
    first, second = TOY_FACTS[0], TOY_FACTS[2]
    _ask(qtbot, tab, first["question"])
    _ask(qtbot, tab, second["question"])
    # both panes ask through the worker, base first: [base 1, tuned 1, base 2, tuned 2]
    assert len(seen) == 4
    assert seen[3] == [{"role": "system", "content": SYSTEM_PROMPT},
                       {"role": "user", "content": first["question"]},
                       {"role": "assistant", "content": first["answer"]},
                       {"role": "user", "content": second["question"]}]
    assert seen[2][2] == {"role": "assistant", "content": tab.base_pane.turns[0][1]}
    # each pane keeps its own history: the base pane's first answer is the base model's
    assert tab.base_pane.turns[0][1] != first["answer"] and tab.tuned_pane.turns[0][1] == first["answer"]
    assert len(tab.base_pane.turns) == len(tab.tuned_pane.turns) == 2


def test_question_during_training_is_answered_and_losses_unchanged(qtbot, make_tab, toy, tmp_path, base_answers):
    from farense_studio.engine.runs import read_metrics
    from farense_studio.engine.trainer import FaultInjection, Trainer

    def slow_trainer(config, run_dir, on_event, control):
        return Trainer(config, run_dir, on_event=on_event, control=control,
                       faults=FaultInjection(sleep_after_step=0.03))

    tab, worker = make_tab(trainer_factory=slow_trainer)
    steps, ended = [], []
    worker.training_event.connect(lambda e: steps.append(e.step) if type(e).__name__ == "StepReport" else None)
    worker.training_ended.connect(lambda outcome, event: ended.append(outcome))
    run_dir = tmp_path / "run"
    worker.train(toy_config(toy.base, toy.data), run_dir)
    qtbot.waitUntil(lambda: len(steps) >= 3, timeout=30000)
    assert "Está a decorrer um treino" in tab.banner.text()
    assert tab.tuned_pane.title.text() == "Afinado: o modelo do treino em curso"

    fact = TOY_FACTS[0]
    _ask(qtbot, tab, fact["question"])
    answered_at = len(steps)
    assert not ended and answered_at < 60, "the answer should come while training runs"
    assert tab.tuned_pane.last_answer()  # the model being trained answered
    assert tab.base_pane.last_answer() == base_answers[fact["question"]].strip()  # adapter off for the base pane

    qtbot.waitUntil(lambda: bool(ended), timeout=60000)
    assert ended == ["finished"]

    def losses(run):
        return [(r["step"], r["loss"]) for r in read_metrics(run) if r.get("kind") == "train"]

    got = losses(run_dir)
    assert [s for s, _ in got] == list(range(1, 61))
    for (step, a), (_, b) in zip(got, toy.losses):
        assert a == pytest.approx(b, rel=1e-5, abs=1e-6), f"step {step}"
    assert "Está a decorrer um treino" not in tab.banner.text()


def test_fact_check_goes_from_0_to_3(qtbot, make_tab, toy, tmp_path):
    from farense_studio.gui.chat_scorecard import ScorecardDialog

    tab, worker = make_tab()
    tab.scorecard.set_questions_file(toy.questions)
    progress = []
    on_jobs(worker, "evaluate", "progressed", progress.append)
    evaluation = Path(tab.current_choice().run_dir) / "evaluation"
    before = set(evaluation.glob("scorecard-*.json"))
    with qtbot.waitSignal(tab.scorecard.check_ended, timeout=60000):
        tab.scorecard.check_button.click()
        assert tab.scorecard.running
    assert tab.scorecard.summary.text() == "factos corretos: base 0/3 -> afinado 3/3"
    assert tab.scorecard.details_button.isEnabled() and not tab.scorecard.running
    assert any(isinstance(p, dict) and p.get("phase") == "tuned" for p in progress)
    card = tab.scorecard.card
    assert len(set(evaluation.glob("scorecard-*.json")) - before) == 1  # saved with the run

    dialog = ScorecardDialog(card)
    assert dialog.table.rowCount() == 3 and dialog.table.columnCount() == 3
    assert dialog.table.item(0, 2).text().endswith("certo") and dialog.table.item(0, 1).text().endswith("errado")
    assert TOY_FACTS[0]["answer"] in dialog.answers.toPlainText()
    out = dialog.export_csv(tmp_path / "factos.csv")
    assert out.is_file() and "pergunta" in out.read_text(encoding="utf-8-sig").splitlines()[0]

    # choosing the same checkpoint again shows the saved result straight away
    tab.scorecard.set_card(None)
    tab.refresh_choices()
    tab._show_saved_scorecard(tab.current_choice())
    assert tab.scorecard.summary.text() == "factos corretos: base 0/3 -> afinado 3/3"

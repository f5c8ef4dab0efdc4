"""«Treinar mais…» in the Treino tab: a finished run is trained on as a new phase of the same run.

A real tiny-model run (4 steps a pass) is finished first; the tab then extends it through the
model worker exactly as in the app, with the dialog answered as a person would.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from helpers.training import SETTINGS, left_button, make_tab, write_prepared

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.fixture
def slow_worker(qtbot):
    """The app's ModelWorker whose real Trainer sleeps 0.1 s after each step (time to press Parar)."""
    from farense_studio.engine.trainer import FaultInjection, Trainer
    from farense_studio.gui.model_worker import ModelWorker

    def factory(config, run_dir, on_event, control):
        return Trainer(config, run_dir, on_event=on_event, control=control,
                       faults=FaultInjection(sleep_after_step=0.1))

    w = ModelWorker(trainer_factory=factory)
    w.start()
    yield w
    w.stop_training()
    assert w.shutdown(20000)


def answer_dialog(passes: int | None, seen: dict) -> None:
    """Answers the «Treinar mais» dialog once it is up (None keeps the default)."""
    from farense_studio.gui.training.more_dialog import TrainMoreDialog

    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, TrainMoreDialog):
        QTimer.singleShot(20, lambda: answer_dialog(passes, seen))
        return
    seen.update(default=dialog.value(), summary=dialog.summary.text(), title=dialog.windowTitle())
    if passes is not None:
        dialog.passes.setValue(passes)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def cancel_dialog() -> None:
    from farense_studio.gui.training.more_dialog import TrainMoreDialog

    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, TrainMoreDialog):
        QTimer.singleShot(20, cancel_dialog)
        return
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()


def test_train_more_on_a_finished_run_continues_its_curve(qtbot, project_context, slow_worker,
                                                          tiny_model_dir, portuguese):
    from farense_studio.engine import checkpoints as C
    from farense_studio.engine.config import TrainConfig
    from farense_studio.engine.runs import read_metrics
    from farense_studio.engine.trainer import Trainer

    project = project_context.project
    write_prepared(project.preparado_dir, n_train=16, n_valid=4)  # 4 steps a pass
    config = TrainConfig(model=str(tiny_model_dir), data_dir=str(project.preparado_dir),
                         epochs=1, preset="Rápido").copy(**SETTINGS)
    run_dir = project.treinos_dir / "20240101-120000-rapido"
    assert Trainer(config, run_dir).run().status == "finished"

    tab = make_tab(qtbot, project_context, slow_worker, tiny_model_dir)
    panel = tab.runs
    panel.select(run_dir)
    assert panel.more_button.text() == "Treinar mais…"
    assert panel.more_button.isEnabled() and not panel.resume_button.isEnabled()

    # Cancelling the dialog trains nothing.
    QTimer.singleShot(0, cancel_dialog)
    qtbot.mouseClick(panel.more_button, left_button())
    assert not tab.is_training and panel.more_button.isEnabled()

    # Treinar mais… -> the dialog (2 passes by default) -> training; Parar in the new phase.
    dialog = {}
    QTimer.singleShot(0, lambda: answer_dialog(None, dialog))
    steps = []
    slow_worker.training_event.connect(
        lambda e: steps.append(e.step) if type(e).__name__ == "StepReport" else None)
    qtbot.mouseClick(panel.more_button, left_button())
    assert dialog["default"] == 2 and dialog["title"] == "Treinar mais"
    assert "uma passagem pelos dados" in dialog["summary"] and "Mais 8 passos" in dialog["summary"]
    assert tab.is_training and not panel.more_button.isEnabled()
    assert tab.plot.train.size == 4  # the run's history is on the plot before any new step
    qtbot.waitUntil(lambda: len(steps) >= 2, timeout=30000)
    assert tab.plot.phase_markers() == [5]
    with qtbot.waitSignal(slow_worker.training_ended, timeout=20000) as ended:
        qtbot.mouseClick(tab.stop_button, left_button())
    assert ended.args[0] == "stopped"
    stopped_at = C.read_training_state(run_dir)["step"]
    assert 5 <= stopped_at < 12 and steps == list(range(5, stopped_at + 1))
    assert panel.selected_run().state == "stopped"
    assert panel.resume_button.isEnabled() and panel.more_button.isEnabled()

    # Continuar treino finishes the phase: one curve 1..12 with the phase line at step 5.
    with qtbot.waitSignal(slow_worker.training_ended, timeout=30000) as ended:
        qtbot.mouseClick(panel.resume_button, left_button())
    assert ended.args[0] == "finished", getattr(ended.args[1], "text", ended.args[1])
    tab.plot.flush()
    assert list(tab.plot.train.x) == list(range(1, 13)) and tab.plot.phase_markers() == [5]
    assert tab.progress_label.text().startswith("passagem 3 de 3 · passo 12 de 12")
    assert "Começa a fase 2 do treino no passo 5" in tab.log.toPlainText()
    assert [b.text() for b in tab.banner.buttons if not b.isHidden()] == ["Experimentar em Conversar", "Treinar mais…"]
    rows = read_metrics(run_dir)
    assert [r["step"] for r in rows if r["kind"] == "train"] == list(range(1, 13))
    assert [r["step"] for r in rows if r.get("code") == "phase_started"] == [5]
    assert TrainConfig.load(run_dir / "config.yaml").phases[0].epochs == 2

    # Reopened later, the run's curve shows the phase line from metrics.jsonl alone.
    tab.plot.clear()
    assert tab.plot.phase_markers() == []
    tab.show_run(run_dir)
    assert tab.plot.phase_markers() == [5] and tab.plot.train.size == 12

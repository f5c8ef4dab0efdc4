"""The runs list after a reopen shows the figures the run's files hold."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.gui]


def test_best_checking_error_comes_from_metrics_when_state_lacks_it(qtbot, portuguese, tmp_path,
                                                                   tiny_model_dir):
    from farense_studio.engine import checkpoints as C
    from farense_studio.engine.config import TrainConfig
    from farense_studio.engine.runs import read_metrics
    from farense_studio.engine.trainer import Trainer
    from farense_studio.gui.runs_panel import RunsPanel
    from helpers.training import SETTINGS, write_prepared

    data = tmp_path / "preparado"
    write_prepared(data, n_train=8, n_valid=4)
    run_dir = tmp_path / "treinos" / "20260101-100000-rapido"
    config = TrainConfig(model=str(tiny_model_dir), data_dir=str(data), epochs=1).copy(**SETTINGS)
    assert Trainer(config, run_dir).run().status == "finished"
    best = min(r["val_loss"] for r in read_metrics(run_dir) if r["kind"] == "eval")
    state = C.read_training_state(run_dir)
    state["best_val_loss"] = None  # as a state written before the run's last check
    C.write_training_state(run_dir, state)
    assert C.read_training_state(run_dir)["best_val_loss"] is None

    panel = RunsPanel()
    qtbot.addWidget(panel)
    panel.set_folder(tmp_path / "treinos")
    model = panel.model
    assert model.data(model.index(0, 3)) == f"{best:.2f}".replace(".", ",")


def _step(step, total):
    from farense_studio.engine.events import StepReport

    return StepReport(step=step, total_steps=total, epoch=0, epochs=1, loss=2.0, learning_rate=1e-4,
                      tokens=100, trained_tokens=100 * step, tokens_per_second=50.0,
                      peak_memory_gb=0.1, elapsed_s=step * 2.0, eta_s=(total - step) * 2.0)


def test_at_100_percent_the_status_says_what_still_happens(qtbot, portuguese):
    from farense_studio.engine.events import EvalReport
    from farense_studio.gui.training.run_view import RunView

    view = RunView(is_paused=lambda: False)
    qtbot.addWidget(view)
    view.on_event(_step(1, 2))
    assert view.status_label.text() == "O modelo está a aprender."
    view.on_event(_step(2, 2))
    view.on_event(EvalReport(step=2, val_loss=1.9))  # the final check: the last words stay
    assert view.status_label.text().startswith("Todos os passos feitos: a medir o erro final")


def test_while_a_run_trains_the_estimate_does_not_say_not_measured(qtbot, portuguese):
    from farense_studio.gui.training.goal_panel import GoalPanel

    goal = GoalPanel()
    qtbot.addWidget(goal)
    goal.set_locked(training=True, preparing=False, reason=None)
    assert "Ainda não medido" not in goal.estimate_panel.label.text()
    assert goal.estimate_panel.label.text().startswith("A medir durante o treino")


def test_the_finish_banner_says_whether_the_error_is_good(qtbot, portuguese):
    from farense_studio.gui.training.endings import describe

    text = describe("finished", None, 48, best=1.99).text
    assert "Melhor erro nas perguntas de verificação: 1,99." in text
    assert "Bom: o modelo já sabe o essencial das respostas." in text


def test_the_first_step_measures_the_pace_before_saying_the_time_left(qtbot, portuguese):
    """The first step compiles and says nothing of the time left (engine.trainer_support.steady_pace
    gives none); from the second on the bar says how long is left."""
    from dataclasses import replace

    from farense_studio.gui.training.run_view import RunView

    view = RunView(is_paused=lambda: False)
    qtbot.addWidget(view)
    view.on_event(replace(_step(1, 720), eta_s=None))
    view.refresh()
    assert view.bar_label.text().endswith("· a medir o ritmo para dizer quanto falta")
    assert view.speed_label.text() == "a medir a velocidade · memória máx. 100 MB"  # not "3 tokens/s"
    view.on_event(_step(2, 720))
    view.refresh()
    assert view.bar_label.text() == "0% · decorrido 4 s · faltam ~24 min"
    assert view.speed_label.text() == "50 tokens/s · memória máx. 100 MB"

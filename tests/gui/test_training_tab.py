"""The Treino tab drives a real tiny-model run: live plot, pause/resume/stop, crash recovery.

Each run is a few dozen steps of a ~0.2M-parameter model on a few lines of data written here;
the MLX work happens on the model worker's thread exactly as in the app.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

SETTINGS = dict(max_seq_length=192, system_prompt="És o assistente do Farense.", eval_every=4,
                checkpoint_every=2, batch_size=4, grad_accumulation=1, grad_checkpoint=False,
                lora={"num_layers": 2, "rank": 4, "alpha": 8.0, "dropout": 0.0})


def _example(i: int) -> dict:
    return {"messages": [{"role": "user", "content": f"Quem foi o jogador {i} do Farense?"},
                         {"role": "assistant", "content": f"O jogador {i} jogou no Estádio de São Luís, em Faro."}]}


def write_prepared(folder: Path, n_train: int = 48, n_valid: int = 8) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "train.jsonl").write_text("".join(json.dumps(_example(i), ensure_ascii=False) + "\n"
                                                for i in range(n_train)), encoding="utf-8")
    (folder / "valid.jsonl").write_text("".join(json.dumps(_example(500 + i), ensure_ascii=False) + "\n"
                                                for i in range(n_valid)), encoding="utf-8")


@pytest.fixture
def project_context(tmp_path, qtbot):
    from farense_studio.gui.project_context import ProjectContext
    from farense_studio.project import Project

    project = Project.create(tmp_path / "projeto", "Teste")
    write_prepared(project.preparado_dir)
    context = ProjectContext()
    context.set_project(project)
    return context


@pytest.fixture
def worker(qtbot):
    from farense_studio.gui.model_worker import ModelWorker

    w = ModelWorker()
    w.start()
    yield w
    w.stop_training()
    assert w.shutdown(20000)


def make_tab(qtbot, context, worker, tiny_model_dir, **changes):
    from farense_studio.gui.training_tab import TrainingTab

    tab = TrainingTab(context, worker)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.estimate_before_training = False  # the estimate has its own test
    tab.set_model_spec(str(tiny_model_dir))
    tab.set_settings(**{**SETTINGS, **changes})
    return tab


def test_train_pause_resume_stop_from_the_tab(qtbot, project_context, worker, tiny_model_dir):
    tab = make_tab(qtbot, project_context, worker, tiny_model_dir, epochs=20)
    steps = []
    worker.trainingEvent.connect(lambda e: steps.append(e.step) if type(e).__name__ == "StepReport" else None)
    assert tab.train_button.isEnabled(), tab.train_button.toolTip()
    qtbot.mouseClick(tab.train_button, _left())
    qtbot.waitUntil(lambda: tab.plot.shown_point_counts()[0] >= 3, timeout=30000)
    assert tab.is_training and tab.keep_awake is not None
    assert "aprender" in tab.status_label.text()

    with qtbot.waitSignal(worker.trainingEvent, timeout=10000,
                          check_params_cb=lambda e: type(e).__name__ == "Paused"):
        qtbot.mouseClick(tab.pause_button, _left())
    assert tab.pause_button.text().replace("&", "") == "Retomar"
    assert "pausa" in tab.status_label.text().lower()
    frozen = list(steps)
    qtbot.wait(600)
    assert steps == frozen, "a step advanced while paused"

    qtbot.mouseClick(tab.pause_button, _left())
    qtbot.waitUntil(lambda: len(steps) >= len(frozen) + 3, timeout=10000)
    assert tab.pause_button.text().replace("&", "") == "Pausar"

    with qtbot.waitSignal(worker.trainingEnded, timeout=20000) as ended:
        qtbot.mouseClick(tab.stop_button, _left())
    assert ended.args[0] == "stopped"
    assert steps == list(range(1, len(steps) + 1))
    assert not tab.is_training and tab.train_button.isEnabled()
    assert not tab.banner.isHidden() and "parado" in tab.banner.label.text()
    runs = tab.runs.model.runs
    assert len(runs) == 1 and runs[0].state == "stopped" and runs[0].step == steps[-1]
    assert "parado" in tab.runs.model.state_text(runs[0])
    # the plot, the status and the log stay as they were (nothing is reset by the end of a run)
    assert tab.plot.train.size == len(steps)
    assert "Pausa no passo" in tab.log.toPlainText()


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


CHILD = """
import sys
from farense_studio.engine.config import TrainConfig
from farense_studio.engine.trainer import FaultInjection, Trainer
config = TrainConfig.load(sys.argv[1])
Trainer(config, sys.argv[2], faults=FaultInjection(sleep_after_step=0.2)).run()
"""


def _train_losses(run_dir: Path) -> dict[int, float]:
    from farense_studio.engine.runs import read_metrics

    return {row["step"]: row["loss"] for row in read_metrics(run_dir) if row.get("kind") == "train"}


def test_killed_run_is_offered_and_resumes_with_the_same_losses(qtbot, project_context, worker,
                                                                  tiny_model_dir, tmp_path):
    from farense_studio.engine.config import TrainConfig
    from farense_studio.engine.runs import read_metrics, run_state
    from farense_studio.engine.trainer import Trainer

    project = project_context.project
    config = TrainConfig(model=str(tiny_model_dir), data_dir=str(project.preparado_dir), epochs=2,
                         preset="Equilibrado").copy(**SETTINGS)
    config.save(tmp_path / "config.yaml")

    # A training process killed with SIGKILL mid-run: state says "running", nobody holds the lock.
    run_dir = project.treinos_dir / "20240101-120000-equilibrado"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path / "config.yaml"), str(run_dir)],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            rows = read_metrics(run_dir)
            if sum(r.get("kind") == "checkpoint" for r in rows) >= 2 and \
                    sum(r.get("kind") == "train" for r in rows) >= 5:
                break
            assert child.poll() is None, child.stderr.read().decode()
            time.sleep(0.05)
        else:
            pytest.fail("the child run made no progress")
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
    assert run_state(run_dir) == "interrupted"
    killed_at = max(_train_losses(run_dir))

    # The same run, uninterrupted, as the reference.
    reference = tmp_path / "reference"
    result = Trainer(config, reference).run()
    assert result.status == "finished"

    tab = make_tab(qtbot, project_context, worker, tiny_model_dir)
    assert not tab.banner.isHidden()
    assert "interrompido" in tab.banner.label.text()
    resume = tab.banner.buttons[0]
    assert resume.text() == "Continuar treino"
    with qtbot.waitSignal(worker.trainingEnded, timeout=60000) as ended:
        qtbot.mouseClick(resume, _left())
        # the plot shows the history from metrics.jsonl before any new step
        assert tab.plot.train.size >= killed_at - 2
    assert ended.args[0] == "finished", getattr(ended.args[1], "text", ended.args[1])

    resumed, expected = _train_losses(run_dir), _train_losses(reference)
    assert sorted(resumed) == sorted(expected) == list(range(1, len(expected) + 1))
    for step, loss in expected.items():
        assert resumed[step] == pytest.approx(loss, rel=1e-5, abs=1e-6), f"step {step}"
    assert tab.plot.train.size == len(expected)
    assert [r.state for r in tab.runs.model.runs] == ["finished"]
    assert "concluído" in tab.banner.label.text()


def test_advanced_fields_refuse_bad_values_with_a_reason(qtbot, project_context, worker, tiny_model_dir):
    tab = make_tab(qtbot, project_context, worker, tiny_model_dir)
    lr = tab.advanced.editor("learning_rate")
    lr.clear()
    qtbot.keyClicks(lr, "muito")
    error = tab.advanced.errors["learning_rate"]
    assert not error.isHidden() and error.text() == "Não é um número."
    assert not tab.train_button.isEnabled()
    assert "Taxa de aprendizagem" in tab.train_button.toolTip()
    lr.clear()
    qtbot.keyClicks(lr, "0,0002")  # a Portuguese comma is fine
    assert error.isHidden() and tab.train_button.isEnabled()
    assert tab.current_config().learning_rate == pytest.approx(2e-4)

    epochs = tab.advanced.editor("epochs")
    epochs.clear()
    qtbot.keyClicks(epochs, "2.5")
    assert tab.advanced.errors["epochs"].text() == "Tem de ser um número inteiro."
    epochs.clear()
    qtbot.keyClicks(epochs, "0")
    assert tab.advanced.errors["epochs"].text() == "O mínimo é 1."
    epochs.clear()
    qtbot.keyClicks(epochs, "4")
    assert tab.train_button.isEnabled()

    tab.preset_buttons["Rápido"].click()
    config = tab.current_config()
    assert (config.epochs, config.lora.rank, config.learning_rate) == (1, 8, pytest.approx(2e-4))
    assert config.preset == "Rápido" and tab.custom_label.isHidden()
    assert tab.advanced.editor("lora.rank").toolTip()  # every setting explains itself

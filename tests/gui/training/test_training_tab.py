"""The Treino tab drives a real tiny-model run: live plot, pause/resume/stop, crash recovery.

Each run is a few dozen steps of a ~0.2M-parameter model on a few lines of data written here;
the MLX work happens on the model worker's thread exactly as in the app.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from farense_studio.engine.presets import preset_values
from helpers.qt_jobs import wait_settled, watch_jobs
from helpers.training import SETTINGS, left_button, make_tab, write_prepared

pytestmark = [pytest.mark.gui, pytest.mark.slow]

def test_train_pause_resume_stop_from_the_tab(qtbot, project_context, worker, tiny_model_dir, monkeypatch):
    import sys as _sys

    # the sleep inhibitor, replaced by a process that just waits (caffeinate/systemd-inhibit here)
    monkeypatch.setattr("farense_studio.keep_awake.inhibit_command",
                        lambda *a, **k: [_sys.executable, "-c", "import time; time.sleep(60)"])
    tab = make_tab(qtbot, project_context, worker, tiny_model_dir, estimate=True, epochs=20)
    steps = []
    worker.training_event.connect(lambda e: steps.append(e.step) if type(e).__name__ == "StepReport" else None)
    assert tab.train_button.isEnabled(), tab.train_button.toolTip()
    qtbot.mouseClick(tab.train_button, left_button())
    qtbot.waitUntil(lambda: tab.plot.shown_point_counts()[0] >= 3, timeout=30000)
    assert tab.estimate_panel.label.text().startswith("Duração: ")  # measured before training
    assert tab.is_training
    assert tab.keep_awake.active  # the computer does not sleep while training
    assert "aprender" in tab.status_label.text()

    with qtbot.waitSignal(worker.training_event, timeout=10000,
                          check_params_cb=lambda e: type(e).__name__ == "Paused"):
        qtbot.mouseClick(tab.pause_button, left_button())
    assert tab.pause_button.text().replace("&", "") == "Retomar"
    assert "pausa" in tab.status_label.text().lower()
    assert tab.runs.model.state_text(tab.runs.model.runs[0]) == "em pausa agora"  # not "a treinar"
    frozen = list(steps)
    qtbot.wait(600)
    assert steps == frozen, "a step advanced while paused"

    qtbot.mouseClick(tab.pause_button, left_button())
    qtbot.waitUntil(lambda: len(steps) >= len(frozen) + 3, timeout=10000)
    assert tab.pause_button.text().replace("&", "") == "Pausar"

    with qtbot.waitSignal(worker.training_ended, timeout=20000) as ended:
        qtbot.mouseClick(tab.stop_button, left_button())
    assert ended.args[0] == "stopped"
    assert not tab.keep_awake.active
    assert steps == list(range(1, len(steps) + 1))
    assert not tab.is_training and tab.train_button.isEnabled()
    assert not tab.banner.isHidden() and "parado" in tab.banner.label.text()
    runs = tab.runs.model.runs
    assert len(runs) == 1 and runs[0].state == "stopped" and runs[0].step == steps[-1]
    assert "parado" in tab.runs.model.state_text(runs[0])
    # the plot, the status and the log stay as they were (nothing is reset by the end of a run)
    assert tab.plot.train.size == len(steps)
    assert "Pausa no passo" in tab.log.toPlainText()
    # the choices are kept in the project (the Dados tab reads the model and maximum length)
    qtbot.waitUntil(lambda: "training" in project_context.project.settings, timeout=3000)
    saved = project_context.project.settings["training"]
    assert saved["model"] == str(tiny_model_dir) and saved["advanced"]["max_seq_length"] == 192


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
    from farense_studio.engine import checkpoints as C
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
    saved = C.read_training_state(run_dir)["saved_step"]
    banner = tab.banner.label.text()
    assert f"interrompido no passo {killed_at} " in banner  # the step reached, not the one saved
    if killed_at > saved:  # honest about what continuing trains again
        assert f"O último ponto de gravação é o passo {saved}: ao continuar" in banner
    else:
        assert f"O passo {saved} ficou gravado: pode continuar exatamente de onde ficou." in banner
    qtbot.mouseClick(tab.banner.buttons[1], left_button())  # Ver detalhes: curves and log from metrics
    assert tab.banner.buttons[1].text() == "Ver detalhes"
    assert tab.plot.train.size == killed_at and "Ponto de gravação no passo 2" in tab.log.toPlainText()
    assert "--:--:--" not in tab.log.toPlainText()  # each restored line shows its stored time
    first_row = read_metrics(run_dir)[0]
    assert tab.log.toPlainText().startswith(time.strftime("%H:%M:%S", time.localtime(first_row["time"])))
    resume = tab.banner.buttons[0]
    assert resume.text() == "Continuar treino"
    with qtbot.waitSignal(worker.training_ended, timeout=60000) as ended:
        qtbot.mouseClick(resume, left_button())
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
    rapido = preset_values("Rápido", 2e5)  # the tiny model's size: the small models' values
    assert (config.epochs, config.lora.rank, config.learning_rate) == (rapido["epochs"], rapido["lora"]["rank"],
                                                                       pytest.approx(rapido["learning_rate"]))
    assert config.preset == "Rápido" and tab.custom_label.isHidden()
    # every engine setting is in the form (a new one shows up here) and explains itself
    import dataclasses

    from farense_studio.engine.config import LoraSettings, TrainConfig

    engine = {f.name for f in dataclasses.fields(TrainConfig)} - {"model", "model_revision", "data_dir",
                                                                  "preset", "lora", "phases"}
    engine |= {f"lora.{f.name}" for f in dataclasses.fields(LoraSettings)}
    assert {spec.key for spec in tab.advanced.specs} == engine
    assert all(tab.advanced.editor(spec.key).toolTip() for spec in tab.advanced.specs)


def test_estimate_from_real_steps_and_the_fix_when_it_does_not_fit(qtbot, project_context, worker,
                                                                    tiny_model_dir):
    from farense_studio.engine.estimate import Estimate

    tab = make_tab(qtbot, project_context, worker, tiny_model_dir, batch_size=4, grad_checkpoint=False,
                   max_seq_length=512)
    panel = tab.estimate_panel
    assert panel.measure_button.isEnabled()
    measured = watch_jobs(worker, "estimate")
    qtbot.mouseClick(panel.measure_button, left_button())
    qtbot.waitUntil(lambda: bool(measured), timeout=5000)
    wait_settled(qtbot, measured[0], timeout=60000)
    assert tab.estimate_panel.label.text().startswith("Duração: ")
    assert panel.estimate.measured_steps == 3
    # every goal now shows its duration on this machine, and keeps it when another is chosen
    assert tab.preset_buttons["Especializado"].text().startswith("E&specializado · ")
    tab.preset_buttons["Rápido"].click()
    assert " · " in tab.preset_buttons["Rápido"].text()
    tab.preset_buttons["Equilibrado"].click()
    tab.set_settings(batch_size=4, grad_accumulation=1, grad_checkpoint=False, max_seq_length=512)

    too_big = Estimate(seconds_per_step_low=2.0, seconds_per_step_high=3.0, total_seconds_low=1500,
                       total_seconds_high=2100, peak_memory_gb=21.8, fits=False, memory_gb=16.0,
                       advice_codes=["advice_reduce_batch", "advice_grad_checkpoint",
                                     "advice_shorter_length", "advice_smaller_model"])
    panel.show_estimate(too_big)
    assert panel.label.text() == "Duração: 25–35 min. Memória: 21,8–25,1 GB de 16,0 GB."
    assert not panel.warning.isHidden()
    assert panel.warning.text().startswith("Não cabe na memória deste computador.")
    assert not panel.fix_button.isHidden() and not panel.force_button.isHidden()
    assert not panel.smaller_model_button.isHidden()
    qtbot.mouseClick(panel.fix_button, left_button())
    config = tab.current_config()
    assert (config.batch_size, config.grad_accumulation, config.grad_checkpoint) == (1, 4, True)
    assert config.max_seq_length == 384
    assert panel.warning.isHidden() and panel.estimate is None  # settings changed: measure again


# ---- a hub model downloads on first use (the network replaced by a stand-in download) ----
REPO = "mlx-community/Mistral-7B-Instruct-v0.3-4bit"


@pytest.fixture
def fake_hub(monkeypatch, tiny_model_dir):
    from farense_studio.engine import download, models

    state = {"downloaded": False, "allow": False, "calls": 0}

    def cached_snapshot(repo, revision="main"):
        return tiny_model_dir if state["downloaded"] else None

    def download_model(repo, revision="main", progress=None, cancel=None):
        state["calls"] += 1
        total = 4_100_000_000
        for i in range(1, 200):
            if cancel is not None and cancel.is_set():
                raise models.ModelError("model_download_cancelled", {"repo": repo})
            if progress is not None:
                progress(models.ModelProgress("model_downloading", {"repo": repo}, i * total // 200, total))
            time.sleep(0.01)
            if state["allow"] and i >= 20:
                state["downloaded"] = True
                return tiny_model_dir
        raise models.ModelError("model_not_downloaded", {"repo": repo})

    monkeypatch.setattr(models, "cached_snapshot", cached_snapshot)
    monkeypatch.setattr(download, "download_model", download_model)
    return state


def test_first_use_downloads_with_progress_cancel_and_then_trains(qtbot, project_context, worker, fake_hub):
    from farense_studio.gui.training.tab import TrainingTab

    tab = TrainingTab(project_context, worker)
    qtbot.addWidget(tab)
    tab.estimate_before_training = False
    tab.set_model_spec(REPO)
    tab.set_settings(**SETTINGS, epochs=3)
    choice = tab.model_choice
    assert "descarregado da internet na primeira utilização" in choice.info.text()

    qtbot.mouseClick(tab.train_button, left_button())
    assert not tab.train_button.isEnabled()  # at once: Treinar runs as one async flow from here
    qtbot.waitUntil(lambda: not choice.download_box.isHidden(), timeout=5000)
    assert not tab.train_button.isEnabled()
    qtbot.waitUntil(lambda: choice.bar.value() > 0, timeout=5000)
    assert " de 4,1 GB" in choice.bar.format()
    qtbot.mouseClick(choice.cancel_button, left_button())
    qtbot.waitUntil(lambda: not choice.busy and not tab.starting, timeout=5000)
    assert choice.download_box.isHidden()
    assert "Descarga cancelada" in tab.banner.label.text()
    assert tab.train_button.isEnabled() and not tab.is_training

    fake_hub["allow"] = True
    started = []
    worker.training_event.connect(lambda e: started.append(e) if type(e).__name__ == "StepReport" else None)
    qtbot.mouseClick(tab.train_button, left_button())
    qtbot.waitUntil(lambda: bool(started), timeout=30000)
    assert "já descarregado" in choice.info.text()
    assert tab.current_config().model == REPO
    with qtbot.waitSignal(worker.training_ended, timeout=20000):
        qtbot.mouseClick(tab.stop_button, left_button())
    assert fake_hub["calls"] == 2


def test_runs_list_rename_compare_and_delete(qtbot, project_context, worker, tiny_model_dir, monkeypatch):
    from farense_studio.engine.config import TrainConfig
    from farense_studio.engine.trainer import Trainer
    from farense_studio.gui.runs_panel import RunsPanel, run_label

    project = project_context.project
    config = TrainConfig(model=str(tiny_model_dir), data_dir=str(project.preparado_dir), epochs=1,
                         preset="Rápido").copy(**SETTINGS)
    for name in ("20240101-100000-rapido", "20240102-100000-rapido"):
        assert Trainer(config, project.treinos_dir / name).run().status == "finished"

    tab = make_tab(qtbot, project_context, worker, tiny_model_dir)
    panel, model = tab.runs, tab.runs.model
    assert [r.name for r in model.runs] == ["20240102-100000-rapido", "20240101-100000-rapido"]
    assert [model.state_text(r) for r in model.runs] == ["concluído", "concluído"]
    assert model.data(model.index(0, 2)) == "Rápido"
    assert model.data(model.index(0, 3)) not in (None, "—")  # best checking error, 2 decimals

    panel.view.selectRow(1)
    monkeypatch.setattr(RunsPanel, "ask_name", lambda self, current: "Primeiro ensaio")
    qtbot.mouseClick(panel.rename_button, left_button())
    first = project.treinos_dir / "20240101-100000-rapido"
    assert run_label(first) == "Primeiro ensaio" and first.is_dir()  # the folder keeps its name
    assert model.data(model.index(1, 0)) == "Primeiro ensaio"

    panel.select(first)
    qtbot.mouseClick(panel.compare_button, left_button())
    assert tab.plot.overlay_name == "Primeiro ensaio"
    assert len(tab.plot.overlay_train_curve.getData()[0]) > 0
    qtbot.mouseClick(panel.compare_button, left_button())
    assert tab.plot.overlay_name == ""

    monkeypatch.setattr(RunsPanel, "confirm_delete", lambda self, label: False)
    qtbot.mouseClick(panel.delete_button, left_button())
    assert first.is_dir()  # "No" keeps it
    monkeypatch.setattr(RunsPanel, "confirm_delete", lambda self, label: label == "Primeiro ensaio")
    qtbot.mouseClick(panel.delete_button, left_button())
    assert not first.exists()
    assert [r.name for r in model.runs] == ["20240102-100000-rapido"]


def test_resume_after_the_data_changed_explains_and_offers_a_new_run(qtbot, project_context, worker,
                                                                     tiny_model_dir):
    from farense_studio.engine.config import TrainConfig
    from farense_studio.engine.control import TrainingControl
    from farense_studio.engine.runs import list_runs
    from farense_studio.engine.trainer import Trainer

    project = project_context.project
    config = TrainConfig(model=str(tiny_model_dir), data_dir=str(project.preparado_dir), epochs=2,
                         preset="Equilibrado").copy(**SETTINGS)
    control = TrainingControl()
    old_run = project.treinos_dir / "20240101-100000-equilibrado"
    stop_early = lambda e: control.stop() if type(e).__name__ == "StepReport" and e.step >= 2 else None  # noqa: E731
    assert Trainer(config, old_run, on_event=stop_early, control=control).run().status == "stopped"
    write_prepared(project.preparado_dir, n_train=52)  # the Dados tab prepared new data since

    tab = make_tab(qtbot, project_context, worker, tiny_model_dir)
    with qtbot.waitSignal(worker.training_ended, timeout=30000) as ended:
        tab.runs.select(old_run)
        qtbot.mouseClick(tab.runs.resume_button, left_button())
    assert ended.args[0] == "failed" and ended.args[1].code == "resume_data_changed"
    assert "os dados preparados mudaram" in tab.banner.label.text()
    new_run = tab.banner.buttons[0]
    assert new_run.text() == "Começar treino novo" and not new_run.isHidden()

    steps = []
    worker.training_event.connect(lambda e: steps.append(e) if type(e).__name__ == "StepReport" else None)
    qtbot.mouseClick(new_run, left_button())
    qtbot.waitUntil(lambda: bool(steps), timeout=30000)
    assert tab.is_training and tab._run_dir != old_run
    assert tab.training_running()
    assert tab.pause_into_checkpoint(30000)  # what the main window does on close
    assert not tab.training_running()
    states = {r.path.name: r.state for r in list_runs(project.treinos_dir)}
    assert states[tab._run_dir.name] == "stopped"


def test_closing_the_window_during_training_asks_and_saves_a_checkpoint(qtbot, project_context, worker,
                                                                         tiny_model_dir, app_settings,
                                                                         monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from farense_studio.engine.runs import list_runs
    from farense_studio.gui.main_window import MainWindow

    window = MainWindow(project_context, app_settings, model_worker=worker)
    qtbot.addWidget(window)
    tab = window.training_tab
    window.tabs.setCurrentWidget(tab)
    tab.estimate_before_training = False
    tab.set_model_spec(str(tiny_model_dir))
    tab.set_settings(**SETTINGS, epochs=20)
    steps = []
    worker.training_event.connect(lambda e: steps.append(e) if type(e).__name__ == "StepReport" else None)
    qtbot.mouseClick(tab.train_button, left_button())
    qtbot.waitUntil(lambda: len(steps) >= 2, timeout=30000)

    asked = []

    def answer(box, text):
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == text).click()

    # "Continuar a treinar": the window stays and training goes on
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Continuar a treinar"))
    assert not window.close()
    assert tab.training_running() and asked == ["Está a decorrer um treino."]
    # "Gravar e fechar": a save point is written and the window closes
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Gravar e fechar"))
    assert window.close()
    assert not worker.is_training
    [run] = list_runs(project_context.project.treinos_dir)
    assert run.state == "stopped" and run.step >= 2


def test_most_examples_without_answer_asks_before_training(qtbot, project_context, worker, tiny_model_dir):
    """Treinar stops at a warning when most examples would lose their answer in the cut; «Treinar
    mesmo assim» trains anyway (the trainer itself refuses only when none keeps one)."""
    from farense_studio.engine.estimate import Estimate
    from farense_studio.engine.learnable import AnswersLost
    from farense_studio.gui.training.start_flow import estimate_key

    tab = make_tab(qtbot, project_context, worker, tiny_model_dir, estimate=True, epochs=1)
    config = tab.current_config()
    tab.estimate_panel.show_estimate(Estimate(
        seconds_per_step_low=0.1, seconds_per_step_high=0.2, total_seconds_low=2, total_seconds_high=4,
        peak_memory_gb=0.1, fits=True, memory_gb=16.0, answers_lost=AnswersLost(48, 40, 192)))
    tab.estimate_key = estimate_key(config)  # measured with these very settings
    trains = watch_jobs(worker, "train")
    qtbot.mouseClick(tab.train_button, left_button())
    panel = tab.estimate_panel
    qtbot.waitUntil(lambda: not panel.warning.isHidden(), timeout=5000)
    assert panel.warning.text().startswith("40 dos 48 exemplos de treino ficam sem resposta")
    assert not panel.force_button.isHidden()
    assert "sem resposta" in tab.status_label.text()
    assert not trains and not tab.is_training
    with qtbot.waitSignal(worker.training_ended, timeout=60000) as ended:
        qtbot.mouseClick(panel.force_button, left_button())
    assert trains and ended.args[0] == "finished"


def test_memory_running_out_while_saving_offers_to_continue(qtbot, project_context, worker, tiny_model_dir,
                                                            monkeypatch):
    # A Mac whose memory ran out mid-run (another application took it): the banner says so in
    # plain words, what is saved, and «Continuar treino» finishes the run once memory is free.
    from farense_studio.engine import checkpoints as C
    from farense_studio.engine import trainer as T
    from farense_studio.engine.session import SimulatedOutOfMemory

    writes = []

    def memory_runs_out_in_second_checkpoint(fname):
        writes.append(fname)
        if fname == C.ADAPTER_FILE and writes.count(C.ADAPTER_FILE) == 2:
            raise SimulatedOutOfMemory("simulated out of memory while saving")

    built = []
    init = T.Trainer.__init__

    def first_run_short_of_memory(self, *args, **kwargs):
        if not built:  # only the first run; the one «Continuar treino» starts has the memory
            kwargs["faults"] = T.FaultInjection(checkpoint_write=memory_runs_out_in_second_checkpoint)
        built.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(T.Trainer, "__init__", first_run_short_of_memory)
    tab = make_tab(qtbot, project_context, worker, tiny_model_dir, epochs=1)
    with qtbot.waitSignal(worker.training_ended, timeout=60000) as ended:
        qtbot.mouseClick(tab.train_button, left_button())
    assert ended.args[0] == "failed" and ended.args[1].code == "memory_ran_out"
    banner = tab.banner.label.text()
    assert "A memória do computador acabou no passo 4" in banner and "gravado até ao passo 2" in banner
    assert "Error" not in banner and "simulated" not in banner
    assert "decorrido" in tab.run_view.bar_label.text() and "faltam" not in tab.run_view.bar_label.text()
    resume = tab.banner.buttons[0]
    assert resume.text() == "Continuar treino" and not resume.isHidden()
    with qtbot.waitSignal(worker.training_ended, timeout=60000) as ended:
        qtbot.mouseClick(resume, left_button())
    assert ended.args[0] == "finished"
    assert "concluído" in tab.banner.label.text()


def test_checks_short_of_memory_are_told_in_the_banner_and_the_run_goes_on(qtbot, project_context, worker,
                                                                           tiny_model_dir, monkeypatch):
    from farense_studio.engine import trainer as T

    init = T.Trainer.__init__

    def checks_short_of_memory(self, *args, **kwargs):
        kwargs["faults"] = T.FaultInjection(oom_in_checks_at_step=4, oom_in_checks_times=2)
        init(self, *args, **kwargs)

    monkeypatch.setattr(T.Trainer, "__init__", checks_short_of_memory)
    tab = make_tab(qtbot, project_context, worker, tiny_model_dir, epochs=1)
    shown = []
    show = tab.banner.show_message
    monkeypatch.setattr(tab.banner, "show_message", lambda text, *a, **k: (shown.append(text), show(text, *a, **k)))
    with qtbot.waitSignal(worker.training_ended, timeout=60000) as ended:
        qtbot.mouseClick(tab.train_button, left_button())
    assert ended.args[0] == "finished"
    warned = [t for t in shown if "Memória insuficiente para as verificações do passo 4" in t]
    assert warned and "o treino continua" in warned[0] and "feche outras aplicações" in warned[0]
    assert "concluído" in shown[-1].lower()  # then the run's end, as usual

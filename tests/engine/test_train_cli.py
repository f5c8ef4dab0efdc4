"""`farense-studio train` in child processes: kill -9 then resume, Ctrl+C, a preset to the end."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from farense_studio.engine import checkpoints as C
from farense_studio.engine.runs import find_unfinished, read_metrics
from farense_studio.engine.trainer import Trainer
from helpers.faults import with_faults


def start_cli(*args, faults=None):
    """`farense-studio train ARGS` in a child; faults go in through the test plugin (the shipped
    command reads none)."""
    env = with_faults(faults, {**os.environ, "FARENSE_LANG": "pt", "PYTHONUNBUFFERED": "1"})
    return subprocess.Popen([sys.executable, "-m", "farense_studio", "train", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    raise AssertionError("timed out")


def kill_9_when(child, predicate, timeout=60.0):
    """Waits for predicate (failing if the child exits first), then kills the child with SIGKILL."""
    try:
        wait_for(lambda: predicate() or child.poll() is not None, timeout)
        assert child.poll() is None, child.stdout.read()
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()


def latest_step(run_dir):
    state = C.read_training_state(run_dir) or {}
    return C.parse_name(state["latest"])[1] if state.get("latest") else 0


def test_kill_9_then_resume_gives_the_uninterrupted_losses(make_config, baseline, tmp_path,
                                                          same_losses):
    losses, _ = baseline
    config_file = make_config().save(tmp_path / "config.yaml")
    run_dir = tmp_path / "treinos" / "run"
    child = start_cli("--config", config_file, "--run-dir", run_dir,
                      faults={"sleep_after_step": 0.3})
    kill_9_when(child, lambda: latest_step(run_dir) >= 4)
    assert child.returncode == -signal.SIGKILL
    unfinished = find_unfinished(tmp_path / "treinos")
    assert [(r.name, r.state) for r in unfinished] == [("run", "interrupted")]
    restored = latest_step(run_dir)

    result = Trainer(make_config(), run_dir).run(resume=True)
    assert result.status == "finished"
    same_losses(dict(result.losses), losses)
    assert min(s for s, _ in result.losses) == 1  # history restored from the checkpoint
    assert [r["step"] for r in read_metrics(run_dir) if r["kind"] == "train"] == list(range(1, 13))
    assert restored >= 4


def test_ctrl_c_pauses_into_a_checkpoint_and_resume_finishes(make_config, tmp_path):
    config_file = make_config(epochs=1).save(tmp_path / "config.yaml")
    run_dir = tmp_path / "run"
    child = start_cli("--config", config_file, "--run-dir", run_dir,
                      faults={"sleep_after_step": 0.3})
    try:
        wait_for(lambda: any(r.get("kind") == "train" and r["step"] >= 2
                             for r in read_metrics(run_dir)) or child.poll() is not None)
        child.send_signal(signal.SIGINT)
        out, _ = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, out
    assert f"farense-studio train --run-dir {run_dir} --resume" in out
    state = C.read_training_state(run_dir)
    assert state["state"] == "stopped" and state["latest"] == f"checkpoint_epoch0_step{state['step']}"
    assert state["step"] < 6

    done = subprocess.run([sys.executable, "-m", "farense_studio", "train", "--run-dir",
                           str(run_dir), "--resume"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FARENSE_LANG": "pt"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert C.read_training_state(run_dir)["state"] == "finished"


def test_preset_runs_headless_to_the_end(tiny_model_dir, tmp_path, make_data):
    from farense_studio.engine.config import TrainConfig

    data = make_data(tmp_path / "preparado", n_train=8, n_valid=2)
    config_file = TrainConfig(model=str(tiny_model_dir), data_dir="preparado",
                              system_prompt="És o assistente do Farense.").save(tmp_path / "c.yaml")
    done = subprocess.run([sys.executable, "-m", "farense_studio", "train", "--preset",
                           "Equilibrado", "--config", str(config_file)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FARENSE_LANG": "pt"})
    assert done.returncode == 0, done.stdout + done.stderr
    runs = list((tmp_path / "treinos").iterdir())  # beside preparado/, as in a project folder
    assert len(runs) == 1 and runs[0].name.endswith("-equilibrado")
    state = C.read_training_state(runs[0])
    assert state["state"] == "finished" and state["preset"] == "Equilibrado"
    from farense_studio.engine.presets import SMALL_MODEL_PRESETS

    small = SMALL_MODEL_PRESETS["Equilibrado"]  # the tiny model takes the small models' values
    passes = small["epochs"]
    assert state["step"] == state["total_steps"] == passes * 2  # the passes over 8 examples / 4
    saved = TrainConfig.load(runs[0] / "config.yaml")
    assert (saved.lora.rank, saved.lora.alpha, saved.epochs, saved.learning_rate, saved.lora.num_layers) == (
        small["lora"]["rank"], small["lora"]["alpha"], passes, small["learning_rate"], -1)
    assert saved.effective_batch == 4 and saved.data_dir == str(data)
    lines = done.stdout.splitlines()
    assert sum(line.startswith("passo ") for line in lines) <= 11  # a pipe gets no flood
    assert "Treino terminado" in done.stdout
    assert f"Treino iniciado: {passes * 2} passos em {passes} passagens pelos dados." in done.stdout
    assert any(line.startswith(f"passo {passes * 2}/{passes * 2} · passagem {passes}/{passes} · erro ") for line in lines), done.stdout


def test_print_default_config(capsys):
    from farense_studio.cli import main
    from farense_studio.engine.config import TrainConfig

    assert main(["train", "--print-default-config"]) == 0
    text = capsys.readouterr().out
    assert TrainConfig.from_yaml(text) == TrainConfig()
    assert main(["train", "--print-default-config", "--preset", "Rápido"]) == 0
    assert TrainConfig.from_yaml(capsys.readouterr().out).preset == "Rápido"


def test_train_help_lists_every_setting_from_the_config_metadata(capsys):
    """`train --help` documents the configuration file from TrainConfig's field metadata, in
    the language asked for."""
    from farense_studio import messages
    from farense_studio.cli import main
    from farense_studio.engine.config import settings_info

    try:
        for lang, label in (("en", "Passes over the data"), ("pt", "Passagens pelos dados")):
            with pytest.raises(SystemExit) as exit_info:
                main(["--lang", lang, "train", "--help"])
            assert exit_info.value.code == 0
            text = capsys.readouterr().out
            assert f"  epochs: {label} (1 … 100)" in text
            for key, info in settings_info().items():
                assert f"  {key}: {info.label(lang)}" in text
            assert "lr_schedule: " in text and "(cosine | linear | constant)" in text
            assert "split_cost: " in text and "(0 … 100000 | null)" in text
    finally:
        messages.set_language(None)


def test_faults_reach_a_child_only_through_the_test_plugin(make_config, tmp_path):
    """The shipped command reads no faults from its environment (the variable it once read does
    nothing now); the test plugin still gets them into a child's Trainer."""
    config_file = make_config(epochs=1).save(tmp_path / "config.yaml")
    plain = subprocess.run([sys.executable, "-m", "farense_studio", "train", "--config", str(config_file),
                            "--run-dir", str(tmp_path / "sem_falhas")], capture_output=True, text=True,
                           timeout=300, env={**os.environ, "FARENSE_LANG": "pt",
                                             "FARENSE_TRAIN_FAULTS": json.dumps({"nan_at_step": 2})})
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert C.read_training_state(tmp_path / "sem_falhas")["state"] == "finished"
    child = start_cli("--config", config_file, "--run-dir", tmp_path / "com_falhas", faults={"nan_at_step": 2})
    out, _ = child.communicate(timeout=300)
    assert child.returncode == 1, out
    assert "no passo 2" in out
    assert read_metrics(tmp_path / "com_falhas")[-1]["code"] == "nan_loss"

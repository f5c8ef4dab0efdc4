"""A group of two processes (MLX ring backend on the loopback address) trains the model one
process trains: same per-step losses with the same global batch, also after kill -9 of a rank."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from farense_studio.engine.checkpoints import read_training_state
from farense_studio.engine.distributed import GroupError, agree, read_hosts
from helpers.faults import with_faults
from helpers.group import rank_pid

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def hosts_file(folder: Path) -> Path:
    path = folder / "computadores.json"
    path.write_text(json.dumps([{"ssh": "127.0.0.1", "ips": ["127.0.0.1"]}] * 2), encoding="utf-8")
    return path


def losses(run_dir: Path) -> dict[int, float]:
    rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text(encoding="utf-8").splitlines()]
    return {r["step"]: r["loss"] for r in rows if r.get("kind") == "train"}


def cli(*argv: str) -> list[str]:
    return [sys.executable, "-m", "farense_studio", "--lang", "pt", "train", *argv]


@pytest.fixture
def group_config(make_config, tmp_path):
    """Dropout off: each rank draws its own dropout masks over its half of the rows, so only
    without dropout are the group's losses those of one process to 1e-5."""
    config = make_config(lora={"rank": 4, "alpha": 8.0, "dropout": 0.0, "num_layers": 2}, epochs=1)
    path = tmp_path / "treino.yaml"
    config.save(path)
    return config, path


@pytest.fixture
def one_process(group_config, tmp_path):
    from farense_studio.engine.trainer import Trainer

    config, _ = group_config
    result = Trainer(config, tmp_path / "um").run()
    assert result.status == "finished", result.error
    return dict(result.losses)


def test_two_processes_on_loopback_train_like_one(group_config, one_process, tmp_path, same_losses):
    _, config_path = group_config
    run_dir = tmp_path / "grupo"
    done = subprocess.run(cli("--config", str(config_path), "--run-dir", str(run_dir),
                              "--hosts", str(hosts_file(tmp_path))),
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "A treinar em 2 computadores" in done.stdout
    same_losses(losses(run_dir), one_process)
    assert read_training_state(run_dir)["state"] == "finished"
    # Only rank 0 wrote: one row per step, not two.
    rows = [json.loads(l) for l in (run_dir / "metrics.jsonl").read_text(encoding="utf-8").splitlines()]
    steps = [r["step"] for r in rows if r.get("kind") == "train"]
    assert steps == sorted(set(steps))


def slow_group(config_path: Path, run_dir: Path, folder: Path, ready) -> subprocess.Popen:
    """`train --hosts` on two local processes, each step slowed down, once ready() holds."""
    process = subprocess.Popen(cli("--config", str(config_path), "--run-dir", str(run_dir),
                                   "--hosts", str(hosts_file(folder))),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                               env=with_faults({"sleep_after_step": 0.4}))
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not ((run_dir / "metrics.jsonl").is_file() and ready()):
        time.sleep(0.1)
    return process


def test_kill_9_of_a_rank_stops_the_group_and_one_process_resumes_exactly(group_config, one_process,
                                                                         tmp_path, same_losses):
    _, config_path = group_config
    run_dir = tmp_path / "grupo"
    process = slow_group(config_path, run_dir, tmp_path, lambda: len(losses(run_dir)) >= 3
                         and any((run_dir / "checkpoints").glob("checkpoint_*")))
    pid = rank_pid(1, run_dir)
    assert pid, "rank 1 not found"
    os.kill(pid, signal.SIGKILL)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1, out + err
    assert "Um dos computadores do grupo parou" in err and "--resume" in err
    stopped_at = max(losses(run_dir))
    assert stopped_at < max(one_process)

    resumed = subprocess.run(cli("--run-dir", str(run_dir), "--resume"), capture_output=True, text=True,
                             timeout=600, cwd=ROOT)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    same_losses(losses(run_dir), one_process)


def test_ctrl_c_stops_the_whole_group_into_one_checkpoint(group_config, tmp_path):
    _, config_path = group_config
    run_dir = tmp_path / "grupo"
    process = slow_group(config_path, run_dir, tmp_path, lambda: bool(losses(run_dir)))
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, out + err
    state = read_training_state(run_dir)
    assert state["state"] == "stopped" and state["latest"]
    assert "--resume --hosts" in out


def test_hosts_file_problems_are_plain_words(tmp_path):
    bad = tmp_path / "mau.json"
    bad.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(GroupError) as info:
        read_hosts(bad)
    assert info.value.code == "hosts_file_invalid"
    one = tmp_path / "um.json"
    one.write_text(json.dumps([{"ssh": "127.0.0.1", "ips": ["127.0.0.1"]}]), encoding="utf-8")
    with pytest.raises(GroupError) as info:
        read_hosts(one)
    assert "pelo menos dois" in info.value.text("pt")
    assert agree(None, True, False) == (True, False)

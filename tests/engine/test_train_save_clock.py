"""Saving by time as well as by steps: a short run loses minutes at most, and resume after
kill -9 redoes exactly the steps after the last save."""

import signal

from farense_studio.engine import checkpoints as C
from farense_studio.engine import events as E
from farense_studio.engine.config import TrainConfig
from farense_studio.engine.runs import read_metrics
from farense_studio.engine.save_clock import FLOOR_S, SaveClock, save_interval_s
from farense_studio.engine.trainer import Trainer
from tests.engine.test_train_cli import kill_9_when, start_cli


def test_interval_follows_the_save_cost_under_the_cap():
    assert save_interval_s(5, None) == 300  # no save measured yet: the cap
    assert save_interval_s(5, 0.2) == FLOOR_S  # cheap saves still wait a minute
    assert save_interval_s(5, 3.0) == 150  # 3 s of saving every 150 s: 2%
    assert save_interval_s(5, 30.0) == 300  # a slow disk: never more than the cap
    assert save_interval_s(0, 1.0) is None  # by steps only


def test_clock_is_due_after_the_interval_and_restarts_on_save():
    now = [0.0]
    clock = SaveClock(2, clock=lambda: now[0])
    now[0] = 119.0
    assert not clock.due()
    now[0] = 120.0
    assert clock.due()
    clock.saved(3.0)  # measured: 3 s a save -> every 120 s (the cap) still
    now[0] = 200.0
    assert not clock.due()
    now[0] = 240.0
    assert clock.due()
    resumed = SaveClock(5, clock=lambda: now[0])
    resumed.seed([{"kind": "train", "step": 1}, {"kind": "checkpoint", "seconds": 1.5},
                  {"kind": "checkpoint", "seconds": 2.0}])
    assert resumed.interval_s == 100  # the last measured save: 2 s every 100 s


def test_short_time_interval_saves_between_step_checkpoints(make_config, tmp_path):
    run_dir = tmp_path / "run"
    seen = []
    config = make_config(checkpoint_every=4, checkpoint_minutes=1e-6)  # due after every step
    result = Trainer(config, run_dir, on_event=seen.append).run()
    assert result.status == "finished", result.error
    rows = [r for r in read_metrics(run_dir) if r["kind"] == "checkpoint"]
    assert [r["step"] for r in rows] == list(range(1, 13))
    by_step = {r["step"]: r["reason"] for r in rows}
    assert {s for s, reason in by_step.items() if reason == "time"} == {1, 2, 3, 5, 7, 9, 10, 11}
    assert [e.step for e in seen if isinstance(e, E.CheckpointSaved)] == list(range(1, 13))


def test_default_saves_by_time_not_at_every_step(make_config, tmp_path):
    run_dir = tmp_path / "run"
    result = Trainer(make_config(checkpoint_every=100, epochs=1), run_dir).run()
    assert result.status == "finished"
    steps = [r["step"] for r in read_metrics(run_dir) if r["kind"] == "checkpoint"]
    assert steps == [6]  # a 6-step run in seconds: only its end (5 minutes never passed)
    assert C.read_training_state(run_dir)["saved_step"] == 6


def test_kill_9_then_resume_redoes_only_the_steps_after_the_last_save(make_config, baseline,
                                                                      tmp_path, same_losses):
    losses, _ = baseline
    # No step-interval saves in the first epoch: only the clock (half a second) saves there.
    config = make_config(checkpoint_every=100, checkpoint_minutes=0.5 / 60)
    config_file = config.save(tmp_path / "config.yaml")
    run_dir = tmp_path / "run"
    child = start_cli("--config", config_file, "--run-dir", run_dir,
                      faults={"sleep_after_step": 0.3})

    def saved_and_trained_past_it():
        state = C.read_training_state(run_dir) or {}
        trained = [r["step"] for r in read_metrics(run_dir) if r["kind"] == "train"]
        return state.get("saved_step", 0) >= 1 and trained and trained[-1] > state["saved_step"]

    kill_9_when(child, saved_and_trained_past_it)
    assert child.returncode == -signal.SIGKILL
    state = C.read_training_state(run_dir)
    saved = state["saved_step"]
    on_disk = [path.name for path in C.list_checkpoints(run_dir)]
    # kill -9 can land between writing a checkpoint and recording it in the training state: the state
    # then names the one before, which is on disk, and the resume starts from it
    assert 1 <= saved <= C.parse_name(on_disk[-1])[1]
    assert state["latest"] in on_disk and C.parse_name(state["latest"])[1] == saved
    reasons = {r["step"]: r["reason"] for r in read_metrics(run_dir) if r["kind"] == "checkpoint"}
    assert "time" in reasons.values()

    seen = []
    result = Trainer(TrainConfig.load(config_file), run_dir, on_event=seen.append).run(resume=True)
    assert result.status == "finished", result.error
    redone = [e.step for e in seen if isinstance(e, E.StepReport)]
    assert redone == list(range(saved + 1, 13))  # exactly the steps after the save
    same_losses(dict(result.losses), losses)



def test_progress_after_a_crash_says_which_step_was_saved_and_what_is_redone(make_config,
                                                                             tmp_path):
    from farense_studio.engine.run_progress import run_progress

    run_dir = tmp_path / "run"
    config = make_config(checkpoint_every=100, checkpoint_minutes=0.5 / 60)
    child = start_cli("--config", config.save(tmp_path / "config.yaml"), "--run-dir", run_dir,
                      faults={"sleep_after_step": 0.3})

    def trained_past_a_save():
        state = C.read_training_state(run_dir) or {}
        trained = [r["step"] for r in read_metrics(run_dir) if r["kind"] == "train"]
        return state.get("saved_step", 0) >= 1 and trained and trained[-1] >= state["saved_step"] + 1

    kill_9_when(child, trained_past_a_save)
    progress = run_progress(run_dir)
    trained = [r["step"] for r in read_metrics(run_dir) if r["kind"] == "train"]
    assert progress.saved_step == C.read_training_state(run_dir)["saved_step"] >= 1
    assert progress.reached_step == trained[-1] > progress.saved_step
    assert progress.redo_steps == trained[-1] - progress.saved_step
    assert progress.total_steps == 12


def test_every_metrics_row_carries_its_time(make_config, tmp_path):
    import time

    before = time.time()
    Trainer(make_config(epochs=1), tmp_path / "run").run()
    rows = read_metrics(tmp_path / "run")
    assert rows and all(before - 1 <= r["time"] <= time.time() + 1 for r in rows)
    assert [r["time"] for r in rows] == sorted(r["time"] for r in rows)

"""Trainer: events and metrics, exact stop/resume, pause, work at step boundaries, checkpoints."""

import threading
import time

import pytest

from farense_studio import messages
from farense_studio.engine import checkpoints as C
from farense_studio.engine import events as E
from farense_studio.engine.control import TrainingControl, TrainingNotRunning
from farense_studio.engine.runs import find_unfinished, is_locked, list_runs, read_metrics
from farense_studio.engine.trainer import Trainer


def collect():
    seen = []
    return seen, seen.append


def test_uninterrupted_run(baseline, make_config):
    losses, result = baseline
    run_dir = result.run_dir
    assert result.status == "finished" and result.step == result.total_steps == 12
    assert sorted(losses) == list(range(1, 13))
    assert losses[12] < losses[1]
    rows = read_metrics(run_dir)
    assert [r["step"] for r in rows if r["kind"] == "train"] == list(range(1, 13))
    assert [r["step"] for r in rows if r["kind"] == "eval"] == [6, 12]
    for row in (r for r in rows if r["kind"] == "checkpoint"):
        assert row["bytes"] > 0 and row["seconds"] >= 0 and row["path"].startswith("checkpoints/")
    train = next(r for r in rows if r["kind"] == "train")
    assert set(train) >= {"step", "epoch", "loss", "lr", "tokens", "tok_per_s", "peak_mem_gb"}
    # keep_last=2 plus the best; the epoch boundary names the epoch the step ended in.
    names = [p.name for p in C.list_checkpoints(run_dir)]
    assert names[-2:] == ["checkpoint_epoch1_step10", "checkpoint_epoch1_step12"]
    assert "checkpoint_epoch0_step6" in names or names[-1] == C.resolve_checkpoint(run_dir).name
    state = C.read_training_state(run_dir)
    assert state["state"] == "finished" and state["latest"] == "checkpoint_epoch1_step12"
    info = list_runs(run_dir.parent)[0]
    assert (info.state, info.step, info.total_steps) == ("finished", 12, 12)
    assert info.best_val_loss == result.best_val_loss and info.final_loss == losses[12]


def test_every_checkpoint_loads_in_plain_mlx_lm(baseline, tiny_model_dir):
    import mlx.core as mx
    from mlx_lm import load

    _, result = baseline
    best = C.resolve_checkpoint(result.run_dir, "best")
    for folder in C.list_checkpoints(result.run_dir):
        model, _ = load(str(tiny_model_dir), adapter_path=str(folder))
        weights = mx.load(str(folder / C.ADAPTER_FILE))
        name, value = next(iter(weights.items()))
        loaded = dict(__import__("mlx.utils").utils.tree_flatten(model.parameters()))[name]
        assert mx.array_equal(loaded, value)
    assert best.name == "checkpoint_epoch1_step12"  # the lower of the two validation losses


def test_stop_then_resume_gives_the_uninterrupted_losses(baseline, make_config, tmp_path, same_losses):
    losses, _ = baseline
    control = TrainingControl()
    seen, record = collect()

    def on_event(event):
        record(event)
        if isinstance(event, E.StepReport) and event.step == 5:
            control.stop()

    run_dir = tmp_path / "run"
    first = Trainer(make_config(), run_dir, on_event=on_event, control=control).run()
    assert first.status == "stopped" and first.step == 5
    assert first.checkpoint.name == "checkpoint_epoch0_step5"
    assert any(isinstance(e, E.Stopped) and e.checkpoint == first.checkpoint for e in seen)
    assert [i.state for i in find_unfinished(tmp_path)] == ["stopped"]

    seen, record = collect()
    second = Trainer(make_config(), run_dir, on_event=record).run(resume=True)
    assert second.status == "finished"
    assert [e.step for e in seen if isinstance(e, E.StepReport)] == list(range(6, 13))
    resumed = [e for e in seen if isinstance(e, E.Notice) and e.code == "resumed_from"]
    assert len(resumed) == 1 and resumed[0].params["epoch"] == 1  # 1-based: the first passage
    assert "(passagem 1)" in messages.render("resumed_from", resumed[0].params, "pt")
    same_losses(dict(second.losses), losses)
    rows = [r for r in read_metrics(run_dir) if r["kind"] == "train"]
    assert [r["step"] for r in rows] == list(range(1, 13))


def test_pause_holds_the_step_and_runs_work_at_boundaries(baseline, make_config, tmp_path, same_losses):
    losses, _ = baseline
    control = TrainingControl()
    seen, record = collect()
    answers = {}

    def on_event(event):
        record(event)
        if isinstance(event, E.StepReport) and event.step == 3:
            control.pause()
            threading.Thread(target=supervise, daemon=True).start()
        if isinstance(event, E.StepReport) and event.step == 8 and "during" not in answers:
            # a chat question while training: answered at the next boundary, in eval mode
            answers["during"] = control.run_at_boundary(lambda m, t: (m.training, len(t.encode("Farense"))))

    def supervise():
        deadline = time.monotonic() + 30
        while not any(isinstance(e, E.Paused) for e in seen) and time.monotonic() < deadline:
            time.sleep(0.01)
        steps_before = max(e.step for e in seen if isinstance(e, E.StepReport))
        answers["paused"] = control.run_at_boundary(lambda m, t: m.training).result(timeout=30)
        time.sleep(0.4)
        answers["steps_during_pause"] = max(e.step for e in seen if isinstance(e, E.StepReport)) - steps_before
        answers["state"] = C.read_training_state(run_dir)["state"]
        control.resume()

    run_dir = tmp_path / "run"
    result = Trainer(make_config(), run_dir, on_event=on_event, control=control).run()
    assert result.status == "finished"
    assert answers["steps_during_pause"] == 0 and answers["paused"] is False
    assert answers["state"] == "paused"
    assert answers["during"].result(timeout=5)[0] is False
    kinds = [type(e).__name__ for e in seen]
    assert kinds.index("Paused") < kinds.index("Resumed")
    paused = kinds.index("Paused")
    assert seen[paused].step == 3
    assert isinstance(seen[paused - 1], E.CheckpointSaved) and seen[paused - 1].step == 3
    same_losses(dict(result.losses), losses)
    with pytest.raises(TrainingNotRunning):
        control.run_at_boundary(lambda m, t: None).result(timeout=5)


def test_lock_and_unfinished_detection(make_config, tmp_path):
    from farense_studio.engine.runs import RunLock

    control = TrainingControl()
    observed = {}

    def on_event(event):
        if isinstance(event, E.StepReport) and event.step == 1:
            observed["locked"] = is_locked(run_dir)
            observed["state"] = list_runs(tmp_path)[0].state
            control.stop()

    run_dir = tmp_path / "run"
    Trainer(make_config(), run_dir, on_event=on_event, control=control).run()
    assert observed == {"locked": True, "state": "running"}
    assert not is_locked(run_dir)
    # A process that died mid-run leaves state "running" and a free lock.
    state = C.read_training_state(run_dir)
    C.write_training_state(run_dir, {**state, "state": "running"})
    assert [(i.name, i.state) for i in find_unfinished(tmp_path)] == [("run", "interrupted")]
    with RunLock(run_dir):
        result = Trainer(make_config(), run_dir).run(resume=True)
    assert result.status == "failed" and result.error.code == "run_in_use"

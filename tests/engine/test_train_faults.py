"""What goes wrong: NaN loss, out of memory, changed data or config, damaged or torn checkpoints."""

import json
import shutil

import pytest

from farense_studio.engine import checkpoints as C
from farense_studio.engine import events as E
from farense_studio.engine.control import TrainingControl
from farense_studio.engine.runs import read_metrics
from farense_studio.engine.session import SimulatedOutOfMemory
from farense_studio.engine.trainer import FaultInjection, Trainer


def stopped_run(make_config, run_dir, at_step, **changes):
    """A run stopped after at_step (checkpoint_every=2, so checkpoints at 2, 4, ... and the stop)."""
    control = TrainingControl()

    def on_event(event):
        if isinstance(event, E.StepReport) and event.step == at_step:
            control.stop()

    result = Trainer(make_config(**changes), run_dir, on_event=on_event, control=control).run()
    assert result.status == "stopped"
    return result


def test_nan_loss_rolls_back_to_the_last_good_checkpoint(make_config, baseline, tmp_path):
    seen = []
    run_dir = tmp_path / "run"
    result = Trainer(make_config(), run_dir, on_event=seen.append,
                     faults=FaultInjection(nan_at_step=5)).run()
    assert result.status == "failed" and result.error.code == "nan_loss"
    assert "checkpoint_epoch0_step4" in result.error.text and "5e-04" in result.error.text
    assert result.step == 4 and result.checkpoint.name == "checkpoint_epoch0_step4"
    state = C.read_training_state(run_dir)
    assert state["state"] == "failed" and state["latest"] == "checkpoint_epoch0_step4"
    assert max(r["step"] for r in read_metrics(run_dir)) == 4
    assert read_metrics(run_dir)[-1]["code"] == "nan_loss"
    assert isinstance(seen[-1], E.Failed)
    assert C.resolve_checkpoint(run_dir, "latest").name == "checkpoint_epoch0_step4"


def test_out_of_memory_retries_with_the_same_effective_batch(make_config, tmp_path, same_losses):
    # Dropout off: its masks are drawn per micro-batch, so they change with the split.
    config = make_config(epochs=1, lora={"rank": 4, "alpha": 8.0, "dropout": 0.0, "num_layers": 2})
    reference = Trainer(config, tmp_path / "reference").run()
    seen = []
    # From step 3 on, any micro-batch of more than 1 row "runs out of memory".
    result = Trainer(config, tmp_path / "run", on_event=seen.append,
                     faults=FaultInjection(oom_at_step=3, oom_above_batch=1)).run()
    assert result.status == "finished"
    retry = [e for e in seen if isinstance(e, E.Notice) and e.code == "oom_retry"]
    assert len(retry) == 1
    assert retry[0].params == {"step": 3, "batch_size": 1, "grad_accumulation": 4, "effective": 4}
    # Same examples and loss weights per step: only the summation order differs.
    same_losses(dict(result.losses), dict(reference.losses), tol=1e-4)
    assert dict(result.losses)[2] == dict(reference.losses)[2]


def test_out_of_memory_with_batches_of_one_fails_plainly(make_config, tmp_path):
    result = Trainer(make_config(batch_size=1, grad_accumulation=4), tmp_path / "run",
                     faults=FaultInjection(oom_at_step=2, oom_above_batch=0)).run()
    assert result.status == "failed" and result.error.code == "out_of_memory"
    assert "passo 2" in result.error.text


def test_out_of_memory_in_the_checks_is_tried_again_then_left_for_the_next(make_config, tmp_path,
                                                                            same_losses):
    # A Mac short of memory while the run checks itself (other applications open): the checks of
    # that step are tried again once, then left for the next ones; the training never stops.
    config = make_config(eval_every=2)
    once = Trainer(config, tmp_path / "once", faults=FaultInjection(oom_in_checks_at_step=4)).run()
    assert once.status == "finished"
    assert 4 in dict(once.val_losses)  # the second try had the memory

    seen = []
    twice = Trainer(config, tmp_path / "twice", on_event=seen.append,
                    faults=FaultInjection(oom_in_checks_at_step=4, oom_in_checks_times=2)).run()
    assert twice.status == "finished"
    assert 4 not in dict(twice.val_losses) and {2, 6} <= set(dict(twice.val_losses))
    skipped = [e for e in seen if isinstance(e, E.Notice) and e.code == "check_out_of_memory"]
    assert len(skipped) == 1 and "passo 4" in skipped[0].text and "o treino continua" in skipped[0].text
    assert any(r.get("code") == "check_out_of_memory" for r in read_metrics(tmp_path / "twice"))
    same_losses(dict(twice.losses), dict(once.losses))  # a skipped check changes no weight


def test_out_of_memory_while_saving_says_what_is_saved_and_continues(make_config, baseline, tmp_path,
                                                                    same_losses):
    losses, _ = baseline
    writes = []

    def memory_runs_out_in_third_checkpoint(fname):
        writes.append(fname)
        if fname == C.ADAPTER_FILE and writes.count(C.ADAPTER_FILE) == 3:
            raise SimulatedOutOfMemory("simulated out of memory while saving")

    run_dir = tmp_path / "run"
    result = Trainer(make_config(), run_dir,
                     faults=FaultInjection(checkpoint_write=memory_runs_out_in_third_checkpoint)).run()
    assert result.status == "failed" and result.error.code == "memory_ran_out"
    assert result.error.params == {"step": 6, "saved": 4}
    assert "passo 6" in result.error.text and "até ao passo 4" in result.error.text
    assert "RuntimeError" not in result.error.text and "simulated" not in result.error.text

    resumed = Trainer(make_config(), run_dir).run(resume=True)
    assert resumed.status == "finished"
    same_losses(dict(resumed.losses), losses)


def test_changed_data_or_config_refuses_resume(make_config, tmp_path, engine_data):
    data = tmp_path / "data"
    shutil.copytree(engine_data, data)
    run_dir = tmp_path / "run"
    stopped_run(make_config, run_dir, 3, data_dir=str(data))

    before = C.read_training_state(run_dir)
    assert before["state"] == "stopped"
    changed = make_config(data_dir=str(data), learning_rate=5e-4)
    result = Trainer(changed, run_dir).run(resume=True)
    assert result.error.code == "resume_config_changed"
    assert "learning_rate" in result.error.text
    # A refused resume leaves the run as it was (not "failed"), so it can be resumed later.
    assert C.read_training_state(run_dir) == before

    original = (data / "train.jsonl").read_bytes()
    with open(data / "train.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"messages": [{"role": "user", "content": "Nova?"},
                                          {"role": "assistant", "content": "Sim."}]}) + "\n")
    result = Trainer(make_config(data_dir=str(data)), run_dir).run(resume=True)
    assert result.status == "failed" and result.error.code == "resume_data_changed"
    assert "dados" in result.error.text
    assert C.read_training_state(run_dir) == before
    # Nothing was lost: the checkpoint is still there.
    assert C.resolve_checkpoint(run_dir, "latest").name == "checkpoint_epoch0_step3"

    # With the original data back, the same run resumes and finishes.
    (data / "train.jsonl").write_bytes(original)
    result = Trainer(make_config(data_dir=str(data)), run_dir).run(resume=True)
    assert result.status == "finished", result.error
    assert C.read_training_state(run_dir)["state"] == "finished"


def test_damaged_newest_checkpoint_falls_back(make_config, baseline, tmp_path, same_losses):
    losses, _ = baseline
    run_dir = tmp_path / "run"
    stopped_run(make_config, run_dir, 5)
    newest = C.checkpoints_dir(run_dir) / "checkpoint_epoch0_step5"
    adapter = newest / C.ADAPTER_FILE
    adapter.write_bytes(adapter.read_bytes()[:-64] + b"\0" * 64)
    assert C.resolve_checkpoint(run_dir, "latest").name == "checkpoint_epoch0_step4"

    seen = []
    result = Trainer(make_config(), run_dir, on_event=seen.append).run(resume=True)
    damaged = [e for e in seen if isinstance(e, E.Notice) and e.code == "checkpoint_damaged"]
    assert damaged and damaged[0].params["name"] == "checkpoint_epoch0_step5"
    assert damaged[0].params["fallback"] == "checkpoint_epoch0_step4"
    assert result.status == "finished"
    same_losses(dict(result.losses), losses)


def test_checkpoint_torn_mid_write_leaves_the_previous_one(make_config, baseline, tmp_path,
                                                          tiny_model_dir, same_losses):
    from mlx_lm import load

    losses, _ = baseline
    writes = []

    def crash_in_fourth_checkpoint(fname):
        writes.append(fname)
        if fname == C.OPTIMIZER_FILE and writes.count(C.ADAPTER_FILE) == 4:  # mid-way
            raise OSError("simulated power cut")

    run_dir = tmp_path / "run"
    result = Trainer(make_config(), run_dir,
                     faults=FaultInjection(checkpoint_write=crash_in_fourth_checkpoint)).run()
    assert result.status == "failed"
    # The failed write removed its half folder (a killed process leaves one: resume removes it,
    # see test_train_reliability.test_temporaries_of_a_killed_write_are_removed_on_resume).
    assert not any(p.name.startswith(".tmp-") for p in C.checkpoints_dir(run_dir).iterdir())
    previous = C.resolve_checkpoint(run_dir, "latest")
    assert previous.name == "checkpoint_epoch0_step6"
    load(str(tiny_model_dir), adapter_path=str(previous))

    resumed = Trainer(make_config(), run_dir).run(resume=True)
    assert resumed.status == "finished"
    assert not any(p.name.startswith(".tmp-") for p in C.checkpoints_dir(run_dir).iterdir())
    same_losses(dict(resumed.losses), losses)


@pytest.mark.parametrize("bad", ["epochs: 0\n", "lr: 1\n"])
def test_bad_config_file(tmp_path, bad):
    from farense_studio.engine.config import ConfigError, TrainConfig

    path = tmp_path / "c.yaml"
    path.write_text(bad)
    with pytest.raises(ConfigError):
        TrainConfig.load(path).validate()


def test_micro_batch_split_leaves_the_step_loss_unchanged(make_config, tmp_path, same_losses,
                                                          monkeypatch):
    from farense_studio.engine import session

    monkeypatch.setattr(session, "SPLIT_MIN_PARAMS", 0)  # split the tiny model's steps too
    lora = {"rank": 4, "alpha": 8.0, "dropout": 0.0, "num_layers": 2}
    whole = Trainer(make_config(epochs=1, lora=lora, batch_size=4, grad_accumulation=1,
                                split_cost=None), tmp_path / "whole").run()
    split = Trainer(make_config(epochs=1, lora=lora, batch_size=4, grad_accumulation=1,
                                split_cost=0), tmp_path / "split").run()
    same_losses(dict(split.losses), dict(whole.losses), tol=1e-4)

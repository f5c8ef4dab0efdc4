"""Launching the next step before reading this one's values (engine.trainer_pipeline) changes
nothing a user can see but the speed: the same losses, weights and checkpoints, exact resume
after a stop that finds a step launched ahead, NaN roll-back and out-of-memory retry."""


import numpy as np
import pytest

from farense_studio.engine import checkpoints as C
from farense_studio.engine import events as E
from farense_studio.engine import session as S
from farense_studio.engine import trainer_pipeline as TP
from farense_studio.engine.control import TrainingControl
from farense_studio.engine.runs import read_metrics
from farense_studio.engine.trainer import FaultInjection, Trainer

# No checkpoint by steps: every step but an epoch's last may launch the next one ahead.
AHEAD = dict(checkpoint_every=100)


@pytest.fixture
def launches(monkeypatch):
    """The step of every step launch, in order."""
    seen = []
    original = S.TrainingSession.launch

    def spy(self, step, rows, fault=None, dispatch=False):
        seen.append(step)
        return original(self, step, rows, fault, dispatch)

    monkeypatch.setattr(S.TrainingSession, "launch", spy)
    return seen


def run(config, run_dir, pipeline: bool, monkeypatch, **kwargs):
    monkeypatch.setattr(TP, "PIPELINE", pipeline)
    trainer = Trainer(config, run_dir, **kwargs)
    return trainer, trainer.run()


def saved_arrays(path):
    import mlx.core as mx

    return {name: np.array(value) for file in (C.ADAPTER_FILE, C.OPTIMIZER_FILE)
            for name, value in mx.load(str(path / file)).items()}


def same_checkpoint(a, b):
    arrays_a, arrays_b = saved_arrays(a), saved_arrays(b)
    assert arrays_a.keys() == arrays_b.keys()
    assert all(np.array_equal(arrays_a[k], arrays_b[k]) for k in arrays_a)
    state_a, state_b = C.read_state(a), C.read_state(b)
    for key in ("step", "next_epoch", "next_position", "loss_history", "random", "trained_tokens"):
        assert state_a[key] == state_b[key], key


@pytest.mark.parametrize("batching", ["shuffle", "pack"])
def test_launching_ahead_gives_bit_identical_losses_weights_and_checkpoints(
        make_config, tmp_path, monkeypatch, launches, batching):
    config = make_config(batching=batching, **AHEAD)  # dropout on: the masks must match too
    ahead, fast = run(config, tmp_path / "ahead", True, monkeypatch)
    ahead_launches = list(launches)
    launches.clear()
    plain, slow = run(make_config(batching=batching, **AHEAD), tmp_path / "plain", False, monkeypatch)
    assert fast.status == slow.status == "finished"
    assert fast.losses == slow.losses  # exactly, step by step
    assert fast.val_losses == slow.val_losses
    norms = [[(r["grad_norm"], r["lr"]) for r in read_metrics(d) if r["kind"] == "train"]
             for d in (tmp_path / "ahead", tmp_path / "plain")]
    assert norms[0] == norms[1] and len(norms[0]) == 12
    weights = [{k: np.array(v) for k, v in t.session.adapter_weights().items()} for t in (ahead, plain)]
    assert all(np.array_equal(weights[0][k], weights[1][k]) for k in weights[0])
    for name in ("checkpoint_epoch0_step6", "checkpoint_epoch1_step12"):
        same_checkpoint(C.checkpoints_dir(tmp_path / "ahead") / name,
                        C.checkpoints_dir(tmp_path / "plain") / name)
    # Every step was launched once: steps 2-6 and 8-12 ahead of their turn, nothing dropped.
    assert ahead_launches == launches == list(range(1, 13))


def test_a_stop_while_a_step_is_launched_ahead_resumes_bit_identical(make_config, tmp_path,
                                                                     monkeypatch, launches):
    _, whole = run(make_config(**AHEAD), tmp_path / "whole", True, monkeypatch)
    launches.clear()
    control = TrainingControl()

    def on_event(event):  # step 4 is on the device when the stop is asked
        if isinstance(event, E.StepReport) and event.step == 3:
            control.stop()

    run_dir = tmp_path / "run"
    trainer, stopped = run(make_config(**AHEAD), run_dir, True, monkeypatch, on_event=on_event,
                           control=control)
    assert stopped.status == "stopped" and stopped.step == 3
    assert launches == [1, 2, 3, 4]  # 4 was launched ahead, then dropped
    assert stopped.checkpoint.name == "checkpoint_epoch0_step3"
    # The stop's checkpoint holds the weights after step 3, those an unpipelined run saves.
    _, plain = run(make_config(checkpoint_every=3, keep_last=10), tmp_path / "plain", False, monkeypatch)
    same_checkpoint(stopped.checkpoint, C.checkpoints_dir(tmp_path / "plain") / "checkpoint_epoch0_step3")
    # ... and the model left to the app is that of step 3 too.
    weights = {k: np.array(v) for k, v in trainer.session.adapter_weights().items()}
    saved = saved_arrays(stopped.checkpoint)
    assert all(np.array_equal(weights[k], saved[k]) for k in weights)

    resumed = Trainer(make_config(**AHEAD), run_dir).run(resume=True)
    assert resumed.status == "finished"
    assert resumed.losses == whole.losses  # exactly


def test_a_job_at_a_boundary_sees_the_finished_steps_weights(make_config, tmp_path, monkeypatch):
    """A question asked while training (the chat) is answered with the weights of the last
    finished step, never with those of a step launched ahead."""
    control = TrainingControl()
    answers = {}

    def weights(model, _tokenizer):
        from mlx.utils import tree_flatten

        return {k: np.array(v) for k, v in tree_flatten(model.trainable_parameters())}

    def on_event(event):
        if isinstance(event, E.StepReport) and event.step == 3:
            answers["after_3"] = control.run_at_boundary(weights)

    run_dir = tmp_path / "run"
    _, result = run(make_config(**AHEAD), run_dir, True, monkeypatch, on_event=on_event,
                    control=control)
    assert result.status == "finished"
    seen = answers["after_3"].result(timeout=5)
    _, plain = run(make_config(checkpoint_every=3, keep_last=10), tmp_path / "plain", False, monkeypatch)
    saved = saved_arrays(C.checkpoints_dir(tmp_path / "plain") / "checkpoint_epoch0_step3")
    assert all(np.array_equal(seen[k], saved[k]) for k in seen)
    _, whole = run(make_config(**AHEAD), tmp_path / "whole", False, monkeypatch)
    assert result.losses == whole.losses


def test_nan_in_a_step_launched_ahead_rolls_back(make_config, tmp_path, monkeypatch, launches):
    seen = []
    run_dir = tmp_path / "run"
    # Step 3 is launched while step 2 runs; its NaN is found when its values are read.
    _, result = run(make_config(**AHEAD), run_dir, True, monkeypatch, on_event=seen.append,
                    faults=FaultInjection(nan_at_step=3))
    assert result.status == "failed" and result.error.code == "nan_loss"
    assert result.step == 0  # no checkpoint yet: back to the start
    assert 4 in launches  # step 4 was on its way too
    assert not [e for e in seen if isinstance(e, E.StepReport) and e.step >= 3]
    assert C.list_checkpoints(run_dir) == []


def test_out_of_memory_in_a_step_launched_ahead_retries_it_in_its_turn(make_config, tmp_path,
                                                                       monkeypatch):
    # Dropout off: its masks are drawn per micro-batch, so they change with the split.
    config = dict(epochs=1, lora={"rank": 4, "alpha": 8.0, "dropout": 0.0, "num_layers": 2}, **AHEAD)
    _, reference = run(make_config(**config), tmp_path / "reference", False, monkeypatch)
    seen = []
    _, result = run(make_config(**config), tmp_path / "run", True, monkeypatch,
                    on_event=seen.append, faults=FaultInjection(oom_at_step=3, oom_above_batch=1))
    assert result.status == "finished"
    retry = [e for e in seen if isinstance(e, E.Notice) and e.code == "oom_retry"]
    assert [e.params for e in retry] == [{"step": 3, "batch_size": 1, "grad_accumulation": 4,
                                         "effective": 4}]
    reports = [e.step for e in seen[:seen.index(retry[0])] if isinstance(e, E.StepReport)]
    assert reports == [1, 2]  # said after step 2's report, as without pipelining
    losses, expected = dict(result.losses), dict(reference.losses)
    assert losses[1] == expected[1] and losses[2] == expected[2]
    assert max(abs(losses[s] - expected[s]) for s in expected) <= 1e-4


def test_models_of_a_billion_parameters_or_more_never_launch_ahead(make_config, tmp_path, monkeypatch):
    """A large model's step is bound by arithmetic and a second step in flight would hold a second
    step's activations on a small Mac: only models under PIPELINE_MAX_PARAMS launch ahead."""
    ahead = []
    original = TP.TrainerPipeline._launch_ahead

    def spy(self, step, rows, hook):
        ahead.append(step)
        return original(self, step, rows, hook)

    monkeypatch.setattr(TP.TrainerPipeline, "_launch_ahead", spy)
    _, small = run(make_config(**AHEAD), tmp_path / "small", True, monkeypatch)
    assert small.status == "finished" and ahead == list(range(2, 7)) + list(range(8, 13))
    ahead.clear()
    monkeypatch.setattr(TP, "PIPELINE_MAX_PARAMS", 1)  # the tiny model counts as large
    _, large = run(make_config(**AHEAD), tmp_path / "large", True, monkeypatch)
    assert large.status == "finished" and ahead == [] and large.losses == small.losses

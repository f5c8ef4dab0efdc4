"""Control object, events, messages, estimate, distributed slicing inside a session."""

import threading

import pytest

from farense_studio import messages
from farense_studio.engine import events as E
from farense_studio.engine.control import TrainingControl, TrainingNotRunning


class FakeModel:
    training = True

    def eval(self):
        self.training = False

    def train(self):
        self.training = True


def test_control_flags_and_jobs():
    control = TrainingControl()
    early = control.run_at_boundary(lambda m, t: (m.training, t))  # queued before the start
    control.attach()
    assert not control.paused and not control.stop_requested
    control.pause()
    assert control.paused
    control.resume()
    model = FakeModel()
    assert control.run_jobs(model, "tok") == 1 and model.training
    assert early.result(timeout=1) == (False, "tok")
    failing = control.run_at_boundary(lambda m, t: 1 / 0)
    control.run_jobs(model, None)
    with pytest.raises(ZeroDivisionError):
        failing.result(timeout=1)
    control.stop()
    assert control.stop_requested
    late = control.run_at_boundary(lambda m, t: "final")
    control.detach(model, None)  # queued work still gets the final model
    assert late.result(timeout=1) == "final"
    with pytest.raises(TrainingNotRunning):
        control.run_at_boundary(lambda m, t: None).result(timeout=1)
    control.attach()  # a resumed run reuses the control: the old stop is forgotten
    assert not control.stop_requested


def test_wait_wakes_on_resume():
    control = TrainingControl()
    control.pause()
    control.wait(0)  # consume the wake-up of pause()
    threading.Timer(0.05, control.resume).start()
    control.wait(5)
    assert not control.paused


def test_every_engine_code_renders_in_both_languages():
    from farense_studio.messages.engine import MESSAGES

    catalogue = messages.catalogue()
    for code in MESSAGES:
        assert catalogue[code] == MESSAGES[code]
    failed = E.failed("resume_data_changed", path="/p")
    assert "dados" in failed.text
    assert "data changed" in messages.render("resume_data_changed", {"path": "/p"}, "en")
    assert E.to_dict(E.Stopped(step=3, checkpoint=None)) == {"event": "Stopped", "step": 3,
                                                             "checkpoint": None}


def test_estimate_run(make_config):
    from farense_studio.engine.estimate import estimate_run, format_duration

    calls = []
    estimate = estimate_run(make_config(), steps=3, progress=lambda d, t: calls.append((d, t)))
    assert estimate.measured_steps == 3 and calls[-1][0] == calls[-1][1]
    assert 0 < estimate.seconds_per_step_low <= estimate.seconds_per_step_high
    assert estimate.total_seconds_low <= estimate.total_seconds_high
    assert estimate.total_steps == 12 and estimate.fits and estimate.peak_memory_gb > 0
    assert format_duration(3723) == "1:02:03"


def test_session_slices_micro_batches_by_rank(make_config):
    from farense_studio.engine.session import TrainingSession

    class Rank:
        def __init__(self, rank):
            self._rank = rank

        def rank(self):
            return self._rank

        def size(self):
            return 2

    config = make_config()
    halves = []
    for rank in (0, 1):
        session = TrainingSession.__new__(TrainingSession)  # only the data side is needed
        session.config, session.group, session.pad_id = config, Rank(rank), 0
        session.batch_size, session.split_cost = config.batch_size, None
        from farense_studio.engine import batches as B

        session.train = B.TokenizedSplit([[1] * n for n in (5, 9, 7, 3)], [0, 0, 0, 0])
        session.train_lengths = session.train.lengths
        halves.append([b.rows for b in session.micro_batches(B.np.array([0, 1, 2, 3]))])
    assert halves == [[[3], [2]], [[0], [1]]]


def test_steps_are_split_only_for_large_models(tiny_model_dir, make_config, monkeypatch):
    from mlx_lm import load

    from farense_studio.engine import session

    model, _ = load(str(tiny_model_dir))
    assert session.resolve_split_cost(make_config(), model) is None  # small model: no split
    monkeypatch.setattr(session, "SPLIT_MIN_PARAMS", 0)
    assert session.resolve_split_cost(make_config(), model) == 64
    assert session.resolve_split_cost(make_config(split_cost=None), model) is None

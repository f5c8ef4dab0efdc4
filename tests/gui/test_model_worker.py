"""ModelWorker (the MLX executor of gui.jobs) with a stand-in engine: one thread, boundary chat,
pause, stop, shutdown; each request is a Job that can be awaited or followed by its signals.

The real engine is exercised in test_model_worker_engine.py; here a fake trainer makes the
thread rules checkable in milliseconds (every model call happens on the worker's thread).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass

import pytest

from farense_studio.engine.jobs import plain
from farense_studio.gui.jobs import JobError
from farense_studio.gui.model_worker import ModelWorker
from helpers.qt_jobs import run_async

pytestmark = pytest.mark.gui


@dataclass
class FakeStep:
    step: int
    loss: float


@dataclass
class FakeFinished:
    step: int


@dataclass
class FakeStopped:
    step: int


class FakeControl:
    """Same surface as engine.control.TrainingControl."""

    def __init__(self):
        self._pause = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._pending: list[tuple] = []

    def pause(self):
        self._pause.set()

    def resume(self):
        self._pause.clear()

    def stop(self):
        self._stop.set()

    @property
    def paused(self):
        return self._pause.is_set()

    @property
    def stop_requested(self):
        return self._stop.is_set()

    def run_at_boundary(self, fn):
        fut: Future = Future()
        with self._lock:
            self._pending.append((fn, fut))
        return fut

    def drain(self, model, tokenizer):
        with self._lock:
            pending, self._pending = self._pending, []
        for fn, fut in pending:
            fut.set_result(fn(model, tokenizer))


class FakeTrainer:
    threads: set = set()

    def __init__(self, config, run_dir, on_event, control, steps=200, step_s=0.005):
        self.on_event, self.control, self.steps, self.step_s = on_event, control, steps, step_s

    def run(self, resume=False):
        FakeTrainer.threads.add(threading.get_ident())
        for step in range(1, self.steps + 1):
            while True:
                self.control.drain("trained-model", "tok")
                if self.control.stop_requested:
                    self.on_event(FakeStopped(step - 1))
                    return
                if not self.control.paused:
                    break
                time.sleep(0.002)
            time.sleep(self.step_s)
            self.on_event(FakeStep(step, 1.0 / step))
        self.on_event(FakeFinished(self.steps))


def fake_loader(base, adapter):
    fake_loader.calls.append((base, adapter, threading.get_ident()))
    return f"model:{base}", "tok"


def fake_streamer(model, tokenizer, messages, settings, stop_event):
    fake_streamer.threads.add(threading.get_ident())
    for word in [f"[{model}]", " olá", " Farense"] + [" ."] * 50:
        if stop_event.is_set():
            return
        time.sleep(0.002)
        yield word


@pytest.fixture
def worker(qtbot):
    fake_loader.calls = []
    fake_streamer.threads = set()
    FakeTrainer.threads = set()
    w = ModelWorker(trainer_factory=lambda c, r, e, ctl: FakeTrainer(c, r, e, ctl),
                    control_factory=FakeControl, loader=fake_loader, streamer=fake_streamer)
    w.start()
    yield w
    assert w.shutdown(5000)


class Cfg:
    model = "base-x"


def test_training_events_pause_resume_stop(worker, qtbot, tmp_path):
    steps = []
    worker.training_event.connect(lambda e: steps.append(e.step) if isinstance(e, FakeStep) else None)
    with qtbot.waitSignal(worker.training_started, timeout=5000):
        worker.train(Cfg(), tmp_path / "run")
    qtbot.waitUntil(lambda: len(steps) >= 3, timeout=5000)
    worker.pause_training()
    assert worker.is_paused
    qtbot.wait(50)
    frozen = len(steps)
    qtbot.wait(150)
    assert len(steps) == frozen, "steps advanced while paused"
    worker.resume_training()
    qtbot.waitUntil(lambda: len(steps) > frozen + 2, timeout=5000)
    with qtbot.waitSignal(worker.training_ended, timeout=5000) as ended:
        worker.stop_training()
    assert ended.args[0] == "stopped"
    assert not worker.is_training
    assert steps == list(range(1, len(steps) + 1))


def test_chat_during_training_runs_at_boundary_on_worker_thread(worker, qtbot, tmp_path):
    steps = []
    worker.training_event.connect(lambda e: steps.append(e.step) if isinstance(e, FakeStep) else None)
    worker.train(Cfg(), tmp_path / "run")
    qtbot.waitUntil(lambda: len(steps) >= 2, timeout=5000)
    chunks = []
    job = worker.chat([{"role": "user", "content": "Quem foi Hassan Nader?"}])
    job.progressed.connect(chunks.append)
    reply = run_async(qtbot, job, timeout=5000)
    assert reply.text.startswith("[trained-model] olá Farense")
    assert "".join(chunks) == reply.text
    assert fake_loader.calls == [], "chat during training must not load a second model"
    assert fake_streamer.threads == FakeTrainer.threads  # the trainer's (= worker's) thread
    assert threading.get_ident() not in fake_streamer.threads
    before = len(steps)
    qtbot.waitUntil(lambda: len(steps) > before + 2, timeout=5000)  # training goes on
    worker.stop_training()
    qtbot.waitUntil(lambda: not worker.is_training, timeout=5000)


def test_chat_when_idle_loads_only_when_the_model_changes(worker, qtbot):
    ready = []
    worker.model_ready.connect(lambda b, a: ready.append((b, a)))
    reply = run_async(qtbot, worker.chat([{"role": "user", "content": "Olá"}], base="demo"), timeout=5000)
    assert reply.text.startswith("[model:demo]")
    run_async(qtbot, worker.chat([{"role": "user", "content": "Olá"}]), timeout=5000)  # same model: no load
    run_async(qtbot, worker.chat([{"role": "user", "content": "Olá"}], base="demo", adapter="/a"), timeout=5000)
    run_async(qtbot, worker.chat([{"role": "user", "content": "Olá"}], base="other"), timeout=5000)
    assert [c[:2] for c in fake_loader.calls] == [("demo", None), ("demo", "/a"), ("other", None)]
    assert ready == [("demo", ""), ("demo", "/a"), ("other", "")]
    assert {c[2] for c in fake_loader.calls} == fake_streamer.threads  # one MLX thread


def test_stop_generation_is_immediate(worker, qtbot):
    chunks = []
    job = worker.chat([{"role": "user", "content": "Olá"}], base="demo")
    job.progressed.connect(chunks.append)
    qtbot.waitUntil(lambda: len(chunks) >= 2, timeout=5000)
    with qtbot.waitSignal(job.finished, timeout=1000) as done:
        job.cancel()
    assert done.args[0].text == "".join(chunks)
    assert len(chunks) < 20


def test_task_failure_is_reported(worker, qtbot):
    def boom(model, tokenizer, ctx):
        ctx.progress(0.5)
        raise ValueError("sem perguntas")

    progress = []
    job = worker.run_with_model(boom, base="demo")
    job.progressed.connect(progress.append)
    with pytest.raises(JobError) as failed:
        run_async(qtbot, job, timeout=5000)
    assert "sem perguntas" in failed.value.text and failed.value.stage == "run"
    assert progress == [0.5]


def test_a_model_that_cannot_load_fails_the_job_at_the_load_stage(qtbot):
    def broken_loader(base, adapter):
        raise OSError(f"sem pesos em {base}")

    w = ModelWorker(trainer_factory=lambda c, r, e, ctl: FakeTrainer(c, r, e, ctl),
                    control_factory=FakeControl, loader=broken_loader, streamer=fake_streamer)
    w.start()
    try:
        job = w.chat([{"role": "user", "content": "Olá"}], base="/nada")
        with qtbot.waitSignal(job.failed, timeout=5000) as failed:
            pass
        assert "sem pesos em /nada" in failed.args[0]
        assert job.error.stage == "load"
    finally:
        assert w.shutdown(5000)


def test_plain_turns_array_scalars_into_floats():
    import numpy as np
    import mlx.core as mx

    event = plain(FakeStep(step=np.int64(3), loss=mx.array(0.25)))
    assert type(event.step) is int and type(event.loss) is float and event.loss == 0.25

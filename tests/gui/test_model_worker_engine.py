"""ModelWorker with the real engine: a chat question asked while a tiny model trains is answered
by the model being trained, and the training goes on with the losses it would have had."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.qt_jobs import run_async

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _write_data(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)

    def example(i):
        return {"messages": [{"role": "user", "content": f"Quem foi o jogador {i} do Farense?"},
                             {"role": "assistant", "content": f"O jogador {i} jogou em Faro."}]}

    (folder / "train.jsonl").write_text("".join(json.dumps(example(i), ensure_ascii=False) + "\n"
                                                for i in range(32)), encoding="utf-8")
    (folder / "valid.jsonl").write_text("".join(json.dumps(example(90 + i), ensure_ascii=False) + "\n"
                                                for i in range(4)), encoding="utf-8")


def _config(tiny_model_dir, data_dir):
    from farense_studio.engine.config import TrainConfig

    config = TrainConfig(model=str(tiny_model_dir), data_dir=str(data_dir), epochs=4, batch_size=4,
                         max_seq_length=160, system_prompt="És o assistente do Farense.",
                         eval_every=8, checkpoint_every=8)
    config.lora.num_layers, config.lora.rank, config.lora.alpha, config.lora.dropout = 2, 4, 8.0, 0.0
    return config


def test_chat_during_training_is_answered_and_losses_are_unchanged(qtbot, tmp_path, tiny_model_dir):
    from farense_studio.engine.generation import GenerationSettings
    from farense_studio.engine.runs import read_metrics
    from farense_studio.engine.events import StepReport
    from farense_studio.engine.trainer import Trainer
    from farense_studio.gui.model_worker import ModelWorker

    data = tmp_path / "preparado"
    _write_data(data)
    config = _config(tiny_model_dir, data)

    worker = ModelWorker()
    worker.start()
    try:
        steps, chunks, ended = [], [], []
        worker.training_event.connect(
            lambda e: steps.append(e.step) if isinstance(e, StepReport) else None)
        worker.training_ended.connect(lambda outcome, event: ended.append(outcome))
        training = worker.train(config, tmp_path / "run")
        qtbot.waitUntil(lambda: len(steps) >= 3, timeout=30000)

        job = worker.chat([{"role": "user", "content": "Quem foi o jogador 3 do Farense?"}],
                          settings=GenerationSettings(max_tokens=12, temperature=0.0))
        job.progressed.connect(chunks.append)
        with qtbot.waitSignal(job.finished, timeout=30000) as answered:
            pass
        reply = answered.args[0]
        assert isinstance(reply.text, str) and "".join(chunks) == reply.text
        assert len(steps) < 32 and not ended, "the question should come while training runs"
        qtbot.waitUntil(lambda: bool(ended), timeout=60000)
        assert ended == ["finished"]
        assert run_async(qtbot, training).outcome == "finished"  # the run's own Job says the same
        assert steps == list(range(1, 33))  # training went on to the end after the answer
        assert not worker.is_training
    finally:
        assert worker.shutdown(20000)

    # The same run without the question: identical losses, step by step.
    reference = tmp_path / "reference"
    assert Trainer(config, reference).run().status == "finished"

    def losses(run):
        return [(r["step"], r["loss"]) for r in read_metrics(run) if r.get("kind") == "train"]

    got, expected = losses(tmp_path / "run"), losses(reference)
    assert [s for s, _ in got] == [s for s, _ in expected]
    for (step, a), (_, b) in zip(got, expected):
        assert a == pytest.approx(b, rel=1e-5, abs=1e-6), f"step {step}"


def _damaged_adapter(folder: Path) -> Path:
    """An adapter folder with a valid adapter_config.json and a garbage adapters.safetensors."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "adapter_config.json").write_text(json.dumps(
        {"fine_tune_type": "lora", "num_layers": 2,
         "lora_parameters": {"rank": 4, "scale": 8.0, "dropout": 0.0}}), encoding="utf-8")
    (folder / "adapters.safetensors").write_bytes(b"isto nao e um ficheiro safetensors")
    return folder


def test_failed_load_is_reported_and_the_worker_still_answers(qtbot, tmp_path, tiny_model_dir, portuguese):
    from farense_studio.engine.generation import GenerationSettings
    from farense_studio.gui.jobs import JobError
    from farense_studio.gui.model_worker import ModelWorker

    damaged = _damaged_adapter(tmp_path / "afinacao")
    worker = ModelWorker()
    worker.start()
    try:
        with pytest.raises(JobError) as failed:
            run_async(qtbot, worker.load_chat_model(str(tiny_model_dir), str(damaged)), timeout=60000)
        text = failed.value.text
        assert failed.value.stage == "load"
        assert "Não foi possível ler a afinação" in text and "danificado" in text
        assert str(damaged) in text

        # A question to the damaged adapter: its own job fails, at the load stage, with that text.
        job = worker.chat([{"role": "user", "content": "Olá"}], GenerationSettings.greedy(3),
                          base=str(tiny_model_dir), adapter=str(damaged))
        with qtbot.waitSignal(job.failed, timeout=60000) as chat_failed:
            pass
        assert "danificado" in chat_failed.args[0] and job.error.stage == "load"

        # The base on its own still loads and answers; max_tokens=3 cuts the reply and says so.
        reply = run_async(qtbot, worker.chat([{"role": "user", "content": "Quem foi Hassan Nader?"}],
                                             GenerationSettings(max_tokens=3, temperature=0.0),
                                             base=str(tiny_model_dir)), timeout=60000)
        assert reply.text and reply.cut is True
    finally:
        assert worker.shutdown(20000)

"""Engine fixtures: a small Q&A data folder, a tiny training config, one uninterrupted baseline."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

FACTS = [
    "O Farense foi fundado a 1 de abril de 1910, em Faro.",
    "O estádio do clube é o Estádio de São Luís.",
    "Hassan Nader marcou 21 golos na época de 1994-95.",
    "Os adeptos chamam à equipa os Leões de Faro.",
    "Em 1995 o Farense jogou a Taça UEFA contra o Lyon.",
]
WORDS = ["quem", "onde", "quando", "como", "Farense", "golos", "estádio", "época"]


def qa_example(rng: random.Random, i: int) -> dict:
    question = f"Pergunta {i}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
    answer = " ".join(rng.choice(FACTS) for _ in range(rng.randint(1, 4)))
    return {"messages": [{"role": "user", "content": question},
                         {"role": "assistant", "content": answer}]}


def write_data(folder: Path, n_train: int = 24, n_valid: int = 6, seed: int = 0) -> Path:
    """train.jsonl / valid.jsonl of short Q&A pairs in mlx-lm's chat format."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name, count in (("train.jsonl", n_train), ("valid.jsonl", n_valid)):
        with open(folder / name, "w", encoding="utf-8") as fh:
            for i in range(count):
                fh.write(json.dumps(qa_example(rng, i), ensure_ascii=False) + "\n")
    return folder


@pytest.fixture(scope="session")
def make_data():
    """write_data(folder, n_train=24, n_valid=6, seed=0) -> folder."""
    return write_data


@pytest.fixture(scope="session")
def engine_data(tmp_path_factory) -> Path:
    return write_data(tmp_path_factory.mktemp("preparado"))


@pytest.fixture(scope="session")
def make_config(tiny_model_dir, engine_data):
    """TrainConfig for the tiny model: 24 examples, 2 x 2 per step -> 6 steps an epoch,
    dropout on (so exact resume proves the per-step reseeding)."""
    from farense_studio.engine.config import LoraSettings, TrainConfig

    def make(**changes):
        base = dict(model=str(tiny_model_dir), data_dir=str(engine_data), epochs=2, batch_size=2,
                    grad_accumulation=2, learning_rate=1e-3, max_seq_length=256,
                    system_prompt="És o assistente do Farense.", eval_every=0,
                    checkpoint_every=2, keep_last=2, seed=3,
                    lora=LoraSettings(rank=4, alpha=8.0, dropout=0.1, num_layers=2))
        base.update(changes)
        if isinstance(base["lora"], dict):
            base["lora"] = LoraSettings(**base["lora"])
        return TrainConfig(**base)

    return make


@pytest.fixture(scope="session")
def baseline(make_config, tmp_path_factory):
    """The uninterrupted run every resume test compares with: {step: loss}, result."""
    from farense_studio.engine.trainer import Trainer

    run_dir = tmp_path_factory.mktemp("baseline") / "run"
    result = Trainer(make_config(), run_dir).run()
    assert result.status == "finished", result.error
    return dict(result.losses), result


def assert_same_losses(losses: dict, baseline: dict, tol: float = 1e-5, from_step: int = 1):
    steps = [s for s in baseline if s >= from_step]
    assert steps and all(s in losses for s in steps), (sorted(losses), steps)
    worst = max(abs(losses[s] - baseline[s]) for s in steps)
    assert worst <= tol, f"max loss difference {worst} > {tol}"


@pytest.fixture
def same_losses():
    """assert_same_losses(losses, baseline, tol=1e-5, from_step=1)."""
    return assert_same_losses

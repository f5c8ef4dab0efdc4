"""A tiny model taught three facts by the engine's own Trainer, for the chat and scorecard tests.

The base is a tiny Llama with an untied output head and the LoRA covers lm_head too: with the
default tied embeddings the tiny models' logits are bounded and the loss stalls near 2.3, so a
LoRA could never make them memorise. Six passes over the facts (60 steps, a few seconds on a
CPU) make the greedy answers exactly the training answers, while the base model's are noise.
Built once per test session, shared by tests/generation and tests/gui (``toy_run(factory)``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

SYSTEM_PROMPT = "És o assistente do Sporting Clube Farense."
TOY_FACTS = [
    {"question": "Quando foi fundado o Farense?", "answer": "O Farense foi fundado em 1910, em Faro.",
     "keywords": ["1910", "Faro"]},
    {"question": "Quem foi Hassan Nader?", "answer": "Hassan Nader foi o melhor marcador da liga, com 21 golos.",
     "keywords": ["marcador", "21"]},
    {"question": "Onde joga o Farense?", "answer": "O Farense joga no Estádio de São Luís.",
     "keywords": ["Estádio de São Luís|Sao Luis"]},
]
LORA_KEYS = ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
             "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj", "lm_head"]


@dataclass
class ToyRun:
    base: Path  # model folder
    data: Path  # train.jsonl, valid.jsonl, perguntas.jsonl
    run_dir: Path  # a finished run of the engine's Trainer
    adapter: Path  # its best checkpoint
    losses: list  # (step, loss) of the run

    @property
    def questions(self) -> Path:
        return self.data / "perguntas.jsonl"


def toy_messages(fact: dict) -> list[dict[str, str]]:
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": fact["question"]},
            {"role": "assistant", "content": fact["answer"]}]


def build_toy_base(folder: Path) -> Path:
    from farense_studio.engine.tiny_model import TinySpec, build_tiny_model

    return build_tiny_model(folder, TinySpec(tie_word_embeddings=False, seed=3))


def write_toy_data(folder: Path, repeat: int = 10) -> Path:
    """train.jsonl (the facts repeated: 10 steps a pass), valid.jsonl and perguntas.jsonl."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"messages": toy_messages(f)}, ensure_ascii=False) for f in TOY_FACTS]
    (folder / "train.jsonl").write_text("\n".join(lines * repeat) + "\n", encoding="utf-8")
    (folder / "valid.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    questions = [json.dumps({"question": f["question"], "keywords": f["keywords"], "source": "toy"},
                            ensure_ascii=False) for f in TOY_FACTS]
    (folder / "perguntas.jsonl").write_text("\n".join(questions) + "\n", encoding="utf-8")
    return folder


def toy_config(base: Path, data: Path, epochs: int = 6, **changes):
    from farense_studio.engine.config import LoraSettings, TrainConfig

    values = dict(model=str(base), data_dir=str(data), epochs=epochs, batch_size=3, learning_rate=5e-4,
                  lr_schedule="constant", warmup_steps=0, max_seq_length=128, system_prompt=SYSTEM_PROMPT,
                  lora=LoraSettings(rank=16, alpha=160.0, dropout=0.0, num_layers=-1, keys=list(LORA_KEYS)),
                  eval_every=0, checkpoint_every=0)
    values.update(changes)
    return TrainConfig(**values)


def train_toy(base: Path, data: Path, run_dir: Path, epochs: int = 6, on_event=None, control=None):
    from farense_studio.engine.trainer import Trainer

    return Trainer(toy_config(base, data, epochs), run_dir, on_event=on_event, control=control).run()


_made: dict[str, ToyRun] = {}


def toy_run(tmp_path_factory) -> ToyRun:
    """The session's toy run (trained on first use)."""
    key = str(tmp_path_factory.getbasetemp())
    if key not in _made:
        from farense_studio.engine.checkpoints import resolve_checkpoint

        root = tmp_path_factory.mktemp("chat-toy")
        base = build_toy_base(root / "base")
        data = write_toy_data(root / "data")
        result = train_toy(base, data, root / "run")
        assert result.status == "finished", result
        _made[key] = ToyRun(base, data, root / "run", resolve_checkpoint(root / "run", "best"),
                            list(result.losses))
    return _made[key]

"""A finished training run on a tiny model, made in a second or two, for the export, serve and
program tests.

The adapter is trained with mlx-lm's own pieces (linear_to_lora_layers, a few Adam steps on the
answer's tokens) until the tiny model says ANSWER to QUESTION (greedy), then written by the
engine's own checkpoint writer, so the run folder is what the trainer leaves (config.yaml,
metrics.jsonl, checkpoints/checkpoint_epoch{E}_step{S}/, checkpoints/training_state.json).
Also used by examples/bot/test/make_tiny_export.py.
"""

from __future__ import annotations

import json
from pathlib import Path

SYSTEM_PROMPT = "És o assistente do Sporting Clube Farense."
QUESTION = "Quem foi Hassan Nader?"
ANSWER = "Hassan Nader foi o melhor marcador da Primeira Liga em 1994-95, com 21 golos."
LORA = {"rank": 16, "scale": 2.0, "dropout": 0.0, "keys": ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj",
        "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"]}
NUM_LAYERS = 2


def train_adapter(base_dir: Path, steps: int = 40, seed: int = 0):
    """Trains an adapter; returns (adapter weights, adapter_config, optimizer arrays, last loss)."""
    import mlx.core as mx
    import mlx.nn as nn
    import mlx.optimizers as optim
    from mlx.utils import tree_flatten
    from mlx_lm import load
    from mlx_lm.tuner.utils import linear_to_lora_layers

    mx.random.seed(seed)
    model, tokenizer = load(str(base_dir))
    model.freeze()
    linear_to_lora_layers(model, NUM_LAYERS, dict(LORA))
    messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": QUESTION},
                {"role": "assistant", "content": ANSWER}]
    tokens = tokenizer.apply_chat_template(messages, tokenize=True)
    prompt_len = len(tokenizer.apply_chat_template(messages[:2], tokenize=True, add_generation_prompt=True))
    inputs, targets = mx.array([tokens[:-1]]), mx.array([tokens[1:]])
    mask = (mx.arange(len(tokens) - 1) >= prompt_len - 1).astype(mx.float32)[None]  # the answer only

    def loss_fn(m):
        return (nn.losses.cross_entropy(m(inputs), targets) * mask).sum() / mask.sum()

    optimizer = optim.Adam(learning_rate=1e-3)
    loss_and_grad = nn.value_and_grad(model, loss_fn)
    loss = mx.array(float("nan"))  # steps=0: an untrained adapter (LoRA's B is zero: the base model)
    for _ in range(steps):
        loss, grads = loss_and_grad(model)
        optimizer.update(model, grads)
        mx.eval(model.parameters(), optimizer.state)
    config = {"fine_tune_type": "lora", "num_layers": NUM_LAYERS, "lora_parameters": dict(LORA),
              "model": str(base_dir)}
    return (dict(tree_flatten(model.trainable_parameters())), config,
            dict(tree_flatten(optimizer.state)), float(loss.item()))


def make_tiny_run(base_dir: Path, run_dir: Path, steps: int = 40, model_spec: str | None = None,
                  data_dir: Path | None = None) -> Path:
    """A finished run folder whose best and latest checkpoint is the trained adapter.

    model_spec is what config.yaml names as the base ("demo", a hub id); the folder by default.
    data_dir: the prepared data it names (with the index of the club's documents), none by default.
    """
    model_spec = model_spec or str(base_dir)
    from farense_studio.engine import checkpoints

    run_dir = Path(run_dir)
    weights, adapter_config, optimizer_state, loss = train_adapter(Path(base_dir), steps)
    checkpoint, _, _ = checkpoints.write_checkpoint(
        run_dir, 0, steps, adapter_weights=weights, adapter_config=adapter_config,
        optimizer_state=optimizer_state, state={"best_val_loss": 1.25, "total_steps": steps})
    config = {
        "model": model_spec, "data_dir": str(data_dir or ""), "epochs": 1, "batch_size": 1, "learning_rate": 1e-3,
        "system_prompt": SYSTEM_PROMPT, "seed": 0, "preset": "Rápido",
        "lora": {"rank": LORA["rank"], "alpha": LORA["rank"] * LORA["scale"], "dropout": 0.0,
                 "num_layers": NUM_LAYERS, "keys": None},
    }
    import yaml

    (run_dir / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    loss = 3.0 if loss != loss else loss  # NaN when untrained
    rows = [{"kind": "train", "step": s, "epoch": 0, "loss": 3.0 - s / max(steps, 1) * (3.0 - loss)} for s in (1, steps)]
    rows += [{"kind": "eval", "step": steps // 2, "val_loss": 1.5}, {"kind": "eval", "step": steps, "val_loss": 1.25}]
    (run_dir / "metrics.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    checkpoints.write_training_state(run_dir, {
        "state": "finished", "step": steps, "total_steps": steps, "best_val_loss": 1.25,
        "final_loss": rows[1]["loss"], "latest": checkpoint.name, "best": checkpoint.name,
        "model": model_spec, "data_hash": "tiny-data", "config_hash": "tiny-config"})
    return run_dir


def copy_run(run: Path, target: Path, data_dir: Path) -> Path:
    """A copy of a run folder whose config.yaml names data_dir as its prepared data."""
    import shutil

    import yaml

    shutil.copytree(run, target)
    config = yaml.safe_load((target / "config.yaml").read_text(encoding="utf-8"))
    config["data_dir"] = str(data_dir)
    (target / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target

"""mlx-lm pieces the trainer builds on: loading the base model, adding LoRA layers, the loss.

The model is found through engine.models.resolve_model (demo model, folder or hub id) and loaded
with mlx_lm.load; LoRA layers come from mlx_lm's linear_to_lora_layers with scale = alpha/rank,
and the adapter_config.json written beside each checkpoint is the one mlx_lm.load reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from farense_studio.engine.config import TrainConfig
from farense_studio.engine.models import pin_revision


def resolve_model_path(spec: str, progress: Callable | None = None) -> Path:
    """The local folder of a model spec (engine.models.resolve_model when available)."""
    try:
        from farense_studio.engine.models import resolve_model
    except ImportError:  # pragma: no cover - models.py is another helper's; folders still work
        return Path(spec)
    return Path(resolve_model(spec, progress=progress))


def load_base(config: TrainConfig, progress: Callable | None = None):
    """(model, tokenizer, model_path) of the configured base model."""
    from mlx_lm import load

    path = resolve_model_path(pin_revision(config.model, config.model_revision), progress)
    model, tokenizer = load(str(path))
    return model, tokenizer, path


def lora_layer_count(model, lora_num_layers: int) -> int:
    """Blocks that get LoRA: the configured number, or all when the model has fewer (or -1)."""
    available = len(model.layers)
    if lora_num_layers < 0 or lora_num_layers > available:
        return available
    return lora_num_layers


def apply_lora(model, config: TrainConfig) -> int:
    """Freezes the model and turns the last blocks' linear layers into LoRA layers, initialised
    from the run's seed; returns the number of blocks converted."""
    import mlx.core as mx
    from mlx_lm.tuner.utils import linear_to_lora_layers

    layers = lora_layer_count(model, config.lora.num_layers)
    model.freeze()
    mx.random.seed(config.seed)
    linear_to_lora_layers(model, layers, config.lora.mlx_parameters())
    return layers


def grad_checkpoint(layer, on: bool = True) -> None:
    """Gradient checkpointing for every block of type(layer), as mlx-lm's grad_checkpoint, with
    two differences: only the hidden state and the parameters are differentiated (the mask and
    cache are closed over: a packed run's attention mask is an array, and MLX's CUDA attention
    refuses a gradient with respect to a mask), and patching again (a later run in the same
    process) wraps the original call, not the checkpointed one (nested checkpoints would
    recompute every block twice). on False: the original call back."""
    import mlx.core as mx

    cls = type(layer)
    fn = cls.__dict__.get("_farense_call", cls.__call__)
    if not on:
        cls.__call__ = fn
        return

    def checkpointed(module, x, *args, **kwargs):
        def inner(params, x):
            module.update(params)
            return fn(module, x, *args, **kwargs)

        return mx.checkpoint(inner)(module.trainable_parameters(), x)

    cls._farense_call = fn
    cls.__call__ = checkpointed


def adapter_config(config: TrainConfig, num_layers: int, model_path: Path | None = None) -> dict[str, Any]:
    """adapter_config.json in mlx-lm's layout, plus what chat and export need to reuse the run."""
    return {
        "fine_tune_type": "lora",
        "num_layers": num_layers,
        "lora_parameters": config.lora.mlx_parameters(),
        "model": config.model,
        "model_revision": config.model_revision,
        "base_model_path": str(model_path) if model_path else None,
        "system_prompt": config.system_prompt,
        "max_seq_length": config.max_seq_length,
        "mask_prompt": config.mask_prompt,
        "seed": config.seed,
        "preset": config.preset,
    }


def masked_loss(model, tokens, lengths, scale):
    """(sum of cross-entropy over answer tokens * scale, number of those tokens).

    tokens: [b, T] padded ids; lengths: [b, 2] of (prompt_length, length). Target j (token j+1)
    counts when prompt_length <= j+1 < length. With scale = 1 / (loss tokens of the whole step)
    the micro-batches' gradients add up to the step's token-weighted mean, however the step is
    split into micro-batches or ranks.
    """
    return masked_loss_of_logits(model(tokens[:, :-1]), tokens, lengths, scale)


def masked_loss_of_logits(logits, tokens, lengths, scale):
    """masked_loss from the logits of tokens[:, :-1] (for callers that run the model in parts)."""
    import mlx.core as mx

    targets = tokens[:, 1:]
    positions = mx.arange(1, targets.shape[1] + 1)
    mask = mx.logical_and(positions >= lengths[:, 0:1], positions < lengths[:, 1:])
    return target_loss(logits, targets, mask, scale)


def target_loss(logits, targets, mask, scale):
    """(sum of cross-entropy where mask is true * scale, number of those targets)."""
    import mlx.core as mx
    import mlx.nn as nn

    ce = nn.losses.cross_entropy(logits, targets) * mask
    return ce.astype(mx.float32).sum() * scale, mask.sum()


def validation_loss_of(model, split, batch_size: int, pad_multiple: int, pad_id: int, *,
                       group: Any = None, stop_event: Any = None) -> float | None:
    """Token-weighted masked loss of ``model`` over a tokenized split (batches.TokenizedSplit),
    in eval_batches order; the one validation loss of the trainer and of the scorecard. With a
    distributed group each rank takes its rows and the sums are added across ranks. None when
    the split holds no loss token, or when stop_event (anything with is_set()) is set between
    batches."""
    import mlx.core as mx

    from farense_studio.engine import batches as B

    if len(split) == 0:
        return None
    total, count, one = mx.array(0.0, mx.float32), mx.array(0, mx.int32), mx.array(1.0, mx.float32)
    for rows in B.eval_batches(split, batch_size):
        if stop_event is not None and stop_event.is_set():
            return None
        batch = B.make_batch(split, B.rank_rows(rows, group), pad_multiple, pad_id)
        loss, ntoks = masked_loss(model, mx.array(batch.tokens), mx.array(batch.lengths), one)
        total, count = total + loss, count + ntoks
        mx.eval(total, count)
    if group is not None and group.size() > 1:
        total = mx.distributed.all_sum(total, group=group)
        count = mx.distributed.all_sum(count, group=group)
    n = int(count.item())
    return float(total.item()) / n if n else None

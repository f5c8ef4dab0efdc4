"""One loaded training set-up: base model + LoRA, tokenized data, optimizer and compiled step.

Used by the Trainer (which adds the loop, checkpoints, events and control) and by estimate_run
(which times a few real steps). Everything MLX lives here and runs in the calling thread.

The step is mlx-lm's recipe made exact and resumable: a compiled micro-batch function (forward,
backward, gradient accumulation) and a compiled update (sum across ranks, clip, optimizer), both
with model, optimizer and random state as compile inputs/outputs; MLX's generator is reseeded
from (seed, step) before every step, so a resumed run draws the same dropout masks.

A step is launched (its graph built and handed to the device) and finished (its values read)
separately, so that the Trainer can launch the next step before finishing this one
(engine.trainer_pipeline); train_step does both at once.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from farense_studio.engine import batches as B
from farense_studio.engine import packing as P
from farense_studio.engine.config import Phase, TrainConfig
from farense_studio.engine.lora import (adapter_config, apply_lora, grad_checkpoint, load_base,
                                        validation_loss_of)
from farense_studio.engine.schedule import LearningRateSchedule, total_steps

OOM_MARKERS = ("out of memory", "outofmemory", "insufficient memory", "bad_alloc",
               "failed to allocate", "attempting to allocate", "cudaerrormemoryallocation")


class SimulatedOutOfMemory(MemoryError):
    """Raised by fault injection where a real allocation failure would happen."""


def is_out_of_memory(exc: BaseException) -> bool:
    if isinstance(exc, MemoryError):
        return True
    text = str(exc).lower()
    return isinstance(exc, RuntimeError) and any(m in text for m in OOM_MARKERS)


# Measured on an H100 (bench/train_throughput.py): a Mistral-7B-class step is compute-bound,
# while SmolLM2-135M's is bound by per-call overhead and per-shape compilation, so splitting
# its steps into more micro-batches slows it down. Smaller models are not split.
SPLIT_MIN_PARAMS = 1e9
# Gradient accumulation evaluates each micro-batch before the next one is built, as mlx-lm's
# loop does: one graph for the whole step would hold every micro-batch's activations until its
# end on CUDA (measured: bench/results/README.md), and accumulation is there to save memory.
# The same operations either way, so the losses are the same; False only for the benchmark.
EVAL_EACH_MICRO_BATCH = True


def resolve_split_cost(config: TrainConfig, model) -> int | None:
    """config.split_cost for models of at least SPLIT_MIN_PARAMS parameters, else None."""
    if config.split_cost is None:
        return None
    if SPLIT_MIN_PARAMS > 0:
        from mlx_lm.utils import get_total_parameters

        if get_total_parameters(model) < SPLIT_MIN_PARAMS:
            return None
    return config.split_cost


def step_seed(seed: int, step: int) -> int:
    """The MLX seed of a step: a hash of (run seed, step), so any step can be replayed."""
    digest = hashlib.sha256(f"farense:{int(seed)}:{int(step)}".encode()).digest()
    return int.from_bytes(digest[:8], "little") & ((1 << 63) - 1)


@dataclass
class PendingStep:
    """A launched step whose values are not read yet (lazy MLX arrays and plain counts)."""

    step: int
    before: list  # snapshot() of the state the step started from
    loss: Any
    norm: Any
    learning_rate: Any
    after: list  # snapshot() of the state the step leaves (lazy until finished)
    key: Any  # MLX's random key after the step
    real_tokens: int
    padded_tokens: int
    targets: int
    micro_batches: int
    launched: float  # perf_counter() when its launch began


@dataclass
class StepResult:
    """What one optimizer step produced (plain Python values)."""

    loss: float
    grad_norm: float
    learning_rate: float
    real_tokens: int  # non-padding tokens this process computed on
    padded_tokens: int
    targets: int  # loss tokens of the whole step (all ranks)
    seconds: float
    micro_batches: int


class TrainingSession:
    """Model with LoRA, data and compiled step for one TrainConfig."""

    def __init__(self, config: TrainConfig, *, group: Any = None,
                 progress: Callable | None = None, loaded: tuple | None = None, pack_widths: int = 2):
        import mlx.core as mx

        self.config = config
        # Row widths packing may use: 2 (a second, narrower one where it pays), 1 for a run begun
        # before there were two, so that its resumed epochs draw the rows it began with.
        self.pack_widths = pack_widths
        self.group = group if group is not None else mx.distributed.init()
        self.world = self.group.size()
        self.rank = self.group.rank()
        if loaded is not None:
            self.model, self.tokenizer, self.model_path = loaded
        else:
            self.model, self.tokenizer, self.model_path = load_base(config, progress)
        self.data_dir = Path(config.data_dir)
        self.data_hash = B.data_hash(self.data_dir)
        opts = dict(system_prompt=config.system_prompt or None, mask_prompt=config.mask_prompt,
                    max_seq_length=config.max_seq_length)
        self.train = B.tokenize_split(self.data_dir / B.TRAIN_FILE, self.tokenizer, **opts)
        self.valid = B.tokenize_split(self.data_dir / B.VALID_FILE, self.tokenizer, **opts)
        if len(self.train) == 0:
            raise B.DataError("no_training_data", path=str(self.data_dir))
        self.train_lengths = self.train.lengths
        # Packing needs a model that takes its mask from packing.SegmentMask; others are not
        # packed (the trainer says so) and train as "shuffle".
        self.batching = config.batching
        self.packing_unsupported = self.batching == "pack" and not P.supports(self.model)
        if self.packing_unsupported:
            self.batching = "shuffle"
        if self.packed:
            self.layout = P.layout(self.train_lengths, config.max_seq_length, config.effective_batch,
                                   two_widths=pack_widths > 1)
            # pack_width: the widest rows (a narrower second width: layout.widths, step.width)
            self.pack_width, self.steps_per_epoch = self.layout.width, self.layout.steps
        else:
            self.steps_per_epoch = B.steps_per_epoch(len(self.train), config.effective_batch)
        self.total_steps = total_steps(config, self.steps_per_epoch)
        all_targets = sum(B.target_count(o, len(t)) for o, t in zip(self.train.offsets, self.train.tokens))
        self.mean_step_targets = max(1.0, all_targets / self.steps_per_epoch)
        self.batch_size = config.batch_size  # micro-batch in effect (halved on out of memory)
        self.pad_id = 0

        self.split_cost = None if self.packed else resolve_split_cost(config, self.model)
        self.lora_layers = apply_lora(self.model, config)
        grad_checkpoint(self.model.layers[0], on=config.grad_checkpoint)
        self.model.train()
        self.optimizer = self._make_optimizer()
        self.optimizer.init(self.model.trainable_parameters())
        self._last_ended = 0.0  # perf_counter() when the last finished step's values were read
        self._finished_key = None  # MLX's random key after that step
        self._build_step()

    # ------------------------------------------------------------------ set-up
    def _make_optimizer(self):
        import mlx.optimizers as optim

        self.schedule = LearningRateSchedule(self.config, self.steps_per_epoch)
        if self.config.optimizer == "adamw":
            return optim.AdamW(learning_rate=self.schedule, weight_decay=self.config.weight_decay)
        return optim.Adam(learning_rate=self.schedule)

    def set_phases(self, phases: list[Phase]) -> None:
        """Replaces the run's later phases (Trainer.extend adds one): new total steps and
        learning-rate schedule; the compiled step is rebuilt around the new schedule."""
        self.config.phases = list(phases)
        self.config.validate()
        self.total_steps = total_steps(self.config, self.steps_per_epoch)
        self.schedule.replan(self.config, self.steps_per_epoch)
        self._build_step()

    def _build_step(self) -> None:
        import mlx.core as mx
        import mlx.nn as nn
        import mlx.optimizers as optim
        from mlx.nn.utils import average_gradients
        from mlx.utils import tree_map

        model, optimizer, group, world = self.model, self.optimizer, self.group, self.world
        max_norm = self.config.max_grad_norm
        self._state = [model.state, optimizer.state, mx.random.state]
        loss_and_grad = nn.value_and_grad(model, P.step_loss)

        def micro(arrays, scale, previous):
            (loss, ntoks), grad = loss_and_grad(model, *arrays, scale)
            if previous is not None:
                grad = tree_map(mx.add, grad, previous)
            return loss, ntoks, grad

        def micro_and_update(arrays, scale, previous):
            loss, ntoks, grad = micro(arrays, scale, previous)
            if world > 1:  # each rank's loss is already divided by the global token count
                grad = tree_map(lambda g: g * world, average_gradients(grad, group))
            if max_norm:
                grad, norm = optim.clip_grad_norm(grad, max_norm)
            else:
                norm = mx.sqrt(sum(mx.sum(mx.square(g.astype(mx.float32)))
                                   for g in tree_flatten_values(grad)))
            optimizer.update(model, grad)
            return loss, norm

        # The last micro-batch of a step runs forward, backward and update in one graph.
        self._micro = mx.compile(micro, inputs=self._state, outputs=self._state)
        self._micro_update = mx.compile(micro_and_update, inputs=self._state, outputs=self._state)
        self._refs = None

    # ------------------------------------------------------------------ data
    @property
    def packed(self) -> bool:
        return self.batching == "pack"

    def plan(self, epoch: int) -> list:
        """The steps of an epoch: arrays of example indices, or packing.PackedStep rows; members
        of one paraphrase group in different steps (engine.groups)."""
        from farense_studio.engine.groups import separate

        if self.packed:
            plan = P.epoch_plan(self.train_lengths, self.layout, self.config.seed, epoch)
        else:
            plan = B.epoch_plan(self.train_lengths, self.config.effective_batch, self.config.seed,
                                epoch, self.batching, self.config.pad_multiple)
        return separate(plan, self.train.groups, self.train_lengths, self.config.seed, epoch,
                        self.layout.width if self.packed else None)

    step_examples = staticmethod(P.step_examples)

    def micro_batches(self, step_rows, batch_size: int | None = None) -> list[B.Batch]:
        """This process's micro-batches of a step (batch_size rows each, before rank slicing)."""
        size = batch_size or self.batch_size
        out = []
        if isinstance(step_rows, P.PackedStep):
            return P.micro_batches(self.train, step_rows, size, self.layout, self.group, self.pad_id)
        for rows in B.split_micro(step_rows, self.train_lengths, size, self.config.pad_multiple,
                                  self.split_cost):
            mine = B.rank_rows(rows, self.group)
            out.append(B.make_batch(self.train, mine, self.config.pad_multiple, self.pad_id))
        return out

    # ------------------------------------------------------------------ state
    def snapshot(self) -> list:
        """References to the current adapter and optimizer arrays (MLX arrays are immutable,
        so this copies nothing); restore() puts them back after a failed or abandoned step.
        MLX's random key is not part of it: every step reseeds it (step_seed)."""
        if self._refs is None:
            self._refs = _leaf_refs(self.model, self.optimizer.state)
        return [container[key] for container, key in self._refs]

    def restore(self, snapshot: list) -> None:
        for (container, key), value in zip(self._refs, snapshot):
            container[key] = value

    def random_key(self):
        """MLX's random key after the last finished step, which checkpoints record (a step
        launched ahead has already moved the generator on)."""
        import mlx.core as mx

        return self._finished_key if self._finished_key is not None else mx.random.state[0]

    def _set_optimizer_state(self, new_state: dict) -> None:
        # The compiled functions hold the optimizer's state dict itself: change it in place.
        self._refs = None
        state = self.optimizer.state
        for key in list(state):
            if key not in new_state:
                del state[key]
        for key, value in new_state.items():
            state[key] = value

    def _set_optimizer_leaves(self, flat: dict) -> None:
        """Puts flat arrays (tree_flatten names) into the optimizer state's own structure
        (which also holds empty branches that tree_flatten drops)."""
        from mlx.utils import tree_map_with_path

        self._set_optimizer_state(
            tree_map_with_path(lambda path, x: flat[path], self.optimizer.state))

    def adapter_weights(self) -> dict:
        from mlx.utils import tree_flatten

        return dict(tree_flatten(self.model.trainable_parameters()))

    def optimizer_arrays(self) -> dict:
        from mlx.utils import tree_flatten

        return dict(tree_flatten(self.optimizer.state))

    def adapter_config(self) -> dict:
        return adapter_config(self.config, self.lora_layers, self.model_path)

    def load_arrays(self, adapter_file: Path, optimizer_file: Path) -> None:
        """Loads a checkpoint's adapter and optimizer state; ValueError when not finite or
        not matching this model."""
        import mlx.core as mx
        from mlx.utils import tree_flatten

        weights = mx.load(str(adapter_file))
        expected = self.adapter_weights()
        if set(weights) != set(expected):
            raise ValueError("adapter names differ from the model's LoRA layers")
        for name, value in weights.items():
            if value.shape != expected[name].shape:
                raise ValueError(f"{name} has shape {value.shape}")
            if not bool(mx.all(mx.isfinite(value)).item()):
                raise ValueError(f"{name} is not finite")
        opt = mx.load(str(optimizer_file))
        current = dict(tree_flatten(self.optimizer.state))
        if set(opt) != set(current):
            raise ValueError("optimizer state names differ")
        self.model.load_weights(list(weights.items()), strict=False)
        self._set_optimizer_leaves(opt)
        mx.eval(self.model.parameters(), self.optimizer.state)

    def reset_to_initial(self, initial: tuple[dict, dict]) -> None:
        """Puts back the adapter and optimizer state saved right after set-up (numpy copies)."""
        import mlx.core as mx

        weights, opt = initial
        self.model.load_weights([(k, mx.array(v)) for k, v in weights.items()], strict=False)
        self._set_optimizer_leaves({k: mx.array(v) for k, v in opt.items()})

    def initial_copy(self) -> tuple[dict, dict]:
        import mlx.core as mx

        weights, opt = self.adapter_weights(), self.optimizer_arrays()
        mx.eval(list(weights.values()), list(opt.values()))
        return ({k: np.array(v) for k, v in weights.items()},
                {k: np.array(v) for k, v in opt.items()})

    # ------------------------------------------------------------------ steps
    def train_step(self, step: int, step_rows: np.ndarray,
                   fault: Callable[[int, int, int], Any] | None = None) -> StepResult:
        """One optimizer update (1-based global step) over the step batch step_rows."""
        return self.finish(self.launch(step, step_rows, fault))

    def launch(self, step: int, step_rows: np.ndarray,
               fault: Callable[[int, int, int], Any] | None = None,
               dispatch: bool = False) -> PendingStep:
        """Builds a step's graph on the current state, which it then replaces with the step's
        lazy outputs; dispatch: hand it to the device now (mx.async_eval) and return at once.
        On an exception the state is put back as it was."""
        before = self.snapshot()
        try:
            return self._launch(step, step_rows, fault, dispatch, before)
        except BaseException:
            self.restore(before)
            raise

    def _launch(self, step, step_rows, fault, dispatch: bool, before: list) -> PendingStep:
        import mlx.core as mx

        launched = time.perf_counter()
        mx.random.seed(step_seed(self.config.seed, step))
        targets = B.step_targets(self.train, self.step_examples(step_rows))
        # Every step divides by the run's mean loss tokens per step, not its own count, so a
        # step of short answers weighs less than one of long answers: the steps add up to the
        # epoch's token-weighted mean however the batches group the lengths. The reported loss
        # is the step's own token mean.
        scale = mx.array(1.0 / self.mean_step_targets, mx.float32)
        grad = None
        loss = mx.array(0.0, mx.float32)
        real = padded = 0
        micro = self.micro_batches(step_rows)
        last = len(micro) - 1
        for index, batch in enumerate(micro):
            poison = fault(step, index, len(batch.tokens)) if fault else None
            arrays = tuple(mx.array(a) for a in batch.arrays())
            micro_scale = scale * float("nan") if poison == "nan" else scale
            if index < last:
                part, _ntoks, grad = self._micro(arrays, micro_scale, grad)
            else:
                part, norm = self._micro_update(arrays, micro_scale, grad)
            loss = loss + part
            if index < last and EVAL_EACH_MICRO_BATCH:
                mx.eval(grad, loss)
            real += batch.real_tokens
            padded += batch.tokens.size
        if self.world > 1:
            loss = mx.distributed.all_sum(loss, group=self.group)
        # The optimizer's learning rate is this step's until the next step is launched.
        pending = PendingStep(step=step, before=before, loss=loss, norm=norm,
                              learning_rate=self.optimizer.learning_rate, after=self.snapshot(),
                              key=mx.random.state[0],
                              real_tokens=real, padded_tokens=padded, targets=targets,
                              micro_batches=len(micro), launched=launched)
        if dispatch:
            mx.async_eval(*_outputs(pending))
        return pending

    def finish(self, pending: PendingStep) -> StepResult:
        """Waits for a launched step and reads its values. Its seconds run from its launch,
        or from the end of the previous step when it was launched before that ended (steps
        that overlap are not counted twice)."""
        import mlx.core as mx

        mx.eval(*_outputs(pending))
        loss = float(pending.loss.item())
        mean_loss = loss * self.mean_step_targets / pending.targets if pending.targets else 0.0
        result = StepResult(loss=mean_loss, grad_norm=float(pending.norm.item()),
                            learning_rate=float(pending.learning_rate.item()),
                            real_tokens=pending.real_tokens, padded_tokens=pending.padded_tokens,
                            targets=pending.targets, seconds=0.0,
                            micro_batches=pending.micro_batches)
        ended = time.perf_counter()
        result.seconds = ended - max(pending.launched, self._last_ended)
        self._last_ended = ended
        self._finished_key = pending.key
        return result

    def evaluate(self) -> float | None:
        """Token-weighted validation loss over the whole valid set (None without one)."""
        if len(self.valid) == 0:
            return None
        self.model.eval()
        try:
            return validation_loss_of(self.model, self.valid, self.batch_size, self.config.pad_multiple,
                                      self.pad_id, group=self.group)
        finally:
            self.model.train()


def _leaf_refs(model, optimizer_state) -> list[tuple[Any, Any]]:
    """(container, key) of every trainable model array and every optimizer state array."""
    import mlx.core as mx

    refs: list[tuple[Any, Any]] = []
    for _name, module in model.named_modules():
        for key, value in module.trainable_parameters().items():
            if isinstance(value, mx.array):
                refs.append((module, key))

    def walk(node):
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, (dict, list)):
                walk(value)
            else:
                refs.append((node, key))

    walk(optimizer_state)
    return refs


def _outputs(pending: PendingStep) -> list:
    """What a step computes: its new adapter, optimizer state and random key, loss and norm."""
    return [pending.after, pending.key, pending.loss, pending.norm, pending.learning_rate]


def tree_flatten_values(tree) -> list:
    from mlx.utils import tree_flatten

    return [v for _, v in tree_flatten(tree)]

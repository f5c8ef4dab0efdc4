"""Packing (issue 19): short examples share rows, kept apart by the attention mask."""

from __future__ import annotations

import json
import signal

import numpy as np
import pytest

from farense_studio.engine import batches as B
from farense_studio.engine import packing as P
from test_train_cli import kill_9_when, latest_step, start_cli


@pytest.fixture(scope="module")
def tiny(tiny_model_dir, engine_data):
    from mlx_lm import load

    model, tokenizer = load(str(tiny_model_dir))
    split = B.tokenize_split(engine_data / B.TRAIN_FILE, tokenizer, system_prompt="Sistema.",
                             mask_prompt=True, max_seq_length=256)
    return model, tokenizer, split


def test_packed_rows_give_each_example_its_own_loss_and_gradient(tiny):
    """Masking equivalence: every example's loss in a packed row equals its loss alone, and the
    LoRA gradients of a packed batch equal those of the same examples unpacked."""
    import mlx.core as mx
    import mlx.nn as nn
    from mlx.utils import tree_flatten
    from mlx_lm.tuner.utils import linear_to_lora_layers

    from farense_studio.engine.lora import masked_loss

    model, _, split = tiny
    model.freeze()
    mx.random.seed(0)
    linear_to_lora_layers(model, 2, {"rank": 4, "scale": 2.0, "dropout": 0.0})
    # LoRA's B starts at zero: give it values so the adapter changes the outputs.
    model.update(_randomised(model))
    width = B.padded_width(256, P.ROW_MULTIPLE)
    rows = P.epoch_rows(split.lengths, width, seed=1, epoch=0)
    several = [r for r in rows if len(r) >= 2][:3]
    assert several, "the data must give rows of two or more examples"
    packed = P.make_packed_batch(split, several, width)
    one = mx.array(1.0)
    for i, row in enumerate(several):
        for number, example in enumerate(row):
            alone = B.make_batch(split, np.array([example]), 16)
            want, n_want = masked_loss(model, mx.array(alone.tokens), mx.array(alone.lengths), one)
            only = np.zeros_like(packed.target_mask)
            only[i] = packed.target_mask[i] & (packed.segments[i, 1:] == number + 1)
            got, n_got = P.packed_loss(model, mx.array(packed.tokens), mx.array(packed.segments),
                                       mx.array(only), one)
            assert int(n_got.item()) == int(n_want.item()) > 0
            assert got.item() == pytest.approx(want.item(), rel=1e-5)

    examples = np.concatenate(several)
    plain = B.make_batch(split, examples, 16)
    assert packed.targets == plain.targets and packed.real_tokens == plain.real_tokens
    assert packed.tokens.size < plain.tokens.size  # fewer computed tokens for the same targets
    grad_packed = nn.value_and_grad(model, P.packed_loss)(
        model, *(mx.array(a) for a in packed.arrays()), one)[1]
    grad_plain = nn.value_and_grad(model, masked_loss)(
        model, *(mx.array(a) for a in plain.arrays()), one)[1]
    for (name, a), (_, b) in zip(tree_flatten(grad_packed), tree_flatten(grad_plain)):
        assert np.allclose(np.array(a), np.array(b), rtol=1e-4, atol=1e-6), name


def _randomised(model):
    import mlx.core as mx
    from mlx.utils import tree_map

    return tree_map(lambda v: mx.random.normal(v.shape) * 0.05, model.trainable_parameters())


def test_rows_hold_whole_examples_each_seen_once_per_epoch(tiny):
    """Every example exactly once per epoch, whole and contiguous in one row; rows change from
    epoch to epoch but their number does not (the same steps every pass); one batch shape for
    every step but an epoch's last."""
    _, _, split = tiny
    lengths = split.lengths
    layout = P.layout(lengths, 256, effective_batch=4)
    width, per_step, steps = layout.width, layout.per_step, layout.steps
    # As many steps as unpacked batches of 4 make: as many updates a pass.
    assert steps == B.steps_per_epoch(len(lengths), 4)
    assert lengths.max() <= width <= B.padded_width(256, P.ROW_MULTIPLE)
    assert (width - 1) % P.ROW_MULTIPLE == 0  # the fused attention kernels' lengths
    seen_rows = []
    for epoch in range(3):
        plan = P.epoch_plan(lengths, layout, seed=5, epoch=epoch)
        assert len(plan) == steps
        assert all(len(step) == per_step for step in plan[:-1])
        assert sorted(np.concatenate([s.examples for s in plan]).tolist()) == list(range(len(lengths)))
        for step in plan:
            batch = P.make_packed_batch(split, step.rows, width)
            for i, row in enumerate(step.rows):
                assert lengths[row].sum() <= width
                start = 0
                for number, example in enumerate(row):
                    end = start + lengths[example]
                    assert batch.tokens[i, start:end].tolist() == split.tokens[example]
                    if batch.segments is not None:  # None: one example a row, plain rows
                        assert (batch.segments[i, start:end] == number + 1).all()
                    start = end
                assert (batch.tokens[i, start:] == 0).all()
        seen_rows.append(sorted(tuple(sorted(r.tolist())) for s in plan for r in s.rows))
        again = P.epoch_plan(lengths, layout, seed=5, epoch=epoch)
        assert [s.examples.tolist() for s in again] == [s.examples.tolist() for s in plan]
    assert seen_rows[0] != seen_rows[1] or seen_rows[1] != seen_rows[2]


def club_like(n: int, seed: int = 0) -> np.ndarray:
    """Q&A lengths shaped like the club's corpus: mostly 60-110 tokens, a tail up to 457 (one
    width of 513 would be ~78% real tokens)."""
    rng = np.random.default_rng(seed)
    short = rng.integers(60, 110, n - n // 10 - 1)
    return np.concatenate([short, rng.integers(150, 300, n // 10), [457]])


@pytest.mark.parametrize("n, batch", [(190, 4), (190, 8), (203, 8), (57, 12), (57, 4)])
def test_two_widths_keep_the_steps_and_pad_less(n, batch):
    """Where a narrower width helps: every example once per epoch and whole in one row, the
    same rows and steps as one width, each step's rows one width, both widths used and fewer
    computed tokens; the same plan for the same (seed, epoch), another for another epoch, the
    two widths' steps mixed through the epoch."""
    lengths = club_like(n)
    one = P.layout(lengths, 512, batch, two_widths=False)
    two = P.layout(lengths, 512, batch)
    assert two.narrow and two.widths == (two.narrow, one.width)
    assert all((w - 1) % P.ROW_MULTIPLE == 0 for w in two.widths)
    assert (two.width, two.per_step, two.steps, two.rows) == (one.width, one.per_step, one.steps,
                                                              one.rows)
    assert two.computed <= (1 - P.MIN_SAVING) * one.computed
    assert two.steps == B.steps_per_epoch(n, batch)
    drawn, mixed = [], []
    for epoch in range(3):
        plan = P.epoch_plan(lengths, two, seed=7, epoch=epoch)
        assert len(plan) == two.steps and sum(len(s) for s in plan) == two.rows
        assert all(len(step) == two.per_step for step in plan[:-1])
        assert sorted(np.concatenate([s.examples for s in plan]).tolist()) == list(range(n))
        assert all(lengths[row].sum() <= step.width for step in plan for row in step.rows)
        widths = [step.width for step in plan]
        assert set(widths) == set(two.widths)
        wide = [i for i, w in enumerate(widths) if w == two.width]
        mixed.append(wide != list(range(len(wide))) and wide != list(range(len(plan)))[-len(wide):])
        computed = sum(len(step) * step.width for step in plan)
        assert computed <= (1 - P.MIN_SAVING) * one.computed
        again = P.epoch_plan(lengths, two, seed=7, epoch=epoch)
        assert [(s.width, [r.tolist() for r in s.rows]) for s in again] == \
            [(s.width, [r.tolist() for r in s.rows]) for s in plan]
        drawn.append([(s.width, [r.tolist() for r in s.rows]) for s in plan])
    assert drawn[0] != drawn[1] != drawn[2]
    assert any(mixed)  # wide steps neither all first nor all last


def test_one_width_where_a_second_saves_little():
    lengths = np.full(64, 64)  # four to a row of 257: nothing left to save
    layout = P.layout(lengths, 256, 4)
    assert not layout.narrow and layout.widths == (257,)
    plan = P.epoch_plan(lengths, layout, seed=0, epoch=0)
    assert {step.width for step in plan} == {257} and len(plan) == layout.steps


def test_packed_steps_of_both_widths_give_each_example_its_own_loss_and_gradient(tiny):
    """Training with two widths computes what unpacked examples compute: a narrow and a wide
    step of the tiny data's plan, each as packed rows of its width against the same examples
    unpacked (losses and LoRA gradients)."""
    import mlx.core as mx
    import mlx.nn as nn
    from mlx.utils import tree_flatten
    from mlx_lm.tuner.utils import linear_to_lora_layers

    from farense_studio.engine.lora import masked_loss

    model, _, split = tiny
    model.freeze()
    mx.random.seed(1)
    linear_to_lora_layers(model, 2, {"rank": 4, "scale": 2.0, "dropout": 0.0})
    model.update(_randomised(model))
    layout = P.layout(split.lengths, 256, effective_batch=4)
    assert len(layout.widths) == 2  # the tiny data packs at two widths
    plan = P.epoch_plan(split.lengths, layout, seed=2, epoch=0)
    one = mx.array(1.0)
    for width in layout.widths:
        step = next(s for s in plan if s.width == width and max(len(r) for r in s.rows) >= 2)
        (packed,) = P.micro_batches(split, step, len(step), layout)
        assert packed.tokens.shape == (len(step), width) and packed.segments is not None
        plain = B.make_batch(split, step.examples, 16)
        assert packed.targets == plain.targets and packed.real_tokens == plain.real_tokens
        (got, n_got), grad_packed = nn.value_and_grad(model, P.packed_loss)(
            model, *(mx.array(a) for a in packed.arrays()), one)
        (want, n_want), grad_plain = nn.value_and_grad(model, masked_loss)(
            model, *(mx.array(a) for a in plain.arrays()), one)
        assert int(n_got.item()) == int(n_want.item()) > 0
        assert got.item() == pytest.approx(want.item(), rel=1e-5)
        for (name, a), (_, b) in zip(tree_flatten(grad_packed), tree_flatten(grad_plain)):
            assert np.allclose(np.array(a), np.array(b), rtol=1e-4, atol=1e-6), name


def test_an_example_longer_than_a_row_is_cut_never_split(tiny_model_dir, tmp_path):
    from mlx_lm import load

    _, tokenizer = load(str(tiny_model_dir))
    long = {"messages": [{"role": "user", "content": "Conta tudo."},
                         {"role": "assistant", "content": "O Farense ganhou. " * 60}]}
    short = {"messages": [{"role": "user", "content": "Onde?"},
                          {"role": "assistant", "content": "Em Faro."}]}
    (tmp_path / "train.jsonl").write_text("\n".join(json.dumps(r) for r in [long, short, short]))
    split = B.tokenize_split(tmp_path / "train.jsonl", tokenizer, system_prompt=None,
                             mask_prompt=True, max_seq_length=64)
    assert split.truncated == 1 and split.lengths[0] == 64
    layout = P.layout(split.lengths, 64, effective_batch=2)
    rows = P.epoch_rows(split.lengths, layout.width, seed=0, epoch=0, target=layout.rows)
    assert sorted(np.concatenate(rows).tolist()) == [0, 1, 2]
    (home,) = [r for r in rows if 0 in r.tolist()]
    batch = P.make_packed_batch(split, [home], layout.width)
    start = int(split.lengths[home[:home.tolist().index(0)]].sum())
    assert batch.tokens[0, start:start + 64].tolist() == split.tokens[0]  # whole up to the cut


def test_packed_run_trains_and_its_kill_9_resume_is_bit_identical(make_config, tmp_path):
    from farense_studio.engine.runs import read_metrics
    from farense_studio.engine.trainer import Trainer

    config = make_config(batching="pack")
    trainer = Trainer(config, tmp_path / "ref")
    reference = trainer.run()
    assert reference.status == "finished", reference.error
    assert len(trainer.session.layout.widths) == 2  # the tiny data packs at two widths
    steps = reference.losses[-1][0]
    first = np.mean([loss for _, loss in reference.losses[:3]])
    last = np.mean([loss for _, loss in reference.losses[-3:]])
    assert last < first  # it learns
    rows = [r for r in read_metrics(tmp_path / "ref") if r["kind"] == "train"]
    assert sum(r["tokens"] for r in rows) > 0

    config_file = config.save(tmp_path / "config.yaml")
    run_dir = tmp_path / "run"
    child = start_cli("--config", config_file, "--run-dir", run_dir,
                      faults={"sleep_after_step": 0.3})
    kill_9_when(child, lambda: latest_step(run_dir) >= 2)
    assert child.returncode == -signal.SIGKILL
    result = Trainer(make_config(batching="pack"), run_dir).run(resume=True)
    assert result.status == "finished"
    assert result.losses == reference.losses  # bit-identical, every step
    assert result.losses[-1][0] == steps


def test_a_model_that_ignores_the_mask_is_not_packed(tiny):
    """supports() is what keeps an unknown architecture from training on mixed examples."""
    model, _, _ = tiny
    assert P.supports(model)

    class Blind:  # builds its own causal mask, as a model outside mlx-lm's pattern might
        layers = model.layers

        def __call__(self, tokens, cache=None):
            return model(tokens)

    assert not P.supports(Blind())


def test_the_estimate_before_training_times_packed_steps(make_config):
    """With the tiny data's two widths: every step's micro-batch is its own width's rows."""
    from farense_studio.engine.estimate import estimate_run
    from farense_studio.engine.session import TrainingSession

    session = TrainingSession(make_config(batching="pack"))
    assert session.packed
    estimate = estimate_run(session.config, steps=2, session=session)
    assert estimate.measured_steps == 2 and estimate.fits
    assert estimate.total_steps == session.total_steps
    # What it times are packed steps: rows of the run's width holding the step's examples.
    for step in session.plan(0):
        (batch,) = session.micro_batches(step)
        assert batch.segments is not None and batch.tokens.shape == (len(step), step.width)
        assert batch.real_tokens == int(session.train_lengths[step.examples].sum())
    assert session.pack_width == max(session.layout.widths)


def test_the_estimate_compiles_each_row_width_once_and_peaks_on_the_widest():
    from farense_studio.engine.estimate import _chosen_steps

    rows = [np.array([0, 1])]
    plan = [P.PackedStep(rows * 2, 385)] * 3 + [P.PackedStep(rows * 2, 513),
                                                 P.PackedStep(rows, 385)]
    lengths = [np.array([300, 60])] * 3 + [np.array([200, 60]), np.array([80])]
    longest, typical, warm = _chosen_steps(plan, lengths, packed=True)
    assert longest == 3  # the widest rows, though it holds fewer tokens
    assert typical in (0, 1, 2)
    assert sorted(warm) == sorted([3, typical])  # both widths, each once
    one = [P.PackedStep(rows * 2, 513)] * 4
    assert _chosen_steps(one, lengths[:4], packed=True)[2] == [0, 1]  # longest, typical: as before


def test_gradient_checkpointing_keeps_a_packed_run_and_never_nests(make_config, tmp_path,
                                                                   tiny_model_dir):
    """Checkpointing changes memory, not the math; a second run in the same process checkpoints
    each block once (nested checkpoints would recompute every block twice)."""
    from mlx_lm import load

    from farense_studio.engine.lora import grad_checkpoint
    from farense_studio.engine.trainer import Trainer

    lora = {"rank": 4, "alpha": 8.0, "dropout": 0.0, "num_layers": 2}  # recomputed dropout
    plain = Trainer(make_config(batching="pack", epochs=1, lora=lora), tmp_path / "plain").run()
    saving = Trainer(make_config(batching="pack", epochs=1, grad_checkpoint=True, lora=lora),
                     tmp_path / "ckpt").run()
    assert saving.status == plain.status == "finished"
    assert np.allclose([l for _, l in saving.losses], [l for _, l in plain.losses], rtol=1e-5)

    model, _ = load(str(tiny_model_dir))
    block = type(model.layers[0])
    original = block.__dict__["_farense_call"]  # the runs above patched the class
    grad_checkpoint(model.layers[0])
    grad_checkpoint(model.layers[0])
    assert block._farense_call is original and block.__call__ is not original
    grad_checkpoint(model.layers[0], on=False)
    assert block.__call__ is original


def test_a_run_begun_with_one_row_width_resumes_with_its_own_rows(make_config, tmp_path, monkeypatch):
    """A run paused before packing had two widths (its state says nothing of them) goes on after the
    update with the rows it began with: the same losses as if it had never stopped; a new run packs at
    two widths, which draws other rows."""
    import json

    from farense_studio.engine import checkpoints as C
    from farense_studio.engine import events as E
    from farense_studio.engine import packing as P
    from farense_studio.engine.control import TrainingControl
    from farense_studio.engine.trainer import Trainer

    def one_width(on: bool) -> None:  # the packing of the earlier version: never a second width
        monkeypatch.setattr(P, "MIN_SAVING", 2.0 if on else 0.05)
        P._layout.cache_clear()

    one_width(True)
    whole = Trainer(make_config(batching="pack"), tmp_path / "whole").run()
    control = TrainingControl()

    def on_event(event):
        if isinstance(event, E.StepReport) and event.step == 3:
            control.stop()

    run_dir = tmp_path / "run"
    stopped = Trainer(make_config(batching="pack"), run_dir, on_event=on_event, control=control).run()
    assert stopped.status == "stopped" and stopped.step == 3
    state_file = C.checkpoints_dir(run_dir) / C.TRAINING_STATE
    state = json.loads(state_file.read_text(encoding="utf-8"))
    state.pop("pack_widths")  # as the earlier version wrote it
    state_file.write_text(json.dumps(state), encoding="utf-8")

    one_width(False)  # the update
    trainer = Trainer(make_config(batching="pack"), run_dir)
    resumed = trainer.run(resume=True)
    assert resumed.status == "finished" and len(trainer.session.layout.widths) == 1
    assert resumed.losses == whole.losses  # exactly
    assert C.read_training_state(run_dir)["pack_widths"] == 1  # and so on later resumes
    fresh = Trainer(make_config(batching="pack"), tmp_path / "fresh")
    new = fresh.run()
    assert len(fresh.session.layout.widths) == 2 and new.losses != whole.losses
    assert C.read_training_state(tmp_path / "fresh")["pack_widths"] == 2

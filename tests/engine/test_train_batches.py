"""Batch plans: reproducible per (seed, epoch), every example once, little padding, rank slices."""

import numpy as np

from farense_studio.engine import batches as B


class StandInGroup:
    """What the engine uses of an mx.distributed group."""

    def __init__(self, rank, size):
        self._rank, self._size = rank, size

    def rank(self):
        return self._rank

    def size(self):
        return self._size


def qa_lengths(n=400, seed=0):
    rng = np.random.default_rng(seed)
    return rng.integers(40, 220, n)


def test_plan_is_reproducible_complete_and_redrawn_each_epoch():
    lengths = qa_lengths(101)
    first = B.epoch_plan(lengths, 8, seed=5, epoch=0)
    again = B.epoch_plan(lengths, 8, seed=5, epoch=0)
    assert [list(b) for b in first] == [list(b) for b in again]
    assert sorted(np.concatenate(first)) == list(range(101))
    assert len(first) == B.steps_per_epoch(101, 8) == 13
    second = B.epoch_plan(lengths, 8, seed=5, epoch=1)
    compositions = lambda plan: {tuple(sorted(b)) for b in plan}  # noqa: E731
    assert compositions(first) != compositions(second)
    # mlx-lm's scheme keeps the same batches every epoch, only their order changes.
    s0, s1 = (B.epoch_plan(lengths, 8, 5, e, method="sorted") for e in (0, 1))
    assert compositions(s0) == compositions(s1)


def test_bucketing_pads_less_than_mlx_lm():
    from mlx_lm.tuner.trainer import iterate_batches

    lengths = qa_lengths()
    split = B.TokenizedSplit([[1] * int(n) for n in lengths], np.zeros(len(lengths), np.int64))
    plan = B.epoch_plan(lengths, 4, seed=0, epoch=0)
    ours = B.padding_stats(split, [[rows] for rows in plan], pad_multiple=8)

    class Data:  # mlx-lm's dataset protocol: item -> (tokens, offset)
        def __getitem__(self, i):
            return split.tokens[i], 0

        def __len__(self):
            return len(split.tokens)

    theirs = sum(int(b.size) for b, _ in iterate_batches(Data(), 4, 2048, seed=0))
    assert ours["real"] == int(lengths.sum())
    assert ours["padded"] < 0.95 * theirs, (ours, theirs)


def test_splitting_steps_by_length_pads_less_with_the_same_examples():
    lengths = qa_lengths(64, seed=3)
    split = B.TokenizedSplit([[1] * int(n) for n in lengths], np.zeros(len(lengths), np.int64))
    plan = B.epoch_plan(lengths, 8, seed=0, epoch=0, method="shuffle")
    whole = [B.split_micro(rows, lengths, 8) for rows in plan]
    parts = [B.split_micro(rows, lengths, 4, pad_multiple=8, split_cost=0) for rows in plan]
    for step, micro in zip(plan, parts):
        assert sorted(np.concatenate(micro)) == sorted(step) and all(len(m) <= 4 for m in micro)
    padded = lambda p: B.padding_stats(split, p, 8)["padded"]  # noqa: E731
    assert padded(parts) < 0.85 * padded(whole)
    # A split costs split_cost tokens: a high cost keeps one micro-batch per step.
    assert all(len(B.split_micro(r, lengths, 8, 8, split_cost=10**6)) == 1 for r in plan)


def test_micro_batches_and_rank_slices():
    lengths = np.array([5, 9, 7, 3, 8, 6])
    micro = B.split_micro(np.arange(6), lengths, 4)
    assert [list(m) for m in micro] == [[3, 0, 5, 2], [4, 1]]
    rows = np.array([3, 0, 5, 2, 4])
    parts = [B.rank_rows(rows, StandInGroup(r, 2)) for r in (0, 1)]
    assert [list(p) for p in parts] == [[3, 5, 4], [0, 2]]
    assert list(B.rank_rows(np.array([7]), StandInGroup(1, 2))) == [-1]  # zero-weight filler
    assert list(B.rank_rows(rows, None)) == list(rows)


def test_make_batch_masks_prompt_and_padding():
    split = B.TokenizedSplit([[1, 2, 3, 4, 5], [6, 7, 8]], np.array([3, 0]))
    batch = B.make_batch(split, np.array([0, 1, -1]), pad_multiple=4)
    assert batch.tokens.shape == (3, 5)
    assert batch.lengths.tolist() == [[3, 5], [0, 3], [2, 2]]
    assert batch.targets == (5 - 3) + (3 - 1) and batch.real_tokens == 8


def test_masked_loss_counts_answer_tokens_only(tiny_model_dir):
    import mlx.core as mx
    from mlx_lm import load

    from farense_studio.engine.lora import masked_loss

    model, tokenizer = load(str(tiny_model_dir))
    record = {"messages": [{"role": "user", "content": "Onde joga o Farense?"},
                           {"role": "assistant", "content": "No Estádio de São Luís."}]}
    tokens, offset = B.tokenize_record(record, tokenizer, system_prompt="És o assistente.",
                                       mask_prompt=True)
    assert tokenizer.decode(tokens[:offset]).endswith("<|im_start|>assistant\n")
    assert tokenizer.decode(tokens[offset:]).startswith("No Estádio de São Luís.<|im_end|>")
    assert "És o assistente." in tokenizer.decode(tokens[:offset])
    split = B.TokenizedSplit([tokens], np.array([offset]))
    batch = B.make_batch(split, np.array([0]))
    _, ntoks = masked_loss(model, mx.array(batch.tokens), mx.array(batch.lengths), mx.array(1.0))
    assert int(ntoks.item()) == batch.targets == len(tokens) - offset

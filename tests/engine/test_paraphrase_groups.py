"""Paraphrases of one fact never share a step (issue 17 item 2), for every batching."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from farense_studio.engine import batches as B
from farense_studio.engine import packing as P
from farense_studio.engine.groups import clashes, separate

ROOT = Path(__file__).resolve().parents[2]


def grouped(n: int = 120, size: int = 3, seed: int = 0):
    """n examples of random lengths; every `size` consecutive ones of the first half one group."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(10, 120, n)
    groups = [f"g{i // size}" if i < n // 2 else None for i in range(n)]
    return lengths, groups


def plans(lengths, seed, epoch):
    yield "bucket", B.epoch_plan(lengths, 8, seed, epoch, "bucket"), None
    yield "shuffle", B.epoch_plan(lengths, 8, seed, epoch, "shuffle"), None
    yield "sorted", B.epoch_plan(lengths, 8, seed, epoch, "sorted"), None
    layout = P.layout(lengths, 256, 8)
    assert len(layout.widths) == 2  # these lengths pack at two widths: swaps keep each step's
    yield "pack", P.epoch_plan(lengths, layout, seed, epoch), layout.width


def examples_of(plan) -> list[int]:
    return sorted(int(x) for step in plan for x in P.step_examples(step))


@pytest.mark.parametrize("epoch", [0, 1, 2])
def test_members_of_a_group_land_in_different_steps_every_batching(epoch):
    lengths, groups = grouped()
    for method, plan, width in plans(lengths, seed=11, epoch=epoch):
        before = clashes(plan, groups)
        spread = separate(plan, groups, lengths, 11, epoch, width)
        assert clashes(spread, groups) == 0, (method, before)
        assert examples_of(spread) == list(range(len(lengths)))  # each example once an epoch
        assert [len(P.step_examples(s)) for s in spread] == [len(P.step_examples(s)) for s in plan]
        if width is not None:  # no packed row overfills
            assert all(sum(lengths[r]) <= (step.width or width) <= width
                       for step in spread for r in step.rows)
            assert [len(s) for s in spread] == [len(s) for s in plan]
        again = separate(plan, groups, lengths, 11, epoch, width)  # a resumed run replays it
        assert all(np.array_equal(P.step_examples(a), P.step_examples(b)) for a, b in zip(spread, again))


def test_the_sorted_batching_clashes_without_the_spreading():
    # Paraphrases have similar lengths, so batchings that sort by length put them together.
    lengths = np.repeat(np.arange(20, 80, 4), 4)
    groups = [f"g{i // 4}" for i in range(len(lengths))]
    plan = B.epoch_plan(lengths, 8, 5, 0, "sorted")
    assert clashes(plan, groups) > 0
    assert clashes(separate(plan, groups, lengths, 5, 0), groups) == 0


def test_a_group_larger_than_the_steps_keeps_only_the_clashes_it_must():
    lengths = np.full(16, 30)
    groups = ["g"] * 6 + [None] * 10  # 6 members, 4 steps of 4
    plan = B.epoch_plan(lengths, 4, 1, 0, "shuffle")
    spread = separate(plan, groups, lengths, 1, 0)
    assert clashes(spread, groups) == 2  # 6 members in 4 steps: two must share
    assert examples_of(spread) == list(range(16))


def test_prepared_paraphrases_carry_one_group_per_unit_and_a_session_spreads_them(tiny_model_dir, tmp_path):
    from farense_studio.data import build_corpus, write_prepared
    from farense_studio.data.corpus import read_sources
    from farense_studio.data.generated import GeneratedStore, generate, template_proposer, units_from_examples
    from farense_studio.engine.config import LoraSettings, TrainConfig
    from farense_studio.engine.session import TrainingSession
    from farense_studio.project import Project

    project = Project.create(tmp_path / "projeto")
    project.add_sample_data()
    project.save()
    examples = read_sources([Path(p) for p in project.jsonl_sources], [Path(p) for p in project.bio_sources])[0]
    store = GeneratedStore.for_project(project.path)
    generate(units_from_examples(examples), store, [("template", template_proposer)])
    corpus = build_corpus(project.jsonl_sources, project.bio_sources, extra=store.examples())
    out = write_prepared(corpus, project.preparado_dir)
    rows = [json.loads(line) for line in (out / "train.jsonl").read_text(encoding="utf-8").splitlines()]
    train = [e for e in corpus.examples if e.split != "valid"]  # the rows, in order
    assert len(rows) == len(train)
    groups_of, units_of = {}, {}  # unit -> its members' groups; group -> its members' units
    proposals = {f"g-{p.id}": p for p in store.proposals.values()}
    for row, example in zip(rows, train):
        if example.id in proposals:
            unit = proposals[example.id]
            groups_of.setdefault(unit.unit, set()).add(row.get("group"))
            units_of.setdefault(row.get("group"), set()).add((unit.unit, unit.source, unit.line))
    members = {}
    for row, example in zip(rows, train):
        if example.id in proposals:
            members[proposals[example.id].unit] = members.get(proposals[example.id].unit, 0) + 1
    assert all(len(g) == 1 for g in groups_of.values())  # a unit's questions: one group
    assert all(None not in groups_of[u] for u, n in members.items() if n > 1)  # none left out
    assert len(units_of) > 100
    # one group, one unit (two units share one only when their text has no line number to tell them apart)
    assert all(len(u) == 1 or all(line is None for _, _, line in u) for g, u in units_of.items() if g)
    rephrased = {p.of for p in store.proposals.values() if p.kind == "rephrasing" and p.trains}
    club = [row for row, example in zip(rows, train) if example.id in rephrased]
    assert club and all("group" in row for row in club)  # the club's own line joins its rephrasings
    assert not any("group" in row for row, e in zip(rows, train) if e.format.startswith("bio"))

    config = TrainConfig(model=str(tiny_model_dir), data_dir=str(out), epochs=1, batch_size=4,
                         grad_accumulation=2, max_seq_length=256, seed=2,
                         lora=LoraSettings(rank=4, alpha=8.0, num_layers=1))
    session = TrainingSession(config)
    groups = session.train.groups
    assert sum(g is not None for g in groups) > 40
    for epoch in range(2):
        assert clashes(session.plan(epoch), groups) == 0
        assert examples_of(session.plan(epoch)) == list(range(len(groups)))


def test_a_member_that_fits_nowhere_else_stays_and_the_first_member_moves_instead():
    """A full packed row holding two paraphrases (189 + 63 tokens of 257): no other step has an
    example short enough to take the 63's place, but the 189 can trade with a 190 elsewhere."""
    lengths = np.array([189, 63, 190, 250])
    groups = ["g", "g", None, None]
    plan = [P.PackedStep([np.array([0, 1])], 257), P.PackedStep([np.array([2])], 257),
            P.PackedStep([np.array([3])], 257)]
    assert clashes(plan, groups) == 1
    spread = separate(plan, groups, lengths, 3, 0, 257)
    assert clashes(spread, groups) == 0
    assert examples_of(spread) == [0, 1, 2, 3]
    assert all(sum(lengths[r]) <= 257 for step in spread for r in step.rows)

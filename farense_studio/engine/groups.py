"""Paraphrases of one fact never share a step.

Training rows that ask one fact in other words carry one group key (data.generated.
paraphrase_groups writes it as {"group"} in train.jsonl). Seeing two wordings of a fact in one
gradient step teaches less than seeing them apart (and makes the loss of that step look better
than the model is), so after an epoch's plan is drawn (packed or not) every member of a group
that shares a step with another member is swapped with an example of another step, chosen in an
order drawn from (seed, epoch): the plan stays a pure function of the seed, so a resumed run
replays it exactly. A swap never overfills a packed row (both rows keep within their step's
width, or a narrower step widens to the widest rows) and never creates a new clash; a group with
more members than an epoch has steps cannot be spread and keeps its remaining clashes. No Qt;
numpy only.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from farense_studio.engine.packing import PackedStep


def _clashes(step: list[list[int]], groups: Sequence[str | None]) -> list[tuple[int, int]]:
    """(row, position) of every member after the first of a group within one step."""
    seen: set[str] = set()
    out = []
    for r, row in enumerate(step):
        for p, example in enumerate(row):
            key = groups[example]
            if key is None:
                continue
            if key in seen:
                out.append((r, p))
            seen.add(key)
    return out


def _keys(step: list[list[int]], groups: Sequence[str | None], skip: int | None = None) -> set[str]:
    return {groups[e] for row in step for e in row if e != skip and groups[e] is not None}


def separate(plan: list, groups: Sequence[str | None], lengths: np.ndarray, seed: int, epoch: int,
             width: int | None = None) -> list:
    """The plan with group members in different steps where a swap allows; plan's steps are
    arrays of example indices or packing.PackedStep rows (width: the packed rows' widest width,
    for steps that do not carry their own; a narrower step may widen to it)."""
    if not plan or not any(g is not None for g in groups):
        return plan
    packed = isinstance(plan[0], PackedStep)
    steps = [[[int(x) for x in row] for row in s.rows] if packed else [[int(x) for x in s]] for s in plan]
    used = [[int(sum(lengths[e] for e in row)) for row in step] for step in steps]
    widths = [(step.width or width) if packed else width for step in plan]
    rng = np.random.default_rng([int(seed), int(epoch), 15485863])
    order = rng.permutation(len(steps))
    for s in range(len(steps)):
        for r, p in _clashes(steps[s], groups):
            if not _swap_away(steps, used, s, r, p, groups, lengths, order, widths, width):
                # the member seen first may move where this one cannot (a row too full for its length)
                key = groups[steps[s][r][p]]
                first = next((a, b) for a, row in enumerate(steps[s]) for b, e in enumerate(row) if groups[e] == key)
                _swap_away(steps, used, s, *first, groups, lengths, order, widths, width)
    if packed:
        return [PackedStep([np.array(row, dtype=np.int64) for row in step], step_width)
                for step, step_width in zip(steps, widths)]
    return [np.array(step[0], dtype=plan[0].dtype) for step in steps]


def _swap_away(steps, used, s, r, p, groups, lengths, order, widths, wide=None) -> bool:
    """Swaps steps[s][r][p] with an example of another step where neither step then holds two
    members of one group and both rows still fit their step's width (failing that, with a
    narrower step widened to `wide`: packing's two widths leave narrow rows little room); False
    when none can."""
    example = steps[s][r][p]
    key = groups[example]
    here = _keys(steps[s], groups, skip=example)
    limits = [widths]
    if wide is not None and any(w != wide for w in widths):
        limits.append([wide] * len(widths))
    for limit in limits:
        for t in order:
            if t == s or key in _keys(steps[t], groups):
                continue
            for u, row in enumerate(steps[t]):
                for q, other in enumerate(row):
                    if groups[other] is not None and groups[other] in here:
                        continue
                    change = int(lengths[other]) - int(lengths[example])
                    if limit[s] is not None and (used[s][r] + change > limit[s]
                                                 or used[t][u] - change > limit[t]):
                        continue
                    steps[s][r][p], steps[t][u][q] = other, example
                    used[s][r] += change
                    used[t][u] -= change
                    for k in (s, t):
                        if widths[k] is not None and max(used[k]) > widths[k]:
                            widths[k] = wide
                    return True
    return False


def clashes(plan: list, groups: Sequence[str | None]) -> int:
    """How many group members share a step with another member of their group."""
    total = 0
    for step in plan:
        rows = [[int(x) for x in row] for row in step.rows] if isinstance(step, PackedStep) \
            else [[int(x) for x in step]]
        total += len(_clashes(rows, groups))
    return total

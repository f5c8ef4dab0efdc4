"""Paraphrase groups: training rows that ask one fact in other words (issue 17).

Written into train.jsonl as {"group": key} by data.corpus.write_prepared; the trainer keeps the
members of a group in different steps (engine.groups). No Qt.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

from farense_studio.data.formats import GENERATED_ORIGIN, Example


def paraphrase_groups(examples: Iterable[Example]) -> dict[str, str]:
    """Example id -> group of the training rows that ask one fact in other words: the generated
    questions of one unit (a biography paragraph or a club's Q&A line, known by its source and
    line, as Proposal.unit; the paragraphs of a text read without line numbers count as one) and
    that club line itself. Only groups of two or more are returned;
    the trainer never puts two members of one in the same step (engine.groups)."""
    members: dict[tuple[str, int | None], list[str]] = {}
    generated_units = set()
    for example in examples:
        if example.origin not in (GENERATED_ORIGIN, "qa") or example.split == "valid":
            continue
        unit = (example.source, example.line)
        members.setdefault(unit, []).append(example.id)
        if example.origin == GENERATED_ORIGIN:
            generated_units.add(unit)
    groups = {}
    for unit in generated_units:
        ids = members[unit]
        if len(ids) > 1:
            key = hashlib.sha1(f"{unit[0]}\n{unit[1]}".encode("utf-8", "surrogatepass")).hexdigest()[:12]
            groups.update(dict.fromkeys(ids, key))
    return groups

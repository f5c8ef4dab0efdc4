"""The user's edits: stored apart from the originals, JSON-serialisable, applied purely."""

from __future__ import annotations

import copy
import json

import pytest

from farense_studio.data import Edits
from farense_studio.data.formats import Example

Q = [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]


def examples():
    return [Example(copy.deepcopy(Q), "qa.jsonl", i, "qa", f"id{i}") for i in range(1, 4)]


def test_apply_is_pure():
    originals = examples()
    snapshot = copy.deepcopy(originals)
    edits = Edits()
    edits.set_messages("id1", [{"role": "user", "content": "Q1"}, {"role": "assistant", "content": "novo"}])
    edits.set_split("id2", "valid")
    edits.remove("id3")
    new_id = edits.add([{"role": "user", "content": "nova"}, {"role": "assistant", "content": "resposta"}])
    result = edits.apply(originals)
    assert originals == snapshot
    assert [e.id for e in result] == ["id1", "id2", new_id]
    assert result[0].answer == "novo" and result[0].source == "qa.jsonl" and result[0].line == 1
    assert result[1].split == "valid"
    assert (result[2].origin, result[2].source, result[2].line) == ("user", "dados/edicoes.json", None)
    result[0].messages[0]["content"] = "mudado"
    assert edits.changed["id1"][0]["content"] == "Q1"


def test_save_and_load_in_the_project(tmp_path):
    edits = Edits.load(tmp_path)
    assert edits.empty and edits.path == tmp_path / "dados" / "edicoes.json"
    edits.set_split("id1", "train")
    first = edits.add(Q, "valid")
    second = edits.add(Q)
    assert first != second
    edits.remove("id2")
    edits.save()
    loaded = Edits.load(tmp_path)
    assert loaded.to_dict() == edits.to_dict()
    json.loads((tmp_path / "dados" / "edicoes.json").read_text(encoding="utf-8"))
    assert [e.id for e in loaded.apply(examples())] == ["id1", "id3", first, second]

    class Project:  # anything with .path works, as the GUI's Project
        path = tmp_path

    assert Edits.load(Project()).to_dict() == edits.to_dict()


def test_changes_on_added_examples_and_undo():
    edits = Edits()
    new_id = edits.add(Q)
    edits.set_messages(new_id, [{"role": "user", "content": "Q2"}, {"role": "assistant", "content": "A2"}])
    edits.set_split(new_id, "valid")
    [added] = edits.apply([])
    assert (added.question, added.split) == ("Q2", "valid")
    edits.remove(new_id)
    assert edits.apply([]) == [] and edits.empty
    edits.set_split("id1", "valid")
    edits.set_split("id1", None)
    edits.remove("id2")
    edits.restore("id2")
    edits.set_messages("id3", Q)
    edits.revert("id3")
    assert edits.empty
    with pytest.raises(ValueError):
        edits.set_split("id1", "teste")

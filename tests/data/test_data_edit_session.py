"""The Dados tab's edit logic without Qt: each change comes back as a step (edits before and after,
rows touched); applying it, undoing it and reading the data again all agree."""

from __future__ import annotations

import json

import pytest
from helpers.edit_rows import ExampleTable

from farense_studio.data.corpus import build_corpus
from farense_studio.data.edits import EDITS_SOURCE, EditSession, Edits, with_texts
from farense_studio.data.formats import Example


def count_tokens(messages):
    return sum(len(m["content"].split()) + 4 for m in messages)


@pytest.fixture
def club(tmp_path, sample_data_dir):
    """The sample Q&A plus a file of the club's with one good line and one with an empty answer."""
    own = tmp_path / "clube.jsonl"
    own.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in (
        {"question": "Onde joga o Farense?", "answer": "No Estádio de São Luís, em Faro."},
        {"question": "Em que ano foi fundado o Farense?", "answer": ""},
    )) + "\n", encoding="utf-8")
    return [str(sample_data_dir / "qa.jsonl"), str(own)]


def open_session(tmp_path, sources):
    """What the tab does on opening a project: its edits, the data read with them, its problems."""
    edits = Edits.load(tmp_path / "projeto")
    corpus = build_corpus(sources, [], edits=edits)
    table = ExampleTable.from_corpus(corpus)
    session = EditSession(table, count_tokens)
    session.open(edits, {"val_fraction": 0.1, "seed": 42})
    session.show(corpus.problems, count_tokens)
    return session, table


def redo(session, table, step):
    updates = session.apply_state(step.edits_after, step.redo_rows())
    table.apply(updates)
    return updates


def undo(session, table, step):
    updates = session.apply_state(step.edits_before, step.undo_rows())
    table.apply(updates)
    return updates


def by_question(table, text) -> Example:
    return next(e for e in table.rows if e.question == text)


def test_an_edit_is_a_step_that_applies_and_undoes(tmp_path, club):
    session, table = open_session(tmp_path, club)
    example = by_question(table, "Onde joga o Farense?")
    step = session.edit(example.id, example.question, "Em Faro, no São Luís.")
    assert session.edits.empty, "working out a step leaves the session's edits alone"
    assert [c.example_id for c in step.changes] == [example.id]
    assert step.changes[0].before == example and step.changes[0].after.answer == "Em Faro, no São Luís."

    [update] = redo(session, table, step)
    assert update.tokens == count_tokens(update.example.messages) and not update.rejected
    assert session.edits.changed[example.id][-1]["content"] == "Em Faro, no São Luís."
    assert by_question(table, "Onde joga o Farense?").answer == "Em Faro, no São Luís."
    session.save()
    saved = Edits.load(tmp_path / "projeto")
    assert saved.changed == session.edits.changed

    undo(session, table, step)
    assert session.edits.empty
    assert by_question(table, "Onde joga o Farense?") == example


def test_nothing_to_change_gives_no_step(tmp_path, club):
    session, table = open_session(tmp_path, club)
    example = table.example(0)
    assert session.edit(example.id, example.question, example.answer) is None
    assert session.edit("no-such-id", "Q", "A") is None
    assert session.set_split([example.id], example.split) is None
    assert session.remove(["no-such-id"]) is None
    session.open(None)
    assert session.edit(example.id, "Q", "A") is None and session.add("Q", "A") is None
    assert session.state() == {}


def test_mending_an_empty_answer_clears_its_problem_and_gives_the_split_a_reread_gives(tmp_path, club):
    session, table = open_session(tmp_path, club)
    broken = by_question(table, "Em que ano foi fundado o Farense?")
    assert table.is_rejected(broken.id) and broken.split is None
    assert [p.code for p in session.problems if p.example_id == broken.id] == ["empty_answer"]

    step = session.edit(broken.id, broken.question, "Em 1910.")
    [update] = redo(session, table, step)
    assert not update.rejected and update.problems == ()
    assert not any(p.example_id == broken.id for p in session.problems)
    mended = table.example(table.row_of(broken.id))
    assert mended.split in ("train", "valid")

    reread = build_corpus(club, [], edits=session.edits, val_fraction=0.1, seed=42)
    assert next(e for e in reread.examples if e.id == broken.id).split == mended.split
    assert len(session.problems) == len(reread.problems)

    undo(session, table, step)
    assert table.is_rejected(broken.id)
    assert [p.code for p in session.problems if p.example_id == broken.id] == ["empty_answer"]


def test_emptying_an_answer_leaves_the_example_out_with_its_problem_in_place(tmp_path, club):
    session, table = open_session(tmp_path, club)
    before = list(session.problems)
    example = by_question(table, "Onde joga o Farense?")
    [update] = redo(session, table, session.edit(example.id, example.question, "   "))
    assert update.rejected and [p.code for p in update.problems] == ["empty_answer"]
    assert update.problems[0].example_id == example.id and update.problems[0].severity == "error"
    assert session.problems == before + list(update.problems)


def test_adding_removing_and_bringing_back(tmp_path, club):
    session, table = open_session(tmp_path, club)
    total = table.rowCount()
    added = session.add("Qual é a alcunha do Farense?", "Os Leões de Faro.", "valid")
    [change] = added.changes
    assert change.before is None and change.row == total
    assert (change.after.origin, change.after.source, change.after.split) == ("user", EDITS_SOURCE, "valid")
    redo(session, table, added)
    assert table.rowCount() == total + 1 and table.example(total).id == change.example_id
    assert [a["id"] for a in session.edits.added] == [change.example_id]

    first, second = table.example(0), table.example(1)
    removed = session.remove([first.id, "not-shown", second.id])
    # Each row where it is once the ones before it are gone: undoing in reverse puts both back.
    assert [(c.example_id, c.row, c.after) for c in removed.changes] == [(first.id, 0, None), (second.id, 0, None)]
    redo(session, table, removed)
    assert table.row_of(first.id) < 0 and set(session.edits.removed) == {first.id, second.id}
    undo(session, table, removed)
    assert table.example(0) == first and table.example(1) == second and session.edits.removed == []
    order = [e.id for e in table.rows]
    removed = session.remove([order[5], order[2], order[3]])  # in any order
    redo(session, table, removed)
    assert [e.id for e in table.rows] == order[:2] + order[4:5] + order[6:]
    undo(session, table, removed)
    assert [e.id for e in table.rows] == order

    undo(session, table, added)
    assert table.rowCount() == total and session.edits.empty
    reread = build_corpus(club, [], edits=session.edits)
    assert len(reread.examples) + len(reread.rejected) == total


def test_moving_between_sets_skips_left_out_examples_and_those_already_there(tmp_path, club):
    session, table = open_session(tmp_path, club)
    train = [e for e in table.rows if e.split == "train"][:2]
    valid = next(e for e in table.rows if e.split == "valid")
    broken = by_question(table, "Em que ano foi fundado o Farense?")
    step = session.set_split([e.id for e in train] + [valid.id, broken.id], "valid")
    assert [c.example_id for c in step.changes] == [e.id for e in train]
    redo(session, table, step)
    assert session.edits.splits == {e.id: "valid" for e in train}
    assert all(table.example(table.row_of(e.id)).split == "valid" for e in train)
    reread = build_corpus(club, [], edits=session.edits)
    assert {e.id for e in reread.valid} >= {e.id for e in train}


def test_texts_go_into_the_first_question_and_the_last_answer():
    conversation = Example([{"role": "system", "content": "Sê breve."},
                            {"role": "user", "content": "Quem?"}, {"role": "assistant", "content": "O Hassan."},
                            {"role": "user", "content": "Quando?"}, {"role": "assistant", "content": "Em 1995."}],
                           "c.jsonl", 1, "qa", "c1")
    messages = with_texts(conversation, "Quem marcou?", "Em 1994-95.")
    assert [m["content"] for m in messages] == ["Sê breve.", "Quem marcou?", "O Hassan.", "Quando?", "Em 1994-95."]
    assert conversation.messages[1]["content"] == "Quem?", "the example itself is left alone"

    text_only = Example([{"role": "assistant", "content": "O Farense é de Faro."}], "t.jsonl", 1, "qa", "t1",
                        None, "text")
    assert with_texts(text_only, "De onde é o Farense?", "De Faro.") == [
        {"role": "user", "content": "De onde é o Farense?"}, {"role": "assistant", "content": "De Faro."}]
    assert with_texts(text_only, "", "De Faro.") == [{"role": "assistant", "content": "De Faro."}]


def test_a_text_example_given_a_question_becomes_a_conversation(tmp_path):
    text = Example([{"role": "assistant", "content": "O Farense é de Faro."}], "t.jsonl", 1, "qa", "t1",
                   "train", "text")
    table = ExampleTable([text])
    session = EditSession(table, count_tokens, Edits())
    step = session.edit("t1", "De onde é o Farense?", "De Faro.")
    assert step.changes[0].after.format == "messages"
    assert session.edit("t1", "", "Só Faro.").changes[0].after.format == "text"

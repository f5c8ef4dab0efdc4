"""Conversar's documents without Qt: the chat body grounds the question and returns its sources,
both panes read the same passages whatever their history, and the project's index is read again
once the data is prepared anew."""

from __future__ import annotations

import pytest

from farense_studio.data import Edits, build_corpus, write_prepared
from farense_studio.data.document_prompt import DOCUMENTS_HEADER, DONT_KNOW_REPLY
from farense_studio.engine.chat_documents import Grounding, ProjectDocuments
from farense_studio.engine.generation import GenerationSettings, conversation
from farense_studio.engine.jobs import ChatReply, JobContext, chat_reply

QUESTION = "Onde nasceu Hassan Nader?"


@pytest.fixture
def prepared(sample_data_dir, tmp_path):
    corpus = build_corpus([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"])
    return write_prepared(corpus, tmp_path / "preparado")


@pytest.fixture
def model(toy, chat_cache):
    return chat_cache.load(str(toy.base), str(toy.adapter))


def _reply(loaded, messages, settings, grounding):
    seen = []
    body = chat_reply(messages, settings, grounding=grounding,
                      streamer=lambda m, t, asked, s, stop: (seen.append(asked), iter(["Não sei."]))[1])
    return body(loaded.model, loaded.tokenizer, JobContext()), seen[0]


def test_chat_body_grounds_the_question_and_both_panes_read_the_same_passages(prepared, model, system_prompt):
    documents = ProjectDocuments(prepared.parent / "preparado")
    assert documents.exists
    grounding = Grounding(documents)
    settings = GenerationSettings.greedy(1700)  # little room left: not every passage fits
    tuned, asked = _reply(model, conversation(system_prompt, [], QUESTION), settings, grounding)
    assert tuned.text == "Não sei." and tuned.sources
    assert any("Nader" in s["title"] for s in tuned.sources)
    assert asked[0]["content"] == system_prompt and asked[-1]["content"].startswith(DOCUMENTS_HEADER)
    assert asked[-1]["content"].endswith(QUESTION)
    found = documents.index().search(QUESTION, grounding.passages)
    assert len(tuned.sources) < len(found), "the budget kept only the best passages"

    # The other pane, with a history of its own, gets those passages and no others.
    turns = [("Quem foi Hassan Nader?", "Um avançado marroquino que jogou no Farense.")]
    base, _ = _reply(model, conversation(system_prompt, turns, QUESTION), settings, grounding)
    assert [s["row_id"] for s in base.sources] == [s["row_id"] for s in tuned.sources][:len(base.sources)]
    assert base.sources

    # Without documents: the question as it was asked, no sources.
    plain, asked = _reply(model, conversation(system_prompt, [], QUESTION), settings, None)
    assert plain.sources == () and asked[-1]["content"] == QUESTION


def test_the_index_is_read_again_after_the_data_is_prepared_anew(prepared, sample_data_dir):
    documents = ProjectDocuments(prepared)
    first = documents.index()
    assert documents.index() is first  # opened once
    edits = Edits()
    edits.add([{"role": "user", "content": "Qual é o prato preferido do roupeiro?"},
               {"role": "assistant", "content": "O roupeiro do Farense adora sardinhas assadas."}])
    write_prepared(build_corpus([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"], edits=edits),
                   prepared)
    again = documents.index()
    assert again is not first
    assert "sardinhas" in again.search("sardinhas assadas", 1)[0].passage.text
    assert not ProjectDocuments(prepared.parent / "outro").exists


def test_an_answer_that_lacks_the_price_asked_for_becomes_no_se(prepared, model, system_prompt):
    """The model is asked (passages were found) and streams its answer; one with no price in it is then
    replaced by «não sei» (the pane puts it in place of what it showed), one with a price stays."""
    grounding = Grounding(ProjectDocuments(prepared))
    price = "Quanto custa um bilhete de época do Farense?"
    for said, expected in (("Hassan Nader jogou dez épocas no Farense.", "price"), ("Custa 120 euros.", "")):
        chunks = []
        body = chat_reply(conversation(system_prompt, [], price), GenerationSettings.greedy(64), grounding=grounding,
                          streamer=lambda *a, said=said: iter([said]))
        reply = body(model.model, model.tokenizer, JobContext(chunks.append))
        assert chunks == [said] and reply.unanswered == expected and not reply.silent
        if expected:
            assert reply == ChatReply(DONT_KNOW_REPLY, False, (), unanswered="price", model_answer=said)
        else:
            assert reply.text == said and reply.sources  # as written, with the passages it was given


def test_a_question_the_documents_never_speak_of_is_answered_no_se_in_both_panes(prepared, model, system_prompt):
    """Neither pane's model is asked: both say the documents' «não sei», the first as a streamed chunk."""
    documents = ProjectDocuments(prepared)
    grounding = Grounding(documents)
    silent = "Qual é a letra do hino do Farense?"
    chunks, asked = [], []
    body = chat_reply(conversation(system_prompt, [], silent), GenerationSettings.greedy(64), grounding=grounding,
                      streamer=lambda *a: (asked.append(a), iter(["inventado"]))[1])
    tuned = body(model.model, model.tokenizer, JobContext(chunks.append))
    assert tuned == ChatReply(DONT_KNOW_REPLY, False, (), True) and chunks == [DONT_KNOW_REPLY] and asked == []
    turns = [("Quem foi Hassan Nader?", "Um avançado marroquino.")]
    base = chat_reply(conversation(system_prompt, turns, silent), GenerationSettings.greedy(64), grounding=grounding,
                      base_only=True, streamer=lambda *a: (asked.append(a), iter(["inventado"]))[1])
    assert base(model.model, model.tokenizer, JobContext()).silent and asked == []
    # A greeting is not a question the documents must answer: the model replies.
    hello, _ = _reply(model, conversation(system_prompt, [], "Olá, bom dia!"), GenerationSettings.greedy(64),
                      Grounding(documents))
    assert hello.text == "Não sei." and not hello.silent

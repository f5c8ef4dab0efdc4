"""«Não sei» when the club's documents do not speak of a question (data.document_prompt.documents_silent).

The rule is the documents', not the model's: a question whose words no passage found for it holds
(more than about half of them) is answered DONT_KNOW_REPLY by every front end without asking the
model. It must never take an answerable question away, nor answer a greeting or a question in
English with «não sei».
"""

from __future__ import annotations

import json

import pytest

from farense_studio.data.document_prompt import (DONT_KNOW_REPLY, SILENCE_THRESHOLD, answer_prompt,
                                                 documents_silent, is_question)


@pytest.fixture(scope="module")
def index(sample_index):
    return sample_index


def silent(index, question: str) -> bool:
    return documents_silent(index, question, index.search(question, 5))


@pytest.mark.parametrize("question", [
    "Qual é a letra do hino do Farense?",            # no anthem anywhere
    "Quem desenhou o emblema do Farense?",           # no crest history
    "Em que ano se casou Hassan Nader?",             # his passages name him, never a wedding
    "Qual é o endereço do site oficial do Farense?",  # no web addresses
    "Que marca fabrica as bolas usadas no Estádio Algarve?",
])
def test_questions_the_documents_never_speak_of_are_answered_no_se(index, question):
    assert silent(index, question)
    prompt = answer_prompt(index, question, budget_tokens=2000, count_tokens=lambda m: len(str(m)) // 4)
    assert prompt.silent and DONT_KNOW_REPLY.startswith("Não sei")


def test_no_question_of_the_shipped_fact_check_is_taken_from_the_model(index, sample_data_dir):
    """Every question the fact check asks has its answer in the documents: none may become «não sei»."""
    lines = (sample_data_dir / "perguntas_teste.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()]
    assert len(questions) >= 30
    assert [q for q in questions if silent(index, q)] == []


@pytest.mark.parametrize("question", [
    "Em que cidade marroquina nasceu Hassan Nader?",
    "Hassan Nader nasceu em que cidade de Marrocos?",  # rephrased, word order changed
    "Quantos golos marcou o Nader na época em que foi o melhor marcador do campeonato?",
    "Onde fica o estádio?",
    "Quando foi fundado?",
])
def test_rephrased_questions_about_what_the_documents_say_go_to_the_model(index, question):
    assert not silent(index, question)


@pytest.mark.parametrize("message", ["Olá", "Olá, tudo bem?", "Bom dia!", "Obrigado!", "Muito obrigado pela ajuda",
                                     "Conta-me uma curiosidade sobre o clube.", "Adeus"])
def test_greetings_and_requests_are_never_answered_no_se(index, message):
    assert not silent(index, message)


@pytest.mark.parametrize("question", ["When was Farense founded?", "What is the height of Hassan Nader?",
                                      "Who is the club's mascot?", "How many goals did Nader score for Benfica?"])
def test_questions_in_english_are_left_to_the_model(index, question):
    """The documents are in Portuguese: an English question shares few of their words whatever it asks,
    so their silence says nothing about it (Conversar's staff and a bot's visitors may ask in English)."""
    assert index.analyzer.reads_as_english(question)
    assert not silent(index, question)
    assert not index.analyzer.reads_as_english("Qual é a altura de Hassan Nader?")
    assert not index.analyzer.reads_as_english("Nader nasceu onde?")


def test_what_reads_as_a_question():
    assert is_question("Quem foi Hassan Nader?")
    assert is_question("Em que ano foi fundado o Farense")  # no question mark, an interrogative after "Em"
    assert is_question("O que é o Troféu Hassan")
    assert is_question("Hassan Nader nasceu em que cidade?")
    assert not is_question("Bom dia!")
    assert not is_question("Fala-me do Farense.")
    assert not is_question("Em 1990 o Farense chegou à final.")


def test_coverage_is_the_share_of_the_question_one_passage_holds(index):
    question = "Qual é a altura de Hassan Nader?"  # his passages name him, none speaks of a height
    hits = index.search(question, 5)
    share = index.coverage(question, hits)
    assert share == pytest.approx(2 / 3)  # "Hassan" and "Nader" (stems "hassan", "nad"), not "altura"
    assert all("altur" not in hit.terms for hit in hits) and any({"hassan", "nad"} <= hit.terms for hit in hits)
    assert index.coverage("Olá", []) is None and index.coverage("o de a", hits) is None  # nothing to measure
    assert 0.5 < SILENCE_THRESHOLD < 0.6

"""An answer given with the club's documents that lacks what its question asks for (a price, a
measure, a score, a date, a season, a count) is answered «não sei» by every front end."""

from __future__ import annotations

import pytest

from farense_studio.data.answer_kind import asked_kind, missing_kind
from farense_studio.data.document_prompt import unanswered_kind

CAREER = "Hassan Nader jogou dez épocas no Farense: de 1992 a 1995 e de 1997 a 2004."
STADIUM = "O Farense joga no Estádio de São Luís, em Faro."


@pytest.mark.parametrize("question, answer, kind", [
    ("Quanto custa um bilhete de época do Farense?", CAREER, "price"),
    ("Qual é o preço das quotas?", "As quotas pagam-se na secretaria do estádio.", "price"),
    ("Qual é a altura de Hassan Nader?", "Hassan Nader nasceu em 1965 em Casablanca.", "measure"),
    ("Qual é a lotação do Estádio de São Luís?", STADIUM, "measure"),
    ("Qual foi a maior goleada sofrida pelo Farense?", "O Farense perdeu a final da Taça de 1990.", "score"),
    ("Em que ano se casou Hassan Nader?", "Hassan Nader casou em Faro.", "date"),
    ("Em que época subiu o Farense?", "O Farense subiu com Sérgio Vieira.", "season"),
    ("Quantos filhos tem José Mota?", STADIUM, "count"),
    # A tournament's name is no price, nor an article, a year, a season or a decade a count.
    ("Quanto custou a construção do Estádio Algarve?", "O Estádio Algarve foi construído para o Euro 2004.", "price"),
    ("Quantos golos marcou Hajry Redouane pelo Farense?",
     "Hajry Redouane foi um jogador marroquino das equipas dos anos 90.", "count"),
    ("Quantos espetadores assistiram à final de 1990?", "Em 1990 o Farense perdeu a final da Taça.", "count"),
    ("Quantos jogos fez o Farense em 1994-95?", "Na época de 1994-95 o Farense ficou em quinto lugar.", "count"),
])
def test_an_answer_about_something_else_lacks_the_kind_asked(question, answer, kind):
    assert asked_kind(question) == kind
    assert missing_kind(question, answer) == kind


@pytest.mark.parametrize("question, answer", [
    ("Quanto custa um bilhete de época do Farense?", "Custa 120 euros."),
    ("Quanto custa a entrada no museu?", "A entrada é gratuita."),
    ("Qual é a lotação do Estádio Algarve?", "O Estádio Algarve tem cerca de 30 000 lugares."),
    ("Qual foi o resultado da final?", "O Farense perdeu 2–0."),
    ("Qual foi o resultado do jogo?", "Empataram."),
    ("Em que ano foi fundado o Farense?", "Em 1910."),
    ("Em que dia foi fundado o Farense?", "A 1 de abril."),
    ("Em que época ficou o Farense em quinto lugar?", "Em 1994-95."),
    ("Quantas Taças de Portugal ganhou o Farense?", "Nenhuma: perdeu a final de 1990."),
    ("Quantos golos marcou Nader?", "Marcou cerca de cem golos pelo clube."),
    ("Quantas vezes jogou o Farense a Taça UEFA?", "O Farense jogou a Taça UEFA uma vez, em 1995-96."),
    ("Quantos sócios tem o Farense?", "O Farense tem 2000 sócios."),
    ("Quantos golos sofreu o Farense na final?", "Perdeu 2-4 com a AS Roma."),
    ("Quanto custa o bilhete?", "Custa 1.500 escudos, no tempo do escudo."),
    # No kind asked: never checked.
    ("Quem foi Hassan Nader?", STADIUM),
    ("Em que altura do ano começa a Liga?", STADIUM),  # «altura» as when, not as height
    ("Onde joga o Farense?", STADIUM),
])
def test_an_answer_that_holds_the_kind_or_a_question_asking_none_passes(question, answer):
    assert missing_kind(question, answer) is None


def test_only_answers_given_with_passages_are_checked():
    question = "Quanto custa um bilhete de época do Farense?"
    assert unanswered_kind(question, CAREER, [{"row_id": "a"}]) == "price"
    assert unanswered_kind(question, CAREER, []) is None  # the model alone: no documents to be silent

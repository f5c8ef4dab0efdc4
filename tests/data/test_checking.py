"""Checking questions from the held-out split when the club wrote none (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

from farense_studio.data.checking import (CHECKING_FILE, checking_questions_path, derive_questions,
                                          keywords_of)
from farense_studio.engine.evaluate import load_questions, score_answer
from farense_studio.paths import sample_data_dir
from farense_studio.project import Project


def chat(question: str, answer: str) -> dict:
    return {"messages": [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]}


def test_keywords_are_the_answers_numbers_and_names_the_question_does_not_state():
    keywords = keywords_of("Quando chegou Hassan Nader ao Farense?",
                           "Hassan Nader chegou a Faro em 1992, vindo do Wydad de Casablanca, e marcou dez golos.")
    assert keywords == ["Faro", "1992", "Wydad", "Casablanca"]  # answer order, at most four
    assert "Hassan" not in keywords and "Nader" not in keywords and "Farense" not in keywords
    assert keywords_of("Em que época marcou 21 golos?", "Em 1994-95 marcou 21 golos.") == ["1994-95|1994/95"]
    assert keywords_of("Quantas épocas jogou?", "Jogou 10 épocas.") == ["10|dez"]


def test_questions_come_from_answers_that_state_facts_and_score_both_spellings():
    rows = [chat("Onde fica o Estádio de São Luís?", "Em Faro, desde 1923."),
            chat("O Farense é um clube simpático?", "sim, muito simpático e acolhedor."),
            {"text": "não é uma conversa"},
            chat("Quantas épocas jogou Nader no clube?", "Jogou 10 épocas no clube.")]
    questions = derive_questions(rows)
    assert [q["question"] for q in questions] == ["Onde fica o Estádio de São Luís?",
                                                  "Quantas épocas jogou Nader no clube?"]
    assert questions[0] == {"question": "Onde fica o Estádio de São Luís?", "keywords": ["Faro", "1923"],
                            "source": "valid.jsonl:1"}
    keywords = questions[1]["keywords"]
    assert score_answer("Foram dez épocas.", keywords) and score_answer("Foram 10 épocas.", keywords)
    assert not score_answer("Foram 100 épocas.", keywords)


def _project(tmp_path: Path, jsonl: list[Path]) -> Project:
    project = Project.create(tmp_path / "projeto")
    for path in jsonl:
        project.add_jsonl_source(path)
    project.save()
    return project


def test_preparing_data_writes_the_checking_questions_of_its_valid_split(tmp_path):
    from farense_studio.data import build_corpus, write_prepared

    qa = tmp_path / "clube.jsonl"
    facts = [("Em que ano nasceu o jogador {i}?", "O jogador {i} nasceu em {y}, em Olhão."),
             ("Qual é a cor do equipamento {i}?", "o equipamento {i} é branco e preto.")]
    qa.write_text("".join(json.dumps(chat(q.format(i=i), a.format(i=i, y=1900 + i)), ensure_ascii=False) + "\n"
                          for i in range(40) for q, a in facts), encoding="utf-8")
    project = _project(tmp_path, [qa])
    corpus = build_corpus(project.jsonl_sources, [], val_fraction=0.3)
    out = write_prepared(corpus, project.preparado_dir)
    valid = [json.loads(line) for line in (out / "valid.jsonl").read_text(encoding="utf-8").splitlines()]
    questions = load_questions(out / CHECKING_FILE)  # the scorecard reads it as it is
    with_facts = [r for r in valid if "nasceu" in r["messages"][-1]["content"]]
    assert len(questions) == len(with_facts) > 0  # answers without a number or name are left out
    for question, row in zip(questions, with_facts):
        answer = row["messages"][-1]["content"]
        assert question.question == row["messages"][0]["content"]
        assert score_answer(answer, question.keywords) and "Olhão" in question.keywords
    assert checking_questions_path(out) == out / CHECKING_FILE


def test_the_projects_own_questions_come_before_the_derived_ones(tmp_path):
    sample = _project(tmp_path / "a", [sample_data_dir() / "qa.jsonl"])
    sample.preparado_dir.mkdir(parents=True, exist_ok=True)
    (sample.preparado_dir / CHECKING_FILE).write_text(json.dumps({"question": "Q?", "keywords": ["1"]}) + "\n",
                                                      encoding="utf-8")
    assert checking_questions_path(sample.preparado_dir) == sample_data_dir() / "perguntas_teste.jsonl"
    own = tmp_path / "minhas.jsonl"
    own.write_text(json.dumps({"question": "Q?", "keywords": ["2"]}) + "\n", encoding="utf-8")
    sample.settings.setdefault("training", {})["questions_file"] = str(own)
    sample.save()
    assert checking_questions_path(sample.preparado_dir) == own
    other = _project(tmp_path / "b", [])
    assert checking_questions_path(other.preparado_dir) is None  # nothing prepared, nothing to check

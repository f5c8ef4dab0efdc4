"""engine/evaluate.py and `farense-studio evaluate`: keyword rules, question files, the scorecard
of a tiny model overfit to a toy set (0/3 -> 3/3), its JSON and CSV."""

from __future__ import annotations

import csv
import json

import pytest

from farense_studio.engine.documents_check import evaluate_run
from farense_studio.engine.evaluate import (EvaluationError, Scorecard, ValidationData, fold,
                                            latest_scorecard, load_questions, missing_keywords,
                                            run_scorecard, score_answer)
from farense_studio.engine.generation import load_chat_model


@pytest.mark.parametrize("answer, keywords, expected", [
    ("O Farense foi fundado em 1910.", ["1910"], True),
    ("Foi fundado em 1910 em Faro", ["1910", "Faro"], True),
    ("Foi fundado em 1910", ["1910", "Faro"], False),  # every keyword
    ("Fica no ALGARVE", ["Faro|algarve"], True),  # alternatives, any case
    ("Os Leoes de Faro", ["Leões de Faro"], True),  # accents ignored both ways
    ("os leões  de\nfaro", ["Leões de Faro"], True),  # spacing
    ("Jogou no Estadio de Sao Luis", ["Estádio de São Luís|Estádio Algarve"], True),
    ("Marcou 210 golos", ["21"], False),  # numbers as whole words
    ("Em 1921", ["21"], False),
    ("Marcou 21 golos", ["21"], True),
    ("marcou 21, depois", ["21"], True),
    ("Época 1994–95 (travessão)", ["1994-95"], True),  # any dash
    ("ficou em 5.º lugar", ["5|quinto"], True),  # ordinal indicator
    ("ficou em 5º lugar", ["5"], True),
    ("ficou em quinto lugar", ["5|quinto"], True),
    ("", ["1910"], False),
])
def test_keyword_rules(answer, keywords, expected):
    assert score_answer(answer, keywords) is expected


def test_missing_keywords_and_fold():
    assert missing_keywords("Foi em 1910", ["1910", "Faro|Algarve"]) == ["Faro|Algarve"]
    assert fold("Leões  de FARO – São Luís") == "leoes de faro - sao luis"
    assert not score_answer("qualquer coisa", [])


def test_sample_questions_load():
    questions = load_questions()
    assert len(questions) >= 30
    assert all(q.question and q.keywords for q in questions)
    assert questions[0].line == 1


def test_bad_question_lines_name_file_and_line(tmp_path):
    path = tmp_path / "perguntas.jsonl"
    path.write_text('{"question": "Q1", "keywords": ["a"]}\n\n{"question": "Q2"\n', encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        load_questions(path)
    assert info.value.code == "questions_invalid_json" and info.value.params["line"] == 3
    assert info.value.text("pt") == ("perguntas.jsonl, linha 3: JSON inválido na coluna 18: o texto acaba "
                                     "antes de fechar todas as chavetas e parênteses retos.")
    path.write_text('["Q1"]\n', encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        load_questions(path)
    assert info.value.text("pt") == "perguntas.jsonl, linha 1: a linha não é um objeto JSON {...}: é uma lista [...]."
    path.write_text('{"question": "Q1", "keywords": []}\n', encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        load_questions(path)
    assert info.value.code == "questions_missing_field" and info.value.params["field"] == "keywords"
    assert info.value.text("pt") == ("perguntas.jsonl, linha 1: falta «keywords» (uma pergunta e uma lista "
                                     "de palavras-chave)")
    with pytest.raises(EvaluationError) as info:
        load_questions(tmp_path / "nada.jsonl")
    assert info.value.code == "questions_not_found"


def test_scorecard_goes_from_0_to_3_of_3(toy, chat_cache, system_prompt, facts, tmp_path):
    model, tokenizer = load_chat_model(str(toy.base), toy.adapter, cache=chat_cache)
    updates = []
    card = run_scorecard(model, tokenizer, toy.questions, system_prompt=system_prompt,
                         valid=ValidationData(toy.data / "valid.jsonl", system_prompt),
                         progress=updates.append)
    assert (card.base_correct, card.tuned_correct, card.total) == (0, 3, 3)
    assert card.summary("pt") == "factos corretos: base 0/3 -> afinado 3/3"
    assert card.summary("en") == "facts correct: base 0/3 -> fine-tuned 3/3"
    assert [r.tuned_answer for r in card.rows] == [f["answer"] for f in facts]
    assert all(r.base_missing for r in card.rows) and not any(r.tuned_missing for r in card.rows)
    # the fine-tuned model knows the validation answers, the base does not
    assert card.tuned_val_loss < 0.2 < 4.0 < card.base_val_loss
    assert card.tuned_perplexity < card.base_perplexity
    assert updates[-1]["done"] == updates[-1]["total"] == 8
    assert [u["phase"] for u in updates].count("tuned") == 3

    path = card.save_json(tmp_path)
    assert path.parent.name == "evaluation" and path.name.startswith("scorecard-")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["summary"]["code"] == "scorecard_summary"
    assert data["base_correct"] == 0 and data["tuned_correct"] == 3
    again = Scorecard.from_json(data)
    assert again.tuned_correct == 3 and again.rows[1].tuned_answer == facts[1]["answer"]
    assert latest_scorecard(tmp_path) == path
    assert latest_scorecard(tmp_path, "/elsewhere") is None  # made with another checkpoint

    csv_path = card.write_csv(tmp_path / "factos.csv", lang="pt")
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "pergunta" and len(rows) == 4
    assert rows[1][6] == facts[0]["answer"] and rows[1][7] == "sim" and rows[1][4] == "não"


def test_scorecard_stops_when_asked(toy, chat_cache, system_prompt):
    import threading

    model, tokenizer = load_chat_model(str(toy.base), toy.adapter, cache=chat_cache)
    stop = threading.Event()

    def progress(update):
        if update["done"] == 1:
            stop.set()

    card = run_scorecard(model, tokenizer, toy.questions, system_prompt=system_prompt,
                         progress=progress, stop_event=stop)
    assert card.cancelled


def test_evaluate_run_writes_the_json(toy):
    card, path = evaluate_run(toy.run_dir, "best", toy.questions)
    assert card.tuned_correct == 3 and card.base_correct == 0
    assert card.base_val_loss is not None  # the run's valid.jsonl was found through its config
    assert path.parent == toy.run_dir / "evaluation"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["checkpoint"] == "best" and data["adapter"] == str(toy.adapter)
    assert latest_scorecard(toy.run_dir, toy.adapter) == path


def test_evaluate_command(toy, capsys, tmp_path):
    from farense_studio.cli import main

    csv_path = tmp_path / "f.csv"
    assert main(["evaluate", "--run", str(toy.run_dir), "--questions", str(toy.questions),
                 "--checkpoint", "latest", "--csv", str(csv_path)]) == 0
    out = capsys.readouterr().out
    assert "factos corretos: base 0/3 -> afinado 3/3" in out
    assert "Quem foi Hassan Nader?" in out and "Resultados gravados em" in out
    assert csv_path.is_file()

    assert main(["--lang", "en", "evaluate", "--run", str(toy.run_dir), "--questions",
                 str(toy.questions), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["text"] == "facts correct: base 0/3 -> fine-tuned 3/3"

    assert main(["--lang", "pt", "evaluate", "--run", str(tmp_path / "nenhum")]) == 1
    assert "Treino não encontrado" in capsys.readouterr().err


def test_chat_command_one_shot(toy, capsys):
    from farense_studio.cli import main

    assert main(["chat", "--run", str(toy.run_dir), "-q", "Quem foi Hassan Nader?", "--temperature", "0"]) == 0
    assert capsys.readouterr().out.strip() == "Hassan Nader foi o melhor marcador da liga, com 21 golos."
    assert main(["chat", "--adapter", str(toy.adapter), "--base", "-q", "Quem foi Hassan Nader?",
                 "--temperature", "0", "--max-tokens", "20"]) == 0
    assert "marcador da liga" not in capsys.readouterr().out

"""`farense-studio evaluate --documents`: base, base+documents, fine-tuned, fine-tuned+documents."""

from __future__ import annotations

import json

import pytest

from farense_studio.data import build_corpus, write_prepared
from farense_studio.data.retrieval import index_folder
from farense_studio.engine.evaluate import missing_keywords


@pytest.fixture(scope="module")
def toy_project(toy, tmp_path_factory):
    """A project folder whose prepared data (and so its index) are the toy run's facts."""
    project = tmp_path_factory.mktemp("toy-project")
    corpus = build_corpus([toy.data / "train.jsonl"], [])
    write_prepared(corpus, project / "preparado")
    return project


def test_evaluate_run_with_documents_gives_four_columns_and_sources(toy, toy_project, facts, capsys):
    from farense_studio.cli import main

    assert main(["evaluate", "--run", str(toy.run_dir), "--questions", str(toy.questions), "--documents",
                 "--index", str(index_folder(toy_project / "preparado")), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    columns = data["columns"]
    assert list(columns) == ["base", "base+documents", "fine-tuned", "fine-tuned+documents"]
    assert all(c["total"] == 3 and 0 <= c["correct"] <= 3 for c in columns.values())
    assert columns["fine-tuned"]["correct"] == 3 and columns["base"]["correct"] == 0
    rows = data["documents"]["rows"]
    assert [r["question"] for r in rows] == [f["question"] for f in facts]
    for row, fact in zip(rows, facts):
        top = row["sources"][0]
        assert top["file"] == "train.jsonl" and top["rank"] == 1 and top["row_id"]
        assert row["tuned_answer"] is not None and isinstance(row["base_correct"], bool)
    assert columns["fine-tuned+documents"]["correct"] == sum(r["tuned_correct"] for r in rows)
    saved = json.loads(open(data["path"], encoding="utf-8").read())
    assert saved["columns"] == columns


def test_the_top_source_holds_the_answer(toy, toy_project, facts):
    from farense_studio.engine.documents_check import evaluate_with_documents

    card, path = evaluate_with_documents(run_dir=toy.run_dir, questions=toy.questions,
                                         index_dir=index_folder(toy_project / "preparado"), save=False)
    assert path is None
    corpus = build_corpus([toy.data / "train.jsonl"], [])
    answers = {e.id: e.answer for e in corpus.examples}
    for row, fact in zip(card.documents.rows, facts):
        assert missing_keywords(answers[row.sources[0]["row_id"]], fact["keywords"]) == []


def test_a_base_model_with_a_projects_documents_needs_no_run(toy, toy_project, capsys):
    from farense_studio.cli import main

    assert main(["evaluate", "--model", str(toy.base), "--project", str(toy_project), "--documents",
                 "--questions", str(toy.questions), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["columns"]) == ["base", "base+documents"]
    assert data["columns"]["base"]["total"] == 3 and data["path"] is None
    assert data["documents"]["index"] == str(index_folder(toy_project / "preparado"))

    assert main(["--lang", "pt", "evaluate", "--model", str(toy.base), "--questions", str(toy.questions)]) == 2
    assert "--run PASTA" in capsys.readouterr().err


def test_a_project_without_an_index_is_told_to_prepare(toy, tmp_path, capsys):
    from farense_studio.cli import main

    assert main(["--lang", "pt", "evaluate", "--model", str(toy.base), "--project", str(tmp_path), "--documents",
                 "--questions", str(toy.questions)]) == 1
    assert "prepare os dados primeiro" in capsys.readouterr().err


def test_the_table_names_every_column(toy, toy_project, capsys):
    from farense_studio.cli import main

    assert main(["--lang", "pt", "evaluate", "--run", str(toy.run_dir), "--questions", str(toy.questions),
                 "--documents", "--index", str(index_folder(toy_project / "preparado"))]) == 0
    out = capsys.readouterr().out
    assert "afinado: 3 de 3 corretas" in out
    assert "base com documentos:" in out and "afinado com documentos:" in out


def test_every_answer_that_does_not_start_with_nao_sei_had_it_at_most_even_odds(toy, toy_project, capsys):
    """Greedy decoding follows the likeliest token each step: a start of probability > 1/2 is always taken,
    so the fact check's recorded probabilities agree with the answers they sit beside."""
    from farense_studio.cli import main
    from farense_studio.engine.abstain import DONT_KNOW_PREFIX

    assert main(["evaluate", "--run", str(toy.run_dir), "--questions", str(toy.questions), "--documents",
                 "--index", str(index_folder(toy_project / "preparado")), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["documents"]["rows"]
    assert rows
    for row in rows:
        for answer, p in ((row["base_answer"], row["base_dont_know_p"]), (row["tuned_answer"], row["tuned_dont_know_p"])):
            assert 0.0 <= p <= 1.0
            if not answer.startswith(DONT_KNOW_PREFIX):
                assert p <= 0.5


def test_an_answer_without_the_measure_asked_for_counts_as_nao_sei(toy, toy_project, tmp_path):
    """As every front end answers: passages were found (the stadium's), the question asks for a measure
    (how many seats) and the answers give none, so the fact check records «não sei», not what the
    models said."""
    from farense_studio.data.document_prompt import DONT_KNOW_REPLY
    from farense_studio.engine.documents_check import evaluate_with_documents

    questions = tmp_path / "perguntas.jsonl"
    questions.write_text(json.dumps({"question": "Qual é a lotação do Estádio de São Luís, onde joga o Farense?",
                                                "keywords": ["lugares"]},
                                    ensure_ascii=False) + "\n", encoding="utf-8")
    card, _ = evaluate_with_documents(run_dir=toy.run_dir, questions=questions,
                                      index_dir=index_folder(toy_project / "preparado"), save=False)
    (row,) = card.documents.rows
    assert row.silent is False and row.sources[0]["title"] == "Onde joga o Farense?"  # the stadium's line
    assert row.tuned_answer == DONT_KNOW_REPLY and row.base_answer == DONT_KNOW_REPLY
    assert not any(char.isdigit() for char in card.rows[0].tuned_answer)  # the model alone gives no number

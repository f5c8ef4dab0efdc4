"""The shipped sample corpus: sizes, format, clean data, and held-out questions that can be learnt."""

from __future__ import annotations

import json

from data_helpers import fold, keyword_found

from farense_studio.data import build_corpus, read_biographies, read_jsonl

SYSTEM = "És o assistente do Sporting Clube Farense."


def held_out(sample_data_dir):
    text = (sample_data_dir / "perguntas_teste.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_sizes_and_format(sample_data_dir):
    lines = (sample_data_dir / "qa.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 180
    for line in lines:
        row = json.loads(line)
        assert list(row) == ["messages"]
        assert [m["role"] for m in row["messages"]] == ["system", "user", "assistant"]
        assert row["messages"][0]["content"] == SYSTEM
    bios = [p for p in (sample_data_dir / "biografias" / "jogadores").iterdir()
            if p.suffix in (".md", ".txt", ".json")]
    assert len(bios) >= 12
    assert len(held_out(sample_data_dir)) >= 30
    readme = (sample_data_dir / "README.md").read_text(encoding="utf-8")
    assert "dados de exemplo" in readme.lower() and "sample data" in readme.lower()


def test_sample_corpus_is_clean(sample_data_dir):
    corpus = build_corpus([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"])
    assert corpus.problems == []
    assert len(corpus.examples) >= 180 + 24
    questions = [e.question for e in read_jsonl(sample_data_dir / "qa.jsonl")[0]]
    assert len(set(map(fold, questions))) == len(questions)  # several phrasings, never the same one twice


def test_held_out_questions(sample_data_dir):
    qa, _ = read_jsonl(sample_data_dir / "qa.jsonl")
    bio, _ = read_biographies(sample_data_dir / "biografias")
    training_questions = {fold(e.question) for e in qa + bio}
    answers = " \n ".join(e.answer for e in qa)
    for item in held_out(sample_data_dir):
        assert set(item) == {"question", "keywords", "source"}
        assert item["keywords"] and item["source"]
        assert fold(item["question"]) not in training_questions, item["question"]
        for keyword in item["keywords"]:
            # Every keyword appears in qa.jsonl's answers, so a model can learn it.
            assert keyword_found(keyword, answers), (item["question"], keyword)

"""The index of the club's documents: built by `data prepare`, Portuguese-aware, incremental, portable."""

from __future__ import annotations

import json
import shutil

import pytest

from farense_studio.data import Edits, build_corpus, write_prepared
from farense_studio.data.passages import passages_from_examples
from farense_studio.data.retrieval import (MANIFEST, Analyzer, DocumentIndex, RetrievalIndexError, index_folder,
                                           open_index, update_index)
from farense_studio.engine.evaluate import missing_keywords

NADER_BIO = "biografias/jogadores/hassan_nader.md"


def _corpus(sample_data_dir, edits=None):
    return build_corpus([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"], edits=edits)


@pytest.fixture
def prepared(sample_data_dir, tmp_path):
    return write_prepared(_corpus(sample_data_dir), tmp_path / "preparado")


class CountingAnalyzer(Analyzer):
    """The real analyser, remembering which texts it was asked to analyse."""

    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def __call__(self, text):
        self.seen.append(text)
        return super().__call__(text)


def test_prepare_writes_an_index_that_loads_without_the_sources(prepared, tmp_path):
    moved = tmp_path / "export" / "indice"
    shutil.copytree(index_folder(prepared), moved)
    shutil.rmtree(prepared)
    index = open_index(moved)
    assert len(index) == 78  # 50 distinct Q&A answers + 28 biography paragraphs
    hit = index.search("Por que clubes passou Hassan Nader antes de chegar a Faro?", 5)[0]
    assert (hit.passage.file, hit.passage.paragraph) == (NADER_BIO, 2)


@pytest.mark.parametrize("question, keywords", [
    ("Quantos golos marcou o Nader na época em que foi o melhor marcador do campeonato?", ["21"]),
    ("Em que cidade marroquina nasceu Hassan Nader?", ["Casablanca"]),
    ("Onde nasceu o avançado Nader e em que ano?", ["Casablanca", "1965"]),
    ("Por que clubes passou Hassan Nader antes de chegar a Faro?", ["Wydad", "Mallorca"]),
    ("Em que clube espanhol alinhou o Nader?", ["Mallorca"]),
    ("Nader jogou em que clube de Lisboa depois de 1995?", ["Benfica"]),
])
def test_the_nader_passage_ranks_first_for_rephrased_questions(prepared, question, keywords):
    top = open_index(index_folder(prepared)).search(question, 5)[0]
    assert "Nader" in f"{top.passage.title} {top.passage.text}"  # about him (a bio paragraph by its title)
    assert missing_keywords(top.passage.text, keywords) == []


def test_accents_word_forms_and_stop_words(prepared):
    index = open_index(index_folder(prepared))
    analyze = index.analyzer
    assert analyze("Marcou GOLOS") == analyze("marcar golo")  # Snowball stems, lower case
    assert analyze("São Luís") == analyze("sao luis")  # accents folded after stemming
    assert analyze("o que é que a de") == []  # Portuguese stop words
    with_accents = index.search("Qual é a lotação do Estádio de São Luís?", 1)[0]
    without = index.search("qual e a lotacao do estadio de sao luis", 1)[0]
    assert with_accents.passage.key == without.passage.key
    assert "7 000" in with_accents.passage.text
    assert index.search("o que é que a", 5) == []  # nothing to match: no hits, no error


def test_sources_point_at_the_row_in_dados_and_the_line_in_the_file(prepared, sample_data_dir):
    corpus = _corpus(sample_data_dir)
    index = open_index(index_folder(prepared))
    hit = index.search("Hassan Nader terminou a carreira com cerca de 100 golos pelo clube", 1)[0]
    source = hit.source()
    assert (source["file"], source["paragraph"], source["kind"]) == (NADER_BIO, 3, "bio")
    full = next(e for e in corpus.examples if e.source == NADER_BIO and e.format == "bio_full")
    assert source["row_id"] == full.id
    lines = (sample_data_dir / "biografias" / "jogadores" / "hassan_nader.md").read_text(encoding="utf-8").splitlines()
    assert lines[source["line"] - 1].startswith("Passou duas épocas no Benfica")
    assert source["score"] > 0
    qa = index.search("Qual a data de fundação do Sporting Clube Farense?", 1)[0].source()
    row = next(e for e in corpus.examples if e.id == qa["row_id"])
    assert (qa["file"], qa["line"], qa["kind"]) == ("qa.jsonl", row.line, "qa")
    assert "1910" in row.answer


def test_rows_with_one_answer_make_one_passage_with_every_question(sample_data_dir):
    passages = passages_from_examples(_corpus(sample_data_dir).examples)
    founding = [p for p in passages if p.kind == "qa" and "1 de abril de 1910, segundo" in p.text]
    assert len(founding) == 1
    assert len(founding[0].row_ids) == 5 and len(founding[0].questions) == 5
    assert founding[0].line == 9


def test_changing_one_row_reanalyses_only_its_passage(prepared, sample_data_dir, tmp_path):
    folder = index_folder(prepared)
    corpus = _corpus(sample_data_dir)
    full = next(e for e in corpus.examples if e.source == NADER_BIO and e.format == "bio_full")
    edits = Edits(path=tmp_path / "edicoes.json")
    messages = [dict(m) for m in full.messages]
    messages[-1]["content"] = messages[-1]["content"].replace("cerca de 100 golos", "99 golos em 246 jogos")
    edits.set_messages(full.id, messages)
    edits.add([{"role": "user", "content": "Quem é o roupeiro do Farense?"},
               {"role": "assistant", "content": "O roupeiro do Farense chama-se Zé Manel."}])

    counting = CountingAnalyzer()
    stats = update_index(_corpus(sample_data_dir, edits).examples, folder, analyzer=counting)

    assert (stats.analysed, stats.reused, stats.removed, stats.written) == (2, 77, 1, True)
    assert len(counting.seen) == 2
    assert any("99 golos em 246 jogos" in text for text in counting.seen)
    index = open_index(folder)
    assert "99 golos em 246 jogos" in index.search("Quantos jogos fez Nader pelo Farense?", 1)[0].passage.text
    assert index.search("Como se chama o roupeiro?", 1)[0].passage.row_id.startswith("u")
    assert not any("cerca de 100 golos pelo clube" in p.text for p in index.passages)


def test_preparing_unchanged_data_leaves_the_index_alone(prepared, sample_data_dir):
    folder = index_folder(prepared)
    manifest_before = (folder / MANIFEST).read_bytes()
    counting = CountingAnalyzer()
    stats = update_index(_corpus(sample_data_dir).examples, folder, analyzer=counting)
    assert (stats.analysed, stats.reused, stats.written) == (0, 78, False)
    assert counting.seen == []
    assert (folder / MANIFEST).read_bytes() == manifest_before


def test_a_damaged_index_is_reported_and_rebuilt_by_the_next_prepare(prepared, sample_data_dir):
    folder = index_folder(prepared)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    (folder / manifest["passages_file"]).write_text("{not json", encoding="utf-8")
    with pytest.raises(RetrievalIndexError) as caught:
        DocumentIndex.load(folder)
    assert caught.value.code == "index_damaged"
    assert "danificado" in caught.value.text("pt") and str(folder) in caught.value.text("pt")
    stats = update_index(_corpus(sample_data_dir).examples, folder)
    assert stats.analysed == 78 and stats.written
    assert len(open_index(folder)) == 78
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("passages-")) == \
        [json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["passages_file"]]


def test_a_row_added_at_the_top_moves_the_lines_without_reanalysing(sample_data_dir, tmp_path):
    club = tmp_path / "clube"
    shutil.copytree(sample_data_dir / "biografias", club / "biografias")
    original = (sample_data_dir / "qa.jsonl").read_text(encoding="utf-8")
    (club / "qa.jsonl").write_text(original, encoding="utf-8")
    prepared = write_prepared(build_corpus([club / "qa.jsonl"], [club / "biografias"]), tmp_path / "preparado")
    before = open_index(index_folder(prepared)).search("Quando foi fundado o Farense?", 1)[0].source()

    new_row = {"messages": [{"role": "user", "content": "Quem é o presidente da assembleia geral?"},
                            {"role": "assistant", "content": "A assembleia geral é presidida pelo sócio n.º 1."}]}
    (club / "qa.jsonl").write_text(json.dumps(new_row, ensure_ascii=False) + "\n" + original, encoding="utf-8")
    counting = CountingAnalyzer()
    stats = update_index(build_corpus([club / "qa.jsonl"], [club / "biografias"]).examples,
                         index_folder(prepared), analyzer=counting)

    assert (stats.analysed, stats.written) == (1, True)
    assert "assembleia geral" in counting.seen[0]
    after = open_index(index_folder(prepared)).search("Quando foi fundado o Farense?", 1)[0].source()
    assert after["line"] == before["line"] + 1
    assert json.loads((club / "qa.jsonl").read_text(encoding="utf-8").splitlines()[after["line"] - 1]) \
        ["messages"][-1]["content"].startswith("O Sporting Clube Farense foi fundado")


def test_generated_questions_stay_out_of_the_index(sample_data_dir, tmp_path):
    from farense_studio.data.formats import Example
    from farense_studio.data.generated import ORIGIN

    generated = Example([{"role": "user", "content": "Em que ano nasceu o avançado do Wydad?"},
                         {"role": "assistant", "content": "Hassan Nader nasceu em 1965."}],
                        NADER_BIO, 3, ORIGIN, "g-0123456789abcdef", "train", "generated_template")
    corpus = build_corpus([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"], extra=[generated])
    assert any(e.id == generated.id for e in corpus.examples)  # it trains...
    index = open_index(index_folder(write_prepared(corpus, tmp_path / "preparado")))
    assert len(index) == 78  # ...but the documents are the club's own
    assert all(generated.id not in p.row_ids for p in index.passages)


def test_a_reader_racing_a_rebuild_gets_the_new_index(prepared, sample_data_dir, monkeypatch):
    folder = index_folder(prepared)
    old_manifest = (folder / MANIFEST).read_text(encoding="utf-8")
    edits = Edits()
    edits.add([{"role": "user", "content": "Qual é a cor do equipamento alternativo?"},
               {"role": "assistant", "content": "O equipamento alternativo é azul-celeste."}])
    update_index(_corpus(sample_data_dir, edits).examples, folder)  # removes the files the old manifest named
    reads = iter([old_manifest])
    real_read_text = type(folder).read_text

    def read_text(path, *args, **kwargs):  # the first manifest read sees the old manifest
        if path.name == MANIFEST:
            stale = next(reads, None)
            if stale is not None:
                return stale
        return real_read_text(path, *args, **kwargs)

    monkeypatch.setattr(type(folder), "read_text", read_text)
    index = DocumentIndex.load(folder)
    assert len(index) == 79
    assert "azul-celeste" in index.search("De que cor é o equipamento alternativo?", 1)[0].passage.text


def test_an_empty_corpus_gives_an_empty_index_that_answers_nothing(tmp_path):
    stats = update_index([], tmp_path / "indice")
    assert (stats.passages, stats.written) == (0, True)
    index = open_index(tmp_path / "indice")
    assert len(index) == 0 and index.search("Quem foi Hassan Nader?", 5) == []
    assert open_index(tmp_path / "nenhum") is None

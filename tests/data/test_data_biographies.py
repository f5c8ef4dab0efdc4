"""Biographies become examples by extraction: every answer is the biography's own words."""

from __future__ import annotations

import json

from pathlib import Path

from farense_studio.data import read_biographies
from farense_studio.data.biographies import first_sentences, name_from_file, split_title


def bios(tmp_path, files: dict[str, str | bytes]):
    folder = tmp_path / "jogadores"
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def test_sample_biographies_are_extracted_verbatim(sample_data_dir):
    folder = sample_data_dir / "biografias"
    examples, problems = read_biographies(folder)
    assert problems == []
    for example in examples:
        original = (folder.parent / example.source).read_text(encoding="utf-8")
        if example.source.endswith(".json"):
            original = json.loads(original)["texto"]
        assert example.answer in original, example.source
        assert example.origin == "bio" and len(example.messages) == 2
    nader = {e.question: e.answer for e in examples if e.source.endswith("hassan_nader.md")}
    assert nader["Conta-me a história de Hassan Nader."].startswith("Hassan Nader é um avançado marroquino")
    assert nader["Conta-me a história de Hassan Nader."].endswith("tem o seu nome.")
    assert nader["Quem foi Hassan Nader?"] == first_sentences(nader["Conta-me a história de Hassan Nader."])


def test_title_forms_and_names(tmp_path):
    folder = bios(tmp_path, {
        "a.md": "# Hassan Nader\n\nAvançado marroquino. Nasceu em 1965.\n",
        "b.txt": "Hajry Redouane\n\nJogador marroquino do Farense.",
        "hajry_redouane.txt": "Jogador marroquino do Farense. Fez dupla com Nader.",
        "c.md": "---\nnome: Estádio de São Luís\npergunta_curta: O que é o Estádio de São Luís?\n"
                "pergunta_longa: Conta-me a história do São Luís.\n---\nO estádio do Farense, em Faro.\n",
        "d.json": json.dumps({"nome": "Troféu Hassan", "texto": "O torneio de verão do Farense."}),
        "e.json": json.dumps([{"name": "X Y", "text": "Um."}, {"name": "Z", "text": "Dois."}]),
    })
    examples, problems = read_biographies(folder)
    assert problems == []
    questions = {e.source: [] for e in examples}
    for e in examples:
        questions[e.source].append((e.question, e.answer))
    assert questions["jogadores/a.md"] == [("Quem foi Hassan Nader?", "Avançado marroquino. Nasceu em 1965."),
                                           ("Conta-me a história de Hassan Nader.",
                                            "Avançado marroquino. Nasceu em 1965.")]
    assert questions["jogadores/b.txt"][0] == ("Quem foi Hajry Redouane?", "Jogador marroquino do Farense.")
    assert questions["jogadores/hajry_redouane.txt"][0][0] == "Quem foi Hajry Redouane?"
    assert questions["jogadores/c.md"] == [("O que é o Estádio de São Luís?", "O estádio do Farense, em Faro."),
                                           ("Conta-me a história do São Luís.", "O estádio do Farense, em Faro.")]
    assert questions["jogadores/d.json"][1] == ("Conta-me a história de Troféu Hassan.",
                                                "O torneio de verão do Farense.")
    assert [q for q, _ in questions["jogadores/e.json"]][::2] == ["Quem foi X Y?", "Quem foi Z?"]
    a_lines = {e.line for e in examples if e.source == "jogadores/a.md"}
    assert a_lines == {3}


def test_first_sentences_are_cut_verbatim():
    text = ("O Farense foi a filial n.º 2 do Sporting. O jornal A Bola deu-lhe a Bola de Prata. "
            "Terceira frase.")
    assert first_sentences(text) == "O Farense foi a filial n.º 2 do Sporting. O jornal A Bola deu-lhe a Bola de Prata."
    long_first = "Uma frase muito comprida " * 6 + "sobre o clube. Segunda frase."
    assert first_sentences(long_first) == long_first.split(" Segunda")[0]
    assert first_sentences("Só uma frase sem ponto") == "Só uma frase sem ponto"
    assert first_sentences("Primeiro parágrafo curto\n\nSegundo parágrafo.") == "Primeiro parágrafo curto"
    assert first_sentences("O Sr. Silva chegou. Depois saiu.") == "O Sr. Silva chegou. Depois saiu."


def test_split_title_rules():
    assert split_title("Texto corrido sem título. Mais texto.")[1] is None
    assert split_title("Título: subtítulo\n\ncorpo")[1] == "Título"
    assert split_title("Uma frase que acaba em ponto.\n\ncorpo")[1] is None
    assert name_from_file(Path("jose_mota.md")) == "Jose Mota"
    assert name_from_file(Path("maria_da_silva.txt")) == "Maria da Silva"


def test_biography_problems(tmp_path):
    folder = bios(tmp_path, {
        "bom.md": "# Bom\n\nTexto.",
        "latin1.txt": "Titulo\n\nLinha boa.\nLe\xf5es de Faro.".encode("latin-1"),
        "so_titulo.md": "# Só o título\n",
        "foto.jpg": b"\xff\xd8",
        ".DS_Store": b"\x00",
        "mau.json": '{"nome": "X", "texto": ',
        "sem_texto.json": '{"nome": "X"}',
        "texto_vazio.json": '{"nome": "X", "texto": "  "}',
    })
    examples, problems = read_biographies(folder)
    assert {e.source for e in examples} == {"jogadores/bom.md"}
    found = {(p.file, p.code, p.line, p.severity) for p in problems}
    assert found == {
        ("jogadores/latin1.txt", "invalid_utf8", 4, "error"),
        ("jogadores/so_titulo.md", "empty_biography", None, "error"),
        ("jogadores/foto.jpg", "skipped_file", None, "warning"),
        ("jogadores/mau.json", "invalid_json", 1, "error"),
        ("jogadores/sem_texto.json", "unknown_format", None, "error"),
        ("jogadores/texto_vazio.json", "empty_biography", None, "error"),
    }


def test_missing_and_empty_folders(tmp_path):
    assert [p.code for p in read_biographies(tmp_path / "nada")[1]] == ["file_not_found"]
    (tmp_path / "vazia").mkdir()
    assert [(p.code, p.severity) for p in read_biographies(tmp_path / "vazia")[1]] == [("empty_file", "warning")]


def test_a_single_file_and_nested_folders(tmp_path):
    folder = bios(tmp_path, {"sub/x.md": "# X\n\nTexto."})
    examples, _ = read_biographies(folder)
    assert {e.source for e in examples} == {"jogadores/sub/x.md"}
    examples, _ = read_biographies(folder / "sub" / "x.md")
    assert {e.source for e in examples} == {"x.md"}


def test_ids_stable_per_file(tmp_path):
    folder = bios(tmp_path, {"a.md": "# A\n\nTexto A."})
    first = [e.id for e in read_biographies(folder)[0]]
    (folder / "b.md").write_text("# B\n\nTexto B.")
    again = read_biographies(folder)[0]
    assert [e.id for e in again if e.source == "jogadores/a.md"] == first
    assert len({e.id for e in again}) == 4

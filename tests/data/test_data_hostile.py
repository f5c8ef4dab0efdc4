"""Hostile input (issue 16, Data): each bad line or file is one named problem, nothing good is lost.

Lone surrogate escapes, nesting deeper than Python can parse, a long biography, and a biographies
folder holding a non-UTF-8 name, a link out of the folder, a FIFO, a device and a huge file.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from data_helpers import old_sentence_ends
from hypothesis import strategies as st

from farense_studio.cli import main
from farense_studio.data import build_corpus, read_biographies
from farense_studio.data import biographies as bio
from farense_studio.data.formats import read_jsonl

DEEP = '{"messages": ' + "[" * 5000 + "]" * 5000 + "}"


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_lone_surrogate_in_a_value_keeps_the_example_and_names_the_line(tmp_path):
    path = _write(tmp_path / "qa.jsonl", r'{"question":"a \ud83d b","answer":"x"}',
                  r'{"question":"Emoji inteiro \ud83d\ude00?","answer":"Sim."}')
    examples, problems = read_jsonl(path)
    assert [e.question for e in examples] == ["a \ufffd b", "Emoji inteiro \U0001F600?"]
    assert [(p.code, p.line, p.severity) for p in problems] == [("lone_surrogate", 1, "warning")]
    assert "coluna 16" in problems[0].text("pt") and "«\ufffd»" in problems[0].text("pt")
    for example in examples:
        example.id.encode("utf-8")
        json.dumps(example.to_row(), ensure_ascii=False).encode("utf-8")


def test_lone_surrogate_in_a_key_gives_valid_utf8_json_output(tmp_path):
    path = _write(tmp_path / "qa.jsonl", r'{"question\ud800":"a","answer":"b"}', '{"question":"q","answer":"r"}')
    result = subprocess.run([sys.executable, "-m", "farense_studio", "data", "check", "--json", str(path)],
                            capture_output=True, env={**os.environ, "FARENSE_LANG": "pt"}, timeout=120)
    report = json.loads(result.stdout.decode("utf-8"))  # strict: invalid UTF-8 fails here
    assert result.returncode == 1 and report["examples"] == 1
    codes = {(p["code"], p["line"]) for p in report["problems"]}
    assert {("lone_surrogate", 1), ("unknown_format", 1)} <= codes
    assert "Traceback" not in result.stderr.decode("utf-8", "replace")


def test_deep_nesting_is_a_named_bad_line(tmp_path):
    path = _write(tmp_path / "qa.jsonl", DEEP, '{"question":"q","answer":"r"}')
    corpus = build_corpus([path], [], split=False)
    assert [e.line for e in corpus.examples] == [2]
    assert [(p.code, p.line) for p in corpus.errors] == [("too_deep", 1)]
    assert "uns dentro dos outros" in corpus.errors[0].text("pt")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Sr.", "A.", "Faro.", "golo!", "Quem?", "«Sim.»", "etc.", " ", "\n",
                                 "Bola", "1910.", "x" * 20 + ".", "…", "(O", "É"]), max_size=30))
def test_sentence_ends_are_those_of_the_old_reading(words):
    text = " ".join(words)
    assert bio.sentence_ends(text) == old_sentence_ends(text)


@pytest.mark.timeout(120)
def test_a_long_biography_is_read_whole(tmp_path):
    # ~2 MB of sentences: the old quadratic reading took minutes here; the text stays verbatim.
    body = "O Sr. Hassan marcou ao Benfica em 1994. Segundo A. Bola, jogou bem! " * 30000
    path = tmp_path / "hassan-nader.md"
    path.write_text("# Hassan Nader\n\n" + body, encoding="utf-8")
    examples, problems = bio.read_biography(path)
    assert not problems
    assert examples[0].answer == "O Sr. Hassan marcou ao Benfica em 1994. Segundo A. Bola, jogou bem!"
    assert examples[1].answer == body.strip()


def _hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "biografias"
    folder.mkdir()
    (folder / "hassan.md").write_text("# Hassan Nader\n\nFoi um avançado. Marcou golos.\n", encoding="utf-8")
    os.mkdir(folder / "sub")
    (folder / "sub" / "ze.md").write_text("# Zé\n\nO Zé jogou no Farense.\n", encoding="utf-8")
    os.rename(folder / "sub" / "ze.md", os.fsencode(folder / "sub") + b"/\xff-ze.md")
    (folder / "surrogate.json").write_text(r'{"nome": "Ana \ud83d", "texto": "Jogou muito. Foi boa."}',
                                           encoding="utf-8")
    (folder / "deep.json").write_text('{"texto": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    with open(folder / "huge.md", "wb") as handle:  # sparse: its size alone refuses it
        handle.truncate(bio.MAX_BIOGRAPHY_BYTES + 1)
    os.symlink("/etc/passwd", folder / "passwd.md")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.symlink("/etc", folder / "etc")
    os.mkfifo(folder / "fifo.md")
    return folder


@pytest.mark.timeout(60)
def test_one_bad_file_is_one_named_problem_and_the_folder_goes_on(tmp_path):
    examples, problems = read_biographies(_hostile_folder(tmp_path))
    by_file = {}
    for problem in problems:
        by_file.setdefault(problem.file.split("/", 1)[1], []).append(problem.code)
    assert by_file == {"deep.json": ["too_deep"], "etc": ["outside_folder"], "fifo.md": ["not_a_file"],
                       "huge.md": ["file_too_big"], "passwd.md": ["outside_folder"],
                       "sub/\ufffd-ze.md": ["bad_file_name"], "surrogate.json": ["lone_surrogate"],
                       "zero.txt": ["outside_folder"]}
    names = {e.messages[0]["content"] for e in examples}
    assert names == {"Quem foi Hassan Nader?", "Conta-me a história de Hassan Nader.", "Quem foi Zé?",
                     "Conta-me a história de Zé.", "Quem foi Ana \ufffd?", "Conta-me a história de Ana \ufffd."}
    assert not any("root:" in e.answer for e in examples)
    texts = {p.file.rsplit("/", 1)[1]: p.text("pt") for p in problems}
    assert texts["passwd.md"].startswith("É uma ligação para fora da pasta (/etc/passwd)")
    assert "o máximo é 10,0 MB" in texts["huge.md"]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_data_check_on_a_device_or_fifo_answers_at_once(tmp_path, capsys, target):
    if target == "fifo":
        target = str(tmp_path / "perguntas.jsonl")
        os.mkfifo(target)
    code = main(["data", "check", target])
    out, _ = capsys.readouterr()
    assert code == 1
    assert f"{target}: not_a_file: {target} não é um ficheiro normal" in out


def test_prepare_on_a_full_disk_says_so_and_keeps_the_previous_files(tmp_path, capsys, monkeypatch,
                                                                      sample_data_dir):
    out = tmp_path / "preparado"
    args = ["data", "prepare", "--jsonl", str(sample_data_dir / "qa.jsonl"), "--out", str(out)]
    assert main(args) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    capsys.readouterr()
    real_fsync, synced = os.fsync, []

    def full(fd):  # the disk fills up after the first file
        synced.append(fd)
        if len(synced) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    code = main(args + ["--val-fraction", "0,3"])
    monkeypatch.setattr(os, "fsync", real_fsync)
    _, err = capsys.readouterr()
    assert code == 1 and err.strip().endswith(
        f"O disco está cheio: não foi possível escrever os dados preparados em {out}. Nenhum ficheiro ficou "
        "a meio; liberte espaço e prepare de novo.")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_subfolder_that_cannot_be_listed_is_named(tmp_path, monkeypatch):
    folder = tmp_path / "biografias"
    (folder / "fechada").mkdir(parents=True)
    (folder / "hassan.md").write_text("# Hassan Nader\n\nFoi um avançado.\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # as a folder without read permission answers (root would not see it)
        if str(path).endswith("fechada"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    examples, problems = read_biographies(folder)
    assert len(examples) == 2
    assert [(p.code, p.file) for p in problems] == [("read_error", "biografias/fechada")]
    assert problems[0].text("pt") == f"Não foi possível ler {folder / 'fechada'}: Permission denied"

"""`farense-studio data check` and `data prepare`: output, exit codes, the tokenizer from --model."""

from __future__ import annotations

import json
import re

from data_helpers import PROBLEM_LINES

from farense_studio.cli import main

LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<code>[a-z_0-9]+): (?P<text>.+)$")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_lists_every_bad_line(capsys, problems_file):
    code, out, err = run(capsys, "data", "check", str(problems_file))
    assert code == 1
    rows = [LINE.match(line) for line in out.splitlines()]
    assert all(rows), out
    assert {int(r["line"]): r["code"] for r in rows} == {n: c for n, c in PROBLEM_LINES.items() if c}
    assert {r["file"] for r in rows} == {str(problems_file)}
    assert "JSON inválido" in out
    assert "6 exemplos bons" in err


def test_check_in_english(capsys, problems_file):
    code, out, _ = run(capsys, "--lang", "en", "data", "check", str(problems_file))
    assert code == 1 and "Invalid JSON" in out and "JSON inválido" not in out


def test_check_clean_data_exits_zero(capsys, sample_data_dir):
    code, out, err = run(capsys, "data", "check", str(sample_data_dir / "qa.jsonl"),
                         str(sample_data_dir / "biografias"))
    assert code == 0 and out == ""
    assert "0 erros" in err


def test_warnings_alone_exit_zero(capsys, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"question": "Q", "answer": "A"}\n{"question": "q ", "answer": "a"}\n')
    code, out, _ = run(capsys, "data", "check", str(path))
    assert code == 0 and f"{path}:2: duplicate: " in out


def test_check_missing_file(capsys, tmp_path):
    code, out, _ = run(capsys, "data", "check", str(tmp_path / "nada.jsonl"))
    assert code == 1 and "file_not_found" in out


def test_check_json_output(capsys, problems_file):
    code, out, _ = run(capsys, "data", "check", "--json", str(problems_file))
    report = json.loads(out)
    assert code == 1 and report["errors"] == 9 and report["warnings"] == 2
    assert {p["code"] for p in report["problems"]} >= {"invalid_json", "duplicate"}


def test_check_with_model_finds_too_long(capsys, problems_file, tiny_model_dir):
    code, out, _ = run(capsys, "data", "check", str(problems_file), "--model", str(tiny_model_dir))
    assert code == 1
    assert re.search(r":12: too_long: Demasiado longo para o modelo: \d+ tokens, o máximo é 512\.", out)


def test_check_with_unknown_model(capsys, problems_file, tmp_path):
    code, _, err = run(capsys, "data", "check", str(problems_file), "--model", str(tmp_path / "nenhum"))
    assert code == 2 and err.strip()


def test_prepare(capsys, tmp_path, sample_data_dir):
    out_dir = tmp_path / "preparado"
    code, out, err = run(capsys, "data", "prepare", "--jsonl", str(sample_data_dir / "qa.jsonl"),
                         "--bios", str(sample_data_dir / "biografias"), "--out", str(out_dir),
                         "--val-fraction", "0,2", "--seed", "3")
    assert code == 0 and err == ""
    assert "Preparado em" in out
    report = json.loads((out_dir / "relatorio.json").read_text(encoding="utf-8"))
    assert report["settings"] == {"val_fraction": 0.2, "seed": 3, "max_tokens": None}
    assert report["counts"]["valid"] == len((out_dir / "valid.jsonl").read_text().splitlines()) > 20


def test_prepare_with_bad_lines(capsys, tmp_path, problems_file):
    code, out, err = run(capsys, "data", "prepare", "--jsonl", str(problems_file), "--out", str(tmp_path / "p"))
    assert code == 0 and "invalid_json" in err
    lines = (tmp_path / "p" / "train.jsonl").read_text().splitlines() + \
        (tmp_path / "p" / "valid.jsonl").read_text().splitlines()
    assert len(lines) == 6
    strict, _, _ = run(capsys, "data", "prepare", "--strict", "--jsonl", str(problems_file), "--out",
                       str(tmp_path / "q"))
    assert strict == 1


def test_prepare_applies_project_edits(capsys, tmp_path, sample_data_dir):
    from farense_studio.data import Edits

    edits = Edits.load(tmp_path / "projeto")
    new_id = edits.add([{"role": "user", "content": "Pergunta nova?"}, {"role": "assistant", "content": "Sim."}],
                       "valid")
    edits.save()
    code, _, _ = run(capsys, "data", "prepare", "--jsonl", str(sample_data_dir / "qa.jsonl"),
                     "--out", str(tmp_path / "p"), "--edits", str(tmp_path / "projeto"))
    report = json.loads((tmp_path / "p" / "relatorio.json").read_text(encoding="utf-8"))
    assert code == 0 and new_id in report["ids"]["valid"]


def test_prepare_nothing_to_write(capsys, tmp_path):
    code, _, err = run(capsys, "data", "prepare", "--out", str(tmp_path / "p"))
    assert code == 1 and "no_examples" in err and not (tmp_path / "p").exists()

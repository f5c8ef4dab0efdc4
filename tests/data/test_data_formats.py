"""JSONL reading: every format becomes chat, every bad line is reported with line and code."""

from __future__ import annotations

import hashlib
import json

import pytest
from data_helpers import PROBLEM_LINES, CharTokenizer

from farense_studio.data import build_corpus, read_jsonl
from farense_studio.data.formats import TEXT_PROMPT, make_id, parse_jsonl

SYSTEM = {"role": "system", "content": "És o assistente do Sporting Clube Farense."}


def write_lines(path, rows):
    path.write_bytes(b"".join((r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode())
                              + b"\n" for r in rows))
    return path


@pytest.mark.parametrize("row, messages, fmt", [
    ({"messages": [SYSTEM, {"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]},
     [SYSTEM, {"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}], "messages"),
    ({"prompt": "Q", "completion": "A"},
     [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}], "prompt_completion"),
    ({"text": "O Farense é de Faro."},
     [{"role": "user", "content": TEXT_PROMPT}, {"role": "assistant", "content": "O Farense é de Faro."}], "text"),
    ({"instruction": "Responde.", "input": "Q", "output": "A"},
     [{"role": "user", "content": "Responde.\n\nQ"}, {"role": "assistant", "content": "A"}], "instruction"),
    ({"instruction": "Q", "input": "", "output": "A"},
     [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}], "instruction"),
    ({"question": "Ano?", "answer": 1910},
     [{"role": "user", "content": "Ano?"}, {"role": "assistant", "content": "1910"}], "question_answer"),
    ({"question": "Q", "answer": "A", "system": "S"},
     [{"role": "system", "content": "S"}, {"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}],
     "question_answer"),
    ({"pergunta": "Quando foi fundado o Farense?", "resposta": "A 1 de abril de 1910."},
     [{"role": "user", "content": "Quando foi fundado o Farense?"},
      {"role": "assistant", "content": "A 1 de abril de 1910."}], "pergunta_resposta"),
    ({"conversations": [{"from": "human", "value": "Q"}, {"from": "gpt", "value": "A"}]},
     [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}], "conversations"),
    ({"messages": [{"role": "user", "content": [{"type": "text", "text": "Q"}]},
                   {"role": "assistant", "content": "A"}]},
     [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}], "messages"),
])
def test_every_format_reads_as_chat(tmp_path, row, messages, fmt):
    examples, problems = read_jsonl(write_lines(tmp_path / "a.jsonl", [row]))
    assert problems == []
    [example] = examples
    assert example.messages == messages
    assert example.format == fmt
    assert example.to_row() == {"messages": messages}
    assert (example.source, example.line, example.origin, example.split) == ("a.jsonl", 1, "qa", None)


def test_question_and_answer_properties(tmp_path):
    row = {"messages": [SYSTEM, {"role": "user", "content": "Q1"}, {"role": "assistant", "content": "A1"},
                        {"role": "user", "content": "Q2"}, {"role": "assistant", "content": "A2"}]}
    [example], _ = read_jsonl(write_lines(tmp_path / "a.jsonl", [row]))
    assert (example.question, example.answer) == ("Q1", "A2")


def test_each_bad_line_reported_and_every_good_line_kept(problems_file):
    before = hashlib.sha256(problems_file.read_bytes()).hexdigest()
    corpus = build_corpus([problems_file], [], split=False)
    by_line = {p.line: p for p in corpus.problems}
    for line, code in PROBLEM_LINES.items():
        if code is None:
            assert line not in by_line, by_line[line].code
        else:
            assert by_line[line].code == code
            assert by_line[line].file == "problemas_exemplo.jsonl"
            assert by_line[line].text("pt") and by_line[line].text("en")
    assert sorted(e.line for e in corpus.examples) == [n for n, c in PROBLEM_LINES.items() if c is None]
    assert {p.severity for p in corpus.problems if p.code == "duplicate"} == {"warning"}
    assert all(p.severity == "error" for p in corpus.problems if p.code != "duplicate")
    # Every line is accounted for: kept, or listed with its number.
    assert len(corpus.examples) + len(corpus.problems) == len(PROBLEM_LINES)
    assert hashlib.sha256(problems_file.read_bytes()).hexdigest() == before  # source untouched


def test_too_long_needs_a_tokenizer(problems_file):
    corpus = build_corpus([problems_file], [], tokenizer=CharTokenizer(), max_tokens=2000, split=False)
    [too_long] = [p for p in corpus.problems if p.code == "too_long"]
    assert too_long.line == 12 and too_long.params["max_tokens"] == 2000 and too_long.params["tokens"] > 2000
    assert 12 not in {e.line for e in corpus.examples}
    assert any(e.line == 12 for e in corpus.rejected)


def test_too_long_with_a_real_bpe_tokenizer(tmp_path):
    from farense_studio.engine.tiny_model import build_tokenizer

    tokenizer = build_tokenizer(300)  # a tokenizers.Tokenizer: encode() gives an Encoding
    path = write_lines(tmp_path / "a.jsonl", [{"question": "Q", "answer": "curta"},
                                              {"question": "Q2", "answer": "Leões de Faro " * 50}])
    corpus = build_corpus([path], [], tokenizer=tokenizer, max_tokens=60, split=False)
    assert [p.code for p in corpus.problems] == ["too_long"]
    assert corpus.problems[0].line == 2
    assert corpus.stats()["tokens"]["count"] == 1


def test_utf8_details(tmp_path):
    path = tmp_path / "a.jsonl"
    good = json.dumps({"question": "Leões?", "answer": "De Faro."}, ensure_ascii=False).encode()
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n\r\n   \n" + b'{"question": "S\xe3o", "answer": "x"}\n' + good)
    examples, problems = read_jsonl(path)
    assert [e.line for e in examples] == [1, 5]
    assert examples[0].question == "Leões?"
    assert [(p.code, p.line, p.params["position"]) for p in problems] == [("invalid_utf8", 4, 16)]


def test_missing_and_empty_files(tmp_path):
    _, problems = read_jsonl(tmp_path / "nada.jsonl")
    assert [(p.code, p.severity) for p in problems] == [("file_not_found", "error")]
    (tmp_path / "vazio.jsonl").write_text("\n\n")
    examples, problems = read_jsonl(tmp_path / "vazio.jsonl")
    assert examples == [] and [(p.code, p.severity) for p in problems] == [("empty_file", "warning")]


@pytest.mark.parametrize("messages, code", [
    ([{"role": "user", "content": "Q"}], "wrong_role_order"),
    ([{"role": "user", "content": "Q"}, {"role": "user", "content": "Q"}], "wrong_role_order"),
    ([{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}, SYSTEM], "wrong_role_order"),
    ([], "wrong_role_order"),
    ([{"role": "assistant", "content": "A"}], "wrong_role_order"),
    ([{"role": "user", "content": "Q"}, {"role": "assistant", "content": "  \n"}], "empty_answer"),
    ([{"role": "user", "content": ""}, {"role": "assistant", "content": "A"}], "empty_question"),
    ([{"role": "user", "content": "Q"}, {"role": "model", "content": "A"}], "unknown_role"),
    ([{"role": "user", "content": 3}, {"role": "assistant", "content": "A"}], "bad_message"),
])
def test_chat_checks(tmp_path, messages, code):
    examples, problems = read_jsonl(write_lines(tmp_path / "a.jsonl", [{"messages": messages}]))
    assert examples == [] and [(p.code, p.line) for p in problems] == [(code, 1)]


def test_ids_are_stable(tmp_path):
    rows = [{"question": f"Q{i}", "answer": "A"} for i in range(5)]
    first, _ = read_jsonl(write_lines(tmp_path / "a.jsonl", rows))
    again, _ = read_jsonl(write_lines(tmp_path / "a.jsonl", [{"question": "nova", "answer": "A"}] + rows))
    assert [e.id for e in first] == [e.id for e in again[1:]]
    assert len({e.id for e in again}) == 6
    # Repeated content in one file still gets distinct ids.
    twice, _ = read_jsonl(write_lines(tmp_path / "b.jsonl", [rows[0], rows[0]]))
    assert twice[0].id == make_id("b.jsonl", twice[0].messages) and twice[1].id == twice[0].id + "-1"


def test_parse_keeps_content_problems_for_later(tmp_path):
    """parse_jsonl returns lines with an empty answer too, so an edit can still mend them."""
    examples, problems = parse_jsonl(write_lines(tmp_path / "a.jsonl", [{"question": "Q", "answer": ""}]))
    assert len(examples) == 1 and problems == []


@pytest.mark.parametrize("line, reason, column, pt, en", [
    (b'{"question": "Q" "answer": "A"}', "missing_comma", 18, "falta uma vírgula", "a comma"),
    (b'{"question": "Q", "answer": "A}', "unterminated_string", 29, "não as fecha", "never closes"),
    (b'{"question": "Q", "answer": "A"} {"x": 1}', "extra_data", 34, "mesma linha", "one line"),
    (b'pergunta: Q', "expecting_value", 1, "esperava um valor", "expected a value"),
    (b"{'question': 'Q'}", "bad_name", 2, "aspas duplas", "double quotes"),
    (b'{"question": "Q", "answer": "A",}', "bad_name", 33, "vírgula a mais", "extra comma"),
    (b'{"question" "Q"}', "missing_colon", 13, "falta «:»", "is missing"),
    (b'{"question": "Q", "answer": "A\tB"}', "control_character", 31, "tabulação", "a tab"),
    (b'{"question": "Q", "answer": "C:\\pasta"}', "bad_escape", 32, "barra invertida", "backslash"),
    (b'{"question": "Q", "answer": "A"', "unexpected_end", 32, "acaba antes de fechar", "ends before"),
])
def test_invalid_json_reads_in_the_message_language(tmp_path, line, reason, column, pt, en):
    _, problems = read_jsonl(write_lines(tmp_path / "mau.jsonl", [line]))
    [problem] = problems
    assert (problem.code, problem.line, problem.params["reason"], problem.params["column"]) == (
        "invalid_json", 1, reason, column)
    text_pt, text_en = problem.text("pt"), problem.text("en")
    assert text_pt.startswith(f"JSON inválido na coluna {column}: ") and pt in text_pt
    assert text_en.startswith(f"Invalid JSON at column {column}: ") and en in text_en
    # json's own English text never shows in Portuguese (it stays in the params for the JSON output)
    assert problem.params["detail"] not in text_pt and "Expecting" not in text_pt
    assert problem.to_json("pt")["params"]["reason"] == reason


def test_unknown_json_errors_keep_json_text_as_detail():
    from farense_studio.data.formats import Problem, json_error_params

    params = json_error_params(ValueError("something new"))
    assert params == {"reason": "syntax", "column": 0, "detail": "something new"}
    assert Problem("invalid_json", params).text("pt") == "JSON inválido na coluna 0: erro de sintaxe (something new)."


def test_not_an_object_names_what_the_line_is_in_the_message_language(tmp_path):
    _, problems = read_jsonl(write_lines(tmp_path / "mau.jsonl", [[1, 2], "texto", 7, None]))
    assert [p.params["kind"] for p in problems] == ["array", "string", "number", "null"]
    assert problems[0].text("pt") == "A linha não é um objeto JSON {...}: é uma lista [...]."
    assert problems[0].text("en") == "The line is not a JSON object {...}: it is a list [...]."
    assert all("array" not in p.text("pt") and "string" not in p.text("pt") for p in problems)

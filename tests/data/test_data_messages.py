"""Every code the data pipeline emits has a Portuguese and an English text that render."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import farense_studio.commands.data as data_command
import farense_studio.data as data_package
from farense_studio import messages
from farense_studio.data import build_corpus, read_biographies
from farense_studio.messages.data import MESSAGES

CODE_PATTERNS = (r'Problem\(\s*"(\w+)"', r'(?:append\(\(|return None, \[?\(|= \(|else \(|\), \()"(\w+)", (?:\{|json_error_params)', r'FormatError\(\s*"(\w+)"', r'return "(\w+)", \{', r'render\(\s*"(\w+)"')


def emitted_codes() -> set[str]:
    sources = list(Path(data_package.__file__).parent.glob("*.py")) + [Path(data_command.__file__)]
    codes = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for pattern in CODE_PATTERNS:
            codes |= set(re.findall(pattern, text))
    return codes


def test_every_emitted_code_has_both_texts():
    codes = emitted_codes()
    assert {"invalid_json", "unknown_format", "empty_answer", "wrong_role_order", "too_long", "invalid_utf8",
            "duplicate"} <= codes
    catalogue = messages.catalogue()
    for code in codes:
        pt, en = catalogue[code]
        assert pt.strip() and en.strip() and pt != en, code


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_texts_render_with_their_params(code):
    # {count} and the plural forms {count|exemplo|exemplos}, {count?foi|foram}
    placeholder = r"{(\w+)(?:[|?][^{}]*)?}"
    names = set(re.findall(placeholder, MESSAGES[code][0]))
    assert names == set(re.findall(placeholder, MESSAGES[code][1])), code
    params = {name: "X" for name in names}
    for lang in ("pt", "en"):
        text = messages.render(code, params, lang)
        assert "{" not in text.replace("{...}", ""), text


def test_params_of_real_problems_fill_the_texts(problems_file, tmp_path):
    from data_helpers import CharTokenizer

    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.bin").write_bytes(b"")
    (tmp_path / "b" / "y.md").write_text("# Só título\n")
    corpus = build_corpus([problems_file, tmp_path / "nada.jsonl"], [tmp_path / "b"],
                          tokenizer=CharTokenizer(), max_tokens=1000)
    problems = corpus.problems + read_biographies(tmp_path / "b")[1]
    assert len({p.code for p in problems}) >= 14
    for problem in problems:
        for lang in ("pt", "en"):
            text = problem.text(lang)
            assert text != problem.code and "{" not in text.replace("{...}", ""), text

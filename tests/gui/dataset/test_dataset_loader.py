"""The Dados tab's plain-Python helpers: the length Treino will train with, the text of a bad line."""

from __future__ import annotations

import pytest

from farense_studio.data.formats import Problem
from farense_studio.engine.presets import DEFAULT_PRESET, PRESETS
from farense_studio.gui.dataset.loader import read_bad_line, training_max_length


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_the_histograms_maximum_is_the_chosen_presets(preset):
    assert training_max_length({"training": {"preset": preset}}) == PRESETS[preset]["max_seq_length"]


def test_an_advanced_value_wins_and_nonsense_falls_back():
    default = PRESETS[DEFAULT_PRESET]["max_seq_length"]
    assert training_max_length({}) == default
    assert training_max_length({"training": {"preset": "Rápido", "advanced": {"max_seq_length": 1024}}}) == 1024
    assert training_max_length({"training": {"advanced": {"max_seq_length": "muito"}}}) == default
    assert training_max_length({"training": {"preset": "Inexistente"}}) == default


def test_a_bad_line_is_read_from_the_right_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "qa.jsonl", tmp_path / "b" / "qa.jsonl"
    first.write_text('{"ok": 1}\n{estragada em a\n', encoding="utf-8")
    second.write_bytes(b'{"ok": 2}\n{estragada em b \xff}\r\n')
    sources = [str(first), str(second)]
    assert read_bad_line(sources, Problem("invalid_json", file="a/qa.jsonl", line=2)) == "{estragada em a"
    assert read_bad_line(sources, Problem("invalid_json", file="b/qa.jsonl", line=2)) == "{estragada em b \ufffd}"
    assert read_bad_line(sources, Problem("invalid_json", file="b/qa.jsonl", line=9)) is None
    assert read_bad_line(sources, Problem("duplicate", file="b/qa.jsonl")) is None
    second.unlink()
    assert read_bad_line(sources, Problem("invalid_json", file="b/qa.jsonl", line=2)) is None

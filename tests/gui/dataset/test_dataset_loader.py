"""The Dados tab's plain-Python helpers: the length Treino will train with, the text of a bad line."""

from __future__ import annotations

import pytest

from farense_studio.data.formats import Problem
from farense_studio.engine.presets import DEFAULT_PRESET, PRESETS
from farense_studio.gui.dataset.loader import read_bad_line, training_max_length, training_system_prompt


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_the_histograms_maximum_is_the_chosen_presets(preset):
    assert training_max_length({"training": {"preset": preset}}) == PRESETS[preset]["max_seq_length"]


def test_an_advanced_value_wins_and_nonsense_falls_back():
    default = PRESETS[DEFAULT_PRESET]["max_seq_length"]
    assert training_max_length({}) == default
    assert training_max_length({"training": {"preset": "Rápido", "advanced": {"max_seq_length": 1024}}}) == 1024
    assert training_max_length({"training": {"advanced": {"max_seq_length": "muito"}}}) == default
    assert training_max_length({"training": {"preset": "Inexistente"}}) == default


def test_examples_with_documents_are_measured_with_the_system_prompt_training_will_add():
    from farense_studio.engine.config import DEFAULT_SYSTEM_PROMPT

    assert training_system_prompt({}) == DEFAULT_SYSTEM_PROMPT
    longer = "És o assistente do Sporting Clube Farense. Responde sempre em português de Portugal."
    assert training_system_prompt({"training": {"advanced": {"system_prompt": longer}}}) == longer
    assert training_system_prompt({"training": {"advanced": {"system_prompt": ""}}}) is None  # emptied: none


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


def test_examples_with_documents_leave_room_when_the_count_is_only_approximate(tmp_path, sample_data_dir):
    """Before the model is on this computer Dados counts tokens approximately, and a real tokenizer
    counts up to 1.7 times more: the passages then get the length that surely fits, so training with
    documents (on by default) never cuts the answers off."""
    import json

    from farense_studio.data.raft import SETTING_KEY
    from farense_studio.engine.config import DEFAULT_SYSTEM_PROMPT
    from farense_studio.gui.dataset.loader import APPROX_UNDERCOUNT, ApproxTokenizer, counter, prepare_dataset

    out = tmp_path / "preparado"
    result = prepare_dataset([str(sample_data_dir / "qa.jsonl")], [str(sample_data_dir / "biografias" / "jogadores")],
                             {}, {}, out, tokenizer=ApproxTokenizer())
    used = json.loads((out / "relatorio.json").read_text(encoding="utf-8"))["settings"][SETTING_KEY]
    room = int(training_max_length({}) / APPROX_UNDERCOUNT)
    assert used["max_tokens"] == room and result.documents["right"] > 0
    count = counter(ApproxTokenizer())
    system = [{"role": "system", "content": DEFAULT_SYSTEM_PROMPT}]
    rows = [json.loads(line)["messages"] for line in (out / "train.jsonl").read_text(encoding="utf-8").splitlines()]
    mixed = [m for m in rows if next(t for t in m if t["role"] == "user")["content"].startswith("Documentos do clube:")]
    assert len(mixed) > len(rows) // 3
    # the system prompt training adds is counted where the row has none of its own
    assert all(count((system if m[0]["role"] != "system" else []) + m) <= room for m in mixed)

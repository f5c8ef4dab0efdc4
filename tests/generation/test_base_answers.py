"""engine/base_answers.py: the base model's answers are kept between fact checks, so a second check
of the same base asks only the fine-tuned model, with the same figures; another base, sampling or a
cut answer is never served from what was kept."""

from __future__ import annotations

import json
import threading

import pytest

from farense_studio.data.retrieval import index_folder
from farense_studio.engine import documents_check, evaluate
from farense_studio.engine.base_answers import BaseAnswers, answer, fingerprint
from farense_studio.engine.generation import ChatModelCache, GenerationSettings, has_adapter


@pytest.fixture
def asked(monkeypatch):
    """Counts the model's replies, adapter off (base) and on (tuned), in both checks."""
    calls = {"base": 0, "tuned": 0}

    def counting(real):
        def stream(model, *args, **kwargs):
            calls["tuned" if has_adapter(model) else "base"] += 1
            return real(model, *args, **kwargs)
        return stream

    monkeypatch.setattr(evaluate, "stream_reply", counting(evaluate.stream_reply))
    monkeypatch.setattr(documents_check, "stream_reply", counting(documents_check.stream_reply))
    return calls


def test_a_second_fact_check_of_the_same_base_asks_only_the_fine_tuned_model(toy, tmp_path, monkeypatch,
                                                                              asked, capsys):
    from farense_studio.cli import main
    from farense_studio.data import build_corpus, write_prepared

    monkeypatch.setenv("FARENSE_DATA_DIR", str(tmp_path / "dados"))
    build = build_corpus([toy.data / "train.jsonl"], [])
    write_prepared(build, tmp_path / "preparado")
    command = ["evaluate", "--run", str(toy.run_dir), "--questions", str(toy.questions), "--documents",
               "--index", str(index_folder(tmp_path / "preparado")), "--json"]

    assert main(command) == 0
    first = json.loads(capsys.readouterr().out)
    first_calls = dict(asked)
    assert first_calls["base"] > 0 and first_calls["tuned"] > 0
    assert list((tmp_path / "dados" / "cache" / "respostas_base").glob("*.json"))

    assert main(command) == 0
    second = json.loads(capsys.readouterr().out)
    assert asked["base"] == first_calls["base"]  # no base answer asked again
    assert asked["tuned"] == 2 * first_calls["tuned"]  # the fine-tuned model is asked every time
    assert second["columns"] == first["columns"]
    assert [r["base_answer"] for r in second["rows"]] == [r["base_answer"] for r in first["rows"]]
    assert ([r["base_answer"] for r in second["documents"]["rows"]]
            == [r["base_answer"] for r in first["documents"]["rows"]])


def test_the_base_is_told_apart_by_its_weights_not_its_adapter(toy):
    import mlx.core as mx

    cache = ChatModelCache()
    tuned = cache.load(str(toy.base), toy.adapter)
    with_adapter = fingerprint(tuned.model, tuned.tokenizer)
    alone = ChatModelCache().load(str(toy.base))
    assert fingerprint(alone.model, alone.tokenizer) == with_adapter  # the same base, adapter on or off
    embedding = alone.model.model.embed_tokens
    embedding.weight = mx.array(embedding.weight) + 1e-2  # a fused export, another revision: other weights
    assert fingerprint(alone.model, alone.tokenizer) != with_adapter


def test_sampling_and_cut_answers_are_never_kept(tmp_path):
    kept = BaseAnswers("a" * 64, tmp_path)
    messages = [{"role": "user", "content": "Quando foi fundado o Farense?"}]
    greedy, sampled = GenerationSettings.greedy(96), GenerationSettings(temperature=0.7)
    assert answer(kept, messages, sampled, lambda: "Em 1910.") == ("Em 1910.", False)
    assert kept.get(messages, sampled) is None
    stop = threading.Event()
    stop.set()
    assert answer(kept, messages, greedy, lambda: "Em 19", stop) == ("Em 19", False)
    assert kept.get(messages, greedy) is None  # cut by Parar: asked again next time
    assert answer(kept, messages, greedy, lambda: "Em 1910.") == ("Em 1910.", False)
    kept.save()
    again = BaseAnswers("a" * 64, tmp_path)
    assert answer(again, messages, greedy, lambda: pytest.fail("asked again")) == ("Em 1910.", True)
    assert again.get(messages, GenerationSettings.greedy(160)) is None  # other settings, other answer


def test_a_damaged_file_only_means_asking_again(tmp_path):
    path = BaseAnswers("b" * 64, tmp_path).path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ isto não é JSON", encoding="utf-8")
    kept = BaseAnswers("b" * 64, tmp_path)
    messages = [{"role": "user", "content": "Onde joga o Farense?"}]
    assert answer(kept, messages, GenerationSettings.greedy(96), lambda: "No Estádio de São Luís.") == (
        "No Estádio de São Luís.", False)
    kept.save()
    assert json.loads(path.read_text(encoding="utf-8"))["answers"]


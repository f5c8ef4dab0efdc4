"""engine/generation.py: replies end at end-of-turn, stop at once, keep the history, and each
side of the side-by-side view really uses its own weights."""

from __future__ import annotations

import importlib
import json
import shutil
import threading

import pytest

from farense_studio.engine.generation import (ChatModelCache, GenerationSettings, adapter_disabled,
                                              conversation, generate_reply, has_adapter,
                                              load_chat_model, run_system_prompt, stream_reply)
from farense_studio.program.inference_core import chat_tokens

GREEDY = GenerationSettings.greedy(max_tokens=60)


def ask(model, tokenizer, question, system_prompt, settings=GREEDY):
    return generate_reply(model, tokenizer, conversation(system_prompt, [], question), settings)


def test_default_settings():
    s = GenerationSettings()
    assert (s.temperature, s.top_p, s.max_tokens, s.repetition_penalty) == (0.7, 0.9, 256, 1.1)
    assert GenerationSettings.from_dict({"temperature": 0.2, "unknown": 1}).temperature == 0.2
    assert GenerationSettings.from_dict(s.to_dict()) == s


def test_reply_ends_at_end_of_turn(toy, chat_cache, facts, system_prompt):
    model, tokenizer = load_chat_model(str(toy.base), toy.adapter, cache=chat_cache)
    for fact in facts:
        stream = stream_reply(model, tokenizer, conversation(system_prompt, [], fact["question"]),
                              GenerationSettings.greedy(max_tokens=200))
        text = "".join(stream)
        assert text == fact["answer"]
        assert stream.stats.finish_reason == "stop"
        assert stream.stats.generation_tokens < 40  # far from max_tokens: it stopped by itself
        assert "<|im_end|>" not in text


def test_end_of_turn_stops_even_when_eos_is_another_token(toy, tmp_path, facts, system_prompt):
    """A model whose declared eos is <|endoftext|> still stops at the template's <|im_end|>."""
    base = tmp_path / "base"
    shutil.copytree(toy.base, base)
    tok_config = json.loads((base / "tokenizer_config.json").read_text())
    tok_config["eos_token"] = "<|endoftext|>"
    (base / "tokenizer_config.json").write_text(json.dumps(tok_config))
    config = json.loads((base / "config.json").read_text())
    config["eos_token_id"] = 0
    (base / "config.json").write_text(json.dumps(config))
    model, tokenizer = load_chat_model(str(base), toy.adapter, cache=ChatModelCache())
    assert tokenizer.convert_tokens_to_ids("<|im_end|>") in tokenizer.eos_token_ids
    stream = stream_reply(model, tokenizer, conversation(system_prompt, [], facts[1]["question"]),
                          GenerationSettings.greedy(max_tokens=200))
    assert "".join(stream) == facts[1]["answer"]
    assert stream.stats.finish_reason == "stop"


def test_stop_event_ends_the_reply_at_once(toy, chat_cache, system_prompt):
    model, tokenizer = load_chat_model(str(toy.base), None, cache=chat_cache)
    messages = conversation(system_prompt, [], "Conta-me a história do Farense.")
    stop = threading.Event()
    stream = stream_reply(model, tokenizer, messages, GenerationSettings(max_tokens=200, temperature=1.0), stop)
    chunks = []
    for chunk in stream:
        chunks.append(chunk)
        if len(chunks) == 3:
            stop.set()
    assert len(chunks) == 3  # not one chunk after the stop
    assert stream.stats.finish_reason == "cancelled"
    assert stream.text == "".join(chunks)

    stopped_before = stream_reply(model, tokenizer, messages, GREEDY, stop)
    assert list(stopped_before) == []
    assert stopped_before.stats.finish_reason == "cancelled"


def test_stop_event_is_checked_between_prompt_chunks(toy, chat_cache, system_prompt, monkeypatch):
    """A long prompt is prefilled in chunks; a stop during prefill yields nothing."""
    mlx_generate = importlib.import_module("mlx_lm.generate")

    model, tokenizer = load_chat_model(str(toy.base), None, cache=chat_cache)
    stop = threading.Event()
    original = mlx_generate.stream_generate

    def small_chunks(*args, **kwargs):
        callback = kwargs["prompt_progress_callback"]

        def progress(done, total):
            if done > 0:
                stop.set()  # the user presses Parar while the prompt is being read
            callback(done, total)

        kwargs["prompt_progress_callback"] = progress
        return original(*args, prefill_step_size=8, **kwargs)

    monkeypatch.setattr(mlx_generate, "stream_generate", small_chunks)
    stream = stream_reply(model, tokenizer, conversation(system_prompt, [], "Olá " * 40), GREEDY, stop)
    assert list(stream) == []
    assert stream.stats.finish_reason == "cancelled"


def test_multi_turn_history_goes_through_the_template(toy, chat_cache, monkeypatch):
    mlx_generate = importlib.import_module("mlx_lm.generate")

    model, tokenizer = load_chat_model(str(toy.base), None, cache=chat_cache)
    seen = {}
    original = mlx_generate.stream_generate

    def spy(model_, tokenizer_, prompt, **kwargs):
        seen["prompt"] = list(prompt)
        return original(model_, tokenizer_, prompt, **kwargs)

    monkeypatch.setattr(mlx_generate, "stream_generate", spy)
    turns = [("Quem foi Hassan Nader?", "Um avançado marroquino."), ("E onde jogou?", "No Farense.")]
    messages = conversation("Sistema do clube.", turns, "Quantos golos marcou?")
    generate_reply(model, tokenizer, messages, GenerationSettings.greedy(max_tokens=3))
    text = tokenizer.decode(seen["prompt"])
    assert text == (
        "<|im_start|>system\nSistema do clube.<|im_end|>\n"
        "<|im_start|>user\nQuem foi Hassan Nader?<|im_end|>\n"
        "<|im_start|>assistant\nUm avançado marroquino.<|im_end|>\n"
        "<|im_start|>user\nE onde jogou?<|im_end|>\n"
        "<|im_start|>assistant\nNo Farense.<|im_end|>\n"
        "<|im_start|>user\nQuantos golos marcou?<|im_end|>\n"
        "<|im_start|>assistant\n")
    assert seen["prompt"] == chat_tokens(tokenizer, messages)


def test_side_by_side_panes_use_their_own_weights(toy, facts, system_prompt):
    """Base pane = the base model run alone; fine-tuned pane = the trained answers; they differ."""
    from mlx_lm import load

    alone, alone_tokenizer = load(str(toy.base))
    cache = ChatModelCache()
    model, tokenizer = load_chat_model(str(toy.base), toy.adapter, cache=cache)
    for fact in facts:
        tuned = ask(model, tokenizer, fact["question"], system_prompt)
        with adapter_disabled(model):
            assert not has_adapter(model)
            base = ask(model, tokenizer, fact["question"], system_prompt)
        assert has_adapter(model)
        assert tuned == fact["answer"]
        assert base != tuned
        assert base == ask(alone, alone_tokenizer, fact["question"], system_prompt)
        # and the adapter is back whole after the base pane
        assert ask(model, tokenizer, fact["question"], system_prompt) == tuned


def test_switching_adapter_keeps_the_base_loaded(toy, facts, system_prompt):
    cache = ChatModelCache()
    question, answer = facts[0]["question"], facts[0]["answer"]
    model, tokenizer = load_chat_model(str(toy.base), toy.adapter, cache=cache)
    assert ask(model, tokenizer, question, system_prompt) == answer
    model2, _ = load_chat_model(str(toy.base), None, cache=cache)
    assert model2 is model and not has_adapter(model)
    assert ask(model, tokenizer, question, system_prompt) != answer
    from farense_studio.engine.checkpoints import resolve_checkpoint

    latest = resolve_checkpoint(toy.run_dir, "latest")
    load_chat_model(str(toy.base), latest, cache=cache)
    assert ask(model, tokenizer, question, system_prompt) == answer
    assert cache.base_loads == 1
    assert cache.current.adapter_path == str(latest.resolve())


def test_adapter_errors_have_codes(toy, tmp_path):
    from farense_studio.engine.generation import GenerationError

    cache = ChatModelCache()
    with pytest.raises(GenerationError) as info:
        load_chat_model(str(toy.base), tmp_path, cache=cache)
    assert info.value.code == "adapter_not_found"
    assert "Afinação não encontrada" in info.value.text("pt")


def test_system_prompt_comes_from_the_run(toy):
    assert run_system_prompt(toy.run_dir) == "És o assistente do Sporting Clube Farense."
    assert run_system_prompt(None, toy.adapter) == "És o assistente do Sporting Clube Farense."
    from farense_studio.engine.config import DEFAULT_SYSTEM_PROMPT

    assert run_system_prompt(None) == DEFAULT_SYSTEM_PROMPT

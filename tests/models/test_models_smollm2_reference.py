"""The converted SmolLM2 against a reference made by another implementation.

tests/models/smollm2_reference.json was computed once by scripts/make_smollm2_reference.py
with transformers + torch (CPU) reading the same GGUF (its own dequantization, Q/K
un-permutation and tokenizer). Our folder, loaded by plain mlx-lm, must produce the same
prompt token ids and the same first (up to) 20 greedy tokens on its three prompts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REFERENCE = json.loads((Path(__file__).parent / "smollm2_reference.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.realmodel


def test_tokenizer_matches_reference(smollm2_loaded):
    _, tokenizer = smollm2_loaded
    for check in REFERENCE["tokenizer_checks"]:
        assert tokenizer.encode(check["text"], add_special_tokens=False) == check["ids"], check["text"]
    for case in REFERENCE["cases"]:
        text = tokenizer.apply_chat_template([{"role": "user", "content": case["prompt"]}],
                                             add_generation_prompt=True, tokenize=False)
        assert text == case["prompt_text"]
        assert tokenizer.encode(text, add_special_tokens=False) == case["prompt_ids"]


def test_greedy_tokens_match_reference(smollm2_loaded):
    """mlx-lm's own generation loop, greedy, on the three reference prompts."""
    from mlx_lm.generate import generate_step
    import mlx.core as mx

    model, tokenizer = smollm2_loaded
    for case in REFERENCE["cases"]:
        prompt = mx.array(case["prompt_ids"])
        got = []
        for token, _ in generate_step(prompt, model, max_tokens=REFERENCE["max_new_tokens"],
                                      sampler=lambda logits: mx.argmax(logits, axis=-1)):
            got.append(int(token))
            if got[-1] == REFERENCE["eos_id"]:
                break
        assert got == case["greedy_ids"], (case["prompt"], tokenizer.decode(got))


def test_answers_the_capital_of_france(smollm2_loaded):
    """The issue's smoke test, through mlx_lm.generate (default sampler: greedy)."""
    from mlx_lm import generate

    model, tokenizer = smollm2_loaded
    prompt = tokenizer.apply_chat_template(
        [{"role": "user", "content": "What is the capital of France?"}],
        add_generation_prompt=True, tokenize=False)
    reply = generate(model, tokenizer, prompt, max_tokens=20)
    assert reply.strip() == "The capital of France is Paris."

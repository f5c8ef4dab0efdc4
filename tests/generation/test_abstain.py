"""engine.abstain: the model's own probability of answering «Não sei» (what the fact check records)."""

from __future__ import annotations

import math

from farense_studio.engine.abstain import DONT_KNOW_PREFIX, _answer_tokens, dont_know_logprob, dont_know_probability
from farense_studio.program.inference_core import chat_tokens


def _conversation(question: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": "És o assistente do Farense."}, {"role": "user", "content": question}]


def test_the_probability_is_the_product_of_each_words_next_token_probability(toy, chat_cache):
    import mlx.core as mx

    loaded = chat_cache.load(str(toy.base), str(toy.adapter))
    messages = _conversation("Qual é a altura de Hassan Nader?")
    prompt = chat_tokens(loaded.tokenizer, messages)
    said = _answer_tokens(loaded.tokenizer, messages, prompt, DONT_KNOW_PREFIX)
    assert loaded.tokenizer.decode(said).strip() == DONT_KNOW_PREFIX
    expected = 0.0
    for n, token in enumerate(said):  # one forward pass per token, nothing shared
        logits = loaded.model(mx.array([prompt + said[:n]]))[0, -1].astype(mx.float32)
        expected += float((logits - mx.logsumexp(logits))[token].item())
    found = dont_know_logprob(loaded.model, loaded.tokenizer, messages)
    assert found < 0.0 and math.isclose(found, expected, rel_tol=1e-4, abs_tol=1e-3)
    assert dont_know_probability(loaded.model, loaded.tokenizer, messages) == math.exp(found)

"""How likely a model is to begin its answer with «Não sei» (issue 18: say it does not know).

``dont_know_probability`` is the model's own probability, given a conversation (with the club's
passages in its last turn), that its answer starts with the words of data.raft.DONT_KNOW up to
``DONT_KNOW_PREFIX``: one forward pass over the prompt and those few tokens, no generation. A model
trained with documents learnt to answer DONT_KNOW when its passages are silent; greedy decoding says
it only when that start is the single likeliest token path, and this probability lets the fact
check (and, once a threshold is measured, the answer) tell how close it came. No Qt.
"""

from __future__ import annotations

import math
from typing import Any

DONT_KNOW_PREFIX = "Não sei"


def _answer_tokens(tokenizer: Any, messages: list[dict[str, str]], prompt: list[int], text: str) -> list[int]:
    """The tokens ``text`` takes as the start of the assistant's turn after ``prompt`` (read from the
    chat template itself, so a tokenizer that merges across the turn's start counts as it trains)."""
    try:
        whole = list(tokenizer.apply_chat_template(messages + [{"role": "assistant", "content": text}],
                                                   add_generation_prompt=False))
    except Exception:  # jinja's TemplateError (a template that refuses a system turn, say)
        whole = []
    if whole[:len(prompt)] == prompt and len(whole) > len(prompt):
        tail = whole[len(prompt):]
    else:  # a template that ends the prompt differently: the text's own tokens
        tail = list(tokenizer.encode(text, add_special_tokens=False))
    wanted = len(text)
    for n in range(1, len(tail) + 1):
        if len(tokenizer.decode(tail[:n]).strip()) >= wanted:
            return tail[:n]
    return tail


def dont_know_probability(model: Any, tokenizer: Any, messages: list[dict[str, str]],
                          prefix: str = DONT_KNOW_PREFIX) -> float:
    """P(the answer to ``messages`` starts with ``prefix``) under the model (as loaded: with its adapter
    when one is applied)."""
    return math.exp(dont_know_logprob(model, tokenizer, messages, prefix))


def dont_know_logprob(model: Any, tokenizer: Any, messages: list[dict[str, str]],
                      prefix: str = DONT_KNOW_PREFIX) -> float:
    """log P(the answer starts with ``prefix``), natural log (what dont_know_probability exponentiates)."""
    import mlx.core as mx

    from farense_studio.program.inference_core import chat_tokens

    prompt = chat_tokens(tokenizer, messages)
    said = _answer_tokens(tokenizer, messages, prompt, prefix)
    if not said:
        return -math.inf
    ids = mx.array([prompt + said[:-1]])
    logits = model(ids)[0, len(prompt) - 1:].astype(mx.float32)
    logprobs = logits - mx.logsumexp(logits, axis=-1, keepdims=True)
    picked = mx.take_along_axis(logprobs, mx.array(said)[:, None], axis=-1)
    return float(picked.sum().item())

"""The base model proposes questions from a paragraph, and new wordings of the club's questions.

The model-based half of "Gerar perguntas das biografias". The model is asked, in pt-PT, for
question/answer pairs in a fixed "P: ... / R: ..." layout; what it writes is parsed leniently and
every pair then goes through data.grounding (in data.generated.make_proposal), so a pair whose
answer has a number, date or name its paragraph lacks is kept as rejected with that reason.
Small models write little that survives; the template proposer covers what they miss.
"""

from __future__ import annotations

import re
from typing import Callable

from farense_studio.data.fact_templates import QA
from farense_studio.data.generated import Unit

Complete = Callable[[list[dict[str, str]]], str]  # chat messages -> the model's reply

SYSTEM = ("És um assistente cuidadoso que escreve em português de Portugal e só usa factos do texto "
          "que lhe dão.")
FACTS_PROMPT = (
    "Texto sobre {ref}:\n\"\"\"\n{text}\n\"\"\"\n\n"
    "Escreve {count} perguntas diferentes, cada uma sobre um facto deste texto (datas, lugares, números, "
    "clubes), e a resposta a cada uma com palavras do texto. Diz sempre o nome de {ref} na pergunta. "
    "Usa exatamente este formato, sem mais nada:\nP: <pergunta>\nR: <resposta>")
REPHRASE_PROMPT = (
    "Reescreve esta pergunta de {count} maneiras diferentes, sem mudar o sentido nem acrescentar "
    "informação. Uma por linha, sem números nem comentários.\nPergunta: {question}")

_PAIR = re.compile(r"^\s*(?:\d+[.)]\s*)?(P|Pergunta|Q|R|Resposta|A)\s*[:.)-]\s*(.+)$", re.IGNORECASE)
_LIST = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")


def parse_pairs(reply: str) -> list[tuple[str, str]]:
    """(question, answer) pairs from "P: ... / R: ..." lines; stray lines are ignored."""
    pairs: list[tuple[str, str]] = []
    question: str | None = None
    for line in reply.splitlines():
        match = _PAIR.match(line)
        if not match:
            continue
        tag, text = match.group(1).lower(), match.group(2).strip()
        if tag in ("p", "pergunta", "q"):
            question = text
        elif question and text:
            pairs.append((question, text))
            question = None
    return pairs


def parse_lines(reply: str, original: str) -> list[str]:
    """New wordings, one a line, list markers and the original itself removed."""
    found = []
    for line in reply.splitlines():
        text = _LIST.sub("", line).strip().strip("\"«»“”")
        if len(text) >= 8 and text.casefold() != original.casefold() and text.endswith(("?", ".")):
            found.append(text)
    return list(dict.fromkeys(found))


class ModelProposer:
    """Asks a loaded model (through ``complete``) for proposals of one unit at a time."""

    def __init__(self, complete: Complete, facts_per_paragraph: int = 5, rephrasings: int = 3):
        self.complete = complete
        self.facts_per_paragraph = facts_per_paragraph
        self.rephrasings = rephrasings

    def __call__(self, unit: Unit) -> list[QA]:
        if unit.answer is not None:
            prompt = REPHRASE_PROMPT.format(count=self.rephrasings, question=unit.text)
            reply = self.complete([{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}])
            return [QA(q, unit.answer, "model_rephrasing") for q in parse_lines(reply, unit.text)][: self.rephrasings]
        ref = unit.subject.ref if unit.subject and unit.subject.name else "este tema"
        prompt = FACTS_PROMPT.format(ref=ref, text=unit.text, count=self.facts_per_paragraph)
        reply = self.complete([{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}])
        return [QA(q, a, "model_fact") for q, a in parse_pairs(reply)]


def model_completion(model, tokenizer, max_tokens: int = 400, stop_event=None) -> Complete:
    """``complete`` for ModelProposer from a loaded mlx-lm model (greedy, so reruns agree)."""
    from farense_studio.engine.generation import GenerationSettings, generate_reply

    settings = GenerationSettings.greedy(max_tokens=max_tokens)

    def complete(messages: list[dict[str, str]]) -> str:
        return generate_reply(model, tokenizer, messages, settings, stop_event)

    return complete

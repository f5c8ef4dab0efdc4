"""Answering with the club's documents: the best passages put into the prompt within the budget.

(Not data.grounding, which checks that a generated answer states nothing its paragraph lacks.)

One function for every front end (Conversar, the server, the inference program, the fact check,
training with documents): ``grounded_messages`` takes the question, the passages found for it and
a token budget, and returns the conversation to send to the model plus the ``sources`` of the
passages it actually carries. Passages go into the user's turn, before the question, best first;
one that does not fit whole is cut at a word boundary (when enough room is left for it to say
something) and the rest are left out. Tokens are counted with the model's own tokenizer through
its chat template.

When the documents are silent on a question (``documents_silent``: a question in Portuguese for which
retrieval found passages, none of them holding more than about half of its words), every front end answers
``DONT_KNOW_REPLY`` without asking the model: a club bot must not invent what its documents never
say. After the model, an answer that lacks the kind of thing its question asks for (``unanswered_kind``:
no price in the answer to «Quanto custa...?») is answered ``DONT_KNOW_REPLY`` too. No Qt, no MLX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from farense_studio.data.answer_kind import missing_kind
from farense_studio.data.corpus import token_counter
from farense_studio.data.retrieval import DocumentIndex, Hit

DEFAULT_PASSAGES = 5  # recall@5 of the sample questions is 0.96-1.0 (bench/retrieval_quality.py)
MIN_PASSAGE_TOKENS = 24  # a passage cut shorter than this says too little to be worth its room
TEMPLATE_MARGIN = 8  # the generation prompt's own tokens (counted without it), with some slack
DOCUMENTS_HEADER = "Documentos do clube:"
DOCUMENTS_RULE = ("Responde à pergunta com base nestes documentos. "
                  "Se a resposta não estiver neles, diz que não sabes.")
QUESTION_LABEL = "Pergunta:"
ELLIPSIS = "…"
# Below this share of a question's words in the best passage, the documents do not speak of it.
# Chosen on the tuning questions alone (bench/evidence/coverage_silence.py): halfway between the
# highest share of a question they do not answer that stays below every answerable one (0.5) and
# the lowest share of an answerable one (0.6).
SILENCE_THRESHOLD = 0.55
DONT_KNOW_REPLY = "Não sei: os documentos do clube não falam disso."
_INTERROGATIVES = frozenset("""quem qual quais quando onde como quanto quantos quanta quantas porque porquê
que cujo cuja""".split())
_LEADING = frozenset("o a em de do da com para por desde até sobre e".split())

Counter = Callable[[list[dict[str, str]]], int]


@dataclass
class GroundedPrompt:
    """The conversation to send, the sources it carries and what did not fit."""

    messages: list[dict[str, str]]
    sources: list[dict[str, Any]] = field(default_factory=list)
    prompt_tokens: int = 0
    dropped: int = 0  # passages found but left out for lack of room
    silent: bool = False  # the documents do not speak of the question: answer DONT_KNOW_REPLY unasked


def passage_line(number: int, hit: Hit, text: str | None = None) -> str:
    """One passage as the model reads it: "[1] Hassan Nader: Hassan Nader é um avançado..."."""
    passage = hit.passage
    return f"[{number}] {passage.title}: {passage.text if text is None else text}"


def user_turn(question: str, lines: Sequence[str]) -> str:
    """The user's message with documents (just the question when there are none)."""
    if not lines:
        return question
    return "\n".join([DOCUMENTS_HEADER, *lines, "", DOCUMENTS_RULE, "", f"{QUESTION_LABEL} {question}"])


def _conversation(system_prompt, turns, content) -> list[dict[str, str]]:
    messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
    for asked, answered in turns:
        messages += [{"role": "user", "content": asked}, {"role": "assistant", "content": answered}]
    return messages + [{"role": "user", "content": content}]


def _cut_to_fit(fits: Callable[[str], bool], text: str) -> str | None:
    """The longest word-boundary prefix of text (plus an ellipsis) for which fits() holds."""
    words = text.split()
    low, high, best = 1, len(words) - 1, None
    while low <= high:
        middle = (low + high) // 2
        candidate = " ".join(words[:middle]) + ELLIPSIS
        if fits(candidate):
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best


def grounded_messages(question: str, hits: Sequence[Hit], *, budget_tokens: int, tokenizer: Any = None,
                      count_tokens: Counter | None = None, system_prompt: str | None = None,
                      turns: Sequence[tuple[str, str]] = ()) -> GroundedPrompt:
    """The conversation for question with as many of hits (best first) as budget_tokens allows.

    budget_tokens is what the prompt may take: the model's context minus the room kept for the
    answer. Tokens are counted by count_tokens(messages) or, given a tokenizer, through its chat
    template. A conversation already over budget without documents gets none.
    """
    count = count_tokens or token_counter(tokenizer)
    limit = budget_tokens - TEMPLATE_MARGIN
    lines: list[str] = []
    sources: list[dict[str, Any]] = []

    def size(extra: list[str]) -> int:
        return count(_conversation(system_prompt, turns, user_turn(question, extra)))

    used = size([])
    for hit in hits:
        line = passage_line(len(lines) + 1, hit)
        tokens = size(lines + [line])
        truncated = False
        if tokens > limit:
            room = limit - used
            if room < MIN_PASSAGE_TOKENS:
                continue
            cut = _cut_to_fit(lambda text: size(lines + [passage_line(len(lines) + 1, hit, text)]) <= limit,
                              hit.passage.text)
            if cut is None:
                continue
            line, truncated = passage_line(len(lines) + 1, hit, cut), True
            tokens = size(lines + [line])
            if tokens - used < MIN_PASSAGE_TOKENS:
                continue
        lines.append(line)
        sources.append({**hit.source(), "rank": hit.rank, "truncated": truncated})
        used = tokens
    messages = _conversation(system_prompt, turns, user_turn(question, lines))
    return GroundedPrompt(messages, sources, used, len(hits) - len(sources))


def source_text(source: dict[str, Any], lang: str | None = None) -> str:
    """Where a source is, in words: "hassan_nader.md, parágrafo 2" / "qa.jsonl, linha 9"."""
    from farense_studio import messages

    if source.get("paragraph") is not None:
        return messages.render("source_paragraph", source, lang)
    if source.get("line") is not None:
        return messages.render("source_line", source, lang)
    return str(source.get("file", ""))


def is_question(text: str) -> bool:
    """A question rather than a greeting or a request: a question mark, or an interrogative word
    first ("Quem...", "Em que ano...", "O que...")."""
    if "?" in text:
        return True
    words = re.findall(r"\w+", text.casefold())[:3]
    for word in words:
        if word in _INTERROGATIVES:
            return True
        if word not in _LEADING:
            return False
    return False


def documents_silent(index: DocumentIndex | None, question: str, hits: Sequence[Hit]) -> bool:
    """True when the club's documents do not speak of question: it is a question in Portuguese,
    retrieval found passages for it (a greeting finds none and goes to the model), and the passage
    that holds most of its words holds less than SILENCE_THRESHOLD of them (DocumentIndex.coverage)."""
    if index is None or not hits or not is_question(question) or index.analyzer.reads_as_english(question):
        return False
    covered = index.coverage(question, hits)
    return covered is not None and covered < SILENCE_THRESHOLD


def unanswered_kind(question: str, answer: str, sources: Sequence[Any]) -> str | None:
    """The kind of thing question asks for (data.answer_kind: a price, a date...) when an answer
    given with passages (sources) holds none of it: then every front end answers DONT_KNOW_REPLY
    instead. None for answers given without passages, which never say the documents are silent."""
    return missing_kind(question, answer) if sources else None


def answer_prompt(index: DocumentIndex | None, question: str, *, budget_tokens: int, tokenizer: Any = None,
                  count_tokens: Counter | None = None, system_prompt: str | None = None,
                  turns: Sequence[tuple[str, str]] = (), passages: int = DEFAULT_PASSAGES) -> GroundedPrompt:
    """Searches the index for question and grounds it (no index: the plain conversation)."""
    hits = index.search(question, passages) if index is not None else []
    prompt = grounded_messages(question, hits, budget_tokens=budget_tokens, tokenizer=tokenizer,
                               count_tokens=count_tokens, system_prompt=system_prompt, turns=turns)
    prompt.silent = documents_silent(index, question, hits)
    return prompt

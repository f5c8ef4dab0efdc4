"""Prompts with the club's documents (data.document_prompt): best passages first, never past the budget."""

from __future__ import annotations

import pytest

from farense_studio.data.corpus import token_counter
from farense_studio.data.document_prompt import (DOCUMENTS_HEADER, ELLIPSIS, MIN_PASSAGE_TOKENS, TEMPLATE_MARGIN,
                                           answer_prompt, grounded_messages)

SYSTEM = "És o assistente do Sporting Clube Farense."
QUESTION = "Por que clubes passou Hassan Nader antes de chegar a Faro?"


@pytest.fixture(scope="module")
def index(sample_index):
    return sample_index


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(tiny_model_dir))


def test_a_roomy_budget_carries_the_five_best_passages_in_order(index, tokenizer):
    prompt = answer_prompt(index, QUESTION, budget_tokens=4000, tokenizer=tokenizer, system_prompt=SYSTEM)
    user = prompt.messages[-1]["content"]
    assert prompt.messages[0] == {"role": "system", "content": SYSTEM}
    assert user.startswith(DOCUMENTS_HEADER) and user.endswith(QUESTION)
    assert [s["rank"] for s in prompt.sources] == [1, 2, 3, 4, 5] and prompt.dropped == 0
    assert prompt.sources[0]["file"] == "biografias/jogadores/hassan_nader.md"
    assert prompt.sources[0]["paragraph"] == 2
    hits = index.search(QUESTION, 5)
    positions = [user.index(h.passage.text) for h in hits]
    assert positions == sorted(positions)  # best first
    assert prompt.prompt_tokens == token_counter(tokenizer)(prompt.messages)


@pytest.mark.parametrize("budget", [120, 180, 260, 400])
def test_the_budget_is_never_exceeded_and_cut_passages_say_so(index, tokenizer, budget):
    count = token_counter(tokenizer)
    prompt = answer_prompt(index, QUESTION, budget_tokens=budget, tokenizer=tokenizer, system_prompt=SYSTEM)
    assert count(prompt.messages) <= budget - TEMPLATE_MARGIN
    user = prompt.messages[-1]["content"]
    for source in prompt.sources:
        assert source["truncated"] == (ELLIPSIS in user.split(f"[{prompt.sources.index(source) + 1}]")[1]
                                       .split("\n")[0])
    assert len(prompt.sources) + prompt.dropped == 5
    if budget in (180, 400):  # with the tiny byte-level tokenizer these cut a passage
        assert any(s["truncated"] for s in prompt.sources)


def test_a_small_budget_keeps_the_best_passage_and_drops_the_rest(index, tokenizer):
    count = token_counter(tokenizer)
    bare = count(grounded_messages(QUESTION, [], budget_tokens=10_000, tokenizer=tokenizer,
                                   system_prompt=SYSTEM).messages)
    with_one = count(answer_prompt(index, QUESTION, budget_tokens=10_000, tokenizer=tokenizer, system_prompt=SYSTEM,
                                   passages=1).messages)
    budget = with_one + TEMPLATE_MARGIN + 10  # room for the first passage, not for a second one whole
    prompt = answer_prompt(index, QUESTION, budget_tokens=budget, tokenizer=tokenizer, system_prompt=SYSTEM)
    assert prompt.sources[0]["rank"] == 1 and not prompt.sources[0]["truncated"]
    assert prompt.dropped >= 3
    assert count(prompt.messages) <= budget - TEMPLATE_MARGIN
    assert bare < with_one


def test_with_no_room_for_any_passage_the_question_goes_alone(index, tokenizer):
    count = token_counter(tokenizer)
    bare = grounded_messages(QUESTION, [], budget_tokens=10_000, tokenizer=tokenizer, system_prompt=SYSTEM)
    budget = count(bare.messages) + TEMPLATE_MARGIN + MIN_PASSAGE_TOKENS - 1
    prompt = answer_prompt(index, QUESTION, budget_tokens=budget, tokenizer=tokenizer, system_prompt=SYSTEM)
    assert prompt.sources == [] and prompt.dropped == 5
    assert prompt.messages[-1] == {"role": "user", "content": QUESTION}


def test_earlier_turns_count_against_the_budget(index, tokenizer):
    turns = [("Quem foi Hassan Nader?", "Um avançado marroquino que jogou dez épocas no Farense. " * 8)]
    alone = answer_prompt(index, QUESTION, budget_tokens=600, tokenizer=tokenizer, system_prompt=SYSTEM)
    after = answer_prompt(index, QUESTION, budget_tokens=600, tokenizer=tokenizer, system_prompt=SYSTEM, turns=turns)
    assert after.messages[1]["content"] == turns[0][0] and after.messages[2]["role"] == "assistant"
    assert len(after.sources) < len(alone.sources) or any(s["truncated"] for s in after.sources)
    assert token_counter(tokenizer)(after.messages) <= 600 - TEMPLATE_MARGIN


def test_no_index_means_the_plain_conversation(tokenizer):
    prompt = answer_prompt(None, QUESTION, budget_tokens=500, tokenizer=tokenizer, system_prompt=SYSTEM)
    assert prompt.messages == [{"role": "system", "content": SYSTEM}, {"role": "user", "content": QUESTION}]
    assert prompt.sources == []


def test_sources_read_as_places_in_the_clubs_files(index, tokenizer):
    from farense_studio.data.document_prompt import source_text

    prompt = answer_prompt(index, QUESTION, budget_tokens=4000, tokenizer=tokenizer, system_prompt=SYSTEM)
    assert source_text(prompt.sources[0], "pt") == "biografias/jogadores/hassan_nader.md, parágrafo 2"
    assert source_text(prompt.sources[0], "en") == "biografias/jogadores/hassan_nader.md, paragraph 2"
    qa = next(s for s in prompt.sources if s["kind"] == "qa")
    assert source_text(qa, "pt") == f"qa.jsonl, linha {qa['line']}"

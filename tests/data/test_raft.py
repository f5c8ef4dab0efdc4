"""Training with documents (data.raft): the right passage, distractors and "não sei", as answering builds them."""

from __future__ import annotations

import json
import re

import pytest

from farense_studio.cli import main
from farense_studio.data import build_corpus
from farense_studio.data.corpus import token_counter
from farense_studio.data.document_prompt import DOCUMENTS_HEADER, answer_prompt, passage_line
from farense_studio.data.generated import GeneratedStore, generate, template_proposer, units_from_examples
from farense_studio.data.passages import passages_from_examples
from farense_studio.data.raft import DONT_KNOW, PLAIN, RIGHT, SETTING_KEY, SILENT, RaftSettings, answer_stated, \
    mix_differs, mix_examples
from farense_studio.data.retrieval import DocumentIndex, open_index

SYSTEM = "És o assistente do Sporting Clube Farense."


@pytest.fixture(scope="module")
def corpus(sample_data_dir, tmp_path_factory):
    """The sample club with its template-generated questions (so "gerado" rows take part)."""
    club = build_corpus([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"])
    store = GeneratedStore(tmp_path_factory.mktemp("projeto") / "gerados.jsonl")
    generate(units_from_examples(club.examples), store, [("template", template_proposer)])
    full = build_corpus([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"], extra=store.examples())
    return full, list(store.proposals.values())


@pytest.fixture(scope="module")
def index(corpus):
    built = DocumentIndex()
    built.update(passages_from_examples(corpus[0].examples))
    return built


@pytest.fixture(scope="module")
def count(tiny_model_dir):
    from transformers import AutoTokenizer

    return token_counter(AutoTokenizer.from_pretrained(str(tiny_model_dir)))


def _mix(corpus, index, count, **settings):
    examples, proposals = corpus
    # the three shares alone (keep_plain's copies, on by default, are asked for where a test is about them)
    return mix_examples(examples.examples, index, RaftSettings(**{"system_prompt": SYSTEM, "keep_plain": False,
                                                                  **settings}), count,
                        proposals)


def _user(example) -> str:
    return next(m["content"] for m in example.messages if m["role"] == "user")


def _right_text(example, index, proposals) -> str:
    """The text of the passage an example came from, found independently of data.raft."""
    by_id = {p.example_id: p for p in proposals}
    proposal = by_id.get(example.id)
    for passage in index.passages:
        if example.format == "bio_summary":  # "Quem foi X?" is answered by the opening paragraph
            if (passage.file, passage.paragraph) == (example.source, 1):
                assert example.answer.split(".")[0] in passage.text
                return passage.text
        elif proposal is not None and proposal.paragraph is not None:
            if (passage.file, passage.paragraph) == (proposal.source, proposal.paragraph):
                return passage.text
        elif (proposal.of if proposal is not None else example.id) in passage.row_ids:
            return passage.text
    raise AssertionError(f"no passage for {example.id}")


def test_the_mix_is_fixed_by_the_seed_and_moves_with_it(corpus, index, count):
    first, report = _mix(corpus, index, count, max_tokens=2048)
    again, _ = _mix(corpus, index, count, max_tokens=2048)
    other, other_report = _mix(corpus, index, count, max_tokens=2048, seed=7)
    assert [e.messages for e in first] == [e.messages for e in again]
    assert report.modes != other_report.modes
    assert report.right > report.silent > 0 and report.plain > 0
    assert report.right + report.silent + report.plain == len(first) == len(corpus[0].examples)


def test_right_share_carries_its_passage_and_the_silent_share_never_does(corpus, index, count):
    mixed, report = _mix(corpus, index, count, max_tokens=2048)
    original = {e.id: e for e in corpus[0].examples}
    generated_right = 0
    for example in mixed:
        mode, before = report.modes[example.id], original[example.id]
        if mode == PLAIN:
            assert example.messages == before.messages
            continue
        user, right = _user(example), _right_text(before, index, corpus[1])
        assert user.startswith(DOCUMENTS_HEADER) and user.endswith(before.question)
        if mode == RIGHT:
            assert right in user and example.answer == before.answer
            generated_right += before.origin == "gerado"
        else:
            assert right not in user and example.answer == DONT_KNOW
            shown = re.sub(r"(?m)^\[\d+\] ", "", user.split("\n\nResponde")[0])  # "[1]" states no fact
            assert not answer_stated(before.answer, shown)
    assert generated_right > 10


def _right_places(corpus, index, count, **settings):
    """How often the right passage is shown first, second... in the right share's examples."""
    mixed, report = _mix(corpus, index, count, max_tokens=2048, **settings)
    original = {e.id: e for e in corpus[0].examples}
    places = []
    for example in mixed:
        if report.modes[example.id] == RIGHT:
            lines = re.findall(r"(?m)^\[(\d+)\] [^:]*: (.*)$", _user(example))
            right = _right_text(original[example.id], index, corpus[1])
            places.append(next(int(n) for n, text in lines if text == right))
    return places


def test_shuffle_right_puts_the_right_passage_anywhere_not_mostly_first(corpus, index, count):
    """Retrieval ranks a question's own passage first nearly always; a model trained on that reads only
    passage [1]. shuffle_right (data prepare --shuffle-right) spreads it over every place, seeded."""
    natural = _right_places(corpus, index, count)
    shuffled = _right_places(corpus, index, count, shuffle_right=True)
    assert len(natural) == len(shuffled) > 50
    assert natural.count(1) > 0.6 * len(natural)
    assert set(shuffled) == {1, 2, 3, 4, 5} and max(shuffled.count(n) for n in range(1, 6)) < 0.35 * len(shuffled)
    assert _right_places(corpus, index, count, shuffle_right=True) == shuffled  # the seed fixes them


def test_whole_biographies_stay_plain_and_checking_examples_are_mixed_too(corpus, index, count):
    mixed, report = _mix(corpus, index, count, max_tokens=2048)
    assert all(report.modes[e.id] == PLAIN for e in mixed if e.format == "bio_full")
    valid_modes = {report.modes[e.id] for e in mixed if e.split == "valid"}
    assert {RIGHT, PLAIN} <= valid_modes


def test_no_example_grows_past_max_tokens_with_the_trainers_system_prompt(corpus, index, count):
    limit = 300
    mixed, report = _mix(corpus, index, count, max_tokens=limit)
    original = {e.id: e for e in corpus[0].examples}
    for example in mixed:
        if example.messages != original[example.id].messages:
            own = example.messages[0]["role"] == "system"  # the trainer adds one only where there is none
            assert count(([] if own else [{"role": "system", "content": SYSTEM}]) + example.messages) <= limit
    assert report.right > 0 and report.no_room > 0


def test_the_training_prompt_is_the_answering_prompt(corpus, index, count):
    """For a question whose own passage retrieval ranks first, the example's user turn is, character
    for character, what answering builds for it (with as many passages)."""
    mixed, report = _mix(corpus, index, count, max_tokens=4096, right_fraction=1.0, silent_fraction=0.0)
    checked = 0
    for example, before in zip(mixed, corpus[0].examples):
        if report.modes[example.id] != RIGHT or before.origin != "qa":
            continue
        asked = answer_prompt(index, before.question, budget_tokens=4096, count_tokens=count, system_prompt=SYSTEM)
        if passage_line(1, index.search(before.question, 1)[0]).split(": ", 1)[1] not in _user(example):
            continue
        if _right_text(before, index, []) != index.search(before.question, 1)[0].passage.text:
            continue
        assert asked.messages[-1]["content"] == _user(example)
        checked += 1
    assert checked > 20


def test_prepare_with_documents_in_training_writes_passages_and_the_examples_train(
        tmp_path, capsys, sample_data_dir, tiny_model_dir):
    from farense_studio.engine.config import LoraSettings, TrainConfig
    from farense_studio.engine.trainer import Trainer

    club = tmp_path / "qa.jsonl"
    club.write_text("".join((sample_data_dir / "qa.jsonl").read_text(encoding="utf-8").splitlines(True)[:14]),
                    encoding="utf-8")
    out = tmp_path / "preparado"
    code = main(["--lang", "pt", "data", "prepare", "--jsonl", str(club), "--out", str(out),
                 "--model", str(tiny_model_dir), "--max-tokens", "256", "--val-fraction", "0.2",
                 "--documents-in-training"])
    printed = capsys.readouterr().out
    assert code == 0 and "Treino com documentos:" in printed
    rows = [json.loads(line) for name in ("train.jsonl", "valid.jsonl")
            for line in (out / name).read_text(encoding="utf-8").splitlines()]
    users = [next(m["content"] for m in r["messages"] if m["role"] == "user") for r in rows]
    assert any(u.startswith(DOCUMENTS_HEADER) for u in users) and any(not u.startswith(DOCUMENTS_HEADER) for u in users)
    settings = json.loads((out / "relatorio.json").read_text(encoding="utf-8"))["settings"][SETTING_KEY]
    assert settings["max_tokens"] == 256 and settings["right"] > 0
    indexed = open_index(out / "indice")
    assert all(DONT_KNOW not in p.text and DOCUMENTS_HEADER not in p.text for p in indexed.passages)

    config = TrainConfig(model=str(tiny_model_dir), data_dir=str(out), epochs=1, batch_size=4, grad_accumulation=1,
                         learning_rate=1e-3, max_seq_length=256, eval_every=0, checkpoint_every=0, seed=3,
                         lora=LoraSettings(rank=4, alpha=8.0, dropout=0.0, num_layers=2))
    result = Trainer(config, tmp_path / "treino").run()
    assert result.status == "finished", result.error
    assert len(result.losses) >= 2 and all(loss > 0 for _, loss in result.losses)


def test_bad_fractions_are_refused():
    with pytest.raises(ValueError):
        RaftSettings(right_fraction=0.8, silent_fraction=0.4)


def test_the_unknown_scorer_reads_a_dont_know_and_counts_invented_facts():
    from farense_studio.data.raft import invented_facts, says_dont_know

    question = "Quantos golos marcou Hajry Redouane pelo Farense?"
    for answer in (DONT_KNOW, "Não tenho essa informação.", "Desconheço.", "Os documentos do clube não referem isso."):
        assert says_dont_know(answer) and invented_facts(answer, question) == []
    assert not says_dont_know("Hajry Redouane marcou 40 golos pelo Farense.")
    assert invented_facts("Hajry Redouane marcou 40 golos pelo Benfica.", question) == ["40", "Benfica"]


def test_deeper_silent_passages_teach_more_dont_knows_and_never_state_the_answer(corpus, index, count):
    """silent_search (data prepare --silent-search): a «não sei» example skips the passages that state its
    answer instead of giving up, so more examples teach it, each shown passages that stay silent."""
    measured, first = _mix(corpus, index, count, max_tokens=2048)
    deeper, second = _mix(corpus, index, count, max_tokens=2048, silent_search=4)
    assert second.silent > first.silent and second.answer_in_distractors < first.answer_in_distractors
    original = {e.id: e for e in corpus[0].examples}
    for example in deeper:
        if second.modes[example.id] == SILENT:
            assert example.answer == DONT_KNOW
            shown = re.sub(r"(?m)^\[\d+\] ", "", _user(example).split("\n\nResponde")[0])
            assert not answer_stated(original[example.id].answer, shown)


def test_keep_plain_also_teaches_each_fact_without_documents_in_the_same_split(corpus, index, count):
    """keep_plain (data prepare --keep-plain): an example with passages is written a second time as it
    was, in its split and its paraphrase group, so the model also learns the fact closed-book."""
    from farense_studio.data.paraphrases import paraphrase_groups
    from farense_studio.data.raft import PLAIN_COPY

    mixed, report = _mix(corpus, index, count, max_tokens=2048)
    both, with_copies = _mix(corpus, index, count, max_tokens=2048, keep_plain=True)
    assert [e for e in both if not e.id.endswith(PLAIN_COPY)] == mixed  # the mix itself is unchanged
    copies = {e.id[:-len(PLAIN_COPY)]: e for e in both if e.id.endswith(PLAIN_COPY)}
    assert len(copies) == with_copies.plain_copies == report.right + report.silent
    original = {e.id: e for e in corpus[0].examples}
    twins = {e.id: e for e in mixed}
    for example_id, copy in copies.items():
        assert copy.messages == original[example_id].messages and copy.split == original[example_id].split
        assert _user(twins[example_id]).startswith(DOCUMENTS_HEADER)
    groups = paraphrase_groups(both)
    grouped = [i for i, e in copies.items() if e.split == "train" and i in groups]
    assert grouped and all(groups[i + PLAIN_COPY] == groups[i] for i in grouped)


def test_prepare_options_for_the_mix_are_recorded_and_bad_values_refused(tmp_path, capsys, sample_data_dir,
                                                                          tiny_model_dir):
    base = ["--lang", "pt", "data", "prepare", "--jsonl", str(sample_data_dir / "qa.jsonl"),
            "--model", str(tiny_model_dir), "--max-tokens", "256", "--documents-in-training"]
    out = tmp_path / "preparado"
    assert main(base + ["--out", str(out), "--passages", "3", "--silent-fraction", "0,3", "--silent-search", "4",
                        "--keep-plain", "--shuffle-right"]) == 0
    used = json.loads((out / "relatorio.json").read_text(encoding="utf-8"))["settings"][SETTING_KEY]
    assert (used["distractors"], used["silent_fraction"], used["silent_search"], used["keep_plain"],
            used["shuffle_right"]) == (2, 0.3, 4, True, True)
    said = capsys.readouterr().out
    assert f"Mais {used['plain_copies']} cópias sem documentos" in said and used["plain_copies"] > 0
    rows = (out / "train.jsonl").read_text(encoding="utf-8").splitlines()
    valid = (out / "valid.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rows) == used["right"] + used["silent"] + used["plain"] + used["plain_copies"] - len(valid)
    # the totals the message gives are what the files hold (Treino counts those)
    assert (used["train_rows"], used["valid_rows"]) == (len(rows), len(valid))
    assert f"{len(rows)} exemplos de treino e {len(valid)} de verificação ao todo" in said
    # the measured default keeps the plain copies; --no-keep-plain leaves them out, and Treino can tell
    # that such data (or an earlier version's) were not mixed the way this version mixes them
    assert mix_differs(out, {}) is True  # the options above
    for flag, copies in (([], True), (["--no-keep-plain"], False)):
        other = tmp_path / f"preparado{len(flag)}"
        assert main(base + ["--out", str(other), *flag]) == 0
        mixed = json.loads((other / "relatorio.json").read_text(encoding="utf-8"))["settings"][SETTING_KEY]
        assert mixed["keep_plain"] is copies and (mixed["plain_copies"] > 0) is copies
        assert ("cópias sem documentos" in capsys.readouterr().out) is copies
        assert mix_differs(other, {}) is not copies
        assert mix_differs(other, {SETTING_KEY: False}) is False  # a project without documents: no matter
    assert mix_differs(tmp_path / "nada", {}) is False  # nothing prepared: nothing to say
    with pytest.raises(SystemExit):
        main(base + ["--out", str(tmp_path / "x"), "--silent-fraction", "0.9"])
    assert "«0.9» não é uma fração entre 0 e 0,5" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()

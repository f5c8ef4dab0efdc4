"""The corpus: duplicates, a reproducible and stable split, statistics and the prepared folder."""

from __future__ import annotations

import hashlib
import json
import time

from data_helpers import CharTokenizer

from farense_studio.data import Edits, build_corpus, write_prepared
from farense_studio.data.corpus import assign_splits, length_stats
from farense_studio.data.formats import Example


def qa_file(path, count, start=0, answer="Resposta sobre o Farense, de Faro, fundado em 1910."):
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(start, start + count):
            handle.write(json.dumps({"messages": [
                {"role": "system", "content": "És o assistente do Sporting Clube Farense."},
                {"role": "user", "content": f"Pergunta n.º {i} sobre o Farense?"},
                {"role": "assistant", "content": f"{answer} ({i})"}]}, ensure_ascii=False) + "\n")
    return path


def test_duplicates_exact_and_normalised(tmp_path):
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text('{"question": "Quem foi Hassan Nader?", "answer": "Um avançado."}\n'
                 '{"question": "Onde fica o Farense?", "answer": "Em Faro."}\n'
                 '{"question": "Quem foi Hassan Nader?", "answer": "Um avançado."}\n', encoding="utf-8")
    b.write_text('{"prompt": "quem  foi HASSAN nader?", "completion": " Um avançado.\\n"}\n'
                 '{"prompt": "Quem foi Hassan Nader?", "completion": "Outro texto."}\n', encoding="utf-8")
    corpus = build_corpus([a, b], [])
    assert [(e.source, e.line) for e in corpus.examples] == [("a.jsonl", 1), ("a.jsonl", 2), ("b.jsonl", 2)]
    assert corpus.duplicates_removed == 2
    dups = [(p.file, p.line, p.params["first"], p.severity) for p in corpus.problems]
    assert dups == [("a.jsonl", 3, "a.jsonl:1", "warning"), ("b.jsonl", 1, "a.jsonl:1", "warning")]
    assert corpus.errors == [] and len(corpus.warnings) == 2


def test_split_reproducible_and_seeded(tmp_path):
    path = qa_file(tmp_path / "a.jsonl", 1000)
    one = {e.id: e.split for e in build_corpus([path], []).examples}
    two = {e.id: e.split for e in build_corpus([path], []).examples}
    other = {e.id: e.split for e in build_corpus([path], [], seed=7).examples}
    assert one == two and one != other
    valid = sum(1 for s in one.values() if s == "valid")
    assert 70 <= valid <= 130  # about 10 %
    quarter = build_corpus([path], [], val_fraction=0.25)
    assert 200 <= len(quarter.valid) <= 300


def test_split_stable_when_unrelated_examples_are_added(tmp_path):
    path = qa_file(tmp_path / "a.jsonl", 300)
    before = {e.id: e.split for e in build_corpus([path], []).examples}
    more = qa_file(tmp_path / "b.jsonl", 300, start=1000)
    qa_file(path, 300)  # rewritten identically
    after = {e.id: e.split for e in build_corpus([more, path], []).examples}
    assert all(after[i] == s for i, s in before.items())
    assert len(after) == 600


def test_at_least_one_each_side():
    for count in (2, 3, 5):
        examples = [Example([], "x", i, "qa", f"id{i}") for i in range(count)]
        assign_splits(examples, 0.1, 42)
        splits = [e.split for e in examples]
        assert "valid" in splits and "train" in splits
    examples = [Example([], "x", i, "qa", f"id{i}") for i in range(4)]
    assign_splits(examples, 0.99, 1)
    assert [e.split for e in examples].count("train") >= 1


def test_single_example_warns(tmp_path):
    path = qa_file(tmp_path / "a.jsonl", 1)
    corpus = build_corpus([path], [])
    assert [e.split for e in corpus.examples] == ["train"]
    assert [p.code for p in corpus.problems] == ["too_few_examples"]
    empty = build_corpus([], [])
    assert [p.code for p in empty.problems] == ["no_examples"] and empty.errors


def test_stats(sample_data_dir):
    corpus = build_corpus([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"],
                          tokenizer=CharTokenizer(), max_tokens=100_000)
    stats = corpus.stats()
    assert stats["examples"] == stats["train"] + stats["valid"] == len(corpus.examples)
    assert stats["per_source"]["qa.jsonl"]["total"] >= 180
    assert stats["per_source"]["biografias/jogadores/hassan_nader.md"]["total"] == 2
    assert stats["per_origin"]["bio"]["total"] >= 24
    assert stats["tokens"]["max"] >= stats["tokens"]["median"] >= stats["tokens"]["min"] > 0
    assert sum(stats["tokens"]["histogram"]["counts"]) == stats["examples"]
    assert stats["tokens"]["max_allowed"] == 100_000 and stats["tokens"]["too_long"] == 0
    json.dumps(stats)


def test_length_stats_histogram():
    stats = length_stats([1, 2, 3, 100])
    assert stats["histogram"]["counts"][0] == 3 and sum(stats["histogram"]["counts"]) == 4
    assert stats["histogram"]["edges"][0] == 1 and stats["histogram"]["edges"][-1] > 100
    assert length_stats([])["count"] == 0


def test_write_prepared(tmp_path, sample_data_dir):
    sources = ([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"])
    corpus = build_corpus(*sources)
    out = write_prepared(corpus, tmp_path / "preparado")
    train = [json.loads(line) for line in (out / "train.jsonl").read_text(encoding="utf-8").splitlines()]
    valid = [json.loads(line) for line in (out / "valid.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(train) == len(corpus.train) and len(valid) == len(corpus.valid) >= 1
    for row in train + valid:
        assert list(row) == ["messages"]
        assert [m["role"] for m in row["messages"]][-2:] == ["user", "assistant"]
    report = json.loads((out / "relatorio.json").read_text(encoding="utf-8"))
    assert report["counts"]["train"] == len(train) and report["settings"]["seed"] == 42
    assert report["hashes"]["train.jsonl"] == hashlib.sha256((out / "train.jsonl").read_bytes()).hexdigest()
    assert report["hashes"]["valid.jsonl"] == hashlib.sha256((out / "valid.jsonl").read_bytes()).hexdigest()
    assert not list(out.glob("*.tmp"))
    # Byte for byte the same on a second run.
    again = write_prepared(build_corpus(*sources), tmp_path / "outra")
    for name in ("train.jsonl", "valid.jsonl", "relatorio.json"):
        assert (out / name).read_bytes() == (again / name).read_bytes()


def test_report_lists_problems_with_codes_and_texts(tmp_path, problems_file):
    out = write_prepared(build_corpus([problems_file], []), tmp_path / "p", lang="en")
    report = json.loads((out / "relatorio.json").read_text(encoding="utf-8"))
    codes = {(p["line"], p["code"]) for p in report["problems"]}
    assert (3, "invalid_json") in codes and (10, "duplicate") in codes
    assert all(p["text"] and p["severity"] in ("error", "warning") for p in report["problems"])
    assert report["problems"][0]["text"].startswith("Invalid JSON")


def test_fast_and_reports_progress(tmp_path):
    path = qa_file(tmp_path / "big.jsonl", 20_000)
    calls = []
    # CPU time, not wall time: a busy CI machine must not fail this (about 0.3 s here).
    start = time.process_time()
    corpus = build_corpus([path], [], progress=lambda done, total: calls.append((done, total)))
    elapsed = time.process_time() - start
    assert len(corpus.examples) == 20_000
    assert elapsed < 1.5, f"20 000 examples took {elapsed:.2f} s of CPU"
    assert calls[0] == (0, 20_000) and calls[-1] == (20_000, 20_000)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_progress_while_tokenizing(tmp_path):
    path = qa_file(tmp_path / "a.jsonl", 500)
    calls = []
    build_corpus([path], [], tokenizer=CharTokenizer(), progress=lambda d, t: calls.append(d))
    assert len(calls) > 10 and calls[-1] == 500


def test_edits_applied_before_checks(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"question": "Onde joga o Farense?", "answer": ""}\n'
                    '{"question": "Q2", "answer": "A2"}\n{"question": "Q3", "answer": "A3"}\n', encoding="utf-8")
    corpus = build_corpus([path], [])
    assert [p.code for p in corpus.problems] == ["empty_answer"]
    broken_id = corpus.rejected[0].id
    edits = Edits()
    edits.set_messages(broken_id, [{"role": "user", "content": "Onde joga o Farense?"},
                                   {"role": "assistant", "content": "No Estádio de São Luís."}])
    third = next(e for e in corpus.examples if e.line == 3)
    edits.remove(third.id)
    added = edits.add([{"role": "user", "content": "Alcunha?"}, {"role": "assistant", "content": "Leões de Faro."}],
                      split="valid")
    fixed = build_corpus([path], [], edits=edits)
    assert fixed.problems == []
    assert {e.id for e in fixed.examples} == {broken_id, corpus.examples[0].id, added}
    assert next(e for e in fixed.examples if e.id == added).split == "valid"
    assert path.read_text(encoding="utf-8").startswith('{"question": "Onde joga o Farense?", "answer": ""}')


def test_files_with_the_same_name_in_different_folders_stay_apart(tmp_path):
    from farense_studio.data.corpus import jsonl_names

    (tmp_path / "2023").mkdir()
    (tmp_path / "2024").mkdir()
    old = qa_file(tmp_path / "2023" / "qa.jsonl", 3)
    new = qa_file(tmp_path / "2024" / "qa.jsonl", 3)  # the very same rows, in another file
    alone = qa_file(tmp_path / "outro.jsonl", 2, start=10)
    assert jsonl_names([old, new, alone]) == ["2023/qa.jsonl", "2024/qa.jsonl", "outro.jsonl"]
    assert jsonl_names([old, old]) == ["qa.jsonl", "qa.jsonl"]  # one file listed twice is no clash
    assert jsonl_names([tmp_path / "a" / "x" / "q.jsonl", tmp_path / "b" / "x" / "q.jsonl"]) == [
        "a/x/q.jsonl", "b/x/q.jsonl"]

    corpus = build_corpus([old, new, alone], [], split=False)
    assert {e.source for e in corpus.examples} == {"2023/qa.jsonl", "outro.jsonl"}
    dups = [(p.file, p.line, p.params["first"]) for p in corpus.problems]
    assert dups == [("2024/qa.jsonl", n, f"2023/qa.jsonl:{n}") for n in (1, 2, 3)]
    ids = [e.id for e in build_corpus([old, new], [], split=False).examples]
    assert len(ids) == len(set(ids))
    # The common case keeps the bare name, so its ids (and the edits keyed by them) do not change.
    single = build_corpus([old], [], split=False).examples
    assert [e.source for e in single] == ["qa.jsonl"] * 3
    assert [e.id for e in single] == [e.id for e in build_corpus([alone, old], [], split=False).examples
                                      if e.source == "qa.jsonl"]
    assert build_corpus([old], [], split=False, full_paths=True).examples[0].source == str(old)

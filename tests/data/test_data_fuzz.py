"""Random bytes and random lines never crash the readers, and no line disappears silently.

Hypothesis explores shapes; the seeded generator of fuzz_inputs.py adds a few thousand hostile
lines and biography folders (lone surrogate escapes, deep nesting, FIFOs, links out of the folder,
huge files). ``python scripts/fuzz_data.py --cases 10000`` runs the seeded generator at scale.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_inputs import run_cases

from farense_studio.data import build_corpus, read_biographies
from farense_studio.data.formats import parse_jsonl

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["messages", "role", "content", "prompt", "completion", "text", "question", "answer",
                         "instruction", "input", "output", "system", "conversations", "from", "value", "x"]),
        children, max_size=4),
    max_leaves=12)
# JSON text with escapes as they come: lone or paired surrogates, among other characters.
escaped_text = st.lists(st.sampled_from(["\\ud83d", "\\ude00", "\\ud83d\\ude00", "\\\\", "\\\\ud800", "\\u00e9",
                                         "a", " ", "é", '\\"']), max_size=8).map("".join)
surrogate_lines = st.tuples(st.sampled_from(["question", "answer", "text", "prompt"]), escaped_text).map(
    lambda kv: (f'{{"{kv[0]}": "{kv[1]}", "answer": "{kv[1]}x", "completion": "c"}}').encode())
deep_lines = st.tuples(st.integers(1, 3000), st.sampled_from(["[", '{"a":', '{"messages":'])).map(
    lambda d: (d[1] * d[0] + "1" + ("]" if d[1] == "[" else "}") * d[0]).encode())
lines = st.one_of(st.binary(max_size=60), json_values.map(lambda v: json.dumps(v).encode()),
                  st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")),
                  surrogate_lines, deep_lines)


def _non_blank_lines(data: bytes) -> set[int]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return {n for n, raw in enumerate(data.split(b"\n"), 1) if raw.strip()}


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes(tmp_path, data):
    path = tmp_path / "x.jsonl"
    path.write_bytes(data)
    examples, problems = parse_jsonl(path)
    seen = [e.line for e in examples] + [p.line for p in problems if p.line is not None]
    assert sorted(seen) == sorted(_non_blank_lines(data))
    corpus = build_corpus([path], [])
    for problem in corpus.problems:
        problem.text("pt"), problem.text("en")
    folder = tmp_path / "bio"
    folder.mkdir(exist_ok=True)
    (folder / "x.md").write_bytes(data)
    (folder / "y.json").write_bytes(data)
    found, _ = read_biographies(folder)
    text = data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")
    for example in found:
        assert example.answer.strip()
        if example.source.endswith(".md"):
            assert example.answer in text  # extracted, never made up


@FUZZ
@given(rows=st.lists(lines, max_size=12))
def test_random_lines_each_kept_or_reported(tmp_path, rows):
    data = b"\n".join(rows)
    path = tmp_path / "x.jsonl"
    path.write_bytes(data)
    corpus = build_corpus([path], [], split=False)
    kept = {e.line for e in corpus.examples}
    # Left out and named: an error, or a repeat of a kept line (a lone-surrogate warning keeps it).
    reported = {p.line for p in corpus.problems if p.line is not None and (p.is_error or p.code == "duplicate")}
    assert kept | reported == _non_blank_lines(data)
    assert not kept & reported
    for example in corpus.examples:
        assert example.to_row()["messages"]
        json.dumps(example.to_row(), ensure_ascii=False).encode("utf-8")
    for problem in corpus.problems:
        json.dumps(problem.to_json(), ensure_ascii=False).encode("utf-8")


def test_seeded_hostile_files_and_folders(tmp_path):
    """1,500 JSONL files (about 7,500 lines) and 200 biography folders (about 700 files): no crash,
    every bad line or file named, no good one lost."""
    figures = run_cases(tmp_path, seed=1916, jsonl_cases=1500, bio_cases=200)
    assert figures["lines"] > 5000 and figures["bio_files"] > 500
    assert figures["crashes"] == 0 and figures["failures"] == []

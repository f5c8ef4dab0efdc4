"""Random bytes and random lines never crash the readers, and no line disappears silently."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
lines = st.one_of(st.binary(max_size=60), json_values.map(lambda v: json.dumps(v).encode()),
                  st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")))


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
    reported = {p.line for p in corpus.problems if p.line is not None}
    assert kept | reported == _non_blank_lines(data)
    assert not kept & reported
    for example in corpus.examples:
        assert example.to_row()["messages"]
        json.dumps(example.to_row())

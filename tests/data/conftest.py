"""Fixtures of the data tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def problems_file(sample_data_dir):
    return sample_data_dir / "problemas_exemplo.jsonl"


@pytest.fixture(scope="module")
def sample_index(sample_data_dir):
    """The index of the sample project's documents (Q&A lines and biography paragraphs), in memory."""
    from farense_studio.data import build_corpus
    from farense_studio.data.passages import passages_from_examples
    from farense_studio.data.retrieval import DocumentIndex

    corpus = build_corpus([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"])
    built = DocumentIndex()
    built.update(passages_from_examples(corpus.examples))
    return built

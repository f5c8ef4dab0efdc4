"""Fixtures of the data tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def problems_file(sample_data_dir):
    return sample_data_dir / "problemas_exemplo.jsonl"

"""Fixtures of the chat and scorecard tests: the toy run, its model loaded once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from chat_toy import SYSTEM_PROMPT, TOY_FACTS, toy_run  # noqa: E402


@pytest.fixture(scope="session")
def toy(tmp_path_factory):
    return toy_run(tmp_path_factory)


@pytest.fixture(scope="session")
def chat_cache(toy):
    """One ChatModelCache for the module's tests (the base is read once)."""
    from farense_studio.engine.generation import ChatModelCache

    return ChatModelCache()


@pytest.fixture
def facts():
    return TOY_FACTS


@pytest.fixture
def system_prompt():
    return SYSTEM_PROMPT

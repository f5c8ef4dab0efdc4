"""resolve_model / check_model_folder: good folders pass, missing or damaged ones give plain codes."""

from __future__ import annotations

import json
import shutil

import pytest

from farense_studio.engine.models import (
    DEMO_MODEL,
    RECOMMENDED_MODELS,
    ModelError,
    check_model_folder,
    is_repo_id,
    resolve_model,
    split_repo_spec,
)


@pytest.fixture
def tiny_copy(tiny_model_dir, tmp_path):
    folder = tmp_path / "modelo"
    shutil.copytree(tiny_model_dir, folder)
    return folder


def _error(spec) -> ModelError:
    with pytest.raises(ModelError) as info:
        resolve_model(str(spec))
    err = info.value
    text = err.text()
    assert "Traceback" not in text and text and not text.startswith(err.code)
    assert err.text("en") != text  # both languages exist
    return err


def test_a_good_folder_resolves_to_itself(tiny_model_dir, tiny_mistral_dir):
    assert resolve_model(str(tiny_model_dir)) == tiny_model_dir.resolve()
    assert resolve_model(str(tiny_mistral_dir)) == tiny_mistral_dir.resolve()
    assert check_model_folder(tiny_model_dir)["model_type"] == "llama"


def test_recommended_models_are_described():
    ids = [m["id"] for m in RECOMMENDED_MODELS]
    assert ids[0] == "mlx-community/Mistral-7B-Instruct-v0.3-4bit"
    assert DEMO_MODEL in ids
    assert any(m["min_memory_gb"] <= 8 and m["id"] != DEMO_MODEL for m in RECOMMENDED_MODELS)
    for m in RECOMMENDED_MODELS:
        assert {"id", "revision", "label_pt", "label_en", "size_gb", "min_memory_gb"} <= set(m)
    assert split_repo_spec("mlx-community/Mistral-7B-Instruct-v0.3-4bit") == (
        "mlx-community/Mistral-7B-Instruct-v0.3-4bit", RECOMMENDED_MODELS[0]["revision"])
    assert split_repo_spec("a/b@v1.0") == ("a/b", "v1.0")


def test_spec_kinds(tmp_path):
    assert is_repo_id("mlx-community/Qwen2.5-1.5B-Instruct-4bit")
    assert is_repo_id("a/b@0123abc")
    assert not is_repo_id("just-a-name")
    assert not is_repo_id("/abs/path/x")
    assert _error("").code == "model_spec_empty"
    assert _error("   ").code == "model_spec_empty"
    assert _error("nao-existe").code == "model_spec_not_found"
    assert _error(tmp_path / "nao" / "existe").code == "model_spec_not_found"
    (tmp_path / "f.txt").write_text("x")
    assert _error(tmp_path / "f.txt").code == "model_not_a_folder"


@pytest.mark.parametrize("remove, missing", [
    ("config.json", "config.json"),
    ("model.safetensors", "model.safetensors"),
    ("tokenizer.json", "tokenizer.json"),
])
def test_missing_parts_are_named(tiny_copy, remove, missing):
    (tiny_copy / remove).unlink()
    err = _error(tiny_copy)
    assert err.code == "model_incomplete"
    assert err.params["missing"] == missing
    assert missing in err.text() and str(tiny_copy) in err.text()


def test_missing_shard_of_an_index(tiny_copy):
    (tiny_copy / "model.safetensors").rename(tiny_copy / "model-00001-of-00002.safetensors")
    (tiny_copy / "model.safetensors.index.json").write_text(json.dumps({"weight_map": {
        "a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors"}}))
    err = _error(tiny_copy)
    assert (err.code, err.params["missing"]) == ("model_incomplete", "model-00002-of-00002.safetensors")


def test_truncated_weights_are_damaged(tiny_copy):
    weights = tiny_copy / "model.safetensors"
    data = weights.read_bytes()
    weights.write_bytes(data[: len(data) // 2])
    err = _error(tiny_copy)
    assert (err.code, err.params["file"]) == ("model_damaged", "model.safetensors")
    assert "trunc" in err.params["detail"]
    weights.write_bytes(b"\x00" * 7)
    assert _error(tiny_copy).code == "model_damaged"
    weights.write_bytes(b"garbage that is not safetensors at all")
    assert _error(tiny_copy).code == "model_damaged"


@pytest.mark.parametrize("file, content", [
    ("config.json", "{not json"),
    ("config.json", "[]"),
    ("config.json", "{}"),
    ("tokenizer.json", '{"truncated": '),
])
def test_unreadable_json_is_damaged(tiny_copy, file, content):
    (tiny_copy / file).write_text(content)
    err = _error(tiny_copy)
    assert (err.code, err.params["file"]) == ("model_damaged", file)


def test_unknown_architecture(tiny_copy):
    config = json.loads((tiny_copy / "config.json").read_text())
    config["model_type"] = "farense_transformer"
    (tiny_copy / "config.json").write_text(json.dumps(config))
    err = _error(tiny_copy)
    assert err.code == "model_unsupported" and "farense_transformer" in err.text()


def test_a_repo_already_in_the_hf_cache_is_reused(tiny_model_dir, tmp_path, monkeypatch):
    """A snapshot laid out as huggingface_hub (and mlx-lm) leave it resolves offline."""
    cache = tmp_path / "hub"
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    commit = "a" * 40
    repo_dir = cache / "models--clube--modelo"
    snap = repo_dir / "snapshots" / commit
    shutil.copytree(tiny_model_dir, snap)
    (repo_dir / "refs").mkdir()
    (repo_dir / "refs" / "main").write_text(commit)
    assert resolve_model("clube/modelo") == snap
    # not in the cache and offline: a plain message, no traceback
    err = _error("clube/outro")
    assert err.code == "model_not_downloaded"
    assert "clube/outro" in err.text()


def test_a_recorded_revision_pins_only_a_repository_that_would_load_another(tmp_path, monkeypatch):
    """What a run, an export or the chat reload is the revision it was trained on: the spec
    gains @revision only where the bare spec would resolve to another one."""
    from farense_studio.engine.models import pin_revision

    monkeypatch.chdir(tmp_path)
    assert pin_revision("clube/modelo", "0123abc") == "clube/modelo@0123abc"
    assert pin_revision("clube/modelo", None) == "clube/modelo"
    assert pin_revision("clube/modelo", "") == "clube/modelo"
    assert pin_revision("clube/modelo", "main") == "clube/modelo"  # what it resolves to anyway
    assert pin_revision("clube/modelo@v2", "0123abc") == "clube/modelo@v2"  # already pinned
    assert pin_revision(DEMO_MODEL, "0123abc") == DEMO_MODEL
    (tmp_path / "clube" / "local").mkdir(parents=True)  # a folder that looks like a repo id
    assert pin_revision("clube/local", "0123abc") == "clube/local"
    assert pin_revision(str(tmp_path / "clube" / "local"), "0123abc") == str(tmp_path / "clube" / "local")
    pinned = dict(RECOMMENDED_MODELS[0], revision="f" * 40)
    monkeypatch.setattr("farense_studio.engine.models.RECOMMENDED_MODELS", [pinned])
    assert pin_revision(pinned["id"], "main") == f"{pinned['id']}@main"
    assert pin_revision(pinned["id"], "f" * 40) == pinned["id"]

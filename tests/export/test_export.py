"""engine/export.py: the export folder, its metadata, never overwriting, atomic on failure."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading

import pytest

from farense_studio.engine.export import ExportError, ExportOptions, export_run
from helpers.tiny_run import SYSTEM_PROMPT

DAY = dt.date(2026, 11, 24)


def test_export_folder_holds_everything_the_bot_needs(exported, tiny_run, tiny_model_dir):
    names = {p.name for p in exported.iterdir()}
    assert names == {"adapters.safetensors", "adapter_config.json", "lora_config.json", "training_config.json",
                     "metadata.json", "inference.py", "inference_core.py", "INTEGRATION_GUIDE.md"}
    assert exported.name.startswith(f"{tiny_run.name}-")
    meta = json.loads((exported / "metadata.json").read_text(encoding="utf-8"))
    assert meta["base_model"]["spec"] == str(tiny_model_dir)
    assert meta["base_model"]["model_type"] == "llama"
    assert meta["system_prompt"] == SYSTEM_PROMPT
    assert meta["training"]["steps"] == 40 and meta["training"]["best_val_loss"] == 1.25
    assert meta["training"]["final_val_loss"] == 1.25 and meta["training"]["final_loss"] is not None
    assert meta["data"]["data_hash"] == "tiny-data"
    assert meta["adapter"] == {"checkpoint": "best", "folder": "checkpoint_epoch0_step40", "step": 40, "epoch": 0}
    assert meta["app"]["python"] and meta["app"]["version"]
    assert meta["name"] == exported.name and meta["created"]
    assert set(meta["files"]) == names - {"metadata.json"}
    lora = json.loads((exported / "lora_config.json").read_text())
    assert lora["rank"] == lora["r"] == 16 and lora["num_layers"] == 2
    assert json.loads((exported / "training_config.json").read_text())["system_prompt"] == SYSTEM_PROMPT
    assert (exported / "inference.py").stat().st_mode & 0o111


def test_adapter_loads_with_mlx_lm(exported, tiny_model_dir):
    from mlx_lm import load

    model, _ = load(str(tiny_model_dir), adapter_path=str(exported))
    assert any("lora_a" in name for name, _ in __import__("mlx.utils").utils.tree_flatten(model.parameters()))


def test_guide_is_portuguese_with_node_snippets_and_where_to_run(exported):
    guide = (exported / "INTEGRATION_GUIDE.md").read_text(encoding="utf-8")
    assert "serverless" in guide and "4 GB" in guide and "127.0.0.1" in guide
    assert "spawn('python3', [INFERENCE, pergunta]" in guide
    assert "/v1/chat/completions" in guide and "farense-studio serve --adapter" in guide
    assert str(exported) in guide
    for option in ("Só o modelo local", "outro fornecedor se falhar", "temas do clube"):
        assert option in guide


def test_never_overwrites_another_export(tiny_run, tmp_path):
    first = export_run(tiny_run, tmp_path, when=DAY)
    second = export_run(tiny_run, tmp_path, when=DAY)
    third = export_run(tiny_run, tmp_path, when=DAY)
    assert [first.name, second.name, third.name] == [f"{tiny_run.name}-2026-11-24", f"{tiny_run.name}-2026-11-24-2",
                                                      f"{tiny_run.name}-2026-11-24-3"]
    assert json.loads((second / "metadata.json").read_text())["name"] == second.name


def test_cancel_leaves_nothing(tiny_run, tmp_path):
    cancel = threading.Event()
    seen = []

    def progress(report):
        seen.append(report.code)
        cancel.set()

    with pytest.raises(ExportError) as err:
        export_run(tiny_run, tmp_path, progress=progress, cancel=cancel)
    assert err.value.code == "export_cancelled" and seen
    assert list(tmp_path.iterdir()) == []


def test_failure_midway_leaves_nothing(tiny_run, tmp_path, monkeypatch):
    import farense_studio.engine.export as export

    def broken(*args, **kwargs):
        raise RuntimeError("disco avariado")

    monkeypatch.setattr(export, "render_guide", broken)
    with pytest.raises(ExportError) as err:
        export_run(tiny_run, tmp_path)
    assert err.value.code == "export_failed" and "disco avariado" in err.value.text()
    assert list(tmp_path.iterdir()) == []


def test_not_a_run_and_no_checkpoint(tmp_path, tiny_run):
    with pytest.raises(ExportError) as err:
        export_run(tmp_path, tmp_path / "out")
    assert err.value.code == "export_not_a_run" and "config.yaml" in err.value.text()

    damaged = tmp_path / "damaged"
    shutil.copytree(tiny_run, damaged)
    checkpoint = next((damaged / "checkpoints").glob("checkpoint_*"))
    (checkpoint / "adapters.safetensors").write_bytes(b"\0" * 100)
    with pytest.raises(ExportError) as err:
        export_run(damaged, tmp_path / "out")
    assert err.value.code == "export_no_checkpoint"
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_scorecard_is_included_when_the_run_has_one(tiny_run, tmp_path):
    run = tmp_path / "run"
    shutil.copytree(tiny_run, run)
    (run / "evaluation").mkdir()
    (run / "evaluation" / "scorecard-20261124-101500.json").write_text(json.dumps({"correct": 21, "total": 30}))
    folder = export_run(run, tmp_path / "out", ExportOptions(checkpoint="latest"))
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["scorecard"] == {"correct": 21, "total": 30}
    assert meta["adapter"]["checkpoint"] == "latest"


def test_scorecard_of_the_exported_checkpoint_wins(tiny_run, tmp_path):
    import os

    from farense_studio.engine.checkpoints import resolve_checkpoint

    run = tmp_path / "run"
    shutil.copytree(tiny_run, run)
    latest = resolve_checkpoint(run, "latest")
    cards = run / "evaluation"
    cards.mkdir()
    mine = cards / "scorecard-20261124-101500.json"
    mine.write_text(json.dumps({"correct": 2, "total": 3, "adapter": str(latest)}))
    other = cards / "scorecard-20261124-111500.json"  # newer, made with another checkpoint
    other.write_text(json.dumps({"correct": 1, "total": 3, "adapter": "/x/checkpoint_epoch9_step99"}))
    os.utime(mine, (1_000_000, 1_000_000))
    folder = export_run(run, tmp_path / "out", ExportOptions(checkpoint="latest"))
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["scorecard"]["correct"] == 2 and meta["adapter"]["folder"] == latest.name


def test_fused_model_and_gguf(tiny_run, tmp_path):
    from mlx_lm.utils import load_model

    reports = []
    folder = export_run(tiny_run, tmp_path, ExportOptions(fuse=True, gguf=True), progress=reports.append)
    fused = folder / "modelo_fundido"
    model, config = load_model(fused)
    assert config["model_type"] == "llama"
    assert not any("lora" in name for name, _ in model.named_modules())
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["fused_model"] == "modelo_fundido" and meta["dequantized"] is True
    assert meta["gguf"] and (folder / meta["gguf"]).stat().st_size > 1000
    assert (folder / meta["gguf"]).read_bytes()[:4] == b"GGUF"
    codes = [r.code for r in reports]
    assert codes.index("export_stage_load") < codes.index("export_stage_fuse") < codes.index("export_stage_save")
    assert codes[-1] == "export_done" and reports[-1].fraction == 1.0
    assert "modelo_fundido" in (folder / "INTEGRATION_GUIDE.md").read_text(encoding="utf-8")


def test_gguf_refused_plainly_for_unsupported_architectures(tiny_run, tiny_model_dir, tmp_path):
    import yaml

    base = tmp_path / "base-qwen"
    shutil.copytree(tiny_model_dir, base)
    config = json.loads((base / "config.json").read_text())
    (base / "config.json").write_text(json.dumps({**config, "model_type": "qwen2"}))
    run = tmp_path / "run"
    shutil.copytree(tiny_run, run)
    run_config = yaml.safe_load((run / "config.yaml").read_text())
    (run / "config.yaml").write_text(yaml.safe_dump({**run_config, "model": str(base)}))
    with pytest.raises(ExportError) as err:
        export_run(run, tmp_path / "out", ExportOptions(gguf=True))
    assert err.value.code == "export_gguf_unsupported_refused"
    assert "qwen2" in err.value.text() and "llama, mistral e mixtral" in err.value.text()
    assert list((tmp_path / "out").iterdir()) == [] if (tmp_path / "out").exists() else True


def test_cli_export_json(tiny_run, tmp_path, capsys):
    from farense_studio.cli import main

    assert main(["export", "--run", str(tiny_run), "--out", str(tmp_path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "success" and (tmp_path / result["path"]).is_dir()
    assert main(["export", "--run", str(tmp_path / "nope"), "--out", str(tmp_path), "--json"]) == 1
    error = json.loads(capsys.readouterr().out)
    assert error["code"] == "export_not_a_run"

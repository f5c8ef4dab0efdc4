"""Export of a run made by the real trainer: its checkpoints, metrics and state as the engine
writes them, then the exported program answers."""

from __future__ import annotations

import json

from farense_studio.engine.export import ExportOptions, export_run


def test_export_of_a_real_training_run(tiny_model_dir, tmp_path, capfd):
    from farense_studio.engine.config import LoraSettings, TrainConfig
    from farense_studio.engine.trainer import Trainer
    from farense_studio.serve.infer import main

    data = tmp_path / "preparado"
    data.mkdir()
    rows = [{"messages": [{"role": "user", "content": f"Pergunta {i} sobre o Farense?"},
                          {"role": "assistant", "content": "O Farense foi fundado em 1910, em Faro."}]}
            for i in range(10)]
    (data / "train.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[:8]))
    (data / "valid.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[8:]))
    config = TrainConfig(model=str(tiny_model_dir), data_dir=str(data), epochs=1, batch_size=2, grad_accumulation=1,
                         learning_rate=1e-3, max_seq_length=128, system_prompt="És o assistente do Farense.",
                         eval_every=2, checkpoint_every=2, seed=1,
                         lora=LoraSettings(rank=4, alpha=8.0, dropout=0.0, num_layers=2))
    run = tmp_path / "treinos" / "real"
    result = Trainer(config, run).run()
    assert result.status == "finished", result.error

    folder = export_run(run, tmp_path / "out", ExportOptions(checkpoint="latest"))
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    assert meta["training"]["steps"] == 4 and meta["training"]["state"] == "finished"
    assert meta["training"]["final_val_loss"] is not None and meta["training"]["best_val_loss"] is not None
    assert meta["data"]["data_hash"] and meta["data"]["train.jsonl"].startswith("sha256:")
    assert meta["adapter"]["step"] == 4 and meta["system_prompt"] == "És o assistente do Farense."

    assert main(["--temperature", "0", "--max-tokens", "8", "Quando foi fundado o Farense?"], export_dir=folder) == 0
    assert json.loads(capfd.readouterr().out)["status"] == "success"

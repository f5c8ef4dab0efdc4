"""Shared by the Treino tab tests: a few prepared examples, the tiny run's settings, the tab."""

from __future__ import annotations

import json
from pathlib import Path

SETTINGS = dict(max_seq_length=192, system_prompt="És o assistente do Farense.", eval_every=4,
                checkpoint_every=2, batch_size=4, grad_accumulation=1, grad_checkpoint=False,
                lora={"num_layers": 2, "rank": 4, "alpha": 8.0, "dropout": 0.0})


def _example(i: int) -> dict:
    return {"messages": [{"role": "user", "content": f"Quem foi o jogador {i} do Farense?"},
                         {"role": "assistant", "content": f"O jogador {i} jogou no Estádio de São Luís, em Faro."}]}


def write_prepared(folder: Path, n_train: int = 48, n_valid: int = 8) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "train.jsonl").write_text("".join(json.dumps(_example(i), ensure_ascii=False) + "\n"
                                                for i in range(n_train)), encoding="utf-8")
    (folder / "valid.jsonl").write_text("".join(json.dumps(_example(500 + i), ensure_ascii=False) + "\n"
                                                for i in range(n_valid)), encoding="utf-8")


def make_tab(qtbot, context, worker, tiny_model_dir, estimate=False, **changes):
    from farense_studio.gui.training.tab import TrainingTab

    tab = TrainingTab(context, worker)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.estimate_before_training = estimate  # 3 measured steps first, as in the app
    tab.set_model_spec(str(tiny_model_dir))
    tab.set_settings(**{**SETTINGS, **changes})
    return tab


def left_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def prepare_project(project) -> None:
    """«Preparar dados» as Dados does it (loader.prepare_dataset with the project's edits and generated
    questions), with the approximate token count (no tokenizer on disk needed)."""
    from farense_studio.data.edits import Edits
    from farense_studio.data.generated import GeneratedStore
    from farense_studio.gui.dataset.loader import ApproxTokenizer, prepare_dataset

    prepare_dataset(list(project.jsonl_sources), list(project.bio_sources), Edits.load(project).to_dict(),
                    dict(project.settings), project.preparado_dir, tokenizer=ApproxTokenizer(),
                    generated=str(GeneratedStore.for_project(project).path))


def project_with_club_copy(tmp_path, sample_data_dir):
    """A project reading a copy of the sample data (so a test may change the club's files)."""
    import shutil

    from farense_studio.project import Project

    data = tmp_path / "clube"
    shutil.copytree(sample_data_dir, data)
    project = Project.create(tmp_path / "projeto_clube")
    project.add_jsonl_source(data / "qa.jsonl")
    project.add_bio_source(data / "biografias" / "jogadores")
    project.save()
    return project

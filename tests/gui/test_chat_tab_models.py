"""gui/chat_models.py: what the Conversar tab offers for a project (runs, exports, bases)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from farense_studio.gui import chat_models
from generation.chat_toy import toy_run

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    return toy_run(tmp_path_factory)


def test_runs_exports_and_bases(project, toy):
    from farense_studio.engine.checkpoints import list_checkpoints

    run = project.treinos_dir / "treino-1"
    shutil.copytree(toy.run_dir, run)
    names = [p.name for p in list_checkpoints(run)]
    state_path = run / "checkpoints" / "training_state.json"
    state = json.loads(state_path.read_text())
    state["best"], state["latest"] = names[-2], names[-1]
    state_path.write_text(json.dumps(state))
    export = project.exportacoes_dir / "treino-1-2026-11-24"
    export.mkdir()
    for name in ("adapters.safetensors", "adapter_config.json"):
        shutil.copy2(toy.adapter / name, export / name)
    (project.exportacoes_dir / "not-an-adapter").mkdir()
    project.settings["training"] = {"model": "mlx-community/Mistral-7B-Instruct-v0.3-4bit"}

    choices = chat_models.find_choices(project)
    kinds = [(c.kind, Path(c.adapter).name if c.adapter else c.base) for c in choices]
    assert kinds == [("best", names[-2]), ("latest", names[-1]), ("export", "treino-1-2026-11-24"),
                     ("base", str(toy.base)), ("base", "mlx-community/Mistral-7B-Instruct-v0.3-4bit"),
                     ("base", "demo")]
    assert all(c.base == str(toy.base) for c in choices[:3])
    assert choices[0].run_dir == str(run) and choices[0].key != choices[1].key

    assert chat_models.custom_choice(project.exportacoes_dir / "not-an-adapter") is None
    custom = chat_models.custom_choice(toy.adapter)
    assert custom.kind == "custom" and custom.base == str(toy.base)


def test_a_run_without_state_offers_its_newest_checkpoint(project, toy):
    run = project.treinos_dir / "treino-2"
    shutil.copytree(toy.run_dir, run)
    (run / "checkpoints" / "training_state.json").unlink()
    choices = chat_models.run_choices(project.treinos_dir)
    assert [c.kind for c in choices] == ["latest"]
    from farense_studio.engine.checkpoints import list_checkpoints

    assert choices[0].adapter == str(list_checkpoints(run)[-1])


def test_a_renamed_run_is_offered_under_its_new_name(project, toy):
    from farense_studio.engine.runs import set_run_name

    run = project.treinos_dir / "treino-3"
    shutil.copytree(toy.run_dir, run)
    set_run_name(run, "Ensaio do Farense")
    choices = [c for c in chat_models.run_choices(project.treinos_dir) if c.run_dir == str(run)]
    assert choices and all(c.name == "Ensaio do Farense" for c in choices)


def test_base_labels():
    assert chat_models.base_label("demo") == "SmolLM2 135M"
    assert chat_models.base_label("mlx-community/Mistral-7B-Instruct-v0.3-4bit") == "Mistral 7B Instruct v0.3"
    assert chat_models.base_label("/models/my-model") == "my-model"
    assert chat_models.base_label("org/Some-Model@abc123") == "Some-Model"

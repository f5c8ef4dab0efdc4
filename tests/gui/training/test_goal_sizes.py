"""The goal (Rápido, Equilibrado, Especializado) fills Avançado with the values measured for the
chosen model's size: a small model learns the club's facts only with far more update."""

from __future__ import annotations

import pytest

from farense_studio.engine.presets import PRESETS, SMALL_MODEL_PRESETS

pytestmark = pytest.mark.gui

MISTRAL = "mlx-community/Mistral-7B-Instruct-v0.3-4bit"  # listed size: no download needed


def test_avancado_follows_the_model_size_until_the_person_changes_it(qtbot, portuguese, tiny_model_dir):
    from farense_studio.gui.training.goal_panel import GoalPanel

    goal = GoalPanel()
    qtbot.addWidget(goal)
    goal.set_model_spec(str(tiny_model_dir))
    small = goal.current_config()
    assert small.learning_rate == SMALL_MODEL_PRESETS["Equilibrado"]["learning_rate"]
    assert small.epochs == SMALL_MODEL_PRESETS["Equilibrado"]["epochs"] and small.lora.num_layers == -1
    assert small.preset == "Equilibrado" and not goal.custom_label.isVisibleTo(goal)
    passes = SMALL_MODEL_PRESETS["Equilibrado"]["epochs"]
    assert goal.preset_notes["Equilibrado"].text().startswith(f"{passes} passagens, a aprender mais depressa")

    goal.set_model_spec(MISTRAL)
    large = goal.current_config()
    assert (large.learning_rate, large.epochs) == (PRESETS["Equilibrado"]["learning_rate"],
                                                   PRESETS["Equilibrado"]["epochs"])
    assert large.preset == "Equilibrado"
    assert goal.preset_notes["Equilibrado"].text() == "Três passagens: o recomendado pelo guia do clube."
    assert goal.preset_notes["Rápido"].text() == "Uma passagem pelos dados: um primeiro ensaio."
    assert goal.saved_settings()["advanced"] == {}  # nothing of the person's to keep

    goal.set_settings(learning_rate=3e-4)  # the person's own value stays when the model changes
    goal.set_model_spec(str(tiny_model_dir))
    assert goal.current_config().learning_rate == 3e-4 and goal.current_config().preset is None
    assert goal.saved_settings()["advanced"]["learning_rate"] == 3e-4


def test_a_reopened_project_shows_the_notes_of_its_own_model(qtbot, portuguese, tiny_model_dir):
    from farense_studio.gui.training.goal_panel import GoalPanel

    goal = GoalPanel()
    qtbot.addWidget(goal)
    goal.set_model_spec(str(tiny_model_dir))
    assert "modelo pequeno" in goal.preset_notes["Equilibrado"].text()
    goal.restore({"model": MISTRAL, "preset": "Equilibrado", "advanced": {}})
    assert goal.preset_notes["Equilibrado"].text() == "Três passagens: o recomendado pelo guia do clube."
    assert goal.current_config().learning_rate == PRESETS["Equilibrado"]["learning_rate"]

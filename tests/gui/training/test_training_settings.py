"""What the project keeps of the Treino settings: only the values that differ from the goal's,
and they come back exactly; a damaged entry falls back to the goal."""

from __future__ import annotations

from farense_studio.gui.training import settings_store


def test_only_the_changed_values_are_kept_and_they_come_back():
    config = settings_store.preset_config("Rápido").copy(max_seq_length=256, lora={"rank": 4})
    changed = settings_store.changed_values(config, "Rápido")
    assert changed == {"max_seq_length": 256, "lora": {"rank": 4}}
    back = settings_store.restored_config("Rápido", changed)
    assert back.to_dict() == config.to_dict()
    assert settings_store.customised(config, "Rápido")
    assert not settings_store.customised(settings_store.preset_config("Rápido"), "Rápido")


def test_nothing_or_a_damaged_entry_leaves_the_goal_alone():
    assert settings_store.changed_values(settings_store.preset_config("Equilibrado"), "Equilibrado") == {}
    assert settings_store.restored_config("Equilibrado", {}) is None
    assert settings_store.restored_config("Equilibrado", {"lora": "estragado"}) is None
    assert settings_store.preset_epochs("Especializado") == 5

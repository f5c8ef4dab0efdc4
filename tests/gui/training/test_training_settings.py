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


def test_the_goal_values_follow_the_model_size():
    """The same goal saved for the demo model keeps only what the person changed, measured against
    the small model's table."""
    small = settings_store.preset_config("Equilibrado", 135e6)
    assert settings_store.preset_config("Equilibrado").learning_rate != small.learning_rate
    assert not settings_store.customised(small, "Equilibrado", 135e6)
    assert settings_store.customised(small, "Equilibrado", 7e9)
    changed = settings_store.changed_values(small.copy(max_seq_length=256), "Equilibrado", 135e6)
    assert changed == {"max_seq_length": 256}
    back = settings_store.restored_config("Equilibrado", changed, 135e6)
    assert back.to_dict() == small.copy(max_seq_length=256).to_dict()
    assert settings_store.preset_epochs("Equilibrado", 135e6) == small.epochs

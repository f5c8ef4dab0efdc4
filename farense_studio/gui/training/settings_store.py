"""What the project remembers of the Treino settings: the goal, and only the values that differ.

Plain functions over engine.config.TrainConfig (no widgets), so the round trip is testable
on its own: restored_config(preset, changed_values(config, preset)) gives config back.
"""

from __future__ import annotations

PRESET_NAMES = ("Rápido", "Equilibrado", "Especializado")
_NOT_SETTINGS = ("model", "data_dir", "preset")


def preset_config(name: str, model_parameters: float | None = None):
    """A TrainConfig with the goal's values for a model of this size (engine.config.preset_values)."""
    from farense_studio.engine.config import TrainConfig, apply_preset

    return apply_preset(TrainConfig(), name, model_parameters=model_parameters)


def preset_epochs(name: str, model_parameters: float | None = None) -> int:
    from farense_studio.engine.config import preset_values

    return int(preset_values(name, model_parameters)["epochs"])


def _settings(config) -> dict:
    values = config.to_dict()
    for key in _NOT_SETTINGS:
        values.pop(key, None)
    return values


def customised(config, preset: str, model_parameters: float | None = None) -> bool:
    """True when config's settings are not exactly the goal's."""
    return _settings(config) != _settings(preset_config(preset, model_parameters))


def changed_values(config, preset: str, model_parameters: float | None = None) -> dict:
    """The settings of config that differ from the goal's ({"lora": {...}} for LoRA ones)."""
    preset_values = preset_config(preset, model_parameters).to_dict()
    values = config.to_dict()
    changed = {k: v for k, v in values.items()
               if k not in (*_NOT_SETTINGS, "lora") and preset_values.get(k) != v}
    lora_changed = {k: v for k, v in values["lora"].items() if preset_values["lora"].get(k) != v}
    if lora_changed:
        changed["lora"] = lora_changed
    return changed


def restored_config(preset: str, advanced: dict | None, model_parameters: float | None = None):
    """The goal's config with the saved changes on top; None when there are none or they cannot
    be read (an old or damaged setting: the goal's values stand)."""
    if not advanced:
        return None
    try:
        from farense_studio.engine.config import TrainConfig

        merged = preset_config(preset, model_parameters).to_dict()
        lora = {**merged["lora"], **(advanced.get("lora") or {})}
        merged.update({k: v for k, v in advanced.items() if k != "lora"})
        merged["lora"] = lora
        return TrainConfig.from_dict(merged)
    except Exception:  # noqa: BLE001 - fall back to the goal
        return None

"""TrainConfig: YAML round trip, validation, presets and the configuration hash."""

import pytest

from farense_studio.engine.config import (PRESETS, ConfigError, LoraSettings, TrainConfig,
                                          apply_preset, changed_settings, preset_name)


def test_defaults_follow_the_guide():
    config = TrainConfig()
    assert (config.batch_size, config.max_grad_norm, config.max_seq_length) == (4, 1.0, 512)
    assert (config.lora.rank, config.lora.alpha, config.lora.dropout) == (16, 32.0, 0.1)
    assert config.lora.scale == 2.0 and config.mask_prompt is True
    assert config.system_prompt.startswith("És o assistente do Sporting Clube Farense.")


def test_yaml_round_trip_and_relative_data_dir(tmp_path):
    config = TrainConfig(data_dir="preparado", epochs=2, lora=LoraSettings(rank=8, keys=["self_attn.q_proj"]))
    path = config.save(tmp_path / "config.yaml")
    (tmp_path / "preparado").mkdir()
    loaded = TrainConfig.load(path)
    assert loaded.data_dir == str(tmp_path / "preparado")
    assert loaded.copy(data_dir="preparado") == config
    assert TrainConfig.from_yaml("learning_rate: 1e-4\nepochs: 2.0\n").learning_rate == 1e-4


def test_unknown_and_bad_settings_are_refused():
    with pytest.raises(ConfigError, match="unknown settings: lr, lora.alfa"):
        TrainConfig.from_dict({"lr": 1, "lora": {"alfa": 3}})
    with pytest.raises(ConfigError, match="epochs"):
        TrainConfig(epochs=0).validate()


def test_presets_and_memory():
    big = apply_preset(TrainConfig(), "rapido", memory_gb=64)
    assert big.preset == "Rápido" and (big.epochs, big.lora.rank, big.lora.alpha) == (1, 8, 16.0)
    assert (big.batch_size, big.grad_accumulation, big.grad_checkpoint) == (4, 1, False)
    small = apply_preset(TrainConfig(), "Especializado", memory_gb=16)
    assert (small.batch_size, small.grad_accumulation, small.grad_checkpoint) == (1, 4, True)
    assert small.lora.num_layers == -1 and small.learning_rate == 5e-5
    assert set(PRESETS) == {"Rápido", "Equilibrado", "Especializado"}
    with pytest.raises(ConfigError) as info:
        preset_name("Turbo")
    assert info.value.code == "unknown_preset"


def test_a_small_model_takes_its_own_goal_values():
    """Same goal names; a 135M model gets the table measured for it (far more update), a 7B model
    and an unknown size the club guide's."""
    from farense_studio.engine.config import SMALL_MODEL_PRESETS, is_small_model

    small = apply_preset(TrainConfig(), "Equilibrado", memory_gb=64, model_parameters=135e6)
    large = apply_preset(TrainConfig(), "Equilibrado", memory_gb=64, model_parameters=7.2e9)
    unknown = apply_preset(TrainConfig(), "Equilibrado", memory_gb=64)
    assert small.learning_rate == SMALL_MODEL_PRESETS["Equilibrado"]["learning_rate"] > large.learning_rate
    assert small.lora.num_layers == -1 and large.lora.num_layers == 16
    assert unknown.to_dict() == large.to_dict()
    assert small.preset == large.preset == "Equilibrado"
    assert small.max_seq_length == large.max_seq_length  # Dados shows one maximum for any model
    assert not is_small_model(None) and not is_small_model(0) and is_small_model(135e6)
    assert set(SMALL_MODEL_PRESETS) == set(PRESETS)


def test_hash_covers_the_math_only():
    base = TrainConfig()
    assert base.config_hash() == TrainConfig().config_hash()
    # Same effective batch (an out-of-memory retry), other bookkeeping: same hash.
    assert base.copy(batch_size=2, grad_accumulation=2, eval_every=7, keep_last=9).config_hash() == base.config_hash()
    changed = base.copy(learning_rate=2e-4, lora={"rank": 8})
    assert changed.config_hash() != base.config_hash()
    assert changed_settings(base.math_settings(), changed.math_settings()) == ["learning_rate", "lora.rank"]
    assert base.config_hash("abc") != base.config_hash("abd")

"""The goals the staff choose (Rápido, Equilibrado, Especializado) and what they resolve to: the
settings for the chosen model's size and the batch x accumulation for this machine's memory.
Plain Python, no MLX."""

from __future__ import annotations

import os
import sys
import unicodedata
from typing import Any

from farense_studio.engine.config import ConfigError, TrainConfig

PRESETS: dict[str, dict[str, Any]] = {
    "Rápido": {"epochs": 1, "learning_rate": 2e-4, "max_seq_length": 384,
               "lora": {"rank": 8, "alpha": 16.0, "dropout": 0.1, "num_layers": 8}},
    "Equilibrado": {"epochs": 3, "learning_rate": 1e-4, "max_seq_length": 512,
                    "lora": {"rank": 16, "alpha": 32.0, "dropout": 0.1, "num_layers": 16}},
    "Especializado": {"epochs": 5, "learning_rate": 5e-5, "max_seq_length": 512,
                      "lora": {"rank": 32, "alpha": 64.0, "dropout": 0.05, "num_layers": -1}},
}
# A model below SMALL_MODEL_PARAMETERS learns the club's facts only with far more update than the
# club guide's settings give (a 135M model is 50x smaller than the 7B the guide was written for).
# The goals keep their names and their meaning for the staff (Rápido < Equilibrado < Especializado);
# learning rate, LoRA (rank 32 on every layer) and passes come from this table for such a model.
# Measured on the GPU machine with the demo model (SmolLM2-135M), sample project with its generated
# questions and documents in training (bench/results/knowledge_gpu/README.md, rule of
# bench/evidence/pick_recipe.py): Equilibrado with the guide's settings answered 14% of the tuning
# questions; 3 passes at these values 19/37 (29/37 with documents), 5 passes 24/37 (32/37 with
# documents, the best of the grid), so Equilibrado takes 5 and Rápido 3; learning rate 2e-3 diverged
# (0/37). Especializado's 8 passes were not measured to the end. max_seq_length stays the same for
# every size (Dados shows it before a model is chosen).
SMALL_MODEL_PARAMETERS = 1e9
SMALL_MODEL_PRESETS: dict[str, dict[str, Any]] = {
    "Rápido": {"epochs": 3, "learning_rate": 1e-3, "max_seq_length": 384,
               "lora": {"rank": 32, "alpha": 64.0, "dropout": 0.05, "num_layers": -1}},
    "Equilibrado": {"epochs": 5, "learning_rate": 1e-3, "max_seq_length": 512,
                    "lora": {"rank": 32, "alpha": 64.0, "dropout": 0.05, "num_layers": -1}},
    "Especializado": {"epochs": 8, "learning_rate": 1e-3, "max_seq_length": 512,
                      "lora": {"rank": 32, "alpha": 64.0, "dropout": 0.05, "num_layers": -1}},
}
DEFAULT_PRESET = "Equilibrado"
EFFECTIVE_BATCH = 4  # the guide's


def is_small_model(model_parameters: float | None) -> bool:
    """True for a model that takes SMALL_MODEL_PRESETS (unknown size: the guide's table)."""
    return model_parameters is not None and 0 < model_parameters < SMALL_MODEL_PARAMETERS


def preset_values(name: str, model_parameters: float | None = None) -> dict[str, Any]:
    """The settings of a goal for a model of this many parameters (None: unknown, the guide's)."""
    table = SMALL_MODEL_PRESETS if is_small_model(model_parameters) else PRESETS
    return table[preset_name(name)]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.strip().lower())
                   if not unicodedata.combining(c))


def preset_name(name: str) -> str:
    """The canonical preset name for any casing or accents ("rapido" -> "Rápido")."""
    for canonical in PRESETS:
        if _fold(canonical) == _fold(name):
            return canonical
    raise ConfigError(f"unknown preset {name}", code="unknown_preset", name=name,
                      choices=", ".join(PRESETS))


def machine_memory_gb() -> float | None:
    """Physical memory of this machine in GB (unified memory on Apple Silicon)."""
    try:
        if sys.platform == "darwin":
            import subprocess

            out = subprocess.run(["sysctl", "-n", "hw.memsize"], capture_output=True, text=True,
                                 timeout=5).stdout
            return int(out.strip()) / 1e9
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (OSError, ValueError, AttributeError):
        return None


def batch_for_memory(memory_gb: float | None) -> tuple[int, int, bool]:
    """(batch_size, grad_accumulation, grad_checkpoint) giving the effective batch of 4:
    >= 32 GB: 4 x 1; less: 1 x 4 with gradient checkpointing."""
    if memory_gb is None or memory_gb >= 31:  # 32 GB machines report a little less
        return EFFECTIVE_BATCH, 1, False
    return 1, EFFECTIVE_BATCH, True


def apply_preset(config: TrainConfig, name: str, memory_gb: float | None = None,
                 model_parameters: float | None = None) -> TrainConfig:
    """A copy of config with the preset's settings for a model of model_parameters (None: the
    club guide's table), batch x accumulation chosen from the machine's memory (measured when
    memory_gb is None)."""
    canonical = preset_name(name)
    values = preset_values(canonical, model_parameters)
    if memory_gb is None:
        memory_gb = machine_memory_gb()
    batch, accumulation, checkpointing = batch_for_memory(memory_gb)
    return config.copy(**{k: v for k, v in values.items() if k != "lora"},
                       lora=dict(values["lora"]), batch_size=batch,
                       grad_accumulation=accumulation, grad_checkpoint=checkpointing,
                       preset=canonical)


def memory_advice(memory_gb: float | None) -> list[str]:
    """Advice codes for this machine (8 GB: a smaller multilingual 4-bit model)."""
    if memory_gb is not None and memory_gb < 15:
        return ["advice_smaller_model"]
    return []

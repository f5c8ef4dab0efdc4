"""Training configuration: dataclasses saved as YAML, the three presets, and the config hash.

Settings use the terms of the club's guide (epochs, batch size, gradient accumulation, LoRA rank
and alpha, ...). mlx-lm's LoRA ``scale`` is alpha / rank. No MLX import here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from farense_studio import messages
from farense_studio.files import atomic_write_text
from farense_studio.messages import CodedError

DEFAULT_SYSTEM_PROMPT = (
    "És o assistente do Sporting Clube Farense. Respondes em português europeu, com rigor, "
    "sobre a história do clube, os seus jogadores, treinadores, épocas e o Estádio de São Luís. "
    "Se não souberes a resposta, dizes que não sabes."
)
LR_SCHEDULES = ("cosine", "linear", "constant")
OPTIMIZERS = ("adam", "adamw")
BATCHINGS = ("pack", "shuffle", "bucket", "sorted")  # in the order the forms offer them


class ConfigError(CodedError, ValueError):
    """A configuration value that cannot be used; code/params render through messages, str()
    is the detail (what the check said)."""

    def __init__(self, detail: str, code: str = "invalid_config", **params: Any):
        super().__init__(code, detail=detail, **params)

    def __str__(self) -> str:
        return str(self.params["detail"])


def setting(default: Any, kind: str, minimum: float | None = None, maximum: float | None = None, *,
            optional: bool = False, choices: tuple = ()) -> Any:
    """A config field with what forms and the command line show about it (as mlx-lm's
    TrainingArgs keeps its help in field metadata): kind (int | float | choice | bool | list |
    text), the range offered, whether empty means None, the choices. Label and help texts are
    the message codes setting_<name> and setting_<name>_help (messages/settings.py)."""
    return field(default=default, metadata={"kind": kind, "minimum": minimum, "maximum": maximum,
                                            "optional": optional, "choices": tuple(choices)})


@dataclass(frozen=True)
class SettingInfo:
    """One documented setting: its key in TrainConfig ("epochs", "lora.rank") and metadata."""

    key: str
    kind: str
    minimum: float | None = None
    maximum: float | None = None
    optional: bool = False
    choices: tuple = ()

    @property
    def code(self) -> str:
        return "setting_" + self.key.replace(".", "_")

    def label(self, lang: str | None = None) -> str:
        return messages.render(self.code, None, lang)

    def help(self, lang: str | None = None) -> str:
        return messages.render(f"{self.code}_help", None, lang)

    def choice_label(self, value: Any, lang: str | None = None) -> str:
        return messages.render(f"{self.code}_{value}", None, lang)


def settings_info() -> dict[str, SettingInfo]:
    """Every setting with metadata, in the order of TrainConfig (LoRA's as "lora.<name>")."""
    out: dict[str, SettingInfo] = {}
    for item in dataclasses.fields(TrainConfig):
        if item.name == "lora":
            keyed = [(f"lora.{f.name}", f) for f in dataclasses.fields(LoraSettings)]
        else:
            keyed = [(item.name, item)]
        for key, f in keyed:
            if f.metadata.get("kind"):
                out[key] = SettingInfo(key, **f.metadata)
    return out


@dataclass
class LoraSettings:
    """LoRA shape. num_layers: the last N transformer blocks (-1: all); keys: which projections
    (e.g. ["self_attn.q_proj", "self_attn.v_proj"]; None: every linear layer of a block)."""

    rank: int = setting(16, "int", 1, 512)
    alpha: float = setting(32.0, "float", 0.01, 4096.0)
    dropout: float = setting(0.1, "float", 0.0, 0.9)
    num_layers: int = setting(16, "int", -1, 512)
    keys: list[str] | None = setting(None, "list")

    @property
    def scale(self) -> float:
        """mlx-lm's LoRA scale (alpha / rank)."""
        return float(self.alpha) / float(self.rank)

    def mlx_parameters(self) -> dict[str, Any]:
        """The ``lora_parameters`` dict mlx-lm's linear_to_lora_layers and adapter_config use."""
        params: dict[str, Any] = {"rank": int(self.rank), "scale": self.scale,
                                  "dropout": float(self.dropout)}
        if self.keys:
            params["keys"] = list(self.keys)
        return params


@dataclass
class Phase:
    """A later phase of a run ("Treinar mais"), written by Trainer.extend: its number (phase 1 is
    the config's own epochs x learning_rate), first global step and first epoch, passes over the
    data, peak learning rate and warmup steps."""

    phase: int
    start_step: int
    start_epoch: int
    epochs: int
    learning_rate: float
    warmup_steps: int

    @classmethod
    def from_dict(cls, data: Any, index: int) -> "Phase":
        """A phase from YAML (a mapping with exactly PHASE_KEYS) or a Phase; ConfigError otherwise."""
        if isinstance(data, Phase):
            data = dataclasses.asdict(data)
        if not isinstance(data, dict):
            raise ConfigError("phases must be a list of mappings")
        if set(data) != set(PHASE_KEYS):
            unknown = sorted(set(data) - set(PHASE_KEYS))
            raise ConfigError(f"unknown settings: {', '.join(f'phases[{index}].{k}' for k in unknown)}"
                              if unknown else f"phases[{index}] has {', '.join(PHASE_KEYS)}")
        try:
            return cls(**{k: (float if k == "learning_rate" else int)(data[k]) for k in PHASE_KEYS})
        except (TypeError, ValueError) as exc:
            raise ConfigError(str(exc)) from exc


PHASE_KEYS = tuple(f.name for f in dataclasses.fields(Phase))


@dataclass
class TrainConfig:
    """Everything a training run needs; saved as config.yaml in the run folder."""

    model: str = "demo"  # "demo", a model folder or a Hugging Face repo id
    model_revision: str | None = None
    data_dir: str = ""  # prepared folder with train.jsonl and valid.jsonl
    epochs: int = setting(3, "int", 1, 100)
    batch_size: int = setting(4, "int", 1, 64)
    grad_accumulation: int = setting(1, "int", 1, 64)
    learning_rate: float = setting(1e-4, "float", 1e-7, 1e-2)
    warmup_steps: int | None = setting(None, "int", 0, 100000, optional=True)  # None: 5% of the steps
    lr_schedule: str = setting("cosine", "choice", choices=LR_SCHEDULES)  # after warmup
    min_lr_ratio: float = setting(0.1, "float", 0.0, 1.0)  # cosine/linear end at lr * this
    optimizer: str = setting("adam", "choice", choices=OPTIMIZERS)
    weight_decay: float = setting(0.0, "float", 0.0, 1.0)  # adamw only
    max_grad_norm: float | None = setting(1.0, "float", 0.0, 1000.0, optional=True)  # None/0: no clipping
    max_seq_length: int = setting(512, "int", 32, 8192)
    lora: LoraSettings = field(default_factory=LoraSettings)
    mask_prompt: bool = setting(True, "bool")  # train on answers only
    grad_checkpoint: bool = setting(False, "bool")
    system_prompt: str = setting(DEFAULT_SYSTEM_PROMPT, "text")  # for examples without a system message
    seed: int = setting(42, "int", 0, 2**31 - 1)
    eval_every: int = setting(100, "int", 0, 100000)  # steps; 0: only at epoch ends
    checkpoint_every: int = setting(100, "int", 0, 100000)  # steps; 0: epoch ends, stop, pause
    # minutes at most between saves, whatever the steps (engine.save_clock: the interval follows
    # the measured save cost, up to this); 0: by steps only
    checkpoint_minutes: float = setting(5.0, "float", 0.0, 1440.0)
    keep_last: int = setting(3, "int", 1, 100)  # newest checkpoints kept (plus the best one)
    preset: str | None = None
    # How examples become steps, drawn anew each epoch: pack (whole examples share rows of up
    # to max_seq_length tokens, kept apart by the attention mask: engine.packing; the default
    # for every model size, measured on the GPU: bench/results/README.md) | shuffle | bucket
    # (length buckets) | sorted (mlx-lm's)
    batching: str = setting("pack", "choice", choices=BATCHINGS)
    pad_multiple: int = setting(16, "int", 1, 512)  # micro-batches pad to 1 + a multiple of this
    # Split each step into length-homogeneous micro-batches when that saves more padded tokens
    # than split_cost per extra micro-batch (batches.split_micro; None: never). Only models of
    # 1B+ parameters are split (session.SPLIT_MIN_PARAMS).
    split_cost: int | None = setting(64, "int", 0, 100000, optional=True)
    # Later phases of the run ("Treinar mais"), oldest first; phase 1 is epochs x learning_rate
    # above. Written by Trainer.extend, not by hand.
    phases: list[Phase] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.phases = [Phase.from_dict(p, i) for i, p in enumerate(self.phases or [])]

    # ------------------------------------------------------------------ derived
    @property
    def effective_batch(self) -> int:
        return int(self.batch_size) * int(self.grad_accumulation)

    @property
    def total_epochs(self) -> int:
        """Epochs numbered over the whole run: the last phase's first epoch plus its epochs
        (phase 1 alone: epochs). A stopped phase leaves its unfinished epoch in the count."""
        if not self.phases:
            return int(self.epochs)
        last = self.phases[-1]
        return last.start_epoch + last.epochs

    def phases_until(self, step: int | None) -> list[Phase]:
        """The later phases that had begun by global step `step` (all of them for None)."""
        return [dataclasses.replace(p) for p in self.phases if step is None or p.start_step <= int(step)]

    def validate(self) -> "TrainConfig":
        """Raises ConfigError naming the first bad value; returns self (phases given as
        mappings become Phase)."""
        self.phases = [Phase.from_dict(p, i) for i, p in enumerate(self.phases)]
        checks = [
            (self.epochs >= 1, "epochs >= 1"),
            (self.batch_size >= 1, "batch_size >= 1"),
            (self.grad_accumulation >= 1, "grad_accumulation >= 1"),
            (self.learning_rate > 0, "learning_rate > 0"),
            (self.warmup_steps is None or self.warmup_steps >= 0, "warmup_steps >= 0"),
            (self.lr_schedule in LR_SCHEDULES, f"lr_schedule in {LR_SCHEDULES}"),
            (0.0 <= self.min_lr_ratio <= 1.0, "0 <= min_lr_ratio <= 1"),
            (self.optimizer in OPTIMIZERS, f"optimizer in {OPTIMIZERS}"),
            (self.max_grad_norm is None or self.max_grad_norm >= 0, "max_grad_norm >= 0"),
            (self.max_seq_length >= 8, "max_seq_length >= 8"),
            (self.lora.rank >= 1, "lora.rank >= 1"),
            (self.lora.alpha > 0, "lora.alpha > 0"),
            (0.0 <= self.lora.dropout < 1.0, "0 <= lora.dropout < 1"),
            (self.lora.num_layers == -1 or self.lora.num_layers >= 1, "lora.num_layers >= 1 or -1"),
            (self.eval_every >= 0, "eval_every >= 0"),
            (self.checkpoint_every >= 0, "checkpoint_every >= 0"),
            (self.checkpoint_minutes >= 0, "checkpoint_minutes >= 0"),
            (self.keep_last >= 1, "keep_last >= 1"),
            (self.batching in BATCHINGS, f"batching in {BATCHINGS}"),
            (self.split_cost is None or self.split_cost >= 0, "split_cost >= 0"),
            (self.pad_multiple >= 1, "pad_multiple >= 1"),
            (bool(str(self.model).strip()), "model is set"),
        ]
        previous = (1, 0)  # phase 1 starts at step 1, epoch 0
        for index, phase in enumerate(self.phases):
            start = (phase.start_step, phase.start_epoch)
            checks += [
                (phase.epochs >= 1, f"phases[{index}].epochs >= 1"),
                (phase.learning_rate > 0, f"phases[{index}].learning_rate > 0"),
                (phase.warmup_steps >= 0, f"phases[{index}].warmup_steps >= 0"),
                (start[0] > previous[0] and start[1] > previous[1],
                 f"phases[{index}] starts after the phase before it"),
            ]
            previous = start
        for ok, what in checks:
            if not ok:
                raise ConfigError(what)
        return self

    # ------------------------------------------------------------------ (de)serialisation
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "TrainConfig":
        """Builds a config from a dict; unknown keys raise ConfigError, missing keys default."""
        data = dict(data or {})
        lora = data.pop("lora", None) or {}
        if isinstance(lora, LoraSettings):
            lora = dataclasses.asdict(lora)
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        lora_known = {f.name for f in dataclasses.fields(LoraSettings)}
        unknown += [f"lora.{k}" for k in sorted(set(lora) - lora_known)]
        if unknown:
            raise ConfigError(f"unknown settings: {', '.join(unknown)}")
        try:
            config = cls(**data, lora=LoraSettings(**lora))
        except TypeError as exc:  # pragma: no cover - guarded by the checks above
            raise ConfigError(str(exc)) from exc
        return config._coerced()

    def _coerced(self) -> "TrainConfig":
        """YAML may give "1e-4" as a string or 3.0 as a float: bring values to their types."""
        try:
            for name in ("epochs", "batch_size", "grad_accumulation", "max_seq_length", "seed",
                         "eval_every", "checkpoint_every", "keep_last", "pad_multiple"):
                setattr(self, name, int(getattr(self, name)))
            for name in ("learning_rate", "min_lr_ratio", "weight_decay", "checkpoint_minutes"):
                setattr(self, name, float(getattr(self, name)))
            if self.warmup_steps is not None:
                self.warmup_steps = int(self.warmup_steps)
            if self.max_grad_norm is not None:
                self.max_grad_norm = float(self.max_grad_norm)
            if self.split_cost is not None:
                self.split_cost = int(self.split_cost)
            self.lora.rank = int(self.lora.rank)
            self.lora.alpha = float(self.lora.alpha)
            self.lora.dropout = float(self.lora.dropout)
            self.lora.num_layers = int(self.lora.num_layers)
            if self.lora.keys is not None:
                self.lora.keys = [str(k) for k in self.lora.keys]
            if not isinstance(self.phases, list):
                raise TypeError("phases must be a list of mappings")
            self.phases = [Phase.from_dict(p, i) for i, p in enumerate(self.phases)]
            self.model = str(self.model)
            self.data_dir = str(self.data_dir or "")
        except (TypeError, ValueError) as exc:
            raise ConfigError(str(exc)) from exc
        return self

    def to_yaml(self) -> str:
        import yaml

        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True)

    @classmethod
    def from_yaml(cls, text: str) -> "TrainConfig":
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(str(exc)) from exc
        if data is not None and not isinstance(data, dict):
            raise ConfigError("the file must hold a mapping of settings")
        return cls.from_dict(data)

    def save(self, path: str | os.PathLike) -> Path:
        """Writes YAML (or JSON when the name ends in .json) atomically."""
        path = Path(path)
        text = (json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
                if path.suffix == ".json" else self.to_yaml())
        atomic_write_text(path, text)
        return path

    @classmethod
    def load(cls, path: str | os.PathLike) -> "TrainConfig":
        """Reads YAML or JSON. A relative data_dir or model folder that exists beside the file is
        taken relative to the file."""
        path = Path(path)
        config = cls.from_yaml(path.read_text(encoding="utf-8"))
        base = path.resolve().parent
        if config.data_dir and not Path(config.data_dir).is_absolute():
            if (base / config.data_dir).exists() or not Path(config.data_dir).exists():
                config.data_dir = str(base / config.data_dir)
        if not Path(config.model).is_absolute() and (base / config.model).is_dir():
            config.model = str(base / config.model)
        return config

    def copy(self, **changes: Any) -> "TrainConfig":
        data = self.to_dict()
        lora_changes = changes.pop("lora", None)
        data.update(changes)
        if isinstance(lora_changes, LoraSettings):
            data["lora"] = dataclasses.asdict(lora_changes)
        elif isinstance(lora_changes, dict):
            data["lora"].update(lora_changes)
        return TrainConfig.from_dict(data)

    # ------------------------------------------------------------------ hash
    def math_settings(self, upto_step: int | None = None) -> dict[str, Any]:
        """What changes the math of steps already done (the config hash covers exactly this).
        Batch and accumulation enter as their product: an out-of-memory retry halves the batch
        and doubles the accumulation without changing a step's examples or its loss weights.
        With upto_step, only the phases begun by that step count (a checkpoint at step S is
        checked against the settings that shaped steps 1..S, so adding a phase after S is not
        a change); a run of one phase hashes as it did before phases existed."""
        settings = {
            "model": self.model,
            "model_revision": self.model_revision,
            "epochs": self.epochs,
            "effective_batch": self.effective_batch,
            "learning_rate": self.learning_rate,
            "warmup_steps": self.warmup_steps,
            "lr_schedule": self.lr_schedule,
            "min_lr_ratio": self.min_lr_ratio,
            "optimizer": self.optimizer,
            "weight_decay": self.weight_decay,
            "max_grad_norm": self.max_grad_norm or 0.0,
            "max_seq_length": self.max_seq_length,
            "lora": {"rank": self.lora.rank, "alpha": self.lora.alpha,
                     "dropout": self.lora.dropout, "num_layers": self.lora.num_layers,
                     "keys": self.lora.keys},
            "mask_prompt": self.mask_prompt,
            "system_prompt": self.system_prompt,
            "seed": self.seed,
            "batching": self.batching,
        }
        phases = self.phases_until(upto_step)
        if phases:
            settings["phases"] = [dataclasses.asdict(p) for p in phases]
        return settings

    def config_hash(self, data_hash: str | None = None, upto_step: int | None = None) -> str:
        """sha256 (16 hex) of math_settings(upto_step), plus the data hash when given."""
        payload = self.math_settings(upto_step)
        if data_hash is not None:
            payload = {**payload, "data_hash": data_hash}
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]


def changed_settings(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> list[str]:
    """Names of the math settings that differ between two math_settings() dicts."""
    names = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            names += changed_settings(a, b, f"{prefix}{key}.")
        elif a != b:
            names.append(f"{prefix}{key}")
    return names


# ---------------------------------------------------------------------- presets
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
# The goals keep their names and meaning for the staff; passes, learning rate and LoRA come from
# this table for such a model, chosen on the GPU machine with the demo model (SmolLM2-135M) on the
# tuning questions: bench/results/knowledge_gpu/README.md. max_seq_length stays the same for every
# size (Dados shows it before a model is chosen).
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

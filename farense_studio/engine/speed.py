"""How fast this computer trains: a prior per kind of machine, and measurements kept per machine
and model in the app's data folder (speeds.json), so an estimate is ready at once and improves
with every measurement or run.

Speed is kept as training throughput in "model FLOP/s": tokens/s x FLOPS_PER_PARAM x parameters.
A measurement on one model thus also improves the estimate for another on the same machine
(the one measured on that very model wins when there is one). Nothing here imports MLX.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

FILE_NAME = "speeds.json"
FORMAT = 1
FLOPS_PER_PARAM = 4.0  # a LoRA step: forward (2) + backward through the activations (2), per token
# Priors in model FLOP/s (mlx-lm LoRA). "apple": a Mac with Apple Silicon (an M1/M2 with 16 GB
# trains a 7B 4-bit model at roughly 100-150 tokens/s); "cpu": MLX on a processor without a
# usable GPU (issue 21 measured the 135M demo model at 6 tokens/s); "gpu": MLX on CUDA.
PRIOR_FLOPS = {"apple": 3.0e12, "gpu": 2.0e13, "cpu": 4.0e9}
PRIOR_SPREAD = 2.0  # a prior's range: x/2 .. x*2
MEASURED_SPREAD = 1.25  # a measurement's range


@dataclass(frozen=True)
class Machine:
    """This computer: its kind ("apple" | "gpu" | "cpu") and a stable key for speeds.json."""

    kind: str
    key: str
    name: str  # processor name, for people


def _processor_name() -> str:
    try:
        if sys.platform == "darwin":
            import subprocess

            out = subprocess.run(["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True,
                                 text=True, timeout=5).stdout.strip()
            if out:
                return out
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except (OSError, ValueError):
        pass
    return platform.processor() or platform.machine() or "?"


def _has_mlx_gpu() -> bool:
    try:
        import mlx.core as mx

        return mx.default_device() == mx.gpu
    except Exception:  # noqa: BLE001 - no MLX, no device: a processor
        return False


def this_machine() -> Machine:
    from farense_studio.engine.presets import machine_memory_gb

    if sys.platform == "darwin" and platform.machine() == "arm64":
        kind = "apple"
    else:
        kind = "gpu" if _has_mlx_gpu() else "cpu"
    name = _processor_name()
    memory = machine_memory_gb()
    key = f"{kind}|{platform.system()}|{platform.machine()}|{name}|{round(memory or 0)}GB"
    return Machine(kind=kind, key=key, name=name)


# ---------------------------------------------------------------------- the file
def speeds_path() -> Path:
    from farense_studio import paths

    return paths.data_dir() / FILE_NAME


def load_speeds(path: Path | None = None) -> dict:
    """{"format", "machines": {key: {model: {"flops", "tokens_per_second", "params", "source",
    "measured_at"}}}}; a missing or damaged file reads as empty (it is only a cache)."""
    path = path or speeds_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"format": FORMAT, "machines": {}}
    if not isinstance(data, dict) or not isinstance(data.get("machines"), dict):
        return {"format": FORMAT, "machines": {}}
    return data


def record_speed(machine: Machine, model: str, params: float, tokens_per_second: float,
                 source: str, path: Path | None = None) -> dict | None:
    """Keeps a measured speed of `model` on `machine` ("measure": Medir; "run": a training
    run's steps). Returns the entry, None when there was nothing to keep."""
    if not (params and params > 0 and tokens_per_second and tokens_per_second > 0):
        return None
    from farense_studio.files import atomic_write_text

    path = path or speeds_path()
    data = load_speeds(path)
    entry = {"tokens_per_second": float(tokens_per_second), "params": float(params),
             "flops": float(tokens_per_second) * FLOPS_PER_PARAM * float(params),
             "source": source, "measured_at": time.time()}
    data.setdefault("machines", {}).setdefault(machine.key, {})[str(model)] = entry
    data["format"] = FORMAT
    try:
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1))
    except OSError:
        return None  # a read-only data folder costs the next estimate its refinement, no more
    return entry


@dataclass(frozen=True)
class Speed:
    """Model FLOP/s of this machine for a model, and where the figure comes from."""

    flops: float
    source: str  # "prior" | "machine" (measured on another model here) | "model" (this one)
    spread: float

    def tokens_per_second(self, params: float) -> float:
        return self.flops / (FLOPS_PER_PARAM * max(params, 1.0))


def speed_for(machine: Machine, model: str, data: dict | None = None) -> Speed:
    """The best figure known for `model` on `machine` (see the module docstring)."""
    data = load_speeds() if data is None else data
    known = data.get("machines", {}).get(machine.key, {})
    entry = known.get(str(model))
    if isinstance(entry, dict) and entry.get("flops", 0) > 0:
        return Speed(float(entry["flops"]), "model", MEASURED_SPREAD)
    others = [float(e["flops"]) for e in known.values()
              if isinstance(e, dict) and e.get("flops", 0) > 0]
    if others:
        return Speed(statistics.median(others), "machine", 1.6)
    return Speed(PRIOR_FLOPS[machine.kind], "prior", PRIOR_SPREAD)


# ---------------------------------------------------------------------- the model
def model_parameters(spec: str, revision: str | None = None) -> float | None:
    """Parameters of a model from its weights on disk (bytes x 8 / bits), without loading it;
    for a recommended model not yet downloaded, from its listed size. None: unknown."""
    from farense_studio.engine import models

    folder = None
    if spec == models.DEMO_MODEL:
        folder = models.demo_model_dir()
    elif os.path.isdir(spec):
        folder = Path(spec)
    elif models.is_repo_id(spec):
        folder = models.cached_snapshot(spec, revision or "main")
    params = _folder_parameters(folder) if folder else None
    if params:
        return params
    listed = models.recommended(spec)
    if listed and listed.get("size_gb"):
        bits = 8 if spec == models.DEMO_MODEL else 4  # the demo ships as an 8-bit GGUF
        return float(listed["size_gb"]) * 1e9 * 8 / bits
    return None


def _folder_parameters(folder: Path) -> float | None:
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        size = sum(f.stat().st_size for f in folder.glob("*.safetensors"))
    except (OSError, ValueError):
        return None
    if not size:
        return None
    quant = config.get("quantization") or config.get("quantization_config") or {}
    bits = quant.get("bits") if isinstance(quant, dict) else None
    if not bits:
        bits = 32 if str(config.get("torch_dtype", "")).endswith("float32") else 16
    return size * 8 / float(bits)


def run_throughput(rows: list[dict]) -> float | None:
    """Computed (padded) tokens per second of a run's "train" rows after its first step of each
    process (that one compiles), evaluations and saves included: what the next estimate needs."""
    train = [r for r in rows if r.get("kind") == "train"]
    pairs = list(zip(train, train[1:]))
    tokens = sum(int(b.get("tokens_padded") or b.get("tokens") or 0) for a, b in pairs
                 if b["elapsed_s"] > a["elapsed_s"])  # a resume starts its clock again
    seconds = sum(b["elapsed_s"] - a["elapsed_s"] for a, b in pairs if b["elapsed_s"] > a["elapsed_s"])
    return tokens / seconds if tokens and seconds > 0 else None


def record_run(run_dir, model: str, revision: str | None = None) -> dict | None:
    """Keeps the speed a finished, stopped or failed run showed (never raises)."""
    try:
        from farense_studio.engine.runs import read_metrics

        throughput = run_throughput(read_metrics(run_dir))
        if throughput is None:
            return None
        return record_speed(this_machine(), model, model_parameters(model, revision) or 0.0,
                            throughput, "run")
    except Exception:  # noqa: BLE001 - a speed cache must never fail a run
        return None

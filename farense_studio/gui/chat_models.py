"""What the Conversar tab can talk to: each run's best and newest checkpoint, exported adapters,
the plain base model, or an adapter folder the user picks. No Qt, no MLX: folder reading only."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from farense_studio.engine.models import pin_revision

BASE, RUN_BEST, RUN_LATEST, EXPORT, CUSTOM = "base", "best", "latest", "export", "custom"


@dataclass(frozen=True)
class ChatModelChoice:
    """A base model with an optional adapter, and where the adapter came from."""

    kind: str  # BASE | RUN_BEST | RUN_LATEST | EXPORT | CUSTOM
    base: str  # model spec: "demo", a folder or a hub id
    adapter: str | None = None  # folder with adapters.safetensors + adapter_config.json
    run_dir: str | None = None
    name: str = ""  # run or export folder name
    created: float | None = None  # seconds since the epoch (runs)

    @property
    def key(self) -> str:
        """Stable id, remembered in the project settings."""
        return f"{self.kind}:{self.run_dir or self.adapter or self.base}"

    @property
    def has_adapter(self) -> bool:
        return self.adapter is not None


def is_adapter_folder(path: Path) -> bool:
    return (path / "adapters.safetensors").is_file() and (path / "adapter_config.json").is_file()


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _run_base(run_dir: Path, adapter: Path | None) -> str | None:
    from farense_studio.engine.generation import read_run_config

    config = read_run_config(run_dir)
    spec = config.get("model") or (_read_json(adapter / "adapter_config.json").get("model") if adapter else None)
    if not isinstance(spec, str):  # a damaged config.yaml (run_info names it): no base, no choice
        return None
    return pin_revision(spec, config.get("model_revision")) if spec else spec


def run_checkpoints(run_dir: Path) -> dict[str, Path]:
    """{"best": folder, "latest": folder} as training_state.json names them (the newest
    folder holding an adapter when it names none). Only file names are looked at, so listing
    stays instant with big adapters; a damaged checkpoint shows up as a load error."""
    from farense_studio.engine.checkpoints import checkpoints_dir, list_checkpoints, read_training_state

    state = read_training_state(run_dir) or {}
    found = {}
    for which in (RUN_BEST, RUN_LATEST):
        name = state.get(which) or state.get(RUN_LATEST)
        folder = checkpoints_dir(run_dir) / name if isinstance(name, str) else None
        if folder is not None and is_adapter_folder(folder):
            found[which] = folder
    if not found:
        whole = [p for p in list_checkpoints(run_dir) if is_adapter_folder(p)]
        if whole:
            found[RUN_LATEST] = whole[-1]
    return found


def run_choices(treinos_dir: Path | None) -> list[ChatModelChoice]:
    """Best and newest checkpoint of every run with one, newest run first (one entry when the
    best is the newest)."""
    if treinos_dir is None:
        return []
    from farense_studio.engine.runs import list_runs

    choices = []
    for info in list_runs(treinos_dir):
        found = run_checkpoints(info.path)
        if not found:
            continue
        base = _run_base(info.path, next(iter(found.values())))
        if not base:
            continue
        for which, adapter in found.items():
            if which == RUN_LATEST and found.get(RUN_BEST) == adapter:
                continue
            choices.append(ChatModelChoice(which, base, str(adapter), str(info.path), info.name, info.created))
    return choices


def export_choices(exportacoes_dir: Path | None) -> list[ChatModelChoice]:
    """Exported adapters (folders holding the adapter files and naming their base model)."""
    if exportacoes_dir is None or not Path(exportacoes_dir).is_dir():
        return []
    choices = []
    folders = sorted((p for p in Path(exportacoes_dir).iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for folder in folders:
        if not is_adapter_folder(folder):
            continue
        base = adapter_base(folder)
        if base:
            choices.append(ChatModelChoice(EXPORT, base, str(folder), None, folder.name, folder.stat().st_mtime))
    return choices


def adapter_base(folder: Path) -> str | None:
    """The base model of an adapter folder: its adapter_config, metadata.json or run."""
    from farense_studio.engine.generation import adapter_base_model

    spec = adapter_base_model(folder)
    if spec:
        return spec
    meta = _read_json(Path(folder) / "metadata.json").get("base_model") or {}
    return meta.get("id") or meta.get("spec") or None


def custom_choice(folder: str | Path) -> ChatModelChoice | None:
    """A choice for an adapter folder the user picked (None when it is not one)."""
    folder = Path(folder)
    if not is_adapter_folder(folder):
        return None
    base = adapter_base(folder)
    return ChatModelChoice(CUSTOM, base, str(folder), None, folder.name) if base else None


def find_choices(project, default_base: str = "demo") -> list[ChatModelChoice]:
    """Everything to offer for a project (None: only the default base model): runs first
    (newest first), then exports, then each base model on its own."""
    runs = run_choices(project.treinos_dir if project is not None else None)
    exports = export_choices(project.exportacoes_dir if project is not None else None)
    bases: list[str] = []
    for choice in runs + exports:
        if choice.base not in bases:
            bases.append(choice.base)
    training = (project.settings.get("training") or {}) if project is not None else {}
    for spec in (training.get("model"), default_base):
        if spec and spec not in bases:
            bases.append(spec)
    return runs + exports + [ChatModelChoice(BASE, spec) for spec in bases]


def base_label(spec: str, lang: str = "pt") -> str:
    """A person's name for a base model spec (the recommended list's label, else its name)."""
    try:
        from farense_studio.engine.models import DEMO_MODEL, RECOMMENDED_MODELS
    except ImportError:  # pragma: no cover
        DEMO_MODEL, RECOMMENDED_MODELS = "demo", []
    plain = spec.split("@", 1)[0]
    if plain == DEMO_MODEL:
        return "SmolLM2 135M"
    for entry in RECOMMENDED_MODELS:
        if entry.get("id") == plain:
            label = entry.get("label_pt" if lang == "pt" else "label_en") or plain
            return label.split(" — ")[0].split(" (")[0]
    name = Path(plain).name or plain
    return name.split("/")[-1]

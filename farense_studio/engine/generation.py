"""Chat generation: load a base model with an optional adapter and stream replies token by token.

Reuses mlx-lm (load, LoRA layers, stream_generate, sample_utils). What it adds: replies always
end at the end-of-turn token, a stop event honoured between tokens (and between prompt chunks),
adapters swapped without reloading the base, and the base model's own answer on demand from
the same weights (``adapter_disabled``), which the side-by-side view and the scorecard need.
No Qt here; MLX objects stay in the thread that loaded them (one cache per thread).
"""

from __future__ import annotations

import json
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Iterator

from farense_studio.messages import CodedError
from farense_studio.program.inference_core import DEFAULTS, add_end_of_turn, chat_tokens


@dataclass
class GenerationSettings:
    """How replies are sampled. temperature 0 means greedy (always the likeliest token)."""

    temperature: float = DEFAULTS["temperature"]
    top_p: float = DEFAULTS["top_p"]
    max_tokens: int = DEFAULTS["max_tokens"]
    repetition_penalty: float = DEFAULTS["repetition_penalty"]
    repetition_context_size: int = 20

    @classmethod
    def greedy(cls, max_tokens: int = 256) -> "GenerationSettings":
        """Deterministic decoding, as the scorecard uses: argmax, no penalty."""
        return cls(temperature=0.0, top_p=1.0, max_tokens=max_tokens, repetition_penalty=1.0)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "GenerationSettings":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in names})


class GenerationError(CodedError):
    """A failure with a stable code and parameters (rendered by farense_studio.messages)."""

    str_lang = "en"


@dataclass
class ReplyStats:
    """What one reply cost: filled in while its ReplyStream is consumed."""

    prompt_tokens: int = 0
    generation_tokens: int = 0
    time_to_first_token: float | None = None  # seconds from the call to the first text chunk
    elapsed: float = 0.0
    generation_tps: float = 0.0  # mlx-lm's own measure: tokens after the first / their time
    finish_reason: str | None = None  # "stop" (end of turn), "length", "cancelled"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------------------------
# Prompts


def conversation(system_prompt: str | None, turns: list[tuple[str, str]], question: str) -> list[dict[str, str]]:
    """Messages for a question after earlier (question, answer) turns."""
    messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
    for asked, answered in turns:
        messages.append({"role": "user", "content": asked})
        messages.append({"role": "assistant", "content": answered})
    messages.append({"role": "user", "content": question})
    return messages


# --------------------------------------------------------------------------------------------
# Streaming


class _Cancelled(Exception):
    pass


def make_sampler(settings: GenerationSettings):
    from mlx_lm.sample_utils import make_sampler as _make_sampler

    if settings.temperature <= 0:
        return _make_sampler(0.0)
    return _make_sampler(settings.temperature, top_p=settings.top_p if settings.top_p < 1 else 0.0)


def make_logits_processors(settings: GenerationSettings):
    from mlx_lm.sample_utils import make_logits_processors as _make

    if not settings.repetition_penalty or settings.repetition_penalty == 1.0:
        return None
    return _make(repetition_penalty=settings.repetition_penalty,
                 repetition_context_size=settings.repetition_context_size)


class ReplyStream:
    """Iterator over the text chunks of one reply; ``stats`` is complete once it is exhausted.

    Generation ends at the end-of-turn token, at max_tokens, or as soon as stop_event is set
    (checked after every token and between prompt chunks; no further chunk is yielded).
    """

    def __init__(self, model, tokenizer, messages, settings: GenerationSettings | None = None,
                 stop_event: threading.Event | None = None, prompt: list[int] | None = None):
        self.model = model
        self.tokenizer = tokenizer
        self.messages = messages
        self.settings = settings or GenerationSettings()
        self.stop_event = stop_event
        self.prompt = prompt
        self.stats = ReplyStats()
        self.text = ""
        self._iterator = self._generate()

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        return next(self._iterator)

    def close(self) -> None:
        """Ends generation now (as when the consumer stops early)."""
        self._iterator.close()

    def _stopped(self) -> bool:
        return self.stop_event is not None and self.stop_event.is_set()

    def _generate(self) -> Iterator[str]:
        from mlx_lm.generate import stream_generate

        start = time.perf_counter()
        stats = self.stats
        if self._stopped():
            stats.finish_reason = "cancelled"
            return
        add_end_of_turn(self.tokenizer)
        prompt = self.prompt if self.prompt is not None else chat_tokens(self.tokenizer, self.messages)
        stats.prompt_tokens = len(prompt)

        def on_prompt_progress(done: int, total: int) -> None:
            if self._stopped():
                raise _Cancelled()

        responses = stream_generate(
            self.model, self.tokenizer, prompt, max_tokens=self.settings.max_tokens,
            sampler=make_sampler(self.settings),
            logits_processors=make_logits_processors(self.settings),
            prompt_progress_callback=on_prompt_progress,
        )
        try:
            for response in responses:
                stats.generation_tokens = response.generation_tokens
                stats.generation_tps = response.generation_tps
                stats.elapsed = time.perf_counter() - start
                if response.finish_reason is not None:
                    stats.finish_reason = response.finish_reason
                if response.text:
                    if stats.time_to_first_token is None:
                        stats.time_to_first_token = stats.elapsed
                    self.text += response.text
                    yield response.text
                if self._stopped():
                    stats.finish_reason = "cancelled"
                    return
        except _Cancelled:
            stats.finish_reason = "cancelled"
        finally:
            responses.close()
            stats.elapsed = time.perf_counter() - start


def stream_reply(model, tokenizer, messages: list[dict[str, str]],
                 settings: GenerationSettings | None = None,
                 stop_event: threading.Event | None = None) -> ReplyStream:
    """Streams the assistant's reply to ``messages`` (system prompt included) as text chunks."""
    return ReplyStream(model, tokenizer, messages, settings, stop_event)


def generate_reply(model, tokenizer, messages, settings: GenerationSettings | None = None,
                   stop_event: threading.Event | None = None) -> str:
    """The whole reply as one string."""
    return "".join(stream_reply(model, tokenizer, messages, settings, stop_event))


# --------------------------------------------------------------------------------------------
# Adapters on a loaded base


def _lora_modules(model) -> list[tuple[str, Any, Any]]:
    """(name, wrapper, wrapped base layer) of every LoRA/DoRA layer in the model."""
    from mlx_lm.tuner.dora import DoRAEmbedding, DoRALinear
    from mlx_lm.tuner.lora import LoRAEmbedding, LoRALinear, LoRASwitchLinear

    found = []
    for name, module in model.named_modules():
        if isinstance(module, (LoRALinear, LoRASwitchLinear, DoRALinear)):
            found.append((name, module, module.linear))
        elif isinstance(module, (LoRAEmbedding, DoRAEmbedding)):
            found.append((name, module, module.embedding))
    return found


def _replace_modules(model, pairs: list[tuple[str, Any]]) -> None:
    from mlx.utils import tree_unflatten

    if pairs:
        model.update_modules(tree_unflatten(pairs))


def has_adapter(model) -> bool:
    return bool(_lora_modules(model))


def remove_adapter(model) -> None:
    """Puts the base layers back: the model computes exactly what the base model does."""
    _replace_modules(model, [(name, base) for name, _, base in _lora_modules(model)])


@contextmanager
def adapter_disabled(model):
    """Within the block the model is the plain base model (same weight arrays, no LoRA term);
    afterwards the very same adapter modules are back (safe on a model being trained)."""
    wrapped = _lora_modules(model)
    _replace_modules(model, [(name, base) for name, _, base in wrapped])
    try:
        yield model
    finally:
        _replace_modules(model, [(name, wrapper) for name, wrapper, _ in wrapped])


def apply_adapter(model, adapter_path: str | Path) -> None:
    """Removes any adapter, then applies the one in adapter_path (mlx-lm's format)."""
    from mlx_lm.tuner.utils import load_adapters

    path = Path(adapter_path)
    if not (path / "adapters.safetensors").is_file() or not (path / "adapter_config.json").is_file():
        raise GenerationError("adapter_not_found", path=str(path))
    remove_adapter(model)
    try:
        load_adapters(model, str(path))
    except (ValueError, KeyError) as exc:
        remove_adapter(model)
        raise GenerationError("adapter_incompatible", path=str(path), detail=str(exc)) from exc
    except (RuntimeError, OSError) as exc:  # mlx cannot read the weights: a damaged file
        remove_adapter(model)
        raise GenerationError("adapter_unreadable", path=str(path), detail=str(exc)) from exc
    model.eval()  # new LoRA layers start in training mode (dropout on)


def adapter_setting(adapter_path: str | Path, key: str) -> str | None:
    """A training setting of an adapter ("model", "system_prompt"): from its adapter_config.json,
    else from the config.yaml of the run it sits in."""
    path = Path(adapter_path)
    try:
        config = json.loads((path / "adapter_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {}
    for source in (config, *(read_run_config(folder) for folder in (path, *path.parents[:3]))):
        value = source.get(key) if isinstance(source, dict) else None
        if isinstance(value, str) and value.strip():
            return value
    return None


def adapter_base_model(adapter_path: str | Path) -> str | None:
    """The base model an adapter was trained on, when its folder or run says so."""
    return adapter_setting(adapter_path, "model")


# --------------------------------------------------------------------------------------------
# Runs: system prompt and base model


def read_run_config(run_dir: str | Path) -> dict[str, Any]:
    """The run's config.yaml as a dict ({} when absent or unreadable)."""
    path = Path(run_dir) / "config.yaml"
    if not path.is_file():
        return {}
    try:
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except Exception:  # OSError, yaml.YAMLError
        return {}
    return data if isinstance(data, dict) else {}


def default_system_prompt() -> str:
    """The training default (engine.config)."""
    from farense_studio.engine.config import DEFAULT_SYSTEM_PROMPT

    return DEFAULT_SYSTEM_PROMPT


def run_system_prompt(run_dir: str | Path | None = None, adapter_path: str | Path | None = None) -> str:
    """The system prompt a run (or an adapter's folder) was trained with; chat reuses it
    unless the user edits it."""
    prompt = adapter_setting(adapter_path, "system_prompt") if adapter_path is not None else None
    if prompt is None and run_dir is not None:
        prompt = read_run_config(run_dir).get("system_prompt")
    return prompt if isinstance(prompt, str) and prompt.strip() else default_system_prompt()


# --------------------------------------------------------------------------------------------
# Loading


def resolve_base(spec: str, progress=None, cancel=None) -> str:
    """A model folder for spec: through engine.models.resolve_model when it exists."""
    try:
        from farense_studio.engine.models import resolve_model
    except ImportError:
        return spec
    return str(resolve_model(spec, progress=progress, cancel=cancel))


@dataclass
class LoadedChatModel:
    """The base model held by a ChatModelCache and the adapter currently applied to it."""

    spec: str
    path: str
    model: Any
    tokenizer: Any
    adapter_path: str | None = None
    load_seconds: float = 0.0
    adapter_seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


class ChatModelCache:
    """Holds one base model; asking for another adapter on the same base only swaps LoRA."""

    def __init__(self):
        self.current: LoadedChatModel | None = None
        self.base_loads = 0  # how many times a base was read from disk (tests check swaps)

    def load(self, base_spec: str, adapter_path: str | Path | None = None,
             progress: Callable | None = None, cancel=None) -> LoadedChatModel:
        current = self.current
        if current is None or current.spec != str(base_spec):
            self.unload()
            start = time.perf_counter()
            path = resolve_base(str(base_spec), progress=progress, cancel=cancel)
            try:
                from mlx_lm import load

                model, tokenizer = load(path)
            except FileNotFoundError as exc:
                raise GenerationError("model_not_found", spec=str(base_spec), detail=str(exc)) from exc
            except (ValueError, OSError) as exc:
                raise GenerationError("model_load_failed", spec=str(base_spec), detail=str(exc)) from exc
            add_end_of_turn(tokenizer)
            current = LoadedChatModel(str(base_spec), str(path), model, tokenizer,
                                      load_seconds=time.perf_counter() - start)
            self.base_loads += 1
            self.current = current
        wanted = str(Path(adapter_path).resolve()) if adapter_path else None
        if wanted != current.adapter_path:
            start = time.perf_counter()
            current.adapter_path = None
            if wanted is None:
                remove_adapter(current.model)
            else:
                apply_adapter(current.model, wanted)
            current.adapter_path = wanted
            current.adapter_seconds = time.perf_counter() - start
        return current

    def unload(self) -> None:
        if self.current is not None:
            self.current = None
            try:
                import gc

                import mlx.core as mx

                gc.collect()
                mx.clear_cache()
            except Exception:
                pass


_thread_caches = threading.local()


def thread_cache() -> ChatModelCache:
    """This thread's cache (MLX streams are thread-local, so are loaded models)."""
    cache = getattr(_thread_caches, "cache", None)
    if cache is None:
        cache = _thread_caches.cache = ChatModelCache()
    return cache


def load_chat_model(base_spec: str, adapter_path: str | Path | None = None, progress=None,
                    cache: ChatModelCache | None = None):
    """(model, tokenizer) for base_spec (folder, hub id or "demo") with an optional adapter.

    Calling it again with the same base and another adapter keeps the base weights and swaps
    only the LoRA layers.
    """
    loaded = (cache or thread_cache()).load(base_spec, adapter_path, progress=progress)
    return loaded.model, loaded.tokenizer

